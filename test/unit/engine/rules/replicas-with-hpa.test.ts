import { test } from 'node:test';
import assert from 'node:assert/strict';
import { findingsOf, lintText } from '../../../helpers/lint';
import { applyEdits, fileEdits, fixAll, Linter } from '../../../../server/src/engine';

const ID = 'replicas-with-hpa';

const deployment = (replicas: string, ns = '') => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web${ns ? `\n  namespace: ${ns}` : ''}
spec:
${replicas ? `  replicas: ${replicas}\n` : ''}  template:
    spec:
      containers: [{name: web, image: "web:1"}]
`;
const hpa = (ns = '', kind = 'Deployment') => `---
apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata:
  name: web-hpa${ns ? `\n  namespace: ${ns}` : ''}
spec:
  scaleTargetRef: {apiVersion: apps/v1, kind: ${kind}, name: web}
  minReplicas: 2
  maxReplicas: 8
`;

const cases: { name: string; text: string; expected: string[] }[] = [
  {
    name: 'replicas set on an autoscaled Deployment',
    text: deployment('3') + hpa(),
    expected: ['6:3 warning replicas is 3, but HorizontalPodAutoscaler web-hpa (2–8 replicas) scales Deployment web: every apply resets the replica count to 3 until the autoscaler corrects it. Remove the field.'],
  },
  { name: 'no replicas', text: deployment('') + hpa(), expected: [] },
  { name: 'no autoscaler in the lint set', text: deployment('3'), expected: [] },
  { name: 'replicas 0 parks the workload', text: deployment('0') + hpa(), expected: [] },
  { name: 'the HPA targets another kind', text: deployment('3') + hpa('', 'StatefulSet'), expected: [] },
  { name: 'other namespace', text: deployment('3', 'a') + hpa('b'), expected: [] },
  { name: 'same namespace', text: deployment('3', 'a') + hpa('a'), expected: [findingsOf(deployment('3') + hpa(), ID)[0].replace('6:3', '7:3')] },
];

for (const c of cases) {
  test(`${ID}: ${c.name}`, () => {
    assert.deepEqual(findingsOf(c.text, ID), c.expected);
  });
}

test(`${ID}: the fix removes the line but keeps its comment, is safe, and a second pass does nothing`, () => {
  const text = deployment('3 # old value') + hpa();
  const f = lintText(text).find((x) => x.ruleId === ID)!;
  assert.equal(f.fixes![0].safe, true);
  const out = applyEdits(text, fileEdits(f, f.fixes![0]));
  assert.equal(out, text.replace('  replicas: 3 # old value\n', '  # old value\n'));
  const lint = (t: string) => lintText(t).filter((x) => x.ruleId === ID);
  assert.equal(fixAll(out, lint).applied, 0);
});

test(`${ID}: across files, with related information on the autoscaler`, () => {
  const linter = new Linter();
  linter.update('deploy.yaml', deployment('5'));
  linter.update('hpa.yaml', hpa().replace(/^---\n/, ''));
  const [f] = linter.lintFile('deploy.yaml').filter((x) => x.ruleId === ID);
  assert.ok(f);
  assert.equal(f.related?.length, 1);
  assert.equal(f.related![0].file, 'hpa.yaml');
  assert.equal(f.related![0].message, 'HorizontalPodAutoscaler web-hpa scales Deployment web');
  assert.equal(linter.lintFile('hpa.yaml').filter((x) => x.ruleId === ID).length, 0);
  linter.remove('hpa.yaml');
  assert.equal(linter.lintFile('deploy.yaml').filter((x) => x.ruleId === ID).length, 0);
});

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseAllDocuments } from 'yaml';
import { findingsOf, lintText } from '../../../helpers/lint';
import { applyEdits, fileEdits, Linter } from '../../../../server/src/engine';

const ID = 'pdb-coverage';

const deployment = (replicas: string, opts: { ns?: string; kind?: string; selector?: string; labels?: string } = {}) => `apiVersion: apps/v1
kind: ${opts.kind ?? 'Deployment'}
metadata:
  name: web${opts.ns ? `\n  namespace: ${opts.ns}` : ''}
spec:
${replicas ? `  replicas: ${replicas}\n` : ''}  selector:
    ${opts.selector ?? 'matchLabels: {app: web}'}
  template:
    metadata:
      labels: ${opts.labels ?? '{app: web, track: stable}'}
    spec:
      containers: [{name: web, image: "web:1"}]
`;
const pdb = (selector: string, opts: { ns?: string; api?: string } = {}) => `---
apiVersion: ${opts.api ?? 'policy/v1'}
kind: PodDisruptionBudget
metadata:
  name: some-pdb${opts.ns ? `\n  namespace: ${opts.ns}` : ''}
spec:
  maxUnavailable: 1
  selector: ${selector}
`;
const hpa = (min: string) => `---
apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata: {name: web}
spec:
  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: web}
${min ? `  minReplicas: ${min}\n` : ''}  maxReplicas: 10
`;

const msg = (what: string, extra = '') => `4:9 info Deployment web runs ${what}, but no PodDisruptionBudget selects them${extra}: a node drain or cluster upgrade can evict them all at once.`;

const cases: { name: string; text: string; expected: string[] }[] = [
  { name: 'replicas 3, no PDB at all in the lint set: silent (SPEC §1)', text: deployment('3'), expected: [] },
  { name: 'replicas 3, a PDB selecting other pods', text: deployment('3') + pdb('{matchLabels: {app: api}}'), expected: [msg('3 pods (spec.replicas)')] },
  { name: 'covered by matchLabels', text: deployment('3') + pdb('{matchLabels: {app: web}}'), expected: [] },
  { name: 'covered by matchExpressions', text: deployment('3') + pdb('{matchExpressions: [{key: track, operator: Exists}]}'), expected: [] },
  { name: 'policy/v1 empty selector covers all', text: deployment('3') + pdb('{}'), expected: [] },
  { name: 'policy/v1beta1 empty selector covers none', text: deployment('3') + pdb('{}', { api: 'policy/v1beta1' }), expected: [msg('3 pods (spec.replicas)')] },
  { name: 'PDB in another namespace', text: deployment('3', { ns: 'a' }) + pdb('{matchLabels: {app: web}}', { ns: 'b' }), expected: [msg('3 pods (spec.replicas)')] },
  { name: 'one replica', text: deployment('1'), expected: [] },
  { name: 'default replicas (1)', text: deployment(''), expected: [] },
  { name: 'replicas not a number', text: deployment('"${REPLICAS}"'), expected: [] },
  { name: 'HPA minimum 1 wins over replicas 5', text: deployment('5') + hpa('1'), expected: [] },
  { name: 'HPA default minimum (1)', text: deployment('5') + hpa(''), expected: [] },
  { name: 'HPA minimum 2', text: deployment('') + hpa('2') + pdb('{matchLabels: {app: api}}'), expected: [msg('at least 2 pods (minReplicas of HorizontalPodAutoscaler web)')] },
  {
    name: 'StatefulSet',
    text: deployment('2', { kind: 'StatefulSet' }) + pdb('{matchLabels: {app: api}}'),
    expected: [msg('2 pods (spec.replicas)').replace('Deployment', 'StatefulSet')],
  },
];

for (const c of cases) {
  test(`${ID}: ${c.name}`, () => {
    assert.deepEqual(findingsOf(c.text, ID), c.expected);
  });
}

/** A PDB for other pods: the lint set holds a PDB, so the rule has something to match against (SPEC §1). */
const otherPdb = () => pdb('{matchLabels: {app: api}}').replace('some-pdb', 'api-pdb');

function applyFix(text: string): { out: string; safe: boolean; count: number } {
  const found = lintText(text).filter((x) => x.ruleId === ID);
  const f = found.find((x) => x.fixes?.length);
  assert.ok(f, 'a finding with a fix');
  return { out: applyEdits(text, fileEdits(f, f.fixes![0])), safe: f.fixes![0].safe, count: found.length };
}

test(`${ID}: the fix appends a policy/v1 PDB with maxUnavailable 1 and the workload's matchLabels`, () => {
  const text = otherPdb() + '---\n' + deployment('3', { ns: 'shop', selector: 'matchLabels:\n      app: web\n      app.kubernetes.io/part-of: "true"', labels: '{app: web, app.kubernetes.io/part-of: "true", track: x}' });
  const { out, safe } = applyFix(text);
  assert.equal(safe, false);
  assert.equal(
    out.slice(text.length),
    '---\napiVersion: policy/v1\nkind: PodDisruptionBudget\nmetadata:\n  name: web-pdb\n  namespace: shop\nspec:\n  maxUnavailable: 1\n  selector:\n    matchLabels:\n      app: web\n      app.kubernetes.io/part-of: "true"\n',
  );
  assert.ok(parseAllDocuments(out).every((d) => d.errors.length === 0));
  assert.deepEqual(findingsOf(out, ID), [], 'the new PDB covers the workload: no second PDB is offered');
});

test(`${ID}: the fix works in the middle of a file, without a final newline, and avoids a taken name`, () => {
  const middle = deployment('3') + pdb('{matchLabels: {app: other}}').replace('some-pdb', 'web-pdb');
  const { out } = applyFix(middle);
  assert.ok(out.includes('  replicas: 3\n'));
  assert.match(out, /containers: \[\{name: web, image: "web:1"\}\]\n---\napiVersion: policy\/v1\nkind: PodDisruptionBudget\nmetadata:\n {2}name: web-pdb-2\n/);
  assert.ok(parseAllDocuments(out).every((d) => d.errors.length === 0));
  assert.deepEqual(findingsOf(out, ID), []);
  const noNewline = (otherPdb() + '---\n' + deployment('3')).trimEnd();
  const r = applyFix(noNewline);
  assert.ok(parseAllDocuments(r.out).every((d) => d.errors.length === 0));
  assert.deepEqual(findingsOf(r.out, ID), []);
});

test(`${ID}: no fix when the workload's selector uses matchExpressions`, () => {
  const text = otherPdb() + '---\n' + deployment('3', { selector: 'matchExpressions: [{key: app, operator: In, values: [web]}]' });
  const [f] = lintText(text).filter((x) => x.ruleId === ID);
  assert.ok(f);
  assert.equal(f.fixes, undefined);
});

test(`${ID}: a PDB in another file of the lint set covers the workload`, () => {
  const linter = new Linter();
  linter.update('deploy.yaml', deployment('3'));
  assert.equal(linter.lintFile('deploy.yaml').filter((x) => x.ruleId === ID).length, 0, 'no PDB in the lint set: silent');
  linter.update('other.yaml', otherPdb());
  assert.equal(linter.lintFile('deploy.yaml').filter((x) => x.ruleId === ID).length, 1);
  linter.update('pdb.yaml', pdb('{matchLabels: {app: web}}'));
  assert.equal(linter.lintFile('deploy.yaml').filter((x) => x.ruleId === ID).length, 0);
});

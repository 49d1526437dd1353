import { test } from 'node:test';
import assert from 'node:assert/strict';
import { findingsOf, lintText } from '../../../helpers/lint';
import { applyEdits, fileEdits, Linter } from '../../../../server/src/engine';
import { levenshtein } from '../../../../server/src/engine/near-names';

const ID = 'hpa-target-exists';

const workload = (name: string, kind = 'Deployment', ns = '') => `---
apiVersion: apps/v1
kind: ${kind}
metadata: {name: ${name}${ns ? `, namespace: ${ns}` : ''}}
spec:
  template:
    spec:
      containers: [{name: c, image: "c:1"}]
`;
const hpa = (target: string, kind = 'Deployment', ns = '') => `apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata: {name: h${ns ? `, namespace: ${ns}` : ''}}
spec:
  scaleTargetRef:
    apiVersion: apps/v1
    kind: ${kind}
    name: ${target}
  minReplicas: 2
  maxReplicas: 10
`;

test(`${ID}: levenshtein`, () => {
  assert.equal(levenshtein('checkout', 'checkout'), 0);
  assert.equal(levenshtein('chekout', 'checkout'), 1);
  assert.equal(levenshtein('kitten', 'sitting'), 3);
  assert.equal(levenshtein('', 'abc'), 3);
  // With a limit: exact up to it, and anything above it reported as limit + 1 (the search stops early).
  assert.equal(levenshtein('kitten', 'sitting', 3), 3);
  assert.equal(levenshtein('kitten', 'sitting', 2), 3);
  assert.equal(levenshtein('payments-svc-12', 'search-svc-7', 3), 4);
  assert.equal(levenshtein('a', 'abcdef', 1), 2);
});

const cases: { name: string; text: string; expected: string[] }[] = [
  { name: 'target exists', text: hpa('web') + workload('web'), expected: [] },
  {
    name: 'typo with one candidate',
    text: hpa('wbe-frontend') + workload('web-frontend') + workload('api'),
    expected: ['8:11 warning scaleTargetRef names Deployment wbe-frontend, which is not in namespace default in the lint set (Deployments there: api, web-frontend). Did you mean web-frontend?'],
  },
  {
    name: 'nothing close enough',
    text: hpa('payments') + workload('web'),
    expected: ['8:11 warning scaleTargetRef names Deployment payments, which is not in namespace default in the lint set (Deployments there: web).'],
  },
  {
    name: 'short names allow one edit only',
    text: hpa('abc') + workload('xyc'),
    expected: ['8:11 warning scaleTargetRef names Deployment abc, which is not in namespace default in the lint set (Deployments there: xyc).'],
  },
  {
    name: 'the name exists as the other kind',
    text: hpa('db') + workload('db', 'StatefulSet'),
    expected: ['7:11 warning scaleTargetRef names Deployment db, but db in namespace default is a StatefulSet.'],
  },
  {
    name: 'no Deployment of that kind, but workloads in the namespace',
    text: hpa('db', 'StatefulSet') + workload('web'),
    expected: ['8:11 warning scaleTargetRef names StatefulSet db, which is not in namespace default in the lint set (there is no StatefulSet there).'],
  },
  { name: 'no workload in the lint set', text: hpa('web'), expected: [] },
  { name: 'workloads only in other namespaces', text: hpa('web', 'Deployment', 'a') + workload('web', 'Deployment', 'b'), expected: [] },
  { name: 'kinds the lint set cannot hold', text: hpa('web', 'Rollout') + workload('api'), expected: [] },
  {
    name: 'namespaced: only the namespace’s workloads',
    text: hpa('web', 'Deployment', 'a') + workload('web', 'Deployment', 'b') + workload('api', 'Deployment', 'a'),
    expected: ['8:11 warning scaleTargetRef names Deployment web, which is not in namespace a in the lint set (Deployments there: api).'],
  },
];

for (const c of cases) {
  test(`${ID}: ${c.name}`, () => {
    assert.deepEqual(findingsOf(c.text, ID), c.expected);
  });
}

function fixesOf(text: string) {
  const f = lintText(text).find((x) => x.ruleId === ID)!;
  return { f, fixes: f.fixes ?? [] };
}

test(`${ID}: one nearest name: a safe rename that resolves the finding`, () => {
  const text = hpa('chekout') + workload('checkout') + workload('cart');
  const { f, fixes } = fixesOf(text);
  assert.equal(fixes.length, 1);
  assert.equal(fixes[0].safe, true);
  const out = applyEdits(text, fileEdits(f, fixes[0]));
  assert.match(out, /name: checkout\n {2}minReplicas/);
  assert.deepEqual(findingsOf(out, ID), []);
});

test(`${ID}: two equally near names: both offered, neither safe`, () => {
  const { fixes } = fixesOf(hpa('carx') + workload('card') + workload('cart'));
  assert.deepEqual(fixes.map((x) => [x.title, x.safe]), [
    ['Change the target to Deployment card', false],
    ['Change the target to Deployment cart', false],
  ]);
});

test(`${ID}: the kind fix replaces the kind, or inserts it in a ScaledObject that relies on the default`, () => {
  const text = hpa('db') + workload('db', 'StatefulSet');
  const { f, fixes } = fixesOf(text);
  const out = applyEdits(text, fileEdits(f, fixes[0]));
  assert.match(out, /kind: StatefulSet\n {4}name: db/);
  assert.deepEqual(findingsOf(out, ID), []);
  const so = 'apiVersion: keda.sh/v1alpha1\nkind: ScaledObject\nmetadata: {name: s}\nspec:\n  scaleTargetRef:\n    name: db\n' + workload('db', 'StatefulSet');
  const g = fixesOf(so);
  assert.equal(g.fixes[0].safe, true);
  const out2 = applyEdits(so, fileEdits(g.f, g.fixes[0]));
  assert.match(out2, /scaleTargetRef:\n {4}name: db\n {4}kind: StatefulSet\n/);
  assert.deepEqual(findingsOf(out2, ID), []);
});

test(`${ID}: across files, related information points at the candidate`, () => {
  const linter = new Linter();
  linter.update('hpa.yaml', hpa('chekout'));
  linter.update('deploy.yaml', workload('checkout').replace(/^---\n/, ''));
  const [f] = linter.lintFile('hpa.yaml').filter((x) => x.ruleId === ID);
  assert.deepEqual(f.related?.map((r) => [r.file, r.message]), [['deploy.yaml', 'Deployment checkout']]);
  linter.update('deploy.yaml', workload('chekout').replace(/^---\n/, ''));
  assert.equal(linter.lintFile('hpa.yaml').filter((x) => x.ruleId === ID).length, 0);
});

test(`${ID}: a target close to no name, in a file without workloads, is most likely defined elsewhere: silent`, () => {
  const linter = new Linter();
  linter.update('apps/web.yaml', workload('web').slice(4));
  linter.update('other/hpa.yaml', hpa('t5-inference'));
  assert.deepEqual(linter.lintFile('other/hpa.yaml').filter((f) => f.ruleId === ID), []);
  // A typo of a name in the lint set is reported wherever the autoscaler is.
  linter.update('other/hpa.yaml', hpa('webb'));
  assert.deepEqual(linter.lintFile('other/hpa.yaml').filter((f) => f.ruleId === ID).map((f) => f.message), [
    'scaleTargetRef names Deployment webb, which is not in namespace default in the lint set (Deployments there: web). Did you mean web?',
  ]);
  // In a file that holds workloads of the namespace, an unknown target is reported even with no near name.
  linter.update('other/hpa.yaml', hpa('t5-inference') + workload('api'));
  assert.equal(linter.lintFile('other/hpa.yaml').filter((f) => f.ruleId === ID).length, 1);
});


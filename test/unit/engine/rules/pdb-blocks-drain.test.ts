import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseAllDocuments } from 'yaml';
import { findingsOf, lintText } from '../../../helpers/lint';
import { applyEdits, fileEdits, Linter } from '../../../../server/src/engine';

const ID = 'pdb-blocks-drain';

/** A PDB first (its budget on line 6), then the workload and its autoscaler. */
const pdb = (budget: string, selector = '{matchLabels: {app: web}}', api = 'policy/v1') => `apiVersion: ${api}
kind: PodDisruptionBudget
metadata:
  name: web-pdb
spec:
  ${budget}
  selector: ${selector}
`;
const deployment = (replicas?: string, name = 'web', labels = '{app: web, tier: fe}') => `---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${name}
spec:
${replicas !== undefined ? `  replicas: ${replicas}\n` : ''}  selector: {matchLabels: {app: web}}
  template:
    metadata:
      labels: ${labels}
    spec:
      containers: [{name: web, image: "web:1"}]
`;
const hpa = (min?: string, name = 'web') => `---
apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata: {name: ${name}}
spec:
  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: web}
${min !== undefined ? `  minReplicas: ${min}\n` : ''}  maxReplicas: 10
`;
const scaledObject = (min?: string) => `---
apiVersion: keda.sh/v1alpha1
kind: ScaledObject
metadata: {name: web-so}
spec:
  scaleTargetRef: {name: web}
${min !== undefined ? `  minReplicaCount: ${min}\n` : ''}  triggers: [{type: cpu, metricType: Utilization, metadata: {value: "60"}}]
`;

const tail = ': at the minimum no pod may be evicted, so every node drain hangs. Use maxUnavailable: 1.';

const valid: { name: string; text: string }[] = [
  { name: 'maxUnavailable 1', text: pdb('maxUnavailable: 1') + deployment('3') },
  { name: 'maxUnavailable 25% (rounds up to 1)', text: pdb('maxUnavailable: 25%') + deployment('2') },
  { name: 'minAvailable below replicas', text: pdb('minAvailable: 2') + deployment('3') },
  { name: 'minAvailable below the HPA minimum', text: pdb('minAvailable: 1') + deployment() + hpa('2') },
  { name: 'minAvailable 50% of 3 rounds up to 2 < 3', text: pdb('minAvailable: 50%') + deployment('3') },
  { name: 'the PDB selects no workload in the lint set', text: pdb('minAvailable: 5', '{matchLabels: {app: api}}') + deployment('2') },
  { name: 'no workload at all: nothing to judge against', text: pdb('minAvailable: 5') },
  { name: 'workload parked at replicas 0', text: pdb('minAvailable: 1') + deployment('0') },
  { name: 'replicas templated (unreadable)', text: pdb('minAvailable: 1') + deployment('"${N}"') },
  { name: 'matchExpressions that exclude the workload', text: pdb('minAvailable: 3', '{matchExpressions: [{key: tier, operator: NotIn, values: [fe]}]}') + deployment('2') },
  { name: 'policy/v1beta1 empty selector selects nothing', text: pdb('minAvailable: 3', '{}', 'policy/v1beta1') + deployment('2') },
  { name: 'minAvailable unreadable', text: pdb('minAvailable: "${MIN}"') + deployment('2') },
  { name: 'a workload in another namespace', text: pdb('minAvailable: 2').replace('name: web-pdb', 'name: web-pdb\n  namespace: a') + deployment('2').replace('name: web', 'name: web\n  namespace: b') },
];

const invalid: { name: string; text: string; expected: string[] }[] = [
  {
    name: 'minAvailable equals replicas',
    text: pdb('minAvailable: 2') + deployment('2'),
    expected: [`6:17 warning minAvailable 2 equals the minimum 2 of Deployment web (spec.replicas)${tail}`],
  },
  {
    name: 'minAvailable above replicas',
    text: pdb('minAvailable: 3') + deployment('2'),
    expected: [`6:17 warning minAvailable 3 is above the minimum 2 of Deployment web (spec.replicas)${tail}`],
  },
  {
    name: 'minAvailable 1 and replicas not set (1)',
    text: pdb('minAvailable: 1') + deployment(),
    expected: [`6:17 warning minAvailable 1 equals the minimum 1 of Deployment web (default spec.replicas)${tail}`],
  },
  {
    name: 'the HPA minimum wins over replicas',
    text: pdb('minAvailable: 2') + deployment('5') + hpa('2'),
    expected: [`6:17 warning minAvailable 2 equals the minimum 2 of Deployment web (minReplicas of HorizontalPodAutoscaler web)${tail}`],
  },
  {
    name: 'the HPA default minimum (1)',
    text: pdb('minAvailable: 1') + deployment() + hpa(),
    expected: [`6:17 warning minAvailable 1 equals the minimum 1 of Deployment web (default minReplicas of HorizontalPodAutoscaler web)${tail}`],
  },
  {
    name: 'a scale-to-zero ScaledObject runs 1 pod while active',
    text: pdb('minAvailable: 1') + deployment() + scaledObject('0'),
    expected: [`6:17 warning minAvailable 1 equals the minimum 1 of Deployment web (minReplicaCount 0 of ScaledObject web-so: 1 pod while active)${tail}`],
  },
  {
    name: 'minAvailable 60% of 2 rounds up to 2',
    text: pdb('minAvailable: 60%') + deployment('2'),
    expected: [`6:17 warning minAvailable 60% of the minimum 2 of Deployment web (spec.replicas) rounds up to 2 pods${tail}`],
  },
  {
    name: 'minAvailable 100%',
    text: pdb('minAvailable: "100%"') + deployment('4'),
    expected: [`6:17 warning minAvailable 100% of the minimum 4 of Deployment web (spec.replicas) rounds up to 4 pods${tail}`],
  },
  {
    name: 'maxUnavailable 0',
    text: pdb('maxUnavailable: 0') + deployment('3'),
    expected: ['6:19 warning maxUnavailable is 0: no pod this budget selects may ever be evicted (the minimum 3 of Deployment web (spec.replicas)), so every node drain hangs. Use maxUnavailable: 1.'],
  },
  {
    name: 'maxUnavailable 0%',
    text: pdb('maxUnavailable: 0%') + deployment('3'),
    expected: ['6:19 warning maxUnavailable is 0%: no pod this budget selects may ever be evicted (the minimum 3 of Deployment web (spec.replicas)), so every node drain hangs. Use maxUnavailable: 1.'],
  },
  {
    name: 'matchExpressions selecting the workload',
    text: pdb('minAvailable: 2', '{matchExpressions: [{key: tier, operator: In, values: [fe]}]}') + deployment('2'),
    expected: [`6:17 warning minAvailable 2 equals the minimum 2 of Deployment web (spec.replicas)${tail}`],
  },
  {
    name: 'policy/v1 empty selector selects every workload of the namespace',
    text: pdb('minAvailable: 2', '{}') + deployment('2'),
    expected: [`6:17 warning minAvailable 2 equals the minimum 2 of Deployment web (spec.replicas)${tail}`],
  },
  {
    name: 'two workloads: their pods count together',
    text: pdb('minAvailable: 3') + deployment('2') + deployment('1', 'web-canary', '{app: web, tier: canary}'),
    expected: [`6:17 warning minAvailable 3 equals the minimum 3 of the pods it selects (Deployment web: 2, spec.replicas; Deployment web-canary: 1, spec.replicas)${tail}`],
  },
];

for (const c of valid) test(`${ID} valid: ${c.name}`, () => assert.deepEqual(findingsOf(c.text, ID), []));
for (const c of invalid) test(`${ID} invalid: ${c.name}`, () => assert.deepEqual(findingsOf(c.text, ID), c.expected));

function fixOf(text: string): { out: string; safe: boolean; related: number } {
  const [f] = lintText(text).filter((x) => x.ruleId === ID);
  assert.ok(f?.fixes?.length, 'a finding with a fix');
  return { out: applyEdits(text, fileEdits(f, f.fixes[0])), safe: f.fixes[0].safe, related: f.related?.length ?? 0 };
}

test(`${ID}: the fix replaces minAvailable with maxUnavailable: 1, keeps comments, is offered once, not applied unattended`, () => {
  const text = pdb('minAvailable: 2 # keep two').replace('spec:\n', 'spec:\n  # the budget\n') + deployment('2');
  const { out, safe, related } = fixOf(text);
  assert.equal(safe, false);
  assert.equal(related, 1);
  assert.ok(out.includes('  # the budget\n  maxUnavailable: 1 # keep two\n'));
  assert.ok(parseAllDocuments(out).every((d) => d.errors.length === 0));
  assert.deepEqual(findingsOf(out, ID), []);
});

test(`${ID}: the fix sets maxUnavailable 0 to 1, in a flow mapping too`, () => {
  assert.ok(fixOf(pdb('maxUnavailable: 0') + deployment('2')).out.includes('  maxUnavailable: 1\n'));
  const flow = pdb('minAvailable: 2').replace('spec:\n  minAvailable: 2\n  selector: {matchLabels: {app: web}}', 'spec: {minAvailable: 2, selector: {matchLabels: {app: web}}}') + deployment('2');
  const { out } = fixOf(flow);
  assert.ok(out.includes('spec: {maxUnavailable: 1, selector: {matchLabels: {app: web}}}'));
});

test(`${ID}: no fix when both fields are written (the API rejects that; the fix would keep it)`, () => {
  const [f] = lintText(pdb('minAvailable: 2\n  maxUnavailable: 0') + deployment('2')).filter((x) => x.ruleId === ID);
  assert.ok(f);
  assert.deepEqual(f.fixes ?? [], []);
});

test(`${ID}: across files — the finding follows the HPA's minimum as it changes`, () => {
  const linter = new Linter();
  linter.update('pdb.yaml', pdb('minAvailable: 2'));
  linter.update('deploy.yaml', deployment('4'));
  assert.equal(linter.lintFile('pdb.yaml').filter((x) => x.ruleId === ID).length, 0);
  linter.update('hpa.yaml', hpa('2'));
  assert.equal(linter.lintFile('pdb.yaml').filter((x) => x.ruleId === ID).length, 1);
  linter.update('hpa.yaml', hpa('3'));
  assert.equal(linter.lintFile('pdb.yaml').filter((x) => x.ruleId === ID).length, 0);
});

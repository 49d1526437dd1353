import { test } from 'node:test';
import assert from 'node:assert/strict';
import { findingsOf, lintText } from '../../../helpers/lint';
import { applyEdits, fileEdits } from '../../../../server/src/engine';

const ID = 'vpa-policy';

/** A VPA first: targetRef on line 6, `extra` from line 7. */
const vpa = (extra = '', target = 'web', kind = 'Deployment') => `apiVersion: autoscaling.k8s.io/v1
kind: VerticalPodAutoscaler
metadata:
  name: web-vpa
spec:
  targetRef: {apiVersion: apps/v1, kind: ${kind}, name: ${target}}
${extra}`;
const deployment = (replicas?: string, name = 'web') => `---
apiVersion: apps/v1
kind: Deployment
metadata: {name: ${name}}
spec:
${replicas !== undefined ? `  replicas: ${replicas}\n` : ''}  selector: {matchLabels: {app: ${name}}}
  template:
    metadata: {labels: {app: ${name}}}
    spec:
      containers: [{name: app, image: "app:1"}]
`;
const hpa = (min: string) => `---
apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata: {name: web}
spec:
  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: web}
  minReplicas: ${min}
  maxReplicas: 10
  metrics: [{type: Pods, pods: {metric: {name: rps}, target: {type: AverageValue, averageValue: "10"}}}]
`;
const bounds = (min: string, max: string, name = '"*"') => `  updatePolicy: {updateMode: "Off"}
  resourcePolicy:
    containerPolicies:
      - containerName: ${name}
        minAllowed: ${min}
        maxAllowed: ${max}
`;
const mode = (m: string) => `  updatePolicy:\n    updateMode: ${m}\n`;

const single = (what: string, source: string) =>
  `${what}, but Deployment web runs 1 pod at its minimum (${source}): the VPA updater leaves groups below its --min-replicas (default 2) alone, so running pods never get the recommendation, and where it is allowed each update evicts the only pod. Run at least 2 replicas, or use updateMode Initial.`;

const valid: { name: string; text: string }[] = [
  { name: 'bounds in order', text: vpa(bounds('{cpu: 250m, memory: 256Mi}', '{cpu: "2", memory: 2Gi}')) + deployment('3') },
  { name: 'equal bounds', text: vpa(bounds('{cpu: "1"}', '{cpu: 1000m}')) + deployment('3') },
  { name: 'a bound on different resources', text: vpa(bounds('{cpu: "4"}', '{memory: 1Gi}')) + deployment('3') },
  { name: 'unreadable quantity', text: vpa(bounds('{cpu: "${CPU}"}', '{cpu: 1m}')) + deployment('3') },
  { name: 'Auto with 3 replicas', text: vpa(mode('Auto')) + deployment('3') },
  { name: 'Recreate with an HPA minimum of 2', text: vpa(mode('Recreate')) + deployment() + hpa('2') },
  { name: 'Initial with 1 replica', text: vpa(mode('Initial')) + deployment('1') },
  { name: 'Off with 1 replica', text: vpa(mode('"Off"')) + deployment('1') },
  { name: 'parked workload (replicas 0)', text: vpa() + deployment('0') },
  { name: 'target kind the lint set cannot see (DaemonSet)', text: vpa('', 'agent', 'DaemonSet') + deployment('3') },
  { name: 'no workloads in the lint set', text: vpa('', 'elsewhere') },
  { name: 'target missing, nothing near, no workload in its own file', text: vpa('', 'payments') + '---\n' + 'apiVersion: v1\nkind: Service\nmetadata: {name: s}\n' },
  { name: 'a VPA of another API group is not read', text: vpa(bounds('{cpu: "2"}', '{cpu: 1m}')).replace('autoscaling.k8s.io/v1', 'example.com/v1') + deployment('3') },
];

const invalid: { name: string; text: string; expected: string[] }[] = [
  {
    name: 'minAllowed cpu above maxAllowed cpu',
    text: vpa(bounds('{cpu: "2", memory: 128Mi}', '{cpu: 500m, memory: 1Gi}')) + deployment('3'),
    expected: ['11:27 error minAllowed cpu 2 is above maxAllowed cpu 500m (containerName *): no recommendation satisfies both, so one bound is ignored. Keep minAllowed at or below maxAllowed.'],
  },
  {
    name: 'memory, in a named container policy, block style',
    text: vpa(bounds('\n          memory: 4Gi', '\n          memory: 3000Mi', 'app')) + deployment('3'),
    expected: ['12:19 error minAllowed memory 4Gi is above maxAllowed memory 3000Mi (containerName app): no recommendation satisfies both, so one bound is ignored. Keep minAllowed at or below maxAllowed.'],
  },
  {
    name: 'updateMode not set (Auto) on a Deployment with replicas 1',
    text: vpa() + deployment('1'),
    expected: [`6:60 warning ${single('updateMode is not set, so Auto', 'spec.replicas')}`],
  },
  {
    name: 'Recreate, replicas not set (1)',
    text: vpa(mode('Recreate')) + deployment(),
    expected: [`8:17 warning ${single('updateMode is Recreate', 'default spec.replicas')}`],
  },
  {
    name: 'InPlaceOrRecreate with an HPA minimum of 1',
    text: vpa(mode('InPlaceOrRecreate')) + deployment('4') + hpa('1'),
    expected: [`8:17 warning ${single('updateMode is InPlaceOrRecreate', 'minReplicas of HorizontalPodAutoscaler web')}`],
  },
  {
    name: 'updatePolicy.minReplicas 1: each update evicts the only pod',
    text: vpa('  updatePolicy: {updateMode: Auto, minReplicas: 1}\n') + deployment('1'),
    expected: ['7:30 warning updateMode is Auto and updatePolicy.minReplicas is 1, but Deployment web runs 1 pod at its minimum (spec.replicas): each update evicts its only pod. Run at least 2 replicas, or use updateMode Initial.'],
  },
  {
    name: 'targetRef with a typo',
    text: vpa(mode('"Off"'), 'webb') + deployment('3'),
    expected: ['6:60 warning targetRef names Deployment webb, which is not in namespace default in the lint set, so this VPA does nothing. Did you mean web?'],
  },
  {
    name: 'targetRef to a workload not in its file, though its file has workloads',
    text: vpa(mode('"Off"'), 'payments') + deployment('3'),
    expected: ['6:60 warning targetRef names Deployment payments, which is not in namespace default in the lint set, so this VPA does nothing.'],
  },
];

for (const c of valid) test(`${ID} valid: ${c.name}`, () => assert.deepEqual(findingsOf(c.text, ID), []));
for (const c of invalid) test(`${ID} invalid: ${c.name}`, () => assert.deepEqual(findingsOf(c.text, ID), c.expected));

test(`${ID}: the typo fix renames the target, safe with one candidate`, () => {
  const text = vpa(mode('"Off"'), 'webb') + deployment('3');
  const [f] = lintText(text).filter((x) => x.ruleId === ID);
  assert.equal(f.fixes?.[0].safe, true);
  const out = applyEdits(text, fileEdits(f, f.fixes![0]));
  assert.ok(out.includes('name: web}'));
  assert.deepEqual(findingsOf(out, ID), []);
});

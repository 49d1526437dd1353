import { test } from 'node:test';
import assert from 'node:assert/strict';
import { findingsOf, lintText } from '../../../helpers/lint';
import { Linter } from '../../../../server/src/engine';

const ID = 'autoscaler-conflict';

const hpa = (name: string, opts: { target?: string; metrics?: string; api?: string; ns?: string; extraMeta?: string } = {}) => `---
apiVersion: ${opts.api ?? 'autoscaling/v2'}
kind: HorizontalPodAutoscaler
metadata:
  name: ${name}${opts.ns ? `\n  namespace: ${opts.ns}` : ''}${opts.extraMeta ?? ''}
spec:
  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: ${opts.target ?? 'web'}}
  minReplicas: 2
  maxReplicas: 10
${opts.metrics ?? '  metrics: [{type: Resource, resource: {name: cpu, target: {type: Utilization, averageUtilization: 70}}}]'}
`;
const so = (name: string, opts: { target?: string; triggers?: string; extra?: string } = {}) => `---
apiVersion: keda.sh/v1alpha1
kind: ScaledObject
metadata:
  name: ${name}${opts.extra ?? ''}
spec:
  scaleTargetRef: {name: ${opts.target ?? 'web'}}
  minReplicaCount: 2
  triggers: ${opts.triggers ?? '[{type: kafka, metadata: {topic: orders, lagThreshold: "10"}}]'}
`;
const vpa = (opts: { mode?: string; policy?: string; target?: string } = {}) => `---
apiVersion: autoscaling.k8s.io/v1
kind: VerticalPodAutoscaler
metadata:
  name: web-vpa
spec:
  targetRef: {apiVersion: apps/v1, kind: Deployment, name: ${opts.target ?? 'web'}}
${opts.mode !== undefined ? `  updatePolicy:\n    updateMode: ${opts.mode}\n` : ''}${opts.policy ?? ''}`;
const deployment = `---
apiVersion: apps/v1
kind: Deployment
metadata: {name: web}
spec:
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      containers: [{name: web, image: "web:1"}, {name: proxy, image: "envoy:1"}]
`;

const twoHpas = (a: string, b: string) => `HorizontalPodAutoscaler ${a} and HorizontalPodAutoscaler ${b} both scale Deployment web: the HPA controller finds two HPAs over the same pods, sets ScalingActive=False (AmbiguousSelector) on both, and neither scales any more. Keep one HPA with the metrics of both (it follows the largest recommendation).`;
const vpaMsg = (mode: string, res: string, scaler: string, how: string) =>
  `VerticalPodAutoscaler web-vpa (${mode}) sets the ${res} requests of Deployment web, which ${scaler} scales on (${how}): utilization is usage over the request the VPA keeps moving, so the two chase each other. Scale horizontally on other metrics, or leave ${res} out of the VPA's controlledResources (or set updateMode Off/Initial).`;

const valid: { name: string; text: string }[] = [
  { name: 'one HPA', text: hpa('web') + deployment },
  { name: 'two HPAs on different workloads', text: hpa('a') + hpa('b', { target: 'api' }) },
  { name: 'two HPAs in different namespaces', text: hpa('a', { ns: 'x' }) + hpa('b', { ns: 'y' }) },
  { name: 'the same HPA written twice (one object)', text: hpa('web') + hpa('web') },
  { name: 'KEDA’s own HPA (ownerReference to the ScaledObject)', text: so('web') + hpa('keda-hpa-web', { extraMeta: '\n  ownerReferences: [{apiVersion: keda.sh/v1alpha1, kind: ScaledObject, name: web, uid: "1"}]' }) },
  {
    name: 'a ScaledObject taking over the HPA (transfer-hpa-ownership)',
    text: hpa('web-hpa') + so('web', { extra: '\n  annotations: {scaledobject.keda.sh/transfer-hpa-ownership: "true"}' }).replace('  minReplicaCount: 2', '  minReplicaCount: 2\n  advanced: {horizontalPodAutoscalerConfig: {name: web-hpa}}'),
  },
  { name: 'VPA updateMode Off', text: hpa('web') + vpa({ mode: 'Off' }) },
  { name: 'VPA updateMode Initial', text: hpa('web') + vpa({ mode: '"Initial"' }) },
  { name: 'VPA on memory only, HPA on cpu', text: hpa('web') + vpa({ policy: '  resourcePolicy:\n    containerPolicies: [{containerName: "*", controlledResources: [memory]}]\n' }) },
  { name: 'VPA with HPA on an external metric', text: hpa('web', { metrics: '  metrics: [{type: External, external: {metric: {name: rps}, target: {type: AverageValue, averageValue: "100"}}}]' }) + vpa() },
  { name: 'VPA with a ScaledObject on kafka only', text: so('web') + vpa() },
  { name: 'VPA on another workload', text: hpa('web') + vpa({ target: 'api' }) },
  { name: 'VPA whose every container policy is Off (workload known)', text: deployment + hpa('web') + vpa({ policy: '  resourcePolicy:\n    containerPolicies: [{containerName: "*", mode: "Off"}]\n' }) },
];

const invalid: { name: string; text: string; expected: string[] }[] = [
  { name: 'two HPAs: reported on the later one', text: hpa('a') + hpa('b'), expected: [`17:65 error ${twoHpas('a', 'b')}`] },
  // Each later autoscaler once, naming the first: n on one workload make n − 1 findings (a hostile file with thousands stays linear).
  { name: 'three HPAs: once each after the first', text: hpa('a') + hpa('b') + hpa('c'), expected: [`17:65 error ${twoHpas('a', 'b')}`, `27:65 error ${twoHpas('a', 'c')}`] },
  {
    name: 'an HPA and a ScaledObject',
    text: hpa('web') + so('web-so'),
    expected: ["17:26 error ScaledObject web-so makes its own HPA (keda-hpa-web-so) for Deployment web, which HorizontalPodAutoscaler web already scales: two HPAs own one replica count (KEDA's admission webhook rejects it; the HPA controller stops both). Move the HPA's metrics into the ScaledObject as cpu/memory triggers, or transfer the HPA to KEDA (scaledobject.keda.sh/transfer-hpa-ownership)."],
  },
  {
    name: 'a ScaledObject, then an HPA: reported on the HPA',
    text: so('web-so') + hpa('web'),
    expected: ["16:65 error ScaledObject web-so makes its own HPA (keda-hpa-web-so) for Deployment web, which HorizontalPodAutoscaler web already scales: two HPAs own one replica count (KEDA's admission webhook rejects it; the HPA controller stops both). Move the HPA's metrics into the ScaledObject as cpu/memory triggers, or transfer the HPA to KEDA (scaledobject.keda.sh/transfer-hpa-ownership)."],
  },
  {
    name: 'two ScaledObjects',
    text: so('a') + so('b'),
    expected: ["16:26 error ScaledObject a and ScaledObject b both scale Deployment web: each makes its own HPA, so two HPAs own one replica count (KEDA's admission webhook rejects the second). Keep one ScaledObject with the triggers of both."],
  },
  {
    name: 'VPA (default Auto) and an HPA on cpu',
    text: hpa('web') + vpa(),
    expected: [`17:60 warning ${vpaMsg('updateMode not set, so Auto', 'cpu', 'HorizontalPodAutoscaler web', 'a Resource metric on cpu')}`],
  },
  {
    name: 'VPA Recreate and an autoscaling/v1 HPA (cpu by default)',
    text: hpa('web', { api: 'autoscaling/v1', metrics: '' }) + vpa({ mode: 'Recreate' }),
    expected: [`19:17 warning ${vpaMsg('updateMode Recreate', 'cpu', 'HorizontalPodAutoscaler web', 'the default CPU target (80 %)')}`],
  },
  {
    name: 'VPA InPlaceOrRecreate and a ScaledObject with cpu and memory triggers',
    text: so('web-so', { triggers: '[{type: cpu, metricType: Utilization, metadata: {value: "60"}}, {type: memory, metricType: Utilization, metadata: {value: "70"}}]' }) + vpa({ mode: 'InPlaceOrRecreate' }),
    expected: [`18:17 warning ${vpaMsg('updateMode InPlaceOrRecreate', 'cpu and memory', 'ScaledObject web-so', 'a cpu trigger, a memory trigger')}`],
  },
  {
    name: 'VPA: a named container policy leaves the other container on both resources (workload known)',
    text: deployment + hpa('web', { metrics: '  metrics: [{type: ContainerResource, containerResource: {name: memory, container: web, target: {type: Utilization, averageUtilization: 70}}}]' }) + vpa({ policy: '  resourcePolicy:\n    containerPolicies: [{containerName: web, controlledResources: [cpu]}]\n' }),
    expected: [`27:60 warning ${vpaMsg('updateMode not set, so Auto', 'memory', 'HorizontalPodAutoscaler web', 'a ContainerResource metric on memory')}`],
  },
];

for (const c of valid) test(`${ID} valid: ${c.name}`, () => assert.deepEqual(findingsOf(c.text, ID), []));
for (const c of invalid) test(`${ID} invalid: ${c.name}`, () => assert.deepEqual(findingsOf(c.text, ID), c.expected));

test(`${ID}: the other autoscaler is related information`, () => {
  const [f] = lintText(hpa('a') + hpa('b')).filter((x) => x.ruleId === ID);
  assert.equal(f.related?.length, 1);
  assert.equal(f.related![0].message, 'HorizontalPodAutoscaler a also scales Deployment web');
});

test(`${ID}: across files, without the workload in the lint set; the later file reports`, () => {
  const linter = new Linter();
  linter.update('a.yaml', hpa('a'));
  linter.update('b.yaml', so('b'));
  assert.equal(linter.lintFile('a.yaml').filter((x) => x.ruleId === ID).length, 0);
  assert.equal(linter.lintFile('b.yaml').filter((x) => x.ruleId === ID).length, 1);
  linter.update('b.yaml', so('b', { target: 'api' }));
  assert.equal(linter.lintFile('b.yaml').filter((x) => x.ruleId === ID).length, 0);
});

test('autoscaler-conflict: 2,000 HPAs on one workload make 1,999 findings, not two million', () => {
  const many = Array.from({ length: 2000 }, (_, i) => `apiVersion: autoscaling/v2\nkind: HorizontalPodAutoscaler\nmetadata: {name: h${i}}\nspec:\n  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: web}\n  minReplicas: 2\n  maxReplicas: 10\n`).join('---\n');
  assert.equal(findingsOf(many, 'autoscaler-conflict').length, 1999);
});

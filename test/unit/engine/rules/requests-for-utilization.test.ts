import { test } from 'node:test';
import assert from 'node:assert/strict';
import { findingsOf } from '../../../helpers/lint';
import { Linter } from '../../../../server/src/engine';

const ID = 'requests-for-utilization';

const target = (containers: string, kind = 'Deployment') => `apiVersion: apps/v1
kind: ${kind}
metadata:
  name: web
spec:
  template:
    spec:
      containers:
${containers}
`;
const app = (resources = '') => `        - name: app
          image: app:1${resources ? `\n          resources: ${resources}` : ''}`;
const side = (resources = '') => `        - name: side
          image: side:1${resources ? `\n          resources: ${resources}` : ''}`;

const hpaV2 = (metric: string, kind = 'Deployment') => `---
apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata:
  name: web
spec:
  scaleTargetRef: {apiVersion: apps/v1, kind: ${kind}, name: web}
  minReplicas: 2
  maxReplicas: 10
  metrics:
${metric}
`;
const cpu = `    - type: Resource
      resource:
        name: cpu
        target: {type: Utilization, averageUtilization: 70}`;
const memoryAverage = `    - type: Resource
      resource:
        name: memory
        target: {type: AverageValue, averageValue: 500Mi}`;
const containerCpu = `    - type: ContainerResource
      containerResource:
        name: cpu
        container: app
        target: {type: Utilization, averageUtilization: 60}`;

const cases: { name: string; text: string; expected: string[] }[] = [
  {
    name: 'cpu Utilization, the only container has no request',
    text: target(app()) + hpaV2(cpu),
    expected: ['24:57 error cpu Utilization target 70% is a percentage of requests.cpu, but container app sets no requests.cpu in Deployment web: the HPA cannot compute this metric (missing request), so it does not scale on cpu.'],
  },
  { name: 'requests set', text: target(app('{requests: {cpu: 100m}}')) + hpaV2(cpu), expected: [] },
  { name: 'a limit counts (it defaults the request)', text: target(app('{limits: {cpu: 1}}')) + hpaV2(cpu), expected: [] },
  {
    name: 'a sidecar without request breaks a Resource metric',
    text: target(`${app('{requests: {cpu: 100m}}')}\n${side()}`) + hpaV2(cpu),
    expected: ['27:57 error cpu Utilization target 70% is a percentage of requests.cpu, but container side sets no requests.cpu in Deployment web: the HPA cannot compute this metric (missing request), so it does not scale on cpu.'],
  },
  { name: 'a ContainerResource metric only needs the named container', text: target(`${app('{requests: {cpu: 100m}}')}\n${side()}`) + hpaV2(containerCpu), expected: [] },
  {
    name: 'a ContainerResource metric on a container without request',
    text: target(`${app()}\n${side('{requests: {cpu: 100m}}')}`) + hpaV2(containerCpu),
    expected: ['28:57 error cpu Utilization target 60% is a percentage of requests.cpu, but container app (named by the metric) sets no requests.cpu in Deployment web: the HPA cannot compute this metric (missing request), so it does not scale on cpu.'],
  },
  { name: 'AverageValue needs no request', text: target(app()) + hpaV2(memoryAverage), expected: [] },
  { name: 'target not in the lint set', text: hpaV2(cpu).replace(/^---\n/, ''), expected: [] },
  { name: 'target of another kind', text: target(app()) + hpaV2(cpu, 'StatefulSet'), expected: [] },
  {
    name: 'StatefulSet target',
    text: target(app(), 'StatefulSet') + hpaV2(cpu, 'StatefulSet'),
    expected: ['24:57 error cpu Utilization target 70% is a percentage of requests.cpu, but container app sets no requests.cpu in StatefulSet web: the HPA cannot compute this metric (missing request), so it does not scale on cpu.'],
  },
  {
    name: 'autoscaling/v1',
    text: target(app()) + '---\napiVersion: autoscaling/v1\nkind: HorizontalPodAutoscaler\nmetadata: {name: web}\nspec:\n  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: web}\n  maxReplicas: 4\n  targetCPUUtilizationPercentage: 75\n',
    expected: ['18:35 error cpu Utilization target 75% is a percentage of requests.cpu, but container app sets no requests.cpu in Deployment web: the HPA cannot compute this metric (missing request), so it does not scale on cpu.'],
  },
  {
    name: 'KEDA memory trigger (target kind defaults to Deployment)',
    text: target(app('{requests: {cpu: 100m}}')) + '---\napiVersion: keda.sh/v1alpha1\nkind: ScaledObject\nmetadata: {name: web}\nspec:\n  scaleTargetRef: {name: web}\n  triggers:\n    - type: memory\n      metricType: Utilization\n      metadata: {value: "80"}\n',
    expected: ['21:25 error memory Utilization target 80% is a percentage of requests.memory, but container app sets no requests.memory in Deployment web: the HPA cannot compute this metric (missing request), so it does not scale on memory.'],
  },
];

for (const c of cases) {
  test(`${ID}: ${c.name}`, () => {
    assert.deepEqual(findingsOf(c.text, ID), c.expected);
  });
}

test(`${ID}: across files, the finding is on the metric and related information names the container`, () => {
  const linter = new Linter();
  linter.update('deploy.yaml', target(`${app()}\n${side()}`));
  linter.update('hpa.yaml', hpaV2(cpu).replace(/^---\n/, ''));
  const found = linter.lintFile('hpa.yaml').filter((x) => x.ruleId === ID);
  assert.equal(found.length, 1);
  assert.match(found[0].message, /containers app, side set no requests\.cpu/);
  assert.deepEqual(found[0].related?.map((r) => [r.file, r.message]), [
    ['deploy.yaml', 'container app sets no requests.cpu (nor limits.cpu)'],
    ['deploy.yaml', 'container side sets no requests.cpu (nor limits.cpu)'],
  ]);
  assert.equal(linter.lintFile('deploy.yaml').filter((x) => x.ruleId === ID).length, 0);
});

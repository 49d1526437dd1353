import { test } from 'node:test';
import assert from 'node:assert/strict';
import { findingsOf } from '../../../helpers/lint';
import { parseConfig } from '../../../../server/src/engine';

const ID = 'version-skew';
const at = (version: string) => ({ config: `kubernetesVersion: "${version}"\n` });

const hpa = (body: string, api = 'autoscaling/v2') => `apiVersion: ${api}
kind: HorizontalPodAutoscaler
metadata: {name: web}
spec:
  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: web}
  maxReplicas: 10
${body}`;
const tolerance = '  behavior:\n    scaleUp:\n      tolerance: 0\n    scaleDown:\n      tolerance: 0.05\n';
const containerMetric = '  metrics:\n    - type: ContainerResource\n      containerResource: {name: cpu, container: app, target: {type: Utilization, averageUtilization: 60}}\n';
const pdb = (api: string) => `apiVersion: ${api}
kind: PodDisruptionBudget
metadata: {name: web}
spec:
  maxUnavailable: 1
  selector: {matchLabels: {app: web}}
`;
const so = `apiVersion: keda.sh/v1alpha1
kind: ScaledObject
metadata: {name: worker}
spec:
  scaleTargetRef: {name: worker}
  advanced:
    horizontalPodAutoscalerConfig:
      behavior:
        scaleDown: {stabilizationWindowSeconds: 300, tolerance: 0.1}
  triggers: [{type: cpu, metricType: Utilization, metadata: {value: "70"}}]
`;

const toleranceMsg = (dir: string, v: string) => `behavior.${dir}.tolerance needs the HPAConfigurableTolerance feature gate, off by default before Kubernetes 1.35; kubernetesVersion is ${v}, so the API server drops the field without a warning and the HPA keeps the cluster-wide 10 % tolerance.`;
const zero = 'minReplicas 0 needs the alpha HPAScaleToZero feature gate, off by default on every Kubernetes release: without it the API server rejects this HorizontalPodAutoscaler. Use minReplicas 1, or a KEDA ScaledObject (minReplicaCount: 0) to scale to zero.';

const valid: { name: string; text: string; version?: string }[] = [
  { name: 'tolerance at the default version (1.35)', text: hpa(tolerance) },
  { name: 'tolerance on 1.36', text: hpa(tolerance), version: '1.36' },
  { name: 'autoscaling/v2 on 1.23', text: hpa('  minReplicas: 2\n'), version: '1.23' },
  { name: 'autoscaling/v2beta2 on 1.20', text: hpa('  minReplicas: 2\n', 'autoscaling/v2beta2'), version: '1.20' },
  { name: 'policy/v1 on 1.21', text: pdb('policy/v1'), version: '1.21' },
  { name: 'policy/v1beta1 on 1.20', text: pdb('policy/v1beta1'), version: '1.20' },
  { name: 'ContainerResource on 1.27', text: hpa(containerMetric), version: '1.27' },
  { name: 'ScaledObject tolerance on 1.35.2', text: so, version: '1.35.2' },
  { name: 'ScaledObject minReplicaCount 0 is KEDA’s, not the HPA gate', text: so.replace('  advanced:', '  minReplicaCount: 0\n  advanced:'), version: '1.35' },
  { name: 'minReplicas 1', text: hpa('  minReplicas: 1\n') },
];

const invalid: { name: string; text: string; version?: string; expected: string[] }[] = [
  { name: 'tolerance on 1.34', text: hpa(tolerance), version: '1.34', expected: [`9:7 warning ${toleranceMsg('scaleUp', '1.34')}`, `11:7 warning ${toleranceMsg('scaleDown', '1.34')}`] },
  { name: 'ScaledObject behavior tolerance on v1.33', text: so, version: 'v1.33', expected: [`9:54 warning ${toleranceMsg('scaleDown', '1.33')}`] },
  {
    name: 'autoscaling/v2 on 1.22',
    text: hpa('  minReplicas: 2\n'),
    version: '1.22',
    expected: ['1:13 warning autoscaling/v2 is served from Kubernetes 1.23; kubernetesVersion is 1.22, so the API server rejects this HorizontalPodAutoscaler. Use autoscaling/v2beta2 there, or raise kubernetesVersion.'],
  },
  {
    name: 'policy/v1 PDB on 1.20',
    text: pdb('policy/v1'),
    version: '1.20',
    expected: ['1:13 warning policy/v1 PodDisruptionBudget is served from Kubernetes 1.21; kubernetesVersion is 1.20, so the API server rejects it. Use policy/v1beta1 there, or raise kubernetesVersion.'],
  },
  {
    name: 'ContainerResource on 1.26',
    text: hpa(containerMetric),
    version: '1.26',
    expected: ['8:13 warning ContainerResource metrics are alpha before Kubernetes 1.27 (feature gate HPAContainerMetrics, off by default); kubernetesVersion is 1.26, so the metric is dropped or rejected. Use a Resource metric, or raise kubernetesVersion.'],
  },
  { name: 'minReplicas 0 on the default version', text: hpa('  minReplicas: 0\n'), expected: [`7:16 warning ${zero}`] },
  { name: 'minReplicas 0 on 1.30 as well', text: hpa('  minReplicas: 0\n'), version: '1.30', expected: [`7:16 warning ${zero}`] },
];

for (const c of valid) test(`${ID} valid: ${c.name}`, () => assert.deepEqual(findingsOf(c.text, ID, c.version ? at(c.version) : {}), []));
for (const c of invalid) test(`${ID} invalid: ${c.name}`, () => assert.deepEqual(findingsOf(c.text, ID, c.version ? at(c.version) : {}), c.expected));

test(`${ID}: kubernetesVersion must be a quoted string (YAML reads 1.30 as 1.3)`, () => {
  const bad = parseConfig('kubernetesVersion: 1.30\n');
  assert.ok(bad.problems.some((p) => p.key === 'kubernetesVersion'), 'an unquoted version is a config error naming the key');
  const good = parseConfig('kubernetesVersion: "1.30"\n');
  assert.equal((good.config as unknown as Record<string, unknown>).kubernetesVersion, '1.30');
});

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { findingsOf } from '../../../helpers/lint';

const ID = 'keda-config';

/** A ScaledObject; `fields` go under spec (line 6 on), before the triggers. */
const so = (fields: string, triggers = '[{type: kafka, metadata: {topic: orders, lagThreshold: "10"}}]') => `apiVersion: keda.sh/v1alpha1
kind: ScaledObject
metadata: {name: worker}
spec:
  scaleTargetRef: {name: worker}
${fields}
  triggers: ${triggers}
`;
const cpuOnly = '[{type: cpu, metricType: Utilization, metadata: {value: "70"}}]';
const cpuAndMemory = '[{type: cpu, metricType: Utilization, metadata: {value: "70"}}, {type: memory, metricType: Utilization, metadata: {value: "80"}}]';

const valid: { name: string; text: string }[] = [
  { name: 'idleReplicaCount 0 below minReplicaCount 1', text: so('  idleReplicaCount: 0\n  minReplicaCount: 1') },
  { name: 'fallback with a kafka trigger and replicas within bounds', text: so('  minReplicaCount: 2\n  maxReplicaCount: 10\n  fallback: {failureThreshold: 3, replicas: 6}') },
  { name: 'fallback with cpu and a kafka trigger', text: so('  minReplicaCount: 2\n  fallback: {failureThreshold: 3, replicas: 4}', '[{type: cpu, metricType: Utilization, metadata: {value: "70"}}, {type: kafka, metadata: {topic: a}}]') },
  { name: 'fallback replicas at the default maximum 100', text: so('  fallback: {failureThreshold: 3, replicas: 100}') },
  { name: 'cooldownPeriod with minReplicaCount 0 (scale to zero)', text: so('  minReplicaCount: 0\n  cooldownPeriod: 600') },
  { name: 'cooldownPeriod with minReplicaCount not set (0)', text: so('  cooldownPeriod: 600') },
  { name: 'cooldownPeriod with idleReplicaCount 0 below minReplicaCount 2 (it paces the idle scale-in)', text: so('  idleReplicaCount: 0\n  minReplicaCount: 2\n  cooldownPeriod: 600') },
  { name: 'idleReplicaCount templated', text: so('  idleReplicaCount: "${IDLE}"\n  minReplicaCount: 1') },
  { name: 'an HPA with these field names is not a ScaledObject', text: so('  idleReplicaCount: 3').replace('keda.sh/v1alpha1', 'autoscaling/v2').replace('ScaledObject', 'HorizontalPodAutoscaler') },
];

const invalid: { name: string; text: string; expected: string[] }[] = [
  {
    name: 'idleReplicaCount equal to minReplicaCount',
    text: so('  idleReplicaCount: 2\n  minReplicaCount: 2'),
    expected: ['6:21 error idleReplicaCount 2 is not below minReplicaCount 2: KEDA requires the idle count to be less than the minimum and rejects this ScaledObject. Use idleReplicaCount 0 with minReplicaCount 1 or more.'],
  },
  {
    name: 'idleReplicaCount 0 with minReplicaCount not set (0)',
    text: so('  idleReplicaCount: 0'),
    expected: ['6:21 error idleReplicaCount 0 is not below minReplicaCount (not set, so 0): KEDA requires the idle count to be less than the minimum and rejects this ScaledObject. Use idleReplicaCount 0 with minReplicaCount 1 or more.'],
  },
  {
    name: 'fallback with a cpu trigger only',
    text: so('  minReplicaCount: 2\n  fallback:\n    failureThreshold: 3\n    replicas: 4', cpuOnly),
    expected: ['7:3 error fallback is set, but every trigger is cpu: the HPA reads those from the metrics server, not through a KEDA scaler, so KEDA supports no fallback for them and rejects this ScaledObject. Remove fallback.'],
  },
  {
    name: 'fallback with cpu and memory triggers',
    text: so('  fallback: {failureThreshold: 3, replicas: 4}', cpuAndMemory),
    expected: ['6:3 error fallback is set, but every trigger is cpu or memory: the HPA reads those from the metrics server, not through a KEDA scaler, so KEDA supports no fallback for them and rejects this ScaledObject. Remove fallback.'],
  },
  {
    name: 'fallback.replicas above maxReplicaCount',
    text: so('  minReplicaCount: 2\n  maxReplicaCount: 10\n  fallback: {failureThreshold: 3, replicas: 50}'),
    expected: ['8:45 warning fallback.replicas 50 is above maxReplicaCount 10: the HPA clamps it to [2, 10], so a failing scaler holds 10 replicas, not 50.'],
  },
  {
    name: 'fallback.replicas below minReplicaCount',
    text: so('  minReplicaCount: 3\n  fallback:\n    failureThreshold: 3\n    replicas: 1'),
    expected: ['9:15 warning fallback.replicas 1 is below minReplicaCount 3: the HPA clamps it to [3, 100], so a failing scaler holds 3 replicas, not 1.'],
  },
  {
    name: 'fallback.replicas above the default maximum',
    text: so('  fallback: {failureThreshold: 3, replicas: 150}'),
    expected: ['6:45 warning fallback.replicas 150 is above maxReplicaCount (not set, so 100): the HPA clamps it to [0, 100], so a failing scaler holds 100 replicas, not 150.'],
  },
  {
    name: 'cooldownPeriod with minReplicaCount 2',
    text: so('  minReplicaCount: 2\n  cooldownPeriod: 600'),
    expected: ['7:3 info cooldownPeriod only applies to scaling to zero, and minReplicaCount is 2: it has no effect here. The pace of scale-down comes from advanced.horizontalPodAutoscalerConfig.behavior.scaleDown (stabilizationWindowSeconds).'],
  },
  {
    name: 'all at once',
    text: so('  minReplicaCount: 1\n  idleReplicaCount: 1\n  cooldownPeriod: 60\n  fallback: {failureThreshold: 3, replicas: 2}', cpuOnly),
    expected: [
      '7:21 error idleReplicaCount 1 is not below minReplicaCount 1: KEDA requires the idle count to be less than the minimum and rejects this ScaledObject. Use idleReplicaCount 0 with minReplicaCount 1 or more.',
      '8:3 info cooldownPeriod only applies to scaling to zero, and minReplicaCount is 1: it has no effect here. The pace of scale-down comes from advanced.horizontalPodAutoscalerConfig.behavior.scaleDown (stabilizationWindowSeconds).',
      '9:3 error fallback is set, but every trigger is cpu: the HPA reads those from the metrics server, not through a KEDA scaler, so KEDA supports no fallback for them and rejects this ScaledObject. Remove fallback.',
    ],
  },
];

for (const c of valid) test(`${ID} valid: ${c.name}`, () => assert.deepEqual(findingsOf(c.text, ID), []));
for (const c of invalid) test(`${ID} invalid: ${c.name}`, () => assert.deepEqual(findingsOf(c.text, ID), c.expected));

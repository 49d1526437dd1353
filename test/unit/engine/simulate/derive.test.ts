/**
 * One derivation of the simulator's spec: an HPA and a ScaledObject both go through simulatorSpec on the model's
 * Autoscaler — their objects as written, read by the simulator's resolveHpa (defaults, KEDA's mapping).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { autoscalerOf, autoscalerTiming, parseChunk, simulatorSpec } from '../../../../server/src/engine';
import { autoscalerSpec } from '../../../../server/src/engine/simulate/resource-timing';

const BEHAVIOR = `    scaleUp:
      stabilizationWindowSeconds: 30
      policies: [{type: Pods, value: 2, periodSeconds: 60}]
    scaleDown:
      stabilizationWindowSeconds: 600`;

const HPA = `apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata: {name: web}
spec:
  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: web}
  minReplicas: 2
  maxReplicas: 12
  behavior:
${BEHAVIOR}
`;

const SCALED_OBJECT = `apiVersion: keda.sh/v1alpha1
kind: ScaledObject
metadata: {name: web}
spec:
  scaleTargetRef: {name: web}
  minReplicaCount: 2
  maxReplicaCount: 12
  advanced:
    horizontalPodAutoscalerConfig:
      behavior:
${BEHAVIOR.replace(/^ {4}/gm, '        ')}
  triggers: [{type: cpu, metricType: Utilization, metadata: {value: "70"}}]
`;

const resourceOf = (text: string) => parseChunk(text).resources[0];

test('an HPA and a ScaledObject with the same bounds and behavior derive the same spec, through simulatorSpec', () => {
  const hpa = resourceOf(HPA);
  const so = resourceOf(SCALED_OBJECT);
  const fromHpa = simulatorSpec(autoscalerOf(hpa)!);
  const fromSo = simulatorSpec(autoscalerOf(so)!);
  assert.ok('resolved' in fromHpa && 'resolved' in fromSo);
  assert.deepEqual(fromHpa.resolved, fromSo.resolved);
  assert.equal(fromHpa.resolved.minReplicas, 2);
  assert.equal(fromHpa.resolved.maxReplicas, 12);
  assert.deepEqual(fromHpa.resolved.behavior, {
    scaleUp: { stabilizationWindowSeconds: 30, selectPolicy: 'Max', policies: [{ type: 'Pods', value: 2, periodSeconds: 60 }] },
    scaleDown: { stabilizationWindowSeconds: 600, selectPolicy: 'Max', policies: [{ type: 'Percent', value: 100, periodSeconds: 15 }] },
  });
  // The resource entry point (the hover's and the rule's) and the code lens's timing go through the same function.
  assert.deepEqual(autoscalerSpec(hpa), fromHpa);
  assert.deepEqual(autoscalerSpec(so), fromSo);
  const lens = autoscalerTiming(so);
  const hpaLens = autoscalerTiming(hpa);
  assert.ok('text' in lens && 'text' in hpaLens);
  assert.equal(lens.text, hpaLens.text);
  assert.deepEqual(lens.spec, fromSo.spec);
});

test('a ScaledObject scaled to zero starts its timing at 1 (KEDA activates 0 → 1), an HPA without maxReplicas has no spec', () => {
  const toZero = resourceOf(SCALED_OBJECT.replace('minReplicaCount: 2', 'minReplicaCount: 0'));
  const derived = simulatorSpec(autoscalerOf(toZero)!);
  assert.ok('resolved' in derived);
  assert.equal(derived.resolved.minReplicas, 1);
  const unbounded = resourceOf(HPA.replace('  maxReplicas: 12\n', ''));
  assert.deepEqual(simulatorSpec(autoscalerOf(unbounded)!), { error: 'maxReplicas is not set to a number' });
});

test('anchors and aliases are expanded, as the API server expands them', () => {
  const aliased = resourceOf(HPA.replace('minReplicas: 2', 'minReplicas: &min 2').replace('value: 2,', 'value: *min,'));
  const derived = simulatorSpec(autoscalerOf(aliased)!);
  assert.ok('resolved' in derived, JSON.stringify(derived));
  assert.deepEqual(derived.resolved.behavior?.scaleUp.policies, [{ type: 'Pods', value: 2, periodSeconds: 60 }]);
});

test('a bound written as a quoted number is simulated with its number, as the rules read it (the schema rule reports the quotes)', () => {
  const quoted = resourceOf(HPA.replace('maxReplicas: 12', 'maxReplicas: "12"'));
  const derived = simulatorSpec(autoscalerOf(quoted)!);
  assert.ok('resolved' in derived, JSON.stringify(derived));
  assert.equal(derived.resolved.maxReplicas, 12);
});

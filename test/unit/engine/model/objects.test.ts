/** The model of scaling objects: one shape for the bounds, whatever format wrote them. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseChunk } from '../../../../server/src/engine';
import { autoscalerOf, workloadOf } from '../../../../server/src/engine/sources/objects';
import { describeValue } from '../../../../server/src/engine/model/scaling';
import { simulatorSpec } from '../../../../server/src/engine/simulate/resource-timing';

const HPA = `apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata: {name: web}
spec:
  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: web}
  maxReplicas: 20
`;

const ASG = `Parameters:
  Size: {Type: Number, Default: 4}
Resources:
  Group:
    Type: AWS::AutoScaling::AutoScalingGroup
    Properties:
      MinSize: '2'
      MaxSize: !Ref Size
      DesiredCapacity: 3
`;

const slice = (text: string, r: [number, number] | undefined) => (r ? text.slice(r[0], r[1]) : undefined);

test('an HPA: bounds with their names, defaults marked, ranges and fix targets', () => {
  const chunk = parseChunk(HPA);
  const a = autoscalerOf(chunk.resources[0])!;
  assert.equal(a.source, 'kubernetes');
  assert.deepEqual(a.target, { kind: 'Deployment', name: 'web', apiVersion: 'apps/v1' });
  const { min, max } = a.bounds;
  assert.equal(describeValue(min!), 'minReplicas (not set, defaults to 1)');
  assert.equal(slice(HPA, min!.range), 'spec');
  assert.equal(min!.fix?.kind, 'insert');
  assert.equal(describeValue(max!), 'maxReplicas 20');
  assert.equal(slice(HPA, max!.range), '20');
  assert.equal(slice(HPA, max!.key), 'maxReplicas');
  assert.equal(max!.fix?.kind, 'replace');
  const hpaSpec = simulatorSpec(a);
  assert.ok('resolved' in hpaSpec);
  assert.deepEqual([hpaSpec.resolved.minReplicas, hpaSpec.resolved.maxReplicas, hpaSpec.resolved.behavior], [1, 20, null]);
});

test('an Auto Scaling group: the same bounds, a quoted literal and a parameter Default', () => {
  const chunk = parseChunk(ASG);
  const a = autoscalerOf(chunk.resources[0])!;
  assert.equal(a.source, 'cloudformation');
  const { min, max, desired } = a.bounds;
  assert.equal(describeValue(min!), 'MinSize 2');
  assert.deepEqual(min!.fix && min!.fix.kind === 'replace' ? min!.fix.quote : undefined, "'");
  assert.equal(describeValue(max!), 'MaxSize 4 (the Default of parameter Size)');
  assert.equal(max!.fix, undefined, 'a parameter is not fixed where it is used');
  assert.equal(slice(ASG, max!.range), 'Size'); // the node after its tag
  assert.equal(describeValue(desired!), 'DesiredCapacity 3');
  assert.deepEqual(simulatorSpec(a), { error: 'AWS::AutoScaling::AutoScalingGroup is not simulated' });
});

test('a ScaledObject: KEDA defaults and names', () => {
  const text = 'apiVersion: keda.sh/v1alpha1\nkind: ScaledObject\nmetadata: {name: worker}\nspec:\n  scaleTargetRef: {name: worker}\n  triggers: []\n';
  const a = autoscalerOf(parseChunk(text).resources[0])!;
  assert.equal(describeValue(a.bounds.min!), 'minReplicaCount (not set, defaults to 0)');
  assert.equal(describeValue(a.bounds.max!), 'maxReplicaCount (not set, defaults to 100)');
  assert.equal(a.enforcedBy, 'KEDA');
  assert.deepEqual(a.target, { kind: 'Deployment', name: 'worker', apiVersion: undefined });
  const kedaSpec = simulatorSpec(a);
  assert.ok('resolved' in kedaSpec);
  assert.deepEqual([kedaSpec.resolved.minReplicas, kedaSpec.resolved.maxReplicas, kedaSpec.resolved.behavior], [1, 100, null]);
});

test('a workload: replicas written or defaulted, pod labels', () => {
  const text = 'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web}\nspec:\n  template:\n    metadata: {labels: {app: web}}\n    spec:\n      containers: [{name: c, image: "c:1"}]\n';
  const w = workloadOf(parseChunk(text).resources[0])!;
  assert.equal(describeValue(w.replicas!), 'replicas (not set, defaults to 1)');
  assert.deepEqual([...w.podLabels], [['app', 'web']]);
});

test('the model is built once per parsed document', () => {
  const r = parseChunk(HPA).resources[0];
  assert.equal(autoscalerOf(r), autoscalerOf(r));
});

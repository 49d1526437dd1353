/** AWS Application Auto Scaling in CloudFormation (SPEC §9): the rules of the Terraform row, with no rule branch of their own. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { findingsOf, lintText } from '../../../helpers/lint';
import { applyEdits } from '../../../../server/src/engine/fix';

const target = (dimension: string, min: number | string, max: number | string) => `Resources:
  Target:
    Type: AWS::ApplicationAutoScaling::ScalableTarget
    Properties:
      ServiceNamespace: ${dimension.split(':')[0]}
      ScalableDimension: ${dimension}
      ResourceId: service/cluster/web
      MinCapacity: ${min}
      MaxCapacity: ${max}
`;
const ECS = 'ecs:service:DesiredCount';
const AURORA = 'rds:cluster:ReadReplicaCount';

const policy = (config: string) => `${target(ECS, 2, 20)}  Policy:
    Type: AWS::ApplicationAutoScaling::ScalingPolicy
    Properties:
      PolicyName: p
      PolicyType: TargetTrackingScaling
      ScalingTargetId: !Ref Target
      TargetTrackingScalingPolicyConfiguration:
${config}`;

test('min-replicas: an ECS service target below the floor, fixed to the floor', () => {
  const text = target(ECS, 1, 10);
  assert.deepEqual(findingsOf(text, 'min-replicas'), ['8:20 warning MinCapacity is 1; the HA floor is 2.']);
  const [f] = lintText(text).filter((x) => x.ruleId === 'min-replicas');
  assert.match(applyEdits(text, f.fixes![0].edits), /MinCapacity: 2\n/);
});

test('min-replicas: Aurora read replicas count the writer (floor − 1 is enough)', () => {
  assert.deepEqual(findingsOf(target(AURORA, 1, 8), 'min-replicas'), []);
  assert.deepEqual(findingsOf(target(AURORA, 0, 8), 'min-replicas'), [
    "8:20 warning MinCapacity is 0; the HA floor is 2 and the cluster's writer counts towards it, so a minimum of 1 is enough.",
  ]);
  assert.deepEqual(findingsOf(target(AURORA, 2, 8), 'min-replicas', { config: 'minReplicasFloor: 4' }), [
    "8:20 warning MinCapacity is 2; the HA floor is 4 and the cluster's writer counts towards it, so a minimum of 3 is enough.",
  ]);
});

test('min-replicas: a MaxCapacity of 1 with no policy is not a self-healing singleton (that is an Auto Scaling group)', () => {
  assert.deepEqual(findingsOf(target(ECS, 1, 1), 'min-replicas'), ['8:20 warning MinCapacity is 1; the HA floor is 2.']);
});

test('replica-bounds: inverted and fixed bounds of a scalable target', () => {
  assert.deepEqual(findingsOf(target(ECS, 6, 3), 'replica-bounds'), ['9:20 error MaxCapacity 3 is below MinCapacity 6: CloudFormation fails to create or update the scalable target.']);
  assert.deepEqual(findingsOf(target(ECS, 4, 4), 'replica-bounds'), ['9:20 warning MinCapacity 4 equals MaxCapacity 4: the scalable target can never scale in or out. Raise MaxCapacity above MinCapacity.']);
  assert.deepEqual(findingsOf(target(ECS, 2, 20), 'replica-bounds'), []);
});

test('max-replicas-ceiling: MaxCapacity above the ceiling', () => {
  assert.deepEqual(findingsOf(target(ECS, 2, 50), 'max-replicas-ceiling', { config: 'maxReplicasCeiling: 20' }), ['9:20 warning MaxCapacity is 50; the cost ceiling is 20.']);
  assert.deepEqual(findingsOf(target(ECS, 2, '"20"'), 'max-replicas-ceiling', { config: 'maxReplicasCeiling: 20' }), []);
});

test('cooldown-order: ScaleInCooldown must be longer than ScaleOutCooldown', () => {
  const equal = policy('        TargetValue: 70\n        ScaleInCooldown: 60\n        ScaleOutCooldown: 60\n        PredefinedMetricSpecification: {PredefinedMetricType: ECSServiceAverageCPUUtilization}\n');
  assert.deepEqual(findingsOf(equal, 'cooldown-order'), [
    '18:26 warning ScaleInCooldown (60 s) is not longer than ScaleOutCooldown (60 s): the target is scaled in as readily as out, and flaps on a spiky load. Give scale-in the longer cooldown (300 s).',
  ]);
  const [f] = lintText(equal).filter((x) => x.ruleId === 'cooldown-order');
  assert.match(applyEdits(equal, f.fixes![0].edits), /ScaleInCooldown: 300\n/);
  const ordered = policy('        TargetValue: 70\n        ScaleInCooldown: 300\n        ScaleOutCooldown: 60\n');
  assert.deepEqual(findingsOf(ordered, 'cooldown-order'), []);
  const neither = policy('        TargetValue: 70\n');
  assert.deepEqual(findingsOf(neither, 'cooldown-order'), []);
});

test('cooldown-order: a scale-out cooldown above the 300 s default scale-in one, fixed by inserting ScaleInCooldown', () => {
  const text = policy('        TargetValue: 70\n        ScaleOutCooldown: 400\n');
  assert.deepEqual(findingsOf(text, 'cooldown-order'), [
    '18:27 warning ScaleInCooldown (not set: 300 s by default) is not longer than ScaleOutCooldown (400 s): the target is scaled in as readily as out, and flaps on a spiky load. Give scale-in the longer cooldown (460 s).',
  ]);
  const [f] = lintText(text).filter((x) => x.ruleId === 'cooldown-order');
  const fixed = applyEdits(text, f.fixes![0].edits);
  assert.match(fixed, /        ScaleInCooldown: 460\n/);
  assert.deepEqual(findingsOf(fixed, 'cooldown-order'), []);
});

test('utilization-target: ECS CPU and memory targets against their ranges; other metrics are not checked', () => {
  const cpu = policy('        TargetValue: 95\n        PredefinedMetricSpecification:\n          PredefinedMetricType: ECSServiceAverageCPUUtilization\n');
  assert.deepEqual(findingsOf(cpu, 'utilization-target'), [
    '17:22 warning The CPU TargetValue is 95%, above the accepted CPU range of 50–80%: so high a target leaves no headroom for the load that keeps arriving while a scale-up takes effect (new instances must start and become ready).',
  ]);
  const memory = policy('        TargetValue: 90\n        CustomizedMetricSpecification: {MetricName: MemoryUtilization, Namespace: AWS/ECS, Statistic: Average}\n');
  assert.equal(findingsOf(memory, 'utilization-target').length, 1);
  assert.match(findingsOf(memory, 'utilization-target')[0], /The memory TargetValue is 90%, above the accepted memory range of 60–85%/);
  const requests = policy('        TargetValue: 1000\n        PredefinedMetricSpecification: {PredefinedMetricType: ALBRequestCountPerTarget}\n');
  assert.deepEqual(findingsOf(requests, 'utilization-target'), []);
  const aurora = policy('        TargetValue: 40\n        PredefinedMetricSpecification: {PredefinedMetricType: RDSReaderAverageCPUUtilization}\n');
  assert.match(findingsOf(aurora, 'utilization-target')[0], /The CPU TargetValue is 40%, below/);
});

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { findingsOf } from '../../../helpers/lint';

const ID = 'instance-warmup';

const template = (groupProps: string, policies: string) => `Resources:
  WebGroup:
    Type: AWS::AutoScaling::AutoScalingGroup
    Properties:
      MinSize: 2
      MaxSize: 20
${groupProps}${policies}`;
const targetTracking = `  CpuTarget:
    Type: AWS::AutoScaling::ScalingPolicy
    Properties:
      AutoScalingGroupName: !Ref WebGroup
      PolicyType: TargetTrackingScaling
      TargetTrackingConfiguration:
        PredefinedMetricSpecification: {PredefinedMetricType: ASGAverageCPUUtilization}
        TargetValue: 70
`;
const simple = `  ScaleOut:
    Type: AWS::AutoScaling::ScalingPolicy
    Properties:
      AutoScalingGroupName: {Ref: WebGroup}
      ScalingAdjustment: 2
`;

const valid: { name: string; text: string }[] = [
  { name: 'DefaultInstanceWarmup set', text: template('      DefaultInstanceWarmup: 300\n', targetTracking) },
  { name: 'DefaultInstanceWarmup 0 is a choice', text: template('      DefaultInstanceWarmup: 0\n', targetTracking) },
  { name: 'DefaultInstanceWarmup from a parameter', text: template('      DefaultInstanceWarmup: !Ref Warmup\n', targetTracking) },
  { name: 'no scaling policy', text: template('', '') },
  { name: 'a policy for another group', text: template('', targetTracking.replace('!Ref WebGroup', '!Ref OtherGroup')) },
];

const invalid: { name: string; text: string; expected: string[] }[] = [
  {
    name: 'a target tracking policy, no warmup',
    text: template('', targetTracking),
    expected: ["2:3 info WebGroup has 1 scaling policy (TargetTrackingScaling) but no DefaultInstanceWarmup: instances still booting count in the group's metrics, so scale-out stops early, and the policies fall back to cooldowns. Set DefaultInstanceWarmup to the instances' boot time."],
  },
  {
    name: 'two policies of two types',
    text: template('', targetTracking + simple),
    expected: ["2:3 info WebGroup has 2 scaling policies (TargetTrackingScaling, SimpleScaling) but no DefaultInstanceWarmup: instances still booting count in the group's metrics, so scale-out stops early, and the policies fall back to cooldowns. Set DefaultInstanceWarmup to the instances' boot time."],
  },
];

for (const c of valid) test(`${ID} valid: ${c.name}`, () => assert.deepEqual(findingsOf(c.text, ID), []));
for (const c of invalid) test(`${ID} invalid: ${c.name}`, () => assert.deepEqual(findingsOf(c.text, ID), c.expected));

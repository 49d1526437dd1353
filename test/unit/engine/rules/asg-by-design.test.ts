/**
 * Auto Scaling groups whose small numbers are their design (SPEC §10, from the second real-world corpus's
 * review): a self-healing singleton and a scale-to-zero worker group stay silent under min-replicas and
 * replica-bounds; their near misses are still reported.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { findingsOf } from '../../../helpers/lint';

const template = (props: string, extra = '') => `AWSTemplateFormatVersion: '2010-09-09'
Parameters:
  Size: {Type: Number, Default: 1}
Resources:
  Group:
    Type: AWS::AutoScaling::AutoScalingGroup
    Properties:
      LaunchTemplate: {LaunchTemplateId: lt-0123456789abcdef0, Version: '1'}
      VPCZoneIdentifier: [subnet-aaaa, subnet-bbbb]
${props}${extra}`;

const POLICY = `  Up:
    Type: AWS::AutoScaling::ScalingPolicy
    Properties:
      AutoScalingGroupName: !Ref Group
      PolicyType: TargetTrackingScaling
      TargetTrackingConfiguration:
        PredefinedMetricSpecification: {PredefinedMetricType: ASGAverageCPUUtilization}
        TargetValue: 60
`;

const both = (text: string) => [...findingsOf(text, 'min-replicas'), ...findingsOf(text, 'replica-bounds')];

test('a self-healing singleton (MaxSize 1, no scaling policy) is silent, also through a parameter Default', () => {
  assert.deepEqual(both(template("      MinSize: '1'\n      MaxSize: '1'\n")), []);
  assert.deepEqual(both(template('      MinSize: !Ref Size\n      MaxSize: !Ref Size\n')), []);
  assert.deepEqual(both(template('      MinSize: 1\n      MaxSize: 1\n      DesiredCapacity: 1\n')), []);
});

test('near misses: a scaling policy on it, or a maximum above 1, are still reported', () => {
  assert.deepEqual(both(template('      MinSize: 1\n      MaxSize: 1\n', POLICY)), [
    '10:16 warning MinSize is 1; the HA floor is 2.',
    '11:16 warning MinSize 1 equals MaxSize 1: the group can never scale in or out. Raise MaxSize above MinSize.',
  ]);
  assert.deepEqual(both(template('      MinSize: 1\n      MaxSize: 3\n')), ['10:16 warning MinSize is 1; the HA floor is 2.']);
  // A maximum below the minimum is invalid whatever the design.
  assert.deepEqual(findingsOf(template('      MinSize: 2\n      MaxSize: 1\n'), 'replica-bounds').length, 1);
});

test('MinSize 0 scales to zero by design outside a load balancer; behind one it is still reported', () => {
  assert.deepEqual(findingsOf(template('      MinSize: 0\n      MaxSize: 10\n'), 'min-replicas'), []);
  assert.deepEqual(findingsOf(template('      MinSize: 0\n      MaxSize: 10\n      TargetGroupARNs: [!Ref Tg]\n'), 'min-replicas'), ['10:16 warning MinSize is 0; the HA floor is 2.']);
  assert.deepEqual(findingsOf(template('      MinSize: 0\n      MaxSize: 10\n      LoadBalancerNames: [web-elb]\n'), 'min-replicas'), ['10:16 warning MinSize is 0; the HA floor is 2.']);
  assert.deepEqual(findingsOf(template('      MinSize: 0\n      MaxSize: 10\n      TargetGroupARNs: []\n'), 'min-replicas'), []);
});

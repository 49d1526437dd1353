import { test } from 'node:test';
import assert from 'node:assert/strict';
import { findingsOf, lintText } from '../../../helpers/lint';
import { applyEdits, fileEdits } from '../../../../server/src/engine';

const ID = 'update-policy';

/** An ASG with a rolling update policy: `rolling` lines from line 7, then Properties. */
const asg = (rolling: string, props = '      MinSize: 2\n      MaxSize: 4\n', params = '') => `AWSTemplateFormatVersion: "2010-09-09"
${params}Resources:
  WebGroup:
    Type: AWS::AutoScaling::AutoScalingGroup
    UpdatePolicy:
      AutoScalingRollingUpdate:
${rolling}    Properties:
${props}      LaunchTemplate: {LaunchTemplateId: lt-1, Version: "1"}
`;

const valid: { name: string; text: string }[] = [
  { name: 'MinInstancesInService 2 of MinSize 2, MaxSize 4', text: asg('        MinInstancesInService: 2\n        MaxBatchSize: 1\n') },
  { name: 'MinInstancesInService 1 while MinSize is 1 (below the floor already: min-replicas says so)', text: asg('        MinInstancesInService: 1\n', '      MinSize: 1\n      MaxSize: 4\n') },
  { name: 'no UpdatePolicy', text: asg('        {}\n').replace('    UpdatePolicy:\n      AutoScalingRollingUpdate:\n        {}\n', '') },
  { name: 'MinInstancesInService from an intrinsic we cannot read', text: asg('        MinInstancesInService: !GetAtt Other.Count\n') },
  { name: 'floor 1 by config', text: asg('        MinInstancesInService: 1\n') },
];

const invalid: { name: string; text: string; expected: string[] }[] = [
  {
    name: 'MinInstancesInService equal to MaxSize',
    text: asg('        MinInstancesInService: 4\n'),
    expected: ['7:32 error MinInstancesInService 4 is not below MaxSize 4: the rolling update cannot take one instance out of service, so it fails and the stack rolls back. Keep MinInstancesInService below MaxSize.'],
  },
  {
    name: 'MinInstancesInService above MaxSize from a parameter',
    text: asg('        MinInstancesInService: 6\n', '      MinSize: 2\n      MaxSize: !Ref Max\n', 'Parameters:\n  Max: {Type: Number, Default: 5}\n'),
    expected: ["9:32 error MinInstancesInService 6 is not below MaxSize 5 (the parameter's Default): the rolling update cannot take one instance out of service, so it fails and the stack rolls back. Keep MinInstancesInService below MaxSize."],
  },
  {
    name: 'MinInstancesInService 1 with MinSize 2',
    text: asg("        MinInstancesInService: '1'\n"),
    expected: ["7:32 warning MinInstancesInService 1, below the HA floor 2, while MinSize 2 keeps the group at 2 or more: every rolling update may leave a single instance in service. Set MinInstancesInService to 2."],
  },
  {
    name: 'MinInstancesInService not set (0)',
    text: asg('        MaxBatchSize: 1\n'),
    expected: ['6:7 warning MinInstancesInService is not set, so 0, below the HA floor 2, while MinSize 2 keeps the group at 2 or more: every rolling update may leave no instance in service. Set MinInstancesInService to 2.'],
  },
];

for (const c of valid) test(`${ID} valid: ${c.name}`, () => assert.deepEqual(findingsOf(c.text, ID, c.name.startsWith('floor 1') ? { config: 'minReplicasFloor: 1\n' } : {}), []));
for (const c of invalid) test(`${ID} invalid: ${c.name}`, () => assert.deepEqual(findingsOf(c.text, ID), c.expected));

test(`${ID}: the fix sets a written MinInstancesInService to the floor, keeping its quotes`, () => {
  const text = asg("        MinInstancesInService: '1'\n");
  const [f] = lintText(text).filter((x) => x.ruleId === ID);
  assert.equal(f.fixes?.[0].safe, true);
  const out = applyEdits(text, fileEdits(f, f.fixes![0]));
  assert.ok(out.includes("MinInstancesInService: '2'\n"));
  assert.deepEqual(findingsOf(out, ID), []);
});

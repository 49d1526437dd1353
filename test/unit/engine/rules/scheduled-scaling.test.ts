import { test } from 'node:test';
import assert from 'node:assert/strict';
import { findingsOf } from '../../../helpers/lint';
import { cronProblem } from '../../../../server/src/engine/rules/scheduled-scaling';

const ID = 'scheduled-scaling';

/** A group (lines 1–8), then one scheduled action whose properties start on line 12. */
const template = (action: string, group = 'WebGroup') => `Parameters:
  External: {Type: String}
Resources:
  WebGroup:
    Type: AWS::AutoScaling::AutoScalingGroup
    Properties: {AutoScalingGroupName: web-asg, MinSize: 2, MaxSize: 10, DesiredCapacity: 4}
  Bucket:
    Type: AWS::S3::Bucket
  Nightly:
    Type: AWS::AutoScaling::ScheduledAction
    Properties:
      AutoScalingGroupName: ${group === 'WebGroup' ? '!Ref WebGroup' : group}
${action}`;

const valid: { name: string; text: string }[] = [
  { name: 'a morning scale-up', text: template('      MinSize: 4\n      MaxSize: 20\n      DesiredCapacity: 6\n      Recurrence: "0 7 * * MON-FRI"\n') },
  { name: 'switching a group off (MinSize 0, MaxSize 0)', text: template('      MinSize: 0\n      MaxSize: 0\n      DesiredCapacity: 0\n      Recurrence: "0 22 * * *"\n') },
  { name: 'desired within the group’s own bounds', text: template('      DesiredCapacity: 8\n      Recurrence: "*/30 8-18 * * 1-5"\n') },
  { name: 'a literal name of a group of the template', text: template('      MinSize: 3\n', 'web-asg') },
  { name: 'a parameter names a group managed elsewhere', text: template('      MinSize: 3\n', '!Ref External') },
  { name: 'a one-time action (StartTime, no Recurrence)', text: template('      MinSize: 3\n      StartTime: "2026-12-24T08:00:00Z"\n') },
  { name: 'floor 1 by config', text: template('      MinSize: 1\n') },
];

const invalid: { name: string; text: string; expected: string[] }[] = [
  {
    name: 'a scheduled minimum of 1',
    text: template('      MinSize: 1\n      MaxSize: 4\n      Recurrence: "0 22 * * *"\n'),
    expected: ['13:16 warning This scheduled action sets MinSize 1; the HA floor is 2: whenever it runs, the group may shrink to a single instance until another action raises it.'],
  },
  {
    name: 'MaxSize below MinSize',
    text: template('      MinSize: 6\n      MaxSize: 4\n'),
    expected: ['14:16 error MaxSize 4 is below MinSize 6: Auto Scaling rejects the action when it runs, and the group keeps its size.'],
  },
  {
    name: 'DesiredCapacity above the group’s MaxSize (the action leaves MaxSize out)',
    text: template('      DesiredCapacity: 12\n'),
    expected: ["13:24 error DesiredCapacity 12 is above the group's MaxSize 10: Auto Scaling rejects the action when it runs, and the group keeps its size."],
  },
  {
    name: 'DesiredCapacity below the action’s MinSize',
    text: template("      MinSize: 4\n      DesiredCapacity: '3'\n"),
    expected: ['14:24 error DesiredCapacity 3 is below MinSize 4: Auto Scaling rejects the action when it runs, and the group keeps its size.'],
  },
  {
    name: 'a six-field (Quartz) Recurrence',
    text: template('      MinSize: 2\n      Recurrence: "0 0 22 * * ?"\n'),
    expected: ['14:19 error Recurrence "0 0 22 * * ?" is not a five-field cron expression: it has 6 fields; Auto Scaling takes five (minute hour day-of-month month day-of-week, in UTC unless TimeZone says otherwise).'],
  },
  {
    name: 'an hour of 24',
    text: template('      MinSize: 2\n      Recurrence: 0 24 * * *\n'),
    expected: ['14:19 error Recurrence "0 24 * * *" is not a five-field cron expression: the hour field "24" has 24, outside 0–23.'],
  },
  {
    name: 'AutoScalingGroupName refers to a bucket',
    text: template('      MinSize: 2\n', '!Ref Bucket'),
    expected: ['12:29 warning AutoScalingGroupName refers to Bucket (AWS::S3::Bucket), not an Auto Scaling group: this action schedules nothing.'],
  },
  {
    name: 'AutoScalingGroupName refers to nothing in the template',
    text: template('      MinSize: 2\n', '!Ref WebGroupp'),
    expected: ['12:29 warning AutoScalingGroupName refers to WebGroupp, which is no resource or parameter of this template: this action schedules nothing.'],
  },
  {
    name: 'a literal name no group carries',
    text: template('      MinSize: 2\n', 'web-asg-old'),
    expected: ['12:29 warning AutoScalingGroupName is "web-asg-old", which no Auto Scaling group of this template is named (groups here: WebGroup): if it is one of them, refer to it with !Ref so the action follows its real name.'],
  },
];

for (const c of valid) test(`${ID} valid: ${c.name}`, () => assert.deepEqual(findingsOf(c.text, ID, c.name.startsWith('floor 1') ? { config: 'minReplicasFloor: 1\n' } : {}), []));
for (const c of invalid) test(`${ID} invalid: ${c.name}`, () => assert.deepEqual(findingsOf(c.text, ID), c.expected));

test(`${ID}: cron fields`, () => {
  for (const ok of ['0 7 * * *', '*/15 * * * *', '0 8-18/2 1,15 JAN-MAR mon-fri', '0 0 L * ?', '30 6 * * 7']) assert.equal(cronProblem(ok), undefined, ok);
  for (const bad of ['', '0 7 * *', '60 7 * * *', '0 7 32 * *', '0 7 * 13 *', '0 7 * * 8', 'a b c d e', '0 7 * * MON/x']) assert.ok(cronProblem(bad), bad);
});

/**
 * CloudFormation YAML read as CloudFormation reads it (issue 14): a quoted scalar continued at column 0 is not
 * a syntax error, ranges stay exact, and a real syntax error leaves the resources around it linted.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { findingsOf, lintText, rows } from '../../../helpers/lint';
import { parseChunk } from '../../../../server/src/engine/parse/document';
import { isCloudFormationText, joinQuotedContinuations } from '../../../../server/src/engine/parse/cfn-text';

const TEMPLATE = `AWSTemplateFormatVersion: "2010-09-09"
Resources:
  HighCpu:
    Type: AWS::CloudWatch::Alarm
    Properties:
      AlarmDescription: "Scale out when CPU is high
for five minutes, as the runbook says"
      Namespace: AWS/EC2
      MetricName: CPUUtilization
      Statistic: Average
      Period: 60
      EvaluationPeriods: 5
      Treshold: 70
      ComparisonOperator: GreaterThanThreshold
  Group:
    Type: AWS::AutoScaling::AutoScalingGroup
    Properties:
      MinSize: '1'
      MaxSize: '4'
      AvailabilityZones: [a, b]
`;

test('a double-quoted scalar continued at column 0 is read (no yaml-syntax), the value folded, the rest linted at exact places', () => {
  const all = lintText(TEMPLATE);
  assert.deepEqual(all.filter((f) => f.ruleId === 'yaml-syntax'), []);
  const chunk = parseChunk(TEMPLATE);
  assert.deepEqual(chunk.resources.map((r) => r.name), ['HighCpu', 'Group']);
  const desc = (chunk.docs[0].toJS() as any).Resources.HighCpu.Properties.AlarmDescription;
  assert.equal(desc, 'Scale out when CPU is high for five minutes, as the runbook says');
  // The typo after the scalar is found where it is written; the group after it is linted.
  assert.deepEqual(findingsOf(TEMPLATE, 'schema').map((r) => r.split(' ').slice(0, 2).join(' ')), ['13:7 warning']);
  assert.equal(findingsOf(TEMPLATE, 'min-replicas')[0].split(' ')[0], '18:16');
});

test('single quotes, a short-form tag, a sequence item and several column-0 lines are read too', () => {
  const text = `Resources:
  Topic:
    Type: AWS::SNS::Topic
    Properties:
      DisplayName: !Sub 'scaling
alerts for
\${AWS::StackName}'
      Tags:
        - "one
two"
  Group:
    Type: AWS::AutoScaling::AutoScalingGroup
    Properties: {MinSize: '2', MaxSize: '4', AvailabilityZones: [a, b]}
`;
  assert.ok(isCloudFormationText(text));
  assert.deepEqual(lintText(text).filter((f) => f.ruleId === 'yaml-syntax'), []);
  assert.equal(joinQuotedContinuations(text)!.length, text.length);
  assert.deepEqual(parseChunk(text).resources.map((r) => r.name), ['Topic', 'Group']);
});

test('near misses: Kubernetes YAML keeps the error; an unclosed quote in a template stays an error', () => {
  const k8s = 'apiVersion: v1\nkind: Service\nmetadata:\n  name: web\n  annotations:\n    note: "two\nlines"\nspec: {ports: [{port: 80}]}\n';
  assert.ok(findingsOf(k8s, 'yaml-syntax').length > 0);
  const unclosed = TEMPLATE.replace('as the runbook says"', 'as the runbook says');
  assert.ok(findingsOf(unclosed, 'yaml-syntax').length > 0);
});

test('one bad spot does not leave the template unlinted: the resources around it are checked, the broken one is not', () => {
  const text = `AWSTemplateFormatVersion: "2010-09-09"
Resources:
  First:
    Type: AWS::AutoScaling::AutoScalingGroup
    Properties: {MinSize: '1', MaxSize: '4', AvailabilityZones: [a, b]}
  Broken:
    Type: AWS::AutoScaling::AutoScalingGroup
    Properties:
      MinSize: '1'
      MaxSize: [4
      AvailabilityZones: [a, b]
  Last:
    Type: AWS::AutoScaling::AutoScalingGroup
    Properties:
      MinSize: '1'
      MaxSize: '6'
      AvailabilityZones: [a, b]
`;
  const all = rows(text, lintText(text));
  assert.ok(all.some((r) => r.ruleId === 'yaml-syntax' && r.line === 11), 'the bad spot is reported (yaml notices it a line late)');
  const minReplicas = all.filter((r) => r.ruleId === 'min-replicas').map((r) => r.line);
  assert.deepEqual(minReplicas, [5, 15]); // First and Last; Broken held the error and is not judged
  assert.deepEqual(parseChunk(text).resources.map((r) => r.name), ['First', 'Last']);
});

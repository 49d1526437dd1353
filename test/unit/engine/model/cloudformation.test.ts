import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Node } from 'yaml';
import { parseChunk, type Resource } from '../../../../server/src/engine/parse/document';
import {
  ALARM,
  ASG,
  SCALING_POLICY,
  TARGET_GROUP,
  alarmLinksFor,
  alarmsFor,
  ifArgs,
  isAlarm,
  isAsg,
  isListParameter,
  isNoValue,
  isScalingPolicy,
  isTargetGroup,
  listParameterDefault,
  parameterOf,
  policiesOf,
  policyDirection,
  policyType,
  prop,
  propNumber,
  propString,
  referencedParameter,
  refersTo,
  templateOf,
} from '../../../../server/src/engine/model/cloudformation';

function parse(text: string): Resource[] {
  return parseChunk(text).resources;
}

function byName(resources: Resource[], name: string): Resource {
  const r = resources.find((x) => x.name === name);
  assert.ok(r, `resource ${name}`);
  return r;
}

/** The value node of `Resources.Probe.Properties.Value`. */
function valueNode(yaml: string): Node | null {
  const rs = parse(`Resources:\n  Probe:\n    Type: AWS::Test::Probe\n    Properties:\n      Value: ${yaml}\n`);
  return prop(byName(rs, 'Probe'), 'Value')?.value ?? null;
}

test('type predicates: family cloudformation and the exact Type', () => {
  const rs = parse(
    [
      'Resources:',
      `  A: {Type: ${ASG}}`,
      `  P: {Type: ${SCALING_POLICY}}`,
      `  W: {Type: ${ALARM}}`,
      `  T: {Type: ${TARGET_GROUP}}`,
      '  L: {Type: AWS::ElasticLoadBalancingV2::LoadBalancer}',
    ].join('\n'),
  );
  const table: [string, boolean[]][] = [
    ['A', [true, false, false, false]],
    ['P', [false, true, false, false]],
    ['W', [false, false, true, false]],
    ['T', [false, false, false, true]],
    ['L', [false, false, false, false]],
  ];
  for (const [name, expected] of table) {
    const r = byName(rs, name);
    assert.deepEqual([isAsg(r), isScalingPolicy(r), isAlarm(r), isTargetGroup(r)], expected, name);
  }
  const k8s = parse('apiVersion: v1\nkind: AWS::AutoScaling::AutoScalingGroup\nmetadata: {name: x}\n');
  assert.equal(isAsg(k8s[0]), false, 'a Kubernetes object never is a CloudFormation resource');
});

const TEMPLATE = [
  'Parameters:',
  '  Size: {Type: Number, Default: "4"}',
  '  Kind: {Type: String, Default: ELB}',
  '  NoDefault: {Type: Number}',
  '  Subnets: {Type: "List<AWS::EC2::Subnet::Id>", Default: "subnet-a, subnet-b,,"}',
  '  Zones: {Type: CommaDelimitedList}',
  '  One: {Type: "AWS::EC2::Subnet::Id", Default: subnet-a}',
  'Resources:',
  '  Group:',
  '    Type: AWS::AutoScaling::AutoScalingGroup',
  '    Properties:',
  '      MinSize: 2',
  '      MaxSize: "10"',
  '      DesiredCapacity: !Ref Size',
  '      HealthCheckGracePeriod: {Ref: Size}',
  '      Cooldown: !Ref NoDefault',
  '      HealthCheckType: !Ref Kind',
  '      DefaultInstanceWarmup: !GetAtt Other.Value',
  '      MaxInstanceLifetime: soon',
  '      CapacityRebalance: true',
  '      VPCZoneIdentifier: !Ref Subnets',
  '      AvailabilityZones: !Ref Zones',
  '  NoProps:',
  '    Type: AWS::AutoScaling::AutoScalingGroup',
].join('\n');

test('prop / propNumber / propString: literals, numeric strings, !Ref to a Parameter Default', () => {
  const rs = parse(TEMPLATE);
  const g = byName(rs, 'Group');
  const table: [string, { value: number; literal: boolean } | undefined][] = [
    ['MinSize', { value: 2, literal: true }],
    ['MaxSize', { value: 10, literal: true }],
    ['DesiredCapacity', { value: 4, literal: false }],
    ['HealthCheckGracePeriod', { value: 4, literal: false }],
    ['Cooldown', undefined], // parameter without Default
    ['DefaultInstanceWarmup', undefined], // other intrinsic
    ['MaxInstanceLifetime', undefined], // not a number
    ['Missing', undefined],
  ];
  for (const [key, expected] of table) {
    const got = propNumber(g, key);
    assert.deepEqual(got ? { value: got.value, literal: got.literal } : undefined, expected, key);
    if (got) assert.equal(got.pair, prop(g, key), `${key}: the pair is the Properties pair`);
  }
  assert.equal(propString(g, 'HealthCheckType'), 'ELB');
  assert.equal(propString(g, 'MaxSize'), '10');
  assert.equal(propString(g, 'CapacityRebalance'), 'true');
  assert.equal(propString(g, 'Cooldown'), undefined);
  assert.equal(prop(g, 'Missing'), undefined);
  assert.equal(prop(byName(rs, 'NoProps'), 'MinSize'), undefined);
  assert.equal(propNumber(byName(rs, 'NoProps'), 'MinSize'), undefined);
});

test('parameters: templateOf, parameterOf, list parameters and their Defaults', () => {
  const rs = parse(TEMPLATE);
  const g = byName(rs, 'Group');
  assert.ok(templateOf(g));
  assert.equal(parameterOf(g, 'Size')?.type, 'Number');
  assert.equal(parameterOf(g, 'Nope'), undefined);
  assert.equal(referencedParameter(g, prop(g, 'VPCZoneIdentifier')?.value)?.name, 'Subnets');
  assert.equal(referencedParameter(g, prop(g, 'MinSize')?.value), undefined);
  const table: [string, boolean, string[] | undefined][] = [
    ['Subnets', true, ['subnet-a', 'subnet-b']],
    ['Zones', true, undefined],
    ['One', false, undefined],
    ['Size', false, undefined],
  ];
  for (const [name, isList, entries] of table) {
    const p = parameterOf(g, name);
    assert.equal(isListParameter(p), isList, name);
    assert.deepEqual(listParameterDefault(p), entries, name);
  }
});

test('refersTo: Ref, GetAtt and Sub in short and long form', () => {
  const table: [string, boolean][] = [
    ['!Ref Target', true],
    ['{Ref: Target}', true],
    ['!Ref TargetX', false],
    ['!GetAtt Target.Arn', true],
    ['!GetAtt TargetX.Arn', false],
    ['!GetAtt [Target, Arn]', true],
    ['{"Fn::GetAtt": [Target, Arn]}', true],
    ['{"Fn::GetAtt": "Target.Arn"}', true],
    ['{"Fn::GetAtt": [Other, Arn]}', false],
    ["!Sub '${Target}'", true],
    ["!Sub 'arn:${AWS::Partition}:x:${Target.Arn}/y'", true],
    ["!Sub '${TargetX}'", false],
    ["!Sub '${!Target}'", false], // escaped: a literal ${Target}
    ['!Sub ["${Name}", {Name: !Ref Target}]', true],
    ['!Sub ["${Target}", {Target: !Ref Other}]', false], // the variable shadows the logical id
    ['{"Fn::Sub": "${Target}"}', true],
    ['Target', false],
    ['"arn:aws:autoscaling:...:Target"', false],
    ['[!Ref Target]', false], // a list is not a reference (mentions() looks inside)
    ['!Join ["", [!Ref Target]]', false],
  ];
  for (const [yaml, expected] of table) assert.equal(refersTo(valueNode(yaml), 'Target'), expected, yaml);
  assert.equal(refersTo(null, 'Target'), false);
  assert.equal(refersTo(undefined, 'Target'), false);
});

test('isNoValue and ifArgs', () => {
  assert.equal(isNoValue(valueNode('!Ref AWS::NoValue')), true);
  assert.equal(isNoValue(valueNode('{Ref: "AWS::NoValue"}')), true);
  assert.equal(isNoValue(valueNode('!Ref Other')), false);
  const args = ifArgs(valueNode('!If [Prod, 3, !Ref AWS::NoValue]'));
  assert.equal(args?.[0], 'Prod');
  assert.equal(isNoValue(args?.[2]), true);
  assert.equal(ifArgs(valueNode('{"Fn::If": [Prod, a, b]}'))?.[0], 'Prod');
  assert.equal(ifArgs(valueNode('!If [Prod, a]')), undefined);
  assert.equal(ifArgs(valueNode('plain')), undefined);
});

const SCALING = [
  'Parameters:',
  '  Step: {Type: Number, Default: -2}',
  'Resources:',
  '  Group:',
  '    Type: AWS::AutoScaling::AutoScalingGroup',
  '    Properties: {MinSize: 2, MaxSize: 10, AutoScalingGroupName: web-asg}',
  '  Other:',
  '    Type: AWS::AutoScaling::AutoScalingGroup',
  '    Properties: {MinSize: 2, MaxSize: 10}',
  '  SimpleOut:',
  '    Type: AWS::AutoScaling::ScalingPolicy',
  '    Properties: {AutoScalingGroupName: !Ref Group, ScalingAdjustment: 1}',
  '  SimpleInString:',
  '    Type: AWS::AutoScaling::ScalingPolicy',
  '    Properties: {AutoScalingGroupName: {Ref: Group}, PolicyType: SimpleScaling, ScalingAdjustment: "-1"}',
  '  SimpleInParam:',
  '    Type: AWS::AutoScaling::ScalingPolicy',
  '    Properties: {AutoScalingGroupName: web-asg, ScalingAdjustment: !Ref Step}',
  '  Exact:',
  '    Type: AWS::AutoScaling::ScalingPolicy',
  '    Properties: {AutoScalingGroupName: !Ref Group, AdjustmentType: ExactCapacity, ScalingAdjustment: 4}',
  '  Zero:',
  '    Type: AWS::AutoScaling::ScalingPolicy',
  '    Properties: {AutoScalingGroupName: !Ref Group, ScalingAdjustment: 0}',
  '  StepOut:',
  '    Type: AWS::AutoScaling::ScalingPolicy',
  '    Properties:',
  '      AutoScalingGroupName: !Ref Group',
  '      PolicyType: StepScaling',
  '      StepAdjustments:',
  '        - {MetricIntervalLowerBound: 0, MetricIntervalUpperBound: 10, ScalingAdjustment: 1}',
  '        - {MetricIntervalLowerBound: 10, ScalingAdjustment: 3}',
  '  StepIn:',
  '    Type: AWS::AutoScaling::ScalingPolicy',
  '    Properties:',
  '      AutoScalingGroupName: !Ref Group',
  '      PolicyType: StepScaling',
  '      StepAdjustments: [{MetricIntervalUpperBound: 0, ScalingAdjustment: -1}]',
  '  StepMixed:',
  '    Type: AWS::AutoScaling::ScalingPolicy',
  '    Properties:',
  '      AutoScalingGroupName: !Ref Group',
  '      PolicyType: StepScaling',
  '      StepAdjustments: [{MetricIntervalUpperBound: 0, ScalingAdjustment: -1}, {MetricIntervalLowerBound: 0, ScalingAdjustment: 1}]',
  '  Tracking:',
  '    Type: AWS::AutoScaling::ScalingPolicy',
  '    Properties:',
  '      AutoScalingGroupName: !Ref Group',
  '      PolicyType: TargetTrackingScaling',
  '      TargetTrackingConfiguration: {PredefinedMetricSpecification: {PredefinedMetricType: ASGAverageCPUUtilization}, TargetValue: 60}',
  '  OtherPolicy:',
  '    Type: AWS::AutoScaling::ScalingPolicy',
  '    Properties: {AutoScalingGroupName: !Ref Other, ScalingAdjustment: 1}',
  '  High:',
  '    Type: AWS::CloudWatch::Alarm',
  '    Properties: {AlarmActions: [!Ref SimpleOut, !Ref StepOut]}',
  '  Low:',
  '    Type: AWS::CloudWatch::Alarm',
  '    Properties: {AlarmActions: [!GetAtt SimpleInString.Arn], OKActions: [!Ref SimpleOut]}',
  '  Conditional:',
  '    Type: AWS::CloudWatch::Alarm',
  '    Properties:',
  '      AlarmActions: !If [Prod, [!Ref StepIn], !Ref "AWS::NoValue"]',
  '  Topic:',
  '    Type: AWS::CloudWatch::Alarm',
  '    Properties: {AlarmActions: [!Ref Notifications]}',
].join('\n');

test('policiesOf: by reference, or by the literal AutoScalingGroupName', () => {
  const rs = parse(SCALING);
  assert.deepEqual(
    policiesOf(byName(rs, 'Group'), rs).map((p) => p.name),
    ['SimpleOut', 'SimpleInString', 'SimpleInParam', 'Exact', 'Zero', 'StepOut', 'StepIn', 'StepMixed', 'Tracking'],
  );
  assert.deepEqual(policiesOf(byName(rs, 'Other'), rs).map((p) => p.name), ['OtherPolicy']);
});

test('policyDirection and policyType', () => {
  const rs = parse(SCALING);
  const table: [string, 'out' | 'in' | undefined, string][] = [
    ['SimpleOut', 'out', 'SimpleScaling'],
    ['SimpleInString', 'in', 'SimpleScaling'],
    ['SimpleInParam', 'in', 'SimpleScaling'],
    ['Exact', undefined, 'SimpleScaling'],
    ['Zero', undefined, 'SimpleScaling'],
    ['StepOut', 'out', 'StepScaling'],
    ['StepIn', 'in', 'StepScaling'],
    ['StepMixed', undefined, 'StepScaling'],
    ['Tracking', undefined, 'TargetTrackingScaling'],
  ];
  for (const [name, direction, type] of table) {
    const p = byName(rs, name);
    assert.equal(policyDirection(p), direction, name);
    assert.equal(policyType(p), type, name);
  }
  assert.equal(policyDirection(byName(rs, 'Group')), undefined, 'not a policy');
});

test('alarmsFor / alarmLinksFor: AlarmActions before OKActions, through !If', () => {
  const rs = parse(SCALING);
  const table: [string, string[]][] = [
    ['SimpleOut', ['High:AlarmActions', 'Low:OKActions']],
    ['StepOut', ['High:AlarmActions']],
    ['SimpleInString', ['Low:AlarmActions']],
    ['StepIn', ['Conditional:AlarmActions']],
    ['Tracking', []],
  ];
  for (const [policy, expected] of table) {
    const p = byName(rs, policy);
    assert.deepEqual(alarmLinksFor(p, rs).map((l) => `${l.alarm.name}:${l.via}`), expected, policy);
    assert.deepEqual(alarmsFor(p, rs).map((a) => a.name), expected.map((e) => e.split(':')[0]), policy);
  }
});

test('JSON templates read the same', () => {
  const rs = parse(
    JSON.stringify({
      Parameters: { Size: { Type: 'Number', Default: '3' } },
      Resources: {
        Group: { Type: ASG, Properties: { MinSize: { Ref: 'Size' }, MaxSize: '6' } },
        Out: { Type: SCALING_POLICY, Properties: { AutoScalingGroupName: { Ref: 'Group' }, ScalingAdjustment: 1 } },
        High: { Type: ALARM, Properties: { AlarmActions: [{ 'Fn::GetAtt': ['Out', 'Arn'] }] } },
      },
    }, null, 2),
  );
  const g = byName(rs, 'Group');
  assert.deepEqual(propNumber(g, 'MinSize') && { v: propNumber(g, 'MinSize')!.value, l: propNumber(g, 'MinSize')!.literal }, { v: 3, l: false });
  assert.equal(propNumber(g, 'MaxSize')?.value, 6);
  assert.deepEqual(policiesOf(g, rs).map((p) => p.name), ['Out']);
  assert.deepEqual(alarmsFor(byName(rs, 'Out'), rs).map((a) => a.name), ['High']);
  assert.equal(policyDirection(byName(rs, 'Out')), 'out');
});

test('odd shapes never throw', () => {
  const rs = parse(
    [
      'Resources:',
      '  G: {Type: AWS::AutoScaling::AutoScalingGroup, Properties: [1, 2]}',
      '  P: {Type: AWS::AutoScaling::ScalingPolicy, Properties: {AutoScalingGroupName: [x], PolicyType: !Ref X, StepAdjustments: oops}}',
      '  S: {Type: AWS::AutoScaling::ScalingPolicy, Properties: {PolicyType: StepScaling, StepAdjustments: [1, {ScalingAdjustment: x}]}}',
      '  A: {Type: AWS::CloudWatch::Alarm, Properties: {AlarmActions: {a: [b]}, OKActions: 5}}',
    ].join('\n'),
  );
  for (const r of rs) {
    assert.doesNotThrow(() => {
      prop(r, 'X');
      propNumber(r, 'MinSize');
      propString(r, 'PolicyType');
      policiesOf(r, rs);
      alarmsFor(r, rs);
      policyDirection(r);
    });
  }
  assert.equal(policyDirection(byName(rs, 'P')), undefined);
  assert.equal(policyDirection(byName(rs, 'S')), undefined);
});

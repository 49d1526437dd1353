import { test } from 'node:test';
import assert from 'node:assert/strict';
import { findingsOf } from '../../../helpers/lint';
import { parseChunk } from '../../../../server/src/engine/parse/document';
import { defaultConfig } from '../../../../server/src/engine';
import rule from '../../../../server/src/engine/rules/alarm-hysteresis';
import type { Report } from '../../../../server/src/engine/rules/rule';

const ID = 'alarm-hysteresis';

interface AlarmSpec {
  name: string;
  metric?: string;
  namespace?: string;
  op: string;
  threshold: string;
  actions?: string;
  ok?: string;
  extra?: string;
}

/**
 * A template: group `G`, policies `Out` (+1) and `In` (−1) unless `policies` replaces them, then the alarms,
 * one flow-style line each. The first alarm is on line 9 + parameter lines.
 */
function template(alarms: AlarmSpec[], opts: { params?: string[]; policies?: string[] } = {}): string {
  const params = opts.params ?? [];
  const policies = opts.policies ?? [
    'Out: {Type: AWS::AutoScaling::ScalingPolicy, Properties: {AutoScalingGroupName: !Ref G, ScalingAdjustment: 1, Cooldown: "60"}}',
    'In: {Type: AWS::AutoScaling::ScalingPolicy, Properties: {AutoScalingGroupName: !Ref G, ScalingAdjustment: -1, Cooldown: "300"}}',
  ];
  const alarm = (a: AlarmSpec) => {
    const props = [
      a.metric !== undefined ? `MetricName: ${a.metric}` : '',
      `Namespace: ${a.namespace ?? 'AWS/EC2'}`,
      'EvaluationPeriods: 2',
      `ComparisonOperator: ${a.op}`,
      `Threshold: ${a.threshold}`,
      a.actions ? `AlarmActions: ${a.actions}` : '',
      a.ok ? `OKActions: ${a.ok}` : '',
      a.extra ?? '',
    ].filter((x) => x);
    return `${a.name}: {Type: AWS::CloudWatch::Alarm, Properties: {${props.join(', ')}}}`;
  };
  return [
    'AWSTemplateFormatVersion: "2010-09-09"',
    `Parameters:${params.length ? '' : ' {}'}`,
    ...params.map((l) => `  ${l}`),
    'Resources:',
    '  G:',
    '    Type: AWS::AutoScaling::AutoScalingGroup',
    '    Properties: {MinSize: 2, MaxSize: 10, AvailabilityZones: !GetAZs ""}',
    ...policies.map((l) => `  ${l}`),
    ...alarms.map((a) => `  ${alarm(a)}`),
    '',
  ].join('\n');
}

const high = (threshold: string, extra: Partial<AlarmSpec> = {}): AlarmSpec => ({
  name: 'High',
  metric: 'CPUUtilization',
  op: 'GreaterThanThreshold',
  threshold,
  actions: '[!Ref Out]',
  ...extra,
});
const low = (threshold: string, extra: Partial<AlarmSpec> = {}): AlarmSpec => ({
  name: 'Low',
  metric: 'CPUUtilization',
  op: 'LessThanThreshold',
  threshold,
  actions: '[!Ref In]',
  ...extra,
});

const FLAP = 'G can flap between scaling out and in';

export const cases: { name: string; text: string; expected: string[]; config?: string }[] = [
  { name: 'the workflow: 70 / 30', text: template([high('70'), low('30')]), expected: [] },
  { name: 'exactly 20 apart', text: template([high('90'), low('70')]), expected: [] },
  {
    name: '15 apart',
    text: template([high('85'), low('70')]),
    expected: [
      `9:176 warning Scale-out alarm High fires at CPUUtilization > 85 and scale-in alarm Low at CPUUtilization < 70: only 15 points apart, below the minimum hysteresis of 20, so ${FLAP}. Scale in below 65 or scale out above 90.`,
    ],
  },
  {
    name: 'minHysteresis from the config',
    text: template([high('85'), low('70')]),
    config: 'minHysteresis: 10',
    expected: [],
  },
  {
    name: 'a stricter minHysteresis',
    text: template([high('70'), low('40')]),
    config: 'minHysteresis: 35',
    expected: [
      `9:176 warning Scale-out alarm High fires at CPUUtilization > 70 and scale-in alarm Low at CPUUtilization < 40: only 30 points apart, below the minimum hysteresis of 35, so ${FLAP}. Scale in below 35 or scale out above 75.`,
    ],
  },
  {
    name: 'equal thresholds, quoted numbers',
    text: template([high('"60"', { op: 'GreaterThanOrEqualToThreshold' }), low('"60"', { op: 'LessThanOrEqualToThreshold' })]),
    expected: [
      `9:185 warning Scale-out alarm High fires at CPUUtilization >= 60 and scale-in alarm Low at CPUUtilization <= 60: the thresholds are equal, leaving no gap between them, so ${FLAP}. The minimum hysteresis is 20 points. Scale in below 40 or scale out above 80.`,
    ],
  },
  {
    name: 'thresholds from parameter Defaults',
    text: template([high('!Ref Hi'), low('{Ref: Lo}')], { params: ['Hi: {Type: Number, Default: 70}', 'Lo: {Type: Number, Default: "65"}'] }),
    expected: [
      `11:176 warning Scale-out alarm High fires at CPUUtilization > 70 (the parameter's Default) and scale-in alarm Low at CPUUtilization < 65 (the parameter's Default): only 5 points apart, below the minimum hysteresis of 20, so ${FLAP}. Scale in below 50 or scale out above 85.`,
    ],
  },
  { name: 'unknown threshold: skipped', text: template([high('!Ref Hi'), low('65')], { params: ['Hi: {Type: Number}'] }), expected: [] },
  { name: 'different metrics are not compared', text: template([high('70'), low('65', { metric: 'NetworkIn' })]), expected: [] },
  { name: 'different namespaces are not compared', text: template([high('70'), low('65', { namespace: 'CWAgent' })]), expected: [] },
  { name: 'metric math alarms (no MetricName) are not compared', text: template([high('70', { metric: undefined }), low('65', { metric: undefined })]), expected: [] },
  { name: 'both alarms above their threshold: not a band', text: template([high('70'), low('65', { op: 'GreaterThanThreshold' })]), expected: [] },
  { name: 'anomaly band operator: skipped', text: template([high('70', { op: 'LessThanLowerOrGreaterThanUpperThreshold' }), low('65')]), expected: [] },
  {
    name: 'inverse metric (free memory falls under load)',
    text: template([
      high('15', { metric: 'mem_available_percent', op: 'LessThanThreshold', namespace: 'CWAgent' }),
      low('25', { metric: 'mem_available_percent', op: 'GreaterThanThreshold', namespace: 'CWAgent' }),
    ]),
    expected: [
      `9:180 warning Scale-out alarm High fires at mem_available_percent < 15 and scale-in alarm Low at mem_available_percent > 25: only 10 points apart, below the minimum hysteresis of 20, so ${FLAP}. Scale in above 35 or scale out below 5.`,
    ],
  },
  { name: 'non-percent metric, in below out', text: template([high('100', { metric: 'RequestCount' }), low('95', { metric: 'RequestCount' })]), expected: [] },
  {
    name: 'non-percent metric, overlapping',
    text: template([high('100', { metric: 'RequestCount' }), low('120', { metric: 'RequestCount' })]),
    expected: [
      `9:174 warning Scale-out alarm High fires at RequestCount > 100 and scale-in alarm Low at RequestCount < 120: the thresholds overlap by 20, so both alarms can be in alarm at once and ${FLAP}. Put the scale-in threshold below the scale-out threshold.`,
    ],
  },
  {
    name: 'Unit: Percent makes any metric a percentage',
    text: template([high('50', { metric: 'Saturation', extra: 'Unit: Percent' }), low('45', { metric: 'Saturation', extra: 'Unit: Percent' })]),
    expected: [
      `9:172 warning Scale-out alarm High fires at Saturation > 50 and scale-in alarm Low at Saturation < 45: only 5 points apart, below the minimum hysteresis of 20, so ${FLAP}. Scale in below 30 or scale out above 65.`,
    ],
  },
  {
    name: 'one alarm, scale-in through OKActions',
    text: template([high('70', { ok: '[!Ref In]' })]),
    expected: [
      '9:176 warning Alarm High scales G out at CPUUtilization > 70 (AlarmActions: Out) and back in through OKActions (In) as soon as CPUUtilization <= 70: there is no gap between the scale-out and scale-in thresholds, so the group can flap. Scale in from a separate alarm at least 20 points below 70.',
    ],
  },
  {
    name: 'the worst partner is reported once per scale-out alarm',
    text: template([high('80'), low('70'), low('50', { name: 'Lower' })]),
    expected: [
      `9:176 warning Scale-out alarm High fires at CPUUtilization > 80 and scale-in alarm Low at CPUUtilization < 70: only 10 points apart, below the minimum hysteresis of 20, so ${FLAP}. Scale in below 60 or scale out above 90.`,
    ],
  },
  {
    name: 'policies of another group are not paired',
    text: template([high('70'), low('65')], {
      policies: [
        'Out: {Type: AWS::AutoScaling::ScalingPolicy, Properties: {AutoScalingGroupName: !Ref G, ScalingAdjustment: 1}}',
        'In: {Type: AWS::AutoScaling::ScalingPolicy, Properties: {AutoScalingGroupName: !Ref Other, ScalingAdjustment: -1}}',
      ],
    }),
    expected: [],
  },
  {
    name: 'target tracking and exact capacity policies have no direction',
    text: template([high('70'), low('65')], {
      policies: [
        'Out: {Type: AWS::AutoScaling::ScalingPolicy, Properties: {AutoScalingGroupName: !Ref G, PolicyType: TargetTrackingScaling, TargetTrackingConfiguration: {PredefinedMetricSpecification: {PredefinedMetricType: ASGAverageCPUUtilization}, TargetValue: 60}}}',
        'In: {Type: AWS::AutoScaling::ScalingPolicy, Properties: {AutoScalingGroupName: !Ref G, AdjustmentType: ExactCapacity, ScalingAdjustment: 2}}',
      ],
    }),
    expected: [],
  },
  {
    name: 'step scaling: steps from the threshold',
    text: template([high('60'), low('50')], {
      policies: [
        'Out: {Type: AWS::AutoScaling::ScalingPolicy, Properties: {AutoScalingGroupName: !Ref G, PolicyType: StepScaling, StepAdjustments: [{MetricIntervalLowerBound: 0, ScalingAdjustment: 1}]}}',
        'In: {Type: AWS::AutoScaling::ScalingPolicy, Properties: {AutoScalingGroupName: !Ref G, PolicyType: StepScaling, StepAdjustments: [{MetricIntervalUpperBound: 0, ScalingAdjustment: -1}]}}',
      ],
    }),
    expected: [
      `9:176 warning Scale-out alarm High fires at CPUUtilization > 60 and scale-in alarm Low at CPUUtilization < 50: only 10 points apart, below the minimum hysteresis of 20, so ${FLAP}. Scale in below 40 or scale out above 70.`,
    ],
  },
  {
    // Alarm thresholds 60 / 55 are 5 apart, but steps act only from 60 + 10 = 70 and below 55 − 5 = 50: 20 apart.
    name: 'step scaling: bounds move the effective thresholds',
    text: template([high('60'), low('55')], {
      policies: [
        'Out: {Type: AWS::AutoScaling::ScalingPolicy, Properties: {AutoScalingGroupName: !Ref G, PolicyType: StepScaling, StepAdjustments: [{MetricIntervalLowerBound: 10, MetricIntervalUpperBound: 20, ScalingAdjustment: 1}, {MetricIntervalLowerBound: 20, ScalingAdjustment: 2}]}}',
        'In: {Type: AWS::AutoScaling::ScalingPolicy, Properties: {AutoScalingGroupName: !Ref G, PolicyType: StepScaling, StepAdjustments: [{MetricIntervalUpperBound: -5, ScalingAdjustment: -1}]}}',
      ],
    }),
    expected: [],
  },
  {
    name: 'alarm actions through !If and long-form GetAtt',
    text: template([high('70', { actions: '!If [Prod, [{"Fn::GetAtt": [Out, Arn]}], []]' }), low('60')]),
    expected: [
      `9:176 warning Scale-out alarm High fires at CPUUtilization > 70 and scale-in alarm Low at CPUUtilization < 60: only 10 points apart, below the minimum hysteresis of 20, so ${FLAP}. Scale in below 50 or scale out above 80.`,
    ],
  },
  { name: 'alarms that notify a topic only', text: template([high('70', { actions: '[!Ref Topic]' }), low('65', { actions: '[!Ref Topic]' })]), expected: [] },
];

for (const c of cases) {
  test(`${ID}: ${c.name}`, () => {
    assert.deepEqual(findingsOf(c.text, ID, c.config ? { config: c.config } : {}), c.expected);
  });
}

/** The rule's own reports (related locations included), straight from checkDocument. */
function reports(text: string): Report[] {
  const chunk = parseChunk(text);
  const out: Report[] = [];
  rule.checkDocument!({ resources: chunk.resources, text, settings: defaultConfig(), report: (r) => out.push(r) });
  return out;
}

test(`${ID}: the finding is on the scale-out threshold and relates the scale-in alarm and the group`, () => {
  const text = template([high('!Ref Hi'), low('65')], { params: ['Hi: {Type: Number, Default: 70}'] });
  const [r] = reports(text);
  const at = r.at as [number, number];
  assert.equal(text.slice(at[0], at[1]), '!Ref Hi');
  assert.equal(r.resource.name, 'High');
  assert.deepEqual(
    r.related!.map((x) => [x.resource.name, x.message]),
    [
      ['Low', 'Scale-in: Low < 65 runs In'],
      ['G', 'Auto Scaling group G'],
    ],
  );
  const rel = r.related![0].at as [number, number];
  assert.equal(text.slice(rel[0], rel[1]), '65');
});

test(`${ID}: step bounds are named in the message`, () => {
  const text = template([high('60'), low('50')], {
    policies: [
      'Out: {Type: AWS::AutoScaling::ScalingPolicy, Properties: {AutoScalingGroupName: !Ref G, PolicyType: StepScaling, StepAdjustments: [{MetricIntervalLowerBound: 5, ScalingAdjustment: 1}]}}',
      'In: {Type: AWS::AutoScaling::ScalingPolicy, Properties: {AutoScalingGroupName: !Ref G, ScalingAdjustment: -1}}',
    ],
  });
  assert.deepEqual(findingsOf(text, ID), [
    `9:176 warning Scale-out alarm High fires at CPUUtilization > 65 (Threshold 60 + step lower bound 5) and scale-in alarm Low at CPUUtilization < 50: only 15 points apart, below the minimum hysteresis of 20, so ${FLAP}. Scale in below 45 or scale out above 70.`,
  ]);
});

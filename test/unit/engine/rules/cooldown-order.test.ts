import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseAllDocuments } from 'yaml';
import { findingsOf, lintText } from '../../../helpers/lint';
import { applyEdits, fileEdits } from '../../../../server/src/engine';

const RULE = 'cooldown-order';

const hpa = (apiVersion: string, behavior: string) =>
  `apiVersion: ${apiVersion}\nkind: HorizontalPodAutoscaler\nmetadata:\n  name: web\nspec:\n  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: web}\n  minReplicas: 2\n  maxReplicas: 20\n${behavior}`;
const scaledObject = (advanced: string) =>
  `apiVersion: keda.sh/v1alpha1\nkind: ScaledObject\nmetadata:\n  name: worker\nspec:\n  scaleTargetRef: {name: worker}\n  minReplicaCount: 2\n  maxReplicaCount: 20\n${advanced}  triggers:\n  - type: cpu\n    metricType: Utilization\n    metadata: {value: "70"}\n`;

/** One SimpleScaling policy pair on a group; `inCooldown`/`outCooldown`/`groupCooldown` as YAML text or absent. */
function simple(opts: { out?: string; in?: string; group?: string; params?: string }): string {
  const cd = (v?: string) => (v === undefined ? '' : `      Cooldown: ${v}\n`);
  return (
    (opts.params ? `Parameters:\n${opts.params}` : '') +
    'Resources:\n' +
    `  Group:\n    Type: AWS::AutoScaling::AutoScalingGroup\n    Properties:\n      MinSize: "2"\n      MaxSize: "6"\n${cd(opts.group)}` +
    `  Out:\n    Type: AWS::AutoScaling::ScalingPolicy\n    Properties:\n      AdjustmentType: ChangeInCapacity\n      AutoScalingGroupName: !Ref Group\n${cd(opts.out)}      ScalingAdjustment: 1\n` +
    `  In:\n    Type: AWS::AutoScaling::ScalingPolicy\n    Properties:\n      AdjustmentType: ChangeInCapacity\n      AutoScalingGroupName: !Ref Group\n${cd(opts.in)}      ScalingAdjustment: -1\n`
  );
}

/** A StepScaling pair whose alarms breach for `outPeriods`/`inPeriods` × 60 s. */
function step(outPeriods: number, inPeriods: number, inDatapoints?: number): string {
  const policy = (name: string, adj: number) =>
    `  ${name}:\n    Type: AWS::AutoScaling::ScalingPolicy\n    Properties:\n      AutoScalingGroupName: !Ref Group\n      PolicyType: StepScaling\n      AdjustmentType: ChangeInCapacity\n      StepAdjustments:\n        - MetricIntervalLowerBound: 0\n          ScalingAdjustment: ${adj}\n`;
  const alarm = (name: string, policyName: string, periods: number, threshold: number, op: string, datapoints?: number) =>
    `  ${name}:\n    Type: AWS::CloudWatch::Alarm\n    Properties:\n      Namespace: AWS/EC2\n      MetricName: CPUUtilization\n      Statistic: Average\n      Period: 60\n      EvaluationPeriods: ${periods}\n${datapoints ? `      DatapointsToAlarm: ${datapoints}\n` : ''}      Threshold: ${threshold}\n      ComparisonOperator: ${op}\n      AlarmActions: [!Ref ${policyName}]\n`;
  return (
    'Resources:\n  Group:\n    Type: AWS::AutoScaling::AutoScalingGroup\n    Properties:\n      MinSize: "2"\n      MaxSize: "10"\n' +
    policy('Out', 2) +
    policy('In', -1) +
    alarm('High', 'Out', outPeriods, 70, 'GreaterThanThreshold') +
    alarm('Low', 'In', inPeriods, 30, 'LessThanThreshold', inDatapoints)
  );
}

function fixed(text: string): string {
  const findings = lintText(text).filter((f) => f.ruleId === RULE && f.fixes?.length);
  return applyEdits(text, findings.flatMap((f) => fileEdits(f, f.fixes![0])));
}

const SUFFIX = 'the autoscaler removes capacity as readily as it adds it, and flaps on a spiky load.';

const cases: { name: string; text: string; expected: string[] }[] = [
  { name: 'HPA defaults', text: hpa('autoscaling/v2', ''), expected: [] },
  {
    name: 'HPA scaleDown 0 against default scaleUp 0',
    text: hpa('autoscaling/v2', '  behavior:\n    scaleDown:\n      stabilizationWindowSeconds: 0\n'),
    expected: [`11:35 warning The scale-down stabilization window (0 s) is not longer than the scale-up window (0 s, the default): ${SUFFIX} Scale down more slowly than up (300 s).`],
  },
  {
    name: 'HPA scaleUp above default scaleDown',
    text: hpa('autoscaling/v2', '  behavior:\n    scaleUp:\n      stabilizationWindowSeconds: 300\n'),
    expected: [`11:35 warning The scale-down stabilization window (300 s, the default) is not longer than the scale-up window (300 s): ${SUFFIX} Scale down more slowly than up (360 s).`],
  },
  {
    name: 'v2beta2 equal windows',
    text: hpa('autoscaling/v2beta2', '  behavior:\n    scaleUp: {stabilizationWindowSeconds: 60}\n    scaleDown: {stabilizationWindowSeconds: 60}\n'),
    expected: [`11:45 warning The scale-down stabilization window (60 s) is not longer than the scale-up window (60 s): ${SUFFIX} Scale down more slowly than up (300 s).`],
  },
  { name: 'HPA right order', text: hpa('autoscaling/v2', '  behavior:\n    scaleUp:\n      stabilizationWindowSeconds: 60\n    scaleDown:\n      stabilizationWindowSeconds: 120\n'), expected: [] },
  { name: 'scaleDown disabled', text: hpa('autoscaling/v2', '  behavior:\n    scaleDown:\n      selectPolicy: Disabled\n      stabilizationWindowSeconds: 0\n'), expected: [] },
  { name: 'scaleUp disabled', text: hpa('autoscaling/v2', '  behavior:\n    scaleUp:\n      selectPolicy: Disabled\n      stabilizationWindowSeconds: 600\n'), expected: [] },
  { name: 'window not a number', text: hpa('autoscaling/v2', '  behavior:\n    scaleDown:\n      stabilizationWindowSeconds: soon\n'), expected: [] },
  { name: 'behavior not a map', text: hpa('autoscaling/v2', '  behavior: fast\n'), expected: [] },
  { name: 'v1 has no behavior', text: hpa('autoscaling/v1', '  targetCPUUtilizationPercentage: 70\n'), expected: [] },
  { name: 'v2beta1 has no behavior', text: hpa('autoscaling/v2beta1', '  behavior:\n    scaleDown:\n      stabilizationWindowSeconds: 0\n'), expected: [] },
  {
    name: 'ScaledObject',
    text: scaledObject('  advanced:\n    horizontalPodAutoscalerConfig:\n      behavior:\n        scaleDown:\n          stabilizationWindowSeconds: 0\n'),
    expected: [`13:39 warning The scale-down stabilization window (0 s) is not longer than the scale-up window (0 s, the default): ${SUFFIX} Scale down more slowly than up (300 s).`],
  },
  { name: 'ScaledObject defaults', text: scaledObject(''), expected: [] },
  // ASG SimpleScaling
  {
    name: 'ASG equal literal cooldowns',
    text: simple({ out: '"60"', in: '"60"' }),
    expected: ['19:17 warning Scale-in policy In waits 60 s (its Cooldown) after it acts, not longer than scale-out policy Out (60 s, its Cooldown): the group removes instances as readily as it adds them, and flaps. Give scale-in the longer cooldown (300 s).'],
  },
  {
    name: 'ASG all defaults',
    text: simple({}),
    expected: ['13:3 warning Scale-in policy In waits 300 s (the default cooldown) after it acts, not longer than scale-out policy Out (300 s, the default cooldown): the group removes instances as readily as it adds them, and flaps. Give scale-in the longer cooldown (360 s).'],
  },
  {
    name: 'ASG scale-in inherits the group cooldown',
    text: simple({ out: '400', group: '"300"' }),
    expected: ['15:3 warning Scale-in policy In waits 300 s (the Cooldown of Group) after it acts, not longer than scale-out policy Out (400 s, its Cooldown): the group removes instances as readily as it adds them, and flaps. Give scale-in the longer cooldown (460 s).'],
  },
  {
    name: 'ASG !Ref cooldown',
    text: simple({ out: '"60"', in: '!Ref InCd', params: '  InCd:\n    Type: String\n    Default: "30"\n' }),
    expected: ['23:22 warning Scale-in policy In waits 30 s (its Cooldown, the Default of parameter InCd) after it acts, not longer than scale-out policy Out (60 s, its Cooldown): the group removes instances as readily as it adds them, and flaps. Give scale-in the longer cooldown (300 s).'],
  },
  { name: 'ASG right order', text: simple({ out: '"60"', in: '"300"' }), expected: [] },
  { name: 'ASG group cooldown with longer scale-in', text: simple({ group: '"60"', in: '"300"' }), expected: [] },
  { name: 'ASG unreadable scale-out cooldown', text: simple({ out: '!If [Prod, "600", "60"]', in: '"60"' }), expected: [] },
  { name: 'ASG unreadable scale-in cooldown', text: simple({ out: '"60"', in: '!ImportValue cd' }), expected: [] },
  // ASG StepScaling: alarm durations
  {
    name: 'step scale-in alarm faster',
    text: step(5, 2),
    expected: ['43:26 warning Step scale-in policy In acts after alarm Low breaches for 120 s (2 × 60 s), no longer than scale-out policy Out (alarm High: 300 s). Step scaling has no cooldown, so the alarm’s duration is what keeps scale-in gradual: make the scale-in alarm wait longer (e.g. 10 minutes against 5 for scale-out).'],
  },
  {
    name: 'step DatapointsToAlarm counts',
    text: step(3, 10, 3),
    expected: ['44:26 warning Step scale-in policy In acts after alarm Low breaches for 180 s (3 × 60 s), no longer than scale-out policy Out (alarm High: 180 s). Step scaling has no cooldown, so the alarm’s duration is what keeps scale-in gradual: make the scale-in alarm wait longer (e.g. 10 minutes against 5 for scale-out).'],
  },
  { name: 'step right order', text: step(5, 10), expected: [] },
];

for (const c of cases) {
  test(`${RULE}: ${c.name}`, () => {
    assert.deepEqual(findingsOf(c.text, RULE), c.expected);
  });
}

test(`${RULE}: HPA fixes set scale-down to max(300, scale-up + 60), inserting the path`, () => {
  const inserted = fixed(hpa('autoscaling/v2', '  behavior:\n    scaleUp:\n      stabilizationWindowSeconds: 600\n'));
  assert.match(inserted, /    scaleUp:\n      stabilizationWindowSeconds: 600\n    scaleDown:\n      stabilizationWindowSeconds: 660/);
  const replaced = fixed(hpa('autoscaling/v2', '  behavior:\n    scaleDown:\n      stabilizationWindowSeconds: 0 # why\n'));
  assert.match(replaced, /stabilizationWindowSeconds: 300 # why/);
  const keda = fixed(scaledObject('  advanced:\n    horizontalPodAutoscalerConfig:\n      behavior:\n        scaleUp:\n          stabilizationWindowSeconds: 400\n'));
  assert.match(keda, /        scaleDown:\n          stabilizationWindowSeconds: 460\n/);
  for (const t of [inserted, replaced, keda]) {
    assert.ok(parseAllDocuments(t).every((d) => d.errors.length === 0));
    assert.deepEqual(findingsOf(t, RULE), []);
  }
  // At the one-hour cap nothing can be longer: no fix.
  const capped = hpa('autoscaling/v2', '  behavior:\n    scaleUp:\n      stabilizationWindowSeconds: 3600\n');
  assert.equal(fixed(capped), capped);
  assert.match(findingsOf(capped, RULE)[0], /Shorten the scale-up window: no window may exceed 3600 s\.$/);
});

test(`${RULE}: ASG fixes give the scale-in policy its own Cooldown`, () => {
  const replaced = fixed(simple({ out: '"60"', in: '"60" # same as out' }));
  assert.match(replaced, /      Cooldown: "300" # same as out\n      ScalingAdjustment: -1/);
  const inserted = fixed(simple({}));
  assert.match(inserted, /      ScalingAdjustment: -1\n      Cooldown: "360"\n?$/);
  for (const t of [replaced, inserted]) assert.deepEqual(findingsOf(t, RULE), []);
  // !Ref: the change belongs on the parameter.
  const ref = simple({ out: '"60"', in: '!Ref InCd', params: '  InCd:\n    Type: String\n    Default: "30"\n' });
  assert.equal(fixed(ref), ref);
});

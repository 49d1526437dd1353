/**
 * CloudFormation scaling policies (Auto Scaling and Application Auto Scaling) and the alarms that invoke
 * them → the model, with their links resolved here: alarm → policy → the group or scalable target.
 */
import { isMap, isSeq, type Node, type YAMLMap } from 'yaml';
import type { Resource } from '../../parse/document';
import { get, getPair, isIntrinsic, keyRange, seqItems, str } from '../../parse/values';
import { alarmLinksFor, isAsg, policiesOf, policyDirection, prop, refersTo } from '../../model/cloudformation';
import type { Alarm, AlarmLink, Field, ModelValue, ScalingPolicy, StepAdjustment, TargetTracking } from '../../model/scaling';
import { asNumber, asString, field } from './values';

export const APP_SCALABLE_TARGET = 'AWS::ApplicationAutoScaling::ScalableTarget';
export const APP_SCALING_POLICY = 'AWS::ApplicationAutoScaling::ScalingPolicy';

/** The cooldown Auto Scaling uses when neither the policy nor its group sets one. */
const ASG_DEFAULT_COOLDOWN = 300;

const alarms = new WeakMap<Resource, Alarm>();

const CLOUDWATCH_OPS = new Map<string, Alarm['op']>([
  ['GreaterThanThreshold', 'gt'],
  ['GreaterThanOrEqualToThreshold', 'ge'],
  ['LessThanThreshold', 'lt'],
  ['LessThanOrEqualToThreshold', 'le'],
]);
const policies = new WeakMap<Resource, ScalingPolicy>();

export function alarmOf(r: Resource): Alarm {
  let a = alarms.get(r);
  if (a) return a;
  const n = (key: string) => field(r, prop(r, key), asNumber);
  const s = (key: string) => field(r, prop(r, key), asString)?.value;
  const comparison = s('ComparisonOperator');
  a = {
    type: 'alarm',
    source: 'cloudformation',
    resource: r,
    name: r.name,
    home: r.anchor,
    threshold: n('Threshold'),
    comparison,
    op: comparison === undefined ? undefined : CLOUDWATCH_OPS.get(comparison),
    metricName: s('MetricName'),
    namespace: s('Namespace'),
    unit: s('Unit'),
    period: n('Period'),
    evaluationPeriods: n('EvaluationPeriods'),
    datapointsToAlarm: n('DatapointsToAlarm'),
  };
  alarms.set(r, a);
  return a;
}

function alarmLinks(policy: Resource): AlarmLink[] {
  return alarmLinksFor(policy, policy.chunk.resources).map(({ alarm, via }) => ({ alarm: alarmOf(alarm), via, at: keyRange(prop(alarm, via)) ?? alarm.anchor }));
}

/** A bound of a step: absent when not written (or written empty), as Auto Scaling reads it (infinite). */
function stepBound(r: Resource, step: Node, key: string): Field<number> | undefined {
  const pair = getPair(step, key);
  return pair?.value ? field(r, pair, asNumber) : undefined;
}

function steps(r: Resource, list: Node | null | undefined): StepAdjustment[] | undefined {
  if (!isSeq(list)) return undefined;
  return seqItems(list).map((s) => ({
    lower: stepBound(r, s, 'MetricIntervalLowerBound'),
    upper: stepBound(r, s, 'MetricIntervalUpperBound'),
    adjustment: stepBound(r, s, 'ScalingAdjustment'),
  }));
}

/** CPU or memory, for the metrics whose target is a utilization percentage. */
function utilizationOf(r: Resource, config: Node | undefined): 'cpu' | 'memory' | undefined {
  const predefined = str(get(config, 'PredefinedMetricSpecification', 'PredefinedMetricType'), r.resolve);
  const customized = get(config, 'CustomizedMetricSpecification');
  const metric = customized && str(get(customized, 'MetricName'), r.resolve);
  const namespace = customized && str(get(customized, 'Namespace'), r.resolve);
  if (predefined === 'ASGAverageCPUUtilization' || (metric === 'CPUUtilization' && namespace === 'AWS/EC2')) return 'cpu';
  if (r.kind !== APP_SCALING_POLICY) return undefined;
  // Application Auto Scaling: ECSServiceAverageCPUUtilization, RDSReaderAverageCPUUtilization, EC2SpotFleetRequestAverageCPUUtilization, …
  if (predefined !== undefined && /AverageCPUUtilization$/.test(predefined)) return 'cpu';
  if (predefined === 'ECSServiceAverageMemoryUtilization') return 'memory';
  if (namespace === 'AWS/ECS') return metric === 'CPUUtilization' ? 'cpu' : metric === 'MemoryUtilization' ? 'memory' : undefined;
  return undefined;
}

function targetTracking(r: Resource, key: string): TargetTracking | undefined {
  const pair = prop(r, key);
  const config = pair?.value ?? undefined;
  if (!config) return undefined;
  const cooldown = (name: string) => field(r, getPair(config, name), asNumber);
  return {
    targetValue: field(r, getPair(config, 'TargetValue'), asNumber),
    resource: utilizationOf(r, config),
    scaleInCooldown: cooldown('ScaleInCooldown'),
    scaleOutCooldown: cooldown('ScaleOutCooldown'),
    configuration: isMap(config) && !isIntrinsic(config) ? { kind: 'insert', map: config as YAMLMap<Node, Node | null>, key: 'ScaleInCooldown' } : undefined,
  };
}

/** The Auto Scaling group of the template a policy acts on (the one whose policies include it). */
function groupOfPolicy(r: Resource): Resource | undefined {
  return r.chunk.resources.find((g) => isAsg(g) && policiesOf(g, r.chunk.resources).includes(r));
}

/** A simple policy's wait after it acts: its own Cooldown, else its group's, else the default (300 s). */
function cooldown(r: Resource, group: Resource | undefined): Field<number> | undefined {
  const own = field(r, prop(r, 'Cooldown'), asNumber);
  if (own) return own;
  const insert = r.properties ? { kind: 'insert' as const, map: r.properties, key: 'Cooldown' } : undefined;
  const inherited = group ? field(group, prop(group, 'Cooldown'), asNumber) : undefined;
  if (inherited && inherited.value === undefined) return inherited;
  const from: ModelValue<number> = inherited
    ? { value: inherited.value, explicit: false, name: 'Cooldown', range: r.anchor, from: `the Cooldown of ${group!.name}`, fix: insert }
    : { value: ASG_DEFAULT_COOLDOWN, explicit: false, name: 'Cooldown', range: r.anchor, from: 'the default cooldown', fix: insert };
  return from;
}

/** An Auto Scaling or Application Auto Scaling policy as a model object (built once per parse). */
export function policyOf(r: Resource): ScalingPolicy {
  let p = policies.get(r);
  if (p) return p;
  const app = r.kind === APP_SCALING_POLICY;
  const written = field(r, prop(r, 'PolicyType'), asString);
  const scales = app
    ? r.chunk.resources.find((t) => t.kind === APP_SCALABLE_TARGET && refersToTarget(r, t))
    : groupOfPolicy(r);
  p = {
    type: 'scaling-policy',
    source: 'cloudformation',
    resource: r,
    name: r.name,
    kind: r.kind,
    home: r.anchor,
    // Auto Scaling's default policy type is SimpleScaling; Application Auto Scaling requires one.
    policyType: written ?? (app ? undefined : { value: 'SimpleScaling', explicit: false, name: 'PolicyType', range: r.anchor }),
    direction: app ? undefined : policyDirection(r),
    cooldown: app ? undefined : cooldown(r, scales),
    steps: steps(r, app ? get(prop(r, 'StepScalingPolicyConfiguration')?.value, 'StepAdjustments') : prop(r, 'StepAdjustments')?.value),
    targetTracking: targetTracking(r, app ? 'TargetTrackingScalingPolicyConfiguration' : 'TargetTrackingConfiguration'),
    alarms: alarmLinks(r),
    scales,
  };
  policies.set(r, p);
  return p;
}

/** `ScalingTargetId: !Ref Target` (the usual link of an Application Auto Scaling policy). */
function refersToTarget(policy: Resource, target: Resource): boolean {
  return refersTo(prop(policy, 'ScalingTargetId')?.value, target.name);
}

/** Application Auto Scaling policies of the template that act on a scalable target. */
export function appPoliciesOf(target: Resource): ScalingPolicy[] {
  return target.chunk.resources.filter((p) => p.kind === APP_SCALING_POLICY && refersToTarget(p, target)).map(policyOf);
}

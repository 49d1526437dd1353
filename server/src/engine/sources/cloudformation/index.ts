/**
 * CloudFormation → the model: Auto Scaling groups and Application Auto Scaling targets as autoscalers,
 * their scaling policies, the alarms that invoke them, target groups and scheduled actions; GCP and Azure
 * autoscalers written as template resources (other-clouds.ts).
 */
import type { Resource } from '../../parse/document';
import { isIntrinsic, refName, str } from '../../parse/values';
import { ALARM, isAsg, isScalingPolicy, isTargetGroup, parameterOf, prop, resourceById, spanOf } from '../../model/cloudformation';
import { known, type Autoscaler, type GroupLink, type ScalingObject, type ScheduledAction, type TargetGroup } from '../../model/scaling';
import { asBoolean, asNumber, asString, asUpper, field } from './values';
import { bound, group } from './group';
import { alarmOf, appPoliciesOf, APP_SCALABLE_TARGET, APP_SCALING_POLICY, policyOf } from './policies';
import { otherCloudObject } from './other-clouds';

export const SCHEDULED_ACTION = 'AWS::AutoScaling::ScheduledAction';
/** Aurora read replicas: the writer serves beside them and counts for the HA floor. */
const AURORA_REPLICAS = 'rds:cluster:ReadReplicaCount';

function scalableTarget(r: Resource): Autoscaler {
  const dimension = field(r, prop(r, 'ScalableDimension'), asString)?.value;
  return {
    type: 'autoscaler',
    source: 'cloudformation',
    resource: r,
    name: r.name,
    kind: r.kind,
    enforcedBy: 'CloudFormation',
    home: r.anchor,
    bounds: { min: bound(r, 'MinCapacity'), max: bound(r, 'MaxCapacity') },
    boundNames: { min: 'MinCapacity', max: 'MaxCapacity' },
    deployed: { noun: 'scalable target' },
    alsoServing: dimension === AURORA_REPLICAS ? { count: 1, what: "the cluster's writer" } : undefined,
    policies: appPoliciesOf(r),
    scalableTarget: { dimension, namespace: field(r, prop(r, 'ServiceNamespace'), asString)?.value },
  };
}

function targetGroup(r: Resource): TargetGroup {
  const up = (key: string) => field(r, prop(r, key), asUpper);
  const n = (key: string) => field(r, prop(r, key), asNumber);
  return {
    type: 'target-group',
    source: 'cloudformation',
    resource: r,
    name: r.name,
    home: r.anchor,
    targetType: up('TargetType'),
    protocol: up('Protocol'),
    healthCheckProtocol: up('HealthCheckProtocol'),
    protocolVersion: up('ProtocolVersion'),
    healthCheckEnabled: field(r, prop(r, 'HealthCheckEnabled'), asBoolean),
    intervalSeconds: n('HealthCheckIntervalSeconds'),
    timeoutSeconds: n('HealthCheckTimeoutSeconds'),
    healthCheckPath: field(r, prop(r, 'HealthCheckPath'), asString),
  };
}

/** What a scheduled action's `AutoScalingGroupName` names: a group of the template, one elsewhere, or nothing. */
function groupLink(r: Resource): GroupLink | undefined {
  const pair = prop(r, 'AutoScalingGroupName');
  if (!pair) return undefined;
  const text = r.chunk.text;
  const resources = r.chunk.resources;
  const ref = refName(pair.value);
  if (ref !== undefined) {
    const at = spanOf(text, pair.value) ?? (pair.key && spanOf(text, pair.key)) ?? r.anchor;
    const target = resourceById(resources, ref);
    if (target && isAsg(target)) return { at, kind: 'group', group: target };
    if (ref.startsWith('AWS::') || (!target && parameterOf(r, ref))) return { at, kind: 'elsewhere' };
    return target ? { at, kind: 'not-a-group', ref, targetKind: target.kind } : { at, kind: 'missing', ref };
  }
  const at = spanOf(text, pair.value) ?? r.anchor;
  if (isIntrinsic(pair.value)) return { at, kind: 'elsewhere' };
  const name = str(pair.value);
  const groups = resources.filter(isAsg).map((g) => {
    const p = prop(g, 'AutoScalingGroupName');
    return { logicalId: g.name, name: p && !isIntrinsic(p.value) ? str(p.value) : undefined };
  });
  const named = groups.find((g) => g.name === name);
  const found = named && resourceById(resources, named.logicalId);
  if (found) return { at, kind: 'group', group: found };
  if (name !== undefined && groups.length) return { at, kind: 'unknown-name', name, groups: groups.map((g) => g.logicalId) };
  return { at, kind: 'elsewhere' };
}

function scheduledAction(r: Resource): ScheduledAction {
  const b = (key: string) => {
    const f = field(r, prop(r, key), asNumber);
    return known(f) ? f : undefined;
  };
  return {
    type: 'scheduled-action',
    source: 'cloudformation',
    resource: r,
    name: r.name,
    home: r.anchor,
    bounds: { min: b('MinSize'), max: b('MaxSize'), desired: b('DesiredCapacity') },
    recurrence: field(r, prop(r, 'Recurrence'), asString),
    group: groupLink(r),
  };
}

/** The scaling object a CloudFormation resource is, if it is one the model knows. */
export function cloudFormationObject(r: Resource): ScalingObject | undefined {
  if (isAsg(r)) return group(r);
  if (r.kind === APP_SCALABLE_TARGET) return scalableTarget(r);
  if (isScalingPolicy(r) || r.kind === APP_SCALING_POLICY) return policyOf(r);
  if (r.kind === ALARM) return alarmOf(r);
  if (isTargetGroup(r) && r.properties) return targetGroup(r);
  if (r.kind === SCHEDULED_ACTION && r.properties) return scheduledAction(r);
  return otherCloudObject(r);
}

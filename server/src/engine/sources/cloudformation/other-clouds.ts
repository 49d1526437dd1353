/**
 * The workflow's other clouds → the model (SPEC §9). Terraform (and the gcloud command line) write GCP and
 * Azure autoscalers as template resources of ScaleLint's own types, with the provider's attribute names as
 * properties; this reads them into the same objects as an Auto Scaling group, so the rules need no branch:
 *
 *   GCP::Compute::Autoscaler          an autoscaler: `autoscaling_policy.min_replicas`/`max_replicas`, its CPU
 *                                     target (`cpu_utilization.target`, a fraction, as a percentage) as an
 *                                     inline target tracking policy, and the one zone a zonal autoscaler
 *                                     confines its instance group to (`zone`, or the zonal group it targets).
 *   Azure::Monitor::AutoscaleSetting  an autoscaler: its default profile (the first with neither `recurrence`
 *                                     nor `fixed_date`; else the first) gives the bounds (`capacity.minimum`,
 *                                     `maximum`, `default` as desired) and the policies (each `rule`: its
 *                                     `scale_action` with an ISO 8601 `cooldown`, its `metric_trigger` as the
 *                                     alarm); the other profiles are its scheduled bounds.
 *
 * Messages name values by the path the user sees inside the block (`cpu_utilization.target`,
 * `capacity.minimum`, `scale_action.cooldown`); a bound whose key is unique in the resource keeps its own name
 * (`min_replicas`), which is also the word a command line's vocabulary translates.
 */
import type { Node, Pair } from 'yaml';
import type { Resource } from '../../parse/document';
import { get, getPair, keyRange, mapPairs, refName, seqItems, str } from '../../parse/values';
import { prop, resourceById, spanOf } from '../../model/cloudformation';
import { known, type Alarm, type Autoscaler, type Field, type ModelValue, type ScalingPolicy, type ScheduledAction } from '../../model/scaling';
import { parseIsoDuration } from '../terraform/duration';
import { asNumber, asString, field } from './values';

export const GCP_AUTOSCALER = 'GCP::Compute::Autoscaler';
export const GCP_INSTANCE_GROUP_MANAGER = 'GCP::Compute::InstanceGroupManager';
export const AZURE_AUTOSCALE_SETTING = 'Azure::Monitor::AutoscaleSetting';

type MaybePair = Pair<Node, Node | null> | undefined;

/** A readable number, or nothing (an unreadable bound is left out: no rule can judge it). */
function numberAt(r: Resource, pair: MaybePair, name: string): ModelValue<number> | undefined {
  const f = field(r, pair, asNumber, name);
  return known(f) ? f : undefined;
}

/** A fraction (`0.7`) read as the percentage rules compare (70), the fraction kept for messages and fixes. */
function fractionAt(r: Resource, pair: MaybePair, name: string): ModelValue<number> | undefined {
  const f = numberAt(r, pair, name);
  return f && { ...f, value: Number((f.value * 100).toFixed(4)), notation: { written: String(f.value), kind: 'fraction' } };
}

/** An ISO 8601 duration (`PT5M`) read as seconds; a text that is not one is unreadable. */
function durationAt(r: Resource, pair: MaybePair, name: string): Field<number> | undefined {
  const f = field(r, pair, asString, name);
  if (!f) return undefined;
  const seconds = f.value === undefined ? undefined : parseIsoDuration(f.value);
  if (f.value === undefined || seconds === undefined) return { value: undefined, explicit: true, unreadable: true, name, range: f.range, key: f.key, span: f.span };
  return { ...f, value: seconds, notation: { written: f.value, kind: 'iso-duration' } };
}

/** Where to point for a block or list entry as a whole: its first key. */
function homeOf(node: Node | null | undefined, fallback: [number, number]): [number, number] {
  return keyRange(mapPairs(node)[0]) ?? fallback;
}

// --- GCP ---------------------------------------------------------------------------------------------

/** A managed instance group spread over a region (`region`, `distribution_policy_zones`), or in one zone. */
function isRegional(manager: Resource): boolean {
  return !!prop(manager, 'region') || !!prop(manager, 'distribution_policy_zones');
}

/**
 * The one zone a GCP autoscaler's instances run in: a zonal autoscaler (`zone`; it can only scale a zonal
 * group of its zone), or one whose `target` is a zonal group of the template. Regional: undefined.
 */
function singleZone(r: Resource): Autoscaler['singleZone'] {
  if (prop(r, 'region')) return undefined;
  const target = prop(r, 'target');
  const ref = refName(target?.value);
  const found = ref === undefined ? undefined : resourceById(r.chunk.resources, ref);
  const manager = found?.kind === GCP_INSTANCE_GROUP_MANAGER ? found : undefined;
  if (manager && isRegional(manager)) return undefined; // the zone says otherwise: the group's own placement wins
  const zonePair = prop(r, 'zone');
  const managerZone = manager && prop(manager, 'zone');
  const written = manager && field(manager, managerZone, asString, 'zone');
  const managerInfo = manager && { resource: manager, zone: written?.value, at: written?.span ?? written?.range ?? manager.anchor };
  if (zonePair) {
    const zone = field(r, zonePair, asString, 'zone');
    return { zone: zone?.value, at: zone?.span ?? zone?.range ?? r.anchor, name: 'zone', manager: managerInfo };
  }
  if (!manager || !managerZone) return undefined;
  return { zone: managerInfo?.zone, at: spanOf(r.chunk.text, target!.value) ?? r.anchor, name: 'target', manager: managerInfo };
}

/** `cpu_utilization.target` as the target tracking policy it is: the group steers towards that CPU. */
function cpuPolicy(r: Resource, policy: Node | undefined): ScalingPolicy | undefined {
  const cpu = getPair(policy, 'cpu_utilization');
  const target = fractionAt(r, getPair(cpu?.value, 'target'), 'cpu_utilization.target');
  if (!cpu || !target) return undefined;
  const at = keyRange(cpu) ?? r.anchor;
  return {
    type: 'scaling-policy',
    source: 'cloudformation',
    resource: r,
    name: r.name,
    kind: r.kind,
    home: at,
    policyType: { value: 'TargetTrackingScaling', explicit: false, name: 'cpu_utilization', range: at },
    targetTracking: { targetValue: target, resource: 'cpu' },
    alarms: [],
    scales: r,
    inline: true,
  };
}

function gcpAutoscaler(r: Resource): Autoscaler {
  const policy = prop(r, 'autoscaling_policy')?.value ?? undefined;
  const cpu = cpuPolicy(r, policy);
  return {
    type: 'autoscaler',
    source: 'cloudformation',
    resource: r,
    name: r.name,
    kind: r.kind,
    enforcedBy: 'the Compute Engine API',
    home: r.anchor,
    bounds: { min: numberAt(r, getPair(policy, 'min_replicas'), 'min_replicas'), max: numberAt(r, getPair(policy, 'max_replicas'), 'max_replicas') },
    boundNames: { min: 'min_replicas', max: 'max_replicas' },
    policies: cpu ? [cpu] : [],
    singleZone: singleZone(r),
  };
}

// --- Azure -------------------------------------------------------------------------------------------

const AZURE_OPS = new Map<string, Alarm['op']>([['GreaterThan', 'gt'], ['GreaterThanOrEqual', 'ge'], ['LessThan', 'lt'], ['LessThanOrEqual', 'le']]);

function isScheduled(profile: Node): boolean {
  return !!getPair(profile, 'recurrence') || !!getPair(profile, 'fixed_date');
}

function profileName(profile: Node, index: number): string {
  return str(get(profile, 'name')) ?? String(index + 1);
}

function capacity(r: Resource, profile: Node | undefined): Autoscaler['bounds'] {
  const c = get(profile, 'capacity');
  return {
    min: numberAt(r, getPair(c, 'minimum'), 'capacity.minimum'),
    max: numberAt(r, getPair(c, 'maximum'), 'capacity.maximum'),
    desired: numberAt(r, getPair(c, 'default'), 'capacity.default'),
  };
}

/** One `rule` of a profile: its `scale_action` is the policy, its `metric_trigger` the alarm that runs it. */
function azureRule(r: Resource, rule: Node, title: string): ScalingPolicy {
  const triggerPair = getPair(rule, 'metric_trigger');
  const trigger = triggerPair?.value;
  const action = get(rule, 'scale_action');
  const operator = str(get(trigger, 'operator'));
  const home = homeOf(rule, r.anchor);
  const alarm: Alarm = {
    type: 'alarm',
    source: 'cloudformation',
    resource: r,
    name: title,
    home: keyRange(triggerPair) ?? home,
    threshold: field(r, getPair(trigger, 'threshold'), asNumber, 'threshold'),
    comparison: operator,
    op: operator === undefined ? undefined : AZURE_OPS.get(operator),
    metricName: str(get(trigger, 'metric_name')),
    namespace: str(get(trigger, 'metric_namespace')),
    window: durationAt(r, getPair(trigger, 'time_window'), 'time_window'),
    title,
  };
  const direction = str(get(action, 'direction'));
  return {
    type: 'scaling-policy',
    source: 'cloudformation',
    resource: r,
    name: title,
    kind: r.kind,
    home,
    direction: direction === 'Increase' ? 'out' : direction === 'Decrease' ? 'in' : undefined,
    cooldown: durationAt(r, getPair(action, 'cooldown'), 'scale_action.cooldown'),
    alarms: [{ alarm, via: 'AlarmActions', at: keyRange(triggerPair) ?? home }],
    scales: r,
    inline: true,
  };
}

function scheduledProfile(r: Resource, profile: Node, index: number): ScheduledAction {
  const name = profileName(profile, index);
  return {
    type: 'scheduled-action',
    source: 'cloudformation',
    resource: r,
    name: `profile ${name}`,
    home: homeOf(profile, r.anchor),
    bounds: capacity(r, profile),
    title: `Profile ${name}`,
    rejected: 'Azure Monitor rejects the autoscale setting, and the deployment fails',
    holds: 'for as long as the profile applies',
  };
}

function azureAutoscaler(r: Resource): Autoscaler {
  const profiles = seqItems(prop(r, 'profile')?.value);
  const main = profiles.find((p) => !isScheduled(p)) ?? profiles[0];
  const mainIndex = main ? profiles.indexOf(main) : -1;
  const mainName = main ? profileName(main, mainIndex) : '';
  return {
    type: 'autoscaler',
    source: 'cloudformation',
    resource: r,
    name: r.name,
    kind: r.kind,
    enforcedBy: 'Azure Monitor',
    home: r.anchor,
    bounds: capacity(r, main),
    boundNames: { min: 'capacity.minimum', max: 'capacity.maximum', desired: 'capacity.default' },
    deployed: { noun: 'autoscale setting' },
    policies: seqItems(get(main, 'rule')).map((rule, i) => azureRule(r, rule, `rule ${i + 1} of profile ${mainName}`)),
    schedules: profiles.map((p, i) => (p !== main && isScheduled(p) ? scheduledProfile(r, p, i) : undefined)).filter((s): s is ScheduledAction => !!s),
  };
}

/** The scaling object a GCP or Azure resource is, if it is one the model knows. */
export function otherCloudObject(r: Resource): Autoscaler | undefined {
  if (r.kind === GCP_AUTOSCALER) return gcpAutoscaler(r);
  if (r.kind === AZURE_AUTOSCALE_SETTING) return azureAutoscaler(r);
  return undefined;
}


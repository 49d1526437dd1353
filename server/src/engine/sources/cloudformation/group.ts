/**
 * CloudFormation Auto Scaling groups → autoscalers: bounds, and the settings the group rules read (load
 * balancers, health checks, zones and subnets, rolling updates, Spot), each value where it is written.
 */
import { isScalar, isSeq, type Node, type Pair } from 'yaml';
import type { Resource } from '../../parse/document';
import { get, getPair, int, isIntrinsic, keyRange, keyText, mapPairs, rangeOf, refName, seqItems, str } from '../../parse/values';
import { ifArgs, isListParameter, isNoValue, listParameterDefault, policiesOf, prop, referencedParameter, refersTo, resourceById, spanOf } from '../../model/cloudformation';
import { known, type Autoscaler, type Field, type GroupSettings, type LoadBalancerAttachment, type Placement } from '../../model/scaling';
import { asBoolean, asNumber, asString, defaulted, field } from './values';
import { policyOf } from './policies';

const SUBNET = 'AWS::EC2::Subnet';
const LB_KEYS = ['TargetGroupARNs', 'LoadBalancerNames'] as const;

/** A bound: readable values only (an unreadable bound is left out, as no rule can judge it). */
export function bound(r: Resource, key: string): Autoscaler['bounds']['min'] {
  const f = field(r, prop(r, key), asNumber);
  return known(f) ? f : undefined;
}

/**
 * Whether a list-valued property can evaluate to a non-empty list: a literal list with an entry that is
 * not `!Ref AWS::NoValue`; a `!Ref` to a list Parameter (non-empty Default, or none: the deployer must
 * supply it); either branch of a `!If`; any other intrinsic (`!Split`, `!GetAtt`, `!ImportValue`…).
 */
function mayBeNonEmpty(r: Resource, node: Node | null | undefined, depth = 0): boolean {
  if (!node || depth > 10) return false;
  if (isSeq(node) && !isIntrinsic(node)) return seqItems(node).some((item) => !isNoValue(item) && !(ifArgs(item) && !ifBranchesHaveValue(item)));
  if (isNoValue(node)) return false;
  const cond = ifArgs(node);
  if (cond) return mayBeNonEmpty(r, cond[1], depth + 1) || mayBeNonEmpty(r, cond[2], depth + 1);
  const param = referencedParameter(r, node);
  if (param) {
    if (!isListParameter(param) && param.type !== undefined && param.type !== 'String') return false;
    const entries = listParameterDefault(param);
    if (entries) return entries.length > 0;
    const s = param.default ? str(param.default) : undefined;
    return s === undefined ? true : s.trim() !== '';
  }
  return isIntrinsic(node);
}

function ifBranchesHaveValue(node: Node): boolean {
  const cond = ifArgs(node);
  return !!cond && (!isNoValue(cond[1]) || !isNoValue(cond[2]));
}

function loadBalancers(r: Resource): LoadBalancerAttachment[] {
  return LB_KEYS.map((k) => prop(r, k))
    .filter((p): p is Pair<Node, Node | null> => !!p && mayBeNonEmpty(r, p.value))
    .map((p) => ({ name: keyText(p) ?? 'TargetGroupARNs', key: keyRange(p) ?? [0, 0], condition: ifArgs(p.value)?.[0] }));
}

/** Written at all (an intrinsic counts, an empty list does not): the group serves some load balancer. */
function inLoadBalancer(r: Resource): boolean {
  return LB_KEYS.some((key) => {
    const value = prop(r, key)?.value;
    return !!value && !isNoValue(value) && !(isSeq(value) && value.items.length === 0);
  });
}

function getAttName(node: Node): string | undefined {
  const arg = node.tag === '!GetAtt' ? node : mapPairs(node).length === 1 && keyText(mapPairs(node)[0]) === 'Fn::GetAtt' ? mapPairs(node)[0].value : undefined;
  if (isScalar(arg) && typeof arg.value === 'string') return arg.value.split('.')[0];
  if (isSeq(arg)) return str(arg.items[0]);
  return undefined;
}

/** The same-template `AWS::EC2::Subnet` an entry names (`!Ref S`, `!GetAtt S.SubnetId`). */
function subnetResource(node: Node, resources: readonly Resource[]): Resource | undefined {
  const name = refName(node) ?? getAttName(node);
  if (name === undefined) return undefined;
  const r = resourceById(resources, name);
  return r && r.kind === SUBNET && refersTo(node, r.name) ? r : undefined;
}

/**
 * The distinct entries one list item contributes, by identity key; undefined when the item may expand to
 * several (a comma-joined `!ImportValue`, `!Join`, a nested stack output…) or cannot be known.
 */
function entryKeys(r: Resource, item: Node, resources: readonly Resource[]): string[] | undefined {
  if (isNoValue(item)) return [];
  if (!isIntrinsic(item)) {
    const s = str(item);
    if (s === undefined) return undefined;
    // VPCZoneIdentifier entries are joined with commas by CloudFormation: "subnet-a,subnet-b" is two.
    return s.split(',').map((x) => x.trim()).filter((x) => x !== '');
  }
  // !Select picks one element.
  if (item.tag === '!Select' || (mapPairs(item).length === 1 && keyText(mapPairs(item)[0]) === 'Fn::Select')) {
    const rg = rangeOf(item);
    return rg ? [`src:${r.chunk.text.slice(rg[0], rg[1]).replace(/\s+/g, ' ')}`] : undefined;
  }
  const ref = refName(item);
  if (ref !== undefined) {
    const param = referencedParameter(r, item);
    if (param) {
      if (isListParameter(param)) return undefined;
      if (param.type === 'AWS::EC2::Subnet::Id' || param.type === 'AWS::EC2::AvailabilityZone::Name') return [`ref:${ref}`];
      const d = param.default && !isIntrinsic(param.default) ? str(param.default) : undefined;
      return d === undefined ? undefined : d.split(',').map((x) => x.trim()).filter((x) => x !== '');
    }
    const target = resourceById(resources, ref);
    return target && target.kind === SUBNET ? [`ref:${ref}`] : undefined;
  }
  const subnet = subnetResource(item, resources);
  return subnet ? [`ref:${subnet.name}`] : undefined;
}

/** The Availability Zone a same-template subnet sits in, as a comparable key and a label; undefined: unknown. */
function subnetZone(subnet: Resource): { key: string; label: string; node: Node } | undefined {
  const az = prop(subnet, 'AvailabilityZone')?.value;
  const node = az ?? prop(subnet, 'AvailabilityZoneId')?.value;
  if (!node) return undefined;
  if (!isIntrinsic(node)) {
    const s = str(node);
    return s === undefined ? undefined : { key: `${az ? 'name' : 'id'}:${s}`, label: s, node };
  }
  // !Select [N, !GetAZs …]: the N-th zone of the region.
  const args = node.tag === '!Select' ? node : mapPairs(node).length === 1 && keyText(mapPairs(node)[0]) === 'Fn::Select' ? mapPairs(node)[0].value : undefined;
  if (!isSeq(args) || args.items.length !== 2) return undefined;
  const index = int(args.items[0]);
  const list = args.items[1] as Node | null;
  const isGetAzs = !!list && (list.tag === '!GetAZs' || (mapPairs(list).length === 1 && keyText(mapPairs(list)[0]) === 'Fn::GetAZs'));
  if (index === undefined || !isGetAzs) return undefined;
  return { key: `getazs:${index}`, label: `zone ${index} of !GetAZs`, node };
}

function placement(r: Resource, name: 'AvailabilityZones' | 'VPCZoneIdentifier'): Placement | undefined {
  const value = prop(r, name)?.value;
  if (!value) return undefined;
  const text = r.chunk.text;
  const out: Placement = { name, at: spanOf(text, value) ?? rangeOf(value) ?? r.anchor };
  const resources = r.chunk.resources;
  if (isSeq(value) && !isIntrinsic(value)) {
    const keys = new Set<string>();
    for (const item of seqItems(value)) {
      const k = entryKeys(r, item, resources);
      if (!k) return out;
      k.forEach((x) => keys.add(x));
    }
    out.list = { distinct: keys.size, entries: seqItems(value).filter((i) => !isNoValue(i)).length };
    if (name !== 'VPCZoneIdentifier') return out;
    const zones = new Map<string, NonNullable<Placement['zones']>[number]>();
    for (const item of seqItems(value)) {
      const subnet = subnetResource(item, resources);
      const zone = subnet ? subnetZone(subnet) : undefined;
      if (!subnet || !zone) return out;
      if (!zones.has(zone.key)) zones.set(zone.key, { label: zone.label, at: spanOf(text, zone.node) ?? rangeOf(zone.node) ?? subnet.anchor, subnet });
    }
    out.zones = [...zones.values()];
    return out;
  }
  // `!Ref` to a List / CommaDelimitedList parameter counts as its Default (SPEC §1).
  const param = referencedParameter(r, value);
  const entries = param && isListParameter(param) ? listParameterDefault(param) : undefined;
  if (param && entries) out.parameter = { name: param.name, entries, default: rangeOf(param.default) };
  return out;
}

function mixedInstances(r: Resource): GroupSettings['mixedInstances'] {
  const policyPair = prop(r, 'MixedInstancesPolicy');
  if (!policyPair) return undefined;
  const distribution = getPair(policyPair.value, 'InstancesDistribution');
  const templatePair = getPair(policyPair.value, 'LaunchTemplate');
  const template = get(policyPair.value, 'LaunchTemplate');
  const overridesPair = getPair(template, 'Overrides');
  const overrides = seqItems(get(template, 'Overrides'));
  return {
    key: keyRange(policyPair) ?? r.anchor,
    distributionKey: keyRange(distribution),
    onDemandBase: field(r, getPair(distribution?.value, 'OnDemandBaseCapacity'), asNumber),
    onDemandPercentAboveBase: field(r, getPair(distribution?.value, 'OnDemandPercentageAboveBaseCapacity'), asNumber),
    launchTemplateKey: keyRange(templatePair),
    overrides: {
      key: keyRange(overridesPair),
      count: overrides.length,
      attributeBased: overrides.some((o) => getPair(o, 'InstanceRequirements')),
      opaque: !!overridesPair?.value?.tag,
    },
  };
}

function settings(r: Resource): GroupSettings | undefined {
  const props = r.properties;
  if (!props) return undefined;
  const rolling = getPair(get(r.node, 'UpdatePolicy'), 'AutoScalingRollingUpdate');
  const opt = (key: string): Field<number> | undefined => field(r, prop(r, key), asNumber);
  return {
    loadBalancers: loadBalancers(r),
    inLoadBalancer: inLoadBalancer(r),
    healthCheckType: defaulted(field(r, prop(r, 'HealthCheckType'), asString), 'HealthCheckType', 'EC2', r.anchor, props),
    healthCheckGracePeriod: defaulted(opt('HealthCheckGracePeriod'), 'HealthCheckGracePeriod', 0, r.anchor, props),
    cooldown: opt('Cooldown'),
    defaultInstanceWarmup: opt('DefaultInstanceWarmup'),
    placements: (['AvailabilityZones', 'VPCZoneIdentifier'] as const).map((k) => placement(r, k)).filter((p): p is Placement => !!p),
    rollingUpdate: rolling && { key: keyRange(rolling) ?? r.anchor, minInstancesInService: field(r, getPair(rolling.value, 'MinInstancesInService'), asNumber) },
    mixedInstances: mixedInstances(r),
    capacityRebalance: defaulted(field(r, prop(r, 'CapacityRebalance'), asBoolean), 'CapacityRebalance', false, r.anchor, props),
  };
}

export function group(r: Resource): Autoscaler {
  return {
    type: 'autoscaler',
    source: 'cloudformation',
    resource: r,
    name: r.name,
    kind: r.kind,
    enforcedBy: 'CloudFormation',
    home: r.anchor,
    bounds: { min: bound(r, 'MinSize'), max: bound(r, 'MaxSize'), desired: bound(r, 'DesiredCapacity') },
    boundNames: { min: 'MinSize', max: 'MaxSize', desired: 'DesiredCapacity' },
    deployed: { noun: 'group' },
    policies: policiesOf(r, r.chunk.resources).map(policyOf),
    group: settings(r),
  };
}

import { isScalar, isSeq, type Node } from 'yaml';
import { defineRule, type DocumentContext, type Report } from './rule';
import { isAsg, prop, refersTo, referencedParameter, listParameterDefault, isListParameter, isNoValue, resourceById, spanOf } from '../model/cloudformation';
import type { Resource } from '../parse/document';
import { isIntrinsic, int, keyText, rangeOf, refName, seqItems, str, mapPairs } from '../parse/values';

const MIN_ZONES = 2;
const SUBNET = 'AWS::EC2::Subnet';

type Key = 'AvailabilityZones' | 'VPCZoneIdentifier';

/** The logical id of the same-template `AWS::EC2::Subnet` an entry names (`!Ref S`, `!GetAtt S.SubnetId`). */
function subnetResource(node: Node, resources: readonly Resource[]): Resource | undefined {
  const name = refName(node) ?? getAttName(node);
  if (name === undefined) return undefined;
  const r = resourceById(resources, name);
  return r && r.kind === SUBNET && refersTo(node, r.name) ? r : undefined;
}

function getAttName(node: Node): string | undefined {
  const arg = node.tag === '!GetAtt' ? node : mapPairs(node).length === 1 && keyText(mapPairs(node)[0]) === 'Fn::GetAtt' ? mapPairs(node)[0].value : undefined;
  if (isScalar(arg) && typeof arg.value === 'string') return arg.value.split('.')[0];
  if (isSeq(arg)) return str(arg.items[0]);
  return undefined;
}

/**
 * The distinct entries one list item contributes, by identity key; undefined when the item may expand to
 * several (a comma-joined `!ImportValue`, `!Join`, a nested stack output…) or cannot be known.
 */
function entryKeys(r: Resource, item: Node, text: string, resources: readonly Resource[]): string[] | undefined {
  if (isNoValue(item)) return [];
  if (!isIntrinsic(item)) {
    const s = str(item);
    if (s === undefined) return undefined;
    // VPCZoneIdentifier entries are joined with commas by CloudFormation: "subnet-a,subnet-b" is two.
    return s.split(',').map((x) => x.trim()).filter((x) => x !== '');
  }
  const tag = item.tag;
  const src = () => {
    const rg = rangeOf(item);
    return rg ? `src:${text.slice(rg[0], rg[1]).replace(/\s+/g, ' ')}` : undefined;
  };
  // !Select picks one element.
  if (tag === '!Select' || (mapPairs(item).length === 1 && keyText(mapPairs(item)[0]) === 'Fn::Select')) {
    const k = src();
    return k ? [k] : undefined;
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
  const azId = prop(subnet, 'AvailabilityZoneId')?.value;
  const node = az ?? azId;
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

function plural(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

export default defineRule({
  id: 'multi-az',
  defaultSeverity: 'warning',
  fixable: false,
  docs: {
    appliesTo: 'AWS::AutoScaling::AutoScalingGroup `AvailabilityZones` / `VPCZoneIdentifier`',
    summary: 'An Auto Scaling group is confined to a single Availability Zone.',
    rationale:
      'The workflow’s goals are high availability with no single point of failure, and a minimum of two instances for that reason. Two instances in one Availability Zone share its power, network and fate: an AZ outage takes every instance down at once, and the group cannot launch replacements anywhere else, since it may only use the zones and subnets it lists. Spread across two or more zones, the group rebalances and replaces capacity in the surviving zones while the load balancer routes around the failed one.',
    remediation:
      'List at least two Availability Zones (or subnets in at least two zones) in `AvailabilityZones` / `VPCZoneIdentifier`, e.g. `!GetAZs ""` or one subnet per zone. Values the linter cannot see (`!GetAZs`, `!Split`, `!ImportValue`, a List parameter without Default) are not checked; a `!Ref` to a List/CommaDelimitedList parameter counts its Default.',
    bad: 'Properties:\n  VPCZoneIdentifier:\n    - !Ref PrivateSubnetA',
    good: 'Properties:\n  VPCZoneIdentifier:\n    - !Ref PrivateSubnetA\n    - !Ref PrivateSubnetB',
  },
  checkDocument(ctx: DocumentContext) {
    for (const r of ctx.resources) {
      if (!isAsg(r)) continue;
      for (const key of ['AvailabilityZones', 'VPCZoneIdentifier'] as Key[]) {
        const pair = prop(r, key);
        const value = pair?.value;
        if (!pair || !value) continue;
        const noun = key === 'AvailabilityZones' ? ['Availability Zone', 'Availability Zones'] : ['subnet', 'subnets'];
        const zoneNote = key === 'AvailabilityZones' ? '' : ' (one per zone)';
        const risk = `every instance of ${r.name} runs in one Availability Zone, and an outage of that zone takes the whole group down.`;
        const tail = `${risk} List at least ${MIN_ZONES} ${noun[1]}${zoneNote}.`;
        if (isSeq(value) && !isIntrinsic(value)) {
          const keys = new Set<string>();
          let known = true;
          for (const item of seqItems(value)) {
            const k = entryKeys(r, item, ctx.text, ctx.resources);
            if (!k) {
              known = false;
              break;
            }
            k.forEach((x) => keys.add(x));
          }
          if (!known) continue;
          const n = keys.size;
          const items = seqItems(value).filter((i) => !isNoValue(i)).length;
          if (n < MIN_ZONES) {
            const dup = items > n ? ` (${items} entries, ${n} distinct)` : '';
            ctx.report({ resource: r, at: spanOf(ctx.text, value) ?? value, message: `${key} lists ${plural(n, noun[0], noun[1])}${dup}, so ${tail}` });
            continue;
          }
          if (key !== 'VPCZoneIdentifier') continue;
          // Several subnets, but all in the same zone (subnets of this template with known zones only).
          const zones = new Map<string, { label: string; node: Node; subnet: Resource }>();
          let allKnown = true;
          for (const item of seqItems(value)) {
            const subnet = subnetResource(item, ctx.resources);
            const zone = subnet ? subnetZone(subnet) : undefined;
            if (!subnet || !zone) {
              allKnown = false;
              break;
            }
            if (!zones.has(zone.key)) zones.set(zone.key, { label: zone.label, node: zone.node, subnet });
          }
          if (!allKnown || zones.size >= MIN_ZONES) continue;
          const [only] = [...zones.values()];
          const report: Report = {
            resource: r,
            at: spanOf(ctx.text, value) ?? value,
            message: `${key} lists ${n} subnets, but all of them are in the same Availability Zone (${only.label}), so ${risk} Use subnets in at least ${MIN_ZONES} zones.`,
            related: [{ resource: only.subnet, at: spanOf(ctx.text, only.node) ?? only.node, message: `${only.subnet.name} is in ${only.label}.` }],
          };
          ctx.report(report);
          continue;
        }
        // `!Ref` to a List / CommaDelimitedList parameter counts as its Default (SPEC §1).
        const param = referencedParameter(r, value);
        if (!param || !isListParameter(param)) continue; // !GetAZs, !Split, !ImportValue, …: unknown
        const entries = listParameterDefault(param);
        if (!entries) continue; // no Default: supplied at deploy time
        const n = new Set(entries).size;
        if (n >= MIN_ZONES) continue;
        ctx.report({
          resource: r,
          at: spanOf(ctx.text, value) ?? value,
          message: `${key} refers to parameter ${param.name}, whose Default lists ${plural(n, noun[0], noun[1])}${n ? ` (${[...new Set(entries)].join(', ')}${entries.length > n ? `, ${entries.length} entries` : ''})` : ''}, so unless it is overridden ${tail}`,
          related: param.default ? [{ resource: r, at: param.default, message: `Default of parameter ${param.name}` }] : undefined,
        });
      }
    }
  },
});

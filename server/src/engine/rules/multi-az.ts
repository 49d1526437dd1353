import { defineRule, type DocumentContext } from './rule';
import { autoscalerOf } from '../sources/objects';
import type { Autoscaler } from '../model/scaling';

const MIN_ZONES = 2;

function plural(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** A zonal autoscaler (GCP): its instance group lives in one zone, whatever the autoscaler does. */
function reportSingleZone(ctx: DocumentContext, a: Autoscaler, z: NonNullable<Autoscaler['singleZone']>): void {
  const zone = z.zone ?? z.manager?.zone;
  const where = zone ? `zone ${zone}` : 'one zone';
  const group = z.manager ? `its instance group ${z.manager.resource.name}` : 'its instance group';
  const said = z.name === 'zone' ? `${a.name} is a zonal autoscaler (${where})` : `${a.name} scales a zonal instance group (${where})`;
  ctx.report({
    resource: a.resource,
    at: z.at,
    message: `${said}: every instance of ${group} runs in ${where}, and an outage of that zone takes the whole group down. Use a regional managed instance group, spread over at least ${MIN_ZONES} zones, with a regional autoscaler.`,
    related: z.manager && z.manager.resource !== a.resource ? [{ resource: z.manager.resource, at: z.manager.at, message: `${z.manager.resource.name} is a zonal instance group${z.manager.zone ? ` in ${z.manager.zone}` : ''}.` }] : undefined,
  });
}

export default defineRule({
  id: 'multi-az',
  defaultSeverity: 'warning',
  fixable: false,
  docs: {
    appliesTo: 'AWS::AutoScaling::AutoScalingGroup `AvailabilityZones` / `VPCZoneIdentifier`; GCP zonal autoscaler (`zone`) on a zonal managed instance group',
    summary: 'An Auto Scaling group is confined to a single Availability Zone.',
    rationale:
      'The workflow’s goals are high availability with no single point of failure, and a minimum of two instances for that reason. Two instances in one Availability Zone share its power, network and fate: an AZ outage takes every instance down at once, and the group cannot launch replacements anywhere else, since it may only use the zones and subnets it lists. Spread across two or more zones, the group rebalances and replaces capacity in the surviving zones while the load balancer routes around the failed one. On GCP the zone is a property of the managed instance group: a zonal `google_compute_autoscaler` (with `zone`, or targeting a zonal `google_compute_instance_group_manager`) scales instances of one zone only, while a regional group (`region`, `distribution_policy_zones`) with a `google_compute_region_autoscaler` spreads them.',
    remediation:
      'List at least two Availability Zones (or subnets in at least two zones) in `AvailabilityZones` / `VPCZoneIdentifier`, e.g. `!GetAZs ""` or one subnet per zone. Values the linter cannot see (`!GetAZs`, `!Split`, `!ImportValue`, a List parameter without Default) are not checked; a `!Ref` to a List/CommaDelimitedList parameter counts its Default. On GCP, use `google_compute_region_instance_group_manager` with `google_compute_region_autoscaler`.',
    bad: 'Properties:\n  VPCZoneIdentifier:\n    - !Ref PrivateSubnetA',
    good: 'Properties:\n  VPCZoneIdentifier:\n    - !Ref PrivateSubnetA\n    - !Ref PrivateSubnetB',
  },
  checkDocument(ctx: DocumentContext) {
    for (const r of ctx.resources) {
      const a = autoscalerOf(r);
      if (a?.singleZone) reportSingleZone(ctx, a, a.singleZone);
      const group = a?.group;
      if (!group) continue;
      for (const p of group.placements) {
        const key = p.name;
        const noun = key === 'AvailabilityZones' ? ['Availability Zone', 'Availability Zones'] : ['subnet', 'subnets'];
        const zoneNote = key === 'AvailabilityZones' ? '' : ' (one per zone)';
        const risk = `every instance of ${r.name} runs in one Availability Zone, and an outage of that zone takes the whole group down.`;
        const tail = `${risk} List at least ${MIN_ZONES} ${noun[1]}${zoneNote}.`;
        if (p.list) {
          const { distinct: n, entries: items } = p.list;
          if (n < MIN_ZONES) {
            const dup = items > n ? ` (${items} entries, ${n} distinct)` : '';
            ctx.report({ resource: r, at: p.at, message: `${key} lists ${plural(n, noun[0], noun[1])}${dup}, so ${tail}` });
            continue;
          }
          // Several subnets, but all in the same zone (subnets of this template with known zones only).
          if (!p.zones || p.zones.length >= MIN_ZONES) continue;
          const [only] = p.zones;
          ctx.report({
            resource: r,
            at: p.at,
            message: `${key} lists ${n} subnets, but all of them are in the same Availability Zone (${only.label}), so ${risk} Use subnets in at least ${MIN_ZONES} zones.`,
            related: [{ resource: only.subnet, at: only.at, message: `${only.subnet.name} is in ${only.label}.` }],
          });
          continue;
        }
        // `!Ref` to a List / CommaDelimitedList parameter counts as its Default (SPEC §1).
        const param = p.parameter;
        if (!param) continue; // !GetAZs, !Split, !ImportValue, a parameter without Default, …: unknown
        const entries = param.entries;
        const n = new Set(entries).size;
        if (n >= MIN_ZONES) continue;
        ctx.report({
          resource: r,
          at: p.at,
          message: `${key} refers to parameter ${param.name}, whose Default lists ${plural(n, noun[0], noun[1])}${n ? ` (${[...new Set(entries)].join(', ')}${entries.length > n ? `, ${entries.length} entries` : ''})` : ''}, so unless it is overridden ${tail}`,
          related: param.default ? [{ resource: r, at: param.default, message: `Default of parameter ${param.name}` }] : undefined,
        });
      }
    }
  },
});

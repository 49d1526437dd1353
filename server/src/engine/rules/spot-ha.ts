import { defineRule } from './rule';
import { isAsg, prop } from '../model/cloudformation';
import { bool, get, getPair, seqItems } from '../parse/values';
import { insertIntoMap, replaceNode } from '../fix';
import minReplicas from './min-replicas';
import { numberAt, said } from './helpers/cfn-values';
import type { Fix } from '../types';

export default defineRule({
  id: 'spot-ha',
  defaultSeverity: 'warning',
  fixable: true,
  settings: { minReplicasFloor: minReplicas.settings!.minReplicasFloor },
  docs: {
    appliesTo: 'AWS::AutoScaling::AutoScalingGroup with a `MixedInstancesPolicy`',
    summary: 'A group that runs on Spot keeps fewer On-Demand instances than the HA floor, has one instance type to draw Spot from, or does not rebalance.',
    rationale:
      'The workflow saves cost with Spot capacity but keeps at least two instances for high availability. Spot instances are reclaimed by EC2 with a two-minute notice, and when a capacity pool runs dry they are reclaimed together: the HA floor only holds if it is met by On-Demand instances. At `MinSize`, the group runs `OnDemandBaseCapacity` On-Demand instances (default 0) plus `OnDemandPercentageAboveBaseCapacity` percent of the rest (default 100; rounded up here); if that is below the floor, one Spot interruption can take the group down to a single instance or none while replacements launch. Spot capacity is per instance type and Availability Zone, so a group that can use only one type draws from few pools and is interrupted more often and refilled more slowly; AWS advises at least several types (Amazon EC2 Auto Scaling User Guide, "Best practices for Spot Instances"). And `CapacityRebalance: true` lets the group launch a replacement when EC2 signals an elevated interruption risk, before the two-minute notice, instead of after the instance is gone.',
    remediation:
      'Raise `OnDemandBaseCapacity` to the HA floor (`minReplicasFloor`, default 2), so the floor is always On-Demand and Spot only adds capacity above it. List several instance types in `LaunchTemplate.Overrides` (or use `InstanceRequirements`), with `SpotAllocationStrategy: price-capacity-optimized`, and set `CapacityRebalance: true` on the group (the quick fix adds it; not applied by `--fix`, as it changes how the group replaces instances).',
    bad: 'Properties:\n  MinSize: 2\n  MixedInstancesPolicy:\n    InstancesDistribution:\n      OnDemandBaseCapacity: 0\n      OnDemandPercentageAboveBaseCapacity: 0\n    LaunchTemplate:\n      Overrides: [{InstanceType: m5.large}]',
    good: 'Properties:\n  MinSize: 2\n  CapacityRebalance: true\n  MixedInstancesPolicy:\n    InstancesDistribution:\n      OnDemandBaseCapacity: 2\n      OnDemandPercentageAboveBaseCapacity: 0\n      SpotAllocationStrategy: price-capacity-optimized\n    LaunchTemplate:\n      Overrides: [{InstanceType: m5.large}, {InstanceType: m5a.large}, {InstanceType: m6i.large}]',
  },
  checkDocument(ctx) {
    const floor = ctx.settings.minReplicasFloor;
    for (const r of ctx.resources) {
      if (!isAsg(r) || !r.properties) continue;
      const policyPair = prop(r, 'MixedInstancesPolicy');
      if (!policyPair) continue;
      const distributionPair = getPair(policyPair.value, 'InstancesDistribution');
      const basePair = getPair(distributionPair?.value, 'OnDemandBaseCapacity');
      const percentPair = getPair(distributionPair?.value, 'OnDemandPercentageAboveBaseCapacity');
      const base = basePair ? numberAt(r, basePair.value) : { value: 0, literal: true };
      const percent = percentPair ? numberAt(r, percentPair.value) : { value: 100, literal: true };
      if (!base || !percent || percent.value >= 100) continue; // unreadable, or no Spot at all

      const minPair = prop(r, 'MinSize');
      const min = minPair ? numberAt(r, minPair.value) : undefined;
      if (min && min.value >= floor) {
        const onDemand = Math.min(base.value, min.value) + Math.ceil((Math.max(0, min.value - base.value) * percent.value) / 100);
        if (onDemand < floor) {
          const baseText = basePair ? said('OnDemandBaseCapacity', base) : 'OnDemandBaseCapacity not set (0)';
          const percentText = percentPair ? said('OnDemandPercentageAboveBaseCapacity', percent) : 'OnDemandPercentageAboveBaseCapacity not set (100)';
          ctx.report({
            resource: r,
            at: basePair?.value ?? percentPair?.value ?? distributionPair ?? policyPair,
            message: `At ${said('MinSize', min)}, ${baseText} and ${percentText} leave ${onDemand} On-Demand instance${onDemand === 1 ? '' : 's'}; the HA floor is ${floor}: one Spot interruption can take the group down to ${onDemand === 0 ? 'nothing' : onDemand === 1 ? 'a single instance' : `${onDemand} instances`}. Set OnDemandBaseCapacity to ${floor}.`,
          });
        }
      }

      const template = get(policyPair.value, 'LaunchTemplate');
      const overrides = seqItems(get(template, 'Overrides'));
      const attributeBased = overrides.some((o) => getPair(o, 'InstanceRequirements'));
      if (!attributeBased && overrides.length <= 1 && !getPair(template, 'Overrides')?.value?.tag) {
        const overridesPair = getPair(template, 'Overrides');
        ctx.report({
          resource: r,
          at: overridesPair ?? getPair(policyPair.value, 'LaunchTemplate') ?? policyPair,
          severity: 'info',
          message: `The group runs Spot (${said('OnDemandPercentageAboveBaseCapacity', percent)}) with ${overrides.length ? 'one instance type' : "only the launch template's instance type"}: Spot capacity is per type and zone, so few pools mean more interruptions and slower refills. List several instance types in LaunchTemplate.Overrides.`,
        });
      }

      const rebalancePair = prop(r, 'CapacityRebalance');
      if (rebalancePair && bool(rebalancePair.value, r.resolve) !== false) continue; // true, or an intrinsic
      const fixes: Fix[] = [];
      const edits = rebalancePair?.value ? replaceNode(rebalancePair.value, 'true') : insertIntoMap(ctx.text, r.properties, { CapacityRebalance: true });
      if (edits.length) fixes.push({ title: 'Set CapacityRebalance to true', edits, safe: false, preferred: true });
      ctx.report({
        resource: r,
        at: rebalancePair?.value ?? policyPair,
        severity: 'info',
        message: `The group runs Spot but CapacityRebalance is ${rebalancePair ? 'false' : 'not set (false)'}: replacements launch only after an instance is reclaimed, not when EC2 signals the risk. Set CapacityRebalance: true.`,
        fixes,
      });
    }
  },
});

import { defineRule } from './rule';
import { autoscalerOf } from '../sources/objects';
import { known } from '../model/scaling';
import minReplicas from './min-replicas';
import { said } from './helpers/cfn-values';
import { setValue } from './helpers/set-value';
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
      const a = autoscalerOf(r);
      const mixed = a?.group?.mixedInstances;
      if (!a?.group || !mixed) continue;
      const { onDemandBase, onDemandPercentAboveBase } = mixed;
      const base = onDemandBase ? onDemandBase.value : 0;
      const percent = onDemandPercentAboveBase ? onDemandPercentAboveBase.value : 100;
      if (base === undefined || percent === undefined || percent >= 100) continue; // unreadable, or no Spot at all
      const percentText = known(onDemandPercentAboveBase) ? said(onDemandPercentAboveBase) : `OnDemandPercentageAboveBaseCapacity ${percent}`;

      const min = a.bounds.min;
      if (min && min.value >= floor) {
        const onDemand = Math.min(base, min.value) + Math.ceil((Math.max(0, min.value - base) * percent) / 100);
        if (onDemand < floor) {
          const baseText = known(onDemandBase) ? said(onDemandBase) : 'OnDemandBaseCapacity not set (0)';
          const percentWritten = onDemandPercentAboveBase ? percentText : 'OnDemandPercentageAboveBaseCapacity not set (100)';
          ctx.report({
            resource: r,
            at: onDemandBase?.range ?? onDemandPercentAboveBase?.range ?? mixed.distributionKey ?? mixed.key,
            message: `At ${said(min)}, ${baseText} and ${percentWritten} leave ${onDemand} On-Demand instance${onDemand === 1 ? '' : 's'}; the HA floor is ${floor}: one Spot interruption can take the group down to ${onDemand === 0 ? 'nothing' : onDemand === 1 ? 'a single instance' : `${onDemand} instances`}. Set OnDemandBaseCapacity to ${floor}.`,
          });
        }
      }

      const { overrides } = mixed;
      if (!overrides.attributeBased && overrides.count <= 1 && !overrides.opaque) {
        ctx.report({
          resource: r,
          at: overrides.key ?? mixed.launchTemplateKey ?? mixed.key,
          severity: 'info',
          message: `The group runs Spot (${percentText}) with ${overrides.count ? 'one instance type' : "only the launch template's instance type"}: Spot capacity is per type and zone, so few pools mean more interruptions and slower refills. List several instance types in LaunchTemplate.Overrides.`,
        });
      }

      const rebalance = a.group.capacityRebalance;
      if (rebalance.explicit && rebalance.value !== false) continue; // true, or an intrinsic
      const fixes: Fix[] = [];
      const edits = setValue(ctx.text, rebalance.fix, true);
      if (edits.length) fixes.push({ title: 'Set CapacityRebalance to true', edits, safe: false, preferred: true });
      ctx.report({
        resource: r,
        at: rebalance.explicit ? rebalance.range ?? mixed.key : mixed.key,
        severity: 'info',
        message: `The group runs Spot but CapacityRebalance is ${rebalance.explicit ? 'false' : 'not set (false)'}: replacements launch only after an instance is reclaimed, not when EC2 signals the risk. Set CapacityRebalance: true.`,
        fixes,
      });
    }
  },
});

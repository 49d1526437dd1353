import { defineRule, type DocumentContext } from './rule';
import { autoscalerOf } from '../sources/objects';
import { describeValue as describe, type Autoscaler } from '../model/scaling';
import { isParked, isSelfHealingSingleton } from './helpers/asg-design';

function checkAutoscaler(ctx: DocumentContext, a: Autoscaler): void {
  const { min, max } = a.bounds;
  if (!min || !max) return;
  // Point at what the user wrote: the maximum when written, else the minimum, else the spec.
  const at = max.explicit ? max.range : min.explicit ? min.range : a.home;
  if (max.value < min.value) {
    ctx.report({
      resource: a.resource,
      at,
      message: max.explicit
        ? `${describe(max)} is below ${describe(min)}: ${a.enforcedBy} rejects an autoscaler whose maximum is under its minimum.`
        : `${describe(min)} is above ${describe(max)}: ${a.enforcedBy} rejects an autoscaler whose minimum is over its maximum.`,
    });
  } else if (max.value === min.value) {
    ctx.report({
      resource: a.resource,
      at,
      severity: 'warning',
      message: `${describe(min)} equals ${describe(max)}: the replica count can never change, so nothing scales. Raise ${max.name} above ${min.name}.`,
    });
  }
}

/** A group or scalable target a stack deploys: the bounds, and the desired capacity against them, are checked on create and update. */
function checkDeployed(ctx: DocumentContext, a: Autoscaler, noun: string): void {
  const { min, max, desired } = a.bounds;
  const within = `[${a.boundNames.min}, ${a.boundNames.max}]`;
  if (min && max && max.value < min.value) {
    ctx.report({
      resource: a.resource,
      at: max.range,
      message: `${describe(max)} is below ${describe(min)}: ${a.enforcedBy} fails to create or update the ${noun}.`,
    });
    return; // the bounds themselves are wrong: DesiredCapacity cannot be judged against them
  }
  if (desired && ((min && desired.value < min.value) || (max && desired.value > max.value))) {
    const below = !!min && desired.value < min.value;
    ctx.report({
      resource: a.resource,
      at: desired.range,
      message: below
        ? `${describe(desired)} is below ${describe(min!)}: it must lie within ${within}, or the create or update fails.`
        : `${describe(desired)} is above ${describe(max!)}: it must lie within ${within}, or the create or update fails.`,
    });
  }
  if (min && max && max.value === min.value) {
    // One parameter feeding both bounds is a template that exposes a single size knob on purpose: a fixed-size group.
    if (min.parameter !== undefined && min.parameter !== '?' && min.parameter === max.parameter) return;
    // A self-healing singleton (MaxSize 1, no scaling policy) is not meant to scale: never advise raising its maximum.
    if (isSelfHealingSingleton(a)) return;
    // Nor is a parked group (MinSize and MaxSize 0): it is empty on purpose, until someone sizes it.
    if (isParked(a)) return;
    ctx.report({
      resource: a.resource,
      at: max.range,
      severity: 'warning',
      message: `${describe(min)} equals ${describe(max)}: the ${noun} can never scale in or out. Raise ${max.name} above ${min.name}.`,
    });
  }
}

export default defineRule({
  id: 'replica-bounds',
  defaultSeverity: 'error',
  fixable: false,
  docs: {
    appliesTo: 'HPA `minReplicas`/`maxReplicas`, ScaledObject `minReplicaCount`/`maxReplicaCount` (defaults 0 and 100), ASG `MinSize`/`MaxSize`/`DesiredCapacity`; GCP autoscaler `min_replicas`/`max_replicas`; Azure autoscale setting `capacity` (`minimum` ≤ `default` ≤ `maximum`)',
    summary: 'The replica bounds contradict each other (error), or leave no room to scale (warning).',
    rationale:
      'The workflow’s scaling plan is three numbers that must nest: a minimum for high availability, a desired count for normal load, and a maximum as the cost limit (2 ≤ 5 ≤ 20). A maximum below the minimum, or an ASG `DesiredCapacity` outside [MinSize, MaxSize], is rejected when it is applied: the HPA by the API server, the ScaledObject by KEDA, the Auto Scaling group by CloudFormation, which rolls the stack back. A maximum equal to the minimum is accepted but defeats the point: the autoscaler can never add capacity for a spike nor remove it when load drops. Values written as quoted strings and `!Ref` to a template Parameter with a `Default` are read as numbers. An ASG whose MinSize and MaxSize are the same `!Ref` is a fixed-size group by design (the template exposes one size knob) and is not reported, nor is a self-healing singleton (`MaxSize` 1 with no scaling policy: a bastion, a CI controller), nor a parked group (`MinSize` and `MaxSize` 0: created empty, sized later). A GCP autoscaler whose `max_replicas` is below its `min_replicas` is rejected by the Compute Engine API; an Azure autoscale setting’s default profile is checked like a group, its `capacity.default` playing the desired count: Azure Monitor rejects a `default` outside [`minimum`, `maximum`].',
    remediation: 'Make the minimum the HA floor, the maximum the cost limit, and keep the desired count between them. Where the numbers are parameters, fix the parameter Defaults.',
    bad: 'spec:\n  minReplicas: 5\n  maxReplicas: 3',
    good: 'spec:\n  minReplicas: 2\n  maxReplicas: 20',
  },
  checkDocument(ctx) {
    for (const r of ctx.resources) {
      const a = autoscalerOf(r);
      if (!a) continue;
      if (a.deployed) checkDeployed(ctx, a, a.deployed.noun);
      else checkAutoscaler(ctx, a);
    }
  },
});

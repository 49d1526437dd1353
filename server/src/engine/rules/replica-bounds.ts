import type { Node } from 'yaml';
import { defineRule, type DocumentContext } from './rule';
import type { Resource } from '../parse/document';
import { isAutoscaler, isScaledObject, replicaBounds, type NumberField } from '../model/kubernetes';
import { isAsg, propNumber } from '../model/cloudformation';
import { getPair, refName } from '../parse/values';

type CfnNumber = NonNullable<ReturnType<typeof propNumber>>;

/** `maxReplicas 5` or `maxReplicas (not set, defaults to 1)`. */
function describe(f: NumberField): string {
  return f.explicit ? `${f.key} ${f.value}` : `${f.key} (not set, defaults to ${f.value})`;
}

/** `MaxSize 3` or `MaxSize 3 (the Default of parameter Size)`. */
function describeCfn(key: string, n: CfnNumber): string {
  const ref = refName(n.pair.value);
  return n.literal ? `${key} ${n.value}` : `${key} ${n.value} (the Default of parameter ${ref ?? '?'})`;
}

function checkAutoscaler(ctx: DocumentContext, r: Resource): void {
  const { min, max } = replicaBounds(r);
  if (!min || !max) return;
  const what = isScaledObject(r) ? 'KEDA' : 'the API server';
  // Point at what the user wrote: the maximum when written, else the minimum, else the spec.
  const at: Node | [number, number] = max.node ?? min.node ?? (getPair(r.node, 'spec')?.key as Node | undefined) ?? r.anchor;
  if (max.value < min.value) {
    ctx.report({
      resource: r,
      at,
      message: max.explicit
        ? `${describe(max)} is below ${describe(min)}: ${what} rejects an autoscaler whose maximum is under its minimum.`
        : `${describe(min)} is above ${describe(max)}: ${what} rejects an autoscaler whose minimum is over its maximum.`,
    });
  } else if (max.value === min.value) {
    ctx.report({
      resource: r,
      at,
      severity: 'warning',
      message: `${describe(min)} equals ${describe(max)}: the replica count can never change, so nothing scales. Raise ${max.key} above ${min.key}.`,
    });
  }
}

function checkAsg(ctx: DocumentContext, r: Resource): void {
  const min = propNumber(r, 'MinSize');
  const max = propNumber(r, 'MaxSize');
  const desired = propNumber(r, 'DesiredCapacity');
  if (min && max && max.value < min.value) {
    ctx.report({
      resource: r,
      at: max.pair.value ?? max.pair,
      message: `${describeCfn('MaxSize', max)} is below ${describeCfn('MinSize', min)}: CloudFormation fails to create or update the group.`,
    });
    return; // the bounds themselves are wrong: DesiredCapacity cannot be judged against them
  }
  if (desired && ((min && desired.value < min.value) || (max && desired.value > max.value))) {
    const below = !!min && desired.value < min.value;
    ctx.report({
      resource: r,
      at: desired.pair.value ?? desired.pair,
      message: below
        ? `${describeCfn('DesiredCapacity', desired)} is below ${describeCfn('MinSize', min!)}: it must lie within [MinSize, MaxSize], or the create or update fails.`
        : `${describeCfn('DesiredCapacity', desired)} is above ${describeCfn('MaxSize', max!)}: it must lie within [MinSize, MaxSize], or the create or update fails.`,
    });
  }
  if (min && max && max.value === min.value) {
    // One parameter feeding both bounds is a template that exposes a single size knob on purpose: a fixed-size group.
    const sameParam = !min.literal && !max.literal && refName(min.pair.value) !== undefined && refName(min.pair.value) === refName(max.pair.value);
    if (sameParam) return;
    ctx.report({
      resource: r,
      at: max.pair.value ?? max.pair,
      severity: 'warning',
      message: `${describeCfn('MinSize', min)} equals ${describeCfn('MaxSize', max)}: the group can never scale in or out. Raise MaxSize above MinSize.`,
    });
  }
}

export default defineRule({
  id: 'replica-bounds',
  defaultSeverity: 'error',
  fixable: false,
  docs: {
    appliesTo: 'HPA `minReplicas`/`maxReplicas`, ScaledObject `minReplicaCount`/`maxReplicaCount` (defaults 0 and 100), ASG `MinSize`/`MaxSize`/`DesiredCapacity`',
    summary: 'The replica bounds contradict each other (error), or leave no room to scale (warning).',
    rationale:
      'The workflow’s scaling plan is three numbers that must nest: a minimum for high availability, a desired count for normal load, and a maximum as the cost limit (2 ≤ 5 ≤ 20). A maximum below the minimum, or an ASG `DesiredCapacity` outside [MinSize, MaxSize], is rejected when it is applied: the HPA by the API server, the ScaledObject by KEDA, the Auto Scaling group by CloudFormation, which rolls the stack back. A maximum equal to the minimum is accepted but defeats the point: the autoscaler can never add capacity for a spike nor remove it when load drops. Values written as quoted strings and `!Ref` to a template Parameter with a `Default` are read as numbers. An ASG whose MinSize and MaxSize are the same `!Ref` is a fixed-size group by design (the template exposes one size knob) and is not reported.',
    remediation: 'Make the minimum the HA floor, the maximum the cost limit, and keep the desired count between them. Where the numbers are parameters, fix the parameter Defaults.',
    bad: 'spec:\n  minReplicas: 5\n  maxReplicas: 3',
    good: 'spec:\n  minReplicas: 2\n  maxReplicas: 20',
  },
  checkDocument(ctx: DocumentContext) {
    for (const r of ctx.resources) {
      if (isAutoscaler(r)) checkAutoscaler(ctx, r);
      else if (isAsg(r)) checkAsg(ctx, r);
    }
  },
});

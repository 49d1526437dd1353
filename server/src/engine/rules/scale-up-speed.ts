import { numberSetting } from '../settings';
import { defineRule } from './rule';
import { behaviorNode, scalingRules, supportsBehavior } from '../model/kubernetes';
import { autoscalerOf } from '../sources/objects';
import { simulatorSpec } from '../simulate/resource-timing';
import { getPair } from '../parse/values';
import { timeToReach, formatDuration } from '../simulate';

export default defineRule({
  id: 'scale-up-speed',
  defaultSeverity: 'warning',
  fixable: false,
  settings: {
    scaleUpWithinSeconds: numberSetting({ type: 'number', exclusiveMinimum: 0, description: 'Longest accepted time from min to max under sustained overload (scale-up-speed). Default 120.' }, 120),
  },
  docs: {
    appliesTo: 'HPA, KEDA ScaledObject',
    summary: 'Under sustained overload, the autoscaler takes longer than `scaleUpWithinSeconds` to go from its minimum to its maximum.',
    rationale:
      'The workflow’s success criterion is responsive scaling: scale up in under 2 minutes for load spikes. Whether an HPA can is not visible in the YAML: it follows from the scale-up stabilization window, the policies’ rate limits over their periods, `selectPolicy`, and the 15-second controller sync. ScaleLint runs its model of the Kubernetes HPA controller (the same one as `scalelint simulate`) from minReplicas under demand that needs every replica, and reports how long reaching maxReplicas takes. A `Pods: 1 per 60 s` policy on a 2–20 HPA takes 17 minutes: a spike is over, and users have left, long before the capacity arrives. `selectPolicy: Disabled` on scaleUp means the HPA never adds pods: an error.',
    remediation: 'Shorten `behavior.scaleUp.stabilizationWindowSeconds` (0 is the default), and allow bigger steps: a Percent policy (100 % per 15 s) alongside a Pods policy, with `selectPolicy: Max`. Or raise `scaleUpWithinSeconds` if slow growth is deliberate.',
    bad: 'behavior:\n  scaleUp:\n    policies:\n      - {type: Pods, value: 1, periodSeconds: 60}',
    good: 'behavior:\n  scaleUp:\n    stabilizationWindowSeconds: 0\n    policies:\n      - {type: Percent, value: 100, periodSeconds: 15}\n      - {type: Pods, value: 4, periodSeconds: 15}\n    selectPolicy: Max',
  },
  checkDocument(ctx) {
    const limit = ctx.settings.scaleUpWithinSeconds;
    for (const r of ctx.resources) {
      const a = autoscalerOf(r);
      if (!a?.timing) continue; // HPAs and ScaledObjects: the simulator models the Kubernetes controller
      const max = a.bounds.max;
      if (!a.bounds.min || !max) continue;
      const behavior = supportsBehavior(r) ? behaviorNode(r) : undefined;
      const up = scalingRules(r, 'scaleUp');
      const scaleUpPair = getPair(behavior, 'scaleUp');
      if (behavior && up.selectPolicy === 'Disabled') {
        ctx.report({
          resource: r,
          at: up.selectPolicyPair?.value ?? scaleUpPair ?? r.anchor,
          severity: 'error',
          message: 'scaleUp.selectPolicy is Disabled: the autoscaler never adds replicas, whatever the load.',
        });
        continue;
      }
      const derived = simulatorSpec(a);
      if ('error' in derived) continue;
      const spec = derived.spec;
      // KEDA activates 0 → 1 itself; the HPA it creates scales from there (the spec starts at 1).
      const from = spec.minReplicas!;
      const to = spec.maxReplicas;
      if (!(to > from)) continue; // replica-bounds reports max ≤ min
      const result = timeToReach(spec, from, to);
      const at = scaleUpPair ?? max.key ?? r.anchor;
      if ('never' in result) {
        if ('invalid' in result && result.invalid) continue; // the schema rule reports malformed fields
        ctx.report({ resource: r, at, message: `Under sustained overload the autoscaler never reaches ${to} replicas from ${from}: ${result.reason}. The workflow asks for under ${formatDuration(limit)}.` });
        continue;
      }
      if (result.seconds > limit) {
        ctx.report({
          resource: r,
          at,
          message: `Under sustained overload this autoscaler goes from ${from} to ${to} replicas in ${formatDuration(result.seconds)}; the workflow asks for under ${formatDuration(limit)} (scaleUpWithinSeconds ${limit}).`,
        });
      }
    }
  },
});

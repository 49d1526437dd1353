import type { Node } from 'yaml';
import { numberSetting } from '../settings';
import { defineRule } from './rule';
import { behaviorNode, scalingRules, supportsBehavior } from '../model/kubernetes';
import { autoscalerOf } from '../sources/objects';
import { simulatorSpec } from '../simulate/resource-timing';
import { getPair } from '../parse/values';
import { timeToReach, formatDuration } from '../simulate';
import { isAlarm, mentions, policyDirection, prop, propNumber, spanOf } from '../model/cloudformation';
import { get, num, seqItems } from '../parse/values';
import type { Resource } from '../parse/document';
import type { DocumentContext, Report } from './rule';
import { known, writtenValue, type ScalingPolicy } from '../model/scaling';

const AAS_POLICY = 'AWS::ApplicationAutoScaling::ScalingPolicy';
const SYMBOL = { gt: '>', ge: '>=', lt: '<', le: '<=' } as const;

/** An Application Auto Scaling step policy that only adds capacity (every step's ScalingAdjustment above 0). */
function aasScalesOut(policy: Resource): boolean {
  if (policy.kind !== AAS_POLICY) return false;
  const steps = seqItems(get(prop(policy, 'StepScalingPolicyConfiguration')?.value, 'StepAdjustments'));
  if (!steps.length) return false;
  return steps.every((step) => {
    const v = num(get(step, 'ScalingAdjustment'), policy.resolve);
    return v !== undefined && v > 0;
  });
}

/**
 * A CloudWatch alarm whose AlarmActions run a scale-out policy (an Auto Scaling group's simple or step
 * policy, or Application Auto Scaling's step policy) fires only after DatapointsToAlarm (default
 * EvaluationPeriods) periods of breach: that long passes before the first instance is even asked for.
 */
function alarmDelay(alarm: Resource, resources: readonly Resource[], text: string, limit: number): Omit<Report, 'resource'> | undefined {
  const actions = prop(alarm, 'AlarmActions')?.value;
  if (!actions) return undefined;
  const policy = resources.find(
    (p) => (policyDirection(p) === 'out' || aasScalesOut(p)) && mentions(actions, p.name),
  );
  if (!policy) return undefined;
  const period = propNumber(alarm, 'Period');
  const evaluations = propNumber(alarm, 'EvaluationPeriods');
  const datapoints = propNumber(alarm, 'DatapointsToAlarm');
  // A metric-math alarm has its periods per metric (Metrics[].MetricStat.Period): not modelled.
  if (!period || !evaluations || period.value <= 0 || evaluations.value <= 0) return undefined;
  const count = datapoints && datapoints.value > 0 ? datapoints : evaluations;
  const seconds = count.value * period.value;
  if (seconds <= limit) return undefined;
  const key = count === datapoints ? 'DatapointsToAlarm' : 'EvaluationPeriods';
  const owner = policy.kind === AAS_POLICY ? 'Application Auto Scaling' : 'Auto Scaling group';
  return {
    at: spanOf(text, count.pair.value) ?? (count.pair.key as Node),
    message: `Alarm ${alarm.name} runs the scale-out policy ${policy.name} (${owner}) only after ${count.value} × ${period.value} s of breach (${key} × Period): ${formatDuration(seconds)} before the first instance is asked for; the workflow asks for under ${formatDuration(limit)} (scaleUpWithinSeconds ${limit}).`,
  };
}

/**
 * A scale-out rule written inside its autoscaler (Azure): it acts when the metric, aggregated over its
 * `time_window`, crosses the threshold, so a spike waits up to that window before the first instance.
 */
function inlineTriggerDelay(ctx: DocumentContext, policy: ScalingPolicy, limit: number): void {
  for (const { alarm } of policy.alarms) {
    const window = alarm.window;
    if (!known(window) || window.value <= limit) continue;
    const title = alarm.title ?? `alarm ${alarm.name}`;
    const when = alarm.metricName !== undefined && alarm.op && known(alarm.threshold) ? ` when ${alarm.metricName} ${SYMBOL[alarm.op]} ${alarm.threshold.value}` : '';
    ctx.report({
      resource: policy.resource,
      at: window.range,
      message: `${title[0].toUpperCase()}${title.slice(1)} scales out${when} over ${writtenValue(window)}: a spike must last ${formatDuration(window.value)} before the first instance is asked for; the workflow asks for under ${formatDuration(limit)} (scaleUpWithinSeconds ${limit}).`,
    });
  }
}

export default defineRule({
  id: 'scale-up-speed',
  defaultSeverity: 'warning',
  fixable: false,
  settings: {
    scaleUpWithinSeconds: numberSetting({ type: 'number', exclusiveMinimum: 0, description: 'Longest accepted time from min to max under sustained overload (scale-up-speed). Default 120.' }, 120),
  },
  docs: {
    appliesTo: 'HPA, KEDA ScaledObject; CloudWatch alarms that run a scale-out policy (Auto Scaling group, Application Auto Scaling); Azure autoscale `Increase` rules (`metric_trigger.time_window`)',
    summary: 'Under sustained overload, the autoscaler takes longer than `scaleUpWithinSeconds` to go from its minimum to its maximum.',
    rationale:
      'The workflow’s success criterion is responsive scaling: scale up in under 2 minutes for load spikes. Whether an HPA can is not visible in the YAML: it follows from the scale-up stabilization window, the policies’ rate limits over their periods, `selectPolicy`, and the 15-second controller sync. ScaleLint runs its model of the Kubernetes HPA controller (the same one as `scalelint simulate`) from minReplicas under demand that needs every replica, and reports how long reaching maxReplicas takes. A `Pods: 1 per 60 s` policy on a 2–20 HPA takes 17 minutes: a spike is over, and users have left, long before the capacity arrives. `selectPolicy: Disabled` on scaleUp means the HPA never adds pods: an error. Alarm-driven scale-out (CloudFormation, and Terraform through it) has its own delay before any policy runs: a CloudWatch alarm goes to ALARM only after `EvaluationPeriods` consecutive periods of `Period` seconds in breach (`DatapointsToAlarm` of them when set, “M out of N”), and only then runs the step or simple policy in its `AlarmActions` (Amazon CloudWatch User Guide, “Evaluating an alarm”). The workflow’s own example, “CPU > 70 % for 5 minutes”, is `Period: 60, EvaluationPeriods: 5`: five minutes before the first instance is even requested, against a target of under two. Above `scaleUpWithinSeconds` that delay is a warning that names the numbers. An Azure autoscale `Increase` rule acts when its metric, aggregated over `time_window` (ISO 8601), crosses the threshold: a `PT5M` window is the same five minutes, and above `scaleUpWithinSeconds` it is reported on the window.',
    remediation: 'Shorten `behavior.scaleUp.stabilizationWindowSeconds` (0 is the default), and allow bigger steps: a Percent policy (100 % per 15 s) alongside a Pods policy, with `selectPolicy: Max`. For a scale-out alarm, use fewer or shorter periods (`Period: 60, EvaluationPeriods: 2`, or `DatapointsToAlarm` 2 of 3), or a target tracking policy, whose alarms AWS manages. Or raise `scaleUpWithinSeconds` if slow growth is deliberate. For an Azure rule, shorten `time_window` (`PT1M`, `PT2M`).',
    bad: 'behavior:\n  scaleUp:\n    policies:\n      - {type: Pods, value: 1, periodSeconds: 60}',
    good: 'behavior:\n  scaleUp:\n    stabilizationWindowSeconds: 0\n    policies:\n      - {type: Percent, value: 100, periodSeconds: 15}\n      - {type: Pods, value: 4, periodSeconds: 15}\n    selectPolicy: Max',
  },
  checkDocument(ctx) {
    const limit = ctx.settings.scaleUpWithinSeconds;
    for (const r of ctx.resources) {
      if (isAlarm(r)) {
        const found = alarmDelay(r, ctx.resources, ctx.text, limit);
        if (found) ctx.report({ resource: r, ...found });
        continue;
      }
      const a = autoscalerOf(r);
      for (const p of a?.policies ?? []) if (p.inline && p.direction === 'out') inlineTriggerDelay(ctx, p, limit);
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
      const from = derived.resolved.minReplicas;
      const to = derived.resolved.maxReplicas;
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

import { numberSetting } from '../settings';
import { defineRule } from './rule';
import { autoscalerOf } from '../sources/objects';
import { known, type Alarm, type AlarmLink, type Autoscaler, type ScalingPolicy } from '../model/scaling';

type Op = NonNullable<Alarm['op']>;

const SYMBOL: Record<Op, string> = { gt: '>', ge: '>=', lt: '<', le: '<=' };
/** The condition under which an alarm is back in OK: the negation of its comparison. */
const NEGATED: Record<Op, Op> = { gt: 'le', ge: 'lt', lt: 'ge', le: 'gt' };

const above = (op: Op) => op === 'gt' || op === 'ge';

/** One alarm driving one scaling policy of the autoscaler. */
interface Trigger {
  alarm: Alarm;
  policy: ScalingPolicy;
  via: AlarmLink['via'];
  /** The action list's key, where the alarm names the policy. */
  viaAt: [number, number];
  direction: 'out' | 'in';
  /** The comparison under which the policy runs (negated for OKActions). */
  op: Op;
  threshold: number;
  thresholdAt: [number, number];
  /** The threshold the policy effectively starts at (step bounds can move it away from the alarm's). */
  effective: number;
  note: string;
  metric?: string;
  namespace?: string;
  percent: boolean;
}

/**
 * Step scaling runs a step only when the breach (metric − threshold) falls in one of its intervals. For an
 * alarm above its threshold, nothing happens until the lowest step's lower bound is reached; below it,
 * until the highest step's upper bound. A missing bound is infinite: the alarm threshold itself applies.
 */
function stepOffset(policy: ScalingPolicy, op: Op): { offset: number; bound: string } | undefined {
  if (policy.policyType?.value !== 'StepScaling') return undefined;
  const steps = policy.steps;
  if (!steps || steps.length === 0) return undefined;
  if (above(op)) {
    let min = Infinity;
    for (const s of steps) {
      const v = s.lower?.value;
      if (v === undefined) return undefined;
      min = Math.min(min, v);
    }
    return min > 0 ? { offset: min, bound: `step lower bound ${min}` } : undefined;
  }
  let max = -Infinity;
  for (const s of steps) {
    const v = s.upper?.value;
    if (v === undefined) return undefined;
    max = Math.max(max, v);
  }
  return max < 0 ? { offset: max, bound: `step upper bound ${max}` } : undefined;
}

/** Percentages (CPUUtilization, MemoryReservation, mem_used_percent, Percentage CPU, Unit: Percent): measured in points. */
function isPercent(alarm: Alarm): boolean {
  if (alarm.unit === 'Percent') return true;
  return alarm.metricName !== undefined && /(Utilization|Reservation|Percent|percent|Percentage)/.test(alarm.metricName);
}

function triggersOf(a: Autoscaler): Trigger[] {
  const out: Trigger[] = [];
  for (const policy of a.policies ?? []) {
    const direction = policy.direction;
    if (!direction) continue;
    for (const { alarm, via, at } of policy.alarms) {
      const threshold = alarm.threshold;
      const alarmOp = alarm.op;
      if (!known(threshold) || !alarmOp) continue; // unknown threshold, anomaly-detection band, intrinsic: skip
      const op = via === 'OKActions' ? NEGATED[alarmOp] : alarmOp;
      const step = via === 'AlarmActions' ? stepOffset(policy, alarmOp) : undefined;
      const effective = threshold.value + (step?.offset ?? 0);
      const notes: string[] = [];
      if (threshold.parameter !== undefined) notes.push("the parameter's Default");
      if (step) notes.push(`${threshold.name} ${threshold.value} + ${step.bound}`);
      out.push({
        alarm,
        policy,
        via,
        viaAt: at,
        direction,
        op,
        threshold: threshold.value,
        thresholdAt: threshold.span ?? threshold.key ?? threshold.range,
        effective,
        note: notes.length ? ` (${notes.join('; ')})` : '',
        metric: alarm.metricName,
        namespace: alarm.namespace,
        percent: isPercent(alarm),
      });
    }
  }
  return out;
}

/** How a message names an alarm: `alarm CPUHigh`, or the format's own words (`rule 1 of profile default`). */
function called(alarm: Alarm): string {
  return alarm.title ?? `alarm ${alarm.name}`;
}

/** Same metric: the same alarm, or the same literal MetricName and Namespace. */
function sameMetric(a: Trigger, b: Trigger): boolean {
  if (a.alarm === b.alarm) return true;
  if (a.metric === undefined || b.metric === undefined || a.metric !== b.metric) return false;
  return a.namespace === undefined || b.namespace === undefined || a.namespace === b.namespace;
}

function fmt(n: number): string {
  return Number.isInteger(n) ? String(n) : String(Number(n.toFixed(4)));
}

export default defineRule({
  id: 'alarm-hysteresis',
  defaultSeverity: 'warning',
  fixable: false,
  settings: {
    minHysteresis: numberSetting({ type: 'number', minimum: 0, description: 'Least gap, in points, between scale-out and scale-in alarm thresholds (alarm-hysteresis). Default 20.' }, 20),
  },
  docs: {
    appliesTo: 'AWS::CloudWatch::Alarm resources driving the simple or step scaling policies of an AWS::AutoScaling::AutoScalingGroup; Azure autoscale rules (`metric_trigger.threshold` of Increase vs Decrease on one metric)',
    summary: 'The scale-out and scale-in alarms of an Auto Scaling group are too close together, so the group can flap.',
    rationale:
      'The workflow scales up when CPU is above 70 % and down when it is below 30 %: a wide dead band between the two thresholds. Adding instances lowers the per-instance load and removing them raises it, so when the scale-in threshold sits just below the scale-out one, each action pushes the metric across the other alarm’s threshold: the group scales out, the load per instance drops below the scale-in threshold, it scales in, the load rises again, and it oscillates — the "flapping" the workflow warns about under scaling instability, with instances booting and terminating for nothing and capacity missing when it matters. An alarm that scales out through `AlarmActions` and scales in through `OKActions` has no dead band at all. The gap is measured in points of the metric: for percentages (utilization, reservation, `Unit: Percent`) it must be at least `minHysteresis` (default 20); for other metrics, whose scale the linter cannot know, the scale-in threshold must at least be below the scale-out threshold (above it for metrics that fall under load, such as free memory). Step bounds that move the point where a step scaling policy starts acting are taken into account. An Azure autoscale setting’s rules are alarms and policies in one: the `threshold` of an `Increase` rule and of a `Decrease` rule on the same `metric_name` (`Percentage CPU` counts in points) must be as far apart.',
    remediation:
      'Lower the scale-in threshold (or raise the scale-out one) until they are at least `minHysteresis` points apart, e.g. scale out above 70 % and in below 30 %, and use a separate scale-in alarm rather than `OKActions`. Target tracking scaling policies manage both directions with built-in hysteresis and are often the simpler choice.',
    bad: 'CPUHigh:\n  Type: AWS::CloudWatch::Alarm\n  Properties:\n    MetricName: CPUUtilization\n    Namespace: AWS/EC2\n    ComparisonOperator: GreaterThanThreshold\n    Threshold: 70\n    AlarmActions: [!Ref ScaleOut]\nCPULow:\n  Type: AWS::CloudWatch::Alarm\n  Properties:\n    MetricName: CPUUtilization\n    Namespace: AWS/EC2\n    ComparisonOperator: LessThanThreshold\n    Threshold: 60\n    AlarmActions: [!Ref ScaleIn]',
    good: 'CPUHigh:\n  Type: AWS::CloudWatch::Alarm\n  Properties:\n    MetricName: CPUUtilization\n    Namespace: AWS/EC2\n    ComparisonOperator: GreaterThanThreshold\n    Threshold: 70\n    AlarmActions: [!Ref ScaleOut]\nCPULow:\n  Type: AWS::CloudWatch::Alarm\n  Properties:\n    MetricName: CPUUtilization\n    Namespace: AWS/EC2\n    ComparisonOperator: LessThanThreshold\n    Threshold: 30\n    AlarmActions: [!Ref ScaleIn]',
  },
  checkDocument(ctx) {
    const min = ctx.settings.minHysteresis;
    for (const r of ctx.resources) {
      const asg = autoscalerOf(r);
      if (!asg?.policies?.length) continue;
      const triggers = triggersOf(asg);
      const outs = triggers.filter((t) => t.direction === 'out');
      const ins = triggers.filter((t) => t.direction === 'in');
      for (const o of outs) {
        // The worst scale-in partner on the same metric, comparing in the right sense.
        let worst: { i: Trigger; gap: number; required: number } | undefined;
        for (const i of ins) {
          if (!sameMetric(o, i)) continue;
          if (above(o.op) === above(i.op)) continue; // both above / both below: not a pair of bands
          // Usual metric: out above a high mark, in below a low one. Inverse (free memory…): the other way.
          const gap = above(o.op) ? o.effective - i.effective : i.effective - o.effective;
          const required = o.percent && i.percent ? min : 0;
          const fails = required > 0 ? gap < required : gap <= 0;
          if (fails && (!worst || gap < worst.gap)) worst = { i, gap, required };
        }
        if (!worst) continue;
        const { i, gap, required } = worst;
        const metric = o.metric ?? i.metric ?? 'the metric';
        const oCond = `${metric} ${SYMBOL[o.op]} ${fmt(o.effective)}${o.note}`;
        const iCond = `${metric} ${SYMBOL[i.op]} ${fmt(i.effective)}${i.note}`;
        let message: string;
        if (o.alarm === i.alarm) {
          const name = called(o.alarm);
          message = `${name[0].toUpperCase()}${name.slice(1)} scales ${asg.name} out at ${oCond} (${o.via}: ${o.policy.name}) and back in through ${i.via} (${i.policy.name}) as soon as ${iCond}: there is no gap between the scale-out and scale-in thresholds, so the group can flap. Scale in from a separate alarm${required ? ` at least ${fmt(required)} points ${above(o.op) ? 'below' : 'above'} ${fmt(o.effective)}` : ''}.`;
        } else {
          const pts = required > 0 ? ' points' : '';
          const flap = `${asg.name} can flap between scaling out and in`;
          const apart =
            gap < 0
              ? `the thresholds overlap by ${fmt(-gap)}${pts}, so both alarms can be in alarm at once and ${flap}`
              : gap === 0
                ? `the thresholds are equal, leaving no gap between them, so ${flap}`
                : `only ${fmt(gap)} points apart, below the minimum hysteresis of ${fmt(required)}, so ${flap}`;
          const need = gap <= 0 && required > 0 ? ` The minimum hysteresis is ${fmt(required)} points.` : '';
          const side = above(o.op) ? 'below' : 'above';
          const suggestion =
            required > 0
              ? ` Scale in ${side} ${fmt(above(o.op) ? o.effective - required : o.effective + required)} or scale out ${above(o.op) ? 'above' : 'below'} ${fmt(above(o.op) ? i.effective + required : i.effective - required)}.`
              : ` Put the scale-in threshold ${side} the scale-out threshold.`;
          message = `Scale-out ${called(o.alarm)} fires at ${oCond} and scale-in ${called(i.alarm)} at ${iCond}: ${apart}.${need}${suggestion}`;
        }
        ctx.report({
          resource: o.alarm.resource,
          at: o.thresholdAt,
          message,
          related: [
            { resource: i.alarm.resource, at: i.alarm === o.alarm ? i.viaAt : i.thresholdAt, message: `Scale-in: ${i.alarm.name} ${SYMBOL[i.op]} ${fmt(i.threshold)} runs ${i.policy.name}` },
            { resource: asg.resource, at: asg.home, message: `${asg.group ? 'Auto Scaling group' : 'Autoscaler'} ${asg.name}` },
          ],
        });
      }
    }
  },
});

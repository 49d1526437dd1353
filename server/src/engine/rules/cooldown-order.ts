import { reportChecked } from './helpers/fix-guard';
import type { Node, YAMLMap } from 'yaml';
import { defineRule, type DocumentContext, type Report } from './rule';
import type { Resource } from '../parse/document';
import { behaviorNode, behaviorPath, isAutoscaler, scalingRules, supportsBehavior } from '../model/kubernetes';
import { modelOf } from '../sources/objects';
import { inNotation, known, type Alarm, type Autoscaler, type Field, type ScalingPolicy } from '../model/scaling';
import { getPair, mapPairs, rangeOf } from '../parse/values';
import { columnOf, insertIntoMap, replaceNode, setPath, eol } from '../fix';
import type { Fix, TextEdit } from '../types';

/** The API caps stabilization windows at one hour. */
const MAX_WINDOW = 3600;
/** Application Auto Scaling's default cooldowns (ElastiCache's 600 s is not told apart). */
const APP_DEFAULT_COOLDOWN = 300;

/** What the fix sets scale-down to: max(300, scale-up + 60). */
function target(scaleUp: number): number {
  return Math.max(300, scaleUp + 60);
}

function checkAutoscaler(ctx: DocumentContext, r: Resource): void {
  if (!supportsBehavior(r)) return; // autoscaling/v1, v2beta1: no behavior to order
  const up = scalingRules(r, 'scaleUp');
  const down = scalingRules(r, 'scaleDown');
  // A disabled direction never acts: there is no order to keep.
  if (up.selectPolicy === 'Disabled' || down.selectPolicy === 'Disabled') return;
  // A window written as something other than an integer: the schema rule reports it.
  if ((up.windowPair && !up.windowExplicit) || (down.windowPair && !down.windowExplicit)) return;
  const upWindow = up.stabilizationWindowSeconds;
  const downWindow = down.stabilizationWindowSeconds;
  if (downWindow > upWindow) return;
  const describe = (w: number, explicit: boolean) => (explicit ? `${w} s` : `${w} s, the default`);
  const value = Math.min(MAX_WINDOW, target(upWindow));
  const { root, path } = behaviorPath(r);
  const edits = value > upWindow && root ? setPath(ctx.text, root, [...path, 'scaleDown', 'stabilizationWindowSeconds'], value) : [];
  const fixes: Fix[] | undefined = edits.length > 0
    ? [{ title: `Set scaleDown.stabilizationWindowSeconds to ${value}`, edits, safe: true, preferred: true }]
    : undefined;
  const at: Node | [number, number] =
    (down.windowExplicit ? down.windowPair?.value : up.windowPair?.value) ??
    (getPair(behaviorNode(r), 'scaleDown')?.key as Node | undefined) ??
    (getPair(r.node, 'spec')?.key as Node | undefined) ??
    r.anchor;
  ctx.report({
    resource: r,
    at,
    message:
      `The scale-down stabilization window (${describe(downWindow, down.windowExplicit)}) is not longer than the scale-up window (${describe(upWindow, up.windowExplicit)}): ` +
      `the autoscaler removes capacity as readily as it adds it, and flaps on a spiky load. ` +
      (value > upWindow ? `Scale down more slowly than up (${value} s).` : `Shorten the scale-up window: no window may exceed ${MAX_WINDOW} s.`),
    fixes,
  });
}

/** A cooldown, as written on the policy, inherited from the group, or the AWS default (the source resolves which). */
interface Cooldown {
  value: number;
  /** Where it comes from, for the message. */
  source: string;
}

function cooldownOf(policy: ScalingPolicy): Cooldown | undefined {
  const c = policy.cooldown;
  if (!known(c)) return undefined; // an intrinsic we cannot see through
  if (c.from) return { value: c.value, source: c.from };
  if (c.notation) return { value: c.value, source: `its ${c.name} ${c.notation.written}` };
  return { value: c.value, source: c.parameter !== undefined ? `its ${c.name}, the Default of parameter ${c.parameter}` : `its ${c.name}` };
}

/**
 * Adds `key: "value"` to a Properties map. Block maps go through `insertIntoMap`; flow maps (JSON templates)
 * get a JSON-style entry on its own line, so a JSON template stays JSON.
 */
function insertProperty(text: string, map: YAMLMap, key: string, value: string | number): TextEdit[] {
  const range = rangeOf(map);
  if (!range) return [];
  if (!map.flow && text[range[0]] !== '{') return insertIntoMap(text, map, { [key]: value });
  const pairs = mapPairs(map);
  const entry = `${JSON.stringify(key)}: ${JSON.stringify(value)}`;
  const last = pairs[pairs.length - 1];
  const lastKey = last ? rangeOf(last.key) : undefined;
  if (!last || !lastKey) {
    const close = text.lastIndexOf('}', range[1]);
    return close > range[0] ? [{ start: close, end: close, newText: entry }] : [];
  }
  const lastEnd = rangeOf(last.value)?.[1] ?? lastKey[1];
  const end = lastKey[0] + text.slice(lastKey[0], lastEnd).replace(/\s+$/, '').length;
  const multiline = text.slice(range[0], lastKey[0]).includes('\n');
  const nl = eol(text);
  const newText = multiline ? `,${nl}${' '.repeat(columnOf(text, lastKey[0]))}${entry}` : `, ${entry}`;
  return [{ start: end, end, newText }];
}

/** Sets a cooldown where the model says it is written: replace a literal (in its quoting), or insert one. */
function cooldownFix(ctx: DocumentContext, c: Field<number> | undefined, owner: string, value: number | string): Fix[] | undefined {
  const fix = c?.fix;
  let edits: TextEdit[] = [];
  if (fix?.kind === 'replace') edits = replaceNode(fix.node, fix.quote ? `${fix.quote}${value}${fix.quote}` : String(value));
  else if (fix?.kind === 'insert') edits = insertProperty(ctx.text, fix.map, fix.key, value);
  else if (fix?.kind === 'text') edits = [{ start: fix.start, end: fix.end, newText: String(value) }];
  return edits.length > 0 ? [{ title: `Set the ${c!.name} of ${owner} to ${value}`, edits, safe: true, preferred: true }] : undefined;
}

/** Seconds an alarm must breach before it acts: Period × (DatapointsToAlarm or EvaluationPeriods). */
function alarmDelay(alarm: Alarm): { seconds: number; text: string } | undefined {
  const period = alarm.period?.value;
  const datapoints = alarm.datapointsToAlarm?.value ?? alarm.evaluationPeriods?.value;
  if (period === undefined || datapoints === undefined || !(period > 0) || !(datapoints > 0)) return undefined;
  return { seconds: period * datapoints, text: `${datapoints} × ${period} s` };
}

/** The fastest of a step policy's alarms: how soon the policy can act. */
function fastestAlarm(policy: ScalingPolicy): { alarm: Alarm; seconds: number; text: string } | undefined {
  let best: { alarm: Alarm; seconds: number; text: string } | undefined;
  for (const { alarm } of policy.alarms) {
    const d = alarmDelay(alarm);
    if (!d) return undefined; // one alarm we cannot read: no claim about the policy
    if (!best || d.seconds < best.seconds) best = { alarm, ...d };
  }
  return best;
}

function checkGroup(ctx: DocumentContext, group: Autoscaler): void {
  const policies = group.policies ?? [];
  // Policies that wait their cooldown after acting: SimpleScaling, and policies of formats without types (an Azure rule).
  const simple = policies.filter((p) => p.policyType?.value === 'SimpleScaling' || (!p.policyType && p.cooldown !== undefined));
  const step = policies.filter((p) => p.policyType?.value === 'StepScaling');

  // SimpleScaling: each scale-in policy's cooldown must be longer than the longest scale-out cooldown.
  const outs = simple.filter((p) => p.direction === 'out').map((p) => ({ p, c: cooldownOf(p) }));
  if (outs.length > 0 && outs.every((o) => o.c)) {
    const longestOut = outs.reduce((a, b) => (b.c!.value > a.c!.value ? b : a));
    for (const p of simple.filter((q) => q.direction === 'in')) {
      const c = cooldownOf(p);
      if (!c || c.value > longestOut.c!.value) continue;
      const value = target(longestOut.c!.value);
      const written = inNotation(known(p.cooldown) ? p.cooldown : undefined, value);
      ctx.report({
        resource: p.resource,
        at: p.cooldown?.explicit ? (p.cooldown.range ?? p.home) : p.home,
        message:
          `Scale-in policy ${p.name} waits ${c.value} s (${c.source}) after it acts, not longer than scale-out policy ${longestOut.p.name} (${longestOut.c!.value} s, ${longestOut.c!.source}): ` +
          `the group removes instances as readily as it adds them, and flaps. Give scale-in the longer cooldown (${value} s${written === value ? '' : `: ${written}`}).`,
        fixes: cooldownFix(ctx, p.cooldown, p.name, written !== value ? written : p.cooldown?.explicit ? value : String(value)),
      });
    }
  }

  // StepScaling has no cooldown: what keeps scale-in slower is how long its alarm must breach before it acts.
  const stepOuts = step.filter((p) => p.direction === 'out').map((p) => ({ p, d: fastestAlarm(p) }));
  if (stepOuts.length === 0 || stepOuts.some((o) => !o.d)) return;
  const fastestOut = stepOuts.reduce((a, b) => (b.d!.seconds < a.d!.seconds ? b : a));
  for (const p of step.filter((q) => q.direction === 'in')) {
    const d = fastestAlarm(p);
    if (!d || d.seconds > fastestOut.d!.seconds) continue;
    const at = d.alarm.datapointsToAlarm?.range ?? d.alarm.evaluationPeriods?.range ?? d.alarm.home;
    ctx.report({
      resource: d.alarm.resource,
      at,
      message:
        `Step scale-in policy ${p.name} acts after alarm ${d.alarm.name} breaches for ${d.seconds} s (${d.text}), no longer than scale-out policy ${fastestOut.p.name} (alarm ${fastestOut.d!.alarm.name}: ${fastestOut.d!.seconds} s). ` +
        `Step scaling has no cooldown, so the alarm’s duration is what keeps scale-in gradual: make the scale-in alarm wait longer (e.g. 10 minutes against 5 for scale-out).`,
    });
  }
}

/** Application Auto Scaling target tracking: ScaleInCooldown must be longer than ScaleOutCooldown (both default to 300 s). */
function checkTargetTracking(ctx: DocumentContext, p: ScalingPolicy): void {
  const t = p.targetTracking;
  if (!t || (!t.scaleInCooldown && !t.scaleOutCooldown)) return; // the defaults: no order written
  const scaleIn = t.scaleInCooldown ?? { value: APP_DEFAULT_COOLDOWN, explicit: false, name: 'ScaleInCooldown', range: p.home, fix: t.configuration };
  const scaleOut = t.scaleOutCooldown;
  const outValue = scaleOut ? scaleOut.value : APP_DEFAULT_COOLDOWN;
  if (scaleIn.value === undefined || outValue === undefined || scaleIn.value > outValue) return;
  const value = target(outValue);
  const said = (name: string, v: number, explicit: boolean) => (explicit ? `${name} (${v} s)` : `${name} (not set: ${v} s by default)`);
  ctx.report({
    resource: p.resource,
    at: scaleIn.explicit ? (scaleIn.range ?? p.home) : (scaleOut?.range ?? p.home),
    message:
      `${said(scaleIn.name, scaleIn.value, scaleIn.explicit)} is not longer than ${said(scaleOut?.name ?? 'ScaleOutCooldown', outValue, !!scaleOut)}: ` +
      `the target is scaled in as readily as out, and flaps on a spiky load. Give scale-in the longer cooldown (${value} s).`,
    fixes: cooldownFix(ctx, scaleIn, p.name, value),
  });
}

export default defineRule({
  id: 'cooldown-order',
  defaultSeverity: 'warning',
  fixable: true,
  docs: {
    appliesTo: 'HPA (autoscaling/v2, v2beta2) and ScaledObject `behavior`; ASG SimpleScaling policies (cooldowns) and StepScaling policies (alarm durations); Application Auto Scaling target tracking policies (`ScaleInCooldown` vs `ScaleOutCooldown`); Azure autoscale rules (`scale_action.cooldown` of Decrease vs Increase, ISO 8601)',
    summary: 'Scale-down waits no longer than scale-up (stabilization window, cooldown): the autoscaler flaps.',
    rationale:
      'The workflow’s cool-down periods are asymmetric on purpose: “Scale up: 60 seconds (respond quickly to load); Scale down: 300 seconds (avoid flapping)”, and its conditions ask for low utilization over 10 minutes before scaling in against 5 minutes of high utilization before scaling out. Capacity is cheap to keep for a few more minutes and expensive to lack: when scale-down reacts as fast as scale-up, every dip of a spiky load removes instances that the next peak needs again, and the group oscillates. For an HPA the defaults (scale-up window 0 s, scale-down 300 s) are in the right order, so the rule fires only for windows written out of order. autoscaling/v1 and v2beta1 have no `behavior` and are not checked. For an Auto Scaling group, a SimpleScaling policy’s `Cooldown` (else the group’s `Cooldown`, else 300 s) is compared between scale-in and scale-out policies; StepScaling policies have no cooldown, so the time their alarms must breach (Period × DatapointsToAlarm or EvaluationPeriods) is compared instead. An Application Auto Scaling target tracking policy (an ECS service, Aurora replicas…) has a cooldown per direction: `ScaleInCooldown` must be longer than `ScaleOutCooldown` (both default to 300 s; a policy that writes neither is left alone). An Azure autoscale setting’s rules are compared the same way: the `scale_action.cooldown` of a `Decrease` rule (an ISO 8601 duration such as `PT5M`) must be longer than that of every `Increase` rule of the profile, and the fix writes an ISO 8601 duration.',
    remediation: 'Make scale-down wait longer than scale-up: set `behavior.scaleDown.stabilizationWindowSeconds` (or the scale-in policy’s `Cooldown`) to max(300, scale-up + 60); for step scaling, lengthen the scale-in alarm’s evaluation.',
    bad: 'spec:\n  behavior:\n    scaleUp:\n      stabilizationWindowSeconds: 120\n    scaleDown:\n      stabilizationWindowSeconds: 60',
    good: 'spec:\n  behavior:\n    scaleUp:\n      stabilizationWindowSeconds: 0\n    scaleDown:\n      stabilizationWindowSeconds: 300',
  },
  checkDocument(outer: DocumentContext) {
    const reports: Report[] = [];
    const ctx = { ...outer, report: (r: Report) => void reports.push(r) };
    for (const r of ctx.resources) {
      if (isAutoscaler(r)) {
        checkAutoscaler(ctx, r);
        continue;
      }
      const o = modelOf(r);
      if (o?.type === 'autoscaler' && o.policies?.length) checkGroup(ctx, o);
      else if (o?.type === 'scaling-policy' && o.policyType?.value === 'TargetTrackingScaling') checkTargetTracking(ctx, o);
    }
    reportChecked(outer, reports);
  },
});

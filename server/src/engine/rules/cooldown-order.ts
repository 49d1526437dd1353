import { reportChecked } from './helpers/fix-guard';
import { isScalar, type Node, type YAMLMap } from 'yaml';
import { defineRule, type DocumentContext, type Report } from './rule';
import type { Resource } from '../parse/document';
import { behaviorNode, behaviorPath, isAutoscaler, scalingRules, supportsBehavior } from '../model/kubernetes';
import { alarmsFor, isAsg, policiesOf, policyDirection, policyType, prop, propNumber } from '../model/cloudformation';
import { getPair, mapPairs, rangeOf, refName } from '../parse/values';
import { columnOf, insertIntoMap, replaceNode, setPath, eol } from '../fix';
import type { Fix, TextEdit } from '../types';

/** The API caps stabilization windows at one hour. */
const MAX_WINDOW = 3600;
/** ASG default cooldown when neither the policy nor the group sets one. */
const ASG_DEFAULT_COOLDOWN = 300;

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

/** A cooldown, as written on the policy, inherited from the group, or the AWS default. */
interface Cooldown {
  value: number;
  /** Where it comes from, for the message. */
  source: string;
}

function cooldownOf(policy: Resource, asg: Resource): Cooldown | undefined {
  const own = propNumber(policy, 'Cooldown');
  if (own) return { value: own.value, source: own.literal ? 'its Cooldown' : `its Cooldown, the Default of parameter ${refName(own.pair.value) ?? '?'}` };
  if (prop(policy, 'Cooldown')) return undefined; // an intrinsic we cannot see through
  const group = propNumber(asg, 'Cooldown');
  if (group) return { value: group.value, source: `the Cooldown of ${asg.name}` };
  if (prop(asg, 'Cooldown')) return undefined;
  return { value: ASG_DEFAULT_COOLDOWN, source: 'the default cooldown' };
}

/**
 * Adds `key: "value"` to a Properties map. Block maps go through `insertIntoMap`; flow maps (JSON templates)
 * get a JSON-style entry on its own line, so a JSON template stays JSON.
 */
function insertProperty(text: string, map: YAMLMap, key: string, value: string): TextEdit[] {
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

/** Sets a SimpleScaling policy's own Cooldown (it overrides the group's): replace a literal, or insert one. */
function cooldownFix(ctx: DocumentContext, policy: Resource, value: number): Fix[] | undefined {
  const pair = prop(policy, 'Cooldown');
  let edits: Fix['edits'] = [];
  if (pair) {
    const v = pair.value;
    if (!propNumber(policy, 'Cooldown')?.literal || !v) return undefined; // !Ref: the change belongs on the parameter
    const text = isScalar(v) && typeof v.value === 'string' ? (v.type === 'QUOTE_SINGLE' ? `'${value}'` : `"${value}"`) : String(value);
    edits = replaceNode(v, text);
  } else if (policy.properties) {
    edits = insertProperty(ctx.text, policy.properties, 'Cooldown', String(value));
  }
  return edits.length > 0 ? [{ title: `Set the Cooldown of ${policy.name} to ${value}`, edits, safe: true, preferred: true }] : undefined;
}

/** Seconds an alarm must breach before it acts: Period × (DatapointsToAlarm or EvaluationPeriods). */
function alarmDelay(alarm: Resource): { seconds: number; text: string } | undefined {
  const period = propNumber(alarm, 'Period')?.value;
  const datapoints = propNumber(alarm, 'DatapointsToAlarm')?.value ?? propNumber(alarm, 'EvaluationPeriods')?.value;
  if (period === undefined || datapoints === undefined || !(period > 0) || !(datapoints > 0)) return undefined;
  return { seconds: period * datapoints, text: `${datapoints} × ${period} s` };
}

/** The fastest of a step policy's alarms: how soon the policy can act. */
function fastestAlarm(policy: Resource, resources: readonly Resource[]): { alarm: Resource; seconds: number; text: string } | undefined {
  let best: { alarm: Resource; seconds: number; text: string } | undefined;
  for (const alarm of alarmsFor(policy, resources)) {
    const d = alarmDelay(alarm);
    if (!d) return undefined; // one alarm we cannot read: no claim about the policy
    if (!best || d.seconds < best.seconds) best = { alarm, ...d };
  }
  return best;
}

function checkAsg(ctx: DocumentContext, asg: Resource): void {
  const policies = policiesOf(asg, ctx.resources);
  const simple = policies.filter((p) => policyType(p) === 'SimpleScaling');
  const step = policies.filter((p) => policyType(p) === 'StepScaling');

  // SimpleScaling: each scale-in policy's cooldown must be longer than the longest scale-out cooldown.
  const outs = simple.filter((p) => policyDirection(p) === 'out').map((p) => ({ p, c: cooldownOf(p, asg) }));
  if (outs.length > 0 && outs.every((o) => o.c)) {
    const longestOut = outs.reduce((a, b) => (b.c!.value > a.c!.value ? b : a));
    for (const p of simple.filter((q) => policyDirection(q) === 'in')) {
      const c = cooldownOf(p, asg);
      if (!c || c.value > longestOut.c!.value) continue;
      const value = target(longestOut.c!.value);
      const own = prop(p, 'Cooldown');
      ctx.report({
        resource: p,
        at: own?.value ?? p.anchor,
        message:
          `Scale-in policy ${p.name} waits ${c.value} s (${c.source}) after it acts, not longer than scale-out policy ${longestOut.p.name} (${longestOut.c!.value} s, ${longestOut.c!.source}): ` +
          `the group removes instances as readily as it adds them, and flaps. Give scale-in the longer cooldown (${value} s).`,
        fixes: cooldownFix(ctx, p, value),
      });
    }
  }

  // StepScaling has no cooldown: what keeps scale-in slower is how long its alarm must breach before it acts.
  const stepOuts = step.filter((p) => policyDirection(p) === 'out').map((p) => ({ p, d: fastestAlarm(p, ctx.resources) }));
  if (stepOuts.length === 0 || stepOuts.some((o) => !o.d)) return;
  const fastestOut = stepOuts.reduce((a, b) => (b.d!.seconds < a.d!.seconds ? b : a));
  for (const p of step.filter((q) => policyDirection(q) === 'in')) {
    const d = fastestAlarm(p, ctx.resources);
    if (!d || d.seconds > fastestOut.d!.seconds) continue;
    const at = prop(d.alarm, 'DatapointsToAlarm')?.value ?? prop(d.alarm, 'EvaluationPeriods')?.value ?? d.alarm.anchor;
    ctx.report({
      resource: d.alarm,
      at,
      message:
        `Step scale-in policy ${p.name} acts after alarm ${d.alarm.name} breaches for ${d.seconds} s (${d.text}), no longer than scale-out policy ${fastestOut.p.name} (alarm ${fastestOut.d!.alarm.name}: ${fastestOut.d!.seconds} s). ` +
        `Step scaling has no cooldown, so the alarm’s duration is what keeps scale-in gradual: make the scale-in alarm wait longer (e.g. 10 minutes against 5 for scale-out).`,
    });
  }
}

export default defineRule({
  id: 'cooldown-order',
  defaultSeverity: 'warning',
  fixable: true,
  docs: {
    appliesTo: 'HPA (autoscaling/v2, v2beta2) and ScaledObject `behavior`; ASG SimpleScaling policies (cooldowns) and StepScaling policies (alarm durations)',
    summary: 'Scale-down waits no longer than scale-up (stabilization window, cooldown): the autoscaler flaps.',
    rationale:
      'The workflow’s cool-down periods are asymmetric on purpose: “Scale up: 60 seconds (respond quickly to load); Scale down: 300 seconds (avoid flapping)”, and its conditions ask for low utilization over 10 minutes before scaling in against 5 minutes of high utilization before scaling out. Capacity is cheap to keep for a few more minutes and expensive to lack: when scale-down reacts as fast as scale-up, every dip of a spiky load removes instances that the next peak needs again, and the group oscillates. For an HPA the defaults (scale-up window 0 s, scale-down 300 s) are in the right order, so the rule fires only for windows written out of order. autoscaling/v1 and v2beta1 have no `behavior` and are not checked. For an Auto Scaling group, a SimpleScaling policy’s `Cooldown` (else the group’s `Cooldown`, else 300 s) is compared between scale-in and scale-out policies; StepScaling policies have no cooldown, so the time their alarms must breach (Period × DatapointsToAlarm or EvaluationPeriods) is compared instead.',
    remediation: 'Make scale-down wait longer than scale-up: set `behavior.scaleDown.stabilizationWindowSeconds` (or the scale-in policy’s `Cooldown`) to max(300, scale-up + 60); for step scaling, lengthen the scale-in alarm’s evaluation.',
    bad: 'spec:\n  behavior:\n    scaleUp:\n      stabilizationWindowSeconds: 120\n    scaleDown:\n      stabilizationWindowSeconds: 60',
    good: 'spec:\n  behavior:\n    scaleUp:\n      stabilizationWindowSeconds: 0\n    scaleDown:\n      stabilizationWindowSeconds: 300',
  },
  checkDocument(outer: DocumentContext) {
    const reports: Report[] = [];
    const ctx = { ...outer, report: (r: Report) => void reports.push(r) };
    for (const r of ctx.resources) {
      if (isAutoscaler(r)) checkAutoscaler(ctx, r);
      else if (isAsg(r)) checkAsg(ctx, r);
    }
    reportChecked(outer, reports);
  },
});

import { defineRule, type DocumentContext } from './rule';
import { autoscalerOf, modelOf } from '../sources/objects';
import type { GroupLink, ModelValue, ScheduledAction } from '../model/scaling';
import type { Resource } from '../parse/document';
import minReplicas from './min-replicas';
import { said } from './helpers/cfn-values';

/** Cron fields of a Recurrence: name and range of plain numbers in it. */
const FIELDS: [string, number, number][] = [['minute', 0, 59], ['hour', 0, 23], ['day of month', 1, 31], ['month', 1, 12], ['day of week', 0, 7]];
const NAMES = /^(JAN|FEB|MAR|APR|MAY|JUN|JUL|AUG|SEP|OCT|NOV|DEC|SUN|MON|TUE|WED|THU|FRI|SAT)$/i;

/** Why a Recurrence is not a five-field cron expression, or undefined when it is one. */
export function cronProblem(expression: string): string | undefined {
  const fields = expression.trim().split(/\s+/).filter((f) => f);
  if (fields.length !== 5) return `it has ${fields.length} field${fields.length === 1 ? '' : 's'}; Auto Scaling takes five (minute hour day-of-month month day-of-week, in UTC unless TimeZone says otherwise)`;
  for (let i = 0; i < 5; i++) {
    const [name, lo, hi] = FIELDS[i];
    for (const part of fields[i].split(',')) {
      const [range, step] = part.split('/');
      if (step !== undefined && !/^\d+$/.test(step)) return `the ${name} field "${fields[i]}" has a step that is not a number`;
      if (range === '*' || (i >= 2 && range === '?')) continue;
      for (const bound of range.split('-')) {
        if (/^\d+$/.test(bound)) {
          const n = Number(bound);
          if (n < lo || n > hi) return `the ${name} field "${fields[i]}" has ${n}, outside ${lo}–${hi}`;
        } else if (!(i >= 3 && NAMES.test(bound)) && !(i >= 2 && /^(L|\d+[LW#]\d*|LW)$/.test(bound))) {
          return `the ${name} field "${fields[i]}" is not a cron field`;
        }
      }
    }
  }
  return undefined;
}

/** Why a link to a group schedules nothing, or undefined when it names one (here or elsewhere). */
function linkProblem(link: GroupLink): string | undefined {
  switch (link.kind) {
    case 'not-a-group':
      return `AutoScalingGroupName refers to ${link.ref} (${link.targetKind}), not an Auto Scaling group: this action schedules nothing.`;
    case 'missing':
      return `AutoScalingGroupName refers to ${link.ref}, which is no resource or parameter of this template: this action schedules nothing.`;
    case 'unknown-name':
      return `AutoScalingGroupName is "${link.name}", which no Auto Scaling group of this template is named (groups here: ${link.groups.join(', ')}): if it is one of them, refer to it with !Ref so the action follows its real name.`;
    default:
      return undefined;
  }
}

/** One scheduled change of bounds: its link to a group, its floor, its own bounds, its Recurrence. */
function checkAction(ctx: DocumentContext, r: Resource, action: ScheduledAction, floor: number): void {
  const link = action.group;
  const problem = link && linkProblem(link);
  if (link && problem) ctx.report({ resource: r, at: link.at, message: problem });
  const group = link?.kind === 'group' ? autoscalerOf(link.group) : undefined;

  const { min, max, desired } = action.bounds;
  const rejected = action.rejected ?? 'Auto Scaling rejects the action when it runs, and the group keeps its size';
  const fromGroup = (v: ModelValue<number> | undefined) => v && { value: v.value, text: `the group's ${said(v)}` };
  const own = (v: ModelValue<number> | undefined) => v && { value: v.value, text: said(v) };
  if (min && min.value < floor && !(min.value === 0 && max?.value === 0)) {
    ctx.report({
      resource: r,
      at: min.range,
      message: `${action.title ?? 'This scheduled action'} sets ${said(min)}; the HA floor is ${floor}: whenever it runs, the group may shrink to ${min.value === 0 ? 'nothing' : min.value === 1 ? 'a single instance' : `${min.value} instances`} ${action.holds ?? 'until another action raises it'}.`,
    });
  }
  const lower = own(min) ?? fromGroup(group?.bounds.min);
  const upper = own(max) ?? fromGroup(group?.bounds.max);
  if (max && lower && max.value < lower.value) {
    ctx.report({ resource: r, at: max.range, severity: 'error', message: `${said(max)} is below ${lower.text}: ${rejected}.` });
  } else if (desired && ((lower && desired.value < lower.value) || (upper && desired.value > upper.value))) {
    const bound = lower && desired.value < lower.value ? `below ${lower.text}` : `above ${upper!.text}`;
    ctx.report({ resource: r, at: desired.range, severity: 'error', message: `${said(desired)} is ${bound}: ${rejected}.` });
  }

  const recurrence = action.recurrence;
  if (recurrence?.value !== undefined) {
    const problem = cronProblem(recurrence.value);
    if (problem) ctx.report({ resource: r, at: recurrence.range, severity: 'error', message: `Recurrence "${recurrence.value}" is not a five-field cron expression: ${problem}.` });
  }
}

export default defineRule({
  id: 'scheduled-scaling',
  defaultSeverity: 'warning',
  fixable: false,
  settings: { minReplicasFloor: minReplicas.settings!.minReplicasFloor },
  docs: {
    appliesTo: 'AWS::AutoScaling::ScheduledAction, `aws_autoscaling_schedule`; Azure autoscale profiles with a `recurrence` or `fixed_date`',
    summary: 'A scheduled action that drops below the HA floor, contradicts its own bounds, has a malformed Recurrence, or names no group of the template.',
    rationale:
      'The workflow asks whether traffic is predictable ("steady, spiky, seasonal") and scales ahead of the known peaks; scheduled actions are how an Auto Scaling group does that, and they run unattended at 3 a.m. A scheduled `MinSize` below the HA floor (default 2) undoes the group’s own minimum every night: one instance, one point of failure, until the morning action runs. A scheduled `MaxSize` below its `MinSize`, or a `DesiredCapacity` outside them (taking the group’s own bounds for what the action leaves out), is rejected when the action runs: the group simply stays as it was, and the peak arrives to an unscaled group. `Recurrence` is a Unix cron expression of five fields — minute, hour, day of month, month, day of week — in UTC unless `TimeZone` is set (Amazon EC2 Auto Scaling User Guide, "Scheduled scaling"); a six-field expression copied from EventBridge or Quartz, or an hour of 24, is rejected. An `AutoScalingGroupName` that refers to no group of the template (a `!Ref` to another kind of resource, or a literal name no group here carries) schedules nothing at all; a `!Ref` to a Parameter, or a template with no group, is taken to name a group managed elsewhere. An Azure autoscale setting’s profiles with a `recurrence` or `fixed_date` replace the default profile’s `capacity` while they apply: their `minimum` below the floor, or a `default` outside [`minimum`, `maximum`] (which Azure Monitor rejects), are reported the same way.',
    remediation:
      'Keep scheduled minimums at or above the floor (0 with MaxSize 0 to switch a group off is left alone), write each action’s `MinSize` ≤ `DesiredCapacity` ≤ `MaxSize`, use five cron fields in `Recurrence` (`0 7 * * MON-FRI`), and point `AutoScalingGroupName` at the group with `!Ref`.',
    bad: 'ScaleDownAtNight:\n  Type: AWS::AutoScaling::ScheduledAction\n  Properties:\n    AutoScalingGroupName: !Ref WebGroup\n    MinSize: 1\n    MaxSize: 4\n    Recurrence: "0 0 22 * * ?"',
    good: 'ScaleDownAtNight:\n  Type: AWS::AutoScaling::ScheduledAction\n  Properties:\n    AutoScalingGroupName: !Ref WebGroup\n    MinSize: 2\n    MaxSize: 4\n    Recurrence: "0 22 * * *"',
  },
  checkDocument(ctx) {
    const floor = ctx.settings.minReplicasFloor;
    for (const r of ctx.resources) {
      const own = modelOf(r);
      // A scheduled action resource, or the schedules written inside an autoscaler (Azure profiles).
      const actions = own?.type === 'scheduled-action' ? [own] : own?.type === 'autoscaler' ? (own.schedules ?? []) : [];
      for (const action of actions) checkAction(ctx, r, action, floor);
    }
  },
});

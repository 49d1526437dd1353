import { reportChecked } from './helpers/fix-guard';
import { numberSetting } from '../settings';
import { defineRule, type Report } from './rule';
import { autoscalerOf } from '../sources/objects';
import { insertIntoMap, replaceNode } from '../fix';
import type { Fix } from '../types';

/**
 * The fix lowers the maximum to the ceiling. When the minimum is at or above the ceiling, that would
 * make max ≤ min: no unattended fix then (none at all when it would make max < min).
 */
function ceilingFix(key: string, ceiling: number, min: number | undefined, edits: Fix['edits']): Fix[] | undefined {
  if (edits.length === 0 || (min !== undefined && min > ceiling)) return undefined;
  return [{ title: `Set ${key} to ${ceiling}`, edits, safe: min === undefined || min < ceiling, preferred: true }];
}

function minNote(key: string, min: number | undefined, ceiling: number): string {
  if (min === undefined || min < ceiling) return '';
  return min === ceiling ? ` ${key} is ${min} too, so lowering the maximum leaves nothing to scale.` : ` ${key} (${min}) is above the ceiling as well: lower both.`;
}

export default defineRule({
  id: 'max-replicas-ceiling',
  defaultSeverity: 'warning',
  fixable: true,
  settings: {
    maxReplicasCeiling: numberSetting({ type: 'integer', minimum: 1, description: 'Cost ceiling for maximum replicas / MaxSize (max-replicas-ceiling). No default: the rule is silent until set.' }, undefined),
  },
  docs: {
    appliesTo: 'HPA `maxReplicas`, ScaledObject `maxReplicaCount` (KEDA default 100), ASG `MaxSize`; GCP autoscaler `max_replicas`; Azure autoscale setting `capacity.maximum`',
    summary: 'The maximum instance count is above the configured cost ceiling.',
    rationale:
      'In the workflow the maximum is the cost limit (“Maximum instances: 20 (cost limit)”), and the validation checklist asks that it prevent runaway costs. An autoscaler follows its metric without judgement: a retry storm, a leaking pod that never gets idle, or a load test against production drives it to the maximum, and the bill follows. The ceiling is a budget decision, so the rule has no default: it stays silent until `maxReplicasCeiling` is set. A ScaledObject without `maxReplicaCount` may scale to KEDA’s default of 100. A GCP autoscaler’s `max_replicas` and an Azure autoscale setting’s `capacity.maximum` (default profile) are the same cost limit.',
    remediation: 'Lower the maximum to the ceiling (or raise the ceiling after a capacity plan: required instances plus a safety buffer).',
    bad: '# .scalelint.yaml: maxReplicasCeiling: 20\nspec:\n  minReplicas: 2\n  maxReplicas: 100',
    good: '# .scalelint.yaml: maxReplicasCeiling: 20\nspec:\n  minReplicas: 2\n  maxReplicas: 20',
  },
  checkDocument(outer) {
    const reports: Report[] = [];
    const ctx = { ...outer, report: (r: Report) => void reports.push(r) };
    const ceiling = ctx.settings.maxReplicasCeiling;
    if (ceiling === undefined) return;
    for (const r of ctx.resources) {
      const a = autoscalerOf(r);
      const max = a?.bounds.max;
      if (!a || !max || max.value <= ceiling) continue;
      const min = a.bounds.min;
      const minName = min?.name ?? a.boundNames.min;
      const note = minNote(minName, min?.value, ceiling);
      if (max.explicit) {
        // A !Ref to a Parameter counts as its Default: that is where the change belongs, not here (no fix).
        const edits = max.fix?.kind === 'replace' ? replaceNode(max.fix.node, max.fix.quote ? `${max.fix.quote}${ceiling}${max.fix.quote}` : String(ceiling)) : [];
        ctx.report({
          resource: r,
          at: max.range,
          message: `${max.parameter !== undefined ? `${max.name} is ${max.value} (the Default of parameter ${max.parameter})` : `${max.name} is ${max.value}`}; the cost ceiling is ${ceiling}.${note}`,
          fixes: max.fix ? ceilingFix(max.name, ceiling, min?.value, edits) : undefined,
        });
      } else if (a.kind === 'ScaledObject' && max.fix?.kind === 'insert') {
        ctx.report({
          resource: r,
          at: a.home,
          message: `maxReplicaCount is not set, so KEDA may scale ${r.name || 'the workload'} to ${max.value}; the cost ceiling is ${ceiling}.${note}`,
          fixes: ceilingFix(max.name, ceiling, min?.value, insertIntoMap(ctx.text, max.fix.map, { [max.name]: ceiling }, { after: 'minReplicaCount' })),
        });
      }
    }
    reportChecked(outer, reports);
  },
});

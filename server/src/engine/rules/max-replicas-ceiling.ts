import { reportChecked } from './helpers/fix-guard';
import { isScalar, type Node } from 'yaml';
import { numberSetting } from '../settings';
import { defineRule, type Report } from './rule';
import { isAutoscaler, isScaledObject, replicaBounds } from '../model/kubernetes';
import { isAsg, propNumber } from '../model/cloudformation';
import { getPair, refName } from '../parse/values';
import { insertIntoMap, replaceNode } from '../fix';
import type { Fix } from '../types';

/** A number written where `node` is, in the same quoting (CloudFormation templates often quote numbers). */
function numberLike(node: Node, n: number): string {
  if (isScalar(node) && typeof node.value === 'string') return node.type === 'QUOTE_SINGLE' ? `'${n}'` : `"${n}"`;
  return String(n);
}

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
    appliesTo: 'HPA `maxReplicas`, ScaledObject `maxReplicaCount` (KEDA default 100), ASG `MaxSize`',
    summary: 'The maximum instance count is above the configured cost ceiling.',
    rationale:
      'In the workflow the maximum is the cost limit (“Maximum instances: 20 (cost limit)”), and the validation checklist asks that it prevent runaway costs. An autoscaler follows its metric without judgement: a retry storm, a leaking pod that never gets idle, or a load test against production drives it to the maximum, and the bill follows. The ceiling is a budget decision, so the rule has no default: it stays silent until `maxReplicasCeiling` is set. A ScaledObject without `maxReplicaCount` may scale to KEDA’s default of 100.',
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
      if (isAutoscaler(r)) {
        const { min, max } = replicaBounds(r);
        if (!max || max.value <= ceiling) continue;
        const minValue = min?.value;
        const minKey = min?.key ?? 'the minimum';
        if (max.node) {
          ctx.report({
            resource: r,
            at: max.node,
            message: `${max.key} is ${max.value}; the cost ceiling is ${ceiling}.${minNote(minKey, minValue, ceiling)}`,
            fixes: ceilingFix(max.key, ceiling, minValue, replaceNode(max.node, String(ceiling))),
          });
        } else if (isScaledObject(r) && max.parent) {
          ctx.report({
            resource: r,
            at: getPair(r.node, 'spec') ?? r.anchor,
            message: `maxReplicaCount is not set, so KEDA may scale ${r.name || 'the workload'} to ${max.value}; the cost ceiling is ${ceiling}.${minNote(minKey, minValue, ceiling)}`,
            fixes: ceilingFix(max.key, ceiling, minValue, insertIntoMap(ctx.text, max.parent, { [max.key]: ceiling }, { after: 'minReplicaCount' })),
          });
        }
      } else if (isAsg(r)) {
        const max = propNumber(r, 'MaxSize');
        if (!max || max.value <= ceiling || !max.pair.value) continue;
        const min = propNumber(r, 'MinSize')?.value;
        const valueNode = max.pair.value;
        // A !Ref to a Parameter counts as its Default: that is where the change belongs, not here.
        ctx.report({
          resource: r,
          at: valueNode,
          message: max.literal
            ? `MaxSize is ${max.value}; the cost ceiling is ${ceiling}.${minNote('MinSize', min, ceiling)}`
            : `MaxSize is ${max.value} (the Default of parameter ${refName(valueNode) ?? '?'}); the cost ceiling is ${ceiling}.${minNote('MinSize', min, ceiling)}`,
          fixes: max.literal ? ceilingFix('MaxSize', ceiling, min, replaceNode(valueNode, numberLike(valueNode, ceiling))) : undefined,
        });
      }
    }
    reportChecked(outer, reports);
  },
});

import { defineRule, type SetContext } from './rule';
import { isPdb, isWorkload, selectorMatches } from '../model/kubernetes';
import type { ModelValue } from '../model/scaling';
import type { Resource } from '../parse/document';
import { get, rangeOf } from '../parse/values';
import { budgetOf, workloadOf } from '../sources/objects';
import { workloadMinimum, type WorkloadMinimum } from './helpers/workload-minimum';
import type { Fix } from '../types';

/** An IntOrString budget value: a count, or a percentage of the selected pods. Undefined when unreadable. */
function budgetValue(v: ModelValue<number | string> | undefined): { count: number } | { percent: number } | undefined {
  const value = v?.value;
  if (typeof value === 'number') return Number.isInteger(value) && value >= 0 ? { count: value } : undefined;
  if (typeof value !== 'string') return undefined;
  const m = /^\s*(\d+(?:\.\d+)?)\s*%\s*$/.exec(value);
  return m ? { percent: Number(m[1]) } : undefined;
}

/** The workloads (Deployment/StatefulSet) a PodDisruptionBudget selects, in lint-set order. */
function selectedWorkloads(ctx: SetContext<any>, pdb: Resource): Resource[] {
  const selector = budgetOf(pdb)?.selector;
  if (!selector?.isMap) return []; // a null selector selects nothing
  const matchLabels = selector.matchLabels;
  if (matchLabels.size) return ctx.index.podOwnersSelectedBy(matchLabels, pdb).filter((w) => isWorkload(w) && selectorMatches(selector.node, ctx.index.podLabels(w)) === true);
  // policy/v1: an empty selector selects every pod of the namespace; policy/v1beta1: none.
  if (selector.empty && pdb.apiVersion !== 'policy/v1') return [];
  return ctx.index.workloadsNear(pdb).filter((w) => selector.empty || selectorMatches(selector.node, ctx.index.podLabels(w)) === true);
}

/** "the minimum 2 of Deployment web (minReplicas of HorizontalPodAutoscaler web)", or the sum over several workloads. */
function describeMinimum(found: { w: Resource; min: WorkloadMinimum }[], total: number): string {
  if (found.length === 1) return `the minimum ${total} of ${found[0].w.kind} ${found[0].w.name} (${found[0].min.source})`;
  return `the minimum ${total} of the pods it selects (${found.map(({ w, min }) => `${w.kind} ${w.name}: ${min.value}, ${min.source}`).join('; ')})`;
}

/** Replaces the whole `minAvailable: …` pair, or the value of `maxUnavailable: 0`, with `maxUnavailable: 1`. */
function replaceFix(text: string, v: ModelValue<number | string>, key: 'minAvailable' | 'maxUnavailable', other: boolean): Fix[] {
  const written = v.fix?.kind === 'text' ? v.fix : undefined;
  if (!v.key || !written || other) return [];
  const edit = key === 'maxUnavailable' ? { start: written.start, end: written.end, newText: '1' } : { start: v.key[0], end: written.end, newText: 'maxUnavailable: 1' };
  if (text.slice(edit.start, edit.end) === edit.newText) return [];
  return [{ title: key === 'maxUnavailable' ? 'Set maxUnavailable to 1' : `Replace minAvailable with maxUnavailable: 1`, edits: [edit], safe: false, preferred: true }];
}

/** Where to point at an object: its `metadata.name` value. */
function nameRange(r: Resource): [number, number] {
  return workloadOf(r)?.nameRange ?? rangeOf(get(r.node, 'metadata', 'name')) ?? r.anchor;
}

export default defineRule({
  id: 'pdb-blocks-drain',
  defaultSeverity: 'warning',
  fixable: true,
  docs: {
    appliesTo: 'PodDisruptionBudget × the Deployments/StatefulSets it selects (their minimum: the autoscaler’s minimum, else `replicas`)',
    summary: 'At the workload’s minimum the budget allows no eviction, so every node drain hangs.',
    rationale:
      'The workflow keeps at least two instances for high availability and wants scaling and maintenance to cause "no service disruption"; a PodDisruptionBudget is how Kubernetes keeps a drain from taking too many of them at once. But a budget that can never be met turns that protection into a blockade: the eviction API (which `kubectl drain`, cluster upgrades and the cluster autoscaler all use) refuses every eviction that would leave fewer than `minAvailable` pods, or more than `maxUnavailable` unavailable. With `maxUnavailable: 0` (or `0%`), or `minAvailable` at or above the number of pods the workload runs at its minimum, no pod can ever be evicted while the autoscaler sits at that minimum — which is every quiet night. The Kubernetes documentation says so of exactly these values ("a maxUnavailable of 0% or 0 or a minAvailable of 100% or equal to the number of replicas is permitted but can block nodes from being drained", kubernetes.io/docs/tasks/run-application/configure-pdb/). Node drains then wait forever, upgrades stall, and the cluster autoscaler never removes the node — the cost saving the workflow counts on. A percentage is applied to the pods the budget selects and rounded up, as the disruption controller does, so `minAvailable: 50%` of a single pod already means 1. The minimum is the one the workload really reaches: its HPA’s `minReplicas` (default 1) or ScaledObject’s `minReplicaCount` (a scale-to-zero workload still runs 1 pod while active), else its `replicas` (default 1); a budget selecting several workloads counts all their pods.',
    remediation:
      'Use `maxUnavailable: 1`: it allows one eviction at a time whatever the replica count, and never more than one while a replacement is not yet ready. Keep `minAvailable` only below the minimum (raise the autoscaler’s minimum if the service needs that many pods). The quick fix replaces the budget with `maxUnavailable: 1`; it is not applied by `--fix`, as a budget that blocks on purpose (a singleton that must never be evicted) is a decision to review.',
    bad: 'kind: PodDisruptionBudget\nspec:\n  minAvailable: 2   # the HPA of these pods has minReplicas: 2\n  selector: {matchLabels: {app: web}}',
    good: 'kind: PodDisruptionBudget\nspec:\n  maxUnavailable: 1\n  selector: {matchLabels: {app: web}}',
  },
  crossDocument: {
    subjects: isPdb,
    check(ctx, pdb) {
      const budget = budgetOf(pdb);
      const maxPair = budget?.maxUnavailable;
      const minPair = budget?.minAvailable;
      const maxValue = budgetValue(maxPair);
      const minValue = budgetValue(minPair);
      if (!maxValue && !minValue) return;
      const workloads = selectedWorkloads(ctx, pdb);
      if (!workloads.length) return; // nothing it selects is in the lint set: nothing to judge against
      const found: { w: Resource; min: WorkloadMinimum }[] = [];
      for (const w of workloads) {
        const min = workloadMinimum(ctx, w);
        if (!min) return; // a minimum we cannot read: no opinion about the total
        found.push({ w, min });
      }
      const total = found.reduce((sum, f) => sum + f.min.value, 0);
      const related = found.map(({ w, min }) => ({
        resource: min.autoscaler ?? w,
        at: nameRange(min.autoscaler ?? w),
        message: `${w.kind} ${w.name} runs at least ${min.value} pod${min.value === 1 ? '' : 's'} (${min.source})`,
      }));
      const what = describeMinimum(found, total);
      if (maxPair && maxValue && ('count' in maxValue ? maxValue.count === 0 : maxValue.percent === 0)) {
        const written = 'count' in maxValue ? '0' : `${maxValue.percent}%`;
        ctx.report({
          resource: pdb,
          at: maxPair.range,
          message: `maxUnavailable is ${written}: no pod this budget selects may ever be evicted (${what}), so every node drain hangs. Use maxUnavailable: 1.`,
          fixes: replaceFix(pdb.chunk.text, maxPair, 'maxUnavailable', !!minPair),
          related,
        });
        return;
      }
      if (!minPair || !minValue) return;
      const needed = 'count' in minValue ? minValue.count : Math.ceil((minValue.percent * total) / 100);
      if (needed < total) return;
      const written = 'count' in minValue ? String(minValue.count) : `${minValue.percent}%`;
      const head =
        'count' in minValue
          ? `minAvailable ${written} ${needed === total ? 'equals' : 'is above'} ${what}`
          : `minAvailable ${written} of ${what} rounds up to ${needed} pod${needed === 1 ? '' : 's'}`;
      ctx.report({
        resource: pdb,
        at: minPair.range,
        message: `${head}: at the minimum no pod may be evicted, so every node drain hangs. Use maxUnavailable: 1.`,
        fixes: replaceFix(pdb.chunk.text, minPair, 'minAvailable', !!maxPair),
        related,
      });
    },
  },
});

import { defineRule, type SetContext } from './rule';
import { isWorkload, selectorMatches } from '../model/kubernetes';
import { autoscalerOf, budgetOf, workloadOf } from '../sources/objects';
import { indentUnit, yamlScalar } from '../fix';
import type { Resource } from '../parse/document';
import type { Fix } from '../types';

/** Whether a PodDisruptionBudget's selector selects pods with these labels. */
function pdbSelects(pdb: Resource, labels: Map<string, string>): boolean {
  const selector = budgetOf(pdb)?.selector;
  const matched = selectorMatches(selector?.node, labels);
  if (matched !== undefined) return matched;
  // policy/v1: an empty selector `{}` selects every pod of the namespace; policy/v1beta1: none. A null selector selects none.
  return !!selector?.empty && pdb.apiVersion === 'policy/v1';
}

type Minimum = { value: number; source: string; autoscaled?: boolean } | undefined;

/** The autoscalers' minimum, per list of autoscalers (`autoscalersOf` hands one list to every workload they scale). */
const minimumBy = new WeakMap<readonly Resource[], Minimum>();

/** The workload's guaranteed minimum and where it comes from. */
function minimumOf(w: Resource, by: readonly Resource[]): Minimum {
  if (by.length) {
    if (minimumBy.has(by)) return minimumBy.get(by);
    const min = autoscaledMinimum(by);
    minimumBy.set(by, min);
    return min;
  }
  const replicas = workloadOf(w)?.replicasWritten;
  if (!replicas) return { value: 1, source: 'default spec.replicas' };
  return replicas.value === undefined ? undefined : { value: replicas.value, source: 'spec.replicas' };
}

function autoscaledMinimum(by: readonly Resource[]): Minimum {
  let best: { value: number; source: string; autoscaled: boolean } | undefined;
  for (const a of by) {
    const scaler = autoscalerOf(a);
    const min = scaler?.bounds.min;
    if (!scaler || !min) return undefined; // unreadable minimum: no opinion
    const source = `${min.explicit ? '' : 'default '}${scaler.boundNames.min} of ${a.kind} ${a.name || '(unnamed)'}`;
    if (!best || min.value < best.value) best = { value: min.value, source, autoscaled: true };
  }
  return best;
}

/** `---` and a policy/v1 PDB for the workload, appended to the end of its document; no fix when its selector is not plain matchLabels. */
function addPdbFix(w: Resource, taken: (name: string) => boolean): Fix[] {
  const workload = workloadOf(w);
  const selector = workload?.selector;
  if (selector?.hasMatchExpressions) return [];
  // Without a selector (apps/v1beta1, extensions/v1beta1), the workload selects its pod template's labels.
  const matchLabels = selector ? selector.matchLabels : (workload?.podLabels ?? new Map<string, string>());
  if (!matchLabels.size || !w.name) return [];
  let name = `${w.name}-pdb`;
  for (let i = 2; taken(name); i++) name = `${w.name}-pdb-${i}`;
  const text = w.chunk.text;
  const nl = text.includes('\r\n') ? '\r\n' : '\n';
  const u = ' '.repeat(indentUnit(text));
  const lines = [
    '---',
    'apiVersion: policy/v1',
    'kind: PodDisruptionBudget',
    'metadata:',
    `${u}name: ${yamlScalar(name)}`,
    ...(w.namespace !== undefined ? [`${u}namespace: ${yamlScalar(w.namespace)}`] : []),
    'spec:',
    `${u}maxUnavailable: 1`,
    `${u}selector:`,
    `${u}${u}matchLabels:`,
    ...[...matchLabels].map(([k, v]) => `${u}${u}${u}${yamlScalar(k)}: ${yamlScalar(v)}`),
  ];
  const endsWithNewline = text.endsWith('\n');
  const newText = (endsWithNewline ? '' : nl) + lines.join(nl) + nl;
  return [{ title: `Add a PodDisruptionBudget ${name} (maxUnavailable: 1) for ${w.kind} ${w.name}`, edits: [{ start: text.length, end: text.length, newText }], safe: false }];
}

export default defineRule({
  id: 'pdb-coverage',
  defaultSeverity: 'info',
  fixable: true,
  docs: {
    appliesTo: 'Deployment/StatefulSet whose minimum is ≥ 2 (its autoscaler’s minimum when one targets it, else `replicas`)',
    summary: 'No PodDisruptionBudget in the lint set selects the pods of a workload that runs several replicas.',
    rationale:
      'The workflow runs at least two instances for high availability and asks for "no service disruption during scaling". Replicas protect against a crash, not against voluntary disruptions: a node drain, a cluster upgrade or the cluster autoscaler removing an under-used node (the cost optimisation the workflow recommends) evicts pods without looking at how many of a workload are still serving. Without a PodDisruptionBudget, all replicas of a workload that happen to share a node pool can be evicted within seconds of each other. With a PDB such as `maxUnavailable: 1`, the eviction API refuses to take a second pod while one is unavailable, so a drain moves the workload one pod at a time, each waiting for its replacement to be ready. As SPEC §1 asks of every cross-document rule, it stays silent while the lint set holds no PodDisruptionBudget at all (the budgets may live in another repository or be applied by the platform team); once one PDB is in the set, every workload it leaves uncovered is reported.',
    remediation:
      'Add a `policy/v1` PodDisruptionBudget whose selector matches the workload’s pod labels, with `maxUnavailable: 1` (it scales with the replica count and never blocks a drain while all pods are healthy), or `minAvailable` below the minimum. The quick fix appends such a PDB as a new document after the workload, using its `selector.matchLabels`; it is not applied by `--fix`, as adding an object to the cluster is a decision to review.',
    bad: 'kind: Deployment\nmetadata: {name: web}\nspec:\n  replicas: 3\n  selector: {matchLabels: {app: web}}',
    good: 'kind: Deployment\nmetadata: {name: web}\nspec:\n  replicas: 3\n  selector: {matchLabels: {app: web}}\n---\napiVersion: policy/v1\nkind: PodDisruptionBudget\nmetadata: {name: web-pdb}\nspec:\n  maxUnavailable: 1\n  selector: {matchLabels: {app: web}}',
  },
  crossDocument: {
    subjects: isWorkload,
    check(ctx: SetContext, w: Resource) {
      if (!ctx.index.anyPdb()) return; // SPEC §1: silent when the lint set holds nothing to match against
      const min = minimumOf(w, ctx.index.autoscalersOf(w));
      if (!min || min.value < 2) return;
      const labels = workloadOf(w)?.podLabels ?? new Map<string, string>();
      if (ctx.index.pdbCandidates(labels, w).some((p) => pdbSelects(p, labels))) return;
      ctx.report({
        resource: w,
        at: workloadOf(w)?.nameRange ?? w.anchor,
        message: `${w.kind} ${w.name} runs ${min.autoscaled ? 'at least ' : ''}${min.value} pods (${min.source}), but no PodDisruptionBudget selects them: a node drain or cluster upgrade can evict them all at once.`,
        fixes: addPdbFix(w, (name) => ctx.index.pdbNamed(name, w)),
      });
    },
  },
});

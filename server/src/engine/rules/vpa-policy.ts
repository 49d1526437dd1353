import { defineRule } from './rule';
import { parseQuantity } from '../model/kubernetes';
import { ACTIVE_UPDATE_MODES, isVpa } from '../model/vpa';
import type { Resource } from '../parse/document';
import { get } from '../parse/values';
import { yamlScalar } from '../fix';
import { verticalAutoscalerOf } from '../sources/objects';
import { setValue } from './helpers/set-value';
import { workloadMinimum } from './helpers/workload-minimum';
import type { Fix } from '../types';
import { namespaceOf } from '../lint-set/resource-index';

/** The kinds the lint set indexes as workloads. */
const WORKLOAD_KINDS = new Set(['Deployment', 'StatefulSet']);

/** How far a name may be from a candidate to count as a typo of it: 1 for short names, up to 3. */
const maxDistance = (name: string) => Math.min(3, Math.max(1, Math.floor(name.length / 3)));

export default defineRule({
  id: 'vpa-policy',
  defaultSeverity: 'error',
  fixable: true,
  docs: {
    appliesTo: 'VerticalPodAutoscaler (autoscaling.k8s.io/v1) × the workload its `targetRef` names',
    summary: 'A VPA whose bounds contradict each other, whose updates evict a workload’s only pod, or whose target does not exist.',
    rationale:
      'The workflow reaches for vertical scaling (bigger pods) where horizontal scaling does not fit, and warns that it "may require downtime": a VerticalPodAutoscaler applies a new recommendation to a running pod by evicting it (`Recreate`, and `Auto`, the default, which currently means the same) or by resizing it in place when the node allows and evicting otherwise (`InPlaceOrRecreate`) (kubernetes/autoscaler, vertical-pod-autoscaler docs: quickstart, update modes). Three mistakes make that go wrong. `minAllowed` above `maxAllowed` for a resource of a container policy leaves the recommender no value that satisfies both, so one bound is silently ignored. A workload whose minimum is one pod (its HPA’s `minReplicas`, else `replicas`) has nothing to serve while that pod is replaced: the VPA updater leaves groups below its `--min-replicas` (default 2) alone, so the recommendation never reaches the running pod, and where `updatePolicy.minReplicas: 1` (or the cluster’s flag) allows it, every update is an outage — the single point of failure the workflow’s HA floor of two exists to avoid. And a `targetRef` naming a workload that is not there makes the VPA do nothing, with only a condition on the object to tell. The target check needs the namespace’s workloads in the lint set and stays silent otherwise, as `hpa-target-exists` does.',
    remediation:
      'Keep `minAllowed` at or below `maxAllowed` for each resource. Give a workload updated by its VPA at least two replicas (or an HPA minimum of two, with the VPA off cpu/memory: see autoscaler-conflict), or use `updateMode: Initial` (requests set when pods are created) or `Off` (recommendations only). Point `targetRef` at the workload’s exact kind and name; the quick fix renames it to the nearest existing name (applied by `--fix` only when there is exactly one).',
    bad: 'kind: VerticalPodAutoscaler\nspec:\n  targetRef: {apiVersion: apps/v1, kind: Deployment, name: web}   # replicas: 1\n  resourcePolicy:\n    containerPolicies:\n      - containerName: "*"\n        minAllowed: {cpu: "2"}\n        maxAllowed: {cpu: 500m}',
    good: 'kind: VerticalPodAutoscaler\nspec:\n  targetRef: {apiVersion: apps/v1, kind: Deployment, name: web}   # replicas: 3\n  updatePolicy: {updateMode: Recreate}\n  resourcePolicy:\n    containerPolicies:\n      - containerName: "*"\n        minAllowed: {cpu: 250m}\n        maxAllowed: {cpu: "2"}',
  },
  checkDocument(ctx) {
    for (const r of ctx.resources) {
      if (!isVpa(r)) continue;
      for (const p of verticalAutoscalerOf(r)?.policies ?? []) {
        for (const { resource, text: minText, range } of p.minAllowed) {
          const maxText = p.maxAllowed.get(resource);
          const min = parseQuantity(minText);
          const max = parseQuantity(maxText);
          if (min === undefined || max === undefined || min <= max) continue;
          ctx.report({
            resource: r,
            at: range,
            message: `minAllowed ${resource} ${minText} is above maxAllowed ${resource} ${maxText} (containerName ${p.containerName}): no recommendation satisfies both, so one bound is ignored. Keep minAllowed at or below maxAllowed.`,
          });
        }
      }
    }
  },
  crossDocument: {
    subjects: isVpa,
    check(ctx, vpa: Resource) {
      const v = verticalAutoscalerOf(vpa);
      const t = v?.target;
      if (!v || !t || !WORKLOAD_KINDS.has(t.kind)) return; // kinds the lint set cannot see (DaemonSet, CronJob, custom resources)
      const workloads = ctx.index.workloadsNamed(t.kind, t.name, vpa);
      if (!workloads.length) {
        if (!ctx.index.hasWorkloadsNear(vpa)) return;
        const near = t.name.length <= 253 ? ctx.index.workloadNamesWithin(t.kind, vpa, t.name, maxDistance(t.name)) : [];
        const best = Math.min(...near.map((n) => n.distance));
        const nearest = near.filter((n) => n.distance === best).map((n) => n.name).sort();
        if (!nearest.length && !ctx.index.hasWorkloadsNearInOwnFile(vpa)) return; // most likely defined outside the lint set
        const where = `namespace ${namespaceOf(vpa)}`;
        const fixes: Fix[] = t.nameFix
          ? nearest.map((n) => ({ title: `Change the target to ${t.kind} ${n}`, edits: setValue(vpa.chunk.text, t.nameFix, yamlScalar(n)), safe: nearest.length === 1, preferred: nearest.length === 1 }))
          : [];
        ctx.report({
          resource: vpa,
          at: t.range,
          severity: 'warning',
          message: `targetRef names ${t.kind} ${t.name}, which is not in ${where} in the lint set, so this VPA does nothing.${nearest.length ? ` Did you mean ${nearest.join(' or ')}?` : ''}`,
          fixes,
        });
        return;
      }
      const mode = v.updateMode;
      if (!mode || !ACTIVE_UPDATE_MODES.has(mode.value)) return;
      const min = workloadMinimum(ctx, workloads[0]);
      if (!min || min.value >= 2) return;
      const evicts = v.minReplicas === 1;
      const modeText = mode.explicit ? `updateMode is ${mode.value}` : 'updateMode is not set, so Auto';
      ctx.report({
        resource: vpa,
        at: mode.explicit ? mode.range : t.range,
        severity: 'warning',
        message: evicts
          ? `${modeText} and updatePolicy.minReplicas is 1, but ${t.kind} ${t.name} runs 1 pod at its minimum (${min.source}): each update evicts its only pod. Run at least 2 replicas, or use updateMode Initial.`
          : `${modeText}, but ${t.kind} ${t.name} runs 1 pod at its minimum (${min.source}): the VPA updater leaves groups below its --min-replicas (default 2) alone, so running pods never get the recommendation, and where it is allowed each update evicts the only pod. Run at least 2 replicas, or use updateMode Initial.`,
        related: min.autoscaler ? [{ resource: min.autoscaler, at: get(min.autoscaler.node, 'metadata', 'name') ?? min.autoscaler.anchor, message: `${min.autoscaler.kind} ${min.autoscaler.name} sets the minimum of ${t.kind} ${t.name}` }] : undefined,
      });
    },
  },
});

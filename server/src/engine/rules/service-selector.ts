import type { Node } from 'yaml';
import type { LintSetIndex } from '../lint-set/resource-index';
import { defineRule, type SetContext } from './rule';
import { nameInNamespaceOf, namespaceOf } from '../lint-set/resource-index';
import { isService, isWorkload, podTemplateOf } from '../model/kubernetes';
import { get, getPair, seqItems, str, stringMap } from '../parse/values';
import type { Resource } from '../parse/document';

/** A Service's `spec.selector` as a label map; empty when it has none (ExternalName, manual Endpoints). */
export function serviceSelector(s: Resource): Map<string, string> {
  if (str(get(s.node, 'spec', 'type')) === 'ExternalName') return new Map();
  return stringMap(get(s.node, 'spec', 'selector'));
}

export { podTemplateOf };

/** Objects of the lint set whose pods a Service selects (any kind with a pod template, same namespace). */
export function selectedPodOwners(s: Resource, index: LintSetIndex, selector: Map<string, string>): Resource[] {
  return index.podOwnersSelectedBy(selector, s);
}

export function formatLabels(labels: Map<string, string>): string {
  return [...labels].map(([k, v]) => `${k}=${v}`).join(', ');
}

export default defineRule({
  id: 'service-selector',
  defaultSeverity: 'warning',
  fixable: false,
  docs: {
    appliesTo: 'Service with a `spec.selector`',
    summary: 'A Service’s selector matches the pod labels of no workload in its namespace.',
    rationale:
      'The load balancer is what turns more instances into more capacity (the workflow’s load-balancing step: "essential for horizontal scaling"). A Service selects its endpoints by label: when its selector matches no pod (a typo, a label renamed in the Deployment but not in the Service, one label too many), the Service has no endpoints, and every request fails while the autoscaler happily scales pods that receive nothing. The check needs the workloads of the namespace in the lint set: it stays silent when the lint set holds no Deployment or StatefulSet there, and for Services without a selector (ExternalName, manually managed Endpoints). Pods of other kinds in the lint set (DaemonSet, Job, CronJob, Pod, ReplicaSet, Rollout) count as matches.',
    remediation: 'Make every `key: value` of `spec.selector` appear in the pod template’s `metadata.labels` of the workload the Service fronts (a selector needs all its labels to match).',
    bad: 'kind: Service\nspec:\n  selector: {app: web, tier: frontend}\n---\nkind: Deployment\nspec:\n  template:\n    metadata:\n      labels: {app: web}',
    good: 'kind: Service\nspec:\n  selector: {app: web}\n---\nkind: Deployment\nspec:\n  template:\n    metadata:\n      labels: {app: web}',
  },
  crossDocument: {
    subjects: isService,
    check(ctx: SetContext, s: Resource) {
      const selector = serviceSelector(s);
      if (!selector.size) return;
      if (!ctx.index.hasWorkloadsNear(s)) return;
      if (selectedPodOwners(s, ctx.index, selector).length) return;
      // Rare (a selector matches nothing): the namespace's workloads are worth a broad lookup here.
      const near = ctx.index.workloadsNear(s);
      const where = `namespace ${namespaceOf(s)}`;
      // The workloads that share a label key with the selector are the likely intended targets.
      const keys = [...selector.keys()];
      const close: Resource[] = [];
      for (const w of near) {
        if (close.length === 3) break;
        if (isWorkload(w) && keys.some((k) => podLabelsOf(w).has(k))) close.push(w);
      }
      const hint = close.length ? ` Pod labels there: ${close.map((w) => `${nameInNamespaceOf(w, s)} (${formatLabels(podLabelsOf(w))})`).join('; ')}.` : '';
      ctx.report({
        resource: s,
        at: getPair(get(s.node, 'spec'), 'selector') ?? s.anchor,
        message: `Service ${s.name} selects ${formatLabels(selector)}, which matches the pod labels of no Deployment or StatefulSet in ${where} in the lint set: it has no endpoints.${hint}`,
        related: close.map((w) => ({ resource: w, at: get(w.node, 'spec', 'template', 'metadata', 'labels') ?? w.anchor, message: `pod labels of ${w.kind} ${w.name}: ${formatLabels(podLabelsOf(w))}` })),
      });
    },
  },
});

function podLabelsOf(w: Resource): Map<string, string> {
  return stringMap(podTemplateOf(w)?.labels);
}

/** Container `ports` of a pod spec, as [containerPort, name] entries. */
export function declaredPorts(podSpec: Node | undefined): { number?: number; name?: string; container: string }[] {
  const out: { number?: number; name?: string; container: string }[] = [];
  for (const key of ['containers', 'initContainers']) {
    for (const c of seqItems(get(podSpec, key))) {
      // Init containers only serve when they are sidecars (restartPolicy: Always).
      if (key === 'initContainers' && str(get(c, 'restartPolicy')) !== 'Always') continue;
      const container = str(get(c, 'name')) ?? '';
      for (const p of seqItems(get(c, 'ports'))) {
        const n = get(p, 'containerPort');
        const number = n !== undefined ? Number(str(n)) : undefined;
        out.push({ number: number !== undefined && Number.isInteger(number) ? number : undefined, name: str(get(p, 'name')), container });
      }
    }
  }
  return out;
}

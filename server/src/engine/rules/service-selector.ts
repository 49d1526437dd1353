import { defineRule, type SetContext } from './rule';
import { nameInNamespaceOf, namespaceOf } from '../lint-set/resource-index';
import { isService, isWorkload } from '../model/kubernetes';
import type { ContainerPort } from '../model/kubernetes-facts';
import { podOf, serviceOf } from '../sources/objects';
import type { Resource } from '../parse/document';

/** A Service's `spec.selector` as a label map; empty when it has none (ExternalName, manual Endpoints). */
export function serviceSelector(s: Resource): Map<string, string> {
  return serviceOf(s)?.selector ?? new Map();
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
      if (ctx.index.podOwnersSelectedBy(selector, s).length) return;
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
        at: serviceOf(s)?.selectorKey ?? s.anchor,
        message: `Service ${s.name} selects ${formatLabels(selector)}, which matches the pod labels of no Deployment or StatefulSet in ${where} in the lint set: it has no endpoints.${hint}`,
        related: close.map((w) => ({ resource: w, at: podOf(w)?.labelsRange ?? w.anchor, message: `pod labels of ${w.kind} ${w.name}: ${formatLabels(podLabelsOf(w))}` })),
      });
    },
  },
});

function podLabelsOf(w: Resource): Map<string, string> {
  return podOf(w)?.labels ?? new Map();
}

/** The ports a pod owner's containers declare, with their container: `containers`, and init containers that are sidecars (restartPolicy Always). */
export function declaredPorts(owner: Resource): (Pick<ContainerPort, 'name'> & { number?: number; container: string })[] {
  const pod = podOf(owner);
  if (!pod) return [];
  const serving = [...pod.containers, ...pod.initContainers.filter((c) => c.restartPolicy === 'Always')];
  return serving.flatMap((c) =>
    c.ports.map((p) => {
      // containerPort as the API reads it: any text that is a whole number.
      const number = p.numberText !== undefined ? Number(p.numberText) : undefined;
      return { number: number !== undefined && Number.isInteger(number) ? number : undefined, name: p.name, container: c.name };
    }),
  );
}

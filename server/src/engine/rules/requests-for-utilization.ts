import { defineRule, type SetContext } from './rule';
import { containers, isAutoscaler, utilizationMetrics } from '../model/kubernetes';
import type { Resource } from '../parse/document';
import { hasRequest } from './container-resources';

export default defineRule({
  id: 'requests-for-utilization',
  defaultSeverity: 'error',
  fixable: false,
  docs: {
    appliesTo: 'HPA/ScaledObject × its scale target in the lint set',
    summary: 'An autoscaler targets a resource utilization while a container of its target requests none of that resource.',
    rationale:
      'A Utilization target is a percentage of the pods’ requests: the HPA divides the measured usage by the sum of the containers’ `requests`. When one container of the target (a sidecar counts) has no request for that resource, the HPA cannot compute the ratio, reports `FailedGetResourceMetric: missing request for cpu`, and does not scale on that metric (with no other metric, not at all): the autoscaling the workflow builds silently does nothing, and the first traffic spike meets the minimum replica count. This is the workflow’s "Auto-scaling not triggering" case, whose last check is "verify resource requests are set". A `ContainerResource` metric (or a KEDA trigger with `containerName`) only needs the request on the container it names. A limit without a request counts as a request: the API server copies it. The rule is silent when the target is not in the lint set.',
    remediation: 'Set `resources.requests.<resource>` on every container of the target (or switch to a `ContainerResource` metric on the container that matters, or to an `AverageValue` target).',
    bad: 'metrics:\n  - type: Resource\n    resource:\n      name: cpu\n      target: {type: Utilization, averageUtilization: 70}\n# …while the target’s container has no resources.requests.cpu',
    good: 'containers:\n  - name: web\n    resources:\n      requests: {cpu: 250m, memory: 256Mi}',
  },
  crossDocument: {
    subjects: isAutoscaler,
    check(ctx: SetContext, a: Resource) {
      const metrics = utilizationMetrics(a);
      if (!metrics.length) return;
      for (const w of ctx.index.targetsOf(a)) {
        const all = ctx.index.cached(w, 'containers', containers);
        for (const m of metrics) {
          // Per workload and resource, once: many autoscalers may target one workload.
          const without = ctx.index.cached(w, `without-request:${m.resource}`, () => all.filter((c) => !hasRequest(c.node, m.resource)));
          const lacking = m.container !== undefined ? without.filter((c) => c.name === m.container) : without;
          if (!lacking.length) continue;
          const names = lacking.map((c) => c.name || '(unnamed)');
          const which = m.container !== undefined
            ? `container ${names[0]} (named by the metric) sets no requests.${m.resource}`
            : `${lacking.length === 1 ? 'container' : 'containers'} ${names.join(', ')} ${lacking.length === 1 ? 'sets' : 'set'} no requests.${m.resource}`;
          ctx.report({
            resource: a,
            at: m.node,
            message: `${m.resource} Utilization${m.utilization !== undefined ? ` target ${m.utilization}%` : ''} is a percentage of requests.${m.resource}, but ${which} in ${w.kind} ${w.name}: the HPA cannot compute this metric (missing request), so it does not scale on ${m.resource}.`,
            related: lacking.map((c) => ({
              resource: w,
              at: c.anchor,
              message: `container ${c.name || '(unnamed)'} sets no requests.${m.resource} (nor limits.${m.resource})`,
            })),
          });
        }
      }
    },
  },
});

import { defineRule, type DocumentContext } from './rule';
import { isWorkload } from '../model/kubernetes';
import type { ModelValue } from '../model/scaling';
import { workloadOf } from '../sources/objects';

const PROBES = ['startupProbe', 'readinessProbe', 'livenessProbe'] as const;

function describe(t: ModelValue<number>): string {
  return t.explicit ? `${t.name} is ${t.value}` : `${t.name} is not set (default ${t.value})`;
}

export default defineRule({
  id: 'probe-timing',
  defaultSeverity: 'warning',
  fixable: false,
  docs: {
    appliesTo: 'startup, readiness and liveness probes of the (init) containers of Deployment/StatefulSet',
    summary: 'A probe’s timeoutSeconds is not shorter than its periodSeconds.',
    rationale:
      'The workflow’s health check waits 5 s for an answer every 30 s: the timeout is a fraction of the interval, so that checks run on schedule and an unhealthy instance is detected within `UnhealthyThreshold` intervals. The kubelet runs a container’s probe checks one after another: when `timeoutSeconds` reaches `periodSeconds` (Kubernetes defaults: 1 s and 10 s), a hanging endpoint holds each check for the whole timeout, checks fall behind their schedule, and a stuck pod is taken out of rotation (or restarted) only after `failureThreshold` × `timeoutSeconds`, not the `failureThreshold` × `periodSeconds` the manifest suggests. Meanwhile it keeps receiving traffic and counting toward the capacity the autoscaler planned with. The setting usually comes from raising the timeout for a slow endpoint and forgetting the period.',
    remediation: 'Keep `timeoutSeconds` well below `periodSeconds` (a timeout of a few seconds, a period several times longer), or make the endpoint answer faster.',
    bad: 'readinessProbe:\n  httpGet: {path: /readyz, port: http}\n  periodSeconds: 5\n  timeoutSeconds: 10',
    good: 'readinessProbe:\n  httpGet: {path: /readyz, port: http}\n  periodSeconds: 10\n  timeoutSeconds: 2',
  },
  checkDocument(ctx: DocumentContext) {
    for (const r of ctx.resources) {
      if (!isWorkload(r)) continue;
      const pod = workloadOf(r)?.pod;
      for (const c of [...(pod?.initContainers ?? []), ...(pod?.containers ?? [])]) {
        for (const key of PROBES) {
          const probe = c.probes[key];
          // A timing written but not a number is the schema rule's (the model leaves it undefined).
          const { timeoutSeconds: timeout, periodSeconds: period } = probe ?? {};
          if (!timeout || !period || timeout.value < period.value) continue;
          // The timeout when written, else the period when written, else the probe.
          const at = timeout.explicit ? timeout.range : period.range;
          ctx.report({
            resource: r,
            at,
            message: `${key}${c.name ? ` of container ${c.name}` : ''}: ${describe(timeout)} and ${describe(period)}; the timeout must be shorter than the period.`,
          });
        }
      }
    }
  },
});

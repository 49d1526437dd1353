import { defineRule, type SetContext } from './rule';
import { isService, isWorkload } from '../model/kubernetes';
import { podOf, serviceOf } from '../sources/objects';
import { declaredPorts, serviceSelector } from './service-selector';
import type { Resource } from '../parse/document';

/**
 * Numeric ports the containers' probes use (httpGet, tcpSocket, grpc of readiness, liveness and startup
 * probes): the kubelet reaches the application there, so the pods serve them whether or not `ports` declares
 * them (containerPort is informational in Kubernetes).
 */
export function probedPorts(owner: Resource): number[] {
  const out: number[] = [];
  for (const c of podOf(owner)?.containers ?? []) {
    for (const key of ['readinessProbe', 'livenessProbe', 'startupProbe'] as const) out.push(...(c.probes[key]?.ports ?? []));
  }
  return out;
}

/**
 * The ports a list of pod owners declares and probes, per list (`podOwnersSelectedBy` hands the same list to
 * every Service with that selector while the set is unchanged: many copies of an app, hundreds of owners each).
 */
const portsOf = new WeakMap<readonly Resource[], { declared: ReturnType<typeof declaredPorts>; probed: number[] }>();

function ports(ctx: SetContext, owners: readonly Resource[]) {
  let p = portsOf.get(owners);
  if (!p) {
    // Per owner, once: many Services may select one workload's pods.
    p = {
      declared: owners.flatMap((o) => ctx.index.cached(o, 'declared-ports', declaredPorts)),
      probed: owners.flatMap((o) => ctx.index.cached(o, 'probed-ports', probedPorts)),
    };
    portsOf.set(owners, p);
  }
  return p;
}

export default defineRule({
  id: 'service-target-port',
  defaultSeverity: 'warning',
  fixable: false,
  docs: {
    appliesTo: 'Service ports × the workloads the Service selects in the lint set',
    summary: 'A Service port’s targetPort matches no container port of the pods it selects.',
    rationale:
      'The workflow’s Service sends port 80 to `targetPort: 8080`, the port the application listens on. When `targetPort` names a port that no selected container declares (a port name that was renamed, or a number copied from another service), the load balancer forwards to nothing: a named targetPort that no container declares leaves the Service without endpoints, and a wrong number makes every connection fail, however many replicas the autoscaler adds. `targetPort` defaults to `port`. A numeric targetPort is only checked when the selected containers declare ports at all, since a container may listen on a port it does not declare, and a port the containers’ probes use (httpGet, tcpSocket or grpc) counts as served: the kubelet reaches the application there, and `containerPort` is informational in Kubernetes. The rule is silent when no selected workload is in the lint set.',
    remediation: 'Set `targetPort` to the `containerPort` (or, better, the port `name`) the selected containers declare, and declare the ports the application listens on.',
    bad: 'kind: Service\nspec:\n  selector: {app: web}\n  ports:\n    - port: 80\n      targetPort: http-web   # the container port is named http',
    good: 'kind: Service\nspec:\n  selector: {app: web}\n  ports:\n    - port: 80\n      targetPort: http',
  },
  crossDocument: {
    subjects: isService,
    check(ctx: SetContext, s: Resource) {
      const selector = serviceSelector(s);
      if (!selector.size) return;
      const owners = ctx.index.podOwnersSelectedBy(selector, s);
      if (!owners.some(isWorkload)) return;
      const { declared, probed } = ports(ctx, owners);
      for (const p of serviceOf(s)?.ports ?? []) {
        const t = p.targetPort;
        if (!t) continue;
        const name = typeof t.value === 'string' ? t.value : undefined;
        const number = typeof t.value === 'number' ? t.value : undefined;
        if (name !== undefined ? declared.some((d) => d.name === name) : declared.some((d) => d.number === number)) continue;
        if (number !== undefined && probed.includes(number)) continue; // the probes reach the application there
        if (number !== undefined && declared.length === 0) continue; // nothing declared: the container may still listen there
        const available = declared.map((d) => (d.name ? `${d.number ?? '?'} (${d.name})` : `${d.number ?? '?'}`));
        const unique = [...new Set(available)];
        const owner = owners.filter(isWorkload).map((o) => `${o.kind} ${o.name}`).join(', ');
        const what = t.explicit ? `targetPort ${t.value}` : `targetPort (not set, so port ${t.value})`;
        const label = p.name ? `port ${p.name} (${p.port})` : `port ${p.port}`;
        ctx.report({
          resource: s,
          at: t.range,
          message: `${label}: ${what} matches no ${name !== undefined ? 'container port name' : 'containerPort'} of the selected pods (${owner}); they declare ${unique.length ? unique.join(', ') : 'no ports'}.`,
          related: owners.filter(isWorkload).map((o) => ({
            resource: o,
            at: podOf(o)?.containersKey ?? o.anchor,
            message: `containers of ${o.kind} ${o.name}`,
          })),
        });
      }
    },
  },
});

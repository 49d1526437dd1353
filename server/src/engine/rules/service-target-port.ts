import { isScalar, type Node } from 'yaml';
import { defineRule, type SetContext } from './rule';
import { isService, isWorkload } from '../model/kubernetes';
import { get, getPair, int, seqItems, str } from '../parse/values';
import { declaredPorts, podTemplateOf, selectedPodOwners, serviceSelector } from './service-selector';
import type { Resource } from '../parse/document';

/** `targetPort` as written: a number (numeric strings too), a port name, or the `port` it defaults to. */
function targetOf(p: Node): { number?: number; name?: string; node?: Node; explicit: boolean } | undefined {
  const pair = getPair(p, 'targetPort');
  if (!pair || pair.value === null || (isScalar(pair.value) && pair.value.value === null)) {
    const port = int(get(p, 'port'));
    return port === undefined ? undefined : { number: port, node: get(p, 'port'), explicit: false };
  }
  const number = int(pair.value);
  if (number !== undefined) return { number, node: pair.value, explicit: true };
  const name = str(pair.value);
  return name === undefined ? undefined : { name, node: pair.value, explicit: true };
}

/**
 * Numeric ports the containers' probes use (httpGet, tcpSocket, grpc of readiness, liveness and startup
 * probes): the kubelet reaches the application there, so the pods serve them whether or not `ports` declares
 * them (containerPort is informational in Kubernetes).
 */
export function probedPorts(podSpec: Node | undefined): number[] {
  const out: number[] = [];
  for (const c of seqItems(get(podSpec, 'containers'))) {
    for (const probe of ['readinessProbe', 'livenessProbe', 'startupProbe']) {
      for (const handler of ['httpGet', 'tcpSocket', 'grpc']) {
        const port = int(get(c, probe, handler, 'port'));
        if (port !== undefined) out.push(port);
      }
    }
  }
  return out;
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
      const owners = selectedPodOwners(s, ctx.index, selector);
      if (!owners.some(isWorkload)) return;
      // Per owner, once: many Services may select one workload's pods.
      const declared = owners.flatMap((o) => ctx.index.cached(o, 'declared-ports', () => declaredPorts(podTemplateOf(o)?.spec)));
      const probed = owners.flatMap((o) => ctx.index.cached(o, 'probed-ports', () => probedPorts(podTemplateOf(o)?.spec)));
      for (const p of seqItems(get(s.node, 'spec', 'ports'))) {
        const t = targetOf(p);
        if (!t || !t.node) continue;
        if (t.name !== undefined ? declared.some((d) => d.name === t.name) : declared.some((d) => d.number === t.number)) continue;
        if (t.number !== undefined && probed.includes(t.number)) continue; // the probes reach the application there
        if (t.number !== undefined && declared.length === 0) continue; // nothing declared: the container may still listen there
        const available = declared.map((d) => (d.name ? `${d.number ?? '?'} (${d.name})` : `${d.number ?? '?'}`));
        const unique = [...new Set(available)];
        const owner = owners.filter(isWorkload).map((o) => `${o.kind} ${o.name}`).join(', ');
        const portName = str(get(p, 'name'));
        const port = str(get(p, 'port'));
        const what = t.explicit ? `targetPort ${t.name ?? t.number}` : `targetPort (not set, so port ${t.number})`;
        const label = portName ? `port ${portName} (${port})` : `port ${port}`;
        ctx.report({
          resource: s,
          at: t.node,
          message: `${label}: ${what} matches no ${t.name !== undefined ? 'container port name' : 'containerPort'} of the selected pods (${owner}); they declare ${unique.length ? unique.join(', ') : 'no ports'}.`,
          related: owners.filter(isWorkload).map((o) => ({
            resource: o,
            at: getPair(podTemplateOf(o)?.spec, 'containers') ?? o.anchor,
            message: `containers of ${o.kind} ${o.name}`,
          })),
        });
      }
    },
  },
});

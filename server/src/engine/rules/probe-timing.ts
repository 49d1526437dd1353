import { isMap, type Node, type Pair, type YAMLMap } from 'yaml';
import { defineRule, type DocumentContext } from './rule';
import { isWorkload } from '../model/kubernetes';
import { get, getPair, num, seqItems, str } from '../parse/values';

const PROBES = ['startupProbe', 'readinessProbe', 'livenessProbe'] as const;

/** Kubernetes defaults for a probe's timing fields. */
const DEFAULT_TIMEOUT = 1;
const DEFAULT_PERIOD = 10;

interface Timing {
  value: number;
  pair?: Pair<Node, Node | null>;
}

/** A timing field with its default; undefined when written but not a number (schema reports it). */
function timing(probe: YAMLMap<Node, Node | null>, key: string, fallback: number): Timing | undefined {
  const pair = getPair(probe, key);
  if (!pair) return { value: fallback };
  const value = num(pair.value);
  return value === undefined ? undefined : { value, pair };
}

function describe(key: string, t: Timing): string {
  return t.pair ? `${key} is ${t.value}` : `${key} is not set (default ${t.value})`;
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
      const podSpec = get(r.node, 'spec', 'template', 'spec');
      const all = [...seqItems(get(podSpec, 'initContainers')), ...seqItems(get(podSpec, 'containers'))];
      for (const c of all) {
        const name = str(get(c, 'name'));
        for (const key of PROBES) {
          const probe = get(c, key);
          if (!isMap(probe)) continue;
          const probeMap = probe as YAMLMap<Node, Node | null>;
          const timeout = timing(probeMap, 'timeoutSeconds', DEFAULT_TIMEOUT);
          const period = timing(probeMap, 'periodSeconds', DEFAULT_PERIOD);
          if (!timeout || !period || timeout.value < period.value) continue;
          const at = timeout.pair ?? period.pair ?? getPair(c, key)!;
          ctx.report({
            resource: r,
            at: at.value ?? at,
            message: `${key}${name ? ` of container ${name}` : ''}: ${describe('timeoutSeconds', timeout)} and ${describe('periodSeconds', period)}; the timeout must be shorter than the period.`,
          });
        }
      }
    }
  },
});

import { defineRule, type DocumentContext } from './rule';
import { isWorkload } from '../model/kubernetes';
import type { Container } from '../model/kubernetes-facts';
import { workloadOf } from '../sources/objects';
import { insertIntoMap } from '../fix';
import type { Fix } from '../types';
import type { Resource } from '../parse/document';
import { unsnippet } from './container-resources';

/** What differs between the readiness and the liveness rule. */
export interface ProbeKind {
  key: 'readinessProbe' | 'livenessProbe';
  /** The guessed endpoint the fix proposes (a placeholder to confirm). */
  path: string;
  initialDelaySeconds: number;
  periodSeconds: number;
  /** Why it matters, the end of the message. */
  consequence: string;
}

/** The first TCP port a container declares: its name when it has one (what probes should use), else its number. */
export function firstTcpPort(container: Container): string | number | undefined {
  for (const p of container.ports) {
    if (p.protocol !== 'TCP') continue;
    if (p.name && /^[a-z0-9]([a-z0-9-]*[a-z0-9])?$/i.test(p.name)) return p.name; // a valid port name, safe to write plain
    if (p.number !== undefined) return p.number;
  }
  return undefined;
}

/** An httpGet probe on the container's first TCP port, its path a placeholder to confirm: never safe. */
export function probeFix(text: string, c: Container, kind: ProbeKind): Fix[] {
  const port = firstTcpPort(c);
  const snippet = insertIntoMap(text, c.fix.map, {
    [kind.key]: {
      httpGet: { path: `\${1:${kind.path}}`, port: `\${2:${port ?? 8080}}` },
      initialDelaySeconds: kind.initialDelaySeconds,
      periodSeconds: kind.periodSeconds,
    },
  });
  if (!snippet.length) return [];
  const on = port === undefined ? 'a port to fill in' : `port ${port}`;
  return [{ title: `Add an httpGet ${kind.key} (GET ${kind.path} on ${on}; check the path)`, edits: unsnippet(snippet), snippetEdits: snippet, safe: false, preferred: true }];
}

/** The containers of the document's workloads that lack `key`, with their workload (shared with `liveness-probe`). */
export function* containersWithout(resources: readonly Resource[], key: ProbeKind['key']): Generator<{ r: Resource; c: Container; label: string }> {
  for (const r of resources) {
    if (!isWorkload(r)) continue;
    for (const c of workloadOf(r)?.pod?.containers ?? []) {
      if (c.probeKeys.has(key)) continue;
      yield { r, c, label: `${c.name ? `Container ${c.name}` : 'This container'} of ${r.kind} ${r.name || '(unnamed)'}` };
    }
  }
}

export const READINESS: ProbeKind = {
  key: 'readinessProbe',
  path: '/readyz',
  initialDelaySeconds: 5,
  periodSeconds: 10,
  consequence: 'it counts as ready as soon as its process starts, so every pod the autoscaler adds gets traffic before it can serve, and a rollout removes old pods without waiting for the new ones to work.',
};

export default defineRule({
  id: 'readiness-probe',
  defaultSeverity: 'warning',
  fixable: true,
  docs: {
    appliesTo: 'containers of Deployment/StatefulSet',
    summary: 'A container has no readinessProbe.',
    rationale:
      'Horizontal scaling only adds capacity if the load balancer sends traffic to instances that are ready for it. The workflow’s load-balancing step configures health checks, and its checklist asks that "health checks detect unhealthy instances" and that there is "no service disruption during scaling". Without a readiness probe, a pod counts as ready the moment its process starts: during a spike, every new replica receives requests before it has warmed up, and during a rollout old pods are removed before the new ones can serve. A readiness probe also takes an overloaded or broken pod out of rotation without restarting it.',
    remediation:
      'Add a `readinessProbe` that checks the application can serve (an HTTP endpoint that verifies its dependencies, or a TCP check). The quick fix inserts `httpGet` on `/readyz` on the container’s first TCP port (its name when it has one; 8080 when it declares none) with `initialDelaySeconds: 5` and `periodSeconds: 10`; the path is a guess to confirm, so `--fix` never applies it.',
    bad: 'containers:\n  - name: web\n    image: web:1.4\n    ports:\n      - name: http\n        containerPort: 8080',
    good: 'containers:\n  - name: web\n    image: web:1.4\n    ports:\n      - name: http\n        containerPort: 8080\n    readinessProbe:\n      httpGet:\n        path: /readyz\n        port: http\n      periodSeconds: 10',
  },
  checkDocument(ctx: DocumentContext) {
    for (const { r, c, label } of containersWithout(ctx.resources, READINESS.key)) {
      ctx.report({ resource: r, at: c.anchor, message: `${label} has no readinessProbe: ${READINESS.consequence}`, fixes: probeFix(ctx.text, c, READINESS) });
    }
  },
});

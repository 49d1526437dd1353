import { defineRule, type DocumentContext } from './rule';
import { containersWithout, probeFix, type ProbeKind } from './readiness-probe';

const LIVENESS: ProbeKind = {
  key: 'livenessProbe',
  path: '/healthz',
  initialDelaySeconds: 15,
  periodSeconds: 10,
  consequence: 'a process that hangs (deadlock, exhausted pool) is never restarted, and keeps counting as a replica while it serves nothing.',
};

export default defineRule({
  id: 'liveness-probe',
  defaultSeverity: 'info',
  fixable: true,
  docs: {
    appliesTo: 'containers of Deployment/StatefulSet',
    summary: 'A container has no livenessProbe.',
    rationale:
      'The workflow’s checklist asks that "health checks detect unhealthy instances", and its troubleshooting lists memory leaks and instability among the causes of scaling trouble. Kubernetes restarts a container whose process exits, but not one that is alive and stuck: without a liveness probe, a hung replica keeps counting toward the HPA’s replica count and may keep receiving traffic, so the service runs below the capacity the autoscaler believes it has. It is information rather than a warning because a badly chosen liveness probe (too short a timeout, or one that checks dependencies) restarts healthy pods under load, which is worse than none.',
    remediation:
      'Add a `livenessProbe` on a cheap endpoint that only checks the process itself (not its database), with an initial delay longer than startup or a `startupProbe`. The quick fix inserts `httpGet` on `/healthz` on the container’s first TCP port (its name when it has one; 8080 when it declares none) with `initialDelaySeconds: 15` and `periodSeconds: 10`; the path is a guess to confirm, so `--fix` never applies it.',
    bad: 'containers:\n  - name: web\n    image: web:1.4\n    ports:\n      - name: http\n        containerPort: 8080',
    good: 'containers:\n  - name: web\n    image: web:1.4\n    ports:\n      - name: http\n        containerPort: 8080\n    livenessProbe:\n      httpGet:\n        path: /healthz\n        port: http\n      initialDelaySeconds: 15\n      periodSeconds: 10',
  },
  checkDocument(ctx: DocumentContext) {
    for (const { r, c, label } of containersWithout(ctx.resources, LIVENESS.key)) {
      ctx.report({ resource: r, at: c.anchor, message: `${label} has no livenessProbe: ${LIVENESS.consequence}`, fixes: probeFix(ctx.text, c, LIVENESS) });
    }
  },
});

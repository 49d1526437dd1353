import type { Node, YAMLMap } from 'yaml';
import { numberSetting } from '../settings';
import { defineRule } from './rule';
import { isAutoscaler, isScaledObject, isWorkload, replicaBounds } from '../model/kubernetes';
import type { Resource } from '../parse/document';
import { getPair, get, int, asMap } from '../parse/values';
import { setPath, replaceNode } from '../fix';
import type { Fix } from '../types';

const ASG = 'AWS::AutoScaling::AutoScalingGroup';

function setTo(text: string, node: Node | undefined, parent: YAMLMap | undefined, key: string, floor: number): Fix[] {
  const edits = node ? replaceNode(node, String(floor)) : parent ? setPath(text, parent, [key], floor) : [];
  return edits.length ? [{ title: `Set ${key} to ${floor}`, edits, safe: true, preferred: true }] : [];
}

export default defineRule({
  id: 'min-replicas',
  defaultSeverity: 'warning',
  fixable: true,
  settings: {
    minReplicasFloor: numberSetting({ type: 'integer', minimum: 1, description: 'High-availability floor for minimum replicas / MinSize (min-replicas). Default 2.' }, 2),
  },
  docs: {
    appliesTo: 'HPA `minReplicas`, ScaledObject `minReplicaCount`, ASG `MinSize`, Deployment/StatefulSet `replicas` when nothing autoscales it',
    summary: 'The minimum instance count is below the high-availability floor.',
    rationale:
      'The workflow’s first validation item: the minimum instance count must ensure high availability (≥ 2). With one replica, a node drain, an eviction or a crash takes the whole service down, and every rollout of a single pod is an outage. An HPA or ASG that may scale down to one instance reaches that state every quiet night. KEDA’s explicit `minReplicaCount: 0` (scale to zero) is a deliberate design for event-driven workers and is exempt. A Deployment/StatefulSet that leaves `replicas` out is reported only when the lint set holds some autoscaler, none of which targets it: leaving the field out is how an autoscaled workload is written, and with no autoscaler in sight its HPA may live in a file not linted with it (a pre-commit hook linting the changed files only).',
    remediation: 'Raise the minimum to the floor (2 by default; setting `minReplicasFloor`).',
    bad: 'spec:\n  minReplicas: 1\n  maxReplicas: 10',
    good: 'spec:\n  minReplicas: 2\n  maxReplicas: 10',
  },
  checkDocument(ctx) {
    const floor = ctx.settings.minReplicasFloor;
    for (const r of ctx.resources) {
      if (isAutoscaler(r)) {
        const { min } = replicaBounds(r);
        if (!min || min.value >= floor) continue;
        if (isScaledObject(r) && min.explicit && min.value === 0) continue; // scale-to-zero by design
        if (isScaledObject(r) && !min.explicit) {
          // KEDA's default minimum is 0: scale to zero without saying so.
          ctx.report({
            resource: r,
            at: getPair(r.node, 'spec') ?? r.anchor,
            message: `minReplicaCount is not set, so KEDA scales ${r.name || 'this workload'} to zero; the HA floor is ${floor}. Set minReplicaCount (0 only if scale-to-zero is intended).`,
            fixes: setTo(ctx.text, undefined, asMap(get(r.node, 'spec')), 'minReplicaCount', floor),
          });
          continue;
        }
        const key = isScaledObject(r) ? 'minReplicaCount' : 'minReplicas';
        ctx.report({
          resource: r,
          at: min.node ?? getPair(r.node, 'spec') ?? r.anchor,
          message: min.explicit
            ? `${key} is ${min.value}; the HA floor is ${floor}.`
            : `${key} is not set, so it defaults to ${min.value}; the HA floor is ${floor}.`,
          fixes: setTo(ctx.text, min.node, min.parent, key, floor),
        });
      } else if (r.family === 'cloudformation' && r.kind === ASG && r.properties) {
        const pair = getPair(r.properties, 'MinSize');
        const value = int(pair?.value, r.resolve);
        if (!pair || value === undefined || value >= floor) continue;
        // A !Ref to a Parameter counts as its Default: the fix belongs on the Default, not here.
        const literal = int(pair.value) !== undefined;
        ctx.report({
          resource: r,
          at: pair.value ?? pair,
          message: literal ? `MinSize is ${value}; the HA floor is ${floor}.` : `MinSize is ${value} (the parameter's Default); the HA floor is ${floor}.`,
          fixes: literal && pair.value ? [{ title: `Set MinSize to ${floor}`, edits: replaceNode(pair.value, typeof (pair.value as { value?: unknown }).value === 'string' ? `'${floor}'` : String(floor)), safe: true, preferred: true }] : undefined,
        });
      }
    }
  },
  crossDocument: {
    subjects: isWorkload,
    check(ctx, w: Resource) {
      if (ctx.index.autoscalersOf(w).length) return;
      const autoscalersInSet = ctx.index.anyAutoscaler();
      const floor = ctx.settingsOf(w).minReplicasFloor;
      const spec = asMap(get(w.node, 'spec'));
      if (!spec) return;
      const pair = getPair(spec, 'replicas');
      // Leaving replicas out is how an autoscaled workload is written (replicas-with-hpa asks for it):
      // with no autoscaler in the lint set to tell, its HPA may live in a file not linted with it.
      if (!pair && !autoscalersInSet) return;
      const value = pair ? int(pair.value) : 1;
      if (value === undefined || value >= floor || (pair && value === 0)) return; // 0: deliberately parked
      ctx.report({
        resource: w,
        at: pair?.value ?? getPair(w.node, 'spec') ?? w.anchor,
        message: pair
          ? `replicas is ${value} and no autoscaler targets ${w.kind} ${w.name}; the HA floor is ${floor}.`
          : `replicas is not set, so ${w.kind} ${w.name} runs 1 pod, and no autoscaler targets it; the HA floor is ${floor}.`,
        fixes: setTo(w.chunk.text, pair?.value ?? undefined, spec, 'replicas', floor),
      });
    },
  },
});

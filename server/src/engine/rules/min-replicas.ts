import { numberSetting } from '../settings';
import { defineRule } from './rule';
import { isWorkload } from '../model/kubernetes';
import { autoscalerOf, workloadOf } from '../sources/objects';
import type { ModelValue } from '../model/scaling';
import type { Resource } from '../parse/document';
import { setValue } from './helpers/set-value';
import type { Fix } from '../types';
import { isSelfHealingSingleton, scalesToZeroByDesign } from './helpers/asg-design';

function setTo(text: string, v: ModelValue<number>, floor: number): Fix[] {
  const edits = setValue(text, v.fix, floor);
  return edits.length ? [{ title: `Set ${v.name} to ${floor}`, edits, safe: true, preferred: true }] : [];
}

export default defineRule({
  id: 'min-replicas',
  defaultSeverity: 'warning',
  fixable: true,
  settings: {
    minReplicasFloor: numberSetting({ type: 'integer', minimum: 1, description: 'High-availability floor for minimum replicas / MinSize (min-replicas). Default 2.' }, 2),
  },
  docs: {
    appliesTo: 'HPA `minReplicas`, ScaledObject `minReplicaCount`, ASG `MinSize`, Deployment/StatefulSet `replicas` when nothing autoscales it; GCP autoscaler `autoscaling_policy.min_replicas`, Azure autoscale setting `capacity.minimum` (Terraform)',
    summary: 'The minimum instance count is below the high-availability floor.',
    rationale:
      'The workflow’s first validation item: the minimum instance count must ensure high availability (≥ 2). With one replica, a node drain, an eviction or a crash takes the whole service down, and every rollout of a single pod is an outage. An HPA or ASG that may scale down to one instance reaches that state every quiet night. KEDA’s explicit `minReplicaCount: 0` (scale to zero) is a deliberate design for event-driven workers and is exempt, and so are two Auto Scaling groups whose small numbers are their design: a self-healing singleton (`MaxSize` 1 and no scaling policy: a bastion or a CI controller, whose group exists to replace the one instance when it fails) and a `MinSize` 0 group in no load balancer (workers or CI agents that scale to zero); a `MinSize` 0 group behind a load balancer is still reported. A Deployment/StatefulSet that leaves `replicas` out is reported only when the lint set holds some autoscaler, none of which targets it: leaving the field out is how an autoscaled workload is written, and with no autoscaler in sight its HPA may live in a file not linted with it (a pre-commit hook linting the changed files only). The workflow’s other clouds are read the same way: a `google_compute_autoscaler`/`google_compute_region_autoscaler`’s `min_replicas`, and the `capacity.minimum` of an `azurerm_monitor_autoscale_setting`’s default profile (the first without `recurrence` or `fixed_date`), with the fix on the literal or the variable’s `default`.',
    remediation: 'Raise the minimum to the floor (2 by default; setting `minReplicasFloor`).',
    bad: 'spec:\n  minReplicas: 1\n  maxReplicas: 10',
    good: 'spec:\n  minReplicas: 2\n  maxReplicas: 10',
  },
  checkDocument(ctx) {
    const floor = ctx.settings.minReplicasFloor;
    for (const r of ctx.resources) {
      const a = autoscalerOf(r);
      const min = a?.bounds.min;
      // Capacity that serves beside the scaled count (Aurora's writer beside its read replicas) counts for the floor.
      const needed = floor - (a?.alsoServing?.count ?? 0);
      if (!a || !min || min.value >= needed) continue;
      if (!Number.isInteger(min.value)) continue; // the schema rule reports it
      // By design: a self-healing singleton, or a group of workers that scales to zero outside any load balancer.
      if (isSelfHealingSingleton(a) || scalesToZeroByDesign(a)) continue;
      if (a.alsoServing) {
        ctx.report({
          resource: r,
          at: min.range,
          message: `${min.name} is ${min.value}${min.parameter === undefined ? '' : " (the parameter's Default)"}; the HA floor is ${floor} and ${a.alsoServing.what} counts towards it, so a minimum of ${needed} is enough.`,
          fixes: setTo(ctx.text, min, needed),
        });
        continue;
      }
      if (min.parameter !== undefined) {
        // A !Ref to a Parameter counts as its Default: the fix belongs on the Default, not here.
        ctx.report({ resource: r, at: min.range, message: `${min.name} is ${min.value} (the parameter's Default); the HA floor is ${floor}.` });
        continue;
      }
      const keda = a.kind === 'ScaledObject';
      if (keda && min.explicit && min.value === 0) continue; // scale-to-zero by design
      if (keda && !min.explicit) {
        // KEDA's default minimum is 0: scale to zero without saying so.
        ctx.report({
          resource: r,
          at: a.home,
          message: `minReplicaCount is not set, so KEDA scales ${r.name || 'this workload'} to zero; the HA floor is ${floor}. Set minReplicaCount (0 only if scale-to-zero is intended).`,
          fixes: setTo(ctx.text, min, floor),
        });
        continue;
      }
      ctx.report({
        resource: r,
        at: min.explicit ? min.range : a.home,
        message: min.explicit
          ? `${min.name} is ${min.value}; the HA floor is ${floor}.`
          : `${min.name} is not set, so it defaults to ${min.value}; the HA floor is ${floor}.`,
        fixes: setTo(ctx.text, min, floor),
      });
    }
  },
  crossDocument: {
    subjects: isWorkload,
    check(ctx, w: Resource) {
      if (ctx.index.autoscalersOf(w).length) return;
      const autoscalersInSet = ctx.index.anyAutoscaler();
      const floor = ctx.settingsOf(w).minReplicasFloor;
      const replicas = workloadOf(w)?.replicas;
      if (!replicas) return;
      // Leaving replicas out is how an autoscaled workload is written (replicas-with-hpa asks for it):
      // with no autoscaler in the lint set to tell, its HPA may live in a file not linted with it.
      if (!replicas.explicit && !autoscalersInSet) return;
      const value = replicas.value;
      if (value >= floor || (replicas.explicit && value === 0)) return; // 0: deliberately parked
      ctx.report({
        resource: w,
        at: replicas.explicit ? replicas.range : (workloadOf(w)?.home ?? w.anchor),
        message: replicas.explicit
          ? `replicas is ${value} and no autoscaler targets ${w.kind} ${w.name}; the HA floor is ${floor}.`
          : `replicas is not set, so ${w.kind} ${w.name} runs 1 pod, and no autoscaler targets it; the HA floor is ${floor}.`,
        fixes: setTo(w.chunk.text, replicas, floor),
      });
    },
  },
});

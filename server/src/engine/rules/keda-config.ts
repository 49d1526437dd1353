import { defineRule } from './rule';
import { isScaledObject } from '../model/kubernetes';
import { autoscalerOf } from '../sources/objects';

export default defineRule({
  id: 'keda-config',
  defaultSeverity: 'error',
  fixable: false,
  docs: {
    appliesTo: 'KEDA ScaledObject (keda.sh/v1alpha1)',
    summary: 'A ScaledObject field KEDA rejects, clamps or ignores: idleReplicaCount, fallback, cooldownPeriod.',
    rationale:
      'The workflow’s event-driven scaling ("request queue depth > 100") is what KEDA is for, and its scale-down pace ("300 seconds, avoid flapping") has to be written where KEDA reads it. Four fields are easy to get wrong. `idleReplicaCount` is the count KEDA parks the workload at while no trigger is active; the ScaledObject specification requires it to be below `minReplicaCount` (default 0), and KEDA’s webhook rejects the object otherwise. `fallback` gives the replica count to hold when a scaler fails to read its metric source; cpu and memory triggers are read by the HPA from the metrics server, not by a KEDA scaler, so KEDA does not support a fallback for them and rejects a ScaledObject whose triggers are all cpu or memory (keda.sh: ScaledObject specification, fallback). `fallback.replicas` outside [`minReplicaCount`, `maxReplicaCount`] never happens as written: the generated HPA clamps it, so the safety net is not the one intended. `cooldownPeriod` (default 300 s) only applies to scaling to zero (or to `idleReplicaCount`) after the last trigger activity; with `minReplicaCount` above zero it does nothing, and the pace of scale-down comes from `advanced.horizontalPodAutoscalerConfig.behavior.scaleDown`, which is where the workflow’s 300 s stabilization belongs.',
    remediation:
      'Keep `idleReplicaCount` below `minReplicaCount` (0 with a minimum of 1 or more). Drop `fallback` from ScaledObjects that scale on cpu/memory only, or add the event trigger it is meant to protect. Keep `fallback.replicas` within the replica bounds. For a gradual scale-down with a non-zero minimum, set `advanced.horizontalPodAutoscalerConfig.behavior.scaleDown.stabilizationWindowSeconds` instead of `cooldownPeriod`.',
    bad: 'kind: ScaledObject\nspec:\n  minReplicaCount: 2\n  idleReplicaCount: 2\n  cooldownPeriod: 600\n  fallback: {failureThreshold: 3, replicas: 50}\n  maxReplicaCount: 20\n  triggers: [{type: cpu, metricType: Utilization, metadata: {value: "70"}}]',
    good: 'kind: ScaledObject\nspec:\n  minReplicaCount: 2\n  maxReplicaCount: 20\n  advanced:\n    horizontalPodAutoscalerConfig:\n      behavior: {scaleDown: {stabilizationWindowSeconds: 600}}\n  triggers: [{type: cpu, metricType: Utilization, metadata: {value: "70"}}]',
  },
  checkDocument(ctx) {
    for (const r of ctx.resources) {
      if (!isScaledObject(r)) continue;
      const a = autoscalerOf(r);
      const keda = a?.keda;
      if (!a || !keda) continue; // without a spec, nothing is written to check
      const { min, max } = a.bounds;
      const minText = min ? (min.explicit ? `minReplicaCount ${min.value}` : `minReplicaCount (not set, so ${min.value})`) : '';

      const idle = keda.idleReplicaCount;
      const idleValid = idle !== undefined && min !== undefined && idle.value < min.value;
      if (idle && min && !idleValid) {
        ctx.report({
          resource: r,
          at: idle.range,
          message: `idleReplicaCount ${idle.value} is not below ${minText}: KEDA requires the idle count to be less than the minimum and rejects this ScaledObject. Use idleReplicaCount 0 with minReplicaCount 1 or more.`,
        });
      }

      if (keda.fallbackKey) {
        const triggers = keda.triggerTypes;
        const resourceOnly = triggers.length > 0 && triggers.every((t) => t === 'cpu' || t === 'memory');
        if (resourceOnly) {
          ctx.report({
            resource: r,
            at: keda.fallbackKey,
            message: `fallback is set, but every trigger is ${[...new Set(triggers)].join(' or ')}: the HPA reads those from the metrics server, not through a KEDA scaler, so KEDA supports no fallback for them and rejects this ScaledObject. Remove fallback.`,
          });
        } else {
          const replicas = keda.fallbackReplicas;
          if (replicas && min && max && (replicas.value < min.value || replicas.value > max.value)) {
            const maxText = max.explicit ? `maxReplicaCount ${max.value}` : `maxReplicaCount (not set, so ${max.value})`;
            const n = replicas.value;
            ctx.report({
              resource: r,
              at: replicas.range,
              severity: 'warning',
              message: `fallback.replicas ${n} is ${n < min.value ? `below ${minText}` : `above ${maxText}`}: the HPA clamps it to [${min.value}, ${max.value}], so a failing scaler holds ${Math.min(Math.max(n, min.value), max.value)} replicas, not ${n}.`,
            });
          }
        }
      }

      if (keda.cooldownKey && min?.explicit && min.value > 0 && !idleValid) {
        ctx.report({
          resource: r,
          at: keda.cooldownKey,
          severity: 'info',
          message: `cooldownPeriod only applies to scaling to zero, and minReplicaCount is ${min.value}: it has no effect here. The pace of scale-down comes from advanced.horizontalPodAutoscalerConfig.behavior.scaleDown (stabilizationWindowSeconds).`,
        });
      }
    }
  },
});

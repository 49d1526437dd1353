/** The simulator's timing for an autoscaler, in one line, as `scale-up-speed` builds its input. */
import { behaviorNode, behaviorSpec, isAutoscaler, isScaledObject, replicaBounds, supportsBehavior } from '../model/kubernetes';
import type { Resource } from '../parse/document';
import { describeTiming, type HpaSpecLike } from '../simulate';

/**
 * "2 → 20 in 30 s · back to 2 in 4 min 45 s" for an HPA or ScaledObject: min → max under sustained
 * overload, and back once the load is gone. Undefined when the bounds cannot be read.
 */
export function timingOf(r: Resource): string | undefined {
  if (!isAutoscaler(r)) return undefined;
  const { min, max } = replicaBounds(r);
  if (!min || !max) return undefined;
  const behavior = supportsBehavior(r) ? behaviorNode(r) : undefined;
  // KEDA activates 0 → 1 itself; the HPA it creates scales from 1 (as in scale-up-speed).
  const from = Math.max(min.value, 1);
  const spec: HpaSpecLike = { minReplicas: from, maxReplicas: max.value, behavior: behavior ? (behaviorSpec(r) as HpaSpecLike['behavior']) : undefined };
  const line = describeTiming(spec);
  return isScaledObject(r) && min.value === 0 ? `${line} (KEDA itself activates 0 → 1 and deactivates to 0)` : line;
}

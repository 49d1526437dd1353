/**
 * Scale timing of one HPA or ScaledObject of a parsed document, read from its model as `scale-up-speed`
 * reads it: min → max under sustained overload, and back to min once the load is gone. For code lenses
 * ("2 → 20 in 30 s · back to 2 in 4 min 45 s").
 */
import type { Resource } from '../parse/document';
import { behaviorNode, behaviorSpec, isAutoscaler, isScaledObject, replicaBounds, supportsBehavior } from '../model/kubernetes';
import { describeTiming } from './timing';
import type { HpaSpecLike } from './types';

export type AutoscalerTiming = { text: string; spec: HpaSpecLike } | { error: string };

/** The spec the simulator runs for an autoscaler resource, or why there is none. */
export function autoscalerSpec(r: Resource): { spec: HpaSpecLike } | { error: string } {
  if (!isAutoscaler(r)) return { error: `${r.kind} is not an autoscaler` };
  const { min, max } = replicaBounds(r);
  const maxKey = isScaledObject(r) ? 'maxReplicaCount' : 'maxReplicas';
  const minKey = isScaledObject(r) ? 'minReplicaCount' : 'minReplicas';
  if (!max) return { error: `${maxKey} is not set to a number` };
  if (!min) return { error: `${minKey} is not a number` };
  // KEDA activates 0 → 1 itself, and an HPA never runs fewer than one pod: the timing starts at 1.
  const from = Math.max(min.value, 1);
  const behavior = supportsBehavior(r) && behaviorNode(r) ? (behaviorSpec(r) as HpaSpecLike['behavior']) : undefined;
  return { spec: { minReplicas: from, maxReplicas: max.value, behavior } };
}

/** The timing line for an HPA or ScaledObject, or why it cannot be simulated. */
export function autoscalerTiming(r: Resource): AutoscalerTiming {
  const s = autoscalerSpec(r);
  if ('error' in s) return s;
  const text = describeTiming(s.spec);
  if (text.startsWith('cannot simulate: ')) return { error: text.slice('cannot simulate: '.length) };
  return { text, spec: s.spec };
}

/**
 * The simulator's spec from any autoscaler of the model, and its timing: min → max under sustained
 * overload, and back to min once the load is gone. The one derivation that `scale-up-speed`, the hover,
 * the code lens ("2 → 20 in 30 s · back to 2 in 4 min 45 s") and `scalelint simulate` share.
 */
import type { Resource } from '../parse/document';
import type { Autoscaler } from '../model/scaling';
import { autoscalerOf } from '../sources/objects';
import { describeTiming } from './timing';
import type { HpaSpecLike } from './types';

export type AutoscalerTiming = { text: string; spec: HpaSpecLike } | { error: string };

/** The spec the simulator runs for an autoscaler, or why there is none. */
export function simulatorSpec(a: Autoscaler): { spec: HpaSpecLike } | { error: string } {
  const { min, max } = a.bounds;
  if (!a.timing) return { error: `${a.kind} is not simulated` };
  if (!max) return { error: `${a.boundNames.max} is not set to a number` };
  if (!min) return { error: `${a.boundNames.min} is not a number` };
  // KEDA activates 0 → 1 itself, and an HPA never runs fewer than one pod: the timing starts at 1.
  const from = Math.max(min.value, 1);
  return { spec: { minReplicas: from, maxReplicas: max.value, behavior: a.timing.behavior as HpaSpecLike['behavior'] } };
}

/** The spec the simulator runs for an autoscaler resource, or why there is none. */
export function autoscalerSpec(r: Resource): { spec: HpaSpecLike } | { error: string } {
  const a = autoscalerOf(r);
  return a?.timing ? simulatorSpec(a) : { error: `${r.kind} is not an autoscaler` };
}

/** The timing line for an HPA or ScaledObject, or why it cannot be simulated. */
export function autoscalerTiming(r: Resource): AutoscalerTiming {
  const s = autoscalerSpec(r);
  if ('error' in s) return s;
  const text = describeTiming(s.spec);
  if (text.startsWith('cannot simulate: ')) return { error: text.slice('cannot simulate: '.length) };
  return { text, spec: s.spec };
}

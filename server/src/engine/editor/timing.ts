/** The simulator's timing for an autoscaler, in one line, from the spec `scale-up-speed` runs. */
import type { Resource } from '../parse/document';
import { autoscalerOf } from '../sources/objects';
import { describeTiming } from '../simulate';
import { simulatorSpec } from '../simulate/resource-timing';

/**
 * "2 → 20 in 30 s · back to 2 in 4 min 45 s" for an HPA or ScaledObject: min → max under sustained
 * overload, and back once the load is gone. Undefined when the bounds cannot be read.
 */
export function timingOf(r: Resource): string | undefined {
  const a = autoscalerOf(r);
  if (!a?.timing) return undefined;
  const s = simulatorSpec(a);
  if ('error' in s) return undefined;
  const line = describeTiming(s.spec);
  return a.kind === 'ScaledObject' && a.bounds.min?.value === 0 ? `${line} (KEDA itself activates 0 → 1 and deactivates to 0)` : line;
}

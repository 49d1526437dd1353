/**
 * The fewest pods a workload runs, and where that number comes from: its autoscalers' minimum when
 * something scales it (the smallest, when several do), else `spec.replicas` (default 1). Shared by the
 * rules that ask "what happens at the minimum" (pdb-blocks-drain, vpa-policy).
 */
import type { Resource } from '../../parse/document';
import { autoscalerOf, workloadOf } from '../../sources/objects';
import type { SetContext } from '../rule';

export interface WorkloadMinimum {
  /** The fewest pods the workload runs while it runs at all (a scale-to-zero autoscaler counts as 1). */
  value: number;
  /** What sets it, in the user's words: "minReplicas of HorizontalPodAutoscaler web", "spec.replicas". */
  source: string;
  /** The autoscaler that sets it, when one does. */
  autoscaler?: Resource;
}

/** The autoscalers' minimum, per list of autoscalers (`autoscalersOf` hands one list to every workload they scale). */
const minimumBy = new WeakMap<readonly Resource[], WorkloadMinimum | undefined>();

/** The minimum of `w`, or undefined when it cannot be read (a templated value) or the workload is parked at 0. */
export function workloadMinimum(ctx: SetContext<any>, w: Resource): WorkloadMinimum | undefined {
  const by = ctx.index.autoscalersOf(w);
  if (by.length) {
    if (minimumBy.has(by)) return minimumBy.get(by);
    const min = autoscaledMinimum(by);
    minimumBy.set(by, min);
    return min;
  }
  const replicas = workloadOf(w)?.replicasWritten;
  if (!replicas) return { value: 1, source: 'default spec.replicas' };
  const value = replicas.value;
  if (value === undefined || value <= 0) return undefined; // templated, or parked on purpose
  return { value, source: 'spec.replicas' };
}

function autoscaledMinimum(by: readonly Resource[]): WorkloadMinimum | undefined {
  let best: WorkloadMinimum | undefined;
  for (const a of by) {
    const scaler = autoscalerOf(a);
    const min = scaler?.bounds.min;
    if (!scaler || !min) return undefined; // unreadable minimum: no opinion
    const key = scaler.boundNames.min;
    const name = `${a.kind} ${a.name || '(unnamed)'}`;
    // Scaled to zero, nothing is left to evict or update; while it runs, it runs at least one pod.
    const value = Math.max(1, min.value);
    const source = min.value === 0 ? `${key} 0 of ${name}: 1 pod while active` : `${min.explicit ? '' : 'default '}${key} of ${name}`;
    if (!best || value < best.value) best = { value, source, autoscaler: a };
  }
  return best;
}

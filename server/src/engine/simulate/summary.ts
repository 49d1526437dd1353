/**
 * One sentence of figures about a load test, for `scalelint simulate FILE --load …` (and anything else
 * that shows a load test): "Reaches 20 replicas (maxReplicas) 30 s after the load rises; under-provisioned
 * for 30 s, short by up to 14 replicas."
 *
 * Times are measured from the first sync that sees the load differ from where it started (the spike's
 * jump, the ramp's first rise, the drop), to the first sync that sets the replica count in question.
 */
import type { LoadTestResult } from './loadtest';
import { formatDuration } from './timing';

export interface LoadTestSummary {
  /** First sync whose load differs from the starting load (undefined: the load never changes). */
  loadChangeAt?: number;
  startReplicas: number;
  peakReplicas: number;
  finalReplicas: number;
  /** Replicas the final load needs at the target utilization, within [minReplicas, maxReplicas]. */
  finalNeededReplicas: number;
  /** Time of the first sync that set the replica count the run heads for (peak when scaling up, final when down). */
  reachedAt?: number;
  /** `reachedAt - loadChangeAt`. */
  reachedAfterSeconds?: number;
  text: string;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

export function summarizeLoadTest(result: LoadTestResult, bounds: { minReplicas: number; maxReplicas: number }): LoadTestSummary {
  const steps = result.steps;
  const first = steps[0];
  const last = steps[steps.length - 1];
  if (!first || !last) {
    return { startReplicas: 0, peakReplicas: 0, finalReplicas: 0, finalNeededReplicas: 0, text: 'No syncs were simulated.' };
  }
  const changed = steps.find((s) => s.load !== first.load);
  const loadChangeAt = changed?.at;
  const direction = changed ? (changed.load > first.load ? 'rises' : 'drops') : undefined;
  const start = first.replicas;
  const peak = result.summary.peakReplicas;
  const final = last.replicas;
  const finalNeeded = Math.min(Math.max(Math.ceil(last.requiredReplicas - 1e-9), bounds.minReplicas), bounds.maxReplicas);
  const bound = (n: number) => (n === bounds.maxReplicas ? ' (maxReplicas)' : n === bounds.minReplicas ? ' (minReplicas)' : '');
  const since = (at: number) => (loadChangeAt === undefined || at < loadChangeAt ? `at ${formatDuration(at)}` : `${formatDuration(at - loadChangeAt)} after the load ${direction}`);

  const parts: string[] = [];
  let reachedAt: number | undefined;
  if (peak > start) {
    reachedAt = steps.find((s) => s.replicas === peak)!.at;
    parts.push(`Reaches ${plural(peak, 'replica')}${bound(peak)} ${since(reachedAt)}`);
    if (final < peak) parts.push(`ends at ${final}`);
  } else if (final < start) {
    // The first sync from which the count stays at its final value.
    let i = steps.length - 1;
    while (i > 0 && steps[i - 1]!.replicas === final) i--;
    reachedAt = steps[i]!.at;
    parts.push(`Down to ${plural(final, 'replica')}${bound(final)} ${since(reachedAt)}`);
  } else {
    parts.push(`Stays at ${plural(start, 'replica')}`);
  }
  if (final < finalNeeded) {
    // A raw recommendation equal to the count means the usage ratio is inside the tolerance band.
    const why = last.rawRecommendation === final ? ', inside the controller\'s tolerance' : '';
    parts.push(`ends at ${final} where ${finalNeeded} are needed at the ${result.targetUtilization} % target${why}`);
  }
  else if (final > finalNeeded) parts.push(`ends at ${final} where ${finalNeeded} would do`);
  const under = result.summary.underProvisionedSeconds;
  parts.push(under > 0 ? `under-provisioned for ${formatDuration(under)}, short by up to ${plural(result.summary.maxShortfall, 'replica')}` : 'never under-provisioned');

  return {
    loadChangeAt,
    startReplicas: start,
    peakReplicas: peak,
    finalReplicas: final,
    finalNeededReplicas: finalNeeded,
    reachedAt,
    reachedAfterSeconds: reachedAt !== undefined && loadChangeAt !== undefined && reachedAt >= loadChangeAt ? reachedAt - loadChangeAt : undefined,
    text: parts.join('; ') + '.',
  };
}

/**
 * How fast an HPA scales, by simulation (used by `scale-up-speed`, code lenses and hover).
 *
 * Both measurements start from a steady state: the controller has been syncing every sync period
 * with replicas at `from` and raw recommendations of `from` (covering the longest stabilization
 * window), and no scale event in any policy period. At t = 0 the first sync sees the new load; the
 * result is the time of the first sync whose replica count reaches the goal (0 when already there).
 *
 * - timeToReach: sustained overload. Every sync's raw recommendation is the "infinite demand" of
 *   max(to, maxReplicas): any larger value is capped at maxReplicas anyway, so the timing is that of
 *   unbounded demand.
 * - timeToSettle: the load drops; every sync's raw recommendation is `to`.
 *
 * With the defaults (behavior present but empty), 2 → 20 takes 30 s (2 → 6 → 12 → 20: Pods 4 and
 * Percent 100 per 15 s, Max) and 20 → 2 takes 285 s: the last recommendation of 20 was made at
 * t = -15 s and leaves the 300 s window, strictly, at t = 285 s; the 100 % policy then allows the
 * whole step down. Without `behavior` (legacy path) 2 → 20 takes 45 s (2 → 4 → 8 → 16 → 20,
 * max(2 × current, 4) per sync) and 20 → 2 takes 300 s (the legacy window is inclusive).
 */
import { emptyMemory, longestPeriodSeconds, longestWindowSeconds, reconcile, type ControllerMemory } from './controller';
import { DEFAULT_SYNC_PERIOD_SECONDS, resolveHpa, type ResolvedHpa } from './spec';
import type { HpaSpecLike, TimingOptions, TimingResult } from './types';

export const DEFAULT_MAX_SECONDS = 86400;
/** Upper bound on simulated syncs per measurement, whatever maxSeconds and the sync period say. */
const MAX_SYNCS = 200000;

interface TimingSetup {
  hpa: ResolvedHpa;
  sync: number;
  maxSeconds: number;
}

function setup(spec: unknown, from: unknown, to: unknown, opts: TimingOptions | undefined): TimingSetup | { never: true; reason: string; invalid: true } {
  const invalid = (reason: string) => ({ never: true as const, reason, invalid: true as const });
  const hpa = resolveHpa(spec);
  if ('error' in hpa) return invalid(`invalid HPA: ${hpa.error}`);
  for (const [name, v] of [['from', from], ['to', to]] as const) {
    if (typeof v !== 'number' || !Number.isInteger(v) || v < 0) return invalid(`${name} must be a non-negative integer (got ${String(v)})`);
  }
  const sync = opts?.syncPeriodSeconds ?? DEFAULT_SYNC_PERIOD_SECONDS;
  if (typeof sync !== 'number' || !Number.isFinite(sync) || sync <= 0) return invalid(`syncPeriodSeconds must be a positive number (got ${String(sync)})`);
  const maxSeconds = opts?.maxSeconds ?? DEFAULT_MAX_SECONDS;
  if (typeof maxSeconds !== 'number' || Number.isNaN(maxSeconds) || maxSeconds < 0) return invalid(`maxSeconds must be a non-negative number (got ${String(maxSeconds)})`);
  return { hpa, sync, maxSeconds };
}

/** The memory of a controller that has sat at `replicas` for longer than any window or period. */
export function steadyMemory(hpa: ResolvedHpa, replicas: number, sync: number, recommendation: number = replicas): ControllerMemory {
  const memory = emptyMemory();
  const count = Math.ceil(longestWindowSeconds(hpa) / sync) + 1;
  for (let k = count; k >= 1; k--) memory.recommendations.push({ replicas: recommendation, at: -k * sync });
  return memory;
}

function run(s: TimingSetup, from: number, raw: number, reached: (replicas: number) => boolean, goal: string): TimingResult {
  const { hpa, sync, maxSeconds } = s;
  const memory = steadyMemory(hpa, from, sync);
  // Once the count has not moved for longer than every window and period, the state is stationary.
  const stallAfter = longestWindowSeconds(hpa) + longestPeriodSeconds(hpa) + 2 * sync;
  let replicas = from;
  let lastChange = 0;
  for (let i = 0; i < MAX_SYNCS; i++) {
    const now = i * sync;
    if (now > maxSeconds) break;
    const r = reconcile(hpa, memory, replicas, { desiredReplicas: raw }, now);
    if (r.replicas !== replicas) lastChange = now;
    replicas = r.replicas;
    if (reached(replicas)) return { seconds: now };
    if (r.condition === 'ScalingDisabled') return { never: true, reason: 'scaling is disabled while the target has 0 replicas (minReplicas is not 0)' };
    if (now - lastChange > stallAfter) return { never: true, reason: `stays at ${replicas} replicas, never ${goal}` };
  }
  return { never: true, reason: `not ${goal} within ${formatDuration(maxSeconds)}` };
}

/**
 * Time for replicas to go from `from` to at least `to` under sustained overload.
 * `never` when maxReplicas is below `to`, when scaleUp `selectPolicy` is Disabled, or when the
 * simulation shows it does not happen.
 */
export function timeToReach(spec: HpaSpecLike, from: number, to: number, opts?: TimingOptions): TimingResult {
  try {
    const s = setup(spec, from, to, opts);
    if ('never' in s) return s;
    if (from >= to) return { seconds: 0 };
    if (to > s.hpa.maxReplicas) return { never: true, reason: `maxReplicas is ${s.hpa.maxReplicas}, below ${to}` };
    if (s.hpa.behavior?.scaleUp.selectPolicy === 'Disabled' && from >= s.hpa.minReplicas) {
      return { never: true, reason: 'scale-up is disabled (scaleUp.selectPolicy: Disabled)' };
    }
    return run(s, from, Math.max(to, s.hpa.maxReplicas), (r) => r >= to, `reaching ${to}`);
  } catch (e) {
    return { never: true, reason: `simulation failed: ${e instanceof Error ? e.message : String(e)}`, invalid: true };
  }
}

/**
 * Time for replicas to come down from `from` to at most `to` once demand needs only `to` replicas.
 * `never` when minReplicas is above `to`, when scaleDown `selectPolicy` is Disabled, or when the
 * simulation shows it does not happen.
 */
export function timeToSettle(spec: HpaSpecLike, from: number, to: number, opts?: TimingOptions): TimingResult {
  try {
    const s = setup(spec, from, to, opts);
    if ('never' in s) return s;
    if (from <= to) return { seconds: 0 };
    if (to < s.hpa.minReplicas) return { never: true, reason: `minReplicas is ${s.hpa.minReplicas}, above ${to}` };
    if (s.hpa.behavior?.scaleDown.selectPolicy === 'Disabled' && from <= s.hpa.maxReplicas) {
      return { never: true, reason: 'scale-down is disabled (scaleDown.selectPolicy: Disabled)' };
    }
    return run(s, from, to, (r) => r <= to, `down to ${to}`);
  } catch (e) {
    return { never: true, reason: `simulation failed: ${e instanceof Error ? e.message : String(e)}`, invalid: true };
  }
}

/** "30 s", "5 min 30 s", "18 min", "1 h 5 min"; rounds to whole seconds. */
export function formatDuration(seconds: number): string {
  if (typeof seconds !== 'number' || !Number.isFinite(seconds)) return 'forever';
  const total = Math.max(0, Math.round(seconds));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const parts: string[] = [];
  if (h) parts.push(`${h} h`);
  if (m) parts.push(`${m} min`);
  if (s || parts.length === 0) parts.push(`${s} s`);
  return parts.join(' ');
}

/**
 * One line for a code lens or hover: min → max under sustained overload, and back to min once the
 * load is gone, e.g. "2 → 20 in 30 s · back to 2 in 4 min 45 s".
 */
export function describeTiming(spec: HpaSpecLike, opts?: TimingOptions): string {
  try {
    return describe(spec, opts);
  } catch (e) {
    return `cannot simulate: ${e instanceof Error ? e.message : String(e)}`;
  }
}

function describe(spec: HpaSpecLike, opts: TimingOptions | undefined): string {
  const hpa = resolveHpa(spec);
  if ('error' in hpa) return `cannot simulate: ${hpa.error}`;
  const lo = hpa.minReplicas;
  const hi = hpa.maxReplicas;
  if (lo === hi) return `fixed at ${lo} replicas (minReplicas = maxReplicas)`;
  const up = timeToReach(spec, lo, hi, opts);
  const down = timeToSettle(spec, hi, lo, opts);
  const upText = 'seconds' in up ? `${lo} → ${hi} in ${formatDuration(up.seconds)}` : `${lo} → ${hi}: never (${up.reason})`;
  const downText = 'seconds' in down ? `back to ${lo} in ${formatDuration(down.seconds)}` : `never back to ${lo} (${down.reason})`;
  return `${upText} · ${downText}`;
}

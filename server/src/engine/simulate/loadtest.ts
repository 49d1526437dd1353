/**
 * The workflow's four load-test scenarios (scale-infrastructure.md §9) as utilization-driven runs
 * (`scalelint simulate FILE --load spike|ramp|sustained|drop`, the calculator panel's chart).
 *
 * Load is counted in the workflow's "users". By default 1000 users (the workflow's peak) is exactly
 * what maxReplicas serve at the target utilization, so one replica serves 1000 / maxReplicas users
 * (`opts.capacityPerReplica` overrides). The replicas a load needs is load / capacityPerReplica.
 *
 * Every sync the pods' average utilization is `target × needed / replicas` (an integer percent, as
 * the metrics pipeline reports it; capped at `opts.maxUtilization` when given, e.g. a CPU limit), and
 * the controller model turns it into a raw recommendation with the tolerance, then stabilizes and
 * rate-limits it. Pods are ready at once and always report metrics; nothing else limits the load.
 *
 * Scenarios (each begins with 60 s at the starting load, from a controller that has been steady at
 * that load for longer than any window):
 * - spike: 10 users, then 1000 users at once (t = 60 s); run for 10 minutes after the jump.
 * - ramp: 10 users rising linearly to 1000 over 10 minutes (t = 60 s → 660 s), then 5 minutes at 1000.
 * - sustained: 10 users, then 500 users (half the peak) held for 30 minutes.
 * - drop: 500 users (steady, at the replicas they need), then 10 users at t = 60 s; run 15 minutes.
 *
 * The target utilization is `opts.targetUtilization`, else the HPA's first Resource/ContainerResource
 * Utilization target, else 80 (the API default when `metrics` is empty).
 */
import { reconcile, type SyncResult } from './controller';
import { DEFAULT_SYNC_PERIOD_SECONDS, resolveHpa, type ResolvedHpa } from './spec';
import { steadyMemory } from './timing';
import type { HpaSpecLike, StepReason } from './types';

export type LoadTestKind = 'spike' | 'ramp' | 'sustained' | 'drop';
export const LOAD_TEST_KINDS: readonly LoadTestKind[] = ['spike', 'ramp', 'sustained', 'drop'];

export interface LoadTestOptions {
  syncPeriodSeconds?: number;
  /** Target average utilization in percent (default: from the HPA's metrics, else 80). */
  targetUtilization?: number;
  /** Users one replica serves at the target utilization (default 1000 / maxReplicas). */
  capacityPerReplica?: number;
  /** Highest utilization pods can report, in percent (default: no cap). */
  maxUtilization?: number;
}

export interface LoadStep {
  at: number;
  /** Replicas set by this sync. */
  replicas: number;
  reason: StepReason;
  /** Users at this time. */
  load: number;
  /** Replicas the load needs at the target utilization (fractional). */
  requiredReplicas: number;
  /** Average utilization the controller observed at this sync (percent, on the replicas before it). */
  utilization: number;
  /** The raw recommendation before stabilization and limits. */
  rawRecommendation: number;
}

export interface LoadTestResult {
  kind: LoadTestKind;
  description: string;
  syncPeriodSeconds: number;
  targetUtilization: number;
  capacityPerReplica: number;
  steps: LoadStep[];
  summary: {
    peakReplicas: number;
    /** Sync periods (in seconds) after which fewer replicas ran than the load needed. */
    underProvisionedSeconds: number;
    /** Largest gap between needed and running replicas. */
    maxShortfall: number;
  };
}

const LEAD_IN = 60;

interface Shape {
  description: string;
  duration: number;
  load: (t: number) => number;
}

function shape(kind: LoadTestKind): Shape {
  switch (kind) {
    case 'spike':
      return { description: 'Sudden spike: 10 → 1000 users instantly at 1 min, held 10 min', duration: LEAD_IN + 600, load: (t) => (t < LEAD_IN ? 10 : 1000) };
    case 'ramp':
      return {
        description: 'Gradual ramp: 10 → 1000 users over 10 min from 1 min, then held 5 min',
        duration: LEAD_IN + 600 + 300,
        load: (t) => (t <= LEAD_IN ? 10 : t >= LEAD_IN + 600 ? 1000 : 10 + ((1000 - 10) * (t - LEAD_IN)) / 600),
      };
    case 'sustained':
      return { description: 'Sustained load: 500 users from 1 min, held 30 min', duration: LEAD_IN + 1800, load: (t) => (t < LEAD_IN ? 10 : 500) };
    case 'drop':
      return { description: 'Scale down: 500 → 10 users at 1 min, observed 15 min', duration: LEAD_IN + 900, load: (t) => (t < LEAD_IN ? 500 : 10) };
  }
}

function observedUtilization(target: number, required: number, replicas: number, cap: number | undefined): number {
  const u = Math.trunc((target * required) / replicas);
  return cap === undefined ? u : Math.min(u, Math.trunc(cap));
}

function positive(v: unknown, name: string): string | undefined {
  if (v === undefined) return undefined;
  return typeof v === 'number' && Number.isFinite(v) && v > 0 ? undefined : `${name} must be a positive number (got ${String(v)})`;
}

/** Runs one of the four load tests against the HPA; `{error}` on bad input. */
export function loadTest(spec: HpaSpecLike, kind: LoadTestKind, opts?: LoadTestOptions): LoadTestResult | { error: string } {
  try {
    const resolved = resolveHpa(spec);
    if ('error' in resolved) return { error: `invalid HPA: ${resolved.error}` };
    if (!LOAD_TEST_KINDS.includes(kind)) return { error: `unknown load test "${String(kind)}" (expected ${LOAD_TEST_KINDS.join(', ')})` };
    for (const [name, v] of [
      ['syncPeriodSeconds', opts?.syncPeriodSeconds],
      ['targetUtilization', opts?.targetUtilization],
      ['capacityPerReplica', opts?.capacityPerReplica],
      ['maxUtilization', opts?.maxUtilization],
    ] as const) {
      const err = positive(v, name);
      if (err) return { error: err };
    }
    return simulateLoad(resolved, kind, opts ?? {});
  } catch (e) {
    return { error: `simulation failed: ${e instanceof Error ? e.message : String(e)}` };
  }
}

function simulateLoad(hpa: ResolvedHpa, kind: LoadTestKind, opts: LoadTestOptions): LoadTestResult {
  const sync = opts.syncPeriodSeconds ?? DEFAULT_SYNC_PERIOD_SECONDS;
  const target = Math.round(opts.targetUtilization ?? Object.values(hpa.utilizationTargets)[0] ?? 80);
  const capacityPerReplica = opts.capacityPerReplica ?? 1000 / hpa.maxReplicas;
  const { description, duration, load } = shape(kind);
  const required = (t: number) => load(t) / capacityPerReplica;

  // Steady state at the starting load: pods (never fewer than one, so utilization is observable)
  // at the replicas that load needs, and a memory of the raw recommendation that state produces.
  const floor = Math.max(hpa.minReplicas, 1);
  let replicas = Math.min(Math.max(Math.ceil(required(0) - 1e-9), floor), hpa.maxReplicas);
  const startUtil = observedUtilization(target, required(0), replicas, opts.maxUtilization);
  const steadyRaw = reconcile(hpa, steadyMemory(hpa, replicas, sync), replicas, { utilization: { cpu: startUtil }, target: { cpu: target } }, 0).rawRecommendation ?? replicas;
  const memory = steadyMemory(hpa, replicas, sync, steadyRaw);

  const steps: LoadStep[] = [];
  let underProvisioned = 0;
  let maxShortfall = 0;
  let peak = replicas;
  for (let i = 0; i * sync <= duration + 1e-9; i++) {
    const now = i * sync;
    const need = required(now);
    const utilization = replicas > 0 ? observedUtilization(target, need, replicas, opts.maxUtilization) : 0;
    const r: SyncResult = reconcile(hpa, memory, replicas, { utilization: { cpu: utilization }, target: { cpu: target } }, now);
    replicas = r.replicas;
    peak = Math.max(peak, replicas);
    const shortfall = need - replicas;
    if (shortfall > 1e-9) underProvisioned += sync;
    maxShortfall = Math.max(maxShortfall, shortfall);
    steps.push({
      at: now,
      replicas,
      reason: r.reason,
      load: Math.round(load(now) * 100) / 100,
      requiredReplicas: Math.round(need * 100) / 100,
      utilization,
      rawRecommendation: r.rawRecommendation ?? replicas,
    });
  }
  return {
    kind,
    description,
    syncPeriodSeconds: sync,
    targetUtilization: target,
    capacityPerReplica,
    steps,
    summary: { peakReplicas: peak, underProvisionedSeconds: underProvisioned, maxShortfall: Math.round(maxShortfall * 100) / 100 },
  };
}

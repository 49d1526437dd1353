/**
 * Scenario runs (SPEC §4, `scalelint simulate --scenario case.json`).
 *
 * Each step is exactly one controller sync (reconcile) at time `at`: the controller computes the raw
 * recommendation (given, or from utilization with the tolerance), stabilizes it, applies the rate
 * limits and min/max, sets the replica count at once, and records the recommendation and the scale
 * event as upstream does. Nothing happens between steps: to model the controller's 15 s cadence,
 * give one step per sync period (a step without `at` comes one `syncPeriodSeconds` after the
 * previous one, the first at 0).
 *
 * `history` is the controller's whole memory at the first step; its times must be before the first
 * step. Scale events in history are ignored on the legacy path (no `behavior`), as upstream never
 * consults them there.
 */
import { emptyMemory, reconcile, type ControllerMemory, type SyncInput, type SyncResult } from './controller';
import { DEFAULT_SYNC_PERIOD_SECONDS, resolveHpa, type ResolvedHpa } from './spec';
import type { Scenario, StepResult } from './types';

/** Upper bound on steps, so a scenario can never hang the CLI or the editor. */
export const MAX_SCENARIO_STEPS = 100000;
const MAX_INT32 = 2147483647;

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function show(v: unknown): string {
  if (v === undefined) return 'nothing';
  try {
    return JSON.stringify(v) ?? String(v);
  } catch {
    return String(v);
  }
}

function isCount(v: unknown): v is number {
  return typeof v === 'number' && Number.isInteger(v) && v >= 0 && v <= MAX_INT32;
}

function isTime(v: unknown): v is number {
  return typeof v === 'number' && Number.isFinite(v);
}

export interface PreparedScenario {
  hpa: ResolvedHpa;
  syncPeriodSeconds: number;
  currentReplicas: number;
  memory: ControllerMemory;
  steps: ({ at: number } & SyncInput)[];
}

function prepareHistory(raw: unknown, firstAt: number, memory: ControllerMemory): string | undefined {
  if (raw === undefined || raw === null) return undefined;
  if (!isObject(raw)) return `history must be a mapping (got ${show(raw)})`;
  const lists: [key: 'recommendations' | 'scaleUpEvents' | 'scaleDownEvents', field: 'replicas' | 'change'][] = [
    ['recommendations', 'replicas'],
    ['scaleUpEvents', 'change'],
    ['scaleDownEvents', 'change'],
  ];
  for (const [key, field] of lists) {
    const list = raw[key];
    if (list === undefined || list === null) continue;
    if (!Array.isArray(list)) return `history.${key} must be a list (got ${show(list)})`;
    for (let i = 0; i < list.length; i++) {
      const item: unknown = list[i];
      const path = `history.${key}[${i}]`;
      if (!isObject(item)) return `${path} must be a mapping with "at" and "${field}" (got ${show(item)})`;
      if (!isTime(item.at)) return `${path}.at must be a number of seconds (got ${show(item.at)})`;
      if (item.at >= firstAt) return `${path}.at (${item.at}) must be before the first step (at ${firstAt}): history is the past`;
      const value = item[field];
      if (field === 'replicas') {
        if (!isCount(value)) return `${path}.replicas must be a non-negative integer (got ${show(value)})`;
        memory.recommendations.push({ replicas: value, at: item.at });
      } else {
        if (!isCount(value) || value === 0) return `${path}.change must be a positive integer: replicas ${key === 'scaleUpEvents' ? 'added' : 'removed'} (got ${show(value)})`;
        (key === 'scaleUpEvents' ? memory.scaleUpEvents : memory.scaleDownEvents).push({ change: value, at: item.at, outdated: false });
      }
    }
  }
  for (const key of Object.keys(raw)) {
    if (!lists.some(([k]) => k === key)) return `history.${key} is not a history list (expected recommendations, scaleUpEvents, scaleDownEvents)`;
  }
  return undefined;
}

function prepareStep(raw: unknown, index: number, previousAt: number | undefined, sync: number): ({ at: number } & SyncInput) | { error: string } {
  const path = `steps[${index}]`;
  if (!isObject(raw)) return { error: `${path} must be a mapping (got ${show(raw)})` };
  let at: number;
  if (raw.at === undefined || raw.at === null) {
    at = previousAt === undefined ? 0 : previousAt + sync;
  } else {
    if (!isTime(raw.at)) return { error: `${path}.at must be a number of seconds (got ${show(raw.at)})` };
    at = raw.at;
  }
  if (previousAt !== undefined && at <= previousAt) return { error: `${path}.at (${at}) must be after steps[${index - 1}].at (${previousAt})` };
  const hasDesired = raw.desiredReplicas !== undefined;
  const hasUtilization = raw.utilization !== undefined || raw.target !== undefined;
  if (hasDesired && hasUtilization) return { error: `${path} gives both desiredReplicas and utilization: give one` };
  if (hasDesired) {
    if (!isCount(raw.desiredReplicas)) return { error: `${path}.desiredReplicas must be a non-negative integer (got ${show(raw.desiredReplicas)})` };
    return { at, desiredReplicas: raw.desiredReplicas };
  }
  if (!hasUtilization) return { error: `${path} must give desiredReplicas, or utilization with target` };
  const utilization = raw.utilization;
  const target = raw.target;
  if (!isObject(utilization)) return { error: `${path}.utilization must map resource names to observed average utilization in percent (got ${show(utilization)})` };
  if (!isObject(target)) return { error: `${path}.target must map resource names to target average utilization in percent (got ${show(target)})` };
  const names = Object.keys(target);
  if (names.length === 0) return { error: `${path}.target names no resource` };
  const u: Record<string, number> = {};
  const t: Record<string, number> = {};
  for (const name of names) {
    const tv = target[name];
    if (typeof tv !== 'number' || !Number.isInteger(tv) || tv <= 0 || tv > MAX_INT32) {
      return { error: `${path}.target.${name} must be a positive integer percent (got ${show(tv)})` };
    }
    const uv = utilization[name];
    if (uv === undefined) return { error: `${path}.utilization has no value for "${name}", which target names` };
    if (typeof uv !== 'number' || !Number.isFinite(uv) || uv < 0) return { error: `${path}.utilization.${name} must be a non-negative number (got ${show(uv)})` };
    t[name] = tv;
    u[name] = uv;
  }
  for (const name of Object.keys(utilization)) {
    if (!(name in target)) return { error: `${path}.utilization.${name} has no target: add target.${name}` };
  }
  return { at, utilization: u, target: t };
}

/** Validates a scenario into the controller's starting state and its steps, or a clear error. */
export function prepareScenario(s: unknown): PreparedScenario | { error: string } {
  if (!isObject(s)) return { error: `a scenario must be a mapping with hpa, currentReplicas and steps (got ${show(s)})` };
  if (s.hpa === undefined) return { error: 'scenario.hpa is required: the HPA spec or manifest' };
  const hpa = resolveHpa(s.hpa);
  if ('error' in hpa) return { error: `hpa: ${hpa.error}` };
  let sync = DEFAULT_SYNC_PERIOD_SECONDS;
  if (s.syncPeriodSeconds !== undefined && s.syncPeriodSeconds !== null) {
    if (!isTime(s.syncPeriodSeconds) || s.syncPeriodSeconds <= 0) return { error: `syncPeriodSeconds must be a positive number (got ${show(s.syncPeriodSeconds)})` };
    sync = s.syncPeriodSeconds;
  }
  if (!isCount(s.currentReplicas)) return { error: `currentReplicas must be a non-negative integer (got ${show(s.currentReplicas)})` };
  if (!Array.isArray(s.steps)) return { error: `steps must be a list (got ${show(s.steps)})` };
  if (s.steps.length === 0) return { error: 'steps is empty: give at least one step' };
  if (s.steps.length > MAX_SCENARIO_STEPS) return { error: `steps has ${s.steps.length} entries; at most ${MAX_SCENARIO_STEPS} are simulated` };
  const steps: PreparedScenario['steps'] = [];
  let previousAt: number | undefined;
  for (let i = 0; i < s.steps.length; i++) {
    const step = prepareStep(s.steps[i], i, previousAt, sync);
    if ('error' in step) return step;
    steps.push(step);
    previousAt = step.at;
  }
  const memory = emptyMemory();
  const historyError = prepareHistory(s.history, steps[0]!.at, memory);
  if (historyError) return { error: historyError };
  return { hpa, syncPeriodSeconds: sync, currentReplicas: s.currentReplicas, memory, steps };
}

/** Runs prepared steps, mutating the memory; returns every sync's full decision. */
export function runPrepared(p: PreparedScenario): SyncResult[] {
  const out: SyncResult[] = [];
  let replicas = p.currentReplicas;
  for (const step of p.steps) {
    const r = reconcile(p.hpa, p.memory, replicas, step, step.at);
    out.push(r);
    replicas = r.replicas;
  }
  return out;
}

/**
 * Runs a scenario (SPEC §4). Never throws: bad input gives `{error}` naming the field.
 * The result's steps are what `--format json` prints: the replica count set at each step and why.
 */
export function runScenario(s: Scenario): { steps: StepResult[] } | { error: string } {
  try {
    const prepared = prepareScenario(s);
    if ('error' in prepared) return prepared;
    return { steps: runPrepared(prepared).map((r) => ({ at: r.at, replicas: r.replicas, reason: r.reason })) };
  } catch (e) {
    return { error: `simulation failed: ${e instanceof Error ? e.message : String(e)}` };
  }
}

/** Like `runScenario`, with every sync's raw and stabilized recommendation and upstream condition. */
export function runScenarioDetailed(s: Scenario): { steps: SyncResult[] } | { error: string } {
  try {
    const prepared = prepareScenario(s);
    if ('error' in prepared) return prepared;
    return { steps: runPrepared(prepared) };
  } catch (e) {
    return { error: `simulation failed: ${e instanceof Error ? e.message : String(e)}` };
  }
}

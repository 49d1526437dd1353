/**
 * Turning user input (an HPA spec, an HPA manifest or a KEDA ScaledObject) into the fully defaulted
 * spec the controller model works on, with the API server's validation applied, never throwing.
 *
 * Defaulting follows upstream `pkg/apis/autoscaling/v2/defaults.go`:
 * - `minReplicas` absent → 1 (the controller also treats an absent value as 1).
 * - `behavior` absent (or null) → stays absent: the controller then takes its legacy path
 *   (`normalizeDesiredReplicas`: scale-up capped at max(2 × current, 4) per sync, 300 s downscale
 *   stabilization over raw recommendations, no scale events). The API server only fills in defaults
 *   when `behavior` is present (`SetDefaults_HorizontalPodAutoscalerBehavior` checks
 *   `Spec.Behavior != nil`), and `reconcileAutoscaler` branches on `hpa.Spec.Behavior == nil`,
 *   so this is what current Kubernetes does, and what the SPEC asks for.
 * - `behavior` present → each direction's absent fields take the defaults field by field
 *   (`copyHPAScalingRules`): scaleUp window 0 s, policies Pods 4 / 15 s and Percent 100 / 15 s,
 *   selectPolicy Max; scaleDown policy Percent 100 / 15 s, selectPolicy Max, and a window left unset
 *   by the API server that the controller fills with its `--horizontal-pod-autoscaler-downscale-stabilization`
 *   flag (default 300 s, `maybeInitScaleDownStabilizationWindow`). A direction given with `policies`
 *   replaces the default list entirely.
 * - autoscaling/v1 and autoscaling/v2beta1 have no `behavior` field: a manifest of those versions
 *   always takes the legacy path.
 */
import type { ScalingPolicy, SelectPolicy } from './types';

/** The controller's default tolerance on the usage ratio (`--horizontal-pod-autoscaler-tolerance`). */
export const DEFAULT_TOLERANCE = 0.1;
/** The controller's default sync period (`--horizontal-pod-autoscaler-sync-period`). */
export const DEFAULT_SYNC_PERIOD_SECONDS = 15;
/** The controller's `--horizontal-pod-autoscaler-downscale-stabilization` default. */
export const DEFAULT_DOWNSCALE_STABILIZATION_SECONDS = 300;
/** API validation bounds (`pkg/apis/autoscaling/validation`). */
export const MAX_STABILIZATION_WINDOW_SECONDS = 3600;
export const MAX_PERIOD_SECONDS = 1800;
const MAX_INT32 = 2147483647;

export interface ResolvedRules {
  stabilizationWindowSeconds: number;
  selectPolicy: SelectPolicy;
  policies: ScalingPolicy[];
}

export interface ResolvedBehavior {
  scaleUp: ResolvedRules;
  scaleDown: ResolvedRules;
}

export interface Tolerances {
  scaleUp: number;
  scaleDown: number;
}

/** What the controller model needs: every default applied. */
export interface ResolvedHpa {
  minReplicas: number;
  maxReplicas: number;
  /** null: `spec.behavior` absent, the controller's legacy path. */
  behavior: ResolvedBehavior | null;
  tolerances: Tolerances;
  /** Average-utilization targets found in `metrics` (resource name → percent), for load tests. */
  utilizationTargets: Record<string, number>;
}

export function defaultScaleUpRules(): ResolvedRules {
  return {
    stabilizationWindowSeconds: 0,
    selectPolicy: 'Max',
    policies: [
      { type: 'Pods', value: 4, periodSeconds: 15 },
      { type: 'Percent', value: 100, periodSeconds: 15 },
    ],
  };
}

export function defaultScaleDownRules(): ResolvedRules {
  return {
    stabilizationWindowSeconds: DEFAULT_DOWNSCALE_STABILIZATION_SECONDS,
    selectPolicy: 'Max',
    policies: [{ type: 'Percent', value: 100, periodSeconds: 15 }],
  };
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function show(v: unknown): string {
  if (typeof v === 'string') return JSON.stringify(v);
  if (v === undefined) return 'nothing';
  try {
    return JSON.stringify(v) ?? String(v);
  } catch {
    return String(v);
  }
}

function isInt(v: unknown): v is number {
  return typeof v === 'number' && Number.isInteger(v);
}

/** Parses a tolerance: a non-negative number, or a decimal quantity string with an optional `m` (milli) suffix. */
export function parseTolerance(v: unknown): number | undefined {
  if (typeof v === 'number') return Number.isFinite(v) && v >= 0 ? v : undefined;
  if (typeof v !== 'string') return undefined;
  const m = /^\s*(\d+(?:\.\d*)?|\.\d+)(m?)\s*$/.exec(v);
  if (!m) return undefined;
  const n = Number(m[1]);
  return m[2] === 'm' ? n / 1000 : n;
}

function resolveRules(
  raw: unknown,
  path: string,
  defaults: ResolvedRules,
): { rules: ResolvedRules; tolerance?: number } | { error: string } {
  if (raw === undefined || raw === null) return { rules: defaults };
  if (!isObject(raw)) return { error: `${path} must be a mapping (got ${show(raw)})` };
  const rules: ResolvedRules = { ...defaults, policies: defaults.policies.map((p) => ({ ...p })) };
  const window = raw.stabilizationWindowSeconds;
  if (window !== undefined && window !== null) {
    if (!isInt(window) || window < 0 || window > MAX_STABILIZATION_WINDOW_SECONDS) {
      return { error: `${path}.stabilizationWindowSeconds must be an integer from 0 to ${MAX_STABILIZATION_WINDOW_SECONDS} (got ${show(window)})` };
    }
    rules.stabilizationWindowSeconds = window;
  }
  const select = raw.selectPolicy;
  if (select !== undefined && select !== null) {
    if (select !== 'Max' && select !== 'Min' && select !== 'Disabled') {
      return { error: `${path}.selectPolicy must be Max, Min or Disabled (got ${show(select)})` };
    }
    rules.selectPolicy = select;
  }
  const policies = raw.policies;
  if (policies !== undefined && policies !== null) {
    if (!Array.isArray(policies)) return { error: `${path}.policies must be a list (got ${show(policies)})` };
    if (policies.length === 0) return { error: `${path}.policies must specify at least one policy` };
    const out: ScalingPolicy[] = [];
    for (let i = 0; i < policies.length; i++) {
      const p: unknown = policies[i];
      const pp = `${path}.policies[${i}]`;
      if (!isObject(p)) return { error: `${pp} must be a mapping (got ${show(p)})` };
      if (p.type !== 'Pods' && p.type !== 'Percent') return { error: `${pp}.type must be Pods or Percent (got ${show(p.type)})` };
      if (!isInt(p.value) || p.value <= 0 || p.value > MAX_INT32) return { error: `${pp}.value must be an integer greater than zero (got ${show(p.value)})` };
      if (!isInt(p.periodSeconds) || p.periodSeconds <= 0 || p.periodSeconds > MAX_PERIOD_SECONDS) {
        return { error: `${pp}.periodSeconds must be an integer from 1 to ${MAX_PERIOD_SECONDS} (got ${show(p.periodSeconds)})` };
      }
      out.push({ type: p.type, value: p.value, periodSeconds: p.periodSeconds });
    }
    rules.policies = out;
  }
  let tolerance: number | undefined;
  if (raw.tolerance !== undefined && raw.tolerance !== null) {
    tolerance = parseTolerance(raw.tolerance);
    if (tolerance === undefined) return { error: `${path}.tolerance must be a non-negative number or quantity such as "0.05" or "50m" (got ${show(raw.tolerance)})` };
  }
  return { rules, tolerance };
}

function utilizationTargets(metrics: unknown, legacyCpu: unknown): Record<string, number> {
  const out: Record<string, number> = {};
  if (Array.isArray(metrics)) {
    for (const m of metrics) {
      if (!isObject(m)) continue;
      const src = isObject(m.resource) ? m.resource : isObject(m.containerResource) ? m.containerResource : undefined;
      if (!src || typeof src.name !== 'string') continue;
      const target = isObject(src.target) ? src.target.averageUtilization : src.targetAverageUtilization;
      if (isInt(target) && target > 0 && out[src.name] === undefined) out[src.name] = target;
    }
  }
  if (isInt(legacyCpu) && legacyCpu > 0 && out.cpu === undefined) out.cpu = legacyCpu;
  return out;
}

/**
 * Resolves an HPA spec, HorizontalPodAutoscaler manifest or KEDA ScaledObject into a fully defaulted
 * spec, or a clear error. A ScaledObject maps as KEDA builds its HPA: `minReplicaCount` (default 0,
 * and the HPA never goes below 1) and `maxReplicaCount` (default 100), behavior from
 * `advanced.horizontalPodAutoscalerConfig.behavior`.
 */
export function resolveHpa(input: unknown): ResolvedHpa | { error: string } {
  if (!isObject(input)) return { error: `hpa must be a mapping: an HPA spec or a whole manifest (got ${show(input)})` };
  let spec: Record<string, unknown> = input;
  let apiVersion: string | undefined;
  let kind: string | undefined;
  if (isObject(input.spec) && input.maxReplicas === undefined) {
    spec = input.spec;
    apiVersion = typeof input.apiVersion === 'string' ? input.apiVersion : undefined;
    kind = typeof input.kind === 'string' ? input.kind : undefined;
  }
  if (kind !== undefined && kind !== 'HorizontalPodAutoscaler' && kind !== 'ScaledObject') {
    return { error: `hpa is a ${kind}, not a HorizontalPodAutoscaler or ScaledObject` };
  }

  let minRaw: unknown;
  let maxRaw: unknown;
  let behaviorRaw: unknown;
  let minPath = 'minReplicas';
  let maxPath = 'maxReplicas';
  let behaviorPath = 'behavior';
  let minDefault = 1;
  let maxDefault: number | undefined;
  if (kind === 'ScaledObject') {
    minRaw = spec.minReplicaCount;
    maxRaw = spec.maxReplicaCount;
    minPath = 'minReplicaCount';
    maxPath = 'maxReplicaCount';
    minDefault = 0;
    maxDefault = 100;
    const advanced = isObject(spec.advanced) ? spec.advanced : undefined;
    const hpaConfig = advanced && isObject(advanced.horizontalPodAutoscalerConfig) ? advanced.horizontalPodAutoscalerConfig : undefined;
    behaviorRaw = hpaConfig?.behavior;
    behaviorPath = 'advanced.horizontalPodAutoscalerConfig.behavior';
  } else {
    minRaw = spec.minReplicas;
    maxRaw = spec.maxReplicas;
    // autoscaling/v1 and v2beta1 have no behavior field: the API server drops it.
    behaviorRaw = apiVersion === 'autoscaling/v1' || apiVersion === 'autoscaling/v2beta1' ? undefined : spec.behavior;
  }

  let minReplicas = minDefault;
  if (minRaw !== undefined && minRaw !== null) {
    if (!isInt(minRaw) || minRaw < 0 || minRaw > MAX_INT32) return { error: `${minPath} must be a non-negative integer (got ${show(minRaw)})` };
    minReplicas = minRaw;
  }
  let maxReplicas: number;
  if (maxRaw === undefined || maxRaw === null) {
    if (maxDefault === undefined) return { error: `${maxPath} is required` };
    maxReplicas = maxDefault;
  } else {
    if (!isInt(maxRaw) || maxRaw < 1 || maxRaw > MAX_INT32) return { error: `${maxPath} must be an integer of at least 1 (got ${show(maxRaw)})` };
    maxReplicas = maxRaw;
  }
  if (kind === 'ScaledObject') minReplicas = Math.max(minReplicas, 1);
  if (minReplicas > maxReplicas) return { error: `${maxPath} (${maxReplicas}) must not be below ${minPath} (${minReplicas})` };

  const tolerances: Tolerances = { scaleUp: DEFAULT_TOLERANCE, scaleDown: DEFAULT_TOLERANCE };
  let behavior: ResolvedBehavior | null = null;
  if (behaviorRaw !== undefined && behaviorRaw !== null) {
    if (!isObject(behaviorRaw)) return { error: `${behaviorPath} must be a mapping (got ${show(behaviorRaw)})` };
    const up = resolveRules(behaviorRaw.scaleUp, `${behaviorPath}.scaleUp`, defaultScaleUpRules());
    if ('error' in up) return up;
    const down = resolveRules(behaviorRaw.scaleDown, `${behaviorPath}.scaleDown`, defaultScaleDownRules());
    if ('error' in down) return down;
    behavior = { scaleUp: up.rules, scaleDown: down.rules };
    if (up.tolerance !== undefined) tolerances.scaleUp = up.tolerance;
    if (down.tolerance !== undefined) tolerances.scaleDown = down.tolerance;
  }

  return { minReplicas, maxReplicas, behavior, tolerances, utilizationTargets: utilizationTargets(spec.metrics, spec.targetCPUUtilizationPercentage) };
}

/**
 * A model of the Kubernetes HPA controller (`pkg/controller/podautoscaler`, horizontal.go and
 * replica_calculator.go), one reconcile at a time, on a simulated clock in seconds.
 *
 * Written from the upstream behaviour, not copied. The facts it reproduces:
 *
 * Usage ratio (replica_calculator.go, `Tolerances.isWithin`): the ratio is within tolerance when
 * `1 - tolDown <= ratio <= 1 + tolUp` (tolerances 0.1 unless behavior sets them); within tolerance
 * the proposal is the current count, otherwise `ceil(ratio * readyPods)`. Resource utilization is an
 * integer percent upstream (`int32(sum(usage) * 100 / sum(requests))`), so utilizations are truncated.
 * With several metrics, the largest proposal wins.
 *
 * reconcileAutoscaler short-circuits, before any metric is read:
 * - current replicas 0 and minReplicas ≠ 0: autoscaling disabled, nothing changes (ScalingDisabled);
 * - current replicas 0 and minReplicas 0 (HPAScaleToZero): metrics are consulted as usual; a
 *   utilization cannot be observed on 0 pods, so such a step changes nothing (upstream fails to get
 *   resource metrics), while a given raw recommendation scales from zero;
 * - current > maxReplicas: set to maxReplicas; current < minReplicas: set to minReplicas.
 *   Neither records a recommendation; both record a scale event when `behavior` is set.
 *
 * With `behavior` (normalizeDesiredReplicasWithBehaviors):
 * 1. stabilizeRecommendationWithBehaviors: over stored recommendations with timestamp strictly after
 *    `now - scaleUp window`, take the minimum (with the new raw recommendation); strictly after
 *    `now - scaleDown window`, the maximum. The result is the current count clamped into
 *    [that minimum, that maximum]. Then the raw recommendation is stored: it overwrites the *last*
 *    stored entry that is strictly older than both cutoffs, or is appended when there is none.
 * 2. convertDesiredReplicasWithBehaviorRate: scaling up, the limit is computed per policy from
 *    `periodStartReplicas = current - (scale-up changes) + (scale-down changes)`, counting the events
 *    with timestamp strictly after `now - periodSeconds`; Pods: `periodStart + value`;
 *    Percent: `ceil(periodStart * (1 + value/100))`; selectPolicy Max takes the largest, Min the
 *    smallest, Disabled returns the current count. A limit below the current count becomes the current
 *    count. The cap is min(maxReplicas, limit): ScaleUpLimit when the limit is below maxReplicas,
 *    else TooManyReplicas. Scaling down mirrors it: Pods `periodStart - value`, Percent
 *    `trunc(periodStart * (1 - value/100))`, Max takes the smallest, Min the largest, a limit above
 *    the current count becomes the current count; the floor is max(minReplicas, limit)
 *    (ScaleDownLimit when the limit is above minReplicas, else TooFewReplicas).
 * 3. storeScaleEvent (only when the count changes): events older than the direction's longest policy
 *    period are marked outdated (strictly before the cutoff); the new event overwrites the last
 *    outdated one, or is appended. Its change is the absolute difference.
 *
 * Without `behavior` (normalizeDesiredReplicas, the legacy path): stabilizeRecommendation takes the
 * maximum of the raw recommendation and stored ones not strictly older than `now - 300 s`, stores the
 * raw recommendation the same way; convertDesiredReplicasWithRules clamps to minReplicas and to
 * min(maxReplicas, max(2 × current, 4)) (ScaleUpLimit when that cap is below maxReplicas, else
 * TooManyReplicas); no scale events are stored.
 *
 * Deliberate difference: upstream's `recordInitialRecommendation` stores the current count as a
 * recommendation the first time a freshly started controller meets an HPA. The SPEC makes the given
 * history the controller's whole memory ("no initial recommendation beyond those listed"), so nothing
 * is added here; to model a freshly started controller, list the current count as a history
 * recommendation just before the first step.
 */
import type { ResolvedBehavior, ResolvedHpa, ResolvedRules, Tolerances } from './spec';
import { DEFAULT_DOWNSCALE_STABILIZATION_SECONDS } from './spec';
import type { StepReason } from './types';

const MAX_INT32 = 2147483647;
const MIN_INT32 = -2147483648;

/** `timestampedRecommendation`. */
export interface TimestampedRecommendation {
  replicas: number;
  at: number;
}

/** `timestampedScaleEvent`: change is the absolute number of replicas added or removed. */
export interface TimestampedScaleEvent {
  change: number;
  at: number;
  outdated: boolean;
}

/** What the controller remembers between reconciles, for one HPA. */
export interface ControllerMemory {
  recommendations: TimestampedRecommendation[];
  scaleUpEvents: TimestampedScaleEvent[];
  scaleDownEvents: TimestampedScaleEvent[];
}

export function emptyMemory(): ControllerMemory {
  return { recommendations: [], scaleUpEvents: [], scaleDownEvents: [] };
}

/** Upstream `ScalingLimited` condition reasons. */
export type LimitCondition = 'DesiredWithinRange' | 'ScaleUpLimit' | 'ScaleDownLimit' | 'TooManyReplicas' | 'TooFewReplicas';

/** `Tolerances.isWithin`. */
export function isWithinTolerance(usageRatio: number, tolerances: Tolerances): boolean {
  return 1.0 - tolerances.scaleDown <= usageRatio && usageRatio <= 1.0 + tolerances.scaleUp;
}

/**
 * The replica proposal of one resource Utilization metric when every pod is ready and reports
 * (GetResourceReplicas' plain case): the current count within tolerance, else ceil(ratio × pods).
 * `utilization` is truncated to an integer percent, as the metrics client computes it.
 */
export function resourceReplicaProposal(currentReplicas: number, utilization: number, targetUtilization: number, tolerances: Tolerances): number {
  const observed = Math.trunc(utilization);
  const usageRatio = observed / targetUtilization;
  if (isWithinTolerance(usageRatio, tolerances)) return currentReplicas;
  return Math.ceil(usageRatio * currentReplicas);
}

/** `getReplicasChangePerPeriod`: the sum of changes of events strictly after `now - periodSeconds`. */
export function getReplicasChangePerPeriod(periodSeconds: number, events: readonly TimestampedScaleEvent[], now: number): number {
  const cutoff = now - periodSeconds;
  let replicas = 0;
  for (const e of events) if (e.at > cutoff) replicas += e.change;
  return replicas;
}

/** `calculateScaleUpLimitWithScalingRules`. */
export function calculateScaleUpLimitWithScalingRules(
  currentReplicas: number,
  scaleUpEvents: readonly TimestampedScaleEvent[],
  scaleDownEvents: readonly TimestampedScaleEvent[],
  rules: ResolvedRules,
  now: number,
): number {
  if (rules.selectPolicy === 'Disabled') return currentReplicas;
  const pickMin = rules.selectPolicy === 'Min';
  let result = pickMin ? MAX_INT32 : MIN_INT32;
  for (const policy of rules.policies) {
    const added = getReplicasChangePerPeriod(policy.periodSeconds, scaleUpEvents, now);
    const deleted = getReplicasChangePerPeriod(policy.periodSeconds, scaleDownEvents, now);
    const periodStartReplicas = currentReplicas - added + deleted;
    const proposed =
      policy.type === 'Pods' ? periodStartReplicas + policy.value : Math.ceil(periodStartReplicas * (1 + policy.value / 100));
    result = pickMin ? Math.min(result, proposed) : Math.max(result, proposed);
  }
  return result;
}

/** `calculateScaleDownLimitWithBehaviors`. */
export function calculateScaleDownLimitWithBehaviors(
  currentReplicas: number,
  scaleUpEvents: readonly TimestampedScaleEvent[],
  scaleDownEvents: readonly TimestampedScaleEvent[],
  rules: ResolvedRules,
  now: number,
): number {
  if (rules.selectPolicy === 'Disabled') return currentReplicas;
  const pickMax = rules.selectPolicy === 'Min';
  let result = pickMax ? MIN_INT32 : MAX_INT32;
  for (const policy of rules.policies) {
    const added = getReplicasChangePerPeriod(policy.periodSeconds, scaleUpEvents, now);
    const deleted = getReplicasChangePerPeriod(policy.periodSeconds, scaleDownEvents, now);
    const periodStartReplicas = currentReplicas - added + deleted;
    const proposed =
      policy.type === 'Pods' ? periodStartReplicas - policy.value : Math.trunc(periodStartReplicas * (1 - policy.value / 100));
    result = pickMax ? Math.max(result, proposed) : Math.min(result, proposed);
  }
  return result;
}

export interface NormalizationArgs {
  currentReplicas: number;
  desiredReplicas: number;
  minReplicas: number;
  maxReplicas: number;
  behavior: ResolvedBehavior;
}

/**
 * `stabilizeRecommendationWithBehaviors`: returns the stabilized recommendation and stores the raw one
 * in `recommendations` (mutated, as upstream mutates its map).
 */
export function stabilizeRecommendationWithBehaviors(
  recommendations: TimestampedRecommendation[],
  args: NormalizationArgs,
  now: number,
): { replicas: number; reason: 'ScaleUpStabilized' | 'ScaleDownStabilized' } {
  const upCutoff = now - args.behavior.scaleUp.stabilizationWindowSeconds;
  const downCutoff = now - args.behavior.scaleDown.stabilizationWindowSeconds;
  let upRecommendation = args.desiredReplicas;
  let downRecommendation = args.desiredReplicas;
  let oldSampleIndex = -1;
  recommendations.forEach((rec, i) => {
    if (rec.at > upCutoff) upRecommendation = Math.min(rec.replicas, upRecommendation);
    if (rec.at > downCutoff) downRecommendation = Math.max(rec.replicas, downRecommendation);
    if (rec.at < upCutoff && rec.at < downCutoff) oldSampleIndex = i;
  });
  let recommendation = args.currentReplicas;
  if (recommendation < upRecommendation) recommendation = upRecommendation;
  if (recommendation > downRecommendation) recommendation = downRecommendation;
  const stored: TimestampedRecommendation = { replicas: args.desiredReplicas, at: now };
  if (oldSampleIndex >= 0) recommendations[oldSampleIndex] = stored;
  else recommendations.push(stored);
  return { replicas: recommendation, reason: args.desiredReplicas >= args.currentReplicas ? 'ScaleUpStabilized' : 'ScaleDownStabilized' };
}

/** `convertDesiredReplicasWithBehaviorRate` (`args.desiredReplicas` is the stabilized recommendation). */
export function convertDesiredReplicasWithBehaviorRate(
  args: NormalizationArgs,
  memory: Pick<ControllerMemory, 'scaleUpEvents' | 'scaleDownEvents'>,
  now: number,
): { replicas: number; condition: LimitCondition } {
  const { currentReplicas, desiredReplicas } = args;
  if (desiredReplicas > currentReplicas) {
    let scaleUpLimit = calculateScaleUpLimitWithScalingRules(currentReplicas, memory.scaleUpEvents, memory.scaleDownEvents, args.behavior.scaleUp, now);
    if (scaleUpLimit < currentReplicas) scaleUpLimit = currentReplicas;
    let maximumAllowed = args.maxReplicas;
    let condition: LimitCondition;
    if (maximumAllowed > scaleUpLimit) {
      maximumAllowed = scaleUpLimit;
      condition = 'ScaleUpLimit';
    } else {
      condition = 'TooManyReplicas';
    }
    if (desiredReplicas > maximumAllowed) return { replicas: maximumAllowed, condition };
  } else if (desiredReplicas < currentReplicas) {
    let scaleDownLimit = calculateScaleDownLimitWithBehaviors(currentReplicas, memory.scaleUpEvents, memory.scaleDownEvents, args.behavior.scaleDown, now);
    if (scaleDownLimit > currentReplicas) scaleDownLimit = currentReplicas;
    let minimumAllowed = args.minReplicas;
    let condition: LimitCondition;
    if (minimumAllowed < scaleDownLimit) {
      minimumAllowed = scaleDownLimit;
      condition = 'ScaleDownLimit';
    } else {
      condition = 'TooFewReplicas';
    }
    if (desiredReplicas < minimumAllowed) return { replicas: minimumAllowed, condition };
  }
  return { replicas: desiredReplicas, condition: 'DesiredWithinRange' };
}

/** `calculateScaleUpLimit` (legacy path): max(2 × current, 4). */
export function calculateScaleUpLimit(currentReplicas: number): number {
  return Math.trunc(Math.max(2.0 * currentReplicas, 4.0));
}

/** `convertDesiredReplicasWithRules` (legacy path). */
export function convertDesiredReplicasWithRules(
  currentReplicas: number,
  desiredReplicas: number,
  minReplicas: number,
  maxReplicas: number,
): { replicas: number; condition: LimitCondition } {
  const scaleUpLimit = calculateScaleUpLimit(currentReplicas);
  let maximumAllowed: number;
  let condition: LimitCondition;
  if (maxReplicas > scaleUpLimit) {
    maximumAllowed = scaleUpLimit;
    condition = 'ScaleUpLimit';
  } else {
    maximumAllowed = maxReplicas;
    condition = 'TooManyReplicas';
  }
  if (desiredReplicas < minReplicas) return { replicas: minReplicas, condition: 'TooFewReplicas' };
  if (desiredReplicas > maximumAllowed) return { replicas: maximumAllowed, condition };
  return { replicas: desiredReplicas, condition: 'DesiredWithinRange' };
}

/**
 * `stabilizeRecommendation` (legacy path): the maximum of the raw recommendation and the stored ones
 * not strictly older than `now - windowSeconds`; stores the raw recommendation.
 */
export function stabilizeRecommendation(
  recommendations: TimestampedRecommendation[],
  desiredReplicas: number,
  now: number,
  windowSeconds: number = DEFAULT_DOWNSCALE_STABILIZATION_SECONDS,
): number {
  const cutoff = now - windowSeconds;
  let maxRecommendation = desiredReplicas;
  let oldSampleIndex = -1;
  recommendations.forEach((rec, i) => {
    if (rec.at < cutoff) oldSampleIndex = i;
    else if (rec.replicas > maxRecommendation) maxRecommendation = rec.replicas;
  });
  const stored: TimestampedRecommendation = { replicas: desiredReplicas, at: now };
  if (oldSampleIndex >= 0) recommendations[oldSampleIndex] = stored;
  else recommendations.push(stored);
  return maxRecommendation;
}

function longestPolicyPeriod(rules: ResolvedRules): number {
  let longest = 0;
  for (const p of rules.policies) if (p.periodSeconds > longest) longest = p.periodSeconds;
  return longest;
}

/** `markScaleEventsOutdated`. */
export function markScaleEventsOutdated(events: TimestampedScaleEvent[], longestPeriodSeconds: number, now: number): void {
  const cutoff = now - longestPeriodSeconds;
  for (const e of events) if (e.at < cutoff) e.outdated = true;
}

/** `storeScaleEvent`: nothing without behavior; otherwise adds the event or overwrites the last outdated one. */
export function storeScaleEvent(behavior: ResolvedBehavior | null, memory: ControllerMemory, prevReplicas: number, newReplicas: number, now: number): void {
  if (!behavior) return;
  const up = newReplicas > prevReplicas;
  const events = up ? memory.scaleUpEvents : memory.scaleDownEvents;
  markScaleEventsOutdated(events, longestPolicyPeriod(up ? behavior.scaleUp : behavior.scaleDown), now);
  let oldSampleIndex = -1;
  events.forEach((e, i) => {
    if (e.outdated) oldSampleIndex = i;
  });
  const event: TimestampedScaleEvent = { change: up ? newReplicas - prevReplicas : prevReplicas - newReplicas, at: now, outdated: false };
  if (oldSampleIndex >= 0) events[oldSampleIndex] = event;
  else events.push(event);
}

/** The input of one reconcile: the metrics' raw recommendation, or observed utilizations. */
export type SyncInput =
  | { desiredReplicas: number }
  | { utilization: Record<string, number>; target: Record<string, number> };

/** Everything one reconcile decided. */
export interface SyncResult {
  at: number;
  /** Replica count before the reconcile. */
  previousReplicas: number;
  /** Replica count set (or kept). */
  replicas: number;
  reason: StepReason;
  /**
   * Upstream condition reason behind `reason`: a ScalingLimited reason (DesiredWithinRange,
   * ScaleUpLimit, …) on the normal path; ScalingDisabled, or the short-circuit's TooManyReplicas /
   * TooFewReplicas otherwise; NoMetrics when utilization cannot be observed on 0 pods.
   */
  condition: LimitCondition | 'ScalingDisabled' | 'NoMetrics';
  /** The metrics' raw recommendation (undefined when metrics were not consulted). */
  rawRecommendation?: number;
  /** The recommendation after the stabilization window (undefined when not reached). */
  stabilizedRecommendation?: number;
}

/**
 * One reconcile of `reconcileAutoscaler`, from the metrics' output on: mutates `memory`, returns the
 * decision. `currentReplicas` is the target's `spec.replicas` as read from its scale subresource.
 */
export function reconcile(hpa: ResolvedHpa, memory: ControllerMemory, currentReplicas: number, input: SyncInput, now: number): SyncResult {
  const { minReplicas, maxReplicas, behavior } = hpa;
  const base = { at: now, previousReplicas: currentReplicas };

  if (currentReplicas === 0 && minReplicas !== 0) {
    return { ...base, replicas: 0, reason: 'none', condition: 'ScalingDisabled' };
  }
  if (currentReplicas > maxReplicas || currentReplicas < minReplicas) {
    const replicas = currentReplicas > maxReplicas ? maxReplicas : minReplicas;
    storeScaleEvent(behavior, memory, currentReplicas, replicas, now);
    const limit = currentReplicas > maxReplicas ? 'TooManyReplicas' : 'TooFewReplicas';
    return { ...base, replicas, reason: limit, condition: limit };
  }

  let metricDesired: number;
  if ('desiredReplicas' in input) {
    metricDesired = input.desiredReplicas;
  } else {
    if (currentReplicas === 0) {
      // No pods, no resource metrics: upstream fails to compute a recommendation and changes nothing.
      return { ...base, replicas: 0, reason: 'none', condition: 'NoMetrics' };
    }
    metricDesired = 0;
    for (const name of Object.keys(input.target)) {
      const proposal = resourceReplicaProposal(currentReplicas, input.utilization[name] ?? 0, input.target[name] ?? 1, hpa.tolerances);
      if (metricDesired === 0 || proposal > metricDesired) metricDesired = proposal;
    }
  }
  const desired = Math.max(0, metricDesired);

  let stabilized: number;
  let limited: { replicas: number; condition: LimitCondition };
  if (behavior === null) {
    stabilized = stabilizeRecommendation(memory.recommendations, desired, now);
    limited = convertDesiredReplicasWithRules(currentReplicas, stabilized, minReplicas, maxReplicas);
  } else {
    const args: NormalizationArgs = { currentReplicas, desiredReplicas: desired, minReplicas, maxReplicas, behavior };
    stabilized = stabilizeRecommendationWithBehaviors(memory.recommendations, args, now).replicas;
    limited = convertDesiredReplicasWithBehaviorRate({ ...args, desiredReplicas: stabilized }, memory, now);
  }

  const replicas = limited.replicas;
  if (replicas !== currentReplicas) storeScaleEvent(behavior, memory, currentReplicas, replicas, now);
  let reason: StepReason;
  if (replicas !== stabilized) reason = limited.condition === 'DesiredWithinRange' ? 'none' : limited.condition;
  else if (stabilized !== desired) reason = 'stabilized';
  else reason = 'none';
  return { ...base, replicas, reason, condition: limited.condition, rawRecommendation: desired, stabilizedRecommendation: stabilized };
}

/** The longest stabilization window the controller consults for this HPA. */
export function longestWindowSeconds(hpa: ResolvedHpa): number {
  if (!hpa.behavior) return DEFAULT_DOWNSCALE_STABILIZATION_SECONDS;
  return Math.max(hpa.behavior.scaleUp.stabilizationWindowSeconds, hpa.behavior.scaleDown.stabilizationWindowSeconds);
}

/** The longest policy period the controller consults for this HPA (0 on the legacy path). */
export function longestPeriodSeconds(hpa: ResolvedHpa): number {
  if (!hpa.behavior) return 0;
  return Math.max(longestPolicyPeriod(hpa.behavior.scaleUp), longestPolicyPeriod(hpa.behavior.scaleDown));
}

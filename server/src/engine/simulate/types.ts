/**
 * Public types of the HPA simulator (SPEC §4).
 *
 * The shapes follow the Kubernetes `autoscaling/v2` API (`HorizontalPodAutoscalerSpec`,
 * `HorizontalPodAutoscalerBehavior`, `HPAScalingRules`, `HPAScalingPolicy`).
 */

export type ScalingPolicyType = 'Pods' | 'Percent';
export type SelectPolicy = 'Max' | 'Min' | 'Disabled';

export interface ScalingPolicy {
  type: ScalingPolicyType;
  value: number;
  periodSeconds: number;
}

/** `HPAScalingRules`: every field optional, absent fields take the API defaults (SPEC §2). */
export interface ScalingRules {
  stabilizationWindowSeconds?: number;
  selectPolicy?: SelectPolicy;
  policies?: ScalingPolicy[];
  /**
   * Per-direction tolerance (Kubernetes ≥ 1.33, feature HPAConfigurableTolerance): a number such as
   * 0.05, or a quantity string such as "0.05" or "50m". Absent: the controller's 0.1.
   */
  tolerance?: number | string;
}

/** `HorizontalPodAutoscalerBehavior`. */
export interface Behavior {
  scaleUp?: ScalingRules;
  scaleDown?: ScalingRules;
}

export interface HpaSpecLike {
  minReplicas?: number;
  maxReplicas: number;
  behavior?: Behavior;
  /** Only read by `loadTest` (to find the Utilization target); never validated. */
  metrics?: unknown[];
}

export interface ScenarioHistory {
  recommendations?: { at: number; replicas: number }[];
  scaleUpEvents?: { at: number; change: number }[];
  scaleDownEvents?: { at: number; change: number }[];
}

export type ScenarioStep =
  | { at: number; desiredReplicas: number }
  | { at: number; utilization: Record<string, number>; target: Record<string, number> };

export interface Scenario {
  /** The HPA's `spec`, or a whole manifest (HorizontalPodAutoscaler or KEDA ScaledObject) with `spec`. */
  hpa: any;
  /** Controller sync period; default 15. Used for steps that omit `at` (previous `at` + sync period). */
  syncPeriodSeconds?: number;
  /** The target's replica count (its scale subresource's `spec.replicas`) before the first step. */
  currentReplicas: number;
  /** The controller's whole memory at the first step (times are relative to the first step: negative). */
  history?: ScenarioHistory;
  /** One controller sync (reconcile) per step, in increasing `at` order. */
  steps: ScenarioStep[];
}

/**
 * Why the replica count set at a step is what it is (SPEC §4):
 * - `ScaleUpLimit`: a scaleUp policy (or, without `behavior`, the legacy max(2 × current, 4) cap) limited the increase;
 * - `ScaleDownLimit`: a scaleDown policy limited the decrease (also: scaleDown `selectPolicy: Disabled`);
 * - `TooManyReplicas`: capped at maxReplicas (also: current replicas above maxReplicas, brought down to it);
 * - `TooFewReplicas`: raised to minReplicas (also: current replicas below minReplicas, brought up to it);
 * - `stabilized`: the stabilization window replaced the raw recommendation, and no limit applied afterwards;
 * - `none`: the raw recommendation was applied as is (or, replicas are 0 and minReplicas is not: scaling disabled).
 * These are the upstream `ScalingLimited` condition reasons plus `stabilized`/`none`.
 */
export type StepReason = 'ScaleUpLimit' | 'ScaleDownLimit' | 'TooFewReplicas' | 'TooManyReplicas' | 'stabilized' | 'none';

export const STEP_REASONS: readonly StepReason[] = ['ScaleUpLimit', 'ScaleDownLimit', 'TooFewReplicas', 'TooManyReplicas', 'stabilized', 'none'];

export interface StepResult {
  at: number;
  replicas: number;
  reason: StepReason;
}

/** Outcome of `timeToReach`/`timeToSettle`. `invalid` marks a `never` caused by bad input rather than by the HPA. */
export type TimingResult = { seconds: number } | { never: true; reason: string; invalid?: true };

export interface TimingOptions {
  /** Controller sync period; default 15. */
  syncPeriodSeconds?: number;
  /** Give up after this simulated time; default 86400 (one day). */
  maxSeconds?: number;
}

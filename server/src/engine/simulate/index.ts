/**
 * ScaleLint's HPA simulator (SPEC §4): one faithful model of the Kubernetes HPA controller, used by
 * `scale-up-speed`, code lenses/hover, the calculator chart and `scalelint simulate`.
 * Pure TypeScript: no Node built-ins, no editor or LSP APIs.
 */
export type {
  Behavior,
  HpaSpecLike,
  Scenario,
  ScenarioHistory,
  ScenarioStep,
  ScalingPolicy,
  ScalingPolicyType,
  ScalingRules,
  SelectPolicy,
  StepReason,
  StepResult,
  TimingOptions,
  TimingResult,
} from './types';
export { STEP_REASONS } from './types';
export { runScenario, runScenarioDetailed, prepareScenario, MAX_SCENARIO_STEPS } from './scenario';
export { timeToReach, timeToSettle, describeTiming, formatDuration, DEFAULT_MAX_SECONDS } from './timing';
export { loadTest, LOAD_TEST_KINDS } from './loadtest';
export type { LoadTestKind, LoadTestOptions, LoadTestResult, LoadStep } from './loadtest';
export {
  resolveHpa,
  parseTolerance,
  defaultScaleUpRules,
  defaultScaleDownRules,
  DEFAULT_TOLERANCE,
  DEFAULT_SYNC_PERIOD_SECONDS,
  DEFAULT_DOWNSCALE_STABILIZATION_SECONDS,
} from './spec';
export type { ResolvedHpa, ResolvedBehavior, ResolvedRules, Tolerances } from './spec';
export {
  reconcile,
  emptyMemory,
  isWithinTolerance,
  resourceReplicaProposal,
  getReplicasChangePerPeriod,
  calculateScaleUpLimitWithScalingRules,
  calculateScaleDownLimitWithBehaviors,
  stabilizeRecommendationWithBehaviors,
  convertDesiredReplicasWithBehaviorRate,
  convertDesiredReplicasWithRules,
  calculateScaleUpLimit,
  stabilizeRecommendation,
  storeScaleEvent,
  markScaleEventsOutdated,
} from './controller';
export type { ControllerMemory, TimestampedRecommendation, TimestampedScaleEvent, SyncInput, SyncResult, LimitCondition } from './controller';
export { summarizeLoadTest } from './summary';
export type { LoadTestSummary } from './summary';

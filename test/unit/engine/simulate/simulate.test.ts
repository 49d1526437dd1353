/**
 * The HPA simulator (SPEC §4) against the upstream controller's own test tables.
 *
 * Cases marked "upstream" are ported (inputs and expected numbers) from kubernetes/kubernetes
 * pkg/controller/podautoscaler/horizontal_test.go and replica_calculator_test.go; the tables are
 * re-expressed for this model's API (times in seconds relative to `now` = 0). Upstream test helpers
 * place scale events with generateEventsUniformDistribution: n events over the last P seconds sit at
 * the middle of n equal segments; `uniformEvents` reproduces those times.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  calculateScaleDownLimitWithBehaviors,
  calculateScaleUpLimitWithScalingRules,
  convertDesiredReplicasWithBehaviorRate,
  convertDesiredReplicasWithRules,
  defaultScaleDownRules,
  defaultScaleUpRules,
  describeTiming,
  formatDuration,
  getReplicasChangePerPeriod,
  loadTest,
  resolveHpa,
  resourceReplicaProposal,
  runScenario,
  runScenarioDetailed,
  stabilizeRecommendation,
  stabilizeRecommendationWithBehaviors,
  storeScaleEvent,
  timeToReach,
  timeToSettle,
  type HpaSpecLike,
  type ResolvedBehavior,
  type ResolvedRules,
  type Scenario,
  type TimestampedRecommendation,
  type TimestampedScaleEvent,
} from '../../../../server/src/engine/simulate/index';

// ---------------------------------------------------------------------------------------------
// helpers

/** Port of upstream generateScalingRules: Pods and/or Percent policies, selectPolicy Max. */
function rules(pods: number, podsPeriod: number, percent: number, percentPeriod: number, window: number): ResolvedRules {
  const policies: ResolvedRules['policies'] = [];
  if (pods !== 0) policies.push({ type: 'Pods', value: pods, periodSeconds: podsPeriod });
  if (percent !== 0) policies.push({ type: 'Percent', value: percent, periodSeconds: percentPeriod });
  return { stabilizationWindowSeconds: window, selectPolicy: 'Max', policies };
}

/** Event times of upstream generateEventsUniformDistribution, relative to now = 0. */
function uniformEvents(changes: number[], periodSeconds: number): TimestampedScaleEvent[] {
  const segment = periodSeconds / changes.length;
  return changes.map((change, i) => ({ change, at: -Math.trunc(periodSeconds - segment * (i + 1) + segment / 2), outdated: false }));
}

function behavior(up?: ResolvedRules, down?: ResolvedRules): ResolvedBehavior {
  return { scaleUp: up ?? defaultScaleUpRules(), scaleDown: down ?? defaultScaleDownRules() };
}

function steps(s: Scenario) {
  const r = runScenario(s);
  if ('error' in r) assert.fail(`unexpected error: ${r.error}`);
  return r.steps;
}

function errorOf(s: unknown): string {
  const r = runScenario(s as Scenario);
  assert.ok('error' in r, `expected an error, got ${JSON.stringify(r)}`);
  return r.error;
}

function seconds(r: ReturnType<typeof timeToReach>): number {
  if (!('seconds' in r)) assert.fail(`expected a time, got never: ${r.reason}`);
  return r.seconds;
}

const DEFAULTS: HpaSpecLike = { minReplicas: 2, maxReplicas: 20, behavior: {} };
const LEGACY: HpaSpecLike = { minReplicas: 2, maxReplicas: 20 };

// ---------------------------------------------------------------------------------------------
// upstream: TestConvertDesiredReplicasWithRules (legacy path)

describe('upstream TestConvertDesiredReplicasWithRules', () => {
  const cases = [
    { current: 5, desired: 7, min: 3, max: 8, expected: 7, condition: 'DesiredWithinRange', name: 'prenormalized desired replicas within range' },
    { current: 3, desired: 1, min: 2, max: 8, expected: 2, condition: 'TooFewReplicas', name: 'prenormalized desired replicas < minReplicas' },
    { current: 1, desired: 0, min: 0, max: 10, expected: 0, condition: 'DesiredWithinRange', name: 'prenormalized desired zeroed replicas within range' },
    { current: 20, desired: 1000, min: 1, max: 10, expected: 10, condition: 'TooManyReplicas', name: 'maxReplicas is the limit because maxReplicas < scaleUpLimit' },
    // Upstream's test file raises scaleUpLimitFactor to 8 in init() and expects calculateScaleUpLimit(3);
    // with the production factor 2 that limit is max(2 × 3, 4) = 6.
    { current: 3, desired: 1000, min: 1, max: 2000, expected: 6, condition: 'ScaleUpLimit', name: 'scaleUpLimit is the limit because scaleUpLimit < maxReplicas' },
  ];
  for (const c of cases) {
    test(c.name, () => {
      assert.deepEqual(convertDesiredReplicasWithRules(c.current, c.desired, c.min, c.max), { replicas: c.expected, condition: c.condition });
    });
  }
});

// ---------------------------------------------------------------------------------------------
// upstream: TestCalculateScaleUpLimitWithScalingRules, TestCalculateScaleDownLimitWithBehaviors

test('upstream TestCalculateScaleUpLimitWithScalingRules: Min of Pods 2 and Percent 50 from 1 replica is 2', () => {
  const r: ResolvedRules = {
    stabilizationWindowSeconds: 300,
    selectPolicy: 'Min',
    policies: [
      { type: 'Pods', value: 2, periodSeconds: 60 },
      { type: 'Percent', value: 50, periodSeconds: 60 },
    ],
  };
  assert.equal(calculateScaleUpLimitWithScalingRules(1, [], [], r, 0), 2);
});

test('upstream TestCalculateScaleDownLimitWithBehaviors: Min of Pods 2 and Percent 50 from 5 replicas is 3', () => {
  const r: ResolvedRules = {
    stabilizationWindowSeconds: 300,
    selectPolicy: 'Min',
    policies: [
      { type: 'Pods', value: 2, periodSeconds: 60 },
      { type: 'Percent', value: 50, periodSeconds: 60 },
    ],
  };
  assert.equal(calculateScaleDownLimitWithBehaviors(5, [], [], r, 0), 3);
});

// ---------------------------------------------------------------------------------------------
// upstream: TestNormalizeDesiredReplicas (legacy stabilizeRecommendation, 5 min window)

describe('upstream TestNormalizeDesiredReplicas (legacy stabilization)', () => {
  const cases: { name: string; recs: [number, number][]; desired: number; expected: number; logLength: number }[] = [
    { name: 'empty log', recs: [], desired: 5, expected: 5, logLength: 1 },
    { name: 'stabilize', recs: [[4, -120], [5, -60]], desired: 3, expected: 5, logLength: 3 },
    { name: 'no stabilize', recs: [[1, -120], [2, -60]], desired: 3, expected: 3, logLength: 3 },
    { name: 'no stabilize - old recommendations', recs: [[10, -600], [9, -540]], desired: 3, expected: 3, logLength: 2 },
    { name: 'stabilize - old recommendations', recs: [[10, -600], [4, -60], [5, -120], [9, -540]], desired: 3, expected: 5, logLength: 4 },
  ];
  for (const c of cases) {
    test(c.name, () => {
      const log: TimestampedRecommendation[] = c.recs.map(([replicas, at]) => ({ replicas, at }));
      assert.equal(stabilizeRecommendation(log, c.desired, 0, 300), c.expected);
      assert.equal(log.length, c.logLength);
    });
  }
});

// ---------------------------------------------------------------------------------------------
// upstream: TestScalingWithRules (convertDesiredReplicasWithBehaviorRate)

describe('upstream TestScalingWithRules', () => {
  interface Case {
    name: string;
    up?: ResolvedRules;
    down?: ResolvedRules;
    upEvents?: TimestampedScaleEvent[];
    downEvents?: TimestampedScaleEvent[];
    min: number;
    max: number;
    current: number;
    desired: number;
    expected: number;
    condition: string;
  }
  const cases: Case[] = [
    { name: 'prenormalized desired replicas within range', current: 5, desired: 7, min: 3, max: 8, expected: 7, condition: 'DesiredWithinRange' },
    { name: 'prenormalized desired replicas < minReplicas', current: 3, desired: 1, min: 2, max: 8, expected: 2, condition: 'TooFewReplicas' },
    { name: 'prenormalized desired replicas within range when minReplicas is 0', current: 1, desired: 0, min: 0, max: 10, expected: 0, condition: 'DesiredWithinRange' },
    { name: 'maxReplicas is the limit because maxReplicas < scaleUpLimit', current: 20, desired: 1000, min: 1, max: 10, expected: 10, condition: 'TooManyReplicas' },
    { name: 'desired replica count is more than the maximum replica count', current: 100, desired: 1000, min: 100, max: 150, expected: 150, condition: 'TooManyReplicas' },
    { name: 'scaleUpLimit is the limit because scaleUpLimit < maxReplicas with user policies', up: rules(0, 0, 1, 60, 0), current: 3, desired: 1000, min: 1, max: 2000, expected: 4, condition: 'ScaleUpLimit' },
    // Present (skipped with testThis) in the v1.18 table: still a valid expectation.
    { name: 'scaleDownLimit is the limit because scaleDownLimit > minReplicas with user defined policies', down: rules(20, 60, 0, 0, 0), current: 1000, desired: 3, min: 3, max: 2000, expected: 980, condition: 'ScaleDownLimit' },
    // ScaleUp without PeriodSeconds usage
    { name: 'scaleUp with default behavior', current: 10, desired: 50, min: 1, max: 1000, expected: 20, condition: 'ScaleUpLimit' },
    { name: 'scaleUp with pods policy larger than percent policy', up: rules(100, 60, 100, 60, 0), current: 10, desired: 500, min: 1, max: 1000, expected: 110, condition: 'ScaleUpLimit' },
    { name: 'scaleUp with percent policy larger than pods policy', up: rules(2, 60, 100, 60, 0), current: 10, desired: 500, min: 1, max: 1000, expected: 20, condition: 'ScaleUpLimit' },
    { name: 'scaleUp with spec MaxReplicas limitation with large pod policy', up: rules(100, 60, 0, 0, 0), current: 10, desired: 50, min: 1, max: 1000, expected: 50, condition: 'DesiredWithinRange' },
    { name: 'scaleUp with spec MaxReplicas limitation with large percent policy', up: rules(10000, 60, 0, 0, 0), current: 10, desired: 50, min: 1, max: 1000, expected: 50, condition: 'DesiredWithinRange' },
    { name: 'scaleUp with pod policy limitation', up: rules(30, 60, 0, 0, 0), current: 10, desired: 50, min: 1, max: 1000, expected: 40, condition: 'ScaleUpLimit' },
    { name: 'scaleUp with percent policy limitation', up: rules(0, 0, 200, 60, 0), current: 10, desired: 50, min: 1, max: 1000, expected: 30, condition: 'ScaleUpLimit' },
    // ScaleDown without PeriodSeconds usage
    { name: 'scaleDown with percent policy larger than pod policy', down: rules(20, 60, 1, 60, 300), current: 100, desired: 2, min: 1, max: 1000, expected: 80, condition: 'ScaleDownLimit' },
    { name: 'scaleDown with pod policy larger than percent policy', down: rules(2, 60, 1, 60, 300), current: 100, desired: 2, min: 1, max: 1000, expected: 98, condition: 'ScaleDownLimit' },
    { name: 'scaleDown with spec MinReplicas limitation with large pod policy', down: rules(100, 60, 0, 0, 300), current: 10, desired: 0, min: 1, max: 1000, expected: 1, condition: 'TooFewReplicas' },
    { name: 'scaleDown with spec MinReplicas limitation with large percent policy', down: rules(0, 0, 100, 60, 300), current: 10, desired: 2, min: 5, max: 1000, expected: 5, condition: 'TooFewReplicas' },
    { name: 'scaleDown with pod policy limitation', down: rules(5, 60, 0, 0, 300), current: 10, desired: 2, min: 1, max: 1000, expected: 5, condition: 'ScaleDownLimit' },
    { name: 'scaleDown with percent policy limitation', down: rules(0, 0, 50, 60, 300), current: 10, desired: 5, min: 1, max: 1000, expected: 5, condition: 'DesiredWithinRange' },
    // ScaleUp with PeriodSeconds usage
    { name: 'scaleUp with spec MaxReplicas limitation with large pod policy and events', upEvents: uniformEvents([1, 5, 9], 120), up: rules(300, 60, 0, 0, 0), current: 100, desired: 500, min: 1, max: 200, expected: 200, condition: 'TooManyReplicas' },
    { name: 'scaleUp with spec MaxReplicas limitation with large percent policy and events', upEvents: uniformEvents([1, 5, 9], 120), up: rules(0, 0, 10000, 60, 0), current: 100, desired: 500, min: 1, max: 200, expected: 200, condition: 'TooManyReplicas' },
    { name: 'scaleUp with currentReplicas limitation with rate.PeriodSeconds with a lot of recent scale up events', upEvents: uniformEvents([1, 5, 9], 120), up: rules(5, 120, 0, 0, 0), current: 100, desired: 500, min: 1, max: 1000, expected: 100, condition: 'ScaleUpLimit' },
    { name: 'scaleUp with pod policy and previous scale up events', upEvents: uniformEvents([1, 5, 9], 120), up: rules(150, 120, 0, 0, 0), current: 100, desired: 500, min: 1, max: 1000, expected: 235, condition: 'ScaleUpLimit' },
    { name: 'scaleUp with percent policy and previous scale up events', upEvents: uniformEvents([1, 5, 9], 120), up: rules(0, 0, 200, 120, 0), current: 100, desired: 500, min: 1, max: 1000, expected: 255, condition: 'ScaleUpLimit' },
    { name: 'scaleUp with percent policy and previous scale up and down events', upEvents: uniformEvents([4], 120), downEvents: uniformEvents([2], 120), up: rules(0, 0, 300, 300, 0), current: 6, desired: 24, min: 1, max: 1000, expected: 16, condition: 'ScaleUpLimit' },
    // ScaleDown with PeriodSeconds usage
    { name: 'scaleDown with default policy and previous events', downEvents: uniformEvents([1, 5, 9], 120), current: 10, desired: 5, min: 1, max: 1000, expected: 5, condition: 'DesiredWithinRange' },
    { name: 'scaleDown with spec MinReplicas=nil limitation with large pod policy and previous events', downEvents: uniformEvents([1, 5, 9], 120), down: rules(115, 120, 0, 0, 300), current: 100, desired: 0, min: 1, max: 1000, expected: 1, condition: 'TooFewReplicas' },
    { name: 'scaleDown with spec MinReplicas limitation with large pod policy and previous events', downEvents: uniformEvents([1, 5, 9], 120), down: rules(130, 120, 0, 0, 300), current: 100, desired: 0, min: 5, max: 1000, expected: 5, condition: 'TooFewReplicas' },
    { name: 'scaleDown with spec MinReplicas limitation with large percent policy and previous events', downEvents: uniformEvents([1, 5, 9], 120), down: rules(0, 0, 100, 120, 300), current: 100, desired: 2, min: 5, max: 1000, expected: 5, condition: 'TooFewReplicas' },
    { name: 'scaleDown with pod policy limitation and previous events', downEvents: uniformEvents([1, 5, 9], 120), down: rules(5, 120, 0, 0, 300), current: 100, desired: 2, min: 1, max: 1000, expected: 100, condition: 'ScaleDownLimit' },
    { name: 'scaleDown with percent policy limitation and previous events', downEvents: uniformEvents([2, 4, 6], 120), down: rules(0, 0, 50, 120, 300), current: 100, desired: 0, min: 1, max: 1000, expected: 56, condition: 'ScaleDownLimit' },
    { name: 'scaleDown with percent policy and previous scale up and down events', upEvents: uniformEvents([2], 120), downEvents: uniformEvents([4], 120), down: rules(0, 0, 50, 180, 0), current: 10, desired: 1, min: 1, max: 1000, expected: 6, condition: 'ScaleDownLimit' },
    { name: 'scaleDown with previous events preventing further scale down', downEvents: uniformEvents([10, 10, 10], 120), down: rules(0, 0, 10, 120, 300), current: 100, desired: 0, min: 1, max: 1000, expected: 100, condition: 'ScaleDownLimit' },
    { name: 'scaleDown with with previous events still allowing more scale down', downEvents: uniformEvents([10, 10, 10], 120), down: rules(0, 0, 1000, 120, 300), current: 10, desired: 5, min: 1, max: 1000, expected: 5, condition: 'DesiredWithinRange' },
    { name: "check 'outdated' flag for events for one behavior for up", upEvents: uniformEvents([8, 12, 9, 11], 120), up: rules(1000, 60, 0, 0, 0), current: 100, desired: 200, min: 1, max: 1000, expected: 200, condition: 'DesiredWithinRange' },
    { name: "check that events were not marked 'outdated' for two different policies in the behavior for up", upEvents: uniformEvents([8, 12, 9, 11], 120), up: rules(1000, 120, 100, 60, 0), current: 100, desired: 200, min: 1, max: 1000, expected: 200, condition: 'DesiredWithinRange' },
    { name: "check that events were marked 'outdated' for two different policies in the behavior for up", upEvents: uniformEvents([8, 12, 9, 11], 120), up: rules(1000, 30, 100, 60, 0), current: 100, desired: 200, min: 1, max: 1000, expected: 200, condition: 'DesiredWithinRange' },
    { name: "check 'outdated' flag for events for one behavior for down", downEvents: uniformEvents([8, 12, 9, 11], 120), down: rules(1000, 60, 0, 0, 300), current: 100, desired: 5, min: 1, max: 1000, expected: 5, condition: 'DesiredWithinRange' },
    { name: "check that events were not marked 'outdated' for two different policies in the behavior for down", downEvents: uniformEvents([8, 12, 9, 11], 120), down: rules(1000, 120, 100, 60, 300), current: 100, desired: 5, min: 1, max: 1000, expected: 5, condition: 'DesiredWithinRange' },
    { name: "check that events were marked 'outdated' for two different policies in the behavior for down", downEvents: uniformEvents([8, 12, 9, 11], 120), down: rules(1000, 30, 100, 60, 300), current: 100, desired: 5, min: 1, max: 1000, expected: 5, condition: 'DesiredWithinRange' },
  ];
  for (const c of cases) {
    test(c.name, () => {
      const got = convertDesiredReplicasWithBehaviorRate(
        { currentReplicas: c.current, desiredReplicas: c.desired, minReplicas: c.min, maxReplicas: c.max, behavior: behavior(c.up, c.down) },
        { scaleUpEvents: c.upEvents ?? [], scaleDownEvents: c.downEvents ?? [] },
        0,
      );
      assert.deepEqual(got, { replicas: c.expected, condition: c.condition });
    });
  }
});

// ---------------------------------------------------------------------------------------------
// upstream: TestStoreScaleEvents

describe('upstream TestStoreScaleEvents', () => {
  const ev = (change: number, at: number, outdated = false): TimestampedScaleEvent => ({ change, at, outdated });
  const cases: { name: string; prev: TimestampedScaleEvent[]; rules?: ResolvedRules; expectedChange: number; next: [number, boolean][] }[] = [
    { name: 'empty entries with default behavior', prev: [], expectedChange: 0, next: [] },
    { name: 'empty entries with two-policy-behavior', prev: [], rules: rules(10, 60, 100, 60, 0), expectedChange: 0, next: [[5, false]] },
    { name: 'one outdated entry to be kept untouched without behavior', prev: [ev(7, -61)], expectedChange: 0, next: [[7, false]] },
    { name: 'one outdated entry to be replaced with behavior', prev: [ev(7, -61)], rules: rules(10, 60, 100, 60, 0), expectedChange: 0, next: [[5, false]] },
    { name: 'one actual entry to be not touched with behavior', prev: [ev(7, -58)], rules: rules(10, 60, 100, 60, 0), expectedChange: 7, next: [[7, false], [5, false]] },
    { name: 'two entries, one of them to be replaced', prev: [ev(7, -61), ev(6, -59)], rules: rules(10, 60, 0, 0, 0), expectedChange: 6, next: [[5, false], [6, false]] },
    {
      name: 'replace one entry, use policies with different periods',
      prev: [ev(8, -29), ev(6, -59), ev(7, -61), ev(9, -61)],
      rules: rules(10, 60, 100, 30, 0),
      expectedChange: 14,
      next: [[8, false], [6, false], [7, true], [5, false]],
    },
    { name: 'two entries, both actual', prev: [ev(7, -58), ev(6, -59)], rules: rules(10, 120, 100, 30, 0), expectedChange: 13, next: [[7, false], [6, false], [5, false]] },
  ];
  for (const c of cases) {
    test(c.name, () => {
      for (const direction of ['up', 'down'] as const) {
        const events = c.prev.map((e) => ({ ...e }));
        assert.equal(getReplicasChangePerPeriod(60, events, 0), c.expectedChange);
        const memory = { recommendations: [], scaleUpEvents: direction === 'up' ? events : [], scaleDownEvents: direction === 'down' ? events : [] };
        const b = c.rules ? (direction === 'up' ? behavior(c.rules) : behavior(undefined, c.rules)) : null;
        storeScaleEvent(b, memory, 10, direction === 'up' ? 15 : 5, 0);
        const stored = direction === 'up' ? memory.scaleUpEvents : memory.scaleDownEvents;
        assert.deepEqual(stored.map((e) => [e.change, e.outdated]), c.next, direction);
      }
    });
  }
});

// ---------------------------------------------------------------------------------------------
// upstream: TestNormalizeDesiredReplicasWithBehavior (stabilizeRecommendationWithBehaviors)

describe('upstream TestNormalizeDesiredReplicasWithBehavior', () => {
  const M = 60;
  const cases: { name: string; recs: [number, number][]; current: number; desired: number; expected: number; stored?: number[]; up?: number; down?: number }[] = [
    { name: 'empty recommendations for scaling down', recs: [], current: 100, desired: 5, expected: 5, stored: [5] },
    { name: 'simple scale down stabilization', recs: [[4, -2 * M], [5, -1 * M]], current: 100, desired: 3, expected: 5, stored: [4, 5, 3], down: 3 * M },
    { name: 'simple scale up stabilization', recs: [[4, -2 * M], [5, -1 * M]], current: 1, desired: 7, expected: 4, stored: [4, 5, 7], up: 5 * M },
    { name: 'no scale down stabilization', recs: [[1, -2 * M], [2, -1 * M]], current: 100, desired: 3, expected: 3, stored: [1, 2, 3], up: 5 * M },
    { name: 'no scale up stabilization', recs: [[4, -2 * M], [5, -1 * M]], current: 1, desired: 3, expected: 3, stored: [4, 5, 3], down: 5 * M },
    { name: 'no scale down stabilization, reuse recommendation element', recs: [[10, -10 * M], [9, -9 * M]], current: 100, desired: 3, expected: 3, stored: [10, 3] },
    { name: 'no scale up stabilization, reuse recommendation element', recs: [[10, -10 * M], [9, -9 * M]], current: 1, desired: 100, expected: 100, stored: [10, 100] },
    { name: 'scale down stabilization, reuse one of obsolete recommendation element', recs: [[10, -10 * M], [4, -1 * M], [5, -2 * M], [9, -9 * M]], current: 100, desired: 3, expected: 5, stored: [10, 4, 5, 3], down: 3 * M },
    { name: 'scale up stabilization, reuse one of obsolete recommendation element', recs: [[10, -100 * M], [6, -1 * M], [5, -2 * M], [9, -3 * M]], current: 1, desired: 100, expected: 5, stored: [100, 6, 5, 9], up: 300 },
    { name: 'scale up and down stabilization, do not scale up when prenormalized rec goes down', recs: [[2, -100 * M], [3, -3 * M]], current: 2, desired: 1, expected: 2, up: 300, down: 300 },
    { name: 'scale up and down stabilization, do not scale down when prenormalized rec goes up', recs: [[2, -100 * M], [1, -3 * M]], current: 2, desired: 3, expected: 2, up: 300, down: 300 },
  ];
  for (const c of cases) {
    test(c.name, () => {
      const log: TimestampedRecommendation[] = c.recs.map(([replicas, at]) => ({ replicas, at }));
      const b = behavior({ ...defaultScaleUpRules(), stabilizationWindowSeconds: c.up ?? 0 }, { ...defaultScaleDownRules(), stabilizationWindowSeconds: c.down ?? 0 });
      const got = stabilizeRecommendationWithBehaviors(log, { currentReplicas: c.current, desiredReplicas: c.desired, minReplicas: 1, maxReplicas: 1000, behavior: b }, 0);
      assert.equal(got.replicas, c.expected);
      if (c.stored) assert.deepEqual(log.map((r) => r.replicas), c.stored);
    });
  }
});

// ---------------------------------------------------------------------------------------------
// upstream: replica_calculator_test.go (plain case: all pods ready and reporting)

describe('upstream replica calculator', () => {
  const tol = { scaleUp: 0.1, scaleDown: 0.1 };
  test('TestReplicaCalcScaleUp: 3 pods at 50 % of a 30 % target → 5', () => assert.equal(resourceReplicaProposal(3, 50, 30, tol), 5));
  test('TestReplicaCalcScaleDown: 5 pods at 28 % of a 50 % target → 3', () => assert.equal(resourceReplicaProposal(5, 28, 50, tol), 3));
  test('TestReplicaCalcTolerance: 102 % of a 100 % target stays at 3', () => assert.equal(resourceReplicaProposal(3, 102, 100, tol), 3));
});

// ---------------------------------------------------------------------------------------------
// upstream: whole-controller cases of horizontal_test.go, through runScenario

describe('upstream controller cases', () => {
  const one = (hpa: object, current: number, step: Scenario['steps'][number]) => steps({ hpa, currentReplicas: current, steps: [step] })[0]!;
  test('TestScaleUp: 3 → 5 (cpu 50 % of 30 %)', () => {
    assert.deepEqual(one({ minReplicas: 2, maxReplicas: 6 }, 3, { at: 0, utilization: { cpu: 50 }, target: { cpu: 30 } }), { at: 0, replicas: 5, reason: 'none' });
  });
  test('TestScaleDown: 5 → 3 (cpu 28 % of 50 %, no recommendation history)', () => {
    assert.deepEqual(one({ minReplicas: 2, maxReplicas: 6 }, 5, { at: 0, utilization: { cpu: 28 }, target: { cpu: 50 } }), { at: 0, replicas: 3, reason: 'none' });
  });
  const cap = { type: 'Percent' as const, value: 700, periodSeconds: 60 };
  test('TestUpscaleCap: Percent 700 caps 3 → 24', () => {
    const hpa = { minReplicas: 1, maxReplicas: 100, behavior: { scaleUp: { stabilizationWindowSeconds: 0, policies: [cap] } } };
    assert.deepEqual(one(hpa, 3, { at: 0, utilization: { cpu: 200 }, target: { cpu: 10 } }), { at: 0, replicas: 24, reason: 'ScaleUpLimit' });
  });
  test('TestUpscaleCapGreaterThanMaxReplicas: maxReplicas 20 caps before the policy', () => {
    const hpa = { minReplicas: 1, maxReplicas: 20, behavior: { scaleUp: { stabilizationWindowSeconds: 0, policies: [cap] } } };
    assert.deepEqual(one(hpa, 3, { at: 0, utilization: { cpu: 200 }, target: { cpu: 10 } }), { at: 0, replicas: 20, reason: 'TooManyReplicas' });
  });
  test('TestScaleRCImmediately: scale up to min when below min replicas', () => {
    assert.deepEqual(one({ minReplicas: 2, maxReplicas: 6 }, 1, { at: 0, utilization: { cpu: 0 }, target: { cpu: 50 } }), { at: 0, replicas: 2, reason: 'TooFewReplicas' });
  });
  test('TestScaleRCImmediately: scale down to max when above max replicas', () => {
    assert.deepEqual(one({ minReplicas: 2, maxReplicas: 5 }, 6, { at: 0, utilization: { cpu: 1000 }, target: { cpu: 50 } }), { at: 0, replicas: 5, reason: 'TooManyReplicas' });
  });
  // TestComputedToleranceAlgImplementation: 10 pods at 50 % utilization; a 56 % target is just outside
  // the tolerance (ratio 0.893 → 9 pods), a 55 % target just inside (0.909 → stay at 10).
  test('TestComputedToleranceAlgImplementation: just outside tolerance scales 10 → 9', () => {
    assert.equal(one({ minReplicas: 0, maxReplicas: 1000 }, 10, { at: 0, utilization: { cpu: 50 }, target: { cpu: 56 } }).replicas, 9);
  });
  test('TestComputedToleranceAlgImplementation: just inside tolerance stays at 10', () => {
    assert.equal(one({ minReplicas: 0, maxReplicas: 1000 }, 10, { at: 0, utilization: { cpu: 50 }, target: { cpu: 55 } }).replicas, 10);
  });
});

// ---------------------------------------------------------------------------------------------
// defaults and validation of the HPA input

describe('HPA defaults', () => {
  test('minReplicas defaults to 1; no behavior means the legacy path', () => {
    const r = resolveHpa({ maxReplicas: 10 });
    assert.ok(!('error' in r));
    assert.equal(r.minReplicas, 1);
    assert.equal(r.behavior, null);
  });
  test('a partly given behavior takes the SPEC §2 defaults field by field', () => {
    const r = resolveHpa({ maxReplicas: 10, behavior: { scaleUp: { stabilizationWindowSeconds: 60 } } });
    assert.ok(!('error' in r) && r.behavior);
    assert.equal(r.behavior.scaleUp.stabilizationWindowSeconds, 60);
    assert.equal(r.behavior.scaleUp.selectPolicy, 'Max');
    assert.deepEqual(
      [...r.behavior.scaleUp.policies].sort((a, b) => a.type.localeCompare(b.type)),
      [
        { type: 'Percent', value: 100, periodSeconds: 15 },
        { type: 'Pods', value: 4, periodSeconds: 15 },
      ],
    );
    assert.deepEqual(r.behavior.scaleDown, { stabilizationWindowSeconds: 300, selectPolicy: 'Max', policies: [{ type: 'Percent', value: 100, periodSeconds: 15 }] });
  });
  test('given policies replace the default list; window and selectPolicy still default', () => {
    const r = resolveHpa({ maxReplicas: 10, behavior: { scaleDown: { policies: [{ type: 'Pods', value: 1, periodSeconds: 60 }] } } });
    assert.ok(!('error' in r) && r.behavior);
    assert.deepEqual(r.behavior.scaleDown, { stabilizationWindowSeconds: 300, selectPolicy: 'Max', policies: [{ type: 'Pods', value: 1, periodSeconds: 60 }] });
  });
  test('autoscaling/v1 and v2beta1 manifests have no behavior', () => {
    const r = resolveHpa({ apiVersion: 'autoscaling/v1', kind: 'HorizontalPodAutoscaler', spec: { maxReplicas: 4, behavior: {} } });
    assert.ok(!('error' in r));
    assert.equal(r.behavior, null);
  });
  test('a KEDA ScaledObject maps to the HPA KEDA builds', () => {
    const r = resolveHpa({ apiVersion: 'keda.sh/v1alpha1', kind: 'ScaledObject', spec: { advanced: { horizontalPodAutoscalerConfig: { behavior: { scaleDown: { stabilizationWindowSeconds: 60 } } } } } });
    assert.ok(!('error' in r) && r.behavior);
    assert.equal(r.minReplicas, 1);
    assert.equal(r.maxReplicas, 100);
    assert.equal(r.behavior.scaleDown.stabilizationWindowSeconds, 60);
  });
  test('per-direction tolerance (quantity) narrows the dead band', () => {
    const base = { minReplicas: 1, maxReplicas: 100 };
    const at77 = { at: 0, utilization: { cpu: 77 }, target: { cpu: 70 } };
    // 77/70 = 1.1: inside the default tolerance (1 - 0.1 <= ratio <= 1 + 0.1), outside a 50m one.
    assert.equal(steps({ hpa: { ...base, behavior: {} }, currentReplicas: 10, steps: [at77] })[0]!.replicas, 10);
    assert.equal(steps({ hpa: { ...base, behavior: { scaleUp: { tolerance: '50m' } } }, currentReplicas: 10, steps: [at77] })[0]!.replicas, 11);
  });
});

describe('validation: bad input gives a clear error, never a throw', () => {
  const ok = { hpa: { maxReplicas: 10 }, currentReplicas: 2, steps: [{ at: 0, desiredReplicas: 3 }] };
  const cases: [string, unknown, RegExp][] = [
    ['not an object', null, /scenario must be a mapping/],
    ['hpa missing', { currentReplicas: 1, steps: [] }, /hpa is required/],
    ['maxReplicas missing', { ...ok, hpa: { minReplicas: 1 } }, /maxReplicas is required/],
    ['maxReplicas below minReplicas', { ...ok, hpa: { minReplicas: 5, maxReplicas: 3 } }, /maxReplicas \(3\) must not be below minReplicas \(5\)/],
    ['string replicas', { ...ok, hpa: { maxReplicas: '10' } }, /maxReplicas must be an integer/],
    ['empty policies', { ...ok, hpa: { maxReplicas: 10, behavior: { scaleUp: { policies: [] } } } }, /at least one policy/],
    ['bad selectPolicy', { ...ok, hpa: { maxReplicas: 10, behavior: { scaleUp: { selectPolicy: 'max' } } } }, /selectPolicy must be Max, Min or Disabled/],
    ['bad policy type', { ...ok, hpa: { maxReplicas: 10, behavior: { scaleDown: { policies: [{ type: 'Replicas', value: 1, periodSeconds: 15 }] } } } }, /policies\[0\]\.type must be Pods or Percent/],
    ['period too long', { ...ok, hpa: { maxReplicas: 10, behavior: { scaleDown: { policies: [{ type: 'Pods', value: 1, periodSeconds: 1801 }] } } } }, /periodSeconds must be an integer from 1 to 1800/],
    ['window too long', { ...ok, hpa: { maxReplicas: 10, behavior: { scaleDown: { stabilizationWindowSeconds: 3601 } } } }, /stabilizationWindowSeconds must be an integer from 0 to 3600/],
    ['negative currentReplicas', { ...ok, currentReplicas: -1 }, /currentReplicas must be a non-negative integer/],
    ['no steps', { ...ok, steps: [] }, /steps is empty/],
    ['steps out of order', { ...ok, steps: [{ at: 15, desiredReplicas: 3 }, { at: 15, desiredReplicas: 4 }] }, /steps\[1\]\.at \(15\) must be after steps\[0\]\.at \(15\)/],
    ['step with both inputs', { ...ok, steps: [{ at: 0, desiredReplicas: 3, utilization: { cpu: 1 }, target: { cpu: 1 } }] }, /both desiredReplicas and utilization/],
    ['step with neither input', { ...ok, steps: [{ at: 0 }] }, /must give desiredReplicas, or utilization with target/],
    ['utilization without its target', { ...ok, steps: [{ at: 0, utilization: { cpu: 80, memory: 50 }, target: { cpu: 70 } }] }, /utilization\.memory has no target/],
    ['target without its utilization', { ...ok, steps: [{ at: 0, utilization: {}, target: { cpu: 70 } }] }, /utilization has no value for "cpu"/],
    ['history in the future', { ...ok, history: { recommendations: [{ at: 0, replicas: 3 }] } }, /must be before the first step/],
    ['zero change', { ...ok, history: { scaleUpEvents: [{ at: -5, change: 0 }] } }, /change must be a positive integer/],
    ['not a manifest kind', { ...ok, hpa: { kind: 'Deployment', spec: { replicas: 3 } } }, /Deployment, not a HorizontalPodAutoscaler/],
  ];
  for (const [name, input, message] of cases) {
    test(name, () => assert.match(errorOf(input), message));
  }
  test('an input that throws while being read gives an error', () => {
    const hostile = {
      get hpa(): unknown {
        throw new Error('boom');
      },
      currentReplicas: 1,
      steps: [{ at: 0, desiredReplicas: 1 }],
    };
    assert.match(errorOf(hostile), /simulation failed: boom/);
  });
});

// ---------------------------------------------------------------------------------------------
// scenarios

describe('scenarios', () => {
  test('SPEC §4 example: 5 → 7 (Pods 4 from a period start of 3), then 7 → 14 from 140 % of 70 %', () => {
    const s: Scenario = {
      hpa: { minReplicas: 2, maxReplicas: 20, behavior: {} },
      syncPeriodSeconds: 15,
      currentReplicas: 5,
      history: { recommendations: [{ at: -60, replicas: 7 }], scaleUpEvents: [{ at: -10, change: 2 }], scaleDownEvents: [] },
      steps: [
        { at: 0, desiredReplicas: 12 },
        { at: 15, utilization: { cpu: 140 }, target: { cpu: 70 } },
      ],
    };
    assert.deepEqual(steps(s), [
      { at: 0, replicas: 7, reason: 'ScaleUpLimit' },
      { at: 15, replicas: 14, reason: 'none' },
    ]);
  });

  test('a whole manifest works like its spec', () => {
    const manifest = { apiVersion: 'autoscaling/v2', kind: 'HorizontalPodAutoscaler', metadata: { name: 'web' }, spec: { minReplicas: 2, maxReplicas: 20, behavior: {} } };
    assert.deepEqual(steps({ hpa: manifest, currentReplicas: 2, steps: [{ at: 0, desiredReplicas: 20 }] }), [{ at: 0, replicas: 6, reason: 'ScaleUpLimit' }]);
  });

  test('default behavior under sustained demand: 2 → 6 → 12 → 20 (Pods 4 vs Percent 100, Max)', () => {
    const got = steps({ hpa: DEFAULTS, currentReplicas: 2, steps: [0, 15, 30].map((at) => ({ at, desiredReplicas: 20 })) });
    assert.deepEqual(got, [
      { at: 0, replicas: 6, reason: 'ScaleUpLimit' },
      { at: 15, replicas: 12, reason: 'ScaleUpLimit' },
      { at: 30, replicas: 20, reason: 'none' },
    ]);
  });

  test('legacy path (no behavior): 2 → 4 → 8 → 16 → 20, max(2 × current, 4) per sync', () => {
    const got = steps({ hpa: LEGACY, currentReplicas: 2, steps: [0, 15, 30, 45].map((at) => ({ at, desiredReplicas: 100 })) });
    assert.deepEqual(
      got.map((s) => [s.replicas, s.reason]),
      [
        [4, 'ScaleUpLimit'],
        [8, 'ScaleUpLimit'],
        [16, 'ScaleUpLimit'],
        [20, 'TooManyReplicas'],
      ],
    );
  });

  test('legacy path ignores scale events, even when history lists them', () => {
    const s = (history?: Scenario['history']) => steps({ hpa: LEGACY, currentReplicas: 4, history, steps: [{ at: 0, desiredReplicas: 100 }] });
    assert.deepEqual(s({ scaleUpEvents: [{ at: -5, change: 3 }] }), s());
    assert.equal(s()[0]!.replicas, 8);
  });

  test('steps without at follow the sync period', () => {
    const got = steps({ hpa: DEFAULTS, syncPeriodSeconds: 30, currentReplicas: 2, steps: [{ desiredReplicas: 3 }, { desiredReplicas: 3 }] as never });
    assert.deepEqual(got.map((s) => s.at), [0, 30]);
  });

  test('short-circuits: 0 replicas disables scaling; above max / below min jump to the bound', () => {
    assert.deepEqual(steps({ hpa: { maxReplicas: 10 }, currentReplicas: 0, steps: [{ at: 0, desiredReplicas: 5 }] }), [{ at: 0, replicas: 0, reason: 'none' }]);
    assert.deepEqual(steps({ hpa: { maxReplicas: 10, behavior: {} }, currentReplicas: 25, steps: [{ at: 0, desiredReplicas: 30 }] }), [{ at: 0, replicas: 10, reason: 'TooManyReplicas' }]);
    assert.deepEqual(steps({ hpa: { minReplicas: 3, maxReplicas: 10 }, currentReplicas: 1, steps: [{ at: 0, desiredReplicas: 1 }] }), [{ at: 0, replicas: 3, reason: 'TooFewReplicas' }]);
  });

  test('minReplicas 0 scales from zero on a desiredReplicas step', () => {
    assert.deepEqual(steps({ hpa: { minReplicas: 0, maxReplicas: 10, behavior: {} }, currentReplicas: 0, steps: [{ at: 0, desiredReplicas: 3 }] }), [{ at: 0, replicas: 3, reason: 'none' }]);
  });

  test('scale-down stabilization: a recommendation leaves the window strictly after windowSeconds', () => {
    // 300 s window, a recommendation of 10 made at -60: it still counts at 239, no longer at 240.
    const got = steps({
      hpa: { minReplicas: 1, maxReplicas: 20, behavior: {} },
      currentReplicas: 10,
      history: { recommendations: [{ at: -60, replicas: 10 }] },
      steps: [0, 239, 240].map((at) => ({ at, desiredReplicas: 4 })),
    });
    assert.deepEqual(got, [
      { at: 0, replicas: 10, reason: 'stabilized' },
      { at: 239, replicas: 10, reason: 'stabilized' },
      { at: 240, replicas: 4, reason: 'none' },
    ]);
  });

  test('legacy stabilization window is inclusive: 300 s old still counts', () => {
    const got = steps({ hpa: { minReplicas: 1, maxReplicas: 20 }, currentReplicas: 10, history: { recommendations: [{ at: -300, replicas: 10 }] }, steps: [{ at: 0, desiredReplicas: 4 }, { at: 1, desiredReplicas: 4 }] });
    assert.deepEqual(got.map((s) => s.replicas), [10, 4]);
  });

  test('scale-up stabilization holds the lowest recent recommendation', () => {
    const got = steps({
      hpa: { minReplicas: 1, maxReplicas: 20, behavior: { scaleUp: { stabilizationWindowSeconds: 60 } } },
      currentReplicas: 2,
      history: { recommendations: [{ at: -15, replicas: 2 }] },
      steps: [0, 44, 45].map((at) => ({ at, desiredReplicas: 6 })),
    });
    assert.deepEqual(got, [
      { at: 0, replicas: 2, reason: 'stabilized' },
      { at: 44, replicas: 2, reason: 'stabilized' },
      { at: 45, replicas: 6, reason: 'none' },
    ]);
  });

  test('a scale event exactly periodSeconds old no longer counts', () => {
    const hpa = { minReplicas: 1, maxReplicas: 20, behavior: { scaleUp: { policies: [{ type: 'Pods', value: 1, periodSeconds: 60 }] } } };
    const run = (at: number) => steps({ hpa, currentReplicas: 3, history: { scaleUpEvents: [{ at, change: 1 }] }, steps: [{ at: 0, desiredReplicas: 10 }] })[0];
    assert.deepEqual(run(-59), { at: 0, replicas: 3, reason: 'ScaleUpLimit' });
    assert.deepEqual(run(-60), { at: 0, replicas: 4, reason: 'ScaleUpLimit' });
  });

  test('kubernetes#108354: scale-down events in the period raise the scale-up limit', () => {
    const hpa = {
      minReplicas: 1,
      maxReplicas: 20,
      behavior: {
        scaleUp: { stabilizationWindowSeconds: 0, selectPolicy: 'Min', policies: [{ type: 'Percent', value: 300, periodSeconds: 300 }] },
        scaleDown: { stabilizationWindowSeconds: 0, selectPolicy: 'Max', policies: [{ type: 'Pods', value: 2, periodSeconds: 300 }] },
      },
    };
    const got = steps({ hpa, currentReplicas: 4, steps: [{ at: 0, desiredReplicas: 8 }, { at: 60, desiredReplicas: 6 }, { at: 120, desiredReplicas: 24 }] });
    // The period started at 4 replicas: 4 × (1 + 300 %) = 16.
    assert.deepEqual(got.map((s) => [s.replicas, s.reason]), [[8, 'none'], [6, 'none'], [16, 'ScaleUpLimit']]);
  });

  test('selectPolicy Disabled holds the count in that direction', () => {
    const hpa = { minReplicas: 1, maxReplicas: 20, behavior: { scaleUp: { selectPolicy: 'Disabled' }, scaleDown: { selectPolicy: 'Disabled', stabilizationWindowSeconds: 0 } } };
    assert.deepEqual(steps({ hpa, currentReplicas: 5, steps: [{ at: 0, desiredReplicas: 10 }, { at: 15, desiredReplicas: 1 }] }), [
      { at: 0, replicas: 5, reason: 'ScaleUpLimit' },
      { at: 15, replicas: 5, reason: 'ScaleDownLimit' },
    ]);
  });

  test('utilization steps: tolerance band, truncation, largest metric wins', () => {
    const run = (utilization: Record<string, number>, target: Record<string, number>) =>
      steps({ hpa: { minReplicas: 1, maxReplicas: 40, behavior: {} }, currentReplicas: 10, steps: [{ at: 0, utilization, target }] })[0]!.replicas;
    assert.equal(run({ cpu: 77 }, { cpu: 70 }), 10); // ratio 1.1: within
    assert.equal(run({ cpu: 77.9 }, { cpu: 70 }), 10); // reported as 77 %
    assert.equal(run({ cpu: 78 }, { cpu: 70 }), 12); // ceil(1.114 × 10)
    assert.equal(run({ cpu: 63 }, { cpu: 70 }), 10); // ratio 0.9: within
    assert.equal(run({ cpu: 62 }, { cpu: 70 }), 9); // ceil(0.886 × 10), no history to stabilize on
    assert.equal(run({ cpu: 140, memory: 40 }, { cpu: 70, memory: 80 }), 20);
  });

  test('detailed run exposes raw and stabilized recommendations and upstream conditions', () => {
    const r = runScenarioDetailed({ hpa: DEFAULTS, currentReplicas: 2, steps: [{ at: 0, desiredReplicas: 50 }] });
    assert.ok(!('error' in r));
    assert.deepEqual(r.steps[0], { at: 0, previousReplicas: 2, replicas: 6, reason: 'ScaleUpLimit', condition: 'ScaleUpLimit', rawRecommendation: 50, stabilizedRecommendation: 50 });
  });
});

// ---------------------------------------------------------------------------------------------
// timing

describe('timeToReach', () => {
  test('default behavior: 2 → 20 in 30 s (2 → 6 → 12 → 20)', () => assert.equal(seconds(timeToReach(DEFAULTS, 2, 20)), 30));
  test('legacy path: 2 → 20 in 45 s (2 → 4 → 8 → 16 → 20)', () => assert.equal(seconds(timeToReach(LEGACY, 2, 20)), 45));
  test('one pod per 60 s: 18 increments, the first at t = 0, so 17 min', () => {
    const slow: HpaSpecLike = { minReplicas: 2, maxReplicas: 20, behavior: { scaleUp: { policies: [{ type: 'Pods', value: 1, periodSeconds: 60 }] } } };
    assert.equal(seconds(timeToReach(slow, 2, 20)), 17 * 60);
    assert.equal(seconds(timeToReach(slow, 2, 3)), 0);
    assert.equal(seconds(timeToReach(slow, 2, 4)), 60);
  });
  test('a 60 s scale-up window delays the first step by 45 s', () => {
    assert.equal(seconds(timeToReach({ minReplicas: 2, maxReplicas: 20, behavior: { scaleUp: { stabilizationWindowSeconds: 60 } } }, 2, 20)), 75);
  });
  test('a coarser sync period is slower', () => assert.equal(seconds(timeToReach(DEFAULTS, 2, 20, { syncPeriodSeconds: 30 })), 60));
  test('selectPolicy Disabled: never', () => {
    const r = timeToReach({ minReplicas: 2, maxReplicas: 20, behavior: { scaleUp: { selectPolicy: 'Disabled' } } }, 2, 20);
    assert.ok('never' in r);
    assert.match(r.reason, /Disabled/);
    assert.equal(r.invalid, undefined);
  });
  test('above maxReplicas: never', () => {
    const r = timeToReach(DEFAULTS, 2, 21);
    assert.ok('never' in r);
    assert.match(r.reason, /maxReplicas is 20/);
  });
  test('from 0 with minReplicas 1: scaling is disabled', () => {
    const r = timeToReach({ maxReplicas: 10, behavior: {} }, 0, 5);
    assert.ok('never' in r);
    assert.match(r.reason, /disabled/);
  });
  test('already there: 0 s', () => assert.equal(seconds(timeToReach(DEFAULTS, 20, 20)), 0));
  test('maxSeconds bounds the search', () => {
    const slow: HpaSpecLike = { maxReplicas: 100, behavior: { scaleUp: { policies: [{ type: 'Pods', value: 1, periodSeconds: 1800 }] } } };
    const r = timeToReach(slow, 1, 100, { maxSeconds: 3600 });
    assert.ok('never' in r);
    assert.match(r.reason, /within 1 h/);
  });
  test('bad input: never, marked invalid', () => {
    const r = timeToReach({ maxReplicas: 0 } as HpaSpecLike, 1, 2);
    assert.ok('never' in r && r.invalid === true);
    assert.match(r.reason, /maxReplicas must be an integer of at least 1/);
  });
});

describe('timeToSettle', () => {
  test('default behavior: 20 → 2 in 285 s (last high recommendation at -15 leaves the 300 s window)', () => assert.equal(seconds(timeToSettle(DEFAULTS, 20, 2)), 285));
  test('legacy path: 20 → 2 in 300 s (inclusive window)', () => assert.equal(seconds(timeToSettle(LEGACY, 20, 2)), 300));
  test('one pod per 60 s after the window: 285 + 17 × 60', () => {
    const spec: HpaSpecLike = { minReplicas: 2, maxReplicas: 20, behavior: { scaleDown: { policies: [{ type: 'Pods', value: 1, periodSeconds: 60 }] } } };
    assert.equal(seconds(timeToSettle(spec, 20, 2)), 285 + 17 * 60);
  });
  test('no window, 50 % per 15 s: 20 → 10 → 5 → 2', () => {
    const spec: HpaSpecLike = { minReplicas: 2, maxReplicas: 20, behavior: { scaleDown: { stabilizationWindowSeconds: 0, policies: [{ type: 'Percent', value: 50, periodSeconds: 15 }] } } };
    assert.equal(seconds(timeToSettle(spec, 20, 2)), 30);
  });
  test('scaleDown Disabled: never', () => {
    const r = timeToSettle({ minReplicas: 2, maxReplicas: 20, behavior: { scaleDown: { selectPolicy: 'Disabled' } } }, 20, 2);
    assert.ok('never' in r);
    assert.match(r.reason, /scale-down is disabled/);
  });
  test('below minReplicas: never', () => {
    const r = timeToSettle(DEFAULTS, 20, 1);
    assert.ok('never' in r);
    assert.match(r.reason, /minReplicas is 2/);
  });
});

describe('describeTiming and formatDuration', () => {
  test('default behavior', () => assert.equal(describeTiming(DEFAULTS), '2 → 20 in 30 s · back to 2 in 4 min 45 s'));
  test('legacy path', () => assert.equal(describeTiming(LEGACY), '2 → 20 in 45 s · back to 2 in 5 min'));
  test('disabled scale-up', () => {
    assert.equal(
      describeTiming({ minReplicas: 2, maxReplicas: 20, behavior: { scaleUp: { selectPolicy: 'Disabled' } } }),
      '2 → 20: never (scale-up is disabled (scaleUp.selectPolicy: Disabled)) · back to 2 in 4 min 45 s',
    );
  });
  test('min = max', () => assert.equal(describeTiming({ minReplicas: 5, maxReplicas: 5 }), 'fixed at 5 replicas (minReplicas = maxReplicas)'));
  test('invalid HPA', () => assert.match(describeTiming({ maxReplicas: -1 }), /^cannot simulate: maxReplicas/));
  test('durations', () => {
    assert.equal(formatDuration(30), '30 s');
    assert.equal(formatDuration(330), '5 min 30 s');
    assert.equal(formatDuration(1080), '18 min');
    assert.equal(formatDuration(0), '0 s');
    assert.equal(formatDuration(3600), '1 h');
    assert.equal(formatDuration(3690), '1 h 1 min 30 s');
    assert.equal(formatDuration(29.6), '30 s');
    assert.equal(formatDuration(Infinity), 'forever');
  });
});

// ---------------------------------------------------------------------------------------------
// load tests (workflow §9)

describe('loadTest', () => {
  const hpa = { minReplicas: 2, maxReplicas: 20, behavior: {}, metrics: [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 70 } } }] };
  const run = (kind: 'spike' | 'ramp' | 'sustained' | 'drop', spec: HpaSpecLike = hpa) => {
    const r = loadTest(spec, kind);
    if ('error' in r) assert.fail(r.error);
    return r;
  };
  test('spike: idle at 2, then 6, 12, 20 from the jump at 60 s', () => {
    const r = run('spike');
    assert.equal(r.targetUtilization, 70);
    const at = (t: number) => r.steps.find((s) => s.at === t)!;
    assert.equal(at(45).replicas, 2);
    assert.deepEqual([at(60), at(75), at(90)].map((s) => [s.replicas, s.reason]), [[6, 'ScaleUpLimit'], [12, 'ScaleUpLimit'], [20, 'none']]);
    assert.equal(at(60).requiredReplicas, 20);
    assert.equal(at(60).utilization, 700);
    assert.deepEqual(r.summary, { peakReplicas: 20, underProvisionedSeconds: 30, maxShortfall: 14 });
    assert.equal(r.steps.at(-1)!.at, 660);
  });
  test('spike on the legacy path: 4, 8, 16, 20', () => {
    const r = run('spike', { ...hpa, behavior: undefined });
    assert.deepEqual(r.steps.filter((s) => s.at >= 60 && s.at <= 105).map((s) => s.replicas), [4, 8, 16, 20]);
  });
  test('ramp: never scales down; ends in the tolerance band below the 20 replicas needed', () => {
    const r = run('ramp');
    for (let i = 1; i < r.steps.length; i++) assert.ok(r.steps[i]!.replicas >= r.steps[i - 1]!.replicas);
    const last = r.steps.at(-1)!;
    // 18 pods at 77 % of a 70 % target: ratio 1.1, inside the 0.1 tolerance, so the HPA stays there.
    assert.deepEqual([last.requiredReplicas, last.replicas, last.utilization, last.reason], [20, 18, 77, 'none']);
  });
  test('sustained: 500 users need 10 replicas, reached at 75 s and held 30 min', () => {
    const r = run('sustained');
    assert.equal(r.steps.find((s) => s.replicas === 10)!.at, 75);
    assert.ok(r.steps.filter((s) => s.at >= 75).every((s) => s.replicas === 10));
    assert.equal(r.steps.at(-1)!.at, 60 + 1800);
  });
  test('drop: 10 replicas held by the 300 s window, then straight to minReplicas', () => {
    const r = run('drop');
    assert.equal(r.steps[0]!.replicas, 10);
    const first = r.steps.find((s) => s.replicas < 10)!;
    // Last recommendation of 10 at t = 45 leaves the window at 345.
    assert.deepEqual([first.at, first.replicas, first.reason], [345, 2, 'TooFewReplicas']);
    assert.ok(r.steps.filter((s) => s.at > 60 && s.at < 345).every((s) => s.reason === 'stabilized'));
  });
  test('target defaults to 80 without metrics; bad input is an error', () => {
    const r = run('spike', { minReplicas: 2, maxReplicas: 20 });
    assert.equal(r.targetUtilization, 80);
    assert.match((loadTest(DEFAULTS, 'soak' as never) as { error: string }).error, /unknown load test "soak"/);
    assert.match((loadTest({ maxReplicas: 0 } as HpaSpecLike, 'spike') as { error: string }).error, /invalid HPA/);
    assert.match((loadTest(DEFAULTS, 'spike', { capacityPerReplica: 0 }) as { error: string }).error, /capacityPerReplica must be a positive number/);
  });
});

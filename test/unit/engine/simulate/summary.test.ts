/** summarizeLoadTest: the one-line figures under a load-test timeline. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadTest, summarizeLoadTest, type HpaSpecLike, type LoadTestResult } from '../../../../server/src/engine/simulate/index';

const CPU70 = [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 70 } } }];

function run(spec: HpaSpecLike, kind: 'spike' | 'ramp' | 'sustained' | 'drop'): LoadTestResult {
  const r = loadTest(spec, kind);
  if ('error' in r) assert.fail(r.error);
  return r;
}

test('default behavior, spike: maxReplicas 30 s after the jump', () => {
  const spec = { minReplicas: 2, maxReplicas: 20, behavior: {}, metrics: CPU70 };
  const s = summarizeLoadTest(run(spec, 'spike'), { minReplicas: 2, maxReplicas: 20 });
  assert.deepEqual([s.loadChangeAt, s.startReplicas, s.peakReplicas, s.finalReplicas, s.reachedAt, s.reachedAfterSeconds], [60, 2, 20, 20, 90, 30]);
  assert.equal(s.text, 'Reaches 20 replicas (maxReplicas) 30 s after the load rises; under-provisioned for 30 s, short by up to 14 replicas.');
});

test('default behavior, drop: the 300 s window, then straight to minReplicas', () => {
  const spec = { minReplicas: 2, maxReplicas: 20, behavior: {}, metrics: CPU70 };
  const s = summarizeLoadTest(run(spec, 'drop'), { minReplicas: 2, maxReplicas: 20 });
  assert.deepEqual([s.startReplicas, s.finalReplicas, s.reachedAt, s.reachedAfterSeconds], [10, 2, 345, 285]);
  assert.equal(s.text, 'Down to 2 replicas (minReplicas) 4 min 45 s after the load drops; never under-provisioned.');
});

test('fixed bounds (min = max): stays put', () => {
  const spec = { minReplicas: 4, maxReplicas: 4, behavior: {}, metrics: CPU70 };
  const s = summarizeLoadTest(run(spec, 'spike'), { minReplicas: 4, maxReplicas: 4 });
  assert.equal(s.reachedAt, undefined);
  assert.equal(s.text, 'Stays at 4 replicas; never under-provisioned.');
});

test('scale-down disabled: ends above what the load needs', () => {
  const spec = { minReplicas: 2, maxReplicas: 20, behavior: { scaleDown: { selectPolicy: 'Disabled' as const } }, metrics: CPU70 };
  const s = summarizeLoadTest(run(spec, 'drop'), { minReplicas: 2, maxReplicas: 20 });
  assert.equal(s.text, 'Stays at 10 replicas; ends at 10 where 2 would do; never under-provisioned.');
});

test('no steps: a sentence, not a throw', () => {
  const empty = { ...run({ maxReplicas: 5 }, 'spike'), steps: [] };
  assert.equal(summarizeLoadTest(empty, { minReplicas: 1, maxReplicas: 5 }).text, 'No syncs were simulated.');
});

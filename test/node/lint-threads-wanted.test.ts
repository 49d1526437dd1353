/**
 * When the server and the CLI lint on threads (node/lint-threads.ts, lintThreadsWanted): on 2 cores a second
 * thread measured slower than none (PERFORMANCE.md, issue 15's seventh round), so only from 3 cores, unless
 * SCALELINT_LINT_THREADS says otherwise.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { LINT_THREAD_MIN_CORES, lintThreadsWanted } from '../../server/src/node/lint-threads';

test('threads from 3 cores by default; SCALELINT_LINT_THREADS=1 forces them where there is a second core, =0 never', () => {
  assert.equal(LINT_THREAD_MIN_CORES, 3);
  assert.deepEqual(lintThreadsWanted(1, undefined), { use: false, why: 'one core' });
  assert.deepEqual(lintThreadsWanted(2, undefined), { use: false, why: '2 cores; SCALELINT_LINT_THREADS=1 uses it' });
  assert.deepEqual(lintThreadsWanted(3, undefined), { use: true });
  assert.deepEqual(lintThreadsWanted(16, ''), { use: true });
  assert.deepEqual(lintThreadsWanted(2, '1'), { use: true });
  assert.deepEqual(lintThreadsWanted(1, '1'), { use: false, why: 'one core' });
  assert.deepEqual(lintThreadsWanted(8, '0'), { use: false, why: 'SCALELINT_LINT_THREADS=0' });
});

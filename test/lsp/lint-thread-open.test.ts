/**
 * Opening a large file (over 1 MB) with the lint thread and without it publishes the same diagnostics, and the
 * server's start line says which it does (node/lint-threads.ts, lintThreadsWanted). On this project's 2-core
 * machines the thread is off by default, so the thread's path is forced here to keep it tested.
 * Runs the BUILT server (`node esbuild.mjs` first).
 */
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateManifest } from '../../scripts/bench/generate';
import { diagnosticsOfOpen } from './harness';

const dir = mkdtempSync(join(tmpdir(), 'scalelint-lint-thread-'));
after(() => rmSync(dir, { recursive: true, force: true }));

async function open(text: string, threads: '0' | '1'): Promise<{ diagnostics: string; start: string | undefined }> {
  const { diagnostics, logs } = await diagnosticsOfOpen(dir, text, { SCALELINT_LINT_THREADS: threads });
  return { diagnostics, start: logs.find((l) => l.startsWith('ScaleLint server ')) };
}

test('a large file opened with the lint thread and without it: the same diagnostics, and the start line says which', async () => {
  const { text } = generateManifest(2000, 11, '', { heavy: true });
  assert.ok(text.length > 1024 * 1024);
  const on = await open(text, '1');
  const off = await open(text, '0');
  assert.ok(JSON.parse(on.diagnostics).length > 1000);
  assert.equal(on.diagnostics, off.diagnostics);
  assert.match(on.start ?? '', /: lint thread ready; /);
  assert.match(off.start ?? '', /: lint thread ready, unused \(SCALELINT_LINT_THREADS=0\); /);
});

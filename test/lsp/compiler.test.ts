/**
 * The server sets a smaller inlining budget for V8's optimizing compiler at startup (server/src/node/compiler.ts).
 * `v8.setFlagsFromString` ignores a flag it does not know, so a Node whose V8 renamed the flag would lose the
 * setting without a word: the command line, which rejects unknown flags, checks that this Node knows it. And
 * the flag must change nothing a user sees: the built server publishes the same diagnostics for a large
 * findings-heavy file (opened on the lint thread) with it and with V8's defaults.
 * The LSP part runs the BUILT server (`node esbuild.mjs` first).
 */
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { COMPILER_FLAGS, tuneCompiler } from '../../server/src/node/compiler';
import { generateManifest } from '../../scripts/bench/generate';
import { diagnosticsOfOpen } from './harness';

const dir = mkdtempSync(join(tmpdir(), 'scalelint-compiler-'));
after(() => rmSync(dir, { recursive: true, force: true }));

test('this Node knows every compiler flag the server sets', () => {
  const flags = tuneCompiler(COMPILER_FLAGS);
  assert.ok(flags.length > 0);
  for (const flag of flags) {
    const r = spawnSync(process.execPath, [flag, '-e', '0'], { encoding: 'utf8' });
    assert.equal(r.status, 0, `${flag}: ${r.stderr}`);
  }
});

test('SCALELINT_V8_FLAGS replaces the flags; empty keeps the defaults', () => {
  assert.deepEqual(tuneCompiler(''), []);
  assert.deepEqual(tuneCompiler(' --max-inlined-bytecode-size-cumulative=920  '), ['--max-inlined-bytecode-size-cumulative=920']); // V8's default
});

/** What the built server publishes for a text on open, with SCALELINT_V8_FLAGS set to `flags` (undefined: the server's own), on its lint thread. */
async function published(text: string, flags: string | undefined): Promise<string> {
  return (await diagnosticsOfOpen(dir, text, { SCALELINT_V8_FLAGS: flags, SCALELINT_LINT_THREADS: '1' })).diagnostics;
}

test('a large file publishes the same diagnostics with the server\'s compiler flags and with V8\'s defaults', async () => {
  // Over 1 MB, with the lint thread wanted: the open shares the work with it, whose code the flags also compile.
  const { text } = generateManifest(2000, 7, '', { heavy: true });
  assert.ok(text.length > 1024 * 1024);
  const tuned = await published(text, undefined);
  const defaults = await published(text, '');
  assert.ok(JSON.parse(tuned).length > 1000);
  assert.equal(tuned, defaults);
});

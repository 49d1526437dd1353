/**
 * The server's keystroke path (incremental content changes → the linter re-splits only around them)
 * gives the diagnostics a fresh open of the same text gives, after random edit sequences that include
 * several changes in one message, new `---` lines and renames that change cross-document findings.
 * The BUILT server (`node esbuild.mjs` first).
 */
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Diagnostic, TextDocumentContentChangeEvent } from 'vscode-languageserver-protocol/node';
import { LineIndex } from '../../server/src/engine';
import { generateManifest, prng } from '../../scripts/bench/generate';
import { fileUri, LspHarness } from './harness';

const dir = mkdtempSync(join(tmpdir(), 'scalelint-incremental-'));
let lsp: LspHarness | undefined;
after(() => {
  lsp?.kill();
  rmSync(dir, { recursive: true, force: true });
});

/** Diagnostics without the document version their fix data was computed for. */
function comparable(diagnostics: Diagnostic[]): string {
  return JSON.stringify(diagnostics.map((d) => ({ ...d, data: { ...(d.data as object), version: 0 } })));
}

test('diagnostics after random incremental edits equal those of a fresh open', async () => {
  lsp = await LspHarness.start({ folder: dir });
  const uri = fileUri(join(dir, 'rendered.yaml'));
  let text = generateManifest(80, 9).text;
  await lsp.open(uri, text, 1);
  await lsp.waitForDiagnostics(uri, (p) => p.version === 1, 'first lint');
  const rand = prng(3);
  const pieces = ['x', '1', '\n', '---\n', ' ', ''];
  let version = 1;
  for (let step = 0; step < 40; step++) {
    // One message with one to three changes, each against the text left by the one before.
    const changes: TextDocumentContentChangeEvent[] = [];
    for (let k = 0, n = 1 + Math.floor(rand() * 3); k < n; k++) {
      const names = [...text.matchAll(/name: (\S+)/g)];
      const m = names[Math.floor(rand() * names.length)];
      const roll = rand();
      const marker = text.indexOf('\n---', Math.floor(rand() * text.length));
      // At a name (cross-document matches change), next to a `---` line (the split changes), or anywhere.
      const at = roll < 0.5 ? m.index! + m[0].length : roll < 0.8 && marker >= 0 ? marker + Math.floor(rand() * 5) : Math.floor(rand() * text.length);
      const end = rand() < 0.3 ? Math.min(text.length, at + 1) : at;
      const piece = pieces[Math.floor(rand() * pieces.length)];
      const lines = new LineIndex(text);
      changes.push({ range: { start: lines.position(at), end: lines.position(end) }, text: piece });
      text = text.slice(0, at) + piece + text.slice(end);
    }
    version++;
    await lsp.change(uri, version, changes);
    await lsp.waitForDiagnostics(uri, (p) => p.version === version, `version ${version}`);
  }
  const incremental = lsp.latest(uri)!.diagnostics;
  // Close (the file is not on disk: it leaves the lint set) and open the final text afresh.
  await lsp.close(uri);
  await lsp.waitForDiagnostics(uri, (p) => p.version === undefined && p.diagnostics.length === 0, 'cleared on close');
  await lsp.open(uri, text, 1000);
  const fresh = await lsp.waitForDiagnostics(uri, (p) => p.version === 1000, 'fresh lint');
  assert.ok(incremental.length > 0);
  assert.equal(comparable(incremental), comparable(fresh.diagnostics));
  await lsp.shutdown();
});

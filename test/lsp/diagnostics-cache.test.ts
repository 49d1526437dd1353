/**
 * Diagnostics are converted per document and reused while a document's findings are unchanged (moved by
 * whole lines when only the lines above changed), and a publish carries its documents' prepared JSON. What
 * is published must be exactly what a from-scratch lint of the same text gives: after every edit of seeded
 * random sessions on findings-heavy multi-document files (typing, deleting, new lines, new `---` lines,
 * renames that change cross-document findings and related locations across files), the converted
 * diagnostics equal a new Linter's, their JSON is byte for byte `JSON.stringify`'s, and over LSP each
 * published version equals what a fresh server publishes for the same text.
 * The LSP part runs the BUILT server (`node esbuild.mjs` first).
 */
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TextDocumentContentChangeEvent } from 'vscode-languageserver-protocol/node';
import { defaultConfig, LineIndex, Linter } from '../../server/src/engine';
import { fingerprint, linesOf, publishedForm, toDiagnostics, type ConvertOptions } from '../../server/src/lsp/diagnostics';
import { asciiJson, DIAGNOSTICS_JSON, FileDiagnostics } from '../../server/src/lsp/diagnostics-cache';
import { encodeMessage } from '../../server/src/lsp/diagnostics-json';
import { generateManifest, prng } from '../../scripts/bench/generate';
import { fileUri, LspHarness } from './harness';
import '../helpers/lint'; // schemas from disk

const PIECES = ['x', '1', '\n', '\n\n', '---\n', '\n---\n', ' ', '  ', 'é', ''];

/** One seeded edit: at a name (cross-document matches change), next to a `---` line (the split changes), on a line break (lines move), or anywhere. */
function randomEdit(text: string, rand: () => number): { start: number; end: number; text: string } {
  const roll = rand();
  let at: number;
  if (roll < 0.35) {
    const names = [...text.matchAll(/name: (\S+)/g)];
    const m = names[Math.floor(rand() * names.length)];
    at = m ? m.index! + m[0].length - Math.floor(rand() * 2) : 0;
  } else if (roll < 0.55) {
    const marker = text.indexOf('\n---', Math.floor(rand() * text.length));
    at = marker >= 0 ? marker + Math.floor(rand() * 5) : text.length;
  } else if (roll < 0.75) {
    const nl = text.indexOf('\n', Math.floor(rand() * text.length));
    at = nl >= 0 ? nl : text.length;
  } else at = Math.floor(rand() * (text.length + 1));
  at = Math.min(at, text.length);
  const cut = rand();
  const end = cut < 0.25 ? Math.min(text.length, at + 1) : cut < 0.3 ? Math.min(text.length, at + Math.floor(rand() * 200)) : at;
  return { start: at, end, text: PIECES[Math.floor(rand() * PIECES.length)] };
}

function options(linter: Linter, relatedInformation = true): ConvertOptions {
  return { relatedInformation, locate: (file) => (linter.get(file) ? { uri: `shown:${file}`, lines: linesOf(linter.get(file)!) } : undefined) };
}

test('per-document diagnostics equal a fresh conversion after every edit of random sessions (two heavy files, cross-file findings)', () => {
  const config = defaultConfig();
  for (const seed of [1, 2]) {
    const rand = prng(seed);
    // b.yaml's autoscalers and Services point at a.yaml's Deployments: related locations across files.
    const a = generateManifest(40, seed, '', { heavy: true }).text;
    const b = a
      .split(/^---\n/m)
      .filter((d) => !/^kind: Deployment/m.test(d))
      .join('---\n');
    const texts = new Map([
      ['file:///w/a.yaml', a.split(/^---\n/m).filter((d) => /^kind: Deployment/m.test(d)).join('---\n')],
      ['file:///w/b.yaml', b],
    ]);
    const linter = new Linter(() => config);
    for (const [uri, text] of texts) linter.update(uri, text, 1);
    const printed = new Map<string, { print: string; json: string }>();
    for (let step = 0; step < 80; step++) {
      const uri = [...texts.keys()][Math.floor(rand() * texts.size)];
      const before = texts.get(uri)!;
      const e = randomEdit(before, rand);
      const text = before.slice(0, e.start) + e.text + before.slice(e.end);
      texts.set(uri, text);
      const version = step + 2;
      linter.update(uri, text, version, { prefix: e.start, suffix: before.length - e.end, previousLength: before.length, inserted: e.text });
      const fresh = new Linter(() => config);
      for (const [u, t] of texts) fresh.update(u, t, version);
      for (const u of texts.keys()) {
        const related = step % 7 !== 3; // now and then a client without related information
        const { findings, parts } = linter.lintFileParts(u);
        assert.equal(parts.length, linter.get(u)!.documents.length);
        assert.deepEqual(parts.flat(), findings);
        const converted = new FileDiagnostics(parts, linter.get(u)!, options(linter, related));
        const got = converted.diagnostics(version);
        const want = toDiagnostics(fresh.lintFile(u), fresh.get(u)!, version, options(fresh, related));
        const where = `seed ${seed}, step ${step}, ${u} (edit ${JSON.stringify(e)})`;
        assert.deepEqual(got, want, where);
        // What is published: the same diagnostics without their fixes, and its JSON byte for byte.
        const published = converted.published();
        assert.deepEqual(published, publishedForm(want), where);
        const json = asciiJson(JSON.stringify(publishedForm(want)));
        assert.equal((published as unknown as Record<symbol, () => Buffer>)[DIAGNOSTICS_JSON]().toString(), json, where);
        assert.equal(converted.json().toString(), json, where);
        // The fingerprint: equal to the last one only when the diagnostics are (but for the version).
        const print = converted.fingerprint();
        const comparable = JSON.stringify(want.map((d) => ({ ...d, data: { ...(d.data as object), version: 0 } })));
        const last = printed.get(u);
        if (last && last.print === print) assert.equal(comparable, last.json, `${where}: same fingerprint, different diagnostics`);
        printed.set(u, { print, json: comparable });
        assert.equal(fingerprint(findings), fingerprint(fresh.lintFile(u)), where);
      }
    }
  }
});

test('a publish with prepared JSON is encoded as JSON.stringify encodes it, all ASCII', () => {
  const encodes = (message: object) => {
    const bytes = encodeMessage(message as never);
    assert.ok(bytes.every((b) => b < 0x80), 'all ASCII');
    assert.equal(bytes.toString(), asciiJson(JSON.stringify(message)));
    assert.deepEqual(JSON.parse(bytes.toString()), JSON.parse(JSON.stringify(message)));
  };
  const config = defaultConfig();
  const linter = new Linter(() => config);
  const uri = 'file:///w/heavy.yaml';
  linter.update(uri, generateManifest(30, 4, '', { heavy: true }).text, 1);
  const { parts } = linter.lintFileParts(uri);
  for (const version of [1, 9, 10, 99, 100, 123456]) {
    const diagnostics = new FileDiagnostics(parts, linter.get(uri)!, options(linter)).published();
    assert.ok(diagnostics.length > 30);
    const message = { jsonrpc: '2.0', method: 'textDocument/publishDiagnostics', params: { uri, version, diagnostics } };
    assert.ok(JSON.stringify(message).includes('–'), 'a message past ASCII (an en dash)');
    encodes(message);
    // The same items answering a pull (a full report) are spliced alike.
    encodes({ jsonrpc: '2.0', id: version, result: { kind: 'full', resultId: String(version), items: diagnostics } });
  }
  const empty = { jsonrpc: '2.0', method: 'textDocument/publishDiagnostics', params: { uri, version: 3, diagnostics: new FileDiagnostics([], linter.get(uri)!, options(linter)).published() } };
  encodes(empty);
  encodes({ jsonrpc: '2.0', id: 4, result: { items: [{ message: 'é \u0000 " \u2028 😀 \\u00e9' }] } });
  encodes({ jsonrpc: '2.0', method: 'textDocument/publishDiagnostics', params: { uri: 'file:///w/café.yaml', version: 1, diagnostics: [{ message: '≥ 😀' }] } });
});

const dir = mkdtempSync(join(tmpdir(), 'scalelint-diagnostics-cache-'));
const servers: LspHarness[] = [];
after(() => {
  for (const s of servers) s.kill();
  rmSync(dir, { recursive: true, force: true });
});

test('over LSP, every version published during a random session equals a fresh server’s diagnostics for that text', async () => {
  const session = await LspHarness.start({ folder: dir });
  const fresh = await LspHarness.start({ folder: dir });
  servers.push(session, fresh);
  const uri = fileUri(join(dir, 'heavy.yaml'));
  let text = generateManifest(60, 8, '', { heavy: true }).text;
  await session.open(uri, text, 1);
  await session.waitForDiagnostics(uri, (p) => p.version === 1, 'first lint');
  const rand = prng(21);
  for (let version = 2; version <= 41; version++) {
    // One message with one or two changes, each against the text left by the one before.
    const changes: TextDocumentContentChangeEvent[] = [];
    for (let k = 0, n = rand() < 0.2 ? 2 : 1; k < n; k++) {
      const e = randomEdit(text, rand);
      const lines = new LineIndex(text);
      changes.push({ range: { start: lines.position(e.start), end: lines.position(e.end) }, text: e.text });
      text = text.slice(0, e.start) + e.text + text.slice(e.end);
    }
    await session.change(uri, version, changes);
    const got = await session.waitForDiagnostics(uri, (p) => p.version === version, `version ${version}`);
    await fresh.open(uri, text, version);
    const want = await fresh.waitForDiagnostics(uri, (p) => p.version === version, `fresh version ${version}`);
    await fresh.close(uri);
    assert.ok(want.diagnostics.length > 0);
    assert.deepEqual(got.diagnostics, want.diagnostics, `version ${version}`);
  }
});

/**
 * Documents parsed on a worker thread reach the main thread as plain data (parse/transfer.ts) and are
 * rebuilt as YAML nodes there. Every rule must see them exactly as it sees a parse: the findings of a
 * file linted from rebuilt documents (with the per-document rules run on the rebuilt nodes, and with the
 * worker's findings) equal those of a file parsed in place. Over every fixture, the corpus, and
 * generated manifests.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { chunkFromTransfer, defaultConfig, Linter, parseChunk, splitDocuments, transferOf, type PreparedDocument } from '../../../../server/src/engine';
import { generateManifest } from '../../../../scripts/bench/generate';
import '../../../helpers/lint'; // schemas from disk

const ROOT = join(__dirname, '..', '..', '..', '..');
const CORPUS = join(ROOT, 'test', 'corpus', 'reference');

function inputs(): [string, string][] {
  const out: [string, string][] = [];
  const fixtures = join(ROOT, 'test', 'fixtures');
  for (const dir of readdirSync(fixtures)) {
    for (const f of readdirSync(join(fixtures, dir))) if (/\.(ya?ml|json)$/.test(f)) out.push([`${dir}/${f}`, readFileSync(join(fixtures, dir, f), 'utf8')]);
  }
  // The reference corpus is beside the repository in development and CI; without it, fixtures and generated files still run.
  for (const f of readdirSync(CORPUS)) if (/\.ya?ml$/.test(f)) out.push([f, readFileSync(join(CORPUS, f), 'utf8')]);
  out.push(['generated.yaml', generateManifest(300, 8).text]);
  return out;
}

function lintAll(files: [string, string][], prepare?: (text: string) => PreparedDocument): string {
  const linter = new Linter(() => config);
  for (const [uri, text] of files) {
    const prepared = prepare ? new Map(splitDocuments(text).map((c) => [c.text, prepare(c.text)])) : undefined;
    linter.update(uri, text, 0, undefined, prepared);
  }
  return JSON.stringify(files.map(([uri]) => linter.lintFile(uri)));
}

const config = defaultConfig();
const worker = new Linter(() => config);

test('rebuilt documents lint exactly like parsed ones', () => {
  const files = inputs();
  assert.ok(files.length > 50);
  const direct = lintAll(files);
  // The rules run on the rebuilt nodes themselves.
  const rebuilt = lintAll(files, (text) => ({ chunk: chunkFromTransfer(text, structuredClone(transferOf(parseChunk(text)))) }));
  assert.equal(rebuilt, direct);
  // The worker's findings are taken, and the rebuilt nodes serve the cross-document rules.
  const adopted = lintAll(files, (text) => {
    const p = worker.prepareDocument(text, config);
    return { chunk: chunkFromTransfer(text, structuredClone(transferOf(p.chunk))), findings: { config, list: structuredClone(p.findings!.list) } };
  });
  assert.equal(adopted, direct);
});

/**
 * A Linter made with `related: false` (the CLI, for every format but SARIF) skips placing related
 * locations. Everything else must be what the default Linter finds: on random lint sets where many
 * documents relate to one another (copies of generated apps under the same names, the reference
 * corpus twice), each file's findings equal the default's with `related` left out, and the JSON
 * report (which never shows related locations) is byte for byte the same.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Linter, LineIndex, type FileFinding } from '../../../../server/src/engine';
import { formatJson, type FileResult } from '../../../../server/src/cli/formats';
import { generateManifest, prng } from '../../../../scripts/bench/generate';

const CORPUS = join(__dirname, '..', '..', '..', 'corpus', 'reference');

/** A lint set: generated apps, some files repeated under other names (same resource names), corpus files. */
function lintSet(seed: number): Map<string, string> {
  const rand = prng(seed);
  const files = new Map<string, string>();
  for (let i = 0; i < 4; i++) {
    const text = generateManifest(20 + Math.floor(rand() * 40), seed * 10 + i, `s${i % 2}-`).text;
    const copies = 1 + Math.floor(rand() * 3);
    for (let c = 0; c < copies; c++) files.set(`gen-${i}-copy-${c}.yaml`, text);
  }
  const corpus = readdirSync(CORPUS).filter((f) => /\.ya?ml$/.test(f));
  for (let c = 0; c < 2; c++) {
    for (const f of corpus) if (rand() < 0.5) files.set(`corpus-${c}/${f}`, readFileSync(join(CORPUS, f), 'utf8'));
  }
  return files;
}

function lintAll(files: Map<string, string>, related: boolean): Map<string, FileFinding[]> {
  const linter = new Linter(undefined, undefined, { related });
  for (const [f, text] of files) linter.update(f, text);
  return new Map([...files.keys()].map((f) => [f, linter.lintFile(f)]));
}

function withoutRelated(f: FileFinding): FileFinding {
  const copy = { ...f };
  delete copy.related;
  return copy;
}

function json(files: Map<string, string>, findings: Map<string, FileFinding[]>): string {
  const results: FileResult[] = [...files].map(([key, text]) => ({ key, filePath: key, displayPath: key, text, findings: findings.get(key)!, lines: new LineIndex(text) }));
  return formatJson(results);
}

test('related: false gives the same findings without related locations, and the same JSON report', () => {
  let relatedSeen = 0;
  for (let seed = 1; seed <= 6; seed++) {
    const files = lintSet(seed);
    const full = lintAll(files, true);
    const bare = lintAll(files, false);
    for (const [f, list] of full) {
      relatedSeen += list.filter((x) => x.related?.length).length;
      assert.deepEqual(bare.get(f), list.map(withoutRelated), `seed ${seed}, ${f}`);
      assert.ok(bare.get(f)!.every((x) => !('related' in x)), `seed ${seed}, ${f}: no related locations`);
    }
    assert.equal(json(files, bare), json(files, full), `seed ${seed}: JSON report`);
  }
  // The sets do relate documents to one another (else the comparison proves nothing).
  assert.ok(relatedSeen > 50, `findings with related locations: ${relatedSeen}`);
});

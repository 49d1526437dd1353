/**
 * The CLI's two-thread split (cli/lint.ts, LintThreads.check): the worker runs the per-document rules and
 * sends findings only; the main thread parses every document itself, runs the cross-document checks
 * first (Linter.checkFiles) and takes the worker's findings (Linter.adoptFindings), checking itself the
 * documents the worker had not reached. Each piece must give what a plain single-thread lint gives.
 * Needs the build (server/out/lint-worker.js, server/out/cli.js).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defaultConfig, Linter, splitDocuments, type FileFinding } from '../../server/src/engine';
import { LintThreads } from '../../server/src/node/lint-threads';
import { schemaReader, usePrecompiledValidators } from '../../server/src/node/schemas';
import { setSchemaLoader } from '../../server/src/engine/schemas';
import { generateManifest } from '../../scripts/bench/generate';

const ROOT = join(__dirname, '..', '..');
const WORKER = join(ROOT, 'server', 'out', 'lint-worker.js');
const CLI = join(ROOT, 'server', 'out', 'cli.js');
const CORPUS = join(ROOT, 'test', 'corpus', 'reference');

// The schemas and validators the built worker reads: the schema rule runs the same on both sides.
setSchemaLoader(schemaReader(join(ROOT, 'schemas')));
usePrecompiledValidators(join(ROOT, 'server', 'out', 'validators'));

/** Generated apps (two files share their names) and the reference corpus: fast-path and yaml-parsed documents. */
function lintSet(): Map<string, string> {
  const files = new Map<string, string>();
  for (let i = 0; i < 3; i++) files.set(`gen-${i}.yaml`, generateManifest(150, 7 + i, `p${i % 2}-`).text);
  for (const f of readdirSync(CORPUS).filter((x) => /\.ya?ml$/.test(x))) files.set(`corpus/${f}`, readFileSync(join(CORPUS, f), 'utf8'));
  return files;
}

test("a worker's findings for each document are the ones this thread computes; a job finished at once leaves them to this thread", async () => {
  const config = defaultConfig();
  const texts = [...lintSet().values()].flatMap((t) => splitDocuments(t).map((c) => c.text));
  const here = new Linter(() => config);
  const pool = new LintThreads(1, WORKER);
  try {
    assert.equal(pool.size, 1);
    // Waiting for every batch: run the job to its end before finishing it.
    const job = pool.check(texts, config);
    await new Promise((resolve) => setTimeout(resolve, 50));
    let found = await job.finish();
    // Finished early, the worker may have stopped before the end: run again until a complete answer shows
    // the worker checked every document at least once across the runs.
    const checked = new Set<number>();
    for (let round = 0; round < 20 && checked.size < texts.length; round++) {
      found.forEach((list, i) => {
        if (!list) return;
        checked.add(i);
        assert.deepEqual(list, here.prepareDocument(texts[i], config).findings!.list, `document ${i}`);
      });
      if (checked.size < texts.length) {
        const again = pool.check(texts, config);
        await new Promise((resolve) => setTimeout(resolve, 200 * (round + 1)));
        found = await again.finish();
      }
    }
    assert.equal(checked.size, texts.length, 'the worker checked every document');
    // Finished at once: whatever the worker had claimed is back, the rest is undefined (never wrong).
    const early = await pool.check(texts, config).finish();
    assert.equal(early.length, texts.length);
    early.forEach((list, i) => list && assert.deepEqual(list, here.prepareDocument(texts[i], config).findings!.list));
  } finally {
    pool.close();
  }
});

test('cross-document checks run first and adopted findings give the findings of a plain lint', () => {
  const files = lintSet();
  const config = defaultConfig();
  const plain = new Linter(() => config);
  for (const [f, t] of files) plain.update(f, t);
  const expected = new Map<string, FileFinding[]>([...files.keys()].map((f) => [f, plain.lintFile(f)]));

  const split = new Linter(() => config);
  const elsewhere = new Linter(() => config);
  for (const [f, t] of files) split.update(f, t);
  split.checkFiles(files.keys());
  let adopted = 0;
  let k = 0;
  for (const f of files.keys()) {
    for (const d of split.get(f)!.documents) {
      // Every other document adopted (as from a worker), the rest left for lintFile to check.
      if (k++ % 2 === 0) continue;
      split.adoptFindings(d.chunk, config, elsewhere.prepareDocument(d.chunk.text, config).findings!.list);
      adopted++;
    }
  }
  assert.ok(adopted > 100);
  for (const f of files.keys()) assert.deepEqual(split.lintFile(f), expected.get(f), f);
});

test('the built CLI gives the same JSON and SARIF reports on one thread and on two', () => {
  const dir = mkdtempSync(join(tmpdir(), 'scalelint-threads-'));
  for (const [f, t] of lintSet()) writeFileSync(join(dir, f.replaceAll('/', '__')), t);
  for (const format of ['json', 'sarif']) {
    const run = (threads: string) => spawnSync(process.execPath, [CLI, '--format', format, '--threads', threads, dir], { encoding: 'utf8', maxBuffer: 1 << 28 });
    const one = run('1');
    const two = run('2');
    assert.equal(two.stderr, '', 'no fallback to one thread');
    assert.equal(two.status, one.status);
    assert.ok(one.stdout.length > 10_000, format);
    assert.equal(two.stdout, one.stdout, format);
  }
});

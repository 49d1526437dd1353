/**
 * Every file of test/corpus/reference (real files from public repositories, vendored byte for byte with
 * SOURCES.md and LICENSES.md; others' work, never edited) is linted without a
 * crash, each alone (findings.golden.txt) and all together as one lint set (findings.together.golden.txt);
 * UPDATE=1 rewrites both: review the diff, and keep REVIEW.md (the true/false-positive review) in step.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { Linter, defaultConfig } from '../../server/src/engine';
import { rows } from '../helpers/lint';

const CORPUS = process.env.SCALELINT_CORPUS ?? join(__dirname, 'reference');
const GOLDEN = join(__dirname, 'findings.golden.txt');
const TOGETHER_GOLDEN = join(__dirname, 'findings.together.golden.txt');

function corpusFiles(dir: string): string[] {
  return readdirSync(dir).sort().flatMap((n) => {
    const p = join(dir, n);
    if (statSync(p).isDirectory()) return corpusFiles(p);
    return /\.(ya?ml|json)$/.test(n) ? [p] : [];
  });
}

test('corpus: each file alone, findings match the golden file', () => {
  const out: string[] = [];
  for (const file of corpusFiles(CORPUS)) {
    const text = readFileSync(file, 'utf8');
    const linter = new Linter(() => defaultConfig());
    const name = relative(CORPUS, file);
    linter.update(name, text);
    const found = rows(text, linter.lintFile(name));
    for (const r of found) out.push(`${name}:${r.line}:${r.column} ${r.severity} ${r.ruleId} ${r.message}`);
    assert.ok(!found.some((r) => /Internal error/.test(r.message)), `${name}: a rule crashed`);
  }
  const actual = out.join('\n') + '\n';
  if (process.env.UPDATE === '1') writeFileSync(GOLDEN, actual);
  assert.equal(actual, readFileSync(GOLDEN, 'utf8'), 'corpus findings changed: run UPDATE=1 npm run test:corpus, review the diff and test/corpus/REVIEW.md');
});

test('corpus: all files together as one lint set, findings match findings.together.golden.txt', () => {
  const linter = new Linter(() => defaultConfig());
  const files = corpusFiles(CORPUS);
  for (const f of files) linter.update(relative(CORPUS, f), readFileSync(f, 'utf8'));
  const all = linter.lintAll();
  assert.equal(all.size, files.length);
  const out: string[] = [];
  for (const f of files) {
    const name = relative(CORPUS, f);
    const found = rows(readFileSync(f, 'utf8'), all.get(name) ?? []);
    assert.ok(!found.some((r) => /Internal error/.test(r.message)), `${name}: a rule crashed`);
    for (const r of found) out.push(`${name}:${r.line}:${r.column} ${r.severity} ${r.ruleId} ${r.message}`);
  }
  const actual = out.join('\n') + '\n';
  if (process.env.UPDATE === '1') writeFileSync(TOGETHER_GOLDEN, actual);
  assert.equal(actual, readFileSync(TOGETHER_GOLDEN, 'utf8'), 'corpus findings (one lint set) changed: run UPDATE=1 npm run test:corpus, review the diff and test/corpus/REVIEW.md');
});

test('corpus: Helm templates get one information note each, no cascade', () => {
  const dir = join(CORPUS, 'templated');
  for (const f of corpusFiles(dir)) {
    const linter = new Linter(() => defaultConfig());
    linter.update(f, readFileSync(f, 'utf8'));
    const found = linter.lintFile(f);
    assert.equal(found.length, 1, `${f}: ${found.map((x) => x.message).join('; ')}`);
    assert.equal(found[0].severity, 'info');
    assert.match(found[0].message, /Helm\/Go template/);
  }
});

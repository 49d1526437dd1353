/**
 * The bounded fuzz run of `npm test` (the long one is `npm run fuzz`): a few hundred seeded mutations of
 * the corpus and the fixtures, and every generated extreme, each through Linter.update + lintFile (fresh
 * and incremental) and fixAll, in a child process under a watchdog. Asserted: nothing throws, no rule
 * crashes, every finding lies inside its text, incremental equals fresh, --fix never breaks a file that
 * parsed, and the extremes get the finding they deserve (a syntax error, the size limit, or silence).
 * No timing is asserted: the watchdog only says whether a case hung (no result for minutes).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatFailures, runFuzz } from './runner';
import { sources } from './inputs';
import { SOURCE_EXTREMES, sourceUnits } from './sources';

/** Fixed, so a failure here replays exactly: `npm run fuzz -- --seed 20250501 --runs 300 --only N --no-extremes`. */
const SEED = 20250501;
const RUNS = 300;
const STALL_MS = 180_000;

test('fuzz: there are files to mutate (corpus and fixtures)', () => {
  assert.ok(sources().length > 50, `only ${sources().length} source files found`);
});

test(`fuzz: ${RUNS} seeded mutations of the corpus and fixtures`, async (t) => {
  const summary = await runFuzz({ mode: 'mutations', seed: SEED, runs: RUNS }, { stallMs: STALL_MS });
  const findings = summary.cases.reduce((n, c) => n + c.findings, 0);
  t.diagnostic(`${summary.ran} mutated inputs, ${findings} findings, --fix applied on ${summary.cases.filter((c) => c.fixes > 0).length}; ${summary.failures.length} failures`);
  assert.equal(
    summary.failures.length,
    0,
    formatFailures(summary.failures, (f) => `npm run fuzz -- --seed ${SEED} --runs ${RUNS} --only ${f.index} --no-extremes`),
  );
  assert.equal(summary.ran, RUNS);
});

test('fuzz: generated extremes (nesting, alias bombs, huge lines and files, many documents, binary, empty)', async (t) => {
  const summary = await runFuzz({ mode: 'extremes', quick: true }, { stallMs: STALL_MS });
  t.diagnostic(`${summary.ran} extreme inputs; ${summary.failures.length} failures`);
  assert.equal(summary.failures.length, 0, formatFailures(summary.failures, () => 'npm run fuzz -- --no-mutations'));
  assert.equal(summary.ran, summary.total);
  assert.ok(summary.total >= 40);
});

const SOURCE_RUNS = 80;

test(`fuzz: ${SOURCE_RUNS} seeded mutations of real charts, kustomizations, Terraform modules and scripts, and their formats' extremes`, async (t) => {
  assert.ok(sourceUnits().length >= 20, `only ${sourceUnits().length} source units found`);
  const summary = await runFuzz({ mode: 'sources', seed: SEED, runs: SOURCE_RUNS, extremes: true }, { stallMs: STALL_MS });
  const findings = summary.cases.reduce((n, c) => n + c.findings, 0);
  t.diagnostic(`${summary.ran} source inputs, ${findings} findings, fixes applied on ${summary.cases.filter((c) => c.fixes > 0).length}; ${summary.failures.length} failures`);
  assert.equal(summary.failures.length, 0, formatFailures(summary.failures, (f) => `npm run fuzz -- --sources --seed ${SEED} --runs ${SOURCE_RUNS} --only ${f.index}`));
  assert.equal(summary.ran, summary.total);
  assert.equal(summary.total, SOURCE_RUNS + SOURCE_EXTREMES.length);
});

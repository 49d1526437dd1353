/**
 * `npm run fuzz`: the long fuzz run. Mutations of the corpus and fixtures (seeded fast-check), then the
 * generated extremes at ¼, ½ and full size with their times, to show the engine's time grows in
 * proportion to its input. Prints counts; exits 1 when any input crashed, hung or broke an invariant.
 *
 *   npm run fuzz -- [--runs N] [--seed S] [--only I] [--stall SECONDS] [--no-extremes] [--no-mutations] [--artifacts DIR]
 *   npm run fuzz -- --sources [--runs N] [--seed S] [--only I]   charts, kustomizations, Terraform modules, scripts (test/fuzz/sources.ts)
 */
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { formatFailures, runFuzz, type CaseEnd, type Failure } from '../test/fuzz/runner';

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}
const flag = (name: string) => process.argv.includes(`--${name}`);

function whole(name: string, fallback: number): number {
  const v = arg(name);
  if (v === undefined) return fallback;
  if (!/^\d+$/.test(v)) {
    console.error(`fuzz: --${name} needs a whole number, got "${v}"`);
    process.exit(2);
  }
  return Number(v);
}

const runs = whole('runs', 5000);
const seed = whole('seed', Math.floor(Math.random() * 2 ** 31));
const only = arg('only') !== undefined ? whole('only', 0) : undefined;
const stallMs = whole('stall', 120) * 1000;
const artifacts = arg('artifacts') ?? join(tmpdir(), 'scalelint-fuzz');

const MB = 1024 * 1024;
const fmtMs = (ms: number) => (ms >= 1000 ? `${(ms / 1000).toFixed(1)} s` : `${ms.toFixed(0)} ms`);
const fmtSize = (n: number) => (n >= MB ? `${(n / MB).toFixed(1)} MB` : n >= 1024 ? `${(n / 1024).toFixed(1)} KB` : `${n} B`);

async function main(): Promise<number> {
  const failures: Failure[] = [];
  let tried = 0;
  if (flag('sources')) {
    // Charts, kustomizations, Terraform modules and scripts: mutations of real ones, then their formats' extremes.
    const sourceRuns = whole('runs', 1000);
    console.log(`Sources: ${only !== undefined ? `case ${only} of ` : ''}${sourceRuns} mutated units and the source extremes, seed ${seed} (replay: npm run fuzz -- --sources --seed ${seed} --runs ${sourceRuns})`);
    const t0 = performance.now();
    const summary = await runFuzz(
      { mode: 'sources', seed, runs: sourceRuns, extremes: true, only, artifacts },
      { stallMs, onCase: (c) => { if (c.index % 100 === 99 || c.problems.length) console.log(`  ${c.index + 1} inputs…${c.problems.length ? ` #${c.index} FAILED` : ''}`); } },
    );
    const findings = summary.cases.reduce((n, c) => n + c.findings, 0);
    console.log(`  ${summary.ran} inputs in ${fmtMs(performance.now() - t0)}: ${findings} findings, fixes applied on ${summary.cases.filter((c) => c.fixes > 0).length}; ${summary.failures.length} failures`);
    if (summary.failures.length) console.log(formatFailures(summary.failures, (f) => `npm run fuzz -- --sources --seed ${seed} --runs ${sourceRuns} --only ${f.index}`));
    console.log(`\nFuzz: ${summary.ran} inputs tried, ${summary.failures.length} failures.`);
    return summary.failures.length ? 1 : 0;
  }
  if (!flag('no-mutations')) {
    console.log(`Mutations: ${only !== undefined ? `case ${only} of ` : ''}${runs} inputs, seed ${seed} (replay: npm run fuzz -- --seed ${seed} --runs ${runs})`);
    const t0 = performance.now();
    let bytes = 0;
    let slowest: CaseEnd | undefined;
    const summary = await runFuzz(
      { mode: 'mutations', seed, runs, only, artifacts },
      {
        stallMs,
        onCase: (c) => {
          bytes += c.bytes;
          if (!slowest || c.ms > slowest.ms) slowest = c;
          if (c.index % 500 === 499) console.log(`  ${c.index + 1} inputs…`);
        },
      },
    );
    tried += summary.ran;
    failures.push(...summary.failures);
    const findings = summary.cases.reduce((n, c) => n + c.findings, 0);
    const fixed = summary.cases.filter((c) => c.fixes > 0).length;
    console.log(
      `  ${summary.ran} inputs (${fmtSize(bytes)}) in ${fmtMs(performance.now() - t0)}: ${findings} findings, --fix applied on ${fixed} inputs; ` +
        `${summary.failures.length} failures` +
        (slowest ? `; slowest ${fmtMs(slowest.ms)} (#${slowest.index}, ${fmtSize(slowest.bytes)})` : ''),
    );
    if (summary.failures.length) console.log(formatFailures(summary.failures, (f) => `npm run fuzz -- --seed ${seed} --runs ${runs} --only ${f.index} --no-extremes`));
  }
  if (!flag('no-extremes') && only === undefined) {
    console.log('\nExtremes, at ¼, ½ and full size (time per MB should stay flat):');
    const scales = [0.25, 0.5, 1];
    const summary = await runFuzz(
      { mode: 'extremes', scales, long: true, artifacts },
      {
        // Tens of megabytes linted with a raised size limit need minutes and gigabytes: a larger heap, a longer watchdog.
        stallMs: Math.max(stallMs, 900_000),
        maxOldSpaceMb: 8192,
        onCase: (c) => console.log(`  … ${c.label} (${fmtSize(c.bytes)}): ${fmtMs(c.ms)}${c.problems.length ? ' FAILED' : ''}`),
      },
    );
    tried += summary.ran;
    failures.push(...summary.failures);
    const byName = new Map<string, CaseEnd[]>();
    for (const c of summary.cases) {
      const name = c.label.replace(/ ×[\d.]+$/, '');
      byName.set(name, [...(byName.get(name) ?? []), c]);
    }
    for (const [name, cases] of byName) {
      const cells = cases.map((c) => `${fmtSize(c.bytes).padStart(9)} ${fmtMs(c.ms).padStart(8)}`).join(' |');
      const full = cases[cases.length - 1];
      const quarter = cases[0];
      const growth = cases.length > 1 && quarter.ms > 20 ? `  ×${(full.ms / quarter.ms).toFixed(1)} time for ×${(full.bytes / Math.max(1, quarter.bytes)).toFixed(1)} size` : '';
      console.log(`  ${name.padEnd(64)} ${cells}${growth}${cases.some((c) => c.problems.length) ? '  FAILED' : ''}`);
    }
    if (summary.failures.length) console.log(formatFailures(summary.failures, () => 'npm run fuzz -- --no-mutations'));
  }
  console.log(`\nFuzz: ${tried} inputs tried, ${failures.length} failures (${failures.filter((f) => f.kind === 'crash').length} crashes, ${failures.filter((f) => f.kind === 'hang').length} hangs).`);
  return failures.length ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (err) => {
    console.error(err);
    process.exit(2);
  },
);

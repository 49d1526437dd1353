/**
 * The fuzzing process (forked by runner.ts): generates the seeded inputs, runs each through the engine
 * and reports every case over IPC before and after it runs, so the parent's watchdog knows which input
 * hung. Inputs that fail are written to the artifacts folder to be replayed.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { checkInput } from './check';
import { EXTREMES, mutant, mutantArb, sources } from './inputs';
import type { CaseEnd, CaseStart, Task } from './runner';
import { SOURCE_EXTREMES, checkSources, sourceMutant, sourceMutantArb, sourceUnits } from './sources';
import { loadHclParser } from '../../server/src/node/hcl-parser';

const send = (m: CaseStart | CaseEnd | { type: 'ready'; total: number }) => process.send!(m);

function save(dir: string | undefined, name: string, text: string): string | undefined {
  if (!dir) return undefined;
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `${name.replace(/[^\w.-]+/g, '_').slice(0, 120)}.yaml`);
  writeFileSync(file, text);
  return file;
}

function runMutations(task: Extract<Task, { mode: 'mutations' }>): void {
  const all = sources();
  if (all.length === 0) throw new Error('no corpus or fixture files to mutate');
  const specs = fc.sample(mutantArb(all.length), { seed: task.seed, numRuns: task.runs });
  send({ type: 'ready', total: specs.length });
  for (let i = task.from ?? 0; i < specs.length; i++) {
    if (task.only !== undefined && i !== task.only) continue;
    const { name, text } = mutant(specs[i], all);
    send({ type: 'start', index: i, label: name, bytes: text.length });
    const t0 = performance.now();
    const r = checkInput(text, { before: all[specs[i].source].text });
    const ms = performance.now() - t0;
    const artifact = r.problems.length ? save(task.artifacts, `seed${task.seed}-case${i}`, text) : undefined;
    send({ type: 'end', index: i, label: name, bytes: text.length, ms, problems: r.problems, findings: r.findings.length, fixes: r.fixesApplied, artifact });
  }
}

function runExtremes(task: Extract<Task, { mode: 'extremes' }>): void {
  const chosen = EXTREMES.filter((e) => (task.long || !e.longOnly) && (!task.names || task.names.includes(e.name)));
  const scalesOf = (e: (typeof EXTREMES)[number]) => (task.quick ? [e.quick ?? 1] : (task.scales ?? [1]));
  send({ type: 'ready', total: chosen.reduce((n, e) => n + scalesOf(e).length, 0) });
  let index = 0;
  for (const e of chosen) {
    const scales = scalesOf(e);
    for (const scale of scales) {
      const i = index++;
      if (i < (task.from ?? 0)) continue;
      const text = e.make(scale);
      const label = scale !== 1 ? `${e.name} ×${scale}` : e.name;
      send({ type: 'start', index: i, label, bytes: text.length });
      const t0 = performance.now();
      const r = checkInput(text, { maxFileSizeBytes: e.maxFileSizeBytes, fix: !e.noFix });
      const ms = performance.now() - t0;
      const problems = [...r.problems];
      const syntax = r.findings.filter((f) => f.ruleId === 'yaml-syntax');
      if (scale === scales[scales.length - 1]) {
        if (e.expect === 'syntax-error' && !syntax.some((f) => f.severity === 'error')) problems.push(`expected a yaml-syntax error, got: ${r.findings.map((f) => f.message).join('; ').slice(0, 300) || 'nothing'}`);
        if (e.expect === 'too-large' && !syntax.some((f) => /File not linted/.test(f.message))) problems.push('expected the size-limit finding');
        if (e.expect === 'silent' && r.findings.length) problems.push(`expected no finding, got: ${r.findings.map((f) => f.message).join('; ').slice(0, 300)}`);
        if (e.expect === 'findings' && !r.findings.length) problems.push('expected findings, got none');
      }
      const artifact = problems.length && text.length < 2 * 1024 * 1024 ? save(task.artifacts, `extreme-${e.name}`, text) : undefined;
      send({ type: 'end', index: i, label, bytes: text.length, ms, problems, findings: r.findings.length, fixes: r.fixesApplied, artifact });
    }
  }
}

function saveFiles(dir: string | undefined, name: string, files: Record<string, string>): string | undefined {
  if (!dir) return undefined;
  const folder = join(dir, name.replace(/[^\w.-]+/g, '_').slice(0, 120));
  for (const [path, text] of Object.entries(files)) {
    const file = join(folder, path);
    mkdirSync(join(file, '..'), { recursive: true });
    writeFileSync(file, text);
  }
  return folder;
}

async function runSources(task: Extract<Task, { mode: 'sources' }>): Promise<void> {
  const hclParser = await loadHclParser();
  const units = sourceUnits();
  if (units.length === 0) throw new Error('no charts, kustomizations, modules or scripts to mutate');
  const specs = fc.sample(sourceMutantArb(units.length), { seed: task.seed, numRuns: task.runs });
  const extremes = task.extremes ? SOURCE_EXTREMES : [];
  send({ type: 'ready', total: specs.length + extremes.length });
  const bytes = (files: Record<string, string>) => Object.values(files).reduce((n, t) => n + t.length, 0);
  const run = (i: number, label: string, files: Record<string, string>, expectFindings?: boolean) => {
    send({ type: 'start', index: i, label, bytes: bytes(files) });
    const t0 = performance.now();
    const r = checkSources(files, hclParser, { expectFindings });
    const ms = performance.now() - t0;
    const artifact = r.problems.length ? saveFiles(task.artifacts, `sources-seed${task.seed}-case${i}`, files) : undefined;
    send({ type: 'end', index: i, label, bytes: bytes(files), ms, problems: r.problems, findings: r.findings, fixes: r.fixesApplied, artifact });
  };
  for (let i = task.from ?? 0; i < specs.length + extremes.length; i++) {
    if (task.only !== undefined && i !== task.only) continue;
    if (i < specs.length) {
      const m = sourceMutant(specs[i]!, units);
      run(i, m.name, m.files);
    } else {
      const e = extremes[i - specs.length]!;
      run(i, e.name, e.files(), e.expectFindings);
    }
  }
}

process.once('message', async (task: Task) => {
  try {
    if (task.mode === 'mutations') runMutations(task);
    else if (task.mode === 'sources') await runSources(task);
    else runExtremes(task);
    process.exit(0);
  } catch (err) {
    process.stderr.write(`fuzz child failed: ${(err as Error)?.stack ?? String(err)}\n`);
    process.exit(3);
  }
});

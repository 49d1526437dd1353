/**
 * One process, one thread: the server's keystroke path on a generated file, phase by phase — the text
 * change hint, `Linter.update`, `lintFile`, the fingerprint, the conversion to diagnostics and the JSON of
 * the publish (what lsp/linting.ts and publish.ts do). Medians per phase over the edit script.
 *
 *   node --import tsx scripts/bench/keystroke.ts [documents=5000] [heavy|normal] [edits=60]
 *   node --cpu-prof --import tsx scripts/bench/keystroke.ts 5000 heavy     # + a profile of the same
 *   KEYSTROKE_PATH=whole …   the conversion before per-document caching (every finding, JSON.stringify)
 */
import { performance } from 'node:perf_hooks';
import { defaultConfig, Linter } from '../../server/src/engine';
import { fingerprint, toDiagnostics, linesOf } from '../../server/src/lsp/diagnostics';
import { DIAGNOSTICS_JSON, FileDiagnostics } from '../../server/src/lsp/diagnostics-cache';
import { editScript, generateManifest } from './generate';

const documents = Number(process.argv[2] ?? 5000);
const heavy = (process.argv[3] ?? 'heavy') === 'heavy';
const count = Number(process.argv[4] ?? 60);
const whole = process.env.KEYSTROKE_PATH === 'whole';
const check = process.env.KEYSTROKE_CHECK === '1';
const config = defaultConfig();
const manifest = generateManifest(documents, 42, '', { heavy });
const uri = 'file:///bench/rendered.yaml';
const linter = new Linter(() => config);
const options = { relatedInformation: true, locate: (file: string) => { const s = linter.get(file); return s ? { uri: file, lines: linesOf(s) } : undefined; } };

const phases = ['update', 'lintFile', 'fingerprint', 'toDiagnostics', 'stringify', 'total'] as const;
const times: Record<(typeof phases)[number], number[]> = Object.fromEntries(phases.map((p) => [p, []])) as never;
function cycle(text: string, version: number, change?: { prefix: number; suffix: number; previousLength: number; inserted?: string }, record = true): number {
  const t0 = performance.now();
  linter.update(uri, text, version, change);
  const t1 = performance.now();
  if (whole) {
    const findings = linter.lintFile(uri);
    const t2 = performance.now();
    fingerprint(findings);
    const t3 = performance.now();
    const diagnostics = toDiagnostics(findings, linter.get(uri)!, version, options);
    const t4 = performance.now();
    JSON.stringify({ uri, version, diagnostics });
    const t5 = performance.now();
    if (record) [t1 - t0, t2 - t1, t3 - t2, t4 - t3, t5 - t4, t5 - t0].forEach((x, i) => times[phases[i]].push(x));
    return diagnostics.length;
  }
  const { parts } = linter.lintFileParts(uri);
  const t2 = performance.now();
  const converted = new FileDiagnostics(parts, linter.get(uri)!, options);
  converted.fingerprint();
  const t3 = performance.now();
  const diagnostics = converted.published(); // what the server publishes (no fixes: code actions convert them)
  const t4 = performance.now();
  const json = (diagnostics as unknown as Record<symbol, () => Buffer>)[DIAGNOSTICS_JSON]();
  if (check && json.toString() !== JSON.stringify(diagnostics)) throw new Error(`version ${version}: the assembled JSON differs from JSON.stringify`);
  const t5 = performance.now();
  if (record) [t1 - t0, t2 - t1, t3 - t2, t4 - t3, t5 - t4, t5 - t0].forEach((x, i) => times[phases[i]].push(x));
  return diagnostics.length;
}

const t = performance.now();
const n = cycle(manifest.text, 1, undefined, false);
console.log(`${heavy ? 'heavy' : 'normal'} ${documents} documents, ${(manifest.text.length / 1e6).toFixed(2)} MB: open (one thread) ${(performance.now() - t).toFixed(0)} ms, ${n} diagnostics`);
let text = manifest.text;
const script = editScript(manifest, count, 43);
script.forEach((e, i) => {
  const before = text;
  text = e.insert !== undefined ? text.slice(0, e.offset) + e.insert + text.slice(e.offset) : text.slice(0, e.offset) + text.slice(e.offset + 1);
  const inserted = e.insert ?? '';
  cycle(text, i + 2, { prefix: e.offset, suffix: before.length - e.offset - (e.insert !== undefined ? 0 : 1), previousLength: before.length, inserted });
});
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const p95 = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.ceil(0.95 * xs.length) - 1)];
for (const p of phases) console.log(`${p.padEnd(14)} median ${median(times[p]).toFixed(2).padStart(8)} ms   p95 ${p95(times[p]).toFixed(2).padStart(8)} ms`);

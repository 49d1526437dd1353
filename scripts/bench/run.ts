/**
 * `npm run bench`: ScaleLint's language server and yaml-language-server side by side on generated
 * manifests (10 / 100 / 1,000 / 5,000 documents), the `yaml` parse floor, and CLI throughput.
 *
 *   node --import tsx scripts/bench/run.ts [--sizes 10,100,1000,5000] [--edits 60] [--peer-edits 20]
 *        [--workloads normal,heavy] [--server packaged|built] [--workspace-files 20000] [--no-chart]
 *        [--no-peer] [--no-cli] [--cli-mb 50] [--profile] [--seed 42]
 *
 * Workloads: `normal`, about one finding in five documents; `heavy`, a repository never linted before (more
 * diagnostics than documents). The server is the one unpacked from the .vsix (`npm run package`), as users
 * install it, unless `--server built`. `--workspace-files N` (0 to skip) also opens a file in a workspace of N
 * more YAML files, to see what background indexing costs the open file.
 * Needs the build (`npm run build`; `npm run bench` does it). Writes .bench/results.md and .json.
 * Timings are wall-clock on whatever else the machine is doing: the load average is printed with them.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { parseAllDocuments } from 'yaml';
import { LineIndex } from '../../server/src/engine';
import { chartBench, chartLines } from './chart';
import { editScript, generateManifest, type Manifest } from './generate';
import { BenchClient, type ServerSpec } from './lsp-client';
import { LINT_THREAD_MIN_CORES, lintThreadsWanted } from '../../server/src/node/lint-threads';
import { readZip } from '../../test/helpers/zip';
import { writeCombinedSchema } from './peer-schema';

const ROOT = resolve(__dirname, '..', '..');
const OUT = join(ROOT, '.bench');
const SERVER = join(ROOT, 'server', 'out', 'server.js');
const CLI = join(ROOT, 'server', 'out', 'cli.js');
const PEER = join(ROOT, 'node_modules', 'yaml-language-server', 'bin', 'yaml-language-server');
const CORPUS = resolve(ROOT, 'test', 'corpus', 'reference');

const argv = process.argv.slice(2);
const flag = (name: string) => argv.includes(`--${name}`);
const option = (name: string, fallback: string) => {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 && argv[i + 1] !== undefined ? argv[i + 1] : fallback;
};
const sizes = option('sizes', '10,100,1000,5000').split(',').map(Number);
const edits = Number(option('edits', '60'));
const peerEdits = Number(option('peer-edits', '20'));
const seed = Number(option('seed', '42'));
const cliMb = Number(option('cli-mb', '50'));
const withPeer = !flag('no-peer');
const withCli = !flag('no-cli');
const withChart = !flag('no-chart');
const withProfile = flag('profile');
const workloads = option('workloads', 'normal,heavy').split(',') as ('normal' | 'heavy')[];
const serverKind = option('server', 'packaged');
const workspaceFiles = Number(option('workspace-files', '20000'));

const quantile = (xs: number[], q: number) => {
  if (!xs.length) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil(q * s.length) - 1)];
};
const median = (xs: number[]) => quantile(xs, 0.5);
const ms = (x: number) => (Number.isFinite(x) ? (x >= 100 ? x.toFixed(0) : x.toFixed(1)) : '–');
const ratio = (a: number, b: number) => (Number.isFinite(a) && Number.isFinite(b) && b > 0 ? `${(a / b).toFixed(a / b >= 10 ? 0 : 2)}×` : '–');

interface ServerRun {
  open: number;
  /** The server's CPU time during the open (all its threads). */
  openCpu: number;
  /** The server's CPU time per edit, mean over the edit loop. */
  editCpu: number;
  edits: number[];
  diagnostics: number;
  rssMb: number;
  /** Pull mode: edits answered `unchanged`. */
  unchanged?: number;
}

interface SizeResult {
  workload: 'normal' | 'heavy';
  documents: number;
  bytes: number;
  /** Fresh process. */
  floor: number;
  /** This process, warm. */
  warmFloor: number;
  floorCpu: number;
  scalelint: ServerRun;
  peer?: ServerRun;
  /** The same file and edits with diagnostics pulled, as VS Code asks for them (the largest heavy file). */
  pulled?: ServerRun;
}

function log(message: string): void {
  process.stderr.write(`${message}\n`);
}

/** `pauseMs`: time between one edit's diagnostics and the next edit (0: back to back; a typist's pace leaves the server idle time, which background work may take). */
async function runServer(spec: ServerSpec, manifest: Manifest, editCount: number, folder: string, window?: { start?: bigint; end?: bigint }, pauseMs = 0): Promise<ServerRun> {
  const { text } = manifest;
  const uri = pathToFileURL(join(folder, 'rendered.yaml')).href;
  const client = await BenchClient.start(spec, folder);
  try {
    const { wall: open, cpu: openCpu } = await client.open(uri, text);
    await client.settle(uri, spec.versioned ? 50 : 500);
    const manifestLines = new LineIndex(text);
    // The edit sites of the manifest opened (a value, a key, a comment of one of its documents).
    const script = editScript(manifest, editCount, seed + 1);
    const times: number[] = [];
    const cpuBefore = client.cpuMs();
    if (window) window.start = process.hrtime.bigint();
    for (let i = 0; i < script.length; i++) {
      if (pauseMs > 0) await new Promise((r) => setTimeout(r, pauseMs));
      const e = script[i];
      const at = manifestLines.position(e.offset);
      const range = e.insert !== undefined ? { start: at, end: at } : { start: at, end: { line: at.line, character: at.character + 1 } };
      times.push(await client.edit(uri, i + 2, range, e.insert ?? ''));
    }
    if (window) window.end = process.hrtime.bigint();
    const editCpu = (client.cpuMs() - cpuBefore) / Math.max(1, script.length);
    const diagnostics = client.latest(uri)?.diagnostics.length ?? 0;
    const rssMb = client.peakRssMb();
    return { open, openCpu, editCpu, edits: times, diagnostics, rssMb, ...(spec.pull ? { unchanged: client.unchangedPulls(uri) } : {}) };
  } finally {
    await client.shutdown();
  }
}

/**
 * `parseAllDocuments` on the same text in a fresh process, as the server starts (its JIT cold): the
 * time from the text in memory to the documents parsed, median of 3 processes. The floor the table
 * compares the server's open with; the warm in-process number is printed beside it.
 */
function coldYamlFloor(text: string): number {
  const file = join(OUT, 'floor.yaml');
  writeFileSync(file, text);
  const script = `const { parseAllDocuments } = require('yaml'); const text = require('fs').readFileSync(${JSON.stringify(file)}, 'utf8'); const t = performance.now(); parseAllDocuments(text); console.log(performance.now() - t);`;
  const runs: number[] = [];
  for (let i = 0; i < 3; i++) {
    const r = spawnSync(process.execPath, ['-e', script], { cwd: ROOT, encoding: 'utf8' });
    runs.push(Number(r.stdout.trim()));
  }
  rmSync(file, { force: true });
  return median(runs);
}

/** `parseAllDocuments` on the same text in this process (warm): median of 3 runs, wall and CPU ms. */
function yamlFloor(text: string): { wall: number; cpu: number } {
  const walls: number[] = [];
  const cpus: number[] = [];
  for (let i = 0; i < 3; i++) {
    const c = process.cpuUsage();
    const t = performance.now();
    parseAllDocuments(text);
    walls.push(performance.now() - t);
    const used = process.cpuUsage(c);
    cpus.push((used.user + used.system) / 1000);
  }
  return { wall: median(walls), cpu: median(cpus) };
}

/** Self time per function in the samples taken between `start` and `end` (monotonic clock, ns). */
function profileSummary(file: string, start: bigint, end: bigint, top = 15): string[] {
  const p = JSON.parse(readFileSync(file, 'utf8')) as {
    nodes: { id: number; callFrame: { functionName: string; url: string; lineNumber: number } }[];
    samples: number[];
    timeDeltas: number[];
    startTime: number;
  };
  const byId = new Map(p.nodes.map((n) => [n.id, n]));
  const from = Number(start / 1000n);
  const to = Number(end / 1000n);
  let t = p.startTime;
  let total = 0;
  const self = new Map<string, number>();
  p.samples.forEach((id, i) => {
    t += p.timeDeltas[i] ?? 0;
    const dt = p.timeDeltas[i + 1] ?? 0;
    if (t < from || t > to) return;
    const f = byId.get(id)!.callFrame;
    const where = f.url ? `${f.url.replace(/^.*\/(node_modules\/)?/, '')}:${f.lineNumber + 1}` : '';
    const k = `${f.functionName || '(anonymous)'}${where ? ` (${where})` : ''}`;
    self.set(k, (self.get(k) ?? 0) + dt);
    total += dt;
  });
  const rows = [...self].sort((a, b) => b[1] - a[1]).slice(0, top);
  return [
    `CPU profile of the server during the edit loop: ${(total / 1000).toFixed(0)} ms sampled; top frames by self time:`,
    ...rows.map(([k, v]) => `  ${((100 * v) / total).toFixed(1).padStart(5)} %  ${(v / 1000).toFixed(0).padStart(6)} ms  ${k}`),
  ];
}

/** Copies the corpus (without templated/) until it holds at least `mb` MB; returns [folder, bytes, files]. */
function corpusCopy(mb: number): [string, number, number] {
  const sources = readdirSync(CORPUS)
    .filter((f) => /\.ya?ml$/.test(f))
    .map((f) => join(CORPUS, f));
  const dir = join(OUT, 'cli-corpus');
  rmSync(dir, { recursive: true, force: true });
  let bytes = 0;
  let files = 0;
  for (let copy = 0; bytes < mb * 1024 * 1024; copy++) {
    const sub = join(dir, `copy-${String(copy).padStart(4, '0')}`);
    mkdirSync(sub, { recursive: true });
    for (const s of sources) {
      cpSync(s, join(sub, s.slice(s.lastIndexOf('/') + 1)));
      bytes += statSync(s).size;
      files++;
    }
  }
  return [dir, bytes, files];
}

/** Generated manifests with distinct names (5,000 documents a file) until `mb` MB: [folder, bytes, files]. */
function generatedCopy(mb: number): [string, number, number] {
  const dir = join(OUT, 'cli-generated');
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  let bytes = 0;
  let files = 0;
  while (bytes < mb * 1024 * 1024) {
    const text = generateManifest(5000, seed + files, `f${files}-`).text;
    writeFileSync(join(dir, `rendered-${files}.yaml`), text);
    bytes += text.length;
    files++;
  }
  return [dir, bytes, files];
}

/** `yaml`'s parseAllDocuments over every file of `dir` in a fresh process: seconds of parsing (reading excluded). */
function yamlParseSeconds(dir: string): number {
  const script = `const { parseAllDocuments } = require('yaml'); const fs = require('fs'); const path = require('path');
    const files = []; const walk = (d) => { for (const n of fs.readdirSync(d).sort()) { const p = path.join(d, n); if (fs.statSync(p).isDirectory()) walk(p); else files.push(p); } }; walk(${JSON.stringify(dir)});
    const texts = files.map((f) => fs.readFileSync(f, 'utf8')); const t = performance.now(); for (const x of texts) parseAllDocuments(x); console.log((performance.now() - t) / 1000);`;
  const r = spawnSync(process.execPath, ['-e', script], { cwd: ROOT, encoding: 'utf8', maxBuffer: 1 << 26 });
  return Number(r.stdout.trim());
}

function runCli(dir: string, threads: string): { seconds: number; hash: string; code: number | null } {
  const out = join(OUT, `cli-${threads}.json`);
  const t = performance.now();
  const r = spawnSync(process.execPath, [CLI, '--format', 'json', '--threads', threads, '-o', out, dir], { encoding: 'utf8', maxBuffer: 1 << 26 });
  const seconds = (performance.now() - t) / 1000;
  if (r.status === 2) throw new Error(`scalelint failed: ${r.stderr}`);
  return { seconds, hash: createHash('sha256').update(readFileSync(out)).digest('hex').slice(0, 12), code: r.status };
}

/** The server as users install it: `vsce package` of this build, unpacked; its path. */
function packagedServer(): string {
  const vsix = join(OUT, 'scalelint-bench.vsix');
  const bin = join(ROOT, 'node_modules', '@vscode', 'vsce', 'vsce');
  const r = spawnSync(process.execPath, [bin, 'package', '--no-dependencies', '--out', vsix], { cwd: ROOT, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`vsce package failed:\n${r.stdout}${r.stderr}`);
  const dir = join(OUT, 'vsix');
  rmSync(dir, { recursive: true, force: true });
  for (const e of readZip(readFileSync(vsix))) {
    if (!e.name.startsWith('extension/') || e.name.endsWith('/')) continue;
    const target = join(dir, e.name.slice('extension/'.length));
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, e.read());
  }
  const server = join(dir, 'server', 'out', 'server.js');
  if (!existsSync(server)) throw new Error(`the .vsix holds no server/out/server.js`);
  return server;
}

/**
 * A workspace of `files` YAML files (generated applications, about 5 KB each) beside the file the editor
 * opens: the open file's first diagnostics and edits, while the server indexes the rest in the background.
 */
const TYPING_PAUSE_MS = 150;

/** Interleaved pairs of workspace runs (alone, then in the workspace). */
const WORKSPACE_PAIRS = 3;

/** Runs of one server pooled: every edit of every run, the median open and CPU, the highest peak RSS. */
function pooled(runs: ServerRun[]): ServerRun {
  return {
    open: median(runs.map((r) => r.open)),
    openCpu: median(runs.map((r) => r.openCpu)),
    editCpu: median(runs.map((r) => r.editCpu)),
    edits: runs.flatMap((r) => r.edits),
    diagnostics: runs[0].diagnostics,
    rssMb: Math.max(...runs.map((r) => r.rssMb)),
  };
}

async function workspaceRun(spec: ServerSpec, manifest: Manifest, files: number): Promise<{ alone: ServerRun; busy: ServerRun; pairs: { alone: ServerRun; busy: ServerRun }[]; bytes: number }> {
  const alone = mkdtempSync(join(tmpdir(), 'scalelint-bench-alone-'));
  const busy = mkdtempSync(join(tmpdir(), 'scalelint-bench-ws-'));
  let bytes = 0;
  try {
    for (let i = 0; i < files; i++) {
      const sub = join(busy, `team-${String(i % 100).padStart(2, '0')}`);
      if (i < 100) mkdirSync(sub, { recursive: true });
      const t = generateManifest(16, seed + 1000 + i, `w${i}-`).text;
      writeFileSync(join(sub, `app-${i}.yaml`), t);
      bytes += t.length;
    }
    // Edits at a typist's pace (one every ~150 ms): back to back, a server that pauses indexing while edits
    // arrive would never index during them, and the comparison would say nothing about indexing.
    // Alone and in the workspace in turn, `WORKSPACE_PAIRS` times, each a fresh server: the machine's speed
    // drifts by more than the 10 % compared (one pair gave 0.89× to 1.35× on this code), and pooling the
    // edits of interleaved runs makes the ratio say what indexing costs, not when each run happened.
    const runs: { alone: ServerRun; busy: ServerRun }[] = [];
    for (let i = 0; i < WORKSPACE_PAIRS; i++) {
      const a = await runServer(spec, manifest, edits, alone, undefined, TYPING_PAUSE_MS);
      const b = await runServer(spec, manifest, edits, busy, undefined, TYPING_PAUSE_MS);
      runs.push({ alone: a, busy: b });
    }
    return { alone: pooled(runs.map((r) => r.alone)), busy: pooled(runs.map((r) => r.busy)), pairs: runs, bytes };
  } finally {
    rmSync(alone, { recursive: true, force: true });
    rmSync(busy, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  if (!existsSync(SERVER) || !existsSync(CLI)) throw new Error('Build first: npm run build (npm run bench does it).');
  mkdirSync(OUT, { recursive: true });
  const serverScript = serverKind === 'built' ? SERVER : packagedServer();
  log(`Server: ${serverKind === 'built' ? 'the build' : 'unpacked from the .vsix'} (${serverScript.replace(ROOT + '/', '')})`);
  if (withPeer && !existsSync(PEER)) throw new Error(`yaml-language-server is not installed (${PEER}): run npm ci, or pass --no-peer.`);
  mkdirSync(OUT, { recursive: true });
  const peerSchema = writeCombinedSchema(join(ROOT, 'schemas'), join(OUT, 'kubernetes-all.schema.json'));
  const scalelint: ServerSpec = { name: 'ScaleLint', script: serverScript, args: ['--stdio'], settings: { scalelint: {} }, versioned: true };
  const peer: ServerSpec = {
    name: 'yaml-language-server',
    script: PEER,
    args: ['--stdio'],
    settings: {
      yaml: {
        validate: true,
        hover: false,
        completion: false,
        format: { enable: false },
        schemaStore: { enable: false },
        kubernetesCRDStore: { enable: false },
        schemas: { [pathToFileURL(peerSchema).href]: ['*.yaml'] },
      },
      '[yaml]': {},
    },
    versioned: false,
  };
  const load = loadavg();
  const started = new Date();
  log(`Machine: ${cpus().length} CPUs (${cpus()[0]?.model ?? '?'}), Node ${process.version}, load average ${load.map((x) => x.toFixed(2)).join(' ')}`);
  const results: SizeResult[] = [];
  let profileLines: string[] = [];
  for (const workload of workloads)
  for (const documents of sizes) {
    const manifest = generateManifest(documents, seed, '', { heavy: workload === 'heavy' });
    const text = manifest.text;
    const { wall: warmFloor, cpu: floorCpu } = yamlFloor(text);
    const floor = coldYamlFloor(text);
    log(`${workload}, ${documents} documents (${(text.length / 1e6).toFixed(2)} MB): yaml parse floor ${ms(floor)} ms in a fresh process, ${ms(warmFloor)} ms warm (CPU ${ms(floorCpu)} ms)`);
    const folder = mkdtempSync(join(tmpdir(), 'scalelint-bench-'));
    try {
      const profiling = withProfile && documents === Math.max(...sizes) && workload === workloads[workloads.length - 1];
      const profileDir = join(OUT, 'profile');
      const window: { start?: bigint; end?: bigint } = {};
      if (profiling) rmSync(profileDir, { recursive: true, force: true });
      const spec: ServerSpec = profiling ? { ...scalelint, nodeArgs: ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] } : scalelint;
      const ours = await runServer(spec, manifest, edits, folder, window);
      log(`  ScaleLint: open ${ms(ours.open)} ms (server CPU ${ms(ours.openCpu)} ms), edit p50 ${ms(median(ours.edits))} p95 ${ms(quantile(ours.edits, 0.95))} ms (CPU ${ms(ours.editCpu)} ms per edit), ${ours.diagnostics} diagnostics, peak RSS ${ours.rssMb.toFixed(0)} MB`);
      // One profile per thread, named CPU.<date>.<time>.<pid>.<thread id>.<n>.cpuprofile: the main thread is 0.
      const mainProfile = profiling ? readdirSync(profileDir).find((f) => /^CPU\.\d+\.\d+\.\d+\.0\.\d+\.cpuprofile$/.test(f)) : undefined;
      if (mainProfile && window.start && window.end) {
        profileLines = profileSummary(join(profileDir, mainProfile), window.start, window.end);
        for (const l of profileLines) log(`  ${l}`);
      }
      let theirs: ServerRun | undefined;
      if (withPeer) {
        const count = documents >= 5000 ? Math.min(peerEdits, 8) : peerEdits;
        theirs = await runServer(peer, manifest, count, folder);
        log(`  yaml-language-server: open ${ms(theirs.open)} ms (server CPU ${ms(theirs.openCpu)} ms), edit p50 ${ms(median(theirs.edits))} p95 ${ms(quantile(theirs.edits, 0.95))} ms (CPU ${ms(theirs.editCpu)} ms per edit), ${theirs.diagnostics} diagnostics, peak RSS ${theirs.rssMb.toFixed(0)} MB`);
      }
      let pulled: ServerRun | undefined;
      if (workload === 'heavy' && documents === Math.max(...sizes)) {
        pulled = await runServer({ ...scalelint, pull: true }, manifest, edits, folder);
        log(`  ScaleLint, diagnostics pulled: open ${ms(pulled.open)} ms, edit p50 ${ms(median(pulled.edits))} p95 ${ms(quantile(pulled.edits, 0.95))} ms, ${pulled.unchanged} of ${pulled.edits.length} unchanged`);
      }
      results.push({ workload, documents, bytes: text.length, floor, warmFloor, floorCpu, scalelint: ours, peer: theirs, pulled });
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  }

  const lines: string[] = [];
  lines.push(`Run ${started.toISOString()} · ${cpus().length} CPUs (${cpus()[0]?.model ?? '?'}) · Node ${process.version} · load average at start ${load.map((x) => x.toFixed(2)).join(' ')}, at end ${loadavg().map((x) => x.toFixed(2)).join(' ')}`);
  lines.push(`Server: ${serverKind === 'built' ? 'server/out/server.js as built' : 'unpacked from the .vsix that `npm run package` writes, as users install it'}.`);
  lines.push(`Edits: ${edits} single-character edits for ScaleLint, ${peerEdits} for yaml-language-server (8 at 5,000 documents); times in ms, wall clock, client-side.`);
  lines.push('');
  lines.push('| workload | documents | MB | `yaml` parse floor (warm) | open → first diagnostics: ScaleLint | ÷ floor | yaml-language-server | peer ÷ ScaleLint | per edit p50: ScaleLint | p95 | yaml-language-server p50 | p95 | peer ÷ ScaleLint (p50) | peak RSS MB: ScaleLint | peer | diagnostics: ScaleLint | peer |');
  lines.push('|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
  for (const r of results) {
    const s = r.scalelint;
    const p = r.peer;
    lines.push(
      `| ${r.workload} | ${r.documents.toLocaleString('en')} | ${(r.bytes / 1e6).toFixed(2)} | ${ms(r.floor)} (${ms(r.warmFloor)}) | ${ms(s.open)} | ${ratio(s.open, r.floor)} | ${ms(p?.open ?? NaN)} | ${ratio(p?.open ?? NaN, s.open)} | ${ms(median(s.edits))} | ${ms(quantile(s.edits, 0.95))} (${((100 * quantile(s.edits, 0.95)) / r.floor).toFixed(1)} % of floor) | ${ms(p ? median(p.edits) : NaN)} | ${ms(p ? quantile(p.edits, 0.95) : NaN)} | ${ratio(p ? median(p.edits) : NaN, median(s.edits))} | ${s.rssMb.toFixed(0)} | ${p ? p.rssMb.toFixed(0) : '–'} | ${s.diagnostics} | ${p ? p.diagnostics : '–'} |`,
    );
  }

  for (const r of results) {
    const p = r.pulled;
    if (!p) continue;
    lines.push('');
    lines.push(
      `The ${r.workload} ${r.documents.toLocaleString('en')}-document file again with diagnostics pulled after each change (\`textDocument/diagnostic\` with the last result id), as VS Code asks this server for them; yaml-language-server only publishes: open → first diagnostics ${ms(p.open)} ms (${ratio(p.open, r.floor)} the floor), per edit p50 ${ms(median(p.edits))} ms, p95 ${ms(quantile(p.edits, 0.95))} ms (${((100 * quantile(p.edits, 0.95)) / r.floor).toFixed(1)} % of floor); ${p.unchanged} of ${p.edits.length} edits answered \`unchanged\`; peak RSS ${p.rssMb.toFixed(0)} MB.`,
    );
  }

  lines.push('');
  lines.push('The same runs in CPU time (less sensitive to what else the machine runs; server CPU counts all its threads):');
  lines.push('');
  lines.push('| workload | documents | `yaml` parse CPU (warm) | open, server CPU: ScaleLint | ÷ parse CPU | yaml-language-server | peer ÷ ScaleLint | CPU per edit: ScaleLint | yaml-language-server | peer ÷ ScaleLint |');
  lines.push('|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
  for (const r of results) {
    const s = r.scalelint;
    const p = r.peer;
    lines.push(
      `| ${r.workload} | ${r.documents.toLocaleString('en')} | ${ms(r.floorCpu)} | ${ms(s.openCpu)} | ${ratio(s.openCpu, r.floorCpu)} | ${ms(p?.openCpu ?? NaN)} | ${ratio(p?.openCpu ?? NaN, s.openCpu)} | ${ms(s.editCpu)} | ${ms(p?.editCpu ?? NaN)} | ${ratio(p?.editCpu ?? NaN, s.editCpu)} |`,
    );
  }

  if (workspaceFiles > 0) {
    const manifest = generateManifest(1000, seed);
    log(`Workspace: one 1,000-document file beside ${workspaceFiles.toLocaleString('en')} YAML files`);
    const ws = await workspaceRun(scalelint, manifest, workspaceFiles);
    lines.push('');
    lines.push(`A workspace of ${workspaceFiles.toLocaleString('en')} more YAML files (${(ws.bytes / 1e6).toFixed(0)} MB, indexed in the background) beside a 1,000-document file the editor opens, against the same file alone; edits at a typist's pace (${TYPING_PAUSE_MS} ms between one edit's diagnostics and the next edit), so that indexing runs between them; ${WORKSPACE_PAIRS} interleaved pairs of runs (alone, in the workspace), each a fresh server, their ${edits * WORKSPACE_PAIRS} edits each pooled (open: the median run; peak RSS: the highest):`);
    lines.push('');
    lines.push('| | open → first diagnostics | per edit p50 | p95 | peak RSS MB |');
    lines.push('|---|---:|---:|---:|---:|');
    lines.push(`| file alone | ${ms(ws.alone.open)} | ${ms(median(ws.alone.edits))} | ${ms(quantile(ws.alone.edits, 0.95))} | ${ws.alone.rssMb.toFixed(0)} |`);
    lines.push(`| in the workspace | ${ms(ws.busy.open)} (${ratio(ws.busy.open, ws.alone.open)}) | ${ms(median(ws.busy.edits))} (${ratio(median(ws.busy.edits), median(ws.alone.edits))}) | ${ms(quantile(ws.busy.edits, 0.95))} | ${ws.busy.rssMb.toFixed(0)} |`);
    lines.push('');
    lines.push(`Per pair, edit p50 in the workspace ÷ alone: ${ws.pairs.map((p) => ratio(median(p.busy.edits), median(p.alone.edits))).join(', ')}.`);
    log(`  alone: open ${ms(ws.alone.open)} ms, edit p50 ${ms(median(ws.alone.edits))}; in the workspace: open ${ms(ws.busy.open)} ms, edit p50 ${ms(median(ws.busy.edits))}, peak RSS ${ws.busy.rssMb.toFixed(0)} MB`);
  }

  if (withCli) {
    if (!existsSync(CORPUS)) {
      lines.push('', `CLI throughput: skipped, no corpus at ${CORPUS}.`);
    } else {
      const [dir, bytes, files] = corpusCopy(cliMb);
      const mb = bytes / (1024 * 1024);
      log(`CLI: ${files} files, ${mb.toFixed(1)} MB`);
      const one = runCli(dir, '1');
      const two = runCli(dir, '2');
      const parse = yamlParseSeconds(dir);
      const threadsAuto = lintThreadsWanted().use ? Math.min(availableParallelism(), 4) : 1;
      lines.push('');
      lines.push(`CLI throughput: \`scalelint --format json\` over the corpus (${CORPUS.replace(ROOT + '/', '')}, templated/ skipped) copied to ${files.toLocaleString('en')} files, ${mb.toFixed(1)} MB, one lint set:`);
      lines.push('');
      lines.push(`\`yaml\` alone parses these bytes in ${parse.toFixed(1)} s (${(mb / parse).toFixed(2)} MB/s, files already read).`);
      lines.push('');
      lines.push('| threads | seconds | MB/s | ÷ `yaml` parse speed | output |');
      lines.push('|---|---:|---:|---:|---|');
      lines.push(`| 1 | ${one.seconds.toFixed(1)} | ${(mb / one.seconds).toFixed(2)} | ${ratio(parse, one.seconds)} | sha256 ${one.hash} |`);
      lines.push(`| 2 | ${two.seconds.toFixed(1)} | ${(mb / two.seconds).toFixed(2)} | ${ratio(parse, two.seconds)} | sha256 ${two.hash}${two.hash === one.hash ? ' (identical)' : ' (DIFFERENT)'} |`);
      lines.push('');
      lines.push(`\`--threads auto\` (the default) uses ${threadsAuto} on this machine (${availableParallelism()} cores; threads from ${LINT_THREAD_MIN_CORES} cores).`);
      rmSync(dir, { recursive: true, force: true });
      // The repeated corpus puts every name in the set hundreds of times (no namespaces): cross-document
      // lookups return hundreds of matches. Generated manifests with distinct names show the linear case.
      const [gdir, gbytes, gfiles] = generatedCopy(Math.min(cliMb, 20));
      const gmb = gbytes / (1024 * 1024);
      log(`CLI: ${gfiles} generated files, ${gmb.toFixed(1)} MB`);
      const gone = runCli(gdir, '1');
      const gtwo = runCli(gdir, '2');
      const gparse = yamlParseSeconds(gdir);
      lines.push('');
      lines.push(`The same on generated manifests with distinct names (${gfiles} files of 5,000 documents, ${gmb.toFixed(1)} MB):`);
      lines.push('');
      lines.push(`\`yaml\` alone parses these bytes in ${gparse.toFixed(1)} s.`);
      lines.push('');
      lines.push('| threads | seconds | MB/s | ÷ `yaml` parse speed | output |');
      lines.push('|---|---:|---:|---:|---|');
      lines.push(`| 1 | ${gone.seconds.toFixed(1)} | ${(gmb / gone.seconds).toFixed(2)} | ${ratio(gparse, gone.seconds)} | sha256 ${gone.hash} |`);
      lines.push(`| 2 | ${gtwo.seconds.toFixed(1)} | ${(gmb / gtwo.seconds).toFixed(2)} | ${ratio(gparse, gtwo.seconds)} | sha256 ${gtwo.hash}${gtwo.hash === gone.hash ? ' (identical)' : ' (DIFFERENT)'} |`);
      rmSync(gdir, { recursive: true, force: true });
    }
  }
  // Issue 11: a keystroke in a 30-template chart's values.yaml (scripts/bench/chart.ts), the same server.
  if (withChart) lines.push('', ...chartLines(await chartBench(scalelint, 60, log)));
  if (profileLines.length) lines.push('', '```', ...profileLines, '```');
  const md = lines.join('\n');
  console.log(md);
  writeFileSync(join(OUT, 'results.md'), md + '\n');
  writeFileSync(join(OUT, 'results.json'), JSON.stringify({ started, load, results }, null, 2));
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});

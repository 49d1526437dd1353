/**
 * The language server under abuse, over stdio (the BUILT server: `node esbuild.mjs` first): edits faster
 * than it lints, out-of-order and stale versions, cancelled requests, files deleted and renamed while the
 * workspace is being indexed, a config broken then fixed, a workspace of 5,000 files. Each time the
 * server stays up, and its final diagnostics equal a fresh lint, by the engine, of the final texts.
 * No timing is asserted: waits are for conditions (with generous timeouts that only catch a hang).
 */
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  CancellationTokenSource,
  CodeActionRequest,
  DocumentDiagnosticRequest,
  FileChangeType,
  type Diagnostic,
  type FullDocumentDiagnosticReport,
} from 'vscode-languageserver-protocol/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { Linter, LineIndex, defaultConfig, parseConfig } from '../../server/src/engine';
import { configureSchemasFromDisk } from '../helpers/schemas';
import { fileUri, LspHarness } from './harness';

configureSchemasFromDisk();

const SEVERITY = { error: 1, warning: 2, info: 3 } as const;
const LONG = 60_000; // a hang, not a slow machine

const DEPLOYMENT = (name: string, replicas: number, extra = '') => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${name}
spec:
  replicas: ${replicas}
  selector:
    matchLabels: {app: ${name}}
  template:
    metadata:
      labels: {app: ${name}}
    spec:
      containers:
        - name: ${name}
          image: nginx${extra}
`;

const HPA = (name: string, target: string, min: number) => `apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata:
  name: ${name}
spec:
  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: ${target}}
  minReplicas: ${min}
  maxReplicas: 10
`;

/** Diagnostics as comparable lines: range, severity, rule, message. */
function shown(diagnostics: Diagnostic[]): string[] {
  return diagnostics.map((d) => `${d.range.start.line}:${d.range.start.character}-${d.range.end.line}:${d.range.end.character} ${d.severity} ${d.code} ${d.message}`).sort();
}

/** What a fresh engine lints for `uri` in a lint set of `files` (URI → text), as `shown` prints it. */
function fresh(files: Map<string, string>, uri: string, configText?: string): string[] {
  const config = configText === undefined ? defaultConfig() : parseConfig(configText).config;
  const linter = new Linter(() => config);
  for (const [u, t] of files) linter.update(u, t);
  const lines = new LineIndex(files.get(uri)!);
  return linter
    .lintFile(uri)
    .map((f) => {
      const s = lines.position(f.documentStart + f.start);
      const e = lines.position(Math.max(f.documentStart + f.start, f.documentStart + f.end));
      return `${s.line}:${s.character}-${e.line}:${e.character} ${SEVERITY[f.severity]} ${f.ruleId} ${f.message}`;
    })
    .sort();
}

/** Every YAML file under `dir` (the index's view of the disk), by URI. */
function diskFiles(dir: string, out = new Map<string, string>()): Map<string, string> {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) diskFiles(p, out);
    else if (/\.ya?ml$/.test(name) && name !== '.scalelint.yaml') out.set(fileUri(p), readFileSync(p, 'utf8'));
  }
  return out;
}

/** A seeded generator (xorshift), so every run sends the same edits. */
function random(seed: number): () => number {
  let x = seed;
  return () => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return (x >>> 0) / 2 ** 32;
  };
}

const dirs: string[] = [];
const servers: LspHarness[] = [];
function workspace(): string {
  const dir = mkdtempSync(join(tmpdir(), 'scalelint-abuse-'));
  dirs.push(dir);
  return dir;
}
async function start(options: Parameters<typeof LspHarness.start>[0]): Promise<LspHarness> {
  const lsp = await LspHarness.start(options);
  servers.push(lsp);
  return lsp;
}
after(() => {
  for (const s of servers) s.kill();
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

/** The server is still up and healthy: it ends on shutdown/exit with code 0 and logged no crash. */
async function stillUp(lsp: LspHarness): Promise<void> {
  assert.ok(!lsp.logs.some((l) => /uncaught exception|unhandled rejection/.test(l)), lsp.logs.join('\n'));
  assert.equal(await lsp.shutdown(), 0);
}

/** Waits until the latest diagnostics published for `uri` (at `version`) equal `expected`. */
async function settlesOn(lsp: LspHarness, uri: string, version: number | undefined, expected: string[], what: string): Promise<void> {
  try {
    await lsp.waitForDiagnostics(uri, (p) => (version === undefined || p.version === version) && shown(p.diagnostics).join('\n') === expected.join('\n'), what, LONG);
  } catch (err) {
    const latest = lsp.latest(uri);
    assert.deepEqual({ version: latest?.version, diagnostics: shown(latest?.diagnostics ?? []) }, { version, diagnostics: expected }, String(err));
  }
  // Final: nothing different is published after it (a late flush of an older state would show here).
  await new Promise((resolve) => setTimeout(resolve, 300));
  const latest = lsp.latest(uri)!;
  assert.deepEqual({ version: latest.version, diagnostics: shown(latest.diagnostics) }, { version: version ?? latest.version, diagnostics: expected }, `${what}: changed after settling`);
}

describe('edits faster than linting', () => {
  test('push: 300 incremental edits sent at once; the last version gets the diagnostics of its text', async () => {
    const dir = workspace();
    const path = join(dir, 'web.yaml');
    writeFileSync(path, DEPLOYMENT('web', 1));
    const uri = fileUri(path);
    const lsp = await start({ folder: dir });
    await lsp.open(uri, DEPLOYMENT('web', 1));
    let mirror = TextDocument.create(uri, 'yaml', 1, DEPLOYMENT('web', 1));
    const next = random(42);
    const pieces = ['1', '3', ' ', '\n', ':', '  replicas: 2\n', '{', '}', '- x\n', '#', 'livenessProbe: {}\n', '---\n'];
    const sent: Promise<void>[] = [];
    for (let v = 2; v <= 301; v++) {
      const text = mirror.getText();
      const a = Math.floor(next() * (text.length + 1));
      const b = Math.min(text.length, a + Math.floor(next() * 4));
      const insert = next() < 0.6 ? pieces[Math.floor(next() * pieces.length)] : '';
      const range = { start: mirror.positionAt(a), end: mirror.positionAt(b) };
      mirror = TextDocument.update(mirror, [{ range, text: insert }], v);
      sent.push(lsp.edit(uri, v, range, insert));
    }
    await Promise.all(sent);
    const files = diskFiles(dir);
    files.set(uri, mirror.getText());
    await settlesOn(lsp, uri, 301, fresh(files, uri), 'version 301 = a fresh lint of its text');
    await stillUp(lsp);
  });

  test('pull: edits interleaved with pulls, some cancelled at once; the last pull equals a fresh lint', async () => {
    const dir = workspace();
    const path = join(dir, 'web.yaml');
    writeFileSync(path, DEPLOYMENT('web', 1));
    writeFileSync(join(dir, 'hpa.yaml'), HPA('web', 'web', 1));
    const uri = fileUri(path);
    const lsp = await start({ folder: dir, pull: true });
    await lsp.open(uri, DEPLOYMENT('web', 1));
    await lsp.waitFor(() => lsp.logs.find((l) => l.startsWith('Indexed')), 'the index', LONG);
    let text = DEPLOYMENT('web', 1);
    const pending: Promise<unknown>[] = [];
    for (let v = 2; v <= 120; v++) {
      text = DEPLOYMENT('web', v % 5, v % 7 === 0 ? '\n  broken: [' : '');
      pending.push(lsp.change(uri, v, [{ text }]));
      if (v % 3 === 0) {
        const source = new CancellationTokenSource();
        pending.push(lsp.connection.sendRequest(DocumentDiagnosticRequest.type, { textDocument: { uri } }, source.token).catch(() => undefined));
        if (v % 2 === 0) source.cancel();
      }
    }
    await Promise.all(pending);
    const report = (await lsp.pull(uri)) as FullDocumentDiagnosticReport;
    assert.equal(report.kind, 'full');
    const files = diskFiles(dir);
    files.set(uri, text);
    assert.deepEqual(shown(report.items), fresh(files, uri));
    await stillUp(lsp);
  });
});

describe('out-of-order and stale versions', () => {
  test('full-text changes with versions 5, 3, 3, 10, 7: the text last applied is the one linted, under its version', async () => {
    const dir = workspace();
    const path = join(dir, 'web.yaml');
    writeFileSync(path, DEPLOYMENT('web', 1));
    const uri = fileUri(path);
    const lsp = await start({ folder: dir });
    await lsp.open(uri, DEPLOYMENT('web', 1));
    const changes: [number, string][] = [
      [5, DEPLOYMENT('web', 5)],
      [3, DEPLOYMENT('web', 3)],
      [3, 'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web\n'],
      [10, DEPLOYMENT('web', 1, '\n          readinessProbe: {httpGet: {path: /, port: 80}}')],
      [7, DEPLOYMENT('web', 0)],
    ];
    await Promise.all(changes.map(([v, text]) => lsp.change(uri, v, [{ text }])));
    const files = diskFiles(dir);
    files.set(uri, changes[changes.length - 1][1]);
    await settlesOn(lsp, uri, 7, fresh(files, uri), 'the last text applied, version 7');
    await stillUp(lsp);
  });
});

describe('cancellation', () => {
  test('$/cancelRequest for pending, answered and unknown requests: the server answers what it can and stays up', async () => {
    const dir = workspace();
    const path = join(dir, 'web.yaml');
    writeFileSync(path, DEPLOYMENT('web', 1));
    const uri = fileUri(path);
    const lsp = await start({ folder: dir });
    await lsp.open(uri, DEPLOYMENT('web', 1));
    const p = await lsp.waitForDiagnostics(uri, (x) => x.version === 1, 'version 1', LONG);
    const range = { start: { line: 0, character: 0 }, end: { line: 20, character: 0 } };
    const answers: Promise<unknown>[] = [];
    for (let i = 0; i < 50; i++) {
      const source = new CancellationTokenSource();
      answers.push(lsp.connection.sendRequest(CodeActionRequest.type, { textDocument: { uri }, range, context: { diagnostics: p.diagnostics } }, source.token).catch((e: unknown) => e));
      source.cancel();
      source.cancel(); // twice
    }
    for (const id of [999_999, -1, 'nope']) await lsp.connection.sendNotification('$/cancelRequest', { id });
    const settled = await Promise.all(answers);
    for (const a of settled) assert.ok(Array.isArray(a) || (a as { code?: number })?.code === -32800, `a cancelled request answers a result or RequestCancelled, got ${JSON.stringify(a)}`);
    // Still linting: an edit after all that gets its diagnostics.
    await lsp.change(uri, 2, [{ text: DEPLOYMENT('web', 2) }]);
    const files = diskFiles(dir);
    files.set(uri, DEPLOYMENT('web', 2));
    await settlesOn(lsp, uri, 2, fresh(files, uri), 'version 2 after the cancellations');
    await stillUp(lsp);
  });
});

describe('configuration', () => {
  test('a config broken then fixed: linting goes on with the defaults meanwhile, then follows the fixed config', async () => {
    const dir = workspace();
    const path = join(dir, 'web.yaml');
    const config = join(dir, '.scalelint.yaml');
    writeFileSync(path, DEPLOYMENT('web', 1));
    writeFileSync(config, 'minReplicasFloor: 3\n');
    const uri = fileUri(path);
    const configUri = fileUri(config);
    const lsp = await start({ folder: dir });
    await lsp.open(uri, DEPLOYMENT('web', 1));
    const files = diskFiles(dir);
    await settlesOn(lsp, uri, 1, fresh(files, uri, 'minReplicasFloor: 3\n'), 'floor 3 from the config');

    const broken = 'rules: [min-replicas: off\nminReplicasFloor: {\n';
    writeFileSync(config, broken);
    await lsp.filesChanged([{ uri: configUri, type: FileChangeType.Changed }]);
    await lsp.waitForDiagnostics(configUri, (x) => x.diagnostics.length > 0, 'the broken config reported on the config file', LONG);
    await settlesOn(lsp, uri, 1, fresh(files, uri, broken), 'linting goes on with the defaults');
    assert.deepEqual(fresh(files, uri, broken), fresh(files, uri), 'a config that does not parse falls back to the defaults');

    const fixed = 'rules:\n  min-replicas: off\n  readiness-probe: error\n';
    writeFileSync(config, fixed);
    await lsp.filesChanged([{ uri: configUri, type: FileChangeType.Changed }]);
    await lsp.waitForDiagnostics(configUri, (x) => x.diagnostics.length === 0, 'the config problems cleared', LONG);
    await settlesOn(lsp, uri, 1, fresh(files, uri, fixed), 'the fixed config applies');
    await stillUp(lsp);
  });
});

describe('a workspace of 5,000 files', () => {
  test('files deleted, renamed and created while it is indexed: the final diagnostics equal a fresh lint of the disk', async () => {
    const dir = workspace();
    for (let i = 0; i < 2500; i++) {
      const app = join(dir, 'apps', `a${Math.floor(i / 50)}`);
      mkdirSync(app, { recursive: true });
      writeFileSync(join(app, `w${i}.yaml`), DEPLOYMENT(`w${i}`, 1 + (i % 3)));
      writeFileSync(join(app, `h${i}.yaml`), HPA(`h${i}`, `w${i}`, 1 + (i % 2)));
    }
    const path = join(dir, 'web.yaml');
    writeFileSync(path, DEPLOYMENT('web', 3));
    writeFileSync(join(dir, 'web-hpa.yaml'), HPA('web', 'web', 2));
    const uri = fileUri(path);
    const lsp = await start({ folder: dir });
    await lsp.open(uri, DEPLOYMENT('web', 3));
    // While the index walks and reads: the HPA of web goes, another file is renamed, a new HPA arrives.
    unlinkSync(join(dir, 'web-hpa.yaml'));
    renameSync(join(dir, 'apps', 'a0', 'h0.yaml'), join(dir, 'apps', 'a0', 'h0-renamed.yaml'));
    writeFileSync(join(dir, 'apps', 'web-hpa-2.yml'), HPA('web-2', 'web', 1));
    rmSync(join(dir, 'apps', 'a49'), { recursive: true });
    await lsp.filesChanged([
      { uri: fileUri(join(dir, 'web-hpa.yaml')), type: FileChangeType.Deleted },
      { uri: fileUri(join(dir, 'apps', 'a0', 'h0.yaml')), type: FileChangeType.Deleted },
      { uri: fileUri(join(dir, 'apps', 'a0', 'h0-renamed.yaml')), type: FileChangeType.Created },
      { uri: fileUri(join(dir, 'apps', 'web-hpa-2.yml')), type: FileChangeType.Created },
      { uri: fileUri(join(dir, 'apps', 'a49')), type: FileChangeType.Deleted },
    ]);
    const indexed = await lsp.waitFor(() => lsp.logs.find((l) => l.startsWith('Indexed')), 'the index to finish', 120_000);
    assert.match(indexed, /^Indexed \d+ YAML file\(s\)/);
    const files = diskFiles(dir);
    assert.equal(files.size, 4902); // 5,002 written, 100 deleted with apps/a49, one deleted, one created
    const expected = fresh(files, uri);
    assert.ok(expected.some((l) => / replicas-with-hpa /.test(l)), 'web is targeted by the new HPA');
    await settlesOn(lsp, uri, 1, expected, 'web.yaml = a fresh lint of the 4,902 files on disk');
    // The renamed file is in the lint set under its new name: opening it shows its own findings.
    const renamed = fileUri(join(dir, 'apps', 'a0', 'h0-renamed.yaml'));
    await lsp.open(renamed, files.get(renamed)!);
    await settlesOn(lsp, renamed, 1, fresh(files, renamed), 'the renamed HPA');
    await stillUp(lsp);
  });
});

/**
 * `npm run package`: the .vsix that vsce builds from the current build (no rebuild here: other tests
 * run the built server meanwhile). It must hold only the allow-listed files (.vscodeignore), and the
 * server started from the unpacked extension must find its schemas there.
 * Run: node --import tsx --test test/cli/package.test.ts (after `node esbuild.mjs`).
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { readZip, type ZipEntry } from '../helpers/zip';
import { fileUri, LspHarness } from '../lsp/harness';
import { lintThreadsWanted } from '../../server/src/node/lint-threads';

const ROOT = join(__dirname, '..', '..');
const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));

/** What the .vsix may carry under extension/ (vsce writes the README as readme.md). */
const ALLOWED = [/^package\.json$/, /^readme\.md$/, /^changelog\.md$/, /^LICENSE(\.txt)?$/, /^client\/out\/extension\.js$/, /^client\/out\/calculator\.(js|css)$/, /^server\/out\/(server|lint-worker)\.js$/, /^server\/out\/(web-tree-sitter|tree-sitter-terraform)\.wasm$/, /^server\/out\/validators\/[^/]+\.(js|json)$/, /^schemas\/.+\.json$/, /^snippets\/[^/]+\.json$/, /^docs\/rules\.md$/, /^images\/icon\.png$/];

let dir: string;
let entries: ZipEntry[];
let vsce: ReturnType<typeof spawnSync>;

before(() => {
  for (const bundle of ['client/out/extension.js', 'server/out/server.js']) {
    assert.ok(existsSync(join(ROOT, bundle)), `${bundle} is missing: run \`node esbuild.mjs\` first`);
  }
  dir = mkdtempSync(join(tmpdir(), 'scalelint-vsix-'));
  const out = join(dir, `scalelint-${manifest.version}.vsix`);
  const bin = join(dirname(require.resolve('@vscode/vsce/package.json')), 'vsce');
  vsce = spawnSync(process.execPath, [bin, 'package', '--no-dependencies', '--out', out], { cwd: ROOT, encoding: 'utf8', timeout: 120_000 });
  assert.equal(vsce.status, 0, `vsce failed:\n${vsce.stdout}\n${vsce.stderr}`);
  entries = readZip(readFileSync(out));
});

after(() => rmSync(dir, { recursive: true, force: true }));

const files = () => entries.filter((e) => e.name.startsWith('extension/')).map((e) => e.name.slice('extension/'.length));

test('vsce packages without warnings', () => {
  assert.doesNotMatch(`${vsce.stdout}${vsce.stderr}`, /WARNING/);
});

test('the .vsix carries only the allow-listed files: bundles, the calculator webview, schemas, snippets, rule docs, icon, README', () => {
  const unexpected = files().filter((f) => !ALLOWED.some((re) => re.test(f)));
  assert.deepEqual(unexpected, []);
  assert.deepEqual(entries.filter((e) => !e.name.startsWith('extension/')).map((e) => e.name).sort(), ['[Content_Types].xml', 'extension.vsixmanifest']);
});

test('it holds what the installed extension needs: main, server, the calculator webview, every schema, snippets, icon', () => {
  const have = new Set(files());
  const needed = [
    manifest.main.replace(/^\.\//, ''),
    'server/out/server.js',
    // What the server loads beside itself at run time: its lint thread and the precompiled validators.
    'server/out/lint-worker.js',
    // The Terraform parser's WebAssembly: its runtime and the HCL grammar.
    'server/out/web-tree-sitter.wasm',
    'server/out/tree-sitter-terraform.wasm',
    'server/out/validators/index.json',
    ...Object.values(JSON.parse(readFileSync(join(ROOT, 'server', 'out', 'validators', 'index.json'), 'utf8')) as Record<string, { file: string }>).map((v) => `server/out/validators/${v.file}`),
    // The calculator panel's page loads these from client/out (client/src/calculator/panel.ts).
    'client/out/calculator.js',
    'client/out/calculator.css',
    'schemas/index.json',
    manifest.icon,
    'readme.md',
    'docs/rules.md',
    ...manifest.contributes.snippets.map((s: { path: string }) => s.path.replace(/^\.\//, '')),
  ];
  const index = JSON.parse(readFileSync(join(ROOT, 'schemas', 'index.json'), 'utf8')) as Record<string, Record<string, string>>;
  for (const family of Object.values(index)) needed.push(...Object.values(family).map((p) => `schemas/${p}`));
  assert.deepEqual(needed.filter((f) => !have.has(f)), []);
  const packaged = JSON.parse(entries.find((e) => e.name === 'extension/package.json')!.read().toString('utf8'));
  assert.equal(packaged.engines.vscode, '^1.100.0');
  assert.deepEqual(packaged.capabilities.untrustedWorkspaces, { supported: true });
  assert.equal(packaged.capabilities.virtualWorkspaces.supported, 'limited');
});

test('the server started from the unpacked extension finds its schemas there', async () => {
  const root = join(dir, 'installed');
  for (const e of entries) {
    if (!e.name.startsWith('extension/') || e.name.endsWith('/')) continue;
    const target = join(root, e.name.slice('extension/'.length));
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, e.read());
  }
  const workspace = join(dir, 'workspace');
  mkdirSync(workspace);
  const uri = fileUri(join(workspace, 'hpa.yaml'));
  const lsp = await LspHarness.start({ folder: workspace, serverPath: join(root, 'server', 'out', 'server.js') });
  try {
    await lsp.open(uri, 'apiVersion: autoscaling/v2\nkind: HorizontalPodAutoscaler\nmetadata: {name: web}\nspec:\n  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: web}\n  minReplicas: 2\n  maxReplicas: 5\n  minReplica: 3\n');
    const p = await lsp.waitForDiagnostics(uri, (x) => x.diagnostics.some((d) => d.code === 'schema'), 'a schema finding', 10_000);
    assert.match(p.diagnostics.find((d) => d.code === 'schema')!.message, /^Unknown field `spec\.minReplica`/);
    assert.ok(!lsp.logs.some((l) => l.includes('no JSON Schemas')), lsp.logs.join('\n'));
    // The installed server runs as built: its lint thread and every validator compiled at build time are there.
    const schemaCount = Object.keys(JSON.parse(readFileSync(join(ROOT, 'server', 'out', 'validators', 'index.json'), 'utf8'))).length;
    const start = lsp.logs.find((l) => l.startsWith('ScaleLint server '));
    // Present, and used where it pays (on 2 cores it is not: lintThreadsWanted).
    const wanted = lintThreadsWanted();
    const thread = wanted.use ? 'ready' : `ready, unused (${wanted.why})`;
    assert.equal(start, `ScaleLint server ${manifest.version}: lint thread ${thread}; schema validators ${schemaCount} of ${schemaCount} precompiled.`, lsp.logs.join('\n'));
    assert.equal(await lsp.shutdown(), 0);
  } finally {
    lsp.kill();
  }
});

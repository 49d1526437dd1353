/**
 * `npm run package:cli`: the CLI's own npm tarball, installed as a user installs it — `npm install -g` into a
 * prefix of its own and `npx --package=<tarball>`, run from a folder with nothing of the repository in it —
 * lints, with its lint threads and the validators compiled at build time, and carries nothing for the editor.
 * Run: node --import tsx --test test/cli/cli-package.test.ts (after `node esbuild.mjs`).
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..');
const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));

let dir: string;
let tarball: string;
let prefix: string;
let work: string;
/** npm, kept off the network and away from the user's cache and global folder. */
let npmEnv: NodeJS.ProcessEnv;

before(() => {
  assert.ok(existsSync(join(ROOT, 'server', 'out', 'cli.js')), 'run `node esbuild.mjs` first: server/out/cli.js is missing');
  dir = mkdtempSync(join(tmpdir(), 'scalelint-cli-pkg-'));
  const r = spawnSync(process.execPath, [join(ROOT, 'scripts', 'package-cli.mjs'), '--out', join(dir, 'dist')], { cwd: ROOT, encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  tarball = r.stdout.trim();
  prefix = join(dir, 'prefix');
  work = join(dir, 'work');
  mkdirSync(work);
  npmEnv = { ...process.env, npm_config_cache: join(dir, 'npm-cache'), npm_config_offline: 'true', npm_config_audit: 'false', npm_config_fund: 'false', npm_config_update_notifier: 'false', NO_COLOR: '1' };
});

after(() => rmSync(dir, { recursive: true, force: true }));

function tarList(file: string): string[] {
  const r = spawnSync('tar', ['tzf', file], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  return r.stdout.split('\n').filter(Boolean).map((f) => f.replace(/^package\//, ''));
}

test('the tarball is scalelint-<version>.tgz: the CLI, its worker and validators, schemas, README, licence — nothing else', () => {
  assert.equal(tarball, join(dir, 'dist', `scalelint-${manifest.version}.tgz`));
  const files = tarList(tarball);
  const allowed = [/^package\.json$/, /^README\.md$/, /^LICENSE$/, /^server\/out\/(cli|lint-worker)\.js$/, /^server\/out\/(web-tree-sitter|tree-sitter-terraform)\.wasm$/, /^server\/out\/validators\/[^/]+\.(js|json)$/, /^schemas\/.+\.json$/];
  assert.deepEqual(files.filter((f) => !allowed.some((re) => re.test(f))), []);
  for (const needed of ['server/out/cli.js', 'server/out/lint-worker.js', 'server/out/web-tree-sitter.wasm', 'server/out/tree-sitter-terraform.wasm', 'server/out/validators/index.json', 'schemas/index.json', 'README.md', 'LICENSE']) assert.ok(files.includes(needed), needed);
  assert.ok(!files.some((f) => f.startsWith('client/') || f.startsWith('test/')));
  const pkg = JSON.parse(spawnSync('tar', ['xzf', tarball, '-O', 'package/package.json'], { encoding: 'utf8' }).stdout);
  assert.deepEqual(pkg.bin, { scalelint: 'server/out/cli.js' });
  assert.equal(pkg.dependencies, undefined, 'everything the CLI runs is bundled');
  assert.equal(pkg.private, undefined);
  assert.equal(pkg.contributes, undefined, 'nothing for the editor');
});

test('npm install -g installs a scalelint command that lints from a folder with nothing else in it', () => {
  const install = spawnSync('npm', ['install', '-g', '--prefix', prefix, tarball], { cwd: work, encoding: 'utf8', env: npmEnv, timeout: 120_000 });
  assert.equal(install.status, 0, `${install.stdout}${install.stderr}`);
  const bin = join(prefix, 'bin', 'scalelint');
  assert.ok(existsSync(bin));
  const version = spawnSync(bin, ['--version'], { cwd: work, encoding: 'utf8' });
  assert.equal(version.stdout, `${manifest.version}\n`);

  writeFileSync(join(work, 'hpa.yaml'), 'apiVersion: autoscaling/v2\nkind: HorizontalPodAutoscaler\nmetadata: {name: web}\nspec:\n  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: web}\n  minReplicas: 1\n  maxReplicas: 10\n  maxReplica: 3\n');
  const lint = spawnSync(bin, ['--format', 'json', 'hpa.yaml'], { cwd: work, encoding: 'utf8' });
  assert.equal(lint.status, 0, lint.stderr);
  assert.equal(lint.stderr, '');
  const rules = JSON.parse(lint.stdout)[0].messages.map((m: { ruleId: string }) => m.ruleId);
  assert.ok(rules.includes('min-replicas'), lint.stdout);
  assert.ok(rules.includes('schema'), 'the schemas travel with the package');

  // 1 MB of YAML: the installed CLI lints on its worker threads (no fallback warning) with the same report.
  const doc = readFileSync(join(work, 'hpa.yaml'), 'utf8');
  const big = Array.from({ length: Math.ceil((1.1 * 1024 * 1024) / doc.length) }, (_, i) => doc.replaceAll('name: web}', `name: web${i}}`)).join('---\n');
  writeFileSync(join(work, 'big.yaml'), big);
  const one = spawnSync(bin, ['--format', 'json', '--threads', '1', 'big.yaml'], { cwd: work, encoding: 'utf8', maxBuffer: 1 << 28 });
  const two = spawnSync(bin, ['--format', 'json', '--threads', '2', 'big.yaml'], { cwd: work, encoding: 'utf8', maxBuffer: 1 << 28, env: { ...process.env, SCALELINT_TRACE: '1' } });
  assert.equal(two.status, one.status);
  assert.doesNotMatch(two.stderr, /linting on one thread/);
  assert.equal(two.stdout, one.stdout);

  // A Terraform module: the installed package carries the HCL parser's WebAssembly and finds it.
  mkdirSync(join(work, 'tf'), { recursive: true });
  writeFileSync(join(work, 'tf', 'main.tf'), 'resource "aws_autoscaling_group" "web" {\n  min_size            = 1\n  max_size            = 4\n  vpc_zone_identifier = ["subnet-a", "subnet-b"]\n}\n');
  const tf = spawnSync(bin, ['tf'], { cwd: work, encoding: 'utf8' });
  assert.equal(tf.stderr, '');
  assert.match(tf.stdout, /tf\/main\.tf\n {2}2:25 {2}warning {2}min_size is 1; the HA floor is 2\. {2}min-replicas/);

  // Piped input, as in `helm template … | scalelint -`.
  const piped = spawnSync(bin, ['-'], { cwd: work, input: doc, encoding: 'utf8' });
  assert.match(piped.stdout, /^<stdin>$/m);
});

test('npx runs it from the tarball', () => {
  const r = spawnSync('npx', ['--yes', `--package=${tarball}`, 'scalelint', '--format', 'github', 'hpa.yaml'], { cwd: work, encoding: 'utf8', env: npmEnv, timeout: 120_000 });
  assert.equal(r.status, 0, `${r.stdout}${r.stderr}`);
  assert.match(r.stdout, /^::warning file=hpa\.yaml,line=6,col=16,endLine=6,endColumn=17,title=min-replicas::minReplicas is 1; the HA floor is 2\.$/m);
});

/** The built CLI (server/out/cli.js) as a user runs it: formats, exit codes, --fix, --config. */
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, readFileSync, mkdirSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Ajv04 from 'ajv-draft-04';
import { rules } from '../../server/src/engine';

const ROOT = join(__dirname, '..', '..');
const CLI = join(ROOT, 'server', 'out', 'cli.js');

function cli(args: string[], cwd = ROOT) {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const HPA_LOW = `apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata:
  name: web
spec:
  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: web}
  minReplicas: 1 # keep this comment
  maxReplicas: 10
`;
const BROKEN = `apiVersion: v1\nkind: Service\nmetadata:\n  name: x\n  name: y\n`;

let dir: string;
before(() => {
  assert.ok(existsSync(CLI), 'run `npm run build` first: server/out/cli.js is missing');
  dir = mkdtempSync(join(tmpdir(), 'scalelint-cli-'));
  mkdirSync(join(dir, 'warn'));
  mkdirSync(join(dir, 'err'));
  mkdirSync(join(dir, 'clean'));
  mkdirSync(join(dir, 'warn', 'node_modules'));
  writeFileSync(join(dir, 'warn', 'hpa.yaml'), HPA_LOW);
  writeFileSync(join(dir, 'warn', 'node_modules', 'ignored.yaml'), BROKEN);
  writeFileSync(join(dir, 'warn', 'notes.txt'), BROKEN);
  writeFileSync(join(dir, 'err', 'svc.yml'), BROKEN);
  writeFileSync(join(dir, 'clean', 'cm.yaml'), 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\ndata: {a: b}\n');
});

test('stylish: findings with position, severity, message and rule; exit 0 for warnings only', () => {
  const r = cli([join(dir, 'warn')]);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /hpa\.yaml\n/);
  assert.match(r.stdout, /  7:16  warning  minReplicas is 1; the HA floor is 2\.  min-replicas\n/);
  assert.match(r.stdout, /✖ 1 problem \(0 errors, 1 warning, 0 infos\)/);
  assert.doesNotMatch(r.stdout, /ignored\.yaml|notes\.txt/, 'node_modules and non-YAML files are skipped');
});

test('errors exit 1; a clean folder prints nothing and exits 0', () => {
  const r = cli([join(dir, 'err')]);
  assert.equal(r.code, 1);
  assert.match(r.stdout, /5:3 +error +Duplicate key `name`/);
  const clean = cli([join(dir, 'clean')]);
  assert.equal(clean.code, 0);
  assert.equal(clean.stdout, '');
});

test('--max-warnings: exit 1 above the limit, 0 within it', () => {
  assert.equal(cli(['--max-warnings', '0', join(dir, 'warn')]).code, 1);
  assert.equal(cli(['--max-warnings', '1', join(dir, 'warn')]).code, 0);
  assert.equal(cli(['--max-warnings=0', join(dir, 'warn')]).code, 1);
});

test('json: the SPEC §6 shape, 1-based lines and columns', () => {
  const r = cli(['--format', 'json', join(dir, 'warn', 'hpa.yaml'), join(dir, 'err', 'svc.yml')]);
  assert.equal(r.code, 1);
  const out = JSON.parse(r.stdout);
  assert.equal(out.length, 2);
  assert.equal(out[0].filePath, join(dir, 'warn', 'hpa.yaml'));
  assert.deepEqual(out[0].messages[0], {
    ruleId: 'min-replicas',
    severity: 'warning',
    message: 'minReplicas is 1; the HA floor is 2.',
    line: 7,
    column: 16,
    endLine: 7,
    endColumn: 17,
  });
  assert.equal(out[1].messages[0].ruleId, 'yaml-syntax');
  assert.equal(out[1].messages[0].severity, 'error');
});

test('sarif: valid against the SARIF 2.1.0 schema, with rules and regions', () => {
  const r = cli(['--format', 'sarif', join(dir, 'warn'), join(dir, 'err')], dir);
  assert.equal(r.code, 1);
  const log = JSON.parse(r.stdout);
  const schema = JSON.parse(readFileSync(require.resolve('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json'), 'utf8'));
  const ajv = new Ajv04({ allErrors: true, strict: false, unicodeRegExp: false, logger: false });
  const validate = ajv.compile(schema);
  const valid: boolean = validate(log);
  assert.ok(valid, JSON.stringify(validate.errors?.slice(0, 5), null, 2));
  const run = log.runs[0];
  assert.equal(run.tool.driver.name, 'ScaleLint');
  assert.deepEqual(run.tool.driver.rules.map((x: { id: string }) => x.id), rules.map((x) => x.id));
  const res = run.results.find((x: { ruleId: string }) => x.ruleId === 'min-replicas');
  assert.equal(res.level, 'warning');
  assert.equal(run.tool.driver.rules[res.ruleIndex].id, 'min-replicas');
  assert.deepEqual(res.locations[0].physicalLocation.region, { startLine: 7, startColumn: 16, endLine: 7, endColumn: 17 });
  assert.equal(res.locations[0].physicalLocation.artifactLocation.uri, 'warn/hpa.yaml');
  assert.ok(run.tool.driver.rules.every((x: { helpUri: string }) => x.helpUri.includes('#')));
});

test('usage errors exit 2 with a message on stderr', () => {
  const none = cli([]);
  assert.equal(none.code, 2);
  assert.match(none.stderr, /no files or folders given/);
  const missing = cli([join(dir, 'nope.yaml')]);
  assert.equal(missing.code, 2);
  assert.match(missing.stderr, /cannot read .*nope\.yaml: no such file or folder/);
  const fmt = cli(['--format', 'xml', join(dir, 'warn')]);
  assert.equal(fmt.code, 2);
  assert.match(fmt.stderr, /unknown format "xml"/);
  const opt = cli(['--frobnicate', join(dir, 'warn')]);
  assert.equal(opt.code, 2);
  assert.match(opt.stderr, /unknown option --frobnicate/);
});

test('--config: a bad config exits 2 naming the key; a good one applies', () => {
  const bad = join(dir, 'bad.yaml');
  writeFileSync(bad, 'rules:\n  min-replica: off\nminReplicasFloor: two\n');
  const r = cli(['--config', bad, join(dir, 'warn')]);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /min-replica/);
  assert.match(r.stderr, /minReplicasFloor/);
  const good = join(dir, 'good.yaml');
  writeFileSync(good, 'rules:\n  min-replicas: error\n');
  const g = cli(['--config', good, '--format', 'json', join(dir, 'warn')]);
  assert.equal(g.code, 1);
  assert.equal(JSON.parse(g.stdout)[0].messages[0].severity, 'error');
});

test('nearest .scalelint.yaml applies to the files below it', () => {
  const d = join(dir, 'configured');
  mkdirSync(join(d, 'sub'), { recursive: true });
  writeFileSync(join(d, '.scalelint.yaml'), 'minReplicasFloor: 1\n');
  writeFileSync(join(d, 'sub', 'hpa.yaml'), HPA_LOW);
  const r = cli(['--format', 'json', d]);
  assert.equal(r.code, 0);
  assert.deepEqual(JSON.parse(r.stdout)[0].messages, []);
});

test('--fix writes safe fixes, keeps comments, and a second run changes nothing', () => {
  const d = join(dir, 'fix');
  mkdirSync(d);
  const f = join(d, 'hpa.yaml');
  writeFileSync(f, HPA_LOW);
  const r = cli(['--fix', f]);
  assert.equal(r.code, 0, r.stderr);
  const fixed = readFileSync(f, 'utf8');
  assert.match(fixed, /minReplicas: 2 # keep this comment/);
  assert.equal(cli(['--fix', f]).code, 0);
  assert.equal(readFileSync(f, 'utf8'), fixed);
});

test('--help and --version', () => {
  const h = cli(['--help']);
  assert.equal(h.code, 0);
  assert.match(h.stdout, /Usage: scalelint/);
  assert.match(cli(['--version']).stdout, /^\d+\.\d+\.\d+\n$/);
});

test('ignore globs of the config skip files a folder walk finds; a file named on the command line is still linted', () => {
  const d = join(dir, 'ignoring');
  mkdirSync(join(d, 'rendered'), { recursive: true });
  writeFileSync(join(d, '.scalelint.yaml'), 'ignore:\n  - rendered/**\n');
  writeFileSync(join(d, 'hpa.yaml'), HPA_LOW);
  writeFileSync(join(d, 'rendered', 'hpa.yaml'), HPA_LOW);
  const walked = JSON.parse(cli(['--format', 'json', d]).stdout);
  assert.deepEqual(walked.map((x: { filePath: string }) => x.filePath), [join(d, 'hpa.yaml')]);
  const named = JSON.parse(cli(['--format', 'json', join(d, 'rendered', 'hpa.yaml')]).stdout);
  assert.equal(named[0].messages[0].ruleId, 'min-replicas');
});

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
  assert.equal(cli(['--version']).stdout, `${JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).version}\n`);
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

function cliIn(args: string[], input: string, cwd = ROOT) {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd, input, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

test('- lints standard input (helm template … | scalelint -), named <stdin> unless --stdin-filename names it', () => {
  const plain = cliIn(['--format', 'json', '-'], HPA_LOW, dir);
  assert.equal(plain.code, 0, plain.stderr);
  const [file] = JSON.parse(plain.stdout);
  assert.equal(file.filePath, '<stdin>');
  assert.deepEqual(
    file.messages.filter((m: { ruleId: string }) => m.ruleId === 'min-replicas').map((m: { line: number; column: number }) => [m.line, m.column]),
    [[7, 16]],
  );
  const named = cliIn(['-', '--stdin-filename', 'rendered/hpa.yaml'], HPA_LOW, dir);
  assert.match(named.stdout, /^rendered\/hpa\.yaml$/m);
  assert.match(named.stdout, /7:16\s+warning\s+minReplicas is 1; the HA floor is 2\.\s+min-replicas/);
  // The config that applies is the one nearest the name given: rules off there are off for the stream.
  mkdirSync(join(dir, 'quiet'), { recursive: true });
  writeFileSync(join(dir, 'quiet', '.scalelint.yaml'), 'rules:\n  min-replicas: off\n');
  const quiet = cliIn(['--format', 'json', '-', '--stdin-filename', 'quiet/hpa.yaml'], HPA_LOW, dir);
  assert.equal(JSON.parse(quiet.stdout)[0].messages.filter((m: { ruleId: string }) => m.ruleId === 'min-replicas').length, 0);
  // Standard input and files form one lint set: the HPA read from stdin finds the Deployment in a file.
  const cross = cliIn(['--format', 'json', '-', join(dir, 'warn')], HPA_LOW.replace('name: web}', 'name: wbe}') + '---\n', dir);
  assert.equal(JSON.parse(cross.stdout).length, 2);
  // An empty stream is a clean lint, not an error.
  const empty = cliIn(['-'], '', dir);
  assert.equal(empty.code, 0);
  assert.equal(empty.stdout, '');
});

test('- : misuse is a usage error (exit 2)', () => {
  const fix = cliIn(['--fix', '-'], HPA_LOW, dir);
  assert.equal(fix.code, 2);
  assert.match(fix.stderr, /--fix cannot write to standard input/);
  const twice = cliIn(['-', '-'], HPA_LOW, dir);
  assert.equal(twice.code, 2);
  assert.match(twice.stderr, /given twice/);
  const nameOnly = cliIn(['--stdin-filename', 'x.yaml', join(dir, 'warn')], '', dir);
  assert.equal(nameOnly.code, 2);
  assert.match(nameOnly.stderr, /--stdin-filename needs -/);
});

test('github: one workflow command per finding, with file, range, rule as title, and escaped data', () => {
  const r = cli(['--format', 'github', join(dir, 'warn'), join(dir, 'err')], dir);
  assert.equal(r.code, 1);
  const lines = r.stdout.trimEnd().split('\n');
  assert.ok(lines.length >= 2);
  for (const l of lines) assert.match(l, /^::(error|warning|notice) file=[^,:]+,line=\d+,col=\d+,endLine=\d+,endColumn=\d+,title=[a-z-]+::\S/);
  assert.ok(lines.includes('::warning file=warn/hpa.yaml,line=7,col=16,endLine=7,endColumn=17,title=min-replicas::minReplicas is 1; the HA floor is 2.'), r.stdout);
  assert.ok(lines.some((l) => l.startsWith('::error file=err/svc.yml,line=5,') && l.includes('title=yaml-syntax::')), r.stdout);
  // Info findings are notices; a message's line breaks and percent signs are escaped.
  const sarifLike = cliIn(['--format', 'github', '-'], 'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: d}\nspec:\n  replicas: 3\n  selector: {matchLabels: {a: b}}\n  template:\n    metadata: {labels: {a: b}}\n    spec:\n      containers:\n        - {name: c, image: i, resources: {requests: {cpu: 1, memory: 1Gi}}, readinessProbe: {tcpSocket: {port: 80}}}\n', dir);
  assert.match(sarifLike.stdout, /^::notice file=<stdin>,line=11,col=\d+,endLine=11,endColumn=\d+,title=liveness-probe::/m);
  const percent = cli(['--format', 'github', 'examples/cloudformation/web-asg.yaml']);
  assert.match(percent.stdout, /^::warning file=examples\/cloudformation\/web-asg\.yaml,line=39,col=22,endLine=39,endColumn=\d+,title=utilization-target::The CPU TargetValue is 30%25, below/m);
});

test('junit: one testsuite a file, one failed testcase a finding; a clean file is one passing testcase', () => {
  const r = cli(['--format', 'junit', join(dir, 'warn'), join(dir, 'clean')], dir);
  assert.equal(r.code, 0);
  const xml = r.stdout;
  assert.match(xml, /^<\?xml version="1\.0" encoding="UTF-8"\?>\n<testsuites name="scalelint" tests="\d+" failures="\d+" errors="0">/);
  const suites = [...xml.matchAll(/<testsuite name="([^"]+)" tests="(\d+)" failures="(\d+)"/g)].map((m) => ({ name: m[1], tests: +m[2]!, failures: +m[3]! }));
  assert.deepEqual(suites.map((s) => s.name).sort(), [join(dir, 'clean', 'cm.yaml'), join(dir, 'warn', 'hpa.yaml')].sort());
  const warn = suites.find((s) => s.name.endsWith('hpa.yaml'))!;
  const clean = suites.find((s) => s.name.endsWith('cm.yaml'))!;
  assert.equal(clean.failures, 0);
  assert.equal(clean.tests, 1);
  assert.equal(warn.failures, warn.tests);
  assert.equal((xml.match(/<failure /g) ?? []).length, warn.failures);
  assert.match(xml, /<testcase name="min-replicas at 7:16" classname="[^"]*hpa\.yaml" file="[^"]*hpa\.yaml" line="7">\n\s+<failure message="minReplicas is 1; the HA floor is 2\." type="warning">/);
  const totals = xml.match(/<testsuites name="scalelint" tests="(\d+)" failures="(\d+)"/)!;
  assert.equal(+totals[1]!, suites.reduce((n, s) => n + s.tests, 0));
  assert.equal(+totals[2]!, suites.reduce((n, s) => n + s.failures, 0));
  // Every element opened is closed, and no raw markup character leaks from a message.
  assert.equal((xml.match(/<testsuite /g) ?? []).length, (xml.match(/<\/testsuite>/g) ?? []).length);
  const stdin = cliIn(['--format', 'junit', '-'], 'a: "<&>"\n  b: [\n', dir);
  assert.match(stdin.stdout, /<testsuite name="&lt;stdin&gt;"/);
});

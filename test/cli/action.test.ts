/**
 * The GitHub Action (action.yml) run as a runner runs a composite action: each `run` step in order, with
 * `shell: bash`, its `env` and `if` evaluated from the inputs and earlier steps' outputs, GITHUB_ACTION_PATH,
 * GITHUB_OUTPUT and GITHUB_STEP_SUMMARY set. The CLI comes from the tarball `npm run package:cli` writes
 * (input `version`), installed offline into a prefix of its own. Steps that use other actions
 * (actions/setup-node, github/codeql-action/upload-sarif) need GitHub and are not run here: the test checks
 * what they are given.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';

const ROOT = join(__dirname, '..', '..');

interface Step {
  name: string;
  id?: string;
  if?: string;
  uses?: string;
  with?: Record<string, string>;
  shell?: string;
  env?: Record<string, string>;
  run?: string;
}
interface Action {
  inputs: Record<string, { default?: string }>;
  outputs: Record<string, { value: string }>;
  runs: { using: string; steps: Step[] };
}

const action = parse(readFileSync(join(ROOT, 'action.yml'), 'utf8')) as Action;

let dir: string;
let tarball: string;
let prefix: string;
before(() => {
  assert.ok(existsSync(join(ROOT, 'server', 'out', 'cli.js')), 'run `node esbuild.mjs` first');
  dir = mkdtempSync(join(tmpdir(), 'scalelint-action-'));
  const r = spawnSync(process.execPath, [join(ROOT, 'scripts', 'package-cli.mjs'), '--out', dir], { cwd: ROOT, encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  tarball = r.stdout.trim();
  prefix = join(dir, 'prefix');
});
after(() => rmSync(dir, { recursive: true, force: true }));

interface Context {
  inputs: Record<string, string>;
  steps: Record<string, { outputs: Record<string, string> }>;
}

/** A value of a `${{ … }}` expression: a context path or a quoted string. */
function value(expr: string, ctx: Context): string {
  const e = expr.trim();
  const quoted = /^'(.*)'$/.exec(e);
  if (quoted) return quoted[1]!;
  const [head, ...rest] = e.split('.');
  if (head === 'inputs') return ctx.inputs[rest.join('.')] ?? '';
  if (head === 'steps') return ctx.steps[rest[0]!]?.outputs[rest[2]!] ?? '';
  if (e === 'github.action_path') return ROOT;
  throw new Error(`the test's evaluator does not know ${e}`);
}

/** The `if` forms action.yml uses: terms joined by &&, each always(), X == 'v' or X != 'v'. */
function condition(expr: string | undefined, ctx: Context, failed: boolean): boolean {
  if (expr === undefined) return !failed;
  const terms = expr.split('&&').map((t) => t.trim());
  if (failed && !terms.includes('always()')) return false;
  return terms.every((t) => {
    if (t === 'always()') return true;
    const m = /^(.+?)\s*(==|!=)\s*(.+)$/.exec(t);
    if (!m) throw new Error(`the test's evaluator does not know the condition ${t}`);
    return (value(m[1]!, ctx) === value(m[3]!, ctx)) === (m[2] === '==');
  });
}

const interpolate = (s: string, ctx: Context) => s.replace(/\$\{\{(.+?)\}\}/g, (_m, e: string) => value(e, ctx));

interface Run {
  /** Each step's name and what happened to it. */
  log: { name: string; ran: 'run' | 'skipped' | 'uses'; code?: number; stdout?: string; with?: Record<string, string> }[];
  outputs: Record<string, string>;
  failed: boolean;
  summary: string;
}

function runAction(workspace: string, given: Record<string, string>): Run {
  const inputs: Record<string, string> = {};
  for (const [k, v] of Object.entries(action.inputs)) inputs[k] = given[k] ?? v.default ?? '';
  const ctx: Context = { inputs, steps: {} };
  const summaryFile = join(workspace, '..', `summary-${Date.now()}.md`);
  writeFileSync(summaryFile, '');
  const log: Run['log'] = [];
  let failed = false;
  for (const step of action.runs.steps) {
    if (!condition(step.if, ctx, failed)) {
      log.push({ name: step.name, ran: 'skipped' });
      continue;
    }
    if (step.uses) {
      log.push({ name: step.name, ran: 'uses', with: Object.fromEntries(Object.entries(step.with ?? {}).map(([k, v]) => [k, interpolate(String(v), ctx)])) });
      continue;
    }
    assert.equal(step.shell, 'bash', `${step.name}: composite run steps name their shell`);
    const outputFile = join(workspace, '..', `output-${log.length}`);
    writeFileSync(outputFile, '');
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      PATH: `${join(prefix, 'bin')}:${process.env.PATH}`,
      npm_config_prefix: prefix,
      npm_config_cache: join(dir, 'npm-cache'),
      npm_config_offline: 'true',
      GITHUB_ACTIONS: 'true',
      GITHUB_ACTION_PATH: ROOT,
      GITHUB_WORKSPACE: workspace,
      GITHUB_OUTPUT: outputFile,
      GITHUB_STEP_SUMMARY: summaryFile,
      NO_COLOR: '1',
    };
    for (const [k, v] of Object.entries(step.env ?? {})) env[k] = interpolate(String(v), ctx);
    const r = spawnSync('bash', ['-e', '-c', step.run!], { cwd: workspace, env, encoding: 'utf8', timeout: 120_000 });
    const outputs: Record<string, string> = {};
    for (const line of readFileSync(outputFile, 'utf8').split('\n')) {
      const eq = line.indexOf('=');
      if (eq > 0) outputs[line.slice(0, eq)] = line.slice(eq + 1);
    }
    if (step.id) ctx.steps[step.id] = { outputs };
    log.push({ name: step.name, ran: 'run', code: r.status ?? -1, stdout: `${r.stdout}${r.stderr}` });
    if (r.status !== 0) failed = true;
  }
  const outputs = Object.fromEntries(Object.entries(action.outputs).map(([k, o]) => [k, interpolate(o.value, ctx)]));
  return { log, outputs, failed, summary: readFileSync(summaryFile, 'utf8') };
}

const HPA = (min: number, max: number) => `apiVersion: autoscaling/v2\nkind: HorizontalPodAutoscaler\nmetadata: {name: web}\nspec:\n  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: web}\n  minReplicas: ${min}\n  maxReplicas: ${max}\n`;

test('action.yml is a composite action whose inputs reach the scripts as environment variables only', () => {
  assert.equal(action.runs.using, 'composite');
  for (const step of action.runs.steps.filter((s) => s.run)) {
    assert.doesNotMatch(step.run!, /\$\{\{/, `${step.name}: inputs are passed through env, never spliced into the script`);
  }
  assert.ok(action.runs.steps.some((s) => s.uses?.startsWith('github/codeql-action/upload-sarif@')));
});

test('errors: SARIF written and handed to the upload, annotations on the diff, a summary, and the job fails after the upload', () => {
  const ws = join(dir, 'errors', 'ws');
  mkdirSync(join(ws, 'deploy'), { recursive: true });
  writeFileSync(join(ws, 'deploy', 'hpa.yaml'), HPA(4, 3));
  const run = runAction(ws, { paths: 'deploy', version: tarball });
  const byName = Object.fromEntries(run.log.map((l) => [l.name, l]));
  assert.equal(byName['Install ScaleLint']!.code, 0, byName['Install ScaleLint']!.stdout);
  assert.equal(byName['Lint']!.code, 0, byName['Lint']!.stdout);
  assert.equal(run.outputs['exit-code'], '1');
  assert.equal(run.outputs['sarif-file'], 'scalelint.sarif');
  const sarif = JSON.parse(readFileSync(join(ws, 'scalelint.sarif'), 'utf8'));
  assert.equal(sarif.version, '2.1.0');
  assert.ok(sarif.runs[0].results.some((r: { ruleId: string; level: string }) => r.ruleId === 'replica-bounds' && r.level === 'error'));
  assert.match(byName['Lint']!.stdout!, /^::error file=deploy\/hpa\.yaml,line=7,col=16,endLine=7,endColumn=17,title=replica-bounds::/m);
  assert.equal(byName['Upload SARIF to code scanning']!.ran, 'uses');
  assert.deepEqual(byName['Upload SARIF to code scanning']!.with, { sarif_file: 'scalelint.sarif', category: 'scalelint' });
  assert.equal(byName['Fail on findings']!.ran, 'run');
  assert.equal(byName['Fail on findings']!.code, 1);
  assert.ok(run.failed);
  assert.match(run.summary, /### ScaleLint\n\n\d+ findings?: 1 errors, \d+ warnings, \d+ infos\./);
});

test('clean: exit-code 0, the job passes; warnings over max-warnings fail it; a bad config stops at the lint step', () => {
  const ws = join(dir, 'clean', 'ws');
  mkdirSync(ws, { recursive: true });
  writeFileSync(join(ws, 'cm.yaml'), 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\ndata: {a: b}\n');
  const clean = runAction(ws, { version: tarball, 'upload-sarif': 'false' });
  assert.equal(clean.outputs['exit-code'], '0');
  assert.ok(!clean.failed, JSON.stringify(clean.log, null, 2));
  assert.equal(clean.log.find((l) => l.name === 'Upload SARIF to code scanning')!.ran, 'skipped');
  assert.match(clean.summary, /No findings\./);

  writeFileSync(join(ws, 'hpa.yaml'), HPA(1, 10));
  const lenient = runAction(ws, { version: tarball });
  assert.equal(lenient.outputs['exit-code'], '0', 'warnings alone pass by default');
  const strict = runAction(ws, { version: tarball, 'max-warnings': '0', paths: 'hpa.yaml\ncm.yaml' });
  assert.equal(strict.outputs['exit-code'], '1');
  assert.ok(strict.failed);

  writeFileSync(join(ws, 'bad.yaml'), 'rules:\n  min-replica: off\n');
  const bad = runAction(ws, { version: tarball, config: 'bad.yaml' });
  const lint = bad.log.find((l) => l.name === 'Lint')!;
  assert.equal(lint.code, 2);
  assert.match(lint.stdout!, /bad\.yaml: .*min-replica/);
  assert.match(lint.stdout!, /^::error title=scalelint::ScaleLint could not lint \(exit code 2\)/m);
  assert.equal(bad.outputs['exit-code'], '2');
  assert.equal(bad.log.find((l) => l.name === 'Upload SARIF to code scanning')!.ran, 'skipped', 'no SARIF to upload');
  assert.ok(bad.failed);
});

/**
 * Terraform modules and shell scripts through the built CLI (SPEC §9): folders are walked for .tf, .sh and
 * .bash beside the YAML; each folder's .tf files are one module; findings on the exact attribute or flag
 * value, named as written; --fix edits the .tf literal (or the variable's default) and the script's flag.
 */
import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

const ROOT = join(__dirname, '..', '..');
const CLI = join(ROOT, 'server', 'out', 'cli.js');

interface Message {
  ruleId: string;
  severity: string;
  message: string;
  line: number;
  column: number;
}

function run(args: string[], cwd: string) {
  return spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
}

function lint(args: string[], cwd: string) {
  const r = run(['--format', 'json', ...args], cwd);
  const files = r.stdout ? (JSON.parse(r.stdout) as { filePath: string; messages: Message[] }[]) : [];
  const by = (suffix: string) => files.find((f) => f.filePath.endsWith(suffix))?.messages ?? [];
  return { code: r.status, stderr: r.stderr, files, by };
}

function write(root: string, files: Record<string, string>): void {
  for (const [p, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, p)), { recursive: true });
    writeFileSync(join(root, p), text);
  }
}

let dir: string;
before(() => {
  assert.ok(existsSync(CLI), 'run `npm run build` first');
  dir = mkdtempSync(join(tmpdir(), 'scalelint-tf-'));
});

const MAIN = `resource "aws_autoscaling_group" "web" {
  min_size            = var.min
  max_size            = 4
  vpc_zone_identifier = ["subnet-a", "subnet-b"]
}
`;
const VARIABLES = 'variable "min" {\n  default = 1\n}\n';
const SCRIPT = '#!/bin/sh\ngcloud compute instance-groups managed set-autoscaling web \\\n  --region europe-west1 --min-num-replicas=1 --max-num-replicas 8\n';

test('a folder walk takes .tf and .sh files with the YAML, one module per folder; findings where they were written', () => {
  const root = join(dir, 'walk');
  write(root, { 'infra/main.tf': MAIN, 'infra/variables.tf': VARIABLES, 'ops/scale.sh': SCRIPT, 'ops/README.txt': 'not linted\n', 'k8s/hpa.yaml': 'apiVersion: autoscaling/v2\nkind: HorizontalPodAutoscaler\nmetadata: {name: web}\nspec:\n  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: web}\n  minReplicas: 2\n  maxReplicas: 4\n' });
  const r = lint(['.'], root);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stderr, '');
  const tf = r.by('infra/main.tf');
  assert.deepEqual(tf.map((m) => [m.ruleId, m.line, m.column, m.message]), [['min-replicas', 2, 25, 'min_size is 1; the HA floor is 2.']]);
  assert.deepEqual(r.by('infra/variables.tf'), []);
  const sh = r.by('ops/scale.sh');
  assert.deepEqual(sh.map((m) => [m.ruleId, m.line, m.message]), [['min-replicas', 3, '--min-num-replicas is 1; the HA floor is 2.']]);
  assert.ok(!r.files.some((f) => f.filePath.endsWith('README.txt')));
});

test('--fix writes the variable default when it is in the same file, and the flag value in the script', () => {
  const root = join(dir, 'fix');
  write(root, { 'infra/main.tf': `${VARIABLES}${MAIN}`, 'ops/scale.sh': SCRIPT });
  const r = run(['--fix', '.'], root);
  assert.equal(r.status, 0, r.stdout + r.stderr);
  assert.match(readFileSync(join(root, 'infra/main.tf'), 'utf8'), /variable "min" \{\n {2}default = 2\n\}/);
  assert.match(readFileSync(join(root, 'ops/scale.sh'), 'utf8'), /--min-num-replicas=2 /);
  // A second run has nothing left to fix.
  const again = lint(['.'], root);
  assert.deepEqual(again.files.flatMap((f) => f.messages), []);
});

test('a Terraform syntax error is one render error (exit 1); the module is still read around it', () => {
  const root = join(dir, 'broken');
  write(root, { 'main.tf': `${MAIN}\nresource "aws_autoscaling_policy" "p" {\n  cooldown = = 60\n}\n`, 'variables.tf': VARIABLES });
  const r = lint(['.'], root);
  assert.equal(r.code, 1);
  const main = r.by('main.tf');
  assert.equal(main.filter((m) => m.ruleId === 'render' && m.severity === 'error').length, 1, JSON.stringify(main));
  assert.ok(main.some((m) => m.ruleId === 'min-replicas'));
});

test('SARIF names the .tf file and the rule', () => {
  const root = join(dir, 'sarif');
  write(root, { 'main.tf': MAIN, 'variables.tf': VARIABLES });
  const r = run(['--format', 'sarif', '.'], root);
  const sarif = JSON.parse(r.stdout) as { runs: { results: { ruleId: string; locations: { physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } } }[] }[] }[] };
  const results = sarif.runs[0]!.results;
  assert.equal(results.length, 1);
  assert.equal(results[0]!.ruleId, 'min-replicas');
  assert.match(results[0]!.locations[0]!.physicalLocation.artifactLocation.uri, /main\.tf$/);
  assert.equal(results[0]!.locations[0]!.physicalLocation.region.startLine, 2);
});

test('a suppression comment in a .tf file silences the finding on the next line', () => {
  const root = join(dir, 'suppressed');
  write(root, { 'main.tf': 'resource "aws_autoscaling_group" "web" {\n  # scalelint-disable-next-line min-replicas -- a dev stack\n  min_size            = 1\n  max_size            = 6\n  vpc_zone_identifier = ["subnet-a", "subnet-b"]\n}\n' });
  const r = lint(['.'], root);
  assert.equal(r.code, 0);
  assert.deepEqual(r.files.flatMap((f) => f.messages), []);
});

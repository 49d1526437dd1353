/**
 * The pre-commit hook (.pre-commit-hooks.yaml) as a user meets it: `pre-commit try-repo` installs the hook from
 * this repository (npm install, whose postinstall builds; npm pack; npm install -g, as pre-commit's
 * `language: node` does) with the Node on the PATH, and runs it over the staged files of a fresh repository.
 * Needs Debian's pre-commit (`apt-get install -y pre-commit`; `npm test` installs it when run as root).
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';

const ROOT = join(__dirname, '..', '..');
const PRE_COMMIT = spawnSync('pre-commit', ['--version'], { encoding: 'utf8' });

let dir: string;
before(() => {
  dir = mkdtempSync(join(tmpdir(), 'scalelint-pre-commit-'));
});
after(() => rmSync(dir, { recursive: true, force: true }));

test('pre-commit is installed for the hook test', () => {
  assert.equal(PRE_COMMIT.status, 0, 'pre-commit is missing: install it with `apt-get install -y pre-commit` (as root, after `apt-get update`)');
});

test('the hook definition: id scalelint, the files a folder walk takes, one run over all of them', () => {
  const hooks = parse(readFileSync(join(ROOT, '.pre-commit-hooks.yaml'), 'utf8')) as Record<string, unknown>[];
  assert.equal(hooks.length, 1);
  const hook = hooks[0]!;
  assert.equal(hook.id, 'scalelint');
  assert.equal(hook.language, 'node');
  assert.equal(hook.entry, 'scalelint');
  assert.equal(hook.require_serial, true, 'cross-document rules need every file in one run');
  const files = new RegExp(String(hook.files));
  const exclude = new RegExp(String(hook.exclude));
  const takes = (p: string) => files.test(p) && !exclude.test(p);
  assert.deepEqual(['deploy/hpa.yaml', 'a.yml', 'cfn/stack.YAML'.toLowerCase(), 'infra/main.tf', 'infra/x.tf.json', 'ops/scale.sh', 'ops/up.bash'].map(takes), [true, true, true, true, true, true, true]);
  assert.deepEqual(['README.md', 'deploy/.scalelint.yaml', 'x.yaml.bak', 'package.json', 'main.tfvars'].map(takes), [false, false, false, false, false]);
  const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
  assert.ok(manifest.bin[hook.entry as string], 'the entry is the package bin pre-commit installs');
});

test('pre-commit try-repo: the hook fails on errors, names file, line and rule, and lints only the files it takes', { skip: PRE_COMMIT.status === 0 ? false : 'pre-commit is missing: see the failing test above' }, () => {
  const repo = join(dir, 'repo');
  spawnSync('git', ['init', '-q', repo]);
  writeFileSync(join(repo, 'hpa.yaml'), 'apiVersion: autoscaling/v2\nkind: HorizontalPodAutoscaler\nmetadata: {name: web}\nspec:\n  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: web}\n  minReplicas: 4\n  maxReplicas: 3\n');
  writeFileSync(join(repo, 'notes.txt'), 'apiVersion: v1\nkind: Service\nmetadata: {name: x}\nspec: [\n');
  // A Terraform module: the hook's install carries the HCL parser's WebAssembly.
  writeFileSync(join(repo, 'main.tf'), 'resource "aws_autoscaling_group" "web" {\n  min_size            = 1\n  max_size            = 4\n  vpc_zone_identifier = ["subnet-a", "subnet-b"]\n}\n');
  spawnSync('git', ['add', '.'], { cwd: repo });
  const env = { ...process.env, PRE_COMMIT_HOME: join(dir, 'pre-commit-home'), NO_COLOR: '1', npm_config_audit: 'false', npm_config_fund: 'false', npm_config_update_notifier: 'false' };
  const r = spawnSync('pre-commit', ['try-repo', ROOT, 'scalelint', '--all-files', '--color', 'never'], { cwd: repo, encoding: 'utf8', env, timeout: 600_000 });
  const out = `${r.stdout}${r.stderr}`;
  assert.equal(r.status, 1, out);
  assert.match(out, /^ScaleLint\.+Failed$/m);
  assert.match(out, /^hpa\.yaml$/m);
  assert.match(out, /7:16\s+error\s+maxReplicas 3 is below minReplicas 4.*replica-bounds/);
  assert.doesNotMatch(out, /notes\.txt/);
  assert.match(out, /^main\.tf$/m);
  assert.match(out, /2:25\s+warning\s+min_size is 1; the HA floor is 2\.\s+min-replicas/);
  // Fixed, the same hook passes.
  writeFileSync(join(repo, 'hpa.yaml'), readFileSync(join(repo, 'hpa.yaml'), 'utf8').replace('maxReplicas: 3', 'maxReplicas: 12'));
  spawnSync('git', ['add', '.'], { cwd: repo });
  const fixed = spawnSync('pre-commit', ['try-repo', ROOT, 'scalelint', '--all-files', '--color', 'never'], { cwd: repo, encoding: 'utf8', env, timeout: 600_000 });
  assert.match(`${fixed.stdout}${fixed.stderr}`, /^ScaleLint\.+Passed$/m, `${fixed.stdout}${fixed.stderr}`);
  assert.equal(fixed.status, 0);
});

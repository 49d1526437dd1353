/**
 * Helm charts and Kustomize overlays through the built CLI (SPEC §8): rendered and built by ScaleLint itself,
 * findings on the values, template, base or patch line a person edits, `render` findings for what Helm or
 * kubectl would reject, --fix editing the values file, --values and --set as helm takes them.
 */
import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

const ROOT = join(__dirname, '..', '..');
const CLI = join(ROOT, 'server', 'out', 'cli.js');
const HELM_CREATE = join(ROOT, 'test', 'unit', 'engine', 'sources', 'helm', 'charts', 'helm4-create', 'mychart');

interface Message {
  ruleId: string;
  severity: string;
  message: string;
  line: number;
  column: number;
}

function lint(args: string[], cwd: string) {
  const r = spawnSync(process.execPath, [CLI, '--format', 'json', ...args], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  const files = r.stdout ? (JSON.parse(r.stdout) as { filePath: string; messages: Message[] }[]) : [];
  const by = (suffix: string) => files.find((f) => f.filePath.endsWith(suffix))?.messages ?? [];
  return { code: r.status, stderr: r.stderr, files, by };
}

let dir: string;
before(() => {
  assert.ok(existsSync(CLI), 'run `npm run build` first');
  dir = mkdtempSync(join(tmpdir(), 'scalelint-charts-'));
});

function write(root: string, files: Record<string, string>): void {
  for (const [p, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, p)), { recursive: true });
    writeFileSync(join(root, p), text);
  }
}

test("helm create's chart: findings on values.yaml lines and the template, the gated HPA linted with its gate true", () => {
  const work = join(dir, 'helm');
  cpSync(HELM_CREATE, join(work, 'mychart'), { recursive: true });
  const r = lint(['mychart'], work);
  assert.equal(r.code, 1, r.stderr);
  assert.deepEqual(r.files.map((f) => f.filePath.slice(work.length + 1)).sort(), ['mychart/templates/deployment.yaml', 'mychart/values.yaml']);
  const values = r.by('mychart/values.yaml');
  assert.deepEqual(
    values.map((m) => [m.line, m.column, m.ruleId, m.severity]),
    [
      [6, 15, 'min-replicas', 'warning'],
      [139, 16, 'min-replicas', 'warning'],
      [141, 35, 'requests-for-utilization', 'error'],
    ],
  );
  assert.equal(values[0]!.message, 'replicas is 1 and no autoscaler targets Deployment release-name-mychart; the HA floor is 2.');
  assert.equal(values[1]!.message, 'minReplicas is 1; the HA floor is 2. (when autoscaling.enabled is true)');
  // The gated HPA meets the Deployment as the same values render it (no replicas): no replicas-with-hpa.
  assert.ok(!r.files.flatMap((f) => f.messages).some((m) => m.ruleId === 'replicas-with-hpa'));
  assert.deepEqual(r.by('templates/deployment.yaml').map((m) => m.ruleId), ['container-resources']);

  // --set as helm takes it: the gate is on, so the finding no longer says "when".
  const on = lint(['--set', 'autoscaling.enabled=true', '--set', 'autoscaling.minReplicas=3', 'mychart'], work);
  assert.ok(!on.by('values.yaml').some((m) => m.ruleId === 'min-replicas' && m.line === 139));
  assert.ok(!on.by('values.yaml').some((m) => / \(when /.test(m.message)));
  // --values: a value file merged over values.yaml; findings on what it sets land in it.
  writeFileSync(join(work, 'prod.yaml'), '# production\nreplicaCount: 1\nautoscaling:\n  enabled: true\n  minReplicas: 1\n');
  const prod = lint(['--values', 'prod.yaml', 'mychart'], work);
  assert.deepEqual(prod.by('/prod.yaml').map((m) => [m.line, m.ruleId]), [[5, 'min-replicas']]);
});

test('--fix edits the values file (comments kept); a second run has nothing left to fix', () => {
  const work = join(dir, 'fix');
  cpSync(HELM_CREATE, join(work, 'mychart'), { recursive: true });
  const before = readFileSync(join(work, 'mychart', 'values.yaml'), 'utf8');
  spawnSync(process.execPath, [CLI, '--fix', 'mychart'], { cwd: work, encoding: 'utf8' });
  const after = readFileSync(join(work, 'mychart', 'values.yaml'), 'utf8');
  assert.equal(after, before.replace('replicaCount: 1\n', 'replicaCount: 2\n').replace('  minReplicas: 1\n', '  minReplicas: 2\n'));
  for (const t of ['templates/deployment.yaml', 'templates/hpa.yaml', 'templates/_helpers.tpl']) {
    assert.equal(readFileSync(join(work, 'mychart', t), 'utf8'), readFileSync(join(HELM_CREATE, t), 'utf8'), `${t} untouched`);
  }
  const again = lint(['mychart'], work);
  assert.ok(!again.files.flatMap((f) => f.messages).some((m) => m.ruleId === 'min-replicas'));
});

test('a template error is one render error where Helm reports it; the chart\'s other templates are still linted', () => {
  const work = join(dir, 'broken');
  write(work, {
    'web/Chart.yaml': 'apiVersion: v2\nname: web\nversion: 0.1.0\n',
    'web/values.yaml': 'autoscaling:\n  maxReplicas: 10\n',
    'web/templates/hpa.yaml':
      'apiVersion: autoscaling/v2\nkind: HorizontalPodAutoscaler\nmetadata:\n  name: web\nspec:\n  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: web}\n  minReplicas: {{ required "autoscaling.minReplicas is required" .Values.autoscaling.minReplicas }}\n  maxReplicas: {{ .Values.autoscaling.maxReplicas }}\n',
    'web/templates/pdb.yaml': 'apiVersion: policy/v1\nkind: PodDisruptionBudget\nmetadata:\n  name: web\nspec:\n  minAvailable: 1\n  selector:\n    matchLabels: {app: web}\n',
    'web/templates/broken.yaml': 'kind: {{ .Values.kind\n',
  });
  const r = lint(['web'], work);
  assert.equal(r.code, 1);
  const renderErrors = r.files.flatMap((f) => f.messages.map((m) => ({ ...m, file: f.filePath.slice(work.length + 1) }))).filter((m) => m.ruleId === 'render');
  assert.deepEqual(renderErrors.map((m) => [m.file, m.line, m.severity]).sort(), [['web/templates/broken.yaml', 1, 'error'], ['web/templates/hpa.yaml', 7, 'error']]);
  assert.match(renderErrors.find((m) => m.file.endsWith('hpa.yaml'))!.message, /autoscaling\.minReplicas is required/);
  // `render: off` in the config silences them; the rest of the lint goes on.
  writeFileSync(join(work, '.scalelint.yaml'), 'rules:\n  render: off\n');
  assert.ok(!lint(['web'], work).files.flatMap((f) => f.messages).some((m) => m.ruleId === 'render'));
});

const DEPLOYMENT = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  selector:
    matchLabels:
      app: web
  template:
    metadata:
      labels:
        app: web
    spec:
      containers:
        - name: web
          image: nginx:1.27
          resources:
            requests: {cpu: 100m, memory: 64Mi}
          readinessProbe:
            httpGet: {path: /, port: 80}
          livenessProbe:
            httpGet: {path: /, port: 80}
`;

test('overlays sharing a base (real2: google-cloud-slsa): a base finding they all make is printed once, and each names its own overlay\'s HPA', () => {
  const work = join(dir, 'kustomize-shared');
  const hpa = (max: number) => `apiVersion: autoscaling/v2\nkind: HorizontalPodAutoscaler\nmetadata:\n  name: web\nspec:\n  minReplicas: 2\n  maxReplicas: ${max}\n`;
  write(work, {
    'base/kustomization.yaml': 'resources:\n  - deployment.yaml\n  - hpa.yaml\nconfigMapGenerator:\n  - name: conf\n    literals: [a=b]\n',
    'base/deployment.yaml': DEPLOYMENT.replace('spec:\n  selector', 'spec:\n  replicas: 1\n  selector'),
    'base/hpa.yaml': 'apiVersion: autoscaling/v2\nkind: HorizontalPodAutoscaler\nmetadata:\n  name: web\nspec:\n  scaleTargetRef:\n    apiVersion: apps/v1\n    kind: Deployment\n    name: web\n  minReplicas: 2\n  maxReplicas: 10\n',
    'overlays/dev/kustomization.yaml': 'resources:\n  - ../../base\npatches:\n  - path: hpa.yaml\n',
    'overlays/dev/hpa.yaml': hpa(4),
    'overlays/test/kustomization.yaml': 'resources:\n  - ../../base\npatches:\n  - path: hpa.yaml\n',
    'overlays/test/hpa.yaml': hpa(4),
    'overlays/prod/kustomization.yaml': 'resources:\n  - ../../base\npatches:\n  - path: hpa.yaml\n',
    'overlays/prod/hpa.yaml': hpa(20),
  });
  const r = lint(['.'], work);
  const replicas = r.by('base/deployment.yaml').filter((m) => m.ruleId === 'replicas-with-hpa');
  // dev and test say the same thing at the same place: once; prod's HPA has other bounds. None lists another overlay's HPA.
  assert.deepEqual(replicas.map((m) => [m.line, /\(2–4 replicas\)/.test(m.message), /\(2–20 replicas\)/.test(m.message), /autoscalers/.test(m.message)]), [[6, true, false, false], [6, false, true, false]]);
  assert.deepEqual(r.by('base/kustomization.yaml').map((m) => [m.line, m.ruleId]), [[5, 'render']]);
});

test('a kustomize overlay is built: its patch line gets the finding, base and patch are not linted alone, a remote resource is one note', () => {
  const work = join(dir, 'kustomize');
  write(work, {
    'base/kustomization.yaml': 'resources:\n  - deployment.yaml\n  - hpa.yaml\n',
    'base/deployment.yaml': DEPLOYMENT,
    'base/hpa.yaml': 'apiVersion: autoscaling/v2\nkind: HorizontalPodAutoscaler\nmetadata:\n  name: web\nspec:\n  scaleTargetRef:\n    apiVersion: apps/v1\n    kind: Deployment\n    name: web\n  minReplicas: 2\n  maxReplicas: 10\n',
    'overlays/prod/kustomization.yaml': 'resources:\n  - ../../base\n  - https://example.com/remote.yaml\nnamePrefix: prod-\npatches:\n  - path: hpa-patch.yaml\n',
    'overlays/prod/hpa-patch.yaml': '# prod scales down to one at night\napiVersion: autoscaling/v2\nkind: HorizontalPodAutoscaler\nmetadata:\n  name: web\nspec:\n  minReplicas: 1\n',
  });
  const r = lint(['.'], work);
  const names = r.files.map((f) => f.filePath.slice(work.length + 1)).sort();
  assert.ok(!names.includes('base/hpa.yaml') && !names.includes('base/deployment.yaml'), names.join(', '));
  assert.deepEqual(r.by('overlays/prod/hpa-patch.yaml').map((m) => [m.line, m.column, m.ruleId, m.message]), [[7, 16, 'min-replicas', 'minReplicas is 1; the HA floor is 2. (set by overlays/prod)']]);
  const notes = r.by('overlays/prod/kustomization.yaml');
  assert.deepEqual(notes.map((m) => [m.line, m.ruleId, m.severity]), [[3, 'render', 'info']]);
  // The renamed HPA still finds its renamed Deployment, as kustomize updates scaleTargetRef.
  assert.ok(!r.files.flatMap((f) => f.messages).some((m) => m.ruleId === 'hpa-target-exists'));
  // --fix edits the patch (its comment kept).
  spawnSync(process.execPath, [CLI, '--fix', '.'], { cwd: work, encoding: 'utf8' });
  assert.equal(readFileSync(join(work, 'overlays/prod/hpa-patch.yaml'), 'utf8'), '# prod scales down to one at night\napiVersion: autoscaling/v2\nkind: HorizontalPodAutoscaler\nmetadata:\n  name: web\nspec:\n  minReplicas: 2\n');
  assert.equal(readFileSync(join(work, 'base/hpa.yaml'), 'utf8').includes('minReplicas: 2'), true);
});

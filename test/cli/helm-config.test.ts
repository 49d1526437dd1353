/**
 * `.scalelint.yaml` key `helm:` through the built CLI (SPEC §8): value files (relative to the config file),
 * `set`, `releaseName`; the command line's --set after the config's; suppression comments in a value file.
 * Run: node --import tsx --test test/cli/helm-config.test.ts
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

const CLI = join(__dirname, '..', '..', 'server', 'out', 'cli.js');

interface Message {
  ruleId: string;
  message: string;
  line: number;
}

let dir: string;
before(() => {
  assert.ok(existsSync(CLI), 'run `npm run build` first');
  dir = mkdtempSync(join(tmpdir(), 'scalelint-helm-config-'));
});
after(() => rmSync(dir, { recursive: true, force: true }));

function write(root: string, files: Record<string, string>): void {
  for (const [p, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, p)), { recursive: true });
    writeFileSync(join(root, p), text);
  }
}

function lint(args: string[], cwd: string) {
  const r = spawnSync(process.execPath, [CLI, '--format', 'json', ...args], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  const files = r.stdout ? (JSON.parse(r.stdout) as { filePath: string; messages: Message[] }[]) : [];
  const all = files.flatMap((f) => f.messages.map((m) => ({ ...m, file: f.filePath.slice(cwd.length + 1) })));
  return { code: r.status, stderr: r.stderr, all };
}

const CHART = {
  'web/Chart.yaml': 'apiVersion: v2\nname: web\nversion: 0.1.0\n',
  'web/values.yaml': 'replicaCount: 2\nautoscaling:\n  enabled: false\n  minReplicas: 2\n  maxReplicas: 6\n',
  'web/templates/hpa.yaml': `{{- if .Values.autoscaling.enabled }}
apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata:
  name: {{ .Release.Name }}-web
spec:
  scaleTargetRef:
    apiVersion: apps/v1
    kind: Deployment
    name: {{ .Release.Name }}-web
  minReplicas: {{ .Values.autoscaling.minReplicas }}
  maxReplicas: {{ .Values.autoscaling.maxReplicas }}
{{- end }}
`,
  'web/templates/deployment.yaml': `apiVersion: apps/v1
kind: Deployment
metadata:
  name: {{ .Release.Name }}-web
spec:
  {{- if not .Values.autoscaling.enabled }}
  replicas: {{ .Values.replicaCount }}
  {{- end }}
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
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
`,
};

test('helm: value files relative to .scalelint.yaml, set turns the gate on, releaseName names the objects; --set wins', () => {
  const work = join(dir, 'config');
  write(work, {
    ...CHART,
    '.scalelint.yaml': 'helm:\n  valueFiles: [env/prod.yaml]\n  set:\n    autoscaling.enabled: true\n  releaseName: shop\n',
    'env/prod.yaml': '# production\nautoscaling:\n  minReplicas: 1\n',
  });
  const r = lint(['.'], work);
  const min = r.all.filter((m) => m.ruleId === 'min-replicas');
  // The gate is on through `set`: the finding is on the value file's line, and does not say "when".
  assert.deepEqual(min.map((m) => [m.file, m.line, m.message]), [['env/prod.yaml', 3, 'minReplicas is 1; the HA floor is 2.']]);
  // The HPA finds shop-web, the Deployment the release name makes.
  assert.ok(!r.all.some((m) => m.ruleId === 'hpa-target-exists'), JSON.stringify(r.all));

  const overridden = lint(['--set', 'autoscaling.minReplicas=3', '.'], work);
  assert.ok(!overridden.all.some((m) => m.ruleId === 'min-replicas'), JSON.stringify(overridden.all));
  const gateOff = lint(['--set', 'autoscaling.enabled=false', '.'], work);
  assert.ok(gateOff.all.some((m) => m.ruleId === 'min-replicas' && / \(when autoscaling\.enabled is true\)$/.test(m.message)), JSON.stringify(gateOff.all));
});

test('a bad helm key stops the run with the key named (exit 2)', () => {
  const work = join(dir, 'bad');
  write(work, { ...CHART, '.scalelint.yaml': 'helm:\n  valuesFiles: [prod.yaml]\n' });
  const r = lint(['.'], work);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /helm\.valuesFiles/);
});

test('suppression comments in a value file and in a template silence the finding placed on their next line', () => {
  const work = join(dir, 'suppress');
  write(work, {
    ...CHART,
    'web/values.yaml': 'replicaCount: 1\nautoscaling:\n  enabled: true\n  # scalelint-disable-next-line min-replicas -- staging only\n  minReplicas: 1\n  maxReplicas: 6\n',
  });
  const r = lint(['.'], work);
  assert.deepEqual(r.all.filter((m) => m.ruleId === 'min-replicas').map((m) => [m.file, m.line]), []);
  // Without the comment the same finding is there: the comment did it.
  write(work, { 'web/values.yaml': 'replicaCount: 1\nautoscaling:\n  enabled: true\n  minReplicas: 1\n  maxReplicas: 6\n' });
  assert.deepEqual(lint(['.'], work).all.filter((m) => m.ruleId === 'min-replicas').map((m) => [m.file, m.line]), [['web/values.yaml', 4]]);
  // In a template: a literal written there is placed on the template line.
  write(work, {
    'web/values.yaml': 'replicaCount: 2\nautoscaling:\n  enabled: true\n',
    'web/templates/hpa.yaml': CHART['web/templates/hpa.yaml'].replace('  minReplicas: {{ .Values.autoscaling.minReplicas }}', '  # scalelint-disable-next-line min-replicas\n  minReplicas: 1').replace('{{ .Values.autoscaling.maxReplicas }}', '6'),
  });
  assert.deepEqual(lint(['.'], work).all.filter((m) => m.ruleId === 'min-replicas'), []);
  write(work, { 'web/templates/hpa.yaml': CHART['web/templates/hpa.yaml'].replace('{{ .Values.autoscaling.minReplicas }}', '1').replace('{{ .Values.autoscaling.maxReplicas }}', '6') });
  assert.deepEqual(lint(['.'], work).all.filter((m) => m.ruleId === 'min-replicas').map((m) => [m.file, m.line]), [['web/templates/hpa.yaml', 11]]);
});

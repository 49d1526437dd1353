/**
 * A lint set's charts and kustomizations (server/src/lsp/renders.ts) in-process: found among the set's files,
 * rendered once each, rendered again only when a file they read changes, open editors' texts first, the files
 * they read out of the set's plain files, and released back when no unit reads them any more.
 * Run: node --import tsx --test test/lsp/renders.test.ts
 */
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { enginePath } from '../../server/src/node/sources';
import { LintSet, uriOf } from '../../server/src/lsp/workspace';

const root = mkdtempSync(join(tmpdir(), 'scalelint-renders-'));
after(() => rmSync(root, { recursive: true, force: true }));

function write(files: Record<string, string>): void {
  for (const [p, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, p)), { recursive: true });
    writeFileSync(join(root, p), text);
  }
}

const chart = (name: string, min: number) => ({
  [`${name}/Chart.yaml`]: `apiVersion: v2\nname: ${name}\nversion: 0.1.0\n`,
  [`${name}/values.yaml`]: `autoscaling:\n  minReplicas: ${min}\n`,
  [`${name}/templates/hpa.yaml`]:
    'apiVersion: autoscaling/v2\nkind: HorizontalPodAutoscaler\nmetadata:\n  name: {{ .Release.Name }}\nspec:\n  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: web}\n  minReplicas: {{ .Values.autoscaling.minReplicas }}\n  maxReplicas: 10\n',
});

function yamlFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? yamlFiles(p) : /\.ya?ml$/.test(n) ? [p] : [];
  });
}

test('units render once, again only when a file they read changes; editors first; consumed files leave the plain lint set', () => {
  write({
    ...chart('a', 2),
    ...chart('b', 2),
    'k/base/kustomization.yaml': 'resources: [hpa.yaml]\n',
    'k/base/hpa.yaml': 'apiVersion: autoscaling/v2\nkind: HorizontalPodAutoscaler\nmetadata:\n  name: web\nspec:\n  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: web}\n  minReplicas: 2\n  maxReplicas: 10\n',
    'k/prod/kustomization.yaml': 'resources: [../base]\npatches:\n  - path: patch.yaml\n',
    'k/prod/patch.yaml': 'apiVersion: autoscaling/v2\nkind: HorizontalPodAutoscaler\nmetadata:\n  name: web\nspec:\n  minReplicas: 3\n',
    'plain.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\n',
  });
  const set = new LintSet({ uri: uriOf(root), name: 'w', path: root });
  for (const f of yamlFiles(root)) set.linter.update(uriOf(f), readFileSync(f, 'utf8'), 0);
  const log = (m: string, e?: unknown) => assert.fail(`${m}: ${String(e)}`);
  const editors = new Map<string, string>();
  const overlay = (engine: string) => editors.get(engine);
  const renders = set.renders;

  assert.equal(renders.update(overlay, true, log).changed, true);
  assert.equal(renders.renderCount, 3, 'two charts and one root kustomization (the base through its overlay)');
  const valuesA = uriOf(join(root, 'a/values.yaml'));
  const patch = uriOf(join(root, 'k/prod/patch.yaml'));
  for (const key of [valuesA, uriOf(join(root, 'a/templates/hpa.yaml')), uriOf(join(root, 'k/base/hpa.yaml')), patch]) {
    assert.ok(renders.consumes(key), key);
    assert.equal(set.linter.has(key), false, `${key} is not linted as written`);
  }
  assert.ok(!renders.consumes(uriOf(join(root, 'plain.yaml'))) && set.linter.has(uriOf(join(root, 'plain.yaml'))));
  assert.deepEqual(renders.findingsFor(valuesA).filter((f) => f.ruleId === 'min-replicas'), []);

  // Nothing changed: nothing renders.
  assert.equal(renders.update(overlay, false, log).changed, false);
  assert.equal(renders.renderCount, 3);

  // The editor's text of a's values (minReplicas 1): only chart a renders, and the finding is on its line.
  editors.set(enginePath(join(root, 'a/values.yaml')), 'autoscaling:\n  minReplicas: 1\n');
  renders.fileChanged(valuesA);
  assert.equal(renders.update(overlay, false, log).changed, true);
  assert.equal(renders.renderCount, 4);
  const min = renders.findingsFor(valuesA).filter((f) => f.ruleId === 'min-replicas');
  const at = 'autoscaling:\n  minReplicas: 1\n'.indexOf('1');
  assert.deepEqual(min.map((f) => [f.start, f.end]), [[at, at + 1]]);
  assert.deepEqual(renders.findingsFor(uriOf(join(root, 'b/values.yaml'))).filter((f) => f.ruleId === 'min-replicas'), []);

  // A patch: only the overlay builds again. A plain file: nothing renders.
  renders.fileChanged(patch);
  renders.update(overlay, false, log);
  assert.equal(renders.renderCount, 5);
  renders.fileChanged(uriOf(join(root, 'plain.yaml')));
  renders.update(overlay, true, log);
  assert.equal(renders.renderCount, 5);
  assert.equal(renders.unitsOf(patch).map((u) => u.unit.kind).join(), 'kustomization');

  // The overlay stops patching: the patch file is released (linted as written again).
  editors.set(enginePath(join(root, 'k/prod/kustomization.yaml')), 'resources: [../base]\n');
  renders.fileChanged(uriOf(join(root, 'k/prod/kustomization.yaml')));
  const result = renders.update(overlay, false, log);
  assert.deepEqual(result.released, [patch]);
  assert.equal(renders.consumes(patch), false);
  assert.equal(renders.renderCount, 6, 'the units were found again, and only the overlay rendered');
});

test('the chart’s .scalelint.yaml `helm:` applies in the editor: a `set` value renders, and its finding lands on the template line', () => {
  write({ ...chart('c', 2), 'c/.scalelint.yaml': 'helm:\n  set: {autoscaling.minReplicas: 1}\n  releaseName: shop\n' });
  const folder = join(root, 'c');
  const set = new LintSet({ uri: uriOf(folder), name: 'c', path: folder });
  for (const f of yamlFiles(folder)) set.linter.update(uriOf(f), readFileSync(f, 'utf8'), 0);
  set.renders.update(() => undefined, true, (m, e) => assert.fail(`${m}: ${String(e)}`));
  const template = join(folder, 'templates/hpa.yaml');
  const text = readFileSync(template, 'utf8');
  const found = set.renders.findingsFor(uriOf(template)).filter((f) => f.ruleId === 'min-replicas');
  // A --set value was written nowhere in a file: the finding is on the action that printed it.
  assert.deepEqual(found.map((f) => text.slice(f.start, f.end)), ['{{ .Values.autoscaling.minReplicas }}']);
  assert.deepEqual(set.renders.findingsFor(uriOf(join(folder, 'values.yaml'))).filter((f) => f.ruleId === 'min-replicas'), []);
  const [unit] = set.renders.unitsOf(uriOf(template));
  assert.match([...unit!.rendered.renders.values()][0]!.text, /name: shop\n/);
});

test('related locations between plain files and renders point at files a person edits, both ways', () => {
  const folder = join(root, 'related');
  const files = {
    'web/Chart.yaml': 'apiVersion: v2\nname: web\nversion: 0.1.0\n',
    'web/values.yaml': 'cpu: 5m\n',
    'web/templates/deployment.yaml':
      'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  replicas: 3\n  selector:\n    matchLabels: {app: web}\n  template:\n    metadata:\n      labels: {app: web}\n    spec:\n      containers:\n        - name: web\n          image: nginx:1.27\n          resources:\n            requests: {cpu: {{ .Values.cpu }}, memory: 64Mi}\n',
    'hpa.yaml':
      'apiVersion: autoscaling/v2\nkind: HorizontalPodAutoscaler\nmetadata:\n  name: web\nspec:\n  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: web}\n  minReplicas: 2\n  maxReplicas: 10\n  metrics:\n    - type: Resource\n      resource:\n        name: cpu\n        target: {type: Utilization, averageUtilization: 70}\n',
  };
  for (const [p, text] of Object.entries(files)) {
    mkdirSync(dirname(join(folder, p)), { recursive: true });
    writeFileSync(join(folder, p), text);
  }
  const set = new LintSet({ uri: uriOf(folder), name: 'related', path: folder });
  for (const p of Object.keys(files)) set.linter.update(uriOf(join(folder, p)), files[p as keyof typeof files], 0);
  set.renders.update(() => undefined, true, (m, e) => assert.fail(`${m}: ${String(e)}`));
  const hpa = uriOf(join(folder, 'hpa.yaml'));
  // The plain HPA's finding names the container's request: in values.yaml, where `5m` is written, not in the render.
  const request = set.renders.mapRelated(set.linter.lintFile(hpa)).find((f) => f.ruleId === 'requests-for-utilization');
  assert.ok(request, 'requests-for-utilization on the plain HPA');
  assert.deepEqual(request.related?.map((r) => [r.file, files['web/values.yaml'].slice(r.start, r.end)]), [[uriOf(join(folder, 'web/values.yaml')), '5m']]);
  // The template's finding names the plain HPA by its lint-set key.
  const replicas = set.renders.findingsFor(uriOf(join(folder, 'web/templates/deployment.yaml'))).find((f) => f.ruleId === 'replicas-with-hpa');
  assert.ok(replicas, 'replicas-with-hpa on the template');
  assert.deepEqual(replicas.related?.map((r) => r.file), [hpa]);
});

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Linter, defaultConfig } from '../../../../server/src/engine';
import { placeRenderedFindings } from '../../../../server/src/engine/sources/place';
import { planSources } from '../../../../server/src/engine/sources/project';
import type { FileReader, RenderResult } from '../../../../server/src/engine/sources/rendered';

/** A FileReader over an in-memory tree. */
function memory(files: Record<string, string>): FileReader {
  return {
    read: (p) => files[p],
    list: (folder) => {
      const prefix = folder === '' ? '' : `${folder}/`;
      const names = new Set<string>();
      for (const p of Object.keys(files)) {
        if (!p.startsWith(prefix)) continue;
        const rest = p.slice(prefix.length);
        const slash = rest.indexOf('/');
        names.add(slash < 0 ? rest : rest.slice(0, slash + 1));
      }
      return names.size ? [...names].sort() : undefined;
    },
  };
}

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
            requests:
              cpu: 100m
              memory: 64Mi
          readinessProbe:
            httpGet:
              path: /
              port: 80
          livenessProbe:
            httpGet:
              path: /
              port: 80
`;
const HPA = `apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata:
  name: web
spec:
  scaleTargetRef:
    apiVersion: apps/v1
    kind: Deployment
    name: web
  minReplicas: 2
  maxReplicas: 10
`;
const PATCH = `apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata:
  name: web
spec:
  minReplicas: 1
`;

const TREE = {
  'app/base/kustomization.yaml': 'resources:\n  - deployment.yaml\n  - hpa.yaml\n',
  'app/base/deployment.yaml': DEPLOYMENT,
  'app/base/hpa.yaml': HPA,
  'app/overlays/prod/kustomization.yaml': 'resources:\n  - ../../base\nnamePrefix: prod-\npatches:\n  - path: hpa-patch.yaml\n',
  'app/overlays/prod/hpa-patch.yaml': PATCH,
  'plain/pdb.yaml': 'apiVersion: policy/v1\nkind: PodDisruptionBudget\nmetadata: {name: p}\nspec: {maxUnavailable: 1, selector: {matchLabels: {app: other}}}\n',
};

test('a kustomize overlay is built and linted; its base and patch are never linted alone; findings land on the patch line', () => {
  const reader = memory(TREE);
  const plan = planSources(reader, Object.keys(TREE).sort());
  assert.deepEqual(plan.kustomizations, ['app/overlays/prod']);
  assert.deepEqual(plan.plain, ['plain/pdb.yaml']);
  for (const f of ['app/base/hpa.yaml', 'app/base/deployment.yaml', 'app/overlays/prod/hpa-patch.yaml', 'app/base/kustomization.yaml']) assert.ok(plan.consumed.has(f), f);
  assert.equal(plan.renders.length, 1);
  const doc = plan.renders[0]!;
  // The build renamed the HPA and its scaleTargetRef, as kustomize does: the target is found.
  assert.match(doc.text, /name: prod-web/);
  const linter = new Linter(() => defaultConfig());
  linter.update(`${doc.name}#build`, doc.text);
  const placed = placeRenderedFindings(doc, linter.lintFile(`${doc.name}#build`));
  assert.ok(!placed.some((f) => f.ruleId === 'hpa-target-exists'), JSON.stringify(placed, null, 1));
  const min = placed.find((f) => f.ruleId === 'min-replicas');
  assert.ok(min, JSON.stringify(placed, null, 1));
  assert.equal(min.file, 'app/overlays/prod/hpa-patch.yaml');
  assert.equal(PATCH.slice(min.start, min.end), '1');
  assert.equal(min.start, PATCH.indexOf('minReplicas: 1') + 'minReplicas: '.length);
  assert.ok(min.fixes?.[0]?.edits.every((e) => e.newText === '2'));
  // Nothing lands on a file no one wrote.
  for (const f of placed) assert.ok(f.file in TREE, f.file);
});

test('charts are rendered through the injected renderer; every file under a chart is its input', () => {
  const tree = { 'charts/web/Chart.yaml': 'name: web\nversion: 0.1.0\n', 'charts/web/values.yaml': 'a: 1\n', 'charts/web/templates/hpa.yaml': '{{ .Values.a }}\n', 'charts/web/charts/sub/Chart.yaml': 'name: sub\n', 'charts/web/charts/sub/templates/x.yaml': 'x\n', 'other.yaml': 'a: b\n' };
  const rendered: string[] = [];
  const renderChart = (_r: FileReader, root: string): RenderResult => {
    rendered.push(root);
    return { documents: [], problems: [{ severity: 'info', message: 'm', file: `${root}/templates/hpa.yaml`, start: 0, end: 1 }], inputs: [`${root}/values.yaml`] };
  };
  const plan = planSources(memory(tree), Object.keys(tree), { renderChart });
  assert.deepEqual(rendered, ['charts/web'], 'a subchart renders with its parent, once');
  assert.deepEqual(plan.plain, ['other.yaml']);
  assert.equal(plan.problems.length, 1);
  // Without a renderer, chart files stay plain files (the single Helm note of SPEC §1 applies).
  assert.equal(planSources(memory(tree), Object.keys(tree)).plain.length, Object.keys(tree).length);
});

test('finding the charts asks the reader for each folder\'s Chart.yaml once, and never for one under a file', () => {
  const tree = { 'charts/web/Chart.yaml': 'name: web\nversion: 0.1.0\n', 'charts/web/templates/hpa.yaml': 'x\n', 'apps/a.yaml': 'a: b\n', 'apps/b.yaml': 'a: c\n' };
  const asked: string[] = [];
  const base = memory(tree);
  const counting: FileReader = { list: base.list, read: (p) => (asked.push(p), base.read(p)) };
  const plan = planSources(counting, Object.keys(tree), { renderChart: () => ({ documents: [], problems: [], inputs: [] }) });
  assert.deepEqual(plan.charts, ['charts/web']);
  assert.deepEqual(plan.plain, ['apps/a.yaml', 'apps/b.yaml']);
  const chartLookups = asked.filter((p) => p.endsWith('Chart.yaml'));
  assert.deepEqual(chartLookups.filter((p) => Object.keys(tree).some((f) => p.startsWith(`${f}/`))), [], 'no Chart.yaml under a file');
  assert.equal(new Set(chartLookups).size, chartLookups.length, 'each folder once');
  assert.ok(chartLookups.includes('apps/Chart.yaml') && chartLookups.includes('charts/web/Chart.yaml'));
});

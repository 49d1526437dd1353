/**
 * Helm charts and Kustomize overlays in the editor (SPEC §8, issues 11 and 12), through the built server over
 * stdio: findings on the values, template and patch lines a person edits, quick fixes editing those files,
 * renders following edits, `render` findings for broken templates, files that are not open published too,
 * the files a chart or overlay reads never linted as plain YAML, and the "Show rendered manifest" request.
 * Run: node --import tsx --test test/lsp/charts.test.ts
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { CodeLensRequest, type Diagnostic, type PublishDiagnosticsParams, type TextDocumentEdit } from 'vscode-languageserver-protocol/node';
import { RENDERED_MANIFEST_REQUEST, type RenderedManifestResult } from '../../server/src/protocol';
import { fileUri, LspHarness } from './harness';

const HELM_CREATE = join(__dirname, '..', 'unit', 'engine', 'sources', 'helm', 'charts', 'helm4-create', 'mychart');

let root: string;
const servers: LspHarness[] = [];

before(() => {
  root = mkdtempSync(join(tmpdir(), 'scalelint-lsp-charts-'));
});

after(() => {
  for (const s of servers) s.kill();
  rmSync(root, { recursive: true, force: true });
});

function write(dir: string, files: Record<string, string>): void {
  for (const [p, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, p)), { recursive: true });
    writeFileSync(join(dir, p), text);
  }
}

async function start(folder: string, pull = false): Promise<LspHarness> {
  const s = await LspHarness.start({ folder, pull });
  servers.push(s);
  await s.waitFor(() => s.logs.some((l) => l.startsWith('Indexed ')), 'the workspace index', 15000);
  return s;
}

const on = (line: number, rule: string) => (d: Diagnostic) => d.range.start.line === line && d.code === rule;
const has = (line: number, rule: string) => (p: PublishDiagnosticsParams) => p.diagnostics.some(on(line, rule));

/** 0-based line of the first line of `text` that matches. */
function lineOf(text: string, pattern: RegExp): number {
  const i = text.split('\n').findIndex((l) => pattern.test(l));
  assert.ok(i >= 0, `no line matches ${pattern}`);
  return i;
}

test("helm create's chart: values.yaml gets the gated HPA's min-replicas with a quick fix; an edit updates it; a broken template gives `render`", async () => {
  const folder = join(root, 'helm');
  cpSync(HELM_CREATE, join(folder, 'mychart'), { recursive: true });
  const valuesPath = join(folder, 'mychart', 'values.yaml');
  const values = readFileSync(valuesPath, 'utf8');
  const minLine = lineOf(values, /^\s+minReplicas: 1\b/);
  const s = await start(folder);
  const valuesUri = fileUri(valuesPath);
  const deploymentUri = fileUri(join(folder, 'mychart', 'templates', 'deployment.yaml'));
  const hpaUri = fileUri(join(folder, 'mychart', 'templates', 'hpa.yaml'));

  // A template that is not open gets its placed findings published.
  const deployment = await s.waitForDiagnostics(deploymentUri, (p) => p.diagnostics.some((d) => d.code === 'container-resources'), 'container-resources on the template', 15000);
  assert.ok(!deployment.diagnostics.some((d) => d.code === 'yaml-syntax' || d.code === 'schema'), JSON.stringify(deployment.diagnostics));

  await s.open(valuesUri, values);
  const published = await s.waitForDiagnostics(valuesUri, has(minLine, 'min-replicas'), 'min-replicas on autoscaling.minReplicas');
  const diagnostic = published.diagnostics.find(on(minLine, 'min-replicas'))!;
  assert.equal(diagnostic.message, 'minReplicas is 1; the HA floor is 2. (when autoscaling.enabled is true)');
  assert.equal(diagnostic.range.start.character, values.split('\n')[minLine]!.indexOf('1'));
  // The template action that printed the value, as related information.
  assert.deepEqual(diagnostic.relatedInformation?.map((r) => [r.location.uri, r.location.range.start.line, r.message]), [[hpaUri, lineOf(readFileSync(join(folder, 'mychart/templates/hpa.yaml'), 'utf8'), /minReplicas:/), 'rendered by mychart/templates/hpa.yaml']]);
  // The values file is not linted as a plain file: no Kubernetes noise about a values mapping.
  assert.ok(published.diagnostics.every((d) => ['min-replicas', 'requests-for-utilization', 'render'].includes(String(d.code))), JSON.stringify(published.diagnostics.map((d) => d.code)));
  // The template is not linted as plain YAML either: no yaml-syntax for `{{ }}`.
  assert.ok(!(s.published.get(hpaUri) ?? []).some((p) => p.diagnostics.some((d) => d.code === 'yaml-syntax')));

  const actions = await s.codeActions(valuesUri, diagnostic.range, [diagnostic]);
  const fix = actions.find((a) => a.isPreferred);
  assert.ok(fix, JSON.stringify(actions.map((a) => a.title)));
  const edit = fix.edit!.documentChanges![0] as TextDocumentEdit;
  assert.equal(edit.textDocument.uri, valuesUri);
  assert.deepEqual(edit.edits.map((e) => [e.range.start.line, e.newText]), [[minLine, '2']]);
  assert.ok(actions.some((a) => a.title === 'Disable min-replicas for this line'));

  // The user types 3: the finding goes.
  const col = values.split('\n')[minLine]!.indexOf('1');
  await s.edit(valuesUri, 2, { start: { line: minLine, character: col }, end: { line: minLine, character: col + 1 } }, '3');
  await s.waitForDiagnostics(valuesUri, (p) => p.version === 2 && !p.diagnostics.some(on(minLine, 'min-replicas')), 'min-replicas gone after the edit');

  // A suppression comment in values.yaml silences the placed finding on the next line.
  await s.edit(valuesUri, 3, { start: { line: minLine, character: col }, end: { line: minLine, character: col + 1 } }, '1');
  await s.waitForDiagnostics(valuesUri, (p) => p.version === 3 && p.diagnostics.some(on(minLine, 'min-replicas')), 'min-replicas back');
  await s.edit(valuesUri, 4, { start: { line: minLine, character: 0 }, end: { line: minLine, character: 0 } }, '  # scalelint-disable-next-line min-replicas\n');
  await s.waitForDiagnostics(valuesUri, (p) => p.version === 4 && !p.diagnostics.some((d) => d.code === 'min-replicas' && d.range.start.line === minLine + 1), 'min-replicas suppressed');

  // A template with an unclosed action: one `render` error on the template, and the server keeps going.
  const hpaPath = join(folder, 'mychart', 'templates', 'hpa.yaml');
  const hpa = readFileSync(hpaPath, 'utf8');
  await s.open(hpaUri, hpa);
  await s.edit(hpaUri, 2, { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, '{{ if .Values.broken \n');
  const broken = await s.waitForDiagnostics(hpaUri, (p) => p.version === 2 && p.diagnostics.some((d) => d.code === 'render' && d.severity === 1), 'a render error on the template');
  assert.ok(!broken.diagnostics.some((d) => d.code === 'yaml-syntax'));

  // "Show rendered manifest": the chart's render, the gated HPA under a header naming its gate.
  await s.edit(hpaUri, 3, { start: { line: 0, character: 0 }, end: { line: 1, character: 0 } }, '');
  await s.waitForDiagnostics(hpaUri, (p) => p.version === 3 && !p.diagnostics.some((d) => d.code === 'render'), 'the render error gone');

  // The template's lens: the rendered HPA's timing on the line that writes it; it opens the calculator on that
  // line (the panel asks the server for the rendered target there: capacity.test.ts).
  const lenses = (await s.connection.sendRequest(CodeLensRequest.type, { textDocument: { uri: hpaUri } })) ?? [];
  const hpaLine = lineOf(hpa, /^apiVersion: autoscaling\/v2/);
  assert.equal(lenses.length, 1, JSON.stringify(lenses));
  assert.equal(lenses[0]!.range.start.line, hpaLine);
  assert.match(lenses[0]!.command!.title, /^\d+ → \d+ .* \(rendered, when autoscaling\.enabled is true\)$/);
  assert.equal(lenses[0]!.command!.command, 'scalelint.openCalculator');
  assert.deepEqual(lenses[0]!.command!.arguments, [{ uri: hpaUri, range: { start: { line: hpaLine, character: 0 }, end: { line: hpaLine, character: 0 } } }]);
  const manifest = (await s.connection.sendRequest(RENDERED_MANIFEST_REQUEST, { uri: valuesUri })) as RenderedManifestResult | null;
  assert.ok(manifest);
  assert.equal(manifest.title, 'chart mychart');
  assert.match(manifest.text, /# Source: mychart\/templates\/deployment\.yaml\n/);
  assert.match(manifest.text, /# Source: mychart\/templates\/hpa\.yaml\n# Gated: rendered with autoscaling\.enabled=true/);
  assert.match(manifest.text, /kind: HorizontalPodAutoscaler/);
  const plain = (await s.connection.sendRequest(RENDERED_MANIFEST_REQUEST, { uri: fileUri(join(folder, 'elsewhere.yaml')) })) as RenderedManifestResult | null;
  assert.equal(plain, null);
  assert.equal(await s.shutdown(), 0);
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

test('a kustomize overlay: the patch line gets min-replicas with a fix on the patch, a strategic-merge patch gets no schema errors, edits rebuild', async () => {
  const folder = join(root, 'kustomize');
  write(folder, {
    'base/kustomization.yaml': 'resources:\n  - deployment.yaml\n  - hpa.yaml\n',
    'base/deployment.yaml': DEPLOYMENT,
    'base/hpa.yaml': 'apiVersion: autoscaling/v2\nkind: HorizontalPodAutoscaler\nmetadata:\n  name: web\nspec:\n  scaleTargetRef:\n    apiVersion: apps/v1\n    kind: Deployment\n    name: web\n  minReplicas: 2\n  maxReplicas: 10\n',
    'overlays/prod/kustomization.yaml': 'resources:\n  - ../../base\nnamePrefix: prod-\npatches:\n  - path: hpa-patch.yaml\n  - path: deployment-patch.yaml\n',
    'overlays/prod/hpa-patch.yaml': '# prod scales down to one at night\napiVersion: autoscaling/v2\nkind: HorizontalPodAutoscaler\nmetadata:\n  name: web\nspec:\n  minReplicas: 1\n',
    // A strategic-merge patch: no selector, no containers (the base has them).
    'overlays/prod/deployment-patch.yaml': 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  template:\n    spec:\n      terminationGracePeriodSeconds: 45\n',
  });
  const s = await start(folder, true);
  const patchUri = fileUri(join(folder, 'overlays/prod/hpa-patch.yaml'));
  const deploymentPatchUri = fileUri(join(folder, 'overlays/prod/deployment-patch.yaml'));
  const patch = readFileSync(join(folder, 'overlays/prod/hpa-patch.yaml'), 'utf8');
  const deploymentPatch = readFileSync(join(folder, 'overlays/prod/deployment-patch.yaml'), 'utf8');

  // Not open: pushed, even though the client pulls (it pulls open documents only).
  const pushed = await s.waitForDiagnostics(patchUri, has(6, 'min-replicas'), 'min-replicas on the patch line', 15000);
  assert.equal(pushed.diagnostics.find(on(6, 'min-replicas'))!.message, 'minReplicas is 1; the HA floor is 2. (set by overlays/prod)');

  // Changed on disk (not open): rebuilt, and the file's diagnostics are cleared; back again when it returns.
  const patchPath = join(folder, 'overlays/prod/hpa-patch.yaml');
  writeFileSync(patchPath, patch.replace('minReplicas: 1', 'minReplicas: 2'));
  await s.filesChanged([{ uri: patchUri, type: 2 }]);
  await s.waitForDiagnostics(patchUri, (p) => p.diagnostics.length === 0, 'the patch cleared');
  writeFileSync(patchPath, patch);
  await s.filesChanged([{ uri: patchUri, type: 2 }]);
  await s.waitForDiagnostics(patchUri, has(6, 'min-replicas'), 'min-replicas back on the patch');

  await s.open(patchUri, patch);
  await s.open(deploymentPatchUri, deploymentPatch);
  const report = await s.pull(patchUri);
  assert.equal(report.kind, 'full');
  const items = (report as { items: Diagnostic[] }).items;
  const d = items.find(on(6, 'min-replicas'));
  assert.ok(d, JSON.stringify(items));
  assert.deepEqual(d.range, { start: { line: 6, character: 15 }, end: { line: 6, character: 16 } });
  const actions = await s.codeActions(patchUri, d.range, [d]);
  const edit = actions.find((a) => a.isPreferred)!.edit!.documentChanges![0] as TextDocumentEdit;
  assert.equal(edit.textDocument.uri, patchUri);
  assert.deepEqual(edit.edits.map((e) => [e.range.start.line, e.range.start.character, e.newText]), [[6, 15, '2']]);

  const partial = (await s.pull(deploymentPatchUri)) as { items: Diagnostic[] };
  assert.ok(!partial.items.some((x) => x.code === 'schema'), JSON.stringify(partial.items));

  // The patch now sets 3: rebuilt, the finding goes.
  await s.edit(patchUri, 2, { start: { line: 6, character: 15 }, end: { line: 6, character: 16 } }, '3');
  const after = (await s.pull(patchUri)) as { items: Diagnostic[] };
  assert.ok(!after.items.some((x) => x.code === 'min-replicas'), JSON.stringify(after.items));

  const manifest = (await s.connection.sendRequest(RENDERED_MANIFEST_REQUEST, { uri: patchUri })) as RenderedManifestResult | null;
  assert.ok(manifest);
  assert.equal(manifest.title, 'kustomization overlays/prod');
  assert.match(manifest.text, /name: prod-web/);
  assert.match(manifest.text, /minReplicas: 3/);
  assert.equal(await s.shutdown(), 0);
});

test('bad charts and kustomizations give `render` findings, never a crash: broken YAML, recursion, a cycle, garbage', async () => {
  const folder = join(root, 'bad');
  write(folder, {
    'loop/Chart.yaml': 'apiVersion: v2\nname: loop\nversion: 0.1.0\n',
    'loop/values.yaml': 'a: [1, 2\n', // not YAML
    'loop/templates/_helpers.tpl': '{{- define "me" -}}{{ include "me" . }}{{- end -}}\n',
    'loop/templates/hpa.yaml': 'kind: HorizontalPodAutoscaler\nname: {{ include "me" . }}\n',
    'garbage/Chart.yaml': '\u0000\u0001{{{{ ::: \n',
    'garbage/templates/x.yaml': '{{ range $i := until 100000000 }}{{ $i }}\n{{ end }}\n',
    'cycle/kustomization.yaml': 'resources:\n  - ../cycle2\n',
    'cycle2/kustomization.yaml': 'resources:\n  - ../cycle\n',
    'self/kustomization.yaml': 'resources:\n  - .\npatches:\n  - path: missing.yaml\n',
  });
  const s = await start(folder);
  const hpaUri = fileUri(join(folder, 'loop/templates/hpa.yaml'));
  const valuesUri = fileUri(join(folder, 'loop/values.yaml'));
  const renderOn = (uri: string) => s.waitForDiagnostics(uri, (p) => p.diagnostics.some((d) => d.code === 'render'), `a render finding on ${uri}`, 15000);
  await Promise.any([renderOn(hpaUri), renderOn(valuesUri), renderOn(fileUri(join(folder, 'loop/templates/_helpers.tpl')))]);
  await renderOn(fileUri(join(folder, 'self/kustomization.yaml')));
  // Typing garbage into an open template: still answers, still a render finding.
  await s.open(hpaUri, readFileSync(join(folder, 'loop/templates/hpa.yaml'), 'utf8'));
  for (let v = 2; v < 8; v++) await s.edit(hpaUri, v, { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, '{{ ');
  await s.waitForDiagnostics(hpaUri, (p) => p.version === 7 && p.diagnostics.some((d) => d.code === 'render'), 'a render finding after the edits');
  const manifest = (await s.connection.sendRequest(RENDERED_MANIFEST_REQUEST, { uri: hpaUri })) as RenderedManifestResult | null;
  assert.ok(manifest && /# Error/.test(manifest.text), manifest?.text);
  assert.ok(!/uncaught|unhandled/i.test(s.logs.join('\n') + s.stderr), s.logs.join('\n'));
  assert.equal(await s.shutdown(), 0);
});

/**
 * Code lenses over LSP: the BUILT server (`node esbuild.mjs` first) over stdio.
 * Run: node --import tsx --test test/lsp/code-lens.test.ts
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CodeLensRequest, type CodeLens } from 'vscode-languageserver-protocol/node';
import { fileUri, LspHarness } from './harness';

const hpa = (name: string, body: string) => `apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata:
  name: ${name}
spec:
  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: ${name}}
${body}`;

const FILE = [
  `# the web tier\n${hpa('defaults', '  minReplicas: 2\n  maxReplicas: 20\n  behavior: {}\n')}`,
  hpa('legacy', '  minReplicas: 2\n  maxReplicas: 20\n'),
  hpa('slow', '  minReplicas: 2\n  maxReplicas: 20\n  behavior:\n    scaleUp:\n      policies:\n        - {type: Pods, value: 1, periodSeconds: 60}\n'),
  hpa('fixed', '  minReplicas: 3\n  maxReplicas: 3\n'),
  hpa('unbounded', '  minReplicas: 2\n'),
  `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      containers: [{name: web, image: nginx}]
`,
  `apiVersion: keda.sh/v1alpha1
kind: ScaledObject
metadata:
  name: worker
spec:
  scaleTargetRef: {name: worker}
  minReplicaCount: 0
  maxReplicaCount: 10
  triggers:
    - type: cpu
      metricType: Utilization
      metadata: {value: "60"}
`,
].join('---\n');

function lineOf(text: string, needle: string, from = 0): number {
  const at = text.indexOf(needle, from);
  assert.ok(at >= 0, `${needle} not in the text`);
  return text.slice(0, at).split('\n').length - 1;
}

describe('code lenses', () => {
  let dir: string;
  let lsp: LspHarness;
  const uri = () => fileUri(join(dir, 'scaling.yaml'));
  const lenses = (u: string) => lsp.connection.sendRequest(CodeLensRequest.type, { textDocument: { uri: u } }) as Promise<CodeLens[] | null>;

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'scalelint-lens-'));
    lsp = await LspHarness.start({ folder: dir });
    await lsp.open(uri(), FILE);
  });

  after(() => {
    lsp?.kill();
    rmSync(dir, { recursive: true, force: true });
  });

  test('declares the code lens provider', () => {
    assert.deepEqual(lsp.initializeResult!.capabilities.codeLensProvider, { resolveProvider: false });
  });

  test('one lens above each HPA and ScaledObject, with the simulated timing', async () => {
    const got = (await lenses(uri())) ?? [];
    const rows = got.map((l) => `${l.range.start.line}: ${l.command?.title}`);
    assert.deepEqual(rows, [
      `${lineOf(FILE, 'apiVersion')}: 2 → 20 in 30 s · back to 2 in 4 min 45 s`,
      `${lineOf(FILE, 'apiVersion', FILE.indexOf('name: legacy') - 80)}: 2 → 20 in 45 s · back to 2 in 5 min`,
      `${lineOf(FILE, 'apiVersion', FILE.indexOf('name: slow') - 80)}: 2 → 20 in 17 min · back to 2 in 4 min 45 s`,
      `${lineOf(FILE, 'apiVersion', FILE.indexOf('name: fixed') - 80)}: fixed at 3 replicas (minReplicas = maxReplicas)`,
      `${lineOf(FILE, 'apiVersion', FILE.indexOf('name: unbounded') - 80)}: capacity calculator (no timing: maxReplicas is not set to a number)`,
      `${lineOf(FILE, 'apiVersion: keda')}: 1 → 10 in 30 s · back to 1 in 5 min`, // no behavior: the legacy path,
    ]);
  });

  test('the lens runs scalelint.openCalculator on its object', async () => {
    const got = (await lenses(uri())) ?? [];
    const first = got[0];
    assert.equal(first.command?.command, 'scalelint.openCalculator');
    const line = lineOf(FILE, 'apiVersion');
    assert.deepEqual(first.command?.arguments, [{ uri: uri(), range: { start: { line, character: 0 }, end: { line, character: 0 } } }]);
  });

  test('an edit is reflected in the next request', async () => {
    // `maxReplicas: 20` of the first HPA → 12
    const line = lineOf(FILE, 'maxReplicas: 20');
    await lsp.edit(uri(), 2, { start: { line, character: 15 }, end: { line, character: 17 } }, '12');
    const got = (await lenses(uri())) ?? [];
    assert.equal(got[0].command?.title, '2 → 12 in 15 s · back to 2 in 4 min 45 s');
    assert.equal(got.length, 6);
  });

  test('no lenses for a file without autoscalers, nor for a Helm template', async () => {
    const plain = fileUri(join(dir, 'plain.yaml'));
    await lsp.open(plain, 'apiVersion: v1\nkind: Service\nmetadata: {name: web}\nspec: {ports: [{port: 80}]}\n');
    assert.deepEqual(await lenses(plain), []);
    const helm = fileUri(join(dir, 'helm.yaml'));
    await lsp.open(helm, 'apiVersion: autoscaling/v2\nkind: HorizontalPodAutoscaler\nspec:\n  maxReplicas: {{ .Values.max }}\n');
    assert.deepEqual(await lenses(helm), []);
  });

  test('a document broken while typing keeps its lens (no jumping lines), saying why there is no timing', async () => {
    const broken = fileUri(join(dir, 'broken.yaml'));
    await lsp.open(broken, 'apiVersion: autoscaling/v2\nkind: HorizontalPodAutoscaler\nspec:\n  maxReplicas: [\n');
    const got = (await lenses(broken)) ?? [];
    assert.deepEqual(
      got.map((l) => `${l.range.start.line}: ${l.command?.title}`),
      ['0: capacity calculator (no timing: maxReplicas is not set to a number)'],
    );
  });

  test('an unknown document gets no lenses, and the server stays up', async () => {
    assert.deepEqual(await lenses(fileUri(join(dir, 'never-opened.yaml'))), []);
    assert.ok((await lenses(uri()))!.length > 0);
  });
});

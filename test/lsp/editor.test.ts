/**
 * Editor features of the BUILT server over stdio: hover, completion, source.fixAll.scalelint,
 * snippet-bearing quick fixes, stale diagnostic data, and deferring to Red Hat's YAML extension.
 * Run: node --import tsx --test test/lsp/editor.test.ts (after `node esbuild.mjs`).
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { NotificationType, type CodeAction, type Diagnostic, type MarkupContent, type TextEdit } from 'vscode-languageserver-protocol/node';
import { fileUri, LspHarness } from './harness';

const DEPLOYMENT = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: 1
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      containers:
        - name: web
          image: nginx
          ports:
            - containerPort: 8080
`;

const HPA = `apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata:
  name: api
spec:
  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: api}
  minReplicas: 2
  maxReplicas: 20
  behavior:
    scaleDown:
      stabilizationWindowSeconds: 300
`;

/** Position of the `nth` occurrence of `needle` in `text`, plus `delta` characters. */
function pos(text: string, needle: string, delta = 0) {
  const doc = TextDocument.create('x', 'yaml', 1, text);
  const at = text.indexOf(needle);
  assert.ok(at >= 0, needle);
  return doc.positionAt(at + delta);
}

function apply(text: string, edits: TextEdit[]): string {
  return TextDocument.applyEdits(TextDocument.create('x', 'yaml', 1, text), edits);
}

function editsOf(action: CodeAction, uri: string): TextEdit[] {
  const edit = action.edit!;
  if (edit.changes) return edit.changes[uri];
  const change = edit.documentChanges![0] as { edits: TextEdit[] };
  return change.edits;
}

const markdown = (h: { contents: unknown } | null) => (h?.contents as MarkupContent | undefined)?.value ?? '';

describe('a client like VS Code’s: snippet fixes and snippet completions', () => {
  let dir: string;
  let lsp: LspHarness;
  const dep = () => fileUri(join(dir, 'web.yaml'));
  const hpa = () => fileUri(join(dir, 'api.yaml'));

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'scalelint-editor-'));
    lsp = await LspHarness.start({ folder: dir, initializationOptions: { snippetFixes: true }, completionSnippets: true });
    await lsp.open(dep(), DEPLOYMENT, 1);
    await lsp.open(hpa(), HPA, 1);
    await lsp.waitForDiagnostics(dep(), (p) => p.version === 1 && p.diagnostics.length > 0, 'the Deployment’s findings');
  });

  after(() => {
    lsp?.kill();
    rmSync(dir, { recursive: true, force: true });
  });

  test('declares hover, completion (space triggers values) and the fix-all kind', () => {
    const caps = lsp.initializeResult!.capabilities;
    assert.equal(caps.hoverProvider, true);
    assert.deepEqual(caps.completionProvider, { triggerCharacters: [' '] });
    assert.deepEqual(caps.codeActionProvider, { codeActionKinds: ['quickfix', 'source.fixAll.scalelint'] });
  });

  test('hover on a finding: its rule’s doc and link, then the field’s description', async () => {
    const h = await lsp.hover(dep(), pos(DEPLOYMENT, 'replicas: 1', 11));
    const md = markdown(h);
    assert.match(md, /^\*\*ScaleLint `min-replicas`\*\*: /);
    assert.match(md, /\[Rule documentation\]\(https:\/\/[^)]+#min-replicas\)/);
    assert.match(md, /\n---\n\n\*\*`spec\.replicas`\*\* · integer/);
    assert.deepEqual(h!.range, { start: { line: 5, character: 12 }, end: { line: 5, character: 13 } });
  });

  test('hover on an HPA’s kind: the simulator’s timing', async () => {
    const md = markdown(await lsp.hover(hpa(), pos(HPA, 'HorizontalPodAutoscaler', 2)));
    assert.match(md, /^\*\*Simulated scaling\*\* \(HPA controller model, 15 s sync\): 2 → 20 in 30 s · back to 2 in 4 min 45 s/);
    assert.equal(await lsp.hover(hpa(), { line: 4, character: 5 }).then((x) => markdown(x).includes('Simulated')), false, 'not on spec');
    assert.equal(await lsp.hover(hpa(), { line: 40, character: 0 }), null, 'past the end');
  });

  test('completion on a half-typed line, as snippets with their ranges', async () => {
    const typed = HPA.replace('  minReplicas: 2\n', '  minReplicas: 2\n  beh\n').replace('      stabilizationWindowSeconds: 300\n', '      stabilizationWindowSeconds: 300\n      selectPolicy: \n');
    await lsp.change(hpa(), 2, [{ text: typed }]);
    const keys = await lsp.completion(hpa(), pos(typed, '  beh\n', 5));
    const behavior = keys.find((k) => k.label === 'behavior');
    assert.ok(!behavior, 'behavior is already in the mapping');
    const metrics = keys.find((k) => k.label === 'metrics')!;
    assert.equal(metrics.insertTextFormat, 2);
    assert.equal(metrics.insertTextMode, 1);
    assert.deepEqual(metrics.textEdit, { range: { start: { line: 7, character: 2 }, end: { line: 7, character: 5 } }, newText: 'metrics:\n    - $0' });
    assert.match((metrics.documentation as MarkupContent).value, /^\*\*`spec\.metrics`\*\* · array of object/);
    const space = { triggerKind: 2, triggerCharacter: ' ' } as const;
    const values = await lsp.completion(hpa(), pos(typed, 'selectPolicy: ', 14), space);
    assert.deepEqual(values.map((v) => [v.label, v.kind]), [['Max', 20], ['Min', 20], ['Disabled', 20]]);
    // A space typed to indent a line triggers nothing; asked for (Ctrl+Space) there, keys come.
    assert.deepEqual(await lsp.completion(hpa(), pos(typed, '  beh\n', 1), space), []);
    assert.ok((await lsp.completion(hpa(), pos(typed, '  beh\n', 1), { triggerKind: 1 })).some((k) => k.label === 'metrics'));
    await lsp.change(hpa(), 3, [{ text: HPA }]);
  });

  test('a fix with placeholders: plain edit, and the snippet in the action’s data', async () => {
    const p = lsp.latest(dep())!;
    const d = p.diagnostics.find((x) => x.code === 'container-resources')!;
    const actions = await lsp.codeActions(dep(), d.range, [d]);
    const fix = actions.find((a) => a.title.startsWith('Add requests.cpu and requests.memory'))!;
    assert.equal(fix.isPreferred, true);
    const plain = apply(DEPLOYMENT, editsOf(fix, dep()));
    assert.match(plain, /            - containerPort: 8080\n          resources:\n            requests:\n              cpu: 100m\n              memory: 128Mi\n$/);
    const data = fix.data as { scalelintSnippet: { uri: string; version: number; edits: TextEdit[] } };
    assert.equal(data.scalelintSnippet.uri, dep());
    assert.equal(data.scalelintSnippet.version, 1);
    assert.match(data.scalelintSnippet.edits[0].newText, /cpu: \$\{1:100m\}\n\s+memory: \$\{2:128Mi\}$/);
    // A fix without placeholders carries no snippet.
    const replicas = p.diagnostics.find((x) => x.code === 'min-replicas')!;
    const set = (await lsp.codeActions(dep(), replicas.range, [replicas]))[0];
    assert.equal(set.title, 'Set replicas to 2');
    assert.equal(set.data, undefined);
  });

  test('source.fixAll.scalelint applies every safe fix, and only those', async () => {
    const all = await lsp.codeActions(dep(), { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, [], ['source.fixAll.scalelint']);
    assert.deepEqual(all.map((a) => [a.title, a.kind]), [['Fix all auto-fixable ScaleLint problems', 'source.fixAll.scalelint']]);
    assert.equal(apply(DEPLOYMENT, editsOf(all[0], dep())), DEPLOYMENT.replace('replicas: 1', 'replicas: 2'));
    // The lint set is left as the document is: its diagnostics still hold.
    const d = lsp.latest(dep())!.diagnostics.find((x) => x.code === 'min-replicas')!;
    assert.equal((await lsp.codeActions(dep(), d.range, [d]))[0].title, 'Set replicas to 2');
    // As editor.codeActionsOnSave asks for it; not in the light bulb.
    assert.equal((await lsp.codeActions(dep(), d.range, [d], ['source.fixAll'])).length, 1);
    assert.ok((await lsp.codeActions(dep(), d.range, [d])).every((a) => a.kind === 'quickfix'));
    // Nothing to fix: no action.
    assert.deepEqual(await lsp.codeActions(hpa(), { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, [], ['source.fixAll']), []);
  });

  test('diagnostics without data or with stale data get their fixes from a fresh lint', async () => {
    const d = lsp.latest(dep())!.diagnostics.find((x) => x.code === 'min-replicas')!;
    const bare: Diagnostic = { range: d.range, message: d.message, source: 'scalelint', code: 'min-replicas' };
    assert.deepEqual((await lsp.codeActions(dep(), d.range, [bare])).map((a) => [a.title, !!a.isPreferred]), [
      ['Set replicas to 2', true],
      ['Disable min-replicas for this line', false],
    ]);
    const stale: Diagnostic = { ...d, data: { version: 0, fixes: [{ title: 'Old fix', safe: true, edits: [] }] } };
    assert.deepEqual((await lsp.codeActions(dep(), d.range, [stale])).map((a) => a.title), ['Set replicas to 2', 'Disable min-replicas for this line']);
  });
});

describe('a plain LSP client, beside Red Hat’s YAML extension', () => {
  let dir: string;
  let lsp: LspHarness;
  const uri = () => fileUri(join(dir, 'hpa.yaml'));
  const TEXT = `${HPA.replace('minReplicas: 2', 'minReplica: 2').replace('maxReplicas: 20', 'maxReplicas: "20"')}---
apiVersion: keda.sh/v1alpha1
kind: ScaledObject
metadata:
  name: worker
spec:
  scaleTargetRef: {name: worker}
  minReplicaCount: "2"
  maxReplicaCount: 10
  triggers:
    - type: cpu
      metricType: Utilization
      metadata: {value: "70"}
`;
  const schemaMessages = () => (lsp.latest(uri())?.diagnostics ?? []).filter((d) => d.code === 'schema').map((d) => d.message.split(';')[0]);

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'scalelint-editor-'));
    lsp = await LspHarness.start({ folder: dir, initializationOptions: { deferBuiltInKubernetes: true } });
    await lsp.open(uri(), TEXT, 1);
  });

  after(() => {
    lsp?.kill();
    rmSync(dir, { recursive: true, force: true });
  });

  test('built-in kinds keep only unknown fields; KEDA keeps every schema problem', async () => {
    await lsp.waitForDiagnostics(uri(), (p) => p.version === 1 && p.diagnostics.length > 0, 'findings');
    assert.deepEqual(schemaMessages(), ['Unknown field `spec.minReplica` in HorizontalPodAutoscaler', '`spec.minReplicaCount` must be an integer']);
  });

  test('the client switching deferral off brings the other schema problems back', async () => {
    await lsp.connection.sendNotification(new NotificationType<{ defer: boolean }>('scalelint/deferBuiltInKubernetes'), { defer: false });
    await lsp.waitFor(() => schemaMessages().length === 3 || undefined, 'three schema findings');
    assert.deepEqual(schemaMessages(), ['Unknown field `spec.minReplica` in HorizontalPodAutoscaler', '`spec.maxReplicas` must be an integer', '`spec.minReplicaCount` must be an integer']);
    await lsp.connection.sendNotification(new NotificationType<{ defer: boolean }>('scalelint/deferBuiltInKubernetes'), { defer: true });
    await lsp.waitFor(() => schemaMessages().length === 2 || undefined, 'two schema findings again');
  });

  test('no snippet data on fixes, plain completion text; field hover and completion left to Red Hat for built-in kinds', async () => {
    const d = lsp.latest(uri())!.diagnostics.find((x) => x.code === 'schema')!;
    const actions = await lsp.codeActions(uri(), d.range, [d]);
    assert.equal(actions[0].title, 'Rename `minReplica` to `minReplicas`');
    assert.ok(actions.every((a) => a.data === undefined));
    assert.deepEqual(await lsp.completion(uri(), pos(TEXT, '  minReplica', 2)), []);
    const keda = await lsp.completion(uri(), pos(TEXT, '  maxReplicaCount', 2));
    const polling = keda.find((k) => k.label === 'pollingInterval')!;
    assert.equal(polling.insertTextFormat, 1);
    assert.equal((polling.textEdit as TextEdit).newText, 'pollingInterval', 'on an existing key: the name only, its colon stays');
    const hover = markdown(await lsp.hover(uri(), pos(TEXT, 'maxReplicas', 2)));
    assert.equal(hover, '', 'no field description from us');
    assert.match(markdown(await lsp.hover(uri(), pos(TEXT, 'HorizontalPodAutoscaler', 2))), /^\*\*Simulated scaling\*\*/);
  });

  test('shutdown and exit end the process with code 0', async () => {
    assert.equal(await lsp.shutdown(), 0);
  });
});

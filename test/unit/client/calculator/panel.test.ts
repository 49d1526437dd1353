/**
 * The calculator panel's host side (client/src/calculator) against a recorded fake of the `vscode` API:
 * the command, the webview's options and page, the target it sends, the checks on what the webview
 * sends, and "Apply to manifest" as one WorkspaceEdit. The real-VS Code suite runs the same code in
 * the editor. Run: node --import tsx --test test/unit/client/calculator/panel.test.ts
 */
import { before, beforeEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { build } from 'esbuild';
import * as vscode from '../../../helpers/fake-vscode';

const ROOT = join(__dirname, '..', '..', '..', '..');
const { fake } = vscode;

const HPA = `apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata:
  name: web
spec:
  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: web}
  minReplicas: 2 # floor
  maxReplicas: 20
`;

type Calculator = { registerCalculator(context: unknown, output: unknown, request?: (method: string, params: unknown) => Promise<unknown> | undefined): void; OPEN_CALCULATOR_COMMAND: string };
let calculator: Calculator;
const log: string[] = [];
const subscriptions: { dispose(): unknown }[] = [];

/** Bundles the host code as the extension does, with `vscode` answered by the fake. */
async function load(): Promise<Calculator> {
  const out = await build({ entryPoints: [join(ROOT, 'client/src/calculator/index.ts')], bundle: true, platform: 'node', format: 'cjs', write: false, external: ['vscode'], logLevel: 'silent' });
  const module = { exports: {} as Calculator };
  const req = (id: string) => (id === 'vscode' ? vscode : require(id));
  new Function('require', 'module', 'exports', out.outputFiles[0].text)(req, module, module.exports);
  return module.exports;
}

function panel(): vscode.FakeWebviewPanel {
  const p = fake.panels.at(-1);
  assert.ok(p, 'a panel was created');
  return p;
}

const open = (args?: unknown) => fake.commands.get('scalelint.openCalculator')!(args) as Promise<void>;
const lensArgs = (uri: string, line: number) => ({ uri, range: { start: { line, character: 0 }, end: { line, character: 0 } } });

describe('calculator panel host', () => {
  before(async () => {
    calculator = await load();
    calculator.registerCalculator({ subscriptions, extensionUri: vscode.Uri.file('/ext') }, { appendLine: (m: string) => log.push(m) });
  });

  beforeEach(() => {
    for (const p of fake.panels) p.dispose();
    fake.documents.clear();
    fake.applied.length = 0;
    fake.applyResult = true;
    log.length = 0;
    vscode.window.activeTextEditor = undefined;
  });

  test('registers scalelint.openCalculator', () => {
    assert.equal(calculator.OPEN_CALCULATOR_COMMAND, 'scalelint.openCalculator');
    assert.ok(fake.commands.has('scalelint.openCalculator'));
  });

  test('the code lens opens the panel on its HPA: scripts on, only client/out readable, the page with a nonce CSP', async () => {
    const doc = fake.addDocument('/w/hpa.yaml', HPA);
    await open(lensArgs(doc.uri.toString(), 0));
    const p = panel();
    assert.equal(p.viewType, 'scalelint.calculator');
    assert.equal(p.title, 'Capacity Calculator');
    assert.equal(p.options.enableScripts, true);
    assert.deepEqual(p.options.localResourceRoots?.map((u) => u.toString()), ['file:///ext/client/out']);
    assert.match(p.webview.html, /script-src 'nonce-([A-Za-z0-9]{32})'/);
    assert.match(p.webview.html, /<script nonce="[A-Za-z0-9]{32}" src="https:\/\/fake\.vscode-resource\.test\/ext\/client\/out\/calculator\.js">/);
    // Nothing is sent before the page says it is ready.
    assert.deepEqual(p.posted, []);
    await p.receive({ type: 'ready' });
    const sent = p.posted.at(-1) as unknown as { type: string; target: { kind: string; name: string; location: string; current: unknown; manifest: { spec: { maxReplicas: number } } } };
    assert.equal(sent.type, 'target');
    assert.deepEqual([sent.target.kind, sent.target.name, sent.target.location, sent.target.current], ['HorizontalPodAutoscaler', 'web', 'hpa.yaml, line 1', { min: 2, max: 20 }]);
    assert.equal(sent.target.manifest.spec.maxReplicas, 20);
  });

  test('Apply writes the values as one WorkspaceEdit, keeping the comment; a second Apply changes nothing', async () => {
    const doc = fake.addDocument('/w/hpa.yaml', HPA);
    await open(lensArgs(doc.uri.toString(), 3));
    const p = panel();
    await p.receive({ type: 'ready' });
    await p.receive({ type: 'apply', values: { min: 5, desired: 10, max: 32 } });
    assert.equal(fake.applied.length, 1);
    assert.equal(doc.text, HPA.replace('minReplicas: 2 # floor', 'minReplicas: 5 # floor').replace('maxReplicas: 20', 'maxReplicas: 32'));
    const reply = p.posted.at(-1) as { type: string; ok: boolean; message: string };
    assert.deepEqual([reply.type, reply.ok], ['applied', true]);
    assert.match(reply.message, /^Written: HorizontalPodAutoscaler web: minReplicas 5, maxReplicas 32 \(an HPA has no desired count/);
    await p.receive({ type: 'apply', values: { min: 5, desired: 10, max: 32 } });
    assert.equal(fake.applied.length, 1);
    assert.deepEqual(p.posted.at(-1), { type: 'applied', ok: true, message: 'web already has these values.' });
  });

  test('the object is found again by name after lines are added above it', async () => {
    const doc = fake.addDocument('/w/two.yaml', `${HPA}---\n${HPA.replace(/web/g, 'api')}`);
    await open(lensArgs(doc.uri.toString(), 10));
    const p = panel();
    await p.receive({ type: 'ready' });
    assert.equal((p.posted.at(-1) as { target: { name: string } }).target.name, 'api');
    doc.text = `# a comment\n# another\n${doc.text}`;
    await p.receive({ type: 'apply', values: { min: 3, desired: 3, max: 9 } });
    assert.match(doc.text, /name: api[\s\S]*minReplicas: 3 # floor\n {2}maxReplicas: 9\n$/);
    assert.match(doc.text, /name: web\n[\s\S]*minReplicas: 2 # floor\n {2}maxReplicas: 20\n---/);
  });

  test('messages that fail the checks are logged and ignored: nothing is written', async () => {
    const doc = fake.addDocument('/w/hpa.yaml', HPA);
    await open(lensArgs(doc.uri.toString(), 0));
    const p = panel();
    await p.receive({ type: 'ready' });
    const before = p.posted.length;
    await p.receive({ type: 'apply', values: { min: '5', desired: 10, max: 32 } });
    await p.receive({ type: 'apply', values: { min: 40, desired: 40, max: 32 } });
    await p.receive({ type: 'openFile', path: '/etc/passwd' });
    await p.receive('apply');
    assert.equal(fake.applied.length, 0);
    assert.equal(doc.text, HPA);
    assert.equal(p.posted.length, before);
    assert.equal(log.length, 4);
    assert.match(log[0], /^ScaleLint calculator: ignored a message from the webview: "apply" message: values.min must be a whole number/);
  });

  test('an edit refused by the engine or by VS Code is reported, not thrown', async () => {
    const doc = fake.addDocument('/w/hpa.yaml', HPA);
    await open(lensArgs(doc.uri.toString(), 0));
    const p = panel();
    await p.receive({ type: 'ready' });
    await p.receive({ type: 'apply', values: { min: 0, desired: 0, max: 3 } });
    assert.deepEqual(p.posted.at(-1), { type: 'applied', ok: false, message: 'minReplicas must be at least 1 for an HPA (0 needs the HPAScaleToZero feature gate).' });
    fake.applyResult = false;
    await p.receive({ type: 'apply', values: { min: 3, desired: 3, max: 4 } });
    assert.match((p.posted.at(-1) as { message: string }).message, /^VS Code did not apply the edit/);
    doc.text = 'apiVersion: v1\nkind: Service\nmetadata: {name: web}\n';
    await p.receive({ type: 'apply', values: { min: 3, desired: 3, max: 4 } });
    assert.deepEqual(p.posted.at(-1), { type: 'applied', ok: false, message: 'HorizontalPodAutoscaler web is no longer in hpa.yaml.' });
  });

  test('from the palette: the cursor of the active editor; nothing there, the page says why; Use the cursor retargets', async () => {
    await open();
    const p = panel();
    await p.receive({ type: 'ready' });
    assert.deepEqual(p.posted.at(-1), {
      type: 'target',
      target: null,
      reason: 'No manifest: put the cursor in an HPA, ScaledObject or Auto Scaling group and choose “Use the cursor’s manifest”, or click the code lens above one.',
    });
    const svc = fake.addDocument('/w/svc.yaml', 'apiVersion: v1\nkind: Service\nmetadata: {name: web}\n');
    vscode.window.activeTextEditor = { document: svc, selection: { active: new vscode.Position(1, 0) } };
    await p.receive({ type: 'useCursor' });
    await new Promise((r) => setImmediate(r));
    assert.deepEqual(p.posted.at(-1), { type: 'target', target: null, reason: 'No HPA, ScaledObject or Auto Scaling group at line 2 of svc.yaml: the numbers are yours to copy.' });
    const doc = fake.addDocument('/w/hpa.yaml', HPA);
    vscode.window.activeTextEditor = { document: doc, selection: { active: new vscode.Position(6, 4) } };
    await p.receive({ type: 'useCursor' });
    await new Promise((r) => setImmediate(r));
    assert.equal((p.posted.at(-1) as { target: { name: string } }).target.name, 'web');
    // Opening again reveals the same panel.
    await open();
    assert.equal(fake.panels.filter((x) => !x.disposed).length, 1);
    assert.equal(p.revealed.length, 1);
  });

  test('bad command arguments are logged and the cursor is used instead', async () => {
    await open({ uri: 42 });
    assert.match(log[0], /^ScaleLint calculator: ignored the command's arguments: uri must be a non-empty string/);
    await open(lensArgs('file:///w/missing.yaml', 0));
    assert.match(log[1], /^ScaleLint calculator: cannot open file:\/\/\/w\/missing\.yaml/);
  });

  test('Show in editor reveals the object', async () => {
    const doc = fake.addDocument('/w/hpa.yaml', `# top\n${HPA}`);
    await open(lensArgs(doc.uri.toString(), 1));
    const p = panel();
    await p.receive({ type: 'ready' });
    await p.receive({ type: 'reveal' });
    const shown = fake.shown.at(-1) as { document: vscode.FakeDocument; options: { selection: vscode.Range } };
    assert.equal(shown.document, doc);
    assert.equal(shown.options.selection.start.line, 1);
  });
});

/** The language server as the panel sees it: answers scripted per request, every request recorded. */
const server = {
  requests: [] as { method: string; params: unknown }[],
  answer: (_method: string, _params: unknown): unknown => null,
  running: true,
};

const VALUES = 'replicaCount: 1\nautoscaling:\n  enabled: false\n  minReplicas: 1\n  maxReplicas: 100\n';
const PIN = { uri: 'file:///c/mychart/values.yaml', render: 'mychart/templates/hpa.yaml', gate: 'autoscaling.enabled', kind: 'HorizontalPodAutoscaler', name: 'release-name-mychart' };
const SERVED = {
  pin: PIN,
  kind: 'HorizontalPodAutoscaler',
  name: 'release-name-mychart',
  location: 'hpa.yaml, line 2 (rendered, when autoscaling.enabled is true)',
  fields: { min: 'minReplicas', max: 'maxReplicas' },
  current: { min: 1, max: 100 },
  manifest: { spec: { minReplicas: 1, maxReplicas: 100 } },
  home: { uri: 'file:///c/mychart/templates/hpa.yaml', range: { start: { line: 1, character: 0 }, end: { line: 1, character: 10 } } },
};
const range = (line: number, from: number, to: number) => ({ start: { line, character: from }, end: { line, character: to } });

describe('calculator panel host with the language server (charts, kustomizations, Terraform, scripts)', () => {
  before(async () => {
    // A bundle of its own, registered with a server: the command now reaches the fake server.
    calculator = await load();
    calculator.registerCalculator({ subscriptions, extensionUri: vscode.Uri.file('/ext') }, { appendLine: (m: string) => log.push(m) }, (method: string, params: unknown) => {
      if (!server.running) return undefined;
      server.requests.push({ method, params });
      return Promise.resolve(server.answer(method, params));
    });
  });

  beforeEach(() => {
    for (const p of fake.panels) p.dispose();
    fake.documents.clear();
    fake.applied.length = 0;
    fake.applyResult = true;
    log.length = 0;
    server.requests.length = 0;
    server.running = true;
    server.answer = () => null;
  });

  test("a values file's rendered HPA: the server's target is shown; Apply writes its edits in values.yaml as one WorkspaceEdit", async () => {
    const values = fake.addDocument('/c/mychart/values.yaml', VALUES);
    server.answer = (method, params) => {
      if (method === 'scalelint/capacityTarget') return { target: { ...SERVED, current: (params as { pin?: unknown }).pin ? { min: 2, max: 32 } : SERVED.current } };
      return { ok: true, message: 'HorizontalPodAutoscaler release-name-mychart: minReplicas 2, maxReplicas 32. In values.yaml.', changes: [{ uri: values.uri.toString(), version: 1, edits: [range(4, 15, 18), range(3, 15, 16)].map((r, i) => ({ range: r, newText: i === 0 ? '32' : '2' })) }] };
    };
    await open(lensArgs(values.uri.toString(), 1));
    assert.deepEqual(server.requests[0], { method: 'scalelint/capacityTarget', params: { uri: values.uri.toString(), position: { line: 1, character: 0 } } });
    const p = panel();
    await p.receive({ type: 'ready' });
    const sent = p.posted.at(-1) as { target: { kind: string; name: string; location: string; fields: unknown; current: unknown } };
    // The pinned target is asked for again by its pin (it lives in the render, not in this file's text).
    assert.deepEqual(server.requests.at(-1), { method: 'scalelint/capacityTarget', params: { pin: PIN } });
    assert.deepEqual([sent.target.kind, sent.target.name, sent.target.location], ['HorizontalPodAutoscaler', 'release-name-mychart', 'hpa.yaml, line 2 (rendered, when autoscaling.enabled is true)']);
    await p.receive({ type: 'apply', values: { min: 2, desired: 5, max: 32 } });
    assert.deepEqual(server.requests.at(-1), { method: 'scalelint/capacityEdits', params: { pin: PIN, values: { min: 2, desired: 5, max: 32 } } });
    assert.equal(fake.applied.length, 1);
    assert.equal(values.text, VALUES.replace('minReplicas: 1', 'minReplicas: 2').replace('maxReplicas: 100', 'maxReplicas: 32'));
    assert.deepEqual(p.posted.at(-1), { type: 'applied', ok: true, message: 'Written: HorizontalPodAutoscaler release-name-mychart: minReplicas 2, maxReplicas 32. In values.yaml. Undo with Ctrl+Z (Cmd+Z) in the editor.' });
  });

  test('edits in two files (the cursor in the template, the values elsewhere) are one WorkspaceEdit; a stale version writes nothing', async () => {
    const template = fake.addDocument('/c/mychart/templates/hpa.yaml', '{{- if .Values.autoscaling.enabled }}\napiVersion: autoscaling/v2\n');
    const values = fake.addDocument('/c/mychart/values.yaml', VALUES);
    const other = fake.addDocument('/c/mychart/values-prod.yaml', 'autoscaling:\n  maxReplicas: 50\n');
    server.answer = (method) =>
      method === 'scalelint/capacityTarget'
        ? { target: SERVED }
        : { ok: true, message: 'done.', changes: [{ uri: values.uri.toString(), version: 1, edits: [{ range: range(3, 15, 16), newText: '2' }] }, { uri: other.uri.toString(), edits: [{ range: range(1, 15, 17), newText: '32' }] }] };
    await open(lensArgs(template.uri.toString(), 1));
    const p = panel();
    await p.receive({ type: 'ready' });
    await p.receive({ type: 'apply', values: { min: 2, desired: 2, max: 32 } });
    assert.equal(fake.applied.length, 1);
    assert.deepEqual(fake.applied[0]!.replacements.map((r) => r.uri.path), ['/c/mychart/values.yaml', '/c/mychart/values-prod.yaml']);
    assert.match(values.text, /minReplicas: 2\n/);
    assert.equal(other.text, 'autoscaling:\n  maxReplicas: 32\n');
    assert.equal(template.text, '{{- if .Values.autoscaling.enabled }}\napiVersion: autoscaling/v2\n');
    assert.match((p.posted.at(-1) as { message: string }).message, /in each file in the editor\.$/);
    // The server computed on version 1; the editor holds version 2 now: refused, nothing written.
    const before = values.text;
    await p.receive({ type: 'apply', values: { min: 3, desired: 3, max: 32 } });
    assert.equal(fake.applied.length, 1);
    assert.equal(values.text, before);
    assert.deepEqual(p.posted.at(-1), { type: 'applied', ok: false, message: 'values.yaml changed while the edit was computed: nothing was written; apply again.' });
  });

  test('a refusal is shown as the server words it; nothing is written', async () => {
    const tf = fake.addDocument('/t/main.tf', 'resource "aws_autoscaling_group" "web" {\n  max_size = var.min * 3\n}\n');
    const message = 'Nothing was written: a value of aws_autoscaling_group.web cannot be carried back from the render — max_size: it has no value written as is in the source.';
    server.answer = (method) => (method === 'scalelint/capacityTarget' ? { target: { ...SERVED, kind: 'AutoScalingGroup', name: 'aws_autoscaling_group.web', fields: { min: 'min_size', desired: 'desired_capacity', max: 'max_size' }, current: {}, manifest: undefined } } : { ok: false, message, byHand: [{ field: 'max_size', reason: '…' }] });
    await open(lensArgs(tf.uri.toString(), 1));
    const p = panel();
    await p.receive({ type: 'ready' });
    assert.equal((p.posted.at(-1) as { target: { fields: { min: string } } }).target.fields.min, 'min_size');
    await p.receive({ type: 'apply', values: { min: 2, desired: 3, max: 9 } });
    assert.deepEqual(p.posted.at(-1), { type: 'applied', ok: false, message });
    assert.equal(fake.applied.length, 0);
  });

  test('a file in no render (null): the panel reads the plain YAML itself, as without a server', async () => {
    const doc = fake.addDocument('/w/hpa.yaml', HPA);
    await open(lensArgs(doc.uri.toString(), 3));
    const p = panel();
    await p.receive({ type: 'ready' });
    assert.equal((p.posted.at(-1) as { target: { location: string } }).target.location, 'hpa.yaml, line 1');
    await p.receive({ type: 'apply', values: { min: 5, desired: 10, max: 32 } });
    assert.equal(doc.text, HPA.replace('minReplicas: 2 # floor', 'minReplicas: 5 # floor').replace('maxReplicas: 20', 'maxReplicas: 32'));
    assert.ok(!server.requests.some((r) => r.method === 'scalelint/capacityEdits'));
  });

  test("a .tf file with nothing rendered from the cursor: the server's reason, no YAML reading of HCL", async () => {
    const tf = fake.addDocument('/t/main.tf', 'locals {\n  a = 1\n}\n');
    server.answer = () => ({ target: null, reason: 'The Terraform module t that main.tf belongs to renders no HPA, ScaledObject, Auto Scaling group or other autoscaler from this file.' });
    await open(lensArgs(tf.uri.toString(), 1));
    const p = panel();
    await p.receive({ type: 'ready' });
    assert.deepEqual(p.posted.at(-1), { type: 'target', target: null, reason: 'The Terraform module t that main.tf belongs to renders no HPA, ScaledObject, Auto Scaling group or other autoscaler from this file.' });
  });

  test('the server stopped: plain YAML still works; a rendered pin says so', async () => {
    server.running = false;
    const doc = fake.addDocument('/w/hpa.yaml', HPA);
    await open(lensArgs(doc.uri.toString(), 3));
    const p = panel();
    await p.receive({ type: 'ready' });
    assert.equal((p.posted.at(-1) as { target: { name: string } }).target.name, 'web');
    server.running = true;
    const values = fake.addDocument('/c/mychart/values.yaml', VALUES);
    server.answer = () => ({ target: SERVED });
    await open(lensArgs(values.uri.toString(), 1));
    server.running = false;
    await p.receive({ type: 'apply', values: { min: 2, desired: 2, max: 3 } });
    assert.deepEqual(p.posted.at(-1), { type: 'applied', ok: false, message: 'The ScaleLint language server is not running: nothing was written.' });
  });

  test('Show in editor goes to where the rendered object is written; a change in any file asks the server again', async () => {
    const values = fake.addDocument('/c/mychart/values.yaml', VALUES);
    const template = fake.addDocument('/c/mychart/templates/hpa.yaml', '{{- if .Values.autoscaling.enabled }}\napiVersion: autoscaling/v2\n');
    server.answer = () => ({ target: SERVED });
    await open(lensArgs(values.uri.toString(), 1));
    const p = panel();
    await p.receive({ type: 'ready' });
    await p.receive({ type: 'reveal' });
    const shown = fake.shown.at(-1) as { document: vscode.FakeDocument; options: { selection: vscode.Range } };
    assert.equal(shown.document, template);
    assert.equal(shown.options.selection.start.line, 1);
    const asked = server.requests.length;
    fake.changeEmitter.fire({ document: fake.addDocument('/c/mychart/templates/_helpers.tpl', '{{/* */}}') });
    await new Promise((r) => setTimeout(r, 300));
    assert.deepEqual(server.requests.slice(asked), [{ method: 'scalelint/capacityTarget', params: { pin: PIN } }]);
  });
});

/**
 * The language server end to end: the BUILT server (`node esbuild.mjs` first) over stdio.
 * Run: node --import tsx --test test/lsp/server.test.ts
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FileChangeType, type Diagnostic, type PublishDiagnosticsParams, type TextDocumentEdit } from 'vscode-languageserver-protocol/node';
import { fileUri, LspHarness } from './harness';

const DEPLOYMENT = (name: string, replicas: number) => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${name}
spec:
  replicas: ${replicas}
  selector:
    matchLabels: {app: ${name}}
  template:
    metadata:
      labels: {app: ${name}}
    spec:
      containers:
        - name: ${name}
          image: nginx
`;

const HPA = (target: string, minReplicas: number) => `apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata:
  name: ${target}
spec:
  scaleTargetRef:
    apiVersion: apps/v1
    kind: Deployment
    name: ${target}
  minReplicas: ${minReplicas}
  maxReplicas: 5
`;

/** `replicas: N` is line 5; its value spans characters 12–13. */
const REPLICAS_VALUE = { start: { line: 5, character: 12 }, end: { line: 5, character: 13 } };
const UNTARGETED = 'replicas is 1 and no autoscaler targets Deployment web; the HA floor is 2.';

const minReplicas = (p: { diagnostics: Diagnostic[] } | undefined) => (p?.diagnostics ?? []).filter((d) => d.code === 'min-replicas');
const hasMinReplicas = (p: PublishDiagnosticsParams) => minReplicas(p).length > 0;
const noMinReplicas = (p: PublishDiagnosticsParams) => minReplicas(p).length === 0;

function tempWorkspace(): string {
  return mkdtempSync(join(tmpdir(), 'scalelint-lsp-'));
}

describe('push diagnostics', () => {
  let dir: string;
  let lsp: LspHarness;
  let dep: string;

  before(async () => {
    dir = tempWorkspace();
    writeFileSync(join(dir, 'web.yaml'), DEPLOYMENT('web', 1));
    dep = fileUri(join(dir, 'web.yaml'));
    lsp = await LspHarness.start({ folder: dir });
  });

  after(() => {
    lsp?.kill();
    rmSync(dir, { recursive: true, force: true });
  });

  test('declares push mode and registers its file watchers', async () => {
    const caps = lsp.initializeResult!.capabilities;
    assert.equal(caps.diagnosticProvider, undefined);
    assert.deepEqual(caps.codeActionProvider, { codeActionKinds: ['quickfix', 'source.fixAll.scalelint'] });
    const registration = await lsp.waitFor(() => lsp.registrations.find((r) => r.method === 'workspace/didChangeWatchedFiles'), 'the watcher registration');
    const globs = (registration.registerOptions as { watchers: { globPattern: string }[] }).watchers.map((w) => w.globPattern);
    assert.deepEqual(globs, ['**/*.{yaml,yml,tpl,tf,sh,bash,json}', '**/.scalelint.yaml', '**/Kustomization']);
  });

  test('an opened document gets diagnostics for its version, with rule id and link; its fixes come with code actions', async () => {
    await lsp.open(dep, DEPLOYMENT('web', 1), 1);
    const p = await lsp.waitForDiagnostics(dep, (x) => x.version === 1 && hasMinReplicas(x), 'min-replicas on version 1');
    const [d] = minReplicas(p);
    assert.deepEqual(d.range, REPLICAS_VALUE);
    assert.equal(d.message, UNTARGETED);
    assert.equal(d.severity, 2);
    assert.equal(d.source, 'scalelint');
    assert.match(d.codeDescription!.href, /#min-replicas$/);
    // The fixes are not published (a third of a findings-heavy publish): the code action request finds them.
    assert.equal(d.data, undefined);
    const actions = await lsp.codeActions(dep, d.range, [d]);
    const fix = actions.find((a) => a.title === 'Set replicas to 2');
    assert.equal(fix?.isPreferred, true);
    assert.deepEqual(fix?.edit, { documentChanges: [{ textDocument: { uri: dep, version: 1 }, edits: [{ range: REPLICAS_VALUE, newText: '2' }] }] });
  });

  test('edits: each published version has the diagnostics of that version’s text', async () => {
    await lsp.edit(dep, 2, REPLICAS_VALUE, '3');
    const p2 = await lsp.waitForDiagnostics(dep, (x) => x.version === 2, 'version 2');
    assert.deepEqual(minReplicas(p2), []);

    // A burst of edits: whatever versions get published, each matches its own text.
    const expectFinding: Record<number, boolean> = { 3: true, 4: false, 5: true };
    await lsp.edit(dep, 3, REPLICAS_VALUE, '1');
    await lsp.edit(dep, 4, REPLICAS_VALUE, '4');
    await lsp.edit(dep, 5, REPLICAS_VALUE, '1');
    const p5 = await lsp.waitForDiagnostics(dep, (x) => x.version === 5, 'version 5');
    assert.equal(minReplicas(p5)[0]?.message, UNTARGETED);
    for (const p of lsp.published.get(dep)!) {
      if (p.version! >= 3) assert.equal(hasMinReplicas(p), expectFinding[p.version!], `version ${p.version}`);
    }
  });

  test('code actions: the rule’s fix (preferred) and “Disable … for this line”', async () => {
    const p = lsp.latest(dep)!;
    const [d] = minReplicas(p);
    const actions = await lsp.codeActions(dep, d.range, [d]);
    assert.deepEqual(
      actions.map((a) => [a.title, a.kind, !!a.isPreferred]),
      [
        ['Set replicas to 2', 'quickfix', true],
        ['Disable min-replicas for this line', 'quickfix', false],
      ],
    );
    const fix = actions[0].edit!.documentChanges![0] as TextDocumentEdit;
    assert.deepEqual(fix.textDocument, { uri: dep, version: 5 });
    assert.deepEqual(fix.edits, [{ range: REPLICAS_VALUE, newText: '2' }]);
    const disable = actions[1].edit!.documentChanges![0] as TextDocumentEdit;
    const insert = disable.edits[0];
    assert.deepEqual(insert, { range: { start: { line: 5, character: 0 }, end: { line: 5, character: 0 } }, newText: '  # scalelint-disable-next-line min-replicas\n' });

    // Applying it silences the finding; a stale diagnostic (older version) offers no fix any more.
    await lsp.edit(dep, 6, insert.range, insert.newText);
    const p6 = await lsp.waitForDiagnostics(dep, (x) => x.version === 6, 'version 6');
    assert.deepEqual(minReplicas(p6), []);
    const stale = await lsp.codeActions(dep, d.range, [d]);
    assert.deepEqual(stale.map((a) => a.title), ['Disable min-replicas for this line']);

    await lsp.change(dep, 7, [{ text: DEPLOYMENT('web', 1) }]);
    await lsp.waitForDiagnostics(dep, (x) => x.version === 7 && hasMinReplicas(x), 'version 7');
  });

  test('cross-document: an HPA created on disk removes the finding; deleting it brings it back', async () => {
    const path = join(dir, 'hpa.yaml');
    writeFileSync(path, HPA('web', 2));
    await lsp.filesChanged([{ uri: fileUri(path), type: FileChangeType.Created }]);
    const p = await lsp.waitForDiagnostics(dep, noMinReplicas, 'min-replicas gone once an HPA targets web');
    assert.equal(p.version, 7, 're-published for the same, unchanged version');
    // replicas-with-hpa: on the Deployment's `replicas` key, related to the HPA's scaleTargetRef name.
    const [owned] = p.diagnostics.filter((d) => d.code === 'replicas-with-hpa');
    assert.deepEqual(owned.range, { start: { line: 5, character: 2 }, end: { line: 5, character: 10 } });
    assert.match(owned.message, /^replicas is 1, but .*Deployment web: every apply resets the replica count to 1/);
    assert.deepEqual(owned.relatedInformation, [
      { location: { uri: fileUri(path), range: { start: { line: 8, character: 10 }, end: { line: 8, character: 13 } } }, message: 'HorizontalPodAutoscaler web scales Deployment web' },
    ]);

    unlinkSync(path);
    await lsp.filesChanged([{ uri: fileUri(path), type: FileChangeType.Deleted }]);
    const back = await lsp.waitForDiagnostics(dep, hasMinReplicas, 'min-replicas back');
    assert.equal(minReplicas(back)[0].message, UNTARGETED);
    assert.deepEqual(back.diagnostics.filter((d) => d.code === 'replicas-with-hpa'), []);
  });

  test('cross-document: opening an unsaved HPA counts; closing it (not on disk) drops it', async () => {
    const hpa = fileUri(join(dir, 'new-hpa.yaml'));
    await lsp.open(hpa, HPA('web', 1), 1);
    const own = await lsp.waitForDiagnostics(hpa, (x) => x.version === 1, 'the HPA’s own diagnostics');
    assert.deepEqual(
      minReplicas(own).map((d) => [d.message, d.range]),
      [['minReplicas is 1; the HA floor is 2.', { start: { line: 9, character: 15 }, end: { line: 9, character: 16 } }]],
    );
    await lsp.waitForDiagnostics(dep, noMinReplicas, 'min-replicas gone while the HPA is open');

    await lsp.close(hpa);
    await lsp.waitForDiagnostics(hpa, (x) => x.diagnostics.length === 0, 'cleared on close');
    await lsp.waitForDiagnostics(dep, hasMinReplicas, 'min-replicas back after the unsaved HPA closed');
  });

  test('.scalelint.yaml turning the rule off applies on the file event, and removing it restores it', async () => {
    const config = join(dir, '.scalelint.yaml');
    writeFileSync(config, 'rules:\n  min-replicas: off\n');
    await lsp.filesChanged([{ uri: fileUri(config), type: FileChangeType.Created }]);
    await lsp.waitForDiagnostics(dep, noMinReplicas, 'rule off by config');

    unlinkSync(config);
    await lsp.filesChanged([{ uri: fileUri(config), type: FileChangeType.Deleted }]);
    await lsp.waitForDiagnostics(dep, hasMinReplicas, 'rule back without config');
  });

  test('a bad config: diagnostics on the config file at the keys, one warning, good keys still apply', async () => {
    const config = join(dir, '.scalelint.yaml');
    const configUri = fileUri(config);
    writeFileSync(config, 'rules:\n  min-replica: off\nminReplicasFloor: 3\nscaleDownWindowSeconds: soon\n');
    await lsp.filesChanged([{ uri: configUri, type: FileChangeType.Created }]);
    const p = await lsp.waitForDiagnostics(configUri, (x) => x.diagnostics.length > 0, 'config problems');
    const at = (line: number) => p.diagnostics.find((d) => d.range.start.line === line);
    assert.deepEqual(at(1)?.range, { start: { line: 1, character: 2 }, end: { line: 1, character: 13 } });
    assert.equal(at(1)?.message, 'Unknown rule id `min-replica` in `rules`; did you mean `min-replicas`? Using the default.');
    assert.deepEqual(at(3)?.range, { start: { line: 3, character: 0 }, end: { line: 3, character: 22 } });
    assert.match(at(3)!.message, /^`scaleDownWindowSeconds` must be integer/);
    assert.ok(p.diagnostics.every((d) => d.severity === 1 && d.source === 'scalelint'));

    // minReplicasFloor: 3 is valid and applies: linting never stops on a bad key.
    await lsp.waitForDiagnostics(dep, (x) => minReplicas(x)[0]?.message.endsWith('the HA floor is 3.') ?? false, 'floor 3 from the config');
    const warning = await lsp.waitFor(() => lsp.messages.find((m) => m.message.includes('.scalelint.yaml')), 'a warning message');
    assert.equal(warning.type, 2);
    assert.match(warning.message, /min-replica/);

    // The same bad config seen again: diagnostics again, no second message.
    const count = lsp.published.get(configUri)!.length;
    await lsp.filesChanged([{ uri: configUri, type: FileChangeType.Changed }]);
    await lsp.waitFor(() => lsp.published.get(configUri)!.length > count || undefined, 'config diagnostics re-published');
    assert.equal(lsp.messages.filter((m) => m.message.includes('.scalelint.yaml')).length, 1);

    unlinkSync(config);
    await lsp.filesChanged([{ uri: configUri, type: FileChangeType.Deleted }]);
    await lsp.waitForDiagnostics(configUri, (x) => x.diagnostics.length === 0, 'config problems cleared');
    await lsp.waitForDiagnostics(dep, (x) => minReplicas(x)[0]?.message === UNTARGETED, 'floor back to 2');
  });

  test('settings: scalelint.minReplicasFloor and scalelint.enable', async () => {
    await lsp.changeSettings({ minReplicasFloor: 1 });
    await lsp.waitForDiagnostics(dep, noMinReplicas, 'floor 1 from settings');
    await lsp.changeSettings({ enable: false });
    await lsp.waitForDiagnostics(dep, (x) => x.diagnostics.length === 0, 'nothing while disabled');
    await lsp.changeSettings({});
    await lsp.waitForDiagnostics(dep, (x) => minReplicas(x)[0]?.message === UNTARGETED, 'defaults again');
  });

  test('bad YAML gets a yaml-syntax error, not a crash; other requests keep working', async () => {
    const broken = fileUri(join(dir, 'broken.yaml'));
    await lsp.open(broken, 'kind: [Deployment\nspec: {\n', 1);
    const p = await lsp.waitForDiagnostics(broken, (x) => x.version === 1, 'broken.yaml');
    assert.ok(p.diagnostics.length > 0 && p.diagnostics.every((d) => d.code === 'yaml-syntax' && d.severity === 1), JSON.stringify(p.diagnostics));
    assert.deepEqual(await lsp.codeActions(fileUri(join(dir, 'not-open.yaml')), REPLICAS_VALUE, []), []);
    await lsp.close(broken);
  });

  test('shutdown and exit end the process with code 0', async () => {
    assert.equal(await lsp.shutdown(), 0);
  });
});

describe('workspace index', () => {
  let dir: string;
  let lsp: LspHarness;

  before(async () => {
    dir = tempWorkspace();
    writeFileSync(join(dir, 'web.yaml'), DEPLOYMENT('web', 1));
    writeFileSync(join(dir, 'api.yaml'), DEPLOYMENT('api', 1));
    mkdirSync(join(dir, 'deploy', 'hpa'), { recursive: true });
    writeFileSync(join(dir, 'deploy', 'hpa', 'web.yml'), HPA('web', 2));
    // Neither of these may count: node_modules is skipped, ignored/ is in the config's `ignore`.
    mkdirSync(join(dir, 'node_modules', 'chart'), { recursive: true });
    writeFileSync(join(dir, 'node_modules', 'chart', 'api.yaml'), HPA('api', 2));
    mkdirSync(join(dir, 'ignored'));
    writeFileSync(join(dir, 'ignored', 'api.yaml'), HPA('api', 2));
    writeFileSync(join(dir, '.scalelint.yaml'), 'ignore:\n  - ignored/\n');
    lsp = await LspHarness.start({ folder: dir });
  });

  after(() => {
    lsp?.kill();
    rmSync(dir, { recursive: true, force: true });
  });

  test('closed files on disk are in the lint set; skipped and ignored folders are not', async () => {
    const web = fileUri(join(dir, 'web.yaml'));
    const api = fileUri(join(dir, 'api.yaml'));
    await lsp.open(web, DEPLOYMENT('web', 1));
    await lsp.open(api, DEPLOYMENT('api', 1));
    const indexed = await lsp.waitFor(() => lsp.logs.find((l) => l.startsWith('Indexed')), 'the index to finish');
    assert.match(indexed, /^Indexed 3 YAML file\(s\) of workspace/);
    await lsp.waitForDiagnostics(web, noMinReplicas, 'web is targeted by deploy/hpa/web.yml');
    const p = await lsp.waitForDiagnostics(api, (x) => x.version === 1, 'api diagnostics');
    assert.equal(minReplicas(p)[0]?.message, 'replicas is 1 and no autoscaler targets Deployment api; the HA floor is 2.');
  });
});

describe('pull diagnostics', () => {
  let dir: string;
  let lsp: LspHarness;
  let dep: string;

  before(async () => {
    dir = tempWorkspace();
    writeFileSync(join(dir, 'web.yaml'), DEPLOYMENT('web', 1));
    dep = fileUri(join(dir, 'web.yaml'));
    lsp = await LspHarness.start({ folder: dir, pull: true });
  });

  after(() => {
    lsp?.kill();
    rmSync(dir, { recursive: true, force: true });
  });

  test('declares a diagnostic provider with inter-file dependencies', () => {
    assert.deepEqual(lsp.initializeResult!.capabilities.diagnosticProvider, { identifier: 'scalelint', interFileDependencies: true, workspaceDiagnostics: false });
  });

  test('textDocument/diagnostic answers with the findings, then `unchanged` for the same result', async () => {
    await lsp.open(dep, DEPLOYMENT('web', 1), 1);
    const report = await lsp.pull(dep);
    assert.equal(report.kind, 'full');
    if (report.kind !== 'full') return;
    const [d] = minReplicas({ diagnostics: report.items });
    assert.deepEqual(d.range, REPLICAS_VALUE);
    assert.equal(d.message, UNTARGETED);
    assert.equal(d.data, undefined); // as published: the fixes come with code actions
    const again = await lsp.pull(dep, report.resultId);
    assert.deepEqual(again, { kind: 'unchanged', resultId: report.resultId });
  });

  test('an edit is reflected in the next pull', async () => {
    await lsp.edit(dep, 2, REPLICAS_VALUE, '2');
    const report = await lsp.pull(dep, '1');
    assert.equal(report.kind, 'full');
    assert.deepEqual(minReplicas({ diagnostics: report.kind === 'full' ? report.items : [] }), []);
    await lsp.edit(dep, 3, REPLICAS_VALUE, '1');
    const back = await lsp.pull(dep);
    assert.equal(minReplicas({ diagnostics: back.kind === 'full' ? back.items : [] }).length, 1);
  });

  test('a later version whose diagnostics are byte for byte the same answers `unchanged`; one that moves them, the full report', async () => {
    const before = await lsp.pull(dep);
    assert.equal(before.kind, 'full');
    if (before.kind !== 'full') return;
    assert.equal(minReplicas({ diagnostics: before.items }).length, 1);
    // A comment after the last line: no diagnostic's line, column or message changes.
    const lines = DEPLOYMENT('web', 1).split('\n');
    const end = { line: lines.length - 1, character: lines[lines.length - 1].length };
    await lsp.edit(dep, 4, { start: end, end }, '# note\n');
    assert.deepEqual(await lsp.pull(dep, before.resultId), { kind: 'unchanged', resultId: before.resultId });
    // A line above them: every diagnostic moves down one line.
    const top = { line: 0, character: 0 };
    await lsp.edit(dep, 5, { start: top, end: top }, '# top\n');
    const moved = await lsp.pull(dep, before.resultId);
    assert.equal(moved.kind, 'full');
    if (moved.kind !== 'full') return;
    assert.notEqual(moved.resultId, before.resultId);
    assert.deepEqual(minReplicas({ diagnostics: moved.items })[0].range, { start: { line: REPLICAS_VALUE.start.line + 1, character: REPLICAS_VALUE.start.character }, end: { line: REPLICAS_VALUE.end.line + 1, character: REPLICAS_VALUE.end.character } });
    // Back as it was: the text differs from the last full report's version, the diagnostics do not.
    await lsp.edit(dep, 6, { start: top, end: { line: 1, character: 0 } }, '');
    const back = await lsp.pull(dep, moved.resultId);
    assert.equal(back.kind, 'full');
    assert.deepEqual(back.kind === 'full' && back.items, before.items);
  });

  test('a cross-document change asks the client to refresh, and the next pull shows it', async () => {
    const before = lsp.refreshes;
    const path = join(dir, 'hpa.yaml');
    writeFileSync(path, HPA('web', 2));
    await lsp.filesChanged([{ uri: fileUri(path), type: FileChangeType.Created }]);
    await lsp.waitFor(() => lsp.refreshes > before || undefined, 'workspace/diagnostic/refresh');
    const report = await lsp.pull(dep);
    assert.equal(report.kind, 'full');
    assert.deepEqual(minReplicas({ diagnostics: report.kind === 'full' ? report.items : [] }), []);
    assert.equal(lsp.published.get(dep), undefined, 'nothing pushed for a pulled document');
  });

  test('shutdown and exit end the process with code 0', async () => {
    assert.equal(await lsp.shutdown(), 0);
  });
});

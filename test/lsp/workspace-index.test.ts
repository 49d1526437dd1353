/**
 * The background index (server/src/lsp/workspace-index.ts) gives way to editing: while its host reports
 * edits (busyFor > 0) no file enters the lint set; afterwards every file does, and the lint set's
 * findings are those of a lint from scratch of the same files.
 * Run: node --import tsx --test test/lsp/workspace-index.test.ts
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Linter } from '../../server/src/engine';
import { Workspace } from '../../server/src/lsp/workspace';
import { CONFIG_FILE_NAME } from '../../server/src/node/files';
import { EditorActivity, INPUT_GRACE_MS, QUIET_AFTER_EDIT_MS, TYPING_MS, TYPING_REST } from '../../server/src/lsp/editor-activity';
import { WorkspaceIndex } from '../../server/src/lsp/workspace-index';
import { generateManifest } from '../../scripts/bench/generate';
import '../helpers/lint'; // schemas from disk

const tick = () => new Promise<void>((resolve) => setTimeout(resolve, 2));

test('indexing waits while edits are being linted, then indexes every file as a fresh lint would', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'scalelint-index-'));
  try {
    for (let i = 0; i < 40; i++) {
      const sub = join(dir, `team-${i % 4}`);
      mkdirSync(sub, { recursive: true });
      // Every other file shares its names with the others' (targets and selectors across files).
      writeFileSync(join(sub, `app-${i}.yaml`), generateManifest(6, 500 + i, i % 2 ? `a${i}-` : '').text);
    }
    writeFileSync(join(dir, CONFIG_FILE_NAME), 'rules: {}\n');
    const workspace = new Workspace();
    workspace.setFolders([{ uri: pathToFileURL(dir).href, name: 'w', path: dir }]);
    const set = workspace.all()[0];
    let busy = true;
    let asked = 0;
    let changed = 0;
    const index = new WorkspaceIndex({
      workspace,
      isOpen: () => false,
      openKeys: () => [],
      changed: () => changed++,
      log: () => undefined,
      error: (_message, err) => assert.fail(String(err)),
      busyFor: () => {
        asked++;
        return busy ? 1 : 0;
      },
    });
    const done = index.indexSet(set);
    // Nothing is done while the host is busy: not even the folder is listed (its config file is not seen yet).
    while (asked < 20) await tick();
    assert.equal(index.configFiles.size, 0, 'the folder was listed while edits were being linted');
    assert.equal(set.linter.uris().length, 0, 'a file entered the lint set while edits were being linted');
    assert.equal(changed, 0);
    busy = false;
    await done;
    assert.equal(set.linter.uris().length, 40);
    assert.equal(index.configFiles.size, 1);
    assert.equal(changed, 1);
    const fresh = new Linter((key) => set.configFor(key));
    for (const uri of set.linter.uris()) fresh.update(uri, set.linter.get(uri)!.text);
    for (const uri of set.linter.uris()) assert.deepEqual(set.linter.lintFile(uri), fresh.lintFile(uri), uri);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('large files are parsed a few documents per step and enter the lint set a few per step, with the findings of a fresh lint', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'scalelint-index-'));
  try {
    // 300 documents a file: parsing one takes many 0.5 ms slices; every other file shares names with the rest.
    for (let i = 0; i < 6; i++) writeFileSync(join(dir, `big-${i}.yaml`), generateManifest(300, 700 + i, i % 2 ? `c${i}-` : '').text);
    const workspace = new Workspace();
    workspace.setFolders([{ uri: pathToFileURL(dir).href, name: 'w', path: dir }]);
    const set = workspace.all()[0];
    const steps: number[] = [];
    const index = new WorkspaceIndex({
      workspace,
      isOpen: () => false,
      openKeys: () => [],
      changed: () => undefined,
      log: () => undefined,
      error: (_m, err) => assert.fail(String(err)),
      busyFor: () => 0,
      restAfter: (workMs) => {
        steps.push(workMs);
        return 0;
      },
    });
    await index.indexSet(set);
    assert.equal(set.linter.uris().length, 6);
    assert.ok(steps.length > 6 * 4, `${steps.length} steps for 6 files of 300 documents: slices end within a file`);
    const fresh = new Linter((key) => set.configFor(key));
    for (const uri of set.linter.uris()) fresh.update(uri, set.linter.get(uri)!.text);
    for (const uri of set.linter.uris()) assert.deepEqual(set.linter.lintFile(uri), fresh.lintFile(uri), uri);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('indexing stops at the heap budget, as at the file limit, and says so', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'scalelint-index-'));
  try {
    for (let i = 0; i < 40; i++) writeFileSync(join(dir, `app-${i}.yaml`), generateManifest(6, 900 + i, `b${i}-`).text);
    const workspace = new Workspace();
    workspace.setFolders([{ uri: pathToFileURL(dir).href, name: 'w', path: dir }]);
    const set = workspace.all()[0];
    const logs: string[] = [];
    // A budget any heap is past: one slice (at most the 16 files read ahead, none when it ended within the first), then no more.
    const index = new WorkspaceIndex(
      { workspace, isOpen: () => false, openKeys: () => [], changed: () => undefined, log: (m) => logs.push(m), error: (_m, err) => assert.fail(String(err)), busyFor: () => 0 },
      10_000,
      1,
    );
    await index.indexSet(set);
    const indexed = set.linter.uris().length;
    assert.ok(indexed <= 16, `${indexed} files indexed`);
    assert.match(logs.join('\n'), new RegExp(`stopped at ${indexed} of them: the server's heap reached its budget`));
    // A file created later stays out too.
    writeFileSync(join(dir, 'late.yaml'), generateManifest(2, 1, 'late-').text);
    await index.refresh(pathToFileURL(join(dir, 'late.yaml')).href);
    assert.equal(set.linter.uris().length, indexed);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a message from the client holds indexing until it is handled; an edit or a lint holds it for the quiet moment', () => {
  let now = 1_000;
  const lints = { busy: false, lastFlushEnded: -Infinity };
  const activity = new EditorActivity(lints, () => now);
  assert.ok(activity.busyFor() <= 0, 'idle: indexing goes on');
  activity.input();
  assert.equal(activity.busyFor(), INPUT_GRACE_MS);
  now += INPUT_GRACE_MS;
  assert.ok(activity.busyFor() <= 0, 'a message that was not an edit (a hover) holds indexing only for its grace');
  activity.input();
  activity.edited(); // the message was an edit: its lint is due
  lints.busy = true;
  assert.equal(activity.busyFor(), QUIET_AFTER_EDIT_MS);
  now += 30;
  lints.busy = false;
  lints.lastFlushEnded = now;
  assert.equal(activity.busyFor(), QUIET_AFTER_EDIT_MS, 'after the lint: the next keystroke is likely');
  now += QUIET_AFTER_EDIT_MS;
  assert.ok(activity.busyFor() <= 0);
});

test('while the user types, indexing rests three times as long as each step took; once typing stops, it does not rest', () => {
  let now = 5_000;
  const activity = new EditorActivity({ busy: false, lastFlushEnded: -Infinity }, () => now);
  assert.equal(activity.restAfter(2), 0, 'no edit yet: full speed');
  activity.edited();
  now += QUIET_AFTER_EDIT_MS;
  assert.equal(activity.restAfter(2), 2 * TYPING_REST);
  now += TYPING_MS;
  assert.equal(activity.restAfter(2), 0, 'the user stopped typing');
});

test("an open document's cross-document findings follow the files indexed beside it, and are current when indexing pauses", async () => {
  const dir = mkdtempSync(join(tmpdir(), 'scalelint-index-'));
  try {
    const hpa = (name: string, target: string) =>
      `apiVersion: autoscaling/v2\nkind: HorizontalPodAutoscaler\nmetadata:\n  name: ${name}\n  namespace: shop\nspec:\n  scaleTargetRef:\n    apiVersion: apps/v1\n    kind: Deployment\n    name: ${target}\n  minReplicas: 2\n  maxReplicas: 5\n`;
    const deployment = (name: string) =>
      `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: ${name}\n  namespace: shop\nspec:\n  selector:\n    matchLabels: {app: ${name}}\n  template:\n    metadata:\n      labels: {app: ${name}}\n    spec:\n      containers:\n        - name: app\n          image: shop/${name}:1.0\n`;
    // The open file: one autoscaler whose Deployment is in a workspace file, one whose target is a typo.
    const openPath = join(dir, 'open.yaml');
    const openText = [deployment('front'), hpa('front', 'front'), hpa('cart', 'cart'), hpa('pay', 'paymnt')].join('---\n');
    writeFileSync(openPath, openText);
    writeFileSync(join(dir, 'cart.yaml'), deployment('cart'));
    writeFileSync(join(dir, 'payment.yaml'), deployment('payment'));
    // Many unrelated files: several commits, each adding names the typo's message counts.
    for (let i = 0; i < 60; i++) writeFileSync(join(dir, `app-${i}.yaml`), deployment(`svc-${i}`));
    const workspace = new Workspace();
    workspace.setFolders([{ uri: pathToFileURL(dir).href, name: 'w', path: dir }]);
    const set = workspace.all()[0];
    const openKey = pathToFileURL(openPath).href;
    set.linter.update(openKey, openText, 1);
    const before = set.linter.lintFile(openKey).filter((f) => f.ruleId === 'hpa-target-exists');
    assert.equal(before.length, 2, 'cart and paymnt are not in the lint set yet');
    let asked = 0;
    const index = new WorkspaceIndex({
      workspace,
      isOpen: (key) => key === openKey,
      openKeys: (s) => {
        asked++;
        return s === set ? [openKey] : [];
      },
      changed: () => undefined,
      log: () => undefined,
      error: (_message, err) => assert.fail(String(err)),
      busyFor: () => 0,
    });
    await index.indexSet(set);
    assert.ok(asked >= 1, 'the open documents were brought up to date after a commit');
    assert.equal(set.linter.uris().length, 63);
    const after = set.linter.lintFile(openKey);
    const targets = after.filter((f) => f.ruleId === 'hpa-target-exists');
    assert.equal(targets.length, 1, 'the indexed Deployment cart is found');
    assert.match(targets[0].message, /Did you mean payment\?/);
    assert.match(targets[0].message, /\(63 in all\)/);
    const fresh = new Linter((key) => set.configFor(key));
    for (const uri of set.linter.uris()) fresh.update(uri, set.linter.get(uri)!.text);
    assert.deepEqual(after, fresh.lintFile(openKey));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

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
    const workspace = new Workspace();
    workspace.setFolders([{ uri: pathToFileURL(dir).href, name: 'w', path: dir }]);
    const set = workspace.all()[0];
    let busy = true;
    let asked = 0;
    let changed = 0;
    const index = new WorkspaceIndex({
      workspace,
      isOpen: () => false,
      changed: () => changed++,
      log: () => undefined,
      error: (_message, err) => assert.fail(String(err)),
      busyFor: () => {
        asked++;
        return busy ? 1 : 0;
      },
    });
    const done = index.indexSet(set);
    // The files are found and read meanwhile; none may enter the lint set while the host is busy.
    while (asked < 20) await tick();
    assert.equal(set.linter.uris().length, 0, 'a file entered the lint set while edits were being linted');
    assert.equal(changed, 0);
    busy = false;
    await done;
    assert.equal(set.linter.uris().length, 40);
    assert.equal(changed, 1);
    const fresh = new Linter((key) => set.configFor(key));
    for (const uri of set.linter.uris()) fresh.update(uri, set.linter.get(uri)!.text);
    for (const uri of set.linter.uris()) assert.deepEqual(set.linter.lintFile(uri), fresh.lintFile(uri), uri);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

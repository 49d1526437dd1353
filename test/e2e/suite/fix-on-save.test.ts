/**
 * Fix-all on save: with `"editor.codeActionsOnSave": {"source.fixAll.scalelint": "explicit"}` for YAML, an
 * explicit save (Ctrl+S) writes the safe fixes — the same ones as `scalelint --fix` — and keeps comments;
 * fixes that need the user's values stay offered as quick fixes. Without the setting, a save writes the text as is.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activateExtension, fixtureUri, openFixture, readOnDisk, resetEditors, setYamlCodeActionsOnSave, waitForExactly } from './helpers';

const FILE = 'fixable.yaml';
/** fixable.yaml's findings as the workspace copy has them. */
const FINDINGS = ['min-replicas 14:16-14:17', 'scale-down-stabilization 26:35-26:37', 'readiness-probe 43:17-43:24'];

/** The user's own edit before saving: maxReplicas 12 → 15 (so the save is of a changed file, as it usually is). */
async function raiseMaxReplicas(editor: vscode.TextEditor): Promise<void> {
  const line = editor.document.lineAt(14);
  assert.equal(line.text, '  maxReplicas: 12');
  assert.ok(await editor.edit((b) => b.replace(line.range, '  maxReplicas: 15')));
}

suite('Fix all on save', () => {
  let original = '';
  suiteSetup(async () => {
    await activateExtension();
    original = await readOnDisk(fixtureUri(FILE));
  });
  teardown(async () => {
    await setYamlCodeActionsOnSave(undefined);
    await resetEditors();
    // The test saved the fixture: put it back for the tests after this one, through the editor (a write
    // behind its back makes its next save fail with "File Modified Since").
    const uri = fixtureUri(FILE);
    const document = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
    if (document && document.getText() !== original) {
      const editor = await vscode.window.showTextDocument(document);
      await editor.edit((b) => b.replace(new vscode.Range(document.positionAt(0), document.positionAt(document.getText().length)), original));
      await vscode.commands.executeCommand('workbench.action.files.save');
    }
    assert.equal(await readOnDisk(uri), original, `${FILE} could not be restored`);
  });

  test('source.fixAll.scalelint on save: Ctrl+S writes the safe fixes, comments kept, the rest left as quick fixes', async () => {
    await setYamlCodeActionsOnSave({ 'source.fixAll.scalelint': 'explicit' });
    const editor = await openFixture(FILE);
    const uri = editor.document.uri;
    await waitForExactly(uri, FINDINGS);
    await raiseMaxReplicas(editor);
    await vscode.commands.executeCommand('workbench.action.files.save'); // what Ctrl+S runs
    const expected = original
      .replace('  minReplicas: 1 # one is not enough: fix-all raises it to the floor', '  minReplicas: 2 # one is not enough: fix-all raises it to the floor')
      .replace('  maxReplicas: 12', '  maxReplicas: 15')
      .replace('      # too short: fix-all sets 300\n      stabilizationWindowSeconds: 60', '      # too short: fix-all sets 300\n      stabilizationWindowSeconds: 300');
    assert.notEqual(expected, original);
    assert.equal(await readOnDisk(uri), expected);
    assert.equal(editor.document.getText(), expected);
    assert.equal(editor.document.isDirty, false);
    // The readiness probe needs a path and a port from the user: not applied, still offered.
    await waitForExactly(uri, ['readiness-probe 43:17-43:24']);
  });

  test('without the setting, Ctrl+S writes the text as it is', async () => {
    const editor = await openFixture(FILE);
    const uri = editor.document.uri;
    await waitForExactly(uri, FINDINGS);
    await raiseMaxReplicas(editor);
    await vscode.commands.executeCommand('workbench.action.files.save');
    assert.equal(await readOnDisk(uri), original.replace('  maxReplicas: 12', '  maxReplicas: 15'));
    await waitForExactly(uri, FINDINGS);
  });
});

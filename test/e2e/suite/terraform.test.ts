/**
 * Terraform and shell scripts in a real editor (issue 13): a .tf file (no Terraform extension installed, so
 * no language id of its own) gets its finding on the attribute, edits are rendered as typed, the quick fix
 * writes the literal; a script's gcloud command line gets its finding on the flag.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activateExtension, applyCodeAction, findDiagnostic, openFixture, resetEditors, waitForExactly } from './helpers';

suite('Terraform and scripts', () => {
  suiteSetup(activateExtension);
  teardown(resetEditors);

  test('main.tf: min-replicas on min_size, re-rendered as typed, the quick fix writes the literal', async () => {
    const editor = await openFixture('infra/main.tf');
    const uri = editor.document.uri;
    const ds = await waitForExactly(uri, ['min-replicas 3:25-3:26']);
    assert.equal(findDiagnostic(ds, 'min-replicas').message, 'min_size is 1; the HA floor is 2.');
    await editor.edit((b) => b.replace(new vscode.Range(2, 24, 2, 25), '3'));
    await waitForExactly(uri, []);
    await editor.edit((b) => b.replace(new vscode.Range(2, 24, 2, 25), '1'));
    const again = await waitForExactly(uri, ['min-replicas 3:25-3:26']);
    await applyCodeAction(uri, findDiagnostic(again, 'min-replicas'), 'Set min_size to 2');
    assert.equal(editor.document.lineAt(2).text, '  min_size            = 2');
    await waitForExactly(uri, []);
  });

  test('scale.sh: the gcloud command line is linted, the finding names the flag', async () => {
    const editor = await openFixture('ops/scale.sh');
    const ds = await waitForExactly(editor.document.uri, ['min-replicas 4:22-4:23']);
    assert.equal(findDiagnostic(ds, 'min-replicas').message, '--min-num-replicas is 1; the HA floor is 2.');
  });
});

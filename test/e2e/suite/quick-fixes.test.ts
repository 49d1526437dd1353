/** Quick fixes in a real editor: offered for the diagnostic, the first preferred, the edit gives the expected text. */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activateExtension, applyCodeAction, codeActionsAt, findDiagnostic, openFixture, resetEditors, waitForDiagnostics, waitForExactly } from './helpers';

suite('Quick fixes', () => {
  suiteSetup(activateExtension);
  teardown(resetEditors);

  test('min-replicas: the preferred fix sets the floor, then "Disable" is offered last', async () => {
    const editor = await openFixture('orders-hpa.yaml');
    const uri = editor.document.uri;
    const ds = await waitForExactly(uri, ['min-replicas 12:16-12:17', 'scale-down-stabilization 23:35-23:37']);
    const minReplicas = findDiagnostic(ds, 'min-replicas');
    const actions = await codeActionsAt(uri, minReplicas.range); // the range touches no other finding
    assert.deepEqual(
      actions.map((a) => [a.title, a.kind?.value, !!a.isPreferred]),
      [
        ['Set minReplicas to 2', 'quickfix', true],
        ['Disable min-replicas for this line', 'quickfix', false],
      ],
    );
    await applyCodeAction(uri, minReplicas, 'Set minReplicas to 2');
    assert.equal(editor.document.lineAt(11).text, '  minReplicas: 2');
    await waitForExactly(uri, ['scale-down-stabilization 23:35-23:37']);
  });

  test('scale-down-stabilization: the fix sets the window to 300, keeping the rest of the file', async () => {
    const editor = await openFixture('orders-hpa.yaml');
    const uri = editor.document.uri;
    const before = editor.document.getText();
    const ds = await waitForExactly(uri, ['min-replicas 12:16-12:17', 'scale-down-stabilization 23:35-23:37']);
    await applyCodeAction(uri, findDiagnostic(ds, 'scale-down-stabilization'), 'Set scaleDown.stabilizationWindowSeconds to 300');
    assert.equal(editor.document.getText(), before.replace('stabilizationWindowSeconds: 60', 'stabilizationWindowSeconds: 300'));
    await waitForExactly(uri, ['min-replicas 12:16-12:17']);
  });

  test('"Disable <rule> for this line" inserts the comment and the diagnostic goes away', async () => {
    const editor = await openFixture('queue-worker.yaml');
    const uri = editor.document.uri;
    const ds = await waitForExactly(uri, ['readiness-probe 18:17-18:23']);
    await applyCodeAction(uri, findDiagnostic(ds, 'readiness-probe'), 'Disable readiness-probe for this line');
    assert.equal(editor.document.lineAt(17).text, '        # scalelint-disable-next-line readiness-probe');
    assert.equal(editor.document.lineAt(18).text, '        - name: worker');
    await waitForDiagnostics(uri, (d) => d.length === 0, 'no diagnostics');
  });

  test('a fix applied from the diagnostic of an older version is not offered on changed text', async () => {
    const editor = await openFixture('orders-hpa.yaml');
    const uri = editor.document.uri;
    await waitForExactly(uri, ['min-replicas 12:16-12:17', 'scale-down-stabilization 23:35-23:37']);
    // A comment line above shifts everything down by one; the fresh diagnostics carry fresh fixes.
    await editor.edit((b) => b.insert(new vscode.Position(1, 0), '# moved\n'));
    const ds = await waitForExactly(uri, ['min-replicas 13:16-13:17', 'scale-down-stabilization 24:35-24:37']);
    await applyCodeAction(uri, findDiagnostic(ds, 'min-replicas'), 'Set minReplicas to 2');
    assert.equal(editor.document.lineAt(12).text, '  minReplicas: 2');
  });
});

/** Diagnostics in a real editor: the right rule ids, ranges, severities and doc links; the config file honoured. */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activateExtension, codeOf, openFixture, resetEditors, waitForExactly } from './helpers';

suite('Diagnostics', () => {
  suiteSetup(activateExtension);
  teardown(resetEditors);

  test('an HPA gets its findings, with rule ids as codes and exact ranges', async () => {
    const editor = await openFixture('orders-hpa.yaml');
    assert.equal(editor.document.languageId, 'yaml');
    const ds = await waitForExactly(editor.document.uri, [
      'min-replicas 12:16-12:17', // minReplicas: 1
      'scale-down-stabilization 23:35-23:37', // stabilizationWindowSeconds: 60
    ]);
    for (const d of ds) {
      assert.equal(d.severity, vscode.DiagnosticSeverity.Warning);
      const code = d.code as { value: string; target: vscode.Uri };
      assert.equal(typeof code, 'object', 'the code carries the rule doc link (codeDescription)');
      assert.match(code.target.toString(), new RegExp(`${codeOf(d)}$`), 'the link points at the rule doc');
    }
    assert.match(ds.find((d) => codeOf(d) === 'min-replicas')!.message, /minReplicas is 1; the HA floor is 2/);
  });

  test('.scalelint.yaml is honoured: liveness-probe is off, the other rules still run', async () => {
    const editor = await openFixture('queue-worker.yaml');
    // The container has neither probe: readiness-probe fires, liveness-probe (off in the config) does not.
    await waitForExactly(editor.document.uri, ['readiness-probe 18:17-18:23']);
  });

  test('an edit in the editor is linted as typed, before any save', async () => {
    const editor = await openFixture('orders-hpa.yaml');
    const uri = editor.document.uri;
    await waitForExactly(uri, ['min-replicas 12:16-12:17', 'scale-down-stabilization 23:35-23:37']);
    const line = editor.document.lineAt(12); // maxReplicas: 10
    assert.equal(line.text, '  maxReplicas: 10');
    await editor.edit((b) => b.replace(new vscode.Range(12, 15, 12, 17), '1'));
    // maxReplicas 1 equals minReplicas 1: nothing can scale (replica-bounds).
    const ds = await waitForExactly(uri, ['min-replicas 12:16-12:17', 'replica-bounds 13:16-13:17', 'scale-down-stabilization 23:35-23:37']);
    assert.match(ds.find((d) => codeOf(d) === 'replica-bounds')!.message, /minReplicas 1 equals maxReplicas 1/);
    assert.ok(editor.document.isDirty, 'linted from the editor buffer, not the file');
  });
});

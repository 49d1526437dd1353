/** The lint set is the workspace: a finding in one file appears, and goes, as another file is created, edited and deleted. */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activateExtension, fixtureUri, openFixture, resetEditors, waitForExactly } from './helpers';

const PAYMENTS_HPA = `apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata:
  name: payments
  namespace: shop
spec:
  scaleTargetRef:
    apiVersion: apps/v1
    kind: Deployment
    name: payments
  minReplicas: 3
  maxReplicas: 12
`;

suite('Cross-file findings', () => {
  suiteSetup(activateExtension);
  teardown(resetEditors);

  test('an HPA file created and deleted on disk turns replicas-with-hpa on and off in its Deployment', async () => {
    const deployment = await openFixture('payments.yaml');
    const uri = deployment.document.uri;
    assert.equal(deployment.document.lineAt(8).text, '  replicas: 3');
    const hpaUri = fixtureUri('payments-hpa.yaml');
    try {
      // Never opened in the editor: the server hears of it through the file watcher it registered.
      await vscode.workspace.fs.writeFile(hpaUri, Buffer.from(PAYMENTS_HPA));
      const [finding] = await waitForExactly(uri, ['replicas-with-hpa 9:3-9:11']);
      assert.match(finding.message, /HorizontalPodAutoscaler payments \(3–12 replicas\) scales Deployment payments/);
      await vscode.workspace.fs.delete(hpaUri);
      await waitForExactly(uri, []);
    } finally {
      await vscode.workspace.fs.delete(hpaUri).then(undefined, () => undefined);
    }
  });

  test('the open, unsaved text of the other file counts, not the file on disk', async () => {
    const deployment = await openFixture('payments.yaml');
    const uri = deployment.document.uri;
    const hpaUri = fixtureUri('payments-hpa.yaml');
    try {
      await vscode.workspace.fs.writeFile(hpaUri, Buffer.from(PAYMENTS_HPA));
      await waitForExactly(uri, ['replicas-with-hpa 9:3-9:11']);
      const hpa = await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(hpaUri), { preview: false });
      const nameLine = hpa.document.lineAt(9);
      assert.equal(nameLine.text, '    name: payments');
      await hpa.edit((b) => b.replace(nameLine.range, '    name: payments-v2'));
      await waitForExactly(uri, []);
      await waitForExactly(hpaUri, ['hpa-target-exists 10:11-10:22']);
      await vscode.commands.executeCommand('workbench.action.files.revert');
      await waitForExactly(uri, ['replicas-with-hpa 9:3-9:11']);
      await waitForExactly(hpaUri, []);
    } finally {
      // VS Code keeps a closed editor's document open for a while (no didClose yet), so its text stays
      // in the lint set after the file is deleted: no assertion after this.
      await resetEditors();
      await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
      await vscode.workspace.fs.delete(hpaUri).then(undefined, () => undefined);
    }
  });
});

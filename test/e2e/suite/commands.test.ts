/**
 * The palette commands in a real editor: contributed with their titles, and what each does when run —
 * "Fix all auto-fixable problems" edits the active document (one undo step, nothing saved), "Show output"
 * shows the log, "Restart the language server" comes back linting.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activateExtension, EXTENSION_ID, openFixture, readOnDisk, resetEditors, waitForDocument, waitForExactly, waitForText } from './helpers';

const FILE = 'fixable.yaml';
const FINDINGS = ['min-replicas 14:16-14:17', 'scale-down-stabilization 26:35-26:37', 'readiness-probe 43:17-43:24'];

interface ContributedCommand {
  command: string;
  title: string;
  category?: string;
}

suite('Palette commands', () => {
  suiteSetup(activateExtension);
  teardown(resetEditors);

  test('the commands are contributed to the palette with their titles, and registered', async () => {
    const manifest = vscode.extensions.getExtension(EXTENSION_ID)!.packageJSON as { contributes: { commands: ContributedCommand[] } };
    const titles = Object.fromEntries(manifest.contributes.commands.map((c) => [c.command, `${c.category ? `${c.category}: ` : ''}${c.title}`]));
    assert.equal(titles['scalelint.fixAll'], 'ScaleLint: Fix all auto-fixable problems');
    assert.equal(titles['scalelint.showOutput'], 'ScaleLint: Show output');
    assert.equal(titles['scalelint.restartServer'], 'ScaleLint: Restart the language server');
    assert.equal(titles['scalelint.openCalculator'], 'ScaleLint: Capacity Calculator');
    assert.equal(titles['scalelint.showRenderedManifest'], 'ScaleLint: Show rendered manifest');
    const registered = new Set(await vscode.commands.getCommands(true));
    for (const id of Object.keys(titles)) assert.ok(registered.has(id), `${id} is contributed but not registered`);
  });

  test('"Fix all auto-fixable problems" applies the safe fixes to the active document, as one undo step', async () => {
    const editor = await openFixture(FILE);
    const { document } = editor;
    const before = document.getText();
    await waitForExactly(document.uri, FINDINGS);
    await vscode.commands.executeCommand('scalelint.fixAll');
    const fixed = before
      .replace('  minReplicas: 1 # one is not enough', '  minReplicas: 2 # one is not enough')
      .replace('      stabilizationWindowSeconds: 60', '      stabilizationWindowSeconds: 300');
    assert.notEqual(fixed, before);
    assert.equal(document.getText(), fixed);
    assert.equal(document.isDirty, true, 'the command edits; saving is the user’s');
    assert.equal(await readOnDisk(document.uri), before);
    await waitForExactly(document.uri, ['readiness-probe 43:17-43:24']);
    await vscode.commands.executeCommand('undo');
    await waitForText(document, (text) => text === before, 'the text before the fix-all');
    await waitForExactly(document.uri, FINDINGS);
  });

  test('"Fix all auto-fixable problems" on a file with nothing to fix changes nothing', async () => {
    const editor = await openFixture('orders.yaml');
    const before = editor.document.getText();
    await waitForExactly(editor.document.uri, []);
    await vscode.commands.executeCommand('scalelint.fixAll');
    assert.equal(editor.document.getText(), before);
    assert.equal(editor.document.isDirty, false);
  });

  test('"Fix all auto-fixable problems" with a non-YAML file active leaves it alone', async () => {
    const document = await vscode.workspace.openTextDocument({ language: 'plaintext', content: 'minReplicas: 1\n' });
    await vscode.window.showTextDocument(document);
    try {
      await vscode.commands.executeCommand('scalelint.fixAll');
      assert.equal(document.getText(), 'minReplicas: 1\n');
    } finally {
      await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    }
  });

  test('"Show output" shows the ScaleLint output channel, with what the extension logged', async () => {
    await openFixture('orders-hpa.yaml');
    const isOurs = (d: vscode.TextDocument) => d.uri.scheme === 'output' && d.uri.path.includes(`${EXTENSION_ID}-#`) && d.uri.path.endsWith('ScaleLint');
    await vscode.commands.executeCommand('scalelint.showOutput');
    const output = await waitForDocument(isOurs, 'the ScaleLint output channel');
    // The view loads the channel's text: the client's line from activation, the server's from indexing.
    const text = await waitForText(output, (t) => /Indexed \d+ YAML file\(s\) of workspace-suite/.test(t), 'the server’s log line on indexing');
    assert.match(text, /^ScaleLint: (reporting every schema problem|Red Hat's YAML extension validates)/m);
  });

  test('"Restart the language server": the restarted server lints again', async () => {
    const editor = await openFixture('orders-hpa.yaml');
    const uri = editor.document.uri;
    await waitForExactly(uri, ['min-replicas 12:16-12:17', 'scale-down-stabilization 23:35-23:37']);
    await vscode.commands.executeCommand('scalelint.restartServer');
    // A change the new server has to lint: a finding gone proves it answers.
    const line = editor.document.lineAt(11);
    assert.equal(line.text, '  minReplicas: 1');
    assert.ok(await editor.edit((b) => b.replace(line.range, '  minReplicas: 3')));
    await waitForExactly(uri, ['scale-down-stabilization 23:35-23:37']);
  });
});

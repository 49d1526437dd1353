/** The palette commands, one function each (registered in extension.ts). */
import { commands, window, workspace, type CodeAction, type OutputChannel } from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { FIX_ALL_KIND } from '../../server/src/protocol';

/** "ScaleLint: Fix all auto-fixable problems": the server's source.fixAll.scalelint action on the active file. */
export async function fixAll(): Promise<void> {
  const editor = window.activeTextEditor;
  if (!editor || editor.document.languageId !== 'yaml') {
    void window.showInformationMessage('ScaleLint: open a YAML file to fix.');
    return;
  }
  const doc = editor.document;
  const actions = (await commands.executeCommand<CodeAction[]>('vscode.executeCodeActionProvider', doc.uri, doc.validateRange(editor.selection), FIX_ALL_KIND)) ?? [];
  const action = actions.find((a) => a.kind?.value === FIX_ALL_KIND && a.edit);
  if (!action?.edit) {
    void window.setStatusBarMessage('ScaleLint: nothing to fix automatically.', 3000);
    return;
  }
  await workspace.applyEdit(action.edit);
}

/** "ScaleLint: Show output": the language server's log. */
export function showOutput(output: OutputChannel): void {
  output.show(true);
}

/** "ScaleLint: Restart the language server". */
export async function restartServer(client: LanguageClient | undefined, output: OutputChannel): Promise<void> {
  if (!client) return;
  output.appendLine('ScaleLint: restarting the language server.');
  await client.restart();
}

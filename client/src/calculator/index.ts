/** The "ScaleLint: Capacity Calculator" command (also run by the code lens above each HPA and ScaledObject, rendered ones too). */
import * as vscode from 'vscode';
import { CalculatorPanel, type CursorAt, type ServerRequest } from './panel';
import { OPEN_CALCULATOR_COMMAND } from '../../../server/src/protocol';
import { parseOpenCalculatorArgs } from './webview/protocol';

export { OPEN_CALCULATOR_COMMAND, type ServerRequest };

function cursorOf(editor: vscode.TextEditor | undefined): CursorAt | undefined {
  return editor ? { document: editor.document, offset: editor.document.offsetAt(editor.selection.active) } : undefined;
}

/**
 * `request` reaches the language server (objects a chart, kustomization, Terraform module or script renders);
 * without it, the panel reads plain YAML only.
 */
export function registerCalculator(context: vscode.ExtensionContext, output: vscode.OutputChannel, request?: ServerRequest): void {
  // The webview takes the focus: remember the last text editor, whose cursor "Use the cursor's manifest" reads.
  let lastEditor = vscode.window.activeTextEditor;
  const log = (message: string) => output.appendLine(message);
  const cursor = () => cursorOf(vscode.window.activeTextEditor ?? lastEditor);
  context.subscriptions.push(
    vscode.window.onDidChangeActiveTextEditor((editor) => {
      if (editor) lastEditor = editor;
    }),
    vscode.commands.registerCommand(OPEN_CALCULATOR_COMMAND, async (raw?: unknown) => {
      const args = parseOpenCalculatorArgs(raw);
      let at: CursorAt | undefined;
      if (args && !('error' in args)) {
        try {
          const document = await vscode.workspace.openTextDocument(vscode.Uri.parse(args.uri, true));
          at = { document, offset: document.offsetAt(new vscode.Position(args.line, args.character)) };
        } catch (err) {
          log(`ScaleLint calculator: cannot open ${args.uri}: ${err instanceof Error ? err.message : String(err)}`);
        }
      } else {
        if (args) log(`ScaleLint calculator: ignored the command's arguments: ${args.error}`);
        at = cursor();
      }
      await CalculatorPanel.createOrShow(context.extensionUri, at, cursor, log, request).targeting;
    }),
    { dispose: () => CalculatorPanel.current?.dispose() },
  );
}

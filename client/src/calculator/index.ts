/** The "ScaleLint: Capacity Calculator" command (also run by the code lens above each HPA and ScaledObject). */
import * as vscode from 'vscode';
import { CalculatorPanel, type CursorAt } from './panel';
import { OPEN_CALCULATOR_COMMAND } from '../../../server/src/protocol';
import { parseOpenCalculatorArgs } from './webview/protocol';

export { OPEN_CALCULATOR_COMMAND };

function cursorOf(editor: vscode.TextEditor | undefined): CursorAt | undefined {
  return editor ? { document: editor.document, offset: editor.document.offsetAt(editor.selection.active) } : undefined;
}

export function registerCalculator(context: vscode.ExtensionContext, output: vscode.OutputChannel): void {
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
      CalculatorPanel.createOrShow(context.extensionUri, at, cursor, log);
    }),
    { dispose: () => CalculatorPanel.current?.dispose() },
  );
}

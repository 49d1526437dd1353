/** Extension entry point: starts the ScaleLint language client. */
import { window, type ExtensionContext } from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { createClient } from './client';
import { registerCalculator } from './calculator';

let client: LanguageClient | undefined;

export async function activate(context: ExtensionContext): Promise<void> {
  const output = window.createOutputChannel('ScaleLint');
  context.subscriptions.push(output);
  registerCalculator(context, output);
  client = createClient(context, output);
  try {
    await client.start();
  } catch (err) {
    output.appendLine(`ScaleLint: the language server did not start: ${err instanceof Error ? err.message : String(err)}`);
    void window.showErrorMessage('ScaleLint: the language server did not start. See the ScaleLint output channel.');
  }
}

export async function deactivate(): Promise<void> {
  const running = client;
  client = undefined;
  if (running?.isRunning()) await running.stop();
}

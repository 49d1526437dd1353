/** Extension entry point: the language client, the status bar item, the commands, Red Hat YAML detection. */
import { commands, extensions, window, workspace, type ExtensionContext } from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { DEFER_BUILT_IN_KUBERNETES_NOTIFICATION, SHOW_RENDERED_MANIFEST_COMMAND, type DeferBuiltInKubernetesParams } from '../../server/src/protocol';
import { createClient } from './client';
import { registerCalculator } from './calculator';
import { fixAll, restartServer, showOutput } from './commands';
import { deferToRedHat } from './redhat';
import { RenderedManifests } from './rendered-manifest';
import { ScaleLintStatus } from './status';

let client: LanguageClient | undefined;

export async function activate(context: ExtensionContext): Promise<void> {
  const output = window.createOutputChannel('ScaleLint');
  context.subscriptions.push(output);
  // The calculator asks the server about charts, kustomizations, Terraform and scripts (undefined while it is not running).
  registerCalculator(context, output, (method, params) => (client?.isRunning() ? client.sendRequest(method, params) : undefined));
  let defer = deferToRedHat();
  const describeDefer = () =>
    output.appendLine(
      defer
        ? "ScaleLint: Red Hat's YAML extension validates Kubernetes files; for built-in kinds ScaleLint reports only unknown fields, and leaves field hover and completion to it."
        : 'ScaleLint: reporting every schema problem (scalelint.besideRedHatYaml).',
    );
  describeDefer();
  client = createClient(context, output, () => ({ snippetFixes: true, deferBuiltInKubernetes: defer }));
  const rendered = new RenderedManifests(() => client);
  context.subscriptions.push(
    new ScaleLintStatus(),
    rendered,
    commands.registerCommand(SHOW_RENDERED_MANIFEST_COMMAND, () => rendered.show()),
    commands.registerCommand('scalelint.fixAll', fixAll),
    commands.registerCommand('scalelint.showOutput', () => showOutput(output)),
    commands.registerCommand('scalelint.restartServer', () => restartServer(client, output)),
  );
  const recheck = () => {
    const now = deferToRedHat();
    if (now === defer) return;
    defer = now;
    describeDefer();
    if (client?.isRunning()) void client.sendNotification(DEFER_BUILT_IN_KUBERNETES_NOTIFICATION, { defer } satisfies DeferBuiltInKubernetesParams);
  };
  context.subscriptions.push(
    workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration('yaml') || e.affectsConfiguration('scalelint.besideRedHatYaml')) recheck();
    }),
    extensions.onDidChange(recheck),
  );
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

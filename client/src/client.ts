/** The LanguageClient: starts the bundled server over IPC for YAML documents. */
import * as path from 'node:path';
import type { ExtensionContext, OutputChannel } from 'vscode';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import { SCALELINT, SETTINGS_SECTION, type InitializationOptions } from '../../server/src/protocol';
import { provideCodeActions } from './snippet-fixes';

/** `init`: the snippet fixes (snippet-fixes.ts) and Red Hat's YAML extension (redhat.ts), as they are now. */
export function createClient(context: ExtensionContext, output: OutputChannel, init: () => Required<InitializationOptions>): LanguageClient {
  // Resolved inside the extension's folder: the same layout in a development checkout and an installed .vsix.
  const module = context.asAbsolutePath(path.join('server', 'out', 'server.js'));
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc },
    debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6009'] } },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      { scheme: 'file', language: 'yaml' },
      { scheme: 'untitled', language: 'yaml' },
      // Helm templates (as the Kubernetes extension names them) and helpers: their charts render with the editor's text.
      { scheme: 'file', language: 'helm' },
      { scheme: 'file', pattern: '**/*.tpl' },
      // Terraform and shell scripts (SPEC §9), with or without HashiCorp's extension giving .tf a language.
      { scheme: 'file', language: 'terraform' },
      { scheme: 'file', pattern: '**/*.{tf,tf.json}' },
      { scheme: 'file', language: 'shellscript' },
      { scheme: 'file', pattern: '**/*.{sh,bash}' },
      // JSON: CloudFormation templates (the server lints a JSON document only when its head says it is one).
      { scheme: 'file', language: 'json' },
      // Virtual workspaces (GitHub Repositories): open documents are linted, one by one.
      { scheme: 'vscode-vfs', language: 'yaml' },
    ],
    // Settings changes arrive as didChangeConfiguration; the server reads the values through
    // workspace/configuration. File events: the server registers its own watchers (YAML files and
    // .scalelint.yaml), so none are declared here, which would send each event twice.
    synchronize: { configurationSection: SETTINGS_SECTION },
    outputChannel: output,
    diagnosticCollectionName: SCALELINT,
    // A function, so a restart sends what holds then.
    initializationOptions: () => init(),
    middleware: { provideCodeActions },
  };
  return new LanguageClient(SCALELINT, 'ScaleLint', serverOptions, clientOptions);
}

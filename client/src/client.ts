/** The LanguageClient: starts the bundled server over IPC for YAML documents. */
import * as path from 'node:path';
import type { ExtensionContext, OutputChannel } from 'vscode';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';

export function createClient(context: ExtensionContext, output: OutputChannel): LanguageClient {
  const module = context.asAbsolutePath(path.join('server', 'out', 'server.js'));
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc },
    debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6009'] } },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      { scheme: 'file', language: 'yaml' },
      { scheme: 'untitled', language: 'yaml' },
    ],
    // Settings changes arrive as didChangeConfiguration; the server reads the values through
    // workspace/configuration. File events: the server registers its own watchers (YAML files and
    // .scalelint.yaml), so none are declared here, which would send each event twice.
    synchronize: { configurationSection: 'scalelint' },
    outputChannel: output,
    diagnosticCollectionName: 'scalelint',
  };
  return new LanguageClient('scalelint', 'ScaleLint', serverOptions, clientOptions);
}

/**
 * A small LSP client for tests: starts the built server (`server/out/server.js --stdio`) as a child
 * process, speaks JSON-RPC to it, records what it sends and waits for conditions instead of sleeping.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  CodeActionRequest,
  CompletionRequest,
  HoverRequest,
  ConfigurationRequest,
  createProtocolConnection,
  DiagnosticRefreshRequest,
  DidChangeConfigurationNotification,
  DidChangeTextDocumentNotification,
  DidChangeWatchedFilesNotification,
  DidCloseTextDocumentNotification,
  DidOpenTextDocumentNotification,
  DocumentDiagnosticRequest,
  ExitNotification,
  InitializedNotification,
  InitializeRequest,
  LogMessageNotification,
  PublishDiagnosticsNotification,
  RegistrationRequest,
  ShowMessageNotification,
  ShutdownRequest,
  StreamMessageReader,
  StreamMessageWriter,
  type ClientCapabilities,
  type CodeAction,
  type Command,
  type CompletionContext,
  type CompletionItem,
  type CompletionList,
  type Hover,
  type Position,
  type Diagnostic,
  type DocumentDiagnosticReport,
  type FileEvent,
  type InitializeResult,
  type ProtocolConnection,
  type PublishDiagnosticsParams,
  type Range,
  type Registration,
  type ShowMessageParams,
  type TextDocumentContentChangeEvent,
} from 'vscode-languageserver-protocol/node';

export const SERVER = join(__dirname, '..', '..', 'server', 'out', 'server.js');

export function fileUri(path: string): string {
  return pathToFileURL(path).href;
}

export interface StartOptions {
  /** Workspace folder (absolute path). */
  folder: string;
  /** Declare `textDocument.diagnostic`: the server answers pulls instead of publishing. */
  pull?: boolean;
  /** The `scalelint` section workspace/configuration answers with. */
  settings?: Record<string, unknown>;
  /** `initializationOptions` of the initialize request. */
  initializationOptions?: Record<string, unknown>;
  /** Declare completion snippet support. */
  completionSnippets?: boolean;
  /** The server to start (default: the built `server/out/server.js`). */
  serverPath?: string;
  /** Environment variables for the server beside this process's own (undefined removes one). */
  env?: Record<string, string | undefined>;
}

interface Waiter {
  check: () => boolean;
  resolve: () => void;
}

export class LspHarness {
  readonly connection: ProtocolConnection;
  /** Every publishDiagnostics, per URI, oldest first. */
  readonly published = new Map<string, PublishDiagnosticsParams[]>();
  readonly messages: ShowMessageParams[] = [];
  readonly logs: string[] = [];
  readonly registrations: Registration[] = [];
  refreshes = 0;
  stderr = '';
  settings: Record<string, unknown>;
  initializeResult: InitializeResult | undefined;
  private readonly waiters: Waiter[] = [];
  private exitCode: number | null | undefined;

  private constructor(
    readonly child: ChildProcess,
    readonly options: StartOptions,
  ) {
    this.settings = options.settings ?? {};
    child.stderr!.on('data', (chunk: Buffer) => (this.stderr += chunk.toString()));
    child.on('exit', (code) => {
      this.exitCode = code;
      this.poke();
    });
    this.connection = createProtocolConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
    this.connection.onNotification(PublishDiagnosticsNotification.type, (p) => {
      const list = this.published.get(p.uri) ?? [];
      list.push(p);
      this.published.set(p.uri, list);
      this.poke();
    });
    this.connection.onNotification(ShowMessageNotification.type, (p) => {
      this.messages.push(p);
      this.poke();
    });
    this.connection.onNotification(LogMessageNotification.type, (p) => {
      this.logs.push(p.message);
      this.poke();
    });
    this.connection.onRequest(RegistrationRequest.type, (p) => {
      this.registrations.push(...p.registrations);
      this.poke();
      return null;
    });
    this.connection.onRequest(ConfigurationRequest.type, (p) => p.items.map((item) => (item.section === 'scalelint' ? this.settings : null)));
    this.connection.onRequest(DiagnosticRefreshRequest.type, () => {
      this.refreshes++;
      this.poke();
      return null;
    });
    this.connection.listen();
  }

  /** Starts the server and runs initialize/initialized with a workspace folder. */
  static async start(options: StartOptions): Promise<LspHarness> {
    const server = options.serverPath ?? SERVER;
    if (!existsSync(server)) throw new Error(`${server} is missing: run \`node esbuild.mjs\` first.`);
    // LSP_SERVER_NODE_ARGS: extra node flags for the server, e.g. `--inspect` or `--cpu-prof`.
    const nodeArgs = process.env.LSP_SERVER_NODE_ARGS?.split(/\s+/).filter(Boolean) ?? [];
    const env = { ...process.env, ...options.env };
    for (const [k, v] of Object.entries(env)) if (v === undefined) delete env[k];
    const child = spawn(process.execPath, [...nodeArgs, server, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'], env });
    const harness = new LspHarness(child, options);
    const capabilities: ClientCapabilities = {
      workspace: {
        configuration: true,
        workspaceFolders: true,
        didChangeWatchedFiles: { dynamicRegistration: true },
        didChangeConfiguration: { dynamicRegistration: false },
        workspaceEdit: { documentChanges: true },
        ...(options.pull ? { diagnostics: { refreshSupport: true } } : {}),
      },
      textDocument: {
        synchronization: { dynamicRegistration: false, didSave: false },
        publishDiagnostics: { relatedInformation: true, versionSupport: true, codeDescriptionSupport: true, dataSupport: true, tagSupport: { valueSet: [1, 2] } },
        codeAction: { codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix', 'source.fixAll'] } }, isPreferredSupport: true, dataSupport: true },
        hover: { contentFormat: ['markdown', 'plaintext'] },
        completion: { completionItem: { snippetSupport: !!options.completionSnippets, documentationFormat: ['markdown'] } },
        ...(options.pull ? { diagnostic: { dynamicRegistration: false, relatedDocumentSupport: false } } : {}),
      },
    };
    harness.initializeResult = await harness.connection.sendRequest(InitializeRequest.type, {
      processId: process.pid,
      rootUri: fileUri(options.folder),
      capabilities,
      workspaceFolders: [{ uri: fileUri(options.folder), name: 'workspace' }],
      ...(options.initializationOptions ? { initializationOptions: options.initializationOptions } : {}),
    });
    await harness.connection.sendNotification(InitializedNotification.type, {});
    return harness;
  }

  private poke(): void {
    for (const w of [...this.waiters]) {
      if (w.check()) {
        this.waiters.splice(this.waiters.indexOf(w), 1);
        w.resolve();
      }
    }
  }

  /** Resolves with `probe()`'s first defined value, re-checked on every message from the server. */
  waitFor<T>(probe: () => T | undefined | false, what: string, timeoutMs = 5000): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      let value: T | undefined | false;
      const check = () => {
        value = probe();
        return value !== undefined && value !== false;
      };
      if (check()) return resolve(value as T);
      const timer = setTimeout(() => {
        this.waiters.splice(this.waiters.indexOf(waiter), 1);
        reject(new Error(`Timed out after ${timeoutMs} ms waiting for ${what}.\nServer log:\n${this.logs.join('\n')}\n${this.stderr}`));
      }, timeoutMs);
      const waiter: Waiter = {
        check,
        resolve: () => {
          clearTimeout(timer);
          resolve(value as T);
        },
      };
      this.waiters.push(waiter);
    });
  }

  latest(uri: string): PublishDiagnosticsParams | undefined {
    const list = this.published.get(uri);
    return list?.[list.length - 1];
  }

  /** Waits until the latest diagnostics published for `uri` satisfy `accept`. */
  waitForDiagnostics(uri: string, accept: (p: PublishDiagnosticsParams) => boolean, what: string, timeoutMs?: number): Promise<PublishDiagnosticsParams> {
    return this.waitFor(
      () => {
        const p = this.latest(uri);
        return p && accept(p) ? p : undefined;
      },
      `diagnostics for ${uri}: ${what}`,
      timeoutMs,
    );
  }

  open(uri: string, text: string, version = 1, languageId = 'yaml'): Promise<void> {
    return this.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId, version, text } });
  }

  change(uri: string, version: number, changes: TextDocumentContentChangeEvent[]): Promise<void> {
    return this.connection.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri, version }, contentChanges: changes });
  }

  /** An incremental edit replacing `range` with `text`. */
  edit(uri: string, version: number, range: Range, text: string): Promise<void> {
    return this.change(uri, version, [{ range, text }]);
  }

  close(uri: string): Promise<void> {
    return this.connection.sendNotification(DidCloseTextDocumentNotification.type, { textDocument: { uri } });
  }

  filesChanged(changes: FileEvent[]): Promise<void> {
    return this.connection.sendNotification(DidChangeWatchedFilesNotification.type, { changes });
  }

  changeSettings(settings: Record<string, unknown>): Promise<void> {
    this.settings = settings;
    return this.connection.sendNotification(DidChangeConfigurationNotification.type, { settings: { scalelint: settings } });
  }

  pull(uri: string, previousResultId?: string): Promise<DocumentDiagnosticReport> {
    return this.connection.sendRequest(DocumentDiagnosticRequest.type, { textDocument: { uri }, ...(previousResultId ? { previousResultId } : {}) });
  }

  async codeActions(uri: string, range: Range, diagnostics: Diagnostic[], only?: string[]): Promise<CodeAction[]> {
    const context = { diagnostics, ...(only ? { only } : {}) };
    const result = (await this.connection.sendRequest(CodeActionRequest.type, { textDocument: { uri }, range, context })) ?? [];
    return result.filter((a: CodeAction | Command): a is CodeAction => 'kind' in a || 'edit' in a);
  }

  hover(uri: string, position: Position): Promise<Hover | null> {
    return this.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position });
  }

  async completion(uri: string, position: Position, context?: CompletionContext): Promise<CompletionItem[]> {
    const result: CompletionItem[] | CompletionList | null = await this.connection.sendRequest(CompletionRequest.type, { textDocument: { uri }, position, ...(context ? { context } : {}) });
    return Array.isArray(result) ? result : (result?.items ?? []);
  }

  /** shutdown + exit; resolves with the server's exit code. */
  async shutdown(): Promise<number | null> {
    await this.connection.sendRequest(ShutdownRequest.type);
    await this.connection.sendNotification(ExitNotification.type);
    const code = await this.waitFor(() => (this.exitCode === undefined ? undefined : { code: this.exitCode }), 'the server to exit');
    this.connection.dispose();
    return code.code;
  }

  /** For `after`: ends the child however the test went. */
  kill(): void {
    this.connection.dispose();
    if (this.exitCode === undefined) this.child.kill();
  }
}

/**
 * A server of its own, started with `env`, opens `large.yaml` in `folder` with `text`: the JSON of the diagnostics
 * published for that open, and the server's log lines. For tests that compare what one setting publishes with another's.
 */
export async function diagnosticsOfOpen(folder: string, text: string, env: StartOptions['env']): Promise<{ diagnostics: string; logs: string[] }> {
  const lsp = await LspHarness.start({ folder, env });
  try {
    const uri = fileUri(join(folder, 'large.yaml'));
    await lsp.open(uri, text);
    const p = await lsp.waitForDiagnostics(uri, (d) => d.version === 1, 'diagnostics of the open', 120_000);
    return { diagnostics: JSON.stringify(p.diagnostics), logs: [...lsp.logs] };
  } finally {
    await lsp.shutdown();
  }
}

/**
 * The ScaleLint language server, bundled as server/out/server.js: the connection, the capabilities and
 * the handlers' registration. Each concern is a file beside this one: documents.ts (one record per open
 * document), linting.ts, publish.ts (push or pull diagnostics), config-sync.ts, workspace-index.ts, and
 * one file per feature (code-actions, code-lens, hover, completion); the engine lints.
 */
import { existsSync } from 'node:fs';
import { basename } from 'node:path';
import {
  CodeActionKind,
  DidChangeWatchedFilesNotification,
  NotificationType,
  TextDocumentSyncKind,
  type DidChangeConfigurationParams,
  type DidChangeWatchedFilesParams,
  type InitializeParams,
  type InitializeResult,
  type TextDocumentChangeEvent,
  type WorkspaceFolder,
} from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { schemasAvailable } from '../engine';
import { loadHclParser } from '../node/hcl-parser';
import { LINT_WORKER_SCRIPT, lintThreadsWanted } from '../node/lint-threads';
import { SCHEMAS_DIR, useSchemasFromDisk, type PrecompiledValidators } from '../node/schemas';
import { trace } from '../node/trace';
import { VERSION } from '../node/version';
import { DEFER_BUILT_IN_KUBERNETES_NOTIFICATION, FIX_ALL_KIND, SCALELINT, type DeferBuiltInKubernetesParams, type InitializationOptions } from '../protocol';
import { registerCapacity } from './capacity';
import { registerCodeActions } from './code-actions';
import { registerCodeLens } from './code-lens';
import { registerCompletion } from './completion';
import { tuneCompiler } from '../node/compiler';
import { ConfigSync } from './config-sync';
import { createServerConnection } from './diagnostics-json';
import { OpenDocuments } from './documents';
import { registerHover } from './hover';
import { Linting } from './linting';
import { Publisher } from './publish';
import { registerRenderedManifest } from './rendered-manifest';
import { useHclParser } from './renders';
import { Session } from './session';
import { folderFromUri, type Folder } from './workspace';
import { EditorActivity, watchClientInput } from './editor-activity';
import { WorkspaceIndex } from './workspace-index';

tuneCompiler(); // first: the compiles it affects start with the first lint
const connection = createServerConnection();
const documents = new OpenDocuments();
const session = new Session(connection, documents);
const validators = useSchemasFromDisk();
// A file no chart or kustomization reads any more is linted as written again: read back from the disk.
const linting = new Linting(session, (set) => publisher.markChanged(set), (key) => void index.refresh(key).catch((err) => session.log(`ScaleLint: reading ${key} failed`, err)));
const publisher = new Publisher(session, linting);
const index = new WorkspaceIndex({
  workspace: session.workspace,
  isOpen: (key) => documents.isOpen(key),
  openKeys: (set) => documents.allLintable().filter((doc) => session.workspace.setFor(doc.key) === set).map((doc) => doc.key),
  changed: (set) => publisher.setChanged(set),
  log: (message) => connection.console.log(message),
  error: (message, err) => session.log(message, err),
  // Editing comes first: indexing waits while a lint is due, and for a moment after each edit or open and
  // after each lint (a large file's first lint takes longer than that moment: the next edit follows its diagnostics).
  // A message read but not yet handled is let through before the next slice, too.
  busyFor: () => activity.busyFor(),
  restAfter: (workMs) => activity.restAfter(workMs),
});
const activity = new EditorActivity(publisher);
watchClientInput(process.argv.slice(2), () => activity.input());
const config = new ConfigSync(session, index, publisher);

process.on('uncaughtException', (err) => session.log('ScaleLint: uncaught exception', err));
process.on('unhandledRejection', (err) => session.log('ScaleLint: unhandled rejection', err));

/**
 * One line at start saying how this server will lint: with or without its lint thread, with or without the
 * validators compiled at build time. An installed extension that lacks either still works, more slowly; the
 * packaged-extension tests read this line to prove the .vsix carries both.
 */
function startupReport(compiled: PrecompiledValidators): string {
  const wanted = lintThreadsWanted();
  const threads = !existsSync(LINT_WORKER_SCRIPT) ? `missing (${LINT_WORKER_SCRIPT})` : wanted.use ? 'ready' : `ready, unused (${wanted.why})`;
  const validatorText = compiled.listed ? `${compiled.available} of ${compiled.listed} precompiled` : `none precompiled (${compiled.dir}): compiled at first use`;
  return `ScaleLint server ${VERSION}: lint thread ${threads}; schema validators ${validatorText}.`;
}

// ---- lifecycle ----

connection.onInitialize((params: InitializeParams): InitializeResult => {
  const caps = params.capabilities;
  const support = session.support;
  support.pull = !!caps.textDocument?.diagnostic;
  support.refresh = !!caps.workspace?.diagnostics?.refreshSupport;
  support.relatedInformation = !!caps.textDocument?.publishDiagnostics?.relatedInformation;
  support.dynamicWatchers = !!caps.workspace?.didChangeWatchedFiles?.dynamicRegistration;
  support.configuration = !!caps.workspace?.configuration;
  support.workspaceFolders = !!caps.workspace?.workspaceFolders;
  support.documentChanges = !!caps.workspace?.workspaceEdit?.documentChanges;
  support.completionSnippets = !!caps.textDocument?.completion?.completionItem?.snippetSupport;
  const init = (params.initializationOptions ?? {}) as { [K in keyof InitializationOptions]?: unknown };
  support.snippetFixes = init.snippetFixes === true;
  session.editorOptions.deferBuiltInKubernetes = init.deferBuiltInKubernetes === true;
  const given: WorkspaceFolder[] = params.workspaceFolders ?? (params.rootUri ? [{ uri: params.rootUri, name: basename(params.rootUri) }] : []);
  config.setFolders(given.map((f) => folderFromUri(f.uri, f.name)).filter((f): f is Folder => !!f));
  const result: InitializeResult = {
    capabilities: {
      textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
      codeLensProvider: { resolveProvider: false },
      codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, FIX_ALL_KIND] },
      hoverProvider: true,
      // A space after `key:` asks for values (YAML values are strings, where editors do not suggest by themselves).
      completionProvider: { triggerCharacters: [' '] },
      workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
    },
    serverInfo: { name: SCALELINT },
  };
  if (support.pull) result.capabilities.diagnosticProvider = { identifier: SCALELINT, interFileDependencies: true, workspaceDiagnostics: false };
  return result;
});

connection.onInitialized(
  session.guard('initialized', undefined, async () => {
    try {
      if (session.support.workspaceFolders) connection.workspace.onDidChangeWorkspaceFolders(session.guard('workspace folders', undefined, (event) => config.foldersChanged(event)));
      if (session.support.dynamicWatchers) {
        await connection.client.register(DidChangeWatchedFilesNotification.type, {
          // `.tpl`: a chart's helpers; `Kustomization`: the one kustomization file name without an extension.
          // `.tf`, `.tf.json`, `.sh`, `.bash`: Terraform modules and scripts, rendered for the rules; `.json`:
          // CloudFormation templates (the index reads a JSON file's head to tell).
          watchers: [{ globPattern: '**/*.{yaml,yml,tpl,tf,sh,bash,json}' }, { globPattern: '**/.scalelint.yaml' }, { globPattern: '**/Kustomization' }],
        });
      } else {
        connection.console.warn('ScaleLint: the client cannot watch files for the server; files changed outside the editor are seen after a reload only.');
      }
      connection.console.info(startupReport(validators));
      // Terraform modules need the HCL parser (WebAssembly): loaded once, before the workspace is indexed.
      try {
        useHclParser(await loadHclParser());
      } catch (err) {
        session.log('ScaleLint: the Terraform parser could not be loaded; .tf files are not checked', err);
      }
      if (!schemasAvailable()) connection.console.warn(`ScaleLint: no JSON Schemas in ${SCHEMAS_DIR}; the schema rule is silent.`);
      await config.loadSettings();
    } finally {
      session.markReady(); // whatever failed above, documents still get linted
      config.indexAll();
    }
  }),
);

connection.onDidChangeConfiguration(session.guard('configuration change', undefined, (params: DidChangeConfigurationParams) => config.settingsChanged(params)));

connection.onDidChangeWatchedFiles(
  session.guard('file events', undefined, ({ changes }: DidChangeWatchedFilesParams) => {
    if (index.fileEvents(changes)) config.reloadConfig();
  }),
);

connection.onNotification(new NotificationType<DeferBuiltInKubernetesParams>(DEFER_BUILT_IN_KUBERNETES_NOTIFICATION), (params) => config.deferChanged(params));

// ---- documents ----

documents.sync.onDidOpen(
  session.guard('open', undefined, ({ document }: TextDocumentChangeEvent<TextDocument>) => {
    trace('didOpen');
    activity.edited();
    const doc = documents.lintable(document.uri);
    publisher.forgetPlaced(document.uri, !!doc);
    if (!doc) {
      renderInputChanged(document.uri);
      return;
    }
    linting.prepareOpen(doc);
    void config.opened(doc);
  }),
);

documents.sync.onDidChangeContent(
  session.guard('change', undefined, ({ document }: TextDocumentChangeEvent<TextDocument>) => {
    trace('didChange');
    activity.edited();
    const doc = documents.lintable(document.uri);
    if (doc) publisher.documentChanged(doc);
    else renderInputChanged(document.uri);
  }),
);

/** A document ScaleLint does not lint changed (a chart's `_helpers.tpl`): the charts that read it render again. */
function renderInputChanged(uri: string): void {
  const record = documents.get(uri);
  const key = record?.key ?? uri;
  const set = session.workspace.setFor(key);
  set.renders.fileChanged(key);
  publisher.setChanged(set);
}

documents.sync.onDidClose(
  session.guard('close', undefined, ({ document }: TextDocumentChangeEvent<TextDocument>) => {
    const doc = documents.get(document.uri);
    if (!doc) return;
    documents.drop(doc);
    // Charts and kustomizations read the file from the disk again; findings placed in it are published on it.
    const set = session.workspace.setFor(doc.key);
    set.renders.noteClosed(doc.key);
    set.renders.fileChanged(doc.key);
    publisher.forgetPlaced(doc.uri);
    publisher.setChanged(set);
    if (!doc.lintable) return;
    if (!session.support.pull) connection.sendDiagnostics({ uri: doc.uri, diagnostics: [] });
    // The lint set falls back to the file on disk (or drops an untitled document).
    void index.refresh(doc.uri).catch((err) => session.log(`ScaleLint: reading ${doc.uri} failed`, err));
  }),
);

// ---- features ----

publisher.register();
registerCodeActions(session, linting);
registerCodeLens(session, linting, publisher);
registerHover(session, linting);
registerCompletion(session, linting);
registerRenderedManifest(session, linting);
registerCapacity(session, linting);

documents.sync.listen(connection);
connection.listen();

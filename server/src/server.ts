/**
 * The ScaleLint language server: LSP wiring only. Documents, the workspace index, diagnostics (pull
 * where the client offers it, push otherwise), config reload and quick fixes; the engine lints.
 *
 * Incrementality: the engine's Linter keeps each YAML document's parse and findings keyed by its text,
 * so an edit re-parses and re-checks only the edited document; the cross-document rules then run over
 * the lint set, and every other open document of that set is compared by fingerprint and re-sent (push)
 * or refreshed (pull) only when its findings changed.
 */
import { existsSync, readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { getHeapStatistics, setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { basename } from 'node:path';
import {
  createConnection,
  CodeActionKind,
  NotificationType,
  DiagnosticSeverity,
  DidChangeWatchedFilesNotification,
  DocumentDiagnosticReportKind,
  FileChangeType,
  MessageType,
  ProposedFeatures,
  ShowMessageNotification,
  TextDocuments,
  TextDocumentSyncKind,
  type CodeAction,
  type CodeActionParams,
  type CodeLens,
  type CodeLensParams,
  type CompletionItem,
  type CompletionParams,
  type Diagnostic,
  type DidChangeConfigurationParams,
  type DidChangeWatchedFilesParams,
  type DocumentDiagnosticParams,
  type DocumentDiagnosticReport,
  type Hover,
  type HoverParams,
  type TextDocumentChangeEvent,
  type InitializeParams,
  type InitializeResult,
  type WorkspaceFolder,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { codeLenses } from './lsp-code-lens';
import { fixAll, LineIndex, schemasAvailable, type EditorOptions, type FileFinding, type FileState, type PreparedDocument } from './engine';
import { codeActions, FIX_ALL_KIND } from './lsp-code-actions';
import { completion } from './lsp-completion';
import { hover } from './lsp-hover';
import { withoutRedHatDuplicates } from './lsp-redhat';
import { fingerprint, linesOf, SOURCE, toDiagnostics, type ConvertOptions } from './lsp-diagnostics';
import { WorkspaceIndex } from './lsp-index';
import { LINT_WORKER_SCRIPT, LintThreads } from './lint-threads';
import { trace } from './trace';
import { VERSION } from './version';
import { SCHEMAS_DIR, useSchemasFromDisk } from './validators';
import { folderFromUri, isConfigFile, isYamlName, keyOf, pathOf, uriOf, Workspace, type Folder, type LintSet } from './lsp-workspace';

const connection = createConnection(ProposedFeatures.all);

/**
 * What changed in each open document since its text was last handed to the linter: the first `prefix`
 * and last `suffix` characters are unchanged, so the linter re-splits only around the edit.
 */
const pendingChanges = new Map<string, { prefix: number; suffix: number; previousLength: number; inserted?: string }>();
/** Open documents whose text the linter holds since they were opened: only then does a hint apply. */
const synced = new Set<string>();

const documents = new TextDocuments<TextDocument>({
  create: (uri, languageId, version, content) => {
    pendingChanges.delete(uri);
    synced.delete(uri);
    return TextDocument.create(uri, languageId, version, content);
  },
  update: (document, changes, version) => {
    const pending = pendingChanges.get(document.uri);
    let hint = pending ?? { prefix: Infinity, suffix: Infinity, previousLength: document.getText().length };
    for (const change of changes) {
      const length = document.getText().length;
      if ('range' in change) {
        const start = document.offsetAt(change.range.start);
        const end = Math.max(start, document.offsetAt(change.range.end));
        // One change since the last lint: its text is the whole difference, and the linter need not
        // read the new text (a 3.6 MB copy per keystroke at 5,000 documents). Several: prefix and suffix only.
        const only = hint === pending || hint.prefix !== Infinity ? undefined : change.text;
        hint = { previousLength: hint.previousLength, prefix: Math.min(hint.prefix, start), suffix: Math.min(hint.suffix, length - end), ...(only !== undefined ? { inserted: only } : {}) };
      } else hint = { previousLength: hint.previousLength, prefix: 0, suffix: 0 };
      TextDocument.update(document, [change], version);
    }
    pendingChanges.set(document.uri, hint);
    return document;
  },
});

const validators = useSchemasFromDisk();

/**
 * One line at start saying how this server will lint: with or without its lint thread, with or without the
 * validators compiled at build time. An installed extension that lacks either still works, more slowly; the
 * packaged-extension tests read this line to prove the .vsix carries both.
 */
function startupReport(): string {
  const threads =
    process.env.SCALELINT_LINT_THREADS === '0'
      ? 'off (SCALELINT_LINT_THREADS=0)'
      : availableParallelism() < 2
        ? 'off (one core)'
        : existsSync(LINT_WORKER_SCRIPT)
          ? 'ready'
          : `missing (${LINT_WORKER_SCRIPT})`;
  const compiled = validators.listed ? `${validators.available} of ${validators.listed} precompiled` : `none precompiled (${validators.dir}): compiled at first use`;
  return `ScaleLint server ${VERSION}: lint thread ${threads}; schema validators ${compiled}.`;
}

const support = {
  pull: false,
  refresh: false,
  relatedInformation: false,
  dynamicWatchers: false,
  configuration: false,
  workspaceFolders: false,
  documentChanges: false,
  /** Completion items may be snippets. */
  completionSnippets: false,
  /** Initialization option `snippetFixes`: the client applies snippet edits carried in a code action's data. */
  snippetFixes: false,
};

/**
 * Initialization option and notification `scalelint/deferBuiltInKubernetes`: Red Hat's YAML extension
 * validates Kubernetes files, so the built-in kinds' schema problems (except unknown fields), field
 * descriptions and completions are left to it (lsp-redhat.ts).
 */
const editorOptions: EditorOptions = { deferBuiltInKubernetes: false };
const DeferNotification = new NotificationType<{ defer: boolean }>('scalelint/deferBuiltInKubernetes');

let folders: Folder[] = [];
const workspace = new Workspace();
/** Open lintable documents: engine key → the client's URI. */
const openKeys = new Map<string, string>();
/** Per open document (client URI): fingerprint of the findings last sent or last refreshed for. */
const known = new Map<string, string>();
/** Pull mode: the last report per document, for `unchanged` answers. */
const reported = new Map<string, { resultId: string; fingerprint: string; version: number }>();
let nextResultId = 1;
/** Documents changed since the last flush (client URIs). */
const dirty = new Set<string>();
/** Lint sets whose content changed since the last flush. */
const changedSets = new Set<LintSet>();
let flushTimer: NodeJS.Immediate | undefined;
/** Settings from didChangeConfiguration, for clients without workspace/configuration. */
let pushedSettings: unknown;

let markReady: () => void = () => undefined;
/** Resolved once the settings are known: no document is linted with the wrong config first. */
const ready = new Promise<void>((resolve) => (markReady = resolve));

const index = new WorkspaceIndex({
  workspace,
  isOpen: (key) => openKeys.has(key),
  changed: (set) => {
    changedSets.add(set);
    scheduleFlush();
  },
  log: (message) => connection.console.log(message),
});

function log(message: string, err?: unknown): void {
  connection.console.error(err === undefined ? message : `${message}: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
}

/** Runs a handler; an exception is logged and turned into `fallback`, never a crash. */
function guard<A extends unknown[], R>(name: string, fallback: R, handler: (...args: A) => R | Promise<R>): (...args: A) => Promise<R> {
  return async (...args: A) => {
    try {
      return await handler(...args);
    } catch (err) {
      log(`ScaleLint: ${name} failed`, err);
      return fallback;
    }
  };
}

process.on('uncaughtException', (err) => log('ScaleLint: uncaught exception', err));
process.on('unhandledRejection', (err) => log('ScaleLint: unhandled rejection', err));

function isLintable(doc: TextDocument): boolean {
  if (isConfigFile(doc.uri)) return false;
  return doc.languageId === 'yaml' || isYamlName(doc.uri);
}

/** Hands the document's current text to its lint set; the set is marked changed when the text is new. */
function sync(doc: TextDocument): LintSet | undefined {
  const key = keyOf(doc.uri);
  const set = workspace.setFor(key);
  const path = pathOf(key);
  if (path && set.isExcluded(path)) {
    if (set.linter.remove(key)) changedSets.add(set);
    return undefined;
  }
  const before = set.linter.get(key);
  const change = synced.has(doc.uri) ? pendingChanges.get(doc.uri) : undefined;
  pendingChanges.delete(doc.uri);
  synced.add(doc.uri);
  const prepared = preparing.get(doc.uri)?.documents;
  if (prepared) preparing.delete(doc.uri);
  if (set.linter.update(key, doc.getText(), doc.version, change, prepared) !== before) changedSets.add(set);
  return set;
}

/**
 * Opening a large document (1 MB or more, some 1,400 YAML documents: below that, starting the thread
 * costs more than it saves): the lint thread parses and checks documents while this thread does too
 * (lint-threads.ts).
 */
const PARALLEL_OPEN_CHARS = 1024 * 1024;
let lintThreads: LintThreads | undefined;
/** Documents being prepared on the lint thread, per client URI; taken by the next sync of that document. */
const preparing = new Map<string, { promise: Promise<void>; documents?: Map<string, PreparedDocument> }>();

/** The lint thread, started with the first large document (where there is a second core; SCALELINT_LINT_THREADS=0 turns it off). */
function startLintThreads(): LintThreads | undefined {
  if (!lintThreads && availableParallelism() > 1 && process.env.SCALELINT_LINT_THREADS !== '0') lintThreads = new LintThreads(1);
  return lintThreads?.size ? lintThreads : undefined;
}

function prepareOpen(doc: TextDocument): void {
  if (doc.getText().length < PARALLEL_OPEN_CHARS || !startLintThreads()) return;
  const entry: { promise: Promise<void>; documents?: Map<string, PreparedDocument> } = { promise: Promise.resolve() };
  entry.promise = (async () => {
    await ready;
    const key = keyOf(doc.uri);
    const set = workspace.setFor(key);
    const path = pathOf(key);
    if (!set.enabled || (path && set.isExcluded(path)) || set.linter.get(key)?.text === doc.getText()) return;
    entry.documents = await lintThreads!.prepareFile(doc.getText(), set.configFor(key), set.linter);
  })().catch((err) => log('ScaleLint: preparing a large document on a lint thread failed (it is linted here instead)', err));
  preparing.set(doc.uri, entry);
}

interface Lint {
  findings: FileFinding[];
  file: FileState | undefined;
  set: LintSet | undefined;
}

/** The findings shown for a file: the lint set's, less what Red Hat's YAML extension reports itself. */
function shown(findings: FileFinding[], file: FileState | undefined): FileFinding[] {
  return editorOptions.deferBuiltInKubernetes ? withoutRedHatDuplicates(findings, file) : findings;
}

function lint(doc: TextDocument): Lint {
  const set = sync(doc);
  if (!set || !set.enabled) return { findings: [], file: undefined, set };
  const key = keyOf(doc.uri);
  const file = set.linter.get(key);
  return { findings: shown(set.linter.lintFile(key), file), file, set };
}

/** The document's text with every safe fix applied (the lint set sees each pass), or undefined when none applies. */
function fixAllOf(doc: TextDocument): string | undefined {
  const set = sync(doc);
  if (!set || !set.enabled) return undefined;
  const key = keyOf(doc.uri);
  const original = doc.getText();
  if (set.linter.get(key)?.tooLarge !== undefined) return undefined;
  try {
    const result = fixAll(original, (text) => {
      set.linter.update(key, text, doc.version);
      return shown(set.linter.lintFile(key), set.linter.get(key));
    });
    return result.applied > 0 && result.text !== original ? result.text : undefined;
  } finally {
    set.linter.update(key, original, doc.version); // the lint set goes back to the document as it is
  }
}

const stamps = new WeakMap<FileState, number>();
let nextStamp = 1;
function stampOf(set: LintSet | undefined, file: string): string {
  const state = set?.linter.get(file);
  if (!state) return '-';
  let stamp = stamps.get(state);
  if (stamp === undefined) stamps.set(state, (stamp = nextStamp++));
  return String(stamp);
}

function fingerprintOf(result: Lint): string {
  return fingerprint(result.findings, (file) => stampOf(result.set, file));
}

function diagnosticsOf(result: Lint, version: number): Diagnostic[] {
  if (!result.file || !result.set) return [];
  const set = result.set;
  const options: ConvertOptions = {
    relatedInformation: support.relatedInformation,
    locate: (file) => {
      const state = set.linter.get(file);
      return state ? { uri: openKeys.get(file) ?? file, lines: linesOf(state) } : undefined;
    },
  };
  return toDiagnostics(result.findings, result.file, version, options);
}

/**
 * Keystrokes on a large file leave megabytes of short-lived large objects behind (the editor's new
 * text, the published JSON), which V8 collects only when its heap has grown well past the live data:
 * the process's peak memory climbs edit after edit. When the heap has grown by this much since the
 * last look, ask for a major collection, run incrementally (no long pause).
 */
const COLLECT_AFTER_BYTES = 96 * 1024 * 1024;
const collectGarbage = ((): ((options: { type: string; execution: string }) => void) | undefined => {
  try {
    setFlagsFromString('--expose-gc');
    return runInNewContext('gc') as (options: { type: string; execution: string }) => void;
  } catch {
    return undefined;
  }
})();
let heapAfterCollect = 0;

function collectIfGrown(): void {
  if (!collectGarbage) return;
  const used = getHeapStatistics().used_heap_size;
  if (heapAfterCollect === 0 || used < heapAfterCollect) heapAfterCollect = used;
  else if (used - heapAfterCollect > COLLECT_AFTER_BYTES) {
    collectGarbage({ type: 'major', execution: 'async' });
    heapAfterCollect = 0; // measured again after the collection
  }
}

/**
 * Push mode lints right after the message at hand (no debounce): an edit costs about 7 ms of CPU to
 * lint and publish at 1,000 documents and 25 ms at 5,000 (PERFORMANCE.md), less than the time between
 * two keystrokes, so waiting would only add latency. Changes that arrive in one message are linted once.
 */
function scheduleFlush(): void {
  flushTimer ??= setImmediate(() => {
    flushTimer = undefined;
    void flush().catch((err) => log('ScaleLint: linting failed', err));
  });
}

/**
 * Brings diagnostics up to date: edited documents are linted (push: published with their version);
 * every other open document of a changed lint set is re-checked and re-sent (push) or refreshed (pull)
 * only when its findings changed.
 */
async function flush(): Promise<void> {
  await ready;
  trace('flush start');
  // A large document just opened: wait for the lint thread's share, so it is not parsed twice.
  if (preparing.size) await Promise.all([...preparing.values()].map((p) => p.promise));
  trace('prepared');
  // Everything below is synchronous: the texts linted are the texts whose versions are published.
  const edited = new Set<string>();
  for (const uri of dirty) {
    const doc = documents.get(uri);
    if (doc && isLintable(doc)) edited.add(uri);
  }
  dirty.clear();
  const open = documents.all().filter(isLintable);
  for (const doc of open) {
    if (edited.has(doc.uri)) changedSets.add(workspace.setFor(keyOf(doc.uri)));
    sync(doc); // all texts first, so cross-document findings below see every open document
  }
  const sets = new Set(changedSets);
  changedSets.clear();
  let refresh = false;
  for (const doc of open) {
    if (!sets.has(workspace.setFor(keyOf(doc.uri)))) continue;
    // Pull: a document whose current version was not reported yet is pulled by the client anyway.
    if (support.pull && reported.get(doc.uri)?.version !== doc.version) continue;
    trace('sync done');
    const result = lint(doc);
    trace('lintFile done');
    const print = fingerprintOf(result);
    if (!(edited.has(doc.uri) && !support.pull) && known.get(doc.uri) === print) continue;
    known.set(doc.uri, print);
    if (support.pull) refresh = true;
    else connection.sendDiagnostics({ uri: doc.uri, version: doc.version, diagnostics: diagnosticsOf(result, doc.version) });
    trace('sent');
  }
  changedSets.clear();
  if (refresh && support.refresh) connection.languages.diagnostics.refresh();
  collectIfGrown();
}

// ---- configuration ----

const configDiagnostics = new Set<string>();
const configWarningsShown = new Set<string>();
/** Config files validated at least once, so a document opened under a new one triggers validation. */
const configsValidated = new Set<string>();

/** One diagnostic per problem on each config file in use, and a warning message once per new problem set. */
function validateConfigs(): void {
  const paths = new Set(index.configFiles);
  for (const doc of documents.all()) {
    const key = keyOf(doc.uri);
    const path = workspace.setFor(key).configPathFor(key);
    if (path) paths.add(path);
  }
  const published = new Set<string>();
  for (const path of paths) {
    // Gone since it was seen (a folder walk that listed it just before it was deleted): nothing to report.
    if (!existsSync(path)) {
      index.configFiles.delete(path);
      continue;
    }
    configsValidated.add(path);
    const uri = uriOf(path);
    const problems = workspace.setForPath(path).configProblems(path);
    if (problems.length === 0) continue;
    let text = '';
    try {
      text = readFileSync(path, 'utf8');
    } catch {
      // unreadable: the problem says so, at the start of the file
    }
    const lines = new LineIndex(text);
    const diagnostics: Diagnostic[] = problems.map((p) => ({
      range: { start: lines.position(p.start), end: lines.position(Math.max(p.start, p.end)) },
      severity: DiagnosticSeverity.Error,
      source: SOURCE,
      message: p.message,
    }));
    connection.sendDiagnostics({ uri, diagnostics });
    published.add(uri);
    const summary = `${path}\n${problems.map((p) => p.message).join('\n')}`;
    if (!configWarningsShown.has(summary)) {
      configWarningsShown.add(summary);
      const first = problems[0].message;
      const more = problems.length > 1 ? ` (and ${problems.length - 1} more)` : '';
      // A notification, not a request: nothing to answer, and it does not wait on the user.
      void connection.sendNotification(ShowMessageNotification.type, { type: MessageType.Warning, message: `ScaleLint: ${path}: ${first}${more}` });
    }
  }
  for (const uri of configDiagnostics) if (!published.has(uri)) connection.sendDiagnostics({ uri, diagnostics: [] });
  configDiagnostics.clear();
  for (const uri of published) configDiagnostics.add(uri);
}

/** Reads the `scalelint` settings of every lint set; true when any changed. */
async function loadSettings(): Promise<boolean> {
  const sets = workspace.all();
  let values: unknown[];
  if (support.configuration) {
    try {
      values = await connection.workspace.getConfiguration(sets.map((s) => (s.folder ? { scopeUri: s.folder.uri, section: 'scalelint' } : { section: 'scalelint' })));
    } catch (err) {
      log('ScaleLint: could not read the settings', err);
      values = sets.map(() => undefined);
    }
  } else values = sets.map(() => pushedSettings);
  let changed = false;
  sets.forEach((set, i) => (changed = set.applySettings(values[i]) || changed));
  return changed;
}

/** A config file or the settings changed: re-check everything and re-walk (`ignore` may differ). */
function reloadConfig(): void {
  for (const set of workspace.all()) {
    set.configChanged();
    changedSets.add(set);
  }
  validateConfigs();
  scheduleFlush();
  indexAll();
}

function indexAll(): void {
  for (const set of workspace.all()) {
    index
      .indexSet(set)
      .then(() => validateConfigs())
      .catch((err) => log(`ScaleLint: indexing ${set.label} failed`, err));
  }
}

// ---- lifecycle ----

connection.onInitialize((params: InitializeParams): InitializeResult => {
  const caps = params.capabilities;
  support.pull = !!caps.textDocument?.diagnostic;
  support.refresh = !!caps.workspace?.diagnostics?.refreshSupport;
  support.relatedInformation = !!caps.textDocument?.publishDiagnostics?.relatedInformation;
  support.dynamicWatchers = !!caps.workspace?.didChangeWatchedFiles?.dynamicRegistration;
  support.configuration = !!caps.workspace?.configuration;
  support.workspaceFolders = !!caps.workspace?.workspaceFolders;
  support.documentChanges = !!caps.workspace?.workspaceEdit?.documentChanges;
  support.completionSnippets = !!caps.textDocument?.completion?.completionItem?.snippetSupport;
  const init = (params.initializationOptions ?? {}) as { snippetFixes?: unknown; deferBuiltInKubernetes?: unknown };
  support.snippetFixes = init.snippetFixes === true;
  editorOptions.deferBuiltInKubernetes = init.deferBuiltInKubernetes === true;
  const given: WorkspaceFolder[] = params.workspaceFolders ?? (params.rootUri ? [{ uri: params.rootUri, name: basename(params.rootUri) }] : []);
  folders = given.map((f) => folderFromUri(f.uri, f.name)).filter((f): f is Folder => !!f);
  workspace.setFolders(folders);
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
    serverInfo: { name: 'scalelint' },
  };
  if (support.pull) result.capabilities.diagnosticProvider = { identifier: 'scalelint', interFileDependencies: true, workspaceDiagnostics: false };
  return result;
});

connection.onInitialized(
  guard('initialized', undefined, async () => {
    try {
      if (support.workspaceFolders) connection.workspace.onDidChangeWorkspaceFolders(guard('workspace folders', undefined, onFoldersChanged));
      if (support.dynamicWatchers) {
        await connection.client.register(DidChangeWatchedFilesNotification.type, {
          watchers: [{ globPattern: '**/*.{yaml,yml}' }, { globPattern: '**/.scalelint.yaml' }],
        });
      } else {
        connection.console.warn('ScaleLint: the client cannot watch files for the server; files changed outside the editor are seen after a reload only.');
      }
      connection.console.info(startupReport());
      if (!schemasAvailable()) connection.console.warn(`ScaleLint: no JSON Schemas in ${SCHEMAS_DIR}; the schema rule is silent.`);
      await loadSettings();
    } finally {
      markReady(); // whatever failed above, documents still get linted
      indexAll();
    }
  }),
);

async function onFoldersChanged(event: { added: WorkspaceFolder[]; removed: WorkspaceFolder[] }): Promise<void> {
  const removed = new Set(event.removed.map((f) => keyOf(f.uri)));
  folders = folders.filter((f) => !removed.has(keyOf(f.uri)));
  for (const f of event.added) {
    const folder = folderFromUri(f.uri, f.name);
    if (folder) folders.push(folder);
  }
  // Files move between lint sets: start the sets afresh; open documents are re-added on the next flush.
  workspace.setFolders(folders);
  await loadSettings();
  for (const set of workspace.all()) changedSets.add(set);
  scheduleFlush();
  indexAll();
}

connection.onDidChangeConfiguration(
  guard('configuration change', undefined, async (params: DidChangeConfigurationParams) => {
    const settings = (params.settings as { scalelint?: unknown } | null | undefined)?.scalelint;
    if (settings !== undefined) pushedSettings = settings;
    if (await loadSettings()) reloadConfig();
  }),
);

connection.onDidChangeWatchedFiles(
  guard('file events', undefined, ({ changes }: DidChangeWatchedFilesParams) => {
    let configChanged = false;
    for (const change of changes) {
      const path = pathOf(keyOf(change.uri));
      if (!path) continue;
      if (isConfigFile(path)) {
        configChanged = true;
        if (change.type === FileChangeType.Deleted) index.configFiles.delete(path);
        else index.configFiles.add(path);
      } else if (!isYamlName(path)) {
        if (change.type === FileChangeType.Deleted) index.removeUnder(change.uri);
      } else if (change.type === FileChangeType.Deleted) index.remove(change.uri);
      else void index.refresh(change.uri).catch((err) => log(`ScaleLint: reading ${path} failed`, err));
    }
    if (configChanged) reloadConfig();
  }),
);

// ---- documents ----

documents.onDidOpen(
  guard('open', undefined, ({ document }: TextDocumentChangeEvent<TextDocument>) => {
    trace('didOpen');
    if (!isLintable(document)) return;
    const key = keyOf(document.uri);
    openKeys.set(key, document.uri);
    prepareOpen(document);
    // A file under a config file the index has not seen (above the workspace, or outside it).
    void ready.then(() => {
      const configPath = workspace.setFor(key).configPathFor(key);
      if (configPath && !configsValidated.has(configPath)) validateConfigs();
    });
  }),
);

documents.onDidChangeContent(
  guard('change', undefined, ({ document }: TextDocumentChangeEvent<TextDocument>) => {
    if (!isLintable(document)) return;
    dirty.add(document.uri);
    scheduleFlush();
  }),
);

documents.onDidClose(
  guard('close', undefined, ({ document }: TextDocumentChangeEvent<TextDocument>) => {
    const uri = document.uri;
    dirty.delete(uri);
    pendingChanges.delete(uri);
    synced.delete(uri);
    preparing.delete(uri);
    known.delete(uri);
    reported.delete(uri);
    if (!isLintable(document)) return;
    const key = keyOf(uri);
    openKeys.delete(key);
    if (!support.pull) connection.sendDiagnostics({ uri, diagnostics: [] });
    // The lint set falls back to the file on disk (or drops an untitled document).
    void index.refresh(uri).catch((err) => log(`ScaleLint: reading ${uri} failed`, err));
  }),
);

// ---- pull diagnostics ----

connection.languages.diagnostics.on(
  guard('diagnostics', { kind: DocumentDiagnosticReportKind.Full, items: [] } as DocumentDiagnosticReport, async (params: DocumentDiagnosticParams) => {
    await ready;
    const doc = documents.get(params.textDocument.uri);
    if (!doc || !isLintable(doc)) return { kind: DocumentDiagnosticReportKind.Full, items: [] };
    const result = lint(doc);
    if (changedSets.size > 0) scheduleFlush(); // its new text may change other documents' findings
    const print = fingerprintOf(result);
    known.set(doc.uri, print);
    const last = reported.get(doc.uri);
    if (last && params.previousResultId === last.resultId && last.fingerprint === print && last.version === doc.version) {
      return { kind: DocumentDiagnosticReportKind.Unchanged, resultId: last.resultId };
    }
    const resultId = String(nextResultId++);
    reported.set(doc.uri, { resultId, fingerprint: print, version: doc.version });
    return { kind: DocumentDiagnosticReportKind.Full, resultId, items: diagnosticsOf(result, doc.version) };
  }),
);

// ---- code actions ----

connection.onCodeAction(
  guard('code actions', [] as CodeAction[], async (params: CodeActionParams) => {
    await ready;
    const doc = documents.get(params.textDocument.uri);
    if (!doc || !isLintable(doc)) return [];
    return codeActions(params, doc, {
      documentChanges: support.documentChanges,
      snippetFixes: support.snippetFixes,
      relint: () => diagnosticsOf(lint(doc), doc.version),
      fixAll: () => fixAllOf(doc),
    });
  }),
);

// ---- code lenses ----

connection.onCodeLens(
  guard('code lenses', [] as CodeLens[], async (params: CodeLensParams) => {
    await ready;
    const doc = documents.get(params.textDocument.uri);
    if (!doc || !isLintable(doc)) return [];
    const set = sync(doc);
    if (changedSets.size > 0) scheduleFlush(); // its new text may change other documents' findings
    return set?.enabled ? codeLenses(doc, set.linter.get(keyOf(doc.uri))) : [];
  }),
);

// ---- hover and completion ----

connection.onHover(
  guard('hover', null as Hover | null, async (params: HoverParams) => {
    await ready;
    const doc = documents.get(params.textDocument.uri);
    if (!doc || !isLintable(doc)) return null;
    const result = lint(doc);
    return hover(doc, params.position, result.findings, result.file, editorOptions);
  }),
);

connection.onCompletion(
  guard('completion', [] as CompletionItem[], (params: CompletionParams) => {
    const doc = documents.get(params.textDocument.uri);
    if (!doc || !isLintable(doc)) return [];
    const set = sync(doc);
    return completion(doc, params.position, params.context, set?.linter.get(keyOf(doc.uri)), editorOptions, support.completionSnippets);
  }),
);

connection.onNotification(DeferNotification, (params) => {
  const defer = params?.defer === true;
  if (defer === editorOptions.deferBuiltInKubernetes) return;
  editorOptions.deferBuiltInKubernetes = defer;
  for (const set of workspace.all()) changedSets.add(set);
  scheduleFlush();
});

documents.listen(connection);
connection.listen();

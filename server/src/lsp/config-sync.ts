/**
 * Keeps the lint sets' configuration current: the `scalelint` settings (workspace/configuration, or the
 * values pushed with didChangeConfiguration), the `.scalelint.yaml` files (validated, their problems
 * shown as diagnostics and once as a warning), the workspace folders, and the client's Red Hat notice.
 */
import { existsSync, readFileSync } from 'node:fs';
import { DiagnosticSeverity, MessageType, ShowMessageNotification, type Diagnostic, type DidChangeConfigurationParams, type WorkspaceFolder } from 'vscode-languageserver/node';
import { LineIndex } from '../engine';
import { SCALELINT, SETTINGS_SECTION, type DeferBuiltInKubernetesParams } from '../protocol';
import type { OpenDocument } from './documents';
import type { Publisher } from './publish';
import type { Session } from './session';
import { folderFromUri, keyOf, uriOf, type Folder } from './workspace';
import type { WorkspaceIndex } from './workspace-index';

export class ConfigSync {
  /** Settings from didChangeConfiguration, for clients without workspace/configuration. */
  private pushedSettings: unknown;
  /** Config file URIs with diagnostics published, cleared when their problems are gone. */
  private readonly configDiagnostics = new Set<string>();
  private readonly configWarningsShown = new Set<string>();
  /** Config files validated at least once, so a document opened under a new one triggers validation. */
  private readonly configsValidated = new Set<string>();

  constructor(
    private readonly session: Session,
    private readonly index: WorkspaceIndex,
    private readonly publisher: Publisher,
  ) {}

  /** Reads the `scalelint` settings of every lint set; true when any changed. */
  async loadSettings(): Promise<boolean> {
    const { workspace, support, connection } = this.session;
    const sets = workspace.all();
    let values: unknown[];
    if (support.configuration) {
      try {
        values = await connection.workspace.getConfiguration(sets.map((s) => (s.folder ? { scopeUri: s.folder.uri, section: SETTINGS_SECTION } : { section: SETTINGS_SECTION })));
      } catch (err) {
        this.session.log('ScaleLint: could not read the settings', err);
        values = sets.map(() => undefined);
      }
    } else values = sets.map(() => this.pushedSettings);
    let changed = false;
    sets.forEach((set, i) => (changed = set.applySettings(values[i]) || changed));
    return changed;
  }

  async settingsChanged(params: DidChangeConfigurationParams): Promise<void> {
    const settings = (params.settings as { scalelint?: unknown } | null | undefined)?.scalelint;
    if (settings !== undefined) this.pushedSettings = settings;
    if (await this.loadSettings()) this.reloadConfig();
  }

  /** A config file or the settings changed: re-check everything and re-walk (`ignore` may differ). */
  reloadConfig(): void {
    for (const set of this.session.workspace.all()) {
      set.configChanged();
      this.publisher.markChanged(set);
    }
    this.validateConfigs();
    this.publisher.scheduleFlush();
    this.indexAll();
  }

  indexAll(): void {
    for (const set of this.session.workspace.all()) {
      this.index
        .indexSet(set)
        .then(() => this.validateConfigs())
        .catch((err) => this.session.log(`ScaleLint: indexing ${set.label} failed`, err));
    }
  }

  async foldersChanged(event: { added: WorkspaceFolder[]; removed: WorkspaceFolder[] }): Promise<void> {
    const session = this.session;
    const removed = new Set(event.removed.map((f) => keyOf(f.uri)));
    session.folders = session.folders.filter((f) => !removed.has(keyOf(f.uri)));
    for (const f of event.added) {
      const folder = folderFromUri(f.uri, f.name);
      if (folder) session.folders.push(folder);
    }
    // Files move between lint sets: start the sets afresh; open documents are re-added on the next flush.
    session.workspace.setFolders(session.folders);
    await this.loadSettings();
    this.publisher.allChanged();
    this.indexAll();
  }

  /** The client's notification: Red Hat's YAML extension now does (or no longer does) validate Kubernetes files. */
  deferChanged(params: DeferBuiltInKubernetesParams | undefined): void {
    const defer = params?.defer === true;
    if (defer === this.session.editorOptions.deferBuiltInKubernetes) return;
    this.session.editorOptions.deferBuiltInKubernetes = defer;
    this.publisher.allChanged();
  }

  /** A document opened under a config file the index has not seen (above the workspace, or outside it). */
  async opened(doc: OpenDocument): Promise<void> {
    await this.session.ready;
    const configPath = this.session.workspace.setFor(doc.key).configPathFor(doc.key);
    if (configPath && !this.configsValidated.has(configPath)) this.validateConfigs();
  }

  /** One diagnostic per problem on each config file in use, and a warning message once per new problem set. */
  validateConfigs(): void {
    const { workspace, connection } = this.session;
    const paths = new Set(this.index.configFiles);
    for (const doc of this.session.documents.all()) {
      const path = workspace.setFor(doc.key).configPathFor(doc.key);
      if (path) paths.add(path);
    }
    const published = new Set<string>();
    for (const path of paths) {
      // Gone since it was seen (a folder walk that listed it just before it was deleted): nothing to report.
      if (!existsSync(path)) {
        this.index.configFiles.delete(path);
        continue;
      }
      this.configsValidated.add(path);
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
        source: SCALELINT,
        message: p.message,
      }));
      connection.sendDiagnostics({ uri, diagnostics });
      published.add(uri);
      const summary = `${path}\n${problems.map((p) => p.message).join('\n')}`;
      if (!this.configWarningsShown.has(summary)) {
        this.configWarningsShown.add(summary);
        const first = problems[0].message;
        const more = problems.length > 1 ? ` (and ${problems.length - 1} more)` : '';
        // A notification, not a request: nothing to answer, and it does not wait on the user.
        void connection.sendNotification(ShowMessageNotification.type, { type: MessageType.Warning, message: `ScaleLint: ${path}: ${first}${more}` });
      }
    }
    for (const uri of this.configDiagnostics) if (!published.has(uri)) connection.sendDiagnostics({ uri, diagnostics: [] });
    this.configDiagnostics.clear();
    for (const uri of published) this.configDiagnostics.add(uri);
  }

  /** The folders the client gave at initialize. */
  setFolders(folders: Folder[]): void {
    this.session.folders = folders;
    this.session.workspace.setFolders(folders);
  }
}

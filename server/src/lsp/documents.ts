/**
 * Open documents. Everything the server keeps about one open document lives in its OpenDocument record,
 * created when the document opens and dropped when it closes, so nothing is left behind by a close.
 */
import { TextDocuments } from 'vscode-languageserver/node';
import type { TextDocumentContentChangeEvent } from 'vscode-languageserver-textdocument';
import type { PreparedDocument } from '../engine';
import { isConfigFile, isJsonName, isOtherSourceName, isYamlName, looksLikeCloudFormationJson } from '../node/files';

/** Language ids of documents read through a render: HashiCorp's Terraform extension's, and VS Code's shell scripts'. */
const RENDERED_LANGUAGES = new Set(['terraform', 'shellscript']);
import { EditedText } from './edited-text';
import { keyOf } from './workspace';

/**
 * What changed in a document since its text was last handed to the linter: the first `prefix` and last
 * `suffix` characters are unchanged, so the linter re-splits only around the edit.
 */
export interface ChangeHint {
  prefix: number;
  suffix: number;
  previousLength: number;
  /** The one change's text, when there was exactly one. */
  inserted?: string;
}

/** A large document's documents being parsed and checked on the lint thread. */
export interface Preparing {
  promise: Promise<void>;
  documents?: Map<string, PreparedDocument>;
}

export class OpenDocument {
  /** The engine's key: the canonical URI (workspace.ts). */
  readonly key: string;
  /** YAML, and not the config file: what ScaleLint lints. */
  readonly lintable: boolean;
  /**
   * A Terraform file or shell script (by name or language id): linted only through its module's or script's
   * render (lsp/renders.ts), never as YAML; its diagnostics are the findings placed in it.
   */
  readonly renderedOnly: boolean;
  /** Edits since the linter last took the text. */
  pendingChange: ChangeHint | undefined;
  /** The linter holds this document's text since it was opened: only then does a change hint apply. */
  synced = false;
  /** Changed since the last flush. */
  dirty = false;
  /** Opened large: prepared on the lint thread, taken by the next sync. */
  preparing: Preparing | undefined;
  /** Fingerprint of the findings last sent (push) or last refreshed for (pull). */
  sentFingerprint: string | undefined;
  /**
   * Pull mode: the last report, for `unchanged` answers: by fingerprint for the same version, by the items' JSON
   * (as sent) for a later one.
   */
  reported: { resultId: string; fingerprint: string; version: number; json: Buffer } | undefined;
  /** The version charts and kustomizations last saw (renders.ts): a newer one renders them again. */
  renderedVersion: number | undefined;

  constructor(readonly document: EditedText) {
    this.key = keyOf(document.uri);
    this.renderedOnly = isOtherSourceName(document.uri) || RENDERED_LANGUAGES.has(document.languageId);
    // A JSON document is linted when it is a CloudFormation template (its head says so, as for the CLI's walk).
    const template = (document.languageId === 'json' || isJsonName(document.uri)) && !isOtherSourceName(document.uri) && looksLikeCloudFormationJson(document.getText().slice(0, 8192));
    this.lintable = this.renderedOnly || template || (!isConfigFile(document.uri) && (document.languageId === 'yaml' || isYamlName(document.uri)));
  }

  get uri(): string {
    return this.document.uri;
  }

  get version(): number {
    return this.document.version;
  }

  /** Takes the change hint for the linter: only for a text the linter already holds. */
  takeChange(): ChangeHint | undefined {
    const change = this.synced ? this.pendingChange : undefined;
    this.pendingChange = undefined;
    this.synced = true;
    return change;
  }

  /** Takes what the lint thread prepared, if it is done. */
  takePrepared(): Map<string, PreparedDocument> | undefined {
    const prepared = this.preparing?.documents;
    if (prepared) this.preparing = undefined;
    return prepared;
  }

  /** Records the edits of one didChange message, for {@link ChangeHint}. */
  applyChanges(changes: readonly TextDocumentContentChangeEvent[], version: number): void {
    const document = this.document;
    const pending = this.pendingChange;
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
      document.update([change], version);
    }
    this.pendingChange = hint;
  }
}

export class OpenDocuments {
  /** The LSP library's document sync; our records ride on its create and update. */
  readonly sync: TextDocuments<EditedText>;
  private readonly byUri = new Map<string, OpenDocument>();
  /** Lintable records by engine key (the workspace index asks whether a file is open). */
  private readonly byKey = new Map<string, OpenDocument>();
  /** Every record by engine key: a chart's `_helpers.tpl` is read from its editor too. */
  private readonly anyByKey = new Map<string, OpenDocument>();

  constructor() {
    // The text of an open document is an EditedText (no copy of the whole text per keystroke), not the library's.
    this.sync = new TextDocuments<EditedText>({
      create: (uri, languageId, version, content) => {
        const record = new OpenDocument(new EditedText(uri, languageId, version, content));
        this.byUri.set(uri, record);
        this.anyByKey.set(record.key, record);
        if (record.lintable) this.byKey.set(record.key, record);
        return record.document;
      },
      update: (document, changes, version) => {
        const record = this.byUri.get(document.uri);
        if (record?.document === document) record.applyChanges(changes, version);
        else document.update(changes, version);
        return document;
      },
    });
  }

  /** The record of an open document. */
  get(uri: string): OpenDocument | undefined {
    return this.byUri.get(uri);
  }

  /** The record of an open document ScaleLint lints. */
  lintable(uri: string): OpenDocument | undefined {
    const record = this.byUri.get(uri);
    return record?.lintable ? record : undefined;
  }

  /** Whether the file of an engine key is open (open documents win over the disk). */
  isOpen(key: string): boolean {
    return this.byKey.has(key);
  }

  /** The text of an open file, lintable or not (charts read their templates and helpers from here first). */
  textOf(key: string): string | undefined {
    return this.anyByKey.get(key)?.document.getText();
  }

  /** The client's URI of an open file, by engine key. */
  uriOf(key: string): string | undefined {
    return this.byKey.get(key)?.uri;
  }

  all(): OpenDocument[] {
    return [...this.byUri.values()];
  }

  allLintable(): OpenDocument[] {
    return this.all().filter((r) => r.lintable);
  }

  /** A document closed: its record goes, and all it held with it. */
  drop(record: OpenDocument): void {
    if (this.byUri.get(record.uri) === record) this.byUri.delete(record.uri);
    if (this.byKey.get(record.key) === record) this.byKey.delete(record.key);
    if (this.anyByKey.get(record.key) === record) this.anyByKey.delete(record.key);
  }
}

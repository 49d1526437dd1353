/**
 * Open documents through the engine. The engine's Linter keeps each YAML document's parse and findings
 * keyed by its text, so an edit re-parses and re-checks only the edited document (the change hint says
 * where); opening a large document shares the parsing with the lint thread.
 */
import { readFileSync } from 'node:fs';
import type { Diagnostic } from 'vscode-languageserver/node';
import { fixAll, LineIndex, type FileFinding, type FileState } from '../engine';
import { LintThreads, lintThreadsWanted } from '../node/lint-threads';
import { diskPath } from '../node/sources';
import { fingerprint, linesOf, publishedForm, toDiagnostic, toDiagnostics, type ConvertOptions, type Positions } from './diagnostics';
import { FileDiagnostics } from './diagnostics-cache';
import type { OpenDocument, Preparing } from './documents';
import { withoutRedHatDuplicates } from './redhat';
import type { Session } from './session';
import { keyOf, pathOf, uriOf, type LintSet } from './workspace';

/** A document's findings as shown, with the file state and lint set they came from. */
export interface Lint {
  findings: FileFinding[];
  file: FileState | undefined;
  set: LintSet | undefined;
  /**
   * A file a chart or kustomization reads (values, template, base, patch): its findings are placed from the
   * renders, in its own text's offsets, and related locations name files by path.
   */
  placed?: Positions;
  /**
   * The file's findings by document, when `findings` is exactly their concatenation (Linter.lintFileParts):
   * diagnostics are then converted per document and reused while a document's findings are unchanged.
   */
  parts?: (readonly FileFinding[])[];
  /** The per-document conversion, made by the first of `fingerprint` and `diagnostics` (same flush). */
  converted?: FileDiagnostics;
}

/**
 * Opening a large document (1 MB or more, some 1,400 YAML documents: below that, starting the thread
 * costs more than it saves): the lint thread parses and checks documents while this thread does too
 * (node/lint-threads.ts).
 */
const PARALLEL_OPEN_CHARS = 1024 * 1024;

export class Linting {
  private lintThreads: LintThreads | undefined;
  /** A number per file text, so a fingerprint changes when a related location's file does. */
  private readonly stamps = new WeakMap<FileState, number>();
  private nextStamp = 1;

  /**
   * `changed`: a lint set's content changed (open documents of it may need new diagnostics); `released`:
   * a file no chart or kustomization reads any more, to be linted as written again (from the disk).
   */
  constructor(
    private readonly session: Session,
    private readonly changed: (set: LintSet) => void,
    private readonly released: (key: string) => void = () => undefined,
  ) {}

  /** Hands the document's current text to its lint set; the set is marked changed when the text is new. */
  sync(doc: OpenDocument): LintSet | undefined {
    const set = this.session.workspace.setFor(doc.key);
    const path = pathOf(doc.key);
    if (path && set.isExcluded(path)) {
      if (set.linter.remove(doc.key)) this.changed(set);
      return undefined;
    }
    if (doc.renderedVersion !== doc.version) {
      // Charts and kustomizations that read this file render again with the editor's text.
      doc.renderedVersion = doc.version;
      set.renders.noteOpen(doc.key);
      set.renders.fileChanged(doc.key);
      this.changed(set);
    }
    if (set.renders.consumes(doc.key) || doc.renderedOnly) {
      // Linted through its chart or kustomization only: the lint set does not hold it as a file.
      if (set.linter.remove(doc.key)) this.changed(set);
      doc.pendingChange = undefined;
      doc.synced = false;
      return set;
    }
    const before = set.linter.get(doc.key);
    const change = doc.takeChange();
    const prepared = doc.takePrepared();
    if (set.linter.update(doc.key, doc.document.getText(), doc.version, change, prepared) !== before) this.changed(set);
    return set;
  }

  /** The findings shown for a file: the lint set's, less what Red Hat's YAML extension reports itself. */
  private shown(findings: FileFinding[], file: FileState | undefined): FileFinding[] {
    return this.session.editorOptions.deferBuiltInKubernetes ? withoutRedHatDuplicates(findings, file) : findings;
  }

  /** Open editors' texts, read by charts and kustomizations before the disk. */
  private overlay = (engine: string): string | undefined => this.session.documents.textOf(keyOf(uriOf(diskPath(engine))));

  /**
   * Renders the set's charts and kustomizations that changed (and places their findings again when
   * `changed` says other files of the set did). True when the placed findings may differ.
   */
  refreshRenders(set: LintSet, changed: boolean): boolean {
    const result = set.renders.update(this.overlay, changed, (message, err) => this.session.log(message, err));
    for (const key of result.released) this.released(key);
    return result.changed;
  }

  lint(doc: OpenDocument): Lint {
    const set = this.sync(doc);
    if (!set || !set.enabled) return { findings: [], file: undefined, set };
    if (this.refreshRenders(set, false)) this.changed(set);
    if (set.renders.consumes(doc.key) || doc.renderedOnly) return { findings: set.renders.findingsFor(doc.key), file: undefined, set, placed: new LineIndex(doc.document.getText()) };
    const file = set.linter.get(doc.key);
    const { findings, parts } = set.linter.lintFileParts(doc.key);
    const shown = set.renders.mapRelated(this.shown(findings, file));
    return { findings: shown, file, set, parts: shown === findings && file && parts.length === file.documents.length ? parts : undefined };
  }

  /** The file state of an open document as its lint set holds it now (undefined when it is not linted). */
  fileOf(doc: OpenDocument): FileState | undefined {
    const set = this.sync(doc);
    return set?.enabled && !set.renders.consumes(doc.key) ? set.linter.get(doc.key) : undefined;
  }

  /** The document's text with every safe fix applied (the lint set sees each pass), or undefined when none applies. */
  fixAll(doc: OpenDocument): string | undefined {
    const set = this.sync(doc);
    if (!set || !set.enabled) return undefined;
    const key = doc.key;
    const original = doc.document.getText();
    if (set.renders.consumes(key) || doc.renderedOnly) {
      this.refreshRenders(set, false);
      return set.renders.fixAll(key, original);
    }
    if (set.linter.get(key)?.tooLarge !== undefined) return undefined;
    try {
      const result = fixAll(original, (text) => {
        set.linter.update(key, text, doc.version);
        return this.shown(set.linter.lintFile(key), set.linter.get(key));
      });
      return result.applied > 0 && result.text !== original ? result.text : undefined;
    } finally {
      set.linter.update(key, original, doc.version); // the lint set goes back to the document as it is
    }
  }

  fingerprint(result: Lint): string {
    const converted = this.converted(result);
    if (converted) return converted.fingerprint();
    return fingerprint(result.findings, (file) => this.stampOf(result.set, file));
  }

  /** The per-document conversion of a lint result, when it has its findings by document. */
  private converted(result: Lint): FileDiagnostics | undefined {
    if (!result.parts || !result.file || !result.set) return undefined;
    return (result.converted ??= new FileDiagnostics(result.parts, result.file, this.convertOptions(result.set)));
  }

  private stampOf(set: LintSet | undefined, file: string): string {
    const state = set?.linter.get(file);
    if (!state) return '-';
    let stamp = this.stamps.get(state);
    if (stamp === undefined) this.stamps.set(state, (stamp = this.nextStamp++));
    return String(stamp);
  }

  /**
   * The diagnostics as published and pulled: `publishedForm`, without the fixes (code actions find them
   * in `diagnostics`); for a per-document conversion, with its prepared JSON.
   */
  published(result: Lint, version: number): Diagnostic[] {
    const converted = !result.placed && result.file && result.set ? this.converted(result) : undefined;
    return converted ? converted.published() : publishedForm(this.diagnostics(result, version));
  }

  /** The diagnostics with their fixes on `data` (what code actions read). */
  diagnostics(result: Lint, version: number): Diagnostic[] {
    if (result.placed) return this.placedDiagnostics(result.findings, result.placed, version);
    if (!result.file || !result.set) return [];
    const converted = this.converted(result);
    if (converted) return converted.diagnostics(version);
    return toDiagnostics(result.findings, result.file, version, this.convertOptions(result.set));
  }

  private convertOptions(set: LintSet): ConvertOptions {
    return {
      relatedInformation: this.session.support.relatedInformation,
      locate: (file) => {
        const state = set.linter.get(file);
        if (state) return { uri: this.session.documents.uriOf(file) ?? file, lines: linesOf(state) };
        // A file a chart or kustomization reads (not in the lint set as a file): the editor's text or the disk's.
        const path = set.renders.consumes(file) ? pathOf(file) : undefined;
        const text = path ? (this.session.documents.textOf(file) ?? this.readFile(path)) : undefined;
        return text === undefined ? undefined : { uri: this.session.documents.uriOf(file) ?? file, lines: new LineIndex(text) };
      },
    };
  }

  /**
   * Diagnostics of placed findings (renders.ts) in a file's own text; related locations name files by path
   * (the template that printed a value, the overlay that patched a base), read from the editor or the disk.
   */
  placedDiagnostics(findings: readonly FileFinding[], lines: Positions, version: number): Diagnostic[] {
    const known = new Map<string, { uri: string; lines: Positions } | undefined>();
    const options: ConvertOptions = {
      relatedInformation: this.session.support.relatedInformation,
      locate: (file) => {
        if (!known.has(file)) {
          const uri = file.startsWith('file:') ? file : uriOf(file); // a plain file of the lint set is named by its key
          const text = this.session.documents.textOf(keyOf(uri)) ?? this.readFile(file);
          known.set(file, text === undefined ? undefined : { uri: this.session.documents.uriOf(keyOf(uri)) ?? uri, lines: new LineIndex(text) });
        }
        return known.get(file);
      },
    };
    return findings.map((f) => toDiagnostic(f, lines, version, options));
  }

  /** A file's text on disk, or undefined. */
  readFile(file: string): string | undefined {
    try {
      return readFileSync(file, 'utf8');
    } catch {
      return undefined;
    }
  }

  /** The lint thread, started with the first large document (where it pays: `lintThreadsWanted`). */
  private startLintThreads(): LintThreads | undefined {
    if (!this.lintThreads && lintThreadsWanted().use) this.lintThreads = new LintThreads(1);
    return this.lintThreads?.size ? this.lintThreads : undefined;
  }

  /** A document just opened: when it is large, the lint thread starts on its documents. */
  prepareOpen(doc: OpenDocument): void {
    const text = doc.document.getText();
    if (text.length < PARALLEL_OPEN_CHARS) return;
    const threads = this.startLintThreads();
    if (!threads) return;
    const entry: Preparing = { promise: Promise.resolve() };
    entry.promise = (async () => {
      await this.session.ready;
      const set = this.session.workspace.setFor(doc.key);
      const path = pathOf(doc.key);
      if (!set.enabled || (path && set.isExcluded(path)) || set.linter.get(doc.key)?.text === doc.document.getText()) return;
      entry.documents = await threads.prepareFile(doc.document.getText(), set.configFor(doc.key), set.linter);
    })().catch((err) => this.session.log('ScaleLint: preparing a large document on a lint thread failed (it is linted here instead)', err));
    doc.preparing = entry;
  }
}

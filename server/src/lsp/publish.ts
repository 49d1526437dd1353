/**
 * Keeps every open document's diagnostics current: pushed (publishDiagnostics, with the document's
 * version) or pulled (textDocument/diagnostic, answered `unchanged` when nothing changed), as the client
 * supports. After an edit the cross-document rules run over the lint set, and every other open document
 * of that set is compared by fingerprint and re-sent (push) or refreshed (pull) only when its findings changed.
 */
import { DocumentDiagnosticReportKind, type DocumentDiagnosticParams, type DocumentDiagnosticReport } from 'vscode-languageserver/node';
import { LineIndex } from '../engine';
import { trace } from '../node/trace';
import { fingerprint, publishedForm } from './diagnostics';
import { itemsJson } from './diagnostics-json';
import type { OpenDocument } from './documents';
import type { Linting } from './linting';
import { collectIfGrown } from './memory';
import type { Session } from './session';
import { keyOf, pathOf, type LintSet } from './workspace';

export class Publisher {
  /** Lint sets whose content changed since the last flush. */
  private readonly changedSets = new Set<LintSet>();
  private flushTimer: NodeJS.Immediate | undefined;
  /** Flushes under way (one awaits a large document's preparation while the next may start). */
  private flushing = 0;
  private nextResultId = 1;
  /**
   * Files that are not open (or not linted when open, as `_helpers.tpl`) with findings placed from a chart's
   * render or a kustomization's build: URI → the fingerprint sent, so they are re-sent only when it changes
   * and cleared when their findings go.
   */
  private readonly placedSent = new Map<string, { set: LintSet; print: string }>();

  constructor(
    private readonly session: Session,
    private readonly linting: Linting,
  ) {}

  /** When the last flush ended (performance.now()): the client is about to show it, and a next edit often follows. */
  lastFlushEnded = -Infinity;

  /** A flush is due or under way (it waits for a large document's preparation): background work waits. */
  get busy(): boolean {
    return this.flushTimer !== undefined || this.flushing > 0;
  }

  /** A lint set's content changed: its open documents are checked at the next flush. */
  markChanged(set: LintSet): void {
    this.changedSets.add(set);
  }

  /** A lint set's content changed, and nothing else will flush: flush soon. */
  setChanged(set: LintSet): void {
    this.changedSets.add(set);
    this.scheduleFlush();
  }

  /** Every lint set changed (settings, folders, Red Hat's extension). */
  allChanged(): void {
    for (const set of this.session.workspace.all()) this.changedSets.add(set);
    this.scheduleFlush();
  }

  documentChanged(doc: OpenDocument): void {
    doc.dirty = true;
    this.scheduleFlush();
  }

  /** After a request synced a document: its new text may change other documents' findings. */
  flushIfChanged(): void {
    if (this.changedSets.size > 0) this.scheduleFlush();
  }

  /**
   * Push mode lints right after the message at hand (no debounce): an edit costs about 7 ms of CPU to
   * lint and publish at 1,000 documents and 25 ms at 5,000 (PERFORMANCE.md), less than the time between
   * two keystrokes, so waiting would only add latency. Changes that arrive in one message are linted once.
   */
  scheduleFlush(): void {
    this.flushTimer ??= setImmediate(() => {
      this.flushTimer = undefined;
      this.flushing++;
      void this.flush()
        .catch((err) => this.session.log('ScaleLint: linting failed', err))
        .finally(() => {
          this.flushing--;
          this.lastFlushEnded = performance.now();
        });
    });
  }

  /**
   * Brings diagnostics up to date: edited documents are linted (push: published with their version);
   * every other open document of a changed lint set is re-checked and re-sent (push) or refreshed (pull)
   * only when its findings changed.
   */
  private async flush(): Promise<void> {
    const { session, linting } = this;
    const { support, workspace, connection } = session;
    await session.ready;
    trace('flush start');
    const open = session.documents.allLintable();
    // A large document just opened: wait for the lint thread's share, so it is not parsed twice.
    const preparing = open.filter((doc) => doc.preparing).map((doc) => doc.preparing!.promise);
    if (preparing.length) await Promise.all(preparing);
    trace('prepared');
    // Everything below is synchronous: the texts linted are the texts whose versions are published.
    const current = session.documents.allLintable();
    const edited = new Set<OpenDocument>();
    for (const doc of current) {
      if (doc.dirty) edited.add(doc);
      doc.dirty = false;
    }
    for (const doc of current) {
      if (edited.has(doc)) this.changedSets.add(workspace.setFor(doc.key));
      linting.sync(doc); // all texts first, so cross-document findings below see every open document
    }
    // Charts and kustomizations that read a changed file render again; their findings are placed again.
    for (const set of workspace.all()) {
      if (linting.refreshRenders(set, this.changedSets.has(set))) this.changedSets.add(set);
    }
    const sets = new Set(this.changedSets);
    this.changedSets.clear();
    let refresh = false;
    for (const doc of current) {
      if (!sets.has(workspace.setFor(doc.key))) continue;
      // Pull: a document whose current version was not reported yet is pulled by the client anyway.
      if (support.pull && doc.reported?.version !== doc.version) continue;
      trace('sync done');
      const result = linting.lint(doc);
      trace('lintFile done');
      const print = linting.fingerprint(result);
      if (!(edited.has(doc) && !support.pull) && doc.sentFingerprint === print) continue;
      doc.sentFingerprint = print;
      if (support.pull) refresh = true;
      else connection.sendDiagnostics({ uri: doc.uri, version: doc.version, diagnostics: linting.published(result, doc.version) });
      trace('sent');
    }
    this.changedSets.clear();
    for (const set of sets) this.publishPlaced(set);
    if (refresh && support.refresh) connection.languages.diagnostics.refresh();
    collectIfGrown();
  }

  /**
   * Findings placed in files no editor lints (a values file or template that is not open): published on
   * their URIs (in pull mode too: the client pulls only open documents), cleared when they are gone.
   */
  private publishPlaced(set: LintSet): void {
    const { documents, connection } = this.session;
    const now = new Set<string>();
    for (const [key, findings] of set.renders.allFindings()) {
      if (documents.isOpen(key)) {
        this.forgetPlaced(documents.uriOf(key) ?? key, true); // its own diagnostics carry them
        continue;
      }
      const path = pathOf(key);
      const text = documents.textOf(key) ?? (path ? this.linting.readFile(path) : undefined);
      if (text === undefined) continue;
      now.add(key);
      const print = fingerprint(findings) + `#${text.length}`;
      if (this.placedSent.get(key)?.print === print) continue;
      this.placedSent.set(key, { set, print });
      connection.sendDiagnostics({ uri: key, diagnostics: publishedForm(this.linting.placedDiagnostics(findings, new LineIndex(text), 0)) });
    }
    for (const [key, sent] of this.placedSent) {
      if (sent.set !== set || now.has(key)) continue;
      this.placedSent.delete(key);
      // A document open and linted now publishes its own; otherwise its placed findings are gone.
      if (!this.session.documents.isOpen(key)) connection.sendDiagnostics({ uri: key, diagnostics: [] });
    }
  }

  /**
   * A file opened (its own diagnostics now say it all) or closed (what was placed in it is sent again). A client
   * that pulls keeps pushed diagnostics apart from pulled ones: what was pushed for a file now open is cleared.
   */
  forgetPlaced(uri: string, opened = false): void {
    const key = keyOf(uri);
    if (opened && this.placedSent.has(key) && this.session.support.pull) this.session.connection.sendDiagnostics({ uri, diagnostics: [] });
    this.placedSent.delete(key);
  }

  /** textDocument/diagnostic (pull). */
  async pull(params: DocumentDiagnosticParams): Promise<DocumentDiagnosticReport> {
    await this.session.ready;
    const doc = this.session.documents.lintable(params.textDocument.uri);
    if (!doc) return { kind: DocumentDiagnosticReportKind.Full, items: [] };
    const result = this.linting.lint(doc);
    this.flushIfChanged();
    const print = this.linting.fingerprint(result);
    doc.sentFingerprint = print;
    const last = doc.reported?.resultId === params.previousResultId ? doc.reported : undefined;
    if (last && last.fingerprint === print && last.version === doc.version) {
      return { kind: DocumentDiagnosticReportKind.Unchanged, resultId: last.resultId };
    }
    const items = this.linting.published(result, doc.version);
    const json = itemsJson(items);
    // A later version whose diagnostics are byte for byte those the client holds (an edit that moved no line or
    // column of any and changed no message: most keystrokes in a findings-heavy file): `unchanged`, not megabytes.
    if (last && last.json.equals(json)) {
      doc.reported = { ...last, fingerprint: print, version: doc.version };
      return { kind: DocumentDiagnosticReportKind.Unchanged, resultId: last.resultId };
    }
    const resultId = String(this.nextResultId++);
    doc.reported = { resultId, fingerprint: print, version: doc.version, json };
    return { kind: DocumentDiagnosticReportKind.Full, resultId, items };
  }

  register(): void {
    const empty: DocumentDiagnosticReport = { kind: DocumentDiagnosticReportKind.Full, items: [] };
    this.session.connection.languages.diagnostics.on(this.session.guard('diagnostics', empty, (params: DocumentDiagnosticParams) => this.pull(params)));
  }
}

/**
 * Keeps every open document's diagnostics current: pushed (publishDiagnostics, with the document's
 * version) or pulled (textDocument/diagnostic, answered `unchanged` when nothing changed), as the client
 * supports. After an edit the cross-document rules run over the lint set, and every other open document
 * of that set is compared by fingerprint and re-sent (push) or refreshed (pull) only when its findings changed.
 */
import { DocumentDiagnosticReportKind, type DocumentDiagnosticParams, type DocumentDiagnosticReport } from 'vscode-languageserver/node';
import { trace } from '../node/trace';
import type { OpenDocument } from './documents';
import type { Linting } from './linting';
import { collectIfGrown } from './memory';
import type { Session } from './session';
import type { LintSet } from './workspace';

export class Publisher {
  /** Lint sets whose content changed since the last flush. */
  private readonly changedSets = new Set<LintSet>();
  private flushTimer: NodeJS.Immediate | undefined;
  private nextResultId = 1;

  constructor(
    private readonly session: Session,
    private readonly linting: Linting,
  ) {}

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
      void this.flush().catch((err) => this.session.log('ScaleLint: linting failed', err));
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
      else connection.sendDiagnostics({ uri: doc.uri, version: doc.version, diagnostics: linting.diagnostics(result, doc.version) });
      trace('sent');
    }
    this.changedSets.clear();
    if (refresh && support.refresh) connection.languages.diagnostics.refresh();
    collectIfGrown();
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
    const last = doc.reported;
    if (last && params.previousResultId === last.resultId && last.fingerprint === print && last.version === doc.version) {
      return { kind: DocumentDiagnosticReportKind.Unchanged, resultId: last.resultId };
    }
    const resultId = String(this.nextResultId++);
    doc.reported = { resultId, fingerprint: print, version: doc.version };
    return { kind: DocumentDiagnosticReportKind.Full, resultId, items: this.linting.diagnostics(result, doc.version) };
  }

  register(): void {
    const empty: DocumentDiagnosticReport = { kind: DocumentDiagnosticReportKind.Full, items: [] };
    this.session.connection.languages.diagnostics.on(this.session.guard('diagnostics', empty, (params: DocumentDiagnosticParams) => this.pull(params)));
  }
}

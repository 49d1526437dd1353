/**
 * Quick fixes: the fixes a rule attached to its diagnostic (published diagnostics do not carry them:
 * the same finding's fixes are found in the server's diagnostics of the document as it is now, cached
 * while it is unchanged), and "Disable <rule> for this line" for every ScaleLint diagnostic (SPEC §3).
 * `source.fixAll.scalelint`: every safe fix at once, for `editor.codeActionsOnSave`.
 *
 * Snippet fixes: LSP 3.17 has no snippet text edits. A fix that needs the user's values (resources,
 * probe paths) always carries plain edits (placeholders as their default text); when the client said
 * it can (initialization option `snippetFixes`, the VS Code client does), the code action's `data`
 * also carries the snippet edits, and the client's middleware applies those as a snippet instead.
 */
import {
  CodeActionKind,
  TextDocumentEdit,
  type CodeAction,
  type CodeActionParams,
  type Diagnostic,
  type TextEdit,
  type WorkspaceEdit,
} from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { ruleById } from '../engine';
import { FIX_ALL_KIND, SCALELINT, type SnippetFixData } from '../protocol';
import type { DiagnosticData, FixData, PublishedData } from './diagnostics';
import type { Linting } from './linting';
import type { Session } from './session';

export interface CodeActionOptions {
  /** The client takes versioned document edits. */
  documentChanges: boolean;
  /** The client applies `SnippetFixData` (initialization option `snippetFixes`). */
  snippetFixes: boolean;
  /** The document's diagnostics now (lints it again): for diagnostics whose data is stale. */
  relint(): Diagnostic[];
  /** The document's text with every safe fix applied, or undefined when nothing changes. */
  fixAll(): string | undefined;
}

const DISABLE_NEXT_LINE = /^([ \t]*)#\s*scalelint-disable-next-line\b([^\r\n]*)$/;

/** Whether a request restricted to `only` asks for actions of `kind` (a kind covers its sub-kinds). */
function asks(only: string[] | undefined, kind: string): boolean {
  return !only || only.some((k) => k === CodeActionKind.Empty || k === kind || kind.startsWith(`${k}.`));
}

function editFor(doc: TextDocument, edits: TextEdit[], documentChanges: boolean): WorkspaceEdit {
  // A versioned edit is refused by the client if the document changed since: no fix lands on other text.
  return documentChanges
    ? { documentChanges: [TextDocumentEdit.create({ uri: doc.uri, version: doc.version }, edits)] }
    : { changes: { [doc.uri]: edits } };
}

function lineText(doc: TextDocument, line: number): string {
  return doc.getText({ start: { line, character: 0 }, end: { line: line + 1, character: 0 } }).replace(/\r?\n$|\r$/, '');
}

/** The edit that suppresses `ruleId` on `line`: extend a disable-next-line comment above, or add one. */
export function disableEdit(doc: TextDocument, line: number, ruleId: string): TextEdit | undefined {
  if (line > 0) {
    const above = lineText(doc, line - 1);
    const m = DISABLE_NEXT_LINE.exec(above);
    if (m) {
      const [list] = m[2].split(/\s--\s/);
      const ids = list.split(/[,\s]+/).filter(Boolean);
      if (ids.length === 0 || ids.includes(ruleId)) return undefined; // already suppressed there
      const at = above.length - m[2].length + list.trimEnd().length;
      return { range: { start: { line: line - 1, character: at }, end: { line: line - 1, character: at } }, newText: `, ${ruleId}` };
    }
  }
  const text = doc.getText();
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const indent = /^[ \t]*/.exec(lineText(doc, line))![0];
  return { range: { start: { line, character: 0 }, end: { line, character: 0 } }, newText: `${indent}# scalelint-disable-next-line ${ruleId}${eol}` };
}

function isData(value: unknown): value is DiagnosticData {
  const d = value as DiagnosticData | undefined;
  return !!d && typeof d === 'object' && typeof d.version === 'number' && Array.isArray(d.fixes);
}

/** The ordinal a published diagnostic carries when others before it have the same rule, range and message (PublishedData). */
function ordinalOf(data: unknown): number {
  const n = (data as PublishedData | undefined)?.n;
  return typeof n === 'number' && Number.isInteger(n) && n > 0 ? n : 0;
}

/**
 * The fixes for a diagnostic: its own data when it carries them for the current version, else the same
 * finding's in the server's diagnostics now (cached while the document is unchanged). Published diagnostics
 * carry no fixes (publishedForm): the one with the same rule, range and message — the n-th when several are
 * alike — has them.
 */
function fixesFor(diagnostic: Diagnostic, doc: TextDocument, fresh: () => Diagnostic[]): FixData[] {
  if (isData(diagnostic.data) && diagnostic.data.version === doc.version) return diagnostic.data.fixes;
  const same = (d: Diagnostic) => d.code === diagnostic.code && sameRange(d, diagnostic);
  const now = fresh();
  const alike = now.filter((d) => same(d) && d.message === diagnostic.message);
  const match = alike[ordinalOf(diagnostic.data)] ?? alike[0] ?? now.find(same);
  return match && isData(match.data) ? match.data.fixes : [];
}

function sameRange(a: Diagnostic, b: Diagnostic): boolean {
  const r = a.range;
  const s = b.range;
  return r.start.line === s.start.line && r.start.character === s.start.character && r.end.line === s.end.line && r.end.character === s.end.character;
}

/** One edit replacing what differs between two texts (the common start and end stay). */
export function minimalEdit(doc: TextDocument, next: string): TextEdit {
  const text = doc.getText();
  let start = 0;
  while (start < text.length && start < next.length && text.charCodeAt(start) === next.charCodeAt(start)) start++;
  let end = 0;
  while (end < text.length - start && end < next.length - start && text.charCodeAt(text.length - 1 - end) === next.charCodeAt(next.length - 1 - end)) end++;
  return { range: { start: doc.positionAt(start), end: doc.positionAt(text.length - end) }, newText: next.slice(start, next.length - end) };
}

export function codeActions(params: CodeActionParams, doc: TextDocument, options: CodeActionOptions): CodeAction[] {
  const only = params.context.only;
  const out: CodeAction[] = [];
  if (only && asks(only, FIX_ALL_KIND)) {
    const fixed = options.fixAll();
    if (fixed !== undefined) {
      out.push({ title: 'Fix all auto-fixable ScaleLint problems', kind: FIX_ALL_KIND, edit: editFor(doc, [minimalEdit(doc, fixed)], options.documentChanges) });
    }
  }
  if (!asks(only, CodeActionKind.QuickFix)) return out;
  const fixes: CodeAction[] = [];
  const disables: CodeAction[] = [];
  const disabled = new Set<string>();
  let fresh: Diagnostic[] | undefined;
  const relint = () => (fresh ??= options.relint());
  for (const diagnostic of params.context.diagnostics) {
    if (diagnostic.source !== SCALELINT || typeof diagnostic.code !== 'string' || !ruleById.has(diagnostic.code)) continue;
    const ruleId = diagnostic.code;
    const list = fixesFor(diagnostic, doc, relint);
    // The first fix is preferred, unless the rule marked another one, or said the first is not
    // (hpa-target-exists with two equally near names: auto-fix must not pick one).
    const marked = list.findIndex((f) => f.preferred);
    const preferred = marked >= 0 ? marked : list[0]?.preferred === false ? -1 : 0;
    list.forEach((fix, i) => {
      const action: CodeAction = {
        title: fix.title,
        kind: CodeActionKind.QuickFix,
        diagnostics: [diagnostic],
        isPreferred: i === preferred,
        edit: editFor(doc, fix.edits, options.documentChanges),
      };
      if (options.snippetFixes && fix.snippetEdits?.length) {
        const data: SnippetFixData = { scalelintSnippet: { uri: doc.uri, version: doc.version, edits: fix.snippetEdits } };
        action.data = data;
      }
      fixes.push(action);
    });
    const line = diagnostic.range.start.line;
    if (disabled.has(`${ruleId}@${line}`)) continue;
    disabled.add(`${ruleId}@${line}`);
    const edit = disableEdit(doc, line, ruleId);
    if (edit) {
      disables.push({ title: `Disable ${ruleId} for this line`, kind: CodeActionKind.QuickFix, diagnostics: [diagnostic], edit: editFor(doc, [edit], options.documentChanges) });
    }
  }
  return [...out, ...fixes, ...disables];
}

export function registerCodeActions(session: Session, linting: Linting): void {
  session.connection.onCodeAction(
    session.guard('code actions', [] as CodeAction[], async (params: CodeActionParams) => {
      await session.ready;
      const doc = session.documents.lintable(params.textDocument.uri);
      if (!doc) return [];
      return codeActions(params, doc.document, {
        documentChanges: session.support.documentChanges,
        snippetFixes: session.support.snippetFixes,
        relint: () => linting.diagnostics(linting.lint(doc), doc.version),
        fixAll: () => linting.fixAll(doc),
      });
    }),
  );
}

/**
 * Quick fixes: the fixes a rule attached to its diagnostic (`diagnostic.data`), and "Disable <rule> for
 * this line" for every ScaleLint diagnostic (SPEC §3).
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
import { ruleById } from './engine';
import { SOURCE, type DiagnosticData } from './lsp-diagnostics';

const DISABLE_NEXT_LINE = /^([ \t]*)#\s*scalelint-disable-next-line\b([^\r\n]*)$/;

function wanted(only: string[] | undefined): boolean {
  return !only || only.some((kind) => kind === CodeActionKind.QuickFix || CodeActionKind.QuickFix.startsWith(`${kind}.`) || kind === CodeActionKind.Empty);
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

export function codeActions(params: CodeActionParams, doc: TextDocument, documentChanges: boolean): CodeAction[] {
  if (!wanted(params.context.only)) return [];
  const fixes: CodeAction[] = [];
  const disables: CodeAction[] = [];
  const disabled = new Set<string>();
  for (const diagnostic of params.context.diagnostics) {
    if (diagnostic.source !== SOURCE || typeof diagnostic.code !== 'string' || !ruleById.has(diagnostic.code)) continue;
    const ruleId = diagnostic.code;
    // Fix ranges belong to the version they were computed for; a stale one is not offered.
    if (isData(diagnostic.data) && diagnostic.data.version === doc.version) {
      const list = diagnostic.data.fixes;
      const preferred = Math.max(0, list.findIndex((f) => f.preferred));
      list.forEach((fix, i) => {
        fixes.push({
          title: fix.title,
          kind: CodeActionKind.QuickFix,
          diagnostics: [diagnostic as Diagnostic],
          isPreferred: i === preferred,
          edit: editFor(doc, fix.edits, documentChanges),
        });
      });
    }
    const line = diagnostic.range.start.line;
    if (disabled.has(`${ruleId}@${line}`)) continue;
    disabled.add(`${ruleId}@${line}`);
    const edit = disableEdit(doc, line, ruleId);
    if (edit) {
      disables.push({ title: `Disable ${ruleId} for this line`, kind: CodeActionKind.QuickFix, diagnostics: [diagnostic], edit: editFor(doc, [edit], documentChanges) });
    }
  }
  return [...fixes, ...disables];
}

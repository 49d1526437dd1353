/**
 * Hover: on a finding, its rule's doc (summary, rationale, link); on a field, its description from the
 * schemas; on an autoscaler's `kind`/`metadata.name`/`behavior`, the simulator's timing (engine: editor/).
 */
import { MarkupKind, type Hover, type HoverParams, type Position } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { hoverAt, ruleDocMarkdown, ruleDocUrl, type EditorOptions, type FileFinding, type FileState } from '../engine';
import type { Linting } from './linting';
import type { Session } from './session';

export function hover(doc: TextDocument, position: Position, findings: readonly FileFinding[], file: FileState | undefined, options: EditorOptions): Hover | null {
  if (file?.tooLarge !== undefined) return null;
  const offset = doc.offsetAt(position);
  const sections: string[] = [];
  let range: [number, number] | undefined;
  const seen = new Set<string>();
  for (const f of findings) {
    const start = f.documentStart + f.start;
    const end = f.documentStart + f.end;
    if (offset < start || offset > end || seen.has(f.ruleId)) continue;
    seen.add(f.ruleId);
    const md = ruleDocMarkdown(f.ruleId, ruleDocUrl(f.ruleId));
    if (!md) continue;
    sections.push(md);
    range ??= [start, end];
  }
  const text = doc.getText();
  const documents = file && file.text === text ? file.documents : undefined;
  const found = hoverAt(text, offset, options, documents);
  if (found) {
    sections.push(...found.sections);
    range = [found.start, found.end];
  }
  if (!sections.length) return null;
  return {
    contents: { kind: MarkupKind.Markdown, value: sections.join('\n\n---\n\n') },
    ...(range ? { range: { start: doc.positionAt(range[0]), end: doc.positionAt(range[1]) } } : {}),
  };
}

export function registerHover(session: Session, linting: Linting): void {
  session.connection.onHover(
    session.guard('hover', null as Hover | null, async (params: HoverParams) => {
      await session.ready;
      const doc = session.documents.lintable(params.textDocument.uri);
      if (!doc) return null;
      const result = linting.lint(doc);
      return hover(doc.document, params.position, result.findings, result.file, session.editorOptions);
    }),
  );
}

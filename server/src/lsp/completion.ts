/** Completion of keys and values from the schemas (engine: editor/complete.ts), as LSP items. */
import {
  CompletionItemKind,
  CompletionTriggerKind,
  type CompletionContext,
  InsertTextFormat,
  InsertTextMode,
  MarkupKind,
  type CompletionItem,
  type CompletionParams,
  type Position,
} from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { completeAt, type EditorOptions, type FileState } from '../engine';
import type { Linting } from './linting';
import type { Session } from './session';

export function completion(
  doc: TextDocument,
  position: Position,
  context: CompletionContext | undefined,
  file: FileState | undefined,
  options: EditorOptions,
  snippets: boolean,
): CompletionItem[] {
  if (file?.tooLarge !== undefined) return [];
  const text = doc.getText();
  const documents = file && file.text === text ? file.documents : undefined;
  let entries = completeAt(text, doc.offsetAt(position), options, documents);
  // The space trigger is for `key: ` (values); a space typed to indent a line asks for nothing.
  if (context?.triggerKind === CompletionTriggerKind.TriggerCharacter && context.triggerCharacter === ' ') entries = entries.filter((e) => e.kind === 'value');
  return entries.map((e) => {
    const range = { start: doc.positionAt(e.start), end: doc.positionAt(e.end) };
    const item: CompletionItem = {
      label: e.label,
      kind: e.kind === 'field' ? CompletionItemKind.Property : CompletionItemKind.EnumMember,
      sortText: e.sortText,
      textEdit: { range, newText: snippets ? e.snippet : e.insertText },
      insertTextFormat: snippets ? InsertTextFormat.Snippet : InsertTextFormat.PlainText,
      // The text carries its own indentation (the column of the key plus one step).
      insertTextMode: InsertTextMode.asIs,
    };
    if (e.detail) item.detail = e.detail;
    if (e.documentation) item.documentation = { kind: MarkupKind.Markdown, value: e.documentation };
    return item;
  });
}

export function registerCompletion(session: Session, linting: Linting): void {
  session.connection.onCompletion(
    session.guard('completion', [] as CompletionItem[], (params: CompletionParams) => {
      const doc = session.documents.lintable(params.textDocument.uri);
      if (!doc) return [];
      const file = linting.sync(doc)?.linter.get(doc.key);
      return completion(doc.document, params.position, params.context, file, session.editorOptions, session.support.completionSnippets);
    }),
  );
}

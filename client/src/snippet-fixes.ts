/**
 * Snippet quick fixes. LSP 3.17 has no snippet text edits, so the server sends a fix that needs the
 * user's values (resource requests, probe paths) with plain edits (placeholders as their default text)
 * and, because this client said so (initialization option `snippetFixes`), the same edits as snippets
 * in the code action's `data`. This middleware swaps the plain edit for a snippet edit, so the
 * placeholders become tab stops. Any other LSP client simply applies the plain edit.
 */
import { CodeAction, Range, SnippetString, SnippetTextEdit, WorkspaceEdit, type TextDocument } from 'vscode';
import type { Middleware } from 'vscode-languageclient/node';
import type { SnippetFixData } from '../../server/src/protocol';

/** The snippet edit of a code action's data, when it is for this document as it is now. */
export function snippetEditOf(action: CodeAction, document: TextDocument): WorkspaceEdit | undefined {
  const snippet = ((action as CodeAction & { data?: unknown }).data as Partial<SnippetFixData> | undefined)?.scalelintSnippet;
  if (!snippet || snippet.uri !== document.uri.toString() || snippet.version !== document.version || !Array.isArray(snippet.edits)) return undefined;
  const edit = new WorkspaceEdit();
  edit.set(
    document.uri,
    snippet.edits.map((e) => new SnippetTextEdit(new Range(e.range.start.line, e.range.start.character, e.range.end.line, e.range.end.character), new SnippetString(e.newText))),
  );
  return edit;
}

export const provideCodeActions: Middleware['provideCodeActions'] = async (document, range, context, token, next) => {
  const actions = await next(document, range, context, token);
  for (const action of actions ?? []) {
    if (!(action instanceof CodeAction)) continue;
    const edit = snippetEditOf(action, document);
    if (edit) action.edit = edit;
  }
  return actions;
};

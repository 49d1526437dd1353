/**
 * "ScaleLint: Show rendered manifest": the render of the Helm chart or the build of the kustomization the
 * active file belongs to, in a read-only virtual document (its own scheme), fetched from the language server
 * (protocol.ts RENDERED_MANIFEST_REQUEST), so it is exactly what ScaleLint lints, unsaved edits included.
 */
import { EventEmitter, Uri, languages, window, workspace, type Disposable, type TextDocumentContentProvider } from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { RENDERED_MANIFEST_REQUEST, RENDERED_MANIFEST_SCHEME, type RenderedManifestParams, type RenderedManifestResult } from '../../server/src/protocol';

/** The virtual document's URI: the source file's URI rides in the query, the path names it in the tab. */
function renderedUri(source: Uri): Uri {
  const name = source.path.slice(source.path.lastIndexOf('/') + 1);
  return Uri.from({ scheme: RENDERED_MANIFEST_SCHEME, path: `/${name} (rendered).yaml`, query: source.toString() });
}

export class RenderedManifests implements TextDocumentContentProvider, Disposable {
  private readonly changed = new EventEmitter<Uri>();
  readonly onDidChange = this.changed.event;
  private readonly registration: Disposable;

  constructor(private readonly client: () => LanguageClient | undefined) {
    this.registration = workspace.registerTextDocumentContentProvider(RENDERED_MANIFEST_SCHEME, this);
  }

  async provideTextDocumentContent(uri: Uri): Promise<string> {
    const client = this.client();
    if (!client?.isRunning()) return '# The ScaleLint language server is not running.\n';
    const params: RenderedManifestParams = { uri: uri.query };
    const result = await client.sendRequest<RenderedManifestResult | null>(RENDERED_MANIFEST_REQUEST, params);
    return result?.text ?? '# This file belongs to no Helm chart or kustomization ScaleLint renders.\n';
  }

  /** The command: the active editor's chart or kustomization, rendered now. */
  async show(): Promise<void> {
    const editor = window.activeTextEditor;
    if (!editor || editor.document.uri.scheme !== 'file') {
      void window.showInformationMessage('ScaleLint: open a file of a Helm chart or a kustomization first.');
      return;
    }
    const uri = renderedUri(editor.document.uri);
    this.changed.fire(uri); // shown again: rendered again
    const doc = await workspace.openTextDocument(uri);
    await languages.setTextDocumentLanguage(doc, 'yaml');
    await window.showTextDocument(doc, { preview: true, viewColumn: editor.viewColumn === undefined ? undefined : editor.viewColumn + 1 });
  }

  dispose(): void {
    this.registration.dispose();
    this.changed.dispose();
  }
}

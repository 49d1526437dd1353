/**
 * What every handler of the server shares: the connection, the open documents, the lint sets, what
 * the client supports, and the gate that holds requests until the settings are known.
 */
import type { Connection } from 'vscode-languageserver/node';
import type { EditorOptions } from '../engine';
import type { OpenDocuments } from './documents';
import { Workspace, type Folder } from './workspace';

/** What the client said it supports (initialize), read by the handlers. */
export interface ClientSupport {
  /** Pull diagnostics (textDocument/diagnostic); otherwise the server pushes. */
  pull: boolean;
  refresh: boolean;
  relatedInformation: boolean;
  dynamicWatchers: boolean;
  configuration: boolean;
  workspaceFolders: boolean;
  documentChanges: boolean;
  /** Completion items may be snippets. */
  completionSnippets: boolean;
  /** Initialization option `snippetFixes`: the client applies snippet edits carried in a code action's data. */
  snippetFixes: boolean;
}

export class Session {
  readonly support: ClientSupport = {
    pull: false,
    refresh: false,
    relatedInformation: false,
    dynamicWatchers: false,
    configuration: false,
    workspaceFolders: false,
    documentChanges: false,
    completionSnippets: false,
    snippetFixes: false,
  };
  /** Initialization option and notification `deferBuiltInKubernetes` (protocol.ts; redhat.ts). */
  readonly editorOptions: EditorOptions = { deferBuiltInKubernetes: false };
  readonly workspace = new Workspace();
  folders: Folder[] = [];
  /** Resolved once the settings are known: no document is linted with the wrong config first. */
  readonly ready: Promise<void>;
  private markReadyOnce: () => void = () => undefined;

  constructor(
    readonly connection: Connection,
    readonly documents: OpenDocuments,
  ) {
    this.ready = new Promise<void>((resolve) => (this.markReadyOnce = resolve));
  }

  markReady(): void {
    this.markReadyOnce();
  }

  log(message: string, err?: unknown): void {
    this.connection.console.error(err === undefined ? message : `${message}: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
  }

  /** Runs a handler; an exception is logged and turned into `fallback`, never a crash. */
  guard<A extends unknown[], R>(name: string, fallback: R, handler: (...args: A) => R | Promise<R>): (...args: A) => Promise<R> {
    return async (...args: A) => {
      try {
        return await handler(...args);
      } catch (err) {
        this.log(`ScaleLint: ${name} failed`, err);
        return fallback;
      }
    };
  }
}

/**
 * The few `vscode` APIs the calculator panel's host code uses, recorded for assertions: enough to run
 * client/src/calculator outside VS Code (the real-VS Code suite runs it in the editor).
 */
import { LineIndex } from '../../server/src/engine';

type Listener<T> = (e: T) => unknown;

class Emitter<T> {
  private listeners: Listener<T>[] = [];
  event = (listener: Listener<T>) => {
    this.listeners.push(listener);
    return { dispose: () => (this.listeners = this.listeners.filter((l) => l !== listener)) };
  };
  fire(e: T): unknown[] {
    return this.listeners.map((l) => l(e));
  }
}

export class Uri {
  private constructor(
    readonly scheme: string,
    readonly authority: string,
    readonly path: string,
  ) {}
  static parse(value: string, strict?: boolean): Uri {
    const m = /^([a-z][a-z0-9+.-]*):\/\/([^/]*)(\/.*)?$/i.exec(value);
    if (!m) {
      if (strict) throw new Error(`not a URI: ${value}`);
      return new Uri('file', '', value);
    }
    return new Uri(m[1], m[2], m[3] ?? '/');
  }
  static file(path: string): Uri {
    return new Uri('file', '', path);
  }
  static joinPath(base: Uri, ...parts: string[]): Uri {
    return new Uri(base.scheme, base.authority, [base.path.replace(/\/$/, ''), ...parts].join('/'));
  }
  toString(): string {
    return `${this.scheme}://${this.authority}${this.path}`;
  }
}

export class Position {
  constructor(
    readonly line: number,
    readonly character: number,
  ) {}
}

export class Range {
  constructor(
    readonly start: Position,
    readonly end: Position,
  ) {}
}

export class WorkspaceEdit {
  readonly replacements: { uri: Uri; range: Range; newText: string }[] = [];
  replace(uri: Uri, range: Range, newText: string): void {
    this.replacements.push({ uri, range, newText });
  }
}

export const ViewColumn = { One: 1, Two: 2, Beside: -2 } as const;

export class FakeDocument {
  version = 1;
  constructor(
    readonly uri: Uri,
    public text: string,
  ) {}
  getText(): string {
    return this.text;
  }
  positionAt(offset: number): Position {
    const p = new LineIndex(this.text).position(offset);
    return new Position(p.line, p.character);
  }
  offsetAt(position: Position): number {
    const lines = this.text.split('\n');
    let offset = 0;
    for (let i = 0; i < Math.min(position.line, lines.length); i++) offset += lines[i].length + 1;
    return Math.min(offset + position.character, this.text.length);
  }
}

export class FakeWebviewPanel {
  disposed = false;
  readonly revealed: unknown[] = [];
  readonly posted: unknown[] = [];
  private readonly disposeEmitter = new Emitter<void>();
  readonly messages = new Emitter<unknown>();
  readonly onDidDispose = this.disposeEmitter.event;
  readonly webview = {
    html: '',
    cspSource: 'https://fake.vscode-resource.test',
    asWebviewUri: (uri: Uri) => Uri.parse(`https://fake.vscode-resource.test${uri.path}`),
    onDidReceiveMessage: this.messages.event,
    postMessage: async (message: unknown) => {
      this.posted.push(message);
      return true;
    },
  };
  constructor(
    readonly viewType: string,
    readonly title: string,
    readonly options: { enableScripts?: boolean; localResourceRoots?: Uri[] },
  ) {}
  reveal(column: unknown): void {
    this.revealed.push(column);
  }
  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.disposeEmitter.fire();
  }
  /** What the webview script would send; resolves once the host has handled it. */
  async receive(message: unknown): Promise<void> {
    await Promise.all(this.messages.fire(message));
  }
}

/** The fake's state: documents, panels, commands and applied edits. */
export const fake = {
  documents: new Map<string, FakeDocument>(),
  panels: [] as FakeWebviewPanel[],
  commands: new Map<string, (...args: unknown[]) => unknown>(),
  applied: [] as WorkspaceEdit[],
  shown: [] as { document: FakeDocument; options: unknown }[],
  applyResult: true,
  changeEmitter: new Emitter<{ document: FakeDocument }>(),
  editorEmitter: new Emitter<unknown>(),
  addDocument(path: string, text: string): FakeDocument {
    const doc = new FakeDocument(Uri.file(path), text);
    this.documents.set(doc.uri.toString(), doc);
    return doc;
  },
};

export const window = {
  activeTextEditor: undefined as { document: FakeDocument; selection: { active: Position } } | undefined,
  createWebviewPanel(viewType: string, title: string, _column: unknown, options: FakeWebviewPanel['options']): FakeWebviewPanel {
    const panel = new FakeWebviewPanel(viewType, title, options);
    fake.panels.push(panel);
    return panel;
  },
  onDidChangeActiveTextEditor: fake.editorEmitter.event,
  async showTextDocument(document: FakeDocument, options: unknown) {
    fake.shown.push({ document, options });
  },
};

export const workspace = {
  async openTextDocument(uri: Uri): Promise<FakeDocument> {
    const doc = fake.documents.get(uri.toString());
    if (!doc) throw new Error(`cannot open ${uri.toString()}`);
    return doc;
  },
  onDidChangeTextDocument: fake.changeEmitter.event,
  async applyEdit(edit: WorkspaceEdit): Promise<boolean> {
    if (!fake.applyResult) return false;
    fake.applied.push(edit);
    // Apply from the end, so earlier ranges stay valid.
    for (const r of [...edit.replacements].reverse()) {
      const doc = fake.documents.get(r.uri.toString())!;
      const start = doc.offsetAt(r.range.start);
      const end = doc.offsetAt(r.range.end);
      doc.text = doc.text.slice(0, start) + r.newText + doc.text.slice(end);
      doc.version++;
    }
    return true;
  },
};

export const commands = {
  registerCommand(id: string, handler: (...args: unknown[]) => unknown) {
    fake.commands.set(id, handler);
    return { dispose: () => fake.commands.delete(id) };
  },
};

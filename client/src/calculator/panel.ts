/**
 * The capacity calculator panel (webview-sample's shape: one panel, `createOrShow` / `dispose`).
 *
 * The panel is pinned to one manifest object, the HPA, ScaledObject or Auto Scaling group it was
 * opened on; focus moves to the webview when the user works in it, so "the cursor" is read when the
 * panel opens or on "Use the cursor's manifest", not at apply time. The object is found again by kind
 * and name whenever its file changes, so edits above it do not lose it.
 */
import * as vscode from 'vscode';
import { basename } from 'node:path';
import { capacityEdits, capacityTargetAt, capacityTargets, type CapacityTarget } from '../../../server/src/engine/capacity';
import { calculatorHtml, makeNonce } from './html';
import { parseWebviewMessage, type HostMessage, type ReplicaValues, type TargetInfo } from './webview/protocol';

export interface CursorAt {
  document: vscode.TextDocument;
  offset: number;
}

interface Pin {
  uri: vscode.Uri;
  kind: CapacityTarget['kind'];
  name: string;
  namespace?: string;
  /** Where it was last seen (file offset), to tell apart objects of the same kind and name. */
  offset: number;
}

const REFRESH_MS = 200;

export class CalculatorPanel {
  static readonly viewType = 'scalelint.calculator';
  static current: CalculatorPanel | undefined;

  private pin: Pin | undefined;
  private reason = '';
  private ready = false;
  private refreshTimer: NodeJS.Timeout | undefined;
  private readonly disposables: vscode.Disposable[] = [];

  /** Shows the panel (creating it once), and points it at the object under `at` when given. */
  static createOrShow(extensionUri: vscode.Uri, at: CursorAt | undefined, cursor: () => CursorAt | undefined, log: (message: string) => void): CalculatorPanel {
    if (CalculatorPanel.current) {
      CalculatorPanel.current.panel.reveal(vscode.ViewColumn.Beside);
      if (at) CalculatorPanel.current.setTarget(at);
      return CalculatorPanel.current;
    }
    const panel = vscode.window.createWebviewPanel(CalculatorPanel.viewType, 'Capacity Calculator', vscode.ViewColumn.Beside, {
      enableScripts: true,
      // The bundled script and stylesheet only: nothing else of the disk, nothing remote.
      localResourceRoots: [vscode.Uri.joinPath(extensionUri, 'client', 'out')],
    });
    CalculatorPanel.current = new CalculatorPanel(panel, extensionUri, cursor, log);
    CalculatorPanel.current.setTarget(at);
    return CalculatorPanel.current;
  }

  private constructor(
    readonly panel: vscode.WebviewPanel,
    private readonly extensionUri: vscode.Uri,
    private readonly cursor: () => CursorAt | undefined,
    private readonly log: (message: string) => void,
  ) {
    const webview = panel.webview;
    const out = vscode.Uri.joinPath(extensionUri, 'client', 'out');
    webview.html = calculatorHtml({
      cspSource: webview.cspSource,
      nonce: makeNonce(),
      scriptUri: webview.asWebviewUri(vscode.Uri.joinPath(out, 'calculator.js')).toString(),
      styleUri: webview.asWebviewUri(vscode.Uri.joinPath(out, 'calculator.css')).toString(),
    });
    this.disposables.push(
      panel.onDidDispose(() => this.dispose()),
      // The promise is for tests; onMessage reports its own failures.
      webview.onDidReceiveMessage((raw: unknown) => this.onMessage(raw)),
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (this.pin && e.document.uri.toString() === this.pin.uri.toString()) this.scheduleRefresh();
      }),
    );
  }

  dispose(): void {
    if (CalculatorPanel.current === this) CalculatorPanel.current = undefined;
    if (this.refreshTimer) clearTimeout(this.refreshTimer);
    this.panel.dispose();
    for (const d of this.disposables.splice(0)) d.dispose();
  }

  /** Points the panel at the object under the cursor, or at nothing (saying why). */
  setTarget(at: CursorAt | undefined): void {
    if (!at) {
      this.pin = undefined;
      this.reason = 'No manifest: put the cursor in an HPA, ScaledObject or Auto Scaling group and choose “Use the cursor’s manifest”, or click the code lens above one.';
    } else {
      const t = capacityTargetAt(at.document.getText(), at.offset);
      if (t) {
        this.pin = { uri: at.document.uri, kind: t.kind, name: t.name, namespace: t.namespace, offset: t.start };
        this.reason = '';
      } else {
        this.pin = undefined;
        const line = at.document.positionAt(at.offset).line + 1;
        this.reason = `No HPA, ScaledObject or Auto Scaling group at line ${line} of ${basename(at.document.uri.path)}: the numbers are yours to copy.`;
      }
    }
    void this.postTarget();
  }

  private scheduleRefresh(): void {
    if (this.refreshTimer) clearTimeout(this.refreshTimer);
    this.refreshTimer = setTimeout(() => {
      this.refreshTimer = undefined;
      void this.postTarget();
    }, REFRESH_MS);
  }

  /** The pinned object in the document's current text. */
  private find(document: vscode.TextDocument): CapacityTarget | undefined {
    const pin = this.pin;
    if (!pin) return undefined;
    const text = document.getText();
    const same = capacityTargets(text).filter((t) => t.kind === pin.kind && t.name === pin.name && t.namespace === pin.namespace);
    const found = same.sort((a, b) => Math.abs(a.start - pin.offset) - Math.abs(b.start - pin.offset))[0] ?? capacityTargetAt(text, pin.offset);
    if (found) pin.offset = found.start;
    return found;
  }

  private async document(): Promise<vscode.TextDocument | undefined> {
    if (!this.pin) return undefined;
    try {
      return await vscode.workspace.openTextDocument(this.pin.uri);
    } catch (err) {
      this.log(`ScaleLint calculator: cannot open ${this.pin.uri.toString()}: ${err instanceof Error ? err.message : String(err)}`);
      return undefined;
    }
  }

  private async postTarget(): Promise<void> {
    if (!this.ready) return; // sent on "ready"
    let target: TargetInfo | null = null;
    let reason = this.reason;
    const document = await this.document();
    if (this.pin) {
      const t = document ? this.find(document) : undefined;
      if (t && document) target = this.info(t, document);
      else reason = `${this.pin.kind} ${this.pin.name} is no longer in ${basename(this.pin.uri.path)}.`;
    }
    this.post({ type: 'target', target, ...(reason && !target ? { reason } : {}) });
  }

  private info(t: CapacityTarget, document: vscode.TextDocument): TargetInfo {
    const line = document.positionAt(t.start).line + 1;
    return { kind: t.kind, name: t.name, location: `${basename(document.uri.path)}, line ${line}`, fields: t.fields, current: t.current, ...(t.manifest !== undefined ? { manifest: t.manifest } : {}) };
  }

  private post(message: HostMessage): void {
    void this.panel.webview.postMessage(message);
  }

  private async onMessage(raw: unknown): Promise<void> {
    const parsed = parseWebviewMessage(raw);
    if ('error' in parsed) {
      this.log(`ScaleLint calculator: ignored a message from the webview: ${parsed.error}`);
      return;
    }
    const m = parsed.message;
    try {
      switch (m.type) {
        case 'ready':
          this.ready = true;
          await this.postTarget();
          break;
        case 'useCursor':
          this.setTarget(this.cursor());
          break;
        case 'reveal':
          await this.reveal();
          break;
        case 'apply':
          this.post({ type: 'applied', ...(await this.apply(m.values)) });
          break;
      }
    } catch (err) {
      this.log(`ScaleLint calculator: ${m.type} failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
      if (m.type === 'apply') this.post({ type: 'applied', ok: false, message: `The edit failed: ${err instanceof Error ? err.message : String(err)}` });
    }
  }

  private async reveal(): Promise<void> {
    const document = await this.document();
    const t = document ? this.find(document) : undefined;
    if (!document || !t) return;
    const at = document.positionAt(t.start);
    await vscode.window.showTextDocument(document, { viewColumn: vscode.ViewColumn.One, selection: new vscode.Range(at, at) });
  }

  /** Writes min/desired/max into the pinned object as one WorkspaceEdit (one undo step). */
  private async apply(values: ReplicaValues): Promise<{ ok: boolean; message: string }> {
    const document = await this.document();
    if (!this.pin || !document) return { ok: false, message: 'There is no manifest to write into.' };
    const t = this.find(document);
    if (!t) return { ok: false, message: `${this.pin.kind} ${this.pin.name} is no longer in ${basename(this.pin.uri.path)}.` };
    const result = capacityEdits(document.getText(), t.start, values);
    if ('error' in result) return { ok: false, message: result.error };
    if (result.edits.length === 0) return { ok: true, message: `${t.name} already has these values.` };
    const edit = new vscode.WorkspaceEdit();
    for (const e of result.edits) edit.replace(document.uri, new vscode.Range(document.positionAt(e.start), document.positionAt(e.end)), e.newText);
    const applied = await vscode.workspace.applyEdit(edit);
    if (!applied) return { ok: false, message: 'VS Code did not apply the edit (is the file read-only, or was it changed meanwhile?).' };
    return { ok: true, message: `Written: ${result.summary} Undo with Ctrl+Z (Cmd+Z) in the editor.` };
  }
}

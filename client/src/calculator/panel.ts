/**
 * The capacity calculator panel (webview-sample's shape: one panel, `createOrShow` / `dispose`).
 *
 * The panel is pinned to one manifest object, the HPA, ScaledObject or Auto Scaling group it was
 * opened on; focus moves to the webview when the user works in it, so "the cursor" is read when the
 * panel opens or on "Use the cursor's manifest", not at apply time. The object is found again by kind
 * and name whenever its file changes, so edits above it do not lose it.
 *
 * An object a chart, kustomization, Terraform module or script renders (SPEC §8, §9) is the language
 * server's to find and write (protocol.ts CAPACITY_TARGET_REQUEST, CAPACITY_EDITS_REQUEST): the server is
 * asked first for every file, and answers null for a file in no render, which the panel then reads as plain
 * YAML itself, as it always has. Apply writes the server's edits, which may be in other files than the one
 * the cursor was in (values.yaml for a template), as one WorkspaceEdit.
 */
import * as vscode from 'vscode';
import { basename } from 'node:path';
import { capacityEdits, capacityTargetAt, capacityTargets, type CapacityTarget } from '../../../server/src/engine/capacity';
import {
  CAPACITY_EDITS_REQUEST,
  CAPACITY_TARGET_REQUEST,
  type CapacityEditsParams,
  type CapacityEditsResult,
  type CapacityPin,
  type CapacityTargetInfo,
  type CapacityTargetParams,
  type CapacityTargetResult,
} from '../../../server/src/protocol';
import { calculatorHtml, makeNonce } from './html';
import { parseWebviewMessage, type HostMessage, type ReplicaValues, type TargetInfo, type TargetKind } from './webview/protocol';

/** Sends a request to the language server; undefined when it is not running (the panel then reads YAML itself). */
export type ServerRequest = <R>(method: string, params: unknown) => Promise<R> | undefined;

/** Files only the server can read (Terraform, scripts, a chart's helpers): no YAML reading of them here. */
const RENDERED_ONLY = /\.(tf|tf\.json|sh|bash|tpl)$/i;

export interface CursorAt {
  document: vscode.TextDocument;
  offset: number;
}

/** A rendered object: the server finds it again by its pin. */
interface ServerPin {
  pin: CapacityPin;
  /** What the server last said of it. */
  info?: CapacityTargetInfo;
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
  private served: ServerPin | undefined;
  /** The latest retargeting (the command awaits it); a newer one wins over an older answer. */
  targeting: Promise<void> = Promise.resolve();
  private generation = 0;
  private reason = '';
  private ready = false;
  private refreshTimer: NodeJS.Timeout | undefined;
  private readonly disposables: vscode.Disposable[] = [];

  /** Shows the panel (creating it once), and points it at the object under `at` when given. */
  static createOrShow(extensionUri: vscode.Uri, at: CursorAt | undefined, cursor: () => CursorAt | undefined, log: (message: string) => void, request?: ServerRequest): CalculatorPanel {
    if (CalculatorPanel.current) {
      CalculatorPanel.current.panel.reveal(vscode.ViewColumn.Beside);
      if (at) void CalculatorPanel.current.setTarget(at);
      return CalculatorPanel.current;
    }
    const panel = vscode.window.createWebviewPanel(CalculatorPanel.viewType, 'Capacity Calculator', vscode.ViewColumn.Beside, {
      enableScripts: true,
      // The bundled script and stylesheet only: nothing else of the disk, nothing remote.
      localResourceRoots: [vscode.Uri.joinPath(extensionUri, 'client', 'out')],
    });
    CalculatorPanel.current = new CalculatorPanel(panel, extensionUri, cursor, log, request);
    void CalculatorPanel.current.setTarget(at);
    return CalculatorPanel.current;
  }

  private constructor(
    readonly panel: vscode.WebviewPanel,
    private readonly extensionUri: vscode.Uri,
    private readonly cursor: () => CursorAt | undefined,
    private readonly log: (message: string) => void,
    private readonly request?: ServerRequest,
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
        // A rendered object may change with any file its render reads (values.yaml, a variables.tf).
        const served = this.served && (e.document.uri.scheme === 'file' || e.document.uri.scheme === 'untitled'); // not the output channel
        if (served || (this.pin && e.document.uri.toString() === this.pin.uri.toString())) this.scheduleRefresh();
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
  setTarget(at: CursorAt | undefined): Promise<void> {
    const generation = ++this.generation;
    this.served = undefined;
    if (!at) {
      this.pin = undefined;
      this.reason = 'No manifest: put the cursor in an HPA, ScaledObject or Auto Scaling group and choose “Use the cursor’s manifest”, or click the code lens above one.';
      return (this.targeting = this.postTarget());
    }
    const position = at.document.positionAt(at.offset);
    const asked = this.ask<CapacityTargetResult>(CAPACITY_TARGET_REQUEST, { uri: at.document.uri.toString(), position: { line: position.line, character: position.character } } satisfies CapacityTargetParams);
    if (!asked) {
      this.targetLocally(at, undefined);
      return (this.targeting = this.postTarget());
    }
    return (this.targeting = asked.then((answer) => {
      if (generation !== this.generation) return;
      if (answer?.target) {
        this.pin = undefined;
        this.served = { pin: answer.target.pin, info: answer.target };
        this.reason = '';
      } else this.targetLocally(at, answer ?? undefined);
      return this.postTarget();
    }));
  }

  /** The plain-YAML reading: the object at the cursor in the document's own text. */
  private targetLocally(at: CursorAt, server: { reason?: string } | undefined): void {
    const text = at.document.getText();
    // A file of a render (answer not null) is read here only when it is a whole manifest, not a template.
    const readable = !RENDERED_ONLY.test(at.document.uri.path) && !(server && text.includes('{{'));
    const t = readable ? capacityTargetAt(text, at.offset) : undefined;
    if (t) {
      this.pin = { uri: at.document.uri, kind: t.kind, name: t.name, namespace: t.namespace, offset: t.start };
      this.reason = '';
    } else {
      this.pin = undefined;
      const line = at.document.positionAt(at.offset).line + 1;
      this.reason = server?.reason ?? `No HPA, ScaledObject or Auto Scaling group at line ${line} of ${basename(at.document.uri.path)}: the numbers are yours to copy.`;
    }
  }

  /** A server request, or undefined without a server (or when it fails: logged, and the panel reads YAML itself). */
  private ask<R>(method: string, params: unknown): Promise<R | undefined> | undefined {
    if (!this.request) return undefined;
    let pending: Promise<R> | undefined;
    try {
      pending = this.request<R>(method, params);
    } catch (err) {
      this.log(`ScaleLint calculator: ${method} failed: ${err instanceof Error ? err.message : String(err)}`);
      return undefined;
    }
    return pending?.catch((err: unknown) => {
      this.log(`ScaleLint calculator: ${method} failed: ${err instanceof Error ? err.message : String(err)}`);
      return undefined;
    });
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
    if (this.served) {
      const served = this.served;
      const answer = await this.ask<CapacityTargetResult>(CAPACITY_TARGET_REQUEST, { pin: served.pin } satisfies CapacityTargetParams);
      if (served !== this.served) return; // retargeted meanwhile
      if (answer?.target) served.info = answer.target;
      const reason = answer === undefined ? 'The ScaleLint language server is not running: the rendered target cannot be read.' : (answer?.reason ?? `${served.pin.name} is no longer rendered.`);
      this.post({ type: 'target', target: answer?.target ? this.servedInfo(answer.target) : null, ...(answer?.target ? {} : { reason }) });
      return;
    }
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

  private servedInfo(t: CapacityTargetInfo): TargetInfo {
    return { kind: t.kind as TargetKind, name: t.name, location: t.location, fields: t.fields, current: t.current, ...(t.manifest !== undefined ? { manifest: t.manifest } : {}) };
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
          await this.setTarget(this.cursor());
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
    const home = this.served?.info?.home;
    if (home) {
      const document = await vscode.workspace.openTextDocument(vscode.Uri.parse(home.uri, true));
      const at = new vscode.Position(home.range.start.line, home.range.start.character);
      await vscode.window.showTextDocument(document, { viewColumn: vscode.ViewColumn.One, selection: new vscode.Range(at, at) });
      return;
    }
    const document = await this.document();
    const t = document ? this.find(document) : undefined;
    if (!document || !t) return;
    const at = document.positionAt(t.start);
    await vscode.window.showTextDocument(document, { viewColumn: vscode.ViewColumn.One, selection: new vscode.Range(at, at) });
  }

  /** Writes min/desired/max into the pinned object as one WorkspaceEdit (one undo step). */
  private async apply(values: ReplicaValues): Promise<{ ok: boolean; message: string }> {
    if (this.served) return this.applyServed(this.served, values);
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

  /** The server's edits (each file's edits computed on the text the server had: its version is checked). */
  private async applyServed(served: ServerPin, values: ReplicaValues): Promise<{ ok: boolean; message: string }> {
    const result = await this.ask<CapacityEditsResult>(CAPACITY_EDITS_REQUEST, { pin: served.pin, values } satisfies CapacityEditsParams);
    if (!result) return { ok: false, message: 'The ScaleLint language server is not running: nothing was written.' };
    if (!result.ok) return { ok: false, message: result.message };
    const changes = result.changes ?? [];
    if (changes.length === 0) return { ok: true, message: result.message };
    const edit = new vscode.WorkspaceEdit();
    for (const change of changes) {
      const uri = vscode.Uri.parse(change.uri, true);
      if (change.version !== undefined) {
        const document = await vscode.workspace.openTextDocument(uri);
        if (document.version !== change.version) return { ok: false, message: `${basename(uri.path)} changed while the edit was computed: nothing was written; apply again.` };
      }
      const sorted = [...change.edits].sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
      for (const e of sorted) {
        const range = new vscode.Range(new vscode.Position(e.range.start.line, e.range.start.character), new vscode.Position(e.range.end.line, e.range.end.character));
        edit.replace(uri, range, e.newText);
      }
    }
    const applied = await vscode.workspace.applyEdit(edit);
    if (!applied) return { ok: false, message: 'VS Code did not apply the edit (is a file read-only, or was it changed meanwhile?).' };
    const files = changes.length > 1 ? ' in each file' : '';
    return { ok: true, message: `Written: ${result.message} Undo with Ctrl+Z (Cmd+Z)${files} in the editor.` };
  }
}

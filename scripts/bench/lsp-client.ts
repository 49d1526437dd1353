/**
 * A minimal LSP client for benchmarks: starts a language server over stdio, answers what servers ask
 * (workspace/configuration, capability registration, progress), opens a document, sends single-edit
 * changes and times each until that version's diagnostics arrive. Peak memory is the server process's
 * VmHWM from /proc/<pid>/status.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import {
  ConfigurationRequest,
  createProtocolConnection,
  DiagnosticRefreshRequest,
  DocumentDiagnosticRequest,
  DidChangeConfigurationNotification,
  DidChangeTextDocumentNotification,
  DidOpenTextDocumentNotification,
  ExitNotification,
  InitializedNotification,
  InitializeRequest,
  PublishDiagnosticsNotification,
  RegistrationRequest,
  ShutdownRequest,
  StreamMessageReader,
  StreamMessageWriter,
  WorkDoneProgressCreateRequest,
  type ProtocolConnection,
  type PublishDiagnosticsParams,
  type Range,
} from 'vscode-languageserver-protocol/node';

export interface ServerSpec {
  name: string;
  /** Node arguments before the script (e.g. `--cpu-prof`). */
  nodeArgs?: string[];
  script: string;
  args: string[];
  /** Settings by section, for workspace/configuration and didChangeConfiguration. */
  settings: Record<string, unknown>;
  /**
   * Whether publishDiagnostics carries the document version. yaml-language-server's does not: it
   * cancels a pending validation on every change, so the first publish after a change is that change's.
   */
  versioned: boolean;
  /** Ask for diagnostics (textDocument/diagnostic, with the last result id) after each change, as VS Code does, instead of waiting for publishes. */
  pull?: boolean;
}

interface Waiter {
  check: () => boolean;
  resolve: () => void;
}

export class BenchClient {
  private readonly connection: ProtocolConnection;
  private readonly waiters: Waiter[] = [];
  /**
   * Per URI: the version of every publish (undefined for an unversioned server) and the latest publish. Only
   * the latest is kept: holding every publish of a file with 10,000 diagnostics made the client's own heap
   * (and its garbage collection, counted in each edit's time) grow edit after edit.
   */
  private readonly published = new Map<string, { versions: (number | undefined)[]; latest: PublishDiagnosticsParams }>();
  /** Pull mode, per URI: the last full report's items and result id, and how many pulls were answered `unchanged`. */
  private readonly pulled = new Map<string, { resultId?: string; items: PublishDiagnosticsParams['diagnostics']; unchanged: number }>();
  private stderr = '';
  private stopping = false;

  private constructor(
    readonly spec: ServerSpec,
    readonly child: ChildProcess,
  ) {
    child.stderr!.on('data', (d: Buffer) => (this.stderr = (this.stderr + d.toString()).slice(-4000)));
    // A server that stops before it is shut down ends the benchmark (else its pending requests never settle and the run ends silently).
    child.once('exit', (code, signal) => {
      if (this.stopping) return;
      console.error(`${spec.name} exited unexpectedly (code ${code}, signal ${signal}).\n${this.stderr}`);
      process.exit(1);
    });
    this.connection = createProtocolConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
    this.connection.onNotification(PublishDiagnosticsNotification.type, (p) => {
      const entry = this.published.get(p.uri) ?? { versions: [], latest: p };
      entry.versions.push(p.version);
      entry.latest = p;
      this.published.set(p.uri, entry);
      for (const w of [...this.waiters]) {
        if (w.check()) {
          this.waiters.splice(this.waiters.indexOf(w), 1);
          w.resolve();
        }
      }
    });
    this.connection.onRequest(ConfigurationRequest.type, (p) => p.items.map((item) => (item.section && item.section in spec.settings ? spec.settings[item.section] : null)));
    this.connection.onRequest(RegistrationRequest.type, () => null);
    this.connection.onRequest(WorkDoneProgressCreateRequest.type, () => null);
    this.connection.onRequest(DiagnosticRefreshRequest.type, () => null);
    this.connection.onRequest('workspace/workspaceFolders', () => null);
    this.connection.listen();
  }

  static async start(spec: ServerSpec, folder: string): Promise<BenchClient> {
    const child = spawn(process.execPath, [...(spec.nodeArgs ?? []), spec.script, ...spec.args], { stdio: ['pipe', 'pipe', 'pipe'] });
    const client = new BenchClient(spec, child);
    const rootUri = pathToFileURL(folder).href;
    await client.connection.sendRequest(InitializeRequest.type, {
      processId: process.pid,
      rootUri,
      workspaceFolders: [{ uri: rootUri, name: 'bench' }],
      capabilities: {
        workspace: { configuration: true, didChangeConfiguration: { dynamicRegistration: true }, workspaceFolders: true },
        textDocument: {
          synchronization: { dynamicRegistration: false },
          publishDiagnostics: { relatedInformation: true, versionSupport: true, codeDescriptionSupport: true, dataSupport: true },
          ...(spec.pull ? { diagnostic: { dynamicRegistration: false, relatedDocumentSupport: false } } : {}),
        },
      },
    });
    await client.connection.sendNotification(InitializedNotification.type, {});
    await client.connection.sendNotification(DidChangeConfigurationNotification.type, { settings: spec.settings });
    return client;
  }

  private count(uri: string): number {
    return this.published.get(uri)?.versions.length ?? 0;
  }

  private waitFor(check: () => boolean, what: string, timeoutMs: number): Promise<void> {
    return new Promise((resolve, reject) => {
      if (check()) return resolve();
      const timer = setTimeout(() => {
        this.waiters.splice(this.waiters.indexOf(waiter), 1);
        reject(new Error(`${this.spec.name}: timed out after ${timeoutMs} ms waiting for ${what}\n${this.stderr}`));
      }, timeoutMs);
      const waiter: Waiter = {
        check,
        resolve: () => {
          clearTimeout(timer);
          resolve();
        },
      };
      this.waiters.push(waiter);
    });
  }

  /** Diagnostics for `version` (versioned servers), else the first publish after `before` publishes. */
  private diagnosticsFor(uri: string, version: number, before: number, timeoutMs: number): Promise<void> {
    return this.waitFor(
      () => {
        const versions = this.published.get(uri)?.versions ?? [];
        if (this.spec.versioned) return versions.some((v, i) => i >= before && v === version);
        return versions.length > before;
      },
      `diagnostics of version ${version}`,
      timeoutMs,
    );
  }

  /** Pull mode: asks for the document's diagnostics, with the last result id. */
  private async pull(uri: string): Promise<void> {
    const last = this.pulled.get(uri) ?? { items: [], unchanged: 0 };
    const report = await this.connection.sendRequest(DocumentDiagnosticRequest.type, { textDocument: { uri }, ...(last.resultId ? { previousResultId: last.resultId } : {}) });
    if (report.kind === 'full') this.pulled.set(uri, { resultId: report.resultId, items: report.items, unchanged: last.unchanged });
    else this.pulled.set(uri, { ...last, unchanged: last.unchanged + 1 });
  }

  /** Pull mode: how many pulls were answered `unchanged`. */
  unchangedPulls(uri: string): number {
    return this.pulled.get(uri)?.unchanged ?? 0;
  }

  /** didOpen → first diagnostics: wall ms, and the server's CPU ms meanwhile. */
  async open(uri: string, text: string, timeoutMs = 600_000): Promise<{ wall: number; cpu: number }> {
    const before = this.count(uri);
    const cpu = this.cpuMs();
    const started = performance.now();
    await this.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: 'yaml', version: 1, text } });
    if (this.spec.pull) await this.pull(uri);
    else await this.diagnosticsFor(uri, 1, before, timeoutMs);
    return { wall: performance.now() - started, cpu: this.cpuMs() - cpu };
  }

  /** Waits until no diagnostics arrived for `quietMs` (a server may validate twice after open). */
  async settle(uri: string, quietMs: number): Promise<void> {
    if (this.spec.pull) return; // nothing arrives unasked
    for (;;) {
      const n = this.count(uri);
      await new Promise((r) => setTimeout(r, quietMs));
      if (this.count(uri) === n) return;
    }
  }

  /** One incremental change → its diagnostics, in ms. */
  async edit(uri: string, version: number, range: Range, text: string, timeoutMs = 600_000): Promise<number> {
    const before = this.count(uri);
    const started = performance.now();
    await this.connection.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri, version }, contentChanges: [{ range, text }] });
    if (this.spec.pull) await this.pull(uri);
    else await this.diagnosticsFor(uri, version, before, timeoutMs);
    return performance.now() - started;
  }

  latest(uri: string): PublishDiagnosticsParams | undefined {
    const pulled = this.pulled.get(uri);
    if (pulled) return { uri, diagnostics: pulled.items };
    return this.published.get(uri)?.latest;
  }

  /** CPU time (user + system) the server process has used so far, in ms (/proc/<pid>/stat). */
  cpuMs(): number {
    try {
      const fields = readFileSync(`/proc/${this.child.pid}/stat`, 'utf8').replace(/^.*\) /, '').split(' ');
      // After the command name: utime and stime are fields 14 and 15 of stat, in clock ticks (100 per second on Linux).
      return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
    } catch {
      return NaN;
    }
  }

  /** Peak resident set size of the server process so far, in MB (VmHWM). */
  peakRssMb(): number {
    try {
      const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${this.child.pid}/status`, 'utf8'));
      return m ? Number(m[1]) / 1024 : NaN;
    } catch {
      return NaN;
    }
  }

  async shutdown(): Promise<void> {
    this.stopping = true;
    const exited = new Promise<void>((resolve) => (this.child.exitCode !== null ? resolve() : this.child.once('exit', () => resolve())));
    try {
      await Promise.race([this.connection.sendRequest(ShutdownRequest.type), new Promise((r) => setTimeout(r, 10_000))]);
      await this.connection.sendNotification(ExitNotification.type);
    } catch {
      // the server may already be gone
    }
    const timer = setTimeout(() => this.child.kill(), 10_000);
    await exited;
    clearTimeout(timer);
    this.connection.dispose();
  }
}

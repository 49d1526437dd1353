/**
 * Worker threads that parse and check documents (lint-worker.ts), for the CLI (many files) and the
 * server (opening a large file). The main thread keeps a share of the documents to do itself while the
 * workers run, then rebuilds the workers' documents from plain data (several times cheaper than
 * parsing): the cross-document rules need every document's nodes in one place.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { chunkFromTransfer, splitDocuments, type Config, type Finding, type Linter, type PreparedDocument, type TransferredChunk } from './engine';

export interface LintJob {
  id: number;
  config: Config;
  texts: string[];
}

export type LintJobResult = { id: number; documents: { parsed: TransferredChunk; findings: Finding[] }[] } | { id: number; error: string };

/**
 * Share of the work (by characters) the main thread keeps with one worker: with its share parsed and
 * checked, rebuilding the rest and the cross-document rules take about as long as the worker needs
 * (measured: PERFORMANCE.md).
 */
export const MAIN_SHARE = 0.5;

/** Documents per message to and from a worker. */
const BATCH = 256;

export class LintThreads {
  private readonly workers: Worker[] = [];
  private readonly pending = new Map<number, { resolve: (r: LintJobResult) => void; reject: (e: Error) => void }>();
  private nextId = 1;
  private broken: Error | undefined;

  constructor(
    count: number,
    script = join(__dirname, 'lint-worker.js'),
  ) {
    if (!existsSync(script)) {
      this.broken = new Error(`${script} is missing (run npm run build)`);
      return;
    }
    for (let i = 0; i < count; i++) {
      const worker = new Worker(script);
      worker.unref(); // an idle lint thread never keeps the process alive
      worker.on('message', (r: LintJobResult) => {
        const p = this.pending.get(r.id);
        this.pending.delete(r.id);
        p?.resolve(r);
      });
      const fail = (err: Error) => {
        this.broken = err;
        for (const p of this.pending.values()) p.reject(err);
        this.pending.clear();
      };
      worker.on('error', fail);
      worker.on('exit', (code) => code !== 0 && fail(new Error(`a lint thread stopped (exit code ${code})`)));
      this.workers.push(worker);
    }
  }

  get size(): number {
    return this.broken ? 0 : this.workers.length;
  }

  private run(worker: Worker, config: Config, texts: string[]): Promise<LintJobResult> {
    if (this.broken) return Promise.reject(this.broken);
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      worker.ref();
      worker.postMessage({ id, config, texts } satisfies LintJob);
    }).finally(() => {
      if (![...this.pending.keys()].length) for (const w of this.workers) w.unref();
    }) as Promise<LintJobResult>;
  }

  /**
   * Prepares document texts (as split) for `Linter.update`: a share here (synchronously, while the
   * workers run), the rest on the workers, rebuilt here. One result per text, in order; undefined where
   * a worker failed (`Linter.update` then parses that document itself).
   */
  async prepare(texts: string[], config: Config, here: Linter, mainShare = MAIN_SHARE): Promise<(PreparedDocument | undefined)[]> {
    const out: (PreparedDocument | undefined)[] = new Array(texts.length);
    const workers = this.size;
    const total = texts.reduce((n, t) => n + t.length, 0);
    const ownShare = workers ? mainShare / (1 + (workers - 1) * mainShare) : 1;
    // The first documents stay here; the rest go to the workers in contiguous, equal-sized runs.
    const own: number[] = [];
    const jobs: number[][] = Array.from({ length: workers }, () => []);
    let seen = 0;
    texts.forEach((t, i) => {
      if (!workers || seen < ownShare * total) own.push(i);
      else jobs[Math.min(workers - 1, Math.floor(((seen - ownShare * total) / ((1 - ownShare) * total)) * workers))].push(i);
      seen += t.length;
    });
    // In batches: each comes back and is rebuilt while the worker goes on, so the plain-data copies of
    // the documents never all exist at once (peak memory).
    const batches: { indexes: number[]; result: Promise<LintJobResult | undefined> }[] = [];
    jobs.forEach((job, w) => {
      for (let k = 0; k < job.length; k += BATCH) {
        const indexes = job.slice(k, k + BATCH);
        const result = this.run(this.workers[w], config, indexes.map((i) => texts[i])).catch(() => undefined);
        batches.push({ indexes, result });
      }
    });
    for (const i of own) out[i] = here.prepareDocument(texts[i], config);
    for (const b of batches) {
      const r = await b.result;
      if (!r || 'error' in r) continue; // left to Linter.update, which parses what was not prepared
      r.documents.forEach((d, k) => {
        const i = b.indexes[k];
        out[i] = { chunk: chunkFromTransfer(texts[i], d.parsed), findings: { config, list: d.findings } };
      });
    }
    return out;
  }

  /** `prepare` for one file's text: the prepared documents by text, for `Linter.update`. */
  async prepareFile(text: string, config: Config, here: Linter, mainShare = MAIN_SHARE): Promise<Map<string, PreparedDocument>> {
    const texts = splitDocuments(text).map((c) => c.text);
    const list = await this.prepare(texts, config, here, mainShare);
    const map = new Map<string, PreparedDocument>();
    list.forEach((p, i) => p && !map.has(texts[i]) && map.set(texts[i], p));
    return map;
  }

  close(): void {
    for (const w of this.workers) void w.terminate();
    this.workers.length = 0;
  }
}

/**
 * Worker threads that parse and check documents (lint-worker.ts), for the CLI (many files) and the
 * server (opening a large file). The main thread and the workers take batches from a shared counter;
 * the main thread rebuilds the workers' documents from plain data (several times cheaper than
 * parsing): the cross-document rules need every document's nodes in one place.
 */
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { trace } from './trace';
import { chunkFromTransfer, parseChunk, splitDocuments, type Config, type Finding, type Linter, type PreparedDocument, type TransferredChunk } from '../engine';

/** A job: document texts, done in batches that the threads claim from a shared counter. */
export interface LintJob {
  id: number;
  config: Config;
  texts: string[];
  /** Documents per batch. */
  batch: number;
  /** Int32 counter: the next batch to claim. */
  claims: SharedArrayBuffer;
  /** Send back findings only: the main thread parses these documents itself (`LintThreads.check`). */
  findingsOnly?: true;
}

/** Per-document findings from the workers (`LintThreads.check`): `finish` ends the job. */
export interface CheckJob {
  /**
   * Takes every batch no worker has claimed yet and resolves once the claimed ones are back: one entry per
   * text, undefined for a document no worker checked (taken back, or its worker failed).
   */
  finish(): Promise<(Finding[] | undefined)[]>;
}

export type LintJobMessage =
  | { id: number; batch: number; documents: { parsed?: TransferredChunk; findings: Finding[] }[] }
  | { id: number; done: true }
  | { id: number; error: string };

/**
 * The fewest cores on which linting on threads pays. On 2 cores it does not (measured, PERFORMANCE.md, issue 15's
 * seventh round): this thread still parses every document (the cross-document rules need its nodes), each thread
 * compiles the same code for itself, and the garbage collector's and compiler's helper threads lose their core.
 * Opening a 5,000-document file took 2.47 s with the lint thread and 1.94 s without; the CLI was 10-15 % slower.
 */
export const LINT_THREAD_MIN_CORES = 3;

/**
 * Whether to lint on threads, and why, in words for the server's start line: `SCALELINT_LINT_THREADS=0` never,
 * `=1` wherever there is a second core, otherwise with `LINT_THREAD_MIN_CORES` cores or more.
 */
export function lintThreadsWanted(cores = availableParallelism(), setting = process.env.SCALELINT_LINT_THREADS): { use: boolean; why?: string } {
  if (setting === '0') return { use: false, why: 'SCALELINT_LINT_THREADS=0' };
  if (cores < 2) return { use: false, why: 'one core' };
  if (setting === '1' || cores >= LINT_THREAD_MIN_CORES) return { use: true };
  return { use: false, why: `${cores} cores; SCALELINT_LINT_THREADS=1 uses it` };
}

/** Documents per batch: small enough to balance the threads, large enough that messages stay few. */
const BATCH = 64;

const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

/** The lint thread's script, beside the bundle that starts it. */
export const LINT_WORKER_SCRIPT = join(__dirname, 'lint-worker.js');

export class LintThreads {
  private readonly workers: Worker[] = [];
  private readonly listeners = new Map<number, (m: LintJobMessage) => void>();
  private nextId = 1;
  private broken: Error | undefined;

  constructor(
    count: number,
    script = LINT_WORKER_SCRIPT,
  ) {
    if (!existsSync(script)) {
      this.broken = new Error(`${script} is missing (run npm run build)`);
      return;
    }
    for (let i = 0; i < count; i++) {
      // A small young generation: a worker's garbage is short-lived parse state, and its heap adds to the
      // process's peak memory (measured at 5,000 documents: about 30 MB less, same speed; PERFORMANCE.md).
      const worker = new Worker(script, { resourceLimits: { maxYoungGenerationSizeMb: 8 } });
      worker.unref(); // an idle lint thread never keeps the process alive
      worker.on('message', (m: LintJobMessage) => this.listeners.get(m.id)?.(m));
      const fail = (err: Error) => {
        this.broken = err;
        for (const [id, listener] of this.listeners) listener({ id, error: err.message });
      };
      worker.on('error', fail);
      worker.on('exit', (code) => code !== 0 && fail(new Error(`a lint thread stopped (exit code ${code})`)));
      this.workers.push(worker);
    }
  }

  get size(): number {
    return this.broken ? 0 : this.workers.length;
  }

  /**
   * Prepares document texts (as split) for `Linter.update`. This thread and the workers claim batches
   * of documents from one shared counter, so the work balances itself whatever each thread's speed
   * (a worker still starting, a busy machine); between its own batches this thread rebuilds what the
   * workers sent. One result per text, in order; undefined where a worker failed (`Linter.update` then
   * parses that document itself).
   */
  async prepare(texts: string[], config: Config, here: Linter): Promise<(PreparedDocument | undefined)[]> {
    const out: (PreparedDocument | undefined)[] = new Array(texts.length);
    const job = this.start(texts, config, (batch, documents) => {
      trace(`got batch ${batch}`);
      documents.forEach((d, k) => {
        const i = batch * BATCH + k;
        out[i] = { chunk: d.parsed ? chunkFromTransfer(texts[i], d.parsed) : parseChunk(texts[i]), findings: { config, list: d.findings } };
      });
      trace(`rebuilt batch ${batch}`);
    });
    try {
      for (let b = Atomics.add(job.counter, 0, 1); b < job.batches; b = Atomics.add(job.counter, 0, 1)) {
        for (let i = b * BATCH; i < Math.min(texts.length, (b + 1) * BATCH); i++) out[i] = here.prepareDocument(texts[i], config);
        trace(`main did batch ${b}`);
        if (job.running) await yieldToEventLoop(); // take in what the workers sent meanwhile
      }
      trace('main out of batches');
      await job.allDone;
      trace('all done');
    } finally {
      job.end();
    }
    return out;
  }

  /**
   * Runs the per-document rules over document texts (as split) on the workers alone, while this thread
   * does other work: the CLI parses the same documents and runs the cross-document rules meanwhile, which
   * it needs the nodes for anyway (sending parses back was no cheaper than parsing again). The workers send
   * findings only; what they have not claimed when `finish` is called is left to this thread.
   */
  check(texts: string[], config: Config): CheckJob {
    const out: (Finding[] | undefined)[] = new Array(texts.length);
    const job = this.start(texts, config, (batch, documents) => documents.forEach((d, k) => (out[batch * BATCH + k] = d.findings)), true);
    return {
      finish: async () => {
        // No batch is claimed after this: a worker stops after the batch in hand.
        Atomics.store(job.counter, 0, job.batches);
        try {
          await job.allDone;
        } finally {
          job.end();
        }
        return out;
      },
    };
  }

  /**
   * Posts a job to every worker (none when they failed): `onBatch` takes each batch they send back; `allDone`
   * resolves when every worker is done or failed (its unsent batches then stay with the caller); `end` must
   * follow, so that idle workers no longer keep the process alive.
   */
  private start(texts: string[], config: Config, onBatch: (batch: number, documents: Extract<LintJobMessage, { batch: number }>['documents']) => void, findingsOnly?: true) {
    const claims = new SharedArrayBuffer(4);
    const id = this.nextId++;
    const job = { counter: new Int32Array(claims), batches: Math.ceil(texts.length / BATCH), running: this.broken ? 0 : this.workers.length, allDone: Promise.resolve(), end: () => undefined as void };
    let finished: () => void = () => undefined;
    job.allDone = new Promise<void>((resolve) => (finished = resolve));
    if (job.running === 0) finished();
    this.listeners.set(id, (m) => {
      if ('batch' in m) onBatch(m.batch, m.documents);
      else if (--job.running === 0) finished(); // done, or failed: its unsent batches stay undefined
    });
    job.end = () => {
      this.listeners.delete(id);
      for (const w of this.workers) w.unref();
    };
    for (const w of job.running ? this.workers : []) {
      w.ref();
      w.postMessage({ id, config, texts, batch: BATCH, claims, ...(findingsOnly ? { findingsOnly } : {}) } satisfies LintJob);
    }
    return job;
  }

  /** `prepare` for one file's text: the prepared documents by text, for `Linter.update`. */
  async prepareFile(text: string, config: Config, here: Linter): Promise<Map<string, PreparedDocument>> {
    const texts = splitDocuments(text).map((c) => c.text);
    const list = await this.prepare(texts, config, here);
    const map = new Map<string, PreparedDocument>();
    list.forEach((p, i) => p && !map.has(texts[i]) && map.set(texts[i], p));
    return map;
  }

  close(): void {
    for (const w of this.workers) void w.terminate();
    this.workers.length = 0;
  }
}

/**
 * A lint thread (worker_threads), bundled as server/out/lint-worker.js: parses documents and runs the
 * per-document rules (schema validation included) with the config it is given, and hands back each
 * document's findings and its parse as plain data (engine/parse/transfer.ts), which the main thread
 * rebuilds into YAML nodes for the cross-document rules instead of parsing again. Batches of a job are
 * claimed through a shared counter, by this thread and the main thread alike (lint-threads.ts).
 */
import { trace } from './trace';
trace('worker loaded');
import { parentPort } from 'node:worker_threads';
import { Linter, transferOf, type Config } from '../engine';
import { useSchemasFromDisk } from './schemas';
import type { LintJob, LintJobMessage } from './lint-threads';

useSchemasFromDisk();

let linter: Linter | undefined;
let linterConfig: Config | undefined;

parentPort?.on('message', (job: LintJob) => {
  const post = (m: LintJobMessage) => parentPort!.postMessage(m);
  try {
    // One Linter per config: its findings cache is keyed by the config object.
    if (!linter || JSON.stringify(linterConfig) !== JSON.stringify(job.config)) {
      const config = job.config;
      linterConfig = config;
      linter = new Linter(() => config);
    }
    const config = linterConfig!;
    const claims = new Int32Array(job.claims);
    const batches = Math.ceil(job.texts.length / job.batch);
    trace('worker job');
    for (let b = Atomics.add(claims, 0, 1); b < batches; b = Atomics.add(claims, 0, 1)) {
      trace(`worker claims ${b}`);
      const texts = job.texts.slice(b * job.batch, (b + 1) * job.batch);
      post({
        id: job.id,
        batch: b,
        documents: texts.map((text) => {
          const p = linter!.prepareDocument(text, config);
          if (job.findingsOnly) return { findings: p.findings!.list };
          // A document the fast path took is parsed again on the main thread: cheaper than sending and rebuilding it.
          return { parsed: p.chunk.fast ? undefined : transferOf(p.chunk), findings: p.findings!.list };
        }),
      });
    }
    post({ id: job.id, done: true });
  } catch (err) {
    post({ id: job.id, error: String((err as Error)?.stack ?? err) });
  }
});

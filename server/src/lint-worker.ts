/**
 * A lint thread (worker_threads), bundled as server/out/lint-worker.js: parses documents and runs the
 * per-document rules (schema validation included) with the config it is given, and hands back each
 * document's findings and its parse as plain data (engine/parse/transfer.ts), which the main thread
 * rebuilds into YAML nodes for the cross-document rules instead of parsing again.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parentPort } from 'node:worker_threads';
import { Linter, setSchemaLoader, transferOf, type Config } from './engine';
import { usePrecompiledValidators } from './validators';
import type { LintJob, LintJobResult } from './lint-threads';

const SCHEMAS_DIR = join(__dirname, '..', '..', 'schemas');
setSchemaLoader((relativePath) => {
  try {
    return JSON.parse(readFileSync(join(SCHEMAS_DIR, relativePath), 'utf8'));
  } catch {
    return undefined;
  }
});
usePrecompiledValidators();

let linter: Linter | undefined;
let linterConfig: Config | undefined;

parentPort?.on('message', (job: LintJob) => {
  let result: LintJobResult;
  try {
    // One Linter per config: its findings cache is keyed by the config object.
    if (!linter || JSON.stringify(linterConfig) !== JSON.stringify(job.config)) {
      linterConfig = job.config;
      const config = job.config;
      linter = new Linter(() => config);
    }
    const config = linterConfig!;
    result = {
      id: job.id,
      documents: job.texts.map((text) => {
        const p = linter!.prepareDocument(text, config);
        return { parsed: transferOf(p.chunk), findings: p.findings!.list };
      }),
    };
  } catch (err) {
    result = { id: job.id, error: String((err as Error)?.stack ?? err) };
  }
  parentPort!.postMessage(result);
});

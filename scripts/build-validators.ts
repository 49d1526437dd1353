/**
 * Compiles every schema validator ahead of time (Ajv standalone code), so the schema rule does not
 * spend a second compiling on the first document of each run: server/out/validators/<n>.js, one
 * self-contained module per schema (bundled by esbuild), and index.json (schema key → file and the
 * fingerprint of the schema it was compiled from; the engine ignores a validator whose schema changed).
 * Run by esbuild.mjs after the bundles; a validator whose fingerprint is unchanged is kept.
 *
 *   node --import tsx scripts/build-validators.ts
 */
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv from 'ajv';
import standaloneCode from 'ajv/dist/standalone';
import { buildSync } from 'esbuild';
import { setSchemaLoader } from '../server/src/engine';
import { schemaFingerprint } from '../server/src/node/schemas';
import { AJV_OPTIONS, validatorSources } from '../server/src/engine/schema/registry';

const ROOT = join(__dirname, '..');
const SCHEMAS = join(ROOT, 'schemas');
const OUT = join(ROOT, 'server', 'out', 'validators');

interface Entry {
  file: string;
  fingerprint: string;
}

setSchemaLoader((rel) => {
  try {
    return JSON.parse(readFileSync(join(SCHEMAS, rel), 'utf8'));
  } catch {
    return undefined;
  }
});

mkdirSync(OUT, { recursive: true });
const indexPath = join(OUT, 'index.json');
let previous: Record<string, Entry> = {};
try {
  previous = JSON.parse(readFileSync(indexPath, 'utf8'));
} catch {
  previous = {};
}
const index: Record<string, Entry> = {};
let compiled = 0;
validatorSources().forEach(({ key, schema }, n) => {
  const fingerprint = schemaFingerprint(schema);
  const file = `${n}-${key.replace(/[^\w.-]+/g, '_')}.js`;
  index[key] = { file, fingerprint };
  if (previous[key]?.fingerprint === fingerprint && previous[key].file === file && existsSync(join(OUT, file))) return;
  const ajv = new Ajv({ ...AJV_OPTIONS, code: { source: true } });
  const source = standaloneCode(ajv, ajv.compile(schema));
  const tmp = join(OUT, `${file}.src.js`);
  writeFileSync(tmp, source);
  // Bundled, so that Ajv's runtime helpers it may require travel with it.
  buildSync({ entryPoints: [tmp], outfile: join(OUT, file), bundle: true, platform: 'node', format: 'cjs', target: 'node20', logLevel: 'warning' });
  rmSync(tmp);
  compiled++;
});
writeFileSync(indexPath, JSON.stringify(index, null, 2) + '\n');
if (compiled) console.log(`validators: compiled ${compiled} of ${Object.keys(index).length} schemas ahead of time (server/out/validators)`);

/** Where an open's time goes, one thread, in process: split, parse, per-document rules, cross-document, placing. */
import { performance } from 'node:perf_hooks';
import { parseAllDocuments } from 'yaml';
import { defaultConfig, Linter, splitDocuments, transferOf, chunkFromTransfer } from '../../server/src/engine';
import { parseChunk } from '../../server/src/engine';
import { generateManifest } from './generate';
import '../../test/helpers/lint';

const config = defaultConfig();
const n = Number(process.argv[2] ?? 5000);
const text = generateManifest(n, 42).text;
const t = (label: string, f: () => unknown) => {
  const s = performance.now();
  const r = f();
  console.log(`${label.padEnd(28)} ${(performance.now() - s).toFixed(0).padStart(6)} ms`);
  return r;
};
for (let round = 0; round < 2; round++) {
  console.log(`-- round ${round}`);
  t('yaml parseAllDocuments', () => parseAllDocuments(text));
  const chunks = t('split', () => splitDocuments(text)) as ReturnType<typeof splitDocuments>;
  t('parseChunk all', () => chunks.map((c) => parseChunk(c.text)));
  const linter = new Linter(() => config);
  const prepared = t('prepareDocument all', () => chunks.map((c) => linter.prepareDocument(c.text, config))) as ReturnType<Linter['prepareDocument']>[];
  const transfers = t('transferOf all', () => prepared.map((p) => transferOf(p.chunk))) as ReturnType<typeof transferOf>[];
  t('structuredClone transfers', () => structuredClone(transfers));
  t('chunkFromTransfer all', () => transfers.map((x, i) => chunkFromTransfer(chunks[i].text, x)));
  const map = new Map(prepared.map((p, i) => [chunks[i].text, p]));
  t('update (cross-doc) prepared', () => linter.update('file:///a.yaml', text, 1, undefined, map));
  const f = t('lintFile', () => linter.lintFile('file:///a.yaml')) as unknown[];
  console.log('findings', f.length);
  const l2 = new Linter(() => config);
  t('fresh update+lintFile', () => { l2.update('file:///a.yaml', text, 1); return l2.lintFile('file:///a.yaml'); });
}

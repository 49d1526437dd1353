/**
 * The fast path for plain block YAML (parse/fast.ts) must build exactly what `yaml` builds — the same
 * nodes, values, scalar types and ranges (compared in the transfer form, which holds everything the
 * engine reads from a node) — or give up. Over every fixture, the corpus, generated manifests, hand-made
 * edge cases, and seeded mutations of all of them; and the documents it accepts must be most of a
 * rendered manifest, or it would not be worth having.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseAllDocuments, type Node } from 'yaml';
import { splitDocuments, transferOf } from '../../../../server/src/engine';
import { fastParse } from '../../../../server/src/engine/parse/fast';
import { generateManifest, prng } from '../../../../scripts/bench/generate';

const ROOT = join(__dirname, '..', '..', '..', '..');
const CORPUS = join(ROOT, 'test', 'corpus', 'reference');

function inputs(): string[] {
  const out: string[] = [];
  const fixtures = join(ROOT, 'test', 'fixtures');
  for (const dir of readdirSync(fixtures)) {
    for (const f of readdirSync(join(fixtures, dir))) if (/\.ya?ml$/.test(f)) out.push(readFileSync(join(fixtures, dir, f), 'utf8'));
  }
  // The reference corpus is beside the repository in development and CI; without it the rest still runs.
  for (const f of readdirSync(CORPUS)) if (/\.ya?ml$/.test(f)) out.push(readFileSync(join(CORPUS, f), 'utf8'));
  for (const f of readdirSync(join(ROOT, 'examples'))) if (/\.ya?ml$/.test(f)) out.push(readFileSync(join(ROOT, 'examples', f), 'utf8'));
  out.push(generateManifest(400, 3).text);
  return out.flatMap((t) => splitDocuments(t).map((c) => c.text));
}

const encode = (contents: Node | null) => JSON.stringify(transferOf({ docs: [{ contents }], syntax: [] } as never).nodes);

/** undefined when the fast path gave up; else whether it agrees with `yaml` (and `yaml` saw no error). */
function agrees(text: string): boolean | undefined {
  const fast = fastParse(text);
  if (fast === undefined) return undefined;
  const docs = parseAllDocuments(text, { uniqueKeys: false, prettyErrors: false, keepSourceTokens: false });
  const list = Array.isArray(docs) ? docs : [docs];
  return list.length === 1 && list[0].errors.length === 0 && encode(list[0].contents as Node) === encode(fast);
}

function check(texts: string[]): { accepted: number; failures: string[] } {
  let accepted = 0;
  const failures: string[] = [];
  for (const text of texts) {
    const ok = agrees(text);
    if (ok === undefined) continue;
    accepted++;
    if (!ok && failures.length < 5) failures.push(text);
  }
  return { accepted, failures };
}

const EDGE_CASES = [
  'a: 1\n',
  'a: 1',
  '---\na: 1\n',
  '# lead\n---   # marker\n# c\na: 1\n\n# tail\n',
  'a:\n  b: 1\n# x\nc: 2',
  'a:\n  b: 1\n\nc: 2',
  'a:\n  b: 1\n \n  # y\n\nc: 2',
  'a:\n  b:\n\nc: 2',
  'a:\n  b:   \nc: 2',
  'a: # c\n  # d\n\n  b: 1',
  'a: x  ',
  'a:\n  b: 1\n  # t\n\n  # u\nd: 2',
  'a:\n  - 1\n  # t\nd: 2',
  'a:\n- 1\n# t\nd: 2',
  'x:\n  a:\n  - 1\n  # t\n  b: 2',
  'a:\n  b:\n    c: 1\n    # t\n  e: 3',
  'a:\n  - x: 1\n    y: 2\n  # c\n  - z\n',
  'a:\n  - x: 1\n    # c\n  - z\n',
  'k: a#b\nm: "x" # c\nn: \'it\'\'s\'\np: -1\nq: 1:2\nr: a b  c\ns: ~\nt: True\nu: 0x1F\nv: 0o17\nw: 1e3\nx: .inf\ny: 007\nz: -.5\n',
  '80: http\ntrue: yes\nnull: x\n',
  'a: {maxSurge: 25%, maxUnavailable: 0}\nb: {}  # c\nc: [x, "y", 1]\nd: []\ne: { p: /r , q: 1 }\nf: [ a ]\ng: {a: [1]}\nh: [ ]',
  'a:\n  b: {}\n  # c\nd: 1',
  'spec:\n  containers:\n    - name: app\n      ports:\n        - containerPort: 80\n          protocol: TCP\n      resources: {}\n',
  'a: "b: c"\nd: \'e # f\'\n',
  'a: b\n  c\n',
  'a: [1,\n  2]\n',
  'a: |\n  x\n',
  'a: &x 1\nb: *x\n',
  'a: !!str 1\n',
  'a: "x\\ny"\n',
  '"a": 1\n',
  'a: 1\n- b\n',
  'a:\n  b: 1\n   c: 2\n',
  'a: 1\na: 2\n',
  'a:\tb\n',
  '%YAML 1.2\n---\na: 1\n',
  '- a\n- b\n',
  'a: b: c\n',
  'a: [b, c,]\n',
  'a: {b}\n',
  `${'k'.repeat(1100)}: 1\n`,
  `a:\n  ${'k'.repeat(1030)}: 1\n`,
  `a: {${'k'.repeat(1100)}: 1}\n`,
];

test('the fast path agrees with yaml on every fixture, the corpus and generated manifests, and takes most of them', () => {
  const texts = inputs();
  const { accepted, failures } = check(texts);
  assert.deepEqual(failures, []);
  // Rendered manifests are plain block YAML: most documents must take the fast path.
  assert.ok(accepted > texts.length * 0.8, `${accepted} of ${texts.length} documents took the fast path`);
  const generated = splitDocuments(generateManifest(200, 11).text);
  assert.ok(generated.filter((c) => fastParse(c.text) !== undefined).length >= generated.length * 0.9);
});

test('the fast path agrees with yaml on edge cases, or gives up', () => {
  const { failures } = check(EDGE_CASES);
  assert.deepEqual(failures, []);
  // Some of them it must take (else the comparison above proves nothing), some it must refuse.
  assert.notEqual(fastParse('a:\n  b: 1\n  # t\n\n  # u\nd: 2'), undefined);
  assert.notEqual(fastParse(EDGE_CASES.find((t) => t.startsWith('a: {maxSurge'))!), undefined);
  for (const refused of ['a: |\n  x\n', 'a: &x 1\nb: *x\n', 'a: b\n  c\n', '- a\n- b\n', 'a: b: c\n', 'a:\tb\n', '%YAML 1.2\n---\na: 1\n']) {
    assert.equal(fastParse(refused), undefined, refused);
  }
});

test('the fast path agrees with yaml on seeded mutations (characters, indentation, comments)', () => {
  const pieces = [' ', '  ', '\n', '#', ' # c', '\n# c\n', '\n  # c\n', '\n    # c\n', '-', '- ', ':', ': ', 'x', '1', '{', '}', '[', ']', ',', '"', "'", '~', '\n\n', '\n  x: 1\n', '\n- y\n'];
  const base = inputs();
  const random = prng(20261128);
  const mutated: string[] = [];
  const count = Number(process.env.FAST_PARSE_MUTATIONS ?? 4000);
  for (let n = 0; n < count; n++) {
    let text = base[Math.floor(random() * base.length)];
    for (let k = 1 + Math.floor(random() * 3); k > 0; k--) {
      const at = Math.floor(random() * (text.length + 1));
      const r = random();
      if (r < 0.45) text = text.slice(0, at) + pieces[Math.floor(random() * pieces.length)] + text.slice(at);
      else if (r < 0.75) text = text.slice(0, at) + text.slice(at + 1 + Math.floor(random() * 3));
      else {
        // Indent or dedent a whole line.
        const lineStart = text.lastIndexOf('\n', at - 1) + 1;
        text = r < 0.9 ? text.slice(0, lineStart) + '  ' + text.slice(lineStart) : text.slice(0, lineStart) + text.slice(lineStart).replace(/^ {1,2}/, '');
      }
    }
    mutated.push(text);
  }
  const { accepted, failures } = check(mutated);
  assert.deepEqual(failures, []);
  assert.ok(accepted > count / 4, `${accepted} of ${count} mutations took the fast path`);
});

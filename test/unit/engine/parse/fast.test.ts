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

/** CloudFormation's local tags (`!Ref x`, a tag before a nested block or alone), and tags it must refuse. */
const TAG_CASES = [
  'a: !Ref X\n',
  'a: !Ref 80\nb: !Ref true\nc: !Ref ~\nd: !Ref 1.50\n',
  "a: !Sub '${A}-x'\nb: !Sub \"${B}\"  # c\n",
  'a: [!GetAtt A.B, !Ref C]\n',
  'a: !Join ["", [a, !Ref B]]\nb: !GetAtt [A, B]\nc: {d: !Ref e}\n',
  'a: !Join\n  - ""\n  - - a\n    - !Ref B\n',
  'a:\n  - !FindInMap\n    - M\n    - !Ref R\n  - x\n',
  'a:\n  - !GetAZs\n    Ref: AWS::Region\n  - y\n',
  'a: !GetAZs\nb: 1\n',
  'a:\n  z: !GetAZs   \n  y: 1\n',
  'a:\n  z: !GetAZs',
  'a: !GetAZs\n# c\nb: 1\n',
  'a: !Join\n  # c\n  - x\n',
  'a: !Join\n\n  - x\n',
  'a: !If\n- c\n- e\nb: !Sub\n  x: 1\n',
  'a: !Base64\n  Fn::Sub: |\n    #!/bin/bash\n    echo ${A}\n',
  'a: !Ref # c\n',
  'a: !Ref  X # c\n',
  'a: !!str 1\n',
  'a: !<tag:x> 1\n',
  'a: ! x\n',
  'a: !Ref !Sub x\n',
  'a: !Ref &x y\n',
  'a: &x !Ref y\n',
  'a: !Ref *x\n',
  '!Ref a: 1\n',
  'a: {!Ref b: c}\n',
  'a: [!Ref ]\n',
  'a: [!Ref , b]\n',
  'a: !R3f x\n',
  'a: !Ref,x\n',
  'a: !Ref:x\n',
  '- !Ref x\n',
  'a:\n  - !Ref\n  - b\n',
  'a:\n  - !Join\n  - b\n',
  'a:\n  - !Join\n      - b\n    - c\n',
];

/** Booleans and floats (yaml composes them from a Scalar of their own), escapes in double quotes. */
const SCALAR_CASES = [
  'a: true\nb: False\nc: TRUE\nd: [true, false]\ne: {f: true}\n- x',
  'a: true\nb: False\nc: TRUE\nd: [true, false]\ne: {f: true}\n',
  'a: 1.50\nb: 0x1F\nc: 1e3\nd: 0o7\ne: -.inf\nf: .NaN\n',
  'a: "x\\"y"\nb: "\\\\"\nc: "\\n\\t\\/\\0\\ \\_"\n',
  'a: "{\\"k\\":1}" # c\nb: ["\\"", c]\nd: {e: "\\"f\\""}\n',
  'a: "\\x41"\n',
  'a: "\\u0041"\n',
  'a: "\\q"\n',
  'a: "x\\',
  'a: "x\\"\n',
  'a: "x\\\\"y"\n',
  // Words that start like null/true/false, and other letters: strings past 5 characters (the tag tests are skipped).
  'a: null\nb: Null\nc: NULL\nd: nullx\ne: nulls_\nf: True\ng: FALSE\nh: falsey\ni: trueish\nnamespace: NaN\nnull: Nope\nk: nan\nl: tRUE\n',
];

/** Block scalars, plain scalars over several lines, and `- - x` sequences. */
const BLOCK_CASES = [
  'a: |\n  x\n',
  'a: |-\n  x\n\n\n  y\n\n\nb: 1',
  'a:\n  c: >\n    x\n    y\n\n    z\n      more\n    w\n  d: 1\n',
  'a: >\n  a\n\n\n  b\n   c\n\n   e\n  d\n',
  'a: >-\n  x\n  y\n',
  'a: |+\n  x\n\n',
  'a: |2\n   x\n',
  'a: | # c\n  x\n',
  'a: |\n\n  x\n',
  'a: |\n  x\n   \n  y\n',
  'a: |\n  x\n    \n  y\n',
  'a: |\n  x\n # c\nb: 1\n',
  'a: |\n  x\n# c\nb: 1\n',
  'a:\n  b: |\n    x\n  # c\n  d: 1\n',
  'a: |\nb: 1\n',
  'a: |\n x\n  y\n z\n',
  'a:\n  b: |\n    x\n   y\n',
  'a:\n  - |\n    x\n\n\nd: 1',
  'a:\n  - b: |\n      x\n    c: 1\n',
  'a:\n  - b: |\n     x\n',
  'a: |\n  x',
  'a: |\n  x\n\n',
  'a:\n  c: |\n    x\n\n',
  'a: |\n  # not a comment\n  x: y\n  - z\n',
  'a: !Sub |\n  x ${A}\n',
  'a:\n- |\n  x\n- >\n  y\n',
  'a:\n  m: x y\n    z  \n\n    w\n  b: 1\n',
  'a:\n  - x y\n    z  \n\n\n  - w\nb: 1',
  'a: 1\n  2\n',
  'a: x\n  y',
  'a:\n  b: x\n   y\n\nc: 1',
  'a: x\n  # c\n  y\n',
  'a: x # c\n  y\n',
  'a: x\n  y: z\n',
  'a: x\n  - y\n',
  'a: x\n  y #z\n',
  'a: x\n  y#z\n',
  "a: 'x\n  y'\n",
  'a: x\n\n  y\n',
  'a: x\n  y\n   z\n',
  'a: [x,\n  y]\n',
  'a: !Ref x\n  y\n',
  'a: x\n  y:\n',
  'a: true\n  x\n',
  'a:\n  - - a\n    - b\n  - c\n',
  'a:\n- - a\n  - - b\n    - c\n- d\n',
  'a:\n  - - a\n    # c\n  - b\n',
  'a:\n  - - a\n  # c\n  - b\n',
  'a:\n  - -\n  - b\n',
  'a:\n  - - a: 1\n      b: 2\n  - c\n',
  'a:\n  - - a\n      - b\n',
  'a:\n  - - - a\n      - b\n    - c\n',
];

/** Single-quoted scalars over several lines (long annotations), and where they must give up. */
const QUOTED_CASES = [
  "a:\n  b: 'x y  \n    z''s\n\n\n     w  '   # c\n  c: 1\n",
  "a:\n  - 'x\n    y'\n  - z\n",
  "a: 'x\n  y'",
  "a: 'x\n  y'\n",
  "a: 'x\ny'\n",
  "a:\n  b: 'x\n  y'\n",
  "a: 'x\n  # not a comment\n  y'\n",
  "a: 'x\n  y' z\n",
  "a: 'x\n  y'# c\n",
  "a: 'x\n  y\n",
  "a: 'x''\n  ''y'\n",
  "a: 'x\n\n  y'\nb: 1\n",
  "a: 'x\n  y'\n  z: 1\n",
  "a: 'x\n  y: z'\n",
  "a: [x, 'y\n  z']\n",
  "a: !Sub 'x\n  y'\n",
  "a:\n  b: '[{\"k\":\"v w\n    x\"}]'\n  c: d\n",
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
  const { failures } = check([...EDGE_CASES, ...TAG_CASES, ...SCALAR_CASES, ...BLOCK_CASES, ...QUOTED_CASES]);
  assert.deepEqual(failures, []);
  // Some of them it must take (else the comparison above proves nothing), some it must refuse.
  assert.notEqual(fastParse('a:\n  b: 1\n  # t\n\n  # u\nd: 2'), undefined);
  assert.notEqual(fastParse(EDGE_CASES.find((t) => t.startsWith('a: {maxSurge'))!), undefined);
  for (const taken of [TAG_CASES[0], TAG_CASES[1], TAG_CASES[4], TAG_CASES[5], TAG_CASES[6], TAG_CASES[8], SCALAR_CASES[1], SCALAR_CASES[2], SCALAR_CASES[3], SCALAR_CASES[4], SCALAR_CASES[SCALAR_CASES.length - 1], BLOCK_CASES[0], BLOCK_CASES[1], BLOCK_CASES[2], BLOCK_CASES[3], BLOCK_CASES[26], BLOCK_CASES[44], QUOTED_CASES[0], QUOTED_CASES[1], QUOTED_CASES[16]]) {
    assert.notEqual(fastParse(taken), undefined, taken);
  }
  for (const refused of ['a: !!str 1\n', 'a: "\\x41"\n', 'a: |+\n  x\n\n', 'a: &x 1\nb: *x\n', '- a\n- b\n', 'a: b: c\n', 'a:\tb\n', '%YAML 1.2\n---\na: 1\n']) {
    assert.equal(fastParse(refused), undefined, refused);
  }
});

test('the fast path agrees with yaml on seeded mutations (characters, indentation, comments)', () => {
  const pieces = [' ', '  ', '\n', '#', ' # c', '\n# c\n', '\n  # c\n', '\n    # c\n', '-', '- ', ':', ': ', 'x', '1', '{', '}', '[', ']', ',', '"', "'", '~', '\n\n', '\n  x: 1\n', '\n- y\n',
    // What the fast path now reads too: tags, block scalars, escapes, booleans, `- - `, continued lines.
    '!Ref ', '!Join\n', '!', ' |\n', ' |-\n', ' >\n', '\\"', '\\', 'true', '- - ', '\n   more words\n', '\n      ', " '", "'\n    ", "''"];
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

/**
 * What the fuzzer feeds the engine: real files (the corpus, read in place, and test/fixtures) mutated
 * by seeded fast-check arbitraries, and generated extremes (deep nesting, alias bombs, huge lines,
 * huge files, many documents, binary, empty). Pure data: no engine imports.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import fc from 'fast-check';

const ROOT = join(__dirname, '..', '..');
export const CORPUS = process.env.SCALELINT_CORPUS ?? join(ROOT, 'test', 'corpus', 'reference');
export const FIXTURES = join(ROOT, 'test', 'fixtures');

export interface Source {
  /** Short name for messages: `corpus/<file>` or `fixtures/<rule>/<file>`. */
  name: string;
  text: string;
}

function walk(dir: string, accept: RegExp): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .sort()
    .flatMap((n) => {
      const p = join(dir, n);
      if (statSync(p).isDirectory()) return walk(p, accept);
      return accept.test(n) ? [p] : [];
    });
}

let cached: Source[] | undefined;

/** Every corpus file (YAML and JSON templates) and every fixture, in a stable order. */
export function sources(): Source[] {
  if (cached) return cached;
  const corpus = walk(CORPUS, /\.(ya?ml|json)$/).map((p) => ({ name: `corpus/${relative(CORPUS, p)}`, text: readFileSync(p, 'utf8') }));
  const fixtures = walk(FIXTURES, /\.ya?ml$/).map((p) => ({ name: `fixtures/${relative(FIXTURES, p)}`, text: readFileSync(p, 'utf8') }));
  cached = [...corpus, ...fixtures];
  return cached;
}

// ---------------------------------------------------------------------------------------------------
// Mutations

/** One edit of a text. Positions are fractions (0–1) so one mutation applies to any text. */
export type Mutation =
  | { op: 'deleteLines'; at: number; count: number }
  | { op: 'duplicateLines'; at: number; count: number }
  | { op: 'swapLines'; a: number; b: number }
  | { op: 'moveLines'; from: number; count: number; to: number }
  | { op: 'randomBytes'; at: number; bytes: number[] }
  | { op: 'overwriteBytes'; at: number; bytes: number[] }
  | { op: 'indent'; at: number; count: number; shift: number }
  | { op: 'truncate'; at: number }
  | { op: 'tabs'; at: number; count: number }
  | { op: 'crlf'; all: boolean; at: number }
  | { op: 'bom' }
  | { op: 'unicode'; at: number; text: string }
  | { op: 'token'; at: number; token: string }
  | { op: 'value'; at: number; value: string }
  | { op: 'splice'; at: number; other: number; from: number; length: number }
  | { op: 'repeat'; at: number; length: number; times: number };

/** YAML syntax that real files rarely hold together: anchors, aliases, tags, markers, flow, blocks, directives. */
const TOKENS = [
  '---\n', '...\n', '---', '- ', '? ', ': ', ':', '{', '}', '[', ']', ',', '#', ' #x', '&a ', '*a', '*nope', '<<: *a\n', '<<: [*a, *a]\n',
  '!Ref ', '!Sub ', '!GetAtt x.y', '!If [c, 1, 2]', '!!str ', '!!int ', '!!binary ', '!<tag:yaml.org,2002:map> ', '!custom ',
  '|\n', '|-\n', '>+\n', '|2\n', '"', "'", '\\', '%YAML 1.2\n', '%TAG ! tag:x,2000:\n', '{{ .Values.x }}', '{{- if .Values.y }}\n',
  'null', '~', 'true', 'yes', 'on', 'NaN', '.inf', '-.inf', '0x1F', '0o17', '1e309', '-0', '9007199254740993',
  'apiVersion: autoscaling/v2\n', 'kind: HorizontalPodAutoscaler\n', 'kind: Deployment\n', 'kind: List\nitems:\n', 'Resources:\n',
  'Type: AWS::AutoScaling::AutoScalingGroup\n', 'metadata: {name: x}\n', 'scaleTargetRef: {kind: Deployment, name: x}\n',
  'behavior:\n', 'containers:\n', 'selector: {}\n', '# scalelint-disable\n', '# scalelint-disable-next-line min-replicas\n', '# scalelint-enable\n',
];

/** Values of the wrong shape or at the edge, put after a `key:` of the file. */
const VALUES = [
  '', ' ~', ' null', ' 0', ' -1', ' 1', ' 2', ' 1.5', ' 1e309', ' -1e309', ' .nan', ' .inf', ' 9999999999999999999999', ' 2147483648',
  ' "3"', " '0'", ' "abc"', ' true', ' [1, 2]', ' {a: 1}', ' []', ' {}', ' !Ref Missing', ' !Sub "${X}"', ' {Ref: X}', ' {"Fn::If": [c, 1, 2]}',
  ' *a', ' &a 1', ' |\n  text', ' >-\n  folded', ' "\\u0000"', ' "\\uD800"', ' 10%', ' 100%', ' 500m', ' 1Gi', ' -5%', ' 0x10', ' 1_000',
  ' http', ' Always', ' Disabled', ' Min', ' Max', ' Percent', ' Pods', ' Utilization', ' AverageValue', ' ELB', ' EC2', ' HTTP',
];

/** Text that trips encodings and scanners: BOM, control characters, surrogates, line separators, RTL, combining, emoji. */
const UNICODE = fc.oneof(
  fc.constantFrom('\uFEFF', '\u0000', '\u0001', '\u0007', '\u001B', '\u007F', '\u0085', '\u00A0', '\u2028', '\u2029', '\u200B', '\u200E', '\u202E', '\uFFFD', '\uFFFE', '\uFFFF'),
  fc.constantFrom('\uD800', '\uDC00', '\uD83D', '\uD83D\uDE00', '\uDBFF\uDFFF', 'e\u0301', '\u0301', 'Ω≈ç√∫', 'ｆｕｌｌ', '名前', 'اسم', 'ℌ𝔞𝔪𝔢'),
  fc.string({ unit: 'grapheme', maxLength: 8 }),
  fc.string({ unit: 'binary', maxLength: 8 }),
);

const pos = fc.double({ min: 0, max: 1, noNaN: true, maxExcluded: true });
const byte = fc.integer({ min: 0, max: 255 });

export const mutationArb: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ op: fc.constant('deleteLines' as const), at: pos, count: fc.integer({ min: 1, max: 6 }) }),
  fc.record({ op: fc.constant('duplicateLines' as const), at: pos, count: fc.integer({ min: 1, max: 6 }) }),
  fc.record({ op: fc.constant('swapLines' as const), a: pos, b: pos }),
  fc.record({ op: fc.constant('moveLines' as const), from: pos, count: fc.integer({ min: 1, max: 8 }), to: pos }),
  fc.record({ op: fc.constant('randomBytes' as const), at: pos, bytes: fc.array(byte, { minLength: 1, maxLength: 12 }) }),
  fc.record({ op: fc.constant('overwriteBytes' as const), at: pos, bytes: fc.array(byte, { minLength: 1, maxLength: 6 }) }),
  fc.record({ op: fc.constant('indent' as const), at: pos, count: fc.integer({ min: 1, max: 10 }), shift: fc.integer({ min: -6, max: 6 }) }),
  fc.record({ op: fc.constant('truncate' as const), at: pos }),
  fc.record({ op: fc.constant('tabs' as const), at: pos, count: fc.integer({ min: 1, max: 20 }) }),
  fc.record({ op: fc.constant('crlf' as const), all: fc.boolean(), at: pos }),
  fc.constant({ op: 'bom' as const }),
  fc.record({ op: fc.constant('unicode' as const), at: pos, text: UNICODE }),
  fc.record({ op: fc.constant('token' as const), at: pos, token: fc.constantFrom(...TOKENS) }),
  fc.record({ op: fc.constant('value' as const), at: pos, value: fc.constantFrom(...VALUES) }),
  fc.record({ op: fc.constant('splice' as const), at: pos, other: pos, from: pos, length: fc.integer({ min: 1, max: 400 }) }),
  fc.record({ op: fc.constant('repeat' as const), at: pos, length: fc.integer({ min: 1, max: 200 }), times: fc.integer({ min: 2, max: 50 }) }),
);

/** A mutated file: which source, and the edits applied to it in order. */
export interface MutantSpec {
  source: number;
  mutations: Mutation[];
}

export function mutantArb(sourceCount: number): fc.Arbitrary<MutantSpec> {
  return fc.record({ source: fc.integer({ min: 0, max: sourceCount - 1 }), mutations: fc.array(mutationArb, { minLength: 1, maxLength: 5 }) });
}

function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return starts;
}

/** The file as lines, each with its own line break (the last may have none). */
function linesOf(text: string): string[] {
  const starts = lineStarts(text);
  return starts.map((s, i) => text.slice(s, i + 1 < starts.length ? starts[i + 1] : text.length)).filter((l, i, all) => l !== '' || i < all.length - 1);
}

const at = (fraction: number, length: number) => Math.min(length, Math.floor(fraction * (length + 1)));

/** Applies one mutation; `all` gives the other sources for splicing. */
export function mutate(text: string, m: Mutation, all: readonly Source[]): string {
  const lines = linesOf(text);
  const line = (f: number) => Math.min(Math.max(lines.length - 1, 0), Math.floor(f * lines.length));
  switch (m.op) {
    case 'deleteLines': {
      const i = line(m.at);
      lines.splice(i, m.count);
      return lines.join('');
    }
    case 'duplicateLines': {
      const i = line(m.at);
      lines.splice(i, 0, ...lines.slice(i, i + m.count));
      return lines.join('');
    }
    case 'swapLines': {
      const [a, b] = [line(m.a), line(m.b)];
      if (lines.length === 0) return text;
      const end = (s: string) => (s.endsWith('\n') ? s : `${s}\n`);
      [lines[a], lines[b]] = [end(lines[b]), end(lines[a])];
      return lines.join('');
    }
    case 'moveLines': {
      const block = lines.splice(line(m.from), m.count);
      lines.splice(Math.min(lines.length, line(m.to)), 0, ...block);
      return lines.join('');
    }
    case 'randomBytes': {
      const i = at(m.at, text.length);
      return text.slice(0, i) + String.fromCharCode(...m.bytes) + text.slice(i);
    }
    case 'overwriteBytes': {
      const i = at(m.at, text.length);
      return text.slice(0, i) + String.fromCharCode(...m.bytes) + text.slice(i + m.bytes.length);
    }
    case 'indent': {
      const i = line(m.at);
      for (let k = i; k < Math.min(lines.length, i + m.count); k++) {
        lines[k] = m.shift >= 0 ? ' '.repeat(m.shift) + lines[k] : lines[k].replace(new RegExp(`^ {0,${-m.shift}}`), '');
      }
      return lines.join('');
    }
    case 'truncate':
      return text.slice(0, at(m.at, text.length));
    case 'tabs': {
      const i = line(m.at);
      for (let k = i; k < Math.min(lines.length, i + m.count); k++) lines[k] = lines[k].replace(/^( {2})+/, (s) => '\t'.repeat(s.length / 2));
      return lines.join('');
    }
    case 'crlf': {
      if (m.all) return text.replace(/\r?\n/g, '\r\n');
      const i = line(m.at);
      if (lines[i]) lines[i] = lines[i].replace(/\n$/, '\r\n');
      return lines.join('');
    }
    case 'bom':
      return `\uFEFF${text}`;
    case 'unicode':
    case 'token': {
      const i = at(m.at, text.length);
      return text.slice(0, i) + (m.op === 'unicode' ? m.text : m.token) + text.slice(i);
    }
    case 'value': {
      // Replace what follows the n-th `key:` (to the end of its line) with an odd value.
      const keys = [...text.matchAll(/^[ \t-]*[A-Za-z][\w.-]*:(?=[ \t]|\r?$)/gm)];
      if (!keys.length) return text;
      const k = keys[Math.min(keys.length - 1, Math.floor(m.at * keys.length))];
      const start = k.index! + k[0].length;
      const nl = text.indexOf('\n', start);
      const end = nl === -1 ? text.length : text[nl - 1] === '\r' ? nl - 1 : nl;
      return text.slice(0, start) + m.value + text.slice(end);
    }
    case 'splice': {
      const other = all[Math.min(all.length - 1, Math.floor(m.other * all.length))]?.text ?? '';
      const from = at(m.from, other.length);
      const i = at(m.at, text.length);
      return text.slice(0, i) + other.slice(from, from + m.length) + text.slice(i);
    }
    case 'repeat': {
      const i = at(m.at, text.length);
      const piece = text.slice(i, i + m.length);
      return text.slice(0, i) + piece.repeat(m.times) + text.slice(i);
    }
  }
}

export function mutant(spec: MutantSpec, all: readonly Source[]): { name: string; text: string } {
  const base = all[spec.source];
  let text = base.text;
  for (const m of spec.mutations) text = mutate(text, m, all);
  return { name: `${base.name} ${spec.mutations.map((m) => m.op).join('+')}`, text };
}

// ---------------------------------------------------------------------------------------------------
// Generated extremes

export interface Extreme {
  name: string;
  /** What the engine must say about it, beyond not throwing (checked by the fuzz test). */
  expect?: 'syntax-error' | 'too-large' | 'silent' | 'findings';
  /** Bytes for `npm test`; `npm run fuzz` also runs 1/4 and 1/2 of it to show time grows in proportion. */
  make: (scale: number) => string;
  /** Lint with a raised size limit (to lint what the default limit would refuse). */
  maxFileSizeBytes?: number;
  /** Only in the long run (`npm run fuzz`): too slow for the bounded run in `npm test`. */
  longOnly?: boolean;
  /** Scale for the bounded run in `npm test`, for inputs whose full size takes more than a few seconds. */
  quick?: number;
  /** Lint only, no fixAll: for the tens of megabytes linted with a raised limit, where --fix would re-lint them pass after pass. */
  noFix?: boolean;
}

const HPA = (i: number) =>
  `apiVersion: autoscaling/v2\nkind: HorizontalPodAutoscaler\nmetadata:\n  name: h${i}\nspec:\n  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: w${i}}\n  minReplicas: 1\n  maxReplicas: 5\n`;
const DEPLOYMENT = (i: number) =>
  `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: w${i}\nspec:\n  replicas: 3\n  selector: {matchLabels: {app: w${i}}}\n  template:\n    metadata: {labels: {app: w${i}}}\n    spec:\n      containers: [{name: c, image: x, ports: [{containerPort: 80}]}]\n`;

/** A deterministic pseudo-random byte string (xorshift), so "binary" inputs are reproducible. */
export function pseudoRandomBytes(length: number, seed = 1): string {
  let x = seed | 0 || 1;
  const out: string[] = [];
  let chunk = '';
  for (let i = 0; i < length; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    chunk += String.fromCharCode(x & 0xff);
    if (chunk.length === 4096) {
      out.push(chunk);
      chunk = '';
    }
  }
  out.push(chunk);
  return out.join('');
}

const MB = 1024 * 1024;

/** `scale` is 1 for the full-size input; the long run also tries 0.25 and 0.5. */
export const EXTREMES: Extreme[] = [
  { name: 'empty file', expect: 'silent', make: () => '' },
  { name: 'only a newline', expect: 'silent', make: () => '\n' },
  { name: 'only a BOM', expect: 'silent', make: () => '\uFEFF' },
  { name: 'only document markers', expect: 'silent', make: () => '---\n---\n...\n---' },
  { name: 'only comments', expect: 'silent', make: () => '# a comment\n   # another\n#\n' },
  { name: 'whitespace only', expect: 'silent', make: () => ' \t \r\n\r\n   \n' },
  { name: '20,000 nested flow sequences', expect: 'syntax-error', make: (s) => '['.repeat(20000 * s) + ']'.repeat(20000 * s) },
  { name: '20,000 nested flow mappings', expect: 'syntax-error', make: (s) => '{a: '.repeat(20000 * s) + '1' + '}'.repeat(20000 * s) },
  { name: '20,000 nested block sequences', expect: 'syntax-error', make: (s) => '- '.repeat(20000 * s) + 'x\n' },
  { name: '20,000 nested block sequences around a mapping', expect: 'syntax-error', make: (s) => '- '.repeat(20000 * s) + 'a: b\n' },
  {
    name: '2,000 nested block mappings (indented)',
    make: (s) => {
      const parts: string[] = [];
      for (let i = 0; i < 2000 * s; i++) parts.push(`${' '.repeat(i)}k${i}:\n`);
      return parts.join('');
    },
  },
  {
    name: 'a Deployment nested 20,000 deep under spec',
    make: (s) => `apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: deep}\nspec:\n  template: ${'['.repeat(20000 * s)}${']'.repeat(20000 * s)}\n`,
  },
  {
    name: 'an HPA whose behavior is 1,000 deep (parses; rules and schema must not overflow)',
    make: (s) => `apiVersion: autoscaling/v2\nkind: HorizontalPodAutoscaler\nmetadata: {name: deep}\nspec:\n  scaleTargetRef: {kind: Deployment, name: x}\n  maxReplicas: 5\n  behavior: ${'{a: '.repeat(1000 * s)}1${'}'.repeat(1000 * s)}\n`,
  },
  { name: 'billion laughs', make: () => laughs('', 'spec') },
  { name: 'billion laughs in a Deployment', expect: 'findings', make: () => laughs('apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: lol}\n', 'spec') },
  { name: 'billion laughs in an HPA behavior', expect: 'findings', make: () => laughs('apiVersion: autoscaling/v2\nkind: HorizontalPodAutoscaler\nmetadata: {name: lol}\n', 'behavior', '  ') },
  {
    name: 'billion laughs in a CloudFormation template',
    make: () => `Resources:\n  Group:\n    Type: AWS::AutoScaling::AutoScalingGroup\n    Properties:\n      MinSize: 1\n      MaxSize: 2\n${laughs('', 'Tags', '      ')}`,
  },
  { name: 'merge-key bomb', make: () => mergeBomb() },
  { name: 'alias to itself', make: () => 'a: &a [*a]\nb: &b {x: *b}\n' },
  { name: 'a single 5 MB line (plain scalar)', make: (s) => `key: ${'x'.repeat(5 * MB * s)}\n` },
  { name: 'a single 5 MB line (flow sequence)', quick: 0.1, make: (s) => `key: [${'1,'.repeat((5 * MB * s) / 2)}1]\n` },
  { name: 'a single 5 MB line (double-quoted, escapes)', make: (s) => `key: "${'\\t\\u00e9'.repeat((5 * MB * s) / 8)}"\n` },
  { name: 'a single 5 MB line (comment)', make: (s) => `# ${'c'.repeat(5 * MB * s)}\nkey: 1\n` },
  { name: 'a single 5 MB line (one key)', make: (s) => `${'k'.repeat(5 * MB * s)}: 1\n` },
  { name: 'a 5 MB line inside an HPA', expect: 'findings', quick: 0.5, make: (s) => `${HPA(0)}  annotations: "${'a'.repeat(5 * MB * s)}"\n` },
  { name: 'a 50 MB file over the default size limit', expect: 'too-large', make: (s) => manifests(50 * MB * s) },
  { name: 'a 50 MB file of manifests, size limit raised', longOnly: true, noFix: true, maxFileSizeBytes: 64 * MB, make: (s) => manifests(50 * MB * s) },
  { name: 'a 50 MB block scalar, size limit raised', maxFileSizeBytes: 64 * MB, make: (s) => `key: |\n${'  some text in a block scalar\n'.repeat((50 * MB * s) / 30)}` },
  { name: '100,000 empty documents', make: (s) => '---\n'.repeat(100000 * s) },
  { name: '100,000 small documents', quick: 0.25, make: (s) => 'a: 1\n---\n'.repeat(100000 * s) },
  { name: '100,000 HPAs', longOnly: true, noFix: true, expect: 'findings', maxFileSizeBytes: 64 * MB, make: (s) => Array.from({ length: 100000 * s }, (_, i) => HPA(i)).join('---\n') },
  { name: '100,000 keys in one mapping', quick: 0.5, make: (s) => Array.from({ length: 100000 * s }, (_, i) => `k${i}: ${i}\n`).join('') },
  { name: 'a Deployment with 20,000 containers', expect: 'findings', quick: 0.5, make: (s) => `${DEPLOYMENT(0)}${Array.from({ length: 20000 * s }, (_, i) => `      - {name: c${i}, image: x}\n`).join('')}`.replace('containers: [{name: c, image: x, ports: [{containerPort: 80}]}]', 'containers:') },
  { name: '5,000 HPAs with mistyped targets beside 5,000 Deployments', expect: 'findings', quick: 0.1, make: (s) => crossSet(5000 * s) },
  { name: 'a CloudFormation template with 5,000 groups, policies and alarms', expect: 'findings', quick: 0.1, make: (s) => cfnMany(5000 * s) },
  { name: '1 MB of random bytes', expect: 'syntax-error', make: (s) => pseudoRandomBytes(MB * s, 7) },
  { name: 'random bytes without NUL', make: (s) => pseudoRandomBytes(MB * s, 11).replace(/\0/g, '\x01') },
  { name: 'a PNG header and bytes', expect: 'syntax-error', make: (s) => `\x89PNG\r\n\x1a\n\0\0\0\rIHDR${pseudoRandomBytes(64 * 1024 * s, 3)}` },
  { name: 'UTF-16LE text read as UTF-8', expect: 'syntax-error', make: () => `\xff\xfe${[...'apiVersion: v1\nkind: Service\n'].map((c) => `${c}\0`).join('')}` },
  { name: 'invalid UTF-8 replaced by U+FFFD', make: (s) => `kind: Deployment\napiVersion: apps/v1\nmetadata: {name: "\uFFFD\uFFFD"}\n${'\uFFFD'.repeat(1000 * s)}: 1\n` },
  { name: 'lone surrogates in keys and values', make: () => `apiVersion: v1\nkind: Service\nmetadata: {name: "\uD800"}\nspec:\n  selector: {\uDC00: \uD800}\n  ports: [{port: 80, targetPort: "\uDFFF"}]\n` },
  { name: 'CR-only line breaks', make: () => `${HPA(0)}${DEPLOYMENT(0)}`.replace(/\n/g, '\r') },
  { name: 'a Helm template of 1 MB', expect: 'findings', quick: 0.25, make: (s) => `{{- if .Values.enabled }}\n${HPA(0).repeat((MB * s) / HPA(0).length)}{{- end }}\n` },
];

function laughs(head: string, key: string, indent = ''): string {
  const lines = [`${indent}l0: &l0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]`];
  for (let i = 1; i <= 9; i++) lines.push(`${indent}l${i}: &l${i} [${Array(10).fill(`*l${i - 1}`).join(', ')}]`);
  if (!indent) return `${head}${lines.join('\n')}\n${key}: *l9\n`;
  return `${head}spec:\n${indent}scaleTargetRef: {kind: Deployment, name: x}\n${indent}maxReplicas: 5\n${lines.join('\n')}\n${indent}${key}: *l9\n`;
}

function mergeBomb(): string {
  const lines = ['m0: &m0 {a: 1, b: 2}'];
  for (let i = 1; i <= 20; i++) lines.push(`m${i}: &m${i}\n  <<: [${Array(8).fill(`*m${i - 1}`).join(', ')}]\n  k${i}: ${i}`);
  return `apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: merge}\n${lines.join('\n')}\nspec:\n  <<: *m20\n`;
}

/** `bytes` of HPA and Deployment documents. */
function manifests(bytes: number): string {
  const parts: string[] = [];
  let size = 0;
  for (let i = 0; size < bytes; i++) {
    const doc = i % 2 ? DEPLOYMENT(i) : HPA(i);
    parts.push(doc);
    size += doc.length + 4;
  }
  return parts.join('---\n');
}

function crossSet(n: number): string {
  const parts: string[] = [];
  for (let i = 0; i < n; i++) {
    parts.push(DEPLOYMENT(i), HPA(i).replace(`name: w${i}}`, `name: w${i}x}`));
    parts.push(`apiVersion: v1\nkind: Service\nmetadata: {name: s${i}}\nspec:\n  selector: {app: w${i}}\n  ports: [{port: 80, targetPort: 8080}]\n`);
    parts.push(`apiVersion: policy/v1\nkind: PodDisruptionBudget\nmetadata: {name: p${i}}\nspec:\n  maxUnavailable: 1\n  selector: {matchLabels: {app: other${i}}}\n`);
  }
  return parts.join('---\n');
}

function cfnMany(n: number): string {
  const parts = ['AWSTemplateFormatVersion: "2010-09-09"\nResources:\n'];
  for (let i = 0; i < n; i++) {
    parts.push(
      `  G${i}:\n    Type: AWS::AutoScaling::AutoScalingGroup\n    Properties: {MinSize: 1, MaxSize: 4, VPCZoneIdentifier: [a], TargetGroupARNs: [!Ref T${i}]}\n` +
        `  Up${i}:\n    Type: AWS::AutoScaling::ScalingPolicy\n    Properties: {AutoScalingGroupName: !Ref G${i}, AdjustmentType: ChangeInCapacity, ScalingAdjustment: 1, Cooldown: "600"}\n` +
        `  Down${i}:\n    Type: AWS::AutoScaling::ScalingPolicy\n    Properties: {AutoScalingGroupName: !Ref G${i}, AdjustmentType: ChangeInCapacity, ScalingAdjustment: -1, Cooldown: "60"}\n` +
        `  High${i}:\n    Type: AWS::CloudWatch::Alarm\n    Properties: {Threshold: 70, ComparisonOperator: GreaterThanThreshold, AlarmActions: [!Ref Up${i}], MetricName: CPUUtilization}\n` +
        `  Low${i}:\n    Type: AWS::CloudWatch::Alarm\n    Properties: {Threshold: 60, ComparisonOperator: LessThanThreshold, AlarmActions: [!Ref Down${i}], MetricName: CPUUtilization}\n` +
        `  T${i}:\n    Type: AWS::ElasticLoadBalancingV2::TargetGroup\n    Properties: {Protocol: HTTP, Port: 80, HealthCheckIntervalSeconds: 5, HealthCheckTimeoutSeconds: 10}\n`,
    );
  }
  return parts.join('');
}

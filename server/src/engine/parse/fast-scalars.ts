/** Scalars of the fast path (fast.ts) composed as `yaml` composes them, its local tags, and the characters it leaves to `yaml`. */
import { Document, Scalar, type Node, type ScalarTag } from 'yaml';
import { newScalar, RangedScalar } from './fast-nodes';

/** Thrown inside the fast parser to give up; `fastParse` catches it (GIVE_UP, the one instance). */
export class GiveUp {}
export const GIVE_UP = new GiveUp();

const schemaDocument = new Document();
// Scalar tags only: the collection tags have no `test`.
const plainTags = schemaDocument.schema.tags.filter((t) => t.default === true && t.test) as ScalarTag[];
const resolveOptions = schemaDocument.options;

/** A scalar as `yaml` composes it: its value, its source text (the value before resolution), its style and range. */
export function scalarNode(value: unknown, source: string, type: Scalar.Type, start: number, end: number, nodeEnd: number): Scalar {
  return finish(newScalar(value), source, type, start, end, nodeEnd);
}

function finish(s: Scalar, source: string, type: Scalar.Type, start: number, end: number, nodeEnd: number): Scalar {
  if (s instanceof RangedScalar) {
    s.rangeStart = start;
    s.rangeValueEnd = end;
    s.rangeNodeEnd = nodeEnd;
  } else s.range = [start, end, nodeEnd]; // a tag's own Scalar (true, floats)
  (s as Scalar & { source?: string }).source = source;
  s.type = type;
  return s;
}

/**
 * A collection's items at their exact length. Items are pushed one by one, and an array grown by `push`
 * holds room for 17 elements: kept for every map and sequence of every parsed document, that room was a
 * sixth of a parse's memory (measured on 5,000 generated documents), copied by every garbage collection.
 */
export function fit<T>(items: T[]): T[] {
  return items.length < 16 ? items.slice() : items;
}

/**
 * Map keys seen, each kept as one string: a key's text is a new string per occurrence (V8 copies slices shorter
 * than 13 characters), and `apiVersion`, `metadata`, `name`, `containerPort` are written thousands of times in a
 * large file or a workspace, each copy kept with its parsed document. The slice made to look a key up dies young.
 * Bounded: past `MAX_KEYS` distinct keys, new ones are not kept (a file of generated keys cannot grow it).
 */
const keys = new Map<string, string>();
const MAX_KEYS = 4096;
const MAX_KEY_LENGTH = 40;

/** The text of a map key at [from, to), the same string for every occurrence of a known key. */
export function keyTextOf(text: string, from: number, to: number): string {
  const slice = text.slice(from, to);
  if (to - from > MAX_KEY_LENGTH) return slice;
  const known = keys.get(slice);
  if (known !== undefined) return known;
  if (keys.size < MAX_KEYS) keys.set(slice, slice);
  return slice;
}

export function plainScalar(value: string, start: number, end: number, nodeEnd: number): Scalar {
  const c = value.charCodeAt(0);
  // A letter starts a string under the core schema, except null, true and false (5 letters at most): skip
  // the tag tests (keys such as namespace, targetPort, failureThreshold are most of the scalars).
  const letter = (c >= 97 && c <= 122) || (c >= 65 && c <= 90);
  const maybeTyped = !letter || (value.length <= 5 && (c === 110 || c === 116 || c === 102 || c === 78 || c === 84 || c === 70));
  if (maybeTyped) {
    for (const tag of plainTags) {
      if (!tag.test!.test(value)) continue;
      let failed = false;
      const resolved = tag.resolve(value, () => (failed = true), resolveOptions);
      if (failed) throw GIVE_UP;
      // `true` and floats resolve to a Scalar of their own (a float keeps minFractionDigits): yaml keeps
      // that object, and the tag's format (HEX, OCT, EXP) on it.
      const s = resolved instanceof Scalar ? resolved : newScalar(resolved);
      if (tag.format) s.format = tag.format;
      return finish(s, value, Scalar.PLAIN, start, end, nodeEnd);
    }
  }
  return scalarNode(value, value, Scalar.PLAIN, start, end, nodeEnd);
}

export function quotedScalar(value: string, type: Scalar.Type, start: number, end: number, nodeEnd: number): Scalar {
  return scalarNode(value, value, type, start, end, nodeEnd);
}

/** Characters that may not start a plain scalar (or key) here, or that this fast path does not model. */
export function badFirst(c: number): boolean {
  // ? : , [ ] { } # & * ! | > ' " % @ `
  return c === 63 || c === 58 || c === 44 || c === 91 || c === 93 || c === 123 || c === 125 || c === 35 || c === 38 || c === 42 || c === 33 || c === 124 || c === 62 || c === 37 || c === 64 || c === 96;
}

/** A one-line quoted scalar at `p`: its value and the offset of its closing quote. */
export function quoted(text: string, p: number, lineEnd: number): [string, number] {
  if (text.charCodeAt(p) === 34) {
    const close = text.indexOf('"', p + 1);
    if (close < 0 || close >= lineEnd) throw GIVE_UP;
    const value = text.slice(p + 1, close);
    return value.includes('\\') ? escaped(text, p, lineEnd) : [value, close];
  }
  let v = '';
  let from = p + 1;
  for (;;) {
    const close = text.indexOf("'", from);
    if (close < 0 || close >= lineEnd) throw GIVE_UP;
    v += text.slice(from, close);
    if (text.charCodeAt(close + 1) !== 39) return [v, close];
    v += "'";
    from = close + 2;
  }
}

/** yaml's one-character escapes of double-quoted scalars (resolve-flow-scalar.js), less the tab (tabs go to `yaml`). */
const ESCAPES: Record<string, string> = { '0': '\0', a: '\x07', b: '\b', e: '\x1b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v', N: '\u0085', _: '\u00a0', L: '\u2028', P: '\u2029', ' ': ' ', '"': '"', '/': '/', '\\': '\\' };

/**
 * A one-line double-quoted scalar with escapes (JSON in an annotation: `\"`): its value and closing quote.
 * `\x`, `\u`, `\U`, an escaped line break and an invalid escape are left to `yaml`.
 */
function escaped(text: string, p: number, lineEnd: number): [string, number] {
  let v = '';
  let from = p + 1;
  for (let q = from; q < lineEnd; q++) {
    const c = text.charCodeAt(q);
    if (c === 34) return [v + text.slice(from, q), q];
    if (c !== 92) continue;
    const code = ESCAPES[text[q + 1]];
    if (code === undefined || q + 1 >= lineEnd) throw GIVE_UP;
    v += text.slice(from, q) + code;
    from = ++q + 1;
  }
  throw GIVE_UP;
}

/**
 * A node with an unknown local tag, as `yaml` composes it: the tag kept, and a plain scalar not resolved
 * by the core schema (`!Ref 80` is the string "80"; its unresolved tag falls back to the string tag).
 */
export function withTag(node: Node, tag: string): Node {
  let out = node;
  if (node instanceof Scalar && node.type === Scalar.PLAIN) {
    const source = (node as Scalar & { source: string }).source;
    const r = node.range!;
    out = scalarNode(source, source, Scalar.PLAIN, r[0], r[1], r[2]);
  }
  out.tag = tag;
  return out;
}

/** The first position at or after `p` (before `lineEnd`) that is not a space. */
export function skipSpaces(text: string, p: number, lineEnd: number): number {
  while (p < lineEnd && text.charCodeAt(p) === 32) p++;
  return p;
}

/**
 * A local tag at `p` (`!Ref `, `!GetAtt `: CloudFormation's short forms), followed by spaces and a node
 * on this line: the tag and where the node starts. `yaml` keeps an unknown tag on the node (a warning,
 * not an error) and resolves the node as it would untagged but for a plain scalar, which stays a string.
 * Other tags (`!!str`, `!<…>`, `!` alone, a tag on a key) are left to `yaml`; a tag that ends its line
 * is bareTag's.
 */
export function tagAt(text: string, p: number, lineEnd: number): [string, number] | undefined {
  if (text.charCodeAt(p) !== 33 /* ! */) return undefined;
  let q = p + 1;
  for (let c = text.charCodeAt(q); (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || (c >= 48 && c <= 57); c = text.charCodeAt(++q));
  if (q === p + 1 || text.charCodeAt(q) !== 32) throw GIVE_UP;
  const at = skipSpaces(text, q, lineEnd);
  const c = text.charCodeAt(at);
  // The tagged node: not another property (`!`, `&`), an alias, a comment or nothing.
  if (at >= lineEnd || c === 33 || c === 38 || c === 42 || c === 35) throw GIVE_UP;
  return [text.slice(p, q), at];
}

/** A local tag that ends the line (`!Join`, spaces after it), for the block below; else undefined. */
export function bareTag(text: string, p: number, lineEnd: number): string | undefined {
  if (text.charCodeAt(p) !== 33) return undefined;
  let q = p + 1;
  for (let c = text.charCodeAt(q); (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || (c >= 48 && c <= 57); c = text.charCodeAt(++q));
  if (q === p + 1 || skipSpaces(text, q, lineEnd) < lineEnd) return undefined;
  return text.slice(p, q);
}

/** Where a block scalar's header (`|`, `>`) starts at `p`, after an optional tag; -1 when there is none. */
export function blockAt(text: string, p: number, lineEnd: number): number {
  const tagged = tagAt(text, p, lineEnd);
  const at = tagged ? tagged[1] : p;
  const c = text.charCodeAt(at);
  return c === 124 || c === 62 ? at : -1;
}

/** The first ` #` (a comment's start) in [p, end), or -1. */
export function commentAt(text: string, p: number, end: number): number {
  // Scanned within [p, end) only: an indexOf over the rest of the text would make a file without `#` quadratic.
  for (let q = Math.max(p, 1); q < end; q++) if (text.charCodeAt(q) === 35 && text.charCodeAt(q - 1) === 32) return q - 1;
  return -1;
}

/**
 * Where the cursor is in a YAML document, as a path of keys and item indexes from the document's root.
 *
 * Two ways: `textPathAt` reconstructs the path from indentation, line by line, so it works on the
 * half-typed line of a document that does not parse (completion); `nodePathAt` walks the parsed
 * nodes, so it also sees inside flow mappings (hover on a document that parses).
 */
import { isMap, isScalar, isSeq, type Document, type Node, type Pair } from 'yaml';
import { keyText } from '../parse/values';
import type { Segment } from '../schema/walk';

export type { Segment };

/** One line of block YAML, as far as paths are concerned. */
interface LineShape {
  indent: number;
  /** Columns of the `- ` item markers at the start of the line. */
  dashes: number[];
  /** The key written on the line (after its markers), if any. */
  key?: string;
  keyStart: number;
  keyEnd: number;
  /** The value text after `key:` (comment removed, trimmed); '' when the key opens a block. */
  value: string;
  /** Column of the first character after the markers (where a key or a scalar item starts). */
  contentStart: number;
  /** The line holds only blanks or a comment. */
  blank: boolean;
}

const KEY = /^("(?:[^"\\]|\\.)*"|'(?:[^']|'')*'|[^\s#'"{[\]},][^#]*?)[ \t]*:(?=[ \t]|$)/;

function unquote(key: string): string {
  if (key.startsWith('"')) {
    try {
      return JSON.parse(key) as string;
    } catch {
      return key.slice(1, -1);
    }
  }
  if (key.startsWith("'")) return key.slice(1, -1).replace(/''/g, "'");
  return key.trimEnd();
}

/** Strips a trailing ` # comment` (not inside quotes, roughly: a `#` after a blank). */
function stripComment(value: string): string {
  let quote = '';
  for (let i = 0; i < value.length; i++) {
    const c = value[i];
    if (quote) {
      if (c === quote) quote = '';
    } else if (c === '"' || c === "'") {
      if (i === 0 || /\s/.test(value[i - 1])) quote = c;
    } else if (c === '#' && (i === 0 || /\s/.test(value[i - 1]))) return value.slice(0, i);
  }
  return value;
}

export function shapeOf(line: string): LineShape {
  const indent = /^[ ]*/.exec(line)![0].length;
  const shape: LineShape = { indent, dashes: [], keyStart: -1, keyEnd: -1, value: '', contentStart: indent, blank: false };
  let col = indent;
  for (;;) {
    if (line[col] === '-' && (col + 1 === line.length || line[col + 1] === ' ' || line[col + 1] === '\t')) {
      shape.dashes.push(col);
      col++;
      while (line[col] === ' ' || line[col] === '\t') col++;
    } else break;
  }
  shape.contentStart = col;
  const rest = line.slice(col);
  if (shape.dashes.length === 0 && (rest.trim() === '' || rest.trimStart().startsWith('#'))) {
    shape.blank = true;
    return shape;
  }
  const m = KEY.exec(rest);
  if (m) {
    shape.key = unquote(m[1]);
    shape.keyStart = col;
    shape.keyEnd = col + m[1].trimEnd().length;
    shape.value = stripComment(rest.slice(m[0].length)).trim();
  }
  return shape;
}

/** A value that leaves the key's content to the following lines: nothing, an anchor, or a tag. */
function opensBlock(value: string): boolean {
  return /^((&[^\s]+|![^\s]*)\s*)*$/.test(value);
}

function isBlockScalar(value: string): boolean {
  return /^((&[^\s]+|![^\s]*)\s+)*[|>][-+0-9]*$/.test(value);
}

interface Entry {
  col: number;
  kind: 'key' | 'item' | 'root';
  name: Segment;
  /** Keys seen directly in this entry's mapping. */
  children: Set<string>;
  /** Line the entry starts on. */
  line: number;
  /** A key with a scalar on its line: it has no children. */
  scalar?: boolean;
}

class PathStack {
  readonly entries: Entry[] = [{ col: -1, kind: 'root', name: '', children: new Set(), line: 0 }];

  get top(): Entry {
    return this.entries[this.entries.length - 1];
  }

  item(col: number, line: number): void {
    let last = -1;
    while (this.entries.length > 1 && (this.top.col > col || (this.top.col === col && this.top.kind === 'item'))) {
      const e = this.entries.pop()!;
      if (e.col === col && e.kind === 'item') last = e.name as number;
    }
    this.entries.push({ col, kind: 'item', name: last + 1, children: new Set(), line });
  }

  /** Pops what a key at `col` closes; the entry left on top holds that key. */
  close(col: number): void {
    while (this.entries.length > 1 && this.top.col >= col) this.entries.pop();
  }

  key(col: number, name: string, line: number, scalar: boolean): void {
    this.close(col);
    this.top.children.add(name);
    this.entries.push({ col, kind: 'key', name, children: new Set(), line, scalar });
  }

  path(): Segment[] {
    return this.entries.slice(1).map((e) => e.name);
  }

  entriesOut(): TextPath['entries'] {
    return this.entries.slice(1).map((e) => ({ name: e.name, line: e.line, col: e.col, kind: e.kind as 'key' | 'item' }));
  }

  clone(): PathStack {
    const s = new PathStack();
    s.entries.length = 0;
    for (const e of this.entries) s.entries.push({ ...e, children: new Set(e.children) });
    return s;
  }
}

export function splitLines(text: string): { text: string; start: number }[] {
  const out: { text: string; start: number }[] = [];
  const re = /\r\n|\r|\n/g;
  let start = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    out.push({ text: text.slice(start, m.index), start });
    start = m.index + m[0].length;
  }
  out.push({ text: text.slice(start), start });
  return out;
}

/** What `feed` leaves open at the end: a block scalar (lines more indented than `blockAbove`), a flow collection. */
interface FeedState {
  blockAbove: number;
  flowDepth: number;
}

/** Feeds lines [from, to) into the stack, skipping block scalars and multi-line flow collections. */
function feed(stack: PathStack, lines: { text: string }[], from: number, to: number): FeedState {
  let blockAbove = -1; // while set: lines more indented than this belong to a block scalar
  let flowDepth = 0;
  for (let i = from; i < to; i++) {
    const raw = lines[i].text;
    if (flowDepth > 0) {
      flowDepth = Math.max(0, flowDepth + depthChange(raw));
      continue;
    }
    const shape = shapeOf(raw);
    if (shape.blank) continue;
    if (blockAbove >= 0) {
      if (shape.indent > blockAbove) continue;
      blockAbove = -1;
    }
    if (/^(---|\.\.\.)(\s|$)/.test(raw) || raw.startsWith('%')) continue;
    for (const d of shape.dashes) stack.item(d, i);
    if (shape.key !== undefined) {
      const block = opensBlock(shape.value);
      stack.key(shape.keyStart, shape.key, i, !block);
      if (isBlockScalar(shape.value)) blockAbove = shape.dashes.length ? shape.dashes[0] : shape.indent;
      else if (/^[[{]/.test(shape.value)) flowDepth = Math.max(0, depthChange(shape.value));
    } else if (shape.dashes.length && /^[[{]/.test(raw.slice(shape.contentStart))) {
      flowDepth = Math.max(0, depthChange(raw.slice(shape.contentStart)));
    }
  }
  return { blockAbove, flowDepth };
}

function depthChange(text: string): number {
  let d = 0;
  let quote = '';
  for (const c of text) {
    if (quote) {
      if (c === quote) quote = '';
    } else if (c === '"' || c === "'") quote = c;
    else if (c === '{' || c === '[') d++;
    else if (c === '}' || c === ']') d--;
    else if (c === '#') break;
  }
  return d;
}

/** Keys at column `col` in the block that continues after line `from` (stops at a less indented line). */
function keysBelow(lines: { text: string }[], from: number, col: number, into: Set<string>): void {
  for (let i = from; i < lines.length; i++) {
    const raw = lines[i].text;
    if (/^(---|\.\.\.)(\s|$)/.test(raw)) break;
    const shape = shapeOf(raw);
    if (shape.blank) continue;
    const first = shape.dashes.length ? shape.dashes[0] : shape.indent;
    if (first < col) break;
    if (shape.dashes.length === 0 && shape.indent === col && shape.key !== undefined) into.add(shape.key);
  }
}

export interface TextPath {
  /** `key`: the cursor is where a key is (being) written; `value`: after `key: `. */
  context: 'key' | 'value';
  /** Path of the mapping the key belongs to (item indexes as numbers). */
  parent: Segment[];
  /** Value context: the key whose value is typed. Key context: the whole key word under the cursor. */
  key: string;
  /** The text typed so far (key or value) up to the cursor. */
  prefix: string;
  /** Offsets (in the text given) of the word to replace. */
  replaceStart: number;
  replaceEnd: number;
  /** Column where the key starts. */
  column: number;
  /** Keys already written in the same mapping (key context). */
  siblings: Set<string>;
  /** Key context: a `:` follows the word already (the key is being renamed, not written). */
  colonAfter: boolean;
  /** The line holds `- ` before the key: the cursor is in a sequence item. */
  inItem: boolean;
  /** The entries of `parent`, with the line each starts on and its column. */
  entries: { name: Segment; line: number; col: number; kind: 'key' | 'item' }[];
}

/**
 * The path at `offset` of a document's text, from indentation alone. Undefined inside comments,
 * block scalars and flow collections, where there is no key to complete.
 */
export function textPathAt(text: string, offset: number): TextPath | undefined {
  const lines = splitLines(text);
  let lineNo = lines.length - 1;
  while (lineNo > 0 && lines[lineNo].start > offset) lineNo--;
  const line = lines[lineNo];
  const cursor = Math.max(0, Math.min(offset - line.start, line.text.length));
  const before = line.text.slice(0, cursor);
  const after = line.text.slice(cursor);
  const stack = new PathStack();
  const open = feed(stack, lines, 0, lineNo);
  // Inside a block scalar or a flow collection that an earlier line opened: nothing to say.
  if (open.flowDepth > 0) return undefined;
  const lineIndent = /^[ ]*/.exec(line.text)![0].length;
  const effectiveIndent = line.text.trim() === '' ? cursor : lineIndent;
  if (open.blockAbove >= 0 && effectiveIndent > open.blockAbove) return undefined;
  if (/^(---|\.\.\.)(\s|$)/.test(line.text) || /(^|\s)#/.test(stripQuoted(before))) return undefined;

  const shape = shapeOf(before);
  const s = stack.clone();
  for (const d of shape.dashes) s.item(d, lineNo);
  const inItem = shape.dashes.length > 0;
  if (shape.key !== undefined && cursor > shape.keyEnd) {
    // `key: val|`: a value is typed (flow values are not completed).
    const afterKey = before.slice(shape.keyEnd);
    if (/^[ \t]*:$/.test(afterKey)) return undefined; // `key:|`: a value typed here would not be YAML
    const valueText = afterKey.replace(/^[ \t]*:[ \t]*/, '');
    if (/^[[{|>]/.test(valueText)) return undefined;
    const prefix = valueText.replace(/^["']/, '');
    const tail = /^[^\s#,\]}]*/.exec(after)![0];
    s.close(shape.keyStart);
    const parent = s.path();
    return {
      entries: s.entriesOut(),
      context: 'value',
      parent,
      key: shape.key,
      prefix,
      replaceStart: line.start + cursor - valueText.length,
      replaceEnd: line.start + cursor + tail.length,
      column: shape.keyStart,
      siblings: new Set(),
      colonAfter: false,
      inItem,
    };
  }
  // Key context: the word at the cursor is (the start of) a key.
  const typed = before.slice(shape.contentStart);
  if (!/^[\w.\-/$@]*$/.test(typed)) return undefined;
  const tailWord = /^[\w.\-/$@]*/.exec(after)![0];
  const colonAfter = /^[ \t]*:(\s|$)/.test(after.slice(tailWord.length));
  const column = shape.dashes.length || typed.length ? shape.contentStart : cursor;
  s.close(column);
  const parent = s.path();
  const siblings = new Set(s.top.children);
  keysBelow(lines, lineNo + 1, column, siblings);
  return {
    entries: s.entriesOut(),
    context: 'key',
    parent,
    key: typed + tailWord,
    prefix: typed,
    replaceStart: line.start + cursor - typed.length,
    replaceEnd: line.start + cursor + tailWord.length,
    column,
    siblings,
    colonAfter,
    inItem,
  };
}

function stripQuoted(text: string): string {
  return text.replace(/"(?:[^"\\]|\\.)*"|'(?:[^']|'')*'/g, '""');
}

/**
 * Scalar `key: value` pairs of the mapping whose first key is on line `from` at column `col`
 * (a resource's `apiVersion`/`kind`, a CloudFormation resource's `Type`), read from the text.
 */
export function scalarsOfBlock(text: string, from: number, col: number): Map<string, string> {
  const lines = splitLines(text);
  const out = new Map<string, string>();
  for (let i = from; i < lines.length; i++) {
    const raw = lines[i].text;
    if (i > from && /^(---|\.\.\.)(\s|$)/.test(raw)) break;
    const shape = shapeOf(raw);
    if (shape.blank) continue;
    const first = shape.dashes.length ? shape.dashes[0] : shape.indent;
    if (i > from && first < col) break;
    if (shape.key !== undefined && shape.keyStart === col && (i === from || shape.dashes.length === 0) && shape.value) {
      out.set(shape.key, shape.value.replace(/^(["'])(.*)\1$/, '$2'));
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Parsed documents

export interface NodePath {
  path: Segment[];
  /** The cursor is on a key (its name) or on a value. */
  on: 'key' | 'value';
  /** Range of the key or the scalar under the cursor. */
  range: [number, number];
  /** Every node passed on the way (the root first), to find the resource the path is in. */
  nodes: Node[];
}

function within(range: readonly number[] | null | undefined, offset: number): boolean {
  return !!range && range[0] <= offset && offset <= range[1];
}

/** The path of the key or scalar at `offset` in a parsed document; undefined between nodes. */
export function nodePathAt(doc: Document.Parsed, offset: number): NodePath | undefined {
  const path: Segment[] = [];
  const nodes: Node[] = [];
  let node = doc.contents as Node | null;
  for (let depth = 0; node && depth < 200; depth++) {
    nodes.push(node);
    if (isMap(node)) {
      let next: Node | null = null;
      for (const item of node.items as Pair<Node, Node | null>[]) {
        const k = item.key as Node | null;
        if (k && within(k.range, offset)) {
          const name = keyText(item);
          if (name === undefined) return undefined;
          return { path: [...path, name], on: 'key', range: [k.range![0], k.range![1]], nodes };
        }
        const v = item.value;
        if (v && within(v.range, offset)) {
          const name = keyText(item);
          if (name === undefined) return undefined;
          path.push(name);
          next = v;
          break;
        }
      }
      node = next;
    } else if (isSeq(node)) {
      const i = node.items.findIndex((n) => within((n as Node | null)?.range, offset));
      if (i < 0) return undefined;
      path.push(i);
      node = node.items[i] as Node;
    } else if (isScalar(node)) {
      return { path, on: 'value', range: [node.range![0], node.range![1]], nodes };
    } else return undefined;
  }
  return undefined;
}

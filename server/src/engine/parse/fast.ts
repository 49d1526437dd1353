/**
 * A fast path for the plain block YAML that rendered manifests and CloudFormation templates are made of:
 * block mappings and sequences (`- - x` too), one-line quoted scalars and flow collections, plain scalars
 * (over several lines too), block scalars (fast-block.ts), CloudFormation's local tags (`!Ref x`),
 * comments, blank lines. It builds the same YAML nodes, with the same values and ranges, that `yaml`'s
 * parser builds, in a fraction of the time (PERFORMANCE.md).
 *
 * It is conservative: anything it does not model exactly — anchors, aliases, other tags, `\x`/`\u`
 * escapes, quoted scalars over several lines, quoted keys, an empty value with a comment, tabs, CR, a
 * directive, a syntax error — makes it return undefined, and the document goes to `yaml` as before. A test compares its
 * output with `yaml`'s on every fixture, the corpus, generated manifests, edge cases and their mutations (fast.test.ts).
 */
import { Scalar, YAMLMap, YAMLSeq, type Node } from 'yaml';
import { badFirst, bareTag, blockAt, commentAt, fit, GIVE_UP, keyTextOf, plainScalar, quoted, quotedScalar, scalarNode, tagAt, withTag } from './fast-scalars';
import { newMap, newPair, newSeq, nodeEndOf, setNodeEnd } from './fast-nodes';
import { blockScalar, plainContinued, quotedContinued, type Lines } from './fast-block';

const BLANK = 0;
const COMMENT = 1;
const CONTENT = 2;

/** Deeper than this, `yaml` takes the document (and reports nesting it cannot parse). */
const MAX_DEPTH = 100;
/** Longer implicit keys than this go to `yaml` (it refuses those over 1,024 characters). */
const MAX_KEY = 1000;

class FastParser {
  private line = 0;
  private depth = 0;

  constructor(
    private readonly text: string,
    private readonly lines: Lines,
  ) {}

  /** Index of the next content line at or after `i` (the line count when none). */
  private nextContent(i: number): number {
    const kind = this.lines.kind;
    while (i < kind.length && kind[i] !== CONTENT) i++;
    return i;
  }

  /** The whole document: leading comments, an optional `---` line, a block mapping, trailing comments. */
  document(first: number): Node {
    this.line = this.nextContent(first);
    if (this.line >= this.lines.kind.length || this.lines.indent[this.line] !== 0) throw GIVE_UP;
    const root = this.map(0, -1, true);
    if (this.nextContent(this.line) < this.lines.kind.length) throw GIVE_UP; // content after the mapping ended
    return root;
  }

  /**
   * Where a collection ends. `yaml` extends a nested collection over the comment lines after its last
   * item that are indented at least as deep as its items (a sequence at its parent's indentation: the
   * same, but not at the top level), up to the next content (its first character) or the end of the
   * text. Comment lines between the parent's and the items' indentation, a mix of absorbed and other
   * comments, and deeper comments after a sequence's last scalar are not modelled.
   */
  private collectionEnd(valueEnd: number, indent: number, parentIndent: number, top: boolean, lastIsScalar = false): number {
    if (top) return valueEnd;
    const { kind, indent: ind, start } = this.lines;
    let absorbed = 0;
    let kept = 0;
    let i = this.line;
    for (; i < kind.length && kind[i] !== CONTENT; i++) {
      if (kind[i] !== COMMENT) continue;
      const c = ind[i];
      if (c > parentIndent && c < indent) throw GIVE_UP;
      if (lastIsScalar && c > indent) throw GIVE_UP;
      if (c >= indent && (indent > parentIndent || indent > 0)) absorbed++;
      else kept++;
    }
    if (absorbed && kept) throw GIVE_UP;
    if (!absorbed) return valueEnd;
    return i < kind.length ? start[i] + ind[i] : this.text.length;
  }

  /** A block mapping whose keys are at column `indent`, starting at `this.line` (a content line). */
  private map(indent: number, parentIndent: number, top = false, firstKeyAt?: number): YAMLMap {
    const { start, end, indent: ind } = this.lines;
    const text = this.text;
    const map = newMap();
    let mapStart = -1;
    let valueEnd = 0;
    for (;;) {
      const i = this.line;
      // The first key of a map inside a sequence item sits after `- ` on the item's line.
      const keyAt = i === this.line && firstKeyAt !== undefined && mapStart < 0 ? firstKeyAt : start[i] + ind[i];
      const lineEnd = end[i];
      // The key: a plain scalar up to `: ` or a `:` ending the line.
      if (badFirst(text.charCodeAt(keyAt)) || text.charCodeAt(keyAt) === 45 /* - */ || text.charCodeAt(keyAt) === 34 || text.charCodeAt(keyAt) === 39) throw GIVE_UP;
      let colon = text.indexOf(':', keyAt);
      while (colon >= 0 && colon < lineEnd && colon + 1 < lineEnd && text.charCodeAt(colon + 1) !== 32) colon = text.indexOf(':', colon + 1);
      if (colon < 0 || colon >= lineEnd || colon === keyAt) throw GIVE_UP;
      // `yaml` refuses an implicit key of more than 1,024 characters (KEY_OVER_1024_CHARS): left to it.
      if (colon - keyAt > MAX_KEY) throw GIVE_UP;
      const keyText = keyTextOf(text, keyAt, colon);
      if (keyText.charCodeAt(keyText.length - 1) === 32 || keyText.includes(' #')) throw GIVE_UP;
      if (mapStart < 0) mapStart = keyAt;
      const key = plainScalar(keyText, keyAt, colon, colon);
      // The value: on this line, or a nested block below, or empty (null).
      let p = colon + 1;
      while (p < lineEnd && text.charCodeAt(p) === 32) p++;
      let value: Node;
      // A tag alone on the line (`Value: !Join`) belongs to the nested block below.
      const tag = bareTag(this.text, p, lineEnd);
      if (tag) p = lineEnd;
      if (p >= lineEnd || text.charCodeAt(p) === 35 /* # */) {
        const commented = p < lineEnd;
        this.line = i + 1;
        const next = this.nextContent(this.line);
        const nested = next < this.lines.kind.length && (ind[next] > indent || (ind[next] === indent && this.isSeqItem(next)));
        if (nested) {
          if (tag && next !== i + 1) throw GIVE_UP; // comments or blank lines between a tag and its node: not modelled
          this.line = next;
          value = this.block(ind[next], indent);
          if (tag) value.tag = tag;
        } else {
          if (commented) throw GIVE_UP; // `key: # comment` and nothing below: its range is not modelled
          // An empty value followed by comment lines: where its range ends is not modelled.
          for (let k = i + 1; k < next; k++) if (this.lines.kind[k] === COMMENT) throw GIVE_UP;
          // Empty: null, or with a tag (`AvailabilityZones: !GetAZs`) the empty string, as the string tag reads it.
          value = scalarNode(tag ? '' : null, '', Scalar.PLAIN, lineEnd, lineEnd, lineEnd);
          if (tag) value.tag = tag;
        }
      } else if (blockAt(this.text, p, lineEnd) >= 0) {
        value = this.blockValue(i, p, lineEnd, indent);
      } else {
        value = this.inlineValue(i, p, lineEnd, indent);
        const next = this.nextContent(this.line);
        // A value extends over comments below it indented past the keys (a flow collection: past the
        // parent's items): not modelled.
        const deeper = value instanceof Scalar ? indent : parentIndent;
        for (let k = this.line; k < next; k++) if (this.lines.kind[k] === COMMENT && ind[k] > deeper) throw GIVE_UP;
      }
      map.items.push(newPair(key, value));
      valueEnd = nodeEndOf(value);
      const next = this.nextContent(this.line);
      if (next >= this.lines.kind.length || ind[next] < indent) break;
      if (ind[next] > indent) throw GIVE_UP;
      if (this.isSeqItem(next)) {
        if (indent === parentIndent) break; // a sequence at its parent's indentation ends at the parent's next key
        throw GIVE_UP;
      }
      this.line = next;
    }
    map.items = fit(map.items);
    map.range = [mapStart, valueEnd, this.collectionEnd(valueEnd, indent, parentIndent, top)];
    return map;
  }

  private isSeqItem(i: number): boolean {
    const at = this.lines.start[i] + this.lines.indent[i];
    if (this.text.charCodeAt(at) !== 45) return false;
    const after = at + 1;
    return after >= this.lines.end[i] || this.text.charCodeAt(after) === 32;
  }

  /** A nested block starting at `this.line`, its first character at column `indent`. */
  private block(indent: number, parentIndent: number): Node {
    if (++this.depth > MAX_DEPTH) throw GIVE_UP;
    try {
      if (this.isSeqItem(this.line)) return this.seq(indent, parentIndent);
      if (indent === parentIndent) throw GIVE_UP;
      return this.map(indent, parentIndent);
    } finally {
      this.depth--;
    }
  }

  /** A block sequence whose `-` are at column `indent`. */
  private seq(indent: number, parentIndent: number, firstDashAt?: number): YAMLSeq {
    const { start, end, indent: ind } = this.lines;
    const text = this.text;
    const seq = newSeq();
    // The first `-` of a sequence inside a sequence item (`- - x`) sits after the item's `- `.
    const seqStart = firstDashAt ?? start[this.line] + ind[this.line];
    let valueEnd = 0;
    for (;;) {
      const i = this.line;
      const lineEnd = end[i];
      let p = (seq.items.length === 0 ? seqStart : start[i] + ind[i]) + 1;
      while (p < lineEnd && text.charCodeAt(p) === 32) p++;
      const tag = bareTag(this.text, p, lineEnd);
      if (!tag && (p >= lineEnd || text.charCodeAt(p) === 35)) throw GIVE_UP; // an empty item, or its node on the next lines
      let item: Node;
      if (tag) {
        // `- !FindInMap` and its node on the next line, indented past the `-`.
        if (i + 1 >= this.lines.kind.length || this.lines.kind[i + 1] !== CONTENT || ind[i + 1] <= indent) throw GIVE_UP;
        this.line = i + 1;
        item = this.block(ind[i + 1], indent);
        item.tag = tag;
      } else if (this.isMapEntry(p, lineEnd)) {
        const column = p - start[i];
        item = this.map(column, indent, false, p);
      } else if (blockAt(this.text, p, lineEnd) >= 0) {
        item = this.blockValue(i, p, lineEnd, indent);
      } else if (text.charCodeAt(p) === 45 && (p + 1 >= lineEnd || text.charCodeAt(p + 1) === 32)) {
        // `- - x`: a sequence whose dashes are at this column, its first item on this line.
        if (++this.depth > MAX_DEPTH) throw GIVE_UP;
        try {
          item = this.seq(p - start[i], indent, p);
        } finally {
          this.depth--;
        }
      } else {
        item = this.inlineValue(i, p, lineEnd, indent);
        const next = this.nextContent(this.line);
        // An item extends over comments below it indented past its `-`: not modelled.
        for (let k = this.line; k < next; k++) if (this.lines.kind[k] === COMMENT && ind[k] > indent) throw GIVE_UP;
      }
      seq.items.push(item);
      valueEnd = nodeEndOf(item);
      const next = this.nextContent(this.line);
      if (next >= this.lines.kind.length || ind[next] < indent) break;
      if (ind[next] > indent || !this.isSeqItem(next)) {
        if (ind[next] === indent && indent === parentIndent) break; // the parent mapping's next key
        throw GIVE_UP;
      }
      this.line = next;
    }
    seq.items = fit(seq.items);
    const last = seq.items[seq.items.length - 1];
    seq.range = [seqStart, valueEnd, this.collectionEnd(valueEnd, indent, parentIndent, false, !(last instanceof YAMLMap) || (last as YAMLMap).flow === true)];
    return seq;
  }

  /** The value at `p` on line `i`, in a node indented at `indent`: one line, or a plain scalar going on below; moves past it. */
  private inlineValue(i: number, p: number, lineEnd: number, indent: number): Node {
    const { kind, indent: ind } = this.lines;
    const quoted = this.text.charCodeAt(p) === 39 ? quotedContinued(this.text, this.lines, i, p, indent) : undefined;
    let value = quoted ? quoted[0] : this.inlineScalar(p, lineEnd);
    this.line = quoted ? quoted[1] : i + 1;
    const next = this.nextContent(this.line);
    if (next < kind.length && ind[next] > indent) {
      // More below, indented past the parent: a plain scalar's further lines (a flow collection over lines, or an error, gives up).
      if (!(value instanceof Scalar) || value.type !== Scalar.PLAIN || value.tag || quoted) throw GIVE_UP;
      [value, this.line] = plainContinued(this.text, this.lines, i, value, indent);
      const after = this.nextContent(this.line);
      if (after < kind.length && ind[after] > indent) throw GIVE_UP;
    }
    return value;
  }

  /** The block scalar value of line `i` at `p` (after an optional tag), in a node indented at `indent`; moves past its lines. */
  private blockValue(i: number, p: number, lineEnd: number, indent: number): Node {
    const tagged = tagAt(this.text, p, lineEnd);
    const [node, next] = blockScalar(this.text, this.lines, i, tagged ? tagged[1] : p, indent);
    if (tagged) node.tag = tagged[0];
    this.line = next;
    return node;
  }

  /** Whether the text at `p` is `key: …` (a plain key followed by `: ` or a `:` ending the line). */
  private isMapEntry(p: number, lineEnd: number): boolean {
    const text = this.text;
    const c = text.charCodeAt(p);
    if (c === 34 || c === 39 || badFirst(c)) return false;
    for (let colon = text.indexOf(':', p); colon >= 0 && colon < lineEnd; colon = text.indexOf(':', colon + 1)) {
      if (colon + 1 >= lineEnd || text.charCodeAt(colon + 1) === 32) {
        const hash = commentAt(this.text, p, colon);
        return hash < 0;
      }
    }
    return false;
  }

  /** A one-line flow collection at `p` (`{…}` or `[…]`), then spaces and a comment or the end of the line. */
  private inlineFlow(p: number, lineEnd: number): Node {
    const [node, after] = this.flow(p, lineEnd);
    let q = after;
    while (q < lineEnd && this.text.charCodeAt(q) === 32) q++;
    if (q < lineEnd && !(this.text.charCodeAt(q) === 35 && q > node.range![1])) throw GIVE_UP;
    setNodeEnd(node, lineEnd < this.text.length ? lineEnd + 1 : lineEnd);
    return node;
  }

  /**
   * A flow collection of one-line plain and quoted scalars and flow collections, all on this line.
   * Returns the node (its range ending after the spaces that follow it) and the position after them.
   */
  private flow(p: number, lineEnd: number): [Node, number] {
    if (++this.depth > MAX_DEPTH) throw GIVE_UP;
    try {
      return this.flowCollection(p, lineEnd);
    } finally {
      this.depth--;
    }
  }

  private flowCollection(p: number, lineEnd: number): [Node, number] {
    const text = this.text;
    const isMap = text.charCodeAt(p) === 123;
    const close = isMap ? 125 : 93;
    const coll = isMap ? newMap() : newSeq();
    coll.flow = true;
    let q = this.skipSpaces(p + 1, lineEnd);
    if (text.charCodeAt(q) === close) {
      const end = q + 1;
      const after = this.skipSpaces(end, lineEnd);
      coll.range = [p, end, after];
      return [coll, after];
    }
    for (;;) {
      if (isMap) {
        const [key, afterKey] = this.flowScalar(q, lineEnd, true);
        if (text.charCodeAt(afterKey) !== 58 || text.charCodeAt(afterKey + 1) !== 32 || afterKey - q > MAX_KEY) throw GIVE_UP;
        const [value, afterValue] = this.flowItem(this.skipSpaces(afterKey + 1, lineEnd), lineEnd);
        (coll as YAMLMap).items.push(newPair(key, value));
        q = afterValue;
      } else {
        const [item, afterItem] = this.flowItem(q, lineEnd);
        (coll as YAMLSeq).items.push(item);
        q = afterItem;
      }
      const c = text.charCodeAt(q);
      if (c === close) break;
      if (c !== 44 /* , */) throw GIVE_UP;
      q = this.skipSpaces(q + 1, lineEnd);
      if (text.charCodeAt(q) === close || q >= lineEnd) throw GIVE_UP; // a trailing comma, or more on the next line
    }
    (coll as YAMLSeq).items = fit((coll as YAMLSeq).items);
    const end = q + 1;
    const after = this.skipSpaces(end, lineEnd);
    coll.range = [p, end, after];
    return [coll, after];
  }

  private flowItem(p: number, lineEnd: number): [Node, number] {
    const tagged = tagAt(this.text, p, lineEnd);
    if (tagged) {
      const [node, after] = this.flowItem(tagged[1], lineEnd);
      return [withTag(node, tagged[0]), after];
    }
    const c = this.text.charCodeAt(p);
    if (c === 123 || c === 91) return this.flow(p, lineEnd);
    const [s, after] = this.flowScalar(p, lineEnd, false);
    setNodeEnd(s, after);
    return [s, after];
  }

  /** A scalar inside a flow collection: its range ends at its value (the caller extends it over spaces). */
  private flowScalar(p: number, lineEnd: number, isKey: boolean): [Scalar, number] {
    const text = this.text;
    const c = text.charCodeAt(p);
    if (p >= lineEnd) throw GIVE_UP;
    if (c === 34 || c === 39) {
      if (isKey) throw GIVE_UP;
      const [value, close] = quoted(this.text, p, lineEnd);
      const end = close + 1;
      return [quotedScalar(value, c === 34 ? Scalar.QUOTE_DOUBLE : Scalar.QUOTE_SINGLE, p, end, end), this.skipSpaces(end, lineEnd)];
    }
    if (badFirst(c) || c === 45) throw GIVE_UP;
    let end = p;
    for (; end < lineEnd; end++) {
      const d = text.charCodeAt(end);
      if (d === 44 || d === 91 || d === 93 || d === 123 || d === 125 || d === 35 || d === 58) break;
    }
    // `:` only as a key's separator (`key: `); `#` never (a comment would end the line's collection)
    if (end >= lineEnd || text.charCodeAt(end) === 35 || (text.charCodeAt(end) === 58 && !(isKey && text.charCodeAt(end + 1) === 32))) throw GIVE_UP;
    let valueEnd = end;
    while (valueEnd > p && text.charCodeAt(valueEnd - 1) === 32) valueEnd--;
    if (valueEnd === p) throw GIVE_UP;
    if (isKey && valueEnd !== end) throw GIVE_UP;
    return [plainScalar(text.slice(p, valueEnd), p, valueEnd, valueEnd), end];
  }

  private skipSpaces(p: number, lineEnd: number): number {
    while (p < lineEnd && this.text.charCodeAt(p) === 32) p++;
    return p;
  }

  /** A scalar that starts at `p` and ends on this line (a comment may follow). */
  private inlineScalar(p: number, lineEnd: number): Node {
    const tagged = tagAt(this.text, p, lineEnd);
    if (tagged) {
      return withTag(this.inlineScalar(tagged[1], lineEnd), tagged[0]);
    }
    const text = this.text;
    const c = text.charCodeAt(p);
    if (c === 123 || c === 91) return this.inlineFlow(p, lineEnd);
    const nodeEnd = lineEnd < text.length ? lineEnd + 1 : lineEnd;
    if (c === 34 /* " */ || c === 39 /* ' */) {
      const [value, close] = quoted(this.text, p, lineEnd);
      // After the closing quote: spaces, then a comment or the end of the line.
      let q = close + 1;
      while (q < lineEnd && text.charCodeAt(q) === 32) q++;
      if (q < lineEnd && !(text.charCodeAt(q) === 35 && q > close + 1)) throw GIVE_UP;
      return quotedScalar(value, c === 34 ? Scalar.QUOTE_DOUBLE : Scalar.QUOTE_SINGLE, p, close + 1, nodeEnd);
    }
    if (badFirst(c) || (c === 45 && (p + 1 >= lineEnd || text.charCodeAt(p + 1) === 32))) throw GIVE_UP;
    // A plain scalar ends at ` #` (a comment) or the end of the line, less trailing spaces.
    let end = lineEnd;
    const hash = commentAt(this.text, p, lineEnd);
    if (hash >= 0) end = hash;
    while (end > p && text.charCodeAt(end - 1) === 32) end--;
    const value = text.slice(p, end);
    // `: ` inside, or a `:` at the end, would be a mapping (an error after a key): not plain.
    if (value.includes(': ') || value.charCodeAt(value.length - 1) === 58) throw GIVE_UP;
    return plainScalar(value, p, end, nodeEnd);
  }
}

/** Characters whose presence sends the document to `yaml`: tab, CR, byte-order mark, template braces. */
const UNMODELLED = /[\t\r\uFEFF]|\{\{/;

/**
 * The document's contents as `yaml` would give them (one document), or undefined when the text holds
 * anything this fast path does not model exactly, including any YAML error.
 */
export function fastParse(text: string): Node | undefined {
  if (UNMODELLED.test(text)) return undefined;
  const lines: Lines = { start: [], end: [], indent: [], kind: [] };
  let first = 0;
  let sawContent = false;
  for (let s = 0; s <= text.length; ) {
    let e = text.indexOf('\n', s);
    if (e < 0) e = text.length;
    let p = s;
    while (p < e && text.charCodeAt(p) === 32) p++;
    const c = text.charCodeAt(p);
    let kind = p >= e ? BLANK : c === 35 ? COMMENT : CONTENT;
    if (kind === CONTENT && p === s) {
      // Column 0: a directive or a document marker is not modelled, but for one leading `---` line.
      if (c === 37) return undefined;
      if ((c === 45 || c === 46) && text.startsWith(c === 45 ? '---' : '...', s) && (e === s + 3 || text.charCodeAt(s + 3) === 32)) {
        if (c === 46 || sawContent) return undefined;
        let q = s + 3;
        while (q < e && text.charCodeAt(q) === 32) q++;
        if (q < e && text.charCodeAt(q) !== 35) return undefined;
        kind = BLANK;
        first = lines.kind.length + 1;
        sawContent = true;
      }
    }
    if (kind === CONTENT) sawContent = true;
    lines.start.push(s);
    lines.end.push(e);
    lines.indent.push(p - s);
    lines.kind.push(kind);
    if (e >= text.length) break;
    s = e + 1;
  }
  try {
    return new FastParser(text, lines).document(first);
  } catch (err) {
    if (err === GIVE_UP) return undefined;
    throw err;
  }
}

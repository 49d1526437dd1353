import { lastIndexAtOrBelow } from '../text';

/**
 * Splits a YAML stream into its documents at `---` marker lines, without parsing.
 * A marker at column 0 always starts a new document in YAML (it also ends block scalars), so
 * splitting on it is exact; this lets an edit re-parse only the document it touched.
 */

export interface Chunk {
  /** Offset of the chunk's first character in the file. */
  start: number;
  text: string;
}

function isMarkerAt(text: TextSource, i: number): boolean {
  if (text.charCodeAt(i) !== 45 || text.charCodeAt(i + 1) !== 45 || text.charCodeAt(i + 2) !== 45) return false;
  const next = text.charCodeAt(i + 3);
  // end of text, space, tab, CR or LF
  return Number.isNaN(next) || next === 32 || next === 9 || next === 10 || next === 13;
}

/** Start offsets of the lines holding directives (`%YAML`, `%TAG`) directly above offset `markerStart`. */
function directivesStart(text: TextSource, markerStart: number, floor: number): number {
  let start = markerStart;
  while (start > floor) {
    const prevLineEnd = start - 1; // the '\n' before `start`
    let lineStart = text.lastIndexOf('\n', prevLineEnd - 1) + 1;
    if (lineStart < floor) lineStart = floor;
    if (text.charCodeAt(lineStart) !== 37 /* % */) break;
    start = lineStart;
  }
  return start;
}

/**
 * The document starts after the one at `from`, in order: each `---` line after `from`'s line, or the
 * directives above it. `each` returns false to stop the scan.
 */
function scanStarts(text: TextSource, from: number, each: (start: number) => boolean): void {
  let last = from;
  for (let i = from; i < text.length; ) {
    const nl = text.indexOf('\n', i);
    if (nl === -1) return;
    const lineStart = nl + 1;
    if (isMarkerAt(text, lineStart)) {
      const s = directivesStart(text, lineStart, last + 1);
      if (s > last) {
        if (!each(s)) return;
        last = s;
      }
    }
    i = lineStart;
  }
}

export function splitDocuments(text: string): Chunk[] {
  const starts: number[] = [0];
  scanStarts(text, 0, (s) => starts.push(s) > 0);
  const chunks: Chunk[] = [];
  for (let k = 0; k < starts.length; k++) {
    const start = starts[k];
    const end = k + 1 < starts.length ? starts[k + 1] : text.length;
    chunks.push({ start, text: text.slice(start, end) });
  }
  return chunks;
}

/** What changed between two texts: the first `prefix` and the last `suffix` characters are the same in both. */
export interface TextChange {
  prefix: number;
  suffix: number;
  /** The new text between them, when known: then the new text itself is never read (see PatchedText). */
  inserted?: string;
}

/** What the splitter reads of a text: a string has all of it. */
export interface TextSource {
  readonly length: number;
  charCodeAt(i: number): number;
  indexOf(search: '\n', from: number): number;
  lastIndexOf(search: '\n', from: number): number;
  slice(start: number, end: number): string;
}

/**
 * The new text as the old documents' texts with one change applied, read in place. An editor's new text
 * is a concatenation (a V8 cons string) that the first read would copy whole (3.6 MB at 5,000 documents,
 * on every keystroke); reading through this touches only the documents around the change.
 */
export class PatchedText implements TextSource {
  readonly length: number;
  private readonly insertedEnd: number;
  private readonly delta: number;

  /** The old text (`oldCount` chunks, `oldLength` characters) with its characters between `prefix` and `oldLength - suffix` replaced by `inserted`. */
  constructor(
    private readonly oldCount: number,
    private readonly oldStart: (k: number) => number,
    private readonly oldText: (k: number) => string,
    oldLength: number,
    private readonly prefix: number,
    suffix: number,
    private readonly inserted: string,
  ) {
    this.insertedEnd = prefix + inserted.length;
    this.length = this.insertedEnd + suffix;
    this.delta = this.length - oldLength;
  }

  /** Old chunk holding old offset `i` (binary search). */
  private chunkAt(i: number): number {
    return Math.max(0, lastIndexAtOrBelow(this.oldCount, this.oldStart, i));
  }

  /** The old offset of new offset `i` outside the inserted text. */
  private oldOffset(i: number): number {
    return i < this.prefix ? i : i - this.delta;
  }

  charCodeAt(i: number): number {
    if (i < 0 || i >= this.length) return NaN;
    if (i >= this.prefix && i < this.insertedEnd) return this.inserted.charCodeAt(i - this.prefix);
    const o = this.oldOffset(i);
    const k = this.chunkAt(o);
    return this.oldText(k).charCodeAt(o - this.oldStart(k));
  }

  indexOf(search: '\n', from: number): number {
    for (let i = Math.max(0, from); i < this.length; ) {
      if (i >= this.prefix && i < this.insertedEnd) {
        const at = this.inserted.indexOf(search, i - this.prefix);
        if (at >= 0) return this.prefix + at;
        i = this.insertedEnd;
        continue;
      }
      const o = this.oldOffset(i);
      const k = this.chunkAt(o);
      const start = this.oldStart(k);
      const text = this.oldText(k);
      // Within this chunk, and not past the start of the inserted text.
      const limit = i < this.prefix ? Math.min(text.length, this.prefix - start) : text.length;
      const at = text.indexOf(search, o - start);
      if (at >= 0 && at < limit) return i + (at - (o - start));
      i += limit - (o - start);
    }
    return -1;
  }

  lastIndexOf(search: '\n', from: number): number {
    for (let i = Math.min(from, this.length - 1); i >= 0; i--) if (this.charCodeAt(i) === 10) return i;
    void search;
    return -1;
  }

  slice(start: number, end: number): string {
    let out = '';
    for (let i = Math.max(0, start); i < Math.min(end, this.length); ) {
      if (i >= this.prefix && i < this.insertedEnd) {
        const stop = Math.min(end, this.insertedEnd);
        out += this.inserted.slice(i - this.prefix, stop - this.prefix);
        i = stop;
        continue;
      }
      const o = this.oldOffset(i);
      const k = this.chunkAt(o);
      const chunkStart = this.oldStart(k);
      const text = this.oldText(k);
      let stop = Math.min(end, i + (text.length - (o - chunkStart)));
      if (i < this.prefix) stop = Math.min(stop, this.prefix);
      out += text.slice(o - chunkStart, o - chunkStart + (stop - i));
      i = stop;
    }
    return out;
  }
}

/** A chunk of the new text; `reused` is the index of the old chunk with the same text there, if any. */
export interface Resplit extends Chunk {
  reused?: number;
}

/** A copy of a slice that does not keep the whole text alive (V8 slices point into their parent string). */
export function detached(text: string): string {
  return text.length < 13 ? text : (' ' + text).slice(1);
}

export interface ResplitResult {
  /** Old chunks `0 … head-1` are unchanged, at the same offsets. */
  head: number;
  /** The re-scanned chunks that follow them. */
  middle: Resplit[];
  /** Old chunks from this index on are unchanged, shifted by `delta` (old.length when none). */
  tail: number;
  delta: number;
}

/**
 * Splits `text` like `splitDocuments`, re-scanning only around a change: documents before it and after it
 * keep their old chunk (shifted). `oldStart(k)`/`oldText(k)` describe the previous split (`oldCount`
 * chunks) of a text of length `oldLength`. Costs O(log documents) plus the re-scanned region.
 */
export function resplit(text: TextSource, oldCount: number, oldStart: (k: number) => number, oldText: (k: number) => string, oldLength: number, change: TextChange): ResplitResult {
  const delta = text.length - oldLength;
  const prefix = Math.max(0, Math.min(change.prefix, oldLength, text.length));
  const suffix = Math.max(0, Math.min(change.suffix, oldLength - prefix, text.length - prefix));
  // Restart at a boundary whose whole `---` marker (and the line break before it) lies in the unchanged prefix.
  let r = Math.max(0, lastIndexAtOrBelow(oldCount, (k) => oldStart(k) + 4, prefix));
  while (r > 0 && !isMarkerAt(text, oldStart(r))) r--; // directives above a marker: go back to a plain one
  const restart = oldStart(r);
  const tailFrom = oldLength - suffix;
  /** The old chunk starting at `at` (old offsets) in the unchanged suffix, if one does. */
  const oldChunkAt = (at: number): number | undefined => {
    if (at < tailFrom) return undefined;
    for (let lo = r + 1, hi = oldCount - 1; lo <= hi; ) {
      const mid = (lo + hi) >> 1;
      const s = oldStart(mid);
      if (s === at) return mid;
      if (s < at) lo = mid + 1;
      else hi = mid - 1;
    }
    return undefined;
  };

  const starts: number[] = [restart];
  let tail = oldCount;
  scanStarts(text, restart, (s) => {
    const k = s >= text.length - suffix ? oldChunkAt(s - delta) : undefined;
    if (k !== undefined) {
      tail = k; // from here on the old split holds, shifted
      return false;
    }
    starts.push(s);
    return true;
  });
  // The re-scanned region: reuse an old chunk of the region when its text came out the same.
  const byText = new Map<string, number>();
  for (let k = r; k < tail; k++) if (!byText.has(oldText(k))) byText.set(oldText(k), k);
  const middle: Resplit[] = [];
  for (let k = 0; k < starts.length; k++) {
    const start = starts[k];
    const end = k + 1 < starts.length ? starts[k + 1] : tail < oldCount ? oldStart(tail) + delta : text.length;
    const piece = text.slice(start, end);
    const reused = byText.get(piece);
    if (reused !== undefined) byText.delete(piece);
    middle.push(reused !== undefined ? { start, text: oldText(reused), reused } : { start, text: detached(piece) });
  }
  return { head: r, middle, tail, delta };
}

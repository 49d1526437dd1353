/**
 * Rendered text under construction, with where each range came from, and the operations that keep a value's
 * pieces (origins of parts of its printed text) right when functions reshape text (quote, indent, trim, …).
 */
import type { Origin, Piece, Val } from './values';
import { printValue } from './values';

export type ChunkKind = 'lit' | 'val' | 'act';

/** A range of output: `lit` literal template text, `val` a value's characters, `act` anything else an action printed. */
export interface Chunk {
  start: number;
  end: number;
  kind: ChunkKind;
  file: string;
  fileStart: number;
  fileEnd: number;
  /** For a `val` chunk: the action that printed it (shown as related information where the finding lands). */
  via?: { file: string; start: number; end: number };
}

export class OutputLimit {
  constructor(readonly limit: number) {}
}

export class Out {
  private parts: string[] = [];
  length = 0;
  readonly chunks: Chunk[] = [];

  constructor(private readonly budget: { chars: number; max: number }) {}

  private push(s: string): void {
    this.budget.chars += s.length;
    if (this.budget.chars > this.budget.max) throw new OutputLimit(this.budget.max);
    this.parts.push(s);
    this.length += s.length;
  }

  /** Literal template text from `file[start, end)`. */
  lit(text: string, file: string, start: number, end: number): void {
    if (text.length === 0) return;
    const at = this.length;
    this.push(text);
    this.chunks.push({ start: at, end: at + text.length, kind: 'lit', file, fileStart: start, fileEnd: end });
  }

  /** What an action at `file[start, end)` printed; the value's pieces keep their origins. */
  action(val: Val, file: string, start: number, end: number): void {
    this.text(printValue(val.v), val.p, file, start, end);
  }

  /** `s` with pieces; the parts no piece covers are attributed to `file[start, end)`. */
  text(s: string, pieces: Piece[] | undefined, file: string, start: number, end: number): void {
    if (s.length === 0) return;
    const at = this.length;
    this.push(s);
    let pos = 0;
    for (const p of pieces ?? []) {
      if (p.start < pos || p.end > s.length || p.end <= p.start) continue;
      if (p.start > pos) this.chunks.push({ start: at + pos, end: at + p.start, kind: 'act', file, fileStart: start, fileEnd: end });
      this.chunks.push({ start: at + p.start, end: at + p.end, kind: 'val', file: p.origin.file, fileStart: p.origin.start, fileEnd: p.origin.end, via: { file, start, end } });
      pos = p.end;
    }
    if (pos < s.length) this.chunks.push({ start: at + pos, end: at + s.length, kind: 'act', file, fileStart: start, fileEnd: end });
  }

  toString(): string {
    const s = this.parts.join('');
    this.parts = [s];
    return s;
  }

  /** The output as a string value whose pieces are the value chunks (for include and tpl). */
  toVal(): Val {
    const v = this.toString();
    const p: Piece[] = [];
    for (const c of this.chunks) if (c.kind === 'val') p.push({ start: c.start, end: c.end, origin: { file: c.file, start: c.fileStart, end: c.fileEnd } });
    return p.length > 0 ? { v, p } : { v };
  }
}

/** The pieces of `val` when it is printed, shifted by `offset`. */
export function shift(pieces: Piece[] | undefined, offset: number): Piece[] {
  if (!pieces) return [];
  return pieces.map((p) => ({ start: p.start + offset, end: p.end + offset, origin: p.origin }));
}

/** Pieces of `s[from, to)`, re-based to the slice. */
export function slicePieces(pieces: Piece[] | undefined, from: number, to: number): Piece[] | undefined {
  if (!pieces) return undefined;
  const out: Piece[] = [];
  for (const p of pieces) {
    const s = Math.max(p.start, from);
    const e = Math.min(p.end, to);
    if (e > s) out.push({ start: s - from, end: e - from, origin: partOf(p, s - p.start, e - p.start) });
  }
  return out.length > 0 ? out : undefined;
}

/** The part of a piece's origin for characters [a, b) of the piece, when the piece maps one to one. */
function partOf(p: Piece, a: number, b: number): Origin {
  const o = p.origin;
  if (o.end - o.start === p.end - p.start) return { file: o.file, start: o.start + a, end: o.start + b };
  return o;
}

/**
 * Pieces after inserting text: `map(i)` gives the new offset of old offset i, and pieces are split where
 * insertions fall inside them (`breaks`, sorted, are old offsets before which text was inserted).
 */
export function remapPieces(pieces: Piece[] | undefined, breaks: number[], map: (i: number) => number): Piece[] | undefined {
  if (!pieces) return undefined;
  const out: Piece[] = [];
  let bi = 0;
  for (const p of pieces) {
    let s = p.start;
    // Pieces are sorted; skip the breaks at or before this piece's start.
    while (bi < breaks.length && breaks[bi]! <= s) bi++;
    for (let k = bi; k < breaks.length && breaks[k]! < p.end; k++) {
      const b = breaks[k]!;
      out.push({ start: map(s), end: map(b - 1) + 1, origin: partOf(p, s - p.start, b - p.start) });
      s = b;
    }
    out.push({ start: map(s), end: map(p.end - 1) + 1, origin: partOf(p, s - p.start, p.end - p.start) });
  }
  return out;
}

/** How many of the sorted `breaks` are <= i. */
function countAtOrBelow(breaks: number[], i: number): number {
  let lo = 0;
  let hi = breaks.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (breaks[mid]! <= i) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Go's indent: `pad` before every line (Sprig: pad + replace "\n" with "\n"+pad), pieces kept. */
export function indentVal(pad: string, s: string, pieces: Piece[] | undefined, leadingNewline: boolean): Val {
  const lead = (leadingNewline ? '\n' : '') + pad;
  const v = lead + s.split('\n').join('\n' + pad);
  if (!pieces) return { v };
  const breaks: number[] = [];
  for (let i = 0; i < s.length; i++) if (s[i] === '\n') breaks.push(i + 1);
  // Old offset i moves by lead + pad per newline before it.
  const map = (i: number): number => i + lead.length + countAtOrBelow(breaks, i) * pad.length;
  return { v, p: remapPieces(pieces, breaks, map) };
}

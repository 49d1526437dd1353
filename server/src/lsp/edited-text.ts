/**
 * An open document's text as the editor's edits leave it, without copying the whole text on every keystroke.
 *
 * The LSP library's TextDocument keeps one string and splices it on each change (`head + inserted + tail`),
 * then reads a character beside the edit, which makes V8 flatten the new string: a copy of the whole file
 * per keystroke (8 ms at 2.8 MB, measured; issue 15). The linter does not read the new text on a single edit
 * (it gets the change), so here the text is a list of flat pieces (slices of earlier pieces and the inserted
 * texts, which V8 makes without copying), joined into one string only when something asks for it, and put
 * back into one flat piece after `MAX_PIECES` edits (one copy per that many keystrokes). Line starts are
 * kept up to date from the inserted text alone, as the library does.
 *
 * Behaviour is the library's: positions past a line's end clamp to it (before its line break), offsets clamp
 * to the text, a change that splits or joins a CR LF pair recomputes the line starts (tested against it).
 */
import type { Position, Range, TextDocument, TextDocumentContentChangeEvent } from 'vscode-languageserver-textdocument';

/** After this many pieces the text is joined and flattened into one (amortised: one copy per ~this many edits). */
const MAX_PIECES = 48;
const CR = 13;
const LF = 10;

/** Offsets at which lines start in `text`, each plus `base`, pushed onto `out`; the first line's start (0) is left out. */
function lineStartsIn(text: string, base: number, out: number[] = []): number[] {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === CR) {
      if (text.charCodeAt(i + 1) === LF) i++;
      out.push(base + i + 1);
    } else if (c === LF) out.push(base + i + 1);
  }
  return out;
}

export class EditedText implements TextDocument {
  // Set by `reset`, which the constructor calls.
  private pieces!: string[];
  /** The pieces joined (a V8 cons string until read), or undefined after an edit. */
  private joined: string | undefined;
  private length!: number;
  /**
   * Start offset of every line, the first (0) included; undefined until something asks (see `lineStarts`).
   * Counting them in a 2.8 MB text took 25-50 ms, and opening a document does not need them: its lint
   * waited for them (issue 15). The first edit or position asked for counts them.
   */
  private counted: number[] | undefined;
  private currentVersion: number;

  constructor(
    readonly uri: string,
    readonly languageId: string,
    version: number,
    text: string,
  ) {
    this.currentVersion = version;
    this.reset(text);
  }

  /** The line starts, counted in the text as it is when first asked for (every change after keeps them current). */
  private get lineStarts(): number[] {
    return (this.counted ??= lineStartsIn(this.getText(), 0, [0]));
  }

  private set lineStarts(starts: number[]) {
    this.counted = starts;
  }

  get version(): number {
    return this.currentVersion;
  }

  get lineCount(): number {
    return this.lineStarts.length;
  }

  getText(range?: Range): string {
    if (range) return this.slice(this.offsetAt(range.start), this.offsetAt(range.end));
    if (this.joined === undefined) {
      let s = '';
      for (const p of this.pieces) s += p;
      this.joined = s;
    }
    return this.joined;
  }

  /** The character code at `offset` (NaN outside the text), read from its piece: nothing is joined. */
  private codeAt(offset: number): number {
    if (offset < 0 || offset >= this.length) return NaN;
    let start = 0;
    for (const p of this.pieces) {
      if (offset < start + p.length) return p.charCodeAt(offset - start);
      start += p.length;
    }
    return NaN;
  }

  /** The text between two offsets, either way round (as `String#substring`). */
  private slice(a: number, b: number): string {
    const from = Math.min(a, b);
    const to = Math.max(a, b);
    if (this.joined !== undefined || this.pieces.length === 1) return this.getText().slice(from, to);
    let out = '';
    let start = 0;
    for (const p of this.pieces) {
      const end = start + p.length;
      if (end > from && start < to) out += p.slice(Math.max(0, from - start), Math.min(p.length, to - start));
      if (end >= to) break;
      start = end;
    }
    return out;
  }

  /** `offset` moved back over the line break that ends the line starting at `lineStart`. */
  private beforeLineBreak(offset: number, lineStart: number): number {
    while (offset > lineStart) {
      const c = this.codeAt(offset - 1);
      if (c !== CR && c !== LF) break;
      offset--;
    }
    return offset;
  }

  positionAt(offset: number): Position {
    offset = Math.max(0, Math.min(offset, this.length));
    const line = this.lineOf(offset);
    const lineStart = this.lineStarts[line];
    return { line, character: this.beforeLineBreak(offset, lineStart) - lineStart };
  }

  offsetAt(position: Position): number {
    const starts = this.lineStarts;
    if (position.line >= starts.length) return this.length;
    if (position.line < 0) return 0;
    const lineStart = starts[position.line];
    if (position.character <= 0) return lineStart;
    const next = position.line + 1 < starts.length ? starts[position.line + 1] : this.length;
    return this.beforeLineBreak(Math.min(lineStart + position.character, next), lineStart);
  }

  /** A line's range without its line break; past the last line, the last line; before the first, an empty range at 0. */
  getLineRange(line: number): Range {
    const starts = this.lineStarts;
    if (line < 0) return { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
    if (line >= starts.length) {
      const last = starts.length - 1;
      return { start: { line: last, character: 0 }, end: { line: last, character: this.length - starts[last] } };
    }
    const next = line + 1 < starts.length ? starts[line + 1] : this.length;
    return { start: { line, character: 0 }, end: { line, character: this.beforeLineBreak(next, starts[line]) - starts[line] } };
  }

  /** The line break ending a line ('' for the last line and out of range). */
  getEOLCharacters(line: number): string {
    const starts = this.lineStarts;
    if (line < 0 || line >= starts.length) return '';
    const next = line + 1 < starts.length ? starts[line + 1] : this.length;
    return this.slice(this.beforeLineBreak(next, starts[line]), next);
  }

  /** Applies the changes of one didChange message, in order, and takes its version. */
  update(changes: readonly TextDocumentContentChangeEvent[], version: number): void {
    for (const change of changes) {
      if ('range' in change) this.replace(change.range, change.text);
      else this.reset(change.text);
    }
    this.currentVersion = version;
  }

  private reset(text: string): void {
    this.pieces = text.length ? [text] : [];
    this.joined = text;
    this.length = text.length;
    this.counted = undefined; // counted when first asked for
  }

  /** The line an offset is on (the last line whose start is at or before it). */
  private lineOf(offset: number): number {
    const starts = this.lineStarts;
    let lo = 0;
    let hi = starts.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (starts[mid] > offset) hi = mid;
      else lo = mid + 1;
    }
    return lo - 1;
  }

  private replace(range: Range, text: string): void {
    // Offsets as the library takes them (positions clamped to the text and to their line; a range given backwards is taken forwards).
    const [from, to] = [this.offsetAt(range.start), this.offsetAt(range.end)];
    const start = Math.min(from, to);
    const end = Math.max(from, to);
    const startLine = this.lineOf(start);
    const endLine = this.lineOf(end);
    const next: string[] = [];
    let at = 0;
    let placed = false;
    for (const p of this.pieces) {
      const pEnd = at + p.length;
      if (!placed && at >= end) {
        if (text) next.push(text);
        placed = true;
      }
      if (pEnd <= start || at >= end) next.push(p);
      else {
        if (at < start) next.push(p.slice(0, start - at));
        if (!placed) {
          if (text) next.push(text);
          placed = true;
        }
        if (pEnd > end) next.push(p.slice(end - at));
      }
      at = pEnd;
    }
    if (!placed && text) next.push(text);
    this.pieces = next;
    this.length += text.length - (end - start);
    this.joined = undefined;
    if (next.length > MAX_PIECES) {
      const whole = flat(this.getText());
      this.pieces = [whole];
      this.joined = whole;
    }
    // A change that splits or joins a CR LF pair: the line starts are counted again (as the library does).
    const insertedEnd = start + text.length;
    if ((this.codeAt(start - 1) === CR && this.codeAt(start) === LF) || (this.codeAt(insertedEnd - 1) === CR && this.codeAt(insertedEnd) === LF)) {
      this.lineStarts = lineStartsIn(this.getText(), 0, [0]);
      return;
    }
    // Else the starts inside the replaced range go, the inserted text's come in, those after move.
    const added = lineStartsIn(text, start);
    const first = startLine + 1;
    const removed = endLine - startLine;
    const delta = text.length - (end - start);
    let starts = this.lineStarts;
    if (removed === added.length) for (let i = 0; i < added.length; i++) starts[first + i] = added[i];
    else if (added.length < 10_000) starts.splice(first, removed, ...added);
    else starts = this.lineStarts = [...starts.slice(0, first), ...added, ...starts.slice(first + removed)];
    if (delta !== 0) for (let i = first + added.length; i < starts.length; i++) starts[i] += delta;
  }
}

/** `s` as one flat string (reading one character makes V8 flatten a cons string in place). */
function flat(s: string): string {
  s.charCodeAt(0);
  return s;
}

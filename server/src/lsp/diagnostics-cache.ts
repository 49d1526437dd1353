/**
 * Diagnostics kept per document between keystrokes (issue 15): each YAML document's converted diagnostics and
 * their JSON, reused while its findings are the same, moved when only lines above it changed.
 */
import type { Diagnostic, DiagnosticRelatedInformation, Range } from 'vscode-languageserver/node';
import type { FileFinding, FileState, RelatedLocation } from '../engine';
import { FileLines, fixesOf, linesOf, publishedForm, rangeOf, relatedInformationOf, relatedPlace, toDiagnostic, type ConvertOptions, type DiagnosticData, type Positions } from './diagnostics';

/**
 * The serialised diagnostics of a publish, on the array `FileDiagnostics.published` returns: a function
 * `(head?, tail?, into?) => Buffer` that gives `JSON.stringify(diagnostics)`, all ASCII (asciiJson), between `head` and
 * `tail` (FileDiagnostics.framed), assembled from each document's JSON (made once per document's
 * findings). A writer that sees it (diagnostics-json.ts) need not serialise thousands of unchanged
 * diagnostics on every keystroke.
 */
export const DIAGNOSTICS_JSON = Symbol('scalelint.diagnosticsJson');

/**
 * One document's findings converted: valid while its findings array is the same (the linter hands out
 * the same array while the document, its cross-document findings and where they point are unchanged),
 * it starts on the same line (else its ranges move by the difference), and its related locations still
 * land where they did (recomputed and compared each time: they point into other documents).
 */
interface DocumentDiagnostics {
  relatedInformation: boolean;
  firstLine: number;
  /** Every offset lies in the document (to its end): a line shift above moves all its ranges alike. */
  shiftable: boolean;
  /** Without `data`: the fixes are converted when code actions ask (FileDiagnostics.diagnostics). */
  diagnostics: Diagnostic[];
  /** The diagnostics whose findings have related locations, with where those landed when last converted. */
  related: { index: number; seen: RelatedSeen[] }[];
  /** A new number whenever `diagnostics` changed: the fingerprint of a file is its documents' stamps. */
  stamp: number;
  /** `diagnostics` as published (publishedForm: no fixes), made on demand. */
  published?: Diagnostic[];
  /** `published` as UTF-8 JSON without brackets, followed by a comma, made on demand. */
  json?: Buffer;
}

/**
 * Where a related location landed: its file's URI and, for each end, the line its document started on and
 * the offset in that document. The placement keeps a cached finding's related locations pointing into the
 * same documents (else the findings are placed again: a new array), so while these are equal the range is.
 */
interface RelatedSeen {
  file: string;
  uri: string;
  /** [first line of the document, offset in it] of the start and of the end; NaN where not a lint-set file (never equal). */
  at: [number, number, number, number];
}

const OPEN = Buffer.from('[');
const CLOSE = Buffer.from(']');
const EMPTY = Buffer.alloc(0);

/** A document's published diagnostics (made once). */
function publishedOf(e: DocumentDiagnostics): Diagnostic[] {
  return (e.published ??= publishedForm(e.diagnostics));
}

/**
 * JSON text with every character past ASCII written as a `\uXXXX` escape: the same value for any JSON reader,
 * but bytes that are all ASCII. A reader decodes a large all-ASCII message about twice as fast (Node's UTF-8
 * decoding has an ASCII fast path, and the string it makes is one byte a character, which `JSON.parse` also
 * reads faster); one en dash in a 4.8 MB publish made the whole of it a two-byte string (issue 15).
 */
export function asciiJson(json: string): string {
  return NON_ASCII.test(json) ? json.replace(NON_ASCII_ALL, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`) : json;
}
const NON_ASCII = /[^\x00-\x7f]/;
const NON_ASCII_ALL = /[^\x00-\x7f]/g;

/** A document's published diagnostics as JSON bytes, all ASCII (see DocumentDiagnostics.json). */
function jsonOf(e: DocumentDiagnostics): Buffer {
  return (e.json ??= Buffer.from(`${asciiJson(JSON.stringify(publishedOf(e))).slice(1, -1)},`, 'latin1'));
}

const documentDiagnostics = new WeakMap<readonly FileFinding[], DocumentDiagnostics>();
let nextStamp = 1;

/** A file's diagnostics by document: each document's entry, brought up to date (only changed documents converted). */
export class FileDiagnostics {
  private readonly entries: DocumentDiagnostics[];

  /** `parts`: the linter's per-document findings (Linter.lintFileParts), aligned with `file.documents`. */
  constructor(
    readonly parts: readonly (readonly FileFinding[])[],
    private readonly file: FileState,
    private readonly options: ConvertOptions,
  ) {
    const lines = linesOf(file);
    // One look-up per related file and lint, not per related location.
    const located = new Map<string, ReturnType<ConvertOptions['locate']>>();
    const locate = (f: string) => {
      if (!located.has(f)) located.set(f, options.locate(f));
      return located.get(f);
    };
    const cached: ConvertOptions = { relatedInformation: options.relatedInformation, locate };
    this.entries = parts.map((findings, k) => entryOf(findings, k, file, lines, cached));
  }

  /** Equal fingerprints of the same document give the same diagnostics (but for the version of `diagnostics`). */
  fingerprint(): string {
    let out = this.options.relatedInformation ? 'r' : '-';
    for (const e of this.entries) out += `,${e.stamp}`;
    return out;
  }

  /**
   * The diagnostics with their fixes on `data` (for code actions), as `toDiagnostic` gives them. The fixes are
   * converted when read (a request looks at the few diagnostics it was sent), with the findings' offsets now.
   */
  diagnostics(version: number): Diagnostic[] {
    const out: Diagnostic[] = [];
    const lines = linesOf(this.file);
    this.entries.forEach((e, k) => {
      const findings = this.parts[k];
      e.diagnostics.forEach((d, i) => {
        const data = { version } as DiagnosticData;
        Object.defineProperty(data, 'fixes', { enumerable: true, get: () => fixesOf(findings[i], lines) });
        out.push({ ...d, data });
      });
    });
    return out;
  }

  /** The diagnostics as published (`publishedForm` of `diagnostics`), with their prepared JSON (DIAGNOSTICS_JSON). */
  published(): Diagnostic[] {
    const out: Diagnostic[] = [];
    for (const e of this.entries) for (const d of publishedOf(e)) out.push(d);
    Object.defineProperty(out, DIAGNOSTICS_JSON, { value: (head: Buffer = EMPTY, tail: Buffer = EMPTY, into?: Buffer) => this.framed(head, tail, into) });
    return out;
  }

  /** `asciiJson(JSON.stringify(this.published()))`: unchanged documents' JSON is reused, a copy of bytes. */
  json(): Buffer {
    return this.framed(EMPTY, EMPTY);
  }

  /**
   * `head`, the diagnostics' JSON and `tail` in one buffer: `into` when it is large enough (a buffer the
   * caller reuses: no new megabytes to fault in on every keystroke), else a new one.
   */
  framed(head: Buffer, tail: Buffer, into?: Buffer): Buffer {
    const pieces: Buffer[] = [head, OPEN];
    let length = head.length + 1;
    for (const e of this.entries) {
      if (e.diagnostics.length === 0) continue;
      const bytes = jsonOf(e);
      pieces.push(bytes);
      length += bytes.length;
    }
    const none = pieces.length === 2;
    if (none) pieces.push(CLOSE), length++; // no diagnostics: `[]`
    pieces.push(tail);
    length += tail.length;
    // Buffer#copy, not Buffer.concat (TypedArray#set): measured 1.5 against 20 ms for 5,000 pieces of 1.5 KB.
    const out = into && into.length >= length ? into.subarray(0, length) : Buffer.allocUnsafeSlow(length);
    let at = 0;
    for (const piece of pieces) at += piece.copy(out, at);
    // With diagnostics, the last document's trailing comma becomes the closing bracket.
    if (!none) out[length - tail.length - 1] = 0x5d;
    return out;
  }
}

function entryOf(findings: readonly FileFinding[], k: number, file: FileState, lines: FileLines, options: ConvertOptions): DocumentDiagnostics {
  const firstLine = lines.firstLine(k)!;
  let e = documentDiagnostics.get(findings);
  if (e && e.relatedInformation === options.relatedInformation && (e.firstLine === firstLine || e.shiftable)) {
    // Entries are never changed once made (a publish being written may still read one): a change makes a new one.
    const moved = e.firstLine !== firstLine ? shift(e, firstLine - e.firstLine) : e;
    const current = moved.related.length ? refreshRelated(moved, findings, options) : moved;
    if (current !== e) documentDiagnostics.set(findings, current);
    return current;
  }
  const length = file.documents[k].chunk.text.length;
  e = {
    relatedInformation: options.relatedInformation,
    firstLine,
    shiftable: findings.every((f) => inDocument(f, length)),
    diagnostics: findings.map((f) => toDiagnostic(f, lines, 0, options, false)),
    related: [],
    stamp: nextStamp++,
  };
  if (options.relatedInformation) findings.forEach((f, index) => f.related?.length && e!.related.push({ index, seen: seenOf(f, options) }));
  documentDiagnostics.set(findings, e);
  return e;
}

/** Whether a finding's range is within its document's text (its fixes are converted from the finding when asked for). */
function inDocument(f: FileFinding, length: number): boolean {
  const end = Math.max(f.start, f.end);
  return f.start >= 0 && f.start <= length && end <= length;
}

const shiftRange = (r: Range, by: number): Range => ({ start: { line: r.start.line + by, character: r.start.character }, end: { line: r.end.line + by, character: r.end.character } });

/** The document moved by `by` lines, its text unchanged: its ranges move alike; related locations are refreshed after. */
function shift(e: DocumentDiagnostics, by: number): DocumentDiagnostics {
  const diagnostics = e.diagnostics.map((d) => ({ ...d, range: shiftRange(d.range, by) }));
  return { ...e, firstLine: e.firstLine + by, diagnostics, stamp: nextStamp++, published: undefined, json: undefined };
}

/** Where a finding's related locations land now (see RelatedSeen). */
function seenOf(f: FileFinding, options: ConvertOptions): RelatedSeen[] {
  return (f.related ?? []).map((r) => {
    const [file, start, end] = relatedPlace(f, r);
    const target = options.locate(file);
    const at: RelatedSeen['at'] = [NaN, NaN, NaN, NaN];
    if (target) landed(target.lines, start, end, at);
    return { file, uri: target?.uri ?? '', at };
  });
}

/** Writes into `at` where `start` and `end` land (see RelatedSeen); NaN for a file read as text, not a lint-set file. */
function landed(lines: Positions, start: number, end: number, at: RelatedSeen['at']): void {
  if (!(lines instanceof FileLines)) return;
  const s = lines.documentAt(start);
  const e = lines.documentAt(end);
  if (s < 0 || e < 0) return;
  at[0] = lines.firstLine(s)!;
  at[1] = start - lines.documentStart(s);
  at[2] = lines.firstLine(e)!;
  at[3] = end - lines.documentStart(e);
}

const scratch: RelatedSeen['at'] = [NaN, NaN, NaN, NaN];

/** Whether a finding's related locations still land where they did. */
function stillSeen(f: FileFinding, seen: RelatedSeen[], options: ConvertOptions): boolean {
  const related = f.related ?? [];
  if (related.length !== seen.length) return false;
  for (let i = 0; i < related.length; i++) {
    const [file, start, end] = relatedPlace(f, related[i]);
    const s = seen[i];
    if (file !== s.file) return false;
    const target = options.locate(file);
    if (!target || target.uri !== s.uri) return false;
    scratch.fill(NaN);
    landed(target.lines, start, end, scratch);
    if (scratch[0] !== s.at[0] || scratch[1] !== s.at[1] || scratch[2] !== s.at[2] || scratch[3] !== s.at[3]) return false;
  }
  return true;
}

/** Related locations point into other documents (and files), which may have moved: check, and convert again the diagnostics whose related information moved. */
function refreshRelated(e: DocumentDiagnostics, findings: readonly FileFinding[], options: ConvertOptions): DocumentDiagnostics {
  let diagnostics: Diagnostic[] | undefined;
  for (const r of e.related) {
    const f = findings[r.index];
    if (stillSeen(f, r.seen, options)) continue;
    r.seen = seenOf(f, options); // what was checked, not what is shown: shared by the entries of these findings
    const now = relatedInformationOf(f, options);
    const d = e.diagnostics[r.index];
    if (sameRelated(d.relatedInformation, now)) continue;
    const next: Diagnostic = { ...d };
    if (now) next.relatedInformation = now;
    else delete next.relatedInformation;
    diagnostics ??= [...e.diagnostics];
    diagnostics[r.index] = next;
  }
  return diagnostics ? { ...e, diagnostics, stamp: nextStamp++, published: undefined, json: undefined } : e;
}

function sameRelated(a: DiagnosticRelatedInformation[] | undefined, b: DiagnosticRelatedInformation[] | undefined): boolean {
  if (!a || !b) return a === b;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    const x = a[i];
    const y = b[i];
    if (x.message !== y.message || x.location.uri !== y.location.uri) return false;
    const r = x.location.range;
    const s = y.location.range;
    if (r.start.line !== s.start.line || r.start.character !== s.start.character || r.end.line !== s.end.line || r.end.character !== s.end.character) return false;
  }
  return true;
}

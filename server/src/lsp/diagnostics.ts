/** Engine findings → LSP diagnostics: offsets become positions here, once, at the edge. */
import {
  DiagnosticSeverity,
  DiagnosticTag,
  type Diagnostic,
  type DiagnosticRelatedInformation,
  type Range,
  type TextEdit,
} from 'vscode-languageserver/node';
import { SCALELINT } from '../protocol';
import { LineIndex, fileEdits, lastIndexAtOrBelow, ruleDocUrl, type FileFinding, type FileState, type ParsedChunk, type RelatedLocation } from '../engine';

/** Offset → line/character. */
export interface Positions {
  position(offset: number): { line: number; character: number };
}

/** A fix carried on `diagnostic.data`, its edits already placed in the file. */
export interface FixData {
  title: string;
  safe: boolean;
  preferred?: boolean;
  edits: TextEdit[];
  /** The same edits with snippet placeholders (`${1:100m}`) where the user must fill in values. */
  snippetEdits?: TextEdit[];
}

/** `diagnostic.data`: the document version the ranges belong to, and the fixes. */
export interface DiagnosticData {
  version: number;
  fixes: FixData[];
}

export interface ConvertOptions {
  relatedInformation: boolean;
  /** A lint-set file (engine key) → the URI to show and its line index; undefined when gone. */
  locate(file: string): { uri: string; lines: Positions } | undefined;
}

const SEVERITY: Record<FileFinding['severity'], DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
};

const TAG = { deprecated: DiagnosticTag.Deprecated, unnecessary: DiagnosticTag.Unnecessary } as const;

const chunkLines = new WeakMap<ParsedChunk, LineIndex>();

function linesOfChunk(chunk: ParsedChunk): LineIndex {
  let lines = chunkLines.get(chunk);
  if (!lines) chunkLines.set(chunk, (lines = new LineIndex(chunk.text)));
  return lines;
}

/**
 * Line positions of a file assembled from its documents' line indexes, each built once per document
 * text: after an edit only the re-parsed documents are scanned for line breaks, and the file's index
 * is O(documents) integers (each document's first line), not a scan of the whole text.
 */
export class FileLines implements Positions {
  private readonly starts: Float64Array;
  private readonly firstLines: Float64Array;
  private readonly lines: LineIndex[];
  private readonly whole?: LineIndex;

  constructor(file: FileState) {
    const n = file.documents.length;
    this.starts = new Float64Array(n);
    this.firstLines = new Float64Array(n);
    this.lines = new Array(n);
    if (n === 0) {
      this.whole = new LineIndex(file.text);
      return;
    }
    let line = 0;
    for (let i = 0; i < n; i++) {
      const d = file.documents[i];
      const lines = linesOfChunk(d.chunk);
      this.starts[i] = d.start;
      this.firstLines[i] = line;
      this.lines[i] = lines;
      line += lines.lineCount - 1; // a document ends after its last line break: the next starts on a new line
    }
  }

  /** The document an offset is in (by index; the later one at a boundary), or -1 for a file without documents. */
  documentAt(offset: number): number {
    return this.whole ? -1 : Math.max(0, lastIndexAtOrBelow(this.starts.length, (i) => this.starts[i], offset));
  }

  /** Where a document starts (by its index in the file). */
  documentStart(documentIndex: number): number {
    return this.starts[documentIndex];
  }

  /** The line a document starts on (by its index in the file), or undefined. */
  firstLine(documentIndex: number): number | undefined {
    return this.whole ? undefined : this.firstLines[documentIndex];
  }

  position(offset: number): { line: number; character: number } {
    if (this.whole) return this.whole.position(offset);
    const doc = Math.max(0, lastIndexAtOrBelow(this.starts.length, (i) => this.starts[i], offset));
    const p = this.lines[doc].position(offset - this.starts[doc]);
    return { line: this.firstLines[doc] + p.line, character: p.character };
  }
}

const fileLines = new WeakMap<FileState, FileLines>();

/** The line positions of a file's current text, built once per text. */
export function linesOf(file: FileState): FileLines {
  let lines = fileLines.get(file);
  if (!lines) {
    lines = new FileLines(file);
    fileLines.set(file, lines);
  }
  return lines;
}

export function rangeOf(lines: Positions, start: number, end: number): Range {
  return { start: lines.position(start), end: lines.position(Math.max(start, end)) };
}

/** A related location in file offsets; one without a file is in the finding's own document. */
export function relatedPlace(f: FileFinding, r: RelatedLocation): [file: string, start: number, end: number] {
  return r.file === undefined ? [f.file, f.documentStart + r.start, f.documentStart + r.end] : [r.file, r.start, r.end];
}

/** A finding's fixes with their edits placed in its file (what `diagnostic.data` carries for code actions). */
export function fixesOf(f: FileFinding, lines: Positions): FixData[] {
  return (f.fixes ?? []).map((fix) => ({
    title: fix.title,
    safe: fix.safe,
    ...(fix.preferred !== undefined ? { preferred: fix.preferred } : {}),
    edits: fileEdits(f, fix).map((e) => ({ range: rangeOf(lines, e.start, e.end), newText: e.newText })),
    ...(fix.snippetEdits?.length ? { snippetEdits: fileEdits(f, { edits: fix.snippetEdits }).map((e) => ({ range: rangeOf(lines, e.start, e.end), newText: e.newText })) } : {}),
  }));
}

/** A finding as a diagnostic; `withFixes` false leaves `data` out (the per-document cache converts fixes on request). */
export function toDiagnostic(f: FileFinding, lines: Positions, version: number, options: ConvertOptions, withFixes = true): Diagnostic {
  const offset = f.documentStart;
  const diagnostic: Diagnostic = {
    range: rangeOf(lines, offset + f.start, offset + f.end),
    severity: SEVERITY[f.severity] ?? DiagnosticSeverity.Warning,
    code: f.ruleId,
    codeDescription: { href: ruleDocUrl(f.ruleId) },
    source: SCALELINT,
    message: f.message,
  };
  if (withFixes) diagnostic.data = { version, fixes: fixesOf(f, lines) } satisfies DiagnosticData;
  if (f.tags?.length) diagnostic.tags = f.tags.map((t) => TAG[t]).filter((t) => t !== undefined);
  const related = relatedInformationOf(f, options);
  if (related) diagnostic.relatedInformation = related;
  return diagnostic;
}

/** A finding's related locations as LSP related information (undefined when none, or the client takes none). */
export function relatedInformationOf(f: FileFinding, options: ConvertOptions): DiagnosticRelatedInformation[] | undefined {
  if (!options.relatedInformation || !f.related?.length) return undefined;
  const related: DiagnosticRelatedInformation[] = [];
  for (const r of f.related) {
    const [file, start, end] = relatedPlace(f, r);
    const target = options.locate(file);
    if (target) related.push({ location: { uri: target.uri, range: rangeOf(target.lines, start, end) }, message: r.message });
  }
  return related.length ? related : undefined;
}

/**
 * Ranges of a finding already converted, valid while its document starts on the same line: the linter
 * keeps a document's finding objects until the document changes, so an edit elsewhere converts only
 * the findings it touched (a finding with related locations is always converted: they point elsewhere).
 */
const converted = new WeakMap<FileFinding, { firstLine: number; diagnostic: Diagnostic }>();

export function toDiagnostics(findings: readonly FileFinding[], file: FileState, version: number, options: ConvertOptions): Diagnostic[] {
  const lines = linesOf(file);
  return findings.map((f) => {
    const firstLine = f.related?.length ? undefined : lines.firstLine(f.documentIndex);
    if (firstLine === undefined) return toDiagnostic(f, lines, version, options);
    const hit = converted.get(f);
    if (hit && hit.firstLine === firstLine) return { ...hit.diagnostic, data: { ...(hit.diagnostic.data as DiagnosticData), version } };
    const diagnostic = toDiagnostic(f, lines, version, options);
    converted.set(f, { firstLine, diagnostic });
    return diagnostic;
  });
}

/**
 * What the diagnostics of an unchanged text depend on, as one string: two equal fingerprints of the
 * same text give the same diagnostics, so a document whose fingerprint did not change is not re-sent.
 */
export function fingerprint(findings: readonly FileFinding[], textStamp: (file: string) => string = () => ''): string {
  let out = '';
  for (const f of findings) {
    out += `${f.ruleId}|${f.severity}|${f.documentStart + f.start}|${f.documentStart + f.end}|${f.message}`;
    if (f.fixes) for (const fix of f.fixes) out += `|${fix.title}`;
    // A related location's offsets can stay while its file's lines move: the stamp names that file's text.
    if (f.related) {
      for (const r of f.related) {
        const [file, start, end] = relatedPlace(f, r);
        out += `|${file}@${textStamp(file)}:${start}-${end}:${r.message}`;
      }
    }
    out += '\n';
  }
  return out;
}

/** `diagnostic.data` as published: a diagnostic's ordinal among those before it with the same rule, range and message (from 1). */
export interface PublishedData {
  n: number;
}

/** What tells two diagnostics apart for a code action request: rule, range, message. */
export function diagnosticKey(d: Diagnostic): string {
  const r = d.range;
  return `${String(d.code)}|${r.start.line}:${r.start.character}-${r.end.line}:${r.end.character}|${d.message}`;
}

/**
 * Diagnostics as published (issue 15): without their fixes, which are a third of a findings-heavy file's
 * publish (2.6 of 7.7 MB at 9,600 diagnostics) and are looked up in the server's diagnostics when the
 * client asks for code actions (code-actions.ts). Nothing else changes: range, severity, code, its link,
 * source, message, tags and related information are the same objects (a diagnostic without `data` is itself). `data` is left out, but for a
 * diagnostic with the same rule, range and message as one before it: `{ n }` (see PublishedData), so its
 * own fixes are found.
 */
export function publishedForm(diagnostics: readonly Diagnostic[]): Diagnostic[] {
  const seen = new Map<string, number>();
  return diagnostics.map((d) => {
    const key = diagnosticKey(d);
    const n = seen.get(key);
    seen.set(key, (n ?? 0) + 1);
    if (d.data === undefined && n === undefined) return d; // nothing to leave out (the per-document cache's)
    const { data: _data, ...rest } = d;
    const shown: Diagnostic = rest;
    if (n !== undefined) shown.data = { n } satisfies PublishedData;
    return shown;
  });
}

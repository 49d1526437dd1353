/**
 * Placement: a file's findings — its documents' own and the cross-document ones about it — with the
 * severity settings and suppressions applied, moved from document offsets to file offsets, sorted. A
 * document's placed findings are cached until its position, its findings or a related document move.
 */
import type { Config } from '../config';
import type { FileFinding, Finding, RelatedLocation } from '../types';
import type { ParsedChunk } from '../parse/document';
import type { FileDocument, FileState, FileStore } from './store';
import { severityOf, type DocumentRunner } from './runner';
import type { CrossCheck, CrossDocumentScheduler, SetFinding } from './scheduler';

/** A document's findings placed in its file, valid while everything they were placed with is unchanged. */
interface Placed {
  chunk: ParsedChunk;
  generation: number;
  uri: string;
  start: number;
  index: number;
  config: Config;
  setStamp: number;
  /** Documents that related locations of cross-document findings point into, where they were, and the location placed. */
  relatedAt: { chunk: ParsedChunk; uri: string; start: number; placed: RelatedLocation }[];
  findings: FileFinding[];
}

const byPosition = (a: FileFinding, b: FileFinding) => a.start - b.start || a.ruleId.localeCompare(b.ruleId);

export class Placement {
  /** Bumped when the config lookup changes: every placed cache is stale. */
  generation = 0;

  constructor(
    private readonly store: FileStore,
    private readonly runner: DocumentRunner,
    private readonly scheduler: CrossDocumentScheduler,
    /** Whether findings keep their related locations (Linter's `related` option). */
    private readonly withRelated = true,
  ) {}

  /**
   * All findings for one file. The objects are reused while their document is unchanged (an edit above
   * it moves their offsets in place). With `parts`, each document's placed findings are also pushed onto
   * it, one array per document in file order (the cached arrays themselves: the same array while the
   * document's findings are unchanged); `parts` stays empty for a file too large or a template.
   */
  fileFindings(file: FileState, config: Config, parts?: (readonly FileFinding[])[]): FileFinding[] {
    const out: FileFinding[] = [];
    if (file.tooLarge !== undefined) {
      out.push({
        ruleId: 'yaml-syntax',
        severity: 'warning',
        message: `File not linted: it is ${formatBytes(file.text.length)}, above the ${formatBytes(file.tooLarge)} limit (setting maxFileSizeBytes).`,
        start: 0,
        end: Math.min(file.text.length, 1),
        file: file.uri,
        documentIndex: 0,
        documentStart: 0,
      });
      return out;
    }
    const template = file.documents.find((d) => d.chunk.template);
    if (template) {
      const [s, e] = template.chunk.template!;
      const f: Finding = {
        ruleId: 'yaml-syntax',
        severity: 'info',
        message: 'This file is a Helm/Go template ({{ … }}), not YAML until rendered: ScaleLint skips it. Lint the output of `helm template` instead.',
        start: s,
        end: e,
      };
      if (severityOf(f, config)) out.push(place(f, file, template, config));
      return out;
    }
    // This file's stale cross-document checks run now; other files' wait until their findings are asked for.
    this.settle(file);
    for (const doc of file.documents) {
      const placed = this.documentFindings(file, doc, config);
      parts?.push(placed);
      for (let i = 0; i < placed.length; i++) out.push(placed[i]);
    }
    return out;
  }

  /**
   * Runs the file's stale cross-document checks (those `fileFindings` would run first). None for a file
   * too large or a template: no findings are placed in them.
   */
  settle(file: FileState): void {
    if (file.tooLarge !== undefined || file.documents.some((d) => d.chunk.template)) return;
    this.scheduler.settle(file.documents.map((d) => d.chunk));
  }

  /** One document's findings (its own rules' and the cross-document ones), placed and sorted; cached. */
  private documentFindings(file: FileState, doc: FileDocument, config: Config): FileFinding[] {
    const chunk = doc.chunk;
    const setStamp = chunk.crossStamp ?? 0;
    const cached = doc.placed as Placed | undefined;
    if (cached && cached.chunk === chunk && cached.generation === this.generation && cached.uri === file.uri && cached.config === config && cached.setStamp === setStamp) {
      const still = this.stillPlaced(cached, file, doc);
      if (still) return still;
    }
    const out: FileFinding[] = [];
    for (const f of this.runner.findings(chunk, config)) {
      if (chunk.suppressions.isSuppressed(f.ruleId, f.start)) continue;
      out.push(place(f, file, doc, config, this.withRelated));
    }
    const relatedAt: Placed['relatedAt'] = [];
    const placeSet = (sf: SetFinding) => {
      const f = sf.finding;
      if (!severityOf(f, config) || chunk.suppressions.isSuppressed(f.ruleId, f.start)) return;
      const placed = place(f, file, doc, config, this.withRelated);
      if (sf.related.length) {
        const related: RelatedLocation[] = [];
        for (const r of sf.related) {
          const loc = this.store.locate(r.resource);
          if (!loc) continue;
          const placedAt: RelatedLocation = { file: loc.file.uri, start: loc.doc.start + r.start, end: loc.doc.start + r.end, message: r.message };
          relatedAt.push({ chunk: r.resource.chunk, uri: loc.file.uri, start: loc.doc.start, placed: placedAt });
          related.push(placedAt);
        }
        if (related.length) placed.related = related;
      }
      out.push(placed);
    };
    const checks: CrossCheck[] = [];
    for (const r of chunk.resources) for (const c of this.scheduler.checksOf(r)) checks.push(c);
    // Rule order first, then resource order: the order the rules ran in over the whole set.
    checks.sort((a, b) => a.order - b.order || chunk.resources.indexOf(a.subject) - chunk.resources.indexOf(b.subject));
    for (const c of checks) for (const sf of c.findings) if (sf.resource.chunk === chunk) placeSet(sf);
    out.sort(byPosition);
    doc.placed = { chunk, generation: this.generation, uri: file.uri, start: doc.start, index: doc.index, config, setStamp, relatedAt, findings: out } satisfies Placed;
    return out;
  }

  /** The cached findings, moved in place if their document or those it points into moved; undefined when they must be placed again. */
  private stillPlaced(cached: Placed, file: FileState, doc: FileDocument): FileFinding[] | undefined {
    const unmoved = cached.start === doc.start && cached.index === doc.index;
    const relatedAt = cached.relatedAt;
    if (unmoved && relatedAt.length === 0) return cached.findings; // the common case: nothing to look up
    // The documents related locations point into: still in the same files (else place again), and where.
    // Looked up once each, without allocating (thousands of documents a keystroke in a findings-heavy file).
    let homes: number[] | undefined;
    for (let i = 0; i < relatedAt.length; i++) {
      const r = relatedAt[i];
      const start = this.store.startIn(r.chunk, r.uri);
      if (start < 0) return undefined;
      if (start !== r.start) (homes ??= relatedAt.map((x) => x.start))[i] = start;
    }
    if (unmoved && !homes) return cached.findings;
    // This document or those it points into moved (an edit above them): the same findings with
    // new offsets, updated in place (these objects belong to this cache; callers keep identity,
    // e.g. the server's per-document diagnostics, which check where related locations land each time).
    if (!unmoved) {
      const delta = doc.start - cached.start;
      for (const f of cached.findings) {
        f.documentIndex = doc.index;
        f.documentStart = doc.start;
        if (f.related) for (const r of f.related) if (r.file === file.uri && !placedElsewhere(relatedAt, r)) (r.start += delta), (r.end += delta);
      }
    }
    if (homes) {
      for (let i = 0; i < relatedAt.length; i++) {
        const r = relatedAt[i];
        const by = homes[i] - r.start;
        r.placed.start += by;
        r.placed.end += by;
        r.start += by;
      }
    }
    cached.start = doc.start;
    cached.index = doc.index;
    return cached.findings;
  }
}

/** Whether a related location is one placed in another document (a cross-document finding's), moved with that document instead. */
function placedElsewhere(relatedAt: Placed['relatedAt'], r: RelatedLocation): boolean {
  for (let i = 0; i < relatedAt.length; i++) if (relatedAt[i].placed === r) return true;
  return false;
}

/** A document's finding in its file: severity setting applied, related locations in the same document moved to file offsets. */
function place(f: Finding, file: FileState, doc: FileDocument, config: Config, withRelated = true): FileFinding {
  // Field by field, not a spread: placed findings then share one layout whatever rule made them (a spread of
  // findings of several layouts was a visible share of opening a findings-heavy file).
  const placed: FileFinding = { ruleId: f.ruleId, severity: severityOf(f, config) ?? f.severity, message: f.message, start: f.start, end: f.end, file: file.uri, documentIndex: doc.index, documentStart: doc.start };
  if (f.fixes) placed.fixes = f.fixes;
  if (f.tags) placed.tags = f.tags;
  clamp(placed, doc);
  if (!withRelated || !f.related) return placed;
  placed.related = f.related.some((r) => r.file === undefined)
    ? f.related.map((r) => (r.file === undefined ? { ...r, file: file.uri, start: doc.start + r.start, end: doc.start + r.end } : r))
    : f.related;
  return placed;
}

/** A range widened past an empty node at the end of the document (`key:` at EOF) stays inside it. */
function clamp(placed: FileFinding, doc: FileDocument): FileFinding {
  const length = doc.chunk.text.length;
  if (placed.end > length) placed.end = length;
  if (placed.start > placed.end) placed.start = placed.end;
  return placed;
}

function formatBytes(n: number): string {
  if (n >= 1024 * 1024) return `${(n / (1024 * 1024)).toFixed(1)} MB`;
  if (n >= 1024) return `${(n / 1024).toFixed(1)} KB`;
  return `${n} bytes`;
}

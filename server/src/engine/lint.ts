/**
 * The linter: files split into documents, each document parsed and checked once per text
 * (cached), cross-document rules run over the lint set. No I/O: callers hand in text.
 */
import type { Node, Pair } from 'yaml';
import type { Config } from './config';
import { defaultConfig } from './config';
import type { FileFinding, Finding, Fix, RelatedLocation } from './types';
import { detached, PatchedText, resplit, splitDocuments, type TextChange } from './parse/split';
import { parseChunk, type ParsedChunk, type Resource } from './parse/document';
import { LintSetIndex, type Dependent } from './index-set';
import { rules as allRules } from './rules';
import type { Report, Rule, SetContext, Target } from './rules/rule';
import { keyRange, rangeOf } from './parse/values';

export interface FileDocument {
  index: number;
  start: number;
  chunk: ParsedChunk;
  /** The linter's cache of this document's placed findings (internal). */
  placed?: unknown;
}

export interface FileState {
  uri: string;
  text: string;
  version: number;
  documents: FileDocument[];
  /** Set when the file is over the size limit and was not parsed. */
  tooLarge?: number;
}

/** A document parsed (and possibly checked) before `update`, e.g. on a worker thread. */
export interface PreparedDocument {
  chunk: ParsedChunk;
  /** Its per-document rule findings (before severity settings and suppressions), and the config they are for. */
  findings?: { config: Config; list: Finding[] };
}

interface CachedFindings {
  config: Config;
  findings: Finding[];
}

/** Where a resource lives: a reverse map filled as files are parsed. */
interface Location {
  file: FileState;
  doc: FileDocument;
}

/** What the reverse map stores: the file by name (its state changes with every edit) and the document. */
interface DocumentHome {
  uri: string;
  doc: FileDocument;
}

/** A cross-document finding as reported: offsets relative to its resource's document; related ones by resource. */
interface SetFinding {
  resource: Resource;
  finding: Finding;
  related: { resource: Resource; start: number; end: number; message: string }[];
}

/** One cross-document rule's check of one resource: its findings, and (via `deps`) what makes it run again. */
interface CrossCheck extends Dependent {
  rule: Rule;
  order: number;
  subject: Resource;
  findings: SetFinding[];
}

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

function targetRange(at: Target): [number, number] {
  if (Array.isArray(at)) return at;
  const asPair = at as Pair;
  if (asPair && typeof asPair === 'object' && 'key' in asPair && 'value' in asPair && !('range' in asPair)) {
    return keyRange(asPair) ?? [0, 0];
  }
  return rangeOf(at as Node) ?? [0, 0];
}

const byPosition = (a: FileFinding, b: FileFinding) => a.start - b.start || a.ruleId.localeCompare(b.ruleId);

/**
 * Incrementality: `update` re-parses only the documents whose text changed (with a `TextChange` it also
 * re-splits only around the change). Per-document rule findings are cached per parsed document; the
 * cross-document rules run per resource, again only where a lookup they made changed (index-set.ts);
 * a document's placed findings are cached until its position, its findings or a related document move.
 */
/** Stamps for `ParsedChunk.crossStamp`, unique across linters (a chunk may be seen by more than one). */
let nextCrossStamp = 1;

export class Linter {
  private readonly files = new Map<string, FileState>();
  /** Files in the order they entered the set: the lint-set order of cross-document lookups. */
  private readonly fileRank = new Map<string, number>();
  private nextRank = 0;
  private readonly findingCache = new WeakMap<ParsedChunk, CachedFindings>();
  private readonly locations = new WeakMap<ParsedChunk, DocumentHome>();
  private index!: LintSetIndex;
  private readonly checks = new Map<Resource, CrossCheck[]>();

  /** Bumped when the config lookup changes: every placed cache is stale. */
  private configGeneration = 0;
  private readonly pendingAdded = new Set<ParsedChunk>();
  private readonly pendingRemoved = new Set<ParsedChunk>();
  readonly documentRules: Rule[];
  readonly crossDocumentRules: Rule[];

  constructor(
    private configFor: (uri: string) => Config = sameConfig(defaultConfig()),
    readonly rules: readonly Rule[] = allRules,
  ) {
    this.documentRules = rules.filter((r) => r.checkDocument);
    this.crossDocumentRules = rules.filter((r) => r.crossDocument);
    this.resetIndex();
  }

  private resetIndex(): void {
    this.index = new LintSetIndex(
      (r) => this.positionOf(r),
      (r) => this.locate(r)?.file.uri,
    );
    this.checks.clear();
    this.pendingRemoved.clear();
    for (const file of this.files.values()) for (const d of file.documents) this.pendingAdded.add(d.chunk);
    this.configGeneration++;
  }

  /** Replace the config lookup (config file or settings changed): everything is re-checked. */
  setConfigLookup(configFor: (uri: string) => Config): void {
    this.configFor = configFor;
    this.resetIndex();
  }

  has(uri: string): boolean {
    return this.files.has(uri);
  }

  get(uri: string): FileState | undefined {
    return this.files.get(uri);
  }

  uris(): string[] {
    return [...this.files.keys()];
  }

  /**
   * Add or update a file. Documents whose text did not change keep their parse and findings.
   * `change` (optional) says which part of the text is new since the previous update of this file
   * (`previousLength` guards against a hint about another text); without it the whole text is re-split.
   */
  update(uri: string, text: string, version = 0, change?: TextChange & { previousLength: number }, prepared?: Map<string, PreparedDocument>): FileState {
    const previous = this.files.get(uri);
    // With a change in hand the texts differ (comparing would read the whole new string).
    if (previous && (change === undefined || change.previousLength !== previous.text.length) && previous.text === text) {
      previous.version = version;
      return previous;
    }
    const limit = this.configFor(uri).maxFileSizeBytes;
    const state: FileState = { uri, text, version, documents: [] };
    if (!this.fileRank.has(uri)) this.fileRank.set(uri, this.nextRank++);
    if (text.length > limit) {
      state.tooLarge = limit;
    } else if (previous && !previous.tooLarge && previous.documents.length && change && change.previousLength === previous.text.length) {
      this.files.set(uri, state);
      state.documents = this.resplitDocuments(state, previous, change, prepared);
      return state;
    } else {
      const reuse = new Map<string, ParsedChunk>();
      for (const d of previous?.documents ?? []) reuse.set(d.chunk.text, d.chunk);
      const chunks = splitDocuments(text);
      state.documents = chunks.map((c, index) => {
        const chunk = reuse.get(c.text) ?? this.takePrepared(prepared, c.text) ?? parseChunk(previous ? detached(c.text) : c.text);
        reuse.delete(c.text); // a document repeated twice in a file gets its own parse
        return { index, start: c.start, chunk };
      });
    }
    const before = new Set(previous?.documents.map((d) => d.chunk));
    const kept = new Set<ParsedChunk>();
    for (const d of state.documents) {
      this.locations.set(d.chunk, { uri, doc: d });
      kept.add(d.chunk);
      if (!before.has(d.chunk)) this.chunkEntered(d.chunk);
    }
    for (const chunk of before) if (!kept.has(chunk)) this.chunkLeft(chunk);
    this.files.set(uri, state);
    if (!this.fileRank.has(uri)) this.fileRank.set(uri, this.nextRank++);
    return state;
  }

  /**
   * The keystroke path: re-split around the change, re-parse the documents it touched, and shift the
   * ones after it (their FileDocument objects are kept, with new offsets): O(log documents) lookups
   * plus O(documents after the change) integer updates, nothing proportional to the text.
   */
  private resplitDocuments(state: FileState, previous: FileState, change: TextChange, prepared?: Map<string, PreparedDocument>): FileDocument[] {
    const old = previous.documents;
    const oldStart = (k: number) => old[k].start;
    const oldText = (k: number) => old[k].chunk.text;
    const oldLength = previous.text.length;
    // With the inserted text known, read the new text through the old documents (never the whole string).
    const patched =
      change.inserted !== undefined && change.prefix + change.inserted.length + change.suffix === state.text.length && change.prefix + change.suffix <= oldLength
        ? new PatchedText(old.length, oldStart, oldText, oldLength, change.prefix, change.suffix, change.inserted)
        : undefined;
    const { head, middle, tail, delta } = resplit(patched ?? state.text, old.length, oldStart, oldText, oldLength, change);
    const documents = old.slice(0, head);
    const reused = new Set<number>();
    for (const c of middle) {
      const doc: FileDocument = { index: documents.length, start: c.start, chunk: c.reused !== undefined ? old[c.reused].chunk : (this.takePrepared(prepared, c.text) ?? parseChunk(c.text)) };
      if (c.reused !== undefined) reused.add(c.reused);
      else this.chunkEntered(doc.chunk);
      this.locations.set(doc.chunk, { uri: state.uri, doc });
      documents.push(doc);
    }
    for (let k = head; k < tail; k++) if (!reused.has(k)) this.chunkLeft(old[k].chunk);
    for (let k = tail; k < old.length; k++) {
      const doc = old[k];
      doc.start += delta;
      doc.index = documents.length;
      documents.push(doc);
    }
    return documents;
  }

  /** A prepared parse of this document text (used once), with its findings when they were computed. */
  private takePrepared(prepared: Map<string, PreparedDocument> | undefined, text: string): ParsedChunk | undefined {
    const p = prepared?.get(text);
    if (!p) return undefined;
    prepared!.delete(text);
    if (p.findings) this.findingCache.set(p.chunk, { config: p.findings.config, findings: p.findings.list });
    return p.chunk;
  }

  /** Parses one document and runs the per-document rules on it with `config`: the work a worker thread does. */
  prepareDocument(text: string, config: Config): PreparedDocument {
    const chunk = parseChunk(text);
    this.documentFindings(chunk, config);
    return { chunk, findings: { config, list: this.findingCache.get(chunk)!.findings } };
  }

  private chunkEntered(chunk: ParsedChunk): void {
    if (!this.pendingRemoved.delete(chunk)) this.pendingAdded.add(chunk);
  }

  private chunkLeft(chunk: ParsedChunk): void {
    if (!this.pendingAdded.delete(chunk)) this.pendingRemoved.add(chunk);
  }

  remove(uri: string): boolean {
    const file = this.files.get(uri);
    if (!file) return false;
    this.files.delete(uri);
    this.fileRank.delete(uri);
    for (const d of file.documents) this.chunkLeft(d.chunk);
    return true;
  }

  private locate(r: Resource): Location | undefined {
    return this.locateChunk(r.chunk);
  }

  private locateChunk(chunk: ParsedChunk): Location | undefined {
    const home = this.locations.get(chunk);
    if (!home) return undefined;
    // Trust the entry only while the file still holds that document there.
    const file = this.files.get(home.uri);
    return file && file.documents[home.doc.index] === home.doc ? { file, doc: home.doc } : undefined;
  }

  /** Lint-set order: file (as added), then position in the file, then order in the document; unknown last. */
  private positionOf(r: Resource): [number, number, number] {
    const loc = this.locate(r);
    if (!loc) return [Infinity, 0, 0];
    return [this.fileRank.get(loc.file.uri) ?? 0, loc.doc.start, r.chunk.resources.indexOf(r)];
  }

  /**
   * All findings for one file: its documents' findings plus the cross-document findings about it.
   * The objects are reused while their document is unchanged (an edit above it moves their offsets in place).
   */
  lintFile(uri: string): FileFinding[] {
    const file = this.files.get(uri);
    if (!file) return [];
    const config = this.configFor(uri);
    const out: FileFinding[] = [];
    if (file.tooLarge !== undefined) {
      out.push({
        ruleId: 'yaml-syntax',
        severity: 'warning',
        message: `File not linted: it is ${formatBytes(file.text.length)}, above the ${formatBytes(file.tooLarge)} limit (setting maxFileSizeBytes).`,
        start: 0,
        end: Math.min(file.text.length, 1),
        file: uri,
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
      if (this.severityOf(f, config)) out.push(this.place(f, file, template, config));
      return out;
    }
    this.refreshCrossDocument();
    for (const doc of file.documents) {
      const placed = this.placedFindings(file, doc, config);
      for (let i = 0; i < placed.length; i++) out.push(placed[i]);
    }
    return out;
  }

  private severityOf(f: Finding, config: Config): Finding['severity'] | undefined {
    const setting = config.rules[f.ruleId];
    if (setting === 'off') return undefined;
    return setting ?? f.severity;
  }

  private place(f: Finding, file: FileState, doc: FileDocument, config: Config): FileFinding {
    const placed: FileFinding = { ...f, severity: this.severityOf(f, config) ?? f.severity, file: file.uri, documentIndex: doc.index, documentStart: doc.start };
    // A range widened past an empty node at the end of the document (`key:` at EOF) stays inside it.
    const length = doc.chunk.text.length;
    if (placed.end > length) placed.end = length;
    if (placed.start > placed.end) placed.start = placed.end;
    if (f.related?.some((r) => r.file === undefined)) {
      placed.related = f.related.map((r) => (r.file === undefined ? { ...r, file: file.uri, start: doc.start + r.start, end: doc.start + r.end } : r));
    }
    return placed;
  }

  /** One document's findings (its own rules' and the cross-document ones), placed and sorted; cached. */
  private placedFindings(file: FileState, doc: FileDocument, config: Config): FileFinding[] {
    const chunk = doc.chunk;
    const setStamp = chunk.crossStamp ?? 0;
    const cached = doc.placed as Placed | undefined;
    if (
      cached &&
      cached.chunk === chunk &&
      cached.generation === this.configGeneration &&
      cached.uri === file.uri &&
      cached.config === config &&
      cached.setStamp === setStamp
    ) {
      const unmoved = cached.start === doc.start && cached.index === doc.index;
      if (unmoved && cached.relatedAt.length === 0) return cached.findings; // the common case: nothing to look up
      // The documents related locations point into: still in the same files (else place again).
      const homes = cached.relatedAt.map((r) => this.locateChunk(r.chunk));
      if (homes.every((loc, i) => loc !== undefined && loc.file.uri === cached.relatedAt[i].uri)) {
        if (unmoved && homes.every((loc, i) => loc!.doc.start === cached.relatedAt[i].start)) return cached.findings;
        // This document or those it points into moved (an edit above them): the same findings with
        // new offsets, updated in place (these objects belong to this cache; callers keep identity,
        // e.g. the server's conversion cache, which never caches a finding with related locations).
        const delta = doc.start - cached.start;
        const elsewhere = new Set(cached.relatedAt.map((r) => r.placed));
        for (const f of cached.findings) {
          f.documentIndex = doc.index;
          f.documentStart = doc.start;
          if (f.related) for (const r of f.related) if (!elsewhere.has(r) && r.file === file.uri) (r.start += delta), (r.end += delta);
        }
        cached.relatedAt.forEach((r, i) => {
          const by = homes[i]!.doc.start - r.start;
          r.placed.start += by;
          r.placed.end += by;
          r.start += by;
        });
        cached.start = doc.start;
        cached.index = doc.index;
        return cached.findings;
      }
    }
    const out: FileFinding[] = [];
    for (const f of this.documentFindings(chunk, config)) {
      if (chunk.suppressions.isSuppressed(f.ruleId, f.start)) continue;
      out.push(this.place(f, file, doc, config));
    }
    const relatedAt: Placed['relatedAt'] = [];
    const placeSet = (sf: SetFinding) => {
      const f = sf.finding;
      if (!this.severityOf(f, config) || chunk.suppressions.isSuppressed(f.ruleId, f.start)) return;
      const placed = this.place(f, file, doc, config);
      if (sf.related.length) {
        const related: RelatedLocation[] = [];
        for (const r of sf.related) {
          const loc = this.locate(r.resource);
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
    for (const r of chunk.resources) for (const c of this.checks.get(r) ?? []) checks.push(c);
    // Rule order first, then resource order: the order the rules ran in over the whole set.
    checks.sort((a, b) => a.order - b.order || chunk.resources.indexOf(a.subject) - chunk.resources.indexOf(b.subject));
    for (const c of checks) for (const sf of c.findings) if (sf.resource.chunk === chunk) placeSet(sf);
    out.sort(byPosition);
    doc.placed = { chunk, generation: this.configGeneration, uri: file.uri, start: doc.start, index: doc.index, config, setStamp, relatedAt, findings: out } satisfies Placed;
    return out;
  }

  /** Findings of the per-document rules, cached by document text and config. */
  private documentFindings(chunk: ParsedChunk, config: Config): Finding[] {
    const cached = this.findingCache.get(chunk);
    if (cached && cached.config === config) return cached.findings.filter((f) => this.severityOf(f, config));
    const findings: Finding[] = [...chunk.syntax];
    if (!chunk.failed && chunk.resources.length > 0) {
      for (const rule of this.documentRules) {
        if (config.rules[rule.id] === 'off') continue;
        try {
          rule.checkDocument!({
            resources: chunk.resources,
            text: chunk.text,
            settings: config,
            // Same-document related locations keep document-relative offsets until placed in a file.
            report: (r) => findings.push(toFinding(rule, r, (res, at, message) => (res.chunk === chunk ? { start: targetRange(at)[0], end: targetRange(at)[1], message } : undefined))),
          });
        } catch (err) {
          findings.push(internalError(rule, err, chunk.resources[0]?.anchor));
        }
      }
    }
    this.findingCache.set(chunk, { config, findings });
    return findings.filter((f) => this.severityOf(f, config));
  }

  private defaultConfig(): Config {
    return this.files.size ? this.configFor(this.files.keys().next().value as string) : defaultConfig();
  }

  private setContext(defaults: Config, report: (r: Report) => void): SetContext<Config> {
    return {
      index: this.index,
      settingsOf: (r: Resource) => {
        const loc = this.locate(r);
        return loc ? this.configFor(loc.file.uri) : defaults;
      },
      report,
    };
  }

  /** A rule's report as a cross-document finding (undefined when its resource is not in the set). */
  private setFinding(rule: Rule, r: Report): SetFinding | undefined {
    if (!this.locate(r.resource)) return undefined;
    const related: SetFinding['related'] = [];
    const finding = toFinding(rule, { ...r, related: undefined }, () => undefined);
    for (const x of r.related ?? []) {
      const [start, end] = targetRange(x.at);
      related.push({ resource: x.resource, start, end, message: x.message });
    }
    return { resource: r.resource, finding, related };
  }

  /**
   * Brings the cross-document findings up to date: resources of documents that left or entered the set
   * update the index, and only the checks of new resources and those whose lookups changed run.
   */
  private refreshCrossDocument(): void {
    if (this.pendingAdded.size || this.pendingRemoved.size) {
      const stale = new Set<ParsedChunk>();
      for (const chunk of this.pendingRemoved) {
        for (const r of chunk.resources) {
          this.index.remove(r);
          for (const c of this.checks.get(r) ?? []) this.index.forget(c);
          this.checks.delete(r);
        }
      }
      const added: Resource[] = [];
      for (const chunk of this.pendingAdded) {
        if (chunk.template) continue;
        for (const r of chunk.resources) {
          this.index.add(r);
          added.push(r);
        }
      }
      this.pendingAdded.clear();
      this.pendingRemoved.clear();
      const queue = this.index.takeTouched() as Set<CrossCheck>;
      for (const r of added) {
        const list: CrossCheck[] = [];
        this.crossDocumentRules.forEach((rule) => {
          if (!rule.crossDocument!.subjects(r)) return;
          const c: CrossCheck = { rule, order: this.rules.indexOf(rule), subject: r, findings: [], deps: [] };
          list.push(c);
          queue.add(c);
        });
        if (list.length) this.checks.set(r, list);
      }
      const defaults = this.defaultConfig();
      for (const c of queue) {
        if (!this.index.has(c.subject)) continue;
        c.findings = [];
        const ctx = this.setContext(defaults, (r) => {
          const sf = this.setFinding(c.rule, r);
          if (sf) c.findings.push(sf);
        });
        try {
          this.index.record(c, () => c.rule.crossDocument!.check(ctx, c.subject));
        } catch (err) {
          // A crashing check must not take the others down, nor pass unnoticed: its subject gets an internal-error finding.
          c.findings = [{ resource: c.subject, finding: internalError(c.rule, err, c.subject.anchor), related: [] }];
        }
        stale.add(c.subject.chunk);
      }
      for (const chunk of stale) chunk.crossStamp = nextCrossStamp++;
    }
  }

  /** Lint every file in the set. */
  lintAll(): Map<string, FileFinding[]> {
    const out = new Map<string, FileFinding[]>();
    for (const uri of this.files.keys()) out.set(uri, this.lintFile(uri));
    return out;
  }
}

function toFinding(
  rule: Rule,
  r: Report,
  relate: (res: Resource, at: Target, message: string) => RelatedLocation | undefined,
): Finding {
  const [start, end] = targetRange(r.at);
  const f: Finding = { ruleId: rule.id, severity: r.severity ?? rule.defaultSeverity, message: r.message, start, end };
  if (r.fixes?.length) f.fixes = r.fixes;
  if (r.tags?.length) f.tags = r.tags;
  if (r.related?.length) {
    const related = r.related.map((x) => relate(x.resource, x.at, x.message)).filter((x): x is RelatedLocation => !!x);
    if (related.length) f.related = related;
  }
  return f;
}

function internalError(rule: Rule, err: unknown, at: [number, number] | undefined): Finding {
  const [start, end] = at ?? [0, 0];
  return {
    ruleId: rule.id,
    severity: 'error',
    message: `Internal error in rule ${rule.id}: ${String((err as Error)?.message ?? err)}. Please report it.`,
    start,
    end,
  };
}

/** One config object for every file: cached results are keyed by the config object. */
function sameConfig(config: Config): (uri: string) => Config {
  return () => config;
}

function formatBytes(n: number): string {
  if (n >= 1024 * 1024) return `${(n / (1024 * 1024)).toFixed(1)} MB`;
  if (n >= 1024) return `${(n / 1024).toFixed(1)} KB`;
  return `${n} bytes`;
}

export type { Fix };

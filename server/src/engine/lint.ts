/**
 * The linter: files split into documents, each document parsed and checked once per text
 * (cached), cross-document rules run over the lint set. No I/O: callers hand in text.
 */
import type { Node, Pair } from 'yaml';
import type { Config } from './config';
import { defaultConfig } from './config';
import type { FileFinding, Finding, Fix, RelatedLocation } from './types';
import { splitDocuments } from './parse/split';
import { parseChunk, type ParsedChunk, type Resource } from './parse/document';
import { LintSetIndex } from './index-set';
import { rules as allRules } from './rules';
import type { Report, Rule, Target } from './rules/rule';
import { keyRange, rangeOf } from './parse/values';

export interface FileDocument {
  index: number;
  start: number;
  chunk: ParsedChunk;
}

export interface FileState {
  uri: string;
  text: string;
  version: number;
  documents: FileDocument[];
  /** Set when the file is over the size limit and was not parsed. */
  tooLarge?: number;
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

function targetRange(at: Target): [number, number] {
  if (Array.isArray(at)) return at;
  const asPair = at as Pair;
  if (asPair && typeof asPair === 'object' && 'key' in asPair && 'value' in asPair && !('range' in asPair)) {
    return keyRange(asPair) ?? [0, 0];
  }
  return rangeOf(at as Node) ?? [0, 0];
}

export class Linter {
  private readonly files = new Map<string, FileState>();
  private readonly findingCache = new WeakMap<ParsedChunk, CachedFindings>();
  private readonly locations = new WeakMap<ParsedChunk, Location>();
  private setFindings: Map<string, FileFinding[]> | undefined;
  private setConfigKey: unknown;
  readonly documentRules: Rule[];
  readonly setRules: Rule[];

  constructor(
    private configFor: (uri: string) => Config = () => defaultConfig(),
    readonly rules: readonly Rule[] = allRules,
  ) {
    this.documentRules = rules.filter((r) => r.checkDocument);
    this.setRules = rules.filter((r) => r.checkSet);
  }

  /** Replace the config lookup (config file or settings changed): everything is re-checked. */
  setConfigLookup(configFor: (uri: string) => Config): void {
    this.configFor = configFor;
    this.setFindings = undefined;
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

  /** Add or update a file. Documents whose text did not change keep their parse and findings. */
  update(uri: string, text: string, version = 0): FileState {
    const previous = this.files.get(uri);
    if (previous && previous.text === text) {
      previous.version = version;
      return previous;
    }
    const limit = this.configFor(uri).maxFileSizeBytes;
    const state: FileState = { uri, text, version, documents: [] };
    if (text.length > limit) {
      state.tooLarge = limit;
    } else {
      const reuse = new Map<string, ParsedChunk>();
      for (const d of previous?.documents ?? []) reuse.set(d.chunk.text, d.chunk);
      const chunks = splitDocuments(text);
      state.documents = chunks.map((c, index) => {
        const chunk = reuse.get(c.text) ?? parseChunk(c.text);
        reuse.delete(c.text); // a document repeated twice in a file gets its own parse
        return { index, start: c.start, chunk };
      });
    }
    for (const d of state.documents) this.locations.set(d.chunk, { file: state, doc: d });
    this.files.set(uri, state);
    this.setFindings = undefined;
    return state;
  }

  remove(uri: string): boolean {
    const had = this.files.delete(uri);
    if (had) this.setFindings = undefined;
    return had;
  }

  private locate(r: Resource): Location | undefined {
    const loc = this.locations.get(r.chunk);
    // A chunk object can be shared by two files with identical documents; trust it only if still current.
    if (loc && this.files.get(loc.file.uri) === loc.file && loc.file.documents[loc.doc.index] === loc.doc) return loc;
    return undefined;
  }

  /** All findings for one file: its documents' findings plus the cross-document findings about it. */
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
    for (const doc of file.documents) {
      for (const f of this.documentFindings(doc.chunk, config)) {
        if (doc.chunk.suppressions.isSuppressed(f.ruleId, f.start)) continue;
        out.push(this.place(f, file, doc, config));
      }
    }
    out.push(...(this.crossDocumentFindings().get(uri) ?? []));
    out.sort((a, b) => a.documentStart + a.start - (b.documentStart + b.start) || a.ruleId.localeCompare(b.ruleId));
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
            config,
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

  /** Cross-document findings for the whole lint set, grouped by file; recomputed after any change. */
  private crossDocumentFindings(): Map<string, FileFinding[]> {
    if (this.setFindings) return this.setFindings;
    const byFile = new Map<string, FileFinding[]>();
    const resources: Resource[] = [];
    for (const file of this.files.values()) for (const d of file.documents) if (!d.chunk.template) resources.push(...d.chunk.resources);
    const index = new LintSetIndex(resources, (r) => this.locate(r)?.file.uri);
    const defaults = this.files.size ? this.configFor(this.files.keys().next().value as string) : defaultConfig();
    for (const rule of this.setRules) {
      try {
        rule.checkSet!({
          index,
          config: defaults,
          configOf: (r: Resource) => {
            const loc = this.locate(r);
            return loc ? this.configFor(loc.file.uri) : defaults;
          },
          report: (r: Report) => {
            const loc = this.locate(r.resource);
            if (!loc) return;
            const config = this.configFor(loc.file.uri);
            const f = toFinding(rule, r, (res, at, message) => {
              const l = this.locate(res);
              if (!l) return undefined;
              const [s, e] = targetRange(at);
              return { file: l.file.uri, start: l.doc.start + s, end: l.doc.start + e, message };
            });
            if (!this.severityOf(f, config)) return;
            if (loc.doc.chunk.suppressions.isSuppressed(f.ruleId, f.start)) return;
            const list = byFile.get(loc.file.uri) ?? [];
            list.push(this.place(f, loc.file, loc.doc, config));
            byFile.set(loc.file.uri, list);
          },
        } as Parameters<NonNullable<Rule['checkSet']>>[0]);
      } catch (err) {
        // A crashing cross-document rule must not take the others down, nor pass unnoticed: each file
        // it should have checked gets an internal-error finding at its first resource.
        for (const file of this.files.values()) {
          const doc = file.documents.find((d) => d.chunk.resources.length > 0 && !d.chunk.template);
          const config = this.configFor(file.uri);
          if (!doc || config.rules[rule.id] === 'off') continue;
          const list = byFile.get(file.uri) ?? [];
          list.push(this.place(internalError(rule, err, doc.chunk.resources[0].anchor), file, doc, config));
          byFile.set(file.uri, list);
        }
      }
    }
    this.setFindings = byFile;
    return byFile;
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

function formatBytes(n: number): string {
  if (n >= 1024 * 1024) return `${(n / (1024 * 1024)).toFixed(1)} MB`;
  if (n >= 1024) return `${(n / 1024).toFixed(1)} KB`;
  return `${n} bytes`;
}

export type { Fix };

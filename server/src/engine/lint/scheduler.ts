/**
 * The cross-document scheduler: keeps the resource index current as documents enter and leave the set,
 * and runs each cross-document rule's check per subject resource — again only when the subject's
 * document changed or a lookup it made answers differently (dependencies.ts). A check runs when its
 * subject's findings are asked for, not when it goes stale: a language server holding a workspace of
 * 10,000 files asks for the open files' findings only, and a change that touches every autoscaler of
 * the set (a workload name added) must not re-check the 10,000 files' autoscalers at each keystroke.
 */
import { defaultConfig, type Config } from '../config';
import type { Finding } from '../types';
import type { ParsedChunk, Resource } from '../parse/document';
import type { Report, Rule } from '../rules/rule';
import { LintSetIndex } from '../lint-set/resource-index';
import type { Dependent } from '../lint-set/dependencies';
import type { FileStore } from './store';
import { internalError, targetRange, toFinding } from './findings';

/** A cross-document finding as reported: offsets relative to its resource's document; related ones by resource. */
export interface SetFinding {
  resource: Resource;
  finding: Finding;
  related: { resource: Resource; start: number; end: number; message: string }[];
}

/** One cross-document rule's check of one resource: its findings, and (via `deps`) what makes it run again. */
export interface CrossCheck extends Dependent {
  rule: Rule;
  order: number;
  subject: Resource;
  findings: SetFinding[];
  /** Its findings may be out of date: it waits in `pending` for its subject's findings to be asked for. */
  stale?: boolean;
}

/** Stamps for `ParsedChunk.crossStamp`, unique across linters (a chunk may be seen by more than one). */
let nextCrossStamp = 1;

export class CrossDocumentScheduler {
  private index!: LintSetIndex;
  private readonly checks = new Map<Resource, CrossCheck[]>();
  /** Stale checks by their subject's document, run by `settle` before that document's findings are read. */
  private readonly pending = new Map<ParsedChunk, CrossCheck[]>();
  private readonly crossRules: Rule[];

  constructor(
    private readonly store: FileStore,
    private readonly rules: readonly Rule[],
    private readonly configFor: (uri: string) => Config,
    /** Whether findings keep their related locations (Linter's `related` option). */
    private readonly withRelated = true,
  ) {
    this.crossRules = rules.filter((r) => r.crossDocument);
    this.reset();
  }

  /** Start over (the config lookup changed): a fresh index, and every document checked again. */
  reset(): void {
    this.index = new LintSetIndex(
      (r) => this.store.positionOf(r),
      (r) => this.store.locate(r)?.file.uri,
    );
    this.checks.clear();
    this.pending.clear();
    this.store.reenterAll();
  }

  /** The cross-document checks whose subject is `r`, in rule order. */
  checksOf(r: Resource): readonly CrossCheck[] {
    return this.checks.get(r) ?? [];
  }

  /**
   * Brings the index up to date: resources of documents that left or entered the set update the index;
   * the checks of new resources and those whose lookups changed become stale (`settle` runs them).
   */
  refresh(): void {
    if (!this.store.changed) return;
    const { added: entered, removed } = this.store.takeChanges();
    for (const chunk of removed) {
      this.pending.delete(chunk);
      for (const r of chunk.resources) {
        this.index.remove(r);
        for (const c of this.checks.get(r) ?? []) this.index.forget(c);
        this.checks.delete(r);
      }
    }
    const added: Resource[] = [];
    for (const chunk of entered) {
      if (chunk.template) continue;
      for (const r of chunk.resources) {
        this.index.add(r);
        added.push(r);
      }
    }
    for (const c of this.index.takeTouched() as Set<CrossCheck>) this.markStale(c);
    for (const r of added) {
      const list: CrossCheck[] = [];
      for (const rule of this.crossRules) {
        if (!rule.crossDocument!.subjects(r)) continue;
        const c: CrossCheck = { rule, order: this.rules.indexOf(rule), subject: r, findings: [], deps: [] };
        list.push(c);
        this.markStale(c);
      }
      if (list.length) this.checks.set(r, list);
    }
  }

  /**
   * Runs the stale checks whose subjects are in these documents (after `refresh`), so their findings are
   * those of the set as it is now: the same as if every check had run at every change.
   */
  settle(chunks: Iterable<ParsedChunk>): void {
    this.refresh();
    for (const chunk of chunks) {
      const stale = this.pending.get(chunk);
      if (!stale) continue;
      this.pending.delete(chunk);
      for (const c of stale) {
        c.stale = false;
        if (this.index.has(c.subject)) this.run(c);
      }
      chunk.crossStamp = nextCrossStamp++;
    }
  }

  /**
   * A check's lookups answer differently, or it is new. Its recorded lookups are dropped now (it records
   * them again when it runs): a stale check is not touched again, however often what it read changes.
   */
  private markStale(c: CrossCheck): void {
    if (c.stale) return;
    c.stale = true;
    this.index.forget(c);
    const chunk = c.subject.chunk;
    const list = this.pending.get(chunk);
    if (list) list.push(c);
    else this.pending.set(chunk, [c]);
  }

  private run(c: CrossCheck): void {
    c.findings = [];
    const ctx = {
      index: this.index,
      settingsOf: (r: Resource) => {
        const loc = this.store.locate(r);
        return loc ? this.configFor(loc.file.uri) : this.firstConfig();
      },
      report: (r: Report) => {
        const sf = this.setFinding(c.rule, r);
        if (sf) c.findings.push(sf);
      },
    };
    try {
      this.index.record(c, () => c.rule.crossDocument!.check(ctx, c.subject));
    } catch (err) {
      // A crashing check must not take the others down, nor pass unnoticed: its subject gets an internal-error finding.
      c.findings = [{ resource: c.subject, finding: internalError(c.rule, err, c.subject.anchor), related: [] }];
    }
  }

  /** The config of the first file (for a resource no longer in the set). */
  private firstConfig(): Config {
    return this.store.size ? this.configFor(this.store.uris()[0]) : defaultConfig();
  }

  /** A rule's report as a cross-document finding (undefined when its resource is not in the set). */
  private setFinding(rule: Rule, r: Report): SetFinding | undefined {
    if (!this.store.locate(r.resource)) return undefined;
    const related: SetFinding['related'] = [];
    const finding = toFinding(rule, { ...r, related: undefined }, () => undefined);
    for (const x of this.withRelated ? (r.related ?? []) : []) {
      const [start, end] = targetRange(x.at);
      related.push({ resource: x.resource, start, end, message: x.message });
    }
    return { resource: r.resource, finding, related };
  }
}

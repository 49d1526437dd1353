/**
 * The cross-document scheduler: keeps the resource index current as documents enter and leave the set,
 * and runs each cross-document rule's check per subject resource — again only when the subject's
 * document changed or a lookup it made answers differently (dependencies.ts).
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
}

/** Stamps for `ParsedChunk.crossStamp`, unique across linters (a chunk may be seen by more than one). */
let nextCrossStamp = 1;

export class CrossDocumentScheduler {
  private index!: LintSetIndex;
  private readonly checks = new Map<Resource, CrossCheck[]>();
  private readonly crossRules: Rule[];

  constructor(
    private readonly store: FileStore,
    private readonly rules: readonly Rule[],
    private readonly configFor: (uri: string) => Config,
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
    this.store.reenterAll();
  }

  /** The cross-document checks whose subject is `r`, in rule order. */
  checksOf(r: Resource): readonly CrossCheck[] {
    return this.checks.get(r) ?? [];
  }

  /**
   * Brings the cross-document findings up to date: resources of documents that left or entered the set
   * update the index, and only the checks of new resources and those whose lookups changed run.
   */
  refresh(): void {
    if (!this.store.changed) return;
    const { added: entered, removed } = this.store.takeChanges();
    const stale = new Set<ParsedChunk>();
    for (const chunk of removed) {
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
    const queue = this.index.takeTouched() as Set<CrossCheck>;
    for (const r of added) {
      const list: CrossCheck[] = [];
      for (const rule of this.crossRules) {
        if (!rule.crossDocument!.subjects(r)) continue;
        const c: CrossCheck = { rule, order: this.rules.indexOf(rule), subject: r, findings: [], deps: [] };
        list.push(c);
        queue.add(c);
      }
      if (list.length) this.checks.set(r, list);
    }
    for (const c of queue) {
      if (!this.index.has(c.subject)) continue;
      this.run(c);
      stale.add(c.subject.chunk);
    }
    for (const chunk of stale) chunk.crossStamp = nextCrossStamp++;
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
    for (const x of r.related ?? []) {
      const [start, end] = targetRange(x.at);
      related.push({ resource: x.resource, start, end, message: x.message });
    }
    return { resource: r.resource, finding, related };
  }
}

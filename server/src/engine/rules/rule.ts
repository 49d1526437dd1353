/** The shape every rule has: data for docs and config, plus one check function. */
import type { Node, Pair } from 'yaml';
import type { Config } from '../config';
import type { Fix, Severity } from '../types';
import type { Resource } from '../parse/document';
import type { LintSetIndex } from '../index-set';

export interface RuleDocs {
  /** What it applies to, for the docs table. */
  appliesTo: string;
  /** One line: what it finds. */
  summary: string;
  /** One paragraph: why it matters, with the workflow's reasoning. */
  rationale: string;
  /** What to do about it. */
  remediation: string;
  /** Config settings the rule reads (names in `.scalelint.yaml`). */
  settings?: string[];
  /** Small YAML examples for the docs page. */
  bad?: string;
  good?: string;
}

/** Where a finding points: a node, a pair (its key), or an explicit [start, end) range in the document. */
export type Target = Node | Pair | [number, number];

export interface Report {
  resource: Resource;
  at: Target;
  message: string;
  /** Overrides the rule's default severity for this finding (e.g. `replica-bounds` max = min is a warning). */
  severity?: Severity;
  fixes?: Fix[];
  tags?: ('deprecated' | 'unnecessary')[];
  related?: { resource: Resource; at: Target; message: string }[];
}

export interface DocumentContext {
  /** Resources recognised in this YAML document. */
  resources: readonly Resource[];
  /** The document's text; fix offsets are relative to it. */
  text: string;
  config: Config;
  report(r: Report): void;
}

export interface SetContext {
  index: LintSetIndex;
  /** The config of the first file; use `configOf` for a resource's own file. */
  config: Config;
  configOf(r: Resource): Config;
  report(r: Report): void;
}

export interface Rule {
  id: string;
  defaultSeverity: Severity;
  docs: RuleDocs;
  fixable: boolean;
  /** Looks at one YAML document at a time (cached by document text). */
  checkDocument?(ctx: DocumentContext): void;
  /**
   * Looks across the lint set at one resource at a time (incremental): `check` runs for every resource
   * `subjects` accepts, and runs again only when that resource's document changed or a lookup it made on
   * `ctx.index` returns something new. Report on `subject` itself.
   */
  crossDocument?: {
    subjects(r: Resource): boolean;
    check(ctx: SetContext, subject: Resource): void;
  };
  /** Looks across the whole lint set at once (re-run after any change: prefer `crossDocument`). */
  checkSet?(ctx: SetContext): void;
}

export function defineRule(rule: Rule): Rule {
  return rule;
}

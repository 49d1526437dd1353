/** The shape every rule has: data for docs and config, its own settings, and its check functions. */
import type { Node, Pair } from 'yaml';
import type { Fix, Severity } from '../types';
import type { Resource } from '../parse/document';
import type { LintSetIndex } from '../lint-set/resource-index';
import type { Settings, SettingValues } from '../settings';

export interface RuleDocs {
  /** What it applies to, for the docs table. */
  appliesTo: string;
  /** One line: what it finds. */
  summary: string;
  /** One paragraph: why it matters, with the workflow's reasoning. */
  rationale: string;
  /** What to do about it. */
  remediation: string;
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

export interface DocumentContext<V = Record<string, unknown>> {
  /** Resources recognised in this YAML document. */
  resources: readonly Resource[];
  /** The document's text; fix offsets are relative to it. */
  text: string;
  /** The values of the rule's own settings for this document's file. */
  settings: V;
  report(r: Report): void;
}

export interface SetContext<V = Record<string, unknown>> {
  index: LintSetIndex;
  /** The values of the rule's own settings for the file `r` is in. */
  settingsOf(r: Resource): V;
  report(r: Report): void;
}

export interface Rule<S extends Settings = Settings> {
  /** The rule's id: its file name in rules/, its key under `rules:` in `.scalelint.yaml`. */
  id: string;
  defaultSeverity: Severity;
  docs: RuleDocs;
  fixable: boolean;
  /** The settings the rule reads, with their schema and defaults (the config file's keys besides `rules`). */
  settings?: S;
  /** Looks at one YAML document at a time (cached by document text). */
  checkDocument?(ctx: DocumentContext<SettingValues<S>>): void;
  /**
   * Looks across the lint set at one resource at a time (incremental): `check` runs for every resource
   * `subjects` accepts, and runs again only when that resource's document changed or a lookup it made on
   * `ctx.index` returns something new. Report on `subject` itself.
   */
  crossDocument?: {
    subjects(r: Resource): boolean;
    check(ctx: SetContext<SettingValues<S>>, subject: Resource): void;
  };
}

export function defineRule<S extends Settings = {}>(rule: Rule<S>): Rule<S> {
  return rule;
}

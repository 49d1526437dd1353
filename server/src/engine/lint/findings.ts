/** A rule's report as a finding: its target resolved to offsets in the document. */
import type { Node, Pair } from 'yaml';
import type { Finding, RelatedLocation } from '../types';
import type { Resource } from '../parse/document';
import type { Report, Rule, Target } from '../rules/rule';
import { keyRange, rangeOf } from '../parse/values';

/** The [start, end) a report points at: a Pair's key, a node's range, or the range given. */
export function targetRange(at: Target): [number, number] {
  if (Array.isArray(at)) return at;
  const asPair = at as Pair;
  if (asPair && typeof asPair === 'object' && 'key' in asPair && 'value' in asPair && !('range' in asPair)) {
    return keyRange(asPair) ?? [0, 0];
  }
  return rangeOf(at as Node) ?? [0, 0];
}

export function toFinding(rule: Rule, r: Report, relate: (res: Resource, at: Target, message: string) => RelatedLocation | undefined): Finding {
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

/** What a rule that threw leaves behind: one error at `at`, so a crash never passes as "no findings". */
export function internalError(rule: Rule, err: unknown, at: [number, number] | undefined): Finding {
  const [start, end] = at ?? [0, 0];
  return {
    ruleId: rule.id,
    severity: 'error',
    message: `Internal error in rule ${rule.id}: ${String((err as Error)?.message ?? err)}. Please report it.`,
    start,
    end,
  };
}

/**
 * In-file suppression comments (SPEC §3), scoped to one YAML document:
 *   # scalelint-disable-next-line id[, id]   the next line
 *   # scalelint-disable id[, id]             from here to `# scalelint-enable` or the document's end
 *   # scalelint-enable [id, …]
 * With no ids, the comment covers every rule.
 */
import { LineIndex } from './text';

interface Span {
  ids: Set<string> | 'all';
  fromLine: number;
  toLine: number; // inclusive
}

export interface Suppressions {
  isSuppressed(ruleId: string, offset: number): boolean;
  readonly count: number;
}

const DIRECTIVE = /#\s*scalelint-(disable-next-line|disable|enable)\b([^\n\r]*)/g;

function parseIds(rest: string): Set<string> | 'all' {
  // Allow a trailing explanation after " -- ", as ESLint does.
  const list = rest.split(/\s--\s/)[0];
  const ids = list.split(/[,\s]+/).map((s) => s.trim()).filter(Boolean);
  return ids.length === 0 ? 'all' : new Set(ids);
}

const NONE: Suppressions = { isSuppressed: () => false, count: 0 };

export function scanSuppressions(text: string): Suppressions {
  if (!text.includes('scalelint-')) return NONE;
  const lines = new LineIndex(text);
  const spans: Span[] = [];
  const open: { ids: Set<string> | 'all'; fromLine: number }[] = [];
  DIRECTIVE.lastIndex = 0;
  for (let m = DIRECTIVE.exec(text); m; m = DIRECTIVE.exec(text)) {
    const line = lines.position(m.index).line;
    const ids = parseIds(m[2]);
    if (m[1] === 'disable-next-line') {
      spans.push({ ids, fromLine: line + 1, toLine: line + 1 });
    } else if (m[1] === 'disable') {
      open.push({ ids, fromLine: line });
    } else {
      // enable: close the matching open ranges (all of them when no ids are named)
      for (let i = open.length - 1; i >= 0; i--) {
        const o = open[i];
        const closes = ids === 'all' || o.ids === 'all' || [...ids].some((id) => (o.ids as Set<string>).has(id));
        if (!closes) continue;
        if (ids !== 'all' && o.ids !== 'all') {
          const remaining = new Set([...o.ids].filter((id) => !ids.has(id)));
          spans.push({ ids: new Set([...o.ids].filter((id) => ids.has(id))), fromLine: o.fromLine, toLine: line });
          if (remaining.size > 0) open[i] = { ids: remaining, fromLine: o.fromLine };
          else open.splice(i, 1);
        } else {
          spans.push({ ids: o.ids, fromLine: o.fromLine, toLine: line });
          open.splice(i, 1);
        }
      }
    }
  }
  for (const o of open) spans.push({ ids: o.ids, fromLine: o.fromLine, toLine: Number.MAX_SAFE_INTEGER });
  if (spans.length === 0) return NONE;
  return {
    count: spans.length,
    isSuppressed(ruleId: string, offset: number): boolean {
      const line = lines.position(offset).line;
      return spans.some((s) => line >= s.fromLine && line <= s.toLine && (s.ids === 'all' || s.ids.has(ruleId)));
    },
  };
}

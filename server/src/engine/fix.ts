/**
 * Text edits computed from the CST's offsets, so comments and formatting elsewhere survive.
 * One engine for quick fixes, fix-all on save and `scalelint --fix`.
 */
import { Lexer, isMap, isSeq, isScalar, type Node, type Pair, type YAMLMap } from 'yaml';
import type { TextEdit } from './types';
import { getPair, mapPairs, rangeOf } from './parse/values';

export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  const sorted = [...edits].sort((a, b) => a.start - b.start || a.end - b.end);
  let out = '';
  let pos = 0;
  for (const e of sorted) {
    if (e.start < pos) continue; // overlapping edit: the first one wins
    out += text.slice(pos, e.start) + e.newText;
    pos = e.end;
  }
  return out + text.slice(pos);
}

/** Formats a scalar for YAML: numbers and safe words plain, anything else quoted. */
export function yamlScalar(value: string | number | boolean): string {
  if (typeof value !== 'string') return String(value);
  return /^[A-Za-z_][\w./-]*$/.test(value) && !/^(true|false|null|yes|no|on|off|~)$/i.test(value) ? value : JSON.stringify(value);
}

function lineStartOf(text: string, offset: number): number {
  return text.lastIndexOf('\n', offset - 1) + 1;
}

function lineEndOf(text: string, offset: number): number {
  const nl = text.indexOf('\n', offset);
  if (nl === -1) return text.length;
  return text.charCodeAt(nl - 1) === 13 ? nl - 1 : nl;
}

let lastEolText: string | undefined;
let lastEol = '\n';

/** The document's line break (`\r\n` when it uses any); remembered for the last text, as every fix of a document asks. */
export function eol(text: string): string {
  if (text !== lastEolText) {
    lastEolText = text;
    lastEol = text.includes('\r\n') ? '\r\n' : '\n';
  }
  return lastEol;
}

/** Column of a node's first character. */
export function columnOf(text: string, offset: number): number {
  return offset - lineStartOf(text, offset);
}

/** End offset of a node's last non-space character. */
function contentEnd(text: string, node: Node | Pair): number {
  const r = isPairLike(node) ? (rangeOf((node as Pair).value) ?? rangeOf((node as Pair).key)) : rangeOf(node);
  let end = r ? r[1] : 0;
  while (end > 0 && /\s/.test(text[end - 1])) end--;
  return end;
}

function isPairLike(n: unknown): boolean {
  return !!n && typeof n === 'object' && 'key' in (n as object) && 'value' in (n as object) && !('items' in (n as object));
}

let lastUnitText: string | undefined;
let lastUnit = 2;

/** Indentation step used in this document (the smallest positive indent seen), default 2; remembered for the last text. */
export function indentUnit(text: string): number {
  if (text === lastUnitText) return lastUnit;
  lastUnitText = text;
  lastUnit = measureIndentUnit(text);
  return lastUnit;
}

function measureIndentUnit(text: string): number {
  let unit = 0;
  const re = /\n( +)\S/g;
  for (let m = re.exec(text), n = 0; m && n < 200; m = re.exec(text), n++) {
    const w = m[1].length;
    if (w > 0 && (unit === 0 || w < unit)) unit = w;
  }
  return unit || 2;
}

/** Replace a node's source text (its value only; comments beside it stay). */
export function replaceNode(node: Node, newText: string): TextEdit[] {
  const r = rangeOf(node);
  return r ? [{ start: r[0], end: r[1], newText }] : [];
}

/** Indentation (column) of a block mapping's keys. */
function blockMapIndent(text: string, map: YAMLMap): number | undefined {
  const first = mapPairs(map)[0];
  const r = first ? rangeOf(first.key) : undefined;
  return r ? columnOf(text, r[0]) : undefined;
}

/** Renders `key: value` lines at an indentation; `value` may be a nested object of lines. */
export type YamlTree = string | number | boolean | { [key: string]: YamlTree } | YamlTree[];

export function renderYaml(tree: { [key: string]: YamlTree }, indent: number, unit: number, nl = '\n'): string {
  const pad = ' '.repeat(indent);
  const lines: string[] = [];
  for (const [k, v] of Object.entries(tree)) {
    if (Array.isArray(v)) {
      lines.push(`${pad}${k}:`);
      for (const item of v) {
        if (typeof item === 'object' && !Array.isArray(item)) {
          const inner = renderYaml(item, indent + unit + 2, unit, nl).split(nl);
          inner[0] = `${pad}${' '.repeat(unit)}- ${inner[0].trimStart()}`;
          lines.push(...inner);
        } else lines.push(`${pad}${' '.repeat(unit)}- ${yamlScalar(item as string)}`);
      }
    } else if (typeof v === 'object') {
      lines.push(`${pad}${k}:`);
      lines.push(renderYaml(v, indent + unit, unit, nl));
    } else lines.push(`${pad}${k}: ${typeof v === 'string' && v.startsWith('${') ? v : yamlScalar(v)}`);
  }
  return lines.join(nl);
}

/**
 * Insert `key: value` (or a nested tree) into a mapping, after its last entry, at its keys' indentation.
 * Flow mappings get `, key: value` before the closing brace.
 */
export function insertIntoMap(text: string, map: YAMLMap, tree: { [key: string]: YamlTree }, opts: { after?: string } = {}): TextEdit[] {
  const nl = eol(text);
  const unit = indentUnit(text);
  const r = rangeOf(map);
  if (!r) return [];
  if ((map as YAMLMap & { flow?: boolean }).flow) {
    const close = text.lastIndexOf('}', r[1] - 1); // r[1] is past the map: the brace there may be its parent's
    if (close < r[0]) return [];
    // JSON templates are flow mappings with double-quoted keys: keep writing JSON there.
    const firstKey = rangeOf(mapPairs(map)[0]?.key);
    const json = firstKey ? text[firstKey[0]] === '"' : text.slice(r[0], r[1]).includes('"');
    const flowText = Object.entries(tree)
      .map(([k, v]) => (json ? `${JSON.stringify(k)}: ${JSON.stringify(v)}` : `${k}: ${typeof v === 'object' ? JSON.stringify(v) : yamlScalar(v)}`))
      .join(', ');
    const empty = mapPairs(map).length === 0;
    return [{ start: close, end: close, newText: `${empty ? '' : ', '}${flowText}` }];
  }
  const indent = blockMapIndent(text, map) ?? columnOf(text, r[0]);
  const pairs = mapPairs(map);
  const anchor = (opts.after ? getPair(map, opts.after) : undefined) ?? pairs[pairs.length - 1];
  const end = anchor ? contentEnd(text, anchor) : r[0];
  const at = lineEndOf(text, end);
  return [{ start: at, end: at, newText: nl + renderYaml(tree, indent, unit, nl) }];
}

/**
 * Set `path` (keys below `map`) to a value: replaces an existing scalar, or inserts the missing
 * part of the path as a nested block under the deepest mapping that exists.
 */
export function setPath(text: string, map: YAMLMap, path: string[], value: YamlTree): TextEdit[] {
  let cur: YAMLMap = map;
  for (let i = 0; i < path.length; i++) {
    const pair = getPair(cur, path[i]);
    if (!pair) {
      let tree: YamlTree = value;
      for (let j = path.length - 1; j > i; j--) tree = { [path[j]]: tree };
      return insertIntoMap(text, cur, { [path[i]]: tree });
    }
    if (i === path.length - 1) {
      const v = pair.value;
      if (v && (isScalar(v) || isMap(v) || isSeq(v)) && typeof value !== 'object') return replaceNode(v as Node, yamlScalar(value));
      if (!v || (isScalar(v) && (v.value === null || v.value === ''))) {
        // `key:` with nothing after it
        const kr = rangeOf(pair.key);
        if (!kr) return [];
        const at = lineEndOf(text, kr[1]);
        if (typeof value === 'object' && !Array.isArray(value)) {
          return [{ start: at, end: at, newText: eol(text) + renderYaml(value, columnOf(text, kr[0]) + indentUnit(text), indentUnit(text), eol(text)) }];
        }
        const colon = text.indexOf(':', kr[1]);
        return [{ start: colon + 1, end: at, newText: ` ${yamlScalar(value as string)}` }];
      }
      return [];
    }
    if (!isMap(pair.value)) return [];
    cur = pair.value as YAMLMap;
  }
  return [];
}

/** Remove a `key: value` entry from a block mapping, whole lines; comments on those lines are kept on lines of their own. */
export function removePair(text: string, map: YAMLMap, key: string): TextEdit[] {
  const pair = getPair(map, key);
  if (!pair) return [];
  const kr = rangeOf(pair.key);
  if (!kr) return [];
  if ((map as YAMLMap & { flow?: boolean }).flow) {
    const end = contentEnd(text, pair);
    let s = kr[0];
    let e = end;
    const after = text.slice(e).match(/^\s*,\s*/);
    if (after) e += after[0].length;
    else {
      const before = text.slice(0, s).match(/,\s*$/);
      if (before) s -= before[0].length;
    }
    return [{ start: s, end: e, newText: '' }];
  }
  const start = lineStartOf(text, kr[0]);
  // Only whitespace (or a `- ` item marker) before the key on its line: otherwise, keep the marker.
  const prefix = text.slice(start, kr[0]);
  const end = lineEndOf(text, contentEnd(text, pair));
  const next = text.indexOf('\n', end);
  const stop = next === -1 ? text.length : next + 1;
  if (!/^\s*$/.test(prefix)) return [];
  // Comments on the removed lines stay, each on its own line at the key's indentation: a fix loses no comment.
  const kept = commentsIn(text.slice(start, stop)).map((c) => `${prefix}${c}${eol(text)}`);
  return [{ start, end: stop, newText: kept.join('') }];
}

/** The comments of a piece of YAML, as the lexer sees them (not a `#` inside a string or block scalar). */
function commentsIn(yaml: string): string[] {
  if (!yaml.includes('#')) return [];
  return [...new Lexer().lex(yaml)].filter((t) => t.startsWith('#')).map((t) => t.trimEnd());
}

/** Edits of a fix placed in the file (document-relative offsets shifted by the document's start). */
export function fileEdits(finding: { documentStart: number }, fix: { edits: TextEdit[] }): TextEdit[] {
  return fix.edits.map((e) => ({ start: e.start + finding.documentStart, end: e.end + finding.documentStart, newText: e.newText }));
}

/**
 * Edits of one pass, kept sorted by start: whether a new edit overlaps one of them (or inserts where one
 * starts) is a binary search, not a scan, so a pass over thousands of fixes stays fast.
 */
class EditSet {
  readonly all: TextEdit[] = [];

  private firstAtOrAfter(start: number): number {
    let lo = 0;
    let hi = this.all.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.all[mid].start < start) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  clashes(e: TextEdit): boolean {
    const overlaps = (o: TextEdit) => (e.start < o.end && o.start < e.end) || (e.start === e.end && e.start === o.start);
    const i = this.firstAtOrAfter(e.start);
    // The edits kept do not overlap each other: only the one before can reach into e, and only those starting within e can follow.
    if (i > 0 && overlaps(this.all[i - 1])) return true;
    for (let k = i; k < this.all.length && this.all[k].start <= e.end; k++) if (overlaps(this.all[k])) return true;
    return false;
  }

  add(e: TextEdit): void {
    const i = this.firstAtOrAfter(e.start);
    let k = i;
    while (k < this.all.length && this.all[k].start === e.start && this.all[k].end <= e.end) k++;
    this.all.splice(k, 0, e);
  }
}

/**
 * Applies every safe fix, pass after pass, until none is left (at most `maxPasses`): edits that
 * overlap wait for the next pass, as ESLint does. `lint` re-lints a text.
 *
 * Fixes that do not overlap can still clash: two rules that each write the same key (one renames a
 * typo to `minReplicas`, the other inserts `minReplicas`) make a duplicate key. So a pass whose result
 * has more YAML errors than its input is taken back and its fixes applied one at a time; a single fix
 * that still adds a YAML error is never applied. `--fix` never leaves a file parsing worse than it found it.
 */
export function fixAll(
  text: string,
  lint: (text: string) => { ruleId?: string; severity?: string; documentStart: number; fixes?: { title?: string; edits: TextEdit[]; safe: boolean }[] }[],
  maxPasses = 10,
): { text: string; applied: number; passes: number } {
  type Linted = ReturnType<typeof lint>;
  const yamlErrors = (found: Linted) => found.filter((f) => f.ruleId === 'yaml-syntax' && f.severity === 'error').length;
  const rejected = new Set<string>();
  let applied = 0;
  let passes = 0;
  let findings = lint(text);
  for (; passes < maxPasses; passes++) {
    const edits = new EditSet();
    let chosen: { key: string; edits: TextEdit[] }[] = [];
    for (const f of findings) {
      const fix = f.fixes?.find((x) => x.safe);
      if (!fix) continue;
      const placed = fileEdits(f, fix);
      const key = `${f.ruleId}\u0000${fix.title}\u0000${JSON.stringify(placed)}`;
      if (rejected.has(key)) continue;
      if (placed.some((e) => edits.clashes(e))) continue;
      for (const e of placed) edits.add(e);
      chosen.push({ key, edits: placed });
    }
    if (chosen.length === 0) break;
    let next = applyEdits(text, edits.all);
    if (next === text) break;
    let after = lint(next);
    if (yamlErrors(after) > yamlErrors(findings)) {
      const first = chosen[0];
      next = applyEdits(text, first.edits);
      after = next === text ? findings : lint(next);
      if (next === text || yamlErrors(after) > yamlErrors(findings)) {
        rejected.add(first.key);
        if (next !== text) lint(text); // leave the caller's linter on the text we keep
        continue;
      }
      chosen = [first];
    }
    text = next;
    findings = after;
    applied += chosen.length;
  }
  return { text, applied, passes };
}

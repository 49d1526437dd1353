/**
 * The `ignore` setting's glob patterns, for the CLI's folder walk and the workspace index. Patterns are
 * relative to the folder of the `.scalelint.yaml` that sets them (the workspace folder for editor
 * settings) and read like .gitignore lines: a pattern without `/` matches a name at any depth, one with `/` is anchored, and a
 * pattern that matches a folder ignores everything under it. Supports `*`, `**`, `?`, `{a,b}`, `[…]`.
 */
import { relative, sep } from 'node:path';

/** A compiled pattern: `test(path)` in time O(pattern × path), whatever the pattern (no regular expression to backtrack). */
export interface Glob {
  test(path: string): boolean;
}

/** At most this many alternatives from `{a,b}` expansion; a pattern with more is refused (it ignores nothing). */
const MAX_ALTERNATIVES = 64;

type Token = { kind: 'char'; c: string } | { kind: 'any' } | { kind: 'star' } | { kind: 'class'; negated: boolean; ranges: [string, string][] };
type Segment = Token[] | 'globstar';

/** `{a,b}` expanded into alternatives (nested braces too); undefined when unbalanced or too many. */
function expandBraces(p: string): string[] | undefined {
  const open = p.indexOf('{');
  if (open < 0) return [p];
  let depth = 0;
  const commas: number[] = [];
  let close = -1;
  for (let i = open; i < p.length; i++) {
    if (p[i] === '{') depth++;
    else if (p[i] === '}') {
      depth--;
      if (depth === 0) {
        close = i;
        break;
      }
    } else if (p[i] === ',' && depth === 1) commas.push(i);
  }
  if (close < 0) return undefined;
  const bounds = [open, ...commas, close];
  const out: string[] = [];
  for (let k = 0; k + 1 < bounds.length; k++) {
    const rest = expandBraces(p.slice(0, open) + p.slice(bounds[k] + 1, bounds[k + 1]) + p.slice(close + 1));
    if (!rest) return undefined;
    out.push(...rest);
    if (out.length > MAX_ALTERNATIVES) return undefined;
  }
  return out;
}

function tokens(segment: string): Token[] {
  const out: Token[] = [];
  for (let i = 0; i < segment.length; i++) {
    const c = segment[i];
    if (c === '*') {
      if (out[out.length - 1]?.kind !== 'star') out.push({ kind: 'star' }); // `**` inside a name is `*`
    } else if (c === '?') out.push({ kind: 'any' });
    else if (c === '[') {
      const close = segment.indexOf(']', i + 2);
      if (close < 0) {
        out.push({ kind: 'char', c });
        continue;
      }
      let body = segment.slice(i + 1, close);
      const negated = body.startsWith('!') || body.startsWith('^');
      if (negated) body = body.slice(1);
      const ranges: [string, string][] = [];
      for (let k = 0; k < body.length; k++) {
        if (body[k + 1] === '-' && k + 2 < body.length) {
          ranges.push([body[k], body[k + 2]]);
          k += 2;
        } else ranges.push([body[k], body[k]]);
      }
      out.push({ kind: 'class', negated, ranges });
      i = close;
    } else out.push({ kind: 'char', c });
  }
  return out;
}

function tokenMatches(t: Token, c: string): boolean {
  if (t.kind === 'any') return true;
  if (t.kind === 'char') return t.c === c;
  if (t.kind === 'class') return t.ranges.some(([a, b]) => c >= a && c <= b) !== t.negated;
  return false;
}

/** One path segment against one pattern segment: the classic wildcard walk, back to the last `*` only. */
function segmentMatches(pattern: Token[], name: string): boolean {
  let p = 0;
  let n = 0;
  let star = -1;
  let mark = 0;
  while (n < name.length) {
    if (p < pattern.length && pattern[p].kind !== 'star' && tokenMatches(pattern[p], name[n])) {
      p++;
      n++;
    } else if (p < pattern.length && pattern[p].kind === 'star') {
      star = p++;
      mark = n;
    } else if (star >= 0) {
      p = star + 1;
      n = ++mark;
    } else return false;
  }
  while (p < pattern.length && pattern[p].kind === 'star') p++;
  return p === pattern.length;
}

/** Path segments against pattern segments, `**` standing for any number of segments: O(pattern × path) cells. */
function pathMatches(pattern: Segment[], parts: string[]): boolean {
  // can[i][j]: pattern[i..] matches parts[j..]; filled from the end.
  let next = new Array<boolean>(parts.length + 1).fill(false);
  next[parts.length] = true;
  for (let i = pattern.length - 1; i >= 0; i--) {
    const cur = new Array<boolean>(parts.length + 1).fill(false);
    const seg = pattern[i];
    for (let j = parts.length; j >= 0; j--) {
      if (seg === 'globstar') cur[j] = next[j] || (j < parts.length && cur[j + 1]);
      else cur[j] = j < parts.length && next[j + 1] && segmentMatches(seg, parts[j]);
    }
    next = cur;
  }
  return next[0];
}

/** The matcher of one pattern, or undefined for an empty or unusable one (unbalanced braces, too many alternatives). */
export function compileGlob(pattern: string): Glob | undefined {
  let p = pattern.trim().replace(/\\/g, '/');
  if (p.startsWith('./')) p = p.slice(2);
  if (p.endsWith('/')) p = p.replace(/\/+$/, '');
  if (!p) return undefined;
  if (p.startsWith('/')) p = p.replace(/^\/+/, '');
  else if (!p.includes('/')) p = `**/${p}`;
  const alternatives = expandBraces(p);
  if (!alternatives) return undefined; // better to ignore nothing than to ignore wrongly
  const compiled: Segment[][] = alternatives.map((alt) => {
    const segments: Segment[] = [];
    for (const part of alt.split('/')) {
      if (part === '**') {
        if (segments[segments.length - 1] !== 'globstar') segments.push('globstar'); // `**/**` is `**`
      } else segments.push(tokens(part));
    }
    return segments;
  });
  return { test: (path: string) => compiled.some((segments) => pathMatches(segments, path.split('/'))) };
}

export class IgnoreList {
  private readonly patterns: Glob[];

  constructor(patterns: readonly string[]) {
    this.patterns = patterns.map(compileGlob).filter((r): r is Glob => !!r);
  }

  /** True when `path` (absolute) is ignored by patterns written relative to `baseDir`. */
  ignoresUnder(baseDir: string, path: string): boolean {
    return this.ignores(relative(baseDir, path).split(sep).join('/'));
  }

  /** `relativePath` uses `/`; true when it, or a folder above it, matches a pattern. */
  ignores(relativePath: string): boolean {
    if (this.patterns.length === 0 || !relativePath || relativePath.startsWith('../') || relativePath === '..') return false;
    const parts = relativePath.split('/');
    for (let n = 1; n <= parts.length; n++) {
      const candidate = parts.slice(0, n).join('/');
      if (this.patterns.some((r) => r.test(candidate))) return true;
    }
    return false;
  }
}

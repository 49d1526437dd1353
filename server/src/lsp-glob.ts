/**
 * The `ignore` setting's glob patterns, for the workspace index. Patterns are relative to the folder of
 * the `.scalelint.yaml` that sets them (the workspace folder for editor settings) and read like
 * .gitignore lines: a pattern without `/` matches a name at any depth, one with `/` is anchored, and a
 * pattern that matches a folder ignores everything under it. Supports `*`, `**`, `?`, `{a,b}`, `[…]`.
 */

const SPECIAL = /[.+^$()|\\]/;

/** The regular expression of one pattern, or undefined for an empty one. */
export function globToRegExp(pattern: string): RegExp | undefined {
  let p = pattern.trim().replace(/\\/g, '/');
  if (p.startsWith('./')) p = p.slice(2);
  if (p.endsWith('/')) p = p.replace(/\/+$/, '');
  if (!p) return undefined;
  if (p.startsWith('/')) p = p.replace(/^\/+/, '');
  else if (!p.includes('/')) p = `**/${p}`;
  let src = '';
  let braces = 0;
  for (let i = 0; i < p.length; i++) {
    const c = p[i];
    if (c === '*') {
      let j = i;
      while (p[j + 1] === '*') j++;
      const atSegmentStart = i === 0 || p[i - 1] === '/';
      if (j > i && atSegmentStart && p[j + 1] === '/') {
        src += '(?:[^/]*/)*';
        i = j + 1;
      } else if (j > i && atSegmentStart && j + 1 === p.length) {
        src += '.*';
        i = j;
      } else {
        src += '[^/]*';
        i = j;
      }
    } else if (c === '?') src += '[^/]';
    else if (c === '{') {
      braces++;
      src += '(?:';
    } else if (c === '}' && braces > 0) {
      braces--;
      src += ')';
    } else if (c === ',' && braces > 0) src += '|';
    else if (c === '[') {
      const close = p.indexOf(']', i + 2);
      if (close < 0) src += '\\[';
      else {
        const body = p.slice(i + 1, close).replace(/\\/g, '\\\\');
        src += `[${body.startsWith('!') ? `^${body.slice(1)}` : body}]`;
        i = close;
      }
    } else src += SPECIAL.test(c) ? `\\${c}` : c;
  }
  if (braces > 0) return undefined; // unbalanced: better to ignore nothing than to ignore wrongly
  try {
    return new RegExp(`^${src}$`);
  } catch {
    return undefined;
  }
}

export class IgnoreList {
  private readonly patterns: RegExp[];

  constructor(patterns: readonly string[]) {
    this.patterns = patterns.map(globToRegExp).filter((r): r is RegExp => !!r);
  }

  get empty(): boolean {
    return this.patterns.length === 0;
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

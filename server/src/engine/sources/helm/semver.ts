/**
 * Masterminds/semver v3 as Sprig uses it: `semver` parses a version, `semverCompare` checks a constraint
 * (=, !=, >, <, >=, <=, ~, ^, x/* wildcards, hyphen ranges, `,`/space AND, `||` OR). A version with a
 * pre-release only satisfies constraints that carry a pre-release themselves (as in Masterminds v3).
 */
import { FuncError, type FuncDef } from './call';
import { GoStruct } from './values';

interface Version {
  major: bigint;
  minor: bigint;
  patch: bigint;
  pre: string;
  meta: string;
  original: string;
}

const VERSION = /^v?(\d+)(?:\.(\d+))?(?:\.(\d+))?(?:-([0-9A-Za-z\-.]+))?(?:\+([0-9A-Za-z\-.]+))?$/;

export function parseVersion(s: string): Version | undefined {
  const m = VERSION.exec(s.trim());
  if (!m) return undefined;
  return { major: BigInt(m[1]!), minor: BigInt(m[2] ?? 0), patch: BigInt(m[3] ?? 0), pre: m[4] ?? '', meta: m[5] ?? '', original: s };
}

function comparePre(a: string, b: string): number {
  if (a === b) return 0;
  if (a === '') return 1;
  if (b === '') return -1;
  const pa = a.split('.');
  const pb = b.split('.');
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const x = pa[i];
    const y = pb[i];
    if (x === undefined) return -1;
    if (y === undefined) return 1;
    if (x === y) continue;
    const xn = /^\d+$/.test(x);
    const yn = /^\d+$/.test(y);
    if (xn && yn) return BigInt(x) < BigInt(y) ? -1 : 1;
    if (xn) return -1;
    if (yn) return 1;
    return x < y ? -1 : 1;
  }
  return 0;
}

export function compareVersions(a: Version, b: Version): number {
  for (const k of ['major', 'minor', 'patch'] as const) if (a[k] !== b[k]) return a[k] < b[k] ? -1 : 1;
  return comparePre(a.pre, b.pre);
}

interface Cons {
  op: string;
  v: Version;
  /** Which parts were wildcards / missing: 0 = major wild, 1 = minor wild, 2 = patch wild, 3 = exact. */
  dirty: number;
}

function parseCons(op: string, text: string): Cons {
  const parts = text.replace(/^v/, '').split(/[-+]/)[0]!.split('.');
  let dirty = 3;
  for (let i = 0; i < 3; i++) {
    const p = parts[i];
    if (p === undefined || p === 'x' || p === 'X' || p === '*') { dirty = Math.min(dirty, i); break; }
  }
  const clean = text.replace(/^v/, '').replace(/(^|\.)[xX*](?=\.|$|-|\+)/g, '$10');
  const v = parseVersion(clean);
  if (!v) throw new FuncError(`improper constraint: ${op}${text}`);
  return { op, v, dirty };
}

function bump(v: Version, level: number): Version {
  if (level <= 0) return { ...v, major: v.major + 1n, minor: 0n, patch: 0n, pre: '' };
  if (level === 1) return { ...v, minor: v.minor + 1n, patch: 0n, pre: '' };
  return { ...v, patch: v.patch + 1n, pre: '' };
}

function check(c: Cons, v: Version): boolean {
  if (v.pre !== '' && c.v.pre === '' && c.op !== '!=') return false;
  if (c.dirty === 0) return c.op !== '!=' && c.op !== '<' && c.op !== '>';
  const cmp = compareVersions(v, c.v);
  const upper = (level: number): Version => bump(c.v, level);
  switch (c.op) {
    case '': case '=':
      if (c.dirty < 3) return cmp >= 0 && compareVersions(v, upper(c.dirty - 1)) < 0;
      return cmp === 0;
    case '!=':
      if (c.dirty < 3) return !(cmp >= 0 && compareVersions(v, upper(c.dirty - 1)) < 0);
      return cmp !== 0;
    case '>': return c.dirty < 3 ? compareVersions(v, upper(c.dirty - 1)) >= 0 : cmp > 0;
    case '>=': case '=>': return cmp >= 0;
    case '<': return cmp < 0;
    case '<=': case '=<': return c.dirty < 3 ? compareVersions(v, upper(c.dirty - 1)) < 0 : cmp <= 0;
    case '~': case '~>': return cmp >= 0 && compareVersions(v, upper(c.dirty === 1 ? 0 : 1)) < 0;
    case '^':
      if (cmp < 0) return false;
      if (c.v.major > 0n || c.dirty <= 1) return compareVersions(v, upper(0)) < 0;
      if (c.v.minor > 0n || c.dirty === 2) return compareVersions(v, upper(1)) < 0;
      return compareVersions(v, upper(2)) < 0;
  }
  throw new FuncError(`improper constraint: ${c.op}`);
}

const OP = /^\s*(!=|>=|=>|<=|=<|~>|[=><~^])?\s*(v?[0-9xX*][0-9A-Za-z\-.+*]*)\s*/;

function parseGroup(text: string): Cons[] {
  const out: Cons[] = [];
  const hy = /^\s*(v?[0-9][0-9A-Za-z\-.+]*)\s+-\s+(v?[0-9][0-9A-Za-z\-.+]*)\s*$/.exec(text);
  if (hy) return [parseCons('>=', hy[1]!), parseCons('<=', hy[2]!)];
  let rest = text.trim();
  while (rest.length > 0) {
    const m = OP.exec(rest);
    if (!m || m[0].length === 0) throw new FuncError(`improper constraint: ${text}`);
    out.push(parseCons(m[1] ?? '', m[2]!));
    rest = rest.slice(m[0].length).replace(/^,\s*/, '');
  }
  if (out.length === 0) out.push(parseCons('', '*'));
  return out;
}

export function satisfies(constraint: string, version: string): boolean {
  const v = parseVersion(version);
  if (!v) throw new FuncError(`Invalid Semantic Version`);
  return constraint.split('||').some((g) => parseGroup(g).every((c) => check(c, v)));
}

export const SEMVER_FUNCS: Record<string, FuncDef> = {
  semverCompare: { params: ['string', 'string'], fn: ([c, v]) => satisfies(c!.v as string, v!.v as string) },
  semver: {
    params: ['string'],
    fn: ([s]) => {
      const v = parseVersion(s!.v as string);
      if (!v) throw new FuncError('Invalid Semantic Version');
      return new GoStruct('*semver.Version', new Map<string, unknown>([
        ['Major', v.major], ['Minor', v.minor], ['Patch', v.patch], ['Prerelease', v.pre], ['Metadata', v.meta], ['Original', v.original],
      ]), {}, `${v.major}.${v.minor}.${v.patch}${v.pre ? '-' + v.pre : ''}${v.meta ? '+' + v.meta : ''}`);
    },
  },
};

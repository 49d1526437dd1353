/**
 * Sprig's number functions and conversions (spf13/cast semantics: floats truncate, unparsable strings are 0),
 * regular expressions, encodings and hashes.
 */
import { base64Decode, base64Encode, utf8Decode, utf8Encode } from './utf8';
import { FuncError, type FuncDef } from './call';
import { sha256Hex, sha1Hex, adler32 } from './hash';
import { strval } from './funcs-strings';
import { type GoValue, type Val } from './values';

/** cast.ToInt64: ints as they are, floats truncated, strings parsed (Go base prefixes), bools 1/0, else 0. */
export function toInt64(v: GoValue): bigint {
  if (typeof v === 'bigint') return v;
  if (typeof v === 'number') return Number.isFinite(v) ? BigInt(Math.trunc(v)) : 0n;
  if (typeof v === 'boolean') return v ? 1n : 0n;
  if (typeof v === 'string') {
    const t = v.replace(/\.0*$/, '');
    const m = /^([+-]?)(0[xX][0-9a-fA-F_]+|0[bB][01_]+|0[oO]?[0-7_]+|[1-9][0-9_]*|0)$/.exec(t);
    if (!m) return 0n;
    let body = m[2]!.replace(/_/g, '');
    if (/^0[0-7]+$/.test(body)) body = '0o' + body.slice(1);
    try {
      const n = BigInt(body);
      return m[1] === '-' ? -n : n;
    } catch {
      return 0n;
    }
  }
  return 0n;
}

/** cast.ToFloat64. */
export function toFloat64(v: GoValue): number {
  if (typeof v === 'number') return v;
  if (typeof v === 'bigint') return Number(v);
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (typeof v === 'string') {
    const t = v.trim();
    return /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(t) ? Number(t) : 0;
  }
  return 0;
}

const I = (a: Val | undefined): bigint => toInt64(a!.v);
const F = (a: Val | undefined): number => toFloat64(a!.v);
const wrap64 = (n: bigint): bigint => BigInt.asIntN(64, n);

/** Compiles a Go (RE2) pattern for JS, refusing the nested quantifiers that make backtracking explode. */
export function goRegex(pattern: string, global = false): RegExp {
  let flags = global ? 'g' : '';
  let p = pattern;
  const m = /^\(\?([imsU]+)\)/.exec(p);
  if (m) {
    p = p.slice(m[0].length);
    for (const f of m[1]!) if (f !== 'U' && !flags.includes(f)) flags += f;
  }
  if (p.length > 5000 || /\([^()]*[+*}][^()]*\)\s*[+*{]/.test(p)) throw new FuncError(`regular expression not supported by ScaleLint (nested repetition): ${pattern}`);
  p = p.replace(/\\z/g, '$').replace(/\(\?P</g, '(?<').replace(/\[\[:(\w+):\]\]/g, (_m, c: string) => POSIX[c] ?? _m);
  try {
    return new RegExp(p, flags + 'u');
  } catch {
    try {
      return new RegExp(p, flags);
    } catch (e) {
      throw new FuncError(`error parsing regexp: ${e instanceof Error ? e.message : String(e)}`);
    }
  }
}

const POSIX: Record<string, string> = { alpha: '[A-Za-z]', digit: '[0-9]', alnum: '[A-Za-z0-9]', upper: '[A-Z]', lower: '[a-z]', space: '\\s', word: '\\w', xdigit: '[0-9A-Fa-f]', punct: '[!-/:-@[-`{-~]' };

function goRepl(repl: string): string {
  // Go: ${1}, ${name}, $1, $name; JS: $1, $<name>.
  return repl.replace(/\$\$/g, '\u0000').replace(/\$\{(\d+)\}/g, '$$$1').replace(/\$\{(\w+)\}/g, '$$<$1>').replace(/\$([A-Za-z_]\w*)/g, '$$<$1>').replace(/\u0000/g, '$$$$');
}

const MAX_INPUT = 1_000_000;

function guard(s: string): string {
  if (s.length > MAX_INPUT) throw new FuncError('input too long for a regular expression');
  return s;
}

function b64(s: string): string {
  return base64Encode(utf8Encode(s));
}

function unb64(s: string): string {
  const b = base64Decode(s);
  return b ? utf8Decode(b) : `illegal base64 data at input byte ${Math.max(0, s.search(/[^A-Za-z0-9+/=]/))}`;
}

export const MATH_FUNCS: Record<string, FuncDef> = {
  add: { params: [], variadic: 'any', fn: (args) => wrap64(args.reduce((a, b) => a + I(b), 0n)) },
  add1: { params: ['any'], fn: ([a]) => wrap64(I(a) + 1n) },
  sub: { params: ['any', 'any'], fn: ([a, b]) => wrap64(I(a) - I(b)) },
  mul: { params: ['any'], variadic: 'any', fn: ([a, ...r]) => wrap64(r.reduce((x, b) => x * I(b), I(a))) },
  div: { params: ['any', 'any'], fn: ([a, b]) => { if (I(b) === 0n) throw new FuncError('runtime error: integer divide by zero'); return I(a) / I(b); } },
  mod: { params: ['any', 'any'], fn: ([a, b]) => { if (I(b) === 0n) throw new FuncError('runtime error: integer divide by zero'); return I(a) % I(b); } },
  max: { params: ['any'], variadic: 'any', fn: ([a, ...r]) => r.reduce((x, b) => (I(b) > x ? I(b) : x), I(a)) },
  biggest: { params: ['any'], variadic: 'any', fn: ([a, ...r]) => r.reduce((x, b) => (I(b) > x ? I(b) : x), I(a)) },
  min: { params: ['any'], variadic: 'any', fn: ([a, ...r]) => r.reduce((x, b) => (I(b) < x ? I(b) : x), I(a)) },
  addf: { params: [], variadic: 'any', fn: (args) => args.reduce((a, b) => a + F(b), 0) },
  add1f: { params: ['any'], fn: ([a]) => F(a) + 1 },
  subf: { params: ['any'], variadic: 'any', fn: ([a, ...r]) => r.reduce((x, b) => x - F(b), F(a)) },
  mulf: { params: ['any'], variadic: 'any', fn: ([a, ...r]) => r.reduce((x, b) => x * F(b), F(a)) },
  divf: { params: ['any'], variadic: 'any', fn: ([a, ...r]) => r.reduce((x, b) => x / F(b), F(a)) },
  maxf: { params: ['any'], variadic: 'any', fn: ([a, ...r]) => r.reduce((x, b) => Math.max(x, F(b)), F(a)) },
  minf: { params: ['any'], variadic: 'any', fn: ([a, ...r]) => r.reduce((x, b) => Math.min(x, F(b)), F(a)) },
  floor: { params: ['any'], fn: ([a]) => Math.floor(F(a)) },
  ceil: { params: ['any'], fn: ([a]) => Math.ceil(F(a)) },
  round: {
    params: ['any', 'int'], variadic: 'float',
    fn: ([a, p, r]) => {
      const pow = 10 ** Number(p!.v as bigint);
      const half = r ? (r.v as number) : 0.5;
      const digit = F(a) * pow;
      const frac = digit - Math.trunc(digit);
      return (frac >= half ? Math.ceil(digit) : Math.floor(digit)) / pow;
    },
  },
  int: { params: ['any'], fn: ([a]) => toInt64(a!.v) },
  int64: { params: ['any'], fn: ([a]) => toInt64(a!.v) },
  float64: { params: ['any'], fn: ([a]) => toFloat64(a!.v) },
  atoi: { params: ['string'], fn: ([a]) => (/^[+-]?\d+$/.test(a!.v as string) ? BigInt(a!.v as string) : 0n) },
  toDecimal: { params: ['any'], fn: ([a]) => { const s = strval(a!.v); return /^[0-7]+$/.test(s) ? BigInt('0o' + s) : 0n; } },
  regexMatch: { params: ['string', 'string'], fn: ([re, s]) => goRegex(re!.v as string).test(guard(s!.v as string)) },
  regexFind: { params: ['string', 'string'], fn: ([re, s]) => goRegex(re!.v as string).exec(guard(s!.v as string))?.[0] ?? '' },
  regexFindAll: {
    params: ['string', 'string', 'int'],
    fn: ([re, s, n]) => {
      const all = [...guard(s!.v as string).matchAll(goRegex(re!.v as string, true))].map((m) => m[0]);
      const k = Number(n!.v as bigint);
      return k < 0 ? all : all.slice(0, k);
    },
  },
  regexReplaceAll: { params: ['string', 'string', 'string'], fn: ([re, s, r]) => guard(s!.v as string).replace(goRegex(re!.v as string, true), goRepl(r!.v as string)) },
  regexReplaceAllLiteral: { params: ['string', 'string', 'string'], fn: ([re, s, r]) => guard(s!.v as string).replace(goRegex(re!.v as string, true), () => r!.v as string) },
  regexSplit: {
    params: ['string', 'string', 'int'],
    fn: ([re, s, n]) => {
      const parts = guard(s!.v as string).split(goRegex(re!.v as string, true));
      const k = Number(n!.v as bigint);
      return k < 0 ? parts : parts.slice(0, k);
    },
  },
  regexQuoteMeta: { params: ['string'], fn: ([s]) => (s!.v as string).replace(/[\\.+*?()|[\]{}^$]/g, '\\$&') },
  b64enc: { params: ['string'], fn: ([s]) => b64(s!.v as string) },
  b64dec: { params: ['string'], fn: ([s]) => unb64(s!.v as string) },
  sha256sum: { params: ['string'], fn: ([s]) => sha256Hex(s!.v as string) },
  sha1sum: { params: ['string'], fn: ([s]) => sha1Hex(s!.v as string) },
  adler32sum: { params: ['string'], fn: ([s]) => String(adler32(s!.v as string)) },
};

export function checkedLen(s: string): string {
  if (s.length > MAX_INPUT * 10) throw new FuncError('string too long');
  return s;
}

/**
 * Sprig's string functions. Argument order is Sprig's (the subject last, so it can be piped).
 */
import { utf8Decode, utf8Encode, utf8Length } from './utf8';
import { FuncError, type FuncDef } from './call';
import { goQuote } from './fmt';
import { indentVal, shift, slicePieces } from './out';
import { printValue, type GoValue, type Val } from './values';

const MAX_STRING = 10_000_000;

/** Sprig's strval: strings as they are, everything else through fmt's %v. */
export function strval(v: GoValue): string {
  if (typeof v === 'string') return v;
  if (v === null || v === undefined) return '<nil>';
  return printValue(v, true);
}

/** Sprig's strslice. */
export function strslice(v: GoValue): string[] {
  if (Array.isArray(v)) return v.filter((x) => x !== null && x !== undefined).map(strval);
  if (v === null || v === undefined) return [];
  return [strval(v)];
}

const s = (a: Val | undefined): string => a!.v as string;
const n = (a: Val | undefined): number => Number(a!.v as bigint);

function guardSize(len: number): void {
  if (len > MAX_STRING) throw new FuncError(`result longer than ${MAX_STRING} characters`);
}

/** Go's strings.Title: upper-case the first letter of every word. */
function title(str: string): string {
  let prevSep = true;
  let out = '';
  for (const ch of str) {
    out += prevSep ? ch.toUpperCase() : ch;
    prevSep = !/[\p{L}\p{N}_']/u.test(ch);
  }
  return out;
}

function trimCut(str: string, cutset: string, left: boolean, right: boolean): string {
  const chars = new Set([...cutset]);
  const arr = [...str];
  let a = 0;
  let b = arr.length;
  if (left) while (a < b && chars.has(arr[a]!)) a++;
  if (right) while (b > a && chars.has(arr[b - 1]!)) b--;
  return arr.slice(a, b).join('');
}

/** Trims and keeps the pieces of what remains. */
function trimVal(v: Val, str: string, from: number, to: number): Val {
  return { v: str.slice(from, to), p: slicePieces(v.p, from, to) };
}

function utf8Len(str: string): number {
  return utf8Length(str);
}

/** Go slices strings by bytes; for the usual ASCII names that is characters. */
function byteSlice(str: string, a: number, b?: number): string {
  if (utf8Len(str) === str.length) return str.slice(a, b);
  return utf8Decode(utf8Encode(str).slice(a, b));
}

function caseWords(str: string): string[] {
  return str.replace(/([a-z0-9])([A-Z])/g, '$1 $2').split(/[\s_\-.]+/).filter((w) => w.length > 0);
}

const TO_STRING: FuncDef = { params: ['any'], val: true, fn: ([a]) => ({ v: strval(a!.v), p: a!.v === null || a!.v === undefined ? undefined : a!.p }) };

export const STRING_FUNCS: Record<string, FuncDef> = {
  upper: { params: ['string'], keep: true, fn: ([a]) => s(a).toUpperCase() },
  lower: { params: ['string'], keep: true, fn: ([a]) => s(a).toLowerCase() },
  title: { params: ['string'], keep: true, fn: ([a]) => title(s(a)) },
  untitle: { params: ['string'], keep: true, fn: ([a]) => s(a).replace(/(^|\s)(\S)/g, (_m, p: string, c: string) => p + c.toLowerCase()) },
  swapcase: { params: ['string'], fn: ([a]) => [...s(a)].map((c) => (c === c.toUpperCase() ? c.toLowerCase() : c.toUpperCase())).join('') },
  snakecase: { params: ['string'], fn: ([a]) => caseWords(s(a)).map((w) => w.toLowerCase()).join('_') },
  kebabcase: { params: ['string'], fn: ([a]) => caseWords(s(a)).map((w) => w.toLowerCase()).join('-') },
  camelcase: { params: ['string'], fn: ([a]) => caseWords(s(a)).map((w) => w[0]!.toUpperCase() + w.slice(1)).join('') },
  trim: {
    params: ['string'], val: true,
    fn: ([a]) => {
      const str = s(a);
      const m = /^[\s\x85\xa0]*/.exec(str)![0].length;
      const e = str.length - /[\s\x85\xa0]*$/.exec(str)![0].length;
      return trimVal(a!, str, m, Math.max(m, e));
    },
  },
  trimAll: { params: ['string', 'string'], keep: true, fn: ([c, a]) => trimCut(s(a), s(c), true, true) },
  trimSuffix: {
    params: ['string', 'string'], val: true,
    fn: ([suf, a]) => (s(a).endsWith(s(suf)) && s(suf) !== '' ? trimVal(a!, s(a), 0, s(a).length - s(suf).length) : a!),
  },
  trimPrefix: {
    params: ['string', 'string'], val: true,
    fn: ([pre, a]) => (s(a).startsWith(s(pre)) && s(pre) !== '' ? trimVal(a!, s(a), s(pre).length, s(a).length) : a!),
  },
  nospace: { params: ['string'], keep: true, fn: ([a]) => s(a).replace(/\s/g, '') },
  trunc: {
    params: ['int', 'string'], val: true,
    fn: ([c, a]) => {
      const str = s(a);
      const k = n(c);
      const len = utf8Len(str);
      if (k < 0 && len + k > 0) return { v: byteSlice(str, len + k) };
      if (k >= 0 && len > k) return { v: byteSlice(str, 0, k), p: slicePieces(a!.p, 0, k) };
      return a!;
    },
  },
  abbrev: { params: ['int', 'string'], keep: true, fn: ([w, a]) => (n(w) < 4 || s(a).length <= n(w) ? s(a) : s(a).slice(0, n(w) - 3) + '...') },
  initials: { params: ['string'], fn: ([a]) => s(a).split(/\s+/).filter(Boolean).map((w) => w[0]).join('') },
  contains: { params: ['string', 'string'], fn: ([sub, a]) => s(a).includes(s(sub)) },
  hasPrefix: { params: ['string', 'string'], fn: ([p, a]) => s(a).startsWith(s(p)) },
  hasSuffix: { params: ['string', 'string'], fn: ([p, a]) => s(a).endsWith(s(p)) },
  quote: {
    params: [], variadic: 'any', val: true,
    fn: (args) => {
      const parts = args.filter((a) => a.v !== null && a.v !== undefined);
      if (parts.length === 1) {
        const str = strval(parts[0]!.v);
        const q = goQuote(str);
        // The characters inside the quotes are the value's own when nothing needed escaping.
        return q.length === str.length + 2 && parts[0]!.p ? { v: q, p: shift(parts[0]!.p, 1) } : { v: q };
      }
      return { v: parts.map((a) => goQuote(strval(a.v))).join(' ') };
    },
  },
  squote: {
    params: [], variadic: 'any', val: true,
    fn: (args) => {
      const parts = args.filter((a) => a.v !== null && a.v !== undefined);
      if (parts.length === 1) return { v: `'${strval(parts[0]!.v)}'`, p: shift(parts[0]!.p, 1) };
      return { v: parts.map((a) => `'${strval(a.v)}'`).join(' ') };
    },
  },
  cat: { params: [], variadic: 'any', fn: (args) => args.filter((a) => a.v !== null && a.v !== undefined).map((a) => strval(a.v)).join(' ') },
  indent: { params: ['int', 'string'], val: true, fn: ([k, a]) => indentVal(' '.repeat(Math.max(0, Math.min(n(k), 10_000))), s(a), a!.p, false) },
  nindent: { params: ['int', 'string'], val: true, fn: ([k, a]) => indentVal(' '.repeat(Math.max(0, Math.min(n(k), 10_000))), s(a), a!.p, true) },
  replace: { params: ['string', 'string', 'string'], keep: true, fn: ([o, nw, a]) => (s(o) === '' ? s(a) : s(a).split(s(o)).join(s(nw))) },
  repeat: {
    params: ['int', 'string'],
    fn: ([c, a]) => {
      if (n(c) < 0) throw new FuncError('strings: negative Repeat count');
      guardSize(n(c) * s(a).length);
      return s(a).repeat(n(c));
    },
  },
  substr: {
    params: ['int', 'int', 'string'],
    fn: ([a, b, str]) => {
      const st = n(a);
      const en = n(b);
      const x = s(str);
      if (st < 0) return byteSlice(x, 0, en);
      if (en < 0 || en > utf8Len(x)) return byteSlice(x, st);
      return byteSlice(x, st, en);
    },
  },
  wrap: { params: ['int', 'string'], fn: ([w, a]) => wrap(s(a), n(w), '\n') },
  wrapWith: { params: ['int', 'string', 'string'], fn: ([w, sep, a]) => wrap(s(a), n(w), s(sep)) },
  plural: { params: ['string', 'string', 'int'], fn: ([one, many, c]) => (n(c) === 1 ? s(one) : s(many)) },
  toString: TO_STRING,
  toStrings: { params: ['any'], fn: ([a]) => (Array.isArray(a!.v) ? a!.v.map(strval) : a!.v === null ? [] : [strval(a!.v)]) },
  join: { params: ['string', 'any'], fn: ([sep, a]) => strslice(a!.v).join(s(sep)) },
  split: {
    params: ['string', 'string'],
    fn: ([sep, a]) => new Map(goSplit(s(a), s(sep), -1).map((p, i) => [`_${i}`, p] as [string, GoValue])),
  },
  splitn: {
    params: ['string', 'int', 'string'],
    fn: ([sep, c, a]) => new Map(goSplit(s(a), s(sep), n(c)).map((p, i) => [`_${i}`, p] as [string, GoValue])),
  },
  splitList: { params: ['string', 'string'], fn: ([sep, a]) => goSplit(s(a), s(sep), -1) },
  sortAlpha: { params: ['any'], fn: ([a]) => strslice(Array.isArray(a!.v) ? a!.v : [a!.v]).sort((x, y) => (x < y ? -1 : x > y ? 1 : 0)) },
};

/** strings.SplitN (n < 0: all). */
export function goSplit(str: string, sep: string, n: number): string[] {
  if (n === 0) return [];
  if (sep === '') {
    const chars = [...str];
    if (n > 0 && chars.length > n) return [...chars.slice(0, n - 1), chars.slice(n - 1).join('')];
    return chars;
  }
  const parts = str.split(sep);
  if (n > 0 && parts.length > n) return [...parts.slice(0, n - 1), parts.slice(n - 1).join(sep)];
  return parts;
}

function wrap(str: string, width: number, sep: string): string {
  if (width < 1) width = 1;
  const out: string[] = [];
  for (const line of str.split('\n')) {
    let cur = '';
    for (const word of line.split(' ')) {
      if (cur === '') cur = word;
      else if (cur.length + 1 + word.length <= width) cur += ' ' + word;
      else { out.push(cur); cur = word; }
    }
    out.push(cur);
  }
  return out.join(sep);
}

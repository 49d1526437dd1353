/**
 * The builtin functions of Go's text/template: and, or, not, len, index, slice, eq, ne, lt, le, gt, ge,
 * print, printf, println, html, js, urlquery (and `call`, which charts cannot use: unsupported).
 */
import { utf8Decode, utf8Encode, utf8Length } from './utf8';
import { FuncError, type FuncDef } from './call';
import { sprint, sprintf, sprintln } from './fmt';
import { printValue, truth, typeName, type GoValue, type Val } from './values';

type Basic = 'bool' | 'int' | 'float' | 'string' | 'nil' | 'other';

function basic(v: GoValue): Basic {
  if (v === null || v === undefined) return 'nil';
  switch (typeof v) {
    case 'boolean': return 'bool';
    case 'bigint': return 'int';
    case 'number': return 'float';
    case 'string': return 'string';
  }
  return 'other';
}

function eq1(a: GoValue, b: GoValue): boolean {
  const ka = basic(a);
  const kb = basic(b);
  if (ka !== kb) {
    if (ka !== 'nil' && kb !== 'nil') throw new FuncError('incompatible types for comparison');
    return false;
  }
  if (ka === 'nil') return true;
  if (ka === 'other') {
    if (a instanceof Map || Array.isArray(a)) throw new FuncError(`non-comparable type ${printValue(a, true)}: ${typeName(a)}`);
    return a === b;
  }
  return a === b;
}

function lt1(a: GoValue, b: GoValue): boolean {
  const ka = basic(a);
  const kb = basic(b);
  if (ka === 'bool' || ka === 'nil' || ka === 'other' || kb === 'bool' || kb === 'nil' || kb === 'other') {
    throw new FuncError('invalid type for comparison');
  }
  if (ka !== kb) throw new FuncError('incompatible types for comparison');
  return (a as number) < (b as number);
}

function indexInt(v: GoValue): number {
  if (typeof v === 'bigint') return Number(v);
  if (v === null || v === undefined) throw new FuncError('cannot index slice/array with nil');
  throw new FuncError(`cannot index slice/array with type ${typeName(v)}`);
}

function goLen(v: GoValue): bigint {
  if (typeof v === 'string') return BigInt(utf8Length(v));
  if (Array.isArray(v)) return BigInt(v.length);
  if (v instanceof Map) return BigInt(v.size);
  if (v === null || v === undefined) throw new FuncError('len of nil pointer');
  throw new FuncError(`len of type ${typeName(v)}`);
}

function index(item: GoValue, keys: GoValue[]): GoValue {
  let cur = item;
  for (const k of keys) {
    if (cur === null || cur === undefined) throw new FuncError('index of untyped nil');
    if (Array.isArray(cur)) {
      const i = indexInt(k);
      if (i < 0 || i >= cur.length) throw new FuncError(`error calling index: index out of range: ${i}`);
      cur = cur[i];
    } else if (typeof cur === 'string') {
      const bytes = utf8Encode(cur);
      const i = indexInt(k);
      if (i < 0 || i >= bytes.length) throw new FuncError(`error calling index: index out of range: ${i}`);
      cur = BigInt(bytes[i]!);
    } else if (cur instanceof Map) {
      if (typeof k !== 'string') throw new FuncError(`value has type ${typeName(k)}; should be string`);
      cur = cur.has(k) ? cur.get(k) : null;
    } else {
      throw new FuncError(`can't index item of type ${typeName(cur)}`);
    }
  }
  return cur;
}

function slice(item: GoValue, idx: GoValue[]): GoValue {
  if (idx.length > 3) throw new FuncError(`too many slice indexes: ${idx.length}`);
  if (typeof item === 'string') {
    if (idx.length === 3) throw new FuncError('cannot 3-index slice a string');
    const bytes = utf8Encode(item);
    const a = idx.length > 0 ? indexInt(idx[0]) : 0;
    const b = idx.length > 1 ? indexInt(idx[1]) : bytes.length;
    if (a < 0 || b > bytes.length || a > b) throw new FuncError(`index out of range: ${a > b ? a : b}`);
    return utf8Decode(bytes.slice(a, b));
  }
  if (Array.isArray(item)) {
    const a = idx.length > 0 ? indexInt(idx[0]) : 0;
    const b = idx.length > 1 ? indexInt(idx[1]) : item.length;
    if (a < 0 || b > item.length || a > b) throw new FuncError(`index out of range: ${a > b ? a : b}`);
    return item.slice(a, b);
  }
  if (item === null || item === undefined) throw new FuncError('slice of untyped nil');
  throw new FuncError(`can't slice item of type ${typeName(item)}`);
}

function htmlEscape(s: string): string {
  return s.replace(/[&'<>"\0]/g, (c) => ({ '&': '&amp;', "'": '&#39;', '<': '&lt;', '>': '&gt;', '"': '&#34;', '\0': '\uFFFD' })[c]!);
}

function jsEscape(s: string): string {
  let out = '';
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    if (ch === '\\') out += '\\\\';
    else if (ch === "'") out += "\\'";
    else if (ch === '"') out += '\\"';
    else if (ch === '<') out += '\\u003C';
    else if (ch === '>') out += '\\u003E';
    else if (ch === '&') out += '\\u0026';
    else if (ch === '=') out += '\\u003D';
    else if (c < 0x20) out += '\\u' + c.toString(16).toUpperCase().padStart(4, '0');
    else out += ch;
  }
  return out;
}

function urlQuery(s: string): string {
  return encodeURIComponent(s).replace(/%20/g, '+').replace(/[!'()*]/g, (c) => '%' + c.charCodeAt(0).toString(16).toUpperCase());
}

/** Go's evalArgs for html/js/urlquery: one string argument is used as is, otherwise Sprint. */
function evalArgs(args: Val[]): string {
  if (args.length === 1 && typeof args[0]!.v === 'string') return args[0]!.v;
  return sprint(args.map((a) => a.v));
}

export const GO_FUNCS: Record<string, FuncDef> = {
  and: {
    params: ['any'], variadic: 'any',
    lazy: (args) => {
      let v: Val = { v: null };
      for (const a of args) {
        v = a();
        if (!truth(v.v)) return v;
      }
      return v;
    },
  },
  or: {
    params: ['any'], variadic: 'any',
    lazy: (args) => {
      let v: Val = { v: null };
      for (const a of args) {
        v = a();
        if (truth(v.v)) return v;
      }
      return v;
    },
  },
  not: { params: ['any'], fn: ([a]) => !truth(a!.v) },
  len: { params: ['any'], fn: ([a]) => goLen(a!.v) },
  index: { params: ['any'], variadic: 'any', fn: ([a, ...k]) => index(a!.v, k.map((x) => x.v)) },
  slice: { params: ['any'], variadic: 'any', fn: ([a, ...k]) => slice(a!.v, k.map((x) => x.v)) },
  eq: {
    params: ['any'], variadic: 'any',
    fn: ([a, ...rest]) => {
      if (rest.length === 0) throw new FuncError('missing argument for comparison');
      return rest.some((b) => eq1(a!.v, b.v));
    },
  },
  ne: { params: ['any', 'any'], fn: ([a, b]) => !eq1(a!.v, b!.v) },
  lt: { params: ['any', 'any'], fn: ([a, b]) => lt1(a!.v, b!.v) },
  le: { params: ['any', 'any'], fn: ([a, b]) => lt1(a!.v, b!.v) || eq1(a!.v, b!.v) },
  gt: { params: ['any', 'any'], fn: ([a, b]) => !lt1(a!.v, b!.v) && !eq1(a!.v, b!.v) },
  ge: { params: ['any', 'any'], fn: ([a, b]) => !lt1(a!.v, b!.v) },
  print: { params: [], variadic: 'any', fn: (args) => sprint(args.map((a) => a.v)) },
  println: { params: [], variadic: 'any', fn: (args) => sprintln(args.map((a) => a.v)) },
  printf: { params: ['string'], variadic: 'any', fn: ([f, ...args]) => sprintf(f!.v as string, args.map((a) => a.v)) },
  html: { params: [], variadic: 'any', fn: (args) => htmlEscape(evalArgs(args)) },
  js: { params: [], variadic: 'any', fn: (args) => jsEscape(evalArgs(args)) },
  urlquery: { params: [], variadic: 'any', fn: (args) => urlQuery(evalArgs(args)) },
  call: { params: ['any'], variadic: 'any', unsupported: true },
};

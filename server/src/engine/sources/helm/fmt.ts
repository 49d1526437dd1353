/**
 * Go's fmt for template values: Sprint, Sprintln and Sprintf with the verbs charts use (%v %s %d %q %f %e
 * %g %t %x %X %o %b %c %U %%), flags (- + # 0 space), width and precision, and Go's `%!verb(type=value)`
 * forms for mismatched, missing and extra arguments.
 */
import { utf8Encode } from './utf8';
import { formatFloatG, printValue, typeName, type GoValue } from './values';

const MAX_WIDTH = 100_000;

export function sprint(args: GoValue[]): string {
  let out = '';
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    // Sprint adds spaces between operands when neither is a string.
    if (i > 0 && typeof a !== 'string' && typeof args[i - 1] !== 'string') out += ' ';
    out += vString(a);
  }
  return out;
}

export function sprintln(args: GoValue[]): string {
  return args.map(vString).join(' ') + '\n';
}

function vString(a: GoValue): string {
  return a === null || a === undefined ? '<nil>' : printValue(a, true);
}

/** strconv.Quote. */
export function goQuote(s: string): string {
  let out = '"';
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    if (ch === '"') out += '\\"';
    else if (ch === '\\') out += '\\\\';
    else if (ch === '\n') out += '\\n';
    else if (ch === '\t') out += '\\t';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\x07') out += '\\a';
    else if (ch === '\b') out += '\\b';
    else if (ch === '\f') out += '\\f';
    else if (ch === '\v') out += '\\v';
    else if (c < 0x20 || c === 0x7f) out += '\\x' + c.toString(16).padStart(2, '0');
    else if ((c >= 0x80 && c < 0xa0) || c === 0xfffd || (c >= 0xd800 && c < 0xe000)) out += c > 0xffff ? '\\U' + c.toString(16).padStart(8, '0') : '\\u' + c.toString(16).padStart(4, '0');
    else out += ch;
  }
  return out + '"';
}

interface Spec {
  minus: boolean;
  plus: boolean;
  sharp: boolean;
  zero: boolean;
  space: boolean;
  width?: number;
  prec?: number;
}

function pad(s: string, f: Spec, numeric: boolean): string {
  if (f.width === undefined || s.length >= f.width) return s;
  const n = f.width - s.length;
  if (f.minus) return s + ' '.repeat(n);
  if (f.zero && numeric) {
    const sign = /^[+\- ]/.test(s) ? s[0]! : '';
    return sign + '0'.repeat(n) + s.slice(sign.length);
  }
  return ' '.repeat(n) + s;
}

function bad(verb: string, a: GoValue): string {
  if (a === null || a === undefined) return `%!${verb}(<nil>)`;
  return `%!${verb}(${typeName(a)}=${printValue(a, true)})`;
}

function intStr(v: bigint, verb: string, f: Spec): string {
  const neg = v < 0n;
  const abs = neg ? -v : v;
  let digits: string;
  switch (verb) {
    case 'x': digits = abs.toString(16); if (f.sharp) digits = '0x' + digits; break;
    case 'X': digits = abs.toString(16).toUpperCase(); if (f.sharp) digits = '0X' + digits; break;
    case 'o': digits = abs.toString(8); if (f.sharp) digits = '0' + digits; break;
    case 'O': digits = '0o' + abs.toString(8); break;
    case 'b': digits = abs.toString(2); break;
    default: digits = abs.toString(10);
  }
  if (f.prec !== undefined && digits.length < f.prec) digits = '0'.repeat(f.prec - digits.length) + digits;
  const sign = neg ? '-' : f.plus ? '+' : f.space ? ' ' : '';
  return pad(sign + digits, f, f.prec === undefined);
}

function floatStr(v: number, verb: string, f: Spec): string {
  let s: string;
  if (!Number.isFinite(v)) s = Number.isNaN(v) ? 'NaN' : v > 0 ? '+Inf' : '-Inf';
  else if (verb === 'f' || verb === 'F') s = Math.abs(v).toFixed(Math.min(f.prec ?? 6, 100));
  else if (verb === 'e' || verb === 'E') {
    s = Math.abs(v).toExponential(Math.min(f.prec ?? 6, 100)).replace(/e([+-])(\d)$/, 'e$10$2');
    if (verb === 'E') s = s.toUpperCase();
  } else {
    s = f.prec === undefined ? formatFloatG(Math.abs(v)) : goG(Math.abs(v), f.prec);
    if (verb === 'G') s = s.toUpperCase();
  }
  if (Number.isFinite(v)) {
    const neg = v < 0 || Object.is(v, -0);
    s = (neg ? '-' : f.plus ? '+' : f.space ? ' ' : '') + s;
  } else if (s === '+Inf' && !f.plus) s = 'Inf'.replace(/^/, f.space ? ' ' : '+');
  return pad(s, f, Number.isFinite(v));
}

function goG(v: number, prec: number): string {
  const p = prec === 0 ? 1 : prec;
  if (v === 0) return '0';
  const exp = Math.floor(Math.log10(v));
  if (exp < -4 || exp >= p) return v.toExponential(p - 1).replace(/\.?0+e/, 'e').replace(/e([+-])(\d)$/, 'e$10$2');
  return String(Number(v.toPrecision(p)));
}

function strStr(s: string, f: Spec): string {
  if (f.prec !== undefined) s = [...s].slice(0, f.prec).join('');
  return pad(s, f, false);
}

function hexString(s: string, upper: boolean): string {
  const bytes = utf8Encode(s);
  let out = '';
  for (const b of bytes) out += b.toString(16).padStart(2, '0');
  return upper ? out.toUpperCase() : out;
}

function formatOne(verb: string, a: GoValue, f: Spec): string {
  if (Array.isArray(a) && verb !== 'v' && verb !== 'T') return `[${a.map((x) => formatOne(verb, x, { ...f, width: undefined })).join(' ')}]`;
  switch (verb) {
    case 'v':
      if (typeof a === 'bigint') return intStr(a, 'd', f);
      if (typeof a === 'number') return f.prec !== undefined ? floatStr(a, 'g', f) : pad((a < 0 || !f.plus ? '' : '+') + formatFloatG(a), f, true);
      if (typeof a === 'string' && f.sharp) return pad(goQuote(a), f, false);
      return pad(vString(a), f, false);
    case 'T': return pad(a === null || a === undefined ? '<nil>' : typeName(a), f, false);
    case 's':
      if (typeof a === 'string') return strStr(a, f);
      if (a instanceof Map) return pad(printValue(a, true), f, false);
      return bad(verb, a);
    case 'q':
      if (typeof a === 'string') return pad(f.sharp && !a.includes('`') ? '`' + a + '`' : goQuote(a), f, false);
      if (typeof a === 'bigint') return pad(`'${String.fromCodePoint(Number(a))}'`, f, false);
      return bad(verb, a);
    case 't': return typeof a === 'boolean' ? pad(String(a), f, false) : bad(verb, a);
    case 'd': return typeof a === 'bigint' ? intStr(a, 'd', f) : bad(verb, a);
    case 'b': case 'o': case 'O':
      return typeof a === 'bigint' ? intStr(a, verb, f) : bad(verb, a);
    case 'x': case 'X':
      if (typeof a === 'bigint') return intStr(a, verb, f);
      if (typeof a === 'string') return pad(hexString(a, verb === 'X'), f, false);
      return bad(verb, a);
    case 'c': return typeof a === 'bigint' ? pad(String.fromCodePoint(Number(a) > 0x10ffff || a < 0n ? 0xfffd : Number(a)), f, false) : bad(verb, a);
    case 'U': return typeof a === 'bigint' ? pad('U+' + a.toString(16).toUpperCase().padStart(4, '0'), f, false) : bad(verb, a);
    case 'e': case 'E': case 'f': case 'F': case 'g': case 'G':
      return typeof a === 'number' ? floatStr(a, verb, f) : bad(verb, a);
  }
  return `%!${verb}(${a === null || a === undefined ? '<nil>' : `${typeName(a)}=${printValue(a, true)}`})`;
}

/** fmt.Sprintf. */
export function sprintf(format: string, args: GoValue[]): string {
  let out = '';
  let argi = 0;
  let i = 0;
  while (i < format.length) {
    const pct = format.indexOf('%', i);
    if (pct < 0) { out += format.slice(i); break; }
    out += format.slice(i, pct);
    i = pct + 1;
    const f: Spec = { minus: false, plus: false, sharp: false, zero: false, space: false };
    for (; i < format.length; i++) {
      const c = format[i];
      if (c === '-') f.minus = true;
      else if (c === '+') f.plus = true;
      else if (c === '#') f.sharp = true;
      else if (c === '0') f.zero = true;
      else if (c === ' ') f.space = true;
      else break;
    }
    const num = (): number | undefined => {
      if (format[i] === '*') {
        i++;
        const a = args[argi++];
        return typeof a === 'bigint' ? Math.min(Number(a), MAX_WIDTH) : undefined;
      }
      const m = /^\d+/.exec(format.slice(i, i + 7));
      if (!m) return undefined;
      i += m[0].length;
      return Math.min(Number(m[0]), MAX_WIDTH);
    };
    f.width = num();
    if (format[i] === '.') {
      i++;
      f.prec = num() ?? 0;
    }
    const verb = format[i];
    if (verb === undefined) { out += '%!(NOVERB)'; break; }
    i++;
    if (verb === '%') { out += '%'; continue; }
    if (argi >= args.length) { out += `%!${verb}(MISSING)`; continue; }
    out += formatOne(verb, args[argi++], f);
  }
  if (argi < args.length) {
    out += '%!(EXTRA ' + args.slice(argi).map((a) => (a === null || a === undefined ? '<nil>' : `${typeName(a)}=${printValue(a, true)}`)).join(', ') + ')';
  }
  return out;
}

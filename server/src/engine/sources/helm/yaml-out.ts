/**
 * Helm's toYaml (sigs.k8s.io/yaml: the value through JSON, then go-yaml v2's emitter): keys sorted in
 * go-yaml's order, 2-space indent, sequences not indented under their key, strings quoted when they would
 * read as another type, `|-` blocks for multi-line strings; no trailing newline. Also toJson.
 * Every scalar that came from a values file gets a piece pointing at it.
 * Long plain and single-quoted strings fold at spaces past column 80, continuing two columns deeper, as
 * go-yaml's emitter does (double-quoted ones are not folded here).
 */
import type { Piece } from './values';
import { formatFloatG, GoStruct, MAX_PRINT_NODES, originIn, printValue, type GoValue } from './values';

const BOOLS = new Set(['y', 'Y', 'yes', 'Yes', 'YES', 'n', 'N', 'no', 'No', 'NO', 'true', 'True', 'TRUE', 'false', 'False', 'FALSE', 'on', 'On', 'ON', 'off', 'Off', 'OFF']);
const NULLS = new Set(['', '~', 'null', 'Null', 'NULL']);
const SPECIAL_FLOATS = /^[-+]?\.(inf|Inf|INF)$|^\.(nan|NaN|NAN)$/;
const INT = /^[-+]?(0[xX][0-9a-fA-F](_?[0-9a-fA-F])*|0[bB][01](_?[01])*|0[oO]?[0-7](_?[0-7])*|[0-9](_?[0-9])*)$/;
const FLOAT = /^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$/;
const BASE60 = /^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?$/;
const TIMESTAMP = /^\d{4}-\d{1,2}-\d{1,2}(?:(?:[Tt]|[ \t]+)\d{1,2}:\d{1,2}:\d{1,2}(?:\.\d*)?(?:[ \t]*(?:Z|[-+]\d{1,2}(?::?\d{2})?))?)?$/;

/** True when go-yaml v2 would read the plain text `s` as something other than a string. */
export function resolvesNonString(s: string): boolean {
  if (NULLS.has(s) || BOOLS.has(s) || s === '<<' || SPECIAL_FLOATS.test(s)) return true;
  if (!/^[-+.0-9]/.test(s)) return false;
  return INT.test(s) || FLOAT.test(s) || BASE60.test(s) || TIMESTAMP.test(s);
}

const NON_PRINTABLE = /[^\n\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufefe\uff00-\ufffd\ud800-\udbff\udc00-\udfff]/;

type Style = 'plain' | 'single' | 'double' | 'literal';

export function scalarStyle(s: string): Style {
  const special = NON_PRINTABLE.test(s);
  const spaceBreak = s.includes(' \n');
  const breakSpace = s.includes('\n ');
  if (s.includes('\n')) return !special && !spaceBreak && !s.endsWith(' ') ? 'literal' : 'double';
  if (resolvesNonString(s)) return 'double';
  let plain = !special && s.length > 0 && !s.startsWith('---') && !s.startsWith('...');
  plain &&= !s.startsWith(' ') && !s.endsWith(' ');
  if (plain) {
    const c = s[0]!;
    const ws1 = s.length === 1 || s[1] === ' ';
    if ('#,[]{}&*!|>\'"%@`'.includes(c)) plain = false;
    else if ((c === '?' || c === ':' || c === '-') && ws1) plain = false;
    else if (/: |:$| #/.test(s)) plain = false;
  }
  if (plain) return 'plain';
  if (!special && !spaceBreak && !breakSpace) return 'single';
  return 'double';
}

const DQ_ESC: Record<string, string> = { '\0': '\\0', '\x07': '\\a', '\b': '\\b', '\t': '\\t', '\n': '\\n', '\v': '\\v', '\f': '\\f', '\r': '\\r', '\x1b': '\\e', '"': '\\"', '\\': '\\\\', '\x85': '\\N', '\xa0': '\\_', '\u2028': '\\L', '\u2029': '\\P' };

function doubleQuoted(s: string): string {
  let out = '"';
  for (const ch of s) {
    const esc = DQ_ESC[ch];
    if (esc) out += esc;
    else if (NON_PRINTABLE.test(ch) || ch === '\ufeff') {
      const c = ch.codePointAt(0)!;
      out += c <= 0xff ? '\\x' + c.toString(16).toUpperCase().padStart(2, '0') : c <= 0xffff ? '\\u' + c.toString(16).toUpperCase().padStart(4, '0') : '\\U' + c.toString(16).toUpperCase().padStart(8, '0');
    } else out += ch;
  }
  return out + '"';
}

/** go-yaml v2's key order: runs of digits compare as numbers, non-letters before letters. */
export function yamlKeyLess(a: string, b: string): number {
  const ar = [...a];
  const br = [...b];
  const isLetter = (c: string): boolean => /\p{L}/u.test(c);
  const isDigit = (c: string | undefined): boolean => c !== undefined && c >= '0' && c <= '9';
  for (let i = 0; i < ar.length && i < br.length; i++) {
    if (ar[i] === br[i]) continue;
    const al = isLetter(ar[i]!);
    const bl = isLetter(br[i]!);
    if (al && bl) return ar[i]! < br[i]! ? -1 : 1;
    if (al || bl) return bl ? -1 : 1;
    let an = 0;
    let bn = 0;
    if (ar[i] === '0' || br[i] === '0') {
      for (let j = i - 1; j >= 0 && isDigit(ar[j]); j--) if (ar[j] !== '0') { an = 1; bn = 1; break; }
    }
    let ai = i;
    let bi = i;
    for (; ai < ar.length && isDigit(ar[ai]); ai++) an = an * 10 + Number(ar[ai]);
    for (; bi < br.length && isDigit(br[bi]); bi++) bn = bn * 10 + Number(br[bi]);
    if (an !== bn) return an < bn ? -1 : 1;
    if (ai !== bi) return ai < bi ? -1 : 1;
    return ar[i]! < br[i]! ? -1 : 1;
  }
  return ar.length - br.length;
}

/** A number as it comes out of JSON and back through go-yaml. */
export function yamlNumber(v: number | bigint): string {
  if (typeof v === 'bigint') return v.toString();
  if (Number.isInteger(v) && Math.abs(v) < 1e21) return BigInt(v).toString();
  return formatFloatG(v);
}

const BEST_WIDTH = 80;

/**
 * go-yaml's line folding of a plain or single-quoted scalar written from `column`: a single space (not the
 * first or last character when quoted) past column 80 becomes a line break and `indent` spaces.
 */
function fold(s: string, column: number, indent: number, quoted: boolean): string {
  if (column + s.length <= BEST_WIDTH) return s;
  let out = '';
  let col = column;
  let spaces = false;
  for (let i = 0; i < s.length; i++) {
    const c = s[i]!;
    if (c === ' ') {
      const inner = !quoted || (i !== 1 && i !== s.length - 2);
      if (!spaces && col > BEST_WIDTH && inner && s[i + 1] !== ' ') {
        out += '\n' + ' '.repeat(indent);
        col = indent;
      } else {
        out += c;
        col++;
      }
      spaces = true;
    } else {
      out += c;
      col++;
      spaces = false;
    }
  }
  return out;
}

class Emitter {
  text = '';
  pieces: Piece[] = [];
  nodes = 0;

  count(): void {
    if (++this.nodes > MAX_PRINT_NODES || this.text.length > 50_000_000) throw new RangeError('value too large for toYaml');
  }

  scalar(v: GoValue, container: object | undefined, key: string | number | undefined, indent: number): void {
    this.count();
    const origin = container !== undefined && key !== undefined ? originIn(container, key) : undefined;
    let s: string;
    let inner = 0;
    let innerLen = -1;
    if (v === null || v === undefined) s = 'null';
    else if (typeof v === 'boolean') s = String(v);
    else if (typeof v === 'number' || typeof v === 'bigint') s = yamlNumber(v);
    else if (v instanceof Map) s = '{}';
    else if (Array.isArray(v)) s = '[]';
    else {
      const str = typeof v === 'string' ? v : printValue(v, true);
      const style = scalarStyle(str);
      if (style === 'plain') s = str;
      else if (style === 'single') { s = `'${str.replace(/'/g, "''")}'`; inner = 1; innerLen = str.includes("'") ? -2 : str.length; }
      else if (style === 'double') { s = doubleQuoted(str); inner = 1; innerLen = s.length - 2 === str.length ? str.length : -2; }
      else {
        const pad = ' '.repeat(indent + 2);
        const chomp = str.endsWith('\n') ? (/\n\n$/.test(str) || str === '\n' ? '+' : '') : '-';
        const ind = str.startsWith(' ') || str.startsWith('\n') ? '2' : '';
        const body = (chomp === '' || chomp === '+' ? str.replace(/\n$/, '') : str).split('\n').map((l) => (l === '' ? '' : pad + l)).join('\n');
        s = `|${ind}${chomp}\n${body}`;
        innerLen = -2;
      }
    }
    if (typeof v === 'string' && (scalarStyle(v) === 'plain' || scalarStyle(v) === 'single')) {
      const folded = fold(s, this.text.length - (this.text.lastIndexOf('\n') + 1), indent + 2, s.startsWith("'"));
      if (folded !== s) {
        s = folded;
        inner = 0;
        innerLen = s.length;
      }
    }
    if (origin && innerLen !== -2 && (typeof v !== 'object' || v === null)) {
      const len = innerLen === -1 ? s.length : innerLen;
      this.pieces.push({ start: this.text.length + inner, end: this.text.length + inner + len, origin });
    }
    this.text += s;
  }

  isBlock(v: GoValue): boolean {
    return (v instanceof Map && v.size > 0) || (Array.isArray(v) && v.length > 0);
  }

  node(v: GoValue, indent: number, inline: boolean, container?: object, key?: string | number): void {
    this.count();
    if (v instanceof Map && v.size > 0) return this.mapping(v, indent, inline);
    if (Array.isArray(v) && v.length > 0) return this.sequence(v, indent, inline);
    if (v instanceof GoStruct) return this.mapping(v.fields, indent, inline);
    this.scalar(v, container, key, indent);
    this.text += '\n';
  }

  mapping(m: Map<string, GoValue>, indent: number, inline: boolean): void {
    const keys = [...m.keys()].sort(yamlKeyLess);
    keys.forEach((k, i) => {
      if (i > 0 || !inline) this.text += ' '.repeat(indent);
      const ks = scalarStyle(k);
      this.text += (ks === 'plain' ? k : ks === 'single' ? `'${k.replace(/'/g, "''")}'` : doubleQuoted(k)) + ':';
      const v = m.get(k);
      if (v instanceof Map && v.size > 0) { this.text += '\n'; this.mapping(v, indent + 2, false); }
      else if (Array.isArray(v) && v.length > 0) { this.text += '\n'; this.sequence(v, indent, false); }
      else { this.text += ' '; this.scalar(v, m, k, indent); this.text += '\n'; }
    });
  }

  sequence(l: GoValue[], indent: number, inline: boolean): void {
    l.forEach((v, i) => {
      if (i > 0 || !inline) this.text += ' '.repeat(indent);
      this.text += '- ';
      if (this.isBlock(v)) this.node(v, indent + 2, true);
      else { this.scalar(v, l, i, indent); this.text += '\n'; }
    });
  }
}

/** toYaml: the text without its final newline, and the pieces of scalars that came from values files. */
export function toYaml(v: GoValue, container?: object, key?: string | number): { text: string; pieces: Piece[] } {
  const e = new Emitter();
  e.node(v, 0, false, container, key);
  const text = e.text.endsWith('\n') ? e.text.slice(0, -1) : e.text;
  return { text, pieces: e.pieces };
}

function jsonString(s: string): string {
  return JSON.stringify(s).replace(/[<>&\u2028\u2029]/g, (c) => '\\u' + c.charCodeAt(0).toString(16).padStart(4, '0'));
}

/** encoding/json Marshal (HTML-escaped strings, sorted keys, numbers as Go writes float64). */
export function toJson(v: GoValue, depth = 0, budget = { n: 0 }): string {
  if (depth > 1000 || ++budget.n > MAX_PRINT_NODES) throw new Error('json: unsupported value: too large');
  if (v === null || v === undefined) return 'null';
  if (typeof v === 'boolean') return String(v);
  if (typeof v === 'bigint') return v.toString();
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) throw new Error(`json: unsupported value: ${formatFloatG(v)}`);
    return String(v).replace(/e([+-])(\d)$/, 'e$1$2');
  }
  if (typeof v === 'string') return jsonString(v);
  if (Array.isArray(v)) return `[${v.map((x) => toJson(x, depth + 1, budget)).join(',')}]`;
  if (v instanceof Map) {
    const keys = [...v.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${keys.map((k) => `${jsonString(k)}:${toJson(v.get(k), depth + 1, budget)}`).join(',')}}`;
  }
  if (v instanceof GoStruct) return toJson(v.fields, depth + 1, budget);
  return 'null';
}

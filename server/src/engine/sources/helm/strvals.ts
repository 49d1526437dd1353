/**
 * Helm's `--set` syntax (pkg/strvals): `a.b=1,c[0]=x,d={p,q}`, with `\` escapes, typed values
 * (true/false/null, base-10 integers without leading zeros → int64, everything else a string).
 */
import type { GoValue } from './values';

const MAX_INDEX = 65536;

export class StrvalsError {
  constructor(readonly message: string) {}
}

/** Helm's typedVal: `true`/`false` (any case), `null`, integers; otherwise the string. */
export function typedVal(v: string): GoValue {
  if (v.toLowerCase() === 'true') return true;
  if (v.toLowerCase() === 'false') return false;
  if (v.toLowerCase() === 'null') return null;
  if (v === '0') return 0n;
  if (/^[+-]?[1-9][0-9]*$/.test(v)) {
    const n = BigInt(v);
    if (n <= 2n ** 63n - 1n && n >= -(2n ** 63n)) return n;
  }
  return v;
}

class Reader {
  i = 0;
  constructor(readonly s: string) {}
  eof(): boolean {
    return this.i >= this.s.length;
  }
  /** Reads until one of `stops` (unescaped); returns the text and the stop (or undefined at EOF). */
  until(stops: string): { text: string; stop?: string } {
    let text = '';
    while (this.i < this.s.length) {
      const c = this.s[this.i++]!;
      if (c === '\\' && this.i < this.s.length) { text += this.s[this.i++]!; continue; }
      if (stops.includes(c)) return { text, stop: c };
      text += c;
    }
    return { text };
  }
}

function setList(list: GoValue[], idx: number, v: GoValue): void {
  while (list.length <= idx) list.push(null);
  list[idx] = v;
}

function index(r: Reader): number {
  const { text, stop } = r.until(']');
  if (stop !== ']') throw new StrvalsError(`missing ] in index`);
  if (!/^\d+$/.test(text)) throw new StrvalsError(`invalid index ${JSON.stringify(text)}`);
  const n = Number(text);
  if (n > MAX_INDEX) throw new StrvalsError(`index of ${n} is greater than maximum supported index of ${MAX_INDEX}`);
  return n;
}

function value(r: Reader): GoValue {
  if (r.s[r.i] === '{') {
    r.i++;
    const items: GoValue[] = [];
    for (;;) {
      const { text, stop } = r.until(',}');
      items.push(typedVal(text));
      if (stop === '}') break;
      if (stop === undefined) throw new StrvalsError('list must terminate with }');
    }
    const after = r.until(',');
    if (after.text !== '') throw new StrvalsError(`unexpected data at end of array`);
    return items;
  }
  const { text } = r.until(',');
  return typedVal(text);
}

/** Applies the rest of a key at a list element: `[i]…`. */
function listKey(r: Reader, list: GoValue[], depth: number): GoValue[] {
  if (depth > 100) throw new StrvalsError('nesting too deep');
  const i = index(r);
  const c = r.s[r.i++];
  if (c === '=') setList(list, i, value(r));
  else if (c === '.') {
    const cur = list[i];
    const m = cur instanceof Map ? cur : new Map<string, GoValue>();
    setList(list, i, m);
    key(r, m, depth + 1);
  } else if (c === '[') {
    const cur = list[i];
    setList(list, i, listKey(r, Array.isArray(cur) ? cur : [], depth + 1));
  } else throw new StrvalsError(`unexpected data after index`);
  return list;
}

/** Parses one `key=value` (the key may be a path) into `data`. */
function key(r: Reader, data: Map<string, GoValue>, depth: number): void {
  if (depth > 100) throw new StrvalsError('nesting too deep');
  const { text, stop } = r.until('=[,.');
  if (stop === undefined) {
    if (text === '') return;
    throw new StrvalsError(`key ${JSON.stringify(text)} has no value`);
  }
  if (stop === ',') throw new StrvalsError(`key ${JSON.stringify(text)} has no value (cannot end with ,)`);
  if (stop === '=') {
    data.set(text, value(r));
    return;
  }
  if (stop === '.') {
    const cur = data.get(text);
    const m = cur instanceof Map ? cur : new Map<string, GoValue>();
    data.set(text, m);
    key(r, m, depth + 1);
    return;
  }
  const cur = data.get(text);
  data.set(text, listKey(r, Array.isArray(cur) ? cur : [], depth + 1));
}

/** Parses a `--set` expression into `data` (which it extends). Throws StrvalsError on bad syntax. */
export function parseSet(expr: string, data: Map<string, GoValue>): void {
  const r = new Reader(expr);
  while (!r.eof()) key(r, data, 0);
}

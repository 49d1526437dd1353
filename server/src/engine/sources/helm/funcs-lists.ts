/**
 * Sprig's list, dictionary, defaults and type functions.
 */
import { FuncError, type FuncDef } from './call';
import { strval } from './funcs-strings';
import { deepCopy, GoStruct, kindName, MAX_PRINT_NODES, ORIGINS, printValue, setOrigin, typeName, type GoValue, type Piece, type Val } from './values';

/** Sprig's empty. */
export function empty(v: GoValue): boolean {
  if (v === null || v === undefined) return true;
  switch (typeof v) {
    case 'string': return v.length === 0;
    case 'boolean': return !v;
    case 'bigint': return v === 0n;
    case 'number': return v === 0;
  }
  if (Array.isArray(v)) return v.length === 0;
  if (v instanceof Map) return v.size === 0;
  return false;
}

function list(v: GoValue, fn: string): GoValue[] {
  if (Array.isArray(v)) return v;
  if (v === null || v === undefined) throw new FuncError(`Cannot find ${fn} on type <nil>`);
  throw new FuncError(`Cannot find ${fn} on type ${kindName(v)}`);
}

function map(v: GoValue): Map<string, GoValue> {
  if (v instanceof Map) return v;
  return new Map();
}

/** The origin a Val carries when its whole printed text came from one place. */
function wholeOrigin(a: Val): Piece['origin'] | undefined {
  const p = a.p;
  if (!p || p.length !== 1) return undefined;
  return p[0]!.start === 0 && p[0]!.end === printValue(a.v).length ? p[0]!.origin : undefined;
}

/** A new list whose scalars keep their origins. */
function listOf(items: Val[]): GoValue[] {
  const out = items.map((a) => a.v);
  items.forEach((a, i) => setOrigin(out, i, wholeOrigin(a)));
  return out;
}

/** A list derived from `src` (same elements, maybe reordered): origins follow the elements. */
function derived(src: GoValue[], picked: number[]): GoValue[] {
  const out = picked.map((i) => src[i]);
  const o = ORIGINS.get(src);
  if (o) picked.forEach((i, j) => setOrigin(out, j, o.get(i)));
  return out;
}

function deepEqual(a: GoValue, b: GoValue, budget = { n: 0 }): boolean {
  if (a === b) return true;
  if (++budget.n > MAX_PRINT_NODES) throw new RangeError('values too large to compare');
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => deepEqual(x, b[i], budget));
  if (a instanceof Map && b instanceof Map) return a.size === b.size && [...a].every(([k, x]) => b.has(k) && deepEqual(x, b.get(k), budget));
  return false;
}

/** mergo.Merge: dst keeps its values; missing keys (and nested maps) filled from src. With override, src wins. */
function mergeInto(dst: Map<string, GoValue>, src: Map<string, GoValue>, override: boolean, depth = 0): void {
  if (depth > 100) return;
  for (const [k, sv] of src) {
    const dv = dst.get(k);
    if (dv instanceof Map && sv instanceof Map) { mergeInto(dv, sv, override, depth + 1); continue; }
    if (!dst.has(k) || (override ? !empty(sv) : empty(dv))) {
      dst.set(k, sv);
      setOrigin(dst, k, ORIGINS.get(src)?.get(k));
    }
  }
}

const first = (args: Val[]): Val => args[0]!;

export const LIST_FUNCS: Record<string, FuncDef> = {
  default: {
    params: ['any'], variadic: 'any', val: true,
    fn: ([d, ...given]) => (given.length === 0 || empty(given[0]!.v) ? d! : given[0]!),
  },
  empty: { params: ['any'], fn: ([a]) => empty(a!.v) },
  coalesce: { params: [], variadic: 'any', val: true, fn: (args) => args.find((a) => !empty(a.v)) ?? { v: null } },
  all: { params: [], variadic: 'any', fn: (args) => args.every((a) => !empty(a.v)) },
  any: { params: [], variadic: 'any', fn: (args) => args.some((a) => !empty(a.v)) },
  ternary: { params: ['any', 'any', 'bool'], val: true, fn: ([t, f, c]) => (c!.v ? t! : f!) },
  list: { params: [], variadic: 'any', fn: (args) => listOf(args) },
  tuple: { params: [], variadic: 'any', fn: (args) => listOf(args) },
  first: { params: ['any'], val: true, fn: ([a]) => { const l = list(a!.v, 'first'); return l.length === 0 ? { v: null } : elem(l, 0); } },
  last: { params: ['any'], val: true, fn: ([a]) => { const l = list(a!.v, 'last'); return l.length === 0 ? { v: null } : elem(l, l.length - 1); } },
  rest: { params: ['any'], fn: ([a]) => { const l = list(a!.v, 'rest'); return l.length === 0 ? null : derived(l, l.map((_, i) => i).slice(1)); } },
  initial: { params: ['any'], fn: ([a]) => { const l = list(a!.v, 'initial'); return l.length === 0 ? null : derived(l, l.map((_, i) => i).slice(0, -1)); } },
  reverse: { params: ['any'], fn: ([a]) => { const l = list(a!.v, 'reverse'); return derived(l, l.map((_, i) => i).reverse()); } },
  append: { params: ['any', 'any'], fn: ([a, v]) => { const l = list(a!.v ?? [], 'append'); const out = derived(l, l.map((_, i) => i)); out.push(v!.v); setOrigin(out, out.length - 1, wholeOrigin(v!)); return out; } },
  prepend: { params: ['any', 'any'], fn: ([a, v]) => [v!.v, ...list(a!.v ?? [], 'prepend')] },
  concat: { params: [], variadic: 'any', fn: (args) => args.flatMap((a) => (a.v === null ? [] : list(a.v, 'concat'))) },
  uniq: { params: ['any'], fn: ([a]) => { const l = list(a!.v, 'uniq'); const keep: number[] = []; l.forEach((x, i) => { if (!keep.some((j) => deepEqual(l[j], x))) keep.push(i); }); return derived(l, keep); } },
  without: { params: ['any'], variadic: 'any', fn: ([a, ...w]) => { const l = list(a!.v, 'without'); return derived(l, l.map((_, i) => i).filter((i) => !w.some((x) => deepEqual(x.v, l[i])))); } },
  has: { params: ['any', 'any'], fn: ([needle, hay]) => (hay!.v === null ? false : list(hay!.v, 'has').some((x) => deepEqual(x, needle!.v))) },
  compact: { params: ['any'], fn: ([a]) => { const l = list(a!.v, 'compact'); return derived(l, l.map((_, i) => i).filter((i) => !empty(l[i]))); } },
  // Sprig's slice replaces Go's builtin in Helm: lists only, indexes converted like Sprig's toInt.
  slice: {
    params: ['any'], variadic: 'any',
    fn: ([a, ...idx]) => {
      const l = list(a!.v, 'slice');
      const toN = (x: Val): number => (typeof x.v === 'bigint' ? Number(x.v) : typeof x.v === 'number' ? Math.trunc(x.v) : 0);
      const start = idx.length > 0 ? toN(idx[0]!) : 0;
      const end = idx.length > 1 ? toN(idx[1]!) : l.length;
      if (start < 0 || end > l.length || start > end) throw new FuncError(`runtime error: slice bounds out of range [${start}:${end}]`);
      return derived(l, l.map((_, i) => i).slice(start, end));
    },
  },
  chunk: {
    params: ['int', 'any'],
    fn: ([size, a]) => {
      const k = Number(size!.v as bigint);
      const l = list(a!.v, 'chunk');
      if (k <= 0) throw new FuncError('size must be positive');
      const out: GoValue[] = [];
      for (let i = 0; i < l.length; i += k) out.push(l.slice(i, i + k));
      return out;
    },
  },
  until: { params: ['int'], fn: ([c]) => range(0n, c!.v as bigint, (c!.v as bigint) < 0n ? -1n : 1n) },
  untilStep: { params: ['int', 'int', 'int'], fn: ([a, b, st]) => range(a!.v as bigint, b!.v as bigint, st!.v as bigint) },
  seq: { params: [], variadic: 'any', fn: (args) => seq(args.map((a) => a.v)) },
  dict: {
    params: [], variadic: 'any',
    fn: (args) => {
      const m = new Map<string, GoValue>();
      for (let i = 0; i < args.length; i += 2) {
        const k = strval(args[i]!.v);
        const v = i + 1 < args.length ? args[i + 1]! : { v: '' };
        m.set(k, v.v);
        setOrigin(m, k, wholeOrigin(v));
      }
      return m;
    },
  },
  get: { params: ['map', 'string'], val: true, fn: ([m, k]) => { const d = map(m!.v); const key = k!.v as string; return d.has(key) ? elem(d, key) : { v: '' }; } },
  set: { params: ['map', 'string', 'any'], fn: ([m, k, v]) => { const d = map(m!.v); d.set(k!.v as string, v!.v); setOrigin(d, k!.v as string, wholeOrigin(v!)); return d; } },
  unset: { params: ['map', 'string'], fn: ([m, k]) => { const d = map(m!.v); d.delete(k!.v as string); return d; } },
  hasKey: { params: ['map', 'string'], fn: ([m, k]) => map(m!.v).has(k!.v as string) },
  keys: { params: [], variadic: 'map', fn: (args) => args.flatMap((a) => [...map(a.v).keys()]) },
  values: { params: ['map'], fn: ([m]) => [...map(m!.v).values()] },
  pluck: { params: ['string'], variadic: 'map', fn: ([k, ...ms]) => ms.filter((m) => map(m.v).has(k!.v as string)).map((m) => map(m.v).get(k!.v as string)) },
  pick: { params: ['map'], variadic: 'string', fn: ([m, ...ks]) => { const d = map(m!.v); const out = new Map<string, GoValue>(); for (const k of ks) if (d.has(k.v as string)) { out.set(k.v as string, d.get(k.v as string)); setOrigin(out, k.v as string, ORIGINS.get(d)?.get(k.v as string)); } return out; } },
  omit: { params: ['map'], variadic: 'string', fn: ([m, ...ks]) => { const d = map(m!.v); const drop = new Set(ks.map((k) => k.v as string)); const out = new Map<string, GoValue>(); for (const [k, v] of d) if (!drop.has(k)) { out.set(k, v); setOrigin(out, k, ORIGINS.get(d)?.get(k)); } return out; } },
  dig: {
    params: ['any'], variadic: 'any',
    fn: (args) => {
      if (args.length < 3) throw new FuncError('dig needs at least three arguments');
      const m = args[args.length - 1]!.v;
      const def = args[args.length - 2]!.v;
      let cur: GoValue = m;
      for (const k of args.slice(0, -2)) {
        if (!(cur instanceof Map) || !cur.has(k.v as string)) return def;
        cur = cur.get(k.v as string);
      }
      return cur;
    },
  },
  merge: { params: ['map'], variadic: 'any', fn: ([d, ...src]) => { const dst = map(d!.v); for (const s of src) if (s.v instanceof Map) mergeInto(dst, s.v, false); return dst; } },
  mergeOverwrite: { params: ['map'], variadic: 'any', fn: ([d, ...src]) => { const dst = map(d!.v); for (const s of src) if (s.v instanceof Map) mergeInto(dst, s.v, true); return dst; } },
  deepCopy: { params: ['any'], fn: ([a]) => deepCopy(a!.v) },
  kindOf: { params: ['any'], fn: ([a]) => kindName(a!.v) },
  kindIs: { params: ['string', 'any'], fn: ([k, a]) => kindName(a!.v) === k!.v },
  typeOf: { params: ['any'], fn: ([a]) => (a!.v === null ? '<nil>' : typeName(a!.v)) },
  typeIs: { params: ['string', 'any'], fn: ([t, a]) => typeName(a!.v) === t!.v },
  typeIsLike: { params: ['string', 'any'], fn: ([t, a]) => typeName(a!.v) === t!.v || '*' + typeName(a!.v) === t!.v },
  deepEqual: { params: ['any', 'any'], fn: ([a, b]) => deepEqual(a!.v, b!.v) },
  isStruct: { params: ['any'], fn: ([a]) => a!.v instanceof GoStruct },
  identity: { params: ['any'], val: true, fn: first },
};

function elem(container: GoValue[] | Map<string, GoValue>, key: number | string): Val {
  const v = Array.isArray(container) ? container[key as number] : container.get(key as string);
  const o = ORIGINS.get(container)?.get(key);
  return o && (typeof v !== 'object' || v === null) ? { v, p: [{ start: 0, end: printValue(v).length, origin: o }] } : { v };
}

const MAX_LIST = 1_000_000;

function range(start: bigint, stop: bigint, step: bigint): GoValue[] {
  const out: GoValue[] = [];
  if (step === 0n) return out;
  const count = (stop - start) / step;
  if (count > BigInt(MAX_LIST)) throw new FuncError(`list longer than ${MAX_LIST} elements`);
  if (step > 0n) for (let i = start; i < stop; i += step) out.push(i);
  else for (let i = start; i > stop; i += step) out.push(i);
  return out;
}

function toI(v: GoValue): bigint {
  return typeof v === 'bigint' ? v : typeof v === 'number' ? BigInt(Math.trunc(v)) : 0n;
}

function seq(args: GoValue[]): string {
  const p = args.map(toI);
  const [a, b, c] = p.length === 1 ? [1n, p[0]!, undefined] : p.length === 2 ? [p[0]!, p[1]!, undefined] : [p[0]!, p[2]!, p[1]!];
  const step = c ?? (b >= a ? 1n : -1n);
  if (step === 0n || (step > 0n && a > b) || (step < 0n && a < b)) return '';
  const out: string[] = [];
  for (let i = a; step > 0n ? i <= b : i >= b; i += step) {
    out.push(i.toString());
    if (out.length > MAX_LIST) throw new FuncError(`list longer than ${MAX_LIST} elements`);
  }
  return out.join(' ');
}

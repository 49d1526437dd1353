/**
 * How Go values are represented while rendering, and how their origins travel.
 *
 * Go value → JS: nil → `null` (a nil interface; `undefined` is Go's "invalid" value, e.g. the dot of a
 * `{{template "x"}}` without data), bool → boolean, string → string, int/int64 → bigint, float64 → number
 * (every number read from a values file is a float64, as Helm reads values through JSON), map → `Map`,
 * slice → array, structs with methods (.Chart, .Capabilities, .Files) → `GoStruct`.
 *
 * Origins: a scalar inside a map or list read from a values file has its node range recorded in a side table
 * keyed by its container (`ORIGINS`); evaluation carries a scalar's origin along in `Val.p` (pieces of its
 * printed text and where each came from), so that nothing is wrapped inside the value trees themselves.
 */

export type GoValue = unknown;

/** A range in a values (or template) file. */
export interface Origin {
  file: string;
  start: number;
  end: number;
}

/** `[start, end)` of a value's printed text came from `origin`. */
export interface Piece {
  start: number;
  end: number;
  origin: Origin;
}

/** An evaluated value with the origins of its printed text (none when it is not traceable). */
export interface Val {
  v: GoValue;
  p?: Piece[];
}

export type GoMethod = (args: GoValue[]) => GoValue;

export class GoStruct {
  constructor(
    readonly typeName: string,
    readonly fields: Map<string, GoValue>,
    readonly methods: Record<string, { arity: number; fn: GoMethod }> = {},
    readonly str?: string,
    /** For types Go can range over (Helm's Files is a map of path → bytes). */
    readonly entries?: () => Map<string, GoValue>,
  ) {}
}

/** Origins of the scalars in maps and lists read from values files, keyed by container then key/index. */
export const ORIGINS = new WeakMap<object, Map<string | number, Origin>>();

export function originIn(container: object, key: string | number): Origin | undefined {
  return ORIGINS.get(container)?.get(key);
}

export function setOrigin(container: object, key: string | number, origin: Origin | undefined): void {
  if (!origin) {
    ORIGINS.get(container)?.delete(key);
    return;
  }
  let m = ORIGINS.get(container);
  if (!m) ORIGINS.set(container, (m = new Map()));
  m.set(key, origin);
}

/** The Val of a scalar whose whole printed text came from `origin`. */
export function scalarVal(v: GoValue, origin: Origin | undefined): Val {
  if (!origin || v === null || typeof v === 'object') return { v };
  return { v, p: [{ start: 0, end: printValue(v).length, origin }] };
}

export function isMap(v: GoValue): v is Map<string, GoValue> {
  return v instanceof Map;
}

/** Go's strconv.FormatFloat(f, 'g', -1, 64), which is fmt's `%v`: shortest digits, exponent form when exp < -4 or exp >= 6. */
export function formatFloatG(f: number): string {
  if (Number.isNaN(f)) return 'NaN';
  if (f === Infinity) return '+Inf';
  if (f === -Infinity) return '-Inf';
  if (f === 0) return Object.is(f, -0) ? '-0' : '0';
  const [mant, expStr] = f.toExponential().split('e');
  const exp = Number(expStr);
  if (exp < -4 || exp >= 6) {
    const a = Math.abs(exp);
    return `${mant}e${exp < 0 ? '-' : '+'}${a < 10 ? '0' : ''}${a}`;
  }
  return String(f);
}

/** Most nodes a printed or serialised value may have (shared sublists make values exponentially large). */
export const MAX_PRINT_NODES = 2_000_000;

/** fmt's `%v`, as text/template prints a value. Top-level nil prints as `<no value>`, which Helm removes. */
export function printValue(v: GoValue, nested = false): string {
  if (typeof v !== 'object' || v === null) return printScalar(v, nested);
  return printNode(v, nested, { n: 0 });
}

function printScalar(v: GoValue, nested: boolean): string {
  if (v === null || v === undefined) return nested ? '<nil>' : '';
  switch (typeof v) {
    case 'string': return v;
    case 'boolean': return v ? 'true' : 'false';
    case 'bigint': return v.toString();
    case 'number': return formatFloatG(v);
  }
  return String(v);
}

function printNode(v: GoValue, nested: boolean, budget: { n: number }): string {
  if (++budget.n > MAX_PRINT_NODES) throw new RangeError('value too large to print');
  if (typeof v !== 'object' || v === null) return printScalar(v, nested);
  if (Array.isArray(v)) return `[${v.map((x) => printNode(x, true, budget)).join(' ')}]`;
  if (v instanceof Map) {
    const keys = [...v.keys()].sort();
    return `map[${keys.map((k) => `${k}:${printNode(v.get(k), true, budget)}`).join(' ')}]`;
  }
  if (v instanceof GoStruct) {
    if (v.str !== undefined) return v.str;
    return `{${[...v.fields.values()].map((x) => printNode(x, true, budget)).join(' ')}}`;
  }
  return String(v);
}

/** Go's truth: false, 0, nil, and empty strings, lists and maps are false. */
export function truth(v: GoValue): boolean {
  if (v === null || v === undefined) return false;
  switch (typeof v) {
    case 'boolean': return v;
    case 'string': return v.length > 0;
    case 'number': return v !== 0;
    case 'bigint': return v !== 0n;
  }
  if (Array.isArray(v)) return v.length > 0;
  if (v instanceof Map) return v.size > 0;
  return true;
}

/** The Go type name used in error messages. */
export function typeName(v: GoValue): string {
  if (v === null || v === undefined) return '<nil>';
  switch (typeof v) {
    case 'string': return 'string';
    case 'boolean': return 'bool';
    case 'bigint': return 'int';
    case 'number': return 'float64';
  }
  if (Array.isArray(v)) return '[]interface {}';
  if (v instanceof Map) return 'map[string]interface {}';
  if (v instanceof GoStruct) return v.typeName;
  return 'interface {}';
}

/** Go's reflect kind name (Sprig's kindOf). */
export function kindName(v: GoValue): string {
  if (v === null || v === undefined) return 'invalid';
  switch (typeof v) {
    case 'string': return 'string';
    case 'boolean': return 'bool';
    case 'bigint': return 'int';
    case 'number': return 'float64';
  }
  if (Array.isArray(v)) return 'slice';
  if (v instanceof Map) return 'map';
  return 'ptr';
}

/** A deep copy of maps and lists (origins copied along). */
export function deepCopy(v: GoValue, budget = { n: 0 }): GoValue {
  if (++budget.n > MAX_PRINT_NODES) throw new RangeError('value too large to copy');
  if (Array.isArray(v)) {
    const out = v.map((x) => deepCopy(x, budget));
    const o = ORIGINS.get(v);
    if (o) ORIGINS.set(out, new Map(o));
    return out;
  }
  if (v instanceof Map) {
    const out = new Map<string, GoValue>();
    for (const [k, x] of v) out.set(k, deepCopy(x, budget));
    const o = ORIGINS.get(v);
    if (o) ORIGINS.set(out, new Map(o));
    return out;
  }
  return v;
}

/** Converts a plain JS value (from JSON or a YAML parse without origins) to the Go model, numbers as float64. */
export function fromPlain(x: unknown, depth = 0): GoValue {
  if (depth > 200) return null;
  if (x === undefined || x === null) return null;
  if (typeof x === 'number' || typeof x === 'string' || typeof x === 'boolean') return x;
  if (typeof x === 'bigint') return Number(x);
  if (x instanceof Date) return x.toISOString().replace('.000Z', 'Z');
  if (Array.isArray(x)) return x.map((e) => fromPlain(e, depth + 1));
  if (x instanceof Map) {
    const m = new Map<string, GoValue>();
    for (const [k, e] of x) m.set(String(k), fromPlain(e, depth + 1));
    return m;
  }
  if (typeof x === 'object') {
    const m = new Map<string, GoValue>();
    for (const k of Object.keys(x as object)) m.set(k, fromPlain((x as Record<string, unknown>)[k], depth + 1));
    return m;
  }
  return null;
}

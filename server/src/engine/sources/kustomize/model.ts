/**
 * The data tree the Kustomize builder works on: JSON-like values (what `kubectl kustomize` prints is the
 * JSON form of each resource) where every node remembers the file range that wrote it.
 */

/** Where a node's final value was written. `by` is the kustomization folder of the step that wrote it. */
export interface Org {
  file: string;
  start: number;
  end: number;
  /** The kustomization (folder) whose patch or entry wrote this node; unset for a resource file's own text. */
  by?: string;
}

export type ScalarValue = string | number | boolean | null;

export interface KScalar {
  kind: 'scalar';
  value: ScalarValue;
  /** Exact decimal digits of an integer (for integers beyond 2^53). */
  intText?: string;
  /**
   * The source text of a plain scalar that JSON writes differently (`0x1F`, `1e3`, `~`, an unquoted
   * date): kustomize reads labels,
   * annotations and replacement values as this text.
   */
  raw?: string;
  org: Org;
}

export interface KSeq {
  kind: 'seq';
  items: KNode[];
  org: Org;
}

export interface KEntry {
  key: string;
  keyOrg: Org;
  value: KNode;
}

export interface KMap {
  kind: 'map';
  entries: KEntry[];
  org: Org;
}

export type KNode = KScalar | KSeq | KMap;

export const NO_ORG: Org = { file: '', start: 0, end: 0 };

export function scalar(value: ScalarValue, org: Org): KScalar {
  return { kind: 'scalar', value, org };
}

export function emptyMap(org: Org): KMap {
  return { kind: 'map', entries: [], org };
}

export function isMap(n: KNode | undefined): n is KMap {
  return n !== undefined && n.kind === 'map';
}

export function isSeq(n: KNode | undefined): n is KSeq {
  return n !== undefined && n.kind === 'seq';
}

export function isNull(n: KNode | undefined): boolean {
  return n === undefined || (n.kind === 'scalar' && n.value === null);
}

export function getEntry(m: KMap, key: string): KEntry | undefined {
  for (const e of m.entries) if (e.key === key) return e;
  return undefined;
}

export function get(m: KNode | undefined, key: string): KNode | undefined {
  if (!isMap(m)) return undefined;
  return getEntry(m, key)?.value;
}

/** A path of map keys, e.g. get(res, 'metadata', 'name'). */
export function getPath(m: KNode | undefined, ...keys: string[]): KNode | undefined {
  let cur = m;
  for (const k of keys) {
    cur = get(cur, k);
    if (cur === undefined) return undefined;
  }
  return cur;
}

/** The string form of a scalar (numbers and booleans as text), undefined for maps, lists and null. */
export function str(n: KNode | undefined): string | undefined {
  if (n === undefined || n.kind !== 'scalar' || n.value === null) return undefined;
  if (n.raw !== undefined) return n.raw;
  if (typeof n.value === 'string') return n.value;
  if (typeof n.value === 'number') return n.intText ?? String(n.value);
  return String(n.value);
}

export function setEntry(m: KMap, key: string, value: KNode, keyOrg: Org): void {
  const e = getEntry(m, key);
  if (e) {
    e.value = value;
    e.keyOrg = keyOrg;
  } else m.entries.push({ key, keyOrg, value });
}

export function deleteEntry(m: KMap, key: string): void {
  const i = m.entries.findIndex((e) => e.key === key);
  if (i >= 0) m.entries.splice(i, 1);
}

/** A deep copy; `by`, when given, marks every node of the copy as written by that kustomization. */
export function clone(n: KNode, by?: string): KNode {
  const org = by === undefined ? n.org : { ...n.org, by };
  if (n.kind === 'scalar') {
    const s: KScalar = { kind: 'scalar', value: n.value, org };
    if (n.intText !== undefined) s.intText = n.intText;
    if (n.raw !== undefined) s.raw = n.raw;
    return s;
  }
  if (n.kind === 'seq') return { kind: 'seq', items: n.items.map((i) => clone(i, by)), org };
  return {
    kind: 'map',
    entries: n.entries.map((e) => ({
      key: e.key,
      keyOrg: by === undefined ? e.keyOrg : { ...e.keyOrg, by },
      value: clone(e.value, by),
    })),
    org,
  };
}

/** The node as it comes out of JSON (kustomize's JSON patches): no source text kept. */
export function withoutRaw(n: KNode): KNode {
  if (n.kind === 'scalar') {
    if (n.raw !== undefined) delete n.raw;
  } else if (n.kind === 'seq') n.items.forEach(withoutRaw);
  else n.entries.forEach((e) => withoutRaw(e.value));
  return n;
}

/** Plain JSON-like value of a node (for tests and comparisons). */
export function toPlain(n: KNode): unknown {
  if (n.kind === 'scalar') return n.value;
  if (n.kind === 'seq') return n.items.map(toPlain);
  const o: Record<string, unknown> = {};
  for (const e of n.entries) o[e.key] = toPlain(e.value);
  return o;
}

/** Structural equality of two nodes' data. */
export function sameData(a: KNode, b: KNode): boolean {
  if (a.kind !== b.kind) return false;
  if (a.kind === 'scalar') return a.value === (b as KScalar).value;
  if (a.kind === 'seq') {
    const bi = (b as KSeq).items;
    return a.items.length === bi.length && a.items.every((x, i) => sameData(x, bi[i]!));
  }
  const bm = b as KMap;
  if (a.entries.length !== bm.entries.length) return false;
  return a.entries.every((e) => {
    const o = getEntry(bm, e.key);
    return o !== undefined && sameData(e.value, o.value);
  });
}

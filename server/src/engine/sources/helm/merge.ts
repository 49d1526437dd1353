/**
 * Merging values as Helm does: value files merge into each other (later wins, maps merged deeply, lists
 * replaced), `--set` applies on top, and the result coalesces over the chart's values.yaml (a user `null`
 * deletes a default). Subcharts get their parent's `<name>:` section over their own defaults, and `global`.
 * Origins travel with every scalar copied.
 */
import { deepCopy, ORIGINS, setOrigin, type GoValue } from './values';

function copyOrigin(dst: object, dk: string, src: object, sk: string): void {
  setOrigin(dst, dk, ORIGINS.get(src)?.get(sk));
}

/** Helm's mergeMaps: `src` over `dst` (mutates dst). */
export function mergeMaps(dst: Map<string, GoValue>, src: Map<string, GoValue>, depth = 0): Map<string, GoValue> {
  if (depth > 100) return dst;
  for (const [k, v] of src) {
    const d = dst.get(k);
    if (v instanceof Map && d instanceof Map) {
      mergeMaps(d, v, depth + 1);
      continue;
    }
    dst.set(k, v instanceof Map || Array.isArray(v) ? deepCopy(v) : v);
    copyOrigin(dst, k, src, k);
  }
  return dst;
}

/** Removes null entries from maps (Helm drops the nulls of a chart's values.yaml; they delete nothing downstream). */
function stripNulls(m: Map<string, GoValue>, depth = 0): Map<string, GoValue> {
  if (depth > 100) return m;
  for (const [k, v] of m) {
    if (v === null) m.delete(k);
    else if (v instanceof Map) stripNulls(v, depth + 1);
  }
  return m;
}

/** User values over chart defaults; a user null removes the key, a default null is dropped. Returns a new map. */
export function coalesce(user: Map<string, GoValue>, defaults: Map<string, GoValue>, depth = 0): Map<string, GoValue> {
  const out = depth === 0 ? stripNulls(deepCopy(defaults) as Map<string, GoValue>) : (deepCopy(defaults) as Map<string, GoValue>);
  if (depth > 100) return out;
  for (const [k, v] of user) {
    if (v === null) {
      out.delete(k);
      continue;
    }
    const d = out.get(k);
    if (v instanceof Map && d instanceof Map) {
      out.set(k, coalesce(v, d, depth + 1));
      continue;
    }
    out.set(k, v instanceof Map || Array.isArray(v) ? deepCopy(v) : v);
    copyOrigin(out, k, user, k);
  }
  return out;
}

/** The subchart's values: the parent's section for it over its defaults, with the parent's globals over its own. */
export function subchartValues(parent: Map<string, GoValue>, key: string, defaults: Map<string, GoValue>): Map<string, GoValue> {
  const section = parent.get(key);
  const vals = coalesce(section instanceof Map ? section : new Map(), defaults);
  const pg = parent.get('global');
  const sg = vals.get('global');
  const g = sg instanceof Map ? sg : new Map<string, GoValue>();
  if (pg instanceof Map) mergeMaps(g, pg);
  vals.set('global', g);
  return vals;
}

/** The value at a dotted path, or undefined. */
export function valueAt(m: GoValue, path: string[]): GoValue | undefined {
  let cur: GoValue = m;
  for (const p of path) {
    if (!(cur instanceof Map) || !cur.has(p)) return undefined;
    cur = cur.get(p);
  }
  return cur;
}

/** A copy of `m` with the dotted path set to `v` (intermediate maps created). */
export function withValueAt(m: Map<string, GoValue>, path: string[], v: GoValue): Map<string, GoValue> {
  const out = deepCopy(m) as Map<string, GoValue>;
  let cur = out;
  path.forEach((p, i) => {
    if (i === path.length - 1) {
      cur.set(p, v);
      return;
    }
    const next = cur.get(p);
    const n = next instanceof Map ? next : new Map<string, GoValue>();
    cur.set(p, n);
    cur = n;
  });
  return out;
}

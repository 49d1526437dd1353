/**
 * Helm's `import-values` (dependencies in Chart.yaml): a subchart's `exports.<name>` table, or any
 * `child` table, copied into the parent's values at `parent` (`.` for the root). Imported values rank
 * below the parent's own values.yaml and become part of the parent's defaults, before user values.
 */
import type { Chart } from './chart';
import { coalesce, mergeMaps, valueAt } from './merge';
import { deepCopy, type GoValue } from './values';

/** `data` placed at the dotted `path` (`.` is the root). */
function pathToMap(path: string, data: Map<string, GoValue>): Map<string, GoValue> {
  if (path === '.' || path === '') return data;
  const keys = path.split('.').filter((k) => k !== '');
  let out = data;
  for (let i = keys.length - 1; i >= 0; i--) out = new Map<string, GoValue>([[keys[i]!, out]]);
  return out;
}

/** Fills `dst` with what it lacks from `src` (dst wins), deeply. */
function fill(dst: Map<string, GoValue>, src: Map<string, GoValue>, depth = 0): void {
  if (depth > 100) return;
  for (const [k, v] of src) {
    const d = dst.get(k);
    if (d instanceof Map && v instanceof Map) fill(d, v, depth + 1);
    else if (!dst.has(k)) dst.set(k, deepCopy(v));
  }
}

/** The chart's defaults with its subcharts' imported values (subcharts first, recursively). */
export function withImports(chart: Chart, depth = 0): Map<string, GoValue> {
  if (depth > 12) return chart.values;
  for (const sub of chart.subcharts) sub.values = withImports(sub, depth + 1);
  const deps = chart.dependencies.filter((d) => d.importValues.length > 0);
  if (deps.length === 0) return chart.values;
  const cvals = deepCopy(chart.values) as Map<string, GoValue>;
  for (const sub of chart.subcharts) {
    const dep = chart.dependencies.find((d) => d.name === sub.name);
    const key = dep?.alias ?? sub.name;
    const section = cvals.get(key);
    cvals.set(key, coalesce(section instanceof Map ? section : new Map(), sub.values));
  }
  const imported = new Map<string, GoValue>();
  for (const dep of deps) {
    const key = dep.alias ?? dep.name;
    for (const iv of dep.importValues) {
      const [child, parent] = typeof iv === 'string' ? [`exports.${iv}`, '.'] : [iv.child, iv.parent];
      const table = valueAt(cvals, [key, ...child.split('.').filter((k) => k !== '')]);
      if (table instanceof Map) fill(imported, pathToMap(parent, deepCopy(table) as Map<string, GoValue>));
    }
  }
  // The parent's own values win over what it imports.
  return mergeMaps(imported, chart.values);
}

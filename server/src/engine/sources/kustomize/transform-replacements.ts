/**
 * `replacements`: copy a field of one resource (source) into fields of others (targets), as kustomize's
 * ReplacementTransformer does: ids match current or earlier names, paths are dot-separated with `[k=v]`
 * element selectors, `*` and indexes, `options` take `delimiter`/`index` and `create`.
 */
import { clone, getEntry, isMap, str, type KMap, type KNode, type Org } from './model.js';
import { curId, gvkSelected, effectiveNamespace, metaMap, type ResId, type Resource } from './resource.js';
import { parseLabelSelector } from './select.js';
import { resolveScalar } from './yaml-load.js';

interface IdSel {
  group?: string;
  version?: string;
  kind?: string;
  name?: string;
  namespace?: string;
}

function idSel(n: KNode | undefined): IdSel {
  const s: IdSel = {};
  for (const k of ['group', 'version', 'kind', 'name', 'namespace'] as const) {
    const v = str(isMap(n) ? getEntry(n, k)?.value : undefined);
    if (v) s[k] = v;
  }
  return s;
}

function selectedBy(id: ResId, s: IdSel): boolean {
  if (s.name && s.name !== id.name) return false;
  if (s.namespace && effectiveNamespace({ ...id, namespace: s.namespace }) !== effectiveNamespace(id)) return false;
  return gvkSelected(id, s);
}

const idsOf = (r: Resource): ResId[] => [curId(r), ...r.prevIds];

/** Splits `a.b.[name=x.y].c` at dots outside brackets. */
export function splitFieldPath(p: string): string[] {
  const out: string[] = [];
  let cur = '';
  let depth = 0;
  for (const c of p) {
    if (c === '[') depth++;
    if (c === ']') depth--;
    if (c === '.' && depth === 0) {
      out.push(cur);
      cur = '';
    } else cur += c;
  }
  out.push(cur);
  return out;
}

/** The nodes a path reaches, with a setter for each; `create` makes missing map fields. */
function reach(root: KNode, parts: string[], create: boolean, org: Org): Array<{ get: () => KNode; set: (n: KNode) => void }> {
  const out: Array<{ get: () => KNode; set: (n: KNode) => void }> = [];
  const rec = (node: KNode, i: number, holder: { get: () => KNode; set: (n: KNode) => void }): void => {
    if (i === parts.length) {
      out.push(holder);
      return;
    }
    const part = parts[i]!;
    const m = /^\[([^=\]]*)=(.*)\]$/.exec(part);
    if (node.kind === 'seq' && (m || part === '*' || /^\d+$/.test(part))) {
      node.items.forEach((item, idx) => {
        const ok = part === '*' || (m ? (m[1] === '' ? str(item) === m[2] : isMap(item) && str(getEntry(item, m[1]!)?.value) === m[2]) : Number(part) === idx);
        if (ok) rec(item, i + 1, { get: () => node.items[idx]!, set: (n) => (node.items[idx] = n) });
      });
      return;
    }
    if (!isMap(node)) return;
    let e = getEntry(node, part);
    if (!e) {
      if (!create) return;
      const next = parts[i + 1];
      const child: KNode = next !== undefined && (/^\[.*\]$/.test(next) || /^\d+$/.test(next))
        ? { kind: 'seq', items: [], org }
        : next === undefined ? { kind: 'scalar', value: null, org } : { kind: 'map', entries: [], org };
      e = { key: part, keyOrg: org, value: child };
      node.entries.push(e);
    }
    const entry = e;
    rec(entry.value, i + 1, { get: () => entry.value, set: (n) => (entry.value = n) });
  };
  rec(root, 0, { get: () => root, set: () => undefined });
  return out;
}

function matchesSelectors(r: Resource, sel: KNode | undefined): boolean {
  for (const [field, meta] of [['labelSelector', 'labels'], ['annotationSelector', 'annotations']] as const) {
    const s = str(isMap(sel) ? getEntry(sel, field)?.value : undefined);
    if (!s) continue;
    const reqs = parseLabelSelector(s);
    if (typeof reqs === 'string') return false;
    const have = metaMap(r.node, meta);
    const ok = reqs.every((q) => {
      const v = have.get(q.key);
      if (q.op === 'eq') return v === q.values[0];
      if (q.op === 'ne') return v !== q.values[0];
      if (q.op === 'in') return v !== undefined && q.values.includes(v);
      if (q.op === 'notin') return v === undefined || !q.values.includes(v);
      return q.op === 'exists' ? v !== undefined : v === undefined;
    });
    if (!ok) return false;
  }
  return true;
}

function options(n: KNode | undefined): { delimiter?: string; index: number; create: boolean } {
  const o = isMap(n) ? n : undefined;
  const delimiter = str(o ? getEntry(o, 'delimiter')?.value : undefined);
  const idx = o ? getEntry(o, 'index')?.value : undefined;
  const create = o ? getEntry(o, 'create')?.value : undefined;
  const out = { index: idx?.kind === 'scalar' && typeof idx.value === 'number' ? idx.value : 0, create: create?.kind === 'scalar' && create.value === true };
  return delimiter ? { ...out, delimiter } : out;
}

/**
 * A scalar target keeps its type: only the text changes (kustomize sets the YAML node's value), so a
 * string stays a string; a created or null target has no type and reads the text as a plain scalar.
 */
function replaced(target: KNode, value: KNode): KNode {
  if (target.kind !== 'scalar' || value.kind !== 'scalar') return value;
  const text = str(value) ?? '';
  if (typeof target.value === 'string') return { kind: 'scalar', value: text, org: value.org };
  const r = resolveScalar(text, true);
  if (target.value === null) return r.intText !== undefined ? { kind: 'scalar', value: r.value, intText: r.intText, org: value.org } : { kind: 'scalar', value: r.value, org: value.org };
  return { kind: 'scalar', value: typeof r.value === typeof target.value ? r.value : text, org: value.org };
}

/** Applies one replacement; a message when kustomize would fail. */
export function applyReplacement(resources: Resource[], rep: KMap, by: string): string | undefined {
  const srcN = getEntry(rep, 'source')?.value;
  const targets = getEntry(rep, 'targets')?.value;
  if (!isMap(srcN) || targets?.kind !== 'seq') return 'replacements must specify a source and at least one target';
  const sel = idSel(srcN);
  const sources = resources.filter((r) => idsOf(r).some((id) => selectedBy(id, sel)));
  if (sources.length !== 1) return sources.length ? `multiple matches for selector ${JSON.stringify(sel)}` : `nothing selected by ${JSON.stringify(sel)}`;
  const fieldPath = str(getEntry(srcN, 'fieldPath')?.value) ?? 'metadata.name';
  const found = reach(sources[0]!.node, splitFieldPath(fieldPath), false, srcN.org);
  const srcVal = found[0]?.get();
  if (!srcVal || (srcVal.kind === 'scalar' && (srcVal.value === null || srcVal.value === '')) || (srcVal.kind !== 'scalar' && (srcVal.kind === 'map' ? srcVal.entries.length : srcVal.items.length) === 0)) {
    return `fieldPath \`${fieldPath}\` is missing for replacement source`;
  }
  let value = clone(srcVal, by);
  const so = options(getEntry(srcN, 'options')?.value);
  if (so.delimiter !== undefined) {
    if (value.kind !== 'scalar') return 'delimiter option can only be used with scalar nodes';
    const parts = (str(value) ?? '').split(so.delimiter);
    if (so.index < 0 || so.index >= parts.length) return `options.index ${so.index} is out of bounds for value ${str(value)}`;
    value = { kind: 'scalar', value: parts[so.index]!, org: value.org };
  }
  for (const t of targets.items) {
    if (!isMap(t)) continue;
    const select = getEntry(t, 'select')?.value;
    if (!isMap(select)) return 'target must specify resources to select';
    const rejects = getEntry(t, 'reject')?.value;
    const fps = getEntry(t, 'fieldPaths')?.value;
    const paths = fps?.kind === 'seq' ? fps.items.map((p) => str(p) ?? '') : ['metadata.name'];
    const to = options(getEntry(t, 'options')?.value);
    for (const r of resources) {
      if (!matchesSelectors(r, select)) continue;
      if (rejects?.kind === 'seq' && rejects.items.some((rj) => (str(getEntry(rj as KMap, 'labelSelector')?.value) || str(getEntry(rj as KMap, 'annotationSelector')?.value)) && matchesSelectors(r, rj))) continue;
      const ids = idsOf(r);
      if (!ids.some((id) => selectedBy(id, idSel(select)))) continue;
      if (rejects?.kind === 'seq' && rejects.items.some((rj) => Object.keys(idSel(rj)).length > 0 && ids.some((id) => selectedBy(id, idSel(rj))))) continue;
      for (const fp of paths) {
        const hits = reach(r.node, splitFieldPath(fp), to.create, value.org);
        if (hits.length === 0) return `unable to find ${to.create ? 'or create ' : ''}field "${fp}" in replacement target`;
        for (const h of hits) {
          let v = value;
          if (to.delimiter !== undefined) {
            const cur = h.get();
            if (cur.kind !== 'scalar') return 'delimiter option can only be used with scalar nodes';
            const tv = (str(cur) ?? '').split(to.delimiter);
            const s = str(value) ?? '';
            if (to.index < 0) tv.unshift(s);
            else if (to.index >= tv.length) tv.push(s);
            else tv[to.index] = s;
            v = { kind: 'scalar', value: tv.join(to.delimiter), org: value.org };
          }
          h.set(replaced(h.get(), clone(v)));
        }
      }
    }
  }
  return undefined;
}

/**
 * Strategic merge patch, with kustomize's (kyaml merge2) semantics: maps merge, `null` deletes a key,
 * `$patch: delete` / `$patch: replace` on maps and lists, lists with a patch merge key in the schema merge
 * element by element (smp-list.ts), every other list is replaced by the patch's.
 */
import { deleteEntry, getEntry, isMap, isSeq, str, type KEntry, type KMap, type KNode, type KSeq } from './model.js';
import { mergeAssociative } from './smp-list.js';
import { fieldRule, rootType, type FieldRule, type ListRule } from './smp-schema.js';

const DIRECTIVE = '$patch';

function directiveOf(m: KMap): string | undefined {
  const e = getEntry(m, DIRECTIVE);
  return e ? str(e.value) : undefined;
}

function withoutDirective(m: KMap): KMap {
  return { kind: 'map', entries: m.entries.filter((e) => e.key !== DIRECTIVE), org: m.org };
}

/** Merges `patch` into `dest` (mutating dest). Null means the node is deleted. */
export function mergeValue(dest: KNode | undefined, patch: KNode, rule: FieldRule | undefined): KNode | null {
  if (patch.kind === 'scalar') return patch.value === null ? null : patch;
  if (patch.kind === 'map') return mergeMapNode(dest, patch, rule?.type);
  if (rule?.list && (dest === undefined || isSeq(dest) || (dest.kind === 'scalar' && dest.value === null))) {
    return mergeList(isSeq(dest) ? dest : undefined, patch, rule.list);
  }
  return patch;
}

function mergeMapNode(dest: KNode | undefined, patch: KMap, type: string | undefined): KMap | null {
  const d = directiveOf(patch);
  if (d === 'delete') return null;
  const body = withoutDirective(patch);
  if (d === 'replace') return mergeMap(undefined, body, type);
  return mergeMap(isMap(dest) ? dest : undefined, body, type);
}

function mergeMap(dest: KMap | undefined, patch: KMap, type: string | undefined): KMap {
  const out: KMap = dest ?? { kind: 'map', entries: [], org: patch.org };
  for (const e of patch.entries) {
    const cur = getEntry(out, e.key);
    const merged = mergeValue(cur?.value, e.value, fieldRule(type, e.key));
    if (merged === null) {
      deleteEntry(out, e.key);
    } else if (cur) {
      cur.value = merged;
    } else {
      out.entries.push({ key: e.key, keyOrg: e.keyOrg, value: merged });
    }
  }
  return out;
}

function listDirective(patch: KSeq): { directive?: string; items: KNode[] } {
  let directive: string | undefined;
  const items = patch.items.filter((i) => {
    if (isMap(i) && i.entries.length === 1 && i.entries[0]!.key === DIRECTIVE) {
      directive = str(i.entries[0]!.value);
      return false;
    }
    return true;
  });
  return directive === undefined ? { items } : { directive, items };
}

function mergeList(dest: KSeq | undefined, patch: KSeq, rule: ListRule): KSeq | null {
  const { directive, items } = listDirective(patch);
  if (directive === 'delete') return null;
  const org = dest?.org ?? patch.org;
  if (directive === 'replace') return { kind: 'seq', items, org };
  const merged = mergeAssociative(dest?.items ?? items, items, rule.keys, (d, p) => {
    if (p === undefined) return d ?? null;
    if (p.kind !== 'map') return p.kind === 'scalar' && p.value === null ? null : p;
    return mergeMapNode(d, p, rule.elem);
  });
  return { kind: 'seq', items: merged, org };
}

/**
 * Applies a strategic merge patch to a resource's tree. The resource keeps its kind, name and namespace.
 * Returns null when the patch deletes the resource.
 */
export function applyStrategicMerge(node: KMap, patch: KMap): KMap | null {
  const apiVersion = str(getEntry(node, 'apiVersion')?.value) ?? '';
  const kind = str(getEntry(node, 'kind')?.value) ?? '';
  const type = rootType(apiVersion, kind);
  const meta = getEntry(node, 'metadata')?.value;
  const keep = (key: string): KEntry | undefined => {
    const e = isMap(meta) ? getEntry(meta, key) : undefined;
    return e ? { key: e.key, keyOrg: e.keyOrg, value: e.value } : undefined;
  };
  const nameE = keep('name');
  const nsE = keep('namespace');
  const body: KMap = { kind: 'map', entries: patch.entries.filter((e) => e.key !== 'apiVersion' && e.key !== 'kind'), org: patch.org };
  const merged = mergeMapNode(node, body, type);
  if (merged === null) return null;
  const m2 = getEntry(merged, 'metadata')?.value;
  if (isMap(m2)) {
    deleteEntry(m2, 'name');
    deleteEntry(m2, 'namespace');
    if (nameE) m2.entries.push(nameE);
    if (nsE) m2.entries.push(nsE);
  }
  return merged;
}

/**
 * Transformers that write metadata: namespace, commonLabels / labels, commonAnnotations.
 */
import { getEntry, isMap, scalar, str, type KMap, type Org } from './model.js';
import { COMMON_ANNOTATIONS, NAMESPACE, walkSpec, type FieldSpec } from './fieldspecs.js';
import { curId, effectiveNamespace, idString, isClusterScopedKind, storePreviousId, type Resource } from './resource.js';

/** A key/value pair from a kustomization entry, with the ranges of both. */
export interface Pair {
  key: string;
  value: string;
  keyOrg: Org;
  valueOrg: Org;
}

function ensureMap(holder: KMap, key: string, org: Org): KMap {
  const e = getEntry(holder, key);
  if (e && isMap(e.value)) return e.value;
  const m: KMap = { kind: 'map', entries: [], org };
  if (e) e.value = m;
  else holder.entries.push({ key, keyOrg: org, value: m });
  return m;
}

function setScalar(holder: KMap, key: string, value: string, keyOrg: Org, valueOrg: Org): void {
  const e = getEntry(holder, key);
  const v = scalar(value, valueOrg);
  if (e) e.value = v;
  else holder.entries.push({ key, keyOrg, value: v });
}

/** Sets every pair into the maps the field specs name (creating them where a spec says so). */
export function applyPairs(resources: Resource[], pairs: Pair[], specs: FieldSpec[]): void {
  for (const r of resources) {
    const id = curId(r);
    for (const fs of specs) {
      if (fs.kind && fs.kind !== id.kind) continue;
      if (fs.group && fs.group !== id.group) continue;
      if (fs.version && fs.version !== id.version) continue;
      for (const p of pairs) {
        walkSpec(r.node, fs, p.keyOrg, (holder, key) => {
          const e = getEntry(holder, key);
          const missing = !e || (e.value.kind === 'scalar' && e.value.value === null);
          if (missing && !fs.create) return;
          if (e && !missing && !isMap(e.value)) return;
          const m = ensureMap(holder, key, p.keyOrg);
          setScalar(m, p.key, p.value, p.keyOrg, p.valueOrg);
        });
      }
    }
  }
}

export function applyAnnotations(resources: Resource[], pairs: Pair[]): void {
  applyPairs(resources, pairs, COMMON_ANNOTATIONS);
}

/** The namespace transformer; a message on an id conflict. */
export function applyNamespace(resources: Resource[], ns: string, org: Org): string | undefined {
  for (const r of resources) {
    storePreviousId(r);
    const id = curId(r);
    if (!isClusterScopedKind(id.kind)) {
      const meta = ensureMap(r.node, 'metadata', org);
      setScalar(meta, 'namespace', ns, org, org);
    }
    if (id.kind === 'RoleBinding' || id.kind === 'ClusterRoleBinding') {
      const subjects = getEntry(r.node, 'subjects')?.value;
      if (subjects?.kind === 'seq') {
        for (const s of subjects.items) if (isMap(s) && str(getEntry(s, 'name')?.value) === 'default') setScalar(s, 'namespace', ns, org, org);
      }
    }
    const apiVersion = str(getEntry(r.node, 'apiVersion')?.value) ?? '';
    for (const fs of NAMESPACE) {
      if (fs.kind !== id.kind || (fs.group && fs.group !== id.group)) continue;
      if (fs.path === 'metadata/name' && apiVersion !== 'v1') continue;
      walkSpec(r.node, fs, org, (holder, key) => {
        const e = getEntry(holder, key);
        if (!e && !fs.create) return;
        if (e && e.value.kind !== 'scalar') return;
        setScalar(holder, key, ns, org, org);
      });
    }
  }
  const seen = new Set<string>();
  for (const r of resources) {
    const id = curId(r);
    const key = [id.group, id.version, id.kind, id.name, effectiveNamespace(id)].join('\u0000');
    if (seen.has(key)) return `namespace transformation produces ID conflict: ${idString(id)}`;
    seen.add(key);
  }
  return undefined;
}

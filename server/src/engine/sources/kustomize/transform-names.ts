/**
 * namePrefix / nameSuffix, and the name-reference fix kustomize runs once at the end of a build: every
 * field a name-reference spec lists (an HPA's `spec/scaleTargetRef/name`, a pod's configMap volume …) that
 * names a resource renamed by a prefix, suffix or namespace gets the new name. A KEDA ScaledObject's
 * `scaleTargetRef` is in no spec, so it keeps the old name, as with `kubectl kustomize`.
 */
import { getEntry, isMap, scalar, str, type KMap, type KNode, type Org } from './model.js';
import { NAME_REFERENCES, walkSpec, type FieldSpec } from './fieldspecs.js';
import {
  curId, effectiveNamespace, gvkSelected, idString, isClusterScopedKind, orgId, storePreviousId, type GvkSel, type ResId, type Resource,
} from './resource.js';

function skipsPrefix(id: ResId): boolean {
  return id.kind === 'CustomResourceDefinition' || id.kind === 'Namespace' || (id.kind === 'APIService' && id.group === 'apiregistration.k8s.io');
}

export function applyAffix(resources: Resource[], affix: string, org: Org, where: 'prefix' | 'suffix'): void {
  for (const r of resources) {
    if (skipsPrefix(orgId(r))) continue;
    (where === 'prefix' ? r.prefixes : r.suffixes).push(affix);
    storePreviousId(r);
    const meta = getEntry(r.node, 'metadata')?.value;
    if (!isMap(meta)) continue;
    const e = getEntry(meta, 'name');
    if (!e) continue;
    const name = str(e.value) ?? '';
    e.value = scalar(where === 'prefix' ? affix + name : name + affix, org);
  }
}

function sameEndingSubSlice(a: string[], b: string[]): boolean {
  let shortest = a;
  let longest = b;
  if (shortest.length > longest.length) [shortest, longest] = [longest, shortest];
  const diff = longest.length - shortest.length;
  if (shortest.length === 0) return diff === 0;
  for (let i = shortest.length - 1; i >= 0; i--) if (longest[i + diff] !== shortest[i]) return false;
  return true;
}

function affixesEqual(r: Resource, o: Resource, allowEmpty: boolean): boolean {
  if (allowEmpty) {
    const p = r.prefixes.length === 0 || o.prefixes.length === 0 || sameEndingSubSlice(r.prefixes, o.prefixes);
    const s = r.suffixes.length === 0 || o.suffixes.length === 0 || sameEndingSubSlice(r.suffixes, o.suffixes);
    return p && s;
  }
  return sameEndingSubSlice(r.prefixes, o.prefixes) && sameEndingSubSlice(r.suffixes, o.suffixes);
}

function candidatesFor(referrer: Resource, all: Resource[]): Resource[] {
  const rid = curId(referrer);
  if (isClusterScopedKind(rid.kind)) return all;
  const extraNs = new Set<string>();
  if (rid.kind === 'RoleBinding') {
    const subjects = getEntry(referrer.node, 'subjects')?.value;
    if (subjects?.kind === 'seq') {
      for (const s of subjects.items) {
        if (isMap(s) && str(getEntry(s, 'kind')?.value) === 'ServiceAccount') extraNs.add(str(getEntry(s, 'namespace')?.value) ?? '');
      }
    }
  }
  const ns = effectiveNamespace(rid);
  return all.filter((t) => {
    const id = curId(t);
    return isClusterScopedKind(id.kind) || effectiveNamespace(id) === ns || extraNs.has(id.namespace);
  });
}

class Ambiguous extends Error {}

function selectReferral(oldName: string, cands: Resource[], referrer: Resource, target: GvkSel, path: string, byNs: boolean): Resource | undefined {
  let c = cands.filter((r) => r.prevIds.some((id) => id.name === oldName));
  c = c.filter((r) => r.prevIds.some((id) => gvkSelected(id, target)));
  if (path.endsWith('roleRef/name')) {
    const rr = getEntry(referrer.node, 'roleRef')?.value;
    const group = str(isMap(rr) ? getEntry(rr, 'apiGroup')?.value : undefined);
    const kind = str(isMap(rr) ? getEntry(rr, 'kind')?.value : undefined);
    if (group !== undefined && kind !== undefined) c = c.filter((r) => r.prevIds.some((id) => gvkSelected(id, { group, kind })));
  }
  const rid = curId(referrer);
  if (!isClusterScopedKind(rid.kind)) {
    c = c.filter((r) => {
      const id = curId(r);
      return isClusterScopedKind(id.kind) || id.kind === 'ServiceAccount' || effectiveNamespace(id) === effectiveNamespace(rid);
    });
  }
  if (c.length === 1) return c[0];
  c = c.filter((r) => affixesEqual(r, referrer, true));
  if (c.length > 1) c = c.filter((r) => affixesEqual(r, referrer, false));
  if (c.length === 1) return c[0];
  if (c.length === 0) return undefined;
  const first = curId(c[0]!);
  if (c.every((r) => curId(r).name === first.name && (!byNs || curId(r).namespace === first.namespace))) return c[0];
  throw new Ambiguous(`found multiple possible referrals: ${c.map((r) => idString(curId(r))).join(', ')}`);
}

function nameNode(r: Resource): KNode | undefined {
  const meta = getEntry(r.node, 'metadata')?.value;
  return isMap(meta) ? getEntry(meta, 'name')?.value : undefined;
}

function fixScalar(holder: { get: () => KNode; set: (n: KNode) => void }, cands: Resource[], referrer: Resource, target: GvkSel, path: string): void {
  const cur = holder.get();
  const old = str(cur);
  if (old === undefined) return;
  const ref = selectReferral(old, cands, referrer, target, path, false);
  if (!ref) return;
  const name = curId(ref).name;
  if (name === old) return;
  const org = nameNode(ref)?.org ?? cur.org;
  holder.set(scalar(name, org));
}

function fixMapping(m: KMap, all: Resource[], cands: Resource[], referrer: Resource, target: GvkSel, path: string): void {
  const nameE = getEntry(m, 'name');
  if (!nameE) return;
  const nsE = getEntry(m, 'namespace');
  let pool = cands;
  if (nsE) {
    const ns = str(nsE.value) ?? '';
    const byOrg = all.filter((r) => !isClusterScopedKind(curId(r).kind) && effectiveNamespace(orgId(r)) === (ns || 'default'));
    pool = byOrg.length ? byOrg : all.filter((r) => !isClusterScopedKind(curId(r).kind) && effectiveNamespace(curId(r)) === (ns || 'default'));
  }
  const old = str(nameE.value) ?? '';
  const ref = selectReferral(old, pool, referrer, target, path, true);
  if (!ref) return;
  const id = curId(ref);
  if (id.name === old && id.namespace === '') return;
  nameE.value = scalar(id.name, nameNode(ref)?.org ?? nameE.value.org);
  if (id.namespace === '') return;
  const nsNode = getEntry(getEntry(ref.node, 'metadata')!.value as KMap, 'namespace')!.value;
  if (nsE) nsE.value = scalar(id.namespace, nsNode.org);
  else m.entries.push({ key: 'namespace', keyOrg: nsNode.org, value: scalar(id.namespace, nsNode.org) });
}

/** Fixes name references across all resources; a message when a reference is ambiguous. */
export function fixNameReferences(resources: Resource[]): string | undefined {
  try {
    for (const br of NAME_REFERENCES) {
      for (const fs of br.referrers) {
        for (const r of resources) {
          if (!gvkSelected(orgId(r), fs)) continue;
          fixOne(r, fs, br.target, resources);
        }
      }
    }
  } catch (e) {
    if (e instanceof Ambiguous) return e.message;
    throw e;
  }
  return undefined;
}

function fixOne(r: Resource, fs: FieldSpec, target: GvkSel, all: Resource[]): void {
  const cands = candidatesFor(r, all);
  walkSpec(r.node, { ...fs, create: false }, r.node.org, (holder, key) => {
    const e = getEntry(holder, key);
    if (!e) return;
    const v = e.value;
    if (v.kind === 'scalar') {
      fixScalar({ get: () => e.value, set: (n) => (e.value = n) }, cands, r, target, fs.path);
    } else if (v.kind === 'map') {
      fixMapping(v, all, cands, r, target, fs.path);
    } else {
      v.items.forEach((item, i) => {
        if (item.kind === 'scalar') fixScalar({ get: () => v.items[i]!, set: (n) => (v.items[i] = n) }, cands, r, target, fs.path);
        else if (isMap(item)) fixMapping(item, all, cands, r, target, fs.path);
      });
    }
  });
}

/**
 * The `replicas` and `images` transformers.
 */
import { getEntry, isMap, scalar, str, type KMap, type KNode, type Org } from './model.js';
import { REPLICAS, walkSpec } from './fieldspecs.js';
import { curId, gvkSelected, type Resource } from './resource.js';
import { riskyPattern } from './select.js';

export interface ReplicaEntry {
  name: string;
  count: number;
  countText?: string;
  countOrg: Org;
}

/** Sets spec.replicas of the named workloads; a message when no resource has that name. */
export function applyReplicas(resources: Resource[], rep: ReplicaEntry): string | undefined {
  let found = false;
  for (const fs of REPLICAS) {
    for (const r of resources) {
      const ids = [...r.prevIds, curId(r)];
      if (!ids.some((id) => id.name === rep.name && gvkSelected(id, fs))) continue;
      found = true;
      walkSpec(r.node, fs, rep.countOrg, (holder, key) => {
        const v = scalar(rep.count, rep.countOrg);
        if (rep.countText !== undefined) v.intText = rep.countText;
        const e = getEntry(holder, key);
        if (e) e.value = v;
        else holder.entries.push({ key, keyOrg: rep.countOrg, value: v });
      });
    }
  }
  if (!found) return `resource with name ${rep.name} does not match a config with the following GVK [Deployment ReplicationController ReplicaSet StatefulSet]`;
  return undefined;
}

export interface ImageEntry {
  name: string;
  newName?: string;
  newTag?: string;
  digest?: string;
  tagSuffix?: string;
  /** The entry field whose range a changed image points at. */
  org: Org;
}

/** Splits `registry/name:tag@digest` as kustomize does. */
export function splitImage(image: string): { name: string; tag: string; digest: string } {
  let search = image;
  let slash = image.indexOf('/');
  if (slash > 0) search = image.slice(slash);
  else slash = 0;
  let id = search.indexOf('@');
  let ic = search.indexOf(':');
  if (ic < 0 && id < 0) return { name: image, tag: '', digest: '' };
  if (id >= 0 && (id < ic || ic < 0)) {
    id += slash;
    return { name: image.slice(0, id), tag: '', digest: image.slice(id + 1) };
  }
  if (id >= 0 && ic >= 0) {
    id += slash;
    ic += slash;
    return { name: image.slice(0, ic), tag: image.slice(ic + 1, id), digest: image.slice(id + 1) };
  }
  ic += slash;
  return { name: image.slice(0, ic), tag: image.slice(ic + 1), digest: '' };
}

function matcher(name: string): RegExp | undefined {
  if (name.length > 1000 || riskyPattern(name)) return undefined;
  try {
    return new RegExp(`^${name}(:[a-zA-Z0-9_.{}-]*)?(@sha256:[a-zA-Z0-9_.{}-]*)?$`, 'u');
  } catch {
    return undefined;
  }
}

export function newImage(value: string, img: ImageEntry): string {
  let { name, tag, digest } = splitImage(value);
  if (img.newName) name = img.newName;
  if (img.newTag && img.digest) {
    tag = img.newTag;
    digest = img.digest;
  } else if (img.newTag) {
    tag = img.newTag;
    digest = '';
  } else if (img.digest) {
    tag = '';
    digest = img.digest;
  } else if (img.tagSuffix) {
    tag += img.tagSuffix;
    digest = '';
  }
  let out = name;
  if (tag) out += ':' + tag;
  if (digest) out += '@' + digest;
  return out;
}

/** Rewrites `image` of every container / initContainer anywhere in the resources (not in CRDs). */
export function applyImage(resources: Resource[], img: ImageEntry): void {
  const re = matcher(img.name);
  if (!re) return;
  const update = (c: KNode): void => {
    if (!isMap(c)) return;
    const e = getEntry(c, 'image');
    const v = str(e?.value);
    if (!e || v === undefined || e.value.kind !== 'scalar' || typeof e.value.value !== 'string') return;
    if (v.length > 4096 || !re.test(v)) return;
    const next = newImage(v, img);
    if (next !== v) e.value = scalar(next, img.org);
  };
  const walk = (n: KNode, depth: number): void => {
    if (depth > 100) return;
    if (n.kind === 'seq') n.items.forEach((i) => walk(i, depth + 1));
    if (n.kind !== 'map') return;
    for (const e of n.entries) {
      walk(e.value, depth + 1);
      if ((e.key === 'containers' || e.key === 'initContainers') && e.value.kind === 'seq') e.value.items.forEach(update);
    }
  };
  for (const r of resources) {
    if (curId(r).kind === 'CustomResourceDefinition') continue;
    walk(r.node as KMap, 0);
  }
}

/**
 * The three patch entries of a kustomization: `patchesStrategicMerge`, `patches` (strategic merge or JSON
 * 6902, from a file or inline, with an optional `target`) and `patchesJson6902`.
 */
import type { RenderProblem } from '../rendered.js';
import { clone, getEntry, isMap, isSeq, str, type KMap, type KNode } from './model.js';
import { applyJsonPatch, readOps } from './json6902.js';
import { listField, parseInline, type Kustomization } from './kustfile.js';
import { isWithin, join } from './paths.js';
import { curId, idEquals, idOf, idString, storePreviousId, stringifyAnnotations, type Resource } from './resource.js';
import { parseSelector, selectResources, type Selector } from './select.js';
import { applyStrategicMerge } from './smp.js';
import type { ParsedYaml } from './yaml-load.js';
import { parseYaml } from './yaml-load.js';

export interface PatchEnv {
  read: (path: string) => string | undefined;
  problems: RenderProblem[];
}

type Loaded = { docs: KNode[]; where: KNode } | undefined;

function problem(env: PatchEnv, k: Kustomization, at: KNode, message: string, severity: 'error' | 'info' = 'error'): void {
  env.problems.push({ severity, message, file: at.org.file || k.file, start: at.org.start, end: at.org.end });
}

/** Loads a patch from a file (relative to the kustomization) or from inline text. */
function load(env: PatchEnv, k: Kustomization, pathNode: KNode | undefined, inlineNode: KNode | undefined, at: KNode, json = false): Loaded {
  const first = loadAs(env, k, pathNode, inlineNode, at, json);
  // A JSON patch is decoded by kustomize as YAML 1.1 (`y`, `on` are booleans): read it again so.
  if (!json && first && first.docs.length === 1 && isSeq(first.docs[0])) return loadAs(env, k, pathNode, inlineNode, at, true);
  return first;
}

function loadAs(env: PatchEnv, k: Kustomization, pathNode: KNode | undefined, inlineNode: KNode | undefined, at: KNode, yaml11: boolean): Loaded {
  let parsed: ParsedYaml;
  let where = at;
  if (pathNode !== undefined && inlineNode !== undefined) {
    problem(env, k, at, 'patch and path can\'t be set at the same time');
    return undefined;
  }
  if (pathNode !== undefined) {
    const rel = str(pathNode) ?? '';
    const p = join(k.dir, rel);
    where = pathNode;
    if (!isWithin(p, k.dir)) {
      problem(env, k, pathNode, `security; file '${p}' is not in or below '${k.dir || '.'}'`);
      return undefined;
    }
    const text = env.read(p);
    if (text === undefined) {
      problem(env, k, pathNode, `failed to get the patch file from path(${rel}): file not found`);
      return undefined;
    }
    parsed = parseYaml(text, p, undefined, yaml11);
    if (parsed.error) {
      env.problems.push({ severity: 'error', message: parsed.error.message, file: p, start: parsed.error.start, end: parsed.error.end });
      return undefined;
    }
  } else if (inlineNode !== undefined && inlineNode.kind === 'scalar') {
    where = inlineNode;
    parsed = parseInline(k.text, inlineNode, k.file, yaml11);
    if (parsed.error) {
      env.problems.push({ severity: 'error', message: parsed.error.message, file: k.file, start: parsed.error.start, end: parsed.error.end });
      return undefined;
    }
  } else {
    problem(env, k, at, 'must specify one of patch and path');
    return undefined;
  }
  if (parsed.docs.length === 0) {
    problem(env, k, where, 'patch appears to be empty');
    return undefined;
  }
  return { docs: parsed.docs.map((d) => clone(d, k.dir)), where };
}

/** Applies strategic-merge docs to the resources they name (by id), or to every selected resource. */
function applySm(env: PatchEnv, k: Kustomization, rs: Resource[], docs: KNode[], where: KNode, target: Selector | undefined, allowName: boolean): Resource[] {
  let out = rs;
  if (target) {
    if (docs.length > 1) {
      problem(env, k, where, 'Multiple Strategic-Merge Patches in one `patches` entry is not allowed to set `patches.target` field');
      return out;
    }
    const sel = selectResources(out, target);
    if (typeof sel === 'string') {
      problem(env, k, where, sel);
      return out;
    }
    for (const r of sel) out = applyOne(out, r, docs[0] as KMap, allowName);
    return out;
  }
  for (const d of docs) {
    if (!isMap(d)) {
      problem(env, k, where, 'a strategic merge patch must be a map');
      continue;
    }
    const pid = idOf(d);
    const hits = out.filter((r) => [...r.prevIds, curId(r)].some((id) => idEquals(id, pid)));
    if (hits.length !== 1) {
      problem(env, k, where, `${hits.length ? 'multiple matches' : 'no matches'} for Id ${idString(pid)}; failed to find unique target for patch ${idString(pid)}`);
      continue;
    }
    out = applyOne(out, hits[0]!, d, allowName);
  }
  return out;
}

function applyOne(rs: Resource[], r: Resource, patch: KMap, allowName: boolean): Resource[] {
  if (allowName) storePreviousId(r);
  const name = getEntry(patch, 'metadata')?.value;
  const merged = applyStrategicMerge(r.node, clone(patch) as KMap);
  if (merged === null) return rs.filter((x) => x !== r);
  r.node = merged;
  if (allowName && isMap(name)) {
    const n = getEntry(name, 'name');
    const meta = getEntry(r.node, 'metadata')?.value;
    if (n && isMap(meta)) {
      const e = getEntry(meta, 'name');
      if (e) e.value = n.value;
    }
  }
  return rs;
}

function applyJson(env: PatchEnv, k: Kustomization, rs: Resource[], doc: KNode, where: KNode, target: Selector | undefined, storeIds: boolean): void {
  const ops = readOps(doc);
  if (typeof ops === 'string') {
    problem(env, k, where, ops);
    return;
  }
  if (!target) {
    problem(env, k, where, 'must specify a target for JSON patch');
    return;
  }
  const sel = selectResources(rs, target);
  if (typeof sel === 'string') {
    problem(env, k, where, sel);
    return;
  }
  for (const r of sel) {
    if (storeIds) storePreviousId(r);
    ensureAnnotations(r.node);
    const err = applyJsonPatch(r.node, ops, k.dir);
    stringifyAnnotations(r.node);
    if (err) {
      const at = err.op.node;
      env.problems.push({ severity: 'error', message: `${err.error} (in ${idString(curId(r))})`, file: at.org.file || k.file, start: at.org.start, end: at.org.end });
    }
  }
}

/**
 * During a build kustomize keeps internal annotations on every resource, so `metadata.annotations` always
 * exists for a JSON patch (`add /metadata/annotations/x` works on a resource without annotations). An
 * empty map left over is dropped before printing, as kustomize drops it.
 */
function ensureAnnotations(node: KMap): void {
  const meta = getEntry(node, 'metadata')?.value;
  if (!isMap(meta)) return;
  const e = getEntry(meta, 'annotations');
  if (e && isMap(e.value)) return;
  const m: KMap = { kind: 'map', entries: [], org: meta.org };
  if (e) e.value = m;
  else meta.entries.push({ key: 'annotations', keyOrg: meta.org, value: m });
}

export function runPatchesStrategicMerge(env: PatchEnv, k: Kustomization, rs: Resource[]): Resource[] {
  let out = rs;
  for (const item of listField(k, 'patchesStrategicMerge')) {
    const s = str(item) ?? '';
    const inline = /\n/.test(s) || /:\s/.test(s);
    const loaded = inline ? load(env, k, undefined, item, item) : load(env, k, item, undefined, item);
    if (loaded) out = applySm(env, k, out, loaded.docs, loaded.where, undefined, false);
  }
  return out;
}

export function runPatches(env: PatchEnv, k: Kustomization, rs: Resource[]): Resource[] {
  let out = rs;
  for (const item of listField(k, 'patches')) {
    if (!isMap(item)) {
      problem(env, k, item, 'each entry of patches must be a map with path or patch');
      continue;
    }
    const loaded = load(env, k, getEntry(item, 'path')?.value, getEntry(item, 'patch')?.value, item);
    if (!loaded) continue;
    const target = parseSelector(getEntry(item, 'target')?.value);
    const opts = getEntry(item, 'options')?.value;
    const allowName = isMap(opts) && getEntry(opts, 'allowNameChange')?.value.kind === 'scalar' && (getEntry(opts, 'allowNameChange')!.value as { value: unknown }).value === true;
    if (loaded.docs.length === 1 && isSeq(loaded.docs[0])) applyJson(env, k, out, loaded.docs[0]!, loaded.where, target, true);
    else out = applySm(env, k, out, loaded.docs, loaded.where, target, allowName);
  }
  return out;
}

export function runPatchesJson6902(env: PatchEnv, k: Kustomization, rs: Resource[]): void {
  for (const item of listField(k, 'patchesJson6902')) {
    if (!isMap(item)) {
      problem(env, k, item, 'each entry of patchesJson6902 must be a map');
      continue;
    }
    const target = parseSelector(getEntry(item, 'target')?.value);
    if (!target?.name) {
      problem(env, k, item, 'must specify the target name');
      continue;
    }
    const loaded = load(env, k, getEntry(item, 'path')?.value, getEntry(item, 'patch')?.value, item, true);
    if (!loaded) continue;
    applyJson(env, k, rs, loaded.docs[0]!, loaded.where, target, false);
  }
}

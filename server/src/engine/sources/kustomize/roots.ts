/**
 * Which kustomizations to build: every kustomization folder that no other kustomization includes (a base
 * is built through its overlays, alone only when nothing includes it), and which files the builds
 * include (resource manifests and patches; never linted on their own).
 */
import type { FileReader } from '../rendered.js';
import { getEntry, isMap, str } from './model.js';
import { findKustomizationFile, listField, loadKustomization } from './kustfile.js';
import { isRemote, join, normalize } from './paths.js';

const MAX_FOLDERS = 20_000;

export function isKustomizationFolder(reader: FileReader, folder: string): boolean {
  return findKustomizationFile(reader, normalize(folder)) !== undefined;
}

interface Edges {
  folders: string[];
  files: string[];
}

function edgesOf(reader: FileReader, dir: string): Edges | undefined {
  const k = loadKustomization(reader, dir, [], new Map());
  if (!('root' in k)) return undefined;
  const out: Edges = { folders: [], files: [] };
  const add = (rel: string | undefined): void => {
    if (rel === undefined || isRemote(rel)) return;
    const p = join(dir, rel);
    if (reader.list(p)) out.folders.push(p);
    else out.files.push(p);
  };
  for (const key of ['resources', 'bases', 'components']) for (const item of listField(k, key)) add(str(item));
  for (const item of listField(k, 'patchesStrategicMerge')) {
    const s = str(item);
    if (s !== undefined && !/\n|:\s/.test(s)) out.files.push(join(dir, s));
  }
  for (const key of ['patches', 'patchesJson6902', 'replacements']) {
    for (const item of listField(k, key)) {
      const path = isMap(item) ? str(getEntry(item, 'path')?.value) : undefined;
      if (path !== undefined) out.files.push(join(dir, path));
    }
  }
  return out;
}

export function findKustomizeRoots(reader: FileReader, folders: string[]): { roots: string[]; included: Set<string> } {
  const candidates: string[] = [];
  const seen = new Set<string>();
  const scan = (dir: string, depth: number): void => {
    if (seen.has(dir) || seen.size >= MAX_FOLDERS || depth > 30) return;
    seen.add(dir);
    candidates.push(dir);
    const names = reader.list(dir) ?? [];
    for (const n of names) {
      if (!n.endsWith('/') || n.startsWith('.') || n === 'node_modules/') continue;
      scan(join(dir, n.slice(0, -1)), depth + 1);
    }
  };
  for (const f of folders) scan(normalize(f), 0);

  const included = new Set<string>();
  const includedKusts = new Set<string>();
  const visited = new Map<string, Edges | undefined>();
  const queue = candidates.filter((d) => isKustomizationFolder(reader, d));
  const kusts = [...queue];
  while (queue.length && visited.size < MAX_FOLDERS) {
    const d = queue.shift()!;
    if (visited.has(d)) continue;
    const e = edgesOf(reader, d);
    visited.set(d, e);
    if (!e) continue;
    for (const f of e.files) included.add(f);
    for (const sub of e.folders) {
      if (sub !== d) includedKusts.add(sub);
      if (!visited.has(sub)) queue.push(sub);
    }
  }
  const roots = kusts.filter((d) => !includedKusts.has(d)).sort();
  // Kustomizations that include each other in a cycle have no includer outside it: build the first of
  // each such group so that its cycle is reported.
  const reached = new Set<string>();
  const reach = (d: string): void => {
    const stack = [d];
    while (stack.length) {
      const x = stack.pop()!;
      if (reached.has(x)) continue;
      reached.add(x);
      for (const sub of visited.get(x)?.folders ?? []) stack.push(sub);
    }
  };
  roots.forEach(reach);
  for (const d of [...kusts].sort()) {
    if (reached.has(d)) continue;
    roots.push(d);
    reach(d);
  }
  return { roots, included };
}

/**
 * Builds a kustomization as `kubectl kustomize` does: accumulate resources (files, folders with their own
 * kustomization, built first), skip generators, apply components, then the transformers in kustomize's
 * order (kusttarget_configplugin.go): patchesStrategicMerge, patches, namespace, namePrefix, nameSuffix,
 * labels + commonLabels, commonAnnotations, patchesJson6902, replicas, images, replacements. At the root, name
 * references are fixed and resources sorted in kustomize's legacy order.
 */
import type { FileReader, RenderProblem, RenderResult } from '../rendered.js';
import { getEntry, isMap, str, type KMap, type KNode } from './model.js';
import { COMMON_LABELS, METADATA_LABELS_ONLY, TEMPLATE_LABELS, type FieldSpec } from './fieldspecs.js';
import { listField, loadKustomization, typeError, type Kustomization } from './kustfile.js';
import { runPatches, runPatchesJson6902, runPatchesStrategicMerge, type PatchEnv } from './patches.js';
import { isRemote, isWithin, join, KUSTOMIZATION_FILES, normalize } from './paths.js';
import { printResources } from './printer.js';
import { curId, effectiveNamespace, idString, stringifyAnnotations, type Resource } from './resource.js';
import { sortLegacy } from './sort.js';
import { applyAnnotations, applyNamespace, applyPairs, type Pair } from './transform-meta.js';
import { applyAffix, fixNameReferences } from './transform-names.js';
import { applyImage, applyReplicas, type ImageEntry } from './transform-misc.js';
import { applyReplacement } from './transform-replacements.js';
import { parseYaml } from './yaml-load.js';

const MAX_KUSTOMIZATIONS = 500;
const MAX_RESOURCES = 20_000;

interface Ctx {
  reader: FileReader;
  problems: RenderProblem[];
  files: Map<string, string>;
  stack: string[];
  builds: number;
  stop: boolean;
}

function read(ctx: Ctx, path: string): string | undefined {
  if (ctx.files.has(path)) return ctx.files.get(path);
  const t = ctx.reader.read(path);
  if (t !== undefined) ctx.files.set(path, t);
  return t;
}

function err(ctx: Ctx, at: KNode, file: string, message: string, severity: 'error' | 'info' = 'error'): void {
  ctx.problems.push({ severity, message, file: at.org.file || file, start: at.org.start, end: at.org.end });
}

const idKey = (r: Resource): string => {
  const id = curId(r);
  return [id.group, id.version, id.kind, id.name, effectiveNamespace(id)].join('\u0000');
};

function append(ctx: Ctx, k: Kustomization, into: Resource[], add: Resource[], at: KNode): void {
  const have = new Set(into.map(idKey));
  for (const r of add) {
    const id = curId(r);
    if (have.has(idKey(r))) {
      err(ctx, at, k.file, `may not add resource with an already registered id: ${idString(id)}`);
      continue;
    }
    if (into.length >= MAX_RESOURCES) {
      err(ctx, at, k.file, `too many resources (more than ${MAX_RESOURCES})`);
      ctx.stop = true;
      return;
    }
    have.add(idKey(r));
    into.push(r);
  }
}

/** Resources of one manifest file (multi-document; `kind: List` expanded). */
function loadFile(ctx: Ctx, path: string, text: string, home: string): Resource[] | string {
  const parsed = parseYaml(text, path);
  if (parsed.error) {
    ctx.problems.push({ severity: 'error', message: parsed.error.message, file: path, start: parsed.error.start, end: parsed.error.end });
    return [];
  }
  const out: Resource[] = [];
  const add = (d: KNode): void => {
    if (!isMap(d)) {
      ctx.problems.push({ severity: 'error', message: 'a resource must be a map', file: path, start: d.org.start, end: d.org.end });
      return;
    }
    const kind = str(getEntry(d, 'kind')?.value);
    const items = getEntry(d, 'items')?.value;
    if (kind !== undefined && kind.endsWith('List') && items?.kind === 'seq') {
      items.items.forEach(add);
      return;
    }
    if (!kind || !str(getEntry(isMap(getEntry(d, 'metadata')?.value) ? (getEntry(d, 'metadata')!.value as KMap) : d, 'name')?.value)) {
      ctx.problems.push({ severity: 'error', message: kind ? 'missing metadata.name in object' : 'missing kind in object', file: path, start: d.org.start, end: d.org.end });
      return;
    }
    out.push({ node: d, home, prevIds: [], prefixes: [], suffixes: [] });
  };
  parsed.docs.forEach(add);
  return out;
}

function accumulate(ctx: Ctx, dir: string, at: KNode | undefined, atFile: string, into: Resource[] | undefined, component: boolean): Resource[] | undefined {
  const where = at ?? ({ kind: 'scalar', value: null, org: { file: atFile, start: 0, end: 0 } } as KNode);
  if (ctx.stack.includes(dir)) {
    err(ctx, where, atFile, `cycle detected: ${[...ctx.stack, dir].map((d) => d || '.').join(' -> ')}`);
    return undefined;
  }
  if (++ctx.builds > MAX_KUSTOMIZATIONS) {
    if (!ctx.stop) err(ctx, where, atFile, `too many kustomizations to build (more than ${MAX_KUSTOMIZATIONS})`);
    ctx.stop = true;
    return undefined;
  }
  const k = loadKustomization(ctx.reader, dir, ctx.problems, ctx.files);
  if ('missing' in k) {
    err(ctx, where, atFile, `unable to find one of 'kustomization.yaml', 'kustomization.yml' or 'Kustomization' in directory '${dir || '.'}'`);
    return undefined;
  }
  if ('broken' in k) return undefined;
  if (component !== k.isComponent) {
    err(ctx, where, atFile, component ? `expected kind 'Component' for path '${dir}'` : `expected kind != 'Component' for path '${dir}'`);
    return undefined;
  }
  ctx.stack.push(dir);
  try {
    let rs = into ?? [];
    for (const item of [...listField(k, 'resources'), ...listField(k, 'bases')]) {
      if (ctx.stop) break;
      const rel = str(item);
      if (rel === undefined) continue;
      if (isRemote(rel)) {
        err(ctx, item, k.file, `remote resource '${rel}' is not built by ScaleLint; skipped`, 'info');
        continue;
      }
      const p = join(k.dir, rel);
      const text = ctx.reader.list(p) ? undefined : read(ctx, p);
      if (text !== undefined) {
        if (!isWithin(p, k.dir)) {
          err(ctx, item, k.file, `security; file '${p}' is not in or below '${k.dir || '.'}'`);
          continue;
        }
        const loaded = loadFile(ctx, p, text, k.dir);
        if (typeof loaded !== 'string') append(ctx, k, rs, loaded, item);
      } else if (ctx.reader.list(p)) {
        const sub = accumulate(ctx, p, item, k.file, undefined, false);
        if (sub) append(ctx, k, rs, sub, item);
      } else {
        err(ctx, item, k.file, `accumulating resources: '${p}' not found (neither a file nor a folder with a kustomization)`);
      }
    }
    for (const key of ['configMapGenerator', 'secretGenerator', 'generators', 'helmCharts', 'helmChartInflationGenerator']) {
      for (const item of listField(k, key)) err(ctx, item, k.file, `${key} is not built by ScaleLint; skipped`, 'info');
    }
    for (const key of ['transformers', 'validators', 'vars', 'crds', 'configurations', 'openapi', 'buildMetadata']) {
      const e = getEntry(k.root, key);
      if (e) ctx.problems.push({ severity: 'info', message: `${key} is not supported by ScaleLint's Kustomize builder; ignored`, file: k.file, start: e.keyOrg.start, end: e.keyOrg.end });
    }
    const so = getEntry(k.root, 'sortOptions')?.value;
    const legacyOpts = isMap(so) ? getEntry(so, 'legacySortOptions') : undefined;
    if (legacyOpts) ctx.problems.push({ severity: 'info', message: 'sortOptions.legacySortOptions is not supported; the default legacy order is used', file: k.file, start: legacyOpts.keyOrg.start, end: legacyOpts.keyOrg.end });
    for (const item of listField(k, 'components')) {
      if (ctx.stop) break;
      const rel = str(item);
      if (rel === undefined) continue;
      if (isRemote(rel)) {
        err(ctx, item, k.file, `remote component '${rel}' is not built by ScaleLint; skipped`, 'info');
        continue;
      }
      accumulate(ctx, join(k.dir, rel), item, k.file, rs, true);
    }
    rs = transform(ctx, k, rs);
    if (into && rs !== into) into.splice(0, into.length, ...rs);
    return into ?? rs;
  } finally {
    ctx.stack.pop();
  }
}

/** A kustomization value kustomize decodes into a Go string (or int64): an error when it is not one. */
function typed(ctx: Ctx, k: Kustomization, n: KNode | undefined, field: string, want: 'string' | 'int64' = 'string'): boolean {
  if (n === undefined) return false;
  const msg = typeError(n, field, want);
  if (msg) err(ctx, n, k.file, msg);
  return msg === undefined && !(n.kind === 'scalar' && n.value === null);
}

function pairsOf(ctx: Ctx, k: Kustomization, n: KNode | undefined, field: string): Pair[] {
  if (!isMap(n)) return [];
  return n.entries
    .filter((e) => typed(ctx, k, e.value, field))
    .map((e) => ({ key: e.key, value: str(e.value) ?? '', keyOrg: { ...e.keyOrg, by: k.dir }, valueOrg: { ...e.value.org, by: k.dir } }));
}

function transform(ctx: Ctx, k: Kustomization, input: Resource[]): Resource[] {
  const env: PatchEnv = { read: (p) => read(ctx, p), problems: ctx.problems };
  let rs = runPatchesStrategicMerge(env, k, input);
  rs = runPatches(env, k, rs);
  const by = k.dir;
  const nsE = getEntry(k.root, 'namespace');
  const ns = typed(ctx, k, nsE?.value, 'Kustomization.namespace') ? str(nsE?.value) : undefined;
  if (nsE && ns) {
    const msg = applyNamespace(rs, ns, { ...nsE.value.org, by });
    if (msg) err(ctx, nsE.value, k.file, msg);
  }
  for (const key of ['namePrefix', 'nameSuffix'] as const) {
    const e = getEntry(k.root, key);
    const v = typed(ctx, k, e?.value, `Kustomization.${key}`) ? str(e?.value) : undefined;
    if (e && v) applyAffix(rs, v, { ...e.value.org, by }, key === 'namePrefix' ? 'prefix' : 'suffix');
  }
  const common = pairsOf(ctx, k, getEntry(k.root, 'commonLabels')?.value, 'Kustomization.commonLabels');
  for (const item of listField(k, 'labels')) {
    if (!isMap(item)) continue;
    const pairs = pairsOf(ctx, k, getEntry(item, 'pairs')?.value, 'Label.labels.pairs');
    const flag = (f: string): boolean => {
      const v = getEntry(item, f)?.value;
      return v?.kind === 'scalar' && v.value === true;
    };
    const clash = pairs.find((p) => common.some((c) => c.key === p.key));
    if (clash) err(ctx, item, k.file, `label name '${clash.key}' exists in both commonLabels and labels`);
    let specs: FieldSpec[] = METADATA_LABELS_ONLY;
    if (flag('includeSelectors')) specs = COMMON_LABELS;
    else if (flag('includeTemplates')) specs = [...TEMPLATE_LABELS];
    const fields = getEntry(item, 'fields')?.value;
    if (fields?.kind === 'seq') {
      const extra: FieldSpec[] = [];
      for (const f of fields.items) {
        const path = str(getEntry(f as KMap, 'path')?.value);
        if (!isMap(f) || !path) continue;
        const fs: FieldSpec = { path, create: getEntry(f, 'create')?.value.kind === 'scalar' && (getEntry(f, 'create')!.value as { value: unknown }).value === true };
        for (const g of ['group', 'version', 'kind'] as const) {
          const v = str(getEntry(f, g)?.value);
          if (v) fs[g] = v;
        }
        extra.push(fs);
      }
      specs = [...extra, ...specs];
    }
    applyPairs(rs, pairs, specs);
  }
  if (common.length) applyPairs(rs, common, COMMON_LABELS);
  const ann = pairsOf(ctx, k, getEntry(k.root, 'commonAnnotations')?.value, 'Kustomization.commonAnnotations');
  if (ann.length) applyAnnotations(rs, ann);
  runPatchesJson6902(env, k, rs);
  for (const item of listField(k, 'replicas')) {
    if (!isMap(item)) continue;
    const nameN = getEntry(item, 'name')?.value;
    const name = typed(ctx, k, nameN, 'Replica.replicas.name') ? str(nameN) : undefined;
    const count = getEntry(item, 'count')?.value;
    if (count && !typed(ctx, k, count, 'Replica.replicas.count', 'int64')) continue;
    if (!name || count?.kind !== 'scalar' || typeof count.value !== 'number' || !Number.isInteger(count.value)) {
      err(ctx, item, k.file, 'replicas entry needs a name and an integer count');
      continue;
    }
    const rep = { name, count: count.value, countOrg: { ...count.org, by } };
    const msg = applyReplicas(rs, count.intText !== undefined ? { ...rep, countText: count.intText } : rep);
    if (msg) err(ctx, item, k.file, msg);
  }
  for (const item of [...listField(k, 'images'), ...listField(k, 'imageTags')]) {
    if (!isMap(item)) continue;
    const nameN = getEntry(item, 'name')?.value;
    const name = typed(ctx, k, nameN, 'Image.images.name') ? str(nameN) : undefined;
    if (!name) continue;
    const img: ImageEntry = { name, org: { ...item.org, by } };
    let bad = false;
    for (const f of ['newTag', 'digest', 'newName', 'tagSuffix'] as const) {
      const e = getEntry(item, f);
      if (e && typeError(e.value, `Image.images.${f}`, 'string')) {
        typed(ctx, k, e.value, `Image.images.${f}`);
        bad = true;
      }
      const v = str(e?.value);
      if (e && v) {
        img[f] = v;
        if (img.org.start === item.org.start && img.org.end === item.org.end) img.org = { ...e.value.org, by };
      }
    }
    if (!bad) applyImage(rs, img);
  }
  runReplacements(ctx, k, rs);
  return rs;
}

function runReplacements(ctx: Ctx, k: Kustomization, rs: Resource[]): void {
  for (const item of listField(k, 'replacements')) {
    if (!isMap(item)) continue;
    let reps: KNode[] = [item];
    const pathN = getEntry(item, 'path')?.value;
    if (pathN) {
      const p = join(k.dir, str(pathN) ?? '');
      const text = isWithin(p, k.dir) ? read(ctx, p) : undefined;
      if (text === undefined) {
        err(ctx, pathN, k.file, isWithin(p, k.dir) ? `replacement file '${p}' not found` : `security; file '${p}' is not in or below '${k.dir || '.'}'`);
        continue;
      }
      const parsed = parseYaml(text, p, undefined, true);
      if (parsed.error) {
        ctx.problems.push({ severity: 'error', message: parsed.error.message, file: p, start: parsed.error.start, end: parsed.error.end });
        continue;
      }
      const d = parsed.docs[0];
      reps = d?.kind === 'seq' ? d.items : d ? [d] : [];
    }
    for (const r of reps) {
      const msg = isMap(r) ? applyReplacement(rs, r, k.dir) : 'a replacement must be a map';
      if (msg) err(ctx, r, k.file, msg);
    }
  }
}

/**
 * What kustomize does to annotations before printing (it reads and re-sets them to drop its own): every
 * value becomes a string (resource.ts), and an empty or null annotations map is removed.
 */
function finish(r: Resource): void {
  const meta = getEntry(r.node, 'metadata')?.value;
  if (!isMap(meta)) return;
  const a = getEntry(meta, 'annotations');
  if (!a) return;
  stringifyAnnotations(r.node);
  if ((a.value.kind === 'scalar' && a.value.value === null) || (isMap(a.value) && a.value.entries.length === 0)) {
    meta.entries.splice(meta.entries.indexOf(a), 1);
  }
}

export function buildKustomization(reader: FileReader, root: string): RenderResult {
  let dir = normalize(root);
  const base = dir.slice(dir.lastIndexOf('/') + 1);
  if (KUSTOMIZATION_FILES.includes(base) && reader.read(dir) !== undefined) dir = dir.slice(0, Math.max(0, dir.lastIndexOf('/')));
  const ctx: Ctx = { reader, problems: [], files: new Map(), stack: [], builds: 0, stop: false };
  let rs: Resource[] | undefined;
  try {
    rs = accumulate(ctx, dir, undefined, dir, undefined, false);
    if (rs) {
      const k = loadKustomization(reader, dir, [], new Map());
      const msg = fixNameReferences(rs);
      if (msg) ctx.problems.push({ severity: 'error', message: msg, file: 'file' in k ? k.file : dir, start: 0, end: 0 });
      rs.forEach(finish);
      const sortOptions = 'root' in k ? getEntry(k.root, 'sortOptions')?.value : undefined;
      if (str(isMap(sortOptions) ? getEntry(sortOptions, 'order')?.value : undefined) !== 'fifo') rs = sortLegacy(rs);
    }
  } catch (e) {
    ctx.problems.push({ severity: 'error', message: `internal error while building: ${String(e)}`, file: dir, start: 0, end: 0 });
    rs = undefined;
  }
  const documents = [];
  if (rs) {
    const { text, segments } = printResources(rs.map((r) => ({ node: r.node, home: r.home })), ctx.files);
    documents.push({ name: dir || '.', text, segments });
  }
  return { documents, problems: ctx.problems, inputs: [...ctx.files.keys()] };
}



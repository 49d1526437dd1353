/**
 * Loading a chart over a FileReader: Chart.yaml (→ .Chart with Helm's field names), values.yaml (with
 * origins), templates/ (recursively), unpacked subcharts in charts/ (a packed .tgz is reported), and the
 * other files for .Files.
 */
import { isMap as isYMap, isScalar, parseDocument } from 'yaml';
import type { FileReader, RenderProblem } from '../rendered';
import { fromPlain, type GoValue } from './values';
import { globRegex } from './objects';
import { readYaml } from './yaml-in';

export interface TemplateFile {
  /** Reader path. */
  path: string;
  /** Helm's template name, `<chart>/templates/x.yaml`. */
  name: string;
  text: string;
}

export interface Dependency {
  name: string;
  alias?: string;
  condition?: string;
  tags: string[];
  /** `import-values`: a name under the child's `exports`, or a child table → parent path. */
  importValues: (string | { child: string; parent: string })[];
}

export interface Chart {
  root: string;
  name: string;
  /** `<parent id>/charts/<name>` for subcharts, the name for the top chart. */
  id: string;
  meta: Map<string, GoValue>;
  values: Map<string, GoValue>;
  templates: TemplateFile[];
  subcharts: Chart[];
  dependencies: Dependency[];
  /** Reader paths of the chart's other files (for .Files). */
  files: string[];
}

const MAX_FILES = 5000;
const MAX_DEPTH = 12;

export function joinPath(a: string, b: string): string {
  if (a === '' || a === '.') return b;
  return a.endsWith('/') ? a + b : `${a}/${b}`;
}

/** Chart.yaml's keys (lower camel) → Helm's Metadata field names. */
const META_FIELDS: [string, string][] = [
  ['name', 'Name'], ['home', 'Home'], ['sources', 'Sources'], ['version', 'Version'], ['description', 'Description'],
  ['keywords', 'Keywords'], ['maintainers', 'Maintainers'], ['icon', 'Icon'], ['apiVersion', 'APIVersion'],
  ['condition', 'Condition'], ['tags', 'Tags'], ['appVersion', 'AppVersion'], ['deprecated', 'Deprecated'],
  ['annotations', 'Annotations'], ['kubeVersion', 'KubeVersion'], ['dependencies', 'Dependencies'], ['type', 'Type'],
];

const STRING_FIELDS = new Set(['name', 'home', 'version', 'description', 'icon', 'apiVersion', 'condition', 'tags', 'appVersion', 'kubeVersion', 'type']);

/** Chart.yaml as Go reads it into chart.Metadata: string fields keep their source text (appVersion: 1.10 is "1.10"). */
function readChartYaml(text: string): Map<string, GoValue> {
  const out = new Map<string, GoValue>();
  let doc;
  try {
    doc = parseDocument(text, { version: '1.1', uniqueKeys: false });
  } catch {
    return out;
  }
  const js = readYaml(text).value;
  const plain = js instanceof Map ? js : new Map<string, GoValue>();
  if (isYMap(doc.contents)) {
    for (const pair of doc.contents.items) {
      const k = isScalar(pair.key) ? String(pair.key.value) : '';
      const v = pair.value;
      if (STRING_FIELDS.has(k) && isScalar(v)) out.set(k, v.value === null ? '' : String(v.source ?? v.value));
      else out.set(k, plain.get(k) ?? null);
    }
  }
  return out;
}

const SUB_FIELDS: Record<string, string> = {
  name: 'Name', email: 'Email', url: 'URL', version: 'Version', repository: 'Repository', condition: 'Condition',
  tags: 'Tags', enabled: 'Enabled', 'import-values': 'ImportValues', alias: 'Alias',
};

/** Maintainers and dependencies with Go's field names. */
function goFields(v: GoValue): GoValue {
  if (!Array.isArray(v)) return v;
  return v.map((item) => {
    if (!(item instanceof Map)) return item;
    const m = new Map<string, GoValue>();
    for (const [k, x] of item) m.set(SUB_FIELDS[k] ?? k, x);
    return m;
  });
}

/**
 * `.Chart` as Helm 4 gives it: a map of chart.Metadata's fields by their Go names, plus IsRoot (a field
 * Chart.yaml does not set is empty; asking for one Metadata does not have prints nothing — Helm 3 erred).
 */
function metadata(meta: Map<string, GoValue>, isRoot: boolean): Map<string, GoValue> {
  const fields = new Map<string, GoValue>();
  for (const [key, field] of META_FIELDS) {
    const v = meta.get(key);
    fields.set(field, v === undefined || v === null ? (STRING_FIELDS.has(key) ? '' : key === 'deprecated' ? false : null) : goFields(v));
  }
  fields.set('IsRoot', isRoot);
  return fields;
}

export function chartObject(chart: Chart): Map<string, GoValue> {
  return metadata(chart.meta, !chart.id.includes('/charts/'));
}

function dependencies(meta: Map<string, GoValue>): Dependency[] {
  const deps = meta.get('dependencies');
  if (!Array.isArray(deps)) return [];
  const out: Dependency[] = [];
  for (const d of deps) {
    if (!(d instanceof Map)) continue;
    const name = d.get('name');
    if (typeof name !== 'string') continue;
    const alias = d.get('alias');
    const cond = d.get('condition');
    const tags = d.get('tags');
    const iv = d.get('import-values');
    const importValues: Dependency['importValues'] = [];
    if (Array.isArray(iv)) {
      for (const x of iv) {
        if (typeof x === 'string') importValues.push(x);
        else if (x instanceof Map) importValues.push({ child: String(x.get('child') ?? ''), parent: String(x.get('parent') ?? '.') });
      }
    }
    out.push({
      importValues,
      name,
      alias: typeof alias === 'string' && alias !== '' ? alias : undefined,
      condition: typeof cond === 'string' && cond !== '' ? cond : undefined,
      tags: Array.isArray(tags) ? tags.filter((t): t is string => typeof t === 'string') : [],
    });
  }
  return out;
}

export interface LoadContext {
  reader: FileReader;
  problems: RenderProblem[];
  inputs: Set<string>;
}

export function readFile(cx: LoadContext, path: string): string | undefined {
  cx.inputs.add(path);
  try {
    return cx.reader.read(path);
  } catch {
    return undefined;
  }
}

function list(cx: LoadContext, folder: string): string[] {
  try {
    return cx.reader.list(folder) ?? [];
  } catch {
    return [];
  }
}

/** `.helmignore`: is `rel` (relative to the chart root) ignored? Shell globs, `dir/` for folders, `!` negates. */
type Ignore = (rel: string, isDir: boolean) => boolean;

function helmignore(text: string | undefined): Ignore {
  const rules = (text ?? '').split('\n').map((l) => l.trim()).filter((l) => l !== '' && !l.startsWith('#')).slice(0, 500).map((line) => {
    const negate = line.startsWith('!');
    let pat = negate ? line.slice(1) : line;
    const dirOnly = pat.endsWith('/');
    pat = pat.replace(/\/+$/, '').replace(/^\//, '');
    return { negate, dirOnly, full: pat.includes('/'), re: globRegex(pat.replace(/\*\*/g, '*')) };
  });
  return (rel, isDir) => {
    let ignored = false;
    const base = rel.slice(rel.lastIndexOf('/') + 1);
    for (const r of rules) {
      if (r.dirOnly && !isDir) continue;
      if (r.re.test(r.full ? rel : base)) ignored = !r.negate;
    }
    return ignored;
  };
}

/** Files under `folder` (recursively), skipping `skip` top-level entries and what .helmignore ignores. */
function walk(cx: LoadContext, folder: string, out: string[], depth: number, ignore: Ignore, rel: string, skip?: Set<string>): void {
  if (depth > MAX_DEPTH) return;
  for (const entry of list(cx, folder).sort()) {
    if (out.length >= MAX_FILES) return;
    if (skip?.has(entry)) continue;
    const name = entry.replace(/\/$/, '');
    const p = joinPath(folder, name);
    const r = rel === '' ? name : `${rel}/${name}`;
    if (ignore(r, entry.endsWith('/'))) continue;
    if (entry.endsWith('/')) walk(cx, p, out, depth + 1, ignore, r);
    else out.push(p);
  }
}

/** Loads the chart at `root` (undefined when there is no Chart.yaml). */
export function loadChart(cx: LoadContext, root: string, parentId?: string, depth = 0): Chart | undefined {
  const chartYamlPath = joinPath(root, 'Chart.yaml');
  const chartYaml = readFile(cx, chartYamlPath);
  if (chartYaml === undefined) return undefined;
  const meta = readChartYaml(chartYaml);
  const folderName = root.split('/').filter(Boolean).pop() ?? 'chart';
  const metaName = meta.get('name');
  const name = typeof metaName === 'string' && metaName !== '' ? metaName : folderName;
  const id = parentId === undefined ? name : `${parentId}/charts/${name}`;
  const valuesPath = joinPath(root, 'values.yaml');
  const valuesText = readFile(cx, valuesPath);
  let values = new Map<string, GoValue>();
  if (valuesText !== undefined) {
    const r = readYaml(valuesText, valuesPath);
    for (const i of r.issues) cx.problems.push({ severity: 'error', message: `values.yaml: ${i.message}`, file: valuesPath, start: i.start, end: i.end });
    if (r.value instanceof Map) values = r.value;
  }
  const templates: TemplateFile[] = [];
  const ignore = helmignore(readFile(cx, joinPath(root, '.helmignore')));
  const tplRoot = joinPath(root, 'templates');
  const tplPaths: string[] = [];
  walk(cx, tplRoot, tplPaths, 0, ignore, 'templates');
  for (const p of tplPaths) {
    const text = readFile(cx, p);
    if (text === undefined) continue;
    templates.push({ path: p, name: `${id}/templates/${p.slice(tplRoot.length + 1)}`, text });
  }
  const subcharts: Chart[] = [];
  const chartsDir = joinPath(root, 'charts');
  if (depth < MAX_DEPTH) {
    for (const entry of list(cx, chartsDir).sort()) {
      const p = joinPath(chartsDir, entry.replace(/\/$/, ''));
      if (entry.endsWith('/')) {
        const sub = loadChart(cx, p, id, depth + 1);
        if (sub) subcharts.push(sub);
      } else if (/\.tgz$|\.tar\.gz$/.test(entry)) {
        cx.problems.push({ severity: 'info', message: `packed subchart ${entry} is not rendered by ScaleLint; unpack it into charts/ to lint it`, file: p, start: 0, end: 0 });
      }
    }
  }
  const files: string[] = [];
  walk(cx, root, files, 0, ignore, '', new Set(['templates/', 'charts/', 'Chart.yaml', 'values.yaml', 'values.schema.json', 'Chart.lock', 'requirements.yaml', 'requirements.lock', '.helmignore']));
  return { root, name, id, meta, values, templates, subcharts, dependencies: dependencies(meta), files };
}

export function plainMeta(x: unknown): GoValue {
  return fromPlain(x);
}

/**
 * renderChart: what `helm template` prints for a chart, one RenderedDocument per template file, with the
 * source map back to template and values files; template errors as Helm reports them, one per template.
 */
import type { TplNode } from './ast';
import type { FileReader, RenderedDocument, RenderProblem, RenderResult, Segment } from '../rendered';
import { chartObject, joinPath, loadChart, readFile, type Chart, type LoadContext } from './chart';
import { DEFAULT_LIMITS, Exec, ExecError, type Limits, type TemplateDef } from './exec';
import { funcTable } from './funcs';
import { withImports } from './imports';
import { coalesce, mergeMaps, subchartValues, valueAt, withValueAt } from './merge';
import { capabilitiesObject, filesObject, releaseObject } from './objects';
import { OutputLimit, type Out } from './out';
import { parseTemplate } from './parser';
import { parseSet, StrvalsError } from './strvals';
import { utf8Length } from './utf8';
import { truth, type GoValue } from './values';
import { readYaml } from './yaml-in';

export interface RenderOptions {
  valueFiles?: string[];
  set?: string[];
  releaseName?: string;
  namespace?: string;
  kubernetesVersion?: string;
  /** Extra API versions for .Capabilities.APIVersions (`helm template --api-versions`). */
  apiVersions?: string[];
  /** Bounds (tests may lower them). */
  limits?: Partial<Limits>;
}

interface Unit {
  chart: Chart;
  top: Map<string, GoValue>;
}

const WS = /^[ \t\r\n]*$/;

/** `[chart, values]` for the chart and each enabled subchart, depth first. */
function units(chart: Chart, values: Map<string, GoValue>, top: (c: Chart, v: Map<string, GoValue>) => Map<string, GoValue>, out: Unit[], depth = 0): Map<string, GoValue> {
  const t = top(chart, values);
  out.push({ chart, top: t });
  const subs = new Map<string, GoValue>();
  if (depth > 12) return t;
  for (const sub of chart.subcharts) {
    const dep = chart.dependencies.find((d) => d.name === sub.name);
    const key = dep?.alias ?? sub.name;
    if (dep && !enabled(dep.condition, dep.tags, values)) continue;
    const subChart = dep?.alias ? { ...sub, name: key, id: `${chart.id}/charts/${key}`, templates: sub.templates.map((x) => ({ ...x, name: x.name.replace(sub.id, `${chart.id}/charts/${key}`) })) } : sub;
    const vals = subchartValues(values, key, sub.values);
    values.set(key, vals);
    subs.set(key, units(subChart, vals, top, out, depth + 1));
  }
  t.set('Subcharts', subs);
  return t;
}

/** A dependency's `condition` (first path that is a bool decides) or else its tags. */
function enabled(condition: string | undefined, tags: string[], values: Map<string, GoValue>): boolean {
  if (condition) {
    for (const path of condition.split(',')) {
      const v = valueAt(values, path.trim().split('.'));
      if (typeof v === 'boolean') return v;
    }
  }
  if (tags.length > 0) {
    const t = values.get('tags');
    const states = tags.map((tag) => (t instanceof Map ? t.get(tag) : undefined)).filter((x): x is boolean => typeof x === 'boolean');
    if (states.length > 0) return states.some((x) => x);
  }
  return true;
}

/** The `.Values` path of a template whose whole output is under one `{{ if .Values.x.y }}` without else. */
export function gatePath(root: TplNode[]): string[] | undefined {
  let gate: string[] | undefined;
  for (const n of root) {
    if (n.kind === 'text' && WS.test(n.text)) continue;
    // Variable declarations print nothing.
    if (n.kind === 'action' && n.pipe.decl.length > 0) continue;
    if (gate || n.kind !== 'if' || n.elseList || n.pipe.decl.length > 0 || n.pipe.cmds.length !== 1) return undefined;
    const args = n.pipe.cmds[0]!.args;
    const a = args[0]!;
    if (args.length !== 1 || a.kind !== 'field' || a.names[0] !== 'Values' || a.names.length < 2) return undefined;
    gate = a.names.slice(1);
  }
  return gate;
}

/** Go's unicode.IsSpace for the characters TrimSpace removes. */
const GO_SPACE = /[\t\n\v\f\r \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]/;

/** Helm's SplitManifests on raw output: `[start, end)` of each non-empty document, trimmed. */
function documentRanges(raw: string): [number, number][] {
  let s = 0;
  let e = raw.length;
  while (s < e && GO_SPACE.test(raw[s]!)) s++;
  while (e > s && GO_SPACE.test(raw[e - 1]!)) e--;
  const out: [number, number][] = [];
  const sep = /(?:^|[\t\n\f\r ]*\n)---[\t\n\f\r ]*/g;
  const body = raw.slice(s, e);
  let from = 0;
  const push = (a: number, b: number): void => {
    while (a < b && GO_SPACE.test(body[a]!)) a++;
    while (b > a && GO_SPACE.test(body[b - 1]!)) b--;
    if (b > a) out.push([s + a, s + b]);
  };
  for (let m = sep.exec(body); m; m = sep.exec(body)) {
    if (m[0].length === 0) { sep.lastIndex++; continue; }
    push(from, m.index);
    from = m.index + m[0].length;
  }
  push(from, body.length);
  return out;
}

/**
 * The document's text as `helm template` prints a file's manifests (each trimmed, joined by `---`), and the
 * segments of the output chunks that fall in them. The `---` lines between manifests have no segment.
 */
function toSegments(out: Out, texts: Map<string, string>, note: string | undefined): { text: string; segments: Segment[] } {
  const raw = out.toString();
  const docs = documentRanges(raw);
  const segments: Segment[] = [];
  let text = '';
  let ci = 0;
  const chunks = out.chunks;
  for (const [ds, de] of docs) {
    if (text.length > 0) text += '\n---\n';
    const shift = text.length - ds;
    text += raw.slice(ds, de);
    while (ci < chunks.length && chunks[ci]!.end <= ds) ci++;
    for (let k = ci; k < chunks.length && chunks[k]!.start < de; k++) {
      const c = chunks[k]!;
      const s = Math.max(c.start, ds);
      const e = Math.min(c.end, de);
      if (e <= s) continue;
      const cut = c.kind !== 'act' && (s !== c.start || e !== c.end);
      const fileStart = c.kind === 'act' ? c.fileStart : c.fileStart + (cut ? s - c.start : 0);
      const fileEnd = c.kind === 'act' ? c.fileEnd : cut ? fileStart + (e - s) : c.fileEnd;
      const verbatim = c.kind !== 'act' && texts.get(c.file)?.slice(fileStart, fileEnd) === raw.slice(s, e);
      const seg: Segment = { start: s + shift, end: e + shift, kind: c.kind === 'val' ? 'value' : 'template', file: c.file, fileStart, fileEnd, verbatim };
      if (note) seg.note = note;
      if (c.kind === 'val' && c.via) seg.via = c.via;
      const prev = segments[segments.length - 1];
      if (prev && c.kind === 'act' && !prev.verbatim && prev.kind === 'template' && prev.end === seg.start && prev.file === seg.file && prev.fileStart === seg.fileStart && prev.fileEnd === seg.fileEnd) prev.end = seg.end;
      else segments.push(seg);
    }
  }
  return { text: text.length > 0 ? text + '\n' : '', segments };
}

export function renderChart(reader: FileReader, chartRoot: string, options: RenderOptions = {}): RenderResult {
  const problems: RenderProblem[] = [];
  const inputs = new Set<string>();
  const cx: LoadContext = { reader, problems, inputs };
  const documents: RenderedDocument[] = [];
  try {
    const chart = loadChart(cx, chartRoot);
    if (!chart) {
      problems.push({ severity: 'error', message: `no Chart.yaml in ${chartRoot || '.'}`, file: joinPath(chartRoot, 'Chart.yaml'), start: 0, end: 0 });
      return { documents, problems, inputs: [...inputs] };
    }
    renderLoaded(cx, chart, options, documents);
  } catch (e) {
    problems.push({ severity: 'error', message: `chart could not be rendered: ${e instanceof Error ? e.message : String(e)}`, file: joinPath(chartRoot, 'Chart.yaml'), start: 0, end: 0 });
  }
  return { documents, problems, inputs: [...inputs] };
}

function userValues(cx: LoadContext, options: RenderOptions, chartYaml: string): Map<string, GoValue> {
  const user = new Map<string, GoValue>();
  for (const f of options.valueFiles ?? []) {
    const text = readFile(cx, f);
    if (text === undefined) {
      cx.problems.push({ severity: 'error', message: `values file ${f} not found`, file: f, start: 0, end: 0 });
      continue;
    }
    const r = readYaml(text, f);
    for (const i of r.issues) cx.problems.push({ severity: 'error', message: `${f}: ${i.message}`, file: f, start: i.start, end: i.end });
    if (r.value instanceof Map) mergeMaps(user, r.value);
  }
  for (const expr of options.set ?? []) {
    try {
      parseSet(expr, user);
    } catch (e) {
      const msg = e instanceof StrvalsError ? e.message : String(e);
      // --set comes from configuration, not a chart file: reported on the chart's Chart.yaml.
      cx.problems.push({ severity: 'error', message: `failed parsing --set data ${JSON.stringify(expr)}: ${msg}`, file: chartYaml, start: 0, end: 0 });
    }
  }
  return user;
}

function renderLoaded(cx: LoadContext, chart: Chart, options: RenderOptions, documents: RenderedDocument[]): void {
  const funcs = funcTable();
  const limits: Limits = { ...DEFAULT_LIMITS, ...options.limits };
  const rel = { releaseName: options.releaseName ?? 'release-name', namespace: options.namespace ?? 'default', kubernetesVersion: options.kubernetesVersion ?? '1.35' };
  const capabilities = capabilitiesObject(rel.kubernetesVersion, options.apiVersions);
  chart.values = withImports(chart);
  const values = coalesce(userValues(cx, options, joinPath(chart.root, 'Chart.yaml')), chart.values);
  const list: Unit[] = [];
  units(chart, values, (c, v) => new Map<string, GoValue>([
    ['Values', v], ['Chart', chartObject(c)], ['Release', releaseObject(rel)], ['Capabilities', capabilities],
    ['Files', filesObject(c.files.map((f) => f.slice(c.root === '' ? 0 : c.root.length + 1)), (n) => readFile(cx, joinPath(c.root, n)))],
  ]), list);
  // Texts of every file a segment may point at.
  const texts = new Map<string, string>();
  // Parse every template; definitions are shared across the chart and its subcharts (Helm's order: deeper
  // paths first, then names descending, so the top chart's definitions win).
  const all = list.flatMap((u) => u.chart.templates.map((t) => ({ unit: u, t })));
  all.sort((a, b) => {
    const da = a.t.name.split('/').length;
    const db = b.t.name.split('/').length;
    return da !== db ? db - da : a.t.name < b.t.name ? 1 : a.t.name > b.t.name ? -1 : 0;
  });
  const registry = new Map<string, TemplateDef>();
  const names = new Map(all.map(({ t }) => [t.path, t.name]));
  let brokenPartial = false;
  const parsed: { unit: Unit; path: string; name: string; text: string; root: TplNode[] }[] = [];
  for (const { unit, t } of all) {
    texts.set(t.path, t.text);
    const r = parseTemplate(t.path, t.text, (n) => funcs.has(n));
    if (r.error) {
      cx.problems.push({ severity: 'error', message: `parse error at (${where(names, texts, t.path, r.error.start, false)}): ${r.error.message}`, file: t.path, start: r.error.start, end: r.error.end });
      if (t.name.slice(t.name.lastIndexOf('/') + 1).startsWith('_')) brokenPartial = true;
      continue;
    }
    const tpl = r.template!;
    for (const [name, nodes] of tpl.defines) registry.set(name, { nodes, file: t.path, text: t.text });
    registry.set(t.name, { nodes: tpl.root, file: t.path, text: t.text });
    parsed.push({ unit, path: t.path, name: t.name, text: t.text, root: tpl.root });
  }
  for (const u of list) {
    const vp = joinPath(u.chart.root, 'values.yaml');
    const vt = cx.reader.read(vp);
    if (vt !== undefined) texts.set(vp, vt);
  }
  for (const f of options.valueFiles ?? []) {
    const vt = cx.reader.read(f);
    if (vt !== undefined) texts.set(f, vt);
  }
  parsed.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const p of parsed) {
    const base = p.name.slice(p.name.lastIndexOf('/') + 1);
    if (base.startsWith('_')) continue;
    // NOTES.txt is rendered like every template (helm's renderResources): its `fail` or `required` fails the
    // chart. Its text is no manifest, so only its errors are kept; a call it cannot render changes nothing linted.
    const notes = base === 'NOTES.txt';
    // A library chart's templates only define; nothing of it is rendered.
    if (p.unit.chart.meta.get('type') === 'library') continue;
    const render = (top: Map<string, GoValue>, note?: string, gate?: string): void => {
      const exec = new Exec(registry, funcs, limits, (message, file, start, end) => {
        if (!notes) cx.problems.push({ severity: 'info', message, file, start, end });
      });
      const dot = new Map(top);
      dot.set('Template', new Map<string, GoValue>([['Name', p.name], ['BasePath', p.name.slice(0, p.name.indexOf('/templates/') + 10)]]));
      const out = exec.newOut();
      try {
        exec.runBody(p.root, p.path, p.text, { v: dot }, out);
      } catch (e) {
        const problem = problemOf(e, p.path, p.name, limits, names, texts);
        // The render with a gate forced true is hypothetical: its failures are notes, not errors.
        if (note) {
          problem.severity = 'info';
          problem.message = `${note}: ${problem.message}`;
        }
        // A definitions file that did not parse was reported once; the templates that use it stop quietly.
        if (!(brokenPartial && /no template ".*" associated/.test(problem.message))) cx.problems.push(problem);
        return;
      }
      if (notes) return;
      const { text, segments } = toSegments(out, texts, note);
      if (text === '') return;
      const doc: RenderedDocument = { name: p.name, text, segments };
      if (gate) doc.gate = gate;
      documents.push(doc);
    };
    render(p.unit.top);
    const gate = notes ? undefined : gatePath(p.root);
    if (gate) {
      const vals = p.unit.top.get('Values') as Map<string, GoValue>;
      const v = valueAt(vals, gate);
      if (!truth(v ?? null)) {
        const top = new Map(p.unit.top);
        top.set('Values', withValueAt(vals, gate, true));
        const path = gate.join('.');
        render(top, `when ${path} is true`, path);
      }
    }
  }
}

/** `name:line:col` of an offset, as Go's template errors give it. */
function where(names: Map<string, string>, texts: Map<string, string>, file: string, offset: number, col = true): string {
  const text = texts.get(file) ?? '';
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  // Go counts columns in bytes from 0.
  const c = utf8Length(before.slice(before.lastIndexOf('\n') + 1));
  return `${names.get(file) ?? file}:${line}${col ? `:${c}` : ''}`;
}

function problemOf(e: unknown, file: string, name: string, limits: Limits, names: Map<string, string>, texts: Map<string, string>): RenderProblem {
  if (e instanceof ExecError) {
    const loc = where(names, texts, e.file, e.start);
    const node = (texts.get(e.file) ?? '').slice(e.start, e.end);
    const message = e.helm ? `execution error at (${loc}): ${e.message}` : `template: ${loc}: executing "${name}" at <${node}>: ${e.message}`;
    return { severity: 'error', message, file: e.file, start: e.start, end: e.end };
  }
  if (e instanceof OutputLimit) return { severity: 'error', message: `${name}: output larger than ${limits.maxOutput} characters`, file, start: 0, end: 0 };
  if (e instanceof RangeError) return { severity: 'error', message: `${name}: template nesting too deep`, file, start: 0, end: 0 };
  return { severity: 'error', message: `${name}: rendering failed: ${e instanceof Error ? e.message : String(e)}`, file, start: 0, end: 0 };
}

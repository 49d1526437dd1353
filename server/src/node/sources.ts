/**
 * Charts and kustomizations on disk, for the CLI (and the server's workspace): a FileReader over the file
 * system, the plan of what to render (engine planSources), the renders added to a lint set under keys of
 * their own, and their findings placed back in the files a person edits.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, isAbsolute, resolve, sep } from 'node:path';
import { findKustomizeRoots, findTopChartRoot, isShellPath, isTerraformPath, KUSTOMIZATION_FILES, planSources, placeRenderedFindings, renderChart, scanSuppressions, type ChartRenderer, type Config, type FileFinding, type FileReader, type HclSyntaxParser, type HelmOptions, type Linter, type PlacedFinding, type RenderedDocument, type SourcePlan, type Suppressions } from '../engine';

/** Engine paths: absolute paths without their leading `/`, with `/` separators (the engine knows no roots). */
export function enginePath(file: string): string {
  return resolve(file).split(sep).join('/').replace(/^\/+/, '');
}

/** The file on disk for an engine path. */
export function diskPath(engine: string): string {
  return isAbsolute(engine) ? engine : `/${engine}`;
}

/** Reads the file system for the engine; `overlay` holds texts that are newer than the disk's (open editors, stdin). */
export function diskReader(overlay?: (engine: string) => string | undefined): FileReader {
  return {
    read(path) {
      const open = overlay?.(path);
      if (open !== undefined) return open;
      try {
        const p = diskPath(path);
        if (!statSync(p).isFile()) return undefined;
        return readFileSync(p, 'utf8');
      } catch {
        return undefined;
      }
    },
    list(folder) {
      try {
        return readdirSync(diskPath(folder), { withFileTypes: true }).map((d) => (d.isDirectory() ? `${d.name}/` : d.name));
      } catch {
        return undefined;
      }
    },
  };
}

/** A render's key in the lint set: never the name of a real file. */
export function renderKey(doc: RenderedDocument, index: number): string {
  return `${diskPath(doc.name)}#render-${index}${doc.gate ? `-${doc.gate}` : ''}`;
}

export interface RenderOptions {
  helm?: HelmOptions;
  /** The HCL parser, when the files include Terraform (node/hcl-parser.ts loads it). */
  hclParser?: HclSyntaxParser;
  /** Options of one chart (its `.scalelint.yaml` key `helm:`), under `helm` (the command line's, which win). */
  helmFor?: (chartRoot: string) => HelmOptions;
  reader?: FileReader;
  /** A new lint set with the same configuration, for the renders of a chart with a gate forced true. */
  newLinter?: () => Linter;
  /** The lint-set key of a render (default {@link renderKey}); the server keys them as URIs of their template. */
  keyOf?: (doc: RenderedDocument, index: number) => string;
  /**
   * The last render of the same files (the server, after a keystroke): its gated lint sets are updated in
   * place rather than made anew, so documents whose render did not change are not parsed and checked again.
   */
  previous?: RenderedSet;
}

/** Helm options of a config (`helm:`) under the given ones: value files and --set first, names replaced. */
export function mergeHelmOptions(under: HelmOptions, over: HelmOptions): HelmOptions {
  return {
    ...under,
    ...Object.fromEntries(Object.entries(over).filter(([, v]) => v !== undefined)),
    valueFiles: [...(under.valueFiles ?? []), ...(over.valueFiles ?? [])],
    set: [...(under.set ?? []), ...(over.set ?? [])],
  };
}

/**
 * A chart's Helm options from its config (`helm:`, `kubernetesVersion`): value files relative to the config
 * file's folder (`configFile`), or to the chart's when the config came from editor settings.
 */
export function helmOptionsOf(config: Config, configFile: string | undefined, chartRoot: string): HelmOptions {
  const helm = config.helm ?? {};
  const base = configFile ? dirname(configFile) : diskPath(chartRoot);
  // --set splits at commas: a comma inside a string value is escaped, as helm's users write it.
  const value = (v: string | number | boolean | null) => (v === null ? 'null' : typeof v === 'string' ? v.replace(/([\\,])/g, '\\$1') : String(v));
  return {
    valueFiles: (helm.valueFiles ?? []).map((f) => enginePath(resolve(base, f))),
    set: Object.entries(helm.set ?? {}).map(([path, v]) => `${path}=${value(v)}`),
    ...(helm.releaseName ? { releaseName: helm.releaseName } : {}),
    ...(helm.namespace ? { namespace: helm.namespace } : {}),
    ...(config.kubernetesVersion ? { kubernetesVersion: config.kubernetesVersion } : {}),
  };
}

/** A chart, a kustomization no other includes, a Terraform module or a shell script: what one change re-renders. */
export interface SourceUnit {
  kind: 'chart' | 'kustomization' | 'terraform' | 'shell';
  /** Its folder (engine path); a script's own path. */
  root: string;
  /**
   * The file that makes it one (Chart.yaml, kustomization.yaml, the module's first `.tf` file, the script):
   * planning it alone renders this unit.
   */
  marker: string;
}

/** The charts and root kustomizations the files (engine paths) belong to, without rendering them. */
export function findUnits(reader: FileReader, files: readonly string[]): SourceUnit[] {
  const charts = new Set<string>();
  const kustomizationDirs = new Set<string>();
  const names = new Set<string>(KUSTOMIZATION_FILES);
  // Each file's chart is found by climbing its folders: the Chart.yaml answers are kept for the files after it.
  const known = new Map<string, boolean>();
  const fileSet = new Set(files); // a file is no folder: no Chart.yaml under it to ask the disk for
  const chartReader: FileReader = {
    list: (folder) => reader.list(folder),
    read(path) {
      if (!path.endsWith('/Chart.yaml') && path !== 'Chart.yaml') return reader.read(path);
      if (fileSet.has(path.slice(0, -'/Chart.yaml'.length))) return undefined;
      if (!known.has(path)) known.set(path, reader.read(path) !== undefined);
      return known.get(path) ? '' : undefined;
    },
  };
  const modules = new Map<string, string>();
  const scripts: string[] = [];
  for (const f of files) {
    if (isTerraformPath(f)) {
      // A module is its folder: the first of its files (in name order) stands for it.
      const folder = f.slice(0, Math.max(0, f.lastIndexOf('/')));
      const known = modules.get(folder);
      if (known === undefined || f < known) modules.set(folder, f);
      continue;
    }
    if (isShellPath(f)) {
      scripts.push(f);
      continue;
    }
    const chart = findTopChartRoot(chartReader, f);
    if (chart !== undefined) charts.add(chart);
    else if (names.has(f.slice(f.lastIndexOf('/') + 1))) kustomizationDirs.add(f.slice(0, Math.max(0, f.lastIndexOf('/'))));
  }
  const units: SourceUnit[] = [...charts].sort().map((root) => ({ kind: 'chart' as const, root, marker: root === '' ? 'Chart.yaml' : `${root}/Chart.yaml` }));
  if (kustomizationDirs.size) {
    for (const root of findKustomizeRoots(reader, [...kustomizationDirs]).roots.sort()) {
      const marker = KUSTOMIZATION_FILES.map((n) => (root === '' ? n : `${root}/${n}`)).find((p) => reader.read(p) !== undefined);
      if (marker) units.push({ kind: 'kustomization', root, marker });
    }
  }
  for (const [root, marker] of [...modules].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) units.push({ kind: 'terraform', root, marker });
  for (const script of scripts.sort()) units.push({ kind: 'shell', root: script, marker: script });
  return units;
}

export interface RenderedSet {
  plan: SourcePlan;
  /** Lint-set key → the render linted under it. */
  renders: Map<string, RenderedDocument>;
  /** Charts rendered with a gate forced true, each linted as a lint set of its own. */
  gated: { id: string; linter: Linter; renders: Map<string, RenderedDocument> }[];
  /** What it was made from, to render again (after --fix, or a change). */
  files: readonly string[];
  options: RenderOptions;
}

/** Adds renders to a lint set, each under its own key; returns them by key. */
function lintRenders(linter: Linter, docs: readonly RenderedDocument[], keyOf = renderKey): Map<string, RenderedDocument> {
  const renders = new Map<string, RenderedDocument>();
  docs.forEach((doc, i) => {
    const key = keyOf(doc, i);
    renders.set(key, doc);
    linter.update(key, doc.text);
  });
  return renders;
}

/** Plans the files (paths as given on the command line or found by a walk), and adds every render to the lint set. */
export function addRenders(linter: Linter, files: readonly string[], options: RenderOptions = {}): RenderedSet {
  const reader = options.reader ?? diskReader();
  const helmFor = options.helmFor;
  const render: ChartRenderer = helmFor ? (r, chart, given) => renderChart(r, chart, mergeHelmOptions(helmFor(chart), given)) : renderChart;
  const plan = planSources(reader, files.map(enginePath), { helm: options.helm, renderChart: render, hclParser: options.hclParser });
  const newLinter = options.newLinter;
  const before = new Map((options.previous?.gated ?? []).map((g) => [g.id, g]));
  const gated = newLinter ? plan.gated.map((g) => {
    const id = `${g.chart}\u0000${g.gate}`;
    const prior = before.get(id);
    const own = prior?.linter ?? newLinter();
    const renders = lintRenders(own, g.renders, options.keyOf);
    if (prior) for (const key of prior.renders.keys()) if (!renders.has(key)) own.remove(key);
    return { id, linter: own, renders };
  }) : [];
  return { plan, renders: lintRenders(linter, plan.renders, options.keyOf), gated, files, options };
}

/** Files consumed by a chart or kustomization (disk paths), which are not linted as they are written. */
export function consumedFiles(set: RenderedSet): Set<string> {
  return new Set([...set.plan.consumed].map(diskPath));
}

/** The renders' findings and the render problems (rule `render`), per file on disk, as file findings. */
export function renderedFindings(linter: Linter, set: RenderedSet, configFor?: (file: string) => Config, base: string = process.cwd()): Map<string, FileFinding[]> {
  const out = new Map<string, FileFinding[]>();
  // Suppression comments in the values file, template or patch the finding lands in (SPEC §3).
  const reader = set.options.reader ?? diskReader();
  const suppressions = new Map<string, Suppressions>();
  const suppressed = (f: PlacedFinding) => {
    let s = suppressions.get(f.file);
    if (!s) suppressions.set(f.file, (s = scanSuppressions(reader.read(f.file) ?? '')));
    return s.isSuppressed(f.ruleId, f.start);
  };
  // Notes name files and overlays by engine path: shown relative to the working folder (the editor's
  // workspace folder), as reports show files.
  const cwd = `${enginePath(base)}/`;
  const add = (f: PlacedFinding) => {
    if (suppressed(f)) return;
    const file = diskPath(f.file);
    if (f.message.includes(cwd)) f = { ...f, message: f.message.split(cwd).join('') };
    const list = out.get(file) ?? [];
    // A related file is an engine path (a template, a values file) or a file of the lint set, named by its key.
    const related = f.related?.map((r) => (r.file === undefined ? r : { ...r, file: linter.get(r.file) ? r.file : diskPath(r.file), message: r.message.split(cwd).join('') }));
    list.push({ ...f, file, documentIndex: 0, documentStart: 0, ...(related ? { related } : {}) });
    out.set(file, list);
  };
  const seen = new Set<string>();
  const where = (f: PlacedFinding) => `${f.ruleId}\u0000${f.file}\u0000${f.start}\u0000${f.end}`;
  // A base shared by several overlays gets the same finding (or render problem) from each of them: said once.
  const said = new Set<string>();
  const once = (f: PlacedFinding) => {
    const k = `${where(f)}\u0000${f.message}`;
    if (said.has(k)) return;
    said.add(k);
    add(f);
  };
  // The default renders first; a gated lint set then adds what only the gate brings (a finding the default
  // render has at the same place is not repeated).
  const sets = [{ linter, renders: set.renders, gated: false }, ...set.gated.map((g) => ({ ...g, gated: true }))];
  for (const s of sets) {
    for (const [key, doc] of s.renders) {
      for (const f of placeRenderedFindings(doc, s.linter.lintFile(key), (file) => s.renders.get(file))) {
        if (s.gated && seen.has(where(f))) continue;
        seen.add(where(f));
        once(f);
      }
    }
  }
  for (const p of set.plan.problems) {
    // The rule's severity setting applies as to any rule's: off drops them, another severity replaces theirs.
    const setting = configFor?.(diskPath(p.file)).rules['render'];
    if (setting === 'off') continue;
    once({ ruleId: 'render', severity: setting ?? p.severity, message: p.message, file: p.file, start: p.start, end: p.end });
  }
  for (const list of out.values()) list.sort((a, b) => a.start - b.start || a.end - b.end || a.ruleId.localeCompare(b.ruleId));
  return out;
}

/**
 * Charts and kustomizations on disk, for the CLI (and the server's workspace): a FileReader over the file
 * system, the plan of what to render (engine planSources), the renders added to a lint set under keys of
 * their own, and their findings placed back in the files a person edits.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { isAbsolute, resolve, sep } from 'node:path';
import { planSources, placeRenderedFindings, renderChart, type Config, type FileFinding, type FileReader, type HelmOptions, type Linter, type PlacedFinding, type RenderedDocument, type SourcePlan } from '../engine';

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
  reader?: FileReader;
  /** A new lint set with the same configuration, for the renders of a chart with a gate forced true. */
  newLinter?: () => Linter;
}

export interface RenderedSet {
  plan: SourcePlan;
  /** Lint-set key → the render linted under it. */
  renders: Map<string, RenderedDocument>;
  /** Charts rendered with a gate forced true, each linted as a lint set of its own. */
  gated: { linter: Linter; renders: Map<string, RenderedDocument> }[];
  /** What it was made from, to render again (after --fix, or a change). */
  files: readonly string[];
  options: RenderOptions;
}

/** Adds renders to a lint set, each under its own key; returns them by key. */
function lintRenders(linter: Linter, docs: readonly RenderedDocument[]): Map<string, RenderedDocument> {
  const renders = new Map<string, RenderedDocument>();
  docs.forEach((doc, i) => {
    const key = renderKey(doc, i);
    renders.set(key, doc);
    linter.update(key, doc.text);
  });
  return renders;
}

/** Plans the files (paths as given on the command line or found by a walk), and adds every render to the lint set. */
export function addRenders(linter: Linter, files: readonly string[], options: RenderOptions = {}): RenderedSet {
  const reader = options.reader ?? diskReader();
  const plan = planSources(reader, files.map(enginePath), { helm: options.helm, renderChart });
  const newLinter = options.newLinter;
  const gated = newLinter ? plan.gated.map((g) => {
    const own = newLinter();
    return { linter: own, renders: lintRenders(own, g.renders) };
  }) : [];
  return { plan, renders: lintRenders(linter, plan.renders), gated, files, options };
}

/** Files consumed by a chart or kustomization (disk paths), which are not linted as they are written. */
export function consumedFiles(set: RenderedSet): Set<string> {
  return new Set([...set.plan.consumed].map(diskPath));
}

/** The renders' findings and the render problems (rule `render`), per file on disk, as file findings. */
export function renderedFindings(linter: Linter, set: RenderedSet, configFor?: (file: string) => Config): Map<string, FileFinding[]> {
  const out = new Map<string, FileFinding[]>();
  // Notes name files and overlays by engine path: shown relative to the working folder, as reports show files.
  const cwd = `${enginePath(process.cwd())}/`;
  const add = (f: PlacedFinding) => {
    const file = diskPath(f.file);
    if (f.message.includes(cwd)) f = { ...f, message: f.message.split(cwd).join('') };
    const list = out.get(file) ?? [];
    const related = f.related?.map((r) => (r.file === undefined ? r : { ...r, file: diskPath(r.file) }));
    list.push({ ...f, file, documentIndex: 0, documentStart: 0, ...(related ? { related } : {}) });
    out.set(file, list);
  };
  const seen = new Set<string>();
  const where = (f: PlacedFinding) => `${f.ruleId}\u0000${f.file}\u0000${f.start}\u0000${f.end}`;
  // The default renders first; a gated lint set then adds what only the gate brings (a finding the default
  // render has at the same place is not repeated).
  const sets = [{ linter, renders: set.renders, gated: false }, ...set.gated.map((g) => ({ ...g, gated: true }))];
  for (const s of sets) {
    for (const [key, doc] of s.renders) {
      for (const f of placeRenderedFindings(doc, s.linter.lintFile(key), (file) => s.renders.get(file))) {
        if (s.gated && seen.has(where(f))) continue;
        seen.add(where(f));
        add(f);
      }
    }
  }
  for (const p of set.plan.problems) {
    // The rule's severity setting applies as to any rule's: off drops them, another severity replaces theirs.
    const setting = configFor?.(diskPath(p.file)).rules['render'];
    if (setting === 'off') continue;
    add({ ruleId: 'render', severity: setting ?? p.severity, message: p.message, file: p.file, start: p.start, end: p.end });
  }
  for (const list of out.values()) list.sort((a, b) => a.start - b.start || a.end - b.end || a.ruleId.localeCompare(b.ruleId));
  return out;
}

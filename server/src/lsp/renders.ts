/**
 * Charts and kustomizations in the editor (SPEC §8). Each lint set keeps its Helm charts and root
 * kustomizations ("units"): rendered or built by the engine, their renders linted in the set's linter (so
 * cross-document rules see them beside the plain files), their findings placed on the values, template,
 * base and patch lines a person edits. A change re-renders only the units that read the changed file; the
 * files a unit reads are never linted as they are written (a template is not YAML, a patch is not a whole
 * object). Open editors' texts win over the disk.
 */
import { applyEdits, isShellPath, isTerraformPath, Linter, type FileFinding, type HclSyntaxParser, type RenderedDocument, type TextEdit } from '../engine';
import { addRenders, diskPath, diskReader, enginePath, findUnits, helmOptionsOf, renderedFindings, type RenderedSet, type SourceUnit } from '../node/sources';
import { isRenderKey, pathOf, uriOf, type LintSet } from './workspace';

/** Open editors' texts by engine path (undefined: read the disk). */
export type Overlay = (enginePath: string) => string | undefined;

interface UnitState {
  unit: SourceUnit;
  rendered: RenderedSet | undefined;
  /** Engine paths the render read, and their folders (a new file there may be read next time). */
  inputs: Set<string>;
  folders: Set<string>;
  dirty: boolean;
  /** Placed findings per file URI. */
  findings: Map<string, FileFinding[]>;
}

const MARKER_NAMES = new Set(['Chart.yaml', 'kustomization.yaml', 'kustomization.yml', 'Kustomization']);

/** The HCL parser (WebAssembly), once the server has loaded it: Terraform modules render with it. */
let hclParser: HclSyntaxParser | undefined;

export function useHclParser(parser: HclSyntaxParser): void {
  hclParser = parser;
}

/** A Terraform file or shell script: a unit of its own (its module, the script), found without a marker name. */
const isSourceFile = (engine: string) => isTerraformPath(engine) || isShellPath(engine);

const UNIT_NOUN: Record<SourceUnit['kind'], string> = { chart: 'this chart', kustomization: 'this kustomization', terraform: 'this Terraform module', shell: 'this script' };

const folderOf = (engine: string) => engine.slice(0, Math.max(0, engine.lastIndexOf('/')));

function baseName(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

/** What the render of the file under the cursor shows ("ScaleLint: Show rendered manifest"). */
export interface UnitRender {
  unit: SourceUnit;
  rendered: RenderedSet;
}

export class SetRenders {
  private readonly units = new Map<string, UnitState>();
  /** URIs of every file a unit reads: not linted as written. */
  private consumedKeys = new Set<string>();
  /** The units must be found again (first index, a config, Chart.yaml or kustomization file changed). */
  private unitsStale = true;
  /** Findings placed since the units last changed are current. */
  private placedStale = false;
  /** Placed findings per file URI, all units together. */
  private placed = new Map<string, FileFinding[]>();
  /** Charts and kustomizations rendered so far (the log and the tests read it: a change renders only its own). */
  renderCount = 0;

  constructor(private readonly set: LintSet) {}

  /** A file some chart or kustomization reads: its findings are the placed ones. */
  consumes(key: string): boolean {
    return this.consumedKeys.has(key);
  }

  /** Everything again (the workspace was indexed, the config changed). */
  planAgain(): void {
    this.unitsStale = true;
    for (const u of this.units.values()) u.dirty = true;
  }

  /** A file's text changed (edit, open, close, disk): the units that read it, or may now, render again. */
  fileChanged(key: string): void {
    const path = pathOf(key);
    if (!path || isRenderKey(key)) return;
    const engine = enginePath(path);
    if (MARKER_NAMES.has(baseName(engine))) this.unitsStale = true;
    // A new Terraform file or script makes a unit, or joins a module: find the units again.
    if (isSourceFile(engine) && ![...this.units.values()].some((u) => u.inputs.has(engine))) this.unitsStale = true;
    const folder = folderOf(engine);
    for (const u of this.units.values()) {
      if (u.dirty) continue;
      const root = u.unit.root;
      const under = root === '' || engine.startsWith(`${root}/`);
      if (u.inputs.has(engine) || (u.unit.kind === 'chart' && under) || u.folders.has(folder)) u.dirty = true;
    }
  }

  /** Placed findings of a file. */
  findingsFor(key: string): FileFinding[] {
    return this.placed.get(key) ?? [];
  }

  /** Every file with placed findings (URI → findings). */
  allFindings(): ReadonlyMap<string, FileFinding[]> {
    return this.placed;
  }

  /**
   * Findings of a plain file whose related locations point into a render (a plain HPA whose Deployment a
   * chart renders): those locations moved to the file that wrote the text (a render is no file to show).
   */
  mapRelated(findings: FileFinding[]): FileFinding[] {
    // No chart or kustomization rendered: no related location can point into a render (thousands of findings not scanned per keystroke).
    if (!this.anyRendered()) return findings;
    if (!findings.some((f) => f.related?.some((r) => r.file !== undefined && isRenderKey(r.file)))) return findings;
    const docs = new Map<string, RenderedDocument>();
    for (const u of this.units.values()) {
      if (!u.rendered) continue;
      for (const [key, doc] of u.rendered.renders) docs.set(key, doc);
    }
    return findings.map((f) => {
      if (!f.related?.some((r) => r.file !== undefined && isRenderKey(r.file))) return f;
      const related = f.related.flatMap((r) => {
        if (r.file === undefined || !isRenderKey(r.file)) return [r];
        const doc = docs.get(r.file);
        const seg = doc?.segments.find((x) => r.start >= x.start && r.start < x.end);
        if (!seg) return [];
        const start = seg.verbatim ? seg.fileStart + (r.start - seg.start) : seg.fileStart;
        const end = seg.verbatim ? Math.min(seg.fileEnd, seg.fileStart + (r.end - seg.start)) : seg.fileEnd;
        return [{ ...r, file: uriOf(diskPath(seg.file)), start, end: Math.max(start, end) }];
      });
      return { ...f, related };
    });
  }

  private anyRendered(): boolean {
    for (const u of this.units.values()) if (u.rendered) return true;
    return false;
  }

  /** The units that read a file (or, for a chart, hold it). */
  unitsOf(key: string): UnitRender[] {
    const path = pathOf(key);
    if (!path) return [];
    const engine = enginePath(path);
    const out: UnitRender[] = [];
    for (const u of this.units.values()) {
      const root = u.unit.root;
      const under = root === '' || engine.startsWith(`${root}/`);
      if (u.rendered && (u.inputs.has(engine) || (u.unit.kind === 'chart' && under))) out.push({ unit: u.unit, rendered: u.rendered });
    }
    return out;
  }

  /**
   * Renders what changed and places the findings again when anything did, or when `changed` says the lint
   * set's other files did (cross-document findings). Returns true when the placed findings may differ, and
   * the URIs of files no unit reads any more (they are linted as written again).
   */
  update(overlay: Overlay, changed: boolean, log: (message: string, err?: unknown) => void): { changed: boolean; released: string[] } {
    const set = this.set;
    if (!set.enabled) {
      const had = this.units.size > 0 || this.placed.size > 0;
      if (had) this.clear();
      return { changed: had, released: [] };
    }
    const reader = diskReader(overlay);
    let rerendered = false;
    if (this.unitsStale) {
      this.unitsStale = false;
      const files = new Set<string>();
      for (const key of [...set.linter.uris(), ...this.consumedKeys]) {
        const path = !isRenderKey(key) ? pathOf(key) : undefined;
        if (path) files.add(enginePath(path));
      }
      for (const extra of this.extraFiles) files.add(extra);
      for (const source of this.sourceFiles) files.add(source);
      let found: SourceUnit[] = [];
      try {
        found = findUnits(reader, [...files].sort());
      } catch (err) {
        log('ScaleLint: finding the charts and kustomizations failed', err);
      }
      const keep = new Set(found.map((u) => `${u.kind}:${u.root}`));
      for (const [id, u] of this.units) {
        if (keep.has(id)) continue;
        this.drop(u);
        this.units.delete(id);
        rerendered = true;
      }
      for (const unit of found) {
        const id = `${unit.kind}:${unit.root}`;
        if (!this.units.has(id)) this.units.set(id, { unit, rendered: undefined, inputs: new Set(), folders: new Set(), dirty: true, findings: new Map() });
      }
    }
    for (const u of this.units.values()) {
      if (!u.dirty) continue;
      u.dirty = false;
      rerendered = true;
      this.render(u, reader, log);
    }
    let released: string[] = [];
    if (rerendered) {
      const consumed = new Set<string>();
      for (const u of this.units.values()) for (const f of u.inputs) consumed.add(uriOf(diskPath(f)));
      for (const u of this.units.values()) consumed.add(uriOf(diskPath(u.unit.marker)));
      released = [...this.consumedKeys].filter((k) => !consumed.has(k));
      this.consumedKeys = consumed;
      // What a unit reads leaves the lint set's plain files (a base manifest must not be linted twice).
      for (const key of consumed) set.linter.remove(key);
    }
    if (!rerendered && !changed && !this.placedStale) return { changed: false, released };
    this.placedStale = false;
    this.place(reader, log);
    return { changed: true, released };
  }

  /** Files that are not in the linter but may make a unit (open `.tpl` files, for instance). */
  private readonly extraFiles = new Set<string>();

  /** Terraform files and scripts on disk (the workspace index finds them; they are never in the linter). */
  private sourceFiles = new Set<string>();

  /** The index's list of Terraform files and scripts (engine paths), after a walk. */
  setSourceFiles(paths: Iterable<string>): void {
    this.sourceFiles = new Set(paths);
    this.unitsStale = true;
  }

  /** A Terraform file or script appeared on disk (true) or went (false). */
  sourceFileEvent(engine: string, exists: boolean): void {
    if (exists) this.sourceFiles.add(engine);
    else this.sourceFiles.delete(engine);
    this.unitsStale = true;
  }

  /** An open document's file, which the workspace index may not hold (a chart outside the folder, a template opened alone). */
  noteOpen(key: string): void {
    const path = pathOf(key);
    if (!path || isRenderKey(key)) return;
    const engine = enginePath(path);
    if (this.extraFiles.has(engine)) return;
    this.extraFiles.add(engine);
    if (![...this.units.values()].some((u) => u.inputs.has(engine))) this.unitsStale = true;
  }

  noteClosed(key: string): void {
    const path = pathOf(key);
    if (path) this.extraFiles.delete(enginePath(path));
  }

  private render(u: UnitState, reader: ReturnType<typeof diskReader>, log: (message: string, err?: unknown) => void): void {
    const set = this.set;
    // The last render stays in the lint set until this one replaces it: documents whose text is the same are
    // not parsed and checked again (a keystroke in values.yaml changes a few of a chart's documents).
    const previous = u.rendered;
    this.renderCount++;
    try {
      const rendered = addRenders(set.linter, [diskPath(u.unit.marker)], {
        previous,
        reader,
        helmFor: (chart) => {
          const key = uriOf(`${diskPath(chart)}/Chart.yaml`);
          return helmOptionsOf(set.configFor(key), set.configPathFor(key), chart);
        },
        newLinter: () => new Linter((key) => set.configFor(key)),
        hclParser,
        // Keys are the unit's Chart.yaml or kustomization URI with a fragment: its config applies to them.
        keyOf: (doc, i) => `${uriOf(diskPath(u.unit.marker))}#render-${i}-${encodeURIComponent(doc.name)}`,
      });
      if (previous) for (const key of previous.renders.keys()) if (!rendered.renders.has(key)) set.linter.remove(key);
      u.rendered = rendered;
      u.inputs = new Set([...rendered.plan.consumed]);
      u.folders = new Set([...u.inputs].map(folderOf));
    } catch (err) {
      // The engine's renderers never throw on user input; if one does, the unit says so instead of crashing.
      log(`ScaleLint: rendering ${u.unit.root || '.'} failed`, err);
      this.drop(u);
      u.rendered = undefined;
      u.inputs = new Set([u.unit.marker]);
      u.folders = new Set([folderOf(u.unit.marker)]);
    }
  }

  /** Takes a unit's renders out of the lint set. */
  private drop(u: UnitState): void {
    if (!u.rendered) return;
    for (const key of u.rendered.renders.keys()) this.set.linter.remove(key);
    u.rendered = undefined;
  }

  private place(reader: ReturnType<typeof diskReader>, log: (message: string, err?: unknown) => void): void {
    const set = this.set;
    const all = new Map<string, FileFinding[]>();
    for (const u of this.units.values()) {
      u.findings = new Map();
      if (!u.rendered) {
        const file = diskPath(u.unit.marker);
        u.findings.set(uriOf(file), [{ ruleId: 'render', severity: 'error', message: `ScaleLint could not render ${UNIT_NOUN[u.unit.kind]} (see the ScaleLint output).`, file, start: 0, end: 0, documentIndex: 0, documentStart: 0 }]);
      } else {
        try {
          for (const [file, findings] of renderedFindings(set.linter, u.rendered, (f) => set.configFor(uriOf(f)), set.folder?.path)) u.findings.set(uriOf(file), findings);
        } catch (err) {
          log(`ScaleLint: linting the render of ${u.unit.root || '.'} failed`, err);
        }
      }
      for (const [key, findings] of u.findings) all.set(key, [...(all.get(key) ?? []), ...findings]);
    }
    for (const list of all.values()) list.sort((a, b) => a.start - b.start || a.end - b.end || a.ruleId.localeCompare(b.ruleId));
    this.placed = all;
    void reader;
  }

  private clear(): void {
    for (const u of this.units.values()) this.drop(u);
    this.units.clear();
    this.consumedKeys = new Set();
    this.placed = new Map();
    this.unitsStale = true;
  }

  /** The safe fixes of a file's placed findings applied once (fix-all on save), or undefined when none applies. */
  fixAll(key: string, text: string): string | undefined {
    const edits: TextEdit[] = [];
    const taken: [number, number][] = [];
    for (const f of this.findingsFor(key)) {
      const fix = f.fixes?.find((x) => x.safe && x.preferred) ?? f.fixes?.find((x) => x.safe);
      if (!fix) continue;
      // Edits that touch another fix's range are left for the next save.
      if (fix.edits.some((e) => taken.some(([s, t]) => e.start < t && s < e.end) || e.end > text.length)) continue;
      for (const e of fix.edits) taken.push([e.start, e.end]);
      edits.push(...fix.edits);
    }
    if (edits.length === 0) return undefined;
    const next = applyEdits(text, edits);
    return next === text ? undefined : next;
  }
}

/**
 * Which files of a lint set are linted as written, and which are read through a chart or a kustomization
 * (SPEC §8): a file under a folder with `Chart.yaml` belongs to that chart, which is rendered instead; the
 * kustomizations no other includes are built, and what they include is never linted alone. The result is
 * the renders to lint (each a document of the lint set with a source map back to the files a person edits),
 * the problems of rendering (rule `render`), and the plain files left.
 */
import { findTopChartRoot } from './helm';
import { buildKustomization, findKustomizeRoots } from './kustomize';
import { dirname, KUSTOMIZATION_FILES } from './kustomize/paths';
import type { FileReader, RenderedDocument, RenderProblem, RenderResult } from './rendered';
import { renderTerraformModule, terraformModules } from './terraform/source';
import { isShellPath } from './shell/index';
import { renderShellScript } from './shell/render';
import type { HclSyntaxParser } from './terraform/syntax';

export interface HelmOptions {
  valueFiles?: string[];
  set?: string[];
  releaseName?: string;
  namespace?: string;
  kubernetesVersion?: string;
}

/** Renders a chart (engine/sources/helm); injected so that a host can leave Helm out. */
export type ChartRenderer = (reader: FileReader, chartRoot: string, options: HelmOptions) => RenderResult;

/**
 * A chart rendered again with a gate forced true (`{{- if .Values.autoscaling.enabled }}`, off in the values):
 * a lint set of its own, so the gated HPA meets the Deployment as the same values would render it (without
 * `replicas`), not the default render's. Each render's `gate` names the condition for messages.
 */
export interface GatedSet {
  chart: string;
  gate: string;
  renders: RenderedDocument[];
}

export interface SourcePlan {
  /** Files linted as they are written. */
  plain: string[];
  /** Gated templates' renders: each gate of each chart, the whole chart rendered with it true. */
  gated: GatedSet[];
  /** Chart renders and kustomization builds, each linted as one more document set of the lint set. */
  renders: RenderedDocument[];
  problems: RenderProblem[];
  /** Every file a render read: the chart's or kustomization's own files, values, bases, patches. */
  consumed: Set<string>;
  /** The charts, kustomization roots and Terraform module folders found. */
  charts: string[];
  kustomizations: string[];
  terraformModules: string[];
}

const KUSTOMIZATION_NAMES = new Set(KUSTOMIZATION_FILES);

/**
 * The reader, with the answers for `Chart.yaml` kept: finding each file's chart climbs its folders, and the
 * files of a lint set share most of them.
 */
function chartLookups(reader: FileReader, files: readonly string[]): FileReader {
  const known = new Map<string, string | undefined>();
  // A file is no folder: `<file>/Chart.yaml` (a chart root is looked for at the path itself first) is not asked
  // of the disk, once per file.
  const fileSet = new Set(files);
  return {
    list: (folder) => reader.list(folder),
    read(path) {
      if (!path.endsWith('Chart.yaml')) return reader.read(path);
      if (fileSet.has(path.slice(0, -'/Chart.yaml'.length))) return undefined;
      if (!known.has(path)) known.set(path, reader.read(path));
      return known.get(path);
    },
  };
}

export interface PlanOptions {
  helm?: HelmOptions;
  renderChart?: ChartRenderer;
  /**
   * The HCL parser (loaded by the host: it is WebAssembly). When `.tf` files are among the files and it is
   * missing, each module says so with a `render` finding.
   */
  hclParser?: HclSyntaxParser;
}

export function planSources(reader: FileReader, files: readonly string[], options: PlanOptions = {}): SourcePlan {
  const plan: SourcePlan = { plain: [], gated: [], renders: [], problems: [], consumed: new Set(), charts: [], kustomizations: [], terraformModules: [] };
  const chartReader = chartLookups(reader, files);
  const charts = new Set<string>();
  const kustomizationDirs = new Set<string>();
  for (const f of files) {
    const chart = options.renderChart ? findTopChartRoot(chartReader, f) : undefined;
    if (chart !== undefined) {
      charts.add(chart);
      plan.consumed.add(f);
    } else if (KUSTOMIZATION_NAMES.has(f.slice(f.lastIndexOf('/') + 1))) kustomizationDirs.add(dirname(f));
  }
  for (const chart of [...charts].sort()) {
    plan.charts.push(chart);
    const helm = options.helm ?? {};
    const result = options.renderChart!(reader, chart, helm);
    take(plan, { ...result, documents: result.documents.filter((d) => !d.gate) });
    const gates = [...new Set(result.documents.map((d) => d.gate).filter((g): g is string => g !== undefined))].sort();
    for (const gate of gates) {
      // The first render reported the gated template's problems (as notes); this one adds only its documents.
      const forced = options.renderChart!(reader, chart, { ...helm, set: [...(helm.set ?? []), `${gate}=true`] });
      plan.gated.push({ chart, gate, renders: forced.documents.filter((d) => !d.gate).map((d) => ({ ...d, gate })) });
    }
  }
  if (kustomizationDirs.size) {
    const { roots, included } = findKustomizeRoots(reader, [...kustomizationDirs]);
    for (const f of included) plan.consumed.add(f);
    for (const dir of kustomizationDirs) for (const name of KUSTOMIZATION_FILES) plan.consumed.add(dir === '' ? name : `${dir}/${name}`);
    for (const root of [...roots].sort()) {
      plan.kustomizations.push(root);
      take(plan, buildKustomization(reader, root));
    }
  }
  for (const [folder, paths] of terraformModules(reader, files)) {
    plan.terraformModules.push(folder);
    take(plan, renderTerraformModule(reader, folder, paths, options.hclParser));
  }
  for (const f of files) {
    if (!isShellPath(f)) continue;
    const text = reader.read(f);
    if (text !== undefined) take(plan, renderShellScript(f, text));
    else plan.consumed.add(f);
  }
  plan.plain = files.filter((f) => !plan.consumed.has(f));
  return plan;
}

function take(plan: SourcePlan, result: RenderResult): void {
  plan.renders.push(...result.documents);
  plan.problems.push(...result.problems);
  for (const f of result.inputs) plan.consumed.add(f);
}

/** The engine's public surface, shared by the language server, the CLI, the webview and the tests. */
export * from './types';
export { LineIndex, lastIndexAtOrBelow } from './text';
export { Linter, type LinterOptions, type FileState, type FileDocument, type PreparedDocument } from './lint';
export { transferOf, chunkFromTransfer, type TransferredChunk } from './parse/transfer';
export { parseConfig, mergeConfig, defaultConfig, DEFAULT_CONFIG, type Config, type ConfigProblem, type LoadedConfig } from './config';
export { rules, ruleById } from './rules';
export type { Rule, RuleDocs } from './rules/rule';
export { applyEdits, fixAll, fileEdits } from './fix';
export { setSchemaLoader, setPrecompiledValidators } from './schemas';
export { schemasAvailable } from './schema/registry';
export { splitDocuments } from './parse/split';
export { parseChunk, type Resource, type ParsedChunk } from './parse/document';
export const DOCS_BASE_URL = 'https://github.com/scalelint/scalelint/blob/main/docs/rules.md';
export function ruleDocUrl(id: string): string {
  return `${DOCS_BASE_URL}#${id}`;
}
export * from './editor';
// For the wings: autoscalers as `scalelint simulate` and the code lens read them.
export { isAutoscaler, isScaledObject, utilizationMetrics } from './model/kubernetes';
export { toInstance, AnchorIndex } from './schema/instance';
export { autoscalerTiming } from './simulate/resource-timing';
// Charts and kustomizations (SPEC §8): what to render, the renderers, and findings placed back in the files a person edits.
export { planSources, type SourcePlan, type HelmOptions, type ChartRenderer, type PlanOptions } from './sources/project';
export { isTerraformPath } from './sources/terraform/index';
export { isShellPath } from './sources/shell/index';
export type { HclSyntaxParser } from './sources/terraform/syntax';
export { placeRenderedFindings, type PlacedFinding } from './sources/place';
export { renderChart, findTopChartRoot } from './sources/helm';
export { KUSTOMIZATION_FILES } from './sources/kustomize/paths';
export { scanSuppressions, type Suppressions } from './suppress';
export { buildKustomization, findKustomizeRoots } from './sources/kustomize';
export type { FileReader, RenderedDocument, RenderProblem, RenderResult, Segment } from './sources/rendered';
// The model of scaling objects, and the one derivation of the simulator's spec from any autoscaler.
export { modelOf, autoscalerOf, workloadOf } from './sources/objects';
export { describeValue, type ScalingObject, type Autoscaler, type Workload, type ModelValue, type Bounds, type FixTarget } from './model/scaling';
export { simulatorSpec, autoscalerSpec } from './simulate/resource-timing';

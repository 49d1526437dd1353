/** Editor features over the engine: hover and completion from the schemas, timing, rule docs. Pure. */
export { hoverAt, chunkAt, type HoverResult, type EditorOptions, type ChunkAt } from './hover';
export { completeAt, type CompletionEntry } from './complete';
export { timingOf } from './timing';
export { ruleDocMarkdown } from './rule-doc';
export { textPathAt, nodePathAt, type TextPath, type NodePath, type Segment } from './yaml-path';
export { placeOfText, isBuiltInKubernetes, BUILT_IN_KINDS, type Place } from './place';

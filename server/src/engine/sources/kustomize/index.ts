/**
 * The Kustomize builder (SPEC §8): builds a kustomization the way `kubectl kustomize` (kustomize v5.5.0)
 * does, in the engine, and maps every key and scalar of the output back to the file range that wrote it.
 *
 *   buildKustomization(reader, 'overlays/prod') → { documents: [{ name, text, segments }], problems, inputs }
 *   findKustomizeRoots(reader, ['']) → { roots: ['overlays/prod', …], included: Set of manifest/patch files }
 *   isKustomizationFolder(reader, 'base') → boolean
 *
 * Built: resources (files, multi-document, `List` kinds, folders), bases, components, patches (strategic
 * merge and JSON 6902, file or inline, target selectors), patchesStrategicMerge, patchesJson6902,
 * namespace, namePrefix/nameSuffix with name references, commonLabels, labels, commonAnnotations,
 * replicas, images, replacements, sortOptions. Skipped with an info problem: remote resources and
 * components, helmCharts, configMapGenerator, secretGenerator, generators, transformers, validators,
 * vars, crds, configurations, openapi.
 */
export { buildKustomization } from './build.js';
export { findKustomizeRoots, isKustomizationFolder } from './roots.js';

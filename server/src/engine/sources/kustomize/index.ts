/**
 * The Kustomize builder (SPEC §8): builds a kustomization the way `kubectl kustomize` does, in the engine,
 * and maps every value of the output back to the line that wrote it.
 */
export { buildKustomization } from './build.js';
export { findKustomizeRoots, isKustomizationFolder } from './roots.js';

/** The linter and what it hands out: files, documents, prepared parses. */
export { Linter, type LinterOptions } from './linter';
export type { FileState, FileDocument, PreparedDocument } from './store';
export { LintSetIndex, WORKLOAD_KINDS, sameNamespace } from '../lint-set/resource-index';

/**
 * Beside Red Hat's YAML extension. When it validates Kubernetes files with its Kubernetes schema (the
 * client detects it and says so), it already reports wrong types, bad values and missing fields of the
 * built-in kinds, and describes and completes their fields. Then ScaleLint's `schema` rule keeps, for
 * those kinds, only what Red Hat's does not report: unknown fields (its Kubernetes schema lets them
 * pass), with the nearest valid name as a quick fix. KEDA ScaledObjects and CloudFormation keep every
 * schema finding.
 */
import { BUILT_IN_KINDS, type FileFinding, type FileState } from '../engine';

/** The message the schema rule gives an unknown field (test/lsp/redhat.test.ts asserts it stays so). */
export const UNKNOWN_FIELD_PREFIX = 'Unknown field `';

function builtInKubernetesAt(file: FileState, f: FileFinding): boolean {
  const doc = file.documents[f.documentIndex];
  if (!doc) return false;
  const resources = doc.chunk.resources;
  const owner =
    resources.find((r) => {
      const range = r.node.range;
      return !!range && range[0] <= f.start && f.start <= range[2];
    }) ?? (resources.length === 1 ? resources[0] : undefined);
  return !!owner && owner.family === 'kubernetes' && BUILT_IN_KINDS.has(owner.kind);
}

/** The findings without the schema problems Red Hat's YAML extension reports itself. */
export function withoutRedHatDuplicates(findings: FileFinding[], file: FileState | undefined): FileFinding[] {
  if (!file) return findings;
  return findings.filter((f) => f.ruleId !== 'schema' || f.message.startsWith(UNKNOWN_FIELD_PREFIX) || !builtInKubernetesAt(file, f));
}

/**
 * The local JSON Schema yaml-language-server gets in the benchmark: our generated Kubernetes schemas
 * (schemas/kubernetes/*.json, made from ../shared/reference/kubernetes by `npm run schemas`) combined
 * into one draft-07 schema that picks the kind's schema with if/then on `apiVersion` and `kind`.
 * Offline: nothing is fetched, schemaStore stays off.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

type Json = Record<string, unknown>;

/** Rewrites `#/definitions/X` references to `#/definitions/<prefix>X`. */
function prefixRefs(value: unknown, prefix: string): unknown {
  if (Array.isArray(value)) return value.map((v) => prefixRefs(v, prefix));
  if (!value || typeof value !== 'object') return value;
  const out: Json = {};
  for (const [k, v] of Object.entries(value as Json)) {
    out[k] = k === '$ref' && typeof v === 'string' && v.startsWith('#/definitions/') ? `#/definitions/${prefix}${v.slice('#/definitions/'.length)}` : prefixRefs(v, prefix);
  }
  return out;
}

export function combinedKubernetesSchema(schemasDir: string): Json {
  const index = JSON.parse(readFileSync(join(schemasDir, 'index.json'), 'utf8')) as { kubernetes: Record<string, string> };
  const definitions: Json = {};
  const branches: Json[] = [];
  for (const [id, file] of Object.entries(index.kubernetes)) {
    const [apiVersion, kind] = id.split(' ');
    const schema = JSON.parse(readFileSync(join(schemasDir, file), 'utf8')) as Json;
    const prefix = `${apiVersion.replace(/\W/g, '_')}_${kind}_`;
    const { definitions: defs, $schema, $comment, ...root } = schema;
    void $schema;
    void $comment;
    for (const [name, def] of Object.entries((defs as Json) ?? {})) definitions[prefix + name] = prefixRefs(def, prefix);
    definitions[`${prefix}root`] = prefixRefs(root, prefix);
    branches.push({
      if: { properties: { apiVersion: { const: apiVersion }, kind: { const: kind } }, required: ['apiVersion', 'kind'] },
      then: { $ref: `#/definitions/${prefix}root` },
    });
  }
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    title: 'Kubernetes objects (ScaleLint benchmark: HPA, Deployment, StatefulSet, Service, PDB, ScaledObject)',
    type: 'object',
    allOf: branches,
    definitions,
  };
}

/** Writes the combined schema to `path` and returns its file URI. */
export function writeCombinedSchema(schemasDir: string, path: string): string {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, JSON.stringify(combinedKubernetesSchema(schemasDir)));
  return path;
}

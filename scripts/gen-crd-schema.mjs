#!/usr/bin/env node
// JSON Schemas (draft-07) for custom resources, from the CustomResourceDefinitions vendored in
// scripts/reference/ (see its README.md for where each comes from). The same shape as the Kubernetes
// schemas that scripts/gen-schemas.mjs makes from the OpenAPI: apiVersion/kind pinned with `const`,
// `metadata` as the ObjectMeta of the Kubernetes API, `status` accepted but not validated, objects closed
// (additionalProperties: false) so that typos are found, everything a $ref needs under `definitions`.
//
// scripts/gen-schemas.mjs calls `crdSchemas(lookup)` with the Kubernetes OpenAPI's definitions. Run on its
// own, this script needs no reference folder: it takes ObjectMeta from the committed Deployment schema.
//
//   node scripts/gen-crd-schema.mjs           write the CRD schemas (not index.json: gen-schemas.mjs owns it)
//   node scripts/gen-crd-schema.mjs --check   exit 1 when a committed CRD schema differs from what would be generated
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import YAML from 'yaml';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const vendoredDir = path.join(repoRoot, 'scripts', 'reference');

const DRAFT_07 = 'http://json-schema.org/draft-07/schema#';
const OBJECT_META = 'io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta';

/** The CRDs turned into schemas. `source` is what the schema's $comment cites. */
export const CRDS = [
  {
    file: 'vpa-v1-crd-gen.yaml',
    crd: 'verticalpodautoscalers.autoscaling.k8s.io',
    version: 'v1',
    source: 'kubernetes/autoscaler vertical-pod-autoscaler/deploy/vpa-v1-crd-gen.yaml at 55c37cd5eb550756c5ccc5a89e9068d77797e575 (Apache-2.0; vendored in scripts/reference/)',
  },
];

const isObject = (v) => v !== null && typeof v === 'object' && !Array.isArray(v);

/** `anyOf: [{type: integer}, {type: string}]`, the form controller-gen writes beside x-kubernetes-int-or-string. */
function isIntOrStringAnyOf(value) {
  if (!Array.isArray(value) || value.length !== 2) return false;
  const types = value.map((b) => (isObject(b) && Object.keys(b).length === 1 ? b.type : undefined)).sort();
  return types[0] === 'integer' && types[1] === 'string';
}

/** Adds `null` to a node's type (OpenAPI `nullable: true`); a node without a type accepts null already. */
function withNull(type) {
  if (type === undefined) return undefined;
  const list = Array.isArray(type) ? [...type] : [type];
  if (!list.includes('null')) list.push('null');
  return list;
}

/**
 * Converts one node of a CRD's structural schema (OpenAPI v3 subset) to draft-07, as the API server
 * validates and prunes it:
 * - `x-kubernetes-int-or-string: true` → `type: [integer, string]` (one error instead of an anyOf's three);
 *   a `pattern` beside it (the resource.Quantity pattern) applies to the string form only, as in JSON Schema.
 * - `nullable: true` → `null` added to the type.
 * - `x-kubernetes-preserve-unknown-fields: true` → the object keeps fields it does not list.
 * - Otherwise an object is closed: the API server prunes (or, with strict field validation, rejects) a field
 *   its schema does not list, so here it is an unknown field. A map (`additionalProperties: {…}`) stays a map.
 * - `x-kubernetes-embedded-resource: true` → apiVersion, kind and metadata allowed beside the listed fields.
 * - CEL rules (`x-kubernetes-validations`) are not evaluated; their messages join the description, for hover.
 * - `format`, `default`, `example` and the other `x-kubernetes-*` markers are dropped (as gen-schemas.mjs
 *   does for the built-in kinds).
 */
export function convertCrdNode(node) {
  if (Array.isArray(node)) return node.map(convertCrdNode);
  if (!isObject(node)) return node;
  const intOrString = node['x-kubernetes-int-or-string'] === true;
  const preserve = node['x-kubernetes-preserve-unknown-fields'] === true;
  const embedded = node['x-kubernetes-embedded-resource'] === true;

  const out = {};
  for (const [key, value] of Object.entries(node)) {
    if (key.startsWith('x-') || key === 'nullable' || key === 'format' || key === 'default' || key === 'example') continue;
    if (key === 'anyOf' && intOrString && isIntOrStringAnyOf(value)) continue;
    if (key === 'properties') out.properties = Object.fromEntries(Object.entries(value).map(([k, v]) => [k, convertCrdNode(v)]));
    else if (key === 'items' || key === 'additionalProperties' || key === 'not') out[key] = isObject(value) ? convertCrdNode(value) : value;
    else if (key === 'allOf' || key === 'anyOf' || key === 'oneOf') out[key] = value.map(convertCrdNode);
    else out[key] = value;
  }

  if (intOrString) out.type = ['integer', 'string'];
  if (node.nullable === true) {
    const type = withNull(out.type);
    if (type) out.type = type;
  }
  const rules = Array.isArray(node['x-kubernetes-validations']) ? node['x-kubernetes-validations'] : [];
  const messages = rules.map((r) => (isObject(r) && typeof r.message === 'string' ? r.message : undefined)).filter(Boolean);
  if (messages.length) {
    const text = `The API server also checks: ${messages.join('; ')}.`;
    out.description = out.description ? `${out.description}\n\n${text}` : text;
  }
  if (embedded) {
    out.properties = {
      apiVersion: { type: 'string' },
      kind: { type: 'string' },
      metadata: { type: 'object' },
      ...(out.properties ?? {}),
    };
  }
  const isObjectType = out.type === 'object' || (Array.isArray(out.type) && out.type.includes('object'));
  if (isObjectType && !preserve && !('additionalProperties' in out)) out.additionalProperties = false;
  return out;
}

/** Definition names a schema refers to with `#/definitions/<name>`. */
function refsOf(node, out = new Set()) {
  if (Array.isArray(node)) for (const v of node) refsOf(v, out);
  else if (isObject(node)) {
    for (const [k, v] of Object.entries(node)) {
      if (k === '$ref' && typeof v === 'string' && v.startsWith('#/definitions/')) out.add(v.slice('#/definitions/'.length));
      else refsOf(v, out);
    }
  }
  return out;
}

/** The definitions reachable from `root`, sorted by name. */
function reachableDefinitions(root, lookup) {
  const found = {};
  const queue = [...refsOf(root)];
  while (queue.length) {
    const name = queue.shift();
    if (name in found) continue;
    const def = lookup(name);
    if (!def) throw new Error(`unresolved $ref #/definitions/${name}`);
    found[name] = def;
    for (const r of refsOf(def)) if (!(r in found)) queue.push(r);
  }
  return Object.fromEntries(Object.keys(found).sort().map((k) => [k, found[k]]));
}

/** The CRD named `name` among the documents of a vendored file. */
function findCrd(text, name, file) {
  const docs = YAML.parseAllDocuments(text);
  for (const doc of docs) {
    if (doc.errors.length) throw new Error(`${file}: ${doc.errors[0].message}`);
    const crd = doc.toJS();
    if (isObject(crd) && crd.kind === 'CustomResourceDefinition' && crd.metadata?.name === name) return crd;
  }
  throw new Error(`${file}: no CustomResourceDefinition ${name}`);
}

/**
 * One CRD version as a manifest schema: `{ key: "<apiVersion> <kind>", file, schema }`.
 * `lookup(name)` gives the Kubernetes definitions (converted) that `metadata` refers to.
 */
export function crdSchema(text, spec, lookup) {
  const crd = findCrd(text, spec.crd, spec.file);
  const group = crd.spec?.group;
  const kind = crd.spec?.names?.kind;
  const version = (crd.spec?.versions ?? []).find((v) => v.name === spec.version);
  if (!group || !kind || !version) throw new Error(`${spec.file}: ${spec.crd} has no group, kind or version ${spec.version}`);
  if (version.served === false) throw new Error(`${spec.file}: ${spec.crd} does not serve ${spec.version}`);
  const openAPI = version.schema?.openAPIV3Schema;
  if (!isObject(openAPI) || !isObject(openAPI.properties)) throw new Error(`${spec.file}: ${spec.crd} ${spec.version} has no openAPIV3Schema`);

  const apiVersion = `${group}/${spec.version}`;
  const base = convertCrdNode(openAPI);
  const properties = { ...base.properties };
  properties.apiVersion = { ...properties.apiVersion, type: 'string', const: apiVersion };
  properties.kind = { ...properties.kind, type: 'string', const: kind };
  // The API server validates metadata as ObjectMeta whatever the CRD says (`type: object` here).
  properties.metadata = { description: properties.metadata?.description ?? 'Standard object metadata.', $ref: `#/definitions/${OBJECT_META}` };
  if (properties.status) {
    // Written by the recommender; `status: {}` in kubectl output is not linted.
    properties.status = { description: `${properties.status.description ?? 'Current status.'} Set by the controller; not validated in manifests.` };
  }
  const { description, ...rest } = base;
  const root = {
    $schema: DRAFT_07,
    $comment: `Generated by scripts/gen-crd-schema.mjs (npm run schemas). Do not edit by hand. Source: CustomResourceDefinition ${spec.crd}, version ${spec.version}, from ${spec.source}.`,
    title: `${apiVersion} ${kind}`,
    ...(description ? { description } : {}),
    ...rest,
    properties,
    type: 'object',
    additionalProperties: false,
    required: ['apiVersion', 'kind', ...(base.required ?? []).filter((r) => r !== 'apiVersion' && r !== 'kind')],
  };
  return {
    key: `${apiVersion} ${kind}`,
    file: `kubernetes/${apiVersion.replace(/\//g, '-')}-${kind}.json`,
    schema: { ...root, definitions: reachableDefinitions(root, lookup) },
  };
}

/** Every CRD schema of `CRDS`, from the vendored files. */
export function crdSchemas(lookup) {
  return CRDS.map((spec) => crdSchema(fs.readFileSync(path.join(vendoredDir, spec.file), 'utf8'), spec, lookup));
}

/** A lookup over the definitions of a committed schema (for runs without the Kubernetes reference). */
export function lookupIn(schema) {
  const defs = isObject(schema?.definitions) ? schema.definitions : {};
  return (name) => (Object.prototype.hasOwnProperty.call(defs, name) ? defs[name] : undefined);
}

export const serialize = (value) => `${JSON.stringify(value, null, 2)}\n`;

function main() {
  const check = process.argv.includes('--check');
  const schemasDir = path.join(repoRoot, 'schemas');
  const withMeta = JSON.parse(fs.readFileSync(path.join(schemasDir, 'kubernetes', 'apps-v1-Deployment.json'), 'utf8'));
  const differ = [];
  for (const { file, schema } of crdSchemas(lookupIn(withMeta))) {
    const abs = path.join(schemasDir, file);
    const text = serialize(schema);
    if (check) {
      if (!fs.existsSync(abs) || fs.readFileSync(abs, 'utf8') !== text) differ.push(file);
      continue;
    }
    fs.writeFileSync(abs, text);
    process.stdout.write(`  schemas/${file}  ${Buffer.byteLength(text)} bytes\n`);
  }
  if (differ.length) {
    process.stderr.write(`gen-crd-schema: out of date (run npm run schemas): ${differ.join(', ')}\n`);
    process.exit(1);
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main();

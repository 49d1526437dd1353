/**
 * Which schema validates a resource, and the compiled validators.
 *
 * Schemas come through `loadSchema` (the engine does no I/O). Each schema file is compiled with Ajv
 * the first time a document needs it and the validator is kept in a module-level cache keyed by the
 * file (plus the variant: legacy apiVersions, the CloudFormation resource wrapper). A new loader
 * (`setSchemaLoader`) hands out new schema objects, which the cache notices and recompiles.
 */
import Ajv, { type ValidateFunction } from 'ajv';
import { hasSchemaLoader, loadSchema, precompiledValidator } from '../schemas';

type Json = Record<string, unknown>;

interface SchemaIndex {
  kubernetes: Record<string, string>;
  cloudformation: Record<string, string>;
}

/** Old apiVersions validated against the current schema of the same shape. */
const LEGACY: Record<string, { base: string; metricsUnchecked?: boolean }> = {
  'autoscaling/v2beta2 HorizontalPodAutoscaler': { base: 'autoscaling/v2 HorizontalPodAutoscaler' },
  // v2beta1 metric specs are shaped differently (targetAverageUtilization …): not checked.
  'autoscaling/v2beta1 HorizontalPodAutoscaler': { base: 'autoscaling/v2 HorizontalPodAutoscaler', metricsUnchecked: true },
  'policy/v1beta1 PodDisruptionBudget': { base: 'policy/v1 PodDisruptionBudget' },
};

/** Resource attributes CloudFormation accepts beside `Type` and `Properties`. */
const CFN_RESOURCE_ATTRIBUTES: Json = {
  Type: { type: 'string', description: 'The resource type.' },
  DependsOn: { type: ['string', 'array'], items: { type: 'string' }, description: 'Logical ids this resource is created after.' },
  Condition: { type: 'string', description: 'Name of a template condition that decides whether the resource is created.' },
  Metadata: { type: 'object' },
  DeletionPolicy: { type: 'string', enum: ['Delete', 'Retain', 'RetainExceptOnCreate', 'Snapshot'] },
  UpdateReplacePolicy: { type: 'string', enum: ['Delete', 'Retain', 'Snapshot'] },
  CreationPolicy: { type: 'object' },
  UpdatePolicy: { type: 'object' },
};

export interface SchemaFor {
  /** Cache key: schema file plus variant. */
  key: string;
  validate: ValidateFunction;
}

interface Compiled {
  source: unknown;
  validate: ValidateFunction | null;
  ms: number;
}

let ajv: Ajv | undefined;
let ajvIndex: unknown;
const compiled = new Map<string, Compiled>();

function isObject(v: unknown): v is Json {
  return !!v && typeof v === 'object' && !Array.isArray(v);
}

function readIndex(): SchemaIndex | undefined {
  if (!hasSchemaLoader()) return undefined;
  const index = loadSchema('index.json');
  if (!isObject(index)) return undefined;
  // A new loader means new schema objects: start over with a fresh Ajv (its cache holds the old ones).
  if (index !== ajvIndex) {
    ajvIndex = index;
    ajv = undefined;
    compiled.clear();
  }
  return {
    kubernetes: isObject(index.kubernetes) ? (index.kubernetes as Record<string, string>) : {},
    cloudformation: isObject(index.cloudformation) ? (index.cloudformation as Record<string, string>) : {},
  };
}

/**
 * Whether the schema rule can run: a schema loader is configured and `schemas/index.json` loads.
 * Without it the rule reports nothing; the CLI and the server should say so.
 */
export function schemasAvailable(): boolean {
  return readIndex() !== undefined;
}

/** verbose: errors carry their parentSchema, which lists the valid property names for "did you mean". */
export const AJV_OPTIONS = { allErrors: true, strict: false, allowUnionTypes: true, verbose: true } as const;

function getAjv(): Ajv {
  ajv ??= new Ajv(AJV_OPTIONS);
  return ajv;
}

/** A millisecond clock: `performance.now()` where the host has it (the engine's lib has no DOM types). */
const perf = (globalThis as { performance?: { now(): number } }).performance;
const now: () => number = () => (perf ? perf.now() : Date.now());

function compile(key: string, source: unknown, build: (schema: Json) => Json | undefined): ValidateFunction | undefined {
  const hit = compiled.get(key);
  if (hit && hit.source === source) return hit.validate ?? undefined;
  let validate: ValidateFunction | null = null;
  const t = now();
  if (isObject(source)) {
    try {
      const schema = build(source);
      if (schema) validate = (precompiledValidator(key, schema) as ValidateFunction | undefined) ?? getAjv().compile(schema);
    } catch {
      validate = null; // a schema Ajv cannot compile: the rule stays silent for that kind
    }
  }
  compiled.set(key, { source, validate, ms: now() - t });
  return validate ?? undefined;
}

/** Compile times so far, in ms, per schema key (for benchmarks and diagnostics). */
export function schemaCompileTimes(): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [k, v] of compiled) out[k] = v.ms;
  return out;
}

/** Drops every compiled validator (benchmarks measure cold compiles with it). */
export function resetSchemaCache(): void {
  compiled.clear();
  ajv = undefined;
  ajvIndex = undefined;
}

/** A copy of `schema` with `apiVersion` pinned to a legacy version; for v2beta1, metric items unchecked. */
function legacyVariant(schema: Json, apiVersion: string, metricsUnchecked: boolean): Json | undefined {
  const props = schema.properties;
  if (!isObject(props) || !isObject(props.apiVersion)) return undefined;
  const out: Json = { ...schema, properties: { ...props, apiVersion: { ...props.apiVersion, const: apiVersion } } };
  if (!metricsUnchecked) return out;
  const spec = props.spec;
  const ref = isObject(spec) && typeof spec.$ref === 'string' ? spec.$ref : undefined;
  const name = ref?.startsWith('#/definitions/') ? ref.slice('#/definitions/'.length) : undefined;
  const defs = schema.definitions;
  const specDef = name && isObject(defs) ? defs[name] : undefined;
  if (!name || !isObject(defs) || !isObject(specDef) || !isObject(specDef.properties) || !isObject(specDef.properties.metrics)) {
    return undefined; // cannot tell where metrics are: better no check than false findings
  }
  const metrics = { ...specDef.properties.metrics, items: { type: 'object' } };
  out.definitions = { ...defs, [name]: { ...specDef, properties: { ...specDef.properties, metrics } } };
  return out;
}

/** The resource map (`Type`, `Properties`, attributes) with the type's schema for `Properties`. */
function cloudFormationResource(schema: Json): Json {
  const { definitions, $schema, $comment, title, ...properties } = schema;
  void $schema;
  void $comment;
  const needsProperties = Array.isArray(properties.required) && properties.required.length > 0;
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    title,
    type: 'object',
    properties: { ...CFN_RESOURCE_ATTRIBUTES, Properties: properties },
    required: needsProperties ? ['Type', 'Properties'] : ['Type'],
    additionalProperties: false,
    ...(definitions ? { definitions } : {}),
  };
}

/** The validator for a Kubernetes `apiVersion`/`kind`, or undefined for kinds without a schema. */
export function kubernetesSchema(apiVersion: string, kind: string): SchemaFor | undefined {
  const index = readIndex();
  if (!index) return undefined;
  const id = `${apiVersion} ${kind}`;
  const direct = index.kubernetes[id];
  if (typeof direct === 'string') {
    const v = compile(direct, loadSchema(direct), (s) => s);
    return v ? { key: direct, validate: v } : undefined;
  }
  const legacy = Object.prototype.hasOwnProperty.call(LEGACY, id) ? LEGACY[id] : undefined;
  const base = legacy ? index.kubernetes[legacy.base] : undefined;
  if (!legacy || typeof base !== 'string') return undefined;
  const key = `${base}#${apiVersion}`;
  const v = compile(key, loadSchema(base), (s) => legacyVariant(s, apiVersion, !!legacy.metricsUnchecked));
  return v ? { key, validate: v } : undefined;
}

/** The validator for a CloudFormation resource map of this Type, or undefined without a schema. */
export function cloudFormationSchema(type: string): SchemaFor | undefined {
  const index = readIndex();
  if (!index) return undefined;
  const path = Object.prototype.hasOwnProperty.call(index.cloudformation, type) ? index.cloudformation[type] : undefined;
  if (typeof path !== 'string') return undefined;
  const key = `${path}#resource`;
  const v = compile(key, loadSchema(path), cloudFormationResource);
  return v ? { key, validate: v } : undefined;
}

const sources = new Map<string, { source: unknown; schema: Json | undefined }>();

/**
 * The uncompiled schema a resource is validated against (legacy apiVersions and the CloudFormation
 * resource wrapper applied), for hover and completion to read descriptions and field names from.
 */
export function schemaSourceFor(family: 'kubernetes' | 'cloudformation', apiVersion: string | undefined, kind: string): Json | undefined {
  const index = readIndex();
  if (!index) return undefined;
  const own = (map: Record<string, string>, key: string) => (Object.prototype.hasOwnProperty.call(map, key) && typeof map[key] === 'string' ? map[key] : undefined);
  let key: string;
  let file: string | undefined;
  let build: (s: Json) => Json | undefined;
  if (family === 'cloudformation') {
    file = own(index.cloudformation, kind);
    key = `${file}#resource`;
    build = cloudFormationResource;
  } else {
    const id = `${apiVersion ?? ''} ${kind}`;
    file = own(index.kubernetes, id);
    key = file ?? '';
    build = (s) => s;
    const legacy = file ? undefined : Object.prototype.hasOwnProperty.call(LEGACY, id) ? LEGACY[id] : undefined;
    if (legacy) {
      file = own(index.kubernetes, legacy.base);
      key = `${file}#${apiVersion}`;
      build = (s) => legacyVariant(s, apiVersion ?? '', !!legacy.metricsUnchecked);
    }
  }
  if (!file) return undefined;
  const source = loadSchema(file);
  const hit = sources.get(key);
  if (hit && hit.source === source) return hit.schema;
  const schema = isObject(source) ? build(source) : undefined;
  sources.set(key, { source, schema });
  return schema;
}

/** Every current `apiVersion`/`kind` pair and CloudFormation type that has a schema (for completion; no removed APIs). */
export function knownKinds(): { kubernetes: { apiVersion: string; kind: string }[]; cloudformation: string[] } {
  const index = readIndex();
  if (!index) return { kubernetes: [], cloudformation: [] };
  const kubernetes = Object.keys(index.kubernetes).map((id) => {
    const [apiVersion, kind] = id.split(' ');
    return { apiVersion, kind };
  });
  return { kubernetes, cloudformation: Object.keys(index.cloudformation) };
}

/**
 * Every validator the rule can ask for, as the exact schema it compiles: the Kubernetes kinds of the
 * index, the legacy apiVersions, the CloudFormation resource types. For compiling ahead of time.
 */
export function validatorSources(): { key: string; schema: Json }[] {
  const index = readIndex();
  if (!index) return [];
  const out: { key: string; schema: Json }[] = [];
  const add = (key: string, source: unknown, build: (schema: Json) => Json | undefined) => {
    const schema = isObject(source) ? build(source) : undefined;
    if (schema) out.push({ key, schema });
  };
  for (const path of Object.values(index.kubernetes)) add(path, loadSchema(path), (s) => s);
  for (const [id, legacy] of Object.entries(LEGACY)) {
    const base = index.kubernetes[legacy.base];
    if (typeof base === 'string') add(`${base}#${id.split(' ')[0]}`, loadSchema(base), (s) => legacyVariant(s, id.split(' ')[0], !!legacy.metricsUnchecked));
  }
  for (const path of Object.values(index.cloudformation)) add(`${path}#resource`, loadSchema(path), cloudFormationResource);
  return out;
}

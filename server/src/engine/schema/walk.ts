/**
 * Walking a JSON Schema (as generated in schemas/) along a YAML path: the schema of a field, its
 * description, and the fields and values allowed at a place. The generated schemas use `$ref` to
 * `#/definitions/…`, `properties`, `additionalProperties` (maps) and `items`; nothing else composes.
 */
/** One step of a path into a document: a mapping key or a sequence index. */
export type Segment = string | number;

export type Json = Record<string, unknown>;

function isObject(v: unknown): v is Json {
  return !!v && typeof v === 'object' && !Array.isArray(v);
}

/** Follows `$ref`s (local ones only); the description of the referring schema is kept. */
export function deref(root: Json, schema: unknown): Json | undefined {
  let s = schema;
  let description: string | undefined;
  for (let i = 0; i < 32 && isObject(s); i++) {
    if (description === undefined && typeof s.description === 'string') description = s.description;
    const ref = s.$ref;
    if (typeof ref !== 'string') return description !== undefined && s.description !== description ? { ...s, description } : s;
    if (!ref.startsWith('#/definitions/')) return undefined;
    const defs = root.definitions;
    s = isObject(defs) ? defs[ref.slice('#/definitions/'.length)] : undefined;
  }
  return undefined;
}

/** The schema at `path` below `root` (keys through `properties` or a map's `additionalProperties`, indexes through `items`). */
export function schemaAt(root: Json, path: readonly Segment[]): Json | undefined {
  let s = deref(root, root);
  for (const seg of path) {
    if (!s) return undefined;
    if (typeof seg === 'number') {
      s = deref(root, s.items);
      continue;
    }
    const props = s.properties;
    if (isObject(props) && Object.prototype.hasOwnProperty.call(props, seg)) s = deref(root, props[seg]);
    else if (isObject(s.additionalProperties)) s = deref(root, s.additionalProperties);
    else return undefined;
  }
  return s;
}

export interface FieldInfo {
  name: string;
  description?: string;
  /** "integer", "string or number", "object", "array of object" … */
  type: string;
  required: boolean;
  /** Allowed values (`enum`, `const`). */
  values?: (string | number | boolean)[];
  /** The value is a mapping or a list: its content goes on the following lines. */
  block: 'map' | 'list' | undefined;
  /** Bounds and other constraints in words ("0–3600"). */
  constraints?: string;
}

function typesOf(s: Json): string[] {
  const t = s.type;
  if (typeof t === 'string') return [t];
  if (Array.isArray(t)) return t.filter((x): x is string => typeof x === 'string');
  if (isObject(s.properties) || isObject(s.additionalProperties)) return ['object'];
  return [];
}

export function typeText(root: Json, s: Json): string {
  const types = typesOf(s);
  if (types.length === 1 && types[0] === 'array') {
    const items = deref(root, s.items);
    const inner = items ? typesOf(items) : [];
    return inner.length ? `array of ${inner.join(' or ')}` : 'array';
  }
  if (types.length === 1 && types[0] === 'object' && !isObject(s.properties) && isObject(s.additionalProperties)) {
    const values = deref(root, s.additionalProperties);
    const inner = values ? typesOf(values) : [];
    return inner.length ? `map of ${inner.join(' or ')}` : 'map';
  }
  return types.join(' or ') || 'any';
}

function valuesOf(s: Json): (string | number | boolean)[] | undefined {
  const plain = (v: unknown): v is string | number | boolean => typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean';
  if (Array.isArray(s.enum)) return s.enum.filter(plain);
  if (plain(s.const)) return [s.const];
  return undefined;
}

function constraintsOf(s: Json): string | undefined {
  const parts: string[] = [];
  const min = typeof s.minimum === 'number' ? s.minimum : undefined;
  const max = typeof s.maximum === 'number' ? s.maximum : undefined;
  if (min !== undefined && max !== undefined) parts.push(`${min}–${max}`);
  else if (min !== undefined) parts.push(`≥ ${min}`);
  else if (max !== undefined) parts.push(`≤ ${max}`);
  if (typeof s.exclusiveMinimum === 'number') parts.push(`> ${s.exclusiveMinimum}`);
  if (typeof s.minLength === 'number' && s.minLength > 0) parts.push(`at least ${s.minLength} characters`);
  if (typeof s.maxLength === 'number') parts.push(`at most ${s.maxLength} characters`);
  return parts.length ? parts.join(', ') : undefined;
}

export function fieldInfo(root: Json, name: string, schema: Json, required: boolean): FieldInfo {
  const types = typesOf(schema);
  const block = types.length === 1 && types[0] === 'object' ? 'map' : types.length === 1 && types[0] === 'array' ? 'list' : undefined;
  return {
    name,
    description: typeof schema.description === 'string' ? schema.description : undefined,
    type: typeText(root, schema),
    required,
    values: valuesOf(schema),
    block,
    constraints: constraintsOf(schema),
  };
}

/** The fields a mapping at `path` may hold (empty for maps with free keys, scalars and unknown places). */
export function fieldsAt(root: Json, path: readonly Segment[]): FieldInfo[] {
  const s = schemaAt(root, path);
  if (!s || !isObject(s.properties)) return [];
  const required = new Set(Array.isArray(s.required) ? s.required.filter((x): x is string => typeof x === 'string') : []);
  const out: FieldInfo[] = [];
  for (const [name, raw] of Object.entries(s.properties)) {
    const field = deref(root, raw);
    if (!field) continue;
    if (name === 'status' && !field.type && !field.properties) continue; // accepted, never written by hand
    out.push(fieldInfo(root, name, field, required.has(name)));
  }
  return out;
}

/** The field at `path` (its last segment a key), or undefined where the schema has nothing. */
export function fieldAt(root: Json, path: readonly Segment[]): FieldInfo | undefined {
  if (path.length === 0) return undefined;
  const last = path[path.length - 1];
  const parent = schemaAt(root, path.slice(0, -1));
  const s = schemaAt(root, path);
  if (!s || !parent) return undefined;
  const required = Array.isArray(parent.required) && typeof last === 'string' && parent.required.includes(last);
  return fieldInfo(root, typeof last === 'number' ? `[${last}]` : last, s, required);
}

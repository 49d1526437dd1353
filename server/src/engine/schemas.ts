/**
 * Where the schema rule gets the JSON Schemas in schemas/: the engine does no I/O, so the server,
 * the CLI and the tests hand it a loader (a path relative to schemas/ → parsed JSON).
 */
export type SchemaLoader = (relativePath: string) => unknown | undefined;

let loader: SchemaLoader | undefined;
const cache = new Map<string, unknown>();

export function setSchemaLoader(l: SchemaLoader): void {
  loader = l;
  cache.clear();
}

export function hasSchemaLoader(): boolean {
  return loader !== undefined;
}

export function loadSchema(relativePath: string): unknown | undefined {
  if (cache.has(relativePath)) return cache.get(relativePath);
  const value = loader?.(relativePath);
  cache.set(relativePath, value);
  return value;
}

/**
 * Validators compiled ahead of time (`npm run build` writes them with Ajv's standalone code): looked up
 * by schema key and the exact schema they must have been compiled from (the lookup checks it), so a
 * stale one is never used. Without a lookup, or on a miss, the schema is compiled at first use.
 */
export type PrecompiledLookup = (key: string, schema: unknown) => ((data: unknown) => boolean) | undefined;

let precompiled: PrecompiledLookup | undefined;

export function setPrecompiledValidators(lookup: PrecompiledLookup | undefined): void {
  precompiled = lookup;
}

export function precompiledValidator(key: string, schema: unknown): ((data: unknown) => boolean) | undefined {
  return precompiled?.(key, schema);
}

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

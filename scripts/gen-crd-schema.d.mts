// Types of scripts/gen-crd-schema.mjs, for the tests that import it.
type Json = Record<string, unknown>;

export interface CrdSpec {
  file: string;
  crd: string;
  version: string;
  source: string;
}

export interface CrdSchema {
  key: string;
  file: string;
  schema: Json;
}

export type DefinitionLookup = (name: string) => Json | undefined;

export const CRDS: CrdSpec[];
export function convertCrdNode(node: unknown): any;
export function crdSchema(text: string, spec: CrdSpec, lookup: DefinitionLookup): CrdSchema;
export function crdSchemas(lookup: DefinitionLookup): CrdSchema[];
export function lookupIn(schema: unknown): DefinitionLookup;
export function serialize(value: unknown): string;

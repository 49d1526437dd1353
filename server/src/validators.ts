/**
 * Hands the engine its schemas (schemas/ at the package root) and the validators `npm run build`
 * compiled ahead of time (server/out/validators, see scripts/build-validators.ts). A missing or stale
 * validator is compiled at first use instead.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { setPrecompiledValidators, setSchemaLoader } from './engine';

/** The bundles live in server/out/; the schemas in schemas/ at the package root. */
export const SCHEMAS_DIR = join(__dirname, '..', '..', 'schemas');

/** A schema loader reading `dir` (undefined for a schema that is missing or not JSON). */
export function schemaReader(dir = SCHEMAS_DIR): (relativePath: string) => unknown {
  return (relativePath) => {
    try {
      return JSON.parse(readFileSync(join(dir, relativePath), 'utf8'));
    } catch {
      return undefined;
    }
  };
}

/** Schemas read from disk, and the precompiled validators: what the server, the CLI and lint threads use. */
export function useSchemasFromDisk(): void {
  setSchemaLoader(schemaReader());
  usePrecompiledValidators();
}

/** What a validator was compiled from: a hash of the exact schema (build and lookup use this one function). */
export function schemaFingerprint(schema: unknown): string {
  return createHash('sha1').update(JSON.stringify(schema) ?? '').digest('hex').slice(0, 20);
}

export function usePrecompiledValidators(dir = join(__dirname, 'validators')): void {
  let index: Record<string, { file: string; fingerprint: string }> | undefined;
  try {
    index = JSON.parse(readFileSync(join(dir, 'index.json'), 'utf8'));
  } catch {
    return; // not built: validators compile at first use
  }
  setPrecompiledValidators((key, schema) => {
    const entry = index?.[key];
    if (!entry || entry.fingerprint !== schemaFingerprint(schema)) return undefined;
    try {
      // A plain require of a file next to the bundle, resolved at run time.
      const mod = module.require(join(dir, entry.file)) as { default?: (data: unknown) => boolean };
      return typeof mod === 'function' ? (mod as (data: unknown) => boolean) : mod.default;
    } catch {
      return undefined;
    }
  });
}

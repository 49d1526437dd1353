/**
 * Hands the engine its schemas (schemas/ at the package root) and the validators `npm run build`
 * compiled ahead of time (server/out/validators, see scripts/build-validators.ts). A missing or stale
 * validator is compiled at first use instead.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { setPrecompiledValidators, setSchemaLoader } from '../engine';

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

/** What was found beside the bundle: the server reports it at start, and the packaged-extension tests assert it. */
export interface PrecompiledValidators {
  dir: string;
  /** Validators listed in the index whose module file is there. */
  available: number;
  /** Validators listed in the index. */
  listed: number;
}

/** Schemas read from disk, and the precompiled validators: what the server, the CLI and lint threads use. */
export function useSchemasFromDisk(): PrecompiledValidators {
  setSchemaLoader(schemaReader());
  return usePrecompiledValidators();
}

/** What a validator was compiled from: a hash of the exact schema (build and lookup use this one function). */
export function schemaFingerprint(schema: unknown): string {
  return createHash('sha1').update(JSON.stringify(schema) ?? '').digest('hex').slice(0, 20);
}

export function usePrecompiledValidators(dir = join(__dirname, 'validators')): PrecompiledValidators {
  let index: Record<string, { file: string; fingerprint: string }> | undefined;
  try {
    index = JSON.parse(readFileSync(join(dir, 'index.json'), 'utf8'));
  } catch {
    return { dir, available: 0, listed: 0 }; // not built: validators compile at first use
  }
  const entries = Object.values(index ?? {});
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
  return { dir, available: entries.filter((e) => existsSync(join(dir, e.file))).length, listed: entries.length };
}

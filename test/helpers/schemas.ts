/** Points the engine's schema rule at the repository's committed schemas/ folder. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { setSchemaLoader } from '../../server/src/engine/schemas';

export const SCHEMAS_DIR = join(__dirname, '..', '..', 'schemas');

export function configureSchemasFromDisk(): void {
  setSchemaLoader((rel) => {
    try {
      return JSON.parse(readFileSync(join(SCHEMAS_DIR, rel), 'utf8'));
    } catch {
      return undefined;
    }
  });
}

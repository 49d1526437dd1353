/** Points the engine's schema rule at the repository's committed schemas/ folder (the reader the server uses). */
import { join } from 'node:path';
import { setSchemaLoader } from '../../server/src/engine/schemas';
import { schemaReader } from '../../server/src/node/schemas';

export const SCHEMAS_DIR = join(__dirname, '..', '..', 'schemas');

export function configureSchemasFromDisk(): void {
  setSchemaLoader(schemaReader(SCHEMAS_DIR));
}

import { parseTerraformModule, type TerraformModule, type TerraformFile } from '../../../../../server/src/engine/sources/terraform/index';
import type { HclSyntaxParser } from '../../../../../server/src/engine/sources/terraform/syntax';

/**
 * server/src/node/ is in no tsconfig project yet (server/tsconfig.json includes src/*.ts only), so a static
 * import would fail `tsc -b test` with TS6307; the loader is type-checked on its own (see the report).
 */
export interface HclParserModule {
  loadHclParser(options?: { wasmDir?: string }): Promise<HclSyntaxParser>;
  locateWasm(file: string, packageName: string, options?: { wasmDir?: string }): string;
  RUNTIME_WASM: string;
  GRAMMAR_WASM: string;
}
// eslint-disable-next-line @typescript-eslint/no-require-imports
export const hclParserModule = require('../../../../../server/src/node/hcl-parser') as HclParserModule;

let parser: Promise<HclSyntaxParser> | undefined;

/** The real tree-sitter parser, loaded once per test process. */
export function hclParser(): Promise<HclSyntaxParser> {
  parser ??= hclParserModule.loadHclParser();
  return parser;
}

/** Parses files given as { path: text }. */
export async function moduleOf(files: Record<string, string>): Promise<TerraformModule> {
  const list: TerraformFile[] = Object.entries(files).map(([path, text]) => ({ path, text }));
  return parseTerraformModule(list, await hclParser());
}

/** The text a range covers, in the file it names. */
export function textAt(files: Record<string, string>, range: { file: string; start: number; end: number } | undefined): string | undefined {
  return range ? files[range.file]?.slice(range.start, range.end) : undefined;
}

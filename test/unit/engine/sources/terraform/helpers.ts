import { GRAMMAR_WASM, RUNTIME_WASM, loadHclParser, locateWasm } from '../../../../../server/src/node/hcl-parser';
import { parseTerraformModule, type TerraformModule, type TerraformFile } from '../../../../../server/src/engine/sources/terraform/index';
import type { HclSyntaxParser } from '../../../../../server/src/engine/sources/terraform/syntax';

export const hclParserModule = { loadHclParser, locateWasm, RUNTIME_WASM, GRAMMAR_WASM };

let parser: Promise<HclSyntaxParser> | undefined;

/** The real tree-sitter parser, loaded once per test process. */
export function hclParser(): Promise<HclSyntaxParser> {
  parser ??= loadHclParser();
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

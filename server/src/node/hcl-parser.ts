/**
 * Loads tree-sitter's HCL grammar (the Terraform dialect of @tree-sitter-grammars/tree-sitter-hcl) into
 * web-tree-sitter and hands the engine a synchronous HclSyntaxParser. The WebAssembly start-up is async,
 * so the host awaits loadHclParser() once and passes the parser into the pure engine.
 *
 * Two .wasm files are read: web-tree-sitter.wasm (the runtime) and tree-sitter-terraform.wasm (the grammar).
 * They are looked up in options.wasmDir, then beside this file (a bundle: server/out/), then in node_modules.
 */
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type * as TreeSitter from 'web-tree-sitter';
import type { TreeCursor } from 'web-tree-sitter';
import type { HclSyntaxNode, HclSyntaxParser } from '../engine/sources/terraform/syntax';

export const RUNTIME_WASM = 'web-tree-sitter.wasm';
export const GRAMMAR_WASM = 'tree-sitter-terraform.wasm';

export interface HclParserOptions {
  /** A folder holding both .wasm files (what a bundle ships beside its script). */
  wasmDir?: string;
}

/** Subtrees deeper than this are cut (their node kept, children dropped): the engine's walks stay bounded. */
const MAX_DEPTH = 256;

interface MutableNode {
  type: string;
  start: number;
  end: number;
  children: MutableNode[];
  field?: string;
  named: boolean;
  hasError: boolean;
  isMissing: boolean;
}

function here(): string {
  // CommonJS (the esbuild bundle, tsx on a .ts file of this package) has __filename; elsewhere use the cwd.
  return typeof __filename === 'string' ? __filename : join(process.cwd(), 'index.js');
}

/** Where a .wasm file is: the given folder, beside this script, or the npm package that ships it. */
export function locateWasm(file: string, packageName: string, options: HclParserOptions = {}): string {
  const candidates: string[] = [];
  if (options.wasmDir) candidates.push(join(options.wasmDir, file));
  candidates.push(join(dirname(here()), file));
  try {
    const require = createRequire(here());
    candidates.push(require.resolve(`${packageName}/${file}`));
  } catch {
    // not installed: only the folders above count
  }
  const found = candidates.find((c) => existsSync(c));
  if (!found) throw new Error(`ScaleLint: cannot find ${file} (looked in ${candidates.join(', ')})`);
  return found;
}

// require, not import: esbuild then bundles web-tree-sitter's CommonJS build, which finds itself through
// __filename; its ES module build needs import.meta.url, which a CommonJS bundle leaves empty.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { Language, Parser } = require('web-tree-sitter') as typeof TreeSitter;

let runtimeReady: Promise<void> | undefined;
let languageLoad: Promise<TreeSitter.Language> | undefined;

/** One parser a call; the runtime and the grammar are loaded once per process. */
export async function loadHclParser(options: HclParserOptions = {}): Promise<HclSyntaxParser> {
  // A failed load is forgotten, so a later call (say with the right wasmDir) tries again.
  runtimeReady ??= Parser.init({ wasmBinary: readFileSync(locateWasm(RUNTIME_WASM, 'web-tree-sitter', options)) }).catch((e: unknown) => {
    runtimeReady = undefined;
    throw e;
  });
  await runtimeReady;
  languageLoad ??= Language.load(readFileSync(locateWasm(GRAMMAR_WASM, '@tree-sitter-grammars/tree-sitter-hcl', options))).catch((e: unknown) => {
    languageLoad = undefined;
    throw e;
  });
  const language = await languageLoad;
  const parser = new Parser();
  parser.setLanguage(language);
  const copier = new TreeCopier(language);
  return {
    parse(text: string): HclSyntaxNode {
      const tree = parser.parse(text);
      if (!tree) return { type: 'config_file', start: 0, end: text.length, children: [], named: true, hasError: false, isMissing: false };
      try {
        // web-tree-sitter parses a JS string as UTF-16, so its indices are already UTF-16 offsets.
        return copier.copy(tree);
      } finally {
        tree.delete();
      }
    },
  };
}

/** Anonymous tokens the engine reads (`=` for ranges, unary `-`/`!`); other punctuation is left out. */
const KEPT_TOKENS = new Set(['=', '-', '!']);
/** Stands for a left-out token while walking, so the walk stays simple. */
const SKIPPED: MutableNode = { type: '', start: 0, end: 0, children: [], named: false, hasError: false, isMissing: false };
const ERROR_TYPE_ID = 0xffff;

/** Copies the tree into plain objects, without recursion (a hostile file cannot overflow the stack). */
class TreeCopier {
  private readonly names: (string | undefined)[] = [];
  private readonly named: (boolean | undefined)[] = [];

  constructor(private readonly language: TreeSitter.Language) {}

  copy(tree: TreeSitter.Tree): HclSyntaxNode {
    const cursor = tree.walk();
    // Missing nodes only exist in a tree with errors: one call here saves one per node.
    const withErrors = tree.rootNode.hasError;
    try {
      const root = this.nodeAt(cursor, withErrors, undefined);
      const path: MutableNode[] = [root];
      for (;;) {
        if (path.length <= MAX_DEPTH && cursor.gotoFirstChild()) {
          this.enter(cursor, path, withErrors);
          continue;
        }
        for (;;) {
          const done = path.pop()!;
          const parent = path[path.length - 1];
          if (!parent) return root;
          if (done.hasError) parent.hasError = true;
          if (cursor.gotoNextSibling()) {
            this.enter(cursor, path, withErrors);
            break;
          }
          cursor.gotoParent();
        }
      }
    } finally {
      cursor.delete();
    }
  }

  private enter(cursor: TreeCursor, path: MutableNode[], withErrors: boolean): void {
    const parent = path[path.length - 1]!;
    const node = this.nodeAt(cursor, withErrors, parent.type);
    if (node !== SKIPPED) parent.children.push(node);
    path.push(node);
  }

  private nodeAt(cursor: TreeCursor, withErrors: boolean, parentType: string | undefined): MutableNode {
    const id = cursor.nodeTypeId;
    let type = this.names[id];
    if (type === undefined) {
      type = id === ERROR_TYPE_ID ? 'ERROR' : (this.language.types[id] ?? 'ERROR');
      this.names[id] = type;
      this.named[id] = type === 'ERROR' || this.language.nodeTypeIsNamed(id);
    }
    const named = this.named[id]!;
    const isMissing = withErrors && cursor.nodeIsMissing;
    if (!named && !isMissing && !KEPT_TOKENS.has(type)) return SKIPPED;
    const node: MutableNode = { type, start: cursor.startIndex, end: cursor.endIndex, children: [], named, hasError: type === 'ERROR' || isMissing, isMissing };
    if (parentType === 'object_elem') {
      const field = cursor.currentFieldName;
      if (field) node.field = field;
    }
    return node;
  }
}

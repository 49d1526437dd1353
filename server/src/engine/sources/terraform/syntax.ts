/**
 * The concrete syntax tree the Terraform source reads, as handed over by a parser the host loaded
 * (server/src/node/hcl-parser.ts wraps tree-sitter's HCL grammar). Plain data, so the engine stays
 * synchronous and pure, and tests can build trees by hand.
 */

export interface HclSyntaxNode {
  /** Grammar node type (`block`, `attribute`, `expression`, …); `ERROR` for a region the parser skipped. */
  readonly type: string;
  /** UTF-16 offsets into the parsed text, end exclusive. */
  readonly start: number;
  readonly end: number;
  /**
   * Children in text order: every named node, every missing token, and the anonymous tokens `=`, `-`, `!`
   * (the engine reads no other punctuation, so a host may leave it out).
   */
  readonly children: readonly HclSyntaxNode[];
  /** The grammar's field name of this node in its parent (`key`/`val` of an object element), if any. */
  readonly field?: string;
  /** False for anonymous tokens (`=`, `{`, `"`). */
  readonly named: boolean;
  /** This node, or one below it, is an `ERROR` or missing node. */
  readonly hasError: boolean;
  /** A zero-width node the parser inserted to recover (an unclosed `}` or heredoc end). */
  readonly isMissing: boolean;
}

/** A ready parser: text in, tree out. Never throws; a text it cannot parse yields `ERROR` nodes. */
export interface HclSyntaxParser {
  parse(text: string): HclSyntaxNode;
}

export function namedChildren(node: HclSyntaxNode): HclSyntaxNode[] {
  return node.children.filter((c) => c.named && c.type !== 'comment');
}

export function childOfType(node: HclSyntaxNode, type: string): HclSyntaxNode | undefined {
  return node.children.find((c) => c.type === type);
}

export function childrenOfType(node: HclSyntaxNode, type: string): HclSyntaxNode[] {
  return node.children.filter((c) => c.type === type);
}

/** Native HCL (`.tf`): the syntax tree of a parser → a RawFile, with one problem per error region. */
import type { RawAttribute, RawBlock, RawBody, RawExpr, RawFile, RawLabel, RawObjectEntry, RawProblem, Span, TraversalStep } from './raw';
import { unescapeHcl } from './raw';
import { childOfType, namedChildren, type HclSyntaxNode, type HclSyntaxParser } from './syntax';

/** Block types that only exist at the top of a file; found nested in a broken block, they are lifted out. */
const TOP_LEVEL_BLOCKS = new Set(['resource', 'data', 'variable', 'locals', 'output', 'module', 'provider', 'terraform']);
const MAX_EXPR_DEPTH = 200;

export function readHclFile(path: string, text: string, parser: HclSyntaxParser): RawFile {
  let root: HclSyntaxNode;
  try {
    root = parser.parse(text);
  } catch (e) {
    // A parser that throws is a host bug, but the engine must not: report it on the whole file.
    return { path, body: { attributes: [], blocks: [] }, problems: [{ start: 0, end: Math.min(text.length, 1), message: `The HCL parser failed: ${String(e)}` }] };
  }
  const reader = new HclReader(text);
  const body: RawBody = { attributes: [], blocks: [] };
  for (const child of root.children) {
    if (child.type === 'body') reader.readBodyInto(child, body, body.blocks, 0);
    else if (child.type === 'ERROR') reader.recoverInto(child, body);
  }
  return { path, body, problems: syntaxProblems(root, text) };
}

class HclReader {
  constructor(private readonly text: string) {}

  private slice(node: Span): string {
    return this.text.slice(node.start, node.end);
  }

  /** Reads a body; `top` collects top-level blocks found nested inside a broken block. */
  readBodyInto(node: HclSyntaxNode, into: RawBody, top: RawBlock[], depth: number): void {
    for (const child of node.children) {
      if (child.type === 'attribute') {
        const attribute = this.readAttribute(child);
        if (attribute) into.attributes.push(attribute);
      } else if (child.type === 'block') {
        const block = this.readBlock(child, top, depth + 1);
        if (!block) continue;
        if (depth > 0 && node.hasError && TOP_LEVEL_BLOCKS.has(block.type)) top.push(block);
        else into.blocks.push(block);
      } else if (child.type === 'ERROR' && depth === 0) {
        this.recoverInto(child, into);
      }
    }
  }

  /** Complete blocks inside a top-level ERROR region (garbage before them) still count. */
  recoverInto(error: HclSyntaxNode, into: RawBody): void {
    for (const child of error.children) {
      if (child.type === 'block' && !child.hasError) {
        const block = this.readBlock(child, into.blocks, 1);
        if (block) into.blocks.push(block);
      } else if (child.type === 'body') {
        this.readBodyInto(child, into, into.blocks, 0);
      }
    }
  }

  private readAttribute(node: HclSyntaxNode): RawAttribute | undefined {
    const name = childOfType(node, 'identifier');
    if (!name) return undefined;
    const exprNode = childOfType(node, 'expression');
    const span = { start: node.start, end: node.end };
    const expr: RawExpr =
      !exprNode || node.hasError
        ? { kind: 'other', what: 'a syntax error', start: exprNode?.start ?? name.end, end: exprNode?.end ?? node.end }
        : this.readExpr(exprNode, 0);
    return { ...span, name: this.slice(name), nameSpan: { start: name.start, end: name.end }, expr };
  }

  private readBlock(node: HclSyntaxNode, top: RawBlock[], depth: number): RawBlock | undefined {
    const kids = namedChildren(node);
    const type = kids[0];
    if (!type || type.type !== 'identifier') return undefined;
    const labels: RawLabel[] = [];
    for (const kid of kids.slice(1)) {
      if (kid.type === 'identifier') labels.push({ value: this.slice(kid), start: kid.start, end: kid.end });
      else if (kid.type === 'string_lit') labels.push({ value: this.stringContent(kid), start: kid.start, end: kid.end });
      else break;
    }
    const body: RawBody = { attributes: [], blocks: [] };
    const bodyNode = childOfType(node, 'body');
    if (bodyNode && depth < 64) this.readBodyInto(bodyNode, body, top, depth);
    return { start: node.start, end: node.end, type: this.slice(type), typeSpan: { start: type.start, end: type.end }, labels, body };
  }

  private stringContent(stringLit: HclSyntaxNode): string {
    const literal = childOfType(stringLit, 'template_literal');
    return literal ? unescapeHcl(this.slice(literal)) : '';
  }

  readExpr(node: HclSyntaxNode, depth: number): RawExpr {
    const span = { start: node.start, end: node.end };
    if (depth > MAX_EXPR_DEPTH) return { kind: 'other', what: 'a too deeply nested expression', ...span };
    if (node.hasError) return { kind: 'other', what: 'a syntax error', ...span };
    const kids = namedChildren(node);
    const first = kids[0];
    if (!first) return { kind: 'other', what: 'an empty expression', ...span };
    if (first.type === 'variable_expr') return this.readTraversal(node, first, kids.slice(1), depth);
    if (kids.length > 1) return { kind: 'other', what: describe(kids[1]!.type), ...span };
    switch (first.type) {
      case 'expression':
        return this.readExpr(first, depth + 1); // ( expr )
      case 'literal_value':
        return this.readLiteral(first);
      case 'operation':
        return this.readOperation(first, depth);
      case 'template_expr':
        return this.readTemplate(first, depth);
      case 'collection_value': {
        const collection = first.children[0];
        if (collection?.type === 'tuple') {
          const items = namedChildren(collection).filter((c) => c.type === 'expression').map((c) => this.readExpr(c, depth + 1));
          return { kind: 'tuple', items, ...span };
        }
        if (collection?.type === 'object') {
          const entries = namedChildren(collection)
            .filter((c) => c.type === 'object_elem')
            .map((c) => this.readObjectElem(c, depth));
          return { kind: 'object', entries: entries.filter((e): e is RawObjectEntry => e !== undefined), ...span };
        }
        return { kind: 'other', what: 'a collection', ...span };
      }
      default:
        return { kind: 'other', what: describe(first.type), ...span };
    }
  }

  private readObjectElem(node: HclSyntaxNode, depth: number): RawObjectEntry | undefined {
    const keyNode = node.children.find((c) => c.field === 'key');
    const valueNode = node.children.find((c) => c.field === 'val');
    if (!keyNode || !valueNode) return undefined;
    const keyExpr = this.readExpr(keyNode, depth + 1);
    let key: string | undefined;
    if (keyExpr.kind === 'traversal' && keyExpr.steps.length === 0) key = keyExpr.root;
    else if (keyExpr.kind === 'literal' && typeof keyExpr.value === 'string') key = keyExpr.value;
    return { key, keySpan: { start: keyNode.start, end: keyNode.end }, value: this.readExpr(valueNode, depth + 1) };
  }

  private readLiteral(node: HclSyntaxNode): RawExpr {
    const span = { start: node.start, end: node.end };
    const lit = node.children[0];
    switch (lit?.type) {
      case 'numeric_lit': {
        const text = this.slice(lit);
        const value = text.startsWith('0x') ? parseInt(text.slice(2), 16) : Number(text);
        return Number.isFinite(value) ? { kind: 'literal', value, ...span } : { kind: 'other', what: 'a number out of range', ...span };
      }
      case 'bool_lit':
        return { kind: 'literal', value: this.slice(lit) === 'true', ...span };
      case 'null_lit':
        return { kind: 'literal', value: null, ...span };
      case 'string_lit':
        return { kind: 'literal', value: this.stringContent(lit), ...span };
      default:
        return { kind: 'other', what: 'a literal', ...span };
    }
  }

  private readOperation(node: HclSyntaxNode, depth: number): RawExpr {
    const span = { start: node.start, end: node.end };
    const unary = node.children[0];
    if (unary?.type === 'unary_operation' && unary.children[0]?.type === '-') {
      const operand = namedChildren(unary)[0];
      if (operand?.type === 'literal_value') {
        const inner = this.readLiteral(operand);
        if (inner.kind === 'literal' && typeof inner.value === 'number') return { kind: 'literal', value: -inner.value, ...span };
      }
    }
    void depth;
    return { kind: 'other', what: 'an operation', ...span };
  }

  private readTemplate(node: HclSyntaxNode, depth: number): RawExpr {
    const span = { start: node.start, end: node.end };
    const template = node.children[0];
    if (template?.type !== 'quoted_template') return { kind: 'other', what: 'a heredoc', ...span };
    const parts = namedChildren(template).filter((c) => c.type !== 'quoted_template_start' && c.type !== 'quoted_template_end');
    if (parts.length === 1 && parts[0]!.type === 'template_interpolation') {
      // "${expr}" alone is the value of expr, as in Terraform (0.11-style references).
      const inner = childOfType(parts[0]!, 'expression');
      if (inner) return this.readExpr(inner, depth + 1);
    }
    if (parts.every((p) => p.type === 'template_literal')) {
      return { kind: 'literal', value: parts.map((p) => unescapeHcl(this.slice(p))).join(''), ...span };
    }
    return { kind: 'other', what: 'an interpolation', ...span };
  }

  private readTraversal(node: HclSyntaxNode, rootNode: HclSyntaxNode, rest: HclSyntaxNode[], depth: number): RawExpr {
    const span = { start: node.start, end: node.end };
    const steps: TraversalStep[] = [];
    for (const step of rest) {
      if (step.type === 'get_attr') {
        const name = childOfType(step, 'identifier');
        steps.push({ kind: 'attr', name: name ? this.slice(name) : '', start: step.start, end: step.end });
      } else if (step.type === 'index') {
        const index = step.children[0];
        let key: number | string | undefined;
        if (index?.type === 'legacy_index') key = Number(this.slice(index).slice(1));
        else if (index?.type === 'new_index') {
          const inner = childOfType(index, 'expression');
          const expr = inner ? this.readExpr(inner, depth + 1) : undefined;
          if (expr?.kind === 'literal' && (typeof expr.value === 'number' || typeof expr.value === 'string')) key = expr.value;
        }
        steps.push({ kind: 'index', key, start: step.start, end: step.end });
      } else if (step.type === 'splat') {
        steps.push({ kind: 'splat', start: step.start, end: step.end });
        break; // what follows a splat applies to every element: the evaluator stops there anyway
      } else {
        return { kind: 'other', what: describe(step.type), ...span };
      }
    }
    return { kind: 'traversal', root: this.slice(rootNode), rootSpan: { start: rootNode.start, end: rootNode.end }, steps, ...span };
  }
}

function describe(type: string): string {
  const names: Record<string, string> = {
    function_call: 'a function call',
    for_expr: 'a for expression',
    conditional: 'a conditional',
    operation: 'an operation',
    template_expr: 'an interpolation',
    get_attr: 'an attribute of a computed value',
    index: 'an index into a computed value',
    splat: 'a splat',
  };
  return names[type] ?? `a ${type.replace(/_/g, ' ')}`;
}

/** One problem per error region: ERROR nodes (merged when they touch), and missing tokens, innermost first. */
export function syntaxProblems(root: HclSyntaxNode, text: string): RawProblem[] {
  const problems: RawProblem[] = [];
  const missingAt = new Set<number>();
  const visit = (node: HclSyntaxNode, parents: HclSyntaxNode[]): void => {
    if (!node.hasError) return;
    if (node.type === 'ERROR') {
      const last = problems[problems.length - 1];
      if (last && last.end >= node.start && last.message.startsWith('Syntax error: unexpected')) last.end = Math.max(last.end, node.end);
      else problems.push({ start: node.start, end: node.end, message: `Syntax error: unexpected ${quoteToken(text.slice(node.start, node.end))}` });
      return;
    }
    if (node.isMissing) {
      if (missingAt.has(node.start)) return; // an outer block closed at the same place: the inner one is the cause
      missingAt.add(node.start);
      problems.push(missingProblem(node, parents, text));
      return;
    }
    if (parents.length > 300) return;
    parents.push(node);
    for (const child of node.children) visit(child, parents);
    parents.pop();
  };
  visit(root, []);
  return problems;
}

function missingProblem(node: HclSyntaxNode, parents: HclSyntaxNode[], text: string): RawProblem {
  const owner = [...parents].reverse().find((p) => ['block', 'heredoc_template', 'tuple', 'object', 'quoted_template', 'string_lit', 'function_call'].includes(p.type));
  if (owner?.type === 'block' && node.type === '}') {
    const open = childOfType(owner, 'block_start');
    const header = text.slice(owner.start, open?.start ?? owner.end).trim();
    return { start: owner.start, end: open?.end ?? owner.start, message: `The block \`${header}\` is not closed: add a \`}\`` };
  }
  if (owner?.type === 'heredoc_template') {
    const marker = owner.children.find((c) => c.type === 'heredoc_identifier' && !c.isMissing);
    const name = marker ? text.slice(marker.start, marker.end) : 'EOT';
    return { start: owner.start, end: marker?.end ?? owner.start, message: `The heredoc is not closed: add a line \`${name}\`` };
  }
  if (owner && (owner.type === 'quoted_template' || owner.type === 'string_lit') && node.type === 'quoted_template_end') {
    const lineEnd = text.indexOf('\n', owner.start);
    return { start: owner.start, end: lineEnd < 0 ? text.length : lineEnd, message: 'The string is not closed: add a `"`' };
  }
  const token = node.type === 'tuple_end' ? ']' : node.type === 'object_end' ? '}' : node.type === 'object_start' ? '{' : node.type;
  return { start: node.start, end: node.end, message: `Syntax error: missing \`${token}\`` };
}

function quoteToken(text: string): string {
  const firstLine = text.trim().split('\n')[0] ?? '';
  return firstLine.length === 0 ? 'text' : `\`${firstLine.length > 40 ? `${firstLine.slice(0, 40)}…` : firstLine}\``;
}

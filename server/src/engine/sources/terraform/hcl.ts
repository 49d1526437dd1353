/** Native HCL (`.tf`): the syntax tree of a parser → a RawFile, with one problem per error region. */
import type { RawAttribute, RawBlock, RawBody, RawExpr, RawFile, RawLabel, RawObjectEntry, RawProblem, Span, TraversalStep } from './raw';
import { unescapeHcl } from './raw';
import { chooseProblem, syntaxProblems } from './hcl-problems';
import { locateBadLine, parseSafely, repair, topLevelChunks, unclosedChunkProblem } from './hcl-recover';
import { childOfType, namedChildren, type HclSyntaxNode, type HclSyntaxParser } from './syntax';

/** Block types that only exist at the top of a file; found nested in a broken block, they are lifted out. */
const TOP_LEVEL_BLOCKS = new Set(['resource', 'data', 'variable', 'locals', 'output', 'module', 'provider', 'terraform']);
const MAX_EXPR_DEPTH = 200;

export function readHclFile(path: string, text: string, parser: HclSyntaxParser): RawFile {
  const body: RawBody = { attributes: [], blocks: [] };
  const root = parseSafely(parser, text, 0);
  if (!root) return { path, body, problems: [{ start: 0, end: Math.min(text.length, 1), message: 'The HCL parser failed on this file' }] };
  const reader = new HclReader(text);
  const problems = syntaxProblems(root, text);
  if (problems.length === 0) {
    reader.readRoot(root, body);
    return { path, body, problems };
  }
  // A broken file: parse each top-level block on its own, so one error stays in its block (no cascade),
  // and report one problem per broken block.
  const out: RawProblem[] = [];
  for (const [start, end] of topLevelChunks(text)) {
    const chunk = text.slice(start, end);
    const tree = parseSafely(parser, chunk, start);
    if (!tree) continue;
    const chunkProblems = syntaxProblems(tree, text);
    const chosen = chooseProblem(chunkProblems);
    if (!chosen) {
      reader.readRoot(tree, body);
      continue;
    }
    // The parser's region is often vague (from the header to the end): a line broken on its own is clearer.
    const vague = chosen.unclosedBlock || chosen.message.startsWith('Syntax error: unexpected');
    const bad = vague ? locateBadLine(parser, text, start, end) : undefined;
    const repaired = repair(parser, chunk, start, bad ?? chosen);
    const blocksBefore = body.blocks.length;
    reader.readRoot(repaired?.tree ?? tree, body);
    let problem: RawProblem = bad ?? chosen;
    // The attribute on the line at fault is unknown, whatever the repair put there; the braces the repair
    // added are not in the file, so blocks end where the chunk does.
    if (repaired) {
      for (const block of body.blocks.slice(blocksBefore)) {
        markBroken(block.body, problem.start, text.indexOf('\n', problem.start));
        clampBlock(block, end);
      }
    }
    if (!bad && vague && repaired?.closed && !chosen.unclosedBlock) problem = unclosedChunkProblem(text, start, end);
    out.push({ start: problem.start, end: problem.end, message: problem.message });
  }
  return { path, body, problems: out };
}

function clampBlock(block: RawBlock, limit: number): void {
  block.end = Math.min(block.end, limit);
  if (block.closingBrace && block.closingBrace.end > limit) delete block.closingBrace;
  for (const inner of block.body.blocks) clampBlock(inner, limit);
}

function markBroken(body: RawBody, from: number, lineEnd: number): void {
  const to = lineEnd < 0 ? Number.MAX_SAFE_INTEGER : lineEnd;
  for (const attribute of body.attributes) {
    if (attribute.end >= from && attribute.start <= to) attribute.expr = { kind: 'other', what: 'a syntax error', start: attribute.expr.start, end: attribute.expr.end };
  }
  for (const block of body.blocks) markBroken(block.body, from, lineEnd);
}

class HclReader {
  constructor(private readonly text: string) {}

  private slice(node: Span): string {
    return this.text.slice(node.start, node.end);
  }

  readRoot(root: HclSyntaxNode, into: RawBody): void {
    for (const child of root.children) {
      if (child.type === 'body') this.readBodyInto(child, into, into.blocks, 0, false);
      else if (child.type === 'ERROR') this.recoverInto(child, into);
    }
  }

  /** Reads a body; `top` collects top-level blocks found nested inside a broken (`broken`) block. */
  readBodyInto(node: HclSyntaxNode, into: RawBody, top: RawBlock[], depth: number, broken: boolean): void {
    for (const child of node.children) {
      if (child.type === 'attribute') {
        const attribute = this.readAttribute(child);
        if (attribute) into.attributes.push(attribute);
      } else if (child.type === 'block') {
        const block = this.readBlock(child, top, depth + 1, broken);
        if (!block) continue;
        if (depth > 0 && broken && TOP_LEVEL_BLOCKS.has(block.type)) top.push(block);
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
        const block = this.readBlock(child, into.blocks, 1, true);
        if (block) into.blocks.push(block);
      } else if (child.type === 'body') {
        this.readBodyInto(child, into, into.blocks, 0, true);
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

  private readBlock(node: HclSyntaxNode, top: RawBlock[], depth: number, broken: boolean): RawBlock | undefined {
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
    if (bodyNode && depth < 64) this.readBodyInto(bodyNode, body, top, depth, broken || node.hasError);
    const close = childOfType(node, 'block_end');
    const closingBrace = close && close.end > close.start ? { start: close.start, end: close.end } : undefined;
    return { start: node.start, end: node.end, type: this.slice(type), typeSpan: { start: type.start, end: type.end }, labels, body, ...(closingBrace ? { closingBrace } : {}) };
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
      case 'function_call':
        return this.readCall(first, depth) ?? { kind: 'other', what: describe(first.type), ...span };
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
        if (this.slice(lit).includes('\n')) return { kind: 'other', what: 'a string that is not closed', ...span };
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

  /**
   * `one(aws_autoscaling_group.this[*].name)`, the idiom for a resource with `count = … ? 1 : 0`: the one
   * instance's attribute, a reference as `aws_autoscaling_group.this[0].name` is (one() gives null when there
   * is none, and then nothing is linked either way). Any other call is unknown (undefined).
   */
  private readCall(call: HclSyntaxNode, depth: number): RawExpr | undefined {
    const name = childOfType(call, 'identifier');
    if (!name || this.slice(name) !== 'one') return undefined;
    const args = childOfType(call, 'function_arguments');
    const exprs = args ? namedChildren(args) : [];
    if (exprs.length !== 1 || exprs[0]!.type !== 'expression') return undefined;
    const inner = this.readExpr(exprs[0]!, depth + 1);
    if (inner.kind !== 'traversal') return undefined;
    const splat = inner.steps.findIndex((s) => s.kind === 'splat');
    // type.name[*].attr… (a managed resource) or data.type.name[*].attr…: the splat right after the name.
    const nameSteps = inner.root === 'data' ? 2 : 1;
    if (splat !== nameSteps || inner.steps.slice(0, splat).some((s) => s.kind !== 'attr')) return undefined;
    const at = inner.steps[splat]!;
    const steps: TraversalStep[] = [...inner.steps.slice(0, splat), { kind: 'index', key: 0, start: at.start, end: at.end }, ...inner.steps.slice(splat + 1)];
    return { ...inner, steps, start: call.start, end: call.end };
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
        // The attributes a splat takes of every element (`[*].name`): the evaluator stops at the splat, but
        // `one(…)` reads them.
        for (const inner of namedChildren(step).flatMap((s) => namedChildren(s))) {
          const name = inner.type === 'get_attr' ? childOfType(inner, 'identifier') : undefined;
          if (!name) break;
          steps.push({ kind: 'attr', name: this.slice(name), start: inner.start, end: inner.end });
        }
        break;
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

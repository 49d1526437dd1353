/** Syntax problems of a parsed HCL chunk, with messages a person can act on; the caller keeps one per chunk. */
import type { RawProblem } from './raw';
import { childOfType, type HclSyntaxNode } from './syntax';

export interface SyntaxProblem extends RawProblem {
  /** A block's missing `}`: usually the effect of another error, so other problems are preferred. */
  unclosedBlock: boolean;
}

/** All error regions of a tree: ERROR nodes (merged when they touch), missing tokens, multi-line strings. */
export function syntaxProblems(root: HclSyntaxNode, text: string): SyntaxProblem[] {
  const problems: SyntaxProblem[] = [];
  const missingAt = new Set<number>();
  const visit = (node: HclSyntaxNode, parents: HclSyntaxNode[]): void => {
    if (node.type === 'string_lit' || node.type === 'quoted_template') {
      const problem = multiLineString(node, text);
      if (problem) {
        problems.push(problem);
        return;
      }
    }
    if (node.type === 'block') {
      const open = childOfType(node, 'block_start');
      const newline = text.indexOf('\n', node.start);
      if (open && newline >= 0 && newline < open.start) {
        // `resource "aws_autoscaling_group"` left unfinished above another block: the grammar joins the two.
        const message = `The block \`${header(text, node.start, newline)}\` is unfinished: its labels and \`{\` go on one line`;
        problems.push({ start: node.start, end: newline, message, unclosedBlock: false });
      }
    }
    if (node.type === 'ERROR') {
      const last = problems[problems.length - 1];
      if (last && last.end >= node.start && last.message.startsWith('Syntax error: unexpected')) last.end = Math.max(last.end, node.end);
      else problems.push({ start: node.start, end: node.end, message: errorMessage(text.slice(node.start, node.end)), unclosedBlock: false });
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

/** HCL's quoted strings end on their line; the grammar lets them run on, so we report it. */
function multiLineString(node: HclSyntaxNode, text: string): SyntaxProblem | undefined {
  for (const part of node.children) {
    if (part.type !== 'template_literal') continue;
    const newline = text.indexOf('\n', part.start);
    if (newline >= 0 && newline < part.end) {
      return { start: node.start, end: newline, message: 'The string is not closed on its line: add a `"`', unclosedBlock: false };
    }
  }
  return undefined;
}

function missingProblem(node: HclSyntaxNode, parents: HclSyntaxNode[], text: string): SyntaxProblem {
  const owners = ['block', 'heredoc_template', 'tuple', 'object', 'quoted_template', 'string_lit', 'function_call'];
  const owner = [...parents].reverse().find((p) => owners.includes(p.type));
  if (owner?.type === 'block' && node.type === '}') {
    const open = childOfType(owner, 'block_start');
    return { start: owner.start, end: open?.end ?? owner.start, message: `The block \`${header(text, owner.start, open?.start ?? owner.end)}\` is not closed: add a \`}\``, unclosedBlock: true };
  }
  if (owner?.type === 'heredoc_template') {
    const marker = owner.children.find((c) => c.type === 'heredoc_identifier' && !c.isMissing);
    const name = marker ? text.slice(marker.start, marker.end) : 'EOT';
    return { start: owner.start, end: marker?.end ?? owner.start, message: `The heredoc is not closed: add a line \`${name}\``, unclosedBlock: false };
  }
  if (owner && (owner.type === 'quoted_template' || owner.type === 'string_lit') && node.type === 'quoted_template_end') {
    const lineEnd = text.indexOf('\n', owner.start);
    return { start: owner.start, end: lineEnd < 0 ? text.length : lineEnd, message: 'The string is not closed: add a `"`', unclosedBlock: false };
  }
  if ((owner?.type === 'tuple' && node.type === ']') || (owner?.type === 'object' && node.type === '}')) {
    const lineEnd = text.indexOf('\n', owner.start);
    const what = owner.type === 'tuple' ? 'list' : 'object';
    return { start: owner.start, end: lineEnd < 0 || lineEnd > owner.end ? owner.end : lineEnd, message: `The ${what} is not closed: add a \`${node.type}\``, unclosedBlock: false };
  }
  const attribute = [...parents].reverse().find((p) => p.type === 'attribute');
  if (owner?.type === 'object' && node.type === '{' && attribute) {
    // `max_size =` with nothing after it: the grammar reads the block's `}` as an object missing its `{`.
    const name = childOfType(attribute, 'identifier');
    const equals = childOfType(attribute, '=');
    const at = name ? text.slice(name.start, name.end) : 'attribute';
    return { start: attribute.start, end: equals?.end ?? attribute.start, message: `The attribute \`${at}\` has no value`, unclosedBlock: false };
  }
  return { start: node.start, end: node.end, message: `Syntax error: missing \`${node.type}\``, unclosedBlock: false };
}

/** `resource "aws_autoscaling_group" "web"`: the block header, whitespace squeezed, for messages. */
export function header(text: string, start: number, end: number): string {
  const h = text.slice(start, end).trim().replace(/\s+/g, ' ');
  return h.length > 80 ? `${h.slice(0, 80)}…` : h;
}

/** A block header with nothing after it (`resource "aws_autoscaling_group"`): being typed. */
const BARE_HEADER = /^[A-Za-z_][\w-]*(?:[ \t]+(?:"[^"\n]*"|[A-Za-z_][\w-]*))+[ \t]*$/;

function errorMessage(region: string): string {
  const trimmed = region.trim();
  if (BARE_HEADER.test(trimmed)) return `Syntax error: the block \`${header(trimmed, 0, trimmed.length)}\` is unfinished: add its labels and \`{ … }\``;
  return `Syntax error: unexpected ${quoteToken(region)}`;
}

function quoteToken(text: string): string {
  const firstLine = text.trim().split('\n')[0] ?? '';
  return firstLine.length === 0 ? 'text' : `\`${firstLine.length > 40 ? `${firstLine.slice(0, 40)}…` : firstLine}\``;
}

/** The one problem a broken chunk reports: the first that is not a mere unclosed block, else the innermost. */
export function chooseProblem(problems: SyntaxProblem[]): SyntaxProblem | undefined {
  return problems.find((p) => !p.unclosedBlock && p.end > p.start) ?? problems.find((p) => !p.unclosedBlock) ?? problems[0];
}

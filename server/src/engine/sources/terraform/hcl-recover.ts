/**
 * Recovery for a broken `.tf` file: each top-level block is parsed on its own, a block being typed is closed
 * so what is written so far counts, and the line at fault is found when the parser's error region is vague.
 */
import { header, syntaxProblems, chooseProblem } from './hcl-problems';
import type { RawProblem } from './raw';
import type { HclSyntaxNode, HclSyntaxParser } from './syntax';

const CHUNK_START = /^(?:resource|data|variable|locals|output|module|provider|terraform|moved|import|check|removed)\b/gm;

/** [start, end) of each top-level block, cut at lines that start (at column 0) with a top-level keyword. */
export function topLevelChunks(text: string): [number, number][] {
  const starts = [0];
  CHUNK_START.lastIndex = 0;
  for (let m = CHUNK_START.exec(text); m; m = CHUNK_START.exec(text)) if (m.index > 0) starts.push(m.index);
  return starts.map((s, i) => [s, starts[i + 1] ?? text.length]);
}

/** Parses a chunk of the file; offsets in the result are offsets in the whole file. */
export function parseSafely(parser: HclSyntaxParser, chunk: string, offset: number): HclSyntaxNode | undefined {
  try {
    const tree = parser.parse(chunk);
    return offset === 0 ? tree : shift(tree, offset);
  } catch {
    return undefined; // a parser that throws is a host bug; the engine must not
  }
}

function shift(node: HclSyntaxNode, by: number): HclSyntaxNode {
  return { ...node, start: node.start + by, end: node.end + by, children: node.children.map((c) => shift(c, by)) };
}

/**
 * A block being typed: close its open braces (or drop its last, half-written line, then close them), so the
 * attributes written so far still count. `closed` is true when closing the braces alone was enough.
 */
export function repair(parser: HclSyntaxParser, chunk: string, offset: number, bad?: RawProblem): { tree: HclSyntaxNode; closed: boolean } | undefined {
  const lastLine = chunk.trimEnd().lastIndexOf('\n');
  const attempts: [string, boolean][] = [[chunk, true]];
  if (lastLine > 0) attempts.push([chunk.slice(0, lastLine), false]);
  if (bad) {
    // Blank the line at fault (same length, so offsets hold) and try again.
    const from = chunk.lastIndexOf('\n', bad.start - offset) + 1;
    const to = chunk.indexOf('\n', bad.start - offset);
    const blanked = `${chunk.slice(0, from)}${placeholderLine(chunk.slice(from, to < 0 ? chunk.length : to))}${to < 0 ? '' : chunk.slice(to)}`;
    attempts.push([blanked, false]);
    const blankedLast = blanked.trimEnd().lastIndexOf('\n');
    if (blankedLast > 0) attempts.push([blanked.slice(0, blankedLast), false]);
  }
  for (const [text, closed] of attempts) {
    const open = braceBalance(text);
    if (open < 0 || open > 64) continue;
    const tree = parseSafely(parser, open === 0 ? text : `${text}\n${'}'.repeat(open)}`, offset);
    if (tree && !tree.hasError) return { tree, closed };
  }
  return undefined;
}

/** The value of the attribute on a broken line, the same length: `_` (an unknown); any other line, blanked. */
export const PLACEHOLDER = '_';
function placeholderLine(line: string): string {
  const m = ATTRIBUTE_LINE.exec(line);
  if (m) {
    const equals = line.indexOf('=');
    const rest = line.length - equals - 1;
    if (rest >= 1) return `${line.slice(0, equals + 1)}${PLACEHOLDER}${' '.repeat(rest - 1)}`;
    if (line[equals - 1] === ' ') return `${line.slice(0, equals - 1)}=${PLACEHOLDER}`;
  }
  return ' '.repeat(line.length);
}

/** Open `{` minus `}` outside strings and comments (a rough count, enough to close a block being typed). */
function braceBalance(text: string): number {
  const stripped = text.replace(/"(?:[^"\\\n]|\\.)*"|#[^\n]*|\/\/[^\n]*|\/\*[\s\S]*?\*\//g, '');
  let balance = 0;
  for (const c of stripped) balance += c === '{' ? 1 : c === '}' ? -1 : 0;
  return balance;
}

export function unclosedChunkProblem(text: string, start: number, end: number): RawProblem {
  const brace = text.indexOf('{', start);
  const headerEnd = brace >= 0 && brace < end ? brace : Math.min(end, text.indexOf('\n', start) < 0 ? end : text.indexOf('\n', start));
  return { start, end: brace >= 0 && brace < end ? brace + 1 : headerEnd, message: `The block \`${header(text, start, headerEnd)}\` is not closed: add a \`}\`` };
}

const ATTRIBUTE_LINE = /^([ \t]*)([A-Za-z_][\w-]*)[ \t]*=(.*)$/;
const BARE_WORD_LINE = /^([ \t]*)([A-Za-z_][\w-]*)[ \t]*$/;

/**
 * When the parser's error region is vague (it starts at the block's header), finds the first line that is
 * broken on its own: a one-line attribute that does not parse, one with no value, or a lone word.
 */
export function locateBadLine(parser: HclSyntaxParser, text: string, start: number, end: number): RawProblem | undefined {
  let lineStart = start;
  let heredocEnd: string | undefined;
  for (let n = 0; lineStart < end && n < 5000; n++) {
    const newline = text.indexOf('\n', lineStart);
    const lineEnd = newline < 0 || newline > end ? end : newline;
    const line = text.slice(lineStart, lineEnd).replace(/\r$/, '');
    if (heredocEnd !== undefined) {
      if (line.trim() === heredocEnd) heredocEnd = undefined;
    } else {
      const problem = badLine(parser, line, lineStart, text);
      if (problem) return problem;
      heredocEnd = /<<-?([A-Za-z_][\w-]*)\s*$/.exec(line)?.[1];
    }
    lineStart = lineEnd + 1;
  }
  return undefined;
}

function badLine(parser: HclSyntaxParser, line: string, at: number, text: string): RawProblem | undefined {
  const bare = BARE_WORD_LINE.exec(line);
  if (bare && !['true', 'false', 'null'].includes(bare[2]!)) {
    const start = at + bare[1]!.length;
    return { start, end: start + bare[2]!.length, message: `Syntax error: \`${bare[2]}\` needs \`= value\` (an attribute) or \`{ … }\` (a block)` };
  }
  const attribute = ATTRIBUTE_LINE.exec(line);
  if (!attribute) return undefined;
  const start = at + attribute[1]!.length;
  const value = attribute[3]!.replace(/#.*$|\/\/.*$/, '').trim();
  if (value === '') return { start, end: at + line.length, message: `The attribute \`${attribute[2]}\` has no value` };
  if (!balancedOnOneLine(value)) return undefined; // opens a multi-line list, object or heredoc: not judged alone
  const tree = parseSafely(parser, line.slice(attribute[1]!.length), start);
  if (!tree || !tree.hasError) return undefined;
  const chosen = chooseProblem(syntaxProblems(tree, text));
  return chosen ? { start: chosen.start, end: Math.max(chosen.end, Math.min(chosen.start + 1, at + line.length)), message: chosen.message } : undefined;
}

/** The value closes every bracket and quote it opens (strings, `${`, `(`, `[`, `{`), and is no heredoc. */
function balancedOnOneLine(value: string): boolean {
  if (value.startsWith('<<')) return false;
  let depth = 0;
  let inString = false;
  for (let i = 0; i < value.length; i++) {
    const c = value[i]!;
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') inString = false;
      else if (c === '$' && value[i + 1] === '{') return true; // an interpolation: let the parser judge the line
    } else if (c === '"') inString = true;
    else if ('([{'.includes(c)) depth++;
    else if (')]}'.includes(c)) depth--;
  }
  return depth <= 0 || inString;
}

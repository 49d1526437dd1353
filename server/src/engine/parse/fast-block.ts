/**
 * Block scalars (`|`, `|-`, `>`, `>-`) for the fast path (fast.ts), read as `yaml` reads them: the value
 * folded or kept line by line exactly as its resolveBlockScalar does, the range from the header to the
 * end of the last content line. CloudFormation templates carry their scripts this way (`UserData`).
 * Only the plain form is taken: a header with an indentation indicator, `+` chomping, a comment or
 * anything after it, leading blank lines, blank lines holding more spaces than the content's
 * indentation, and comment lines right after the scalar give up (GIVE_UP), as does content not indented
 * past its parent.
 */
import { Scalar } from 'yaml';
import { badFirst, GIVE_UP, plainScalar, scalarNode } from './fast-scalars';

/** The line table of fast.ts. */
export interface Lines {
  /** Offset of each line's first character. */
  start: number[];
  /** Offset of each line's end (its `\n`, or the text's end). */
  end: number[];
  /** Column of the first non-space character (the line's length when blank). */
  indent: number[];
  /** BLANK, COMMENT or CONTENT (fast.ts). */
  kind: number[];
}

const BLANK = 0;
const COMMENT = 1;

/**
 * The block scalar whose header (`|` or `>`) is at `at` on line `line`, inside a node indented at
 * `parentIndent`: the node and the index of the first line after its content.
 */
export function blockScalar(text: string, lines: Lines, line: number, at: number, parentIndent: number): [Scalar, number] {
  const { start, end, indent, kind } = lines;
  const folded = text.charCodeAt(at) === 62; /* > */
  let headerEnd = at + 1;
  if (text.charCodeAt(headerEnd) === 45 /* - */) headerEnd++;
  const strip = headerEnd > at + 1;
  // Nothing may follow the header: a comment, a chomping `+` or an indentation digit is not modelled.
  if (headerEnd !== end[line]) throw GIVE_UP;
  const first = line + 1;
  if (first >= kind.length || kind[first] === BLANK) throw GIVE_UP;
  const n = indent[first];
  if (n <= parentIndent) throw GIVE_UP; // empty, or content not indented past its parent (an error in a collection)
  // The content: lines indented at least `n`, and blank lines between them.
  let last = first;
  let k = first + 1;
  for (; k < kind.length; k++) {
    if (kind[k] === BLANK) {
      if (indent[k] > n) throw GIVE_UP; // a more-indented empty line is kept as content: not modelled
      continue;
    }
    if (indent[k] < n) break;
    last = k;
  }
  // A comment line right after the scalar: where the enclosing collection ends is not modelled.
  for (let j = last + 1; j < k; j++) if (kind[j] === COMMENT) throw GIVE_UP;
  if (k < kind.length && kind[k] === COMMENT) throw GIVE_UP;
  let value = '';
  let sep = '';
  let prevMoreIndented = false;
  for (let j = first; j <= last; j++) {
    // Blank lines hold no more than `n` spaces (above), so their content is empty.
    const content = kind[j] === BLANK ? '' : text.slice(start[j] + n, end[j]);
    if (!folded) {
      value += sep + content;
      sep = '\n';
    } else if (kind[j] !== BLANK && indent[j] > n) {
      // A more-indented line of a folded scalar keeps its line breaks (resolveBlockScalar's rule).
      if (sep === ' ') sep = '\n';
      else if (!prevMoreIndented && sep === '\n') sep = '\n\n';
      value += sep + content;
      sep = '\n';
      prevMoreIndented = true;
    } else if (content === '') {
      if (sep === '\n') value += '\n';
      else sep = '\n';
    } else {
      value += sep + content;
      sep = ' ';
      prevMoreIndented = false;
    }
  }
  if (!strip) value += '\n';
  const valueEnd = end[last] < text.length ? end[last] + 1 : end[last];
  return [scalarNode(value, value, folded ? Scalar.BLOCK_FOLDED : Scalar.BLOCK_LITERAL, at, valueEnd, valueEnd), k];
}

/**
 * A plain scalar that goes on over the lines below it (`message: … \n   … more words`), as `yaml` folds
 * it: each further line trimmed, joined to the one before by a space, or by one line break per blank
 * line between them; the range ends after the last line's text. `first` is the scalar as read on line
 * `line` (its text must end the line: a comment there ends the scalar). Lines that could mean something
 * else (a comment line, `- `, `key: `, ` #`, an indicator first) give up; the folded text is resolved as
 * any plain scalar (plainScalar). Returns the node and the first line after it.
 */
export function plainContinued(text: string, lines: Lines, line: number, first: Scalar, parentIndent: number): [Scalar, number] {
  const { start, end, indent, kind } = lines;
  const [from, firstEnd] = first.range!;
  for (let q = firstEnd; q < end[line]; q++) if (text.charCodeAt(q) !== 32) throw GIVE_UP;
  let value = (first as Scalar & { source: string }).source;
  let blanks = 0;
  let valueEnd = firstEnd;
  let last = line;
  let k = line + 1;
  for (; k < kind.length; k++) {
    if (kind[k] === BLANK) {
      blanks++;
      continue;
    }
    if (indent[k] <= parentIndent) break;
    if (kind[k] === COMMENT) throw GIVE_UP;
    const at = start[k] + indent[k];
    let e = end[k];
    while (text.charCodeAt(e - 1) === 32) e--;
    const part = text.slice(at, e);
    const c = part.charCodeAt(0);
    if (badFirst(c) || c === 45 || part.includes(': ') || part.includes(' #') || part.charCodeAt(part.length - 1) === 58) throw GIVE_UP;
    value += blanks ? '\n'.repeat(blanks) + part : ' ' + part;
    blanks = 0;
    valueEnd = e;
    last = k;
  }
  const nodeEnd = end[last] < text.length ? end[last] + 1 : end[last];
  return [plainScalar(value, from, valueEnd, nodeEnd), last + 1];
}

/** Spaces trimmed off the start (`start`) and end (`end`) of a line of a quoted scalar (tabs never get here). */
function trimSpaces(s: string, start: boolean, end: boolean): string {
  let a = 0;
  let b = s.length;
  if (start) while (a < b && s.charCodeAt(a) === 32) a++;
  if (end) while (b > a && s.charCodeAt(b - 1) === 32) b--;
  return s.slice(a, b);
}

/**
 * A single-quoted scalar at `p` on line `line` that closes on a later line (long annotations are written
 * so), folded as `yaml` folds it (unfoldLines): the first line trimmed at its end, the last at its start,
 * those between at both; a line break between text is a space, each blank line a line break; then `''`
 * is `'`. Every line it goes on over is blank or indented past `parentIndent`, and only spaces or a
 * comment follow the closing quote (else GIVE_UP). Undefined when it closes on its own line.
 */
export function quotedContinued(text: string, lines: Lines, line: number, p: number, parentIndent: number): [Scalar, number] | undefined {
  const { end, indent, kind } = lines;
  let close = p + 1;
  for (;;) {
    close = text.indexOf("'", close);
    if (close < 0) throw GIVE_UP;
    if (text.charCodeAt(close + 1) !== 39) break;
    close += 2;
  }
  if (close < end[line]) return undefined;
  let last = line;
  while (end[last] < close) {
    last++;
    if (kind[last] !== BLANK && indent[last] <= parentIndent) throw GIVE_UP;
  }
  let q = close + 1;
  while (q < end[last] && text.charCodeAt(q) === 32) q++;
  if (q < end[last] && !(text.charCodeAt(q) === 35 && q > close + 1)) throw GIVE_UP;
  const parts = text.slice(p + 1, close).split('\n');
  let value = trimSpaces(parts[0], false, true);
  let sep = ' ';
  for (let k = 1; k < parts.length - 1; k++) {
    const part = trimSpaces(parts[k], true, true);
    if (part !== '') {
      value += sep + part;
      sep = ' ';
    } else if (sep === '\n') value += sep;
    else sep = '\n';
  }
  value = (value + sep + trimSpaces(parts[parts.length - 1], true, false)).replace(/''/g, "'");
  const nodeEnd = end[last] < text.length ? end[last] + 1 : end[last];
  return [scalarNode(value, value, Scalar.QUOTE_SINGLE, p, close + 1, nodeEnd), last + 1];
}

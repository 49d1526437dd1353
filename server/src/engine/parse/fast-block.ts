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

/**
 * CloudFormation YAML read as CloudFormation reads it. Its parser (and cfn-lint's, both PyYAML-like) accepts
 * a quoted scalar whose continuation lines start at column 0; the `yaml` library rejects those lines as
 * badly indented and its recovery then tangles the rest of the template. And where a template has a real
 * syntax error, the resources around it are still worth linting.
 *
 * Both work on a copy of the text of the same length, so every node's range is an offset into the text as
 * written and every finding, fix and hover stays exact:
 * - `joinQuotedContinuations`: inside such a scalar, each line break becomes a space (YAML folds a single
 *   line break to a space; only the count of spaces in the value can differ, which no rule reads);
 * - `blankLines`: the lines holding syntax errors become spaces, for a second reading of the rest.
 */

/** Whether a text is a CloudFormation template (cheap: a few regular expressions over the text). */
export function isCloudFormationText(text: string): boolean {
  // Anchored at a line start (after `{` or indentation, for JSON) so a string that mentions them does not count.
  if (/^[\s{]*["']?AWSTemplateFormatVersion["']?\s*:/m.test(text)) return true;
  return /^[\s{]*["']?Resources["']?\s*:/m.test(text) && /["']?Type["']?\s*:\s*["']?AWS::/.test(text);
}

function indentOf(text: string, lineStart: number): number {
  let i = lineStart;
  while (text.charCodeAt(i) === 32) i++;
  return i - lineStart;
}

/**
 * The text with the line breaks of under-indented multi-line quoted scalars turned into spaces, or
 * undefined when there is none. A scalar counts when it is a block mapping's value or a block sequence's
 * item (after `key: `, `- `, or a short-form tag such as `!Sub `), its closing quote ends its line (a comment
 * may follow), and one of its continuation lines is indented no deeper than the line that opens it — the
 * case `yaml` rejects. An unclosed quote (whose "closing" quote is really the next scalar's opening one)
 * is not followed by the end of a line, and is left for yaml-syntax to report.
 */
export function joinQuotedContinuations(text: string): string | undefined {
  let out: string[] | undefined;
  const opening = /^([ ]*)(?:-[ ]+)*(?:(?:"(?:[^"\\\n]|\\.)*"|'(?:[^'\n]|'')*'|[^\s#'"][^\n#]*?)[ \t]*:[ \t]+)?(?:![A-Za-z:]+[ \t]+)?(["'])/gm;
  let m: RegExpExecArray | null;
  while ((m = opening.exec(text))) {
    const lineStart = m.index;
    const quote = m[2];
    const open = m.index + m[0].length - 1;
    // The closing quote: `\"` escapes in double quotes, `''` in single quotes.
    let i = open + 1;
    let close = -1;
    for (; i < text.length; i++) {
      const c = text[i];
      if (quote === '"' && c === '\\') {
        i++;
        continue;
      }
      if (c === quote) {
        if (quote === "'" && text[i + 1] === "'") {
          i++;
          continue;
        }
        close = i;
        break;
      }
    }
    if (close < 0) break;
    opening.lastIndex = close + 1;
    const firstBreak = text.indexOf('\n', open);
    if (firstBreak < 0 || firstBreak > close) continue; // one line: nothing to fold
    if (!/^[ \t]*(?:#.*)?(?:\r?\n|$)/.test(text.slice(close + 1, close + 200))) continue;
    const ownIndent = indentOf(text, lineStart);
    let under = false;
    for (let b = firstBreak; b >= 0 && b < close; b = text.indexOf('\n', b + 1)) {
      const next = b + 1;
      const ind = indentOf(text, next);
      const c = text[next + ind];
      const blank = c === '\n' || c === '\r' || next + ind >= close;
      if (!blank && ind <= ownIndent) under = true;
    }
    if (!under) continue;
    out ??= text.split('');
    for (let k = open + 1; k < close; k++) if (out[k] === '\n' || out[k] === '\r') out[k] = ' ';
  }
  return out?.join('');
}

/** The text with every line that overlaps one of `ranges` turned into spaces (line breaks kept), and those lines' spans. */
export function blankLines(text: string, ranges: readonly [number, number][]): { text: string; lines: [number, number][] } {
  const out = text.split('');
  const lines: [number, number][] = [];
  for (const [s, t] of ranges) {
    const from = text.lastIndexOf('\n', Math.max(0, s) - 1) + 1;
    let to = text.indexOf('\n', Math.max(s, t - 1));
    if (to < 0) to = text.length;
    for (let k = from; k < to; k++) if (out[k] !== '\r' && out[k] !== '\n') out[k] = ' ';
    lines.push([from, to]);
  }
  return { text: out.join(''), lines };
}

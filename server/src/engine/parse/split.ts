/**
 * Splits a YAML stream into its documents at `---` marker lines, without parsing.
 * A marker at column 0 always starts a new document in YAML (it also ends block scalars), so
 * splitting on it is exact; this lets an edit re-parse only the document it touched.
 */

export interface Chunk {
  /** Offset of the chunk's first character in the file. */
  start: number;
  text: string;
}

function isMarkerAt(text: string, i: number): boolean {
  if (text.charCodeAt(i) !== 45 || text.charCodeAt(i + 1) !== 45 || text.charCodeAt(i + 2) !== 45) return false;
  const next = text.charCodeAt(i + 3);
  // end of text, space, tab, CR or LF
  return Number.isNaN(next) || next === 32 || next === 9 || next === 10 || next === 13;
}

/** Start offsets of the lines holding directives (`%YAML`, `%TAG`) directly above offset `markerStart`. */
function directivesStart(text: string, markerStart: number, floor: number): number {
  let start = markerStart;
  while (start > floor) {
    const prevLineEnd = start - 1; // the '\n' before `start`
    let lineStart = text.lastIndexOf('\n', prevLineEnd - 1) + 1;
    if (lineStart < floor) lineStart = floor;
    if (text.charCodeAt(lineStart) !== 37 /* % */) break;
    start = lineStart;
  }
  return start;
}

export function splitDocuments(text: string): Chunk[] {
  const starts: number[] = [0];
  let i = isMarkerAt(text, 0) ? text.indexOf('\n', 0) : 0;
  while (i !== -1 && i < text.length) {
    const nl = text.indexOf('\n', i);
    if (nl === -1) break;
    const lineStart = nl + 1;
    if (isMarkerAt(text, lineStart)) {
      const s = directivesStart(text, lineStart, starts[starts.length - 1] + 1);
      if (s > starts[starts.length - 1]) starts.push(s);
    }
    i = lineStart;
  }
  const chunks: Chunk[] = [];
  for (let k = 0; k < starts.length; k++) {
    const start = starts[k];
    const end = k + 1 < starts.length ? starts[k + 1] : text.length;
    chunks.push({ start, text: text.slice(start, end) });
  }
  return chunks;
}

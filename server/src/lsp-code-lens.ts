/**
 * Code lenses above each HPA and KEDA ScaledObject: how fast it scales, by simulation
 * ("2 → 20 in 30 s · back to 2 in 4 min 45 s"). Clicking one opens the capacity calculator on it.
 * A document with syntax errors keeps the lenses of the resources still recognised, so the lines do not
 * jump while the user types; the title then says why there is no timing.
 */
import type { CodeLens } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { FileState, ParsedChunk } from './engine';
import { isAutoscaler } from './engine/model/kubernetes';
import { rangeOf } from './engine/parse/values';
import { autoscalerTiming } from './engine/simulate/resource-timing';

/** The client command the lens runs; arguments: one {@link OpenCalculatorArgs}. */
export const OPEN_CALCULATOR_COMMAND = 'scalelint.openCalculator';

export interface OpenCalculatorArgs {
  uri: string;
  /** The resource's first line: where the lens sits, and what the calculator opens on. */
  range: { start: { line: number; character: number }; end: { line: number; character: number } };
}

interface LensSpot {
  /** Chunk-relative offset of the resource's first key. */
  offset: number;
  title: string;
}

/** Simulating is the cost: once per document text (parsed chunks are reused while their text is). */
const cache = new WeakMap<ParsedChunk, LensSpot[]>();

function spotsOf(chunk: ParsedChunk): LensSpot[] {
  let spots = cache.get(chunk);
  if (spots) return spots;
  spots = [];
  for (const r of chunk.resources) {
    if (!isAutoscaler(r)) continue;
    const start = rangeOf(r.node)?.[0];
    if (start === undefined) continue;
    const timing = autoscalerTiming(r);
    spots.push({ offset: start, title: 'text' in timing ? timing.text : `capacity calculator (no timing: ${timing.error})` });
  }
  cache.set(chunk, spots);
  return spots;
}

export function codeLenses(doc: TextDocument, file: FileState | undefined): CodeLens[] {
  if (!file || file.tooLarge) return [];
  const lenses: CodeLens[] = [];
  for (const d of file.documents) {
    if (d.chunk.template || d.chunk.failed) continue;
    for (const spot of spotsOf(d.chunk)) {
      const at = doc.positionAt(d.start + spot.offset);
      const range = { start: { line: at.line, character: 0 }, end: { line: at.line, character: 0 } };
      const args: OpenCalculatorArgs = { uri: doc.uri, range: { start: at, end: at } };
      lenses.push({ range, command: { title: spot.title, command: OPEN_CALCULATOR_COMMAND, arguments: [args] } });
    }
  }
  return lenses;
}

/**
 * Code lenses above each HPA and KEDA ScaledObject: how fast it scales, by simulation
 * ("2 → 20 in 30 s · back to 2 in 4 min 45 s"). Clicking one opens the capacity calculator on it.
 * A document with syntax errors keeps the lenses of the resources still recognised, so the lines do not
 * jump while the user types; the title then says why there is no timing.
 */
import type { CodeLens, CodeLensParams } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { autoscalerTiming, isAutoscaler, type FileState, type ParsedChunk } from '../engine';
import { OPEN_CALCULATOR_COMMAND, type OpenCalculatorArgs } from '../protocol';
import type { Linting } from './linting';
import type { Publisher } from './publish';
import type { Session } from './session';

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
    const start = r.node.range?.[0];
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

export function registerCodeLens(session: Session, linting: Linting, publisher: Publisher): void {
  session.connection.onCodeLens(
    session.guard('code lenses', [] as CodeLens[], async (params: CodeLensParams) => {
      await session.ready;
      const doc = session.documents.lintable(params.textDocument.uri);
      if (!doc) return [];
      const file = linting.fileOf(doc);
      publisher.flushIfChanged(); // its new text may change other documents' findings
      return file ? codeLenses(doc.document, file) : [];
    }),
  );
}

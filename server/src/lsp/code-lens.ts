/**
 * Code lenses above each HPA and KEDA ScaledObject: how fast it scales, by simulation
 * ("2 → 20 in 30 s · back to 2 in 4 min 45 s"). Clicking one opens the capacity calculator on it.
 * A document with syntax errors keeps the lenses of the resources still recognised, so the lines do not
 * jump while the user types; the title then says why there is no timing.
 */
import type { CodeLens, CodeLensParams } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { autoscalerTiming, isAutoscaler, type FileState, type Linter, type ParsedChunk, type RenderedDocument } from '../engine';
import { enginePath } from '../node/sources';
import { OPEN_CALCULATOR_COMMAND, type OpenCalculatorArgs } from '../protocol';
import type { Linting } from './linting';
import type { Publisher } from './publish';
import type { UnitRender } from './renders';
import type { Session } from './session';
import { pathOf } from './workspace';

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

/** The file offset a rendered offset came from, when that file is `file` (engine path). */
function originIn(doc: RenderedDocument, at: number, file: string): number | undefined {
  for (const seg of doc.segments) {
    if (at < seg.start || at >= seg.end) continue;
    if (seg.file !== file) return undefined;
    return seg.verbatim ? seg.fileStart + (at - seg.start) : seg.fileStart;
  }
  return undefined;
}

/**
 * Lenses on a chart's template (or a kustomization's base or patch) where a rendered HPA or ScaledObject
 * starts: the timing of the render, gated ones saying so. Clicking one opens the calculator on that line: the
 * panel asks the server for the rendered target there (capacity.ts), and its edits are carried back through
 * the render's source map, only where they replace text copied verbatim (a values-file scalar), else refused.
 */
export function renderedCodeLenses(doc: TextDocument, key: string, units: readonly UnitRender[], mainLinter: Linter): CodeLens[] {
  const path = pathOf(key);
  if (!path) return [];
  const file = enginePath(path);
  const lenses: CodeLens[] = [];
  const seen = new Set<number>();
  for (const { rendered } of units) {
    const sets = [{ linter: mainLinter, renders: rendered.renders }, ...rendered.gated];
    for (const set of sets) {
      for (const [renderKey, render] of set.renders) {
        const state = set.linter.get(renderKey);
        if (!state || state.tooLarge) continue;
        for (const d of state.documents) {
          if (d.chunk.template || d.chunk.failed) continue;
          for (const spot of spotsOf(d.chunk)) {
            const offset = originIn(render, d.start + spot.offset, file);
            if (offset === undefined) continue;
            const at = doc.positionAt(offset);
            if (seen.has(at.line)) continue;
            seen.add(at.line);
            const title = `${spot.title} (rendered${render.gate ? `, when ${render.gate} is true` : ''})`;
            const args: OpenCalculatorArgs = { uri: doc.uri, range: { start: at, end: at } };
            lenses.push({ range: { start: { line: at.line, character: 0 }, end: { line: at.line, character: 0 } }, command: { title, command: OPEN_CALCULATOR_COMMAND, arguments: [args] } });
          }
        }
      }
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
      const set = session.workspace.setFor(doc.key);
      if (!file && set.enabled && set.renders.consumes(doc.key)) {
        if (linting.refreshRenders(set, false)) publisher.markChanged(set);
        publisher.flushIfChanged();
        return renderedCodeLenses(doc.document, doc.key, set.renders.unitsOf(doc.key), set.linter);
      }
      publisher.flushIfChanged(); // its new text may change other documents' findings
      return file ? codeLenses(doc.document, file) : [];
    }),
  );
}

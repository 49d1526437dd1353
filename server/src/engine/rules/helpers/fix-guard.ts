/**
 * A last guard for fixes that insert lines: a fix that would add a YAML parse error is dropped before the
 * finding is reported (rules whose fixes insert blocks use it; one parse checks all of a document's fixes).
 */
import { parseAllDocuments } from 'yaml';
import type { TextEdit } from '../../types';
import type { DocumentContext, Report } from '../rule';
import { applyEdits } from '../../fix';
import { duplicateKeys } from '../../parse/document';
import { fastParse } from '../../parse/fast';

/** Edits that only put a one-line value in place of another: they cannot break the document. */
function plainEdits(edits: TextEdit[]): boolean {
  return edits.every((e) => e.start < e.end && !/[\r\n]/.test(e.newText));
}

/** Parse errors of a document's text. */
function parseErrors(text: string): number {
  // Plain block YAML that the fast path reads has none (parse/fast.ts gives up on anything else), but a duplicate key.
  const fast = fastParse(text);
  if (fast && duplicateKeys(fast).length === 0) return 0;
  try {
    return parseAllDocuments(text, { uniqueKeys: true }).reduce((n, d) => n + d.errors.length, 0);
  } catch {
    return Number.POSITIVE_INFINITY;
  }
}

/**
 * Reports the findings, keeping only fixes that add no parse error (a last guard against shapes the
 * fix helpers do not expect). One parse checks every inserting fix of the document at once; each is
 * checked alone only when that fails.
 */
export function reportChecked(ctx: DocumentContext, reports: Report[]): void {
  const risky = reports.filter((r) => r.fixes?.some((f) => !plainEdits(f.edits)));
  if (risky.length > 0) {
    const before = ctx.resources[0]?.chunk.docs.reduce((n, d) => n + d.errors.length, 0) ?? 0;
    const all = risky.flatMap((r) => r.fixes!.slice(0, 1).flatMap((f) => f.edits));
    if (parseErrors(applyEdits(ctx.text, all)) > before) {
      for (const r of risky) {
        r.fixes = r.fixes!.filter((f) => plainEdits(f.edits) || parseErrors(applyEdits(ctx.text, f.edits)) <= before);
        if (r.fixes.length === 0) r.fixes = undefined;
      }
    }
  }
  for (const r of reports) ctx.report(r);
}

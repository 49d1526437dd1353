/**
 * Findings on a render (Helm) or build (Kustomize) moved to the files a person edits, through the render's
 * source map (rendered.ts). A finding lands where the text it points at came from: the values-file scalar,
 * the template line, the base manifest, the patch. Fixes survive only where every edit replaces characters
 * copied verbatim from one origin (an edit elsewhere, or an insertion into generated structure, could
 * corrupt a template), and nothing is ever reported on rendered text the user cannot see.
 */
import type { FileFinding, Finding, Fix, RelatedLocation, TextEdit } from '../types';
import type { RenderedDocument, Segment } from './rendered';
import { lastIndexAtOrBelow } from '../text';

/** A finding of a render, placed in a real file: offsets relative to that file's text. */
export interface PlacedFinding extends Finding {
  file: string;
}

/** The segment that holds rendered offset `at` (a position at a segment's end belongs to it when no other starts there). */
export function segmentAt(segments: readonly Segment[], at: number): Segment | undefined {
  const found = lastIndexAtOrBelow(segments.length, (i) => segments[i]!.start, at);
  if (found < 0) return segments[0];
  const s = segments[found]!;
  if (at < s.end || (at === s.end && found === segments.length - 1)) return s;
  // In a gap between segments (text no one wrote, such as an indentation a function added): the next one.
  return segments[found + 1] ?? s;
}

/** A rendered range in the origin's file: exact inside a verbatim segment, else the segment's whole origin. */
function mapRange(seg: Segment, start: number, end: number): { start: number; end: number } {
  if (!seg.verbatim) return { start: seg.fileStart, end: seg.fileEnd };
  const s = seg.fileStart + Math.max(0, start - seg.start);
  const e = seg.fileStart + Math.min(seg.end, Math.max(start, end)) - seg.start;
  return { start: Math.min(s, seg.fileEnd), end: Math.min(Math.max(s, e), seg.fileEnd) };
}

/** The edit in the origin's file, when it replaces only characters copied verbatim from that file (the calculator's apply uses it too). */
export function mapEdit(segments: readonly Segment[], edit: TextEdit, file: string): TextEdit | undefined {
  if (edit.end <= edit.start) return undefined; // an insertion: where it lands in a template is not known to be safe
  const seg = segmentAt(segments, edit.start);
  if (!seg || seg.file !== file || edit.start < seg.start || edit.end > seg.end) return undefined;
  const origin = seg.verbatim ? seg.fileStart : seg.fix?.start;
  if (origin === undefined) return undefined;
  return { start: origin + edit.start - seg.start, end: origin + edit.end - seg.start, newText: edit.newText };
}

function mapFix(segments: readonly Segment[], fix: Fix, offset: number, file: string): Fix | undefined {
  const edits: TextEdit[] = [];
  for (const e of fix.edits) {
    const mapped = mapEdit(segments, { start: e.start + offset, end: e.end + offset, newText: e.newText }, file);
    if (!mapped) return undefined;
    edits.push(mapped);
  }
  // Snippet edits carry placeholders for values the user types: only where the plain edits all mapped.
  return { title: fix.title, edits, safe: fix.safe, ...(fix.preferred ? { preferred: true } : {}) };
}

const vocabularies = new WeakMap<readonly [string, string][], { pattern: RegExp; words: Map<string, string> }>();

/** The message in the words the user wrote (a render's vocabulary: `MinSize` → `min_size`). */
function translate(message: string, doc: RenderedDocument): string {
  if (!doc.vocabulary?.length) return message;
  let v = vocabularies.get(doc.vocabulary);
  if (!v) {
    const words = new Map(doc.vocabulary);
    const alternatives = [...words.keys()].sort((a, b) => b.length - a.length).map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
    v = { pattern: new RegExp(`(?<!\\w|::)(?:${alternatives.join('|')})(?!\\w|::)`, 'g'), words };
    vocabularies.set(doc.vocabulary, v);
  }
  const { pattern, words } = v;
  return message.replace(pattern, (w) => words.get(w) ?? w);
}

/** What the message adds so the reader knows which render this is: a gate forced on, an overlay that set the value. */
function qualify(message: string, doc: RenderedDocument, seg: Segment): string {
  message = translate(message, doc);
  const notes = new Set<string>();
  if (doc.gate) notes.add(`when ${doc.gate} is true`);
  if (seg.note) notes.add(seg.note);
  return notes.size ? `${message} (${[...notes].join('; ')})` : message;
}

/**
 * Places the findings the linter reported on `doc` (as a file of the lint set: `documentStart + start` is an
 * offset in `doc.text`) in the files they came from. `otherRender` maps related locations that point into
 * another render of the same lint set (a Deployment rendered by another template).
 */
export function placeRenderedFindings(
  doc: RenderedDocument,
  findings: readonly FileFinding[],
  otherRender?: (file: string) => RenderedDocument | undefined,
): PlacedFinding[] {
  const out: PlacedFinding[] = [];
  const seen = new Set<string>();
  if (doc.segments.length === 0) return out;
  const ignored = new Set(doc.ignoreRules ?? []);
  for (const f of findings) {
    if (ignored.has(f.ruleId)) continue;
    const start = f.documentStart + f.start;
    const end = f.documentStart + f.end;
    const seg = segmentAt(doc.segments, start);
    if (!seg) continue;
    const range = mapRange(seg, start, end);
    const related: RelatedLocation[] = [];
    if (seg.kind === 'value' && seg.via) related.push({ file: seg.via.file, start: seg.via.start, end: seg.via.end, message: `rendered by ${seg.via.file}` });
    if (seg.declared) related.push({ ...seg.declared, message: `the value is written here (${seg.declared.file})` });
    for (const r of f.related ?? []) {
      if (r.file === undefined) {
        const rs = segmentAt(doc.segments, f.documentStart + r.start);
        if (rs) related.push({ ...mapRange(rs, f.documentStart + r.start, f.documentStart + r.end), file: rs.file, message: r.message });
        continue;
      }
      const other = otherRender?.(r.file);
      if (!other) {
        related.push(r);
        continue;
      }
      const os = segmentAt(other.segments, r.start);
      if (os) related.push({ ...mapRange(os, r.start, r.end), file: os.file, message: r.message });
    }
    const fixes = (f.fixes ?? [])
      .map((x) => mapFix(doc.segments, x, f.documentStart, seg.file))
      .filter((x): x is Fix => x !== undefined)
      .map((x) => (doc.vocabulary?.length ? { ...x, title: translate(x.title, doc) } : x));
    const message = qualify(f.message, doc, seg);
    const key = `${f.ruleId}\u0000${seg.file}\u0000${range.start}\u0000${range.end}\u0000${message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({
      ruleId: f.ruleId,
      severity: f.severity,
      message,
      file: seg.file,
      start: range.start,
      end: range.end,
      ...(fixes.length ? { fixes } : {}),
      ...(f.tags ? { tags: f.tags } : {}),
      ...(related.length ? { related } : {}),
    });
  }
  return out;
}

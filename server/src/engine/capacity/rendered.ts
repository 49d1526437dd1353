/**
 * "Apply to manifest" on a render (SPEC §8, §9): a Helm chart's HPA, a kustomization's, a Terraform module's
 * Auto Scaling group or GCP/Azure autoscaler, a shell script's `gcloud … set-autoscaling`. The calculator
 * computes its edits on the rendered text (manifest.ts), and each edit is carried back to the file a person
 * edits through the render's source map, by the same rule quick fixes follow (place.ts `mapEdit`): an edit
 * survives only where it replaces characters copied verbatim from one origin (a values-file scalar, a
 * Terraform literal or the variable default it reads). Anything else (a value a template or an expression
 * computes, a field the source does not write, two bounds read from one value) is refused as a whole, naming
 * each value to change by hand and why: never a partial edit, never one into generated text.
 */
import type { RenderedDocument, Segment } from '../sources/rendered';
import { mapEdit, segmentAt } from '../sources/place';
import type { TextEdit } from '../types';
import { capacityEdits, capacityTargets, type CapacityTarget, type ReplicaValues } from './manifest';

/** Which rendered object the panel is pinned to: found again by these after every re-render. */
export interface RenderedPin {
  /** The render's name (`mychart/templates/hpa.yaml`, `infra (terraform)`). */
  render: string;
  /** Set for a chart's template rendered with its gate forced true. */
  gate?: string;
  kind: CapacityTarget['kind'];
  name: string;
  namespace?: string;
}

export interface RenderedCapacityTarget {
  pin: RenderedPin;
  /** The target as the render reads it; `fields` in the words the user wrote (`min_size`, not `MinSize`). */
  target: CapacityTarget;
  /** Where a person finds it: the origin of its first key (a template line, a Terraform block's header). */
  home: { file: string; start: number; end: number };
}

/** A value to change by hand, and why. */
export interface ByHand {
  field: string;
  reason: string;
}

export type RenderedEditResult =
  | { files: { file: string; edits: TextEdit[] }[]; summary: string }
  | { error: string; byHand?: ByHand[] };

function words(doc: RenderedDocument): (w: string) => string {
  const map = new Map(doc.vocabulary ?? []);
  return (w) => map.get(w) ?? w;
}

function inTarget(segments: readonly Segment[], t: CapacityTarget): Segment[] {
  return segments.filter((s) => s.end > t.start && s.start < t.end);
}

/** Every autoscaler of a render, with where it came from. */
export function renderedCapacityTargets(doc: RenderedDocument): RenderedCapacityTarget[] {
  const say = words(doc);
  const out: RenderedCapacityTarget[] = [];
  for (const target of capacityTargets(doc.text)) {
    const first = segmentAt(doc.segments, target.start);
    if (!first) continue;
    const fields = { min: say(target.fields.min), max: say(target.fields.max), ...(target.fields.desired ? { desired: say(target.fields.desired) } : {}) };
    out.push({
      pin: { render: doc.name, ...(doc.gate ? { gate: doc.gate } : {}), kind: target.kind, name: target.name, ...(target.namespace !== undefined ? { namespace: target.namespace } : {}) },
      target: { ...target, fields },
      home: { file: first.file, start: first.fileStart, end: first.fileEnd },
    });
  }
  return out;
}

/** Distance from `offset` to a range (0 inside). */
const distance = (offset: number, start: number, end: number) => (offset < start ? start - offset : offset > end ? offset - end : 0);

/**
 * The autoscaler of these renders nearest to `offset` in `file`: among the targets with text from that file,
 * the one whose text there spans the offset most tightly, else the nearest. A render's targets that take
 * nothing from the file are never chosen.
 */
export function renderedCapacityTargetAt(docs: readonly RenderedDocument[], file: string, offset: number): RenderedCapacityTarget | undefined {
  let best: { t: RenderedCapacityTarget; far: number; size: number } | undefined;
  for (const doc of docs) {
    for (const t of renderedCapacityTargets(doc)) {
      let lo = Infinity;
      let hi = -Infinity;
      for (const s of inTarget(doc.segments, t.target)) {
        if (s.file !== file) continue;
        lo = Math.min(lo, s.fileStart, s.fix?.start ?? Infinity);
        hi = Math.max(hi, s.fileEnd, s.fix?.end ?? -Infinity);
      }
      if (lo > hi) continue;
      const far = distance(offset, lo, hi);
      const size = hi - lo;
      if (!best || far < best.far || (far === best.far && size < best.size)) best = { t, far, size };
    }
  }
  return best?.t;
}

/**
 * The pinned target in a render, found again by kind, name and namespace; when its gate changed (the user set
 * `autoscaling.enabled: true`, so the HPA left the gated render for the default one), in the render of the
 * same name under its new gate.
 */
export function findRenderedTarget(docs: readonly RenderedDocument[], pin: RenderedPin): { doc: RenderedDocument; found: RenderedCapacityTarget } | undefined {
  const same = (t: RenderedCapacityTarget) => t.pin.kind === pin.kind && t.pin.name === pin.name && t.pin.namespace === pin.namespace;
  for (const exact of [true, false]) {
    for (const doc of docs) {
      if (doc.name !== pin.render || (exact && (doc.gate ?? undefined) !== (pin.gate ?? undefined))) continue;
      const found = renderedCapacityTargets(doc).find(same);
      if (found) return { doc, found };
    }
  }
  return undefined;
}

/** One line of a file for messages: `values.yaml, line 9`. */
function where(file: string, text: string | undefined, offset: number): string {
  const name = file.slice(file.lastIndexOf('/') + 1);
  if (text === undefined) return name;
  let line = 1;
  for (let i = 0; i < offset && i < text.length; i++) if (text.charCodeAt(i) === 10) line++;
  return `${name}, line ${line}`;
}

function quoted(text: string | undefined, start: number, end: number): string {
  const s = (text ?? '').slice(start, end).replace(/\s+/g, ' ').trim();
  return s ? `\`${s.length > 60 ? `${s.slice(0, 57)}…` : s}\`` : 'text';
}

/** Why one edit of the rendered text cannot be carried back into the file a person edits. */
function whyNot(doc: RenderedDocument, edit: TextEdit, inserted: boolean, read: (file: string) => string | undefined): string {
  const seg = segmentAt(doc.segments, edit.start);
  if (!seg) return 'the render has no source for it';
  const text = read(seg.file);
  const at = where(seg.file, text, seg.fileStart);
  if (inserted) return `it has no value written as is in the source (it is absent, or an expression ScaleLint does not evaluate); set it by hand near ${quoted(text, seg.fileStart, seg.fileEnd)} in ${at}`;
  if (edit.start < seg.start || edit.end > seg.end) return `its rendered text comes from more than one place (from ${at} on); change it by hand`;
  if (seg.kind === 'value' && seg.via) {
    return `it comes from ${quoted(text, seg.fileStart, seg.fileEnd)} in ${at}, changed on the way by ${quoted(read(seg.via.file), seg.via.start, seg.via.end)} in ${where(seg.via.file, read(seg.via.file), seg.via.start)}; change it by hand`;
  }
  return `it is computed by ${quoted(text, seg.fileStart, seg.fileEnd)} in ${at}, not written as a value; change it by hand`;
}

/**
 * The edits that write `values` into the pinned target of `doc`, in the files it came from (engine paths,
 * offsets in each file's text), or why not. `read` gives a file's current text (for messages only).
 */
export function renderedCapacityEdits(doc: RenderedDocument, pin: RenderedPin, values: ReplicaValues, read: (file: string) => string | undefined): RenderedEditResult {
  const found = renderedCapacityTargets(doc).find((t) => t.pin.kind === pin.kind && t.pin.name === pin.name && t.pin.namespace === pin.namespace);
  if (!found) return { error: `${pin.kind} ${pin.name} is no longer in the render of ${pin.render}.` };
  const say = words(doc);
  const result = capacityEdits(doc.text, found.target.start, values, { absentDesired: 'skip' });
  if ('error' in result) return { error: translate(result.error, say) };
  const byHand: ByHand[] = [];
  const mapped = new Map<string, { edit: TextEdit; field: string }[]>();
  for (const change of result.changes) {
    const field = change.fields.map(say).join(', ');
    const out: { file: string; edit: TextEdit }[] = [];
    let refused: string | undefined;
    for (const e of change.edits) {
      const seg = segmentAt(doc.segments, e.start);
      const m = seg && !change.inserted ? mapEdit(doc.segments, e, seg.file) : undefined;
      if (!seg || !m) {
        refused = whyNot(doc, e, change.inserted, read);
        break;
      }
      out.push({ file: seg.file, edit: m });
    }
    if (refused) {
      byHand.push({ field, reason: refused });
      continue;
    }
    for (const { file, edit } of out) mapped.set(file, [...(mapped.get(file) ?? []), { edit, field }]);
  }
  // Two bounds read from one value (`minReplicas` and `maxReplicas` both `{{ .Values.replicas }}`) cannot differ.
  for (const [file, list] of mapped) {
    list.sort((a, b) => a.edit.start - b.edit.start || a.edit.end - b.edit.end);
    const kept: typeof list = [];
    for (const x of list) {
      const prev = kept[kept.length - 1];
      if (prev && x.edit.start < prev.edit.end) {
        if (x.edit.start === prev.edit.start && x.edit.end === prev.edit.end && x.edit.newText === prev.edit.newText) continue; // the same edit twice
        byHand.push({ field: `${prev.field} and ${x.field}`, reason: `both come from ${quoted(read(file), prev.edit.start, prev.edit.end)} in ${where(file, read(file), prev.edit.start)}, so they cannot take different values; change the source by hand` });
        continue;
      }
      kept.push(x);
    }
    mapped.set(file, kept);
  }
  if (byHand.length) {
    const list = byHand.map((b) => `${b.field}: ${b.reason}`).join('; ');
    return { error: `Nothing was written: ${byHand.length === 1 ? 'a value' : 'values'} of ${found.pin.name || found.pin.kind} cannot be carried back from the render — ${list}.`, byHand };
  }
  const files = [...mapped].map(([file, list]) => ({ file, edits: list.map((x) => x.edit) })).filter((f) => f.edits.length > 0);
  return { files, summary: translate(result.summary, say) };
}

/** A message in the user's words (`MinSize` → `min_size`). */
function translate(message: string, say: (w: string) => string): string {
  return message.replace(/[A-Za-z_][\w:.-]*/g, (w) => say(w));
}

/** After the files were edited and rendered again: does the pinned target read the values? (undefined: yes) */
export function checkRenderedValues(docs: readonly RenderedDocument[], pin: RenderedPin, values: ReplicaValues): string | undefined {
  const again = findRenderedTarget(docs, pin);
  if (!again) return `${pin.kind} ${pin.name} is not in the render any more`;
  const { target } = again.found;
  if (target.current.min !== values.min) return `${target.fields.min} would render as ${String(target.current.min)}, not ${values.min}`;
  if (target.current.max !== values.max) return `${target.fields.max} would render as ${String(target.current.max)}, not ${values.max}`;
  if (target.fields.desired && target.current.desired !== undefined && target.current.desired !== values.desired) return `${target.fields.desired} would render as ${String(target.current.desired)}, not ${values.desired}`;
  return undefined;
}

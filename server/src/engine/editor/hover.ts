/**
 * Hover: the description of the field at the cursor, from the schema of the resource it is in, and
 * on an autoscaler's `kind`, `metadata.name` or `behavior`, the simulator's timing.
 */
import { splitDocuments } from '../parse/split';
import { parseChunk, type ParsedChunk } from '../parse/document';
import { isAutoscaler } from '../model/kubernetes';
import { fieldAt, type FieldInfo } from '../schema/walk';
import { isBuiltInKubernetes, placeOfNodes, placeOfText, type Place } from './place';
import { timingOf } from './timing';
import { nodePathAt, textPathAt, type Segment } from './yaml-path';

export interface EditorOptions {
  /**
   * Another extension (Red Hat YAML with its Kubernetes schema) describes and completes the fields of
   * built-in Kubernetes kinds: leave those to it.
   */
  deferBuiltInKubernetes?: boolean;
}

export interface HoverResult {
  /** Offsets in the file of the word hovered. */
  start: number;
  end: number;
  /** Markdown sections, most specific first. */
  sections: string[];
}

/** A document of the file: its offset and its parse (the linter's, when it has one). */
export interface ChunkAt {
  start: number;
  chunk: ParsedChunk;
}

/** The document of `text` that holds `offset`, parsed (reusing `documents` when given). */
export function chunkAt(text: string, offset: number, documents?: readonly ChunkAt[]): ChunkAt {
  if (documents?.length) {
    let found = documents[0];
    for (const d of documents) if (d.start <= offset) found = d;
    return found;
  }
  const chunks = splitDocuments(text);
  let found = chunks[0] ?? { start: 0, text };
  for (const c of chunks) if (c.start <= offset) found = c;
  return { start: found.start, chunk: parseChunk(found.text) };
}

function pathText(path: readonly Segment[]): string {
  let out = '';
  for (const s of path) out += typeof s === 'number' ? `[${s}]` : out ? `.${s}` : s;
  return out;
}

export function fieldMarkdown(path: readonly Segment[], field: FieldInfo): string {
  const facts = [field.type, field.constraints, field.required ? 'required' : undefined].filter(Boolean).join(' · ');
  let md = `**\`${pathText(path)}\`** · ${facts}`;
  if (field.description) md += `\n\n${field.description}`;
  if (field.values?.length && field.values.length > 1) md += `\n\nAllowed values: ${field.values.map((v) => `\`${String(v)}\``).join(', ')}`;
  return md;
}

function describe(place: Place, options: EditorOptions): string | undefined {
  if (!place.schema || (options.deferBuiltInKubernetes && isBuiltInKubernetes(place))) return undefined;
  const path = [...place.path];
  while (typeof path[path.length - 1] === 'number') path.pop(); // an item: describe its list
  const field = fieldAt(place.schema, path);
  return field ? fieldMarkdown(path, field) : undefined;
}

/** Where the timing shows: the autoscaler's `kind`, `metadata.name`, and its `behavior` key. */
function isTimingPlace(path: readonly Segment[], on: 'key' | 'value'): boolean {
  if (path.length === 1 && path[0] === 'kind') return true;
  if (path.length === 2 && path[0] === 'metadata' && path[1] === 'name') return true;
  return on === 'key' && path[path.length - 1] === 'behavior' && path[0] === 'spec';
}

export function hoverAt(text: string, offset: number, options: EditorOptions = {}, documents?: readonly ChunkAt[]): HoverResult | undefined {
  const { start, chunk } = chunkAt(text, offset, documents);
  const rel = offset - start;
  for (const doc of chunk.docs) {
    const at = nodePathAt(doc, rel);
    if (!at) continue;
    const found = placeOfNodes(chunk.resources, at.path, at.nodes);
    if (!found) continue;
    const sections: string[] = [];
    if (isAutoscaler(found.resource) && isTimingPlace(found.place.path, at.on)) {
      const timing = timingOf(found.resource);
      if (timing) sections.push(`**Simulated scaling** (HPA controller model, 15 s sync): ${timing}\n\nUnder sustained overload from the minimum to the maximum, then back once the load is gone.`);
    }
    const field = describe(found.place, options);
    if (field) sections.push(field);
    return sections.length ? { start: start + at.range[0], end: start + at.range[1], sections } : undefined;
  }
  // Not parsed here (a broken document): the path from indentation.
  const tp = textPathAt(chunk.text, rel);
  if (!tp || !tp.key) return undefined;
  const place = placeOfText(chunk.text, tp);
  if (!place) return undefined;
  const field = describe({ ...place, path: [...place.path, tp.key] }, options);
  if (!field) return undefined;
  return { start: start + tp.replaceStart, end: start + tp.replaceEnd, sections: [field] };
}

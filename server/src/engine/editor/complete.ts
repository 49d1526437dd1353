/**
 * Completion of keys (with their descriptions) and of values (enums, `apiVersion`/`kind`, CloudFormation
 * `Type`) at the cursor, from the schemas. Works from the text around the cursor, so the half-typed
 * line of a document that does not parse yet still completes.
 */
import { indentUnit, yamlScalar } from '../fix';
import { knownKinds } from '../schema/registry';
import { fieldAt, fieldsAt, type FieldInfo } from '../schema/walk';
import { chunkAt, fieldMarkdown, type ChunkAt, type EditorOptions } from './hover';
import { isBuiltInKubernetes, placeOfText, type Place } from './place';
import { textPathAt, type Segment, type TextPath } from './yaml-path';

export interface CompletionEntry {
  label: string;
  kind: 'field' | 'value';
  /** One line: the type, or where a value comes from. */
  detail?: string;
  /** Markdown. */
  documentation?: string;
  /** Plain text to insert, indentation included (insert as is). */
  insertText: string;
  /** The same with snippet tab stops, for clients that take snippets. */
  snippet: string;
  /** Offsets in the file of the text the entry replaces. */
  start: number;
  end: number;
  sortText: string;
}

function escapeSnippet(text: string): string {
  return text.replace(/[\\$}]/g, (c) => `\\${c}`);
}

function choice(values: readonly (string | number | boolean)[]): string {
  return `\${1|${values.map((v) => yamlScalar(v).replace(/[\\|,$}]/g, (c) => `\\${c}`)).join(',')}|}`;
}

function keyEntry(field: FieldInfo, tp: TextPath, base: number, unit: number, fullPath: Segment[]): CompletionEntry {
  const name = yamlScalar(field.name);
  let insertText = `${name}: `;
  let snippet = `${escapeSnippet(name)}: $0`;
  if (tp.colonAfter) {
    insertText = name;
    snippet = escapeSnippet(name);
  } else if (field.block) {
    const pad = ' '.repeat(tp.column + unit);
    const lead = field.block === 'list' ? '- ' : '';
    insertText = `${name}:\n${pad}${lead}`;
    snippet = `${escapeSnippet(name)}:\n${pad}${lead}$0`;
  } else if (field.values && field.values.length > 1) {
    snippet = `${escapeSnippet(name)}: ${choice(field.values)}`;
  } else if (field.values?.length === 1) {
    insertText = `${name}: ${yamlScalar(field.values[0])}`;
    snippet = escapeSnippet(insertText);
  }
  return {
    label: field.name,
    kind: 'field',
    detail: [field.type, field.required ? 'required' : undefined].filter(Boolean).join(' · '),
    documentation: fieldMarkdown(fullPath, field),
    insertText,
    snippet,
    start: base + tp.replaceStart,
    end: base + tp.replaceEnd,
    // Required fields first, then the schema's order.
    sortText: '',
  };
}

function valueEntries(values: readonly (string | number | boolean)[], tp: TextPath, base: number, detail: string): CompletionEntry[] {
  return values.map((v, i) => {
    const text = yamlScalar(v);
    return { label: String(v), kind: 'value', detail, insertText: text, snippet: escapeSnippet(text), start: base + tp.replaceStart, end: base + tp.replaceEnd, sortText: String(i).padStart(4, '0') };
  });
}

/** Root keys of a Kubernetes document whose kind is not written yet. */
const STARTERS: FieldInfo[] = [
  { name: 'apiVersion', type: 'string', required: true, block: undefined, description: 'The API group and version of the resource, e.g. `autoscaling/v2`.' },
  { name: 'kind', type: 'string', required: true, block: undefined, description: 'The resource type, e.g. `HorizontalPodAutoscaler`.' },
  { name: 'metadata', type: 'object', required: true, block: 'map', description: 'The name, namespace and labels of the resource.' },
  { name: 'spec', type: 'object', required: false, block: 'map', description: 'The desired state of the resource.' },
];

function keyCompletions(place: Place, tp: TextPath, base: number, unit: number): CompletionEntry[] {
  let fields: FieldInfo[];
  if (place.schema) fields = fieldsAt(place.schema, place.path);
  else if (place.family === 'kubernetes' && place.path.length === 0) fields = STARTERS;
  else return [];
  const out: CompletionEntry[] = [];
  fields.forEach((f, i) => {
    if (tp.siblings.has(f.name)) return;
    const entry = keyEntry(f, tp, base, unit, [...place.path, f.name]);
    entry.sortText = `${f.required ? '0' : '1'}${String(i).padStart(4, '0')}`;
    out.push(entry);
  });
  return out;
}

function valueCompletions(place: Place, tp: TextPath, base: number): CompletionEntry[] {
  const known = knownKinds();
  if (place.family === 'kubernetes' && place.path.length === 0 && (tp.key === 'kind' || tp.key === 'apiVersion')) {
    const pairs = known.kubernetes.filter((p) => (tp.key === 'kind' ? !place.apiVersion || p.apiVersion === place.apiVersion : !place.kind || p.kind === place.kind));
    const values = [...new Set(pairs.map((p) => (tp.key === 'kind' ? p.kind : p.apiVersion)))];
    return valueEntries(values, tp, base, tp.key === 'kind' ? 'a kind ScaleLint checks' : 'an API version ScaleLint checks');
  }
  if (place.family === 'cloudformation' && place.path.length === 0 && tp.key === 'Type') {
    return valueEntries(known.cloudformation, tp, base, 'a resource type ScaleLint checks');
  }
  if (!place.schema) return [];
  const field = fieldAt(place.schema, [...place.path, tp.key]);
  if (!field) return [];
  if (field.values?.length) return valueEntries(field.values, tp, base, field.type);
  if (field.type === 'boolean') return valueEntries([true, false], tp, base, 'boolean');
  return [];
}

export function completeAt(text: string, offset: number, options: EditorOptions = {}, documents?: readonly ChunkAt[]): CompletionEntry[] {
  const { start, chunk } = chunkAt(text, offset, documents);
  const tp = textPathAt(chunk.text, offset - start);
  if (!tp) return [];
  const place = placeOfText(chunk.text, tp);
  if (!place) return [];
  if (options.deferBuiltInKubernetes && isBuiltInKubernetes(place)) return [];
  if (tp.context === 'value') return valueCompletions(place, tp, start);
  return keyCompletions(place, tp, start, indentUnit(chunk.text));
}

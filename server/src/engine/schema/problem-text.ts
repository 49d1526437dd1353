/** What schema problems say and where they point: paths and values in words, the node to point at, rename fixes. */
import { isPair, isScalar, type Node, type Scalar } from 'yaml';
import type { ErrorObject } from 'ajv';
import type { Fix, Severity } from '../types';
import { rangeOf } from '../parse/values';
import { originAt, type Instance, type Located, type Slot } from './instance';

export interface Problem {
  start: number;
  end: number;
  severity: Severity;
  message: string;
  fixes?: Fix[];
  /**
   * What the finding says about its node, independent of the path that reached it: the same node
   * reached twice (an anchor merged in two places) is reported once.
   */
  code: string;
}

export interface Subject {
  family: 'kubernetes' | 'cloudformation';
  /** `Deployment`, `AWS::AutoScaling::AutoScalingGroup`. */
  kind: string;
  /** How to name the whole resource: "Deployment `web`", "Resource `WebAsg`". */
  label: string;
  /** Where to point for the resource as a whole. */
  anchor: [number, number];
  instance: Instance;
  /** The document's text (to include a tag such as `!Ref` in the range of its value). */
  text: string;
}

export const MAX_LISTED_FIELDS = 8;
export const MAX_LISTED_VALUES = 12;

// ---------------------------------------------------------------------------------------------
// Paths and values in words

const PLAIN_SEGMENT = /^[A-Za-z_$][\w$-]*$/;

export function pathText(segs: readonly string[]): string {
  let out = '';
  for (const s of segs) {
    if (/^\d+$/.test(s)) out += `[${s}]`;
    else if (!out || PLAIN_SEGMENT.test(s)) out += out ? `.${s}` : s;
    else out += `[${JSON.stringify(s)}]`;
  }
  return out;
}

export function truncate(s: string, max = 60): string {
  return s.length > max ? `${s.slice(0, max - 1)}…` : s;
}

export function typeWord(t: string): string {
  switch (t) {
    case 'integer':
      return 'an integer';
    case 'number':
      return 'a number';
    case 'string':
      return 'a string';
    case 'boolean':
      return 'a boolean (true or false)';
    case 'object':
      return 'a mapping';
    case 'array':
      return 'a list';
    case 'null':
      return 'empty (null)';
    default:
      return t;
  }
}

export function typeWords(types: unknown): string {
  const list = (Array.isArray(types) ? types : [types]).map((t) => String(t));
  // "a string, a number or a boolean": CloudFormation's scalars read best as "a scalar".
  const words = list.filter((t, i) => !(t === 'number' && list.includes('integer') && i > list.indexOf('integer'))).map(typeWord);
  if (words.length <= 1) return words.join('');
  return `${words.slice(0, -1).join(', ')} or ${words[words.length - 1]}`;
}

export function paramNote(slot: Slot | undefined): string {
  if (slot?.param) return ` (the Default of parameter \`${slot.param}\`)`;
  if (slot?.yaml11Bool) return ` (Kubernetes reads an unquoted \`${String((slot.node as Scalar | undefined)?.source ?? (slot.node as Scalar | undefined)?.value ?? '')}\` as a boolean: quote it for a string)`;
  return '';
}

/** "the string \"two\"", "the number 2.5", "a list", … */
export function describe(value: unknown, slot?: Slot): string {
  let d: string;
  if (value === null || value === undefined) d = 'no value (null)';
  else if (typeof value === 'string') d = value === '' ? 'an empty string' : `the string ${JSON.stringify(truncate(value))}`;
  else if (typeof value === 'number') d = `the number ${value}`;
  else if (typeof value === 'boolean') d = `the boolean ${value}`;
  else if (Array.isArray(value)) d = 'a list';
  else d = 'a mapping';
  return d + paramNote(slot);
}

/** Found value in backticks for enums/consts: `Maxx`; non-strings in words. */
export function shortValue(value: unknown, slot?: Slot): string {
  if (typeof value === 'string') return `\`${truncate(value)}\`${paramNote(slot)}`;
  return describe(value, slot);
}

export function listValues(values: readonly unknown[]): string {
  const shown = values.slice(0, MAX_LISTED_VALUES).map((v) => (typeof v === 'string' ? v : JSON.stringify(v)));
  return values.length > MAX_LISTED_VALUES ? `${shown.join(', ')}, … (${values.length} values)` : shown.join(', ');
}

// ---------------------------------------------------------------------------------------------
// Where to point

export function range(node: unknown): [number, number] | undefined {
  const r = rangeOf(node as Node);
  if (!r) return undefined;
  return r[1] > r[0] ? r : [r[0], r[0] + 1];
}

export function last(loc: Located): Slot {
  return loc.slots[loc.slots.length - 1];
}

/** A tagged node's range starts after its tag (`!Ref Name`): widen it to take the tag in. */
export function withTag(text: string, node: Node | null | undefined, r: [number, number]): [number, number] {
  if (!node || typeof node.tag !== 'string' || !node.tag.startsWith('!')) return r;
  let i = r[0];
  while (i > 0 && (text[i - 1] === ' ' || text[i - 1] === '\t')) i--;
  let j = i;
  while (j > 0 && /[^\s[\]{},]/.test(text[j - 1])) j--;
  return text[j] === '!' && j < i ? [j, r[1]] : r;
}

/** The value node as written here (the `!Ref`, the alias), else its key. */
export function valueTarget(subject: Subject, slot: Slot): [number, number] {
  const written = range(slot.written);
  if (written) return withTag(subject.text, slot.written, written);
  return range(slot.node) ?? range(slot.key) ?? subject.anchor;
}

/** The object that misses fields: its key; for a list item its first key; for the root the anchor. */
export function objectTarget(subject: Subject, inst: Instance, loc: Located): [number, number] {
  const slot = last(loc);
  if (loc.slots.length === 1) return subject.anchor;
  const k = range(slot.key);
  if (k) return k;
  const origin = originAt(inst, loc);
  if (origin?.kind === 'map') {
    const first = origin.node.items.find((p) => isPair(p));
    const r = first ? range((first as { key: unknown }).key) : undefined;
    if (r) return r;
  }
  return valueTarget(subject, slot);
}

/** Text for a key or value scalar that keeps its quoting style. */
export function scalarText(node: Node, text: string): string | undefined {
  if (!isScalar(node)) return undefined;
  const s = node as Scalar;
  if (s.type === 'QUOTE_DOUBLE') return JSON.stringify(text);
  if (s.type === 'QUOTE_SINGLE') return `'${text.replace(/'/g, "''")}'`;
  if (s.type === undefined || s.type === 'PLAIN') return /^[A-Za-z_][\w.\-/]*$/.test(text) && !/^(true|false|null|yes|no|on|off|y|n|~)$/i.test(text) ? text : JSON.stringify(text);
  return undefined; // block scalars: leave them to the user
}

export function replaceFix(node: Node | undefined, newText: string, title: string, safe: boolean, preferred: boolean): Fix | undefined {
  if (!node) return undefined;
  const r = rangeOf(node);
  const t = scalarText(node, newText);
  if (!r || t === undefined) return undefined;
  return { title, edits: [{ start: r[0], end: r[1], newText: t }], safe, preferred: preferred || undefined };
}

// ---------------------------------------------------------------------------------------------

export function schemaOf(err: ErrorObject): Record<string, unknown> {
  const s = err.parentSchema;
  return s && typeof s === 'object' ? (s as Record<string, unknown>) : {};
}

export function propertyNames(err: ErrorObject): string[] {
  const props = schemaOf(err).properties;
  return props && typeof props === 'object' ? Object.keys(props as object) : [];
}


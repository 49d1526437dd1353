/**
 * Ajv errors → findings a person understands, each pointing at one node.
 *
 * - Errors at or below an intrinsic (unknown value) are dropped, as are Kubernetes type errors on
 *   `null` (the API server reads `key:` with no value as "not set").
 * - anyOf/oneOf cascades collapse into one finding at the node that matched no branch.
 * - Unknown fields point at the extra key, type/enum/range errors at the value, `required` at the
 *   key of the object that misses fields (or the nearest node that exists), all missing fields of an
 *   object in one message.
 * - A typo whose suggestion is a missing required field is one finding, not two.
 * - At most one finding per node: what else is found there joins its message.
 */
import { isPair, isScalar, type Node, type Scalar } from 'yaml';
import type { ErrorObject } from 'ajv';
import type { Fix, Severity } from '../types';
import { rangeOf } from '../parse/values';
import { locate, originAt, pointerSegments, type Instance, type Located, type Slot } from './instance';
import { andList, nearestNames, orList } from './nearest';

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

interface Entry {
  err: ErrorObject;
  segs: string[];
  loc: Located;
}

const MAX_LISTED_FIELDS = 8;
const MAX_LISTED_VALUES = 12;

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

function truncate(s: string, max = 60): string {
  return s.length > max ? `${s.slice(0, max - 1)}…` : s;
}

function typeWord(t: string): string {
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

function typeWords(types: unknown): string {
  const list = (Array.isArray(types) ? types : [types]).map((t) => String(t));
  // "a string, a number or a boolean": CloudFormation's scalars read best as "a scalar".
  const words = list.filter((t, i) => !(t === 'number' && list.includes('integer') && i > list.indexOf('integer'))).map(typeWord);
  if (words.length <= 1) return words.join('');
  return `${words.slice(0, -1).join(', ')} or ${words[words.length - 1]}`;
}

function paramNote(slot: Slot | undefined): string {
  if (slot?.param) return ` (the Default of parameter \`${slot.param}\`)`;
  if (slot?.yaml11Bool) return ` (Kubernetes reads an unquoted \`${String((slot.node as Scalar | undefined)?.source ?? (slot.node as Scalar | undefined)?.value ?? '')}\` as a boolean: quote it for a string)`;
  return '';
}

/** "the string \"two\"", "the number 2.5", "a list", … */
function describe(value: unknown, slot?: Slot): string {
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
function shortValue(value: unknown, slot?: Slot): string {
  if (typeof value === 'string') return `\`${truncate(value)}\`${paramNote(slot)}`;
  return describe(value, slot);
}

function listValues(values: readonly unknown[]): string {
  const shown = values.slice(0, MAX_LISTED_VALUES).map((v) => (typeof v === 'string' ? v : JSON.stringify(v)));
  return values.length > MAX_LISTED_VALUES ? `${shown.join(', ')}, … (${values.length} values)` : shown.join(', ');
}

// ---------------------------------------------------------------------------------------------
// Where to point

function range(node: unknown): [number, number] | undefined {
  const r = rangeOf(node as Node);
  if (!r) return undefined;
  return r[1] > r[0] ? r : [r[0], r[0] + 1];
}

function last(loc: Located): Slot {
  return loc.slots[loc.slots.length - 1];
}

/** A tagged node's range starts after its tag (`!Ref Name`): widen it to take the tag in. */
function withTag(text: string, node: Node | null | undefined, r: [number, number]): [number, number] {
  if (!node || typeof node.tag !== 'string' || !node.tag.startsWith('!')) return r;
  let i = r[0];
  while (i > 0 && (text[i - 1] === ' ' || text[i - 1] === '\t')) i--;
  let j = i;
  while (j > 0 && /[^\s[\]{},]/.test(text[j - 1])) j--;
  return text[j] === '!' && j < i ? [j, r[1]] : r;
}

/** The value node as written here (the `!Ref`, the alias), else its key. */
function valueTarget(subject: Subject, slot: Slot): [number, number] {
  const written = range(slot.written);
  if (written) return withTag(subject.text, slot.written, written);
  return range(slot.node) ?? range(slot.key) ?? subject.anchor;
}

/** The object that misses fields: its key; for a list item its first key; for the root the anchor. */
function objectTarget(subject: Subject, inst: Instance, loc: Located): [number, number] {
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
function scalarText(node: Node, text: string): string | undefined {
  if (!isScalar(node)) return undefined;
  const s = node as Scalar;
  if (s.type === 'QUOTE_DOUBLE') return JSON.stringify(text);
  if (s.type === 'QUOTE_SINGLE') return `'${text.replace(/'/g, "''")}'`;
  if (s.type === undefined || s.type === 'PLAIN') return /^[A-Za-z_][\w.\-/]*$/.test(text) && !/^(true|false|null|yes|no|on|off|y|n|~)$/i.test(text) ? text : JSON.stringify(text);
  return undefined; // block scalars: leave them to the user
}

function replaceFix(node: Node | undefined, newText: string, title: string, safe: boolean, preferred: boolean): Fix | undefined {
  if (!node) return undefined;
  const r = rangeOf(node);
  const t = scalarText(node, newText);
  if (!r || t === undefined) return undefined;
  return { title, edits: [{ start: r[0], end: r[1], newText: t }], safe, preferred: preferred || undefined };
}

// ---------------------------------------------------------------------------------------------

function schemaOf(err: ErrorObject): Record<string, unknown> {
  const s = err.parentSchema;
  return s && typeof s === 'object' ? (s as Record<string, unknown>) : {};
}

function propertyNames(err: ErrorObject): string[] {
  const props = schemaOf(err).properties;
  return props && typeof props === 'object' ? Object.keys(props as object) : [];
}

function under(path: string, prefix: string): boolean {
  return path === prefix || path.startsWith(`${prefix}/`);
}

/** Converts one validation's errors. */
export function problemsOf(errors: readonly ErrorObject[], subject: Subject): Problem[] {
  const inst = subject.instance;
  const k8s = subject.family === 'kubernetes';

  // 1. Locate each error; drop what lies in unknown (intrinsic) territory.
  const entries: Entry[] = [];
  for (const err of errors) {
    const segs = pointerSegments(err.instancePath);
    const loc = locate(inst, segs);
    if (loc.unknown || !loc.complete) continue;
    if (k8s && loc.value === null && !['additionalProperties', 'required', 'dependencies'].includes(err.keyword)) continue;
    if (['minItems', 'maxItems', 'uniqueItems', 'contains'].includes(err.keyword)) {
      // Fn::If items may vanish (AWS::NoValue): the count of a list with intrinsics is unknown.
      const origin = originAt(inst, loc);
      if (origin?.kind === 'seq' && origin.slots.some((s) => s.intrinsic)) continue;
    }
    entries.push({ err, segs, loc });
  }

  // 2. anyOf/oneOf: one finding at the node, nothing from the branches (or anything else below it).
  const alternatives = entries.filter((e) => e.err.keyword === 'anyOf' || e.err.keyword === 'oneOf');
  const representative = new Map<string, Entry>(); // outermost anyOf/oneOf path → its error
  for (const a of alternatives) {
    const p = a.err.instancePath;
    if ([...representative.keys()].some((c) => under(p, c))) continue;
    for (const c of [...representative.keys()]) if (under(c, p)) representative.delete(c);
    representative.set(p, a);
  }
  const kept = entries.filter((e) => {
    for (const [c, rep] of representative) if (under(e.err.instancePath, c)) return e === rep;
    return true;
  });

  // 3. Missing fields per object, and the unknown keys whose nearest name is one of them.
  const missing = new Map<string, { entry: Entry; names: string[] }>();
  for (const e of kept) {
    if (e.err.keyword !== 'required') continue;
    const name = String((e.err.params as { missingProperty?: unknown }).missingProperty ?? '');
    const m = missing.get(e.err.instancePath) ?? { entry: e, names: [] };
    if (!m.names.includes(name)) m.names.push(name);
    missing.set(e.err.instancePath, m);
  }

  // Unknown keys per object and their nearest names: two typos of one name must not both be renamed to it.
  const claims = new Map<string, number>();
  const nearest = new Map<Entry, string[]>();
  for (const e of kept) {
    if (e.err.keyword !== 'additionalProperties') continue;
    const near = nearestNames(String((e.err.params as { additionalProperty?: unknown }).additionalProperty ?? ''), propertyNames(e.err));
    nearest.set(e, near);
    for (const n of near) claims.set(`${e.err.instancePath}\u0000${n}`, (claims.get(`${e.err.instancePath}\u0000${n}`) ?? 0) + 1);
  }

  const out = new Map<string, Problem & { rank: number }>();
  /** `rank`: for the same code at the same node, the lower rank wins (enum over type). */
  const add = (at: [number, number], p: Omit<Problem, 'start' | 'end'>, rank = 5) => {
    const id = `${at[0]}:${at[1]}`;
    const existing = out.get(id);
    if (!existing) {
      out.set(id, { ...p, start: at[0], end: at[1], rank });
      return;
    }
    if (existing.code === p.code) {
      if (rank < existing.rank) Object.assign(existing, { ...p, rank });
      return;
    }
    if (existing.message === p.message) return;
    // A second finding about the same node joins the first: one diagnostic per node.
    existing.message = `${existing.message} ${p.message}`;
    if (p.severity === 'error') existing.severity = 'error';
    if (p.fixes?.length) existing.fixes = [...(existing.fixes ?? []), ...p.fixes.map((f) => ({ ...f, preferred: undefined }))];
  };

  for (const e of kept) {
    const { err, segs, loc } = e;
    const here = pathText(segs);
    const slot = last(loc);
    const value = loc.value;
    const params = err.params as Record<string, unknown>;
    switch (err.keyword) {
      case 'additionalProperties': {
        const key = String(params.additionalProperty ?? '');
        const origin = originAt(inst, loc);
        const keySlot = origin?.kind === 'map' ? origin.slots.get(key) : undefined;
        if (!keySlot) break;
        const names = propertyNames(err);
        const near = nearest.get(e) ?? [];
        const alone = near.length === 1 && claims.get(`${err.instancePath}\u0000${near[0]}`) === 1;
        const full = pathText([...segs, key]);
        const m = missing.get(err.instancePath);
        const wanted = near.length === 1 && m?.names.includes(near[0]) ? near[0] : undefined;
        if (wanted) m!.names = m!.names.filter((n) => n !== wanted);
        let message = `Unknown field \`${full}\` in ${subject.kind}`;
        if (near.length) message += `; did you mean ${orList(near)}?`;
        else if (names.length > 0 && names.length <= MAX_LISTED_FIELDS) message += `; the fields here are ${andList(names)}.`;
        else message += '.';
        if (wanted) message += ` \`${wanted}\` is required and missing.`;
        const present = value && typeof value === 'object' ? (value as Record<string, unknown>) : {};
        const keyNode = keySlot.key;
        // Renaming onto a field that is already written would make a duplicate key: no such fix.
        const fixes = near
          .filter((n) => !Object.prototype.hasOwnProperty.call(present, n))
          .map((n) =>
            replaceFix(
              keyNode,
              n,
              `Rename \`${key}\` to \`${n}\``,
              alone && !Object.prototype.hasOwnProperty.call(present, n) && !keySlot.viaAlias,
              near.length === 1,
            ),
          )
          .filter((f): f is Fix => !!f);
        add(range(keyNode) ?? valueTarget(subject, keySlot), {
          severity: wanted ? 'error' : 'warning',
          message,
          fixes: fixes.length ? fixes : undefined,
          code: `unknown:${key}`,
        });
        break;
      }
      case 'required':
        break; // below, once per object
      case 'type':
        add(valueTarget(subject, slot), {
          severity: 'error',
          message: `\`${here}\` must be ${typeWords(params.type)}; found ${describe(value, slot)}.`,
          code: 'type',
        }, 3);
        break;
      case 'enum': {
        const allowed = Array.isArray(params.allowedValues) ? params.allowedValues : [];
        const strings = allowed.filter((v): v is string => typeof v === 'string');
        const near = typeof value === 'string' ? nearestNames(value, strings) : [];
        let message = `\`${here}\` must be one of ${listValues(allowed)}; found ${shortValue(value, slot)}`;
        message += near.length ? `; did you mean ${orList(near)}?` : '.';
        const fix = near.length === 1 && !slot.param && slot.written && !slot.viaAlias ? replaceFix(slot.written, near[0], `Change to \`${near[0]}\``, false, true) : undefined;
        // An enum error replaces a type error at the same node (same code).
        add(valueTarget(subject, slot), { severity: 'error', message, fixes: fix ? [fix] : undefined, code: 'type' }, 1);
        break;
      }
      case 'const': {
        const want = params.allowedValue;
        add(valueTarget(subject, slot), {
          severity: 'error',
          message: `\`${here}\` must be ${typeof want === 'string' ? `\`${want}\`` : JSON.stringify(want)}; found ${shortValue(value, slot)}.`,
          code: 'type',
        }, 2);
        break;
      }
      case 'minimum':
      case 'maximum':
      case 'exclusiveMinimum':
      case 'exclusiveMaximum': {
        const words = { minimum: 'at least', maximum: 'at most', exclusiveMinimum: 'greater than', exclusiveMaximum: 'less than' }[err.keyword];
        add(valueTarget(subject, slot), {
          severity: 'error',
          message: `\`${here}\` must be ${words} ${String(params.limit)}; found ${typeof value === 'number' ? String(value) : describe(value, slot)}${typeof value === 'number' ? paramNote(slot) : ''}.`,
          code: 'range',
        });
        break;
      }
      case 'minLength':
      case 'maxLength': {
        const limit = Number(params.limit);
        const len = typeof value === 'string' ? [...value].length : 0;
        const message =
          err.keyword === 'minLength' && limit === 1
            ? `\`${here}\` must not be empty.`
            : `\`${here}\` must be ${err.keyword === 'minLength' ? 'at least' : 'at most'} ${limit} characters long; found ${len}.`;
        add(valueTarget(subject, slot), { severity: 'error', message, code: 'length' });
        break;
      }
      case 'pattern': {
        const pattern = String(params.pattern ?? '');
        const what = pattern === '^[0-9]+$' ? 'a whole number (digits only)' : `text matching \`${pattern}\``;
        add(valueTarget(subject, slot), { severity: 'error', message: `\`${here}\` must be ${what}; found ${describe(value, slot)}.`, code: 'pattern' });
        break;
      }
      case 'minItems':
      case 'maxItems': {
        const limit = Number(params.limit);
        const count = Array.isArray(value) ? value.length : 0;
        add(valueTarget(subject, slot), {
          severity: 'error',
          message: `\`${here}\` must have ${err.keyword === 'minItems' ? 'at least' : 'at most'} ${limit} ${limit === 1 ? 'item' : 'items'}; found ${count}.`,
          code: 'items',
        });
        break;
      }
      case 'uniqueItems': {
        const i = Number(params.i);
        const j = Number(params.j);
        const origin = originAt(inst, loc);
        const itemSlot = origin?.kind === 'seq' ? origin.slots[Math.max(i, j)] : undefined;
        add(itemSlot ? valueTarget(subject, itemSlot) : valueTarget(subject, slot), {
          severity: 'error',
          message: `\`${here}\` must not repeat an item: items ${Math.min(i, j)} and ${Math.max(i, j)} are the same.`,
          code: 'unique',
        });
        break;
      }
      case 'dependencies':
      case 'dependentRequired': {
        const prop = String(params.property ?? '');
        const need = String(params.missingProperty ?? '');
        const origin = originAt(inst, loc);
        const propSlot = origin?.kind === 'map' ? origin.slots.get(prop) : undefined;
        add(propSlot ? (range(propSlot.key) ?? valueTarget(subject, propSlot)) : objectTarget(subject, inst, loc), {
          severity: 'error',
          message: `\`${pathText([...segs, prop])}\` requires \`${need}\` beside it; set both or neither.`,
          code: `dependency:${prop}:${need}`,
        });
        break;
      }
      case 'anyOf':
      case 'oneOf': {
        const sub = schemaOf(err)[err.keyword];
        const types = Array.isArray(sub) ? sub.map((b) => (b && typeof b === 'object' ? (b as Record<string, unknown>).type : undefined)) : [];
        const simple = types.length > 0 && types.every((t) => typeof t === 'string' || (Array.isArray(t) && t.every((x) => typeof x === 'string')));
        const passing = (params as { passingSchemas?: unknown }).passingSchemas;
        const message =
          err.keyword === 'oneOf' && Array.isArray(passing)
            ? `\`${here}\` matches more than one of the allowed forms; it must match exactly one.`
            : simple
              ? `\`${here}\` must be ${typeWords(types.flat())}; found ${describe(value, slot)}.`
              : `\`${here}\` does not match any of the allowed forms; found ${describe(value, slot)}.`;
        add(valueTarget(subject, slot), { severity: 'error', message, code: 'type' }, 0);
        break;
      }
      case 'false schema':
        add(valueTarget(subject, slot), { severity: 'error', message: `\`${here}\` is not allowed here.`, code: 'false' });
        break;
      default:
        add(valueTarget(subject, slot), {
          severity: 'error',
          message: `\`${here || subject.kind}\` ${err.message ?? 'is not valid'}.`,
          code: err.keyword,
        });
    }
  }

  // Missing required fields: one finding per object, at its key.
  for (const [pointer, m] of missing) {
    if (m.names.length === 0) continue;
    const { segs, loc } = m.entry;
    const target = objectTarget(subject, inst, loc);
    const owner = segs.length ? `\`${pathText(segs)}\`` : subject.label;
    let why = '';
    if (subject.family === 'cloudformation' && segs.length === 0 && m.names.includes('Properties')) {
      const props = (schemaOf(m.entry.err).properties as Record<string, { required?: unknown }> | undefined)?.Properties;
      const req = Array.isArray(props?.required) ? props.required.map(String) : [];
      if (req.length) why = ` (${subject.kind} requires ${andList(req)})`;
    }
    add(target, {
      severity: 'error',
      message: `${owner} is missing ${andList(m.names)}${why}.`,
      code: `required:${pointer}`,
    });
  }

  return [...out.values()]
    .map(({ rank, ...p }) => (void rank, p))
    .sort((a, b) => a.start - b.start || a.end - b.end);
}

/** One Ajv error keyword at a time: what the finding says, where it points, and the fix it offers. */
import type { ErrorObject } from 'ajv';
import type { Fix } from '../types';
import type { Problem } from './problem-text';
import type { Instance, Located, Slot } from './instance';
import { originAt } from './instance';
import { andList, nearestNames, orList } from './nearest';
import {
  describe, listValues, MAX_LISTED_FIELDS, objectTarget, paramNote, pathText, propertyNames, range, replaceFix, schemaOf, shortValue, typeWords, valueTarget, type Subject,
} from './problem-text';

/** A located error, with the path it is at. */
export interface Entry {
  err: ErrorObject;
  segs: string[];
  loc: Located;
}

/** Adds a problem at a range; for the same code at the same node the lower `rank` wins (enum over type). */
export type AddProblem = (at: [number, number], p: Omit<Problem, 'start' | 'end'>, rank?: number) => void;

/** What a keyword's message may need: the error, its place, and what was found across the validation. */
export interface ErrorContext {
  subject: Subject;
  inst: Instance;
  e: Entry;
  err: ErrorObject;
  segs: string[];
  loc: Located;
  here: string;
  slot: Slot;
  value: unknown;
  params: Record<string, unknown>;
  add: AddProblem;
  /** Nearest known names of each unknown key. */
  nearest: Map<Entry, string[]>;
  /** How many unknown keys of an object (`path\u0000name`) claim a name as their nearest. */
  claims: Map<string, number>;
  /** Required fields missing per object (by instance path). */
  missing: Map<string, { entry: Entry; names: string[] }>;
}

function unknownField(c: ErrorContext): void {
  const { subject, inst, err, segs, loc, value, params, add, nearest, claims, missing, e } = c;
  const key = String(params.additionalProperty ?? '');
  const origin = originAt(inst, loc);
  const keySlot = origin?.kind === 'map' ? origin.slots.get(key) : undefined;
  if (!keySlot) return;
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
}


/** The resource.Quantity pattern of CRD schemas (`x-kubernetes-int-or-string` with this pattern: 500m, 2, 1Gi). */
const QUANTITY_PATTERN = '^(\\+|-)?(([0-9]+(\\.[0-9]*)?)|(\\.[0-9]+))(([KMGTPE]i)|[numkMGTPE]|([eE](\\+|-)?(([0-9]+(\\.[0-9]*)?)|(\\.[0-9]+))))?$';
const QUANTITY_WORDS = 'a quantity such as `500m`, `2` or `1Gi`';

function wrongType(c: ErrorContext): void {
  const { subject, here, slot, value, params, add, err } = c;
  // A CRD's quantity is an integer or a string: the API server rejects `cpu: 0.5`, and accepts "0.5" or 500m.
  const quantity = schemaOf(err).pattern === QUANTITY_PATTERN;
  const message =
    quantity && typeof value === 'number'
      ? `\`${here}\` must be a whole number or a quantity string such as \`500m\` or \`1Gi\`; found the number ${value}. The API server rejects a fraction here: quote it (\`"${value}"\`) or use a smaller unit.`
      : quantity
        ? `\`${here}\` must be ${QUANTITY_WORDS}; found ${describe(value, slot)}.`
        : `\`${here}\` must be ${typeWords(params.type)}; found ${describe(value, slot)}.`;
  add(valueTarget(subject, slot), { severity: 'error', message, code: 'type' }, 3);
}


function notInEnum(c: ErrorContext): void {
  const { subject, here, slot, value, params, add } = c;
  const allowed = Array.isArray(params.allowedValues) ? params.allowedValues : [];
  const strings = allowed.filter((v): v is string => typeof v === 'string');
  const near = typeof value === 'string' ? nearestNames(value, strings) : [];
  let message = `\`${here}\` must be one of ${listValues(allowed)}; found ${shortValue(value, slot)}`;
  message += near.length ? `; did you mean ${orList(near)}?` : '.';
  const fix = near.length === 1 && !slot.param && slot.written && !slot.viaAlias ? replaceFix(slot.written, near[0], `Change to \`${near[0]}\``, false, true) : undefined;
  // An enum error replaces a type error at the same node (same code).
  add(valueTarget(subject, slot), { severity: 'error', message, fixes: fix ? [fix] : undefined, code: 'type' }, 1);
}


function notConst(c: ErrorContext): void {
  const { subject, here, slot, value, params, add } = c;
  const want = params.allowedValue;
  add(valueTarget(subject, slot), {
    severity: 'error',
    message: `\`${here}\` must be ${typeof want === 'string' ? `\`${want}\`` : JSON.stringify(want)}; found ${shortValue(value, slot)}.`,
    code: 'type',
  }, 2);
}


function outOfRange(c: ErrorContext): void {
  const { subject, err, here, slot, value, params, add } = c;
  const words = { minimum: 'at least', maximum: 'at most', exclusiveMinimum: 'greater than', exclusiveMaximum: 'less than' }[err.keyword];
  add(valueTarget(subject, slot), {
    severity: 'error',
    message: `\`${here}\` must be ${words} ${String(params.limit)}; found ${typeof value === 'number' ? String(value) : describe(value, slot)}${typeof value === 'number' ? paramNote(slot) : ''}.`,
    code: 'range',
  });
}


function wrongLength(c: ErrorContext): void {
  const { subject, err, here, slot, value, params, add } = c;
  const limit = Number(params.limit);
  const len = typeof value === 'string' ? [...value].length : 0;
  const message =
    err.keyword === 'minLength' && limit === 1
      ? `\`${here}\` must not be empty.`
      : `\`${here}\` must be ${err.keyword === 'minLength' ? 'at least' : 'at most'} ${limit} characters long; found ${len}.`;
  add(valueTarget(subject, slot), { severity: 'error', message, code: 'length' });
}


function noPatternMatch(c: ErrorContext): void {
  const { subject, here, slot, value, params, add } = c;
  const pattern = String(params.pattern ?? '');
  const what = pattern === '^[0-9]+$' ? 'a whole number (digits only)' : pattern === QUANTITY_PATTERN ? QUANTITY_WORDS : `text matching \`${pattern}\``;
  add(valueTarget(subject, slot), { severity: 'error', message: `\`${here}\` must be ${what}; found ${describe(value, slot)}.`, code: 'pattern' });
}


function wrongCount(c: ErrorContext): void {
  const { subject, err, here, slot, value, params, add } = c;
  const limit = Number(params.limit);
  const count = Array.isArray(value) ? value.length : 0;
  add(valueTarget(subject, slot), {
    severity: 'error',
    message: `\`${here}\` must have ${err.keyword === 'minItems' ? 'at least' : 'at most'} ${limit} ${limit === 1 ? 'item' : 'items'}; found ${count}.`,
    code: 'items',
  });
}


function repeatedItem(c: ErrorContext): void {
  const { subject, inst, loc, here, slot, params, add } = c;
  const i = Number(params.i);
  const j = Number(params.j);
  const origin = originAt(inst, loc);
  const itemSlot = origin?.kind === 'seq' ? origin.slots[Math.max(i, j)] : undefined;
  add(itemSlot ? valueTarget(subject, itemSlot) : valueTarget(subject, slot), {
    severity: 'error',
    message: `\`${here}\` must not repeat an item: items ${Math.min(i, j)} and ${Math.max(i, j)} are the same.`,
    code: 'unique',
  });
}


function missingDependency(c: ErrorContext): void {
  const { subject, inst, segs, loc, params, add } = c;
  const prop = String(params.property ?? '');
  const need = String(params.missingProperty ?? '');
  const origin = originAt(inst, loc);
  const propSlot = origin?.kind === 'map' ? origin.slots.get(prop) : undefined;
  add(propSlot ? (range(propSlot.key) ?? valueTarget(subject, propSlot)) : objectTarget(subject, inst, loc), {
    severity: 'error',
    message: `\`${pathText([...segs, prop])}\` requires \`${need}\` beside it; set both or neither.`,
    code: `dependency:${prop}:${need}`,
  });
}


function noAlternative(c: ErrorContext): void {
  const { subject, err, here, slot, value, params, add } = c;
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
}


function notAllowed(c: ErrorContext): void {
  const { subject, here, slot, add } = c;
  add(valueTarget(subject, slot), { severity: 'error', message: `\`${here}\` is not allowed here.`, code: 'false' });
}


function otherError(c: ErrorContext): void {
  const { subject, err, here, slot, add } = c;
  add(valueTarget(subject, slot), {
    severity: 'error',
    message: `\`${here || subject.kind}\` ${err.message ?? 'is not valid'}.`,
    code: err.keyword,
  });
}

const KEYWORDS: Record<string, (c: ErrorContext) => void> = {
  additionalProperties: unknownField,
  type: wrongType,
  enum: notInEnum,
  const: notConst,
  minimum: outOfRange,
  maximum: outOfRange,
  exclusiveMinimum: outOfRange,
  exclusiveMaximum: outOfRange,
  minLength: wrongLength,
  maxLength: wrongLength,
  pattern: noPatternMatch,
  minItems: wrongCount,
  maxItems: wrongCount,
  uniqueItems: repeatedItem,
  dependencies: missingDependency,
  dependentRequired: missingDependency,
  anyOf: noAlternative,
  oneOf: noAlternative,
  'false schema': notAllowed,
};

/** Reports one error (`required` is reported per object, once all errors are read). */
export function reportError(c: ErrorContext): void {
  if (c.err.keyword === 'required') return;
  (Object.prototype.hasOwnProperty.call(KEYWORDS, c.err.keyword) ? KEYWORDS[c.err.keyword] : otherError)(c);
}

/** Scalars of the fast path (fast.ts), composed as `yaml` composes them, and the characters it leaves to `yaml`. */
import { Document, Scalar, type ScalarTag } from 'yaml';

/** Thrown inside the fast parser to give up; `fastParse` catches it (GIVE_UP, the one instance). */
export class GiveUp {}
export const GIVE_UP = new GiveUp();

const schemaDocument = new Document();
// Scalar tags only: the collection tags have no `test`.
const plainTags = schemaDocument.schema.tags.filter((t) => t.default === true && t.test) as ScalarTag[];
const resolveOptions = schemaDocument.options;

/** A scalar as `yaml` composes it: its value, its source text (the value before resolution), its style and range. */
export function scalarNode(value: unknown, source: string, type: Scalar.Type, start: number, end: number, nodeEnd: number): Scalar {
  const s = new Scalar(value);
  s.range = [start, end, nodeEnd];
  (s as Scalar & { source?: string }).source = source;
  s.type = type;
  return s;
}

export function plainScalar(value: string, start: number, end: number, nodeEnd: number): Scalar {
  let resolved: unknown = value;
  const c = value.charCodeAt(0);
  // A letter other than n/N, t/T, f/F starts a string under the core schema: skip the tag tests.
  const maybeTyped = !(c >= 97 && c <= 122 && c !== 110 && c !== 116 && c !== 102) && !(c >= 65 && c <= 90 && c !== 78 && c !== 84 && c !== 70);
  if (maybeTyped) {
    for (const tag of plainTags) {
      if (!tag.test!.test(value)) continue;
      let failed = false;
      resolved = tag.resolve(value, () => (failed = true), resolveOptions);
      if (failed || resolved instanceof Scalar) throw GIVE_UP;
      break;
    }
  }
  return scalarNode(resolved, value, Scalar.PLAIN, start, end, nodeEnd);
}

export function quotedScalar(value: string, type: Scalar.Type, start: number, end: number, nodeEnd: number): Scalar {
  return scalarNode(value, value, type, start, end, nodeEnd);
}

/** Characters that may not start a plain scalar (or key) here, or that this fast path does not model. */
export function badFirst(c: number): boolean {
  // ? : , [ ] { } # & * ! | > ' " % @ `
  return c === 63 || c === 58 || c === 44 || c === 91 || c === 93 || c === 123 || c === 125 || c === 35 || c === 38 || c === 42 || c === 33 || c === 124 || c === 62 || c === 37 || c === 64 || c === 96;
}


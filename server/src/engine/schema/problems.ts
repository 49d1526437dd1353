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
import type { ErrorObject } from 'ajv';
import { locate, originAt, pointerSegments, type Instance } from './instance';
import { andList, nearestNames } from './nearest';
import { last, objectTarget, pathText, propertyNames, schemaOf, type Problem, type Subject } from './problem-text';
import { reportError, type AddProblem, type Entry } from './problem-keywords';

export { pathText, type Problem, type Subject } from './problem-text';

function under(path: string, prefix: string): boolean {
  return path === prefix || path.startsWith(`${prefix}/`);
}

/** Converts one validation's errors. */
export function problemsOf(errors: readonly ErrorObject[], subject: Subject): Problem[] {
  const inst = subject.instance;
  const kept = outermostAlternatives(locatedErrors(errors, subject));
  const missing = missingFields(kept);
  const { nearest, claims } = unknownKeys(kept);
  const problems = new ProblemSet();
  const add: AddProblem = (at, p, rank) => problems.add(at, p, rank);
  for (const e of kept) {
    const { err, segs, loc } = e;
    reportError({ subject, inst, e, err, segs, loc, here: pathText(segs), slot: last(loc), value: loc.value, params: err.params as Record<string, unknown>, add, nearest, claims, missing });
  }
  reportMissing(subject, inst, missing, add);
  return problems.list();
}

/** 1. Locates each error; drops what lies in unknown (intrinsic) territory. */
function locatedErrors(errors: readonly ErrorObject[], subject: Subject): Entry[] {
  const inst = subject.instance;
  const k8s = subject.family === 'kubernetes';
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
  return entries;
}

/** 2. anyOf/oneOf: one finding at the node, nothing from the branches (or anything else below it). */
function outermostAlternatives(entries: Entry[]): Entry[] {
  const alternatives = entries.filter((e) => e.err.keyword === 'anyOf' || e.err.keyword === 'oneOf');
  const representative = new Map<string, Entry>(); // outermost anyOf/oneOf path → its error
  for (const a of alternatives) {
    const p = a.err.instancePath;
    if ([...representative.keys()].some((c) => under(p, c))) continue;
    for (const c of [...representative.keys()]) if (under(c, p)) representative.delete(c);
    representative.set(p, a);
  }
  return entries.filter((e) => {
    for (const [c, rep] of representative) if (under(e.err.instancePath, c)) return e === rep;
    return true;
  });
}

/** 3. Missing fields per object. */
function missingFields(kept: Entry[]): Map<string, { entry: Entry; names: string[] }> {
  const missing = new Map<string, { entry: Entry; names: string[] }>();
  for (const e of kept) {
    if (e.err.keyword !== 'required') continue;
    const name = String((e.err.params as { missingProperty?: unknown }).missingProperty ?? '');
    const m = missing.get(e.err.instancePath) ?? { entry: e, names: [] };
    if (!m.names.includes(name)) m.names.push(name);
    missing.set(e.err.instancePath, m);
  }
  return missing;
}

/** Unknown keys per object and their nearest names: two typos of one name must not both be renamed to it. */
function unknownKeys(kept: Entry[]): { nearest: Map<Entry, string[]>; claims: Map<string, number> } {
  const claims = new Map<string, number>();
  const nearest = new Map<Entry, string[]>();
  for (const e of kept) {
    if (e.err.keyword !== 'additionalProperties') continue;
    const near = nearestNames(String((e.err.params as { additionalProperty?: unknown }).additionalProperty ?? ''), propertyNames(e.err));
    nearest.set(e, near);
    for (const n of near) claims.set(`${e.err.instancePath}\u0000${n}`, (claims.get(`${e.err.instancePath}\u0000${n}`) ?? 0) + 1);
  }
  return { nearest, claims };
}

/** At most one problem per node: a second one about the same node joins the first. */
class ProblemSet {
  private readonly out = new Map<string, Problem & { rank: number }>();

  /** `rank`: for the same code at the same node, the lower rank wins (enum over type). */
  add(at: [number, number], p: Omit<Problem, 'start' | 'end'>, rank = 5): void {
    const id = `${at[0]}:${at[1]}`;
    const existing = this.out.get(id);
    if (!existing) {
      this.out.set(id, { ...p, start: at[0], end: at[1], rank });
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
  }

  list(): Problem[] {
    return [...this.out.values()]
      .map(({ rank, ...p }) => (void rank, p))
      .sort((a, b) => a.start - b.start || a.end - b.end);
  }
}

/** Missing required fields: one finding per object, at its key. */
function reportMissing(subject: Subject, inst: Instance, missing: Map<string, { entry: Entry; names: string[] }>, add: AddProblem): void {
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
}

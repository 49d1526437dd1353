/**
 * YAML text → KNode trees with the range of every node, resolving plain scalars the way kustomize's YAML
 * library (go-yaml v3) does before kustomize prints the JSON form: `012` is octal, `1_000` is 1000,
 * `yes` stays a string, an unquoted date becomes an RFC 3339 timestamp string.
 */
import { isAlias, isMap as yIsMap, isPair, isScalar, isSeq as yIsSeq, parseAllDocuments, type Document, type Node } from 'yaml';
import type { KEntry, KMap, KNode, KScalar, Org, ScalarValue } from './model.js';

/** Maps an offset in the parsed text to an offset in the file (for YAML embedded in another file). */
export type OffsetMap = (offset: number) => number;

export interface YamlProblem {
  message: string;
  start: number;
  end: number;
}

export interface ParsedYaml {
  /** One node per non-empty document (an empty document is skipped, as kustomize does). */
  docs: KNode[];
  error?: YamlProblem;
}

/** Hard cap on nodes built from one text (alias expansion is bounded by it). */
export const MAX_NODES = 200_000;

class TooBig extends Error {}

/** A document kustomize refuses (unknown anchor, non-string key); carries the offending range. */
class Refused extends Error {
  constructor(message: string, readonly start: number, readonly end: number) {
    super(message);
  }
}

interface Ctx {
  file: string;
  map: OffsetMap;
  doc: Document;
  count: number;
  depth: number;
  yaml11: boolean;
}

/**
 * `yaml11`: resolve as go-yaml v2 does (YAML 1.1 booleans: yes/no/on/off/y/n), which is how kustomize
 * reads kustomization files and JSON patches (sigs.k8s.io/yaml); resources and strategic-merge patches
 * are read with go-yaml v3 (YAML 1.2 booleans only).
 */
export function parseYaml(text: string, file: string, map: OffsetMap = (o) => o, yaml11 = false): ParsedYaml {
  let parsed;
  try {
    parsed = parseAllDocuments(text, { schema: 'failsafe', uniqueKeys: true, prettyErrors: false });
  } catch (e) {
    return { docs: [], error: { message: `cannot parse YAML: ${String(e)}`, start: map(0), end: map(0) } };
  }
  const list = Array.isArray(parsed) ? parsed : [];
  const docs: KNode[] = [];
  for (const d of list) {
    const err = d.errors[0];
    if (err) {
      const [s, e] = err.pos;
      return { docs, error: { message: `invalid YAML: ${err.message.split('\n')[0]}`, start: map(s), end: map(Math.max(s, e)) } };
    }
    if (d.contents === null || d.contents === undefined) continue;
    const ctx: Ctx = { file, map, doc: d, count: 0, depth: 0, yaml11 };
    try {
      const n = convert(d.contents as Node, ctx);
      if (n.kind === 'scalar' && n.value === null) continue;
      docs.push(n);
    } catch (e) {
      if (e instanceof TooBig) return { docs, error: { message: 'YAML too large or too deeply nested (alias expansion?)', start: map(0), end: map(0) } };
      if (e instanceof Refused) return { docs, error: { message: e.message, start: e.start, end: e.end } };
      throw e;
    }
  }
  return { docs };
}

function orgOf(n: { range?: [number, number, number] | null }, ctx: Ctx): Org {
  const r = n.range;
  if (!r) return { file: ctx.file, start: ctx.map(0), end: ctx.map(0) };
  return { file: ctx.file, start: ctx.map(r[0]), end: ctx.map(r[1]) };
}

function convert(n: Node, ctx: Ctx): KNode {
  if (++ctx.count > MAX_NODES || ctx.depth > 200) throw new TooBig();
  if (isAlias(n)) {
    const target = n.resolve(ctx.doc);
    if (!target) {
      const o = orgOf(n, ctx);
      throw new Refused(`yaml: unknown anchor '${n.source}' referenced`, o.start, o.end);
    }
    ctx.depth++;
    try {
      return convert(target as Node, ctx);
    } finally {
      ctx.depth--;
    }
  }
  if (isScalar(n)) {
    const org = orgOf(n, ctx);
    const raw = typeof n.value === 'string' ? n.value : n.value === null || n.value === undefined ? '' : String(n.value);
    const tag = typeof n.tag === 'string' ? n.tag : '';
    const r = resolveScalar(raw, n.type === 'PLAIN' || n.type === undefined, tag, ctx.yaml11);
    const s: KScalar = { kind: 'scalar', value: r.value, org };
    if (r.intText !== undefined) s.intText = r.intText;
    if (r.value !== n.source && typeof n.source === 'string' && (n.type === 'PLAIN' || n.type === undefined)) s.raw = n.source;
    return s;
  }
  ctx.depth++;
  try {
    if (yIsSeq(n)) {
      return { kind: 'seq', items: n.items.map((i) => convert(i as Node, ctx)), org: orgOf(n, ctx) };
    }
    if (yIsMap(n)) {
      const m: KMap = { kind: 'map', entries: [], org: orgOf(n, ctx) };
      const merged: KEntry[] = [];
      for (const p of n.items) {
        if (!isPair(p)) continue;
        const k = p.key as Node | null;
        const keyOrg = k ? orgOf(k, ctx) : m.org;
        let key = '';
        if (k && isScalar(k)) {
          key = k.value === null || k.value === undefined ? '' : String(k.value);
          // go-yaml v3 reads `1:` or `true:` as a non-string key, which kustomize cannot turn into JSON
          // (sigs.k8s.io/yaml, used for kustomization files and JSON patches, makes it a string).
          const tag = typeof k.tag === 'string' ? k.tag : '';
          if (!ctx.yaml11 && typeof resolveScalar(key, k.type === 'PLAIN', tag).value !== 'string') {
            throw new Refused('json: unsupported type: map[interface {}]interface {} (a key that is not a string)', keyOrg.start, keyOrg.end);
          }
        } else if (k) key = JSON.stringify(k.toJSON());
        const value: KNode = p.value ? convert(p.value as Node, ctx) : { kind: 'scalar', value: null, org: keyOrg };
        if (key === '<<' && k && isScalar(k) && k.type === 'PLAIN') {
          const sources = value.kind === 'seq' ? value.items : [value];
          for (const src of sources) if (src.kind === 'map') for (const e of src.entries) if (!merged.some((x) => x.key === e.key)) merged.push(e);
          continue;
        }
        m.entries.push({ key, keyOrg, value });
      }
      for (const e of merged) if (!m.entries.some((x) => x.key === e.key)) m.entries.push(e);
      return m;
    }
  } finally {
    ctx.depth--;
  }
  return { kind: 'scalar', value: null, org: orgOf(n as { range?: [number, number, number] | null }, ctx) };
}

const FLOAT_RE = /^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$/;
const DATE_RE = /^(\d{4})-(\d{1,2})-(\d{1,2})$/;
const DATETIME_RE = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[Tt]|[ \t]+)(\d{1,2}):(\d{2}):(\d{2})(\.\d+)?[ \t]*(Z|[-+]\d{1,2}(?::\d{2})?)?$/;

const pad = (s: string | number, n = 2): string => String(s).padStart(n, '0');

/** Go-yaml v3's resolution of a scalar into a JSON value. */
const V2_TRUE = new Set(['y', 'Y', 'yes', 'Yes', 'YES', 'on', 'On', 'ON']);
const V2_FALSE = new Set(['n', 'N', 'no', 'No', 'NO', 'off', 'Off', 'OFF']);

export function resolveScalar(raw: string, plain: boolean, tag = '', yaml11 = false): { value: ScalarValue; intText?: string } {
  const t = tag.replace(/^tag:yaml\.org,2002:/, '!!');
  if (t === '!!str' || t === '!!binary') return { value: raw };
  if (!plain && t === '') return { value: raw };
  if (t === '!!null') return { value: null };
  if (t === '!!bool') return { value: /^(true|True|TRUE)$/.test(raw) };
  if (raw === '' || raw === '~' || raw === 'null' || raw === 'Null' || raw === 'NULL') return { value: null };
  if (raw === 'true' || raw === 'True' || raw === 'TRUE') return { value: true };
  if (raw === 'false' || raw === 'False' || raw === 'FALSE') return { value: false };
  if (yaml11 && V2_TRUE.has(raw)) return { value: true };
  if (yaml11 && V2_FALSE.has(raw)) return { value: false };
  const c = raw.charAt(0);
  if (!/[-+.0-9]/.test(c)) return { value: raw };
  if (/^[0-9]/.test(c)) {
    const d = DATE_RE.exec(raw);
    if (d) return { value: `${d[1]}-${pad(d[2]!)}-${pad(d[3]!)}T00:00:00Z` };
    const dt = DATETIME_RE.exec(raw);
    if (dt) {
      let frac = dt[7] ? dt[7].replace(/0+$/, '') : '';
      if (frac === '.') frac = '';
      let zone = dt[8] ?? 'Z';
      if (zone !== 'Z') {
        const zm = /^([-+])(\d{1,2})(?::(\d{2}))?$/.exec(zone)!;
        zone = zm[2] === '0' && (zm[3] ?? '00') === '00' ? 'Z' : `${zm[1]}${pad(zm[2]!)}:${zm[3] ?? '00'}`;
      }
      return { value: `${dt[1]}-${pad(dt[2]!)}-${pad(dt[3]!)}T${pad(dt[4]!)}:${dt[5]}:${dt[6]}${frac}${zone}` };
    }
  }
  const plainNum = raw.replace(/_/g, '');
  const int = parseGoInt(plainNum);
  if (int !== undefined) return int;
  if (FLOAT_RE.test(plainNum)) {
    const f = Number(plainNum);
    if (Number.isFinite(f)) return { value: f };
  }
  return { value: raw };
}

/** strconv.ParseInt(s, 0, 64) then ParseUint: sign, 0x / 0o / 0b / leading-0 octal, decimal. */
function parseGoInt(s: string): { value: number; intText: string } | undefined {
  const m = /^([-+]?)(0[xX][0-9a-fA-F]+|0[oO][0-7]+|0[bB][01]+|0[0-7]*|[1-9][0-9]*)$/.exec(s);
  if (!m) return undefined;
  const body = m[2]!;
  let big: bigint;
  try {
    if (/^0[oO]/.test(body)) big = BigInt('0o' + body.slice(2));
    else if (/^0[0-7]+$/.test(body)) big = BigInt('0o' + body.slice(1));
    else big = BigInt(body);
  } catch {
    return undefined;
  }
  if (m[1] === '-') big = -big;
  if (big > 18446744073709551615n || big < -9223372036854775808n) return undefined;
  if (big < 0n && m[1] !== '-') return undefined;
  return { value: Number(big), intText: big.toString() };
}

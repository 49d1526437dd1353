/**
 * Reads YAML the way Helm reads values (sigs.k8s.io/yaml: YAML 1.1 scalars, then through JSON, so every
 * number is a float64 and timestamps stay strings) into the Go model of values.ts, recording the range of
 * every scalar in its file (ORIGINS) when a file name is given.
 */
import { isAlias, isMap, isPair, isScalar, isSeq, parseAllDocuments, type Document, type Node as YNode } from 'yaml';
import { setOrigin, type GoValue } from './values';

export interface YamlIssue {
  message: string;
  start: number;
  end: number;
}

const MAX_NODES = 200_000;

/** Parses the first document of `text`. With `file`, scalar ranges are recorded as origins. */
export function readYaml(text: string, file?: string): { value: GoValue; issues: YamlIssue[] } {
  const issues: YamlIssue[] = [];
  let docs: Document.Parsed[];
  try {
    docs = parseAllDocuments(text, { version: '1.1', merge: true, uniqueKeys: false, prettyErrors: false }) as Document.Parsed[];
    if (!Array.isArray(docs)) docs = [];
  } catch (e) {
    return { value: null, issues: [{ message: String(e), start: 0, end: 0 }] };
  }
  const doc = docs[0];
  if (!doc) return { value: null, issues };
  for (const e of doc.errors) issues.push({ message: e.message.split('\n')[0] ?? e.message, start: e.pos[0], end: e.pos[1] });
  if (doc.errors.length > 0) return { value: null, issues };
  const budget = { n: 0 };
  const value = toGo(doc, doc.contents as YNode | null, text, file, budget, 0);
  if (budget.n > MAX_NODES) issues.push({ message: 'values too large', start: 0, end: 0 });
  return { value, issues };
}

function scalarRange(node: YNode, text: string): [number, number] | undefined {
  const r = node.range;
  if (!r) return undefined;
  let [s, e] = [r[0], r[1]];
  const first = text[s];
  if ((first === '"' || first === "'") && e - s >= 2 && text[e - 1] === first) {
    const inner = text.slice(s + 1, e - 1);
    // Inside the quotes, when the characters there are the value's characters.
    if (!(first === '"' ? /[\\\n]/.test(inner) : /''|\n/.test(inner))) return [s + 1, e - 1];
  }
  return [s, e];
}

function scalarValue(node: YNode, text: string): GoValue {
  if (!isScalar(node)) return null;
  const v = node.value;
  if (v === null || v === undefined) return null;
  if (typeof v === 'number') return Number.isFinite(v) ? v : null;
  if (typeof v === 'bigint') return Number(v);
  if (typeof v === 'boolean' || typeof v === 'string') return v;
  // Timestamps and other tagged scalars stay as their source text (yaml.v2 does so for interface{}).
  const r = node.range;
  return r ? text.slice(r[0], r[1]) : String(v);
}

function toGo(doc: Document.Parsed, node: YNode | null | undefined, text: string, file: string | undefined, budget: { n: number }, depth: number): GoValue {
  if (!node || ++budget.n > MAX_NODES || depth > 100) return null;
  if (isAlias(node)) {
    const target = node.resolve(doc);
    return toGo(doc, target as YNode | undefined, text, file, budget, depth + 1);
  }
  if (isScalar(node)) return scalarValue(node, text);
  if (isMap(node)) {
    const m = new Map<string, GoValue>();
    for (const pair of node.items) {
      if (!isPair(pair)) continue;
      const k = pair.key as YNode | null;
      if (k && isScalar(k) && (typeof k.value === 'symbol' || (k.value === '<<' && (k as { source?: string }).source === '<<'))) {
        mergeInto(doc, m, pair.value as YNode, text, file, budget, depth);
        continue;
      }
      const key = k == null ? '' : isScalar(k) ? keyText(k.value) : String(k);
      put(doc, m, key, pair.value as YNode | null, text, file, budget, depth);
    }
    return m;
  }
  if (isSeq(node)) {
    const out: GoValue[] = [];
    node.items.forEach((item, i) => {
      const it = item as YNode | null;
      out.push(toGo(doc, it, text, file, budget, depth + 1));
      if (file && it) recordScalar(doc, out, i, it, text, file);
    });
    return out;
  }
  return null;
}

function keyText(v: unknown): string {
  if (v === null || v === undefined) return 'null';
  return String(v);
}

function put(doc: Document.Parsed, m: Map<string, GoValue>, key: string, vnode: YNode | null, text: string, file: string | undefined, budget: { n: number }, depth: number): void {
  m.set(key, toGo(doc, vnode, text, file, budget, depth + 1));
  if (file && vnode) recordScalar(doc, m, key, vnode, text, file);
}

function recordScalar(doc: Document.Parsed, container: object, key: string | number, node: YNode, text: string, file: string): void {
  let n: YNode | undefined = node;
  if (isAlias(n)) n = n.resolve(doc) as YNode | undefined;
  if (!n || !isScalar(n)) return;
  const r = scalarRange(n, text);
  if (r) setOrigin(container, key, { file, start: r[0], end: r[1] });
}

function mergeInto(doc: Document.Parsed, m: Map<string, GoValue>, src: YNode | null, text: string, file: string | undefined, budget: { n: number }, depth: number): void {
  let n: YNode | null | undefined = src;
  if (n && isAlias(n)) n = n.resolve(doc) as YNode | undefined;
  if (!n) return;
  if (isSeq(n)) {
    for (const item of n.items) mergeInto(doc, m, item as YNode, text, file, budget, depth + 1);
    return;
  }
  if (!isMap(n)) return;
  for (const pair of n.items) {
    if (!isPair(pair)) continue;
    const k = pair.key as YNode | null;
    const key = k == null ? '' : isScalar(k) ? keyText(k.value) : String(k);
    if (!m.has(key)) put(doc, m, key, pair.value as YNode | null, text, file, budget, depth);
  }
}

/** Typed reads over `yaml` nodes. Every read tolerates any shape: a wrong shape reads as `undefined`. */
import { isMap, isPair, isScalar, isSeq, isAlias, type Node, type Pair, type YAMLMap, type YAMLSeq, type Scalar } from 'yaml';

export type YNode = Node | null | undefined;

/** CloudFormation long-form intrinsic keys (`{Ref: X}`, `{"Fn::GetAtt": …}`) and `Condition`. */
const INTRINSIC_KEY = /^(Ref|Condition|Fn::[A-Za-z]+)$/;

export function keyText(pair: Pair): string | undefined {
  const k = pair.key as unknown;
  if (isScalar(k)) return k.value === null || k.value === undefined ? undefined : String(k.value);
  if (typeof k === 'string') return k;
  return undefined;
}

/** Maps with at least this many entries are read through a key index instead of a scan. */
const INDEXED = 24;

/** Key → position of its first pair, per large map (parsed nodes are not changed after parsing; a change of length rebuilds it). */
const keyIndexes = new WeakMap<YAMLMap, { length: number; index: Map<string, number> }>();

function keyIndex(node: YAMLMap): Map<string, number> {
  const known = keyIndexes.get(node);
  if (known && known.length === node.items.length) return known.index;
  const index = new Map<string, number>();
  node.items.forEach((item, i) => {
    const k = isPair(item) ? keyText(item) : undefined;
    if (k !== undefined && !index.has(k)) index.set(k, i);
  });
  keyIndexes.set(node, { length: node.items.length, index });
  return index;
}

export function getPair(node: YNode | unknown, key: string): Pair<Node, Node | null> | undefined {
  if (!isMap(node)) return undefined;
  if (node.items.length >= INDEXED) {
    const at = keyIndex(node).get(key);
    const item = at === undefined ? undefined : node.items[at];
    // A pair found where the index says, still under that key: the first pair with it (a scan would find the same).
    if (item === undefined || (isPair(item) && keyText(item) === key)) return item as Pair<Node, Node | null> | undefined;
    keyIndexes.delete(node);
    return getPair(node, key);
  }
  for (const item of node.items) {
    if (isPair(item) && keyText(item) === key) return item as Pair<Node, Node | null>;
  }
  return undefined;
}

/** Walks map keys (strings) and sequence indexes (numbers). */
export function get(node: YNode | unknown, ...path: (string | number)[]): Node | undefined {
  let cur: unknown = node;
  for (const step of path) {
    if (typeof step === 'number') {
      if (!isSeq(cur)) return undefined;
      cur = cur.items[step];
    } else {
      const pair = getPair(cur, step);
      if (!pair) return undefined;
      cur = pair.value;
    }
    if (cur === null || cur === undefined) return undefined;
  }
  return (cur ?? undefined) as Node | undefined;
}

export function asMap(node: YNode | unknown): YAMLMap<Node, Node | null> | undefined {
  return isMap(node) ? (node as YAMLMap<Node, Node | null>) : undefined;
}

export function seqItems(node: YNode | unknown): Node[] {
  return isSeq(node) ? ((node as YAMLSeq<Node>).items.filter((n) => n !== null && n !== undefined) as Node[]) : [];
}

export function mapPairs(node: YNode | unknown): Pair<Node, Node | null>[] {
  return isMap(node) ? (node.items.filter((p) => isPair(p)) as Pair<Node, Node | null>[]) : [];
}

/** A CloudFormation intrinsic function: a short-form tag (`!Ref`), or a one-key map `{Ref: …}` / `{Fn::…: …}`. */
export function isIntrinsic(node: YNode | unknown): boolean {
  if (!node || typeof node !== 'object') return false;
  if (isAlias(node)) return false;
  const tag = (node as Node).tag;
  if (typeof tag === 'string' && tag.startsWith('!') && !tag.startsWith('!!')) return true;
  if (isMap(node) && node.items.length === 1 && isPair(node.items[0])) {
    const k = keyText(node.items[0] as Pair);
    return k !== undefined && INTRINSIC_KEY.test(k);
  }
  return false;
}

/** Name referenced by `!Ref X` or `{Ref: X}`, else undefined. */
export function refName(node: YNode | unknown): string | undefined {
  if (!node || typeof node !== 'object') return undefined;
  const n = node as Node;
  if (isScalar(n) && n.tag === '!Ref') return typeof n.value === 'string' ? n.value : undefined;
  if (isMap(n) && n.items.length === 1) {
    const pair = n.items[0] as Pair;
    if (keyText(pair) === 'Ref' && isScalar(pair.value) && typeof pair.value.value === 'string') return pair.value.value;
  }
  return undefined;
}

/** Resolves intrinsics the engine can see through: `!Ref` to a template Parameter with a Default. */
export type Resolver = (node: Node) => Node | undefined;

function deref(node: YNode | unknown, resolve?: Resolver): Node | undefined {
  if (!node || typeof node !== 'object') return undefined;
  let n = node as Node;
  if (isAlias(n)) return undefined;
  if (isIntrinsic(n)) {
    const r = resolve?.(n);
    if (!r || isIntrinsic(r)) return undefined;
    n = r;
  }
  return n;
}

export function scalar(node: YNode | unknown, resolve?: Resolver): Scalar | undefined {
  const n = deref(node, resolve);
  return isScalar(n) ? n : undefined;
}

/** A number, accepting numeric strings (CloudFormation templates quote numbers). */
export function num(node: YNode | unknown, resolve?: Resolver): number | undefined {
  const s = scalar(node, resolve);
  if (!s) return undefined;
  const v = s.value;
  if (typeof v === 'number') return Number.isFinite(v) ? v : undefined;
  if (typeof v === 'bigint') return Number(v);
  if (typeof v === 'string' && /^\s*[-+]?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?\s*$/.test(v)) return Number(v);
  return undefined;
}

/** A number that is written as a number or numeric string and is an integer. */
export function int(node: YNode | unknown, resolve?: Resolver): number | undefined {
  const v = num(node, resolve);
  return v !== undefined && Number.isInteger(v) ? v : undefined;
}

export function str(node: YNode | unknown, resolve?: Resolver): string | undefined {
  const s = scalar(node, resolve);
  if (!s || s.value === null || s.value === undefined) return undefined;
  const v = s.value;
  return typeof v === 'string' ? v : typeof v === 'number' || typeof v === 'boolean' ? String(v) : undefined;
}

export function bool(node: YNode | unknown, resolve?: Resolver): boolean | undefined {
  const s = scalar(node, resolve);
  if (!s) return undefined;
  if (typeof s.value === 'boolean') return s.value;
  if (typeof s.value === 'string') {
    const t = s.value.toLowerCase();
    if (t === 'true') return true;
    if (t === 'false') return false;
  }
  return undefined;
}

/** String-to-string map (labels, selectors); non-string values are skipped. */
export function stringMap(node: YNode | unknown): Map<string, string> {
  const out = new Map<string, string>();
  for (const pair of mapPairs(node)) {
    const k = keyText(pair);
    const v = str(pair.value);
    if (k !== undefined && v !== undefined) out.set(k, v);
  }
  return out;
}

/** Source range [start, end) of a node, or undefined when the node has none. */
export function rangeOf(node: YNode | unknown): [number, number] | undefined {
  if (!node || typeof node !== 'object') return undefined;
  const r = (node as Node).range;
  if (!r) return undefined;
  return [r[0], r[1]];
}

/** Range of a pair's key, falling back to its value. */
export function keyRange(pair: Pair | undefined): [number, number] | undefined {
  if (!pair) return undefined;
  return rangeOf(pair.key) ?? rangeOf(pair.value);
}

/** Range covering a pair from its key to the end of its value. */
export function pairRange(pair: Pair | undefined): [number, number] | undefined {
  if (!pair) return undefined;
  const k = rangeOf(pair.key);
  const v = rangeOf(pair.value);
  if (k && v) return [k[0], Math.max(k[1], v[1])];
  return k ?? v;
}

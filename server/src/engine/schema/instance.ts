/**
 * A YAML node as the plain JS value a JSON Schema validator sees, with a way back: every object and
 * array built here remembers the YAML nodes it came from, so an error's instancePath leads to the
 * key or value to point at.
 *
 * Our own walk rather than `toJS()`, because it must
 * - resolve aliases within a budget (an alias bomb or a cycle aborts the conversion, never hangs),
 * - apply merge keys (`<<: *base`): explicit keys win, earlier merge sources win over later ones,
 *   and `<<` itself never reaches the validator,
 * - mark CloudFormation intrinsics (`!Ref`, `{"Fn::If": …}`) as unknown values — or, for a `!Ref` to a
 *   simple Parameter with a Default, substitute that Default,
 * - and remember for each key whether it was written here or came in through an alias / merge.
 */
import { isAlias, isMap, isPair, isScalar, isSeq, type Document, type Node, type Pair, type Scalar, type YAMLMap, type YAMLSeq } from 'yaml';
import { isIntrinsic, keyText } from '../parse/values';

/** Where one value of the instance came from. */
export interface Slot {
  /** The key node (map entries only). */
  key?: Node;
  /** The value node as written in this place (an Alias stays an Alias). */
  written?: Node | null;
  /** The node the value was read from (the anchored node for an alias; the Default for a resolved `!Ref`). */
  node?: Node | null;
  /** A CloudFormation intrinsic whose value is unknown: nothing at or below it is checked. */
  intrinsic?: boolean;
  /** A `!Ref` replaced by this Parameter's Default. */
  param?: string;
  /** The entry came in through an alias or a merge key: its text is not in this place. */
  viaAlias?: boolean;
  /** A plain `yes`/`no`/`on`/`off` read as a boolean, as YAML 1.1 parsers (Kubernetes) do. */
  yaml11Bool?: boolean;
}

/** The YAML origin of an object or array of the instance. */
export type Origin =
  | { kind: 'map'; node: YAMLMap; slots: Map<string, Slot>; opaque: boolean }
  | { kind: 'seq'; node: YAMLSeq; slots: Slot[] };

export interface Instance {
  value: unknown;
  root: Slot;
  origins: WeakMap<object, Origin>;
}

/** Resolves `!Ref Name` to the JS value of a Parameter's Default, when that is simple. */
export type ParamResolver = (name: string) => { value: unknown; node: Node } | undefined;

export interface ConvertOptions {
  /** CloudFormation: recognise intrinsics and `Fn::Transform` keys. */
  cloudformation?: boolean;
  /**
   * Read plain `yes`/`no`/`on`/`off`/`y`/`n` as booleans: Kubernetes decodes manifests with a YAML 1.1
   * parser, where `stdin: yes` is true and `value: yes` is not a string.
   */
  yaml11Booleans?: boolean;
  params?: ParamResolver;
  /** The document the node belongs to, for aliases. */
  anchors?: AnchorIndex;
  /** Most nodes produced (aliases expanded); beyond it the conversion gives up. */
  maxNodes?: number;
  maxDepth?: number;
}

/** Why a conversion gave up. */
export type Skipped = 'size' | 'depth' | 'cycle';

class Budget extends Error {
  constructor(readonly why: Skipped) {
    super(why);
  }
}

export const DEFAULT_MAX_NODES = 200_000;
export const DEFAULT_MAX_DEPTH = 400;

/** Anchors of one document, in source order, to resolve an alias to the last anchor before it. */
export class AnchorIndex {
  private byName: Map<string, { start: number; node: Node }[]> | undefined;

  /** Built on the first alias: most documents have none. */
  constructor(private readonly doc: Document | undefined) {}

  private build(): Map<string, { start: number; node: Node }[]> {
    const byName = new Map<string, { start: number; node: Node }[]>();
    const stack: unknown[] = this.doc?.contents ? [this.doc.contents] : [];
    let seen = 0;
    while (stack.length && seen++ < 1_000_000) {
      const n = stack.pop();
      if (!n || typeof n !== 'object') continue;
      if (isPair(n)) {
        stack.push(n.value, n.key);
        continue;
      }
      const node = n as Node;
      if (node.anchor && !isAlias(node)) {
        const list = byName.get(node.anchor) ?? [];
        list.push({ start: node.range?.[0] ?? 0, node });
        byName.set(node.anchor, list);
      }
      if (isMap(node) || isSeq(node)) for (let i = node.items.length - 1; i >= 0; i--) stack.push(node.items[i]);
    }
    for (const list of byName.values()) list.sort((a, b) => a.start - b.start);
    return byName;
  }

  resolve(alias: Node & { source: string }): Node | undefined {
    this.byName ??= this.build();
    const list = this.byName.get(alias.source);
    if (!list) return undefined;
    const at = alias.range?.[0] ?? Infinity;
    let found: Node | undefined;
    for (const a of list) {
      if (a.start < at) found = a.node;
      else break;
    }
    return found;
  }
}

/** An object key that is safe to assign (`__proto__` would set the prototype instead). */
function setKey(obj: Record<string, unknown>, key: string, value: unknown): void {
  if (key === '__proto__') Object.defineProperty(obj, key, { value, enumerable: true, writable: true, configurable: true });
  else obj[key] = value;
}

function scalarValue(s: Scalar): unknown {
  const v = s.value;
  if (v === undefined || v === null) return null;
  if (typeof v === 'bigint') return Number(v);
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return v;
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? String(s.source ?? '') : v.toISOString();
  return String(s.source ?? v);
}

/** YAML 1.1 booleans that YAML 1.2 reads as strings (group 1: true). */
const YAML11_BOOL = /^(?:(y|Y|yes|Yes|YES|on|On|ON)|n|N|no|No|NO|off|Off|OFF)$/;

function isMergeKey(pair: Pair): boolean {
  const k = pair.key;
  if (!isScalar(k) || k.value !== '<<') return false;
  // `"<<"` quoted is an ordinary key; plain `<<` (or `!!merge <<`) merges.
  return k.type === undefined || k.type === 'PLAIN' || k.tag === 'tag:yaml.org,2002:merge';
}

/** An untracked conversion met a merge key: merged keys are read through the origins, so it is done tracked. */
const NEEDS_TRACKING = new Error('merge key');

/**
 * `track`: record slots and origins (the way back from a path to the YAML). Without, the same value is built
 * without them (most documents validate: the way back is needed only for an error); CloudFormation intrinsics
 * and merge keys need it, and are always converted tracked.
 */
class Converter {
  readonly origins = new WeakMap<object, Origin>();
  private nodes = 0;
  private readonly inProgress = new Set<Node>();
  private readonly maxNodes: number;
  private readonly maxDepth: number;

  constructor(
    private readonly opts: ConvertOptions,
    private readonly track = true,
  ) {
    this.maxNodes = opts.maxNodes ?? DEFAULT_MAX_NODES;
    this.maxDepth = opts.maxDepth ?? DEFAULT_MAX_DEPTH;
  }

  /** Converts `written` into `slot`'s value (`slot` undefined when untracked). */
  value(written: Node | null | undefined, slot: Slot | undefined, depth: number, viaAlias: boolean): unknown {
    if (++this.nodes > this.maxNodes) throw new Budget('size');
    if (depth > this.maxDepth) throw new Budget('depth');
    if (!slot) return this.plain(written, depth);
    slot.written = written ?? null;
    if (viaAlias) slot.viaAlias = true;
    let node: Node | null | undefined = written;
    if (node && isAlias(node)) {
      node = this.opts.anchors?.resolve(node as Node & { source: string });
      if (!node) return null; // undefined alias: a yaml-syntax error already
      slot.viaAlias = true;
      viaAlias = true;
    }
    slot.node = node ?? null;
    if (!node) return null;
    if (this.opts.cloudformation && isIntrinsic(node)) {
      const param = this.refParam(node);
      if (param) {
        slot.param = param.name;
        slot.node = param.node;
        return param.value;
      }
      slot.intrinsic = true;
      return {}; // a unique stand-in: errors at or below it are dropped
    }
    if (isScalar(node)) {
      const b = this.yaml11Bool(node);
      if (b === undefined) return scalarValue(node);
      slot.yaml11Bool = true;
      return b;
    }
    if (this.inProgress.has(node)) throw new Budget('cycle'); // an alias to its own ancestor
    this.inProgress.add(node);
    try {
      if (isMap(node)) return this.map(node as YAMLMap, depth, viaAlias);
      if (isSeq(node)) return this.seq(node as YAMLSeq, depth, viaAlias);
    } finally {
      this.inProgress.delete(node);
    }
    return null;
  }

  /** The boolean a plain, untagged YAML 1.1 `yes`/`no`/`on`/`off` stands for, when the options read them so. */
  private yaml11Bool(node: Scalar): boolean | undefined {
    if (!this.opts.yaml11Booleans || typeof node.value !== 'string' || node.tag || !(node.type === 'PLAIN' || node.type === undefined)) return undefined;
    const b = YAML11_BOOL.exec(node.value);
    return b ? b[1] !== undefined : undefined;
  }

  /** `value` untracked: the same value, no slots, no origins (never CloudFormation). */
  private plain(written: Node | null | undefined, depth: number): unknown {
    let node: Node | null | undefined = written;
    if (node && isAlias(node)) {
      node = this.opts.anchors?.resolve(node as Node & { source: string });
      if (!node) return null;
    }
    if (!node) return null;
    if (isScalar(node)) return this.yaml11Bool(node) ?? scalarValue(node);
    if (this.inProgress.has(node)) throw new Budget('cycle');
    this.inProgress.add(node);
    try {
      if (isMap(node)) {
        const obj: Record<string, unknown> = {};
        for (const item of (node as YAMLMap).items) {
          if (!isPair(item)) continue;
          if (isMergeKey(item)) throw NEEDS_TRACKING;
          const key = keyText(item);
          if (key === undefined) continue;
          setKey(obj, key, this.value(item.value as Node | null, undefined, depth + 1, false));
        }
        return obj;
      }
      if (isSeq(node)) {
        const arr: unknown[] = [];
        for (const item of (node as YAMLSeq).items) arr.push(this.value(isPair(item) ? null : (item as Node | null), undefined, depth + 1, false));
        return arr;
      }
    } finally {
      this.inProgress.delete(node);
    }
    return null;
  }

  private refParam(node: Node): { name: string; value: unknown; node: Node } | undefined {
    if (!this.opts.params) return undefined;
    let name: string | undefined;
    if (isScalar(node) && node.tag === '!Ref' && typeof node.value === 'string') name = node.value;
    else if (isMap(node) && node.items.length === 1) {
      const p = node.items[0] as Pair;
      if (isPair(p) && keyText(p) === 'Ref' && isScalar(p.value) && typeof p.value.value === 'string') name = p.value.value;
    }
    if (name === undefined) return undefined;
    const r = this.opts.params(name);
    return r ? { name, value: r.value, node: r.node } : undefined;
  }

  private map(node: YAMLMap, depth: number, viaAlias: boolean): Record<string, unknown> {
    const obj: Record<string, unknown> = {};
    const slots = new Map<string, Slot>();
    let opaque = false;
    const merges: Pair[] = [];
    for (const item of node.items) {
      if (!isPair(item)) continue;
      if (isMergeKey(item)) {
        merges.push(item);
        continue;
      }
      const key = keyText(item);
      if (key === undefined) continue; // a complex key (`? [a, b]`): nothing a schema can name
      if (this.opts.cloudformation && key === 'Fn::Transform') opaque = true;
      const slot: Slot = { key: item.key as Node };
      setKey(obj, key, this.value(item.value as Node | null, slot, depth + 1, viaAlias));
      slots.set(key, slot); // a duplicate key: the last one wins, as in kubectl and CloudFormation
    }
    // Merge keys: the map's own keys win; among sources, the first one that has a key wins.
    for (const m of merges) {
      const sources = isSeq(m.value) ? (m.value as YAMLSeq).items : [m.value];
      for (const src of sources) {
        const slot: Slot = { key: m.key as Node };
        const merged = this.value(src as Node | null, slot, depth + 1, true);
        if (!merged || typeof merged !== 'object' || Array.isArray(merged) || slot.intrinsic) continue;
        const origin = this.origins.get(merged);
        if (!origin || origin.kind !== 'map') continue;
        if (origin.opaque) opaque = true;
        for (const [k, s] of origin.slots) {
          if (slots.has(k)) continue;
          setKey(obj, k, (merged as Record<string, unknown>)[k]);
          slots.set(k, { ...s, viaAlias: true });
        }
      }
    }
    this.origins.set(obj, { kind: 'map', node, slots, opaque });
    return obj;
  }

  private seq(node: YAMLSeq, depth: number, viaAlias: boolean): unknown[] {
    const arr: unknown[] = [];
    const slots: Slot[] = [];
    for (const item of node.items) {
      const slot: Slot = {};
      arr.push(this.value(isPair(item) ? null : (item as Node | null), slot, depth + 1, viaAlias));
      slots.push(slot);
    }
    this.origins.set(arr, { kind: 'seq', node, slots });
    return arr;
  }
}

/**
 * Converts `node` into a JS instance with its origins, or says why it would not: too many values
 * once aliases are expanded (an alias bomb), absurd nesting, an alias cycle. Never throws.
 */
export function toInstance(node: Node | null | undefined, opts: ConvertOptions = {}): { instance: Instance } | { skipped: Skipped } {
  if (!opts.cloudformation) {
    // The value first, without the way back (made when an error asks for it: LazyInstance).
    try {
      return { instance: new LazyInstance(new Converter(opts, false).value(node, undefined, 0, false), node, opts) };
    } catch (err) {
      if (err instanceof Budget) return { skipped: err.why };
      if (err !== NEEDS_TRACKING) return { skipped: 'depth' };
    }
  }
  return trackedInstance(node, opts);
}

/**
 * An instance whose slots and origins are made on first use, by a tracked conversion of the same node: its
 * value (equal to the untracked one) then replaces `value`, so that `origins` knows the objects reached from it.
 */
class LazyInstance implements Instance {
  private tracked: Instance | undefined;

  constructor(
    public value: unknown,
    private readonly node: Node | null | undefined,
    private readonly opts: ConvertOptions,
  ) {}

  private way(): Instance {
    if (!this.tracked) {
      const t = trackedInstance(this.node, this.opts);
      // The untracked conversion kept within the budgets, so the tracked one does (same nodes, same depth).
      this.tracked = 'instance' in t ? t.instance : { value: this.value, root: {}, origins: new WeakMap() };
      this.value = this.tracked.value;
    }
    return this.tracked;
  }

  get root(): Slot {
    return this.way().root;
  }

  get origins(): WeakMap<object, Origin> {
    return this.way().origins;
  }
}

function trackedInstance(node: Node | null | undefined, opts: ConvertOptions): { instance: Instance } | { skipped: Skipped } {
  const c = new Converter(opts);
  const root: Slot = {};
  try {
    const value = c.value(node, root, 0, false);
    return { instance: { value, root, origins: c.origins } };
  } catch (err) {
    if (err instanceof Budget) return { skipped: err.why };
    return { skipped: 'depth' }; // a stack overflow on pathological input
  }
}

/** JSON pointer (`/spec/containers/0`) → segments. */
export function pointerSegments(pointer: string): string[] {
  if (!pointer) return [];
  return pointer
    .slice(1)
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}

/** What a path of the instance leads to in the YAML. */
export interface Located {
  /** The slot of each step: `slots[0]` is the root; `slots[i]` the slot of `segments[i-1]`. */
  slots: Slot[];
  /** The value at the path (undefined if the path does not exist in the instance). */
  value: unknown;
  /** The path goes through (or ends at) an intrinsic or a map with `Fn::Transform`: unknown territory. */
  unknown: boolean;
  /** Some step came in through an alias or merge key. */
  viaAlias: boolean;
  /** The path exists all the way down. */
  complete: boolean;
}

export function locate(inst: Instance, segments: readonly string[]): Located {
  const slots: Slot[] = [inst.root];
  let value: unknown = inst.value;
  let unknown = !!inst.root.intrinsic;
  let viaAlias = !!inst.root.viaAlias;
  for (const seg of segments) {
    if (!value || typeof value !== 'object') return { slots, value: undefined, unknown, viaAlias, complete: false };
    const origin = inst.origins.get(value);
    if (!origin) return { slots, value: undefined, unknown, viaAlias, complete: false };
    let slot: Slot | undefined;
    if (origin.kind === 'map') {
      if (origin.opaque) unknown = true;
      slot = origin.slots.get(seg);
      value = slot ? (value as Record<string, unknown>)[seg] : undefined;
    } else {
      const i = /^\d+$/.test(seg) ? Number(seg) : -1;
      slot = origin.slots[i];
      value = slot ? (value as unknown[])[i] : undefined;
    }
    if (!slot) return { slots, value: undefined, unknown, viaAlias, complete: false };
    slots.push(slot);
    if (slot.intrinsic) unknown = true;
    if (slot.viaAlias) viaAlias = true;
  }
  if (value && typeof value === 'object') {
    const origin = inst.origins.get(value);
    if (origin?.kind === 'map' && origin.opaque) unknown = true;
  }
  return { slots, value, unknown, viaAlias, complete: true };
}

/** The origin of the object or array at a located path. */
export function originAt(inst: Instance, loc: Located): Origin | undefined {
  return loc.value && typeof loc.value === 'object' ? inst.origins.get(loc.value) : undefined;
}

/**
 * The nodes the fast parser builds: instances of `yaml`'s Scalar, YAMLMap, YAMLSeq and Pair (their prototypes,
 * `instanceof`, `isScalar`/`isMap`/… and every method), made without `yaml`'s constructors. Those define the
 * node's type as a property of each instance (`Object.defineProperty`, and a second one for a collection's
 * schema): a runtime call per node, some 4 % of the CLI's time and an 8-byte field on every node. Here the type
 * is on the prototype, where `yaml`'s type tests (`node[Symbol.for('yaml.node.type')]`) find it as well.
 */
import { Pair, Scalar, YAMLMap, YAMLSeq, type Node } from 'yaml';

const NODE_TYPE = Symbol.for('yaml.node.type');

function nodeOf(proto: object, type: string): void {
  Object.defineProperty(proto, NODE_TYPE, { value: Symbol.for(type), configurable: true, enumerable: false, writable: false });
}

/**
 * A scalar of the fast path. Its range, like a map's and a sequence's, is kept as three numbers and read as
 * `yaml`'s `[start, valueEnd, nodeEnd]` (a new array at each read). A range array is 72 bytes of heap beside the
 * node: kept for every node of every parsed document, and copied by every young-generation collection while a
 * large file or a workspace is parsed.
 */
export class RangedScalar {
  source: string | undefined = undefined;
  type: Scalar.Type | undefined = undefined;
  rangeStart = 0;
  rangeValueEnd = 0;
  rangeNodeEnd = 0;
  constructor(public value: unknown) {}
}
Object.setPrototypeOf(RangedScalar.prototype, Scalar.prototype);
nodeOf(RangedScalar.prototype, 'yaml.scalar');
/** A node whose range is three numbers (fast-path scalars, maps and sequences). */
interface Ranged {
  rangeStart: number;
  rangeValueEnd: number;
  rangeNodeEnd: number;
}

/** `range` on a prototype: read as `yaml`'s `[start, valueEnd, nodeEnd]` (a new array), written as one. */
function rangedOn(proto: object): void {
  Object.defineProperty(proto, 'range', {
    configurable: true,
    enumerable: false,
    get(this: Ranged): [number, number, number] {
      return [this.rangeStart, this.rangeValueEnd, this.rangeNodeEnd];
    },
    set(this: Ranged, r: [number, number, number] | undefined) {
      this.rangeStart = r?.[0] ?? 0;
      this.rangeValueEnd = r?.[1] ?? 0;
      this.rangeNodeEnd = r?.[2] ?? 0;
    },
  });
}
rangedOn(RangedScalar.prototype);

/** A new scalar of the fast path (a RangedScalar, typed as the `yaml` Scalar it is). */
export function newScalar(value: unknown): Scalar & RangedScalar {
  return new RangedScalar(value) as unknown as Scalar & RangedScalar;
}

/** A collection class of the fast path on `yaml`'s class `base` (one class each, so maps and sequences keep their own layout). */
function fastCollection(base: object, type: string): new () => Ranged & { items: unknown[] } {
  class FastCollection implements Ranged {
    items: unknown[] = [];
    rangeStart = 0;
    rangeValueEnd = 0;
    rangeNodeEnd = 0;
  }
  Object.setPrototypeOf(FastCollection.prototype, base);
  nodeOf(FastCollection.prototype, type);
  rangedOn(FastCollection.prototype);
  return FastCollection;
}
const FastMap = fastCollection(YAMLMap.prototype, 'yaml.map');
const FastSeq = fastCollection(YAMLSeq.prototype, 'yaml.seq');

class FastPair {
  constructor(
    public key: unknown,
    public value: unknown,
  ) {}
}
Object.setPrototypeOf(FastPair.prototype, Pair.prototype);
nodeOf(FastPair.prototype, 'yaml.pair');

export const newMap = (): YAMLMap => new FastMap() as unknown as YAMLMap;
export const newSeq = (): YAMLSeq => new FastSeq() as unknown as YAMLSeq;
export const newPair = (key: unknown, value: unknown): Pair => new FastPair(key, value) as unknown as Pair;

/** Sets where a node of the fast path ends (the third number of its range). */
export function setNodeEnd(node: Node, nodeEnd: number): void {
  if ((node as Partial<Ranged>).rangeNodeEnd !== undefined) (node as unknown as Ranged).rangeNodeEnd = nodeEnd;
  else node.range![2] = nodeEnd;
}

/** Where a node ends (the third number of its range), without making its range array. */
export function nodeEndOf(node: Node): number {
  const end = (node as Partial<Ranged>).rangeNodeEnd;
  return end !== undefined ? end : node.range![2];
}

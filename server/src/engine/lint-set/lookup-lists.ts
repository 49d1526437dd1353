/**
 * The resource index's lookup lists (resource-index.ts): each lookup set in lint-set order, its members near a
 * namespace, and what the lookups derive from them (same-name groups, pod owners of a selector), each made once
 * and handed out as the same array until the set changes. Checks may key their own derived data by these
 * arrays (a WeakMap): while the set is unchanged, every check asking the same question gets the same list.
 */
import type { Resource } from '../parse/document';

export const NONE: readonly Resource[] = [];

/** Namespaces match when equal, or when either is unset (`kubectl apply -n` places both). */
export function sameNamespace(a: Resource, b: Resource): boolean {
  return a.namespace === undefined || b.namespace === undefined || a.namespace === b.namespace;
}

export class LookupLists {
  /** Each lookup set in lint-set order, sorted once (a name in many files: long lists, looked up often). */
  private sortedSets = new WeakMap<Set<Resource>, Resource[]>();
  /** Each lookup set's members that could share a namespace, by that namespace. */
  private nearSets = new WeakMap<Set<Resource>, Map<string | undefined, readonly Resource[]>>();
  private readonly memo = new Map<string, unknown>();

  /** @param position where a resource is in lint-set order ([file, offset in it, order in its document]). */
  constructor(private readonly position: (r: Resource) => readonly [number, number, number]) {}

  /** Everything is made again: members came or went, or positions moved. */
  clear(): void {
    this.sortedSets = new WeakMap();
    this.nearSets = new WeakMap();
    this.memo.clear();
  }

  /** `set` in lint-set order, kept to `keep` (a new array). */
  sorted(set: Set<Resource> | undefined, keep?: (r: Resource) => boolean): Resource[] {
    if (!set) return [];
    let all = this.sortedSets.get(set);
    if (!all) {
      // One position lookup per resource, not one per comparison.
      const keyed = [...set].map((r) => ({ r, k: this.position(r) }));
      if (keyed.length > 1) keyed.sort((a, b) => a.k[0] - b.k[0] || a.k[1] - b.k[1] || a.k[2] - b.k[2]);
      all = keyed.map((x) => x.r);
      this.sortedSets.set(set, all);
    }
    return keep ? all.filter(keep) : all.slice();
  }

  /** The members of `set` that could share `near`'s namespace, in lint-set order: one list per set and namespace. */
  near(set: Set<Resource> | undefined, near: Resource): readonly Resource[] {
    if (!set) return NONE;
    let byNamespace = this.nearSets.get(set);
    if (!byNamespace) this.nearSets.set(set, (byNamespace = new Map()));
    let list = byNamespace.get(near.namespace);
    if (!list) byNamespace.set(near.namespace, (list = this.sorted(set, (r) => sameNamespace(r, near))));
    return list;
  }

  /** What `make` derives, once per `key` (which must say everything it depends on) until the lists change. */
  once<T>(key: string, make: () => T): T {
    if (this.memo.has(key)) return this.memo.get(key) as T;
    const v = make();
    this.memo.set(key, v);
    return v;
  }
}

/** A lookup's namespace in memo keys: what `sameNamespace` filters by. */
export const nsKey = (near: Resource) => (near.namespace === undefined ? '*' : `=${near.namespace}`);

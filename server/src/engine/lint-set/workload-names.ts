/**
 * Workload names per namespace and kind, for "did you mean" (hpa-target-exists, vpa-policy): counted (a name
 * can be written twice), and kept sorted and in a trie from change to change. Rebuilding the sorted list and
 * the trie of a namespace at each change cost a language server holding a workspace of thousands of
 * workloads milliseconds per namespace whenever a file came in or a name was typed.
 */
import { NameTrie } from '../near-names';

export class WorkloadNames {
  /** namespace → kind → name → how many workloads carry it. */
  private readonly counts = new Map<string, Map<string, Map<string, number>>>();
  /** Per namespace and kind: the distinct names, sorted as `Array#sort` sorts strings. */
  private readonly lists = new Map<string, string[]>();
  /** Per namespace and kind: the distinct non-empty names (an empty name is never a suggestion). */
  private readonly tries = new Map<string, NameTrie>();

  count(ns: string, kind: string, name: string): number {
    return this.counts.get(ns)?.get(kind)?.get(name) ?? 0;
  }

  namespaces(): IterableIterator<string> {
    return this.counts.keys();
  }

  /** Counts a workload's name in (`by` 1) or out (-1); the list and trie change when the name comes or goes. */
  change(ns: string, kind: string, name: string, by: 1 | -1): void {
    let kinds = this.counts.get(ns);
    if (!kinds) this.counts.set(ns, (kinds = new Map()));
    let names = kinds.get(kind);
    if (!names) kinds.set(kind, (names = new Map()));
    const count = names.get(name) ?? 0;
    if (count + by > 0) names.set(name, count + by);
    else names.delete(name);
    if ((count > 0) === (count + by > 0)) return;
    const k = `${ns}\u0000${kind}`;
    let list = this.lists.get(k);
    if (!list) this.lists.set(k, (list = []));
    const at = lowerBound(list, name);
    if (by > 0) list.splice(at, 0, name);
    else list.splice(at, 1);
    if (name === '') return;
    let trie = this.tries.get(k);
    if (!trie) this.tries.set(k, (trie = new NameTrie()));
    if (by > 0) trie.add(name);
    else trie.delete(name);
  }

  /** The distinct names of this kind in these namespaces, sorted: a new array (callers keep it as a cache key). */
  sortedIn(kind: string, namespaces: Iterable<string>): string[] {
    const lists: string[][] = [];
    for (const ns of namespaces) {
      const list = this.lists.get(`${ns}\u0000${kind}`);
      if (list?.length) lists.push(list);
    }
    if (lists.length === 0) return [];
    if (lists.length === 1) return lists[0].slice();
    if (lists.length === 2) return mergeDistinct(lists[0], lists[1]);
    return [...new Set(lists.flat())].sort();
  }

  /** The non-empty names of this kind in these namespaces within `limit` edits of `target` (NameTrie.within, in no order). */
  within(kind: string, namespaces: Iterable<string>, target: string, limit: number): { name: string; distance: number }[] {
    const out: { name: string; distance: number }[] = [];
    const seen = new Set<string>();
    for (const ns of namespaces) {
      for (const hit of this.tries.get(`${ns}\u0000${kind}`)?.within(target, limit) ?? []) {
        // A name in two namespaces is one candidate, at the same distance.
        if (!seen.has(hit.name)) seen.add(hit.name), out.push(hit);
      }
    }
    return out;
  }
}

/** The first index whose name sorts at or after `name` (the order `Array#sort` gives strings: UTF-16 code units). */
function lowerBound(list: readonly string[], name: string): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (list[mid] < name) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Two sorted lists of distinct names as one, each name once. */
function mergeDistinct(a: readonly string[], b: readonly string[]): string[] {
  const out: string[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    if (j >= b.length || (i < a.length && a[i] < b[j])) out.push(a[i++]);
    else if (i >= a.length || b[j] < a[i]) out.push(b[j++]);
    else out.push(a[i++]), j++;
  }
  return out;
}

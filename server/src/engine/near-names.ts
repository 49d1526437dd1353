/**
 * "Did you mean": the names within a small edit distance of a name, found by walking a trie of the
 * candidates with one row of the edit-distance table per trie node, and leaving a branch as soon as
 * every entry of its row is over the limit. With thousands of names (a rendered chart, a generated
 * lint set) this visits the few branches near the name instead of comparing it with every candidate.
 */

/**
 * Edit distance (insertions, deletions, substitutions). With `limit`, any distance above it may be
 * returned as `limit + 1`: the search stops once every path costs more.
 */
export function levenshtein(a: string, b: string, limit = Infinity): number {
  if (a === b) return 0;
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  let prev = new Array<number>(b.length + 1);
  let cur = new Array<number>(b.length + 1);
  for (let j = 0; j <= b.length; j++) prev[j] = j;
  for (let i = 1; i <= a.length; i++) {
    cur[0] = i;
    let best = i;
    for (let j = 1; j <= b.length; j++) {
      cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1));
      if (cur[j] < best) best = cur[j];
    }
    if (best > limit) return limit + 1;
    [prev, cur] = [cur, prev];
  }
  return prev[b.length];
}

interface TrieNode {
  children: Map<string, TrieNode>;
  /** The candidate that ends here. */
  name?: string;
}

export class NameTrie {
  private readonly root: TrieNode = { children: new Map() };

  constructor(names: Iterable<string> = []) {
    for (const name of names) this.add(name);
  }

  add(name: string): void {
    let node = this.root;
    for (const ch of units(name)) {
      let next = node.children.get(ch);
      if (!next) node.children.set(ch, (next = { children: new Map() }));
      node = next;
    }
    node.name = name;
  }

  /** Takes a name out, and the branch that led only to it (a trie kept across changes stays as small as a new one). */
  delete(name: string): void {
    const path: [TrieNode, string][] = [];
    let node = this.root;
    for (const ch of units(name)) {
      const next = node.children.get(ch);
      if (!next) return;
      path.push([node, ch]);
      node = next;
    }
    node.name = undefined;
    for (let i = path.length - 1; i >= 0; i--) {
      const [parent, ch] = path[i];
      const child = parent.children.get(ch)!;
      if (child.name !== undefined || child.children.size > 0) break;
      parent.children.delete(ch);
    }
  }

  /** Rows of the edit-distance table, one per trie depth, reused from one search to the next. */
  private rows: Int32Array[] = [];

  /** Every candidate at edit distance ≤ `limit` from `target` (insertions, deletions, substitutions), with its distance. */
  within(target: string, limit: number): { name: string; distance: number }[] {
    const chars = units(target);
    const n = chars.length;
    const out: { name: string; distance: number }[] = [];
    const rowAt = (depth: number): Int32Array => {
      let row = this.rows[depth];
      if (!row || row.length < n + 1) this.rows[depth] = row = new Int32Array(Math.max(n + 1, 16));
      return row;
    };
    const first = rowAt(0);
    for (let j = 0; j <= n; j++) first[j] = j;
    const walk = (node: TrieNode, depth: number): void => {
      const prev = this.rows[depth];
      if (node.name !== undefined && prev[n] <= limit) out.push({ name: node.name, distance: prev[n] });
      for (const [ch, child] of node.children) {
        const row = rowAt(depth + 1);
        row[0] = prev[0] + 1;
        let best = row[0];
        for (let j = 1; j <= n; j++) {
          const v = Math.min(prev[j] + 1, row[j - 1] + 1, prev[j - 1] + (chars[j - 1] === ch ? 0 : 1));
          row[j] = v;
          if (v < best) best = v;
        }
        if (best <= limit) walk(child, depth + 1);
      }
    };
    walk(this.root, 0);
    return out;
  }
}

/** UTF-16 code units, as `levenshtein` counts them. */
function units(s: string): string[] {
  const out = new Array<string>(s.length);
  for (let i = 0; i < s.length; i++) out[i] = s[i];
  return out;
}

/**
 * "Did you mean …?": the nearest valid names to a misspelled one.
 *
 * Distance is the optimal-string-alignment Damerau–Levenshtein distance on the lower-cased names
 * (an adjacent swap costs 1). Names that differ only in case are at 0.5, so `minreplicas` → `minReplicas`
 * always wins over a one-letter edit.
 */

/** Edit distance with adjacent transpositions (optimal string alignment), case-sensitive. */
export function editDistance(a: string, b: string): number {
  if (a === b) return 0;
  if (a.length === 0) return b.length;
  if (b.length === 0) return a.length;
  // Three rolling rows: i-2, i-1, i.
  let prev2 = new Array<number>(b.length + 1).fill(0);
  let prev = new Array<number>(b.length + 1);
  let cur = new Array<number>(b.length + 1);
  for (let j = 0; j <= b.length; j++) prev[j] = j;
  for (let i = 1; i <= a.length; i++) {
    cur[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, prev2[j - 2] + 1);
      cur[j] = d;
    }
    const t = prev2;
    prev2 = prev;
    prev = cur;
    cur = t;
  }
  return prev[b.length];
}

/** Distance between a name as written and a valid name: 0.5 when only the case differs. */
export function nameDistance(written: string, valid: string): number {
  if (written === valid) return 0;
  const d = editDistance(written.toLowerCase(), valid.toLowerCase());
  return d === 0 ? 0.5 : d;
}

/** The largest distance still worth suggesting for a name of this length. */
export function maxSuggestDistance(written: string): number {
  return Math.max(2, Math.floor(written.length / 3));
}

/**
 * The valid names nearest to `written` (all those tied at the best distance), or [] when none is
 * close enough: within max(2, length/3), and never a full rewrite of the name (distance < length).
 */
export function nearestNames(written: string, candidates: Iterable<string>): string[] {
  const limit = maxSuggestDistance(written);
  let best = Infinity;
  let out: string[] = [];
  for (const c of candidates) {
    if (c === written) continue;
    // Cheap bound: the length difference is a lower bound of the distance.
    if (Math.abs(c.length - written.length) > limit) continue;
    const d = nameDistance(written, c);
    if (d > limit || d >= written.length) continue;
    if (d < best) {
      best = d;
      out = [c];
    } else if (d === best && !out.includes(c)) out.push(c);
  }
  return out;
}

/** "`a`", "`a` or `b`", "`a`, `b` or `c`". */
export function orList(names: readonly string[]): string {
  const q = names.map((n) => `\`${n}\``);
  if (q.length <= 1) return q.join('');
  return `${q.slice(0, -1).join(', ')} or ${q[q.length - 1]}`;
}

/** "`a`", "`a` and `b`", "`a`, `b` and `c`". */
export function andList(names: readonly string[]): string {
  const q = names.map((n) => `\`${n}\``);
  if (q.length <= 1) return q.join('');
  return `${q.slice(0, -1).join(', ')} and ${q[q.length - 1]}`;
}

/**
 * "Did you mean" search (engine/near-names.ts): the trie walk finds exactly the names a brute-force
 * edit distance finds, with the same distances — on random names, on names sharing long prefixes (a
 * generated lint set), and on names with characters outside the Basic Multilingual Plane.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { levenshtein, NameTrie } from '../../../server/src/engine/near-names';
import { WorkloadNames } from '../../../server/src/engine/lint-set/workload-names';
import { prng } from '../../../scripts/bench/generate';

function brute(names: string[], target: string, limit: number): string[] {
  return names
    .map((name) => ({ name, distance: levenshtein(target, name) }))
    .filter((n) => n.distance <= limit)
    .map((n) => `${n.name}=${n.distance}`)
    .sort();
}

function viaTrie(names: string[], target: string, limit: number): string[] {
  return new NameTrie(names)
    .within(target, limit)
    .map((n) => `${n.name}=${n.distance}`)
    .sort();
}

test('the trie finds exactly the names within the limit, with their distances', () => {
  const rand = prng(1128);
  const alphabet = ['a', 'b', 'c', '-', '1', 'é', '😀'];
  const word = (max: number) => Array.from({ length: Math.floor(rand() * max) }, () => alphabet[Math.floor(rand() * alphabet.length)]).join('');
  for (let round = 0; round < 300; round++) {
    const names = [...new Set(Array.from({ length: 1 + Math.floor(rand() * 40) }, () => word(8)))];
    const target = rand() < 0.5 ? word(8) : names[Math.floor(rand() * names.length)] + word(2);
    const limit = Math.floor(rand() * 4);
    assert.deepEqual(viaTrie(names, target, limit), brute(names, target, limit), `${JSON.stringify(names)} ~ ${target} ≤ ${limit}`);
  }
});

test('names sharing prefixes (w0 … w4999): the same answers as comparing with every name', () => {
  const names = Array.from({ length: 5000 }, (_, i) => `w${i}`);
  for (const target of ['w1234', 'w12345', 'w', 'x1234', 'w99999', 'web-1']) {
    for (const limit of [1, 2]) assert.deepEqual(viaTrie(names, target, limit), brute(names, target, limit), `${target} ≤ ${limit}`);
  }
  assert.deepEqual(viaTrie(names, 'w1234', 0), ['w1234=0']);
});

test('levenshtein with a limit reports anything beyond it as limit + 1', () => {
  assert.equal(levenshtein('kitten', 'sitting'), 3);
  assert.equal(levenshtein('kitten', 'sitting', 2), 3);
  assert.equal(levenshtein('a', 'abcdef', 1), 2);
});

test('a trie and name lists kept across changes answer as ones built from the names present (WorkloadNames)', () => {
  const rand = prng(77);
  const alphabet = ['a', 'b', '-', '1', 'é', '😀'];
  const word = (max: number) => Array.from({ length: Math.floor(rand() * max) }, () => alphabet[Math.floor(rand() * alphabet.length)]).join('');
  const names = new WorkloadNames();
  /** What is counted in: namespace → name → count, for Deployments. */
  const present = new Map<string, Map<string, number>>();
  const pool = Array.from({ length: 60 }, () => word(6)); // '' among them: never a suggestion, still listed
  for (let step = 0; step < 2000; step++) {
    const ns = ['', 'a', 'b'][Math.floor(rand() * 3)];
    const name = pool[Math.floor(rand() * pool.length)];
    const counts = present.get(ns) ?? new Map<string, number>();
    present.set(ns, counts);
    const count = counts.get(name) ?? 0;
    // A name written twice goes only when both copies go.
    const by = count > 0 && rand() < 0.5 ? -1 : 1;
    names.change(ns, 'Deployment', name, by);
    if (count + by > 0) counts.set(name, count + by);
    else counts.delete(name);
    if (step % 20 !== 0) continue;
    for (const spaces of [['a', ''], ['b'], ['a', 'b', ''], ['a', 'a']]) {
      const all = [...new Set(spaces.flatMap((s) => [...(present.get(s)?.keys() ?? [])]))];
      assert.deepEqual(names.sortedIn('Deployment', spaces), [...all].sort(), `step ${step}`);
      const target = word(5);
      const found = names.within('Deployment', spaces, target, 2).map((n) => `${n.name}=${n.distance}`).sort();
      assert.deepEqual(found, viaTrie(all.filter((n) => n), target, 2), `step ${step}, ${target}`);
    }
  }
  assert.deepEqual(names.sortedIn('StatefulSet', ['a']), []);
});

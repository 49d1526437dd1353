/**
 * The fast parser's scalars keep their range as three numbers (RangedScalar): read, written and cloned as
 * `yaml`'s `[start, valueEnd, nodeEnd]`, with no array kept per scalar.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isMap, isScalar, parseDocument, type Node, type Pair, type Scalar, type YAMLMap } from 'yaml';
import { fastParse } from '../../../../server/src/engine/parse/fast';
import { RangedScalar } from '../../../../server/src/engine/parse/fast-scalars';

const TEXT = 'kind: HorizontalPodAutoscaler\nspec:\n  minReplicas: 1 # too few\n  tags: [a, "b"]\n';

function scalars(node: Node | null | undefined, out: Scalar[] = []): Scalar[] {
  if (isScalar(node)) out.push(node);
  else if (node && 'items' in node) for (const item of (node as YAMLMap).items) {
    if (isMap(node)) {
      scalars((item as Pair<Node, Node>).key, out);
      scalars((item as Pair<Node, Node>).value, out);
    } else scalars(item as unknown as Node, out);
  }
  return out;
}

test('every scalar of a fast parse keeps its range as numbers, read as yaml reads it', () => {
  const fast = scalars(fastParse(TEXT));
  const slow = scalars(parseDocument(TEXT).contents as Node);
  assert.equal(fast.length, slow.length);
  for (const [i, s] of fast.entries()) {
    assert.ok(s instanceof RangedScalar, `scalar ${String(s.value)} is a RangedScalar`);
    assert.equal(Object.getOwnPropertyDescriptor(s, 'range'), undefined, 'no range array of its own');
    assert.deepEqual(s.range, slow[i].range, `range of ${String(s.value)}`);
  }
});

test('a ranged scalar takes a new range, and its clone keeps its own', () => {
  const s = scalars(fastParse(TEXT)).find((x) => x.value === 1)!;
  const before = [...s.range!];
  const copy = s.clone() as Scalar;
  s.range = [1, 2, 3];
  assert.deepEqual(s.range, [1, 2, 3]);
  assert.deepEqual(copy.range, before);
  // A read is a fresh array: changing it changes nothing.
  s.range![0] = 99;
  assert.deepEqual(s.range, [1, 2, 3]);
});

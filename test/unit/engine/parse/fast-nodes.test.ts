/**
 * The fast parser's nodes (fast-nodes.ts): `yaml`'s classes without their constructors, the node type on the
 * prototype; scalars keep their range as three numbers (RangedScalar), read, written and cloned as `yaml`'s
 * `[start, valueEnd, nodeEnd]`, with no array kept per scalar.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isCollection, isMap, isNode, isPair, isScalar, isSeq, Pair, parseDocument, Scalar, YAMLMap, YAMLSeq, type Node } from 'yaml';
import { fastParse } from '../../../../server/src/engine/parse/fast';
import { RangedScalar } from '../../../../server/src/engine/parse/fast-nodes';

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

test('maps, sequences and pairs of a fast parse are yaml\'s, by every test yaml and the engine use', () => {
  const root = fastParse(TEXT) as YAMLMap<Scalar, Node>;
  assert.ok(root instanceof YAMLMap && isMap(root) && isCollection(root) && isNode(root));
  const spec = root.get('spec') as YAMLMap<Scalar, Node>;
  const pair = spec.items[0];
  assert.ok(pair instanceof Pair && isPair(pair) && !isNode(pair));
  const tags = spec.get('tags') as YAMLSeq;
  assert.ok(tags instanceof YAMLSeq && isSeq(tags) && !isMap(tags));
  assert.equal(tags.flow, true);
  assert.deepEqual(tags.toJSON(), ['a', 'b']);
  assert.deepEqual(root.toJSON(), parseDocument(TEXT).toJSON());
  // Collections keep their range as numbers too, read as yaml's.
  const slowRoot = parseDocument(TEXT).contents as YAMLMap<Scalar, Node>;
  const slowTags = (slowRoot.get('spec') as YAMLMap<Scalar, Node>).get('tags') as YAMLSeq;
  for (const [fast, slow] of [[root, slowRoot], [spec, slowRoot.get('spec') as YAMLMap], [tags, slowTags]] as const) {
    assert.equal(Object.getOwnPropertyDescriptor(fast, 'range'), undefined, 'no range array of its own');
    assert.deepEqual(fast.range, slow.range);
  }
  // The type is not an own property of each node: nodes are as small as their fields.
  for (const node of [root, pair, tags, tags.items[0] as Scalar]) assert.deepEqual(Object.getOwnPropertySymbols(node), []);
  // yaml's methods work on them: a copy is independent of the original.
  const copy = root.clone() as YAMLMap<Scalar, Node>;
  (copy.get('spec') as YAMLMap).set('minReplicas', 3);
  assert.equal((spec.get('minReplicas') as unknown as number), 1);
  assert.equal(((copy.get('spec') as YAMLMap).get('minReplicas') as unknown as number), 3);
});

test('map keys are read as written, past the bound of keys kept as one string too', async () => {
  const { keyTextOf } = await import('../../../../server/src/engine/parse/fast-scalars');
  const text = 'apiVersion: v1\nkind: Service\n';
  assert.equal(keyTextOf(text, 0, 10), 'apiVersion');
  assert.equal(keyTextOf(text, 15, 19), 'kind');
  // 5,000 distinct keys (more than are kept), then known and new ones: always the text at the range.
  for (let i = 0; i < 5000; i++) {
    const k = `key-${i}: x`;
    assert.equal(keyTextOf(k, 0, k.indexOf(':')), `key-${i}`);
  }
  assert.equal(keyTextOf(text, 0, 10), 'apiVersion');
  const long = 'x'.repeat(60) + ': 1';
  assert.equal(keyTextOf(long, 0, 60), 'x'.repeat(60));
});

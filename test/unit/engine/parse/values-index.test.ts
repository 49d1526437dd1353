/**
 * getPair reads large maps through a key index (a CloudFormation template's Resources or Parameters with
 * thousands of entries was read by a scan per lookup: quadratic). The index must answer as the scan does:
 * the first pair of a repeated key, undefined for an absent one, any key type the scan reads.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseDocument, isMap, type YAMLMap } from 'yaml';
import { getPair, keyText } from '../../../../server/src/engine/parse/values';

function scan(map: YAMLMap, key: string) {
  return map.items.find((p) => keyText(p) === key);
}

test('a large map: the same pair as a scan for every key, the first of a repeated key, nothing for an absent one', () => {
  const lines = Array.from({ length: 200 }, (_, i) => `k${i % 150}: ${i}`);
  lines.push('1: one', 'true: yes', '"quoted": q', 'null: n', '~: tilde');
  const map = parseDocument(lines.join('\n'), { uniqueKeys: false }).contents;
  assert.ok(isMap(map));
  for (const key of ['k0', 'k1', 'k149', 'k77', '1', 'true', 'quoted', 'nope', 'k150', '']) {
    assert.equal(getPair(map, key), scan(map, key), key);
  }
  assert.equal(String((getPair(map, 'k3')!.value as { value: unknown }).value), '3', 'first of a repeated key');
});

test('a small map is scanned; a map that changes length is indexed again', () => {
  const small = parseDocument('a: 1\nb: 2\n').contents as YAMLMap;
  assert.equal(keyText(getPair(small, 'b')!), 'b');
  const map = parseDocument(Array.from({ length: 40 }, (_, i) => `k${i}: ${i}`).join('\n')).contents as YAMLMap;
  assert.equal(getPair(map, 'added'), undefined);
  map.set('added', 1);
  assert.ok(getPair(map, 'added'), 'a key added after the first lookup is found');
});

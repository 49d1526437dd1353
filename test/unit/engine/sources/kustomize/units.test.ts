/** The small pieces: scalar resolution (go-yaml v3), scalar styles and key order (go-yaml v2), images, selectors, JSON pointers. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { resolveScalar } from '../../../../../server/src/engine/sources/kustomize/yaml-load.js';
import { compareKeys, formatNumber, formatString } from '../../../../../server/src/engine/sources/kustomize/scalar-style.js';
import { newImage, splitImage } from '../../../../../server/src/engine/sources/kustomize/transform-misc.js';
import { parseLabelSelector, riskyPattern } from '../../../../../server/src/engine/sources/kustomize/select.js';
import { applyJsonPatch, readOps } from '../../../../../server/src/engine/sources/kustomize/json6902.js';
import { toPlain } from '../../../../../server/src/engine/sources/kustomize/model.js';
import { parseYaml } from '../../../../../server/src/engine/sources/kustomize/yaml-load.js';

test('plain scalars resolve as go-yaml v3 resolves them', () => {
  const cases: Array<[string, unknown]> = [
    ['012', 10], ['0x1F', 31], ['1_000', 1000], ['1e3', 1000], ['.5', 0.5], ['0o17', 15], ['0b101', 5], ['+5', 5],
    ['yes', 'yes'], ['on', 'on'], ['True', true], ['FALSE', false], ['~', null], ['', null], ['Null', null],
    ['2001-12-14', '2001-12-14T00:00:00Z'], ['08', 8], ['1.2.3', '1.2.3'], ['-', '-'], ['.inf', '.inf'],
  ];
  for (const [raw, want] of cases) assert.equal(resolveScalar(raw, true).value, want, raw);
  assert.equal(resolveScalar('12345678901234567890', true).intText, '12345678901234567890');
  assert.equal(resolveScalar('012', false).value, '012');
  assert.equal(resolveScalar('5', true, 'tag:yaml.org,2002:str').value, '5');
});

test('strings are styled as go-yaml v2 writes them', () => {
  const cases: Array<[string, string]> = [
    ['web', 'web'], ['y', '"y"'], ['on', '"on"'], ['123', '"123"'], ['1e3', '"1e3"'], ['', '""'], ['~', '"~"'],
    ['2001-12-14', '"2001-12-14"'], ['*x', "'*x'"], ['a: b', "'a: b'"], ['a #b', "'a #b'"], ["it's", "it's"],
    [' x', "' x'"], ['x ', "'x '"], ['- x', "'- x'"], ['-', "'-'"], ['...', "'...'"], [':x', ':x'], ['a\tb', '"a\\tb"'],
    ['héllo', 'héllo'], ['1:20', '"1:20"'], ['<<', '"<<"'],
  ];
  for (const [s, want] of cases) assert.equal(formatString(s, false, 2), want, JSON.stringify(s));
  assert.equal(formatString('a\nb', false, 4), '|-\n    a\n    b');
  assert.equal(formatString('a\n', false, 2), '|\n  a');
  assert.equal(formatString('a\nb\n\n', false, 2), '|+\n  a\n  b\n');
  assert.equal(formatString('  a\nb', false, 2), '|2-\n    a\n  b');
  assert.equal(formatString('n', true, 0), '"n"');
  assert.equal(formatNumber(1e21), '1e+21');
  assert.equal(formatNumber(1e-7), '1e-07');
  assert.equal(formatNumber(0.5), '0.5');
  assert.equal(formatNumber(3), '3');
});

test('keys sort in go-yaml v2 order (digits as numbers, non-letters first)', () => {
  const keys = ['k10', 'ab', 'a1', 'K1', '_x', 'a.b', '1', 'k9', 'a-b'];
  assert.deepEqual([...keys].sort(compareKeys), ['_x', '1', 'K1', 'a-b', 'a.b', 'a1', 'ab', 'k9', 'k10']);
});

test('images split and change as kustomize does', () => {
  assert.deepEqual(splitImage('registry:5000/team/app:1.0@sha256:abc'), { name: 'registry:5000/team/app', tag: '1.0', digest: 'sha256:abc' });
  assert.deepEqual(splitImage('nginx'), { name: 'nginx', tag: '', digest: '' });
  assert.equal(newImage('nginx:1.0', { name: 'nginx', newTag: '2.0', org: { file: '', start: 0, end: 0 } }), 'nginx:2.0');
  assert.equal(newImage('nginx:1.0', { name: 'nginx', digest: 'sha256:x', org: { file: '', start: 0, end: 0 } }), 'nginx@sha256:x');
  assert.equal(newImage('nginx@sha256:y', { name: 'nginx', newName: 'my/nginx', org: { file: '', start: 0, end: 0 } }), 'my/nginx@sha256:y');
});

test('label selectors parse; nested repetitions are refused', () => {
  assert.deepEqual(parseLabelSelector('a=b, c!=d,e in (x, y),!f,g'), [
    { key: 'a', op: 'eq', values: ['b'] }, { key: 'c', op: 'ne', values: ['d'] }, { key: 'e', op: 'in', values: ['x', 'y'] },
    { key: 'f', op: 'notexists', values: [] }, { key: 'g', op: 'exists', values: [] },
  ]);
  assert.equal(typeof parseLabelSelector('a=(b'), 'string');
  assert.equal(riskyPattern('(a+)+$'), true);
  assert.equal(riskyPattern('api-.*|web'), false);
});

test('JSON pointers with ~0, ~1 and - work on the tree', () => {
  const doc = parseYaml('a: {"b/c": 1, "d~e": [1, 2]}\n', 'f').docs[0]!;
  const ops = readOps(parseYaml('- {op: replace, path: /a/b~1c, value: 2}\n- {op: add, path: /a/d~0e/-, value: 3}\n- {op: add, path: /a/d~0e/0, value: 0}\n', 'p').docs[0]!);
  assert.ok(Array.isArray(ops));
  assert.equal(applyJsonPatch(doc, ops, 'o'), undefined);
  assert.deepEqual(toPlain(doc), { a: { 'b/c': 2, 'd~e': [0, 1, 2, 3] } });
});

/**
 * The threat model of SECURITY.md, as tests: a `.scalelint.yaml` and editor settings are data only (no
 * code, no prototype pollution, wrong types ignored, a size limit), and `ignore` patterns only ever
 * exclude files below their folder, in time bounded by the pattern's size (no backtracking regex).
 * Hostile patterns run under a test timeout: a regression to a backtracking matcher fails as a hang.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { defaultConfig, mergeConfig, parseConfig } from '../../../server/src/engine';
import { configFromSettings } from '../../../server/src/node/config-files';
import { compileGlob, IgnoreList } from '../../../server/src/node/ignore';

const NO_HANG = { timeout: 60_000 };

test('config: YAML tags that other parsers turn into code stay data', () => {
  const text = 'minReplicasFloor: !!js/function "function () { globalThis.pwned = true }"\nrules: !!python/object:os.system {}\n';
  const loaded = parseConfig(text);
  assert.equal((globalThis as { pwned?: boolean }).pwned, undefined);
  assert.equal(loaded.config.minReplicasFloor, defaultConfig().minReplicasFloor);
  assert.ok(loaded.problems.length > 0, 'the wrong values are reported');
});

test('config: __proto__ and constructor keys reach no prototype, from a file or from settings', () => {
  const fromFile = parseConfig('__proto__: {polluted: 1}\nrules: {__proto__: {min-replicas: off}, constructor: off}\n');
  assert.ok(fromFile.problems.some((p) => /__proto__/.test(p.message)));
  const fromSettings = configFromSettings(JSON.parse('{"__proto__": {"polluted": 1, "minReplicasFloor": 9}, "rules": {"__proto__": {"min-replicas": "off"}}}'));
  for (const c of [fromFile.config, fromSettings]) {
    assert.equal(Object.getPrototypeOf(c), Object.prototype);
    assert.equal(Object.getPrototypeOf(c.rules), Object.prototype);
    assert.equal(c.rules['min-replicas'], undefined);
    assert.equal(c.minReplicasFloor, 2);
  }
  assert.equal(({} as { polluted?: number }).polluted, undefined);
});

test('settings: values of the wrong type are ignored, not trusted (a workspace settings.json can hold anything)', () => {
  const c = mergeConfig(defaultConfig(), {
    minReplicasFloor: '3',
    maxFileSizeBytes: -5,
    scaleUpWithinSeconds: Infinity,
    rules: { 'min-replicas': 'bogus', 'readiness-probe': 'off', 'liveness-probe': 7 },
    utilizationTargets: { cpu: { min: 'x', max: 90 }, memory: [1, 2] },
    ignore: ['ok/', 5, { a: 1 }],
    unknownKey: true,
  });
  assert.equal(c.minReplicasFloor, 2);
  assert.equal(c.maxFileSizeBytes, defaultConfig().maxFileSizeBytes);
  assert.equal(c.scaleUpWithinSeconds, 120);
  assert.deepEqual(c.rules, { 'readiness-probe': 'off' });
  assert.deepEqual(c.utilizationTargets, { cpu: { min: 50, max: 90 }, memory: { min: 60, max: 85 } });
  assert.deepEqual(c.ignore, ['ok/']);
  assert.ok(!('unknownKey' in c));
});

test('config: a file over 64 KB is not read (one problem, the defaults apply)', NO_HANG, () => {
  const text = Array.from({ length: 20000 }, (_, i) => `k${i}: 1`).join('\n');
  const loaded = parseConfig(text);
  assert.equal(loaded.problems.length, 1);
  assert.match(loaded.problems[0].message, /not read/);
  assert.deepEqual(loaded.config, defaultConfig());
});

test('config: thousands of unknown keys and a duplicate key are reported without a quadratic walk', NO_HANG, () => {
  const many = parseConfig(Array.from({ length: 5000 }, (_, i) => `k${i}: 1`).join('\n'));
  assert.equal(many.problems.length, 100); // at most 100 problems a file
  const dup = parseConfig('rules:\n  min-replicas: off\n  min-replicas: error\n');
  assert.deepEqual(dup.problems.map((p) => p.message), ['The config file is not valid YAML: the key `min-replicas` appears twice in one mapping.']);
});

test('ignore: patterns only exclude below their folder; nothing outside it is ever matched', () => {
  const list = new IgnoreList(['**', '../**', '/etc/**', '../../secrets', '*']);
  assert.equal(list.ignores('a.yaml'), true);
  for (const outside of ['../x.yaml', '../../secrets/a.yaml', '..', '']) assert.equal(list.ignores(outside), false, outside);
});

test('ignore: hostile patterns are matched in bounded time (no regex backtracking)', NO_HANG, () => {
  const deep = Array.from({ length: 60 }, () => 'a').join('/');
  const hostile = ['**/'.repeat(40) + 'x', `${'*a'.repeat(30)}b`, `${'{a,b}'.repeat(20)}`, `${'[a-z]*'.repeat(30)}!`, '**/**/**/**/**/**/**/**/**/**/**/**/z/**'];
  for (const p of hostile) {
    const glob = compileGlob(p);
    if (glob) {
      assert.equal(glob.test(deep), false, p);
      assert.equal(glob.test(`${'a'.repeat(200)}/${'a'.repeat(200)}`), false, p);
    }
  }
  assert.equal(compileGlob('{a,b}'.repeat(20)), undefined, '2^20 alternatives are refused');
  assert.equal(compileGlob('**/'.repeat(40) + 'x')!.test(`${deep}/x`), true);
});

test('ignore: the usual globs keep their meaning', () => {
  const cases: [string, string, boolean][] = [
    ['charts/**', 'charts/web/templates/hpa.yaml', true],
    ['**/templates/**', 'a/templates/b.yaml', true],
    ['*.gen.yaml', 'x/y/z.gen.yaml', true],
    ['*.gen.yaml', 'x/y/z.yaml', false],
    ['env-[!p]*.yaml', 'env-dev.yaml', true],
    ['env-[!p]*.yaml', 'env-prod.yaml', false],
    ['env-[a-d]ev.yaml', 'env-dev.yaml', true],
    ['a/{b,c/{d,e}}/f.yaml', 'a/c/e/f.yaml', true],
    ['a/{b,c/{d,e}}/f.yaml', 'a/c/f.yaml', false],
    ['a?c.yaml', 'a/c.yaml', false],
  ];
  for (const [pattern, path, expected] of cases) assert.equal(new IgnoreList([pattern]).ignores(path), expected, `${pattern} ${path}`);
});

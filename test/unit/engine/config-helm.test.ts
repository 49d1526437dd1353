/**
 * `.scalelint.yaml` key `helm:` (SPEC §8): validated as data, merged from editor settings part by part, and
 * turned into the renderer's options (value files relative to the config file, `set` as --set expressions).
 * Run: node --import tsx --test test/unit/engine/config-helm.test.ts
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { defaultConfig, mergeConfig, parseConfig } from '../../../server/src/engine';
import { enginePath, helmOptionsOf, mergeHelmOptions } from '../../../server/src/node/sources';

test('helm: every key applies; the default is no options', () => {
  assert.deepEqual(defaultConfig().helm, {});
  const { config, problems } = parseConfig('helm:\n  valueFiles: [values-prod.yaml, ci/extra.yaml]\n  set:\n    autoscaling.enabled: true\n    image.tag: "1.2,3"\n    replicaCount: 3\n  releaseName: web\n  namespace: shop\n');
  assert.deepEqual(problems, []);
  assert.deepEqual(config.helm, {
    valueFiles: ['values-prod.yaml', 'ci/extra.yaml'],
    set: { 'autoscaling.enabled': true, 'image.tag': '1.2,3', replicaCount: 3 },
    releaseName: 'web',
    namespace: 'shop',
  });
});

test('helm: an unknown key or a wrong type is one problem naming it, and the default is used', () => {
  const unknown = parseConfig('helm:\n  values: [prod.yaml]\n');
  assert.deepEqual(unknown.problems.map((p) => p.key), ['helm.values']);
  assert.match(unknown.problems[0]!.message, /Unknown setting `helm\.values`/);
  assert.deepEqual(unknown.config.helm, {});
  const wrong = parseConfig('helm:\n  valueFiles: prod.yaml\n  set: {a: [1]}\n');
  assert.deepEqual(wrong.problems.map((p) => p.key).sort(), ['helm.set.a', 'helm.valueFiles']);
  assert.deepEqual(wrong.config.helm, {});
  // The problem points at the key in the file.
  const text = 'helm:\n  namespace: 3\n';
  const bad = parseConfig(text);
  assert.equal(text.slice(bad.problems[0]!.start, bad.problems[0]!.end), 'namespace');
});

test('helm from editor settings: the parts of the right type are taken, the rest ignored', () => {
  const config = mergeConfig(defaultConfig(), { helm: { valueFiles: ['a.yaml', 3], set: { x: 1, y: { no: 1 }, __proto__: 'p' }, releaseName: 7, namespace: 'ns' } });
  assert.deepEqual(config.helm, { valueFiles: ['a.yaml'], set: { x: 1 }, namespace: 'ns' });
  assert.deepEqual(mergeConfig(defaultConfig(), { helm: 'prod' }).helm, {});
});

test('helmOptionsOf: value files relative to the config file (or the chart without one), set as --set, kubernetesVersion', () => {
  const { config } = parseConfig('kubernetesVersion: "1.30"\nhelm:\n  valueFiles: [env/prod.yaml]\n  set: {autoscaling.enabled: true, image.tag: "a,b", empty: null}\n  releaseName: web\n');
  const options = helmOptionsOf(config, '/repo/.scalelint.yaml', 'repo/charts/web');
  assert.deepEqual(options, {
    valueFiles: [enginePath('/repo/env/prod.yaml')],
    set: ['autoscaling.enabled=true', 'image.tag=a\\,b', 'empty=null'],
    releaseName: 'web',
    kubernetesVersion: '1.30',
  });
  assert.deepEqual(helmOptionsOf(config, undefined, 'repo/charts/web').valueFiles, [enginePath('/repo/charts/web/env/prod.yaml')]);
  // The command line's options come after the config's: its value files are merged last, its --set wins.
  assert.deepEqual(mergeHelmOptions(options, { valueFiles: ['cli.yaml'], set: ['autoscaling.enabled=false'], releaseName: undefined }), {
    ...options,
    valueFiles: [...options.valueFiles!, 'cli.yaml'],
    set: [...options.set!, 'autoscaling.enabled=false'],
  });
});

/**
 * Bad input: a problem at the entry that caused it, never a throw or a hang; what can be built still is.
 * Where kubectl refuses the input, the problem is an error (checked by hand with kubectl v1.32 /
 * kustomize v5.5.0: broken patch YAML, missing resource, cycle, a JSON-patch path that does not exist);
 * remote resources, helmCharts and generators are skipped with one info each.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildKustomization } from '../../../../../server/src/engine/sources/kustomize/index.js';
import type { RenderProblem, RenderResult } from '../../../../../server/src/engine/sources/rendered.js';
import { memoryReader, yamlData } from './helpers.js';

const HPA = `apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata:
  name: web
spec:
  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: web}
  minReplicas: 2
  maxReplicas: 5
`;

function only(r: RenderResult, severity: RenderProblem['severity']): RenderProblem[] {
  return r.problems.filter((p) => p.severity === severity);
}

/** The problem's range text in its file. */
function at(files: Record<string, string>, p: RenderProblem): string {
  return files[p.file]!.slice(p.start, p.end);
}

test('broken YAML in a patch file: an error in the patch, the resources still built', () => {
  const files = {
    'o/kustomization.yaml': 'resources:\n- hpa.yaml\npatches:\n- path: bad.yaml\n',
    'o/hpa.yaml': HPA,
    'o/bad.yaml': 'apiVersion: autoscaling/v2\nkind: HorizontalPodAutoscaler\nmetadata:\n  name: web\nspec: [minReplicas: 1\n',
  };
  const r = buildKustomization(memoryReader(files), 'o');
  const errs = only(r, 'error');
  assert.equal(errs.length, 1);
  assert.equal(errs[0]!.file, 'o/bad.yaml');
  assert.match(errs[0]!.message, /invalid YAML/);
  assert.deepEqual((yamlData(r.documents[0]!.text)[0] as { spec: { minReplicas: number } }).spec.minReplicas, 2);
});

test('broken YAML in an inline patch: the error points into kustomization.yaml', () => {
  const files = {
    'o/kustomization.yaml': 'resources:\n- hpa.yaml\npatches:\n- patch: |-\n    apiVersion: autoscaling/v2\n    kind: HorizontalPodAutoscaler\n    metadata: {name: web\n',
    'o/hpa.yaml': HPA,
  };
  const r = buildKustomization(memoryReader(files), 'o');
  const errs = only(r, 'error');
  assert.equal(errs.length, 1);
  assert.equal(errs[0]!.file, 'o/kustomization.yaml');
  assert.ok(errs[0]!.start > files['o/kustomization.yaml'].indexOf('patch: |-'));
});

test('a missing resource: an error at its entry, the other resources built', () => {
  const files = { 'o/kustomization.yaml': 'resources:\n- hpa.yaml\n- nothere.yaml\n- ../gone\n', 'o/hpa.yaml': HPA };
  const r = buildKustomization(memoryReader(files), 'o');
  const errs = only(r, 'error');
  assert.deepEqual(errs.map((e) => at(files, e)), ['nothere.yaml', '../gone']);
  assert.equal(yamlData(r.documents[0]!.text).length, 1);
});

test('a cycle of kustomizations: an error at the entry that closes it, no hang', () => {
  const files = {
    'a/kustomization.yaml': 'resources:\n- ../b\n- hpa.yaml\n',
    'a/hpa.yaml': HPA,
    'b/kustomization.yaml': 'resources:\n- ../a\n',
  };
  const r = buildKustomization(memoryReader(files), 'a');
  const errs = only(r, 'error');
  assert.equal(errs.length, 1);
  assert.equal(errs[0]!.file, 'b/kustomization.yaml');
  assert.equal(at(files, errs[0]!), '../a');
  assert.match(errs[0]!.message, /cycle/);
  const self = buildKustomization(memoryReader({ 's/kustomization.yaml': 'resources:\n- .\n' }), 's');
  assert.match(only(self, 'error')[0]!.message, /cycle/);
});

test('a JSON 6902 path that does not exist: an error at the operation (kubectl fails too)', () => {
  const files = {
    'o/kustomization.yaml': [
      'resources:\n- hpa.yaml\npatches:\n- target: {kind: HorizontalPodAutoscaler}\n  patch: |-\n',
      '    - op: add\n      path: /spec/behavior/scaleDown/policies/0\n      value: {type: Pods, value: 1, periodSeconds: 60}\n',
      '- target: {kind: HorizontalPodAutoscaler}\n  patch: |-\n    - op: remove\n      path: /spec/metrics\n',
      '- target: {kind: HorizontalPodAutoscaler}\n  patch: |-\n    - op: test\n      path: /spec/maxReplicas\n      value: 6\n',
    ].join(''),
    'o/hpa.yaml': HPA,
  };
  const r = buildKustomization(memoryReader(files), 'o');
  const errs = only(r, 'error');
  assert.equal(errs.length, 3);
  assert.match(errs[0]!.message, /^add operation does not apply: doc is missing path: "\/spec\/behavior\/scaleDown\/policies\/0"/);
  assert.match(at(files, errs[0]!), /^op: add/);
  assert.match(errs[1]!.message, /Unable to remove nonexistent key: metrics/);
  assert.match(errs[2]!.message, /testing value \/spec\/maxReplicas failed/);
});

test('replace on a missing key of an existing map adds it, as kustomize does', () => {
  const files = {
    'o/kustomization.yaml': 'resources:\n- hpa.yaml\npatches:\n- target: {kind: HorizontalPodAutoscaler}\n  patch: |-\n    - op: replace\n      path: /spec/minReplicas2\n      value: 1\n',
    'o/hpa.yaml': HPA,
  };
  const r = buildKustomization(memoryReader(files), 'o');
  assert.deepEqual(only(r, 'error'), []);
  assert.equal((yamlData(r.documents[0]!.text)[0] as { spec: Record<string, unknown> }).spec['minReplicas2'], 1);
});

test('remote resources, helmCharts and generators: one info each at the entry, the rest built', () => {
  const files = {
    'o/kustomization.yaml': [
      'resources:\n- hpa.yaml\n- https://github.com/example/repo//deploy?ref=v1\n- github.com/example/other/base\n',
      'helmCharts:\n- name: redis\n  repo: https://charts.example.com\n',
      'configMapGenerator:\n- name: cfg\n  literals: [a=b]\n',
      'secretGenerator:\n- name: sec\n  literals: [a=b]\n',
      'generators:\n- gen.yaml\n',
    ].join(''),
    'o/hpa.yaml': HPA,
  };
  const r = buildKustomization(memoryReader(files), 'o');
  assert.deepEqual(only(r, 'error'), []);
  const infos = only(r, 'info');
  assert.equal(infos.length, 6);
  assert.deepEqual(infos.map((i) => at(files, i).split('\n')[0]), [
    'https://github.com/example/repo//deploy?ref=v1', 'github.com/example/other/base', 'name: cfg', 'name: sec', 'gen.yaml', 'name: redis',
  ]);
  assert.equal(yamlData(r.documents[0]!.text).length, 1);
});

test('a strategic merge patch that matches nothing, a Component in resources, an unknown field: errors', () => {
  const files = {
    'o/kustomization.yaml': 'resources:\n- hpa.yaml\n- ../c\npatches:\n- patch: |-\n    apiVersion: apps/v1\n    kind: Deployment\n    metadata: {name: nope}\n    spec: {replicas: 1}\nbogus: 1\n',
    'o/hpa.yaml': HPA,
    'c/kustomization.yaml': 'kind: Component\n',
  };
  const r = buildKustomization(memoryReader(files), 'o');
  const msgs = only(r, 'error').map((e) => e.message);
  assert.equal(msgs.length, 3);
  assert.ok(msgs.some((m) => /unknown field "bogus"/.test(m)));
  assert.ok(msgs.some((m) => /expected kind != 'Component'/.test(m)));
  assert.ok(msgs.some((m) => /no matches for Id Deployment.apps\/v1 nope/.test(m)));
});

test('no kustomization at the root: one error, no document', () => {
  const r = buildKustomization(memoryReader({ 'x/hpa.yaml': HPA }), 'x');
  assert.equal(r.documents.length, 0);
  assert.equal(only(r, 'error').length, 1);
});

test('hostile input stays bounded: an alias bomb, a wide diamond of includes, a huge regex target', () => {
  let bomb = 'a: &a ["x","x","x","x","x","x","x","x","x","x"]\n';
  for (let i = 0; i < 12; i++) bomb += `${String.fromCharCode(98 + i)}: &${String.fromCharCode(98 + i)} [*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)}]\n`;
  const files: Record<string, string> = {
    'o/kustomization.yaml': 'resources:\n- bomb.yaml\n- ../d0\npatches:\n- target: {name: "(a+)+$"}\n  patch: |-\n    - op: add\n      path: /x\n      value: 1\n',
    'o/bomb.yaml': `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: bomb}\ndata:\n  ${bomb.replace(/\n/g, '\n  ')}`,
  };
  for (let i = 0; i < 20; i++) files[`d${i}/kustomization.yaml`] = i === 19 ? 'resources:\n- hpa.yaml\n' : `resources:\n- ../d${i + 1}\n- ../d${i + 1}\n`;
  files['d19/hpa.yaml'] = HPA;
  files['o/deep.yaml'] = `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: deep}\ndata: ${'['.repeat(5000)}${']'.repeat(5000)}\n`;
  files['o/kustomization.yaml'] = files['o/kustomization.yaml'].replace('- ../d0\n', '- deep.yaml\n- ../d0\n');
  const t0 = Date.now();
  const r = buildKustomization(memoryReader(files), 'o');
  assert.ok(Date.now() - t0 < 10_000, 'bounded time');
  const errs = only(r, 'error');
  assert.ok(errs.some((e) => e.file === 'o/bomb.yaml'), 'alias bomb refused');
  assert.ok(errs.some((e) => e.file === 'o/deep.yaml'), 'deep nesting refused');
  assert.ok(errs.some((e) => /too many kustomizations/.test(e.message)), 'include diamond cut off');
  assert.ok(errs.some((e) => /nests repetitions/.test(e.message)), 'risky target pattern refused');
});

test('a long list merges in linear time, patch elements first', () => {
  const env = (n: number, v: string): string => Array.from({ length: n }, (_, i) => `        - {name: E${i}, value: "${v}${i}"}`).join('\n');
  const deploy = (v: string, n: number): string =>
    `apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: big}\nspec:\n  template:\n    spec:\n      containers:\n      - name: c\n        env:\n${env(n, v)}\n`;
  const files = { 'k/kustomization.yaml': 'resources:\n- d.yaml\npatches:\n- path: p.yaml\n', 'k/d.yaml': deploy('base', 3000), 'k/p.yaml': deploy('patch', 10) };
  const r = buildKustomization(memoryReader(files), 'k');
  assert.deepEqual(only(r, 'error'), []);
  const d = yamlData(r.documents[0]!.text)[0] as { spec: { template: { spec: { containers: Array<{ env: Array<{ name: string; value: string }> }> } } } };
  const out = d.spec.template.spec.containers[0]!.env;
  assert.equal(out.length, 3000);
  assert.deepEqual(out[0], { name: 'E0', value: 'patch0' });
  assert.deepEqual(out[10], { name: 'E10', value: 'base10' });
});

test('a replacement whose source or target field is missing: an error at the replacement', () => {
  const files = {
    'o/kustomization.yaml': [
      'resources:\n- hpa.yaml\nreplacements:\n',
      '- source: {kind: ConfigMap, name: nope}\n  targets: [{select: {kind: HorizontalPodAutoscaler}, fieldPaths: [spec.maxReplicas]}]\n',
      '- source: {kind: HorizontalPodAutoscaler, name: web, fieldPath: spec.minReplicas}\n  targets: [{select: {kind: HorizontalPodAutoscaler}, fieldPaths: [spec.nothere.x]}]\n',
    ].join(''),
    'o/hpa.yaml': HPA,
  };
  const r = buildKustomization(memoryReader(files), 'o');
  const errs = only(r, 'error');
  assert.equal(errs.length, 2);
  assert.match(errs[0]!.message, /nothing selected/);
  assert.match(errs[1]!.message, /unable to find field "spec.nothere.x" in replacement target/);
  assert.equal(errs[0]!.file, 'o/kustomization.yaml');
});

/** `.scalelint.yaml`: data only, validated; each bad key is named and falls back to its default. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseConfig, defaultConfig } from '../../../server/src/engine';
import { findingsOf } from '../../helpers/lint';

test('a good config applies every key', () => {
  const { config, problems } = parseConfig(
    'rules:\n  liveness-probe: off\n  min-replicas: error\nminReplicasFloor: 3\nmaxReplicasCeiling: 50\nutilizationTargets:\n  cpu: {min: 40, max: 70}\n',
  );
  assert.deepEqual(problems, []);
  assert.deepEqual(config.rules, { 'liveness-probe': 'off', 'min-replicas': 'error' });
  assert.equal(config.minReplicasFloor, 3);
  assert.equal(config.maxReplicasCeiling, 50);
  assert.deepEqual(config.utilizationTargets.cpu, { min: 40, max: 70 });
  assert.deepEqual(config.utilizationTargets.memory, defaultConfig().utilizationTargets.memory);
});

test('a mistyped rule id is named with a suggestion; the other rule settings still apply', () => {
  const { config, problems } = parseConfig('rules: {min-replica: off, readiness-probe: off}\n');
  assert.equal(problems.length, 1);
  assert.equal(problems[0].key, 'rules.min-replica');
  assert.match(problems[0].message, /Unknown rule id `min-replica` in `rules`; did you mean `min-replicas`\?/);
  assert.deepEqual(config.rules, { 'readiness-probe': 'off' });
});

test('a wrong type, a bad severity and an unknown setting: one problem each, at the key, defaults used', () => {
  const text = 'minReplicasFloor: two\nrules:\n  schema: loud\nminReplicaFloor: 3\n';
  const { config, problems } = parseConfig(text);
  const byKey = Object.fromEntries(problems.map((p) => [p.key, p]));
  assert.deepEqual(Object.keys(byKey).sort(), ['minReplicaFloor', 'minReplicasFloor', 'rules.schema']);
  assert.match(byKey.minReplicasFloor.message, /must be integer/);
  assert.match(byKey['rules.schema'].message, /must be one of error, warning, info, off/);
  assert.match(byKey.minReplicaFloor.message, /did you mean `minReplicasFloor`\?/);
  assert.equal(text.slice(byKey.minReplicasFloor.start, byKey.minReplicasFloor.end), 'minReplicasFloor');
  assert.equal(config.minReplicasFloor, 2);
  assert.deepEqual(config.rules, {});
});

test('min above max in a utilization range falls back to the default range', () => {
  const { config, problems } = parseConfig('utilizationTargets:\n  cpu: {min: 90, max: 60}\n');
  assert.equal(problems.length, 1);
  assert.match(problems[0].message, /min \(90\) is above max \(60\)/);
  assert.deepEqual(config.utilizationTargets.cpu, { min: 50, max: 80 });
});

test('broken YAML, a list, and an empty file', () => {
  assert.match(parseConfig('rules: [\n').problems[0].message, /not valid YAML/);
  assert.match(parseConfig('- a\n- b\n').problems[0].message, /must be a mapping/);
  assert.deepEqual(parseConfig('').problems, []);
  assert.deepEqual(parseConfig('# only a comment\n').problems, []);
});

test('config is data: tags, anchors and code-looking values are only values', () => {
  const { problems } = parseConfig('minReplicasFloor: !!js/function "function(){ return 1 }"\n');
  assert.equal(problems.length, 1);
  assert.equal(problems[0].key, 'minReplicasFloor');
  const bomb = 'a: &a [x, x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]\n';
  const r = parseConfig(bomb);
  assert.ok(r.problems.length >= 1, 'an alias bomb is refused, not expanded');
});

const HPA = 'apiVersion: autoscaling/v2\nkind: HorizontalPodAutoscaler\nmetadata: {name: w}\nspec:\n  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: w}\n  minReplicas: 1\n  maxReplicas: 5\n';

test('severity settings: off silences a rule, a severity overrides all its findings', () => {
  assert.deepEqual(findingsOf(HPA, 'min-replicas', { config: 'rules: {min-replicas: off}\n' }), []);
  assert.deepEqual(findingsOf(HPA, 'min-replicas', { config: 'rules: {min-replicas: error}\n' }), ['6:16 error minReplicas is 1; the HA floor is 2.']);
  assert.deepEqual(findingsOf(HPA, 'min-replicas', { config: 'minReplicasFloor: 1\n' }), []);
});

test('suppression comments: next line, ranges, all rules, and only the named ids', () => {
  const next = HPA.replace('  minReplicas: 1', '  # scalelint-disable-next-line min-replicas\n  minReplicas: 1');
  assert.deepEqual(findingsOf(next, 'min-replicas'), []);
  const other = HPA.replace('  minReplicas: 1', '  # scalelint-disable-next-line schema\n  minReplicas: 1');
  assert.equal(findingsOf(other, 'min-replicas').length, 1);
  const range = HPA.replace('spec:', '# scalelint-disable\nspec:');
  assert.deepEqual(findingsOf(range, 'min-replicas'), []);
  const closed = HPA.replace('spec:', '# scalelint-disable min-replicas\n# scalelint-enable\nspec:');
  assert.equal(findingsOf(closed, 'min-replicas').length, 1);
  // A disable runs to the end of its YAML document only.
  const twoDocs = `# scalelint-disable min-replicas\n${HPA}---\n${HPA}`;
  assert.equal(findingsOf(twoDocs, 'min-replicas').length, 1);
});

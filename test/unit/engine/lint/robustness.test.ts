/**
 * Regressions from fuzzing (test/fuzz) and fix-safety review, each as the smallest input that showed
 * it: the engine turns hostile input into one clear finding, keeps ranges inside the text, and --fix
 * never makes a file parse worse.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Linter, defaultConfig, fixAll, rules, type Rule } from '../../../../server/src/engine';
import { lintText } from '../../../helpers/lint';

const HPA = `apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata: {name: web}
spec:
  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: web}
  minReplicas: 2
  maxReplicas: 10
`;

const inside = (text: string) => (f: { documentStart: number; start: number; end: number }) => f.start <= f.end && f.documentStart + f.end <= text.length;

test('a NUL character: one "binary" finding, no cascade, no rule runs', () => {
  const text = `${HPA}\0\u0001\u0002{{[[`;
  const found = lintText(text);
  assert.deepEqual(found.map((f) => f.ruleId), ['yaml-syntax']);
  assert.match(found[0].message, /binary \(or UTF-16 text\), not YAML/);
});

test('a control character YAML forbids is a yaml-syntax error (kubectl rejects the file)', () => {
  const found = lintText(HPA.replace('web}', 'w\u0007eb}'));
  assert.ok(found.some((f) => f.ruleId === 'yaml-syntax' && f.severity === 'error' && /U\+0007 is not allowed/.test(f.message)));
});

test('nesting too deep to parse: one clear error, and no rule judges the partial tree', () => {
  const text = `apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: deep}\nspec: ${'['.repeat(20000)}${']'.repeat(20000)}\n`;
  const found = lintText(text);
  assert.deepEqual(found.map((f) => f.ruleId), ['yaml-syntax']);
  assert.match(found[0].message, /nested too deeply/);
});

test('duplicate keys are still found in a very large mapping', () => {
  const keys = Array.from({ length: 20000 }, (_, i) => `k${i}: ${i}`).join('\n');
  const found = lintText(`${keys}\nk7: again\n`);
  assert.deepEqual(found.map((f) => f.message), ['Duplicate key `k7`: a mapping key may appear only once (most tools silently keep the last value).']);
});

test('an empty key at the very end of a document: every range stays inside the text', () => {
  const text = `${HPA}!custom `;
  const found = lintText(text);
  assert.ok(found.length > 0);
  assert.ok(found.every(inside(text)), JSON.stringify(found.map((f) => [f.ruleId, f.start, f.end])));
});

test('an unclosed quote at the end of the text: the syntax error stays inside the text', () => {
  const text = "a: 'b";
  const found = lintText(text);
  assert.ok(found.some((f) => f.ruleId === 'yaml-syntax'));
  assert.ok(found.every(inside(text)));
});

test('--fix: two rules writing the same key (schema rename, min-replicas insert) do not make a duplicate key', () => {
  // `minreplicas` is a typo the schema rule renames; min-replicas sees no minReplicas and inserts one.
  const text = HPA.replace('  minReplicas: 2\n', '  "minreplicas": 2\n');
  const lint = (t: string) => lintText(t);
  const before = lint(text);
  assert.ok(before.some((f) => f.ruleId === 'schema' && f.fixes?.some((x) => x.safe)));
  assert.ok(before.some((f) => f.ruleId === 'min-replicas' && f.fixes?.some((x) => x.safe)));
  const fixed = fixAll(text, lint);
  assert.ok(fixed.applied > 0);
  assert.deepEqual(lint(fixed.text).filter((f) => f.ruleId === 'yaml-syntax'), []);
  assert.equal((fixed.text.match(/minReplicas/g) ?? []).length, 1, fixed.text);
});

test('--fix never applies a fix that alone adds a YAML error', () => {
  // A stand-in rule whose "safe" fix writes a duplicate key: fixAll must leave the text as it was.
  const broken: Rule = {
    id: 'min-replicas',
    defaultSeverity: 'warning',
    fixable: true,
    docs: { appliesTo: '', summary: '', rationale: '', remediation: '' },
    checkDocument(ctx) {
      const r = ctx.resources[0];
      const at = ctx.text.indexOf('  maxReplicas');
      ctx.report({ resource: r, at: r.anchor, message: 'test', fixes: [{ title: 'dup', safe: true, edits: [{ start: at, end: at, newText: '  minReplicas: 3\n' }] }] });
    },
  };
  const linter = new Linter(() => defaultConfig(), [rules.find((x) => x.id === 'yaml-syntax')!, broken].filter(Boolean) as Rule[]);
  const lint = (t: string) => {
    linter.update('f.yaml', t);
    return linter.lintFile('f.yaml');
  };
  const result = fixAll(HPA, lint);
  assert.equal(result.text, HPA);
  assert.equal(result.applied, 0);
});

test('a cross-document rule that throws becomes an internal-error finding, not silence', () => {
  const crashing: Rule = {
    id: 'hpa-target-exists',
    defaultSeverity: 'warning',
    fixable: false,
    docs: { appliesTo: '', summary: '', rationale: '', remediation: '' },
    crossDocument: {
      subjects: () => true,
      check() {
        throw new Error('boom');
      },
    },
  };
  const linter = new Linter(() => defaultConfig(), [crashing]);
  linter.update('a.yaml', HPA);
  const found = linter.lintFile('a.yaml');
  assert.equal(found.length, 1);
  assert.match(found[0].message, /Internal error in rule hpa-target-exists: boom/);
});

test('a fix into a flow mapping nested in another lands in the inner one', () => {
  const text = `apiVersion: apps/v1
kind: Deployment
metadata: {name: web}
spec:
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      containers:
        - {name: web, image: "web:1", resources: {limits: {cpu: 100m}}}
`;
  const f = lintText(text).find((x) => x.ruleId === 'container-resources')!;
  const edit = f.fixes![0].edits[0];
  const out = text.slice(0, f.documentStart + edit.start) + edit.newText + text.slice(f.documentStart + edit.end);
  assert.match(out, /resources: \{limits: \{cpu: 100m\}, requests: \{"memory":"128Mi"\}\}\}/);
});

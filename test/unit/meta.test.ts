/** Every rule is complete: id = file name, docs written, a fixture, and the generated docs are fresh. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { rules } from '../../server/src/engine/rules';
import { RULE_IDS } from '../../server/src/engine/config-schema';
import { renderRulesDoc, renderConfigSchema, renderPackageJson } from '../../scripts/gen-docs';

const ROOT = join(__dirname, '..', '..');
const RULES_DIR = join(ROOT, 'server', 'src', 'engine', 'rules');
const NOT_RULES = new Set(['index.ts', 'rule.ts']);

test('the registry lists every rule file once, and each id equals its file name', () => {
  const files = readdirSync(RULES_DIR).filter((f) => f.endsWith('.ts') && !NOT_RULES.has(f)).map((f) => f.replace(/\.ts$/, '')).sort();
  assert.deepEqual([...rules.map((r) => r.id)].sort(), files);
  for (const id of files) {
    const src = readFileSync(join(RULES_DIR, `${id}.ts`), 'utf8');
    assert.match(src, new RegExp(`id: '${id}'`), `${id}.ts declares id '${id}'`);
  }
});

test('the registry holds exactly the 24 rule ids of SPEC §2, which the config schema accepts', () => {
  assert.equal(rules.length, 24);
  assert.deepEqual(rules.map((r) => r.id), [...RULE_IDS]);
});

for (const rule of rules) {
  test(`rule ${rule.id} has docs, a fixture, and a consistent fix flag`, () => {
    for (const key of ['appliesTo', 'summary', 'rationale', 'remediation'] as const) {
      assert.ok(rule.docs[key] && rule.docs[key].trim().length >= 10, `${rule.id}: docs.${key} is written`);
    }
    assert.ok(rule.docs.rationale.length >= 120, `${rule.id}: the rationale is a paragraph`);
    assert.ok(['error', 'warning', 'info'].includes(rule.defaultSeverity));
    assert.ok(rule.checkDocument || rule.crossDocument || rule.checkSet || rule.id === 'yaml-syntax', `${rule.id}: has a check`);
    const dir = join(ROOT, 'test', 'fixtures', rule.id);
    assert.ok(existsSync(dir) && readdirSync(dir).some((f) => /\.(ya?ml|json)$/.test(f)), `${rule.id}: test/fixtures/${rule.id}/ has a fixture`);
    const text = readdirSync(dir).filter((f) => /\.(ya?ml|json)$/.test(f) && !f.endsWith('.fixed.yaml')).map((f) => readFileSync(join(dir, f), 'utf8')).join('\n');
    assert.match(text, new RegExp(`#> \\w+ ${rule.id} `), `${rule.id}: a fixture where it fires`);
    if (rule.fixable) {
      assert.ok(readdirSync(dir).some((f) => f.endsWith('.fixed.yaml')) || /fixes/.test(readFileSync(join(RULES_DIR, `${rule.id}.ts`), 'utf8')), `${rule.id}: fixable rules offer fixes`);
    }
  });
}

test('docs/rules.md is generated from the registry and fresh (npm run docs)', () => {
  assert.equal(readFileSync(join(ROOT, 'docs', 'rules.md'), 'utf8'), renderRulesDoc());
});

test('schemas/scalelint-config.json is generated from the engine and fresh (npm run docs)', () => {
  assert.equal(readFileSync(join(ROOT, 'schemas', 'scalelint-config.json'), 'utf8'), renderConfigSchema());
});

test('package.json contributes a scalelint.* setting for every config key, fresh (npm run docs)', () => {
  const current = readFileSync(join(ROOT, 'package.json'), 'utf8');
  assert.equal(current, renderPackageJson(current));
});

test('package.json has no duplicate keys (a merge can leave two, and JSON.parse silently keeps the last)', () => {
  const text = readFileSync(join(ROOT, 'package.json'), 'utf8');
  const { parseDocument } = require('yaml') as typeof import('yaml');
  const doc = parseDocument(text, { uniqueKeys: true });
  assert.deepEqual(doc.errors.map((e) => e.message), []);
  const pkg = JSON.parse(text);
  for (const c of ['scalelint.openCalculator', 'scalelint.fixAll']) {
    assert.ok(pkg.contributes.commands.some((x: { command: string }) => x.command === c), `command ${c} is contributed`);
  }
});

/**
 * Every rule is complete, and each failure says what a newcomer has to add (docs/dev/RULE-AUTHORING.md):
 * the registry entry, the id, the docs, a fixture, a unit test, its settings, and the generated docs.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import Ajv from 'ajv';
import { rules } from '../../../../server/src/engine/rules';
import type { Rule } from '../../../../server/src/engine/rules/rule';
import { RULE_IDS, SETTINGS, configSchema } from '../../../../server/src/engine/config-schema';
import { DEFAULT_CONFIG } from '../../../../server/src/engine/config';
import { renderRulesDoc, renderConfigSchema, renderPackageJson } from '../../../../scripts/gen-docs';

const ROOT = join(__dirname, '..', '..', '..', '..');
const RULES_DIR = join(ROOT, 'server', 'src', 'engine', 'rules');
const NOT_RULES = new Set(['index.ts', 'rule.ts']);
const all = rules as readonly Rule[];

test('the registry lists every rule file once, and each id equals its file name', () => {
  const files = readdirSync(RULES_DIR).filter((f) => f.endsWith('.ts') && !NOT_RULES.has(f)).map((f) => f.replace(/\.ts$/, '')).sort();
  const ids = all.map((r) => r.id);
  for (const id of files) {
    assert.ok(ids.includes(id), `rules/${id}.ts is not in the registry: import it in server/src/engine/rules/index.ts and add it to \`rules\``);
    const src = readFileSync(join(RULES_DIR, `${id}.ts`), 'utf8');
    assert.match(src, new RegExp(`id: '${id}'`), `rules/${id}.ts must declare id: '${id}' (the id is the file name)`);
  }
  for (const id of ids) assert.ok(files.includes(id), `the registry lists '${id}', but there is no rules/${id}.ts: name the file after the id`);
  assert.equal(new Set(ids).size, ids.length, 'a rule id is listed twice in rules/index.ts');
});

test('the config schema accepts exactly the registry’s rule ids (derived, nothing to add by hand)', () => {
  assert.deepEqual(all.map((r) => r.id), [...RULE_IDS]);
});

/** Rules whose findings come from the chart and kustomize sources (rendering, building), not from a rule's check. */
const FROM_SOURCES = new Set(['render']);

for (const rule of all) {
  test(`rule ${rule.id} has docs, a fixture, a unit test, and a consistent fix flag`, () => {
    for (const key of ['appliesTo', 'summary', 'rationale', 'remediation'] as const) {
      assert.ok(rule.docs[key] && rule.docs[key].trim().length >= 10, `${rule.id}: write docs.${key} (at least a sentence)`);
    }
    assert.ok(rule.docs.rationale.length >= 120, `${rule.id}: docs.rationale is a paragraph: why it matters, with the workflow's reasoning`);
    assert.ok(['error', 'warning', 'info'].includes(rule.defaultSeverity), `${rule.id}: defaultSeverity is error, warning or info`);
    if (FROM_SOURCES.has(rule.id)) {
      // Its findings come from rendering charts and building overlays, not from one YAML document: a fixture
      // file cannot show them; the renderer's and builder's tests and the CLI's chart tests do.
      assert.ok(existsSync(join(ROOT, 'test', 'cli', 'charts-and-overlays.test.ts')), `${rule.id}: test its findings through the CLI (test/cli/charts-and-overlays.test.ts)`);
      return;
    }
    assert.ok(rule.checkDocument || rule.crossDocument || rule.id === 'yaml-syntax', `${rule.id}: give it a checkDocument (one document) or a crossDocument (across the lint set)`);
    const dir = join(ROOT, 'test', 'fixtures', rule.id);
    assert.ok(existsSync(dir) && readdirSync(dir).some((f) => /\.(ya?ml|json)$/.test(f)), `${rule.id}: add a fixture, test/fixtures/${rule.id}/<case>.yaml (expectations inline: \`#> warning ${rule.id} <message>\`; UPDATE=1 writes them)`);
    const text = readdirSync(dir).filter((f) => /\.(ya?ml|json)$/.test(f) && !f.endsWith('.fixed.yaml')).map((f) => readFileSync(join(dir, f), 'utf8')).join('\n');
    assert.match(text, new RegExp(`#> \\w+ ${rule.id} `), `${rule.id}: add a fixture case where it fires (a \`#> <severity> ${rule.id} …\` line in test/fixtures/${rule.id}/)`);
    if (rule.fixable) {
      assert.ok(
        readdirSync(dir).some((f) => f.endsWith('.fixed.yaml')) || /fixes/.test(readFileSync(join(RULES_DIR, `${rule.id}.ts`), 'utf8')),
        `${rule.id}: fixable is true, so its reports offer fixes (and a test/fixtures/${rule.id}/*.fixed.yaml shows the result)`,
      );
    }
  });
}

test('every setting is declared once (or alike), with a description, and its default fits its schema', () => {
  const ajv = new Ajv({ strict: false });
  const declared = new Map<string, { rule: string; json: string }>();
  for (const rule of all) {
    for (const [name, setting] of Object.entries(rule.settings ?? {})) {
      const json = JSON.stringify({ schema: setting.schema, default: setting.default });
      const before = declared.get(name);
      assert.ok(!before || before.json === json, `setting ${name} is declared by ${before?.rule} and ${rule.id} differently: declare it alike in both, or read it from one`);
      declared.set(name, { rule: rule.id, json });
      assert.ok(setting.schema.description.length >= 20, `${rule.id}: setting ${name} needs a description (it shows in the editor's settings)`);
      if (setting.default !== undefined) assert.ok(ajv.validate(setting.schema, setting.default), `${rule.id}: the default of ${name} does not fit its schema`);
    }
  }
  assert.deepEqual(Object.keys(configSchema.properties), ['rules', ...SETTINGS.keys()]);
  assert.deepEqual(Object.keys(DEFAULT_CONFIG), ['rules', ...SETTINGS.keys()]);
});

test('docs/rules.md is generated from the registry and fresh (npm run docs)', () => {
  assert.equal(readFileSync(join(ROOT, 'docs', 'rules.md'), 'utf8'), renderRulesDoc(), 'docs/rules.md is stale: run `npm run docs`');
});

test('schemas/scalelint-config.json is generated from the engine and fresh (npm run docs)', () => {
  assert.equal(readFileSync(join(ROOT, 'schemas', 'scalelint-config.json'), 'utf8'), renderConfigSchema(), 'schemas/scalelint-config.json is stale: run `npm run docs`');
});

test('package.json contributes a scalelint.* setting for every config key, fresh (npm run docs)', () => {
  const current = readFileSync(join(ROOT, 'package.json'), 'utf8');
  assert.equal(current, renderPackageJson(current), 'package.json contributes.configuration is stale: run `npm run docs`');
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

/**
 * Fixture files carry their expected findings inline: after each line, one `#>` comment per finding
 * that starts on it — `#> <severity> <rule> <col>-<endCol>: <message>` (columns 1-based, end exclusive;
 * `-+N:col` when the finding ends N lines further down). Under test/fixtures/<rule-id>/ only that rule's
 * findings (and fixes) are shown, so each folder tests its rule alone. Files with safe fixes have a `.fixed.yaml`
 * golden beside them. `npm run fixtures:update` (UPDATE=1) rewrites both; review the diff.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, writeFileSync, existsSync, unlinkSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { lintText, rows } from '../../../helpers/lint';
import { fixAll, parseConfig, ruleById } from '../../../../server/src/engine';

const FIXTURES = join(__dirname, '..', '..', '..', 'fixtures');
const UPDATE = process.env.UPDATE === '1';
const EXPECT = /^\s*#> /;

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    if (statSync(p).isDirectory()) return walk(p);
    return /\.(ya?ml|json)$/.test(n) && !/\.fixed\.ya?ml$/.test(n) && n !== '.scalelint.yaml' ? [p] : [];
  });
}

/** A `.scalelint.yaml` in the fixture's folder applies to it, as in real use. */
function configFor(file: string): string | undefined {
  const p = join(file, '..', '.scalelint.yaml');
  return existsSync(p) ? readFileSync(p, 'utf8') : undefined;
}

export function strip(text: string): string {
  return text.split('\n').filter((l) => !EXPECT.test(l)).join('\n');
}

/** A fixture under test/fixtures/<rule-id>/ shows that rule's findings only; elsewhere, every rule's. */
function ruleOf(file: string): string | undefined {
  const first = relative(FIXTURES, file).split(/[\\/]/)[0];
  return ruleById.has(first) ? first : undefined;
}

function lintFixture(source: string, file: string) {
  const config = configFor(file);
  const only = ruleOf(file);
  return lintText(source, { config: config ? parseConfig(config).config : undefined, uri: file }).filter((f) => !only || f.ruleId === only);
}

function render(source: string, file: string): string {
  const found = rows(source, lintFixture(source, file));
  const lines = source.split('\n');
  const out: string[] = [];
  lines.forEach((line, i) => {
    out.push(line);
    const indent = /^\s*/.exec(line)![0].replace(/-/g, ' ');
    for (const r of found.filter((f) => f.line === i + 1)) {
      const end = r.endLine === r.line ? `${r.endColumn}` : `+${r.endLine - r.line}:${r.endColumn}`;
      out.push(`${indent}#> ${r.severity} ${r.ruleId} ${r.column}-${end}: ${r.message.replace(/\n/g, ' ')}`);
    }
  });
  return out.join('\n');
}

// `ONLY=<folder> npm run fixtures:update` rewrites one folder's fixtures.
const files = walk(FIXTURES).filter((f) => !process.env.ONLY || relative(FIXTURES, f).startsWith(process.env.ONLY));

test('there are fixtures', () => {
  assert.ok(files.length > 0);
});

for (const file of files) {
  const name = relative(FIXTURES, file);
  test(`fixture ${name}`, () => {
    const text = readFileSync(file, 'utf8');
    const source = strip(text);
    const expected = render(source, file);
    const lint = (t: string) => lintFixture(t, file);
    const fixed = fixAll(source, lint);
    const fixedPath = file.replace(/\.(ya?ml|json)$/, '.fixed.yaml');
    if (UPDATE) {
      if (expected !== text) writeFileSync(file, expected);
      if (fixed.applied > 0) writeFileSync(fixedPath, fixed.text);
      else if (existsSync(fixedPath)) unlinkSync(fixedPath);
      return;
    }
    assert.equal(text, expected, `${name}: findings differ from the inline expectations (run npm run fixtures:update and review the diff)`);
    if (fixed.applied > 0) {
      assert.ok(existsSync(fixedPath), `${name}: fixes apply but ${relative(FIXTURES, fixedPath)} is missing`);
      assert.equal(fixed.text, readFileSync(fixedPath, 'utf8'), `${name}: fixed output differs from the golden`);
      // The fixed text parses, and a second pass finds nothing left to fix.
      const before = lintText(source, { uri: file }).filter((f) => f.ruleId === 'yaml-syntax').length;
      const after = lintText(fixed.text, { uri: file }).filter((f) => f.ruleId === 'yaml-syntax').length;
      assert.ok(after <= before, `${name}: the fixed text has new YAML errors`);
      assert.equal(fixAll(fixed.text, lint).applied, 0, `${name}: a second --fix pass changed the text`);
    } else {
      assert.ok(!existsSync(fixedPath), `${name}: stale ${relative(FIXTURES, fixedPath)}`);
    }
  });
}

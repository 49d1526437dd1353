/**
 * The registry (rules/index.ts): every rule that checks documents has its unit test beside the others,
 * named after its id. (A rule with no check of its own, whose findings a source reports while rendering or
 * building, is tested with that source.)
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { rules } from '../../../../server/src/engine/rules';

const TESTS = join(__dirname);

for (const rule of rules) {
  if (!rule.checkDocument && !rule.crossDocument && rule.id !== 'yaml-syntax') continue;
  test(`rule ${rule.id} has a unit test`, () => {
    assert.ok(
      existsSync(join(TESTS, `${rule.id}.test.ts`)),
      `${rule.id}: add test/unit/engine/rules/${rule.id}.test.ts, a table of cases where it fires and where it stays silent (findingsOf from test/helpers/lint.ts)`,
    );
  });
}

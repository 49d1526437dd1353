/**
 * The `ignore` globs (server/src/node/ignore.ts), shared by the CLI and the workspace index.
 * Run: node --import tsx --test test/node/ignore.test.ts
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compileGlob as globToRegExp, IgnoreList } from '../../server/src/node/ignore';

test('ignore globs read like .gitignore lines', () => {
  const cases: [string[], string, boolean][] = [
    [['ignored/'], 'ignored/a.yaml', true],
    [['ignored/'], 'x/ignored/a.yaml', true],
    [['/ignored'], 'x/ignored/a.yaml', false],
    [['charts/*/templates'], 'charts/web/templates/hpa.yaml', true],
    [['charts/*/templates'], 'x/charts/web/templates/hpa.yaml', false],
    [['**/templates/**'], 'a/b/templates/c/d.yaml', true],
    [['*.generated.yaml'], 'deep/x.generated.yaml', true],
    [['*.generated.yaml'], 'deep/x.yaml', false],
    [['env-{dev,test}.yaml'], 'env-test.yaml', true],
    [['env-{dev,test}.yaml'], 'env-prod.yaml', false],
    [['file?.y[a]ml'], 'file1.yaml', true],
    [['a.b'], 'aXb', false],
    [[], 'a.yaml', false],
    [['x/'], '../x/a.yaml', false],
  ];
  for (const [patterns, path, expected] of cases) assert.equal(new IgnoreList(patterns).ignores(path), expected, `${patterns} ${path}`);
  assert.equal(globToRegExp('  '), undefined);
  assert.equal(globToRegExp('a{b'), undefined);
});

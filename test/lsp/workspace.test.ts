/**
 * URI keys of the lint sets (server/src/lsp/workspace.ts) and the YAML file names (server/src/node/files.ts).
 * Run: node --import tsx --test test/lsp/workspace.test.ts
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isConfigFile, isYamlName } from '../../server/src/node/files';
import { keyOf } from '../../server/src/lsp/workspace';

test('URI keys: the client’s and Node’s spelling of a file URI meet; names', () => {
  assert.equal(keyOf('file:///tmp/a%2Bb%20c.yaml'), keyOf('file:///tmp/a+b c.yaml'));
  assert.equal(keyOf('untitled:Untitled-1'), 'untitled:Untitled-1');
  assert.ok(isConfigFile('file:///w/.scalelint.yaml') && !isConfigFile('file:///w/x.scalelint.yaml'));
  assert.ok(isYamlName('file:///w/a.YML') && isYamlName('/w/a.yaml') && !isYamlName('/w/a.json'));
});

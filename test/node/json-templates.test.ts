/**
 * Folder walks lint `.json` CloudFormation templates, recognised by their first bytes; other JSON files are
 * skipped (issue 14). One decision (node/files.ts) for the CLI's walk and the workspace index.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isLintableFile, isLintableFileAsync, looksLikeCloudFormationJson, walkYamlFiles } from '../../server/src/node/files';
import { findingsOf, lintText } from '../helpers/lint';

const TEMPLATE = `{
  "AWSTemplateFormatVersion": "2010-09-09",
  "Resources": {
    "WebGroup": {
      "Type": "AWS::AutoScaling::AutoScalingGroup",
      "Properties": {
        "MinSize": "1",
        "MaxSize": "4",
        "MaxSzie": "5",
        "AvailabilityZones": ["eu-west-1a", "eu-west-1b"]
      }
    }
  }
}
`;
const PACKAGE = '{\n  "name": "web",\n  "version": "1.0.0",\n  "scripts": {"build": "tsc"},\n  "Resources": {"note": "not a template"}\n}\n';

function folder(): string {
  const dir = mkdtempSync(join(tmpdir(), 'scalelint-json-'));
  writeFileSync(join(dir, 'stack.json'), TEMPLATE);
  writeFileSync(join(dir, 'package.json'), PACKAGE);
  writeFileSync(join(dir, 'tsconfig.json'), '{"compilerOptions": {"strict": true}}\n');
  writeFileSync(join(dir, 'main.tf.json'), '{"resource": {}}\n');
  // No format version, but Resources with an AWS:: Type: a template too.
  writeFileSync(join(dir, 'bare.json'), '{"Resources": {"Q": {"Type": "AWS::SQS::Queue"}}}\n');
  writeFileSync(join(dir, 'hpa.yaml'), 'apiVersion: v1\nkind: Service\nmetadata: {name: s}\nspec: {ports: [{port: 80}]}\n');
  return dir;
}

test('the CLI walk takes the CloudFormation JSON templates and the YAML, and skips package.json and tsconfig.json', () => {
  const dir = folder();
  const names = walkYamlFiles(dir, () => undefined).map((p) => p.slice(dir.length + 1));
  assert.deepEqual(names, ['bare.json', 'hpa.yaml', 'stack.json']);
  // Terraform's .tf.json stays Terraform's (other sources), never read as a template.
  assert.deepEqual(walkYamlFiles(dir, () => undefined, { otherSources: true }).map((p) => p.slice(dir.length + 1)), ['bare.json', 'hpa.yaml', 'main.tf.json', 'stack.json']);
});

test('the workspace index asks the same question without blocking, with the same answers', async () => {
  const dir = folder();
  for (const [name, expected] of [['stack.json', true], ['bare.json', true], ['package.json', false], ['tsconfig.json', false], ['main.tf.json', false], ['hpa.yaml', true]] as const) {
    assert.equal(await isLintableFileAsync(join(dir, name)), expected, name);
    assert.equal(isLintableFile(join(dir, name)), expected, name);
  }
  assert.equal(isLintableFile(join(dir, 'missing.json')), false);
});

test('content sniffing: format version, or Resources with an AWS:: Type; nothing else', () => {
  assert.ok(looksLikeCloudFormationJson('{"AWSTemplateFormatVersion" : "2010-09-09"'));
  assert.ok(looksLikeCloudFormationJson('{\n\t"Resources": {\n\t\t"A": {"Type": "AWS::S3::Bucket"}}}'));
  assert.ok(!looksLikeCloudFormationJson(PACKAGE));
  assert.ok(!looksLikeCloudFormationJson('{"Type": "AWS::S3::Bucket"}'));
});

test('a JSON template is linted with exact ranges (the parser reads JSON as YAML), tabs included', () => {
  assert.deepEqual(findingsOf(TEMPLATE, 'min-replicas', { uri: 'stack.json' }), ['7:20 warning MinSize is 1; the HA floor is 2.']);
  assert.deepEqual(findingsOf(TEMPLATE, 'schema', { uri: 'stack.json' }).map((r) => r.split(' ').slice(0, 2).join(' ')), ['9:9 warning']);
  const tabs = TEMPLATE.replace(/^( +)/gm, (m) => '\t'.repeat(m.length / 2));
  assert.deepEqual(lintText(tabs, { uri: 'stack.json' }).filter((f) => f.ruleId === 'yaml-syntax'), []);
  assert.deepEqual(findingsOf(tabs, 'min-replicas', { uri: 'stack.json' }), ['7:16 warning MinSize is 1; the HA floor is 2.']);
});

/**
 * Terraform modules and shell scripts in the editor (SPEC §9, issue 13), through the built server over stdio:
 * a .tf file (with HashiCorp's language id or none) and a script get their findings on the attribute and the
 * flag, with quick fixes; edits re-render the module; a module file that is not open gets its diagnostics
 * published too; nothing is ever linted as YAML.
 * Run: node --import tsx --test test/lsp/terraform.test.ts
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { Diagnostic, PublishDiagnosticsParams, TextDocumentEdit } from 'vscode-languageserver-protocol/node';
import { fileUri, LspHarness } from './harness';

let root: string;
const servers: LspHarness[] = [];

before(() => {
  root = mkdtempSync(join(tmpdir(), 'scalelint-lsp-tf-'));
});

after(() => {
  for (const s of servers) s.kill();
  rmSync(root, { recursive: true, force: true });
});

function write(dir: string, files: Record<string, string>): void {
  for (const [p, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, p)), { recursive: true });
    writeFileSync(join(dir, p), text);
  }
}

async function start(folder: string): Promise<LspHarness> {
  const s = await LspHarness.start({ folder });
  servers.push(s);
  await s.waitFor(() => s.logs.some((l) => l.startsWith('Indexed ')), 'the workspace index', 15000);
  return s;
}

const on = (line: number, rule: string) => (d: Diagnostic) => d.range.start.line === line && d.code === rule;
const has = (line: number, rule: string) => (p: PublishDiagnosticsParams) => p.diagnostics.some(on(line, rule));

const MAIN = `resource "aws_autoscaling_group" "web" {
  min_size            = var.min
  max_size            = 4
  vpc_zone_identifier = ["subnet-a", "subnet-b"]
}
`;
const VARIABLES = 'variable "min" {\n  default = 1\n}\n';

test('a .tf file: min-replicas on the attribute, a quick fix, an edit re-renders; the closed variables.tf of its module is read too', async () => {
  const folder = join(root, 'tf');
  write(folder, { 'infra/main.tf': MAIN, 'infra/variables.tf': VARIABLES, 'k8s/hpa.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x}\n' });
  const s = await start(folder);
  const mainUri = fileUri(join(folder, 'infra', 'main.tf'));
  // Not open: the module's findings are published on it all the same.
  await s.waitForDiagnostics(mainUri, has(1, 'min-replicas'), 'min-replicas on the closed main.tf', 15000);
  // Opened with HashiCorp's language id.
  await s.open(mainUri, MAIN, 1, 'terraform');
  const published = await s.waitForDiagnostics(mainUri, (p) => p.version === 1 && p.diagnostics.some(on(1, 'min-replicas')), 'min-replicas on the open main.tf');
  const d = published.diagnostics.find(on(1, 'min-replicas'))!;
  assert.equal(d.message, 'min_size is 1; the HA floor is 2.');
  assert.equal(d.range.start.character, MAIN.split('\n')[1]!.indexOf('var.min'));
  assert.ok(published.diagnostics.every((x) => x.code !== 'yaml-syntax' && x.code !== 'schema'), JSON.stringify(published.diagnostics));
  // Hover on the finding: the rule's doc.
  const hover = await s.hover(mainUri, d.range.start);
  assert.match(JSON.stringify(hover?.contents ?? ''), /min-replicas/);
  // The default lives in variables.tf: no fix here that would edit the wrong file, but the rule's suppression is offered.
  const actions = await s.codeActions(mainUri, d.range, [d]);
  assert.ok(!actions.some((a) => a.isPreferred), JSON.stringify(actions.map((a) => a.title)));
  // The user writes a literal: the render follows, and a quick fix can now write it.
  await s.edit(mainUri, 2, { start: { line: 1, character: 24 }, end: { line: 1, character: 31 } }, '1');
  const literal = await s.waitForDiagnostics(mainUri, (p) => p.version === 2 && p.diagnostics.some(on(1, 'min-replicas')), 'min-replicas on the literal');
  const d2 = literal.diagnostics.find(on(1, 'min-replicas'))!;
  assert.equal(d2.range.start.character, 24);
  const fix = (await s.codeActions(mainUri, d2.range, [d2])).find((a) => a.isPreferred);
  assert.ok(fix);
  const edit = fix.edit!.documentChanges![0] as TextDocumentEdit;
  assert.deepEqual(edit.edits.map((e) => [e.range.start.line, e.range.start.character, e.newText]), [[1, 24, '2']]);
  await s.edit(mainUri, 3, { start: { line: 1, character: 24 }, end: { line: 1, character: 25 } }, '2');
  await s.waitForDiagnostics(mainUri, (p) => p.version === 3 && !p.diagnostics.some((x) => x.code === 'min-replicas'), 'min-replicas gone');
});

test('a script with no language id the server knows: its gcloud command line is linted; a half-typed .tf gets one render error', async () => {
  const folder = join(root, 'sh');
  write(folder, { 'ops/scale.sh': '#!/bin/sh\n' });
  const s = await start(folder);
  const scriptUri = fileUri(join(folder, 'ops', 'scale.sh'));
  const script = '#!/bin/sh\ngcloud compute instance-groups managed set-autoscaling web \\\n  --region europe-west1 --min-num-replicas=1 --max-num-replicas 8\n';
  await s.open(scriptUri, script, 1, 'plaintext');
  const published = await s.waitForDiagnostics(scriptUri, (p) => p.diagnostics.some(on(2, 'min-replicas')), 'min-replicas on the flag');
  assert.equal(published.diagnostics.find(on(2, 'min-replicas'))!.message, '--min-num-replicas is 1; the HA floor is 2.');

  const tfUri = fileUri(join(folder, 'infra', 'main.tf'));
  mkdirSync(join(folder, 'infra'), { recursive: true });
  await s.open(tfUri, 'resource "aws_autoscaling_group" "web" {\n  min_size = \n', 1, 'terraform');
  const broken = await s.waitForDiagnostics(tfUri, (p) => p.diagnostics.some((x) => x.code === 'render' && x.severity === 1), 'a render error on the half-typed module');
  assert.equal(broken.diagnostics.filter((x) => x.code === 'render').length, 1, JSON.stringify(broken.diagnostics));
});

test('an open JSON document is linted when it is a CloudFormation template, and left alone otherwise', async () => {
  const folder = join(root, 'json');
  write(folder, { 'README.md': 'x\n' });
  const s = await start(folder);
  const templateUri = fileUri(join(folder, 'stack.json'));
  const template = '{\n  "AWSTemplateFormatVersion": "2010-09-09",\n  "Resources": {\n    "Web": {\n      "Type": "AWS::AutoScaling::AutoScalingGroup",\n      "Properties": {\n        "MinSize": "1",\n        "MaxSize": "4",\n        "AvailabilityZones": ["a", "b"]\n      }\n    }\n  }\n}\n';
  await s.open(templateUri, template, 1, 'json');
  await s.waitForDiagnostics(templateUri, (p) => p.diagnostics.some(on(6, 'min-replicas')), 'min-replicas in the JSON template');
  const packageUri = fileUri(join(folder, 'package.json'));
  await s.open(packageUri, '{\n  "name": "x",\n  "version": "1.0.0"\n}\n', 1, 'json');
  // The server answers later requests, and never publishes anything on package.json.
  await s.open(templateUri.replace('stack.json', 'other.json'), template, 1, 'json');
  await s.waitForDiagnostics(templateUri.replace('stack.json', 'other.json'), (p) => p.diagnostics.some(on(6, 'min-replicas')), 'the next template');
  assert.ok(!(s.published.get(packageUri) ?? []).some((p) => p.diagnostics.length > 0));
});

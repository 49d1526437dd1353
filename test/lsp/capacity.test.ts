/**
 * The calculator on renders, through the built server over stdio (protocol.ts CAPACITY_TARGET_REQUEST,
 * CAPACITY_EDITS_REQUEST; lsp/capacity.ts): helm create's gated HPA found from values.yaml and from its
 * template, "Apply to manifest" writing autoscaling.minReplicas/maxReplicas in values.yaml; a Terraform
 * aws_autoscaling_group's min_size/desired_capacity/max_size literals and a variable default written in the
 * .tf file; a value from an expression refused, naming it; the edited files still parse and lint.
 * Run: node --import tsx --test test/lsp/capacity.test.ts
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import {
  CAPACITY_EDITS_REQUEST,
  CAPACITY_TARGET_REQUEST,
  type CapacityEditsParams,
  type CapacityEditsResult,
  type CapacityPin,
  type CapacityTargetParams,
  type CapacityTargetResult,
} from '../../server/src/protocol';
import { fileUri, LspHarness } from './harness';

const HELM_CREATE = join(__dirname, '..', 'unit', 'engine', 'sources', 'helm', 'charts', 'helm4-create', 'mychart');

let root: string;
const servers: LspHarness[] = [];

before(() => {
  root = mkdtempSync(join(tmpdir(), 'scalelint-lsp-capacity-'));
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

const targetAt = (s: LspHarness, params: CapacityTargetParams) => s.connection.sendRequest(CAPACITY_TARGET_REQUEST, params) as Promise<CapacityTargetResult>;
const editsFor = (s: LspHarness, params: CapacityEditsParams) => s.connection.sendRequest(CAPACITY_EDITS_REQUEST, params) as Promise<CapacityEditsResult>;

/** Position of the first occurrence of `needle` in `text`. */
function positionOf(text: string, needle: string): { line: number; character: number } {
  const at = text.indexOf(needle);
  assert.ok(at >= 0, `${needle} not found`);
  return TextDocument.create('x', '', 0, text).positionAt(at);
}

/** The text of `uri` after the answer's edits for it (what VS Code's applyEdit does with them). */
function applied(result: CapacityEditsResult, uri: string, text: string): string {
  const change = result.changes?.find((c) => c.uri === uri);
  assert.ok(change, `no edits for ${uri}: ${JSON.stringify(result)}`);
  return TextDocument.applyEdits(TextDocument.create(uri, '', 0, text), change.edits);
}

test("helm create's chart: the gated HPA from values.yaml and from its template; apply writes values.yaml, which still lints", async () => {
  const folder = join(root, 'helm');
  cpSync(HELM_CREATE, join(folder, 'mychart'), { recursive: true });
  const valuesPath = join(folder, 'mychart', 'values.yaml');
  const values = readFileSync(valuesPath, 'utf8');
  const hpaText = readFileSync(join(folder, 'mychart', 'templates', 'hpa.yaml'), 'utf8');
  const valuesUri = fileUri(valuesPath);
  const hpaUri = fileUri(join(folder, 'mychart', 'templates', 'hpa.yaml'));
  const s = await start(folder);

  // From values.yaml (not open: the server reads it from the disk).
  const fromValues = await targetAt(s, { uri: valuesUri, position: positionOf(values, 'autoscaling:') });
  assert.ok(fromValues?.target, JSON.stringify(fromValues));
  const t = fromValues.target;
  assert.deepEqual([t.kind, t.name, t.fields, t.current], ['HorizontalPodAutoscaler', 'release-name-mychart', { min: 'minReplicas', max: 'maxReplicas' }, { min: 1, max: 100 }]);
  assert.equal(t.location, 'hpa.yaml, line 2 (rendered, when autoscaling.enabled is true)');
  assert.deepEqual([t.home.uri, t.home.range.start.line], [hpaUri, 1]);
  assert.equal((t.manifest as { spec: { maxReplicas: number } }).spec.maxReplicas, 100);
  // From the template, where the code lens opens it: the same target.
  const fromTemplate = await targetAt(s, { uri: hpaUri, position: positionOf(hpaText, 'minReplicas') });
  assert.deepEqual({ ...fromTemplate?.target?.pin, uri: '' }, { ...t.pin, uri: '' });
  // A file in no render: null, the panel falls back to its own YAML reading.
  write(folder, { 'plain/hpa.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x}\n' });
  assert.equal(await targetAt(s, { uri: fileUri(join(folder, 'plain', 'hpa.yaml')), position: { line: 0, character: 0 } }), null);

  // Apply: values.yaml only, the two values in place, nothing else touched.
  const result = await editsFor(s, { pin: t.pin, values: { min: 2, desired: 5, max: 32 } });
  assert.equal(result.ok, true, JSON.stringify(result));
  assert.deepEqual(result.changes?.map((c) => c.uri), [valuesUri]);
  assert.equal(result.message, 'HorizontalPodAutoscaler release-name-mychart: minReplicas 2, maxReplicas 32 (an HPA has no desired count: the controller sets it). In mychart/values.yaml.');
  const fixed = applied(result, valuesUri, values);
  assert.equal(fixed, values.replace('  minReplicas: 1\n  maxReplicas: 100\n', '  minReplicas: 2\n  maxReplicas: 32\n'));

  // The edited file, as the editor holds it after the apply: it parses, lints (min-replicas gone), and the pin reads the new values.
  await s.open(valuesUri, fixed);
  const published = await s.waitForDiagnostics(valuesUri, (p) => p.version === 1, 'diagnostics of the edited values.yaml');
  const minLine = positionOf(fixed, '  minReplicas: 2').line;
  assert.ok(!published.diagnostics.some((d) => ['render', 'yaml-syntax'].includes(String(d.code)) || (d.code === 'min-replicas' && d.range.start.line === minLine)), JSON.stringify(published.diagnostics));
  // (Before the apply, helm create's minReplicas 1 had min-replicas there: charts.test.ts.)
  const again = await targetAt(s, { pin: t.pin });
  assert.deepEqual(again?.target?.current, { min: 2, max: 32 });
  // Applying the same values again changes nothing.
  const twice = await editsFor(s, { pin: t.pin, values: { min: 2, desired: 5, max: 32 } });
  assert.deepEqual([twice.ok, twice.changes], [true, []]);
  // The open values.yaml's version rides with the edits: the panel refuses them on a newer text.
  const third = await editsFor(s, { pin: t.pin, values: { min: 3, desired: 5, max: 32 } });
  assert.deepEqual(third.changes?.map((c) => c.version), [1]);

  // A template that derives max from min: a computed value cannot be written back; nothing is.
  const hpaDerived = hpaText.replace('{{ .Values.autoscaling.maxReplicas }}', '{{ add .Values.autoscaling.minReplicas 30 }}');
  await s.open(hpaUri, hpaDerived);
  const refused = await editsFor(s, { pin: t.pin, values: { min: 2, desired: 2, max: 40 } });
  assert.equal(refused.ok, false);
  assert.equal(refused.changes, undefined);
  assert.deepEqual(refused.byHand?.map((b) => b.field), ['maxReplicas']);
  assert.match(refused.message, /maxReplicas: it is computed by `\{\{ add \.Values\.autoscaling\.minReplicas 30 \}\}` in hpa\.yaml, line 14, not written as a value; change it by hand\.$/);
  // Its max left as rendered (2 + 30), min changed: rendering again shows max would move too, so the server refuses.
  const derived = await editsFor(s, { pin: t.pin, values: { min: 3, desired: 3, max: 32 } });
  assert.equal(derived.ok, false, JSON.stringify(derived));
  assert.match(derived.message, /^Nothing was written: with these edits maxReplicas would render as 33, not 32/);
  assert.equal(await s.shutdown(), 0);
});

const MAIN = `variable "min" {
  default = 2
}

resource "aws_autoscaling_group" "web" {
  name                = "web"
  min_size            = var.min
  max_size            = 6 # peak
  desired_capacity    = 3
  vpc_zone_identifier = ["subnet-a", "subnet-b"]
}

resource "aws_autoscaling_group" "batch" {
  name                = "batch"
  min_size            = 2
  max_size            = var.min * 4
  vpc_zone_identifier = ["subnet-a", "subnet-b"]
}
`;

test('a Terraform aws_autoscaling_group: min_size (variable default), desired_capacity and max_size written in the .tf file; an expression refused', async () => {
  const folder = join(root, 'tf');
  write(folder, { 'infra/main.tf': MAIN });
  const mainUri = fileUri(join(folder, 'infra', 'main.tf'));
  const s = await start(folder);
  await s.open(mainUri, MAIN, 1, 'terraform');

  const found = await targetAt(s, { uri: mainUri, position: positionOf(MAIN, 'desired_capacity') });
  assert.ok(found?.target, JSON.stringify(found));
  const t = found.target;
  assert.deepEqual([t.kind, t.name, t.location, t.fields, t.current], [
    'AutoScalingGroup',
    'aws_autoscaling_group.web',
    'main.tf, line 5',
    { min: 'min_size', desired: 'desired_capacity', max: 'max_size' },
    { min: 2, desired: 3, max: 6 },
  ]);
  const result = await editsFor(s, { pin: t.pin, values: { min: 3, desired: 5, max: 32 } });
  assert.equal(result.ok, true, JSON.stringify(result));
  assert.equal(result.message, 'Auto Scaling group aws_autoscaling_group.web: min_size 3, desired_capacity 5, max_size 32. In infra/main.tf.');
  const fixed = applied(result, mainUri, MAIN);
  assert.equal(fixed, MAIN.replace('default = 2', 'default = 3').replace('max_size            = 6 # peak', 'max_size            = 32 # peak').replace('desired_capacity    = 3', 'desired_capacity    = 5'));

  // The second group: max_size is an expression ScaleLint does not evaluate: refused, nothing written.
  const batch = await targetAt(s, { uri: mainUri, position: positionOf(MAIN, '"batch"') });
  assert.equal(batch?.target?.name, 'aws_autoscaling_group.batch');
  assert.deepEqual(batch?.target?.current, { min: 2 }); // max_size unknown: the panel shows it as not set
  const refused = await editsFor(s, { pin: batch!.target!.pin, values: { min: 2, desired: 2, max: 10 } });
  assert.equal(refused.ok, false);
  assert.equal(refused.changes, undefined);
  assert.deepEqual(refused.byHand?.map((b) => b.field), ['max_size']);
  assert.match(refused.message, /^Nothing was written: a value of aws_autoscaling_group\.batch cannot be carried back from the render — max_size: it has no value written as is in the source \(it is absent, or an expression ScaleLint does not evaluate\); set it by hand/);

  // The edited module, as the editor holds it: it still renders and lints (min-replicas stays away), the pin reads it.
  await s.edit(mainUri, 2, { start: { line: 0, character: 0 }, end: { line: MAIN.split('\n').length, character: 0 } }, fixed);
  const published = await s.waitForDiagnostics(mainUri, (p) => p.version === 2, 'diagnostics of the edited main.tf');
  assert.ok(!published.diagnostics.some((d) => ['render', 'min-replicas', 'replica-bounds'].includes(String(d.code))), JSON.stringify(published.diagnostics));
  const again = await targetAt(s, { pin: t.pin as CapacityPin });
  assert.deepEqual(again?.target?.current, { min: 3, desired: 5, max: 32 });
  assert.equal(await s.shutdown(), 0);
});

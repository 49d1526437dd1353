/**
 * "Apply to manifest" through a render (engine/capacity/rendered.ts): a chart's HPA written in values.yaml, a
 * Terraform group's, Application Auto Scaling target's, GCP and Azure autoscaler's literals and variable
 * default written in the .tf file; values a template or an expression computes, fields the source does not
 * write, and two bounds from one value refused as a whole, naming each value and why. Every accepted edit is
 * checked by rendering the edited files again.
 * Run: node --import tsx --test test/unit/engine/capacity/rendered.test.ts
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { applyEdits } from '../../../../server/src/engine/fix';
import { planSources } from '../../../../server/src/engine/sources/project';
import { renderChart } from '../../../../server/src/engine/sources/helm/index';
import type { RenderedDocument } from '../../../../server/src/engine/sources/rendered';
import { checkRenderedValues, findRenderedTarget, renderedCapacityEdits, renderedCapacityTargetAt, renderedCapacityTargets, type RenderedPin } from '../../../../server/src/engine/capacity';
import type { ReplicaValues } from '../../../../server/src/engine/capacity/manifest';
import { memReader } from '../sources/helm/helpers';
import { hclParser } from '../sources/terraform/helpers';

type Files = Record<string, string>;

async function renders(files: Files): Promise<RenderedDocument[]> {
  const plan = planSources(memReader(files), Object.keys(files), { hclParser: await hclParser(), renderChart });
  assert.deepEqual(plan.problems.filter((p) => p.severity === 'error'), []);
  return [...plan.renders, ...plan.gated.flatMap((g) => g.renders)];
}

/** Writes `values` into the target pinned by `pin`, then renders the edited files again and reads the values back. */
async function applyRendered(files: Files, pin: RenderedPin, values: ReplicaValues): Promise<Files> {
  const docs = await renders(files);
  const found = findRenderedTarget(docs, pin);
  assert.ok(found, `no ${pin.kind} ${pin.name} in ${pin.render}`);
  const result = renderedCapacityEdits(found.doc, pin, values, (f) => files[f]);
  assert.ok('files' in result, JSON.stringify(result));
  const out = { ...files };
  for (const { file, edits } of result.files) out[file] = applyEdits(out[file]!, edits);
  assert.equal(checkRenderedValues(await renders(out), pin, values), undefined);
  return out;
}

async function refusal(files: Files, pin: RenderedPin, values: ReplicaValues): Promise<{ error: string; fields: string[] }> {
  const docs = await renders(files);
  const found = findRenderedTarget(docs, pin);
  assert.ok(found);
  const result = renderedCapacityEdits(found.doc, pin, values, (f) => files[f]);
  assert.ok('error' in result, `expected a refusal, got ${JSON.stringify(result)}`);
  return { error: result.error, fields: (result.byHand ?? []).map((b) => b.field) };
}

function readChart(dir: string, as: string): Files {
  const out: Files = {};
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else out[`${as}/${relative(dir, p).split('\\').join('/')}`] = readFileSync(p, 'utf8');
    }
  };
  walk(dir);
  return out;
}

const HELM_CREATE = join(__dirname, '..', 'sources', 'helm', 'charts', 'helm4-create', 'mychart');

describe("a Helm chart's HPA (helm create)", () => {
  const chart = readChart(HELM_CREATE, 'mychart');
  const values = chart['mychart/values.yaml']!;
  const hpaTemplate = chart['mychart/templates/hpa.yaml']!;

  test('found from values.yaml (the autoscaling block) and from the template, with the values as written', async () => {
    const docs = await renders(chart);
    const fromValues = renderedCapacityTargetAt(docs, 'mychart/values.yaml', values.indexOf('autoscaling:'));
    assert.ok(fromValues);
    assert.equal(fromValues.target.kind, 'HorizontalPodAutoscaler');
    assert.equal(fromValues.target.name, 'release-name-mychart');
    assert.deepEqual(fromValues.target.current, { min: 1, max: 100 });
    assert.equal(fromValues.pin.gate, 'autoscaling.enabled');
    assert.equal(fromValues.home.file, 'mychart/templates/hpa.yaml');
    const fromTemplate = renderedCapacityTargetAt(docs, 'mychart/templates/hpa.yaml', hpaTemplate.indexOf('minReplicas'));
    assert.deepEqual(fromTemplate?.pin, fromValues.pin);
    // The Deployment reads values.yaml too, but is nothing to scale: the nearest autoscaler is found even from its lines.
    assert.deepEqual(renderedCapacityTargetAt(docs, 'mychart/values.yaml', values.indexOf('replicaCount'))?.pin, fromValues.pin);
  });

  test('apply writes autoscaling.minReplicas and maxReplicas in values.yaml, nothing else', async () => {
    const docs = await renders(chart);
    const pin = renderedCapacityTargetAt(docs, 'mychart/values.yaml', values.indexOf('autoscaling:'))!.pin;
    const out = await applyRendered(chart, pin, { min: 2, desired: 5, max: 32 });
    assert.equal(out['mychart/values.yaml'], values.replace('  minReplicas: 1\n  maxReplicas: 100\n', '  minReplicas: 2\n  maxReplicas: 32\n'));
    for (const f of Object.keys(chart)) if (f !== 'mychart/values.yaml') assert.equal(out[f], chart[f], f);
  });

  test('a bound the template computes is refused, naming the action; nothing is written', async () => {
    const files: Files = { ...chart, 'mychart/templates/hpa.yaml': hpaTemplate.replace('{{ .Values.autoscaling.maxReplicas }}', '{{ add .Values.autoscaling.minReplicas 9 }}') };
    const pin = renderedCapacityTargetAt(await renders(files), 'mychart/templates/hpa.yaml', 0)!.pin;
    const { error, fields } = await refusal(files, pin, { min: 2, desired: 2, max: 32 });
    assert.deepEqual(fields, ['maxReplicas']);
    assert.match(error, /^Nothing was written: a value of release-name-mychart cannot be carried back from the render — maxReplicas: it is computed by `\{\{ add \.Values\.autoscaling\.minReplicas 9 \}\}` in hpa\.yaml, line 14, not written as a value; change it by hand\.$/);
  });

  test('a computed bound left as it is needs no edit, but rendering again shows what the other edit does to it', async () => {
    const files: Files = { ...chart, 'mychart/templates/hpa.yaml': hpaTemplate.replace('{{ .Values.autoscaling.maxReplicas }}', '{{ add .Values.autoscaling.minReplicas 9 }}') };
    const docs = await renders(files);
    const t = renderedCapacityTargetAt(docs, 'mychart/templates/hpa.yaml', 0)!;
    assert.equal(t.target.current.max, 10);
    const result = renderedCapacityEdits(findRenderedTarget(docs, t.pin)!.doc, t.pin, { min: 3, desired: 3, max: 10 }, (f) => files[f]);
    assert.ok('files' in result, JSON.stringify(result));
    assert.deepEqual(result.files.map((f) => [f.file, f.edits.map((e) => e.newText)]), [['mychart/values.yaml', ['3']]]);
    // max follows min in this template: the check the server runs before answering refuses the edit.
    const edited = { ...files, 'mychart/values.yaml': applyEdits(files['mychart/values.yaml']!, result.files[0]!.edits) };
    assert.equal(checkRenderedValues(await renders(edited), t.pin, { min: 3, desired: 3, max: 10 }), 'maxReplicas would render as 12, not 10');
  });

  test('the pin survives its gate: with autoscaling.enabled set true, the HPA is found in the default render', async () => {
    const pin = renderedCapacityTargetAt(await renders(chart), 'mychart/values.yaml', values.indexOf('autoscaling:'))!.pin;
    assert.equal(pin.gate, 'autoscaling.enabled');
    const enabled = { ...chart, 'mychart/values.yaml': values.replace('  enabled: false\n  minReplicas: 1', '  enabled: true\n  minReplicas: 1') };
    const again = findRenderedTarget(await renders(enabled), pin);
    assert.ok(again);
    assert.equal(again.doc.gate, undefined);
    const out = await applyRendered(enabled, pin, { min: 2, desired: 2, max: 32 });
    assert.match(out['mychart/values.yaml']!, /enabled: true\n  minReplicas: 2\n  maxReplicas: 32\n/);
  });

  test('min and max read from one value cannot differ: refused', async () => {
    const files = { ...chart, 'mychart/templates/hpa.yaml': hpaTemplate.replace('{{ .Values.autoscaling.maxReplicas }}', '{{ .Values.autoscaling.minReplicas }}') };
    const pin = renderedCapacityTargetAt(await renders(files), 'mychart/templates/hpa.yaml', 0)!.pin;
    const { error, fields } = await refusal(files, pin, { min: 2, desired: 2, max: 32 });
    assert.deepEqual(fields, ['minReplicas and maxReplicas']);
    assert.match(error, /both come from `1` in values\.yaml, line 139, so they cannot take different values/);
  });
});

const TF = `variable "min" {
  default = 2
}

resource "aws_autoscaling_group" "web" {
  name                = "web"
  min_size            = var.min
  max_size            = 6 # peak
  desired_capacity    = 3
  vpc_zone_identifier = ["subnet-a", "subnet-b"]
}

resource "aws_appautoscaling_target" "ecs" {
  min_capacity       = 2
  max_capacity       = 10
  resource_id        = "service/c/s"
  scalable_dimension = "ecs:service:DesiredCount"
  service_namespace  = "ecs"
}

resource "google_compute_region_autoscaler" "g" {
  name   = "g"
  region = "us-central1"
  target = "x"
  autoscaling_policy {
    max_replicas    = 10
    min_replicas    = 2
    cooldown_period = 60
  }
}

resource "azurerm_monitor_autoscale_setting" "a" {
  name                = "a"
  resource_group_name = "rg"
  location            = "westeurope"
  target_resource_id  = "id"
  profile {
    name = "weekend"
    recurrence {
      days    = ["Saturday"]
      hours   = [0]
      minutes = [0]
    }
    capacity {
      default = 1
      minimum = 1
      maximum = 2
    }
  }
  profile {
    name = "default"
    capacity {
      default = 2
      minimum = 2
      maximum = 10
    }
  }
}
`;

describe('a Terraform module', () => {
  const files = { 'infra/main.tf': TF };
  const at = async (text: string) => {
    const t = renderedCapacityTargetAt(await renders(files), 'infra/main.tf', TF.indexOf(text));
    assert.ok(t, text);
    return t;
  };

  test('each block is found from inside it, with its fields named as written', async () => {
    const asg = await at('vpc_zone_identifier');
    assert.equal(asg.pin.name, 'aws_autoscaling_group.web');
    assert.deepEqual(asg.target.fields, { min: 'min_size', desired: 'desired_capacity', max: 'max_size' });
    assert.deepEqual(asg.target.current, { min: 2, desired: 3, max: 6 });
    assert.equal(TF.slice(asg.home.start, asg.home.end), '"aws_autoscaling_group" "web"');
    const ecs = await at('scalable_dimension');
    assert.equal(ecs.target.kind, 'ScalableTarget');
    assert.deepEqual([ecs.target.fields, ecs.target.current], [{ min: 'min_capacity', max: 'max_capacity' }, { min: 2, max: 10 }]);
    const gcp = await at('cooldown_period');
    assert.equal(gcp.target.kind, 'GCPAutoscaler');
    assert.deepEqual([gcp.target.fields, gcp.target.current], [{ min: 'min_replicas', max: 'max_replicas' }, { min: 2, max: 10 }]);
    const azure = await at('target_resource_id');
    assert.equal(azure.target.kind, 'AzureAutoscaleSetting');
    // The default profile (no recurrence), as the rules read it.
    assert.deepEqual([azure.target.fields, azure.target.current], [{ min: 'capacity.minimum', desired: 'capacity.default', max: 'capacity.maximum' }, { min: 2, desired: 2, max: 10 }]);
  });

  test('aws_autoscaling_group: min_size through the variable default, max_size and desired_capacity on their literals', async () => {
    const pin = (await at('min_size')).pin;
    const out = await applyRendered(files, pin, { min: 3, desired: 5, max: 32 });
    assert.equal(out['infra/main.tf'], TF.replace('default = 2', 'default = 3').replace('max_size            = 6 # peak', 'max_size            = 32 # peak').replace('desired_capacity    = 3', 'desired_capacity    = 5'));
  });

  test('aws_appautoscaling_target, google_compute_region_autoscaler and the default Azure profile', async () => {
    let out = await applyRendered(files, (await at('scalable_dimension')).pin, { min: 3, desired: 3, max: 20 });
    assert.match(out['infra/main.tf']!, /min_capacity {7}= 3\n {2}max_capacity {7}= 20\n/);
    out = await applyRendered(files, (await at('cooldown_period')).pin, { min: 4, desired: 4, max: 40 });
    assert.match(out['infra/main.tf']!, /max_replicas {4}= 40\n {4}min_replicas {4}= 4\n/);
    out = await applyRendered(files, (await at('target_resource_id')).pin, { min: 3, desired: 4, max: 12 });
    assert.ok(out['infra/main.tf']!.includes('name = "default"\n    capacity {\n      default = 4\n      minimum = 3\n      maximum = 12\n'));
    assert.ok(out['infra/main.tf']!.includes('default = 1\n      minimum = 1\n      maximum = 2\n'), 'the weekend profile is untouched');
  });

  test('a group without desired_capacity: min and max written, desired left to AWS (said so)', async () => {
    const noDesired = { 'infra/main.tf': TF.replace('  desired_capacity    = 3\n', '') };
    const docs = await renders(noDesired);
    const t = renderedCapacityTargetAt(docs, 'infra/main.tf', noDesired['infra/main.tf'].indexOf('max_size'))!;
    const result = renderedCapacityEdits(findRenderedTarget(docs, t.pin)!.doc, t.pin, { min: 2, desired: 4, max: 8 }, (f) => noDesired[f as 'infra/main.tf']);
    assert.ok('files' in result, JSON.stringify(result));
    assert.match(result.summary, /max_size 8 \(desired_capacity is not set, so it is not written \(the group starts at min_size\)\)\.$/);
    assert.deepEqual(result.files.map((f) => f.edits.map((e) => e.newText)), [['8']]);
  });

  test('a value from an expression is refused with the expression named; nothing is written', async () => {
    const expr = { 'infra/main.tf': TF.replace('max_size            = 6 # peak', 'max_size            = var.min * 3') };
    const pin = renderedCapacityTargetAt(await renders(expr), 'infra/main.tf', expr['infra/main.tf'].indexOf('vpc_zone'))!.pin;
    const { error, fields } = await refusal(expr, pin, { min: 2, desired: 3, max: 12 });
    assert.deepEqual(fields, ['max_size']);
    assert.match(error, /max_size: it has no value written as is in the source \(it is absent, or an expression ScaleLint does not evaluate\); set it by hand near `"aws_autoscaling_group" "web"` in main\.tf, line 5\.$/);
  });

  test('a variable whose default is in another file is refused (the fix would edit the wrong file)', async () => {
    const split = { 'infra/main.tf': TF.replace('variable "min" {\n  default = 2\n}\n', ''), 'infra/variables.tf': 'variable "min" {\n  default = 2\n}\n' };
    const pin = renderedCapacityTargetAt(await renders(split), 'infra/main.tf', split['infra/main.tf'].indexOf('min_size'))!.pin;
    const { fields, error } = await refusal(split, pin, { min: 3, desired: 3, max: 6 });
    assert.deepEqual(fields, ['min_size']);
    assert.match(error, /`var\.min` in main\.tf/);
  });

  test('a bound the render writes as the provider default is not in the source: refused', async () => {
    // The Azure capacity without `default` (required by the provider): ScaleLint's render has no value to write.
    const noDefault = { 'infra/main.tf': TF.replace('      default = 2\n      minimum = 2\n      maximum = 10\n', '      minimum = 2\n      maximum = 10\n') };
    const docs = await renders(noDefault);
    const t = renderedCapacityTargetAt(docs, 'infra/main.tf', noDefault['infra/main.tf'].indexOf('target_resource_id'))!;
    const result = renderedCapacityEdits(findRenderedTarget(docs, t.pin)!.doc, t.pin, { min: 2, desired: 3, max: 10 }, (f) => noDefault[f as 'infra/main.tf']);
    assert.ok('error' in result, JSON.stringify(result));
    assert.deepEqual(result.byHand?.map((b) => b.field), ['capacity.default']);
    assert.match(result.error, /capacity\.default: it has no value written as is in the source/);
  });

  test('every target of the render is listed', async () => {
    const docs = await renders(files);
    assert.deepEqual(docs.flatMap(renderedCapacityTargets).map((t) => t.pin.kind), ['AutoScalingGroup', 'ScalableTarget', 'GCPAutoscaler', 'AzureAutoscaleSetting']);
  });
});

describe('a shell script and a kustomize overlay', () => {
  test("gcloud … set-autoscaling: the flags' values written in the script; a $VAR value refused", async () => {
    const script = `#!/bin/sh
gcloud compute instance-groups managed set-autoscaling web-mig \\
  --region=us-central1 \\
  --min-num-replicas 2 \\
  --max-num-replicas=10 \\
  --target-cpu-utilization 0.6
`;
    const files = { 'ops/scale.sh': script };
    const t = renderedCapacityTargetAt(await renders(files), 'ops/scale.sh', script.indexOf('--region'));
    assert.ok(t);
    assert.equal(t.target.kind, 'GCPAutoscaler');
    assert.deepEqual(t.target.current, { min: 2, max: 10 });
    const out = await applyRendered(files, t.pin, { min: 3, desired: 3, max: 24 });
    assert.equal(out['ops/scale.sh'], script.replace('--min-num-replicas 2', '--min-num-replicas 3').replace('--max-num-replicas=10', '--max-num-replicas=24'));
    const withVar = { 'ops/scale.sh': script.replace('--max-num-replicas=10', '--max-num-replicas="$MAX"') };
    const pin = renderedCapacityTargetAt(await renders(withVar), 'ops/scale.sh', 0)!.pin;
    const { fields } = await refusal(withVar, pin, { min: 3, desired: 3, max: 24 });
    assert.equal(fields.length, 1);
  });

  test('aws autoscaling update-auto-scaling-group: --min-size, --desired-capacity and --max-size written in the script', async () => {
    const script = 'aws autoscaling update-auto-scaling-group --auto-scaling-group-name web \\\n  --min-size 1 --max-size 4 \\\n  --desired-capacity 2\n';
    const files = { 'ops/asg.sh': script };
    const t = renderedCapacityTargetAt(await renders(files), 'ops/asg.sh', script.indexOf('--max-size'));
    assert.ok(t);
    assert.deepEqual([t.target.kind, t.target.current], ['AutoScalingGroup', { min: 1, desired: 2, max: 4 }]);
    const out = await applyRendered(files, t.pin, { min: 2, desired: 5, max: 32 });
    assert.equal(out['ops/asg.sh'], script.replace('--min-size 1', '--min-size 2').replace('--max-size 4', '--max-size 32').replace('--desired-capacity 2', '--desired-capacity 5'));
  });

  test("an overlay's patch sets maxReplicas: found from the patch, written there; minReplicas written in the base", async () => {
    const files: Files = {
      'base/kustomization.yaml': 'resources:\n  - hpa.yaml\n',
      'base/hpa.yaml': 'apiVersion: autoscaling/v2\nkind: HorizontalPodAutoscaler\nmetadata:\n  name: web\nspec:\n  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: web}\n  minReplicas: 2\n  maxReplicas: 5\n',
      'prod/kustomization.yaml': 'resources:\n  - ../base\nnamePrefix: prod-\npatches:\n  - path: hpa-patch.yaml\n',
      'prod/hpa-patch.yaml': 'apiVersion: autoscaling/v2\nkind: HorizontalPodAutoscaler\nmetadata:\n  name: web\nspec:\n  maxReplicas: 20 # prod peak\n',
    };
    const t = renderedCapacityTargetAt(await renders(files), 'prod/hpa-patch.yaml', files['prod/hpa-patch.yaml']!.indexOf('maxReplicas'));
    assert.ok(t);
    assert.equal(t.target.name, 'prod-web');
    assert.deepEqual(t.target.current, { min: 2, max: 20 });
    const out = await applyRendered(files, t.pin, { min: 3, desired: 3, max: 30 });
    assert.equal(out['prod/hpa-patch.yaml'], files['prod/hpa-patch.yaml']!.replace('maxReplicas: 20 #', 'maxReplicas: 30 #'));
    assert.equal(out['base/hpa.yaml'], files['base/hpa.yaml']!.replace('minReplicas: 2', 'minReplicas: 3'));
  });
});

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { attributeAt, blocksOf, numberOf, parseIsoDuration, stringOf, type TerraformModule } from '../../../../../server/src/engine/sources/terraform/index';
import { moduleOf, textAt } from './helpers';

const FIXTURES = join(__dirname, 'fixtures');

async function fixture(folder: string): Promise<{ files: Record<string, string>; m: TerraformModule }> {
  const files: Record<string, string> = {};
  for (const name of readdirSync(join(FIXTURES, folder)).filter((f) => f.endsWith('.tf')).sort()) {
    files[`${folder}/${name}`] = readFileSync(join(FIXTURES, folder, name), 'utf8');
  }
  return { files, m: await moduleOf(files) };
}

test('terraform-aws-modules/terraform-aws-autoscaling: the module parses cleanly', async () => {
  const { files, m } = await fixture('aws-autoscaling-module');
  assert.deepEqual(m.problems, []);
  for (const address of ['aws_autoscaling_group.this', 'aws_autoscaling_group.idc', 'aws_launch_template.this', 'aws_autoscaling_policy.this', 'aws_autoscaling_schedule.this', 'aws_autoscaling_traffic_source_attachment.this']) {
    assert.ok(m.resources.has(address), address);
  }
  assert.equal(m.variables.size, 95);
  const asg = m.resources.get('aws_autoscaling_group.this')!;
  assert.equal(asg.repetition, 'count');
  assert.equal(m.resources.get('aws_autoscaling_policy.this')!.repetition, 'for_each');
  // min_size = var.min_size, whose default is null: the value is null and a fix writes variables.tf.
  const min = asg.body.attributes.get('min_size')!.value;
  assert.equal(min.kind, 'null');
  assert.equal(textAt(files, min.range), 'var.min_size');
  assert.equal(min.fix?.file, 'aws-autoscaling-module/variables.tf');
  assert.equal(textAt(files, min.fix), 'null');
  assert.equal(min.via?.name, 'min_size');
  const zones = asg.body.attributes.get('availability_zones')!.value;
  assert.equal(zones.via?.kind, 'var');
  // Dynamic blocks are modeled once, under their generated type, with unknown content.
  const distribution = blocksOf(asg.body, 'availability_zone_distribution');
  assert.equal(distribution.length, 1);
  assert.equal(distribution[0]!.dynamic, true);
  assert.equal(distribution[0]!.body.attributes.get('capacity_distribution_strategy')!.value.kind, 'unknown');
  const policy = m.resources.get('aws_autoscaling_policy.this')!;
  assert.equal(policy.body.attributes.get('estimated_instance_warmup')!.value.kind, 'unknown');
  assert.equal(blocksOf(policy.body, 'target_tracking_configuration')[0]?.dynamic, true);
});

test('terraform-aws-modules/terraform-aws-autoscaling: examples/complete parses cleanly', async () => {
  const { files, m } = await fixture('aws-autoscaling-example-complete');
  assert.deepEqual(m.problems, []);
  assert.ok(m.resources.has('aws_launch_template.this'));
  assert.ok(m.resources.has('aws_iam_role.ssm'));
  assert.ok(m.resources.size >= 6);
  // Module calls: inputs are evaluated like attributes (the called module itself is not read).
  const complete = m.modules.get('complete')!;
  assert.equal(complete.source, '../../');
  assert.equal(textAt(files, complete.nameRange), '"complete"');
  assert.equal(numberOf(complete.body.attributes.get('min_size')?.value), 0);
  assert.equal(textAt(files, complete.body.attributes.get('min_size')?.value.fix), '0');
  assert.equal(stringOf(complete.body.attributes.get('health_check_type')?.value), 'EC2');
  assert.equal(complete.body.attributes.get('vpc_zone_identifier')?.value.kind, 'unknown');
  assert.ok(m.modules.size >= 10);
});

test('GCP: google_compute_autoscaler example', async () => {
  const { files, m } = await fixture('gcp-autoscaler');
  assert.deepEqual(m.problems, []);
  const autoscaler = m.resources.get('google_compute_autoscaler.foobar')!;
  assert.equal(numberOf(attributeAt(autoscaler.body, 'autoscaling_policy.min_replicas')?.value), 1);
  assert.equal(numberOf(attributeAt(autoscaler.body, 'autoscaling_policy.max_replicas')?.value), 5);
  assert.equal(numberOf(attributeAt(autoscaler.body, 'autoscaling_policy.cooldown_period')?.value), 60);
  const target = attributeAt(autoscaler.body, 'autoscaling_policy.cpu_utilization.target')!;
  assert.equal(numberOf(target.value), 0.5);
  assert.equal(textAt(files, target.value.fix), '0.5');
  assert.equal(stringOf(autoscaler.body.attributes.get('zone')?.value), 'us-central1-f');
  assert.deepEqual(
    m.links.filter((l) => l.from === 'google_compute_autoscaler.foobar').map((l) => [l.path, l.to, l.attribute]),
    [['target', 'google_compute_instance_group_manager.foobar', 'id']],
  );
  assert.ok(m.links.some((l) => l.from === 'google_compute_instance_template.foobar' && l.to === 'data.google_compute_image.debian_9'));
});

test('Azure: azurerm_monitor_autoscale_setting example, with ISO 8601 durations', async () => {
  const { files, m } = await fixture('azure-autoscale');
  assert.deepEqual(m.problems, []);
  const setting = m.resources.get('azurerm_monitor_autoscale_setting.example')!;
  const profile = blocksOf(setting.body, 'profile')[0]!;
  assert.deepEqual(['minimum', 'default', 'maximum'].map((k) => numberOf(attributeAt(profile.body, `capacity.${k}`)?.value)), [1, 1, 10]);
  const rules = blocksOf(profile.body, 'rule');
  assert.deepEqual(
    rules.map((r) => [
      stringOf(attributeAt(r.body, 'scale_action.direction')?.value),
      parseIsoDuration(stringOf(attributeAt(r.body, 'scale_action.cooldown')?.value) ?? ''),
      parseIsoDuration(stringOf(attributeAt(r.body, 'metric_trigger.time_window')?.value) ?? ''),
      numberOf(attributeAt(r.body, 'metric_trigger.threshold')?.value),
    ]),
    [
      ['Increase', 60, 300, 75],
      ['Decrease', 60, 300, 25],
    ],
  );
  const cooldown = attributeAt(rules[1]!.body, 'scale_action.cooldown')!;
  assert.equal(textAt(files, cooldown.value.fix), '"PT1M"');
  assert.ok(m.links.some((l) => l.from === setting.address && l.path === 'target_resource_id' && l.to === 'azurerm_virtual_machine_scale_set.example'));
  assert.ok(m.links.some((l) => l.from === setting.address && l.path === 'profile.rule.metric_trigger.metric_resource_id'));
});

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { RESOURCE_FACTS, factsOf, parseIsoDuration } from '../../../../../server/src/engine/sources/terraform/index';
import { nestedBlockTypes } from '../../../../../server/src/engine/sources/terraform/providers';

test('ISO 8601 durations as Azure writes them', () => {
  const cases: [string, number | undefined][] = [
    ['PT1M', 60],
    ['PT5M', 300],
    ['PT1H30M', 5400],
    ['PT45S', 45],
    ['PT0.5S', 0.5],
    ['PT1,5M', 90],
    ['P1D', 86400],
    ['P7D', 604800],
    ['P1W', 604800],
    ['P1DT12H', 129600],
    ['pt10m', 600],
    [' PT2M ', 120],
    ['P1Y', 31536000],
    ['P1M', 2592000],
    ['', undefined],
    ['P', undefined],
    ['PT', undefined],
    ['P1DT', undefined],
    ['5M', undefined],
    ['PT5', undefined],
    ['PT1.5H30M', undefined],
    ['PT-5M', undefined],
    ['P1W2D', undefined],
    ['00:05:00', undefined],
    [`PT${'9'.repeat(100)}S`, undefined],
  ];
  for (const [text, seconds] of cases) assert.equal(parseIsoDuration(text), seconds, text);
});

test('the provider table covers the resource types of SPEC §9 and §10', () => {
  for (const type of [
    'aws_autoscaling_group',
    'aws_autoscaling_policy',
    'aws_cloudwatch_metric_alarm',
    'aws_lb_target_group',
    'aws_autoscaling_schedule',
    'aws_appautoscaling_target',
    'aws_appautoscaling_policy',
    'google_compute_autoscaler',
    'google_compute_region_autoscaler',
    'azurerm_monitor_autoscale_setting',
    'kubernetes_horizontal_pod_autoscaler_v2',
    'kubernetes_horizontal_pod_autoscaler',
    'kubernetes_deployment_v1',
    'kubernetes_deployment',
    'kubernetes_stateful_set_v1',
    'kubernetes_service_v1',
    'kubernetes_pod_disruption_budget_v1',
  ]) {
    assert.ok(factsOf(type), type);
  }
  assert.equal(factsOf('toString'), undefined);
  assert.equal(factsOf('aws_nope'), undefined);
  const paths = (type: string) => factsOf(type)!.attributes.map((a) => a.path);
  for (const p of ['min_size', 'max_size', 'desired_capacity', 'health_check_type', 'health_check_grace_period', 'target_group_arns', 'load_balancers', 'vpc_zone_identifier', 'availability_zones', 'default_instance_warmup']) {
    assert.ok(paths('aws_autoscaling_group').includes(p), p);
  }
  for (const p of ['profile.capacity.minimum', 'profile.capacity.default', 'profile.capacity.maximum', 'profile.rule.scale_action.cooldown', 'profile.rule.metric_trigger.time_window']) {
    assert.ok(paths('azurerm_monitor_autoscale_setting').includes(p), p);
  }
  const gcpTarget = factsOf('google_compute_autoscaler')!.attributes.find((a) => a.path === 'autoscaling_policy.cpu_utilization.target');
  assert.equal(gcpTarget?.kind, 'fraction');
  assert.equal(factsOf('azurerm_monitor_autoscale_setting')!.attributes.find((a) => a.path.endsWith('cooldown'))?.kind, 'iso-duration');
  // Every attribute's block path is a declared block, so .tf.json reads it as a block.
  for (const [type, facts] of Object.entries(RESOURCE_FACTS)) {
    for (const attribute of facts.attributes) {
      const parts = attribute.path.split('.');
      for (let i = 1; i < parts.length; i++) {
        const block = parts.slice(0, i).join('.');
        assert.ok(facts.blocks.includes(block) || ['dimensions', 'spec.selector.match_labels'].includes(block), `${type}: ${block}`);
      }
    }
  }
});

test('nested block types per path, for .tf.json', () => {
  assert.ok(nestedBlockTypes('aws_autoscaling_group', '').has('mixed_instances_policy'));
  assert.ok(nestedBlockTypes('aws_autoscaling_group', '').has('lifecycle'));
  assert.ok(!nestedBlockTypes('aws_autoscaling_group', '').has('instances_distribution'));
  assert.ok(nestedBlockTypes('aws_autoscaling_group', 'mixed_instances_policy').has('instances_distribution'));
  assert.ok(nestedBlockTypes('azurerm_monitor_autoscale_setting', 'profile.rule').has('scale_action'));
  assert.ok(nestedBlockTypes('unknown_type', '').has('dynamic'));
});

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { alarmsOfPolicy, groupOf, loadBalancersOfGroup, policiesOfAlarm, resourcesNamingGroup } from '../../../../../server/src/engine/sources/terraform/index';
import { moduleOf } from './helpers';

const MODULE = `resource "aws_autoscaling_group" "web" {
  min_size          = 2
  max_size          = 6
  target_group_arns = [aws_lb_target_group.direct.arn]
  load_balancers    = [aws_elb.classic.name]
}

resource "aws_autoscaling_group" "api" {
  min_size = 2
  max_size = 4
  traffic_source {
    identifier = aws_lb_target_group.inline.arn
    type       = "elbv2"
  }
}

resource "aws_lb_target_group" "direct" {}
resource "aws_lb_target_group" "attached" {}
resource "aws_lb_target_group" "traffic" {}
resource "aws_lb_target_group" "inline" {}
resource "aws_elb" "classic" {}

resource "aws_autoscaling_attachment" "web" {
  autoscaling_group_name = aws_autoscaling_group.web.id
  lb_target_group_arn    = aws_lb_target_group.attached.arn
}

resource "aws_autoscaling_traffic_source_attachment" "web" {
  autoscaling_group_name = aws_autoscaling_group.web.name
  traffic_source {
    identifier = aws_lb_target_group.traffic.arn
    type       = "elbv2"
  }
}

resource "aws_autoscaling_policy" "up" {
  autoscaling_group_name = aws_autoscaling_group.web.name
  scaling_adjustment     = 1
}

resource "aws_autoscaling_policy" "down" {
  autoscaling_group_name = "\${aws_autoscaling_group.web.name}"
  scaling_adjustment     = -1
}

resource "aws_autoscaling_schedule" "night" {
  autoscaling_group_name = aws_autoscaling_group.api.name
  min_size               = 1
}

resource "aws_cloudwatch_metric_alarm" "high" {
  alarm_actions = [aws_autoscaling_policy.up.arn, aws_sns_topic.ops.arn]
  dimensions = {
    AutoScalingGroupName = aws_autoscaling_group.web.name
  }
}

resource "aws_cloudwatch_metric_alarm" "low" {
  alarm_actions = ["\${aws_autoscaling_policy.down.arn}"]
}

resource "aws_sns_topic" "ops" {}
`;

test('the target groups and load balancers of a group: its own attributes and attachment resources', async () => {
  const m = await moduleOf({ 'main.tf': MODULE });
  assert.deepEqual(m.problems, []);
  assert.deepEqual(
    loadBalancersOfGroup(m, 'aws_autoscaling_group.web').map((g) => [g.loadBalancer.address, g.link.from, g.link.path]),
    [
      ['aws_lb_target_group.direct', 'aws_autoscaling_group.web', 'target_group_arns'],
      ['aws_elb.classic', 'aws_autoscaling_group.web', 'load_balancers'],
      ['aws_lb_target_group.attached', 'aws_autoscaling_attachment.web', 'lb_target_group_arn'],
      ['aws_lb_target_group.traffic', 'aws_autoscaling_traffic_source_attachment.web', 'traffic_source.identifier'],
    ],
  );
  assert.deepEqual(loadBalancersOfGroup(m, 'aws_autoscaling_group.api').map((g) => g.loadBalancer.address), ['aws_lb_target_group.inline']);
  assert.deepEqual(loadBalancersOfGroup(m, 'aws_autoscaling_group.none'), []);
});

test('alarms, policies, schedules and their groups', async () => {
  const m = await moduleOf({ 'main.tf': MODULE });
  assert.deepEqual(policiesOfAlarm(m, 'aws_cloudwatch_metric_alarm.high').map((p) => p.address), ['aws_autoscaling_policy.up']);
  assert.deepEqual(policiesOfAlarm(m, 'aws_cloudwatch_metric_alarm.low').map((p) => p.address), ['aws_autoscaling_policy.down']);
  assert.deepEqual(alarmsOfPolicy(m, 'aws_autoscaling_policy.up').map((a) => a.address), ['aws_cloudwatch_metric_alarm.high']);
  assert.equal(groupOf(m, 'aws_autoscaling_policy.down')?.address, 'aws_autoscaling_group.web');
  assert.equal(groupOf(m, 'aws_autoscaling_schedule.night')?.address, 'aws_autoscaling_group.api');
  assert.equal(groupOf(m, 'aws_cloudwatch_metric_alarm.high'), undefined);
  assert.deepEqual(resourcesNamingGroup(m, 'aws_autoscaling_group.web').map((r) => r.address).sort(), [
    'aws_autoscaling_attachment.web',
    'aws_autoscaling_policy.down',
    'aws_autoscaling_policy.up',
    'aws_autoscaling_traffic_source_attachment.web',
    'aws_cloudwatch_metric_alarm.high',
  ]);
});

// real2: cloudposse/terraform-aws-ec2-autoscale-group names its counted group as `one(aws_autoscaling_group.default[*].name)`.
const COUNTED = `resource "aws_autoscaling_group" "default" {
  count    = var.enabled ? 1 : 0
  min_size = 2
  max_size = 4
}

resource "aws_autoscaling_policy" "up" {
  autoscaling_group_name = one(aws_autoscaling_group.default[*].name)
  scaling_adjustment     = 1
}

resource "aws_autoscaling_policy" "down" {
  autoscaling_group_name = one(aws_autoscaling_group.default.*.name)
  scaling_adjustment     = -1
}

resource "aws_cloudwatch_metric_alarm" "high" {
  alarm_actions = [one(aws_autoscaling_policy.up[*].arn)]
}

resource "aws_autoscaling_policy" "other" {
  autoscaling_group_name = max(aws_autoscaling_group.default[*].name)
}

resource "aws_autoscaling_policy" "whole" {
  autoscaling_group_name = aws_autoscaling_group.default[*].name
}

resource "aws_autoscaling_policy" "nested" {
  autoscaling_group_name = one(aws_autoscaling_group.default[0].tags[*].name)
}

variable "enabled" {
  default = true
}
`;

test('one(x[*].attr), the idiom for a counted resource, links as x[0].attr does; another call, a bare splat or a deeper splat does not', async () => {
  const m = await moduleOf({ 'main.tf': COUNTED });
  assert.deepEqual(m.problems, []);
  assert.equal(groupOf(m, 'aws_autoscaling_policy.up')?.address, 'aws_autoscaling_group.default');
  assert.equal(groupOf(m, 'aws_autoscaling_policy.down')?.address, 'aws_autoscaling_group.default');
  assert.deepEqual(policiesOfAlarm(m, 'aws_cloudwatch_metric_alarm.high').map((p) => p.address), ['aws_autoscaling_policy.up']);
  assert.equal(groupOf(m, 'aws_autoscaling_policy.other'), undefined);
  assert.equal(groupOf(m, 'aws_autoscaling_policy.whole'), undefined);
  assert.equal(groupOf(m, 'aws_autoscaling_policy.nested'), undefined);
});

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { attributeAt, blocksOf, numberOf, referencesIn, stringOf } from '../../../../../server/src/engine/sources/terraform/index';
import { moduleOf, textAt } from './helpers';

const ASG = `variable "min_size" {
  type    = number
  default = 2
}

variable "zones" {
  default = ["eu-west-1a", "eu-west-1b"]
}

variable "no_default" {}

locals {
  max_size = 10
  settings = { warmup = 120, type = "ELB" }
  chained  = var.min_size
  self     = local.self
}

resource "aws_autoscaling_group" "web" {
  name                    = "web"
  min_size                = var.min_size
  max_size                = local.max_size
  desired_capacity        = 3
  health_check_type       = local.settings.type
  health_check_grace_period = -1
  default_instance_warmup = local.settings["warmup"]
  availability_zones      = var.zones
  vpc_zone_identifier     = var.no_default
  capacity_rebalance      = true
  target_group_arns       = [aws_lb_target_group.app.arn]
  launch_template {
    id = null
  }
  mixed_instances_policy {
    instances_distribution {
      on_demand_base_capacity = 1
    }
    launch_template {
      override {
        instance_type = "m5.large"
      }
      override {
        instance_type = "m6i.large"
      }
    }
  }
}

resource "aws_lb_target_group" "app" {
  health_check {
    path = "/healthz"
  }
}
`;

test('attributes and values have exact ranges; literals are their own fix target', async () => {
  const files = { 'main.tf': ASG };
  const m = await moduleOf(files);
  assert.deepEqual(m.problems, []);
  const asg = m.resources.get('aws_autoscaling_group.web')!;
  assert.equal(asg.type, 'aws_autoscaling_group');
  assert.equal(textAt(files, asg.typeRange), '"aws_autoscaling_group"');
  assert.equal(textAt(files, asg.nameRange), '"web"');
  const desired = asg.body.attributes.get('desired_capacity')!;
  assert.equal(textAt(files, desired.nameRange), 'desired_capacity');
  assert.equal(textAt(files, desired.range), 'desired_capacity        = 3');
  assert.equal(desired.value.kind, 'number');
  assert.equal(numberOf(desired.value), 3);
  assert.equal(textAt(files, desired.value.range), '3');
  assert.deepEqual(desired.value.fix, desired.value.range);
  const name = asg.body.attributes.get('name')!;
  assert.equal(stringOf(name.value), 'web');
  assert.equal(textAt(files, name.value.fix), '"web"', 'a string fix covers its quotes');
  const grace = asg.body.attributes.get('health_check_grace_period')!;
  assert.equal(numberOf(grace.value), -1);
  assert.equal(textAt(files, grace.value.fix), '-1');
  assert.equal(asg.body.attributes.get('capacity_rebalance')!.value.kind, 'bool');
  assert.equal(attributeAt(asg.body, 'launch_template.id')!.value.kind, 'null');
});

test('var.x resolves to its default; the fix writes the default literal', async () => {
  const files = { 'main.tf': ASG };
  const m = await moduleOf(files);
  const min = m.resources.get('aws_autoscaling_group.web')!.body.attributes.get('min_size')!.value;
  assert.equal(numberOf(min), 2);
  assert.equal(textAt(files, min.range), 'var.min_size');
  assert.equal(textAt(files, min.fix), '2');
  assert.equal(min.fix!.start, ASG.indexOf('default = 2') + 'default = '.length);
  assert.equal(min.via?.kind, 'var');
  assert.equal(min.via?.name, 'min_size');
  assert.equal(textAt(files, m.variables.get('min_size')!.nameRange), '"min_size"');
  const zones = m.resources.get('aws_autoscaling_group.web')!.body.attributes.get('availability_zones')!.value;
  assert.equal(zones.kind, 'list');
  if (zones.kind === 'list') {
    assert.deepEqual(zones.items.map(stringOf), ['eu-west-1a', 'eu-west-1b']);
    assert.equal(textAt(files, zones.items[1]!.fix), '"eu-west-1b"');
  }
  const missing = m.resources.get('aws_autoscaling_group.web')!.body.attributes.get('vpc_zone_identifier')!.value;
  assert.equal(missing.kind, 'unknown');
  assert.match(missing.kind === 'unknown' ? missing.reason : '', /var\.no_default has no default/);
  assert.equal(textAt(files, missing.range), 'var.no_default');
  assert.equal(missing.fix, undefined);
});

test('local.x resolves to its literal, through object keys and chains; a cycle is unknown', async () => {
  const files = { 'main.tf': ASG };
  const m = await moduleOf(files);
  const body = m.resources.get('aws_autoscaling_group.web')!.body;
  const max = body.attributes.get('max_size')!.value;
  assert.equal(numberOf(max), 10);
  assert.equal(textAt(files, max.range), 'local.max_size');
  assert.equal(textAt(files, max.fix), '10');
  assert.equal(max.via?.kind, 'local');
  assert.equal(stringOf(body.attributes.get('health_check_type')!.value), 'ELB');
  assert.equal(textAt(files, body.attributes.get('health_check_type')!.value.fix), '"ELB"');
  assert.equal(numberOf(body.attributes.get('default_instance_warmup')!.value), 120);
  const chained = m.locals.get('chained')!.value;
  assert.equal(numberOf(chained), 2);
  assert.equal(textAt(files, chained.fix), '2', 'a local that names a variable fixes the variable default');
  assert.equal(chained.via?.kind, 'var');
  assert.equal(m.locals.get('self')!.value.kind, 'unknown');
});

test('a long chain of locals stays bounded (no stack overflow); a short one resolves', async () => {
  const n = 5000;
  const lines = Array.from({ length: n }, (_, i) => `  l${i} = ${i === n - 1 ? '7' : `local.l${i + 1}`}`);
  const m = await moduleOf({ 'main.tf': `locals {\n${lines.join('\n')}\n}\nresource "a" "b" {\n  x = local.l4990\n  y = local.l0\n}\n` });
  const body = m.resources.get('a.b')!.body;
  assert.equal(numberOf(body.attributes.get('x')!.value), 7);
  const y = body.attributes.get('y')!.value;
  assert.ok(y.kind === 'unknown' || numberOf(y) === 7);
});

test('nested blocks keep their order, ranges and repeated types', async () => {
  const files = { 'main.tf': ASG };
  const m = await moduleOf(files);
  const body = m.resources.get('aws_autoscaling_group.web')!.body;
  const overrides = blocksOf(blocksOf(blocksOf(body, 'mixed_instances_policy')[0]!.body, 'launch_template')[0]!.body, 'override');
  assert.deepEqual(overrides.map((o) => stringOf(o.body.attributes.get('instance_type')?.value)), ['m5.large', 'm6i.large']);
  assert.equal(textAt(files, overrides[0]!.typeRange), 'override');
  assert.equal(numberOf(attributeAt(body, 'mixed_instances_policy.instances_distribution.on_demand_base_capacity')?.value), 1);
  const tg = m.resources.get('aws_lb_target_group.app')!;
  assert.equal(stringOf(attributeAt(tg.body, 'health_check.path')?.value), '/healthz');
  // Where a fix adds a missing attribute: before the closing brace of the resource or block.
  const asg = m.resources.get('aws_autoscaling_group.web')!;
  assert.equal(textAt(files, asg.closingBrace), '}');
  assert.equal(asg.closingBrace!.end, asg.range.end);
  const check = blocksOf(tg.body, 'health_check')[0]!;
  assert.equal(check.closingBrace!.end, check.range.end);
  assert.equal(textAt(files, check.closingBrace), '}');
  assert.equal(attributeAt(tg.body, 'health_check.nope'), undefined);
});

test('references resolve to the resources they name and become links', async () => {
  const files = {
    'main.tf': ASG,
    'policy.tf': `resource "aws_autoscaling_policy" "up" {
  autoscaling_group_name = aws_autoscaling_group.web.name
  scaling_adjustment     = 1
}

resource "aws_cloudwatch_metric_alarm" "high" {
  alarm_actions = [aws_autoscaling_policy.up.arn, "\${aws_autoscaling_policy.down.arn}"]
  ok_actions    = ["\${aws_autoscaling_policy.up.arn}"]
  dimensions = {
    AutoScalingGroupName = aws_autoscaling_group.web.name
  }
}

resource "aws_autoscaling_attachment" "tg" {
  autoscaling_group_name = aws_autoscaling_group.web.id
  lb_target_group_arn    = aws_lb_target_group.app.arn
}

resource "aws_autoscaling_traffic_source_attachment" "tg" {
  autoscaling_group_name = aws_autoscaling_group.web.name
  traffic_source {
    identifier = aws_lb_target_group.app.arn
    type       = "elbv2"
  }
}

data "aws_ami" "linux" {
  most_recent = true
}

resource "aws_launch_template" "lt" {
  image_id = data.aws_ami.linux.id
}
`,
  };
  const m = await moduleOf(files);
  assert.deepEqual(m.problems, []);
  const alarm = m.resources.get('aws_cloudwatch_metric_alarm.high')!;
  const refs = referencesIn(alarm.body.attributes.get('alarm_actions')!.value);
  assert.deepEqual(refs.map((r) => [r.address, r.attribute, r.resolved]), [
    ['aws_autoscaling_policy.up', 'arn', true],
    ['aws_autoscaling_policy.down', 'arn', false],
  ]);
  assert.equal(textAt(files, refs[0]!.range), 'aws_autoscaling_policy.up.arn');
  assert.equal(textAt(files, refs[1]!.range), 'aws_autoscaling_policy.down.arn', 'a "${…}" reference has the range of its expression');
  const link = (from: string, path: string) => m.links.filter((l) => l.from === from && l.path === path).map((l) => `${l.to}.${l.attribute}`);
  assert.deepEqual(link('aws_cloudwatch_metric_alarm.high', 'alarm_actions'), ['aws_autoscaling_policy.up.arn']);
  assert.deepEqual(link('aws_cloudwatch_metric_alarm.high', 'ok_actions'), ['aws_autoscaling_policy.up.arn']);
  assert.deepEqual(link('aws_cloudwatch_metric_alarm.high', 'dimensions.AutoScalingGroupName'), ['aws_autoscaling_group.web.name']);
  assert.deepEqual(link('aws_autoscaling_policy.up', 'autoscaling_group_name'), ['aws_autoscaling_group.web.name']);
  assert.deepEqual(link('aws_autoscaling_attachment.tg', 'autoscaling_group_name'), ['aws_autoscaling_group.web.id']);
  assert.deepEqual(link('aws_autoscaling_attachment.tg', 'lb_target_group_arn'), ['aws_lb_target_group.app.arn']);
  assert.deepEqual(link('aws_autoscaling_traffic_source_attachment.tg', 'traffic_source.identifier'), ['aws_lb_target_group.app.arn']);
  assert.deepEqual(link('aws_autoscaling_group.web', 'target_group_arns'), ['aws_lb_target_group.app.arn']);
  assert.deepEqual(link('aws_launch_template.lt', 'image_id'), ['data.aws_ami.linux.id']);
  const image = m.resources.get('aws_launch_template.lt')!.body.attributes.get('image_id')!.value;
  assert.equal(image.kind === 'reference' && image.mode, 'data');
  assert.equal(m.resources.get('data.aws_ami.linux')!.mode, 'data');
});

test('everything else is unknown, with its range', async () => {
  const lines: [string, string][] = [
    ['interp', '"${var.min_size}-x"'],
    ['call', 'max(1, 2)'],
    ['cond', 'var.min_size > 1 ? 1 : 2'],
    ['forexpr', '[for z in var.zones : upper(z)]'],
    ['count_index', 'count.index'],
    ['each_value', 'each.value'],
    ['splat', 'aws_lb_target_group.app[*].arn'],
    ['op', '1 + 1'],
    ['heredoc', '<<EOT\nhello\nEOT'],
    ['module_out', 'module.vpc.subnets'],
    ['path', 'path.module'],
  ];
  const text = `variable "min_size" {\n  default = 2\n}\nvariable "zones" {\n  default = ["a"]\n}\nresource "x" "y" {\n${lines.map(([k, v]) => `  ${k} = ${v}\n`).join('')}}\n`;
  const files = { 'main.tf': text };
  const m = await moduleOf(files);
  assert.deepEqual(m.problems, []);
  const body = m.resources.get('x.y')!.body;
  for (const [key, written] of lines) {
    const value = body.attributes.get(key)!.value;
    assert.equal(value.kind, 'unknown', key);
    assert.equal(textAt(files, value.range), written, key);
  }
  const indexed = (await moduleOf({ 'a.tf': 'resource "a" "b" {\n  x = aws_lb_target_group.app[0].arn\n}\n' })).resources.get('a.b')!.body.attributes.get('x')!.value;
  assert.equal(indexed.kind, 'reference');
  assert.equal(indexed.kind === 'reference' && indexed.indexed, true);
});

test('count, for_each and dynamic blocks: one resource; dynamic content unknown', async () => {
  const files = {
    'main.tf': `resource "aws_autoscaling_group" "counted" {
  count    = 2
  min_size = 1
}

resource "aws_autoscaling_group" "each" {
  for_each = toset(["a", "b"])
  min_size = each.value == "a" ? 1 : 2
  max_size = 4

  dynamic "tag" {
    for_each = var.tags
    content {
      key                 = tag.key
      propagate_at_launch = true
    }
  }
  tag {
    key = "static"
  }
}
`,
  };
  const m = await moduleOf(files);
  assert.deepEqual(m.problems, []);
  assert.equal(m.resources.get('aws_autoscaling_group.counted')!.repetition, 'count');
  const each = m.resources.get('aws_autoscaling_group.each')!;
  assert.equal(each.repetition, 'for_each');
  assert.equal(each.body.attributes.get('min_size')!.value.kind, 'unknown');
  assert.equal(numberOf(each.body.attributes.get('max_size')!.value), 4);
  const tags = blocksOf(each.body, 'tag');
  assert.equal(tags.length, 2);
  assert.equal(tags[0]!.dynamic, true);
  assert.equal(textAt(files, tags[0]!.typeRange), '"tag"');
  assert.equal(tags[0]!.body.attributes.get('propagate_at_launch')!.value.kind, 'unknown');
  assert.equal(tags[1]!.dynamic, false);
  assert.equal(stringOf(tags[1]!.body.attributes.get('key')!.value), 'static');
});

test('duplicates are problems; the first definition wins', async () => {
  const files = {
    'a.tf': 'variable "v" {\n  default = 1\n}\nresource "a" "b" {\n  x = 1\n  x = 2\n}\nlocals {\n  l = 1\n}\n',
    'b.tf': 'variable "v" {\n  default = 2\n}\nresource "a" "b" {}\nlocals {\n  l = 2\n}\n',
  };
  const m = await moduleOf(files);
  assert.equal(numberOf(m.variables.get('v')!.default!.value), 1);
  assert.equal(numberOf(m.resources.get('a.b')!.body.attributes.get('x')!.value), 1);
  assert.equal(numberOf(m.locals.get('l')!.value), 1);
  assert.deepEqual(
    m.problems.map((p) => [p.file, textAt(files, p)]),
    [['a.tf', 'x'], ['b.tf', 'variable'], ['b.tf', 'resource'], ['b.tf', 'l']],
  );
});

test('a byte-order mark and CRLF line endings', async () => {
  const text = '\uFEFFresource "a" "b" {\r\n  x = 1\r\n  y = "q"\r\n}\r\n';
  const files = { 'main.tf': text };
  const m = await moduleOf(files);
  assert.deepEqual(m.problems, []);
  const body = m.resources.get('a.b')!.body;
  assert.equal(textAt(files, body.attributes.get('x')!.value.fix), '1');
  assert.equal(textAt(files, body.attributes.get('y')!.value.fix), '"q"');
});

test('string escapes, numbers and non-ASCII text keep UTF-16 offsets', async () => {
  const text = 'resource "a" "ü😀" {\n  s = "é\\n\\"q\\" \\u00e9 $${x}"\n  n = 1.5e3\n  h = 0x1F\n  after = "😀"\n  k = 7\n}\n';
  const files = { 'main.tf': text };
  const m = await moduleOf(files);
  assert.deepEqual(m.problems, []);
  const r = m.resources.get('a.ü😀')!;
  assert.equal(stringOf(r.body.attributes.get('s')!.value), 'é\n"q" é ${x}');
  assert.equal(numberOf(r.body.attributes.get('n')!.value), 1500);
  assert.equal(numberOf(r.body.attributes.get('h')!.value), 31);
  const k = r.body.attributes.get('k')!.value;
  assert.equal(k.range.start, text.indexOf('k = 7') + 4);
  assert.equal(textAt(files, k.range), '7');
});

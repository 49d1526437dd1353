import { test } from 'node:test';
import assert from 'node:assert/strict';
import { attributeAt, blocksOf, numberOf, referencesIn, stringOf } from '../../../../../server/src/engine/sources/terraform/index';
import { parseJson } from '../../../../../server/src/engine/sources/terraform/json';
import { moduleOf, textAt } from './helpers';

const JSON_MODULE = `{
  "variable": {
    "min": { "type": "number", "default": 2 },
    "name": { "default": "\${not.a.template}" }
  },
  "locals": { "max": 10 },
  "resource": {
    "aws_autoscaling_group": {
      "web": {
        "min_size": "\${var.min}",
        "max_size": "\${local.max}",
        "desired_capacity": 3,
        "health_check_type": "ELB",
        "name": "web-\${var.name}",
        "target_group_arns": ["\${aws_lb_target_group.app.arn}"],
        "tags": { "team": "a" },
        "tag": [{ "key": "a", "value": "b" }, { "key": "c", "value": "d" }],
        "mixed_instances_policy": {
          "instances_distribution": { "on_demand_base_capacity": 1 }
        },
        "dynamic": { "tag": { "for_each": "\${var.tags}", "content": { "key": "\${tag.key}" } } }
      }
    },
    "aws_lb_target_group": { "app": { "health_check": { "path": "/healthz" } } }
  },
  "data": { "aws_ami": { "linux": { "most_recent": true } } }
}
`;

test('.tf.json: resources, blocks told from object attributes, var/local through "${…}", fix targets', async () => {
  const files = { 'main.tf.json': JSON_MODULE };
  const m = await moduleOf(files);
  assert.deepEqual(m.problems, []);
  const asg = m.resources.get('aws_autoscaling_group.web')!;
  assert.equal(textAt(files, asg.typeRange), '"aws_autoscaling_group"');
  assert.equal(textAt(files, asg.nameRange), '"web"');
  const min = asg.body.attributes.get('min_size')!;
  assert.equal(textAt(files, min.nameRange), '"min_size"');
  assert.equal(numberOf(min.value), 2);
  assert.equal(textAt(files, min.value.range), 'var.min');
  assert.equal(textAt(files, min.value.fix), '2');
  assert.equal(numberOf(asg.body.attributes.get('max_size')!.value), 10);
  assert.equal(textAt(files, asg.body.attributes.get('max_size')!.value.fix), '10');
  assert.equal(textAt(files, asg.body.attributes.get('desired_capacity')!.value.fix), '3');
  assert.equal(textAt(files, asg.body.attributes.get('health_check_type')!.value.fix), '"ELB"');
  assert.equal(asg.body.attributes.get('name')!.value.kind, 'unknown');
  assert.equal(stringOf(m.variables.get('name')!.default!.value), '${not.a.template}', 'a default is a literal');
  const refs = referencesIn(asg.body.attributes.get('target_group_arns')!.value);
  assert.deepEqual(refs.map((r) => [r.address, r.attribute, r.resolved, textAt(files, r.range)]), [['aws_lb_target_group.app', 'arn', true, 'aws_lb_target_group.app.arn']]);
  assert.equal(asg.body.attributes.get('tags')!.value.kind, 'object', 'tags is an attribute, not a block');
  assert.deepEqual(blocksOf(asg.body, 'tag').map((b) => [b.dynamic, stringOf(b.body.attributes.get('key')?.value)]), [[false, 'a'], [false, 'c'], [true, undefined]]);
  assert.equal(numberOf(attributeAt(asg.body, 'mixed_instances_policy.instances_distribution.on_demand_base_capacity')?.value), 1);
  assert.equal(stringOf(attributeAt(m.resources.get('aws_lb_target_group.app')!.body, 'health_check.path')?.value), '/healthz');
  assert.ok(m.resources.has('data.aws_ami.linux'));
  assert.equal(textAt(files, asg.closingBrace), '}');
  assert.equal(asg.closingBrace!.end, asg.range.end);
  assert.deepEqual(m.links.map((l) => `${l.from} ${l.path} ${l.to}`), ['aws_autoscaling_group.web target_group_arns aws_lb_target_group.app']);
});

test('.tf.json: nested objects of a resource type the table does not list are still found by path', async () => {
  const files = { 'main.tf.json': '{"resource": {"acme_scaler": {"x": {"policy": {"limits": {"min": 2}}, "flat": 1}}}}' };
  const m = await moduleOf(files);
  const body = m.resources.get('acme_scaler.x')!.body;
  const min = attributeAt(body, 'policy.limits.min')!;
  assert.equal(numberOf(min.value), 2);
  assert.equal(textAt(files, min.nameRange), '"min"');
  assert.equal(textAt(files, min.range), '"min": 2');
  assert.equal(textAt(files, min.value.fix), '2');
  assert.equal(numberOf(attributeAt(body, 'flat')?.value), 1);
  assert.equal(attributeAt(body, 'policy.nope.min'), undefined);
  assert.equal(attributeAt(body, 'flat.x'), undefined);
});

test('.tf.json module calls', async () => {
  const files = { 'main.tf.json': '{"module": {"asg": {"source": "terraform-aws-modules/autoscaling/aws", "min_size": 1, "lifecycle": {"x": 1}}}}' };
  const m = await moduleOf(files);
  const asg = m.modules.get('asg')!;
  assert.equal(asg.source, 'terraform-aws-modules/autoscaling/aws');
  assert.equal(textAt(files, asg.body.attributes.get('min_size')!.value.fix), '1');
  assert.equal(blocksOf(asg.body, 'lifecycle').length, 1);
});

test('.tf.json and .tf files form one module', async () => {
  const m = await moduleOf({
    'vars.tf': 'variable "min" {\n  default = 4\n}\n',
    'main.tf.json': '{"resource": {"aws_autoscaling_group": {"web": {"min_size": "${var.min}"}}}}',
  });
  const min = m.resources.get('aws_autoscaling_group.web')!.body.attributes.get('min_size')!.value;
  assert.equal(numberOf(min), 4);
  assert.equal(min.fix?.file, 'vars.tf');
});

test('broken JSON: one problem at the error; what parsed before it still counts', async () => {
  const text = '{"resource": {"aws_autoscaling_group": {"web": {"min_size": 2, "max_size": }}}}';
  const files = { 'main.tf.json': text };
  const m = await moduleOf(files);
  assert.equal(m.problems.length, 1);
  assert.match(m.problems[0]!.message, /JSON syntax error/);
  assert.equal(m.problems[0]!.start, text.indexOf(' }}}}') + 1);
  assert.equal(numberOf(m.resources.get('aws_autoscaling_group.web')!.body.attributes.get('min_size')!.value), 2);
  for (const bad of ['', '[]', '{"a": "unclosed', '{"a" 1}', '{"a": tru}', '{'.repeat(10000), '"\\x"']) {
    const r = await moduleOf({ 'x.tf.json': bad });
    assert.ok(r.problems.length <= 1, bad.slice(0, 20));
  }
  assert.deepEqual(parseJson('{"a": [1, -2.5e3, true, null, "é\\n"]}').problem, undefined);
  assert.deepEqual(parseJson('\uFEFF{"a": 1}').problem, undefined, 'a byte-order mark is no error');
});

test('a generated 5 MB .tf.json parses without a hang', async () => {
  const groups: Record<string, unknown> = {};
  for (let i = 0; i < 15000; i++) {
    groups[`g${i}`] = { min_size: '${var.min}', max_size: i % 50, health_check_type: 'ELB', target_group_arns: ['${aws_lb_target_group.app.arn}'], tag: [{ key: 'team', value: `t${i}`, propagate_at_launch: true }], tags: { a: 'x', b: 'y' } };
  }
  const text = JSON.stringify({ variable: { min: { default: 1 } }, resource: { aws_autoscaling_group: groups, aws_lb_target_group: { app: {} } } }, null, 1);
  assert.ok(text.length >= 5_000_000 && text.length < 5_500_000);
  const started = performance.now();
  const m = await moduleOf({ 'big.tf.json': text });
  const elapsed = performance.now() - started;
  console.log(`# 5 MB .tf.json (${(text.length / 1e6).toFixed(1)} MB, ${m.resources.size} resources): ${elapsed.toFixed(0)} ms`);
  assert.deepEqual(m.problems, []);
  assert.equal(m.resources.size, Object.keys(groups).length + 1);
  // ~1–2 s on a quiet machine; the bound only catches a hang or quadratic work on a loaded shared one.
  assert.ok(elapsed < 60_000, `took ${elapsed} ms`);
});

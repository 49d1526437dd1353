import { test } from 'node:test';
import assert from 'node:assert/strict';
import { findingsOf, lintText } from '../../../helpers/lint';
import { fixAll } from '../../../../server/src/engine';

const ID = 'asg-health-check';

/** A template with one ASG `Group` (line 8 holds the first extra property) and optional parameters. */
function asg(props: string, params = ''): string {
  return [
    'AWSTemplateFormatVersion: "2010-09-09"',
    `Parameters:${params ? '' : ' {}'}`,
    ...params.split('\n').filter((l) => l).map((l) => `  ${l}`),
    'Resources:',
    '  Group:',
    '    Type: AWS::AutoScaling::AutoScalingGroup',
    '    Properties:',
    '      MinSize: 2',
    '      MaxSize: 6',
    ...props.split('\n').filter((l) => l).map((l) => `      ${l}`),
    '',
  ].join('\n');
}

const NOT_ELB = (name: string, detail: string, via = 'a load balancer target group (TargetGroupARNs)') =>
  `${name} is attached to ${via} but ${detail}: instances that fail the load balancer's health check are never replaced. Set HealthCheckType to ELB.`;
const NO_GRACE = (type = 'ELB') =>
  `HealthCheckType is ${type} but HealthCheckGracePeriod is not set, so it defaults to 0 seconds: new instances are health-checked before they finish booting. Set it to 300 seconds (or your boot time plus margin).`;

export const cases: { name: string; text: string; expected: string[] }[] = [
  { name: 'no load balancer: EC2 is fine', text: asg('HealthCheckType: EC2'), expected: [] },
  { name: 'no load balancer, nothing set', text: asg(''), expected: [] },
  {
    name: 'target group, HealthCheckType absent',
    text: asg('TargetGroupARNs: [!Ref TG]'),
    expected: [`9:7 warning ${NOT_ELB('Group', 'HealthCheckType is not set, so it defaults to EC2')}`],
  },
  {
    name: 'classic load balancer, EC2',
    text: asg('LoadBalancerNames: [my-elb]\nHealthCheckType: EC2\nHealthCheckGracePeriod: 60'),
    expected: [`10:24 warning ${NOT_ELB('Group', 'HealthCheckType is EC2', 'a Classic Load Balancer (LoadBalancerNames)')}`],
  },
  {
    name: 'ELB with a grace period',
    text: asg('TargetGroupARNs: [!Ref TG]\nHealthCheckType: ELB\nHealthCheckGracePeriod: 300'),
    expected: [],
  },
  { name: 'ELB without a grace period', text: asg('TargetGroupARNs: [!Ref TG]\nHealthCheckType: ELB'), expected: [`10:24 info ${NO_GRACE()}`] },
  { name: 'grace period 0 is written on purpose', text: asg('TargetGroupARNs: [!Ref TG]\nHealthCheckType: ELB\nHealthCheckGracePeriod: 0'), expected: [] },
  { name: 'ELB in a list of types', text: asg('TargetGroupARNs: [!Ref TG]\nHealthCheckType: "EBS,ELB"\nHealthCheckGracePeriod: 300'), expected: [] },
  { name: 'lower-case elb', text: asg('TargetGroupARNs: [!Ref TG]\nHealthCheckType: elb\nHealthCheckGracePeriod: 300'), expected: [] },
  {
    name: 'types without ELB',
    text: asg('TargetGroupARNs: [!Ref TG]\nHealthCheckType: EC2,EBS\nHealthCheckGracePeriod: 300'),
    expected: [
      `10:24 warning Group is attached to a load balancer target group (TargetGroupARNs) but HealthCheckType is EC2,EBS: instances that fail the load balancer's health check are never replaced. Add ELB to HealthCheckType.`,
    ],
  },
  {
    name: 'EC2 from a parameter Default',
    text: asg('TargetGroupARNs: [!Ref TG]\nHealthCheckType: !Ref Kind\nHealthCheckGracePeriod: 300', 'Kind: {Type: String, Default: EC2}'),
    expected: [`11:24 warning ${NOT_ELB('Group', "HealthCheckType is EC2 (the parameter's Default)")}`],
  },
  {
    name: 'ELB from a parameter Default, no grace period',
    text: asg('TargetGroupARNs: [!Ref TG]\nHealthCheckType: {Ref: Kind}', 'Kind: {Type: String, Default: ELB}'),
    expected: [`11:24 info ${NO_GRACE()}`],
  },
  { name: 'parameter without Default: unknown', text: asg('TargetGroupARNs: [!Ref TG]\nHealthCheckType: !Ref Kind', 'Kind: {Type: String}'), expected: [] },
  { name: '!If HealthCheckType: unknown', text: asg('TargetGroupARNs: [!Ref TG]\nHealthCheckType: !If [Prod, ELB, EC2]'), expected: [] },
  { name: 'empty TargetGroupARNs', text: asg('TargetGroupARNs: []'), expected: [] },
  { name: 'only AWS::NoValue', text: asg('TargetGroupARNs: [!Ref "AWS::NoValue"]\nLoadBalancerNames: !Ref "AWS::NoValue"'), expected: [] },
  {
    name: 'conditional attachment',
    text: asg('TargetGroupARNs: !If [UseLb, [!Ref TG], !Ref "AWS::NoValue"]'),
    expected: [
      `9:7 warning Group is attached to a load balancer target group (TargetGroupARNs, when UseLb holds) but HealthCheckType is not set, so it defaults to EC2: instances that fail the load balancer's health check are never replaced. Set HealthCheckType to ELB.`,
    ],
  },
  { name: 'condition with no list in either branch', text: asg('TargetGroupARNs: !If [UseLb, !Ref "AWS::NoValue", !Ref "AWS::NoValue"]'), expected: [] },
  {
    name: 'list parameter with a Default',
    text: asg('TargetGroupARNs: !Ref TGs', 'TGs: {Type: CommaDelimitedList, Default: "arn:a"}'),
    expected: [`10:7 warning ${NOT_ELB('Group', 'HealthCheckType is not set, so it defaults to EC2')}`],
  },
  { name: 'list parameter with an empty Default', text: asg('TargetGroupARNs: !Ref TGs', 'TGs: {Type: CommaDelimitedList, Default: ""}'), expected: [] },
  {
    name: 'list parameter without Default: the deployer supplies the target groups',
    text: asg('TargetGroupARNs: !Ref TGs', 'TGs: {Type: CommaDelimitedList}'),
    expected: [`10:7 warning ${NOT_ELB('Group', 'HealthCheckType is not set, so it defaults to EC2')}`],
  },
  {
    name: 'imported list',
    text: asg('TargetGroupARNs: !Split [",", !ImportValue shared-tgs]'),
    expected: [`9:7 warning ${NOT_ELB('Group', 'HealthCheckType is not set, so it defaults to EC2')}`],
  },
  { name: 'properties of the wrong shape', text: asg('').replace(/Properties:\n(.*\n)*/, 'Properties: [x]\n'), expected: [] },
  { name: 'other resource types', text: asg('TargetGroupARNs: [!Ref TG]').replace('AWS::AutoScaling::AutoScalingGroup', 'AWS::AutoScaling::LaunchConfiguration'), expected: [] },
];

for (const c of cases) {
  test(`${ID}: ${c.name}`, () => {
    assert.deepEqual(findingsOf(c.text, ID), c.expected);
  });
}

function fixed(text: string): string {
  return fixAll(text, (t) => lintText(t).filter((f) => f.ruleId === ID)).text;
}

const fixes: { name: string; text: string; expected: string }[] = [
  {
    name: 'inserts ELB and the grace period together',
    text: asg('TargetGroupARNs:\n  - !Ref TG'),
    expected: asg('TargetGroupARNs:\n  - !Ref TG\nHealthCheckType: ELB\nHealthCheckGracePeriod: 300'),
  },
  {
    name: 'replaces EC2, keeping quotes and comments',
    text: asg("TargetGroupARNs: [!Ref TG]\nHealthCheckType: 'EC2' # why\nHealthCheckGracePeriod: 90"),
    expected: asg("TargetGroupARNs: [!Ref TG]\nHealthCheckType: 'ELB' # why\nHealthCheckGracePeriod: 90"),
  },
  {
    name: 'adds ELB to a list of types',
    text: asg('TargetGroupARNs: [!Ref TG]\nHealthCheckType: EC2,EBS\nHealthCheckGracePeriod: 90'),
    expected: asg('TargetGroupARNs: [!Ref TG]\nHealthCheckType: EC2,EBS,ELB\nHealthCheckGracePeriod: 90'),
  },
  {
    name: 'inserts the grace period',
    text: asg('HealthCheckType: ELB\nLoadBalancerNames: [my-elb]'),
    expected: asg('HealthCheckType: ELB\nLoadBalancerNames: [my-elb]\nHealthCheckGracePeriod: 300'),
  },
  {
    name: 'no fix for a value from a parameter Default',
    text: asg('TargetGroupARNs: [!Ref TG]\nHealthCheckType: !Ref Kind', 'Kind: {Type: String, Default: EC2}'),
    expected: asg('TargetGroupARNs: [!Ref TG]\nHealthCheckType: !Ref Kind', 'Kind: {Type: String, Default: EC2}'),
  },
];

for (const c of fixes) {
  test(`${ID} fix: ${c.name}`, () => {
    const out = fixed(c.text);
    assert.equal(out, c.expected);
    assert.equal(fixed(out), out, 'a second pass changes nothing');
  });
}

test(`${ID} fix: a JSON template stays JSON`, () => {
  const template = {
    Resources: {
      Group: {
        Type: 'AWS::AutoScaling::AutoScalingGroup',
        Properties: { MinSize: '2', MaxSize: '6', TargetGroupARNs: [{ Ref: 'TG' }], HealthCheckType: 'EC2' },
      },
    },
  };
  const out = fixed(JSON.stringify(template, null, 2));
  const props = JSON.parse(out).Resources.Group.Properties;
  assert.equal(props.HealthCheckType, 'ELB');
  assert.equal(props.HealthCheckGracePeriod, 300);
  const compact = fixed(JSON.stringify(template));
  assert.equal(JSON.parse(compact).Resources.Group.Properties.HealthCheckGracePeriod, 300);
});

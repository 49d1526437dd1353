import { test } from 'node:test';
import assert from 'node:assert/strict';
import { findingsOf } from '../../../helpers/lint';
import { parseChunk } from '../../../../server/src/engine/parse/document';
import { defaultConfig } from '../../../../server/src/engine';
import rule from '../../../../server/src/engine/rules/multi-az';
import type { Report } from '../../../../server/src/engine/rules/rule';

const ID = 'multi-az';

/** A template with parameters (one per line) and one ASG `Group` whose extra properties start on line 3 + params + 6. */
function asg(props: string, params: string[] = [], extra = ''): string {
  return [
    'AWSTemplateFormatVersion: "2010-09-09"',
    `Parameters:${params.length ? '' : ' {}'}`,
    ...params.map((l) => `  ${l}`),
    'Resources:',
    '  Group:',
    '    Type: AWS::AutoScaling::AutoScalingGroup',
    '    Properties:',
    '      MinSize: 2',
    '      MaxSize: 6',
    ...props.split('\n').filter((l) => l).map((l) => `      ${l}`),
    ...extra.split('\n').filter((l) => l).map((l) => `  ${l}`),
    '',
  ].join('\n');
}

const subnets = (zoneA: string, zoneB: string) =>
  [
    'SubnetA:',
    '  Type: AWS::EC2::Subnet',
    `  Properties: {VpcId: vpc-1, CidrBlock: 10.0.0.0/24, AvailabilityZone: ${zoneA}}`,
    'SubnetB:',
    '  Type: AWS::EC2::Subnet',
    `  Properties: {VpcId: vpc-1, CidrBlock: 10.0.1.0/24, AvailabilityZone: ${zoneB}}`,
  ].join('\n');

const RISK = 'every instance of Group runs in one Availability Zone, and an outage of that zone takes the whole group down.';
const SUBNETS = `${RISK} List at least 2 subnets (one per zone).`;
const ZONES = `${RISK} List at least 2 Availability Zones.`;

export const cases: { name: string; text: string; expected: string[] }[] = [
  { name: 'two literal subnets', text: asg('VPCZoneIdentifier: [subnet-a, subnet-b]'), expected: [] },
  { name: 'one literal subnet', text: asg('VPCZoneIdentifier: [subnet-a]'), expected: [`9:26 warning VPCZoneIdentifier lists 1 subnet, so ${SUBNETS}`] },
  { name: 'one zone, block list', text: asg('AvailabilityZones:\n  - eu-west-1a'), expected: [`10:9 warning AvailabilityZones lists 1 Availability Zone, so ${ZONES}`] },
  { name: 'empty list', text: asg('AvailabilityZones: []'), expected: [`9:26 warning AvailabilityZones lists 0 Availability Zones, so ${ZONES}`] },
  { name: 'two zones', text: asg('AvailabilityZones: [eu-west-1a, eu-west-1b]'), expected: [] },
  {
    name: 'a duplicate does not count twice',
    text: asg('AvailabilityZones: [eu-west-1a, eu-west-1a]'),
    expected: [`9:26 warning AvailabilityZones lists 1 Availability Zone (2 entries, 1 distinct), so ${ZONES}`],
  },
  { name: 'comma-joined literal entry', text: asg('VPCZoneIdentifier: ["subnet-a,subnet-b"]'), expected: [] },
  { name: 'NoValue entries do not count', text: asg('VPCZoneIdentifier: [subnet-a, !Ref "AWS::NoValue"]'), expected: [`9:26 warning VPCZoneIdentifier lists 1 subnet, so ${SUBNETS}`] },
  { name: '!GetAZs: unknown', text: asg('AvailabilityZones: !GetAZs ""'), expected: [] },
  { name: 'Fn::GetAZs long form: unknown', text: asg('AvailabilityZones: {"Fn::GetAZs": {Ref: "AWS::Region"}}'), expected: [] },
  { name: '!Split: unknown', text: asg('VPCZoneIdentifier: !Split [",", "subnet-a"]'), expected: [] },
  { name: '!If: unknown', text: asg('VPCZoneIdentifier: !If [Prod, [subnet-a, subnet-b], [subnet-c]]'), expected: [] },
  { name: 'an entry that may hold several ids', text: asg('VPCZoneIdentifier: [!ImportValue shared-private-subnets]'), expected: [] },
  { name: 'a joined entry', text: asg('VPCZoneIdentifier: [!Join [",", [subnet-a, subnet-b]]]'), expected: [] },
  {
    name: 'one !Select of the zones',
    text: asg('AvailabilityZones: [!Select [0, !GetAZs ""]]'),
    expected: [`9:26 warning AvailabilityZones lists 1 Availability Zone, so ${ZONES}`],
  },
  { name: 'two !Selects', text: asg('AvailabilityZones: [!Select [0, !GetAZs ""], !Select [1, !GetAZs ""]]'), expected: [] },
  {
    name: 'one subnet parameter',
    text: asg('VPCZoneIdentifier: [!Ref Subnet]', ['Subnet: {Type: "AWS::EC2::Subnet::Id"}']),
    expected: [`10:26 warning VPCZoneIdentifier lists 1 subnet, so ${SUBNETS}`],
  },
  { name: 'a String parameter without Default: may be comma-joined', text: asg('VPCZoneIdentifier: [!Ref Subnet]', ['Subnet: {Type: String}']), expected: [] },
  {
    name: 'a String parameter Default',
    text: asg('VPCZoneIdentifier: [!Ref Subnet]', ['Subnet: {Type: String, Default: subnet-a}']),
    expected: [`10:26 warning VPCZoneIdentifier lists 1 subnet, so ${SUBNETS}`],
  },
  { name: 'a String parameter Default with two ids', text: asg('VPCZoneIdentifier: [!Ref Subnet]', ['Subnet: {Type: String, Default: "subnet-a,subnet-b"}']), expected: [] },
  { name: 'List parameter without Default', text: asg('VPCZoneIdentifier: !Ref Subnets', ['Subnets: {Type: "List<AWS::EC2::Subnet::Id>"}']), expected: [] },
  {
    name: 'List parameter Default with one subnet',
    text: asg('VPCZoneIdentifier: !Ref Subnets', ['Subnets: {Type: "List<AWS::EC2::Subnet::Id>", Default: subnet-a}']),
    expected: [
      `10:26 warning VPCZoneIdentifier refers to parameter Subnets, whose Default lists 1 subnet (subnet-a), so unless it is overridden ${SUBNETS}`,
    ],
  },
  {
    name: 'CommaDelimitedList Default, long-form Ref',
    text: asg('AvailabilityZones: {Ref: Zones}', ['Zones: {Type: CommaDelimitedList, Default: "eu-west-1a"}']),
    expected: [
      `10:26 warning AvailabilityZones refers to parameter Zones, whose Default lists 1 Availability Zone (eu-west-1a), so unless it is overridden ${ZONES}`,
    ],
  },
  { name: 'List parameter Default with two subnets', text: asg('VPCZoneIdentifier: !Ref Subnets', ['Subnets: {Type: CommaDelimitedList, Default: "subnet-a, subnet-b"}']), expected: [] },
  { name: 'a scalar parameter is not a list: unknown', text: asg('VPCZoneIdentifier: !Ref Subnets', ['Subnets: {Type: String, Default: subnet-a}']), expected: [] },
  {
    name: 'template subnets in two zones',
    text: asg('VPCZoneIdentifier: [!Ref SubnetA, !Ref SubnetB]', [], subnets('!Select [0, !GetAZs ""]', '!Select [1, !GetAZs ""]')),
    expected: [],
  },
  {
    name: 'template subnets in the same zone',
    text: asg('VPCZoneIdentifier: [!Ref SubnetA, !GetAtt SubnetB.SubnetId]', [], subnets('eu-west-1a', 'eu-west-1a')),
    expected: [
      `9:26 warning VPCZoneIdentifier lists 2 subnets, but all of them are in the same Availability Zone (eu-west-1a), so ${RISK} Use subnets in at least 2 zones.`,
    ],
  },
  {
    name: 'template subnets at the same !GetAZs index',
    text: asg('VPCZoneIdentifier: [!Ref SubnetA, !Ref SubnetB]', [], subnets('!Select [1, !GetAZs ""]', '{"Fn::Select": ["1", {"Fn::GetAZs": ""}]}')),
    expected: [
      `9:26 warning VPCZoneIdentifier lists 2 subnets, but all of them are in the same Availability Zone (zone 1 of !GetAZs), so ${RISK} Use subnets in at least 2 zones.`,
    ],
  },
  {
    name: 'template subnet zones that cannot be compared',
    text: asg('VPCZoneIdentifier: [!Ref SubnetA, !Ref SubnetB]', [], subnets('!Ref Zone', '!Ref Zone')),
    expected: [],
  },
  {
    name: 'both keys are checked',
    text: asg('AvailabilityZones: [eu-west-1a]\nVPCZoneIdentifier: [subnet-a]'),
    expected: [`9:26 warning AvailabilityZones lists 1 Availability Zone, so ${ZONES}`, `10:26 warning VPCZoneIdentifier lists 1 subnet, so ${SUBNETS}`],
  },
  { name: 'a value of the wrong shape', text: asg('VPCZoneIdentifier: {a: b}\nAvailabilityZones: 3'), expected: [] },
  { name: 'not an ASG', text: asg('VPCZoneIdentifier: [subnet-a]').replace('AWS::AutoScaling::AutoScalingGroup', 'AWS::EC2::Instance'), expected: [] },
];

for (const c of cases) {
  test(`${ID}: ${c.name}`, () => {
    assert.deepEqual(findingsOf(c.text, ID), c.expected);
  });
}

/** The rule's own reports (the related locations included), straight from checkDocument. */
function reports(text: string): Report[] {
  const chunk = parseChunk(text);
  const out: Report[] = [];
  rule.checkDocument!({ resources: chunk.resources, text, settings: defaultConfig(), report: (r) => out.push(r) });
  return out;
}

test(`${ID}: the same-zone finding relates the subnet's zone`, () => {
  const text = asg('VPCZoneIdentifier: [!Ref SubnetA, !Ref SubnetB]', [], subnets('eu-west-1a', 'eu-west-1a'));
  const [r] = reports(text);
  assert.equal(r.related?.length, 1);
  const at = r.related![0].at as [number, number];
  assert.equal(text.slice(at[0], at[1]), 'eu-west-1a');
  assert.equal(r.related![0].message, 'SubnetA is in eu-west-1a.');
});

test(`${ID}: a finding on a tagged value covers the tag`, () => {
  const text = asg('VPCZoneIdentifier: !Ref Subnets', ['Subnets: {Type: CommaDelimitedList, Default: subnet-a}']);
  const [r] = reports(text);
  const at = r.at as [number, number];
  assert.equal(text.slice(at[0], at[1]), '!Ref Subnets');
});

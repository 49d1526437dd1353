import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseAllDocuments } from 'yaml';
import { findingsOf, lintText } from '../../../helpers/lint';
import { applyEdits, fileEdits } from '../../../../server/src/engine';

const ID = 'spot-ha';

/** An ASG with a MixedInstancesPolicy: distribution lines from line 9, overrides from line 11 on. */
const asg = (distribution: string, overrides = '[{InstanceType: m5.large}, {InstanceType: m5a.large}]', extra = '      CapacityRebalance: true\n', min = '2') => `Resources:
  Workers:
    Type: AWS::AutoScaling::AutoScalingGroup
    Properties:
      MinSize: ${min}
      MaxSize: 20
${extra}      MixedInstancesPolicy:
        InstancesDistribution:
${distribution}        LaunchTemplate:
          LaunchTemplateSpecification: {LaunchTemplateId: lt-1, Version: "1"}
          Overrides: ${overrides}
`;

const valid: { name: string; text: string }[] = [
  { name: 'no Spot: the default 100 % On-Demand', text: asg('          SpotAllocationStrategy: price-capacity-optimized\n', '[{InstanceType: m5.large}]', '') },
  { name: 'OnDemandBaseCapacity 2 at MinSize 2', text: asg('          OnDemandBaseCapacity: 2\n          OnDemandPercentageAboveBaseCapacity: 0\n') },
  { name: '50 % of 3 above a base of 1: 1 + 1 = 2 On-Demand', text: asg('          OnDemandBaseCapacity: 1\n          OnDemandPercentageAboveBaseCapacity: 50\n', undefined, undefined, '3') },
  { name: 'MinSize below the floor: min-replicas reports it', text: asg('          OnDemandPercentageAboveBaseCapacity: 0\n', undefined, undefined, '1') },
  { name: 'attribute-based instance selection', text: asg('          OnDemandBaseCapacity: 2\n          OnDemandPercentageAboveBaseCapacity: 0\n', '[{InstanceRequirements: {VCpuCount: {Min: 2}, MemoryMiB: {Min: 4096}}}]') },
  { name: 'CapacityRebalance from a parameter', text: asg('          OnDemandBaseCapacity: 2\n          OnDemandPercentageAboveBaseCapacity: 0\n', undefined, '      CapacityRebalance: !Ref Rebalance\n') },
];

const invalid: { name: string; text: string; expected: string[] }[] = [
  {
    name: 'all Spot at MinSize 2',
    text: asg('          OnDemandBaseCapacity: 0\n          OnDemandPercentageAboveBaseCapacity: 0\n'),
    expected: ['10:33 warning At MinSize 2, OnDemandBaseCapacity 0 and OnDemandPercentageAboveBaseCapacity 0 leave 0 On-Demand instances; the HA floor is 2: one Spot interruption can take the group down to nothing. Set OnDemandBaseCapacity to 2.'],
  },
  {
    name: 'base not set, 25 % of 4 rounds up to 1',
    text: asg('          OnDemandPercentageAboveBaseCapacity: 25\n', undefined, undefined, '4'),
    expected: ['10:48 warning At MinSize 4, OnDemandBaseCapacity not set (0) and OnDemandPercentageAboveBaseCapacity 25 leave 1 On-Demand instance; the HA floor is 2: one Spot interruption can take the group down to a single instance. Set OnDemandBaseCapacity to 2.'],
  },
  {
    name: 'one instance type',
    text: asg('          OnDemandBaseCapacity: 2\n          OnDemandPercentageAboveBaseCapacity: 0\n', '[{InstanceType: m5.large}]'),
    expected: ['14:11 info The group runs Spot (OnDemandPercentageAboveBaseCapacity 0) with one instance type: Spot capacity is per type and zone, so few pools mean more interruptions and slower refills. List several instance types in LaunchTemplate.Overrides.'],
  },
  {
    name: 'no CapacityRebalance',
    text: asg('          OnDemandBaseCapacity: 2\n          OnDemandPercentageAboveBaseCapacity: 0\n', undefined, ''),
    expected: ['7:7 info The group runs Spot but CapacityRebalance is not set (false): replacements launch only after an instance is reclaimed, not when EC2 signals the risk. Set CapacityRebalance: true.'],
  },
  {
    name: 'CapacityRebalance false',
    text: asg('          OnDemandBaseCapacity: 2\n          OnDemandPercentageAboveBaseCapacity: 0\n', undefined, '      CapacityRebalance: false\n'),
    expected: ['7:26 info The group runs Spot but CapacityRebalance is false: replacements launch only after an instance is reclaimed, not when EC2 signals the risk. Set CapacityRebalance: true.'],
  },
];

for (const c of valid) test(`${ID} valid: ${c.name}`, () => assert.deepEqual(findingsOf(c.text, ID), []));
for (const c of invalid) test(`${ID} invalid: ${c.name}`, () => assert.deepEqual(findingsOf(c.text, ID), c.expected));

test(`${ID}: the fix adds CapacityRebalance: true to the properties (offered, not unattended)`, () => {
  const text = asg('          OnDemandBaseCapacity: 2\n          OnDemandPercentageAboveBaseCapacity: 0\n', undefined, '');
  const [f] = lintText(text).filter((x) => x.ruleId === ID);
  assert.equal(f.fixes?.[0].safe, false);
  const out = applyEdits(text, fileEdits(f, f.fixes![0]));
  assert.ok(parseAllDocuments(out).every((d) => d.errors.length === 0));
  assert.match(out, /\n {6}CapacityRebalance: true\n/);
  assert.deepEqual(findingsOf(out, ID), []);
});

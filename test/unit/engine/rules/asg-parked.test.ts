/**
 * A parked Auto Scaling group (MaxSize 0: created empty, or stopped, and sized later by hand) holds no instance
 * and is not meant to scale: replica-bounds does not advise raising its maximum. Found on real2's
 * xjdr/xio spinup.sh (`aws autoscaling create-auto-scaling-group … --min-size 0 --max-size 0`, sized later by
 * its resize.sh). Near misses stay reported.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { findingsOf } from '../../../helpers/lint';
import { Linter, defaultConfig } from '../../../../server/src/engine';
import { renderShellScript } from '../../../../server/src/engine/sources/shell/render';
import { placeRenderedFindings } from '../../../../server/src/engine/sources/place';

const template = (min: string, max: string) => `AWSTemplateFormatVersion: '2010-09-09'
Resources:
  Group:
    Type: AWS::AutoScaling::AutoScalingGroup
    Properties:
      LaunchTemplate: {LaunchTemplateId: lt-0123456789abcdef0, Version: '1'}
      VPCZoneIdentifier: [subnet-aaaa, subnet-bbbb]
      MinSize: '${min}'
      MaxSize: '${max}'
`;

function shellFindings(text: string, rule: string): string[] {
  const result = renderShellScript('ops/spinup.sh', text);
  const linter = new Linter(() => defaultConfig());
  result.documents.forEach((d, i) => linter.update(`render-${i}`, d.text));
  return result.documents.flatMap((d, i) => placeRenderedFindings(d, linter.lintFile(`render-${i}`))).filter((f) => f.ruleId === rule).map((f) => `${text.slice(f.start, f.end)} ${f.message}`);
}

test('MinSize 0 and MaxSize 0: a parked group, replica-bounds is silent (template and command line)', () => {
  assert.deepEqual(findingsOf(template('0', '0'), 'replica-bounds'), []);
  const script = '#!/bin/bash\naws autoscaling create-auto-scaling-group --auto-scaling-group-name $NAME \\\n  --launch-configuration-name $NAME --min-size 0 --max-size 0 \\\n  --vpc-zone-identifier $SUBNET --region us-west-2\n';
  assert.deepEqual(shellFindings(script, 'replica-bounds'), []);
});

test('near misses: equal bounds above 0, and a maximum below the minimum, are still reported', () => {
  assert.equal(findingsOf(template('3', '3'), 'replica-bounds').length, 1);
  assert.equal(findingsOf(template('2', '0'), 'replica-bounds').length, 1);
  const script = 'aws autoscaling update-auto-scaling-group --auto-scaling-group-name web --min-size 2 --max-size 2\n';
  assert.equal(shellFindings(script, 'replica-bounds').length, 1);
});

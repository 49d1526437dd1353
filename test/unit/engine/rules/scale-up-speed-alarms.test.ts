/** scale-up-speed on alarm-driven scale-out (SPEC §10): the alarm's delay against scaleUpWithinSeconds. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { findingsOf } from '../../../helpers/lint';

const TEMPLATE = readFileSync(join(__dirname, '..', '..', '..', 'fixtures', 'scale-up-speed', 'cfn-alarm.yaml'), 'utf8');

test('the workflow\'s 5 × 60 s alarm and a 3 × 120 s one are reported at the count that sets the delay', () => {
  assert.deepEqual(findingsOf(TEMPLATE, 'scale-up-speed').map((r) => r.split(' ')[0]), ['30:26', '80:26']);
});

test('near misses: a limit of 6 minutes accepts both; a Period from a Parameter Default counts; scale-in alarms never', () => {
  assert.deepEqual(findingsOf(TEMPLATE, 'scale-up-speed', { config: 'scaleUpWithinSeconds: 360\n' }), []);
  const param = TEMPLATE.replace('Resources:', 'Parameters:\n  AlarmPeriod: {Type: Number, Default: 30}\nResources:').replace('      Period: 60\n      EvaluationPeriods: 5\n', '      Period: !Ref AlarmPeriod\n      EvaluationPeriods: 5\n');
  // 5 × 30 s = 150 s: still above 120.
  assert.match(findingsOf(param, 'scale-up-speed')[0], /only after 5 × 30 s of breach \(EvaluationPeriods × Period\): 2 min 30 s/);
});

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseAllDocuments } from 'yaml';
import { findingsOf, lintText } from '../../../helpers/lint';
import { applyEdits, fileEdits } from '../../../../server/src/engine';

const RULE = 'scale-down-stabilization';
const WINDOW_600 = 'scaleDownWindowSeconds: 600\n';

const hpa = (apiVersion: string, behavior: string) =>
  `apiVersion: ${apiVersion}\nkind: HorizontalPodAutoscaler\nmetadata:\n  name: web\nspec:\n  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: web}\n  minReplicas: 2\n  maxReplicas: 20\n${behavior}`;
const scaledObject = (advanced: string) =>
  `apiVersion: keda.sh/v1alpha1\nkind: ScaledObject\nmetadata:\n  name: worker\nspec:\n  scaleTargetRef: {name: worker}\n  minReplicaCount: 2\n  maxReplicaCount: 20\n${advanced}  triggers:\n  - type: cpu\n    metricType: Utilization\n    metadata: {value: "70"}\n`;
const down = (window: string) => `  behavior:\n    scaleDown:\n      stabilizationWindowSeconds: ${window}\n`;

function fixed(text: string, config?: string): string {
  const findings = lintText(text, { config }).filter((f) => f.ruleId === RULE && f.fixes?.length);
  return applyEdits(text, findings.flatMap((f) => fileEdits(f, f.fixes![0])));
}

const NOT_SET_600 = 'scaleDown.stabilizationWindowSeconds is not set, so it defaults to 300; the configured minimum is 600 s.';

const cases: { name: string; text: string; config?: string; expected: string[] }[] = [
  { name: 'v2 short window', text: hpa('autoscaling/v2', down('60')), expected: ['11:35 warning scaleDown.stabilizationWindowSeconds is 60; the minimum is 300 s, so a brief dip in load removes pods that the next peak needs again.'] },
  { name: 'v2beta2 short window', text: hpa('autoscaling/v2beta2', down('0')), expected: ['11:35 warning scaleDown.stabilizationWindowSeconds is 0; the minimum is 300 s, so a brief dip in load removes pods that the next peak needs again.'] },
  { name: 'v2 at the minimum', text: hpa('autoscaling/v2', down('300')), expected: [] },
  { name: 'v2 absent (defaults to 300)', text: hpa('autoscaling/v2', ''), expected: [] },
  { name: 'v1 has no behavior', text: hpa('autoscaling/v1', '  targetCPUUtilizationPercentage: 70\n'), expected: [] },
  { name: 'v2beta1 has no behavior', text: hpa('autoscaling/v2beta1', down('0')), expected: [] },
  { name: 'scale-down disabled', text: hpa('autoscaling/v2', '  behavior:\n    scaleDown:\n      selectPolicy: Disabled\n      stabilizationWindowSeconds: 0\n'), expected: [] },
  { name: 'window not a number', text: hpa('autoscaling/v2', down('"five minutes"')), expected: [] },
  {
    name: 'ScaledObject short window',
    text: scaledObject('  advanced:\n    horizontalPodAutoscalerConfig:\n      behavior:\n        scaleDown:\n          stabilizationWindowSeconds: 30\n'),
    expected: ['13:39 warning scaleDown.stabilizationWindowSeconds is 30; the minimum is 300 s, so a brief dip in load removes pods that the next peak needs again.'],
  },
  { name: 'ScaledObject absent', text: scaledObject(''), expected: [] },
  // scaleDownWindowSeconds: 600
  { name: '600: absent fires', text: hpa('autoscaling/v2', ''), config: WINDOW_600, expected: [`5:1 warning ${NOT_SET_600}`] },
  { name: '600: behavior without scaleDown', text: hpa('autoscaling/v2', '  behavior:\n    scaleUp:\n      stabilizationWindowSeconds: 0\n'), config: WINDOW_600, expected: [`9:3 warning ${NOT_SET_600}`] },
  { name: '600: scaleDown without window', text: hpa('autoscaling/v2', '  behavior:\n    scaleDown:\n      selectPolicy: Min\n'), config: WINDOW_600, expected: [`10:5 warning ${NOT_SET_600}`] },
  { name: '600: 300 fires', text: hpa('autoscaling/v2', down('300')), config: WINDOW_600, expected: ['11:35 warning scaleDown.stabilizationWindowSeconds is 300; the minimum is 600 s, so a brief dip in load removes pods that the next peak needs again.'] },
  { name: '600: 900 is fine', text: hpa('autoscaling/v2', down('900')), config: WINDOW_600, expected: [] },
  { name: '600: ScaledObject absent', text: scaledObject(''), config: WINDOW_600, expected: [`5:1 warning ${NOT_SET_600}`] },
];

for (const c of cases) {
  test(`${RULE}: ${c.name}`, () => {
    assert.deepEqual(findingsOf(c.text, RULE, { config: c.config }), c.expected);
  });
}

test(`${RULE}: the fix sets the configured minimum, inserting the path when absent`, () => {
  const replaced = fixed(hpa('autoscaling/v2', '  behavior:\n    scaleDown:\n      stabilizationWindowSeconds: 60 # load test\n'));
  assert.match(replaced, /stabilizationWindowSeconds: 300 # load test\n/);
  const inserted = fixed(hpa('autoscaling/v2', ''), WINDOW_600);
  assert.match(inserted, /  maxReplicas: 20\n  behavior:\n    scaleDown:\n      stabilizationWindowSeconds: 600/);
  const keda = fixed(scaledObject(''), WINDOW_600);
  assert.match(keda, /  advanced:\n    horizontalPodAutoscalerConfig:\n      behavior:\n        scaleDown:\n          stabilizationWindowSeconds: 600/);
  const flow = fixed(hpa('autoscaling/v2', '  behavior:\n    scaleDown: {stabilizationWindowSeconds: 10}\n'));
  assert.match(flow, /scaleDown: \{stabilizationWindowSeconds: 300\}/);
  for (const [t, config] of [[replaced, undefined], [inserted, WINDOW_600], [keda, WINDOW_600], [flow, undefined]] as const) {
    assert.ok(parseAllDocuments(t).every((d) => d.errors.length === 0));
    assert.deepEqual(findingsOf(t, RULE, { config }), []);
  }
});

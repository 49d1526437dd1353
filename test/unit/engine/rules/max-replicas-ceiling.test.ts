import { test } from 'node:test';
import assert from 'node:assert/strict';
import { findingsOf, lintText } from '../../../helpers/lint';
import { applyEdits, fileEdits } from '../../../../server/src/engine';

const RULE = 'max-replicas-ceiling';
const CEILING_20 = 'maxReplicasCeiling: 20\n';

const hpa = (apiVersion: string, spec: string) =>
  `apiVersion: ${apiVersion}\nkind: HorizontalPodAutoscaler\nmetadata:\n  name: web\nspec:\n  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: web}\n${spec}`;
const scaledObject = (spec: string) =>
  `apiVersion: keda.sh/v1alpha1\nkind: ScaledObject\nmetadata:\n  name: worker\nspec:\n  scaleTargetRef: {name: worker}\n${spec}  triggers:\n  - type: cpu\n    metricType: Utilization\n    metadata: {value: "70"}\n`;
const asg = (props: string, params = '') =>
  `${params ? `Parameters:\n${params}` : ''}Resources:\n  Group:\n    Type: AWS::AutoScaling::AutoScalingGroup\n    Properties:\n${props}`;

/** The text after applying the rule's fixes; `safe` says whether each was marked safe. */
function fixOf(text: string, config: string): { text: string; safe: boolean[] } {
  const findings = lintText(text, { config }).filter((f) => f.ruleId === RULE && f.fixes?.length);
  return { text: applyEdits(text, findings.flatMap((f) => fileEdits(f, f.fixes![0]))), safe: findings.map((f) => f.fixes![0].safe) };
}

const cases: { name: string; text: string; config?: string; expected: string[] }[] = [
  { name: 'silent without a ceiling', text: hpa('autoscaling/v2', '  minReplicas: 2\n  maxReplicas: 1000\n'), expected: [] },
  { name: 'silent without a ceiling (KEDA default 100)', text: scaledObject('  minReplicaCount: 2\n'), expected: [] },
  { name: 'v2 above', text: hpa('autoscaling/v2', '  minReplicas: 2\n  maxReplicas: 50\n'), config: CEILING_20, expected: ['8:16 warning maxReplicas is 50; the cost ceiling is 20.'] },
  { name: 'v1 above', text: hpa('autoscaling/v1', '  minReplicas: 2\n  maxReplicas: 21\n'), config: CEILING_20, expected: ['8:16 warning maxReplicas is 21; the cost ceiling is 20.'] },
  { name: 'v2beta1 at the ceiling', text: hpa('autoscaling/v2beta1', '  minReplicas: 2\n  maxReplicas: 20\n'), config: CEILING_20, expected: [] },
  { name: 'v2beta2 below', text: hpa('autoscaling/v2beta2', '  minReplicas: 2\n  maxReplicas: 5\n'), config: CEILING_20, expected: [] },
  {
    name: 'min at the ceiling',
    text: hpa('autoscaling/v2', '  minReplicas: 20\n  maxReplicas: 30\n'),
    config: CEILING_20,
    expected: ['8:16 warning maxReplicas is 30; the cost ceiling is 20. minReplicas is 20 too, so lowering the maximum leaves nothing to scale.'],
  },
  {
    name: 'min above the ceiling',
    text: hpa('autoscaling/v2', '  minReplicas: 25\n  maxReplicas: 30\n'),
    config: CEILING_20,
    expected: ['8:16 warning maxReplicas is 30; the cost ceiling is 20. minReplicas (25) is above the ceiling as well: lower both.'],
  },
  { name: 'KEDA default max', text: scaledObject('  minReplicaCount: 2\n'), config: CEILING_20, expected: ['5:1 warning maxReplicaCount is not set, so KEDA may scale worker to 100; the cost ceiling is 20.'] },
  { name: 'KEDA explicit max', text: scaledObject('  maxReplicaCount: 40\n'), config: CEILING_20, expected: ['7:20 warning maxReplicaCount is 40; the cost ceiling is 20.'] },
  { name: 'ASG quoted', text: asg('      MinSize: "2"\n      MaxSize: "30"\n'), config: CEILING_20, expected: ['6:16 warning MaxSize is 30; the cost ceiling is 20.'] },
  {
    name: 'ASG !Ref',
    text: asg('      MinSize: "2"\n      MaxSize: !Ref Max\n', '  Max:\n    Type: Number\n    Default: 40\n'),
    config: CEILING_20,
    expected: ['10:21 warning MaxSize is 40 (the Default of parameter Max); the cost ceiling is 20.'],
  },
  { name: 'ASG intrinsic', text: asg('      MinSize: "2"\n      MaxSize: !If [Prod, "40", "4"]\n'), config: CEILING_20, expected: [] },
];

for (const c of cases) {
  test(`${RULE}: ${c.name}`, () => {
    assert.deepEqual(findingsOf(c.text, RULE, { config: c.config }), c.expected);
  });
}

test(`${RULE}: fixes`, () => {
  const v2 = fixOf(hpa('autoscaling/v2', '  minReplicas: 2\n  maxReplicas: 50 # peak\n'), CEILING_20);
  assert.match(v2.text, /maxReplicas: 20 # peak\n/);
  assert.deepEqual(v2.safe, [true]);

  const keda = fixOf(scaledObject('  minReplicaCount: 2\n'), CEILING_20);
  assert.match(keda.text, /  minReplicaCount: 2\n  maxReplicaCount: 20\n  triggers:/);

  const quoted = fixOf(asg("      MinSize: '2'\n      MaxSize: '30'\n"), CEILING_20);
  assert.match(quoted.text, /MaxSize: '20'\n/);

  // !Ref: the Default is where the change belongs; no fix here.
  assert.deepEqual(fixOf(asg('      MinSize: "2"\n      MaxSize: !Ref Max\n', '  Max:\n    Default: 40\n'), CEILING_20).safe, []);
  // min at the ceiling: offered, not safe. Above: not offered.
  assert.deepEqual(fixOf(hpa('autoscaling/v2', '  minReplicas: 20\n  maxReplicas: 30\n'), CEILING_20).safe, [false]);
  assert.deepEqual(fixOf(hpa('autoscaling/v2', '  minReplicas: 25\n  maxReplicas: 30\n'), CEILING_20).safe, []);
});

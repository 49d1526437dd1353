import { test } from 'node:test';
import assert from 'node:assert/strict';
import { findingsOf } from '../../../helpers/lint';

const hpa = (apiVersion: string, spec: string) =>
  `apiVersion: ${apiVersion}\nkind: HorizontalPodAutoscaler\nmetadata:\n  name: web\nspec:\n  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: web}\n${spec}`;
const scaledObject = (spec: string) =>
  `apiVersion: keda.sh/v1alpha1\nkind: ScaledObject\nmetadata:\n  name: worker\nspec:\n  scaleTargetRef: {name: worker}\n${spec}  triggers:\n  - type: cpu\n    metricType: Utilization\n    metadata: {value: "70"}\n`;
const asg = (props: string, params = '') =>
  `${params ? `Parameters:\n${params}` : ''}Resources:\n  Group:\n    Type: AWS::AutoScaling::AutoScalingGroup\n    Properties:\n${props}`;

const cases: { name: string; text: string; expected: string[] }[] = [
  // HPA, every version
  { name: 'v2 max < min', text: hpa('autoscaling/v2', '  minReplicas: 5\n  maxReplicas: 3\n'), expected: ['8:16 error maxReplicas 3 is below minReplicas 5: the API server rejects an autoscaler whose maximum is under its minimum.'] },
  { name: 'v1 max < min', text: hpa('autoscaling/v1', '  minReplicas: 4\n  maxReplicas: 2\n'), expected: ['8:16 error maxReplicas 2 is below minReplicas 4: the API server rejects an autoscaler whose maximum is under its minimum.'] },
  { name: 'v2beta1 max = min', text: hpa('autoscaling/v2beta1', '  minReplicas: 3\n  maxReplicas: 3\n'), expected: ['8:16 warning minReplicas 3 equals maxReplicas 3: the replica count can never change, so nothing scales. Raise maxReplicas above minReplicas.'] },
  { name: 'v2beta2 max = default min', text: hpa('autoscaling/v2beta2', '  maxReplicas: 1\n'), expected: ['7:16 warning minReplicas (not set, defaults to 1) equals maxReplicas 1: the replica count can never change, so nothing scales. Raise maxReplicas above minReplicas.'] },
  { name: 'v2 fine', text: hpa('autoscaling/v2', '  minReplicas: 2\n  maxReplicas: 20\n'), expected: [] },
  { name: 'v2 no maxReplicas', text: hpa('autoscaling/v2', '  minReplicas: 2\n'), expected: [] },
  { name: 'v2 maxReplicas not a number', text: hpa('autoscaling/v2', '  minReplicas: 2\n  maxReplicas: "ten"\n'), expected: [] },
  { name: 'spec is not a map', text: 'apiVersion: autoscaling/v2\nkind: HorizontalPodAutoscaler\nmetadata: {name: x}\nspec: 3\n', expected: [] },
  // ScaledObject
  { name: 'KEDA max < min', text: scaledObject('  minReplicaCount: 6\n  maxReplicaCount: 3\n'), expected: ['8:20 error maxReplicaCount 3 is below minReplicaCount 6: KEDA rejects an autoscaler whose maximum is under its minimum.'] },
  { name: 'KEDA min above default max', text: scaledObject('  minReplicaCount: 101\n'), expected: ['7:20 error minReplicaCount 101 is above maxReplicaCount (not set, defaults to 100): KEDA rejects an autoscaler whose minimum is over its maximum.'] },
  { name: 'KEDA max = min', text: scaledObject('  minReplicaCount: 2\n  maxReplicaCount: 2\n'), expected: ['8:20 warning minReplicaCount 2 equals maxReplicaCount 2: the replica count can never change, so nothing scales. Raise maxReplicaCount above minReplicaCount.'] },
  { name: 'KEDA defaults', text: scaledObject(''), expected: [] },
  // ASG
  { name: 'ASG quoted max < min', text: asg('      MinSize: "4"\n      MaxSize: "2"\n'), expected: ['6:16 error MaxSize 2 is below MinSize 4: CloudFormation fails to create or update the group.'] },
  {
    name: 'ASG !Ref max < min',
    text: asg('      MinSize: !Ref Low\n      MaxSize: !Ref High\n', '  Low:\n    Type: Number\n    Default: 5\n  High:\n    Type: Number\n    Default: "3"\n'),
    expected: ['13:21 error MaxSize 3 (the Default of parameter High) is below MinSize 5 (the Default of parameter Low): CloudFormation fails to create or update the group.'],
  },
  { name: 'ASG desired above max', text: asg('      MinSize: "2"\n      MaxSize: "4"\n      DesiredCapacity: "5"\n'), expected: ['7:24 error DesiredCapacity 5 is above MaxSize 4: it must lie within [MinSize, MaxSize], or the create or update fails.'] },
  {
    name: 'ASG desired !Ref below min',
    text: asg('      MinSize: 3\n      MaxSize: 6\n      DesiredCapacity: !Ref Size\n', '  Size:\n    Type: Number\n    Default: 1\n'),
    expected: ['11:29 error DesiredCapacity 1 (the Default of parameter Size) is below MinSize 3: it must lie within [MinSize, MaxSize], or the create or update fails.'],
  },
  { name: 'ASG max = min', text: asg('      MinSize: 2\n      MaxSize: "2"\n'), expected: ['6:16 warning MinSize 2 equals MaxSize 2: the group can never scale in or out. Raise MaxSize above MinSize.'] },
  { name: 'ASG one parameter for both bounds', text: asg('      MinSize: !Ref Size\n      MaxSize: !Ref Size\n', '  Size:\n    Type: Number\n    Default: 3\n'), expected: [] },
  { name: 'ASG fine', text: asg('      MinSize: "2"\n      MaxSize: "20"\n      DesiredCapacity: "5"\n'), expected: [] },
  { name: 'ASG parameter without Default', text: asg('      MinSize: "4"\n      MaxSize: !Ref Max\n', '  Max:\n    Type: Number\n'), expected: [] },
  { name: 'ASG intrinsic', text: asg('      MinSize: "4"\n      MaxSize: !If [Prod, "10", "2"]\n'), expected: [] },
  { name: 'ASG without Properties', text: 'Resources:\n  Group:\n    Type: AWS::AutoScaling::AutoScalingGroup\n', expected: [] },
];

for (const c of cases) {
  test(`replica-bounds: ${c.name}`, () => {
    assert.deepEqual(findingsOf(c.text, 'replica-bounds'), c.expected);
  });
}

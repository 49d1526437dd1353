import { test } from 'node:test';
import assert from 'node:assert/strict';
import { findingsOf } from '../../../helpers/lint';

const RULE = 'utilization-target';

const hpa = (apiVersion: string, spec: string) =>
  `apiVersion: ${apiVersion}\nkind: HorizontalPodAutoscaler\nmetadata:\n  name: web\nspec:\n  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: web}\n  minReplicas: 2\n  maxReplicas: 20\n${spec}`;
const v2Metric = (resource: string, type: string, value: string) =>
  `  metrics:\n  - type: Resource\n    resource:\n      name: ${resource}\n      target:\n        type: ${type}\n        ${type === 'Utilization' ? 'averageUtilization' : 'averageValue'}: ${value}\n`;
const trigger = (type: string, metricType: string, value: string) =>
  `apiVersion: keda.sh/v1alpha1\nkind: ScaledObject\nmetadata:\n  name: worker\nspec:\n  scaleTargetRef: {name: worker}\n  minReplicaCount: 2\n  triggers:\n  - type: ${type}\n    metricType: ${metricType}\n    metadata:\n      value: "${value}"\n`;
const targetTracking = (metric: string, value: string, params = '') =>
  `${params ? `Parameters:\n${params}` : ''}Resources:\n  Policy:\n    Type: AWS::AutoScaling::ScalingPolicy\n    Properties:\n      AutoScalingGroupName: my-group\n      PolicyType: TargetTrackingScaling\n      TargetTrackingConfiguration:\n        PredefinedMetricSpecification:\n          PredefinedMetricType: ${metric}\n        TargetValue: ${value}\n`;

const LOW = (what: string, v: number, res: string, range: string) =>
  `${what} is ${v}%, below the accepted ${res} range of ${range}%: so low a target keeps much of the capacity you pay for idle (${100 - v}% of it at this target).`;
const HIGH = (what: string, v: number, res: string, range: string) =>
  `${what} is ${v}%, above the accepted ${res} range of ${range}%: so high a target leaves no headroom for the load that keeps arriving while a scale-up takes effect (new instances must start and become ready).`;

const cases: { name: string; text: string; config?: string; expected: string[] }[] = [
  { name: 'v1 low', text: hpa('autoscaling/v1', '  targetCPUUtilizationPercentage: 20\n'), expected: [`9:35 warning ${LOW('targetCPUUtilizationPercentage', 20, 'CPU', '50–80')}`] },
  { name: 'v1 inside', text: hpa('autoscaling/v1', '  targetCPUUtilizationPercentage: 80\n'), expected: [] },
  {
    name: 'v2beta1 high',
    text: hpa('autoscaling/v2beta1', '  metrics:\n  - type: Resource\n    resource:\n      name: cpu\n      targetAverageUtilization: 95\n'),
    expected: [`13:33 warning ${HIGH('The cpu targetAverageUtilization', 95, 'CPU', '50–80')}`],
  },
  { name: 'v2beta2 memory high', text: hpa('autoscaling/v2beta2', v2Metric('memory', 'Utilization', '90')), expected: [`15:29 warning ${HIGH('The memory averageUtilization', 90, 'memory', '60–85')}`] },
  { name: 'v2 memory low', text: hpa('autoscaling/v2', v2Metric('memory', 'Utilization', '59')), expected: [`15:29 warning ${LOW('The memory averageUtilization', 59, 'memory', '60–85')}`] },
  { name: 'v2 cpu at the bounds', text: hpa('autoscaling/v2', v2Metric('cpu', 'Utilization', '50')) + v2Metric('cpu', 'Utilization', '80').replace('  metrics:\n', ''), expected: [] },
  { name: 'v2 AverageValue is not a percentage', text: hpa('autoscaling/v2', v2Metric('memory', 'AverageValue', '100Mi')), expected: [] },
  { name: 'v2 other resources', text: hpa('autoscaling/v2', v2Metric('ephemeral-storage', 'Utilization', '5')) + v2Metric('nvidia.com/gpu', 'Utilization', '99').replace('  metrics:\n', ''), expected: [] },
  {
    name: 'ContainerResource',
    text: hpa('autoscaling/v2', '  metrics:\n  - type: ContainerResource\n    containerResource:\n      name: cpu\n      container: app\n      target: {type: Utilization, averageUtilization: 30}\n'),
    expected: [`14:55 warning ${LOW('The cpu averageUtilization (container app)', 30, 'CPU', '50–80')}`],
  },
  { name: 'KEDA cpu high', text: trigger('cpu', 'Utilization', '85'), expected: [`12:14 warning ${HIGH("The cpu trigger's value", 85, 'CPU', '50–80')}`] },
  { name: 'KEDA memory low', text: trigger('memory', 'Utilization', '40'), expected: [`12:14 warning ${LOW("The memory trigger's value", 40, 'memory', '60–85')}`] },
  { name: 'KEDA AverageValue', text: trigger('cpu', 'AverageValue', '900m'), expected: [] },
  { name: 'KEDA other trigger', text: trigger('prometheus', 'Utilization', '10'), expected: [] },
  { name: 'ASG CPU high', text: targetTracking('ASGAverageCPUUtilization', '90'), expected: [`10:22 warning ${HIGH('The CPU TargetValue', 90, 'CPU', '50–80')}`] },
  {
    name: 'ASG CPU !Ref low',
    text: targetTracking('ASGAverageCPUUtilization', '!Ref Target', '  Target:\n    Type: Number\n    Default: 25\n'),
    expected: [`14:27 warning ${LOW('The CPU TargetValue (the Default of parameter Target)', 25, 'CPU', '50–80')}`],
  },
  { name: 'ASG CPU quoted inside', text: targetTracking('ASGAverageCPUUtilization', '"60"'), expected: [] },
  { name: 'ASG network target', text: targetTracking('ASGAverageNetworkIn', '10'), expected: [] },
  { name: 'ASG parameter without Default', text: targetTracking('ASGAverageCPUUtilization', '!Ref Target', '  Target:\n    Type: Number\n'), expected: [] },
  // Configured ranges
  { name: 'custom cpu range', text: hpa('autoscaling/v1', '  targetCPUUtilizationPercentage: 85\n'), config: 'utilizationTargets:\n  cpu: {min: 40, max: 90}\n', expected: [] },
  {
    name: 'custom memory range',
    text: hpa('autoscaling/v2', v2Metric('memory', 'Utilization', '70')),
    config: 'utilizationTargets:\n  memory: {min: 75, max: 90}\n',
    expected: [`15:29 warning ${LOW('The memory averageUtilization', 70, 'memory', '75–90')}`],
  },
];

for (const c of cases) {
  test(`${RULE}: ${c.name}`, () => {
    assert.deepEqual(findingsOf(c.text, RULE, { config: c.config }), c.expected);
  });
}

/**
 * requests-for-utilization (SPEC §10): a CPU request so small that utilization against it is meaningless
 * (under 10m, or a limit above 20× the request) under a CPU Utilization metric is reported.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { findingsOf } from '../../../helpers/lint';

const stack = (resources: string, metric = 'cpu') => `apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata: {name: web}
spec:
  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: web}
  minReplicas: 2
  maxReplicas: 10
  metrics:
  - type: Resource
    resource: {name: ${metric}, target: {type: Utilization, averageUtilization: 70}}
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: web}
spec:
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      containers:
      - name: web
        image: nginx
        resources: ${resources}
`;

test('a request under 10m, and a limit more than 20× the request, are reported as warnings', () => {
  assert.deepEqual(findingsOf(stack('{requests: {cpu: 5m, memory: 64Mi}}'), 'requests-for-utilization'), [
    '10:75 warning cpu Utilization target 70% is a percentage of requests.cpu, but container web of Deployment web: requests.cpu is 5m, under 10m, so any real load reads as hundreds or thousands of percent and the autoscaler pins at its maximum. Request what the container uses at its target (or scale on AverageValue).',
  ]);
  assert.deepEqual(findingsOf(stack('{requests: {cpu: 50m, memory: 64Mi}, limits: {cpu: "2"}}'), 'requests-for-utilization'), [
    '10:75 warning cpu Utilization target 70% is a percentage of requests.cpu, but container web of Deployment web: limits.cpu 2 is 40× requests.cpu 50m, so any real load reads as hundreds or thousands of percent and the autoscaler pins at its maximum. Request what the container uses at its target (or scale on AverageValue).',
  ]);
});

test('near misses: 10m, a limit of exactly 20×, and a memory metric stay silent', () => {
  assert.deepEqual(findingsOf(stack('{requests: {cpu: 10m, memory: 64Mi}}'), 'requests-for-utilization'), []);
  assert.deepEqual(findingsOf(stack('{requests: {cpu: 100m, memory: 64Mi}, limits: {cpu: "2"}}'), 'requests-for-utilization'), []);
  assert.deepEqual(findingsOf(stack('{requests: {cpu: 1m, memory: 64Mi}}', 'memory'), 'requests-for-utilization'), []);
});

/**
 * Workloads of one kind, namespace and name in several files (variants of one sample app), from the second
 * real-world corpus's review: an autoscaler's finding about its target is made once, about the workload in its
 * own file, not once per variant.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Linter, defaultConfig } from '../../../../server/src/engine';
import { rows } from '../../../helpers/lint';

const APP = `apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata: {name: web}
spec:
  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: web}
  minReplicas: 2
  maxReplicas: 10
  metrics:
  - type: Resource
    resource: {name: cpu, target: {type: Utilization, averageUtilization: 70}}
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
        image: nginx:1.27
        resources: {requests: {memory: 64Mi}}
        readinessProbe: {httpGet: {path: /, port: 80}}
        livenessProbe: {httpGet: {path: /, port: 80}}
`;

test('two copies of an app in two files: requests-for-utilization once per file, about its own Deployment', () => {
  const linter = new Linter(() => defaultConfig());
  linter.update('a.yaml', APP);
  linter.update('b.yaml', APP);
  for (const file of ['a.yaml', 'b.yaml']) {
    const found = rows(APP, linter.lintFile(file)).filter((r) => r.ruleId === 'requests-for-utilization');
    assert.deepEqual(found.map((r) => `${r.line}:${r.column}`), ['10:75'], file);
  }
});

test('near miss: an HPA alone in its file still sees every same-named Deployment elsewhere', () => {
  const linter = new Linter(() => defaultConfig());
  const [hpa, deployment] = APP.split('---\n');
  linter.update('hpa.yaml', hpa!);
  linter.update('a.yaml', deployment!);
  linter.update('b.yaml', deployment!.replace('memory: 64Mi', 'cpu: 100m, memory: 64Mi'));
  const found = rows(hpa!, linter.lintFile('hpa.yaml')).filter((r) => r.ruleId === 'requests-for-utilization');
  assert.equal(found.length, 1, 'the Deployment without a cpu request (a.yaml) is reported');
});

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

test('the reverse lookup agrees: a Deployment counts only the autoscaler it ships with (real2: overlays of one app linted by the CLI in one lint set)', () => {
  // Two overlays' renders of one app: the same Deployment (replicas 1) and each overlay's own HPA bounds.
  const variant = (min: number, max: number) =>
    APP.replace('minReplicas: 2', `minReplicas: ${min}`).replace('maxReplicas: 10', `maxReplicas: ${max}`).replace('spec:\n  selector', 'spec:\n  replicas: 1\n  selector');
  const linter = new Linter(() => defaultConfig());
  linter.update('dev.yaml', variant(1, 2));
  linter.update('prod.yaml', variant(1, 5));
  const messages = (file: string, text: string) => rows(text, linter.lintFile(file)).filter((r) => r.ruleId === 'replicas-with-hpa').map((r) => r.message);
  const dev = messages('dev.yaml', variant(1, 2));
  const prod = messages('prod.yaml', variant(1, 5));
  assert.equal(dev.length, 1);
  assert.match(dev[0]!, /^replicas is 1, but HorizontalPodAutoscaler web \(1–2 replicas\) scales/);
  assert.equal(prod.length, 1);
  assert.match(prod[0]!, /HorizontalPodAutoscaler web \(1–5 replicas\)/);
  // Near miss: the Deployment in a file of its own is scaled by both (neither HPA's file has one of that name).
  const alone = new Linter(() => defaultConfig());
  const [hpa, deployment] = variant(1, 2).split('---\n');
  alone.update('hpa-dev.yaml', hpa!);
  alone.update('hpa-prod.yaml', hpa!.replace('name: web}', 'name: web-prod}').replace('maxReplicas: 2', 'maxReplicas: 5'));
  alone.update('deployment.yaml', deployment!);
  const both = rows(deployment!, alone.lintFile('deployment.yaml')).filter((r) => r.ruleId === 'replicas-with-hpa');
  assert.equal(both.length, 1);
  assert.match(both[0]!.message, /2 autoscalers/);
});

/**
 * KEDA 1.x ScaledObjects (`keda.k8s.io/v1alpha1`, `scaleTargetRef.deploymentName`), from the second real-world
 * corpus's review (SPEC §10): deprecated-api reports the retired API, and the object still counts as its
 * workload's autoscaler — no rule then claims that "no autoscaler targets" the workload.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { findingsOf, lintText } from '../../../helpers/lint';

const WORKER = `apiVersion: apps/v1
kind: Deployment
metadata: {name: worker}
spec:
  selector: {matchLabels: {app: worker}}
  template:
    metadata: {labels: {app: worker}}
    spec:
      containers:
      - name: worker
        image: example/worker:1
        resources: {requests: {cpu: 100m, memory: 64Mi}}
        readinessProbe: {exec: {command: ["true"]}}
        livenessProbe: {exec: {command: ["true"]}}
`;
const KEDA1 = `apiVersion: keda.k8s.io/v1alpha1
kind: ScaledObject
metadata: {name: worker}
spec:
  scaleTargetRef: {deploymentName: worker}
  minReplicaCount: 2
  maxReplicaCount: 10
  triggers:
  - type: kafka
    metadata: {topic: orders, brokers: "kafka:9092", consumerGroup: workers, lagThreshold: "5"}
`;
const OTHER_HPA = `apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata: {name: api}
spec:
  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: api}
  minReplicas: 2
  maxReplicas: 10
`;

test('a KEDA 1.x ScaledObject is its Deployment\'s autoscaler: no "no autoscaler targets" finding on the worker', () => {
  const text = `${WORKER}---\n${KEDA1}---\n${OTHER_HPA}`;
  assert.deepEqual(findingsOf(text, 'min-replicas'), []);
  // Its deploymentName resolves: the only target finding is the other HPA's (its Deployment api is not in the set).
  assert.deepEqual(findingsOf(text, 'hpa-target-exists').map((m) => m.split(' ')[0]), ['31:65']);
  assert.deepEqual(findingsOf(text, 'deprecated-api'), [
    "16:13 warning keda.k8s.io/v1alpha1 ScaledObject is KEDA 1.x's API, which KEDA 2.0 no longer serves; use keda.sh/v1alpha1 (scaleTargetRef.deploymentName becomes scaleTargetRef.name, and some triggers changed their metadata).",
  ]);
  assert.ok(lintText(text).every((f) => !f.message.includes('Internal error')));
});

test('near miss: without the KEDA 1.x object, the worker has no autoscaler and is reported', () => {
  assert.equal(findingsOf(`${WORKER}---\n${OTHER_HPA}`, 'min-replicas').length, 1);
  // Its own bounds are checked like a KEDA 2 object's.
  assert.deepEqual(findingsOf(`${WORKER}---\n${KEDA1.replace('minReplicaCount: 2', 'minReplicaCount: 1')}`, 'min-replicas'), ['21:20 warning minReplicaCount is 1; the HA floor is 2.']);
});

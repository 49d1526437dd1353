/**
 * A KEDA 1.x ScaledObject (`keda.k8s.io/v1alpha1`, `scaleTargetRef.deploymentName`) still counts as its
 * workload's autoscaler in every cross-document rule (issue 14), beside the min-replicas case in keda-1x.test.ts.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { findingsOf } from '../../../helpers/lint';

const worker = (replicas = '') => `apiVersion: apps/v1
kind: Deployment
metadata: {name: worker}
spec:
${replicas}  selector: {matchLabels: {app: worker}}
  template:
    metadata: {labels: {app: worker}}
    spec:
      containers:
      - name: worker
        image: example/worker:1
        resources: {requests: {cpu: 100m, memory: 64Mi}}
`;
const KEDA1 = `apiVersion: keda.k8s.io/v1alpha1
kind: ScaledObject
metadata: {name: worker}
spec:
  scaleTargetRef: {deploymentName: worker}
  minReplicaCount: 2
  maxReplicaCount: 10
  triggers:
  - type: cpu
    metadata: {type: Utilization, value: "60"}
`;
const HPA = `apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata: {name: worker-hpa}
spec:
  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: worker}
  minReplicas: 2
  maxReplicas: 10
`;
const PDB = (budget: string) => `apiVersion: policy/v1
kind: PodDisruptionBudget
metadata: {name: worker}
spec:
  ${budget}
  selector: {matchLabels: {app: worker}}
`;

test('replicas-with-hpa: spec.replicas beside a KEDA 1.x object is reported; not without it', () => {
  assert.equal(findingsOf(`${worker('  replicas: 3\n')}---\n${KEDA1}`, 'replicas-with-hpa').length, 1);
  assert.deepEqual(findingsOf(worker('  replicas: 3\n'), 'replicas-with-hpa'), []);
});

test('autoscaler-conflict: an HPA beside the KEDA 1.x object on one Deployment is two owners', () => {
  const rows = findingsOf(`${worker()}---\n${KEDA1}---\n${HPA}`, 'autoscaler-conflict');
  assert.ok(rows.length >= 1, 'conflict reported');
  assert.ok(rows.every((r) => / error /.test(r)));
  assert.deepEqual(findingsOf(`${worker()}---\n${KEDA1}`, 'autoscaler-conflict'), []);
});

test('pdb-blocks-drain: the minimum comes from the KEDA 1.x object (minAvailable 2 at minReplicaCount 2 blocks drains)', () => {
  assert.equal(findingsOf(`${worker()}---\n${KEDA1}---\n${PDB('minAvailable: 2')}`, 'pdb-blocks-drain').length, 1);
  assert.deepEqual(findingsOf(`${worker()}---\n${KEDA1}---\n${PDB('maxUnavailable: 1')}`, 'pdb-blocks-drain'), []);
});

test('pdb-coverage: the workload\'s minimum of 2 comes from the KEDA 1.x object', () => {
  // (The rule stays silent while the lint set holds no PDB: one for another app is there.)
  const other = PDB('maxUnavailable: 1').replace(/worker/g, 'other');
  assert.deepEqual(findingsOf(`${worker()}---\n${KEDA1}---\n${other}`, 'pdb-coverage').map((r) => r.replace(/^\S+ /, '')), [
    'info Deployment worker runs at least 2 pods (minReplicaCount of ScaledObject worker), but no PodDisruptionBudget selects them: a node drain or cluster upgrade can evict them all at once.',
  ]);
  // Without it the Deployment's minimum is the default spec.replicas 1: nothing to protect.
  assert.deepEqual(findingsOf(`${worker()}---\n${other}`, 'pdb-coverage'), []);
});

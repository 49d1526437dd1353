/**
 * deprecated-api follows `kubernetesVersion` (SPEC §10): an API removed after the configured version is only
 * deprecated (info, naming the release that removes it); removed at or before it, a warning as before; before
 * the replacement is served there is nothing to migrate to, and no finding.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { findingsOf, lintText } from '../../../helpers/lint';

const RULE = 'deprecated-api';
const hpa = (apiVersion: string) =>
  `apiVersion: ${apiVersion}\nkind: HorizontalPodAutoscaler\nmetadata:\n  name: web\nspec:\n  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: web}\n  minReplicas: 2\n  maxReplicas: 20\n`;
const pdb = 'apiVersion: policy/v1beta1\nkind: PodDisruptionBudget\nmetadata:\n  name: web\nspec:\n  maxUnavailable: 1\n  selector:\n    matchLabels: {app: web}\n';
const at = (v: string) => ({ config: `kubernetesVersion: "${v}"\n` });

test('autoscaling/v2beta2 on 1.25 (removed in 1.26): info, says where it goes, fix still offered', () => {
  assert.deepEqual(findingsOf(hpa('autoscaling/v2beta2'), RULE, at('1.25')), [
    '1:13 info autoscaling/v2beta2 HorizontalPodAutoscaler is deprecated: Kubernetes 1.26 removes it (kubernetesVersion is 1.25, which still serves it); use autoscaling/v2 (served since 1.23).',
  ]);
  const f = lintText(hpa('autoscaling/v2beta2'), at('1.25')).find((x) => x.ruleId === RULE)!;
  assert.deepEqual(f.tags, ['deprecated']);
  assert.equal(f.fixes?.[0].title, 'Convert to autoscaling/v2');
});

test('removed at or before the configured version: a warning, as without the setting', () => {
  assert.deepEqual(findingsOf(hpa('autoscaling/v2beta2'), RULE, at('1.26')), [
    '1:13 warning autoscaling/v2beta2 HorizontalPodAutoscaler was removed in Kubernetes 1.26; use autoscaling/v2 (served since 1.23).',
  ]);
  assert.deepEqual(findingsOf(hpa('autoscaling/v2beta1'), RULE, at('v1.25.3')).map((r) => r.split(' ').slice(0, 2).join(' ')), ['1:13 warning']);
  // The default (1.35) is after every removal.
  assert.equal(findingsOf(hpa('autoscaling/v2beta2'), RULE)[0].split(' ')[1], 'warning');
});

test('policy/v1beta1 on 1.24: info; on 1.20 (policy/v1 not served yet): nothing to migrate to, no finding', () => {
  assert.deepEqual(findingsOf(pdb, RULE, at('1.24')), [
    '1:13 info policy/v1beta1 PodDisruptionBudget is deprecated: Kubernetes 1.25 removes it (kubernetesVersion is 1.24, which still serves it); use policy/v1 (served since 1.21).',
  ]);
  assert.deepEqual(findingsOf(pdb, RULE, at('1.20')), []);
  assert.deepEqual(findingsOf(hpa('autoscaling/v2beta1'), RULE, at('1.22')), []);
});

test('KEDA 1.x keda.k8s.io is a warning on any kubernetesVersion (KEDA 2, not the cluster, dropped it)', () => {
  const keda1 = 'apiVersion: keda.k8s.io/v1alpha1\nkind: ScaledObject\nmetadata: {name: worker}\nspec:\n  scaleTargetRef: {deploymentName: worker}\n  minReplicaCount: 2\n  maxReplicaCount: 10\n  triggers: [{type: cpu, metadata: {type: Utilization, value: "60"}}]\n';
  assert.equal(findingsOf(keda1, RULE, at('1.20'))[0].split(' ')[1], 'warning');
});

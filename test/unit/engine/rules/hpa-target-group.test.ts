/**
 * hpa-target-exists (SPEC §10): a scaleTargetRef.apiVersion whose group does not serve the kind never resolves —
 * the HPA controller finds its target by group and kind — even when a workload of that name exists.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { findingsOf, lintText } from '../../../helpers/lint';
import { applyEdits } from '../../../../server/src/engine';

const stack = (apiVersion: string) => `apiVersion: apps/v1
kind: Deployment
metadata: {name: web}
spec:
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      containers: [{name: web, image: nginx}]
---
apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata: {name: web}
spec:
  scaleTargetRef:
    apiVersion: ${apiVersion}
    kind: Deployment
    name: web
  minReplicas: 2
  maxReplicas: 10
`;

test('extensions/v1beta1: reported although Deployment web exists, with a fix to apps/v1', () => {
  const text = stack('extensions/v1beta1');
  assert.deepEqual(findingsOf(text, 'hpa-target-exists'), [
    '16:17 warning scaleTargetRef.apiVersion is extensions/v1beta1: the extensions group has served no Deployment since Kubernetes 1.16, and the HPA controller resolves its target by group and kind, so it never finds Deployment web. Use apps/v1.',
  ]);
  const fix = lintText(text).find((f) => f.ruleId === 'hpa-target-exists')!.fixes![0]!;
  const fixed = text.slice(0, 0) + applyEdits(text.slice(lintText(text).find((f) => f.ruleId === 'hpa-target-exists')!.documentStart), fix.edits);
  assert.match(fixed, /apiVersion: apps\/v1\n {4}kind: Deployment/);
});

test('near misses: apps/v1, apps/v1beta2 and apps/v1beta1 name the group that serves Deployments', () => {
  for (const v of ['apps/v1', 'apps/v1beta2', 'apps/v1beta1']) assert.deepEqual(findingsOf(stack(v), 'hpa-target-exists'), [], v);
});

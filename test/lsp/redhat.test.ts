/**
 * Beside Red Hat's YAML extension (server/src/lsp/redhat.ts): which schema findings are left to it.
 * Run: node --import tsx --test test/lsp/redhat.test.ts
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Linter, type FileFinding } from '../../server/src/engine';
import { UNKNOWN_FIELD_PREFIX, withoutRedHatDuplicates } from '../../server/src/lsp/redhat';
import { configureSchemasFromDisk } from '../helpers/schemas';

test('withoutRedHatDuplicates: built-in kinds keep unknown fields only; KEDA and other rules keep everything', () => {
  configureSchemasFromDisk();
  const linter = new Linter();
  const text = `apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata: {name: web}
spec:
  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: web}
  minReplicas: 1
  maxReplicas: "5"
  minReplica: 3
---
apiVersion: keda.sh/v1alpha1
kind: ScaledObject
metadata: {name: worker}
spec:
  scaleTargetRef: {name: worker}
  maxReplicaCount: "5"
  triggers: [{type: cpu, metricType: Utilization, metadata: {value: "70"}}]
`;
  linter.update('a.yaml', text);
  const all = linter.lintFile('a.yaml');
  const kept = withoutRedHatDuplicates(all, linter.get('a.yaml'));
  const ids = (list: FileFinding[]) => list.map((f) => `${f.ruleId}: ${f.message.split(';')[0]}`);
  const dropped = ids(all).filter((x) => !ids(kept).includes(x));
  assert.deepEqual(dropped, ['schema: `spec.maxReplicas` must be an integer']);
  assert.ok(ids(kept).includes('schema: Unknown field `spec.minReplica` in HorizontalPodAutoscaler'));
  assert.ok(kept.some((f) => f.message.startsWith(UNKNOWN_FIELD_PREFIX)), 'the schema rule still words unknown fields this way');
  assert.ok(ids(kept).includes('schema: `spec.maxReplicaCount` must be an integer'));
  assert.ok(ids(kept).some((x) => x.startsWith('min-replicas')));
  assert.deepEqual(withoutRedHatDuplicates(all, undefined), all);
});

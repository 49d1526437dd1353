/**
 * A document without a namespace is in `default` (issue 14): messages say so, and never present an object of
 * another namespace (which a namespace-less document may still match, as `kubectl apply -n` would place it)
 * as being in the same one.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { findingsOf } from '../../../helpers/lint';

const deployment = (name: string, ns?: string, kind = 'Deployment') => `apiVersion: apps/v1
kind: ${kind}
metadata:
  name: ${name}
${ns ? `  namespace: ${ns}\n` : ''}spec:
  selector: {matchLabels: {app: ${name}}}
  template:
    metadata: {labels: {app: ${name}}}
    spec:
      containers: [{name: c, image: example/c:1}]
`;
const hpa = (target: string, ns?: string) => `apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata:
  name: h
${ns ? `  namespace: ${ns}\n` : ''}spec:
  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: ${target}}
  minReplicas: 2
  maxReplicas: 5
`;

test('hpa-target-exists: a namespace-less HPA is in namespace default in its message', () => {
  const rows = findingsOf(`${hpa('wbe')}---\n${deployment('web')}`, 'hpa-target-exists');
  assert.equal(rows.length, 1);
  assert.match(rows[0], /which is not in namespace default in the lint set/);
  assert.doesNotMatch(rows[0], /its namespace/);
});

test('hpa-target-exists: the other-kind hint names the namespace the object is really in', () => {
  const rows = findingsOf(`${hpa('db')}---\n${deployment('db', 'prod', 'StatefulSet')}`, 'hpa-target-exists');
  assert.deepEqual(rows.map((r) => r.replace(/^\S+ \S+ /, '')), ['scaleTargetRef names Deployment db, but db in namespace prod is a StatefulSet.']);
  const same = findingsOf(`${hpa('db', 'prod')}---\n${deployment('db', 'prod', 'StatefulSet')}`, 'hpa-target-exists');
  assert.match(same[0], /but db in namespace prod is a StatefulSet/);
});

test('service-selector: a namespace-less Service is in default; a workload of another namespace is listed with it', () => {
  const svc = 'apiVersion: v1\nkind: Service\nmetadata: {name: s}\nspec:\n  selector: {app: wbe}\n  ports: [{port: 80}]\n';
  const rows = findingsOf(`${svc}---\n${deployment('web', 'prod')}`, 'service-selector');
  assert.equal(rows.length, 1);
  assert.match(rows[0], /in namespace default in the lint set/);
  assert.doesNotMatch(rows[0], /its namespace/);
  // (The hint lists workloads sharing a label key; app=web in prod is one.)
  assert.match(rows[0], /Pod labels there: Deployment web in namespace prod \(app=web\)\./);
});

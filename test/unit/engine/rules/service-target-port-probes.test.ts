/** service-target-port (SPEC §10): a numeric targetPort the selected containers' probes use is served, declared or not. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { findingsOf } from '../../../helpers/lint';

const stack = (probe: string, targetPort: string) => `apiVersion: apps/v1
kind: Deployment
metadata: {name: activator}
spec:
  replicas: 2
  selector: {matchLabels: {app: activator}}
  template:
    metadata: {labels: {app: activator}}
    spec:
      containers:
        - name: activator
          image: example/activator:1
          ports: [{name: http1, containerPort: 8012}]
          ${probe}
---
apiVersion: v1
kind: Service
metadata: {name: activator-service}
spec:
  selector: {app: activator}
  ports:
    - {name: https, port: 443, targetPort: ${targetPort}}
`;

test('a targetPort a probe uses (httpGet, tcpSocket, grpc; readiness, liveness, startup) is served', () => {
  for (const probe of ['readinessProbe: {httpGet: {path: /healthz, port: 8112}}', 'livenessProbe: {tcpSocket: {port: 8112}}', 'startupProbe: {grpc: {port: 8112}}']) {
    assert.deepEqual(findingsOf(stack(probe, '8112'), 'service-target-port'), [], probe);
  }
});

test('near misses: a probe on another port, or a named targetPort no container declares, are still reported', () => {
  assert.deepEqual(findingsOf(stack('readinessProbe: {httpGet: {path: /healthz, port: 8012}}', '8112'), 'service-target-port'), [
    '22:44 warning port https (443): targetPort 8112 matches no containerPort of the selected pods (Deployment activator); they declare 8012 (http1).',
  ]);
  assert.equal(findingsOf(stack('readinessProbe: {httpGet: {path: /healthz, port: 8112}}', 'https'), 'service-target-port').length, 1);
});

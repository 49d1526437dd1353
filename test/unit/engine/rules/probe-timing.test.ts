import { test } from 'node:test';
import assert from 'node:assert/strict';
import { findingsOf } from '../../../helpers/lint';

const ID = 'probe-timing';

function withProbe(probeLines: string, key = 'readinessProbe'): string {
  return [
    'apiVersion: apps/v1',
    'kind: Deployment',
    'metadata:',
    '  name: web',
    'spec:',
    '  template:',
    '    spec:',
    '      containers:',
    '        - name: app',
    '          image: app:1',
    `          ${key}:`,
    '            httpGet: {path: /readyz, port: 8080}',
    ...probeLines.split('\n').filter((l) => l).map((l) => `            ${l}`),
    '',
  ].join('\n');
}

const cases: { name: string; text: string; expected: string[] }[] = [
  { name: 'defaults (1 s < 10 s)', text: withProbe(''), expected: [] },
  { name: 'timeout below period', text: withProbe('periodSeconds: 10\ntimeoutSeconds: 3'), expected: [] },
  {
    name: 'timeout equal to period',
    text: withProbe('periodSeconds: 5\ntimeoutSeconds: 5'),
    expected: ['14:29 warning readinessProbe of container app: timeoutSeconds is 5 and periodSeconds is 5; the timeout must be shorter than the period.'],
  },
  {
    name: 'timeout above the default period',
    text: withProbe('timeoutSeconds: 15', 'livenessProbe'),
    expected: ['13:29 warning livenessProbe of container app: timeoutSeconds is 15 and periodSeconds is not set (default 10); the timeout must be shorter than the period.'],
  },
  {
    name: 'period at the default timeout',
    text: withProbe('periodSeconds: 1', 'startupProbe'),
    expected: ['13:28 warning startupProbe of container app: timeoutSeconds is not set (default 1) and periodSeconds is 1; the timeout must be shorter than the period.'],
  },
  { name: 'numbers written as strings', text: withProbe('periodSeconds: "3"\ntimeoutSeconds: "2"'), expected: [] },
  { name: 'a value that is not a number is left to schema', text: withProbe('periodSeconds: soon\ntimeoutSeconds: 30'), expected: [] },
  { name: 'probe of the wrong shape', text: withProbe('').replace(/readinessProbe:\n.*\n/, 'readinessProbe: yes\n'), expected: [] },
  {
    name: 'StatefulSet',
    text: withProbe('periodSeconds: 2\ntimeoutSeconds: 3').replace('kind: Deployment', 'kind: StatefulSet'),
    expected: ['14:29 warning readinessProbe of container app: timeoutSeconds is 3 and periodSeconds is 2; the timeout must be shorter than the period.'],
  },
  { name: 'other kinds are not checked', text: withProbe('periodSeconds: 2\ntimeoutSeconds: 3').replace('kind: Deployment', 'kind: DaemonSet'), expected: [] },
];

for (const c of cases) {
  test(`${ID}: ${c.name}`, () => {
    assert.deepEqual(findingsOf(c.text, ID), c.expected);
  });
}

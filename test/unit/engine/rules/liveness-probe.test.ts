import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseAllDocuments } from 'yaml';
import { findingsOf, lintText } from '../../../helpers/lint';
import { applyEdits, fileEdits } from '../../../../server/src/engine';

const ID = 'liveness-probe';
const WHY = 'a process that hangs (deadlock, exhausted pool) is never restarted, and keeps counting as a replica while it serves nothing.';

function workload(containerLines: string, kind = 'Deployment'): string {
  return [
    'apiVersion: apps/v1',
    `kind: ${kind}`,
    'metadata:',
    '  name: web',
    'spec:',
    '  template:',
    '    spec:',
    '      containers:',
    '        - name: app',
    '          image: app:1',
    ...containerLines.split('\n').filter((l) => l).map((l) => `          ${l}`),
    '        - image: unnamed:1',
    '          livenessProbe: {exec: {command: [true]}}',
    '',
  ].join('\n');
}

const cases: { name: string; text: string; expected: string[] }[] = [
  { name: 'no livenessProbe (info)', text: workload(''), expected: [`9:17 info Container app of Deployment web has no livenessProbe: ${WHY}`] },
  { name: 'StatefulSet', text: workload('', 'StatefulSet'), expected: [`9:17 info Container app of StatefulSet web has no livenessProbe: ${WHY}`] },
  { name: 'has one', text: workload('livenessProbe:\n  httpGet: {path: /healthz, port: 8080}'), expected: [] },
  { name: 'a readiness probe is not a liveness probe', text: workload('readinessProbe:\n  tcpSocket: {port: 80}'), expected: [`9:17 info Container app of Deployment web has no livenessProbe: ${WHY}`] },
  { name: 'other kinds are not checked', text: workload('', 'Job'), expected: [] },
];

for (const c of cases) {
  test(`${ID}: ${c.name}`, () => {
    assert.deepEqual(findingsOf(c.text, ID), c.expected);
  });
}

test(`${ID}: an unnamed container is reported at its item`, () => {
  const text = 'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: w}\nspec:\n  template:\n    spec:\n      containers:\n        - image: a:1\n';
  assert.deepEqual(findingsOf(text, ID), [`8:11 info This container of Deployment w has no livenessProbe: ${WHY}`]);
});

test(`${ID}: the fix inserts an httpGet /healthz probe on the first port, not safe`, () => {
  const text = workload('ports:\n  - name: web\n    containerPort: 8080');
  const f = lintText(text).find((x) => x.ruleId === ID)!;
  const fix = f.fixes![0];
  assert.equal(fix.safe, false);
  const out = applyEdits(text, fileEdits(f, fix));
  assert.ok(out.includes('          livenessProbe:\n            httpGet:\n              path: /healthz\n              port: web\n            initialDelaySeconds: 15\n            periodSeconds: 10\n'), out);
  assert.ok(parseAllDocuments(out).every((d) => d.errors.length === 0));
  assert.deepEqual(findingsOf(out, ID), []);
  assert.ok(fix.snippetEdits![0].newText.includes('path: ${1:/healthz}'));
});

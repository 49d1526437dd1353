import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseAllDocuments } from 'yaml';
import { findingsOf, lintText } from '../../../helpers/lint';
import { applyEdits, fileEdits } from '../../../../server/src/engine';

const ID = 'readiness-probe';
const WHY = 'it counts as ready as soon as its process starts, so every pod the autoscaler adds gets traffic before it can serve, and a rollout removes old pods without waiting for the new ones to work.';

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
    '',
  ].join('\n');
}

const cases: { name: string; text: string; expected: string[] }[] = [
  { name: 'no readinessProbe', text: workload(''), expected: [`9:17 warning Container app of Deployment web has no readinessProbe: ${WHY}`] },
  { name: 'StatefulSet', text: workload('', 'StatefulSet'), expected: [`9:17 warning Container app of StatefulSet web has no readinessProbe: ${WHY}`] },
  { name: 'has one', text: workload('readinessProbe:\n  tcpSocket: {port: 80}'), expected: [] },
  { name: 'a liveness probe is not a readiness probe', text: workload('livenessProbe:\n  tcpSocket: {port: 80}'), expected: [`9:17 warning Container app of Deployment web has no readinessProbe: ${WHY}`] },
  { name: 'other kinds are not checked', text: workload('', 'DaemonSet'), expected: [] },
  { name: 'containers of the wrong shape', text: 'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: x}\nspec:\n  template:\n    spec:\n      containers: {a: 1}\n', expected: [] },
];

for (const c of cases) {
  test(`${ID}: ${c.name}`, () => {
    assert.deepEqual(findingsOf(c.text, ID), c.expected);
  });
}

function fixed(text: string, snippet = false): { out: string; safe: boolean; title: string } {
  const f = lintText(text).find((x) => x.ruleId === ID && x.fixes?.length);
  assert.ok(f, 'a finding with a fix');
  const fix = f.fixes![0];
  return { out: applyEdits(text, fileEdits(f, { edits: snippet ? fix.snippetEdits! : fix.edits })), safe: fix.safe, title: fix.title };
}

const fixCases: { name: string; lines: string; port: string }[] = [
  { name: 'named port', lines: 'ports:\n  - name: http\n    containerPort: 8080', port: 'http' },
  { name: 'numbered port', lines: 'ports:\n  - containerPort: 3000', port: '3000' },
  { name: 'first TCP port, skipping UDP', lines: 'ports:\n  - {name: dns, containerPort: 53, protocol: UDP}\n  - {containerPort: 9000}', port: '9000' },
  { name: 'no port: a placeholder', lines: '', port: '8080' },
];

for (const c of fixCases) {
  test(`${ID}: fix on the ${c.name}`, () => {
    const text = workload(c.lines);
    const { out, safe } = fixed(text);
    assert.equal(safe, false, 'a guessed path is never applied by --fix');
    assert.ok(out.includes(`          readinessProbe:\n            httpGet:\n              path: /readyz\n              port: ${c.port}\n            initialDelaySeconds: 5\n            periodSeconds: 10\n`), out);
    assert.ok(parseAllDocuments(out).every((d) => d.errors.length === 0));
    assert.deepEqual(findingsOf(out, ID), []);
    const { out: snippet } = fixed(text, true);
    assert.ok(snippet.includes(`path: \${1:/readyz}\n              port: \${2:${c.port}}\n`), snippet);
  });
}

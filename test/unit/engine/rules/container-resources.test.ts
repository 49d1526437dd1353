import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseAllDocuments } from 'yaml';
import { findingsOf, lintText } from '../../../helpers/lint';
import { applyEdits, fileEdits } from '../../../../server/src/engine';

const ID = 'container-resources';

/** A Deployment whose single container has the given lines (indented under `- name: app`). */
function deployment(containerLines: string): string {
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
    ...containerLines.split('\n').filter((l) => l).map((l) => `          ${l}`),
    '',
  ].join('\n');
}

const cases: { name: string; text: string; expected: string[] }[] = [
  {
    name: 'no resources at all',
    text: deployment(''),
    expected: ['9:17 warning Container app sets neither requests.cpu nor requests.memory (nor the limits they would default to): the scheduler cannot place it by size and an HPA cannot compute cpu or memory utilization.'],
  },
  {
    name: 'requests.cpu only',
    text: deployment('resources:\n  requests:\n    cpu: 100m'),
    expected: ['11:11 warning Container app sets no requests.memory (nor limits.memory, which it would default to): the scheduler cannot place it by size and an HPA cannot compute memory utilization.'],
  },
  { name: 'both requests', text: deployment('resources:\n  requests: {cpu: 100m, memory: 128Mi}'), expected: [] },
  { name: 'limits only count as requests', text: deployment('resources:\n  limits: {cpu: 1, memory: 1Gi}'), expected: [] },
  {
    name: 'limit below request (number vs millicores)',
    text: deployment('resources:\n  requests: {cpu: 1500m, memory: 128Mi}\n  limits: {cpu: 1}'),
    expected: ['13:27 error Container app: limits.cpu is 1, below requests.cpu 1500m; the API server rejects a limit below its request.'],
  },
  {
    name: 'memory limit in different units below request',
    text: deployment('resources:\n  requests: {cpu: 100m, memory: 1G}\n  limits: {memory: 900Mi}'),
    expected: ['13:30 error Container app: limits.memory is 900Mi, below requests.memory 1G; the API server rejects a limit below its request.'],
  },
  { name: 'equal quantities, different spellings', text: deployment('resources:\n  requests: {cpu: 0.5, memory: 1Gi}\n  limits: {cpu: 500m, memory: 1024Mi}'), expected: [] },
  { name: 'unparseable quantities are left to schema', text: deployment('resources:\n  requests: {cpu: lots, memory: 1Gi}\n  limits: {cpu: 1, memory: some}'), expected: [] },
  { name: 'resources of the wrong shape', text: deployment('resources: [cpu]'), expected: [] },
  {
    name: 'StatefulSet',
    text: deployment('resources:\n  requests: {memory: 1Gi}').replace('kind: Deployment', 'kind: StatefulSet'),
    expected: ['11:11 warning Container app sets no requests.cpu (nor limits.cpu, which it would default to): the scheduler cannot place it by size and an HPA cannot compute cpu utilization.'],
  },
  { name: 'other kinds are not checked', text: deployment('').replace('kind: Deployment', 'kind: DaemonSet'), expected: [] },
];

for (const c of cases) {
  test(`${ID}: ${c.name}`, () => {
    assert.deepEqual(findingsOf(c.text, ID), c.expected);
  });
}

function fixOf(text: string) {
  const f = lintText(text).find((x) => x.ruleId === ID && x.fixes?.length);
  assert.ok(f, 'a finding with a fix');
  return { finding: f, fix: f.fixes![0] };
}

function applied(text: string, snippet = false): string {
  const { finding, fix } = fixOf(text);
  return applyEdits(text, fileEdits(finding, { edits: snippet ? fix.snippetEdits! : fix.edits }));
}

test(`${ID}: the fix inserts a resources block with placeholders, is not safe, and resolves the finding`, () => {
  const text = deployment('ports:\n  - containerPort: 8080');
  const { fix } = fixOf(text);
  assert.equal(fix.safe, false);
  const out = applied(text);
  assert.match(out, /ports:\n {12}- containerPort: 8080\n {10}resources:\n {12}requests:\n {14}cpu: 100m\n {14}memory: 128Mi\n/);
  assert.ok(parseAllDocuments(out).every((d) => d.errors.length === 0));
  assert.deepEqual(findingsOf(out, ID), []);
  const snippet = applied(text, true);
  assert.match(snippet, /cpu: \$\{1:100m\}\n {14}memory: \$\{2:128Mi\}/);
});

test(`${ID}: the fix inserts only what is missing, into the existing requests`, () => {
  const text = deployment('resources:\n  requests:\n    cpu: 250m # sized from kubectl top\n  limits:\n    cpu: "1"');
  const out = applied(text);
  assert.match(out, /requests:\n {14}cpu: 250m # sized from kubectl top\n {14}memory: 128Mi\n {12}limits:/);
  assert.deepEqual(findingsOf(out, ID), []);
  assert.match(applied(text, true), /memory: \$\{1:128Mi\}/);
});

test(`${ID}: the fix adds requests next to limits, and fills empty values`, () => {
  const withLimits = deployment('resources:\n  limits:\n    memory: 256Mi');
  const out = applied(withLimits);
  assert.match(out, /limits:\n {14}memory: 256Mi\n {12}requests:\n {14}cpu: 100m\n/);
  assert.deepEqual(findingsOf(out, ID), []);
  for (const empty of ['resources:', 'resources: {}', 'resources:\n  requests:', 'resources:\n  requests: {}']) {
    const t = deployment(empty);
    const o = applied(t);
    assert.ok(parseAllDocuments(o).every((d) => d.errors.length === 0), `${empty}: parses\n${o}`);
    assert.deepEqual(findingsOf(o, ID), [], `${empty}: resolved\n${o}`);
  }
});

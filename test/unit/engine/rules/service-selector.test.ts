import { test } from 'node:test';
import assert from 'node:assert/strict';
import { findingsOf } from '../../../helpers/lint';
import { Linter } from '../../../../server/src/engine';

const ID = 'service-selector';

const service = (selector: string, extra = '', ns = '') => `apiVersion: v1
kind: Service
metadata: {name: web${ns ? `, namespace: ${ns}` : ''}}
spec:
  ${extra}selector: ${selector}
  ports: [{port: 80}]
`;
const owner = (kind: string, labels: string, ns = '') => `---
apiVersion: apps/v1
kind: ${kind}
metadata: {name: w${ns ? `, namespace: ${ns}` : ''}}
spec:
  template:
    metadata:
      labels: ${labels}
    spec:
      containers: [{name: c, image: "c:1"}]
`;

const NO_MATCH = (sel: string, ns = 'namespace default', hint = '') =>
  `5:3 warning Service web selects ${sel}, which matches the pod labels of no Deployment or StatefulSet in ${ns} in the lint set: it has no endpoints.${hint}`;

const cases: { name: string; text: string; expected: string[] }[] = [
  { name: 'matches a Deployment', text: service('{app: web}') + owner('Deployment', '{app: web, v: "2"}'), expected: [] },
  { name: 'matches a StatefulSet', text: service('{app: web}') + owner('StatefulSet', '{app: web}'), expected: [] },
  {
    name: 'value typo',
    text: service('{app: wbe}') + owner('Deployment', '{app: web}'),
    expected: [NO_MATCH('app=wbe', 'namespace default', ' Pod labels there: Deployment w (app=web).')],
  },
  {
    name: 'one label too many',
    text: service('{app: web, tier: db}') + owner('Deployment', '{app: web}'),
    expected: [NO_MATCH('app=web, tier=db', 'namespace default', ' Pod labels there: Deployment w (app=web).')],
  },
  { name: 'no shared key: no hint', text: service('{name: x}') + owner('Deployment', '{app: web}'), expected: [NO_MATCH('name=x')] },
  { name: 'no selector', text: 'apiVersion: v1\nkind: Service\nmetadata: {name: s}\nspec:\n  ports: [{port: 80}]\n' + owner('Deployment', '{app: web}'), expected: [] },
  { name: 'empty selector', text: service('{}') + owner('Deployment', '{app: web}'), expected: [] },
  { name: 'ExternalName', text: service('{app: x}', 'type: ExternalName\n  externalName: a.example.com\n  ') + owner('Deployment', '{app: web}'), expected: [] },
  { name: 'no workload in the lint set', text: service('{app: web}'), expected: [] },
  { name: 'only workloads of other namespaces', text: service('{app: web}', '', 'a') + owner('Deployment', '{app: x}', 'b'), expected: [] },
  {
    name: 'a workload with the labels in another namespace does not count',
    text: service('{app: web}', '', 'a') + owner('Deployment', '{app: web}', 'b') + owner('Deployment', '{app: api}', 'a'),
    expected: [NO_MATCH('app=web', 'namespace a', ' Pod labels there: Deployment w (app=api).')],
  },
  { name: 'pods of a DaemonSet count', text: service('{app: agent}') + owner('DaemonSet', '{app: agent}') + owner('Deployment', '{app: web}'), expected: [] },
  {
    name: 'pods of a bare Pod count',
    text: service('{app: p}') + owner('Deployment', '{app: web}') + '---\napiVersion: v1\nkind: Pod\nmetadata: {name: p, labels: {app: p}}\nspec:\n  containers: [{name: c, image: "c:1"}]\n',
    expected: [],
  },
];

for (const c of cases) {
  test(`${ID}: ${c.name}`, () => {
    assert.deepEqual(findingsOf(c.text, ID), c.expected);
  });
}

test(`${ID}: across files, with related information on the workloads sharing a key`, () => {
  const linter = new Linter();
  linter.update('svc.yaml', service('{app: wbe}'));
  linter.update('deploy.yaml', owner('Deployment', '{app: web}').replace(/^---\n/, ''));
  const [f] = linter.lintFile('svc.yaml').filter((x) => x.ruleId === ID);
  assert.deepEqual(f.related?.map((r) => [r.file, r.message]), [['deploy.yaml', 'pod labels of Deployment w: app=web']]);
  linter.update('deploy.yaml', owner('Deployment', '{app: wbe}').replace(/^---\n/, ''));
  assert.equal(linter.lintFile('svc.yaml').filter((x) => x.ruleId === ID).length, 0);
});

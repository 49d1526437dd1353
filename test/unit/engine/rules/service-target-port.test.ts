import { test } from 'node:test';
import assert from 'node:assert/strict';
import { findingsOf } from '../../../helpers/lint';
import { Linter } from '../../../../server/src/engine';

const ID = 'service-target-port';

const service = (port: string, selector = '{app: web}') => `apiVersion: v1
kind: Service
metadata: {name: web}
spec:
  selector: ${selector}
  ports:
    - ${port}
`;
const workload = (ports: string, kind = 'Deployment', labels = '{app: web}') => `---
apiVersion: apps/v1
kind: ${kind}
metadata: {name: web}
spec:
  template:
    metadata:
      labels: ${labels}
    spec:
      containers:
        - name: web
          image: web:1${ports ? `\n          ports: ${ports}` : ''}
`;
const HTTP = '[{name: http, containerPort: 8080}]';

const cases: { name: string; text: string; expected: string[] }[] = [
  { name: 'by name', text: service('{port: 80, targetPort: http}') + workload(HTTP), expected: [] },
  { name: 'by number', text: service('{port: 80, targetPort: 8080}') + workload(HTTP), expected: [] },
  { name: 'by number written as a string', text: service('{port: 80, targetPort: "8080"}') + workload(HTTP), expected: [] },
  { name: 'defaulted to port', text: service('{port: 8080}') + workload(HTTP), expected: [] },
  {
    name: 'unknown name',
    text: service('{port: 80, targetPort: web}') + workload(HTTP),
    expected: ['7:30 warning port 80: targetPort web matches no container port name of the selected pods (Deployment web); they declare 8080 (http).'],
  },
  {
    name: 'unknown number',
    text: service('{name: http, port: 80, targetPort: 8000}') + workload(HTTP),
    expected: ['7:42 warning port http (80): targetPort 8000 matches no containerPort of the selected pods (Deployment web); they declare 8080 (http).'],
  },
  {
    name: 'default targetPort not declared',
    text: service('{port: 80}') + workload(HTTP),
    expected: ['7:14 warning port 80: targetPort (not set, so port 80) matches no containerPort of the selected pods (Deployment web); they declare 8080 (http).'],
  },
  { name: 'no ports declared: a number cannot be checked', text: service('{port: 80, targetPort: 8000}') + workload(''), expected: [] },
  {
    name: 'no ports declared: a name can',
    text: service('{port: 80, targetPort: http}') + workload(''),
    expected: ['7:30 warning port 80: targetPort http matches no container port name of the selected pods (Deployment web); they declare no ports.'],
  },
  { name: 'StatefulSet', text: service('{port: 80, targetPort: http}') + workload(HTTP, 'StatefulSet'), expected: [] },
  { name: 'selected workload not in the lint set', text: service('{port: 80, targetPort: nope}') + workload(HTTP, 'Deployment', '{app: other}'), expected: [] },
  { name: 'no selector', text: service('{port: 80, targetPort: nope}', '{}') + workload(HTTP), expected: [] },
  { name: 'ports of the wrong shape', text: service('not-a-map') + workload(HTTP), expected: [] },
];

for (const c of cases) {
  test(`${ID}: ${c.name}`, () => {
    assert.deepEqual(findingsOf(c.text, ID), c.expected);
  });
}

test(`${ID}: across files, with related information on the selected workload`, () => {
  const linter = new Linter();
  linter.update('svc.yaml', service('{port: 80, targetPort: htp}'));
  linter.update('deploy.yaml', workload(HTTP).replace(/^---\n/, ''));
  const [f] = linter.lintFile('svc.yaml').filter((x) => x.ruleId === ID);
  assert.ok(f);
  assert.deepEqual(f.related?.map((r) => [r.file, r.message]), [['deploy.yaml', 'containers of Deployment web']]);
});

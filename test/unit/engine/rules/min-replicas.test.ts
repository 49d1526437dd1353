import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Linter } from '../../../../server/src/engine';
import { findingsOf } from '../../../helpers/lint';

const ID = 'min-replicas';

const deployment = (name: string, replicas?: number) => `apiVersion: apps/v1
kind: Deployment
metadata: {name: ${name}}
spec:
${replicas === undefined ? '' : `  replicas: ${replicas}\n`}  template:
    spec:
      containers: [{name: c, image: "c:1"}]
`;
const hpa = (target: string) => `apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata: {name: ${target}}
spec:
  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: ${target}}
  minReplicas: 2
  maxReplicas: 10
`;

test(`${ID}: an explicit replicas below the floor is reported, autoscalers in the lint set or not`, () => {
  assert.deepEqual(findingsOf(deployment('web', 1), ID), ['5:13 warning replicas is 1 and no autoscaler targets Deployment web; the HA floor is 2.']);
});

test(`${ID}: replicas left out, with no autoscaler in the lint set: silent (its HPA may be in a file not linted with it)`, () => {
  assert.deepEqual(findingsOf(deployment('web'), ID), []);
});

test(`${ID}: replicas left out, with autoscalers in the lint set of which none targets it: reported`, () => {
  const linter = new Linter();
  linter.update('web.yaml', deployment('web'));
  linter.update('hpa.yaml', hpa('api'));
  assert.deepEqual(linter.lintFile('web.yaml').filter((f) => f.ruleId === ID).map((f) => f.message), [
    'replicas is not set, so Deployment web runs 1 pod, and no autoscaler targets it; the HA floor is 2.',
  ]);
  linter.update('hpa.yaml', hpa('web'));
  assert.deepEqual(linter.lintFile('web.yaml').filter((f) => f.ruleId === ID), []);
});

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv from 'ajv';
import { parseAllDocuments } from 'yaml';
import { findingsOf, lintText } from '../../../helpers/lint';
import { SCHEMAS_DIR } from '../../../helpers/schemas';
import { applyEdits, fileEdits, fixAll } from '../../../../server/src/engine';

const RULE = 'deprecated-api';
const ajv = new Ajv({ allErrors: true, strict: false });
const validV2Hpa = ajv.compile(JSON.parse(readFileSync(join(SCHEMAS_DIR, 'kubernetes/autoscaling-v2-HorizontalPodAutoscaler.json'), 'utf8')));
const validV1Pdb = ajv.compile(JSON.parse(readFileSync(join(SCHEMAS_DIR, 'kubernetes/policy-v1-PodDisruptionBudget.json'), 'utf8')));

const hpa = (apiVersion: string, metrics = '') =>
  `apiVersion: ${apiVersion}\nkind: HorizontalPodAutoscaler\nmetadata:\n  name: web\nspec:\n  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: web}\n  minReplicas: 2\n  maxReplicas: 20\n${metrics}`;
const pdb = (apiVersion: string, selector: string) =>
  `apiVersion: ${apiVersion}\nkind: PodDisruptionBudget\nmetadata:\n  name: web\nspec:\n  maxUnavailable: 1\n${selector}`;

function findings(text: string) {
  return lintText(text).filter((f) => f.ruleId === RULE);
}

/** Applies the first fix of every finding of the rule. */
function fixed(text: string): string {
  return applyEdits(text, findings(text).flatMap((f) => (f.fixes?.length ? fileEdits(f, f.fixes[0]) : [])));
}

/** The converted text parses, is a valid autoscaling/v2 HPA, and lints clean of this rule. */
function assertConverted(text: string): void {
  const docs = parseAllDocuments(text);
  assert.ok(docs.every((d) => d.errors.length === 0), `does not parse:\n${text}`);
  for (const d of docs) {
    const o = d.toJS() as { kind?: string };
    if (o?.kind === 'HorizontalPodAutoscaler') assert.ok(validV2Hpa(o), `not a valid autoscaling/v2 HPA: ${JSON.stringify(validV2Hpa.errors)}\n${text}`);
    if (o?.kind === 'PodDisruptionBudget') assert.ok(validV1Pdb(o), `not a valid policy/v1 PDB: ${JSON.stringify(validV1Pdb.errors)}\n${text}`);
  }
  assert.deepEqual(findingsOf(text, RULE), []);
}

const V2BETA1 = 'autoscaling/v2beta1 HorizontalPodAutoscaler was removed in Kubernetes 1.25; use autoscaling/v2 (served since 1.23).';
const V2BETA2 = 'autoscaling/v2beta2 HorizontalPodAutoscaler was removed in Kubernetes 1.26; use autoscaling/v2 (served since 1.23).';
const PDB = 'policy/v1beta1 PodDisruptionBudget was removed in Kubernetes 1.25; use policy/v1 (served since 1.21).';

const cases: { name: string; text: string; expected: string[] }[] = [
  { name: 'v2beta2', text: hpa('autoscaling/v2beta2'), expected: [`1:13 warning ${V2BETA2}`] },
  { name: 'v2beta1 without metrics', text: hpa('autoscaling/v2beta1'), expected: [`1:13 warning ${V2BETA1}`] },
  {
    name: 'v2beta1 with metrics',
    text: hpa('autoscaling/v2beta1', '  metrics:\n  - type: Resource\n    resource: {name: cpu, targetAverageUtilization: 70}\n'),
    expected: [`1:13 warning ${V2BETA1} Its metric targets move to the v2 \`target\`/\`metric\` layout.`],
  },
  {
    name: 'v2beta1 with a metric the fix cannot convert',
    text: hpa('autoscaling/v2beta1', '  metrics:\n  - type: Mystery\n    mystery: {}\n'),
    expected: [`1:13 warning ${V2BETA1} Some metrics are not in a shape the fix can convert: rewrite them in the v2 layout by hand.`],
  },
  { name: 'PDB v1beta1', text: pdb('policy/v1beta1', '  selector:\n    matchLabels: {app: web}\n'), expected: [`1:13 warning ${PDB}`] },
  {
    name: 'PDB v1beta1 empty selector',
    text: pdb('policy/v1beta1', '  selector: {}\n'),
    expected: [`1:13 warning ${PDB} Careful: its empty selector selects no pods in policy/v1beta1 but every pod of the namespace in policy/v1.`],
  },
  { name: 'autoscaling/v2', text: hpa('autoscaling/v2'), expected: [] },
  { name: 'autoscaling/v1', text: hpa('autoscaling/v1'), expected: [] },
  { name: 'policy/v1', text: pdb('policy/v1', '  selector: {}\n'), expected: [] },
  { name: 'other kind in policy/v1beta1', text: 'apiVersion: policy/v1beta1\nkind: PodSecurityPolicy\nmetadata: {name: x}\nspec: {}\n', expected: [] },
  { name: 'CloudFormation', text: 'Resources:\n  G:\n    Type: AWS::AutoScaling::AutoScalingGroup\n    Properties: {MinSize: "2", MaxSize: "4"}\n', expected: [] },
];

for (const c of cases) {
  test(`${RULE}: ${c.name}`, () => {
    assert.deepEqual(findingsOf(c.text, RULE), c.expected);
  });
}

test(`${RULE}: findings carry the deprecated tag`, () => {
  for (const text of [hpa('autoscaling/v2beta1'), hpa('autoscaling/v2beta2'), pdb('policy/v1beta1', '  selector:\n    matchLabels: {app: web}\n')]) {
    assert.deepEqual(findings(text).map((f) => f.tags), [['deprecated']]);
  }
});

test(`${RULE}: v2beta2 → v2 changes only the apiVersion, keeping quotes`, () => {
  const text = hpa('autoscaling/v2beta2', '  behavior:\n    scaleDown:\n      stabilizationWindowSeconds: 300\n');
  assert.equal(fixed(text), text.replace('autoscaling/v2beta2', 'autoscaling/v2'));
  assert.equal(fixed('apiVersion: "autoscaling/v2beta2"\nkind: HorizontalPodAutoscaler\n'), 'apiVersion: "autoscaling/v2"\nkind: HorizontalPodAutoscaler\n');
  assertConverted(fixed(text));
});

const v2beta1Cases: { name: string; metrics: string; expected: string }[] = [
  {
    name: 'Resource targetAverageUtilization, comment kept',
    metrics: '  - type: Resource\n    resource:\n      name: cpu\n      targetAverageUtilization: 70 # load-tested\n',
    expected: '  - type: Resource\n    resource:\n      name: cpu\n      target:\n        type: Utilization\n        averageUtilization: 70 # load-tested\n',
  },
  {
    name: 'Resource targetAverageValue, flow map',
    metrics: '  - type: Resource\n    resource: {name: memory, targetAverageValue: 500Mi}\n',
    expected: '  - type: Resource\n    resource: {name: memory, target: {type: AverageValue, averageValue: 500Mi}}\n',
  },
  {
    name: 'ContainerResource',
    metrics: '  - type: ContainerResource\n    containerResource:\n      name: cpu\n      container: app\n      targetAverageUtilization: 60\n',
    expected: '  - type: ContainerResource\n    containerResource:\n      name: cpu\n      container: app\n      target:\n        type: Utilization\n        averageUtilization: 60\n',
  },
  {
    name: 'Pods with a selector written first',
    metrics: '  - type: Pods\n    pods:\n      selector:\n        matchLabels:\n          app: web # web only\n      metricName: packets\n      targetAverageValue: "1k"\n',
    expected: '  - type: Pods\n    pods:\n      metric:\n        name: packets\n        selector:\n          matchLabels:\n            app: web # web only\n      target:\n        type: AverageValue\n        averageValue: "1k"\n',
  },
  {
    name: 'Object with targetValue',
    metrics: '  - type: Object\n    object:\n      target:\n        apiVersion: networking.k8s.io/v1\n        kind: Ingress\n        name: main\n      metricName: rps\n      targetValue: 10k\n',
    expected: '  - type: Object\n    object:\n      describedObject:\n        apiVersion: networking.k8s.io/v1\n        kind: Ingress\n        name: main\n      metric:\n        name: rps\n      target:\n        type: Value\n        value: 10k\n',
  },
  {
    name: 'Object with averageValue and a selector, flow map',
    metrics: '  - type: Object\n    object: {target: {apiVersion: v1, kind: Service, name: fe}, metricName: conns, selector: {matchLabels: {tier: fe}}, averageValue: "100"}\n',
    expected: '  - type: Object\n    object: {describedObject: {apiVersion: v1, kind: Service, name: fe}, metric: {name: conns, selector: {matchLabels: {tier: fe}}}, target: {type: AverageValue, averageValue: "100"}}\n',
  },
  {
    name: 'External with metricSelector and targetAverageValue',
    metrics: '  - type: External\n    external:\n      metricName: queue_ready\n      metricSelector:\n        matchLabels: {queue: tasks}\n      targetAverageValue: 30\n',
    expected: '  - type: External\n    external:\n      metric:\n        name: queue_ready\n        selector:\n          matchLabels: {queue: tasks}\n      target:\n        type: AverageValue\n        averageValue: 30\n',
  },
  {
    name: 'External with targetValue',
    metrics: '  - type: External\n    external:\n      metricName: lag\n      targetValue: "500"\n',
    expected: '  - type: External\n    external:\n      metric:\n        name: lag\n      target:\n        type: Value\n        value: "500"\n',
  },
];

for (const c of v2beta1Cases) {
  test(`${RULE}: v2beta1 → v2, ${c.name}`, () => {
    const out = fixed(hpa('autoscaling/v2beta1', `  metrics:\n${c.metrics}`));
    assert.equal(out, hpa('autoscaling/v2', `  metrics:\n${c.expected}`));
    assertConverted(out);
  });
}

test(`${RULE}: v2beta1 → v2 with four-space indentation and CRLF line ends`, () => {
  const text = [
    'apiVersion: autoscaling/v2beta1',
    'kind: HorizontalPodAutoscaler',
    'metadata:',
    '    name: api',
    'spec:',
    '    scaleTargetRef:',
    '        apiVersion: apps/v1',
    '        kind: Deployment',
    '        name: api',
    '    maxReplicas: 10',
    '    metrics:',
    '    -   type: Pods',
    '        pods:',
    '            metricName: inflight',
    '            selector:',
    '                matchLabels:',
    '                    app: api',
    '            targetAverageValue: 20',
    '',
  ].join('\r\n');
  const out = fixed(text);
  assert.equal(
    out,
    [
      'apiVersion: autoscaling/v2',
      'kind: HorizontalPodAutoscaler',
      'metadata:',
      '    name: api',
      'spec:',
      '    scaleTargetRef:',
      '        apiVersion: apps/v1',
      '        kind: Deployment',
      '        name: api',
      '    maxReplicas: 10',
      '    metrics:',
      '    -   type: Pods',
      '        pods:',
      '            metric:',
      '                name: inflight',
      '                selector:',
      '                    matchLabels:',
      '                        app: api',
      '            target:',
      '                type: AverageValue',
      '                averageValue: 20',
      '',
    ].join('\r\n'),
  );
  assertConverted(out);
});

test(`${RULE}: v2beta1 every metric type at once, and --fix is idempotent`, () => {
  const text = readFileSync(join(__dirname, '..', '..', '..', 'fixtures', 'deprecated-api', 'hpa-v2beta1.yaml'), 'utf8')
    .split('\n')
    .filter((l) => !/^\s*#> /.test(l))
    .join('\n');
  const lint = (t: string) => lintText(t).filter((f) => f.ruleId === RULE);
  const once = fixAll(text, lint);
  assert.ok(once.applied >= 3);
  assertConverted(once.text);
  assert.equal(fixAll(once.text, lint).applied, 0);
  assert.match(once.text, /# from the load test/);
  assert.match(once.text, /# only the web pods/);
});

test(`${RULE}: a metric the fix cannot convert means no fix at all`, () => {
  for (const metrics of [
    '  - type: Mystery\n    mystery: {}\n',
    '  - type: Pods\n    pods:\n      metricName: inflight\n',
    '  - type: Resource\n    resource: cpu\n',
    '  - type: Object\n    object:\n      metricName: rps\n      targetValue: 1\n',
  ]) {
    const text = hpa('autoscaling/v2beta1', `  metrics:\n  - type: Resource\n    resource: {name: cpu, targetAverageUtilization: 70}\n${metrics}`);
    assert.equal(findings(text)[0].fixes, undefined, metrics);
  }
});

test(`${RULE}: v2beta1 metrics already in the v2 layout only get the apiVersion`, () => {
  const metrics = '  metrics:\n  - type: Resource\n    resource:\n      name: cpu\n      target: {type: Utilization, averageUtilization: 70}\n';
  assert.equal(fixed(hpa('autoscaling/v2beta1', metrics)), hpa('autoscaling/v2', metrics));
});

test(`${RULE}: PDB fixes`, () => {
  const selected = pdb('policy/v1beta1', '  selector:\n    matchLabels: {app: web}\n');
  assert.equal(fixed(selected), selected.replace('policy/v1beta1', 'policy/v1'));
  assert.equal(findings(selected)[0].fixes![0].safe, true);
  assertConverted(fixed(selected));
  // Empty selector: the meaning flips (no pods → every pod), so the fix is offered but never applied unattended.
  for (const empty of ['  selector: {}\n', '  selector:\n    matchLabels: {}\n']) {
    const fix = findings(pdb('policy/v1beta1', empty))[0].fixes![0];
    assert.equal(fix.safe, false);
    assert.match(fix.title, /every pod in the namespace/);
  }
});

test(`${RULE}: v2beta1 → v2 converts a status block too (manifests dumped with kubectl get -o yaml)`, () => {
  const metrics = '  metrics:\n  - resource:\n      name: memory\n      targetAverageUtilization: 60\n    type: Resource\n';
  const status = (body: string) => `status:\n  currentReplicas: 2\n  desiredReplicas: 2\n  currentMetrics:\n${body}`;
  const text = hpa('autoscaling/v2beta1', metrics) + status(
    '  - resource:\n      currentAverageUtilization: 48\n      currentAverageValue: "32681984"\n      name: memory\n    type: Resource\n' +
      '  - type: Pods\n    pods:\n      metricName: inflight\n      currentAverageValue: "7"\n' +
      '  - type: Object\n    object:\n      target: {apiVersion: v1, kind: Service, name: fe}\n      metricName: rps\n      currentValue: "12"\n' +
      '  - type: External\n    external:\n      metricName: lag\n      metricSelector: {matchLabels: {q: a}}\n      currentValue: "3"\n',
  );
  const out = fixed(text);
  assert.equal(
    out,
    hpa('autoscaling/v2', '  metrics:\n  - resource:\n      name: memory\n      target:\n        type: Utilization\n        averageUtilization: 60\n    type: Resource\n') +
      status(
        '  - resource:\n      current:\n        averageUtilization: 48\n        averageValue: "32681984"\n      name: memory\n    type: Resource\n' +
          '  - type: Pods\n    pods:\n      metric:\n        name: inflight\n      current:\n        averageValue: "7"\n' +
          '  - type: Object\n    object:\n      describedObject: {apiVersion: v1, kind: Service, name: fe}\n      metric:\n        name: rps\n      current:\n        value: "12"\n' +
          '  - type: External\n    external:\n      metric:\n        name: lag\n        selector: {matchLabels: {q: a}}\n      current:\n        value: "3"\n',
      ),
  );
  assertConverted(out);
});

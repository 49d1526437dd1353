import { test } from 'node:test';
import assert from 'node:assert/strict';
import { findingsOf, lintText } from '../../../helpers/lint';
import { configureSchemasFromDisk } from '../../../helpers/schemas';
import { applyEdits, setSchemaLoader } from '../../../../server/src/engine';
import { schemasAvailable } from '../../../../server/src/engine/rules/schema';
import { kubernetesSchema, cloudFormationSchema } from '../../../../server/src/engine/schema/registry';
import { editDistance, nameDistance, nearestNames } from '../../../../server/src/engine/schema/nearest';

const ID = 'schema';

function hpa(specLines: string, apiVersion = 'autoscaling/v2'): string {
  return [
    `apiVersion: ${apiVersion}`,
    'kind: HorizontalPodAutoscaler',
    'metadata:',
    '  name: web',
    'spec:',
    '  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: web}',
    ...specLines.split('\n').filter((l) => l).map((l) => `  ${l}`),
    '',
  ].join('\n');
}

function deployment(containerLines: string): string {
  return [
    'apiVersion: apps/v1',
    'kind: Deployment',
    'metadata: {name: web}',
    'spec:',
    '  selector: {matchLabels: {app: web}}',
    '  template:',
    '    metadata: {labels: {app: web}}',
    '    spec:',
    '      containers:',
    '      - name: web',
    ...containerLines.split('\n').filter((l) => l).map((l) => `        ${l}`),
    '',
  ].join('\n');
}

function asg(propLines: string, extra = ''): string {
  return [
    'Parameters:',
    '  Min: {Type: Number, Default: 2}',
    '  Word: {Type: String, Default: many}',
    '  Subnets: {Type: CommaDelimitedList, Default: "subnet-a,subnet-b"}',
    '  Ami: {Type: "AWS::SSM::Parameter::Value<String>", Default: /path}',
    'Resources:',
    '  Asg:',
    '    Type: AWS::AutoScaling::AutoScalingGroup',
    ...extra.split('\n').filter((l) => l).map((l) => `    ${l}`),
    '    Properties:',
    ...propLines.split('\n').filter((l) => l).map((l) => `      ${l}`),
    '',
  ].join('\n');
}

const cases: { name: string; text: string; expected: string[] }[] = [
  // Kubernetes: what each kind of error reads like, and where it points.
  { name: 'a valid HPA', text: hpa('minReplicas: 2\nmaxReplicas: 10'), expected: [] },
  {
    name: 'typo: the key, with the nearest name',
    text: hpa('minReplica: 2\nmaxReplicas: 10'),
    expected: ['7:3 warning Unknown field `spec.minReplica` in HorizontalPodAutoscaler; did you mean `minReplicas`?'],
  },
  {
    name: 'case-only typo',
    text: hpa('MinReplicas: 2\nmaxReplicas: 10'),
    expected: ['7:3 warning Unknown field `spec.MinReplicas` in HorizontalPodAutoscaler; did you mean `minReplicas`?'],
  },
  {
    name: 'no near name: the fields are listed when they are few',
    text: hpa('maxReplicas: 10\nfoo: 1'),
    expected: ['8:3 warning Unknown field `spec.foo` in HorizontalPodAutoscaler; the fields here are `behavior`, `maxReplicas`, `metrics`, `minReplicas` and `scaleTargetRef`.'],
  },
  {
    name: 'wrong type: the value, with the value found',
    text: hpa('minReplicas: two\nmaxReplicas: 10'),
    expected: ['7:16 error `spec.minReplicas` must be an integer; found the string "two".'],
  },
  {
    name: 'a quoted number is a string',
    text: hpa('minReplicas: 2\nmaxReplicas: "10"'),
    expected: ['8:16 error `spec.maxReplicas` must be an integer; found the string "10".'],
  },
  {
    name: 'a mapping where a number belongs',
    text: hpa('minReplicas: {value: 2}\nmaxReplicas: 10'),
    expected: ['7:16 error `spec.minReplicas` must be an integer; found a mapping.'],
  },
  {
    name: 'missing required field: at the key of the object that misses it',
    text: hpa('minReplicas: 2'),
    expected: ['5:1 error `spec` is missing `maxReplicas`.'],
  },
  {
    name: 'several missing fields: one finding',
    text: hpa('maxReplicas: 3').replace('{apiVersion: apps/v1, kind: Deployment, name: web}', '{apiVersion: apps/v1}'),
    expected: ['6:3 error `spec.scaleTargetRef` is missing `kind` and `name`.'],
  },
  {
    name: 'enum: the allowed values, and a near one',
    text: hpa('maxReplicas: 10\nbehavior:\n  scaleUp: {selectPolicy: Maxx}'),
    expected: ['9:29 error `spec.behavior.scaleUp.selectPolicy` must be one of Max, Min, Disabled; found `Maxx`; did you mean `Max`?'],
  },
  {
    name: 'enum of the wrong type: one finding, not a type error plus an enum error',
    text: hpa('maxReplicas: 10\nbehavior:\n  scaleUp: {selectPolicy: 2}'),
    expected: ['9:29 error `spec.behavior.scaleUp.selectPolicy` must be one of Max, Min, Disabled; found the number 2.'],
  },
  {
    name: 'bounds',
    text: hpa('maxReplicas: 0\nbehavior:\n  scaleDown: {stabilizationWindowSeconds: -5}'),
    expected: [
      '7:16 error `spec.maxReplicas` must be at least 1; found 0.',
      '9:45 error `spec.behavior.scaleDown.stabilizationWindowSeconds` must be at least 0; found -5.',
    ],
  },
  {
    name: 'a typo of a required field: one error, not a warning plus a missing field',
    text: hpa('maxReplica: 10'),
    expected: ['7:3 error Unknown field `spec.maxReplica` in HorizontalPodAutoscaler; did you mean `maxReplicas`? `maxReplicas` is required and missing.'],
  },
  {
    name: 'empty values read as not set (the API server does the same)',
    text: hpa('minReplicas:\nmaxReplicas: 10\nmetrics:\nbehavior:\n  scaleDown: ~'),
    expected: [],
  },
  {
    name: 'an empty value for an unknown field is still unknown',
    text: hpa('maxReplicas: 10\nminReplica:'),
    expected: ['8:3 warning Unknown field `spec.minReplica` in HorizontalPodAutoscaler; did you mean `minReplicas`?'],
  },
  {
    name: 'status is not validated',
    text: hpa('maxReplicas: 10') + 'status: {currentReplicas: lots, whatever: [1]}\n',
    expected: [],
  },
  {
    name: 'deep in a container',
    text: deployment('image: nginx\nresources:\n  request: {cpu: 100m}\nports:\n- {containerPort: http}'),
    expected: [
      '13:11 warning Unknown field `spec.template.spec.containers[0].resources.request` in Deployment; did you mean `requests`?',
      '15:27 error `spec.template.spec.containers[0].ports[0].containerPort` must be an integer; found the string "http".',
    ],
  },
  {
    name: 'a list item missing a field: at its first key',
    text: deployment('image: nginx\nenv:\n- value: x'),
    expected: ['13:11 error `spec.template.spec.containers[0].env[0]` is missing `name`.'],
  },
  {
    name: 'Quantity and IntOrString accept numbers and strings',
    text: deployment('image: nginx\nresources: {requests: {cpu: 1, memory: 128Mi}, limits: {cpu: "2"}}\nports: [{containerPort: 80}]\nreadinessProbe: {httpGet: {port: http}}'),
    expected: [],
  },
  {
    name: 'two problems at one node: one finding',
    text: deployment('image: nginx').replace('      - name: web\n        image: nginx', '      - imag: nginx'),
    expected: ['10:9 error Unknown field `spec.template.spec.containers[0].imag` in Deployment; did you mean `image`? `spec.template.spec.containers[0]` is missing `name`.'],
  },
  {
    name: 'Kubernetes reads plain yes/no/on/off as booleans (YAML 1.1)',
    text: deployment('image: nginx\nstdin: yes\ntty: off\nenv:\n- {name: A, value: "yes"}\n- {name: B, value: yes}'),
    expected: ['16:28 error `spec.template.spec.containers[0].env[1].value` must be a string; found the boolean true (Kubernetes reads an unquoted `yes` as a boolean: quote it for a string).'],
  },
  // Versions and kinds.
  {
    name: 'autoscaling/v2beta2: the v2 shape',
    text: hpa('maxReplicas: 10\nminReplica: 2', 'autoscaling/v2beta2'),
    expected: ['8:3 warning Unknown field `spec.minReplica` in HorizontalPodAutoscaler; did you mean `minReplicas`?'],
  },
  {
    name: 'autoscaling/v2beta1: old metric shape accepted, the rest checked',
    text: hpa('maxReplicas: 10\nmetrics:\n- {type: Resource, resource: {name: cpu, targetAverageUtilization: 50}}\nminReplicas: "2"', 'autoscaling/v2beta1'),
    expected: ['10:16 error `spec.minReplicas` must be an integer; found the string "2".'],
  },
  {
    name: 'autoscaling/v1',
    text: hpa('maxReplicas: 10\ntargetCPUUtilizationPercentage: 50', 'autoscaling/v1'),
    expected: [],
  },
  {
    name: 'policy/v1beta1 PDB: the v1 shape',
    text: 'apiVersion: policy/v1beta1\nkind: PodDisruptionBudget\nmetadata: {name: p}\nspec:\n  minAvailable: 1\n  selectr: {}\n',
    expected: ['6:3 warning Unknown field `spec.selectr` in PodDisruptionBudget; did you mean `selector`?'],
  },
  { name: 'apps/v1beta1 Deployment: no schema, no findings', text: deployment('imagee: x').replace('apps/v1', 'apps/v1beta1'), expected: [] },
  { name: 'ConfigMap: no findings', text: 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\ndata: {a: 1}\nfoo: bar\n', expected: [] },
  { name: 'a CRD: no findings', text: 'apiVersion: example.com/v1\nkind: Thing\nmetadata: {name: t}\nspec: {x: 1}\n', expected: [] },
  {
    name: 'KEDA trigger metadata values are strings',
    text: 'apiVersion: keda.sh/v1alpha1\nkind: ScaledObject\nmetadata: {name: s}\nspec:\n  scaleTargetRef: {name: w}\n  triggers:\n  - {type: cpu, metadata: {value: 60}}\n',
    expected: ['7:35 error `spec.triggers[0].metadata.value` must be a string; found the number 60.'],
  },
  // YAML features.
  {
    name: 'merge keys: `<<` is not a field, merged fields count',
    text: hpa('<<: {minReplicas: 2, maxReplicas: 10}'),
    expected: [],
  },
  {
    name: 'a key path with dots is quoted',
    text: 'apiVersion: v1\nkind: Service\nmetadata:\n  name: s\n  labels: {app.kubernetes.io/name: 3}\nspec: {ports: [{port: 80}]}\n',
    expected: ['5:36 error `metadata.labels["app.kubernetes.io/name"]` must be a string; found the number 3.'],
  },
  // CloudFormation.
  {
    name: 'CloudFormation: a typo in Properties',
    text: asg('MinSize: 1\nMaxSize: 2\nHealthCheckTyp: ELB'),
    expected: ['12:7 warning Unknown field `Properties.HealthCheckTyp` in AWS::AutoScaling::AutoScalingGroup; did you mean `HealthCheckType`?'],
  },
  {
    name: 'CloudFormation: a typo in a resource attribute',
    text: asg('MinSize: 1\nMaxSize: 2', 'DependOn: Other\nUpdateReplacePolicy: Retain'),
    expected: ['9:5 warning Unknown field `DependOn` in AWS::AutoScaling::AutoScalingGroup; did you mean `DependsOn`?'],
  },
  {
    name: 'CloudFormation: intrinsics are not judged',
    text: asg('MinSize: !Ref Min\nMaxSize: !If [c, 1, "x"]\nVPCZoneIdentifier: !Ref Subnets\nAvailabilityZones: !GetAZs ""\nLaunchTemplate: {"Fn::If": [c, {LaunchTemplateId: a, Version: "1"}, {Bogus: 1}]}\nTags:\n- !If [c, {Key: a}, !Ref AWS::NoValue]\n- {Key: b, Value: !Sub "${AWS::Region}", PropagateAtLaunch: !Ref Flag}'),
    expected: [],
  },
  {
    name: 'CloudFormation: !Ref to a Parameter counts as its Default',
    text: asg('MinSize: !Ref Word\nMaxSize: 2'),
    expected: ['10:16 error `Properties.MinSize` must be a whole number (digits only); found the string "many" (the Default of parameter `Word`).'],
  },
  {
    name: 'CloudFormation: an SSM parameter Default is a name, not the value',
    text: asg('MinSize: !Ref Ami\nMaxSize: 2'),
    expected: [],
  },
  {
    name: 'CloudFormation: missing Properties',
    text: 'Resources:\n  Asg:\n    Type: AWS::AutoScaling::AutoScalingGroup\n',
    expected: ['2:3 error Resource `Asg` is missing `Properties` (AWS::AutoScaling::AutoScalingGroup requires `MinSize` and `MaxSize`).'],
  },
  {
    name: 'CloudFormation: a JSON template',
    text: '{"Resources": {"Asg": {"Type": "AWS::AutoScaling::AutoScalingGroup", "Properties": {"MinSize": "1", "MaxSize": "2", "Cooldwn": "300", "VPCZoneIdentifier": [{"Ref": "A"}, {"Fn::Select": [0, {"Ref": "B"}]}]}}}}\n',
    expected: ['1:117 warning Unknown field `Properties.Cooldwn` in AWS::AutoScaling::AutoScalingGroup; did you mean `Cooldown`?'],
  },
  {
    name: 'CloudFormation: Fn::Transform makes a map unknown',
    text: asg('Fn::Transform: {Name: AWS::Include}\nMaxSize: 2'),
    expected: [],
  },
  {
    name: 'CloudFormation: types without a schema are not checked',
    text: 'Resources:\n  Sg:\n    Type: AWS::EC2::SecurityGroup\n    Propertes: {}\n',
    expected: [],
  },
];

for (const c of cases) {
  test(`${ID}: ${c.name}`, () => {
    assert.deepEqual(findingsOf(c.text, ID), c.expected);
  });
}

function fixesAt(text: string) {
  return lintText(text)
    .filter((f) => f.ruleId === ID)
    .map((f) => (f.fixes ?? []).map((x) => ({ title: x.title, safe: x.safe, preferred: x.preferred ?? false, result: applyEdits(text, x.edits) })));
}

test(`${ID}: the rename fix is safe with one candidate and no clash`, () => {
  const text = hpa('minReplica: 2\nmaxReplicas: 10');
  const [[fix]] = fixesAt(text);
  assert.equal(fix.title, 'Rename `minReplica` to `minReplicas`');
  assert.equal(fix.safe, true);
  assert.equal(fix.preferred, true);
  assert.equal(fix.result, text.replace('minReplica:', 'minReplicas:'));
});

test(`${ID}: no rename onto a key that exists (it would write a duplicate key)`, () => {
  const [fixes] = fixesAt(hpa('minReplica: 2\nminReplicas: 3\nmaxReplicas: 10'));
  assert.deepEqual(fixes, []);
});

test(`${ID}: no unattended rename when the nearest names tie`, () => {
  const text = hpa('mReplicas: 2\nmaxReplicas: 10');
  assert.deepEqual(findingsOf(text, ID), ['7:3 warning Unknown field `spec.mReplicas` in HorizontalPodAutoscaler; did you mean `maxReplicas` or `minReplicas`?']);
  const [fixes] = fixesAt(text);
  // maxReplicas is written already: only the rename to minReplicas is offered, and not unattended.
  assert.deepEqual(fixes.map((f) => [f.title, f.safe, f.preferred]), [['Rename `mReplicas` to `minReplicas`', false, false]]);
});

test(`${ID}: two typos of one name are not both renamed to it`, () => {
  const fixes = fixesAt(hpa('minReplica: 2\nminReplicass: 3\nmaxReplicas: 10'));
  assert.equal(fixes.length, 2);
  assert.ok(fixes.every((fs) => fs.length === 1 && !fs[0].safe));
});

test(`${ID}: quoted keys keep their quotes`, () => {
  const text = hpa('"minReplica": 2\n\'maxReplica\': 10');
  const results = fixesAt(text).map((fs) => fs[0]?.result);
  assert.ok(results.some((r) => r?.includes('"minReplicas": 2')));
  assert.ok(results.some((r) => r?.includes("'maxReplicas': 10")));
});

test(`${ID}: an enum fix is offered but not applied unattended`, () => {
  const [[fix]] = fixesAt(hpa('maxReplicas: 10\nbehavior:\n  scaleUp: {selectPolicy: max}'));
  assert.equal(fix.title, 'Change to `Max`');
  assert.equal(fix.safe, false);
});

test(`${ID}: a key reached through a merge is reported once, where it is written, and not renamed unattended`, () => {
  const text = hpa('defaults: &d {minReplica: 2}\n<<: *d\nmaxReplicas: 10');
  const found = lintText(text).filter((f) => f.ruleId === ID && f.message.includes('`spec.minReplica`'));
  assert.equal(found.length, 1);
  assert.equal(text.slice(found[0].start, found[0].end), 'minReplica');
  assert.ok((found[0].fixes ?? []).every((x) => !x.safe));
});

// Hostile input: never a crash, never a hang.
test(`${ID}: an alias bomb is not expanded: one warning, fast`, () => {
  const lines = ['apiVersion: autoscaling/v2', 'kind: HorizontalPodAutoscaler', 'metadata: {name: bomb}', 'spec:', '  a0: &a0 [x, x, x, x, x, x, x, x, x, x]'];
  for (let i = 1; i < 10; i++) lines.push(`  a${i}: &a${i} [${Array(10).fill(`*a${i - 1}`).join(', ')}]`);
  const started = Date.now();
  const found = findingsOf(lines.join('\n') + '\n', ID);
  assert.ok(Date.now() - started < 5000);
  assert.deepEqual(found, [
    '2:7 warning HorizontalPodAutoscaler `bomb` was not checked against its schema: with its aliases expanded it holds more than 200,000 values (an alias bomb?).',
  ]);
});

test(`${ID}: an alias to its own ancestor is not followed`, () => {
  assert.deepEqual(findingsOf(hpa('maxReplicas: 10\nmetrics: &m\n- *m'), ID), [
    '2:7 warning HorizontalPodAutoscaler `web` was not checked against its schema: an alias refers to a node that contains it.',
  ]);
});

test(`${ID}: absurd nesting is not followed`, () => {
  const text = hpa(`maxReplicas: ${'['.repeat(450)}1${']'.repeat(450)}`);
  assert.deepEqual(findingsOf(text, ID), ['2:7 warning HorizontalPodAutoscaler `web` was not checked against its schema: it is nested more than 400 levels deep.']);
});

test(`${ID}: odd shapes do not crash`, () => {
  const texts = [
    'apiVersion: apps/v1\nkind: Deployment\nmetadata: x\nspec: [1, 2]\n',
    'apiVersion: apps/v1\nkind: Deployment\nspec:\n  ? [complex, key]\n  : 1\n  __proto__: {replicas: 1}\n',
    'apiVersion: v1\nkind: Service\nspec: !!binary aGVsbG8=\n',
    'Resources:\n  A:\n    Type: AWS::AutoScaling::AutoScalingGroup\n    Properties: !If [c, {}, {}]\n',
    'Resources:\n  A:\n    Type: AWS::AutoScaling::AutoScalingGroup\n    Properties: text\n',
  ];
  for (const t of texts) assert.doesNotThrow(() => findingsOf(t, ID));
  assert.deepEqual(findingsOf(texts[4], ID), ['4:17 error `Properties` must be a mapping; found the string "text".']);
  assert.deepEqual(findingsOf(texts[0], ID), [
    '3:11 error `metadata` must be a mapping; found the string "x".',
    '4:7 error `spec` must be a mapping; found a list.',
  ]);
});

// Loader and cache.
test(`${ID}: without a schema loader the rule is silent, and says so`, () => {
  try {
    setSchemaLoader(() => undefined);
    assert.equal(schemasAvailable(), false);
    assert.deepEqual(findingsOf(hpa('minReplica: 2'), ID), []);
  } finally {
    configureSchemasFromDisk();
  }
  assert.equal(schemasAvailable(), true);
  assert.equal(findingsOf(hpa('minReplica: 2\nmaxReplicas: 3'), ID).length, 1);
});

test(`${ID}: validators are compiled once per schema`, () => {
  const a = kubernetesSchema('apps/v1', 'Deployment');
  const b = kubernetesSchema('apps/v1', 'Deployment');
  assert.ok(a && b && a.validate === b.validate);
  const legacy = kubernetesSchema('autoscaling/v2beta2', 'HorizontalPodAutoscaler');
  assert.ok(legacy && legacy.validate !== kubernetesSchema('autoscaling/v2', 'HorizontalPodAutoscaler')?.validate);
  assert.equal(kubernetesSchema('apps/v1beta1', 'Deployment'), undefined);
  assert.ok(cloudFormationSchema('AWS::CloudWatch::Alarm'));
  assert.equal(cloudFormationSchema('AWS::EC2::Instance'), undefined);
});

// Nearest names.
test(`${ID}: nearest names`, () => {
  assert.equal(editDistance('selectpolicy', 'selectPolicy'), 1);
  assert.equal(nameDistance('selectpolicy', 'selectPolicy'), 0.5);
  assert.equal(editDistance('tpye', 'type'), 1); // a swap costs one
  assert.deepEqual(nearestNames('minReplica', ['minReplicas', 'maxReplicas']), ['minReplicas']);
  assert.deepEqual(nearestNames('Replicas', ['replicas', 'Replica']), ['replicas']); // case beats an edit
  assert.deepEqual(nearestNames('xy', ['id', 'ab']), []); // never a full rewrite
  assert.deepEqual(nearestNames('completelyDifferent', ['minReplicas']), []);
  assert.deepEqual(nearestNames('por', ['port', 'pod']), ['port', 'pod']);
});

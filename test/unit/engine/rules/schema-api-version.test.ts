/**
 * A manifest of a kind ScaleLint reads with a missing or misspelled apiVersion (SPEC §10, issue 14): a `schema`
 * finding naming it, never a document dropped without a word. Another API's kind of the same name
 * (Knative's Service, OpenKruise's StatefulSet) is not a typo and stays silent.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { findingsOf, lintText } from '../../../helpers/lint';
import { applyEdits, fileEdits } from '../../../../server/src/engine';

const DEPLOYMENT = (head: string) => `${head}kind: Deployment
metadata:
  name: web
spec:
  replicas: 2
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      containers:
      - name: web
        image: example/web:1
`;

test('`piVersion:` (the first letter lost) is reported at the key, with did-you-mean and a rename fix', () => {
  const text = DEPLOYMENT('piVersion: apps/v1\n');
  assert.deepEqual(findingsOf(text, 'schema'), [
    '1:1 error `piVersion` is not a field of a manifest: did you mean `apiVersion`? Without an apiVersion the API server rejects this Deployment, and ScaleLint checked nothing in it against a schema.',
  ]);
  const f = lintText(text).find((x) => x.ruleId === 'schema')!;
  const fixed = applyEdits(text, fileEdits(f, f.fixes![0]));
  assert.ok(fixed.startsWith('apiVersion: apps/v1\nkind: Deployment'));
  assert.deepEqual(findingsOf(fixed, 'schema'), []);
});

test('no apiVersion at all: reported at the kind, with an (unsafe) fix that adds the current one', () => {
  const text = DEPLOYMENT('');
  assert.deepEqual(findingsOf(text, 'schema'), [
    '1:7 error Deployment `web` has no apiVersion: the API server rejects it, and ScaleLint checked nothing in it against a schema. Add `apiVersion: apps/v1`.',
  ]);
  const f = lintText(text).find((x) => x.ruleId === 'schema')!;
  assert.equal(f.fixes![0].safe, false);
  assert.ok(applyEdits(text, fileEdits(f, f.fixes![0])).startsWith('apiVersion: apps/v1\nkind: Deployment\n'));
});

test('every kind ScaleLint reads is reported without its apiVersion (HPA, ScaledObject, VPA, PDB, Service, StatefulSet)', () => {
  for (const kind of ['HorizontalPodAutoscaler', 'ScaledObject', 'VerticalPodAutoscaler', 'PodDisruptionBudget', 'Service', 'StatefulSet']) {
    const rows = findingsOf(`kind: ${kind}\nmetadata: {name: x}\nspec: {}\n`, 'schema');
    assert.equal(rows.length, 1, kind);
    assert.match(rows[0], new RegExp(`^1:7 error ${kind} \`x\` has no apiVersion`));
  }
});

test('`apiVersion: app/v1` is reported at the value, did you mean apps/v1, with a safe fix', () => {
  const text = DEPLOYMENT('apiVersion: app/v1\n');
  assert.deepEqual(findingsOf(text, 'schema'), [
    '1:13 error apiVersion `app/v1` serves no Deployment: the API server answers "no matches for kind", and ScaleLint checked nothing in Deployment `web` against a schema. Did you mean `apps/v1`?',
  ]);
  const f = lintText(text).find((x) => x.ruleId === 'schema')!;
  assert.equal(f.fixes![0].safe, true);
  assert.deepEqual(findingsOf(applyEdits(text, fileEdits(f, f.fixes![0])), 'schema'), []);
});

test('misspelled HPA and PDB groups: nearest current version suggested', () => {
  const hpa = 'apiVersion: autoscalling/v2\nkind: HorizontalPodAutoscaler\nmetadata: {name: web}\nspec:\n  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: web}\n  maxReplicas: 4\n';
  assert.match(findingsOf(hpa, 'schema')[0], /^1:13 error apiVersion `autoscalling\/v2` serves no HorizontalPodAutoscaler: .* Did you mean `autoscaling\/v2`\?$/);
  // A typo of a retired version suggests the current one.
  const pdb = 'apiVersion: policy/v1beta3\nkind: PodDisruptionBudget\nmetadata: {name: web}\nspec: {maxUnavailable: 1}\n';
  assert.match(findingsOf(pdb, 'schema')[0], /Did you mean `policy\/v1`\?$/);
});

test('near misses: another API\'s kind of the same name, retired versions, a values file with `kind:` are not reported', () => {
  const knative = 'apiVersion: serving.knative.dev/v1\nkind: Service\nmetadata: {name: hello}\nspec:\n  template:\n    spec:\n      containers: [{image: example/hello}]\n';
  assert.deepEqual(findingsOf(knative, 'schema'), []);
  const kruise = 'apiVersion: apps.kruise.io/v1beta1\nkind: StatefulSet\nmetadata: {name: db}\nspec: {replicas: 3}\n';
  assert.deepEqual(findingsOf(kruise, 'schema'), []);
  // A retired version is real: deprecated-api's business, not a typo.
  assert.deepEqual(findingsOf('apiVersion: apps/v1beta2\nkind: Deployment\nmetadata: {name: web}\nspec: {}\n', 'schema'), []);
  // A chart's values.yaml choosing the workload kind: no metadata/spec mapping, not a manifest.
  assert.deepEqual(lintText('kind: Deployment\nreplicaCount: 1\nimage:\n  repository: nginx\n'), []);
  // A kind ScaleLint does not read is not its business.
  assert.deepEqual(findingsOf('kind: ConfigMap\nmetadata: {name: c}\ndata: {a: b}\n', 'schema'), []);
});

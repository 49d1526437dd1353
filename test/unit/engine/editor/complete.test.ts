/** Completion from the engine: keys with descriptions and enum values from schemas/, on half-typed lines. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { completeAt, type CompletionEntry } from '../../../../server/src/engine';
import { configureSchemasFromDisk } from '../../../helpers/schemas';

configureSchemasFromDisk();

/** Completions at `¦` in the text, sorted as an editor shows them. */
function complete(marked: string, options = {}): (CompletionEntry & { replaced: string })[] {
  const at = marked.indexOf('¦');
  const text = marked.slice(0, at) + marked.slice(at + 1);
  return completeAt(text, at, options)
    .map((e) => ({ ...e, replaced: text.slice(e.start, e.end) }))
    .sort((a, b) => a.sortText.localeCompare(b.sortText));
}

const labels = (entries: { label: string }[]) => entries.map((e) => e.label);
const HPA = 'apiVersion: autoscaling/v2\nkind: HorizontalPodAutoscaler\nmetadata:\n  name: web\nspec:\n';

test('keys of an HPA’s spec: required first, present ones left out, with type and description', () => {
  const entries = complete(`${HPA}  minReplicas: 2\n  ¦\n`);
  assert.deepEqual(labels(entries), ['maxReplicas', 'scaleTargetRef', 'behavior', 'metrics']);
  const max = entries[0];
  assert.equal(max.kind, 'field');
  assert.equal(max.detail, 'integer · required');
  assert.match(max.documentation!, /^\*\*`spec\.maxReplicas`\*\* · integer · ≥ 1 · required\n\nmaxReplicas is the upper limit/);
  assert.equal(max.insertText, 'maxReplicas: ');
  assert.equal(max.snippet, 'maxReplicas: $0');
  // Mappings and lists open a block, indented one step below the key, as is.
  const target = entries.find((e) => e.label === 'scaleTargetRef')!;
  assert.equal(target.insertText, 'scaleTargetRef:\n    ');
  assert.equal(entries.find((e) => e.label === 'metrics')!.insertText, 'metrics:\n    - ');
});

test('a half-typed key in a document that does not parse: the word is replaced', () => {
  const entries = complete(`${HPA}  behavior:\n    scaleUp:\n      sel¦\n  maxReplicas: [\n`);
  assert.deepEqual(labels(entries), ['policies', 'selectPolicy', 'stabilizationWindowSeconds', 'tolerance']);
  const select = entries.find((e) => e.label === 'selectPolicy')!;
  assert.equal(select.replaced, 'sel');
  assert.equal(select.insertText, 'selectPolicy: ');
  assert.equal(select.snippet, 'selectPolicy: ${1|Max,Min,Disabled|}');
  // Renaming an existing key keeps its colon and value.
  const rename = complete(`${HPA}  minRe¦plicas: 2\n`).find((e) => e.label === 'minReplicas')!;
  assert.equal(rename.replaced, 'minReplicas');
  assert.equal(rename.insertText, 'minReplicas');
});

test('values: enums, booleans, constants; apiVersion and kind of a new document', () => {
  const select = complete(`${HPA}  behavior:\n    scaleDown:\n      selectPolicy: M¦in\n`);
  assert.deepEqual(labels(select), ['Max', 'Min', 'Disabled']);
  assert.equal(select[0].kind, 'value');
  assert.equal(select[0].replaced, 'Min');
  const metric = complete(`${HPA}  metrics:\n    - type: Resource\n      resource:\n        name: cpu\n        target:\n          type: ¦\n`);
  assert.deepEqual(labels(metric), ['Utilization', 'Value', 'AverageValue']);
  const bool = complete('apiVersion: apps/v1\nkind: Deployment\nspec:\n  paused: ¦\n');
  assert.deepEqual(labels(bool), ['true', 'false']);
  assert.deepEqual(labels(complete('apiVersion: autoscaling/v2\nkind: ¦\n')), ['HorizontalPodAutoscaler']);
  assert.deepEqual(labels(complete('apiVersion: ¦\nkind: HorizontalPodAutoscaler\n')), ['autoscaling/v2', 'autoscaling/v1']);
  assert.deepEqual(labels(complete('kind: ¦\n')), ['HorizontalPodAutoscaler', 'Deployment', 'StatefulSet', 'Service', 'PodDisruptionBudget', 'ScaledObject', 'VerticalPodAutoscaler']);
  assert.deepEqual(labels(complete('¦')), ['apiVersion', 'kind', 'metadata', 'spec']);
  assert.deepEqual(labels(complete('apiVersion: v1\n¦')), ['kind', 'metadata', 'spec']);
  // No values for free text.
  assert.deepEqual(complete(`${HPA}  scaleTargetRef:\n    name: ¦\n`), []);
});

test('list items: the keys of the item’s schema, after a fresh dash too', () => {
  const base = 'apiVersion: apps/v1\nkind: Deployment\nspec:\n  template:\n    spec:\n      containers:\n';
  const first = complete(`${base}        - name: web\n          ¦\n`);
  assert.ok(labels(first).includes('readinessProbe'));
  assert.ok(!labels(first).includes('name'));
  assert.equal(first.find((e) => e.label === 'resources')!.insertText, 'resources:\n            ');
  const fresh = complete(`${base}        - name: web\n        - ¦\n`);
  assert.deepEqual(labels(fresh).slice(0, 1), ['name']);
  assert.equal(fresh[0].insertText, 'name: ');
  // Keys on the dash line open their block relative to the key's column.
  assert.equal(fresh.find((e) => e.label === 'ports')!.insertText, 'ports:\n            - ');
});

test('CloudFormation: Type values, resource attributes, Properties of the type', () => {
  const types = complete('Resources:\n  Group:\n    Type: ¦\n');
  assert.deepEqual(labels(types), ['AWS::AutoScaling::AutoScalingGroup', 'AWS::AutoScaling::ScalingPolicy', 'AWS::CloudWatch::Alarm', 'AWS::ElasticLoadBalancingV2::TargetGroup']);
  const attributes = complete('Resources:\n  Group:\n    Type: AWS::AutoScaling::AutoScalingGroup\n    ¦\n');
  assert.deepEqual(labels(attributes).slice(0, 1), ['Properties']);
  assert.ok(labels(attributes).includes('DeletionPolicy'));
  assert.ok(!labels(attributes).includes('Type'));
  const props = complete('Resources:\n  Group:\n    Type: AWS::AutoScaling::AutoScalingGroup\n    Properties:\n      MinSize: 2\n      Hea¦\n');
  assert.deepEqual(labels(props).slice(0, 1), ['MaxSize']);
  assert.ok(labels(props).includes('HealthCheckType'));
  assert.ok(!labels(props).includes('MinSize'));
  assert.deepEqual(complete('Resources:\n  ¦\n'), [], 'logical ids are the author’s');
});

test('multi-document files and kind: List items complete in their own document', () => {
  const text = `apiVersion: v1\nkind: Service\nspec:\n  ports: []\n---\n${HPA}  ¦\n`;
  assert.ok(labels(complete(text)).includes('maxReplicas'));
  const list = 'apiVersion: v1\nkind: List\nitems:\n  - apiVersion: policy/v1\n    kind: PodDisruptionBudget\n    spec:\n      ¦\n';
  assert.deepEqual(labels(complete(list)), ['maxUnavailable', 'minAvailable', 'selector', 'unhealthyPodEvictionPolicy']);
});

test('nothing in comments, block scalars, unknown kinds; deferring leaves built-in kinds to another extension', () => {
  assert.deepEqual(complete(`${HPA}  # ¦\n`), []);
  assert.deepEqual(complete('apiVersion: v1\nkind: ConfigMap\ndata:\n  ¦\n'), []);
  assert.deepEqual(complete(`${HPA}  ¦\n`, { deferBuiltInKubernetes: true }), []);
  assert.ok(complete('apiVersion: keda.sh/v1alpha1\nkind: ScaledObject\nspec:\n  ¦\n', { deferBuiltInKubernetes: true }).length > 0);
  // The VerticalPodAutoscaler is a CRD: another extension's Kubernetes schemas do not know it.
  assert.ok(labels(complete('apiVersion: autoscaling.k8s.io/v1\nkind: VerticalPodAutoscaler\nspec:\n  ¦\n', { deferBuiltInKubernetes: true })).includes('updatePolicy'));
});

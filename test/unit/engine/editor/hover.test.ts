/** Hover from the engine: field descriptions from schemas/, the simulator's timing on autoscalers. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { hoverAt, ruleDocMarkdown, ruleDocUrl, timingOf, parseChunk } from '../../../../server/src/engine';
import { configureSchemasFromDisk } from '../../../helpers/schemas';

configureSchemasFromDisk();

const HPA = `apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata:
  name: web
spec:
  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: web}
  minReplicas: 2
  maxReplicas: 20
  behavior:
    scaleDown:
      selectPolicy: Max
`;

function hover(text: string, needle: string, delta = 1, options = {}) {
  const at = text.indexOf(needle);
  assert.ok(at >= 0, needle);
  const h = hoverAt(text, at + delta, options);
  return h && { word: text.slice(h.start, h.end), sections: h.sections };
}

const TIMING = '**Simulated scaling** (HPA controller model, 15 s sync): 2 → 20 in 30 s · back to 2 in 4 min 45 s';

test('an HPA’s kind, metadata.name and behavior show the simulated timing, then the field', () => {
  const kind = hover(HPA, 'HorizontalPodAutoscaler');
  assert.equal(kind?.word, 'HorizontalPodAutoscaler');
  assert.equal(kind?.sections.length, 2);
  assert.ok(kind!.sections[0].startsWith(TIMING), kind!.sections[0]);
  assert.match(kind!.sections[1], /^\*\*`kind`\*\* · string · required\n\nKind is a string value/);
  assert.ok(hover(HPA, 'name: web')!.sections[0].startsWith(TIMING));
  assert.ok(hover(HPA, 'web\n')!.sections[0].startsWith(TIMING), 'on the value too');
  const behavior = hover(HPA, 'behavior');
  assert.equal(behavior?.word, 'behavior');
  assert.ok(behavior!.sections[0].startsWith(TIMING));
  // Elsewhere, no timing.
  assert.equal(hover(HPA, 'minReplicas')!.sections.length, 1);
  assert.equal(hover(HPA, 'metadata')!.sections.length, 1);
});

test('the timing follows the spec as scale-up-speed reads it: no behavior is the legacy path; KEDA from 1', () => {
  const legacy = HPA.replace(/  behavior:[\s\S]*$/, '');
  assert.ok(hover(legacy, 'HorizontalPodAutoscaler')!.sections[0].includes('2 → 20 in 45 s · back to 2 in 5 min'));
  const slow = HPA.replace('    scaleDown:\n      selectPolicy: Max\n', '    scaleUp:\n      policies:\n        - {type: Pods, value: 1, periodSeconds: 60}\n');
  assert.ok(hover(slow, 'behavior')!.sections[0].includes('2 → 20 in 17 min'));
  const disabled = HPA.replace('selectPolicy: Max', 'selectPolicy: Disabled');
  assert.match(hover(disabled, 'behavior')!.sections[0], /never back to 2 \(scale-down is disabled/);
  const fixed = HPA.replace('maxReplicas: 20', 'maxReplicas: 2');
  assert.match(hover(fixed, 'HorizontalPodAutoscaler')!.sections[0], /fixed at 2 replicas/);
  const keda = `apiVersion: keda.sh/v1alpha1
kind: ScaledObject
metadata:
  name: worker
spec:
  scaleTargetRef: {name: worker}
  minReplicaCount: 0
  maxReplicaCount: 10
  triggers:
    - type: cpu
      metricType: Utilization
      metadata: {value: "70"}
`;
  const timing = timingOf(parseChunk(keda).resources[0]);
  assert.equal(timing, '1 → 10 in 30 s · back to 1 in 5 min (KEDA itself activates 0 → 1 and deactivates to 0)');
  assert.ok(hover(keda, 'ScaledObject')!.sections[0].includes(timing!));
  // Not an autoscaler: no timing.
  assert.equal(timingOf(parseChunk('apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: a}\n').resources[0]), undefined);
});

test('fields: in flow mappings, list items, enums with their values, maps of free keys', () => {
  assert.match(hover(HPA, 'kind: Deployment')!.sections[0], /^\*\*`spec\.scaleTargetRef\.kind`\*\* · string · required\n\nkind is the kind of the referent/);
  assert.match(hover(HPA, 'selectPolicy')!.sections[0], /Allowed values: `Max`, `Min`, `Disabled`$/);
  const dep = 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  labels:\n    app: web\nspec:\n  template:\n    spec:\n      containers:\n        - name: web\n          ports:\n            - containerPort: 8080\n';
  assert.match(hover(dep, 'containerPort')!.sections[0], /^\*\*`spec\.template\.spec\.containers\[0\]\.ports\[0\]\.containerPort`\*\* · integer · 1–65535 · required/);
  assert.match(hover(dep, 'name: web')!.sections[0], /^\*\*`spec\.template\.spec\.containers\[0\]\.name`\*\* · string · required/);
  assert.match(hover(dep, 'app: web')!.sections[0], /^\*\*`metadata\.labels\.app`\*\* · string$/);
});

test('CloudFormation: properties and resource attributes', () => {
  const cfn = 'Resources:\n  Group:\n    Type: AWS::AutoScaling::AutoScalingGroup\n    Properties:\n      HealthCheckType: ELB\n      MinSize: "2"\n';
  assert.match(hover(cfn, 'HealthCheckType')!.sections[0], /^\*\*`Properties\.HealthCheckType`\*\* · string or number or boolean · at least 1 characters, at most 32 characters\n\nHealth checks that mark instances unhealthy/);
  assert.match(hover(cfn, 'Type:')!.sections[0], /^\*\*`Type`\*\* · string · required\n\nThe resource type\./);
  assert.equal(hover(cfn, 'Group'), undefined, 'the logical id is no field');
});

test('a document that does not parse is read by indentation', () => {
  const broken = `${HPA}  minReplicas: [\n`;
  assert.match(hover(broken, 'maxReplicas')!.sections[0], /^\*\*`spec\.maxReplicas`\*\* · integer · ≥ 1 · required/);
});

test('nothing for unknown kinds, unknown fields, whitespace; deferring leaves built-in kinds’ fields to another extension', () => {
  assert.equal(hover('apiVersion: v1\nkind: ConfigMap\ndata:\n  a: b\n', 'a: b'), undefined);
  assert.equal(hover(HPA.replace('minReplicas', 'minReplica'), 'minReplica'), undefined);
  assert.equal(hover(HPA, '  minReplicas', 0), undefined);
  const defer = { deferBuiltInKubernetes: true };
  assert.equal(hover(HPA, 'minReplicas', 1, defer), undefined);
  assert.deepEqual(hover(HPA, 'behavior', 1, defer)?.sections.length, 1, 'the timing stays');
  const keda = 'apiVersion: keda.sh/v1alpha1\nkind: ScaledObject\nspec:\n  pollingInterval: 30\n';
  assert.match(hover(keda, 'pollingInterval', 1, defer)!.sections[0], /^\*\*`spec\.pollingInterval`\*\*/);
});

test('rule docs as Markdown: summary, rationale, link', () => {
  const md = ruleDocMarkdown('min-replicas', ruleDocUrl('min-replicas'))!;
  assert.match(md, /^\*\*ScaleLint `min-replicas`\*\*: .+\n\n.+\n\n\[Rule documentation\]\(https:\/\/.+#min-replicas\)$/);
  assert.equal(ruleDocMarkdown('no-such-rule', ''), undefined);
});

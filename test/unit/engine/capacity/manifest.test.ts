/**
 * "Apply to manifest": capacityEdits writes min/desired/max into the HPA, ScaledObject or Auto Scaling
 * group at an offset. Comments survive, the result parses, and applying twice changes nothing.
 * Run: node --import tsx --test test/unit/engine/capacity/manifest.test.ts
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { parseAllDocuments } from 'yaml';
import { applyEdits } from '../../../../server/src/engine/fix';
import { capacityEdits, capacityTargetAt, capacityTargets, checkReplicaValues, type ReplicaValues } from '../../../../server/src/engine/capacity/manifest';

const VALUES: ReplicaValues = { min: 5, desired: 10, max: 32 };

/** Applies the edits for the resource holding `cursor` (a substring); fails on an error. */
function apply(text: string, cursor: string, values: ReplicaValues = VALUES): string {
  const at = text.indexOf(cursor);
  assert.ok(at >= 0, `cursor ${cursor} not found`);
  const result = capacityEdits(text, at, values);
  assert.ok('edits' in result, `expected edits, got ${JSON.stringify(result)}`);
  return applyEdits(text, result.edits);
}

function errorOf(text: string, offset: number, values: ReplicaValues = VALUES): string {
  const result = capacityEdits(text, offset, values);
  assert.ok('error' in result, `expected an error, got ${JSON.stringify(result)}`);
  return result.error;
}

function assertParses(text: string): void {
  for (const doc of parseAllDocuments(text)) assert.deepEqual(doc.errors, [], `the result must parse:\n${text}`);
}

/** The fix properties: parses, and a second application is a no-op. */
function applyChecked(text: string, cursor: string, values: ReplicaValues = VALUES): string {
  const once = apply(text, cursor, values);
  assertParses(once);
  const again = capacityEdits(once, once.indexOf(cursor), values);
  assert.ok('edits' in again);
  assert.deepEqual(again.edits, [], 'applying twice changes nothing');
  return once;
}

const HPA = `# Web tier autoscaler
apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata:
  name: web   # owned by team-web
spec:
  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: web}
  # the floor
  minReplicas: 1 # raise before launch
  maxReplicas: 10
  behavior:
    scaleDown:
      stabilizationWindowSeconds: 300 # keep
`;

describe('capacityEdits on an HPA', () => {
  test('writes minReplicas and maxReplicas in place, comments and formatting kept', () => {
    const out = applyChecked(HPA, 'kind: Horizontal');
    assert.equal(out, HPA.replace('minReplicas: 1 #', 'minReplicas: 5 #').replace('maxReplicas: 10', 'maxReplicas: 32'));
  });

  test('desired is not written (an HPA has no such field), and the summary says so', () => {
    const result = capacityEdits(HPA, HPA.indexOf('spec:'), VALUES);
    assert.ok('edits' in result);
    assert.equal(result.edits.length, 2);
    assert.match(result.summary, /^HorizontalPodAutoscaler web: minReplicas 5, maxReplicas 32 \(an HPA has no desired count/);
  });

  test('inserts missing fields after scaleTargetRef, in one edit', () => {
    const text = `apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata:
  name: web
spec:
  scaleTargetRef:
    kind: Deployment
    name: web
  metrics: []   # none yet
`;
    const result = capacityEdits(text, 0, VALUES);
    assert.ok('edits' in result);
    assert.equal(result.edits.length, 1);
    const out = applyChecked(text, 'apiVersion');
    assert.equal(out, text.replace('    name: web\n', '    name: web\n  minReplicas: 5\n  maxReplicas: 32\n'));
  });

  test('inserts maxReplicas after an existing minReplicas', () => {
    const text = 'apiVersion: autoscaling/v2\nkind: HorizontalPodAutoscaler\nmetadata: {name: web}\nspec:\n  minReplicas: 2\n  metrics: []\n';
    assert.equal(applyChecked(text, 'spec'), text.replace('  minReplicas: 2\n', '  minReplicas: 5\n  maxReplicas: 32\n'));
  });

  test('fills an empty value and keeps the comment after it', () => {
    const text = 'apiVersion: autoscaling/v2\nkind: HorizontalPodAutoscaler\nmetadata: {name: web}\nspec:\n  minReplicas:   # fill in\n  maxReplicas: ~\n';
    assert.equal(applyChecked(text, 'spec'), text.replace('minReplicas:   #', 'minReplicas: 5   #').replace('maxReplicas: ~', 'maxReplicas: 32'));
  });

  test('a flow-mapping spec and CRLF line endings', () => {
    const text = 'apiVersion: autoscaling/v2\r\nkind: HorizontalPodAutoscaler\r\nmetadata: {name: web}\r\nspec: {minReplicas: 1, maxReplicas: 4}\r\n';
    assert.equal(applyChecked(text, 'spec'), text.replace('{minReplicas: 1, maxReplicas: 4}', '{minReplicas: 5, maxReplicas: 32}'));
    const insert = 'apiVersion: autoscaling/v2\r\nkind: HorizontalPodAutoscaler\r\nmetadata: {name: web}\r\nspec:\r\n  metrics: []\r\n';
    assert.equal(applyChecked(insert, 'spec'), insert.replace('  metrics: []\r\n', '  metrics: []\r\n  minReplicas: 5\r\n  maxReplicas: 32\r\n'));
  });

  test('only the document under the cursor changes in a multi-document file; List items too', () => {
    const other = HPA.replace('name: web ', 'name: api ');
    const text = `${HPA}---\n${other}`;
    const out = applyChecked(text, 'name: api');
    assert.equal(out, `${HPA}---\n${other.replace('minReplicas: 1 #', 'minReplicas: 5 #').replace('maxReplicas: 10', 'maxReplicas: 32')}`);
    const list = `apiVersion: v1
kind: List
items:
  - apiVersion: autoscaling/v2
    kind: HorizontalPodAutoscaler
    metadata: {name: a}
    spec: {minReplicas: 1, maxReplicas: 3}
  - apiVersion: autoscaling/v2
    kind: HorizontalPodAutoscaler
    metadata: {name: b}
    spec:
      maxReplicas: 3
`;
    assert.match(applyChecked(list, 'name: b'), /metadata: \{name: b\}\n {4}spec:\n {6}maxReplicas: 32\n {6}minReplicas: 5\n$/);
    assert.match(applyChecked(list, 'name: a'), /spec: \{minReplicas: 5, maxReplicas: 32\}/);
  });
});

describe('capacityEdits on a ScaledObject', () => {
  test('writes minReplicaCount and maxReplicaCount; 0 is allowed (scale to zero)', () => {
    const text = 'apiVersion: keda.sh/v1alpha1\nkind: ScaledObject\nmetadata:\n  name: worker\nspec:\n  scaleTargetRef: {name: worker}\n  maxReplicaCount: 10\n  triggers: []\n';
    const out = applyChecked(text, 'kind', { min: 0, desired: 3, max: 20 });
    assert.equal(out, text.replace('  maxReplicaCount: 10\n', '  minReplicaCount: 0\n  maxReplicaCount: 20\n'));
  });
});

const TEMPLATE = `AWSTemplateFormatVersion: '2010-09-09'
Parameters:
  MinInstances:
    Type: Number
    Default: 1 # per AZ pair
Resources:
  WebGroup:
    Type: AWS::AutoScaling::AutoScalingGroup
    Properties:
      MinSize: !Ref MinInstances
      MaxSize: '10'   # budget
      VPCZoneIdentifier: [subnet-a, subnet-b]
  Other:
    Type: AWS::AutoScaling::AutoScalingGroup
    Properties: {MinSize: "2", MaxSize: 4, DesiredCapacity: 2}
`;

describe('capacityEdits on an Auto Scaling group', () => {
  test('writes MinSize through !Ref into the Parameter Default, keeps quoting, inserts DesiredCapacity', () => {
    const out = applyChecked(TEMPLATE, 'WebGroup:');
    assert.equal(
      out,
      TEMPLATE.replace('Default: 1 #', 'Default: 5 #').replace("MaxSize: '10'", "MaxSize: '32'").replace("      MinSize: !Ref MinInstances\n", '      MinSize: !Ref MinInstances\n      DesiredCapacity: 10\n'),
    );
    const result = capacityEdits(TEMPLATE, TEMPLATE.indexOf('WebGroup:'), VALUES);
    assert.ok('edits' in result);
    assert.equal(result.summary, 'Auto Scaling group WebGroup: MinSize 5 (Default of Parameter MinInstances), DesiredCapacity 10, MaxSize 32.');
  });

  test('a flow Properties map, quoted and plain values', () => {
    const out = applyChecked(TEMPLATE, 'Other:');
    assert.equal(out, TEMPLATE.replace('{MinSize: "2", MaxSize: 4, DesiredCapacity: 2}', '{MinSize: "5", MaxSize: 32, DesiredCapacity: 10}'));
  });

  test('a JSON template stays JSON', () => {
    const json = '{\n  "Resources": {\n    "G": {\n      "Type": "AWS::AutoScaling::AutoScalingGroup",\n      "Properties": {\n        "MinSize": "1",\n        "MaxSize": "4"\n      }\n    }\n  }\n}\n';
    const out = applyChecked(json, '"G"');
    assert.deepEqual(JSON.parse(out).Resources.G.Properties, { MinSize: '5', MaxSize: '32', DesiredCapacity: 10 });
  });

  test('an intrinsic other than !Ref to a Parameter is refused, naming the field', () => {
    const text = TEMPLATE.replace("MaxSize: '10'   # budget", 'MaxSize: !If [Big, 20, 10]');
    assert.match(errorOf(text, text.indexOf('WebGroup:')), /^MaxSize is computed by an intrinsic function/);
  });
});

describe('capacityEdits refuses, clearly', () => {
  test('when nothing scalable is at the offset', () => {
    const text = 'apiVersion: v1\nkind: Service\nmetadata: {name: web}\n';
    assert.equal(errorOf(text, 3), 'There is no HorizontalPodAutoscaler, KEDA ScaledObject or Auto Scaling group at the cursor.');
    assert.match(errorOf(HPA, HPA.length + 10), /outside the document/);
    assert.match(errorOf(TEMPLATE, TEMPLATE.indexOf('Parameters')), /no HorizontalPodAutoscaler/);
  });

  test('bad values', () => {
    assert.match(errorOf(HPA, 30, { min: 5, desired: 3, max: 32 }), /desired \(3\) must lie within min and max \(5–32\)/);
    assert.match(errorOf(HPA, 30, { min: 40, desired: 40, max: 32 }), /min \(40\) must not be above max \(32\)/);
    assert.match(errorOf(HPA, 30, { min: 0, desired: 1, max: 3 }), /minReplicas must be at least 1 for an HPA/);
    assert.match(errorOf(HPA, 30, { min: 1.5, desired: 2, max: 3 } as ReplicaValues), /min must be a whole number/);
    assert.match(errorOf(HPA, 30, { min: 1, desired: 2 } as unknown as ReplicaValues), /max must be a whole number/);
  });

  test('a document with syntax errors, an alias, a wrong shape', () => {
    const broken = HPA.replace('maxReplicas: 10', 'maxReplicas: 10\n  maxReplicas: 11');
    assert.match(errorOf(broken, 30), /has syntax errors; fix them first/);
    const alias = HPA.replace('minReplicas: 1', 'minReplicas: &floor 1').replace('maxReplicas: 10', 'maxReplicas: *floor');
    assert.match(errorOf(alias, 30), /maxReplicas is an alias \(\*floor\)/);
    const shape = HPA.replace('maxReplicas: 10', 'maxReplicas: [10]');
    assert.match(errorOf(shape, 30), /maxReplicas holds a list, not a number/);
    const noSpec = 'apiVersion: autoscaling/v2\nkind: HorizontalPodAutoscaler\nmetadata: {name: web}\nspec: 3\n';
    assert.match(errorOf(noSpec, 10), /has no spec mapping/);
  });

  test('never throws on odd input', () => {
    for (const text of ['', '---\n---\n', ': : :', '{{ .Values.x }}', 'a: [', '\uFEFF']) {
      for (const offset of [0, 1, text.length]) {
        const r = capacityEdits(text, offset, VALUES);
        assert.ok('error' in r);
      }
    }
    assert.ok('error' in capacityEdits(null as unknown as string, 0, VALUES));
    assert.ok('error' in capacityEdits(HPA, Number.NaN, VALUES));
  });
});

describe('capacityTargets / capacityTargetAt', () => {
  test('lists every target with its fields, current values and (for autoscalers) the manifest', () => {
    const targets = capacityTargets(`${HPA}---\n${TEMPLATE}`);
    assert.deepEqual(
      targets.map((t) => [t.kind, t.name, t.fields, t.current, t.manifest !== undefined]),
      [
        ['HorizontalPodAutoscaler', 'web', { min: 'minReplicas', max: 'maxReplicas' }, { min: 1, max: 10 }, true],
        ['AutoScalingGroup', 'WebGroup', { min: 'MinSize', desired: 'DesiredCapacity', max: 'MaxSize' }, { min: 1, max: 10, desired: undefined }, false],
        ['AutoScalingGroup', 'Other', { min: 'MinSize', desired: 'DesiredCapacity', max: 'MaxSize' }, { min: 2, max: 4, desired: 2 }, false],
      ],
    );
    assert.equal((targets[0].manifest as { spec: { maxReplicas: number } }).spec.maxReplicas, 10);
  });

  test('the target at an offset is the one whose source contains it', () => {
    const text = `${HPA}---\n${TEMPLATE}`;
    assert.equal(capacityTargetAt(text, text.indexOf('stabilizationWindowSeconds'))?.name, 'web');
    assert.equal(capacityTargetAt(text, text.indexOf('VPCZoneIdentifier'))?.name, 'WebGroup');
    assert.equal(capacityTargetAt(text, text.indexOf('Other:'))?.name, 'Other');
    assert.equal(capacityTargetAt(text, text.indexOf('Parameters')), undefined);
  });

  test('checkReplicaValues', () => {
    assert.equal(checkReplicaValues({ min: 2, desired: 2, max: 2 }), undefined);
    assert.match(checkReplicaValues('x') ?? '', /must be an object/);
    assert.match(checkReplicaValues({ min: 0, desired: 0, max: 0 }) ?? '', /max must be at least 1/);
    assert.equal(checkReplicaValues({ min: 0, desired: 0, max: 1 }, 'ScaledObject'), undefined);
  });
});

describe('capacityEdits on the rendered forms of SPEC §9 (as CloudFormation YAML)', () => {
  test('an Application Auto Scaling ScalableTarget: MinCapacity through its Parameter Default, MaxCapacity in place; no desired count', () => {
    const text = `Parameters:
  Floor:
    Type: Number
    Default: 1
Resources:
  Target:
    Type: AWS::ApplicationAutoScaling::ScalableTarget
    Properties:
      MinCapacity: !Ref Floor
      MaxCapacity: 4 # budget
      ResourceId: service/c/s
      ScalableDimension: ecs:service:DesiredCount
      ServiceNamespace: ecs
`;
    assert.deepEqual(capacityTargetAt(text, text.indexOf('ResourceId'))?.current, { min: 1, max: 4 });
    const result = capacityEdits(text, text.indexOf('ResourceId'), VALUES);
    assert.ok('edits' in result, JSON.stringify(result));
    assert.equal(result.summary, 'Application Auto Scaling target Target: MinCapacity 5 (Default of Parameter Floor), MaxCapacity 32 (a scalable target has no desired count: Application Auto Scaling sets it).');
    assert.equal(applyChecked(text, 'ResourceId'), text.replace('Default: 1', 'Default: 5').replace('MaxCapacity: 4 #', 'MaxCapacity: 32 #'));
  });

  test("a GCP autoscaler: autoscaling_policy's min_replicas and max_replicas", () => {
    const text = `Resources:
  web:
    Type: GCP::Compute::Autoscaler
    Properties:
      name: web
      autoscaling_policy:
        max_replicas: 10
        min_replicas: 2
        cooldown_period: 60
`;
    const t = capacityTargetAt(text, text.indexOf('cooldown'));
    assert.deepEqual([t?.kind, t?.fields, t?.current], ['GCPAutoscaler', { min: 'min_replicas', max: 'max_replicas' }, { min: 2, max: 10 }]);
    assert.equal(applyChecked(text, 'name: web'), text.replace('max_replicas: 10', 'max_replicas: 32').replace('min_replicas: 2', 'min_replicas: 5'));
  });

  test("an Azure autoscale setting: the default profile's capacity (not a scheduled one); a missing autoscaling_policy is refused", () => {
    const text = `Resources:
  a:
    Type: Azure::Monitor::AutoscaleSetting
    Properties:
      profile:
        - name: weekend
          recurrence: {days: [Saturday]}
          capacity: {default: 1, minimum: 1, maximum: 2}
        - name: default
          capacity:
            default: 2
            minimum: 2
            maximum: 10
`;
    const t = capacityTargetAt(text, text.indexOf('profile'));
    assert.deepEqual([t?.kind, t?.fields, t?.current], ['AzureAutoscaleSetting', { min: 'capacity.minimum', desired: 'capacity.default', max: 'capacity.maximum' }, { min: 2, desired: 2, max: 10 }]);
    assert.equal(applyChecked(text, 'profile'), text.replace('default: 2\n', 'default: 10\n').replace('minimum: 2\n', 'minimum: 5\n').replace('maximum: 10\n', 'maximum: 32\n'));
    const gcp = 'Resources:\n  g:\n    Type: GCP::Compute::Autoscaler\n    Properties:\n      name: g\n';
    assert.deepEqual(capacityEdits(gcp, gcp.indexOf('name'), VALUES), { error: 'GCP autoscaler g has no autoscaling_policy mapping to write into.' });
  });
});

/** The YAML path at the cursor, from indentation (half-typed lines) and from the parse. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseDocument } from 'yaml';
import { nodePathAt, textPathAt } from '../../../../server/src/engine';

/** The text with `¦` marking the cursor, and the cursor's offset. */
function cursor(marked: string): [string, number] {
  const at = marked.indexOf('¦');
  assert.ok(at >= 0, 'no cursor mark');
  return [marked.slice(0, at) + marked.slice(at + 1), at];
}

function pathAt(marked: string) {
  const [text, offset] = cursor(marked);
  const tp = textPathAt(text, offset);
  if (!tp) return undefined;
  return { context: tp.context, parent: tp.parent, key: tp.key, prefix: tp.prefix, replace: text.slice(tp.replaceStart, tp.replaceEnd), siblings: [...tp.siblings].sort(), colonAfter: tp.colonAfter };
}

const HPA_HEAD = 'apiVersion: autoscaling/v2\nkind: HorizontalPodAutoscaler\nspec:\n';

test('textPathAt: key context — blank line, partial key, renaming a key', () => {
  assert.deepEqual(pathAt(`${HPA_HEAD}  minReplicas: 2\n  ¦\n  maxReplicas: 5\n`), {
    context: 'key',
    parent: ['spec'],
    key: '',
    prefix: '',
    replace: '',
    siblings: ['maxReplicas', 'minReplicas'],
    colonAfter: false,
  });
  assert.deepEqual(pathAt(`${HPA_HEAD}  behavior:\n    scaleUp:\n      stabil¦`), {
    context: 'key',
    parent: ['spec', 'behavior', 'scaleUp'],
    key: 'stabil',
    prefix: 'stabil',
    replace: 'stabil',
    siblings: [],
    colonAfter: false,
  });
  // The cursor inside an existing key: the whole word is replaced, the colon stays.
  assert.deepEqual(pathAt(`${HPA_HEAD}  minRe¦plicas: 2\n`), {
    context: 'key',
    parent: ['spec'],
    key: 'minReplicas',
    prefix: 'minRe',
    replace: 'minReplicas',
    siblings: [],
    colonAfter: true,
  });
  // A blank line: the column of the cursor decides the parent.
  assert.deepEqual(pathAt(`${HPA_HEAD}  behavior:\n    scaleUp:\n      selectPolicy: Max\n  ¦`)?.parent, ['spec']);
  assert.deepEqual(pathAt(`${HPA_HEAD}  behavior:\n    scaleUp:\n      selectPolicy: Max\n    ¦`)?.parent, ['spec', 'behavior']);
  assert.deepEqual(pathAt(`${HPA_HEAD}  behavior:\n    scaleUp:\n      selectPolicy: Max\n¦`)?.parent, []);
});

test('textPathAt: value context', () => {
  assert.deepEqual(pathAt(`${HPA_HEAD}  behavior:\n    scaleUp:\n      selectPolicy: M¦ax # comment\n`), {
    context: 'value',
    parent: ['spec', 'behavior', 'scaleUp'],
    key: 'selectPolicy',
    prefix: 'M',
    replace: 'Max',
    siblings: [],
    colonAfter: false,
  });
  assert.deepEqual(pathAt('apiVersion: apps/v1\nkind: ¦'), { context: 'value', parent: [], key: 'kind', prefix: '', replace: '', siblings: [], colonAfter: false });
  // `key:` with no space yet: a value inserted there would not be YAML.
  assert.equal(pathAt('kind:¦'), undefined);
});

test('textPathAt: sequences — item indexes, dashes at the parent’s column, keys after the dash', () => {
  const containers = 'spec:\n  template:\n    spec:\n      containers:\n';
  assert.deepEqual(pathAt(`${containers}        - name: web\n          ima¦`)?.parent, ['spec', 'template', 'spec', 'containers', 0]);
  assert.deepEqual(pathAt(`${containers}        - name: web\n          image: a\n        - name: side\n          ¦`)?.parent, ['spec', 'template', 'spec', 'containers', 1]);
  // `- ` at the same column as its key (the style of the workflow's HPA).
  assert.deepEqual(pathAt(`${containers}      - name: web\n        ima¦`)?.parent, ['spec', 'template', 'spec', 'containers', 0]);
  // Typing right after a new dash: the first key of a new item.
  const fresh = pathAt(`${containers}      - name: web\n      - ¦`);
  assert.deepEqual(fresh?.parent, ['spec', 'template', 'spec', 'containers', 1]);
  assert.deepEqual(fresh?.siblings, []);
  assert.deepEqual(pathAt(`${containers}      - name: web\n        ¦\n        image: x\n      - name: b\n`)?.siblings, ['image', 'name']);
  // A nested list of mappings under an item.
  assert.deepEqual(pathAt(`${containers}      - name: web\n        ports:\n          - containerPort: 80\n            ¦`)?.parent, ['spec', 'template', 'spec', 'containers', 0, 'ports', 0]);
});

test('textPathAt: block scalars, comments, flow collections and markers give nothing to complete', () => {
  assert.equal(pathAt('data:\n  script: |\n    echo hi\n    ¦'), undefined);
  // Back at the key's column after a block scalar: keys again.
  assert.deepEqual(pathAt('data:\n  script: |\n    echo hi\n  ¦')?.parent, ['data']);
  assert.equal(pathAt('spec:\n  # a comm¦ent'), undefined);
  assert.equal(pathAt('spec:\n  minReplicas: 2 # two ¦'), undefined);
  assert.equal(pathAt('spec:\n  ports: [\n    80,\n    ¦'), undefined);
  assert.deepEqual(pathAt('spec:\n  ports: [80, 443]\n  ¦')?.parent, ['spec']);
  assert.equal(pathAt('spec:\n  selector: {app: ¦'), undefined);
  assert.equal(pathAt('spec: {}\n---¦'), undefined);
});

test('textPathAt: quoted keys, tags and anchors on keys that open blocks', () => {
  assert.deepEqual(pathAt('"spec":\n  \'behavior\':\n    ¦')?.parent, ['spec', 'behavior']);
  assert.deepEqual(pathAt('spec: &s\n  behavior: !!map\n    ¦')?.parent, ['spec', 'behavior']);
  assert.deepEqual(pathAt('Resources:\n  Group:\n    Type: AWS::AutoScaling::AutoScalingGroup\n    Properties:\n      ¦')?.parent, ['Resources', 'Group', 'Properties']);
});

test('nodePathAt: keys and values, flow mappings, sequence items; nothing between nodes', () => {
  const text = 'spec:\n  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: web}\n  metrics:\n    - type: Resource\n';
  const doc = parseDocument(text);
  const at = (needle: string, delta = 1) => {
    const p = nodePathAt(doc as never, text.indexOf(needle) + delta);
    return p && { path: p.path, on: p.on, text: text.slice(p.range[0], p.range[1]) };
  };
  assert.deepEqual(at('kind'), { path: ['spec', 'scaleTargetRef', 'kind'], on: 'key', text: 'kind' });
  assert.deepEqual(at('Deployment'), { path: ['spec', 'scaleTargetRef', 'kind'], on: 'value', text: 'Deployment' });
  assert.deepEqual(at('Resource'), { path: ['spec', 'metrics', 0, 'type'], on: 'value', text: 'Resource' });
  assert.deepEqual(at('spec:'), { path: ['spec'], on: 'key', text: 'spec' });
  assert.equal(at('{', -1), undefined);
});

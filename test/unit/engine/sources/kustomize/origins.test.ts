/**
 * Origins: every value of a build points at the range that wrote its final value (base manifest, patch
 * file, inline patch, or the kustomization's own entry), with `verbatim` and the overlay's note.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { isMap, isSeq, parseAllDocuments, type Node } from 'yaml';
import { buildKustomization } from '../../../../../server/src/engine/sources/kustomize/index.js';
import type { RenderedDocument, Segment } from '../../../../../server/src/engine/sources/rendered.js';
import { CASES, folderReader } from './helpers.js';

function build(name: string, root: string): RenderedDocument {
  const r = buildKustomization(folderReader(join(CASES, name)), root);
  assert.deepEqual(r.problems.filter((p) => p.severity === 'error'), []);
  return r.documents[0]!;
}

/** The output node at `path` of the document whose kind/name match. */
function nodeAt(doc: RenderedDocument, kind: string, name: string, path: Array<string | number>): Node {
  for (const d of parseAllDocuments(doc.text)) {
    const js = d.toJS() as { kind: string; metadata: { name: string } };
    if (js.kind !== kind || js.metadata.name !== name) continue;
    const n = d.getIn(path, true) as Node | undefined;
    assert.ok(n, `no ${path.join('.')} in ${kind}/${name}`);
    return n;
  }
  throw new Error(`no ${kind}/${name}`);
}

function valueSeg(doc: RenderedDocument, kind: string, name: string, path: Array<string | number>): Segment {
  const n = nodeAt(doc, kind, name, path);
  const seg = doc.segments.find((s) => s.start === n.range![0]);
  assert.ok(seg, `no segment at ${path.join('.')}`);
  assert.equal(seg.kind, 'value');
  return seg;
}

function keySeg(doc: RenderedDocument, kind: string, name: string, path: Array<string | number>): Segment {
  const parent = nodeAt(doc, kind, name, path.slice(0, -1));
  assert.ok(isMap(parent));
  const pair = parent.items.find((p) => (p.key as { value: unknown }).value === path[path.length - 1])!;
  const seg = doc.segments.find((s) => s.start === (pair.key as Node).range![0]);
  assert.ok(seg, `no key segment at ${path.join('.')}`);
  assert.equal(seg.kind, 'template');
  return seg;
}

const fileText = (name: string, file: string): string => readFileSync(join(CASES, name, file), 'utf8');

/** Offset of `needle` at or after the first `after` in a case file. */
function offsetIn(name: string, file: string, after: string, needle: string): number {
  const t = fileText(name, file);
  const a = t.indexOf(after);
  assert.ok(a >= 0, `${after} in ${file}`);
  return t.indexOf(needle, a);
}

function expectOrigin(seg: Segment, name: string, file: string, start: number, text: string, verbatim: boolean, note?: string): void {
  assert.equal(seg.file, file);
  assert.equal(seg.fileStart, start);
  assert.equal(fileText(name, file).slice(seg.fileStart, seg.fileEnd), text);
  assert.equal(seg.verbatim, verbatim);
  assert.equal(seg.note, note);
}

test('an overlay patch file that sets minReplicas: 1 is the origin of the rendered 1', () => {
  const doc = build('smp-lists', 'overlays/prod');
  const seg = valueSeg(doc, 'HorizontalPodAutoscaler', 'web', ['spec', 'minReplicas']);
  const start = offsetIn('smp-lists', 'overlays/prod/hpa-patch.yaml', 'minReplicas: 1', '1');
  expectOrigin(seg, 'smp-lists', 'overlays/prod/hpa-patch.yaml', start, '1', true, 'set by overlays/prod');
  assert.equal(doc.text.slice(seg.start, seg.end), '1');
});

test('a base value no overlay touches maps to the base manifest, without a note', () => {
  const doc = build('smp-lists', 'overlays/prod');
  const seg = valueSeg(doc, 'HorizontalPodAutoscaler', 'web', ['spec', 'scaleTargetRef', 'name']);
  const start = offsetIn('smp-lists', 'base/hpa.yaml', '    name: web', 'web');
  expectOrigin(seg, 'smp-lists', 'base/hpa.yaml', start, 'web', true);
  const key = keySeg(doc, 'HorizontalPodAutoscaler', 'web', ['spec', 'minReplicas']);
  assert.equal(key.file, 'base/hpa.yaml');
  assert.equal(fileText('smp-lists', 'base/hpa.yaml').slice(key.fileStart, key.fileEnd), 'minReplicas');
  const merged = valueSeg(doc, 'Deployment', 'web', ['spec', 'template', 'spec', 'containers', 1, 'env', 2, 'value']);
  assert.equal(merged.file, 'base/deployment.yaml');
  assert.equal(fileText('smp-lists', 'base/deployment.yaml').slice(merged.fileStart, merged.fileEnd), '"8080"');
  assert.equal(merged.verbatim, true);
});

test('the replicas entry of the overlay is the origin of spec.replicas; images[].newTag of the image', () => {
  const doc = build('ns-replicas-images', 'prod');
  const seg = valueSeg(doc, 'Deployment', 'worker', ['spec', 'replicas']);
  const start = offsetIn('ns-replicas-images', 'prod/kustomization.yaml', 'count: 6', '6');
  expectOrigin(seg, 'ns-replicas-images', 'prod/kustomization.yaml', start, '6', true, 'set by prod');
  const img = valueSeg(doc, 'Deployment', 'worker', ['spec', 'template', 'spec', 'containers', 0, 'image']);
  assert.equal(doc.text.slice(img.start, img.end), 'registry.example.com/team/worker:1.1');
  expectOrigin(img, 'ns-replicas-images', 'prod/kustomization.yaml', offsetIn('ns-replicas-images', 'prod/kustomization.yaml', 'newTag: "1.1"', '"1.1"'), '"1.1"', false, 'set by prod');
  const ns = valueSeg(doc, 'Deployment', 'worker', ['metadata', 'namespace']);
  expectOrigin(ns, 'ns-replicas-images', 'prod/kustomization.yaml', offsetIn('ns-replicas-images', 'prod/kustomization.yaml', 'namespace: production', 'production'), 'production', true, 'set by prod');
});

test('a prefixed or suffixed name maps to the affix entry (not verbatim); the HPA reference follows it', () => {
  const doc = build('names', 'overlays/prod');
  const name = valueSeg(doc, 'Deployment', 'prod-staging-api-v2', ['metadata', 'name']);
  const suffixAt = offsetIn('names', 'overlays/prod/kustomization.yaml', 'nameSuffix: -v2', '-v2');
  expectOrigin(name, 'names', 'overlays/prod/kustomization.yaml', suffixAt, '-v2', false, 'set by overlays/prod');
  const ref = valueSeg(doc, 'HorizontalPodAutoscaler', 'prod-staging-api-v2', ['spec', 'scaleTargetRef', 'name']);
  assert.equal(doc.text.slice(ref.start, ref.end), 'prod-staging-api-v2');
  expectOrigin(ref, 'names', 'overlays/prod/kustomization.yaml', suffixAt, '-v2', false, 'set by overlays/prod');
  const keda = valueSeg(doc, 'ScaledObject', 'prod-staging-api-queue-v2', ['spec', 'scaleTargetRef', 'name']);
  expectOrigin(keda, 'names', 'base/autoscaling.yaml', offsetIn('names', 'base/autoscaling.yaml', '    name: api\n  minReplicaCount', 'api'), 'api', true);
});

test('commonLabels entries are the origin of the labels they add, key and value', () => {
  const doc = build('labels', 'overlay');
  const v = valueSeg(doc, 'Deployment', 'shop', ['spec', 'selector', 'matchLabels', 'env']);
  const at = offsetIn('labels', 'overlay/kustomization.yaml', 'env: prod', 'prod');
  expectOrigin(v, 'labels', 'overlay/kustomization.yaml', at, 'prod', true, 'set by overlay');
  const k = keySeg(doc, 'Deployment', 'shop', ['spec', 'selector', 'matchLabels', 'env']);
  expectOrigin(k, 'labels', 'overlay/kustomization.yaml', at - 'env: '.length, 'env', true, 'set by overlay');
  const own = valueSeg(doc, 'Deployment', 'shop', ['metadata', 'labels', 'app.kubernetes.io/name']);
  expectOrigin(own, 'labels', 'base/kustomization.yaml', offsetIn('labels', 'base/kustomization.yaml', 'name: shop', 'shop'), 'shop', true);
});

test('a value from an inline patch in kustomization.yaml maps into the kustomization file', () => {
  const doc = build('json6902', 'overlay');
  const seg = valueSeg(doc, 'HorizontalPodAutoscaler', 'web', ['spec', 'minReplicas']);
  const at = offsetIn('json6902', 'overlay/kustomization.yaml', 'value: 3', '3');
  expectOrigin(seg, 'json6902', 'overlay/kustomization.yaml', at, '3', true, 'set by overlay');
  const mem = valueSeg(doc, 'HorizontalPodAutoscaler', 'web', ['spec', 'metrics', 1, 'resource', 'name']);
  expectOrigin(mem, 'json6902', 'overlay/kustomization.yaml', offsetIn('json6902', 'overlay/kustomization.yaml', 'name: memory', 'memory'), 'memory', true, 'set by overlay');
  const max = valueSeg(doc, 'HorizontalPodAutoscaler', 'web', ['spec', 'maxReplicas']);
  expectOrigin(max, 'json6902', 'overlay/hpa-ops.json', offsetIn('json6902', 'overlay/hpa-ops.json', '"value": 12', '12'), '12', true, 'set by overlay');
});

test('a replaced value maps to the source field it was copied from', () => {
  const doc = build('replacements', 'overlay');
  const seg = valueSeg(doc, 'HorizontalPodAutoscaler', 'prod-web', ['spec', 'maxReplicas']);
  assert.equal(doc.text.slice(seg.start, seg.end), '12');
  expectOrigin(seg, 'replacements', 'base/app.yaml', offsetIn('replacements', 'base/app.yaml', 'max: "12"', '"12"'), '"12"', false, 'set by overlay');
});

test('segments are sorted, do not overlap, and verbatim is exact, in every case', () => {
  for (const [name, root] of [['replacements', 'overlay'], ['smp-lists', 'overlays/prod'], ['names', 'overlays/prod'], ['labels', 'overlay'], ['json6902', 'overlay'], ['components', 'overlay'], ['targets', 'app'], ['ns-replicas-images', 'prod']] as const) {
    const doc = build(name, root);
    let last = 0;
    for (const s of doc.segments) {
      assert.ok(s.start >= last && s.end > s.start, `${name}: order at ${s.start}`);
      last = s.end;
      const same = fileText(name, s.file).slice(s.fileStart, s.fileEnd) === doc.text.slice(s.start, s.end);
      assert.equal(s.verbatim, same, `${name}: verbatim at ${s.start}`);
    }
    const scalars: Node[] = [];
    const walk = (n: Node | null | undefined): void => {
      if (!n) return;
      if (isMap(n)) n.items.forEach((p) => walk(p.value as Node));
      else if (isSeq(n)) n.items.forEach((i) => walk(i as Node));
      else scalars.push(n);
    };
    for (const d of parseAllDocuments(doc.text)) walk(d.contents as Node);
    for (const n of scalars) assert.ok(doc.segments.some((s) => s.start === n.range![0]), `${name}: scalar at ${n.range![0]} has a segment`);
  }
});

test('inline patches in a CRLF kustomization map back to the exact characters', () => {
  const files: Record<string, string> = {
    'o/kustomization.yaml': 'resources:\r\n- hpa.yaml\r\npatches:\r\n- target: {kind: HorizontalPodAutoscaler}\r\n  patch: |-\r\n    - op: replace\r\n      path: /spec/maxReplicas\r\n      value: 42\r\n',
    'o/hpa.yaml': 'apiVersion: autoscaling/v2\r\nkind: HorizontalPodAutoscaler\r\nmetadata:\r\n  name: h\r\nspec:\r\n  maxReplicas: 3\r\n',
  };
  const reader = { read: (p: string) => files[p], list: (d: string) => (d === 'o' ? ['kustomization.yaml', 'hpa.yaml'] : undefined) };
  const doc = buildKustomization(reader, 'o').documents[0]!;
  const at = doc.text.indexOf('42');
  const seg = doc.segments.find((s) => s.start === at)!;
  assert.equal(files['o/kustomization.yaml']!.slice(seg.fileStart, seg.fileEnd), '42');
  assert.equal(seg.verbatim, true);
});

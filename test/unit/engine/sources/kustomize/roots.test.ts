/** Which kustomizations are built (roots) and which files are only ever linted through them (included). */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { findKustomizeRoots, isKustomizationFolder } from '../../../../../server/src/engine/sources/kustomize/index.js';
import { CASES, folderReader, memoryReader } from './helpers.js';

test('overlays are roots; bases and intermediate overlays are built through them', () => {
  const reader = folderReader(join(CASES, 'names'));
  const { roots, included } = findKustomizeRoots(reader, ['']);
  assert.deepEqual(roots, ['overlays/prod']);
  assert.ok(included.has('base/workloads.yaml'));
  assert.ok(included.has('base/autoscaling.yaml'));
  assert.ok(!included.has('overlays/prod/kustomization.yaml'));
});

test('patch files and component files are included; components are never roots', () => {
  const r1 = findKustomizeRoots(folderReader(join(CASES, 'smp-lists')), ['base', 'overlays']);
  assert.deepEqual(r1.roots, ['overlays/prod']);
  for (const f of ['base/hpa.yaml', 'overlays/prod/hpa-patch.yaml', 'overlays/prod/service-patch.yaml', 'overlays/prod/deployment-patch.yaml']) assert.ok(r1.included.has(f), f);
  const r2 = findKustomizeRoots(folderReader(join(CASES, 'components')), ['']);
  assert.deepEqual(r2.roots, ['overlay']);
  assert.ok(r2.included.has('components/hpa/hpa.yaml'));
});

test('a base that nothing includes is a root of its own; a lone manifest is not included; a cycle is built once (to report it)', () => {
  const reader = memoryReader({
    'solo/kustomization.yml': 'resources:\n- hpa.yaml\n',
    'solo/hpa.yaml': 'kind: HorizontalPodAutoscaler\n',
    'plain/hpa.yaml': 'kind: HorizontalPodAutoscaler\n',
    'cyc/a/kustomization.yaml': 'resources:\n- ../b\n',
    'cyc/b/Kustomization': 'resources:\n- ../a\n',
  });
  const { roots, included } = findKustomizeRoots(reader, ['']);
  assert.deepEqual(roots, ['solo', 'cyc/a']);
  assert.ok(included.has('solo/hpa.yaml'));
  assert.ok(!included.has('plain/hpa.yaml'));
  assert.equal(isKustomizationFolder(reader, 'cyc/b'), true);
  assert.equal(isKustomizationFolder(reader, 'plain'), false);
});

test('a real layout (podinfo): its three overlays and ScaleLint\'s overlay are the roots, every base file is included', () => {
  const { roots, included } = findKustomizeRoots(folderReader(join(CASES, 'public-podinfo')), ['']);
  assert.deepEqual(roots, ['deploy/overlays/dev', 'deploy/overlays/production', 'deploy/overlays/staging', 'scalelint-prod']);
  for (const f of ['deploy/bases/backend/hpa.yaml', 'deploy/bases/frontend/hpa.yaml', 'deploy/bases/database/hpa-replica.yaml', 'deploy/overlays/dev/namespace.yaml']) assert.ok(included.has(f), f);
});

/**
 * The resource index answers its same-name and selector lookups from lists grouped once per pass
 * (lookup-lists.ts, same-name.ts) instead of scanning per question. On random lint sets full of
 * repeated names (copies of apps in many files, namespaces set and unset, files unknown), every
 * answer must be the one the plain scan gives — the scan written out here as it was before — and
 * again after resources leave and come back (the lists are made again).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseChunk, type Resource } from '../../../../server/src/engine';
import { LintSetIndex, sameNamespace } from '../../../../server/src/engine/lint-set/resource-index';
import { isAutoscaler, isWorkload, mapSelectorMatches, scaleTarget } from '../../../../server/src/engine/model/kubernetes';
import { get, stringMap } from '../../../../server/src/engine/parse/values';
import { prng } from '../../../../scripts/bench/generate';

const NAMES = ['web', 'api', 'db'];
const NAMESPACES = [undefined, undefined, 'prod', 'dev'];
const LABELS: Record<string, string>[] = [{ app: 'web' }, { app: 'api' }, { app: 'web', tier: 'front' }, { tier: 'front' }];

function pick<T>(rand: () => number, list: readonly T[]): T {
  return list[Math.floor(rand() * list.length)];
}

function ns(namespace: string | undefined): string {
  return namespace === undefined ? '' : `, namespace: ${namespace}`;
}

function labelsText(labels: Record<string, string>): string {
  return `{${Object.entries(labels).map(([k, v]) => `${k}: ${v}`).join(', ')}}`;
}

/** One random document: a workload, an HPA or ScaledObject, a Service or a PDB. */
function randomDocument(rand: () => number): string {
  const name = pick(rand, NAMES);
  const meta = `metadata: {name: ${name}${ns(pick(rand, NAMESPACES))}}`;
  const roll = rand();
  if (roll < 0.35) {
    const kind = rand() < 0.8 ? 'Deployment' : 'StatefulSet';
    const labels = labelsText(pick(rand, LABELS));
    return `apiVersion: apps/v1\nkind: ${kind}\n${meta}\nspec:\n  selector: {matchLabels: ${labels}}\n  template:\n    metadata: {labels: ${labels}}\n    spec:\n      containers: [{name: c, image: nginx}]\n`;
  }
  if (roll < 0.7) {
    const kind = rand() < 0.8 ? 'Deployment' : 'StatefulSet';
    const target = pick(rand, NAMES);
    if (rand() < 0.7) return `apiVersion: autoscaling/v2\nkind: HorizontalPodAutoscaler\n${meta}\nspec:\n  scaleTargetRef: {apiVersion: apps/v1, kind: ${kind}, name: ${target}}\n  minReplicas: 2\n  maxReplicas: 5\n`;
    return `apiVersion: keda.sh/v1alpha1\nkind: ScaledObject\n${meta}\nspec:\n  scaleTargetRef: {kind: ${kind}, name: ${target}}\n  triggers: [{type: cpu, metadata: {value: "50"}}]\n`;
  }
  if (roll < 0.85) return `apiVersion: v1\nkind: Service\n${meta}\nspec:\n  selector: ${labelsText(pick(rand, LABELS))}\n  ports: [{port: 80}]\n`;
  return `apiVersion: policy/v1\nkind: PodDisruptionBudget\n${meta}\nspec:\n  maxUnavailable: 1\n  selector: {matchLabels: ${labelsText(pick(rand, LABELS))}}\n`;
}

interface World {
  index: LintSetIndex;
  all: Resource[];
  position: Map<Resource, [number, number, number]>;
  fileOf: (r: Resource) => string | undefined;
}

function randomWorld(seed: number): World {
  const rand = prng(seed);
  const position = new Map<Resource, [number, number, number]>();
  const files = new Map<Resource, string | undefined>();
  const all: Resource[] = [];
  const fileCount = 2 + Math.floor(rand() * 12);
  for (let f = 0; f < fileCount; f++) {
    // Now and then a file the index cannot name (a resource no longer located).
    const file = rand() < 0.1 ? undefined : `file-${f}.yaml`;
    const documents = 1 + Math.floor(rand() * 6);
    for (let d = 0; d < documents; d++) {
      const chunk = parseChunk(randomDocument(rand));
      chunk.resources.forEach((r, i) => {
        position.set(r, [f, d * 1000, i]);
        files.set(r, file);
        all.push(r);
      });
    }
  }
  const fileOf = (r: Resource) => files.get(r);
  const index = new LintSetIndex((r) => position.get(r) ?? [Infinity, 0, 0], fileOf);
  // Added out of order: lookups answer in lint-set order whatever the order of arrival.
  for (const r of [...all].sort(() => rand() - 0.5)) index.add(r);
  index.takeTouched();
  return { index, all, position, fileOf };
}

// ---- the plain scans, as the index answered before grouping ----

function inOrder(world: World, list: Resource[]): Resource[] {
  const p = (r: Resource) => world.position.get(r)!;
  return [...list].sort((a, b) => p(a)[0] - p(b)[0] || p(a)[1] - p(b)[1] || p(a)[2] - p(b)[2]);
}

function scanWorkloadsNamed(world: World, members: Resource[], kind: string, name: string, near: Resource): Resource[] {
  return inOrder(world, members.filter((w) => isWorkload(w) && w.kind === kind && w.name === name && sameNamespace(w, near)));
}

function scalesIn(own: string | undefined, workload: string | undefined, filesWithOne: ReadonlySet<string | undefined>): boolean {
  return own === undefined || own === workload || !filesWithOne.has(own);
}

function scanTargetsOf(world: World, members: Resource[], a: Resource): Resource[] {
  const t = scaleTarget(a);
  if (!t) return [];
  const all = scanWorkloadsNamed(world, members, t.kind, t.name, a);
  if (all.length < 2) return all;
  const files = new Set(all.map(world.fileOf));
  return all.filter((w) => scalesIn(world.fileOf(a), world.fileOf(w), files));
}

function scanAutoscalersOf(world: World, members: Resource[], w: Resource): Resource[] {
  const named = inOrder(world, members.filter((a) => isAutoscaler(a) && scaleTarget(a)?.kind === w.kind && scaleTarget(a)?.name === w.name && sameNamespace(a, w)));
  if (!named.length) return named;
  const all = scanWorkloadsNamed(world, members, w.kind, w.name, w);
  if (!all.includes(w)) return [];
  if (all.length < 2) return named;
  const files = new Set(all.map(world.fileOf));
  return named.filter((a) => scalesIn(world.fileOf(a), world.fileOf(w), files));
}

function scanPodOwners(world: World, members: Resource[], selector: Map<string, string>, near: Resource): Resource[] {
  if (!selector.size) return [];
  return inOrder(world, members.filter((r) => r !== near && sameNamespace(r, near) && world.index.podLabels(r).size > 0 && mapSelectorMatches(selector, world.index.podLabels(r))));
}

/** What a PDB is indexed by: its first matchLabels pair, or `*`. */
function pdbKey(pdb: Resource): string {
  const first = stringMap(get(get(pdb.node, 'spec', 'selector'), 'matchLabels')).entries().next();
  return first.done ? '*' : `${first.value[0]}=${first.value[1]}`;
}

function scanPdbCandidates(world: World, members: Resource[], labels: Map<string, string>, near: Resource): Resource[] {
  const keys = new Set(['*', ...[...labels].map(([k, v]) => `${k}=${v}`)]);
  return inOrder(world, members.filter((p) => p.kind === 'PodDisruptionBudget' && keys.has(pdbKey(p)) && sameNamespace(p, near)));
}

function compare(world: World, members: Resource[], what: string): void {
  const { index } = world;
  for (const r of members) {
    if (isAutoscaler(r)) assert.deepEqual([...index.targetsOf(r)], scanTargetsOf(world, members, r), `${what}: targetsOf ${r.kind} ${r.name}`);
    if (isWorkload(r)) {
      assert.deepEqual([...index.autoscalersOf(r)], scanAutoscalersOf(world, members, r), `${what}: autoscalersOf ${r.kind} ${r.name}`);
      // Asked twice (the second from the pass's lists): the same answer.
      assert.deepEqual([...index.autoscalersOf(r)], scanAutoscalersOf(world, members, r), `${what}: autoscalersOf again`);
      for (const name of NAMES) assert.deepEqual([...index.workloadsNamed(r.kind, name, r)], scanWorkloadsNamed(world, members, r.kind, name, r), `${what}: workloadsNamed`);
    }
    for (const labels of LABELS) {
      const selector = new Map(Object.entries(labels));
      assert.deepEqual([...index.podOwnersSelectedBy(selector, r)], scanPodOwners(world, members, selector, r), `${what}: podOwnersSelectedBy ${JSON.stringify(labels)} near ${r.kind} ${r.name}`);
      assert.deepEqual([...index.pdbCandidates(selector, r)], scanPdbCandidates(world, members, selector, r), `${what}: pdbCandidates ${JSON.stringify(labels)} near ${r.kind} ${r.name}`);
    }
  }
}

test('grouped lookups answer what the plain scans answer, on random sets of repeated names', () => {
  for (let seed = 1; seed <= 60; seed++) {
    const world = randomWorld(seed);
    compare(world, world.all, `seed ${seed}`);
    // Some leave, the lists are made again; then they come back.
    const rand = prng(seed * 7919);
    const leaving = world.all.filter(() => rand() < 0.3);
    for (const r of leaving) world.index.remove(r);
    world.index.takeTouched();
    const staying = world.all.filter((r) => !leaving.includes(r));
    compare(world, staying, `seed ${seed}, after removals`);
    for (const r of leaving) world.index.add(r);
    world.index.takeTouched();
    compare(world, world.all, `seed ${seed}, back again`);
  }
});

test('a workload not in the set is scaled by none, even with a name the set knows', () => {
  const world = randomWorld(3);
  const stranger = parseChunk('apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web}\nspec:\n  template: {metadata: {labels: {app: web}}}\n').resources[0];
  const copies = world.all.filter((r) => isWorkload(r) && r.kind === 'Deployment' && r.name === 'web');
  assert.ok(copies.length > 0, 'the world holds Deployments named web');
  assert.deepEqual([...world.index.autoscalersOf(stranger)], []);
});

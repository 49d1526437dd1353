/**
 * Differential check against kubectl (not part of the test suite; needs kubectl): builds random overlays
 * (prefixes, namespaces, labels, replicas, images, strategic-merge and JSON patches, two levels) over a
 * base of the kinds ScaleLint reads, with kubectl kustomize and with the engine, and compares them as YAML
 * data. Failing layouts are copied to $TMPDIR/kustomize-fuzz/fail-<seed>-<run>.
 * Usage: node --import tsx test/unit/engine/sources/kustomize/fuzz-vs-kubectl.ts <seed> <runs>
 */
import { tmpdir } from 'node:os';
import { stringify } from 'yaml';
import { mkdirSync, writeFileSync, rmSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { buildKustomization } from '../../../../../server/src/engine/sources/kustomize/index.js';
import { folderReader, yamlData } from './helpers.js';
import { isDeepStrictEqual } from 'node:util';

const OUT = `${tmpdir()}/kustomize-fuzz`;
let seed = Number(process.argv[2] ?? 1);
const rnd = () => { seed = (seed * 1103515245 + 12345) % 2147483648; return seed / 2147483648; };
const pick = <T>(a: T[]): T => a[Math.floor(rnd() * a.length)]!;
const chance = (p: number) => rnd() < p;

function base() {
  const containers = [
    { name: 'app', image: pick(['nginx:1.0', 'example.com/app:2', 'redis']), env: [{ name: 'A', value: '1' }, { name: 'B', value: 'x' }], ports: [{ containerPort: 80, name: 'http' }, ...(chance(0.5) ? [{ containerPort: 9090, protocol: 'TCP' }] : [])], resources: { requests: { cpu: '100m' } }, volumeMounts: [{ name: 'v', mountPath: '/v' }] },
    { name: 'side', image: 'busybox:1', args: ['a', 'b'] },
  ];
  return [
    { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web', labels: { app: 'web' } }, spec: { replicas: 2, selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } }, spec: { containers, volumes: [{ name: 'v', emptyDir: {} }, { name: 'cfg', configMap: { name: 'cm' } }], tolerations: [{ key: 'k', operator: 'Exists' }] } } } },
    { apiVersion: 'v1', kind: 'Service', metadata: { name: 'web' }, spec: { selector: { app: 'web' }, ports: [{ port: 80, targetPort: 80, name: 'http' }] } },
    { apiVersion: pick(['autoscaling/v2', 'autoscaling/v2beta2']), kind: 'HorizontalPodAutoscaler', metadata: { name: 'web' }, spec: { scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web' }, minReplicas: 2, maxReplicas: 10, metrics: [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 70 } } }] } },
    { apiVersion: 'keda.sh/v1alpha1', kind: 'ScaledObject', metadata: { name: 'web-so' }, spec: { scaleTargetRef: { name: 'web' }, triggers: [{ type: 'cpu', metadata: { value: '50' } }] } },
    { apiVersion: 'policy/v1', kind: 'PodDisruptionBudget', metadata: { name: 'web' }, spec: { minAvailable: 1, selector: { matchLabels: { app: 'web' } } } },
    { apiVersion: 'apps/v1', kind: 'StatefulSet', metadata: { name: 'db' }, spec: { serviceName: 'db', replicas: 1, selector: { matchLabels: { app: 'db' } }, template: { metadata: { labels: { app: 'db' } }, spec: { containers: [{ name: 'db', image: 'postgres:16', env: [{ name: 'P', value: 'q' }] }] } }, volumeClaimTemplates: [{ metadata: { name: 'data' }, spec: { accessModes: ['ReadWriteOnce'] } }] } },
    { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'cm' }, data: { k: 'v' } },
  ];
}

function smPatch(): unknown {
  const kind = pick(['Deployment', 'HorizontalPodAutoscaler', 'Service', 'ScaledObject', 'StatefulSet']);
  if (kind === 'Deployment') {
    const c: Record<string, unknown>[] = [];
    if (chance(0.7)) c.push({ name: pick(['app', 'side', 'new']), ...(chance(0.5) ? { image: 'img:9' } : {}), ...(chance(0.5) ? { env: [{ name: pick(['A', 'C']), value: 'z' }] } : {}), ...(chance(0.3) ? { ports: [{ containerPort: pick([80, 8080, 9090]), ...(chance(0.5) ? { protocol: 'TCP' } : {}), name: 'p' }] } : {}), ...(chance(0.2) ? { resources: { requests: { cpu: null, memory: '1Gi' } } } : {}), ...(chance(0.2) ? { args: ['z'] } : {}) });
    if (chance(0.3)) c.push({ name: pick(['side', 'app']), $patch: 'delete' });
    const spec: Record<string, unknown> = { template: { spec: { ...(c.length ? { containers: c } : {}), ...(chance(0.3) ? { volumes: [{ name: pick(['v', 'cfg', 'n']), configMap: { name: 'other' } }] } : {}), ...(chance(0.2) ? { tolerations: [{ key: 'z', operator: 'Exists' }] } : {}) } } };
    if (chance(0.3)) spec.replicas = pick([null, 5]);
    return { apiVersion: 'apps/v1', kind, metadata: { name: 'web' }, spec };
  }
  if (kind === 'HorizontalPodAutoscaler') return { apiVersion: 'autoscaling/v2', kind, metadata: { name: 'web' }, spec: { ...(chance(0.6) ? { minReplicas: pick([1, 3]) } : {}), ...(chance(0.5) ? { maxReplicas: 20 } : {}), ...(chance(0.4) ? { metrics: [{ type: 'Resource', resource: { name: 'memory', target: { type: 'Utilization', averageUtilization: 80 } } }] } : {}), ...(chance(0.3) ? { behavior: { scaleDown: { stabilizationWindowSeconds: 60 } } } : {}) } };
  if (kind === 'Service') return { apiVersion: 'v1', kind, metadata: { name: 'web' }, spec: { ports: [{ port: pick([80, 443]), ...(chance(0.4) ? { protocol: 'TCP' } : {}), name: pick(['http', 'https']) }] } };
  if (kind === 'StatefulSet') return { apiVersion: 'apps/v1', kind, metadata: { name: 'db' }, spec: { replicas: 3, template: { spec: { containers: [{ name: 'db', env: [{ name: 'P', $patch: 'delete' }] }] } } } };
  return { apiVersion: 'keda.sh/v1alpha1', kind, metadata: { name: 'web-so' }, spec: { ...(chance(0.5) ? { triggers: [{ type: 'memory', metadata: { value: '60' } }] } : {}), minReplicaCount: 0 } };
}

function jsonPatch(): { target: unknown; patch: string } {
  const opts = [
    { target: { kind: 'HorizontalPodAutoscaler' }, ops: [{ op: 'replace', path: '/spec/maxReplicas', value: 7 }] },
    { target: { kind: 'Deployment', name: 'web' }, ops: [{ op: 'add', path: '/spec/template/spec/containers/0/env/-', value: { name: 'J', value: 'j' } }] },
    { target: { kind: 'Deployment' }, ops: [{ op: 'remove', path: '/spec/template/spec/tolerations' }] },
    { target: { labelSelector: 'app=web' }, ops: [{ op: 'add', path: '/metadata/annotations', value: { j: 'k' } }] },
    { target: { kind: 'ScaledObject' }, ops: [{ op: 'add', path: '/spec/triggers/0', value: { type: 'cron' } }] },
    { target: { name: 'web.*', kind: 'Service|HorizontalPodAutoscaler' }, ops: [{ op: 'add', path: '/metadata/labels', value: { x: 'y' } }] },
    { target: { kind: 'HorizontalPodAutoscaler' }, ops: [{ op: pick(['remove', 'replace']), path: pick(['/spec/behavior', '/spec/metrics/1', '/spec/minReplicas']), value: 1 }] },
    { target: { kind: 'Deployment' }, ops: [{ op: 'move', from: '/spec/template/spec/containers/1', path: '/spec/template/spec/containers/0' }] },
    { target: { kind: 'Deployment' }, ops: [{ op: 'copy', from: '/spec/replicas', path: '/metadata/annotations/r' }] },
    { target: { kind: 'StatefulSet' }, ops: [{ op: 'test', path: '/spec/replicas', value: pick([1, 2]) }, { op: 'replace', path: '/spec/replicas', value: 9 }] },
  ];
  const o = pick(opts);
  return { target: o.target, patch: stringify(o.ops) };
}

function overlay(inlineSm: boolean, from = '../base') {
  const k: Record<string, unknown> = { resources: [from] };
  if (chance(0.4)) k.namePrefix = pick(['p-', 'prod-']);
  if (chance(0.3)) k.nameSuffix = '-s';
  if (chance(0.4)) k.namespace = pick(['prod', 'default']);
  if (chance(0.4)) k.commonLabels = { env: 'prod' };
  if (chance(0.3)) k.labels = [{ pairs: { team: 't' }, ...(chance(0.5) ? { includeSelectors: true } : {}), ...(chance(0.5) ? { includeTemplates: true } : {}) }];
  if (chance(0.3)) k.commonAnnotations = { note: pick(['a', 'yes', '1']) };
  if (chance(0.3)) k.replicas = [{ name: pick(['web', 'db']), count: pick([0, 4]) }];
  if (chance(0.3)) k.images = [{ name: pick(['nginx', 'redis', 'busybox']), ...(chance(0.6) ? { newTag: '9.9' } : {}), ...(chance(0.4) ? { newName: 'mirror/x' } : {}) }];
  const patches: unknown[] = [];
  const n = Math.floor(rnd() * 4);
  for (let i = 0; i < n; i++) {
    if (chance(0.6)) patches.push(chance(0.3) ? { target: { kind: pick(['Deployment', 'HorizontalPodAutoscaler', 'StatefulSet']) }, patch: stringify({ apiVersion: 'v1', kind: 'X', metadata: { name: 'ignored' }, spec: { minReplicas: 4, template: { metadata: { annotations: { t: 'x' } } } } }) } : { patch: stringify(smPatch()) });
    else patches.push(jsonPatch());
  }
  if (patches.length) k.patches = patches;
  if (chance(0.2)) k.patchesJson6902 = [{ target: { group: 'autoscaling', version: 'v2', kind: 'HorizontalPodAutoscaler', name: 'web' }, patch: stringify([{ op: 'replace', path: '/spec/maxReplicas', value: 11 }]) }];
  if (chance(0.2)) k.patchesStrategicMerge = [stringify(smPatch())];
  if (chance(0.2)) k.components = ['../comp'];
  return k;
}

const runs = Number(process.argv[3] ?? 20);
let fails = 0; let kfail = 0;
for (let i = 0; i < runs; i++) {
  const dir = `${OUT}/w${process.argv[2]}`;
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(`${dir}/base`, { recursive: true });
  mkdirSync(`${dir}/ov`, { recursive: true });
  writeFileSync(`${dir}/base/all.yaml`, base().map((d) => stringify(d)).join('---\n'));
  const tricky = ['yes', 'on', '012', '0x1F', '1_000', '1e3', '.5', '~', 'null', '2001-12-14', 'a: b', '"quoted"', "'single'", '- x', ...(chance(0.05) ? ['*star'] : []), '&amp', '|', '>', '"multi\\nline\\n"', '"tab\\tx"', '" lead"', '"trail "', 'héllo', '"#hash"', 'a #b', '[1, 2]', '{a: 1}', '', '!!str 5', '1.0', '-0', '+3', '0o17', '"y"', 'Y', 'NO', 'True', '12345678901234567890', '1:20'];
  const keys = ['k1', 'k10', 'k9', 'K2', '_u', 'a.b', 'a-b', 'a1', 'ab', 'y', 'n', ...(chance(0.05) ? ['1'] : []), '"2"'];
  const raw = ['apiVersion: v1', 'kind: ConfigMap', 'metadata:', '  name: tricky', '  annotations:', `    a1: ${pick(tricky)}`, 'data:'];
  for (const k of keys) if (chance(0.6)) raw.push(`  ${k}: ${pick(tricky)}`);
  raw.push('list:');
  for (let j = 0; j < 6; j++) raw.push(`- ${pick(tricky)}`);
  raw.push('anchors:', '  base: &b {x: 1, y: two}', '  copy: *b', '  merged:', '    <<: *b', '    y: three');
  writeFileSync(`${dir}/base/tricky.yaml`, raw.join('\n') + '\n');
  writeFileSync(`${dir}/base/kustomization.yaml`, stringify({ resources: ['all.yaml', 'tricky.yaml'] }));
  mkdirSync(`${dir}/top`, { recursive: true });
  mkdirSync(`${dir}/comp`, { recursive: true });
  writeFileSync(`${dir}/comp/kustomization.yaml`, stringify({ apiVersion: 'kustomize.config.k8s.io/v1alpha1', kind: 'Component', resources: ['pdb.yaml'], patches: [{ patch: stringify(smPatch()) }], ...(chance(0.5) ? { commonLabels: { comp: 'yes-really' } } : {}) }));
  writeFileSync(`${dir}/comp/pdb.yaml`, stringify({ apiVersion: 'policy/v1', kind: 'PodDisruptionBudget', metadata: { name: 'extra' }, spec: { maxUnavailable: 1, selector: { matchLabels: { app: 'web' } } } }));
  writeFileSync(`${dir}/ov/kustomization.yaml`, stringify(overlay(true)));
  writeFileSync(`${dir}/top/kustomization.yaml`, stringify(overlay(true, '../ov')));
  const root = chance(0.5) ? 'top' : 'ov';
  let kub: string | undefined;
  try { kub = execFileSync('kubectl', ['kustomize', `${dir}/${root}`], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }); } catch { kub = undefined; }
  const r = buildKustomization(folderReader(dir), root);
  const errs = r.problems.filter((p) => p.severity === 'error');
  if (kub === undefined) { kfail++;
    if (errs.length === 0) { fails++; console.log(`SEED-RUN ${process.argv[2]}/${i}: kubectl failed, we did not`); execFileSync('cp', ['-r', dir, `${OUT}/fail-${process.argv[2]}-${i}`]); }
    continue;
  }
  const mine = r.documents[0]?.text ?? '';
  if (errs.length || !isDeepStrictEqual(yamlData(mine), yamlData(kub))) {
    fails++;
    console.log(`SEED-RUN ${process.argv[2]}/${i}: mismatch`, errs.map((e) => e.message));
    execFileSync('cp', ['-r', dir, `${OUT}/fail-${process.argv[2]}-${i}`]);
  } else if (mine !== kub) console.log(`SEED-RUN ${process.argv[2]}/${i}: data equal, text differs`);
}
console.log('fails', fails, 'of', runs, 'kubectl-failed', kfail);

/**
 * The built CLI over many copies of one app in one lint set (the benchmark's repeated corpus in small):
 * same names in every copy, autoscalers in files without their workload (they scale every copy), a
 * Service and a PDB selecting every copy's pods. The cross-document lookups answer from lists grouped
 * once per pass; the report on two threads must be the one a single thread gives, related locations
 * included (SARIF), and the findings must say what the copies make true.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..');
const CLI = join(ROOT, 'server', 'out', 'cli.js');

const DEPLOYMENT = `apiVersion: apps/v1
kind: Deployment
metadata: {name: web}
spec:
  replicas: 3
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      containers:
      - name: web
        image: nginx:1.27
        resources: {requests: {memory: 64Mi}}
---
apiVersion: v1
kind: Service
metadata: {name: web}
spec:
  selector: {app: web}
  ports: [{port: 80, targetPort: 8080}]
---
apiVersion: policy/v1
kind: PodDisruptionBudget
metadata: {name: web}
spec:
  minAvailable: 1
  selector: {matchLabels: {app: web}}
`;

const HPA = (name: string, min: number) => `apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata: {name: ${name}}
spec:
  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: web}
  minReplicas: ${min}
  maxReplicas: 10
  metrics:
  - type: Resource
    resource: {name: cpu, target: {type: Utilization, averageUtilization: 70}}
`;

const COPIES = 40;

function cli(args: string[]) {
  const r = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', maxBuffer: 1 << 28, env: { ...process.env, NO_COLOR: '1' } });
  assert.notEqual(r.status, 2, r.stderr);
  return r.stdout;
}

test('copies of an app in one lint set: two threads report what one thread reports, related locations included', () => {
  assert.ok(existsSync(CLI), 'run `npm run build` first: server/out/cli.js is missing');
  const dir = mkdtempSync(join(tmpdir(), 'scalelint-copies-'));
  // Enough bytes that --threads 2 starts its worker (1 MB and up): padding comments in each workload file.
  const padding = `# ${'x'.repeat(200)}\n`.repeat(150);
  for (let i = 0; i < COPIES; i++) {
    const sub = join(dir, `copy-${String(i).padStart(3, '0')}`);
    mkdirSync(sub);
    writeFileSync(join(sub, 'app.yaml'), padding + DEPLOYMENT);
    // Two HPAs in files of their own: no workload of the name there, so each scales every copy.
    writeFileSync(join(sub, 'hpa-a.yaml'), HPA('web-a', 2));
    writeFileSync(join(sub, 'hpa-b.yaml'), HPA('web-b', 3));
  }
  const one = cli(['--format', 'sarif', '--threads', '1', dir]);
  const two = cli(['--format', 'sarif', '--threads', '2', dir]);
  assert.equal(two, one);

  const results = JSON.parse(one).runs[0].results as { ruleId: string; message: { text: string }; relatedLocations?: unknown[]; locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }[];
  const of = (rule: string) => results.filter((r) => r.ruleId === rule);
  // Every copy's Deployment is scaled by every HPA (none is in its file): replicas-with-hpa names both, once each.
  const replicas = of('replicas-with-hpa');
  assert.equal(replicas.length, COPIES);
  for (const r of replicas) {
    assert.match(r.message.text, /2 autoscalers \(HorizontalPodAutoscaler web-a \(2–10 replicas\); HorizontalPodAutoscaler web-b \(3–10 replicas\)\) scale/);
    assert.equal(r.relatedLocations?.length, 2 * COPIES);
  }
  // Every autoscaler but the first in the lint set conflicts with the first earlier one of another name (the
  // copies of one HPA are one object): web-b copies name web-a, later web-a copies name web-b.
  const conflicts = of('autoscaler-conflict');
  assert.equal(conflicts.length, 2 * COPIES - 1);
  for (const c of conflicts) {
    const file = c.locations[0].physicalLocation.artifactLocation.uri;
    const other = file.endsWith('hpa-b.yaml') ? 'web-a' : 'web-b';
    assert.match(c.message.text, new RegExp(`^HorizontalPodAutoscaler ${other} and HorizontalPodAutoscaler web-[ab] both scale Deployment web`));
    assert.equal(c.relatedLocations?.length, 1);
  }
  // No cpu request in any copy: each HPA reports each copy it scales.
  assert.equal(of('requests-for-utilization').length, 2 * COPIES * COPIES);
  // The Service's targetPort 8080 is declared by no selected pod (nothing declared: no finding), nothing else about it.
  assert.equal(of('service-selector').length, 0);
});

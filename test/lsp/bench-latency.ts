/**
 * Latency of the built server on one large file: 1,000 YAML documents (500 Deployments, 500 HPAs),
 * time from didChange to the diagnostics of that version, push (includes the 30 ms debounce) and pull.
 * Run after `node esbuild.mjs`: node --import tsx test/lsp/bench-latency.ts [documents] [mixed|deployments]
 * `deployments`: Deployments only, where the cross-document rules have little to match, to separate the
 * server's own cost from the engine's cross-document pass.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileUri, LspHarness } from './harness';

const documents = Number(process.argv[2] ?? 1000);
const onlyDeployments = process.argv[3] === 'deployments';
const EDITS = 30;

function bigFile(): { text: string; replicasLine: number[] } {
  const parts: string[] = [];
  const replicasLine: number[] = [];
  let line = 0;
  for (let i = 0; i < documents / 2; i++) {
    const deployment = `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: app-${i}\nspec:\n  replicas: 1\n  selector:\n    matchLabels: {app: app-${i}}\n  template:\n    metadata:\n      labels: {app: app-${i}}\n    spec:\n      containers:\n        - name: app\n          image: nginx\n          resources:\n            requests: {cpu: 100m, memory: 128Mi}\n`;
    // Every other Deployment has an HPA, so min-replicas (cross-document) fires on half of them.
    const hpa = `apiVersion: autoscaling/v2\nkind: HorizontalPodAutoscaler\nmetadata:\n  name: app-${i}\nspec:\n  scaleTargetRef:\n    apiVersion: apps/v1\n    kind: Deployment\n    name: app-${i % 2 === 0 ? i : `missing-${i}`}\n  minReplicas: 2\n  maxReplicas: 10\n`;
    const second = onlyDeployments ? deployment.replace(`app-${i}`, `app-${i}-b`) : hpa;
    replicasLine.push(line + 5);
    parts.push(deployment, second);
    line += deployment.split('\n').length - 1 + 1 + second.split('\n').length - 1 + 1;
  }
  return { text: parts.join('---\n'), replicasLine };
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

async function run(pull: boolean): Promise<number[]> {
  const dir = mkdtempSync(join(tmpdir(), 'scalelint-bench-'));
  const lsp = await LspHarness.start({ folder: dir, pull });
  try {
    const uri = fileUri(join(dir, 'big.yaml'));
    const { text, replicasLine } = bigFile();
    await lsp.open(uri, text, 1);
    if (pull) await lsp.pull(uri);
    else await lsp.waitForDiagnostics(uri, (p) => p.version === 1, 'first lint', 60_000);
    const times: number[] = [];
    for (let v = 2; v < 2 + EDITS; v++) {
      const line = replicasLine[(v * 37) % replicasLine.length];
      const started = performance.now();
      await lsp.edit(uri, v, { start: { line, character: 12 }, end: { line, character: 13 } }, String(v % 2 ? 1 : 3));
      if (pull) await lsp.pull(uri);
      else await lsp.waitForDiagnostics(uri, (p) => p.version === v, `version ${v}`, 60_000);
      times.push(performance.now() - started);
    }
    await lsp.shutdown();
    return times;
  } finally {
    lsp.kill();
    rmSync(dir, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  const push = await run(false);
  const pull = await run(true);
  console.log(`${documents} documents (${onlyDeployments ? 'Deployments only' : 'Deployments and HPAs'}) in one file, ${EDITS} single-value edits:`);
  console.log(`  push: didChange → publishDiagnostics  median ${median(push).toFixed(1)} ms, max ${Math.max(...push).toFixed(1)} ms (30 ms debounce included)`);
  console.log(`  pull: didChange + textDocument/diagnostic  median ${median(pull).toFixed(1)} ms, max ${Math.max(...pull).toFixed(1)} ms`);
}

void main();

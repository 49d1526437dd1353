/**
 * Issue 11's speed target: a keystroke in the values file of a 30-template chart — the chart rendered again
 * (as written and with each gate on), linted, its findings placed back and published on values.yaml — through
 * the language server over stdio, p50/p95 client-side; and the render time of `helm create`'s chart in process.
 *   node --import tsx scripts/bench/chart.ts [--server path/to/server.js] [--edits 40]
 * `npm run bench` runs it after the manifest workloads (its table goes into .bench/results.md).
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { defaultConfig, LineIndex, Linter, renderChart } from '../../server/src/engine';
import { addRenders, diskReader, enginePath, renderedFindings } from '../../server/src/node/sources';
import { BenchClient, type ServerSpec } from './lsp-client';

const ROOT = resolve(__dirname, '..', '..');
const HELM_CREATE = join(ROOT, 'test', 'unit', 'engine', 'sources', 'helm', 'charts', 'helm4-create', 'mychart');

const median = (xs: number[]) => quantile(xs, 0.5);
function quantile(xs: number[], q: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.min(s.length - 1, Math.floor(q * s.length))]! : NaN;
}

/** Extra templates like a real chart's: a worker Deployment with its Service, through the scaffold's helpers. */
function workerTemplate(n: number): string {
  return `{{- $name := printf "%s-worker-${n}" (include "mychart.fullname" .) }}
apiVersion: apps/v1
kind: Deployment
metadata:
  name: {{ $name }}
  labels:
    {{- include "mychart.labels" . | nindent 4 }}
spec:
  replicas: {{ .Values.workers.replicas }}
  selector:
    matchLabels:
      app: {{ $name }}
  template:
    metadata:
      labels:
        app: {{ $name }}
    spec:
      containers:
        - name: worker
          image: "{{ .Values.image.repository }}:{{ .Values.image.tag | default .Chart.AppVersion }}"
          ports:
            - name: http
              containerPort: {{ .Values.service.port }}
          readinessProbe:
            httpGet: {path: /ready, port: http}
          livenessProbe:
            httpGet: {path: /live, port: http}
          resources:
            {{- toYaml .Values.workers.resources | nindent 12 }}
---
apiVersion: v1
kind: Service
metadata:
  name: {{ $name }}
spec:
  selector:
    app: {{ $name }}
  ports:
    - port: {{ .Values.service.port }}
      targetPort: http
`;
}

/** helm create's chart plus worker templates, 30 templates in all, in a fresh folder. */
function buildChart(folder: string): { valuesPath: string; templates: number } {
  const chart = join(folder, 'mychart');
  cpSync(HELM_CREATE, chart, { recursive: true });
  let templates = 8; // the scaffold's: deployment, service, serviceaccount, ingress, httproute, hpa, NOTES.txt, tests/test-connection
  for (let n = 1; templates < 30; n++, templates++) writeFileSync(join(chart, 'templates', `worker-${n}.yaml`), workerTemplate(n));
  const valuesPath = join(chart, 'values.yaml');
  writeFileSync(valuesPath, `${readFileSync(valuesPath, 'utf8')}\nworkers:\n  replicas: 2\n  resources:\n    requests: {cpu: 100m, memory: 128Mi}\n    limits: {memory: 128Mi}\n`);
  return { valuesPath, templates };
}

/** `helm create`'s chart rendered in process (reader, values, every template, gates as Helm leaves them): median of 15. */
function helmCreateRenderMs(): number {
  const reader = diskReader();
  const root = enginePath(HELM_CREATE);
  const times: number[] = [];
  for (let i = 0; i < 15; i++) {
    const t = performance.now();
    renderChart(reader, root, {});
    times.push(performance.now() - t);
  }
  return median(times.slice(3));
}

export interface ChartBenchResult {
  templates: number;
  renderMs: number;
  open: number;
  edits: number[];
  diagnostics: number;
}

export async function chartBench(spec: ServerSpec, editCount = 40, log: (line: string) => void = () => undefined): Promise<ChartBenchResult> {
  log('Chart: a keystroke in the values file of a 30-template chart');
  const folder = mkdtempSync(join(tmpdir(), 'scalelint-bench-chart-'));
  try {
    const { valuesPath, templates } = buildChart(folder);
    const renderMs = helmCreateRenderMs();
    const client = await BenchClient.start(spec, folder);
    try {
      const uri = pathToFileURL(valuesPath).href;
      const text = readFileSync(valuesPath, 'utf8');
      const { wall: open } = await client.open(uri, text);
      await client.settle(uri, 300);
      // Typing in autoscaling.minReplicas: 1 ↔ 3, so each keystroke changes what the gated HPA's render reports.
      const line = text.split('\n').findIndex((l) => /^\s+minReplicas: 1\b/.test(l));
      const at = new LineIndex(text).position(text.split('\n').slice(0, line).join('\n').length + 1 + text.split('\n')[line]!.indexOf('1'));
      const edits: number[] = [];
      for (let i = 0; i < editCount; i++) {
        const range = { start: at, end: { line: at.line, character: at.character + 1 } };
        edits.push(await client.edit(uri, i + 2, range, i % 2 === 0 ? '3' : '1'));
      }
      const diagnostics = client.latest(uri)?.diagnostics.length ?? 0;
      log(`  open ${open.toFixed(0)} ms, keystroke p50 ${median(edits).toFixed(1)} p95 ${quantile(edits, 0.95).toFixed(1)} ms; helm create render ${renderMs.toFixed(1)} ms`);
      return { templates, renderMs, open, edits, diagnostics };
    } finally {
      await client.shutdown();
    }
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

/** The markdown lines for .bench/results.md. */
export function chartLines(r: ChartBenchResult): string[] {
  const ms = (x: number) => x.toFixed(x < 10 ? 1 : 0);
  return [
    `A keystroke in the values file of a ${r.templates}-template chart (helm create's, plus worker Deployments and Services): the server renders the chart again (as written, and once per gate forced on), lints the renders and publishes the placed findings on values.yaml, client-side wall clock over ${r.edits.length} edits:`,
    '',
    '| chart | open values.yaml → first diagnostics | per keystroke p50 | p95 | diagnostics on values.yaml | helm create chart render (in process) |',
    '|---|---:|---:|---:|---:|---:|',
    `| ${r.templates} templates | ${ms(r.open)} ms | ${ms(median(r.edits))} ms | ${ms(quantile(r.edits, 0.95))} ms | ${r.diagnostics} | ${ms(r.renderMs)} ms |`,
  ];
}

export function profileInProcess(): void {
  const folder = mkdtempSync(join(tmpdir(), 'scalelint-bench-chart-'));
  const { valuesPath } = buildChart(folder);
  const chart = enginePath(join(folder, 'mychart'));
  let text = readFileSync(valuesPath, 'utf8');
  const t: Record<string, number[]> = { render: [], addRenders: [], place: [] };
  for (let i = 0; i < 20; i++) {
    text = text.replace(/minReplicas: [13]/, i % 2 ? 'minReplicas: 1' : 'minReplicas: 3');
    const reader = diskReader((p) => (p === enginePath(valuesPath) ? text : undefined));
    let s = performance.now();
    renderChart(reader, chart, {});
    t.render!.push(performance.now() - s);
    const linter = new Linter(() => defaultConfig());
    s = performance.now();
    const set = addRenders(linter, [`/${chart}/Chart.yaml`], { reader, newLinter: () => new Linter(() => defaultConfig()) });
    t.addRenders!.push(performance.now() - s);
    s = performance.now();
    renderedFindings(linter, set);
    t.place!.push(performance.now() - s);
  }
  for (const [k, v] of Object.entries(t)) console.log(k, median(v.slice(5)).toFixed(1), 'ms');
}

if (process.argv.includes('--profile')) profileInProcess();
else if (require.main === module) {
  const arg = (name: string, fallback: string) => {
    const i = process.argv.indexOf(`--${name}`);
    return i >= 0 ? process.argv[i + 1]! : fallback;
  };
  const script = resolve(arg('server', join(ROOT, 'server', 'out', 'server.js')));
  const spec: ServerSpec = { name: 'ScaleLint', script, args: ['--stdio'], settings: { scalelint: {} }, versioned: true };
  void chartBench(spec, Number(arg('edits', '40'))).then((r) => console.log(chartLines(r).join('\n')));
}

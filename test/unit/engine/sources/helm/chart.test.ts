/**
 * Real charts: the `helm create` scaffolds of Helm 4 and Helm 3 (fixtures, see charts/SOURCES.md), rendered
 * and compared with what `helm template` prints; gated templates; chart-root discovery.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import type { FileReader, RenderResult } from '../../../../../server/src/engine/sources/rendered';
import { findChartRoot, findTopChartRoot, isChartRoot, renderChart } from '../../../../../server/src/engine/sources/helm/index';
import { memReader } from './helpers';

const CHARTS = join(import.meta.dirname, 'charts');

function fsReader(base: string): FileReader {
  return {
    read: (p) => {
      try {
        return readFileSync(join(base, p), 'utf8');
      } catch {
        return undefined;
      }
    },
    list: (f) => {
      try {
        return readdirSync(join(base, f)).map((n) => (statSync(join(base, f, n)).isDirectory() ? n + '/' : n));
      } catch {
        return undefined;
      }
    },
  };
}

/** `helm template` output → source name → document text (as Helm prints it, after `# Source:`). */
function golden(file: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const part of readFileSync(join(CHARTS, file), 'utf8').split(/^---\n/m).slice(1)) {
    const m = /^# Source: (\S+)\n([\s\S]*)$/.exec(part);
    assert.ok(m, part);
    out.set(m[1]!, m[2]!);
  }
  return out;
}

function manifests(r: RenderResult): Map<string, string> {
  return new Map(r.documents.filter((d) => !d.gate).map((d) => [d.name, d.text]));
}

for (const version of ['helm4-create', 'helm3-create']) {
  const reader = fsReader(join(CHARTS, version));

  test(`${version}: default values render exactly as helm template prints them`, () => {
    const r = renderChart(reader, 'mychart');
    assert.deepEqual(r.problems, []);
    const want = golden('helm-create.expected.yaml');
    const got = manifests(r);
    assert.deepEqual([...got.keys()].sort(), [...want.keys()].sort());
    for (const [name, text] of want) {
      assert.equal(got.get(name), text, name);
      assert.deepEqual(parse(got.get(name)!), parse(text), name);
    }
    assert.ok(r.inputs.includes('mychart/values.yaml') && r.inputs.includes('mychart/templates/_helpers.tpl'));
  });

  test(`${version}: with --set, a release name and a namespace`, () => {
    const r = renderChart(reader, 'mychart', {
      releaseName: 'prod', namespace: 'apps',
      set: ['autoscaling.enabled=true,ingress.enabled=true,serviceAccount.create=false,fullnameOverride=web', 'autoscaling.targetMemoryUtilizationPercentage=70'],
    });
    assert.deepEqual(r.problems, []);
    const want = golden('helm-create.autoscaling.expected.yaml');
    const got = manifests(r);
    assert.deepEqual([...got.keys()].sort(), [...want.keys()].sort());
    for (const [name, text] of want) assert.equal(got.get(name), text, name);
    // Still gated: the HTTPRoute, and now the ServiceAccount.
    assert.deepEqual(r.documents.filter((d) => d.gate).map((d) => d.gate), ['httpRoute.enabled', 'serviceAccount.create']);
  });

  test(`${version}: gated templates come back rendered with their gate true`, () => {
    const r = renderChart(reader, 'mychart');
    const gated = r.documents.filter((d) => d.gate);
    assert.deepEqual(gated.map((d) => [d.name, d.gate]), [
      ['mychart/templates/hpa.yaml', 'autoscaling.enabled'],
      ['mychart/templates/httproute.yaml', 'httpRoute.enabled'],
      ['mychart/templates/ingress.yaml', 'ingress.enabled'],
    ]);
    const hpa = gated[0]!;
    assert.deepEqual(parse(hpa.text).spec.minReplicas, 1);
    const values = reader.read('mychart/values.yaml')!;
    const i = hpa.text.indexOf('minReplicas: ') + 'minReplicas: '.length;
    const seg = hpa.segments.find((s) => s.start === i)!;
    const at = values.indexOf('minReplicas: 1') + 'minReplicas: '.length;
    // The action that printed it, for the finding's related information: `{{ .Values.autoscaling.minReplicas }}`.
    const template = reader.read('mychart/templates/hpa.yaml')!;
    const action = template.indexOf('{{ .Values.autoscaling.minReplicas }}');
    const via = { file: 'mychart/templates/hpa.yaml', start: action, end: action + '{{ .Values.autoscaling.minReplicas }}'.length };
    assert.deepEqual(seg, { start: i, end: i + 1, kind: 'value', file: 'mychart/values.yaml', fileStart: at, fileEnd: at + 1, verbatim: true, note: 'when autoscaling.enabled is true', via });
  });

  test(`${version}: origins in the deployment`, () => {
    const r = renderChart(reader, 'mychart');
    const d = r.documents.find((x) => x.name === 'mychart/templates/deployment.yaml')!;
    const values = reader.read('mychart/values.yaml')!;
    const seg = (needle: string): { file: string; text: string; kind: string } => {
      const i = d.text.indexOf(needle);
      const s = d.segments.find((x) => x.start <= i && i < x.end)!;
      return { file: s.file, text: s.file.endsWith('values.yaml') ? values.slice(s.fileStart, s.fileEnd) : '', kind: s.kind };
    };
    assert.deepEqual(seg('replicas: 1').kind, 'template');
    const i = d.text.indexOf('replicas: ') + 'replicas: '.length;
    const rep = d.segments.find((x) => x.start === i)!;
    assert.equal(values.slice(rep.fileStart, rep.fileEnd), '1');
    assert.equal(values.slice(0, rep.fileStart).endsWith('replicaCount: '), true);
    assert.deepEqual(seg('nginx'), { file: 'mychart/values.yaml', text: 'nginx', kind: 'value' });
    assert.deepEqual(seg('IfNotPresent'), { file: 'mychart/values.yaml', text: 'IfNotPresent', kind: 'value' });
    assert.deepEqual(seg('/\n'), { file: 'mychart/values.yaml', text: '/', kind: 'value' });
    assert.deepEqual(seg('mychart-0.1.0').kind, 'template');
  });

  test(`${version}: render time`, () => {
    renderChart(reader, 'mychart');
    const t0 = performance.now();
    const runs = 20;
    for (let k = 0; k < runs; k++) renderChart(reader, 'mychart');
    const ms = (performance.now() - t0) / runs;
    console.log(`${version}: renderChart ${ms.toFixed(2)} ms per render (file reads included)`);
    assert.ok(ms < 200);
  });
}

test('isChartRoot, findChartRoot, findTopChartRoot', () => {
  const r = memReader({
    'repo/app/Chart.yaml': 'name: app\n',
    'repo/app/templates/hpa.yaml': '',
    'repo/app/charts/sub/Chart.yaml': 'name: sub\n',
    'repo/app/charts/sub/templates/x.yaml': '',
    'repo/plain/x.yaml': '',
  });
  assert.equal(isChartRoot(r, 'repo/app'), true);
  assert.equal(isChartRoot(r, 'repo/plain'), false);
  assert.equal(findChartRoot(r, 'repo/app/templates/hpa.yaml'), 'repo/app');
  assert.equal(findChartRoot(r, 'repo/app/charts/sub/templates/x.yaml'), 'repo/app/charts/sub');
  assert.equal(findTopChartRoot(r, 'repo/app/charts/sub/templates/x.yaml'), 'repo/app');
  assert.equal(findChartRoot(r, 'repo/plain/x.yaml'), undefined);
  assert.equal(findChartRoot(r, 'repo/app'), 'repo/app');
});

test('no Chart.yaml: one error, no throw; a reader that throws is survived', () => {
  const r = renderChart(memReader({}), 'nowhere');
  assert.equal(r.documents.length, 0);
  assert.equal(r.problems.length, 1);
  const bad: FileReader = { read: () => { throw new Error('io'); }, list: () => { throw new Error('io'); } };
  assert.doesNotThrow(() => renderChart(bad, 'x'));
});

test('a gated template that fails only with its gate forced true gives an info problem, not an error', () => {
  const r = renderChart(memReader({
    'g/Chart.yaml': 'name: g\nversion: 1.0.0\n',
    'g/values.yaml': 'pdb:\n  enabled: false\n',
    'g/templates/pdb.yaml': '{{- if .Values.pdb.enabled }}\nminAvailable: {{ required "pdb.minAvailable is required" .Values.pdb.minAvailable }}\n{{- end }}\n',
  }), 'g');
  assert.equal(r.documents.length, 0);
  assert.deepEqual(r.problems.map((p) => [p.severity, p.message]), [['info', 'when pdb.enabled is true: execution error at (g/templates/pdb.yaml:2:17): pdb.minAvailable is required']]);
});

test('fuzz: the scaffold with random cuts and splices in its templates and values never throws', () => {
  const base = join(CHARTS, 'helm4-create');
  const files: Record<string, string> = {};
  for (const p of ['Chart.yaml', 'values.yaml', 'templates/_helpers.tpl', 'templates/deployment.yaml', 'templates/hpa.yaml', 'templates/ingress.yaml']) {
    files[`mychart/${p}`] = readFileSync(join(base, 'mychart', p), 'utf8');
  }
  let seed = 11;
  const rnd = (n: number): number => {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    return seed % n;
  };
  const keys = Object.keys(files);
  for (let i = 0; i < 150; i++) {
    const mutated = { ...files };
    for (let k = 0; k < 3; k++) {
      const f = keys[rnd(keys.length)]!;
      const t = mutated[f]!;
      const a = rnd(t.length);
      const b = Math.min(t.length, a + rnd(40));
      const donor = files[keys[rnd(keys.length)]!]!;
      const c = rnd(donor.length);
      mutated[f] = t.slice(0, a) + donor.slice(c, c + rnd(30)) + t.slice(b);
    }
    assert.doesNotThrow(() => renderChart(memReader(mutated), 'mychart', { set: ['autoscaling.enabled=true'] }));
  }
});

test('gating: declarations before the if do not hide the gate; an else, a second block or a computed condition do', () => {
  const files = (t: string): Record<string, string> => ({ 'g/Chart.yaml': 'name: g\nversion: 1.0.0\n', 'g/values.yaml': 'hpa:\n  enabled: false\n  max: 5\n', 'g/templates/t.yaml': t });
  const gates = (t: string): (string | undefined)[] => renderChart(memReader(files(t)), 'g').documents.map((d) => d.gate);
  assert.deepEqual(gates('{{- $max := .Values.hpa.max -}}\n{{- if .Values.hpa.enabled }}\nmaxReplicas: {{ $max }}\n{{- end }}\n'), ['hpa.enabled']);
  assert.deepEqual(gates('{{- if .Values.hpa.enabled }}\nx: 1\n{{- else }}\ny: 1\n{{- end }}\n'), [undefined]);
  assert.deepEqual(gates('{{- if .Values.hpa.enabled }}\nx: 1\n{{- end }}\n{{- if .Values.hpa.enabled }}\ny: 1\n{{- end }}\n'), []);
  assert.deepEqual(gates('{{- if and .Values.hpa.enabled true }}\nx: 1\n{{- end }}\n'), []);
});

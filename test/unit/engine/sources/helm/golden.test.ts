/**
 * Helm's own `helm template` goldens (helm/helm pkg/cmd/testdata/output/*.txt) for its test charts
 * (pkg/cmd/testdata/testcharts/subchart and issue-9027), with the same command-line options: subcharts
 * named by their Chart.yaml, dependency conditions and tags, --set, --values, --kube-version, a release
 * name, --api-versions, nulls in a parent's values.yaml that do not delete a subchart's defaults. See charts/SOURCES.md.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { FileReader } from '../../../../../server/src/engine/sources/rendered';
import { renderChart, type RenderOptions } from '../../../../../server/src/engine/sources/helm/index';

const BASE = join(import.meta.dirname, 'charts', 'helm-testcharts');

const reader: FileReader = {
  read: (p) => {
    try {
      return readFileSync(join(BASE, p), 'utf8');
    } catch {
      return undefined;
    }
  },
  list: (f) => {
    try {
      return readdirSync(join(BASE, f)).map((n) => (statSync(join(BASE, f, n)).isDirectory() ? n + '/' : n));
    } catch {
      return undefined;
    }
  },
};

/** A golden → source name → the document Helm printed (trimmed, as `helm template` prints each). */
function golden(file: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const part of readFileSync(join(BASE, file), 'utf8').split(/^---\n/m).slice(1)) {
    const m = /^# Source: (\S+)\n([\s\S]*)$/.exec(part);
    assert.ok(m, part);
    out.set(m[1]!, m[2]!.trim() + '\n');
  }
  return out;
}

const CASES: [string, string, RenderOptions][] = [
  ['subchart', 'template.txt', { kubernetesVersion: '1.20.0' }],
  ['subchart', 'template-set.txt', { kubernetesVersion: '1.20.0', set: ['service.name=apache'] }],
  ['subchart', 'template-values-files.txt', { kubernetesVersion: '1.20.0', valueFiles: ['subchart/charts/subchartA/values.yaml'] }],
  ['subchart', 'template-with-kube-version.txt', { kubernetesVersion: '1.16.0' }],
  ['subchart', 'template-with-api-version.txt', { kubernetesVersion: '1.20.0', apiVersions: ['helm.k8s.io/test', 'helm.k8s.io/test2'] }],
  ['subchart', 'template-name-template.txt', { kubernetesVersion: '1.20.0', releaseName: 'foobar-ywjj-baz' }],
  ['subchart', 'template-subchart-cm.txt', { kubernetesVersion: '1.20.0', set: ['configmap.enabled=true', 'subchartb.enabled=true'] }],
  ['subchart', 'template-subchart-cm-set.txt', { kubernetesVersion: '1.20.0', set: ['configmap.enabled=true', 'subchartb.enabled=true', 'configmap.value=baz'] }],
  ['subchart', 'template-subchart-cm-set-file.txt', { kubernetesVersion: '1.20.0', valueFiles: ['subchart/extra_values.yaml'] }],
  ['issue-9027', 'issue-9027.txt', {}],
];

for (const [chart, file, options] of CASES) {
  test(`helm template golden ${file}`, () => {
    const r = renderChart(reader, chart, options);
    assert.deepEqual(r.problems, []);
    const want = golden(file);
    const got = new Map(r.documents.filter((d) => !d.gate).map((d) => [d.name, d.text]));
    assert.deepEqual([...got.keys()].sort(), [...want.keys()].sort());
    for (const [name, text] of want) assert.equal(got.get(name), text, name);
  });
}

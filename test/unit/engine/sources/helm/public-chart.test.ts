/**
 * A real public chart: stakater/application (MIT, see charts/SOURCES.md), rendered with the values, release
 * and API versions of its own helm-unittest suite (tests/common_test.yaml) and compared, as YAML data, with
 * that suite's snapshot of every document (tests/__snapshot__/common_test.yaml.snap).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parse, parseAllDocuments } from 'yaml';
import type { FileReader } from '../../../../../server/src/engine/sources/rendered';
import { renderChart } from '../../../../../server/src/engine/sources/helm/index';

const BASE = join(import.meta.dirname, 'charts', 'stakater-application');

const reader: FileReader = {
  read: (p) => {
    try {
      const text = readFileSync(join(BASE, p), 'utf8');
      // The snapshot was taken with the chart's version at 0.0.0 (helm.sh/chart: application-0.0.0).
      return p === 'application/Chart.yaml' ? text.replace(/^version: .*$/m, 'version: 0.0.0') : text;
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

/** Keys sorted, recursively: documents compared as data. */
function canon(x: unknown): unknown {
  if (Array.isArray(x)) return x.map(canon);
  if (x && typeof x === 'object') return Object.fromEntries(Object.keys(x).sort().map((k) => [k, canon((x as Record<string, unknown>)[k])]));
  return x;
}

test('stakater/application: every document equals its helm-unittest snapshot', () => {
  const suite = parse(readFileSync(join(BASE, 'application/tests/common_test.yaml'), 'utf8'));
  const r = renderChart(reader, 'application', {
    releaseName: 'RELEASE-NAME',
    namespace: 'NAMESPACE',
    valueFiles: suite.values.map((v: string) => 'application/' + v.replace('../', '')),
    apiVersions: suite.capabilities.apiVersions,
  });
  assert.deepEqual(r.problems, []);
  const ours: string[] = [];
  for (const d of r.documents.filter((x) => !x.gate)) {
    for (const doc of parseAllDocuments(d.text)) {
      const js = doc.toJS();
      // The suite's document selector: documents with a metadata.name.
      if (js?.metadata?.name) ours.push(JSON.stringify(canon(js)));
    }
  }
  const snapshot = parse(readFileSync(join(BASE, 'application/tests/__snapshot__/common_test.yaml.snap'), 'utf8'))['should match snapshot'];
  const theirs = Object.values(snapshot).map((t) => JSON.stringify(canon(parse(t as string))));
  assert.equal(theirs.length, 37);
  assert.deepEqual([...ours].sort(), [...theirs].sort());
});

test('stakater/application: the HPA and the Deployment map their numbers back to the values files', () => {
  const r = renderChart(reader, 'application', { valueFiles: ['application/ci/values.yaml'] });
  const hpa = r.documents.find((d) => d.name === 'application/templates/hpa.yaml');
  assert.ok(hpa, 'hpa rendered');
  const i = hpa.text.indexOf('maxReplicas: ') + 'maxReplicas: '.length;
  const seg = hpa.segments.find((s) => s.start === i);
  assert.ok(seg && seg.kind === 'value', JSON.stringify(seg));
  const file = reader.read(seg.file)!;
  assert.equal(file.slice(seg.fileStart, seg.fileEnd), hpa.text.slice(i, seg.end));
  assert.equal(seg.verbatim, true);
});

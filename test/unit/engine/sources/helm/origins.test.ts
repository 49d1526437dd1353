/**
 * Origins: every range of rendered text points at the template text that wrote it or, for a scalar printed
 * verbatim from a values file, at that scalar in the values file.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { RenderResult, Segment } from '../../../../../server/src/engine/sources/rendered';
import { renderChart } from '../../../../../server/src/engine/sources/helm/index';
import { CHART_YAML, memReader, renderOne } from './helpers';

/** The segment covering `needle` (the first occurrence after `after`) in the first document. */
function at(r: RenderResult, needle: string, after = ''): Segment {
  const d = r.documents[0]!;
  const i = d.text.indexOf(needle, after ? d.text.indexOf(after) : 0);
  assert.ok(i >= 0, `${needle} not in ${d.text}`);
  const s = d.segments.find((x) => x.start <= i && i < x.end);
  assert.ok(s, `no segment at ${i}`);
  return s;
}

function slice(files: Record<string, string>, s: Segment): string {
  return files[s.file]!.slice(s.fileStart, s.fileEnd);
}

const VALUES = 'autoscaling:\n  enabled: true\n  minReplicas: 1\n';

test('minReplicas: {{ .Values.autoscaling.minReplicas }} → the 1 in values.yaml, verbatim', () => {
  const tpl = 'minReplicas: {{ .Values.autoscaling.minReplicas }}\n';
  const r = renderOne(tpl, VALUES);
  assert.deepEqual(r.documents[0]!.segments, [
    { start: 0, end: 13, kind: 'template', file: 'demo/templates/t.yaml', fileStart: 0, fileEnd: 13, verbatim: true },
    { start: 13, end: 14, kind: 'value', file: 'demo/values.yaml', fileStart: VALUES.indexOf('1'), fileEnd: VALUES.indexOf('1') + 1, verbatim: true, via: { file: 'demo/templates/t.yaml', start: 13, end: tpl.length - 1 } },
  ]);
});

test('quote and squote: the segment covers the inside of the quotes', () => {
  const values = 'name: web\nport: 80\n';
  const r = renderOne('a: {{ .Values.name | quote }}\nb: {{ squote .Values.port }}\n', values);
  const a = at(r, 'web');
  assert.deepEqual([a.kind, a.start, a.end, a.fileStart, a.fileEnd, a.verbatim], ['value', 4, 7, 6, 9, true]);
  const b = at(r, '80');
  assert.deepEqual([b.kind, b.fileStart, b.fileEnd, b.verbatim], ['value', values.indexOf('80'), values.indexOf('80') + 2, true]);
  // The quotes themselves are the action's.
  assert.deepEqual([at(r, '"').kind, at(r, '"').verbatim], ['template', false]);
});

test('a quoted scalar in values.yaml: the origin is inside its quotes', () => {
  const values = 'tag: "1.2"\n';
  const r = renderOne('image: app:{{ .Values.tag }}\n', values);
  const s = at(r, '1.2');
  assert.deepEqual([s.kind, s.fileStart, s.fileEnd, s.verbatim], ['value', 6, 9, true]);
});

test('default: the value when it won, the action when the default did', () => {
  const tpl = 'a: {{ .Values.tag | default "latest" }}\nb: {{ .Values.none | default "latest" }}\n';
  const values = 'tag: v1\nnone: ""\n';
  const r = renderOne(tpl, values);
  assert.deepEqual([at(r, 'v1').kind, at(r, 'v1').verbatim], ['value', true]);
  const d = at(r, 'latest');
  assert.deepEqual([d.kind, d.file, d.fileStart, d.fileEnd, d.verbatim], ['template', 'demo/templates/t.yaml', tpl.indexOf('{{ .Values.none'), tpl.indexOf('}}', tpl.indexOf('{{ .Values.none')) + 2, false]);
});

test('toYaml | nindent: each scalar points at its node in values.yaml', () => {
  const values = 'resources:\n  limits:\n    cpu: 500m\n  requests:\n    cpu: 100m\n    memory: "128Mi"\nhosts: [a.example, b.example]\n';
  const files = { 'demo/Chart.yaml': CHART_YAML, 'demo/values.yaml': values, 'demo/templates/t.yaml': 'resources:\n  {{- toYaml .Values.resources | nindent 2 }}\nhosts:\n  {{- toYaml .Values.hosts | nindent 2 }}\n' };
  const r = renderChart(memReader(files), 'demo');
  assert.equal(r.documents[0]!.text, 'resources:\n  limits:\n    cpu: 500m\n  requests:\n    cpu: 100m\n    memory: 128Mi\nhosts:\n  - a.example\n  - b.example\n');
  for (const [needle, after] of [['500m', ''], ['100m', ''], ['128Mi', ''], ['a.example', ''], ['b.example', '']] as const) {
    const s = at(r, needle, after);
    assert.equal(s.kind, 'value', needle);
    assert.equal(slice(files, s), needle);
    assert.equal(s.verbatim, true);
  }
  // Keys written by toYaml are the action's, not verbatim.
  assert.deepEqual([at(r, 'limits').kind, at(r, 'limits').verbatim], ['template', false]);
});

test('a value whose printed text differs from the file is a value segment, not verbatim', () => {
  const values = 'big: 1000000\n';
  const r = renderOne('n: {{ .Values.big }}\n', values);
  const s = at(r, '1e+06');
  assert.deepEqual([s.kind, s.fileStart, s.fileEnd, s.verbatim], ['value', 5, 12, false]);
});

test('values from a -f file point at that file; --set values at the action', () => {
  const files = { 'demo/Chart.yaml': CHART_YAML, 'demo/values.yaml': 'a: 1\nb: 2\n', 'demo/templates/t.yaml': 'a: {{ .Values.a }}\nb: {{ .Values.b }}\n', 'prod.yaml': 'a: 5\n' };
  const r = renderChart(memReader(files), 'demo', { valueFiles: ['prod.yaml'], set: ['b=7'] });
  assert.deepEqual([at(r, '5').file, at(r, '5').fileStart, at(r, '5').verbatim], ['prod.yaml', 3, true]);
  assert.deepEqual([at(r, '7').kind, at(r, '7').verbatim], ['template', false]);
});

test('printf, arithmetic and other computed output: a template segment on the action', () => {
  const tpl = 'n: {{ printf "%s-x" .Values.name }}\n';
  const r = renderOne(tpl, 'name: a\n');
  const s = at(r, 'a-x');
  assert.deepEqual([s.kind, s.fileStart, s.fileEnd, s.verbatim], ['template', 3, tpl.length - 1, false]);
});

test('through variables, range, with, include, trunc and trimSuffix that change nothing, toString, trim', () => {
  const values = 'hosts:\n  - one\n  - two\nname: svc\nport: 8080\npad: "  p  "\n';
  const files = {
    'demo/Chart.yaml': CHART_YAML,
    'demo/values.yaml': values,
    'demo/templates/_h.tpl': '{{ define "n" }}{{ .Values.name | trunc 63 | trimSuffix "-" }}{{ end }}',
    'demo/templates/t.yaml': '{{ range .Values.hosts }}- {{ . }}\n{{ end }}{{ $p := .Values.port }}p: {{ $p | toString }}\n{{ with .Values.name }}w: {{ . }}{{ end }}\ni: {{ include "n" . }}\nt: {{ trim .Values.pad }}\n',
  };
  const r = renderChart(memReader(files), 'demo');
  assert.equal(r.documents[0]!.text, '- one\n- two\np: 8080\nw: svc\ni: svc\nt: p\n');
  for (const [needle, after] of [['one', ''], ['two', ''], ['8080', ''], ['svc', 'w:'], ['svc', 'i:'], ['p', 't:']] as const) {
    const s = at(r, needle, after);
    assert.deepEqual([s.kind, slice(files, s), s.verbatim], ['value', needle, true], `${needle} after ${after}`);
  }
});

test('segments are sorted, do not overlap and cover the whole text', () => {
  const r = renderOne('a: {{ .Values.a | quote }}\n{{- range .Values.l }}\n- {{ . }}{{ end }}\nb: {{ toYaml .Values.m | nindent 2 }}\n', 'a: x\nl: [1, 2]\nm: {k: v, j: [1]}\n');
  const d = r.documents[0]!;
  let pos = 0;
  for (const s of d.segments) {
    assert.equal(s.start, pos);
    assert.ok(s.end > s.start);
    pos = s.end;
  }
  assert.equal(pos, d.text.length - 1);
});

test('tpl: the literal text of a values string keeps its origin, values printed inside keep theirs (bitnami tplvalues idiom)', () => {
  const values = 'host: "api.{{ .Values.domain }}"\ndomain: example.com\nlabels:\n  team: core\n  app: "{{ .Release.Name }}"\n';
  const files = {
    'demo/Chart.yaml': CHART_YAML,
    'demo/values.yaml': values,
    'demo/templates/_tplvalues.tpl': '{{- define "render" -}}{{- if typeIs "string" .value }}{{- tpl .value .context }}{{- else }}{{- tpl (.value | toYaml) .context }}{{- end }}{{- end -}}',
    'demo/templates/t.yaml': 'host: {{ include "render" (dict "value" .Values.host "context" $) }}\nlabels:\n  {{- include "render" (dict "value" .Values.labels "context" $) | nindent 2 }}\n',
  };
  const r = renderChart(memReader(files), 'demo');
  // toYaml single-quotes a string that starts with {, and tpl keeps the quotes, as in Helm.
  assert.equal(r.documents[0]!.text, "host: api.example.com\nlabels:\n  app: 'release-name'\n  team: core\n");
  const api = at(r, 'api.');
  assert.deepEqual([api.kind, slice(files, api), api.verbatim], ['value', 'api.', true]);
  const dom = at(r, 'example.com');
  assert.deepEqual([dom.kind, slice(files, dom), dom.verbatim], ['value', 'example.com', true]);
  const team = at(r, 'core');
  assert.deepEqual([team.kind, slice(files, team), team.verbatim], ['value', 'core', true]);
  assert.equal(at(r, 'release-name').kind, 'template');
});

test('a file with several manifests prints them as helm template does: each trimmed, empty ones dropped', () => {
  const values = 'b: 2\n';
  const r = renderOne('\n---\na: 1  \n---\nb: {{ .Values.b }}\n---\n\n', values);
  const d = r.documents[0]!;
  assert.equal(d.text, 'a: 1\n---\nb: 2\n');
  const s = at(r, '2');
  assert.deepEqual([s.kind, s.start, s.fileStart, s.verbatim], ['value', d.text.indexOf('2'), 3, true]);
  assert.deepEqual(d.segments.map((x) => [x.start, x.end, x.kind]), [[0, 4, 'template'], [9, 12, 'template'], [12, 13, 'value']]);
});

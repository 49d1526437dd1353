/**
 * Values: Helm's --set syntax (strvals), merging of value files, coalescing over values.yaml, subchart
 * scopes and globals, dependency conditions.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseSet } from '../../../../../server/src/engine/sources/helm/strvals';
import { renderChart } from '../../../../../server/src/engine/sources/helm/index';
import { toJson } from '../../../../../server/src/engine/sources/helm/yaml-out';
import { CHART_YAML, memReader, raw } from './helpers';

function set(...exprs: string[]): string {
  const m = new Map();
  for (const e of exprs) parseSet(e, m);
  return toJson(m);
}

test('strvals: types, paths, lists, escapes (Helm pkg/strvals)', () => {
  assert.equal(set('name=value'), '{"name":"value"}');
  assert.equal(set('a=1,b=true,c=FALSE,d=null,e=0,f=00009,g=1.5,h=-3,i='), '{"a":1,"b":true,"c":false,"d":null,"e":0,"f":"00009","g":"1.5","h":-3,"i":""}');
  assert.equal(set('name1=one\\,two,name2=x'), '{"name1":"one,two","name2":"x"}');
  assert.equal(set('outer.inner.leaf=v'), '{"outer":{"inner":{"leaf":"v"}}}');
  assert.equal(set('list[0]=foo'), '{"list":["foo"]}');
  assert.equal(set('list[2]=foo'), '{"list":[null,null,"foo"]}');
  assert.equal(set('a.b[0].c=x', 'a.b[0].d=y'), '{"a":{"b":[{"c":"x","d":"y"}]}}');
  assert.equal(set('name={a,b,1}'), '{"name":["a","b",1]}');
  assert.equal(set('nested[0][1]=x'), '{"nested":[[null,"x"]]}');
  assert.equal(set('dotted\\.key=v'), '{"dotted.key":"v"}');
  assert.throws(() => set('novalue'));
  assert.throws(() => set('a,b=c'));
  assert.throws(() => set('list[70000]=x'));
});

test('--set over value files over values.yaml; maps merge, lists replace, null deletes', () => {
  const files = {
    'demo/Chart.yaml': CHART_YAML,
    'demo/values.yaml': 'a: {x: 1, w: 2}\nl: [1, 2]\ngone: here\nkeep: k\n',
    'demo/templates/t.yaml': '{{ toJson .Values }}',
    'v1.yaml': 'a: {w: 20, z: 30}\nl: [9]\ngone: null\n',
    'v2.yaml': 'a: {z: 300}\n',
  };
  const r = renderChart(memReader(files), 'demo', { valueFiles: ['v1.yaml', 'v2.yaml'], set: ['a.x=100', 'extra=e'] });
  assert.deepEqual(r.problems, []);
  assert.equal(r.documents[0]!.text, '{"a":{"w":20,"x":100,"z":300},"extra":"e","keep":"k","l":[9]}\n');
  assert.ok(r.inputs.includes('v1.yaml') && r.inputs.includes('v2.yaml'));
});

test('release options and the built-in objects', () => {
  assert.equal(raw('{{ .Release.Name }}|{{ .Release.Namespace }}|{{ .Release.Service }}|{{ .Release.IsInstall }}|{{ .Release.IsUpgrade }}|{{ .Release.Revision }}'), 'release-name|default|Helm|true|false|1');
  assert.equal(raw('{{ .Release.Name }}|{{ .Release.Namespace }}', '', { releaseName: 'prod', namespace: 'apps' }), 'prod|apps');
  assert.equal(raw('{{ .Chart.Name }}|{{ .Chart.Version }}|{{ .Chart.AppVersion }}|{{ .Chart.APIVersion }}|{{ .Template.Name }}|{{ .Template.BasePath }}'),
    'demo|0.1.0|1.16.0|v2|demo/templates/t.yaml|demo/templates');
});

test('.Chart as Helm 4 gives it: Go field names, unknown fields empty, maintainers and dependencies with Go names', () => {
  const r = renderChart(memReader({
    'c/Chart.yaml': 'name: c\nversion: 1.0.0\nmaintainers:\n  - name: Ann\n    email: a@x\ndependencies:\n  - name: d\n    version: 1.0.0\n    condition: d.on\nkeywords: [a, b]\n',
    'c/templates/t.yaml': '[{{ .Chart.Nope }}] {{ (first .Chart.Maintainers).Email }} {{ (first .Chart.Dependencies).Condition }} {{ .Chart.Keywords }} [{{ .Chart.Home }}] {{ .Chart.Deprecated }}',
  }), 'c');
  assert.deepEqual(r.problems, []);
  assert.equal(r.documents[0]!.text, '[] a@x d.on [a b] [] false\n');
});

test('Chart.yaml strings keep their text (appVersion: 1.10 is "1.10")', () => {
  const r = renderChart(memReader({ 'c/Chart.yaml': 'name: c\nversion: 1.0\nappVersion: 1.10\n', 'c/templates/t.yaml': '{{ .Chart.AppVersion }} {{ .Chart.Version }}' }), 'c');
  assert.equal(r.documents[0]!.text, '1.10 1.0\n');
});

test('.Files: Get, Lines, Glob, AsConfig, AsSecrets, range over Glob', () => {
  const files = {
    'demo/Chart.yaml': CHART_YAML,
    'demo/templates/r.yaml': '{{ range $path, $_ := .Files.Glob "conf/*" }}{{ $path }}={{ $.Files.Get $path | len }};{{ end }}',
    'demo/templates/t.yaml': '{{ .Files.Get "conf/a.txt" }}|{{ .Files.Lines "conf/b.txt" | len }}|{{ (.Files.Glob "conf/*.txt").AsConfig | indent 2 }}|{{ (.Files.Glob "conf/a.*").AsSecrets }}|{{ .Files.Get "nope" }}',
    'demo/conf/a.txt': 'A',
    'demo/conf/b.txt': 'x\ny',
    'demo/conf/c.bak': 'ignored by .helmignore',
    'demo/secret/key': 'ignored folder',
    'demo/.helmignore': '# comment\n*.bak\nsecret/\n',
  };
  const r = renderChart(memReader(files), 'demo');
  assert.equal(r.documents[0]!.text, 'conf/a.txt=1;conf/b.txt=3;\n');
  assert.equal(r.documents[1]!.text, 'A|2|  a.txt: A\n  b.txt: |-\n    x\n    y|a.txt: QQ==|\n');
});

test('subcharts: own values scope, parent section over defaults, globals, disabled by condition, packed .tgz', () => {
  const files = {
    'p/Chart.yaml': 'apiVersion: v2\nname: p\nversion: 1.0.0\ndependencies:\n  - name: sub\n    version: 1.0.0\n    condition: sub.enabled\n  - name: dis\n    version: 1.0.0\n    condition: dis.enabled\n',
    'p/values.yaml': 'global: {region: eu}\nsub: {enabled: true, size: big}\ndis: {enabled: false}\nmine: parent\n',
    'p/templates/t.yaml': 'parent: {{ .Values.sub.size }} {{ .Values.sub.color }}',
    'p/charts/sub/Chart.yaml': 'apiVersion: v2\nname: sub\nversion: 1.0.0\n',
    'p/charts/sub/values.yaml': 'size: small\ncolor: red\nglobal: {region: us, tier: gold}\n',
    'p/charts/sub/templates/s.yaml': 'sub: {{ .Values.size }} {{ .Values.color }} {{ .Values.global.region }} {{ .Values.global.tier }} [{{ .Values.mine }}] {{ .Chart.Name }} {{ .Template.Name }}',
    'p/charts/dis/Chart.yaml': 'apiVersion: v2\nname: dis\nversion: 1.0.0\n',
    'p/charts/dis/templates/o.yaml': 'dis: rendered',
    'p/charts/packed-1.0.0.tgz': 'binary',
  };
  const r = renderChart(memReader(files), 'p');
  assert.deepEqual(r.documents.map((d) => [d.name, d.text]), [
    ['p/charts/sub/templates/s.yaml', 'sub: big red eu gold [] sub p/charts/sub/templates/s.yaml\n'],
    ['p/templates/t.yaml', 'parent: big red\n'],
  ]);
  assert.deepEqual(r.problems.map((p) => [p.severity, p.file]), [['info', 'p/charts/packed-1.0.0.tgz']]);
});

test('values.yaml read as Helm reads it: YAML 1.1 scalars, anchors, merge keys, numbers through JSON', () => {
  const v = 'base: &b {x: 1, z: 2}\nderived:\n  <<: *b\n  z: 3\nref: *b\nts: 2024-01-01\noct: 0777\nhex: 0x1F\nflt: 1.50\nstr: "yes"\nboolish: yes\n';
  assert.equal(raw('{{ toJson .Values }}', v), '{"base":{"x":1,"z":2},"boolish":true,"derived":{"x":1,"z":3},"flt":1.5,"hex":31,"oct":511,"ref":{"x":1,"z":2},"str":"yes","ts":"2024-01-01"}');
  assert.equal(raw('{{ toYaml .Values }}', 'ts: 2024-01-01\ns: "yes"\nnum: "123"\nver: 1.2.3\nfl: 0.000001\nbig: 12345678\nml: "a\\nb\\n"\n'),
    'big: 12345678\nfl: 1e-06\nml: |\n  a\n  b\nnum: "123"\ns: "yes"\nts: "2024-01-01"\nver: 1.2.3');
});

test('import-values: exports by name and child → parent tables, below the parent\'s own values', () => {
  const files = {
    'p/Chart.yaml': 'apiVersion: v2\nname: p\nversion: 1.0.0\ndependencies:\n  - name: db\n    version: 1.0.0\n    import-values:\n      - data\n      - child: settings\n        parent: dbSettings\n',
    'p/values.yaml': 'port: 1\ndbSettings:\n  size: parent-wins\n',
    'p/templates/t.yaml': '{{ .Values.port }} {{ .Values.user }} {{ .Values.dbSettings.size }} {{ .Values.dbSettings.engine }}',
    'p/charts/db/Chart.yaml': 'apiVersion: v2\nname: db\nversion: 1.0.0\n',
    'p/charts/db/values.yaml': 'exports:\n  data:\n    port: 5432\n    user: admin\nsettings:\n  size: small\n  engine: pg\n',
  };
  const r = renderChart(memReader(files), 'p');
  assert.deepEqual(r.problems, []);
  assert.equal(r.documents[0]!.text, '1 admin parent-wins pg\n');
  const r2 = renderChart(memReader(files), 'p', { set: ['user=me'] });
  assert.equal(r2.documents[0]!.text, '1 me parent-wins pg\n');
});

test('a bad --set expression or a missing value file is one error each; the chart still renders', () => {
  const r = renderChart(memReader({ 'demo/Chart.yaml': CHART_YAML, 'demo/templates/t.yaml': 'ok: {{ .Values.a }}' }), 'demo', { set: ['a=1', 'novalue'], valueFiles: ['missing.yaml'] });
  assert.equal(r.documents[0]!.text, 'ok: 1\n');
  assert.deepEqual(r.problems.map((p) => [p.severity, p.file]), [['error', 'missing.yaml'], ['error', 'demo/Chart.yaml']]);
  assert.match(r.problems[1]!.message, /failed parsing --set data "novalue": key "novalue" has no value/);
});

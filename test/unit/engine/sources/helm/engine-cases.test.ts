/**
 * Behaviour Helm's engine tests pin down (helm/helm pkg/engine/engine_test.go), restated as charts for
 * renderChart: missing values, .Chart.IsRoot, .Subcharts, .Files as a map, include by file name, tpl
 * (redefinitions stay inside it, .Template, empty input), the recursion limit's message, library charts.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { renderChart } from '../../../../../server/src/engine/sources/helm/index';
import { memReader } from './helpers';

function render(files: Record<string, string>, root: string, set: string[] = []): Map<string, string> {
  const r = renderChart(memReader(files), root, { set });
  assert.deepEqual(r.problems, []);
  return new Map(r.documents.filter((d) => !d.gate).map((d) => [d.name, d.text]));
}

test('TestRender: title, lower, missing top-level key, toJson of values, getHostByName offline', () => {
  const out = render({
    'moby/Chart.yaml': 'name: moby\nversion: 1.2.3\n',
    'moby/values.yaml': 'outer: DEFAULT\ninner: DEFAULT\n',
    'moby/templates/test1': '{{.Values.outer | title }} {{.Values.inner | title}}',
    'moby/templates/test2': '{{.Values.global.callme | lower }}',
    'moby/templates/test3': 'x{{.noValue}}',
    'moby/templates/test4': '{{toJson .Values}}',
    'moby/templates/test5': 'x{{getHostByName "helm.sh"}}',
  }, 'moby', ['outer=spouter', 'inner=inn', 'global.callme=Ishmael']);
  assert.equal(out.get('moby/templates/test1'), 'Spouter Inn\n');
  assert.equal(out.get('moby/templates/test2'), 'ishmael\n');
  assert.equal(out.get('moby/templates/test3'), 'x\n');
  assert.equal(out.get('moby/templates/test4'), '{"global":{"callme":"Ishmael"},"inner":"inn","outer":"spouter"}\n');
  assert.equal(out.get('moby/templates/test5'), 'x\n');
});

test('.Chart.IsRoot, .Subcharts, nested values and globals', () => {
  const out = render({
    'top/Chart.yaml': 'name: top\nversion: 1.0.0\n',
    'top/values.yaml': 'what: stinkweed\nwho: me\nherrick:\n  who: time\n  deepest:\n    what: flower\n    where: Heaven\nglobal:\n  when: to-day\n',
    'top/templates/isroot': '{{.Chart.IsRoot}}',
    'top/templates/outer.tpl': 'Gather ye {{.Values.what}} while ye may',
    'top/templates/subcharts.tpl': 'The glorious Lamp of {{.Subcharts.herrick.Subcharts.deepest.Values.where}}, the {{.Subcharts.herrick.Values.what}}',
    'top/charts/herrick/Chart.yaml': 'name: herrick\nversion: 1.0.0\n',
    'top/charts/herrick/values.yaml': 'what: Sun\nwho: Nobody\n',
    'top/charts/herrick/templates/inner.tpl': "Old {{.Values.who}} is still a-flyin'",
    'top/charts/herrick/templates/isroot': '{{.Chart.IsRoot}}',
    'top/charts/herrick/charts/deepest/Chart.yaml': 'name: deepest\nversion: 1.0.0\n',
    'top/charts/herrick/charts/deepest/values.yaml': 'what: nothing\nwhere: here\n',
    'top/charts/herrick/charts/deepest/templates/inner.tpl': 'And this same {{.Values.what}} that smiles {{.Values.global.when}}',
  }, 'top', ['what=rosebuds']);
  assert.equal(out.get('top/templates/isroot'), 'true\n');
  assert.equal(out.get('top/charts/herrick/templates/isroot'), 'false\n');
  assert.equal(out.get('top/templates/outer.tpl'), 'Gather ye rosebuds while ye may\n');
  assert.equal(out.get('top/charts/herrick/templates/inner.tpl'), "Old time is still a-flyin'\n");
  assert.equal(out.get('top/charts/herrick/charts/deepest/templates/inner.tpl'), 'And this same flower that smiles to-day\n');
  assert.equal(out.get('top/templates/subcharts.tpl'), 'The glorious Lamp of Heaven, the Sun\n');
});

test('.Files as a map, .Template.Name, include by file name | indent', () => {
  const out = render({
    'conrad/Chart.yaml': 'name: conrad\nversion: 1.0.0\n',
    'conrad/author': 'Virgil',
    'conrad/book/title.txt': 'Aeneid',
    'conrad/templates/From': '{{.Files.author | printf "%s"}} {{.Files.Get "book/title.txt"}}',
    'conrad/templates/Lavinia': '{{.Template.Name}}{{.Chart.Name}}{{.Release.Name}}',
    'conrad/templates/quote': '{{include "conrad/templates/_partial" . | indent 2}} dead.',
    'conrad/templates/_partial': '{{.Release.Name}} - he',
  }, 'conrad');
  assert.equal(out.get('conrad/templates/From'), 'Virgil Aeneid\n');
  assert.equal(out.get('conrad/templates/Lavinia'), 'conrad/templates/Laviniaconradrelease-name\n');
  assert.equal(out.get('conrad/templates/quote'), 'release-name - he dead.\n');
});

test('tpl: definitions made inside stay inside; .Template passes through; empty input', () => {
  const values = [
    'partialText: \'{{define "partial"}}redefined-in-tpl{{end}}tpl: {{include "partial" .}}\'',
    'dot: {Template: {BasePath: path/to/template, Name: name-of-template}}',
  ].join('\n');
  const out = render({
    'Tpl/Chart.yaml': 'name: Tpl\nversion: 1.0.0\n',
    'Tpl/values.yaml': values,
    'Tpl/templates/_partials': '{{define "partial"}}original-in-partial{{end}}',
    'Tpl/templates/partial': 'before: {{include "partial" .}}\n{{tpl .Values.partialText .}}\nafter: {{include "partial" .}}',
    'Tpl/templates/default-basepath': '{{tpl "{{ .Template.BasePath }}" .}}',
    'Tpl/templates/default-name': '{{tpl "{{ .Template.Name }}" .}}',
    'Tpl/templates/modified-name': '{{tpl "{{ .Template.Name }}" .Values.dot}}',
    'Tpl/templates/empty': 'x{{tpl "" .}}{{tpl "{{ \\"\\"}}" .}}{{tpl "{{define \\"not-invoked\\"}}not-rendered{{end}}" .}}',
    'Tpl/templates/missing': 'missingValue: {{tpl "{{.Values.noSuchKey}}" .}}',
  }, 'Tpl');
  assert.equal(out.get('Tpl/templates/partial'), 'before: original-in-partial\ntpl: redefined-in-tpl\nafter: original-in-partial\n');
  assert.equal(out.get('Tpl/templates/default-basepath'), 'Tpl/templates\n');
  assert.equal(out.get('Tpl/templates/default-name'), 'Tpl/templates/default-name\n');
  assert.equal(out.get('Tpl/templates/modified-name'), 'name-of-template\n');
  assert.equal(out.get('Tpl/templates/empty'), 'x\n');
  assert.equal(out.get('Tpl/templates/missing'), 'missingValue:\n');
});

test('the recursion limit gives Helm\'s message; a library chart renders nothing of its own', () => {
  const r = renderChart(memReader({
    'rec/Chart.yaml': 'name: rec\nversion: 1.0.0\n',
    'rec/templates/base': '{{include "recursion" . }}',
    'rec/templates/recursion': '{{define "recursion"}}{{include "recursion" . }}{{end}}',
  }), 'rec');
  assert.equal(r.problems.length, 1);
  assert.ok(r.problems[0]!.message.endsWith('rendering template has a nested reference name: recursion: unable to execute template'));
  const lib = render({
    'app/Chart.yaml': 'name: app\nversion: 1.0.0\n',
    'app/templates/cm.yaml': 'name: {{ include "lib.name" . }}',
    'app/charts/lib/Chart.yaml': 'name: lib\nversion: 1.0.0\ntype: library\n',
    'app/charts/lib/templates/_names.tpl': '{{ define "lib.name" }}from-lib{{ end }}',
    'app/charts/lib/templates/ignored.yaml': 'kind: NotRendered',
  }, 'app');
  assert.deepEqual([...lib], [['app/templates/cm.yaml', 'name: from-lib\n']]);
});

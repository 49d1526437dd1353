/**
 * Errors as Helm reports them: one error problem at the exact place in the template, that template's render
 * stops, the others still render. Bounds on recursion, iterations and output. Never a throw.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { RenderProblem } from '../../../../../server/src/engine/sources/rendered';
import { renderChart } from '../../../../../server/src/engine/sources/helm/index';
import { CHART_YAML, memReader, renderOne } from './helpers';

function oneError(template: string, values = '', limits = {}): { p: RenderProblem; text: string } {
  const r = renderOne(template, values, { limits });
  assert.equal(r.problems.length, 1, JSON.stringify(r.problems));
  assert.equal(r.documents.length, 0);
  const p = r.problems[0]!;
  assert.equal(p.severity, 'error');
  assert.equal(p.file, 'demo/templates/t.yaml');
  return { p, text: template.slice(p.start, p.end) };
}

test('parse errors: unclosed action, unexpected {{end}}, unknown function, undefined variable, unclosed if', () => {
  let e = oneError('a: 1\nb: {{ .Values.x\n');
  assert.match(e.p.message, /unclosed action/);
  assert.equal(e.p.start, 8);
  e = oneError('a\n{{ end }}\n');
  assert.match(e.p.message, /unexpected \{\{end\}\}/);
  assert.equal(e.text, '{{ end }}');
  e = oneError('x: {{ nosuchfn 1 }}');
  assert.match(e.p.message, /function "nosuchfn" not defined/);
  assert.equal(e.text, 'nosuchfn');
  e = oneError('x: {{ $nope }}');
  assert.match(e.p.message, /undefined variable "\$nope"/);
  assert.equal(e.text, '$nope');
  e = oneError('a: 1\n{{ if true }}x');
  assert.match(e.p.message, /unexpected EOF/);
  assert.equal(e.text, '{{ if true }}');
  e = oneError('{{ range .Values.l }}{{ else }}{{ else }}{{ end }}');
  assert.match(e.p.message, /expected end; found \{\{else\}\}/);
  e = oneError('{{ break }}');
  assert.match(e.p.message, /\{\{break\}\} outside \{\{range\}\}/);
  e = oneError('{{ "unterminated }}');
  assert.match(e.p.message, /unterminated quoted string/);
});

test('required and fail: Helm\'s message, at the call', () => {
  let e = oneError('a: ok\nb: {{ required "image.tag is required" .Values.image.tag }}\n', 'image: {}');
  assert.equal(e.p.message, 'execution error at (demo/templates/t.yaml:2:6): image.tag is required');
  assert.equal(e.text, 'required');
  e = oneError('{{ if not .Values.ok }}{{ fail "set ok" }}{{ end }}');
  assert.equal(e.p.message, 'execution error at (demo/templates/t.yaml:1:26): set ok');
  assert.equal(e.text, 'fail');
  e = oneError('{{ required "empty" "" }}');
  assert.match(e.p.message, /empty/);
});

test('messages in Helm\'s words (pkg/engine TestParseErrors, TestExecErrors, TestFailErrors)', () => {
  assert.equal(oneError('{{foo}}').p.message, 'parse error at (demo/templates/t.yaml:1): function "foo" not defined');
  assert.equal(oneError('{{required "foo is required" .Values.foo}}').p.message, 'execution error at (demo/templates/t.yaml:1:2): foo is required');
  assert.equal(oneError('{{ $someEmptyValue := "" }}\n{{ $myvar := "abc" }}\n{{- required (printf "%s: something is missing" $myvar) $someEmptyValue | repeat 0 }}').p.message,
    'execution error at (demo/templates/t.yaml:3:4): abc: something is missing');
  assert.equal(oneError('All your base are belong to us{{ fail "This is an error" }}').p.message, 'execution error at (demo/templates/t.yaml:1:33): This is an error');
  assert.equal(oneError('a: {{ .Values.a.b }}').p.message, 'template: demo/templates/t.yaml:1:6: executing "demo/templates/t.yaml" at <.Values.a.b>: nil pointer evaluating interface {}.b');
});

test('execution errors: nil pointer, non-function, wrong argument count and types, bad comparisons', () => {
  let e = oneError('x: {{ .Values.a.b.c }}');
  assert.match(e.p.message, /nil pointer evaluating interface \{\}\.b/);
  assert.equal(e.text, '.Values.a.b.c');
  e = oneError('x: {{ .Values.a 1 }}', 'a: 1');
  assert.match(e.p.message, /a is not a method but has arguments/);
  e = oneError('x: {{ "str" 1 }}');
  assert.match(e.p.message, /can't give argument to non-function/);
  e = oneError('x: {{ trunc 1 }}');
  assert.match(e.p.message, /wrong number of args for trunc: want 2 got 1/);
  assert.equal(e.text, 'trunc');
  e = oneError('x: {{ .Values.num | nindent 2 }}', 'num: 5');
  assert.match(e.p.message, /error calling nindent: wrong type for value; expected string; got float64/);
  e = oneError('x: {{ trunc .Values.num "abc" }}', 'num: 2');
  assert.match(e.p.message, /expected int; got float64/);
  e = oneError('x: {{ eq .Values.num 1 }}', 'num: 1');
  assert.match(e.p.message, /incompatible types for comparison/);
  e = oneError('x: {{ upper .Values.none }}');
  assert.match(e.p.message, /invalid value; expected string/);
  e = oneError('{{ template "nope" }}');
  assert.match(e.p.message, /no template "nope"/);
  e = oneError('{{ .Values.s.x }}', 's: str');
  assert.match(e.p.message, /can't evaluate field x in type string/);
  e = oneError('{{ div 1 0 }}');
  assert.match(e.p.message, /integer divide by zero/);
});

test('a failing template stops alone: others render, and what it printed before is dropped', () => {
  const files = {
    'demo/Chart.yaml': CHART_YAML,
    'demo/templates/a.yaml': 'kind: A\n{{ required "need x" .Values.x }}\n',
    'demo/templates/b.yaml': 'kind: B\n',
    'demo/templates/c.yaml': 'kind: C\n{{ nosuch }}\n',
  };
  const r = renderChart(memReader(files), 'demo');
  assert.deepEqual(r.documents.map((d) => d.text), ['kind: B\n']);
  assert.deepEqual(r.problems.map((p) => [p.file, p.severity]), [['demo/templates/c.yaml', 'error'], ['demo/templates/a.yaml', 'error']]);
});

test('errors inside include and tpl point at the failing place', () => {
  const files = {
    'demo/Chart.yaml': CHART_YAML,
    'demo/values.yaml': 't: "{{ .Values.nope.x }}"\n',
    'demo/templates/_h.tpl': '{{ define "h" }}{{ required "from helper" .missing }}{{ end }}',
    'demo/templates/a.yaml': 'a: {{ include "h" . }}\n',
    'demo/templates/b.yaml': 'b: {{ tpl .Values.t . }}\n',
  };
  const r = renderChart(memReader(files), 'demo');
  assert.equal(r.documents.length, 0);
  const [a, b] = r.problems;
  assert.deepEqual([a!.file, files[a!.file as 'demo/templates/_h.tpl'].slice(a!.start, a!.end)], ['demo/templates/_h.tpl', 'required']);
  assert.deepEqual([b!.file, files[b!.file as 'demo/templates/b.yaml'].slice(b!.start, b!.end)], ['demo/templates/b.yaml', 'tpl']);
  assert.match(b!.message, /nil pointer evaluating interface \{\}\.x/);
});

test('bounds: include recursion, range iterations, output size — an error, never a hang', () => {
  let e = oneError('{{ define "r" }}{{ include "r" . }}{{ end }}{{ include "r" . }}');
  assert.match(e.p.message, /nested reference name: r/);
  e = oneError('{{ define "t" }}{{ template "t" . }}{{ end }}{{ template "t" . }}');
  assert.match(e.p.message, /nested reference name: t/);
  e = oneError('{{ range until 1000 }}{{ range until 1000 }}x{{ end }}{{ end }}', '', { maxIterations: 10_000 });
  assert.match(e.p.message, /more than 10000 iterations/);
  e = oneError('{{ range until 1000 }}{{ repeat 100000 "x" }}{{ end }}', '', { maxOutput: 1_000_000 });
  assert.match(e.p.message, /output larger than 1000000 characters/);
  e = oneError('{{ $s := "xx" }}{{ range until 40 }}{{ $s = cat $s $s }}{{ end }}', '', { maxOutput: 1_000_000 });
  assert.match(e.p.message, /error calling cat: result longer than 1000000 characters/);
  e = oneError('{{ until 100000000 }}');
  assert.match(e.p.message, /longer than/);
  const t0 = Date.now();
  e = oneError('{{ range until 100000 }}{{ range until 100000 }}{{ end }}{{ end }}');
  assert.match(e.p.message, /iterations/);
  assert.ok(Date.now() - t0 < 10_000);
});

test('deep nesting in the source is an error, not a stack overflow', () => {
  const deep = '{{ if true }}'.repeat(5000) + 'x' + '{{ end }}'.repeat(5000);
  assert.match(oneError(deep).p.message, /too deep/);
  const parens = '{{ ' + '('.repeat(3000) + '1' + ')'.repeat(3000) + ' }}';
  assert.match(oneError(parens).p.message, /too deep/);
});

test('fuzz: random token soup never throws', () => {
  const parts = ['{{', '}}', '{{-', '-}}', ' ', '.Values.a', '$x', ':=', '=', '|', '(', ')', 'if', 'else', 'end', 'range', 'with', 'define', '"s"', '1', 'nindent', 'toYaml', 'include', 'tpl', '$', '.', ',', 'printf', '"%s"', '/*', '*/', 'nil', 'true', 'template', 'block', '\n', 'a: ', 'break', 'default'];
  let seed = 7;
  const rnd = (n: number): number => {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    return seed % n;
  };
  for (let i = 0; i < 400; i++) {
    let t = '';
    for (let j = 0, k = rnd(30); j < k; j++) t += parts[rnd(parts.length)];
    assert.doesNotThrow(() => renderOne(t, 'a: {b: [1, 2]}\n', { set: ['x=' + t.slice(0, 10)] }));
  }
});

test('nil is not a command; a broken definitions file is reported once, not again by every template using it', () => {
  assert.match(oneError('{{ nil }}').p.message, /nil is not a command/);
  const files = {
    'demo/Chart.yaml': CHART_YAML,
    'demo/templates/_h.tpl': '{{ define "h" }}{{ .x {{ end }}',
    'demo/templates/a.yaml': 'a: {{ include "h" . }}\n',
    'demo/templates/b.yaml': 'b: {{ include "h" . }}\n',
    'demo/templates/c.yaml': 'c: fine\n',
  };
  const r = renderChart(memReader(files), 'demo');
  assert.deepEqual(r.documents.map((d) => d.text), ['c: fine\n']);
  assert.deepEqual(r.problems.map((p) => p.file), ['demo/templates/_h.tpl']);
});

test('exponentially large values (shared sublists) are refused, not printed, copied or serialised forever', () => {
  const grow = '{{ $a := list 1 }}{{ range until 60 }}{{ $a = list $a $a }}{{ end }}';
  for (const use of ['{{ $a }}', '{{ toYaml $a }}', '{{ mustToJson $a }}', '{{ deepCopy $a | len }}', '{{ printf "%v" $a }}']) {
    const t0 = Date.now();
    const r = renderOne(grow + use);
    assert.equal(r.documents.length, 0, use);
    assert.equal(r.problems.length, 1, use);
    assert.ok(Date.now() - t0 < 20_000, use);
  }
});

test('NOTES.txt renders as Helm renders it: its fail or required is an error, its text is no manifest, its unsupported calls say nothing', () => {
  const base = { 'demo/Chart.yaml': CHART_YAML, 'demo/values.yaml': 'image: {repository: ""}\n', 'demo/templates/t.yaml': 'a: 1\n' };
  const failing = renderChart(memReader({ ...base, 'demo/templates/NOTES.txt': 'Thanks!\n{{- if not .Values.image.repository }}{{ fail "set image.repository" }}{{ end }}\n' }), 'demo');
  assert.equal(failing.problems.length, 1, JSON.stringify(failing.problems));
  assert.equal(failing.problems[0]!.severity, 'error');
  assert.equal(failing.problems[0]!.file, 'demo/templates/NOTES.txt');
  assert.match(failing.problems[0]!.message, /set image\.repository/);
  const quiet = renderChart(memReader({ ...base, 'demo/templates/NOTES.txt': 'Get the URL: {{ now }}\nkind: Deployment\n' }), 'demo');
  assert.deepEqual(quiet.problems, []);
  assert.deepEqual(quiet.documents.map((d) => d.name), ['demo/templates/t.yaml']);
});

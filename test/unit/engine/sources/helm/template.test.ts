/**
 * Go text/template semantics, case by case from Go's documentation (package text/template), rendered the
 * way Helm renders (missingkey=zero, `<no value>` printed as nothing).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { out, raw } from './helpers';
import { parseTemplate } from '../../../../../server/src/engine/sources/helm/parser';

test('text and actions; trim markers remove the whitespace next to them', () => {
  assert.equal(raw('{{23 -}} < {{- 45}}'), '23<45');
  assert.equal(raw('a  {{- "b" -}}  \n c'), 'abc');
  assert.equal(raw('a {{ "b" }} c'), 'a b c');
  // `{{-3}}` is the number -3, not a trim marker.
  assert.equal(raw('a {{-3}}'), 'a -3');
  assert.equal(raw('x\n  {{- /* a comment */ -}}\n  y'), 'xy');
  assert.equal(raw('x{{/* comment */}}y'), 'xy');
});

test('literals: strings, raw strings, chars, numbers, bools, nil comparisons', () => {
  assert.equal(raw('{{ "a\\tb" }}|{{ `c\\n` }}|{{ \'a\' }}|{{ 0x1F }}|{{ 1.5 }}|{{ 1e3 }}|{{ true }}'), 'a\tb|c\\n|97|31|1.5|1000|true');
  assert.equal(raw('{{ eq nil nil }}'), 'true');
});

test('hex floats are numbers, as in Go (opentelemetry-collector multiplies by 0x1p60 for "Ei")', () => {
  assert.equal(raw('{{ 0x1p4 }}|{{ 0x1.8p1 }}|{{ 0x.8p1 }}|{{ -0x1p-2 }}|{{ mulf 2 0x1p10 }}|{{ 0x1F }}'), '16|3|1|-0.25|2048|31');
  assert.equal(raw('{{ printf "%T" 0x1p4 }}|{{ printf "%T" 0x10 }}'), 'float64|int');
});

test('field chains, $ and missing keys print nothing', () => {
  const values = 'a:\n  b:\n    c: deep\n';
  assert.equal(raw('{{ .Values.a.b.c }}', values), 'deep');
  assert.equal(raw('{{ $.Values.a.b.c }}', values), 'deep');
  assert.equal(raw('[{{ .Values.missing }}]', values), '[]');
  assert.equal(raw('{{ (.Values.a).b.c }}', values), 'deep');
  assert.equal(raw('{{ $x := .Values.a }}{{ $x.b.c }}', values), 'deep');
  // A pipeline's nil becomes Go's invalid value, so `(.Values.missing).x` and `$m.x` print nothing…
  assert.equal(raw('[{{ (.Values.missing).x }}][{{ $m := .Values.missing }}{{ $m.x }}]', values), '[][]');
  // …and so does a template run on nil data (Go's ExecuteTemplate with nil).
  assert.equal(raw('{{ define "d" }}[{{ .x }}]{{ end }}{{ include "d" .Values.missing }}{{ template "d" .Values.missing }}{{ tpl "[{{ .x }}]" .Values.missing }}', values), '[][][]');
  // …while a field chain through a missing key is a nil pointer error (errors.test.ts).
});

test('variables: declaration, assignment, scope to the end of the control structure', () => {
  assert.equal(raw('{{ $x := 1 }}{{ if true }}{{ $x = 2 }}{{ end }}{{ $x }}'), '2');
  assert.equal(raw('{{ $x := 1 }}{{ if true }}{{ $x := 2 }}{{ $x }}{{ end }}{{ $x }}'), '21');
  // A variable declared inside if does not outlive it.
  const r = parseTemplate('t', '{{ if true }}{{ $y := 1 }}{{ end }}{{ $y }}', () => true);
  assert.equal(r.error?.message, 'undefined variable "$y"');
});

test('if / else if / else, with truth of 0, "", empty list and map', () => {
  const t = '{{ if .Values.a }}A{{ else if .Values.b }}B{{ else }}C{{ end }}';
  assert.equal(raw(t, 'a: 1\nb: 1'), 'A');
  assert.equal(raw(t, 'a: 0\nb: "x"'), 'B');
  assert.equal(raw(t, 'a: ""\nb: []'), 'C');
  assert.equal(raw(t, 'a: {}\nb: false'), 'C');
});

test('with sets dot; else with; else', () => {
  const t = '{{ with .Values.a }}{{ .x }}{{ else with .Values.b }}b={{ . }}{{ else }}none{{ end }}';
  assert.equal(raw(t, 'a: {x: 1}'), '1');
  assert.equal(raw(t, 'b: two'), 'b=two');
  assert.equal(raw(t, ''), 'none');
  // $ stays the root inside with.
  assert.equal(raw('{{ with .Values.a }}{{ $.Release.Name }}{{ end }}', 'a: 1'), 'release-name');
});

test('range over lists, maps in sorted key order, ints; $i, $e; else; break and continue', () => {
  assert.equal(raw('{{ range .Values.l }}[{{ . }}]{{ end }}', 'l: [a, b, c]'), '[a][b][c]');
  assert.equal(raw('{{ range $i, $e := .Values.l }}{{ $i }}={{ $e }} {{ end }}', 'l: [a, b]'), '0=a 1=b ');
  assert.equal(raw('{{ range $k, $v := .Values.m }}{{ $k }}:{{ $v }},{{ end }}', 'm: {zeta: 1, alpha: 2, mid: 3}'), 'alpha:2,mid:3,zeta:1,');
  assert.equal(raw('{{ range 3 }}{{ . }}{{ end }}'), '012');
  assert.equal(raw('{{ range .Values.l }}x{{ else }}empty{{ end }}', 'l: []'), 'empty');
  assert.equal(raw('{{ range .Values.missing }}x{{ else }}empty{{ end }}'), 'empty');
  assert.equal(raw('{{ range .Values.l }}{{ if eq . "b" }}{{ continue }}{{ end }}{{ if eq . "d" }}{{ break }}{{ end }}{{ . }}{{ end }}', 'l: [a, b, c, d, e]'), 'ac');
  // The element variable of a one-variable range is the element.
  assert.equal(raw('{{ range $e := .Values.l }}{{ $e }}{{ end }}', 'l: [x, z]'), 'xz');
  // YAML 1.1, as Helm reads values: y/n/yes/no/on/off are booleans, also as keys.
  assert.equal(raw('{{ range .Values.l }}{{ . }},{{ end }}{{ index .Values.m "true" }}', 'l: [y, no, on]\nm: {y: 1}'), 'true,false,true,1');
});

test('define, template, block; template without data has no dot', () => {
  const t = '{{ define "t1" }}<{{ . }}>{{ end }}{{ template "t1" "x" }}{{ block "b" 5 }}[{{ . }}]{{ end }}{{ template "t1" }}';
  assert.equal(raw(t), '<x>[5]<>');
  assert.equal(raw('{{ define "rec" }}{{ if gt . 0 }}{{ . }}{{ template "rec" (sub . 1) }}{{ end }}{{ end }}{{ template "rec" 3 }}'), '321');
});

test('pipelines: the value goes last; parenthesised pipelines', () => {
  assert.equal(raw('{{ "abc" | printf "%s-%s" "x" }}'), 'x-abc');
  assert.equal(raw('{{ (printf "%d" 3) | printf "[%s]" }}'), '[3]');
  assert.equal(raw('{{ 3 | add 4 | mul 2 }}'), '14');
});

test('and/or short-circuit and return an operand; not', () => {
  assert.equal(raw('{{ and 1 0 "x" }}|{{ and 1 "y" }}|{{ or 0 "" "z" }}|{{ or 0 "" }}|{{ not 0 }}'), '0|y|z||true');
  // Short-circuit: the failing call is never evaluated.
  assert.equal(raw('{{ or true (fail "boom") }}|{{ and false (fail "boom") }}'), 'true|false');
  assert.equal(raw('{{ if and .Values.a .Values.a.b }}yes{{ else }}no{{ end }}', 'a: null'), 'no');
});

test('comparisons: eq with several arguments, ne, lt, le, gt, ge; int and float do not mix', () => {
  assert.equal(raw('{{ eq 2 1 2 }}|{{ ne "a" "b" }}|{{ lt 1 2 }}|{{ le 2 2 }}|{{ gt "b" "a" }}|{{ ge 1.5 2.5 }}'), 'true|true|true|true|true|false');
  // Values from values.yaml are float64: comparing them with a float literal works.
  assert.equal(raw('{{ eq .Values.num 3.0 }}|{{ gt .Values.num 2.5 }}', 'num: 3'), 'true|true');
});

test('len, index, slice', () => {
  assert.equal(raw('{{ len "héllo" }}|{{ len .Values.l }}|{{ len .Values.m }}', 'l: [1, 2]\nm: {a: 1}'), '6|2|1');
  assert.equal(raw('{{ index .Values.l 1 }}|{{ index .Values.m "a" }}|{{ index .Values.nest "x" "z" }}', 'l: [p, q]\nm: {a: 1}\nnest: {x: {z: deep}}'), 'q|1|deep');
  assert.equal(raw('{{ index .Values.m "nope" }}', 'm: {a: 1}'), '');
  // Sprig's slice replaces Go's builtin in Helm: lists only.
  assert.equal(raw('{{ slice .Values.l 1 }}|{{ slice .Values.l 0 2 }}', 'l: [a, b, c]'), '[b c]|[a b]');
});

test('print, println, printf verbs', () => {
  assert.equal(raw('{{ print "a" 1 2 "b" }}'), 'a1 2b');
  assert.equal(raw('{{ println "a" 1 }}'), 'a 1\n');
  assert.equal(raw('{{ printf "%s|%d|%v|%q|%t|%x|%X|%o|%5.2f|%e|%g" "s" 42 .Values.f "q" true 255 255 8 3.14159 1234.5678 0.000012 }}', 'f: 1.5'),
    's|42|1.5|"q"|true|ff|FF|10| 3.14|1.234568e+03|1.2e-05');
  assert.equal(raw('{{ printf "%-4s|%04d|%+d|%%|%c" "ab" 7 5 65 }}'), 'ab  |0007|+5|%|A');
  assert.equal(raw('{{ printf "%d" .Values.f }}', 'f: 1.5'), '%!d(float64=1.5)');
  assert.equal(raw('{{ printf "%s %s" "a" }}'), 'a %!s(MISSING)');
  assert.equal(raw('{{ printf "%s" "a" "b" }}'), 'a%!(EXTRA string=b)');
  assert.equal(raw('{{ printf "%v" .Values.m }}', 'm: {b: 2, a: [1, x]}'), 'map[a:[1 x] b:2]');
});

test('numbers print as Go prints them: values are float64 (1e+06), literals and --set are int', () => {
  assert.equal(raw('{{ .Values.a }}|{{ .Values.b }}|{{ .Values.c }}|{{ .Values.d }}', 'a: 1000000\nb: 123456\nc: 0.5\nd: 1.0'), '1e+06|123456|0.5|1');
  assert.equal(raw('{{ .Values.a }}', '', { set: ['a=1000000'] }), '1000000');
});

test('html, js, urlquery escapers', () => {
  assert.equal(raw('{{ html "<a href=\'x\'>&</a>" }}'), '&lt;a href=&#39;x&#39;&gt;&amp;&lt;/a&gt;');
  assert.equal(raw('{{ js "it\'s <b>" }}'), "it\\'s \\u003Cb\\u003E");
  assert.equal(raw('{{ urlquery "a b&c" }}'), 'a+b%26c');
});

test('a template printing only whitespace gives no document', () => {
  assert.equal(out('{{ if false }}x{{ end }}\n   \n'), '');
});

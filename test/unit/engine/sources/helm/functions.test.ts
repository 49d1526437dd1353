/**
 * Helm's and Sprig's functions, with the results Helm prints.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { raw, renderOne } from './helpers';

test('default: 0, "", false, nil, empty list and map are empty', () => {
  const v = 'zero: 0\nstr: ""\nf: false\nnul: null\nl: []\nm: {}\nset: value\n';
  assert.equal(raw('{{ default "d" .Values.zero }}|{{ default "d" .Values.str }}|{{ default "d" .Values.f }}|{{ default "d" .Values.nul }}|{{ default "d" .Values.l }}|{{ default "d" .Values.m }}|{{ default "d" .Values.missing }}|{{ default "d" .Values.set }}', v),
    'd|d|d|d|d|d|d|value');
  assert.equal(raw('{{ .Values.set | default "d" }}', v), 'value');
  assert.equal(raw('{{ empty .Values.zero }}|{{ empty .Values.set }}|{{ coalesce .Values.zero .Values.str "c" }}|{{ ternary "y" "n" true }}', v), 'true|false|c|y');
});

test('toYaml: keys sorted, 2-space indent, sequences under their key, quoting; nindent and indent', () => {
  const v = [
    'res:',
    '  requests: {memory: 128Mi, cpu: 100m}',
    '  limits: {cpu: "1"}',
    'list:',
    '  - name: a',
    '    items: [x, "true", 1, 2.5, null, "", "a: b", "- x", "#c", "it\'s"]',
    '  - plain',
    'ml: "line1\\nline2"',
  ].join('\n');
  assert.equal(raw('{{ toYaml .Values.res | nindent 2 }}', v), '\n  limits:\n    cpu: "1"\n  requests:\n    cpu: 100m\n    memory: 128Mi');
  assert.equal(raw('{{ toYaml .Values.list | indent 2 }}', v),
    '  - items:\n    - x\n    - "true"\n    - 1\n    - 2.5\n    - null\n    - ""\n    - \'a: b\'\n    - \'- x\'\n    - \'#c\'\n    - it\'s\n    name: a\n  - plain');
  assert.equal(raw('{{ toYaml .Values }}', 'ml: "line1\\nline2"\nb: {}'), 'b: {}\nml: |-\n  line1\n  line2');
  assert.equal(raw('{{ toYaml .Values.missing }}|{{ toYaml "s" }}|{{ toYaml 1 }}'), 'null|s|1');
  // go-yaml's key order: digit runs compare as numbers.
  assert.equal(raw('{{ toYaml .Values }}', 'a10: 1\na9: 2\nB: 3\nb: 4'), 'B: 3\na9: 2\na10: 1\nb: 4');
});

test('toJson, fromYaml, fromYamlArray, fromJson', () => {
  assert.equal(raw('{{ toJson .Values }}', 'b: [1, "<x>"]\na: {c: true}'), '{"a":{"c":true},"b":[1,"\\u003cx\\u003e"]}');
  assert.equal(raw('{{ (fromYaml "a: 1\\nb: [x]").b }}|{{ index (fromYamlArray "[1, 2]") 1 }}|{{ (fromJson "{\\"k\\": 5}").k }}'), '[x]|2|5');
});

test('string functions', () => {
  assert.equal(raw('{{ trunc 5 "abcdefgh" }}|{{ trunc -3 "abcdefgh" }}|{{ trunc 63 "short" }}'), 'abcde|fgh|short');
  assert.equal(raw('{{ trimSuffix "-" "a-" }}|{{ trimPrefix "x" "xa" }}|{{ trim "  a  " }}|{{ trimAll "$" "$a$" }}'), 'a|a|a|a');
  assert.equal(raw('{{ upper "a" }}|{{ lower "B" }}|{{ title "hello world" }}|{{ replace "+" "_" "1+2" }}|{{ nospace "a b" }}|{{ cat "a" 1 nil "b" }}'), 'A|b|Hello World|1_2|ab|a 1 b');
  assert.equal(raw('{{ contains "b" "abc" }}|{{ hasPrefix "a" "abc" }}|{{ hasSuffix "c" "abc" }}'), 'true|true|true');
  assert.equal(raw('{{ quote "a\\"b" }}|{{ squote "x" }}|{{ quote 1 }}|{{ quote .Values.n }}', 'num: 1'), '"a\\"b"|\'x\'|"1"|');
  assert.equal(raw('{{ "a,b,c" | splitList "," | join "-" }}|{{ (split "," "a,b")._1 }}|{{ toStrings (list 1 "x") }}'), 'a-b-c|b|[1 x]');
  assert.equal(raw('{{ repeat 3 "ab" }}|{{ substr 1 3 "hello" }}|{{ toString 1.5 }}|{{ indent 2 "a\\nb" }}'), 'ababab|el|1.5|  a\n  b');
  assert.equal(raw('{{ "abc" | b64enc }}|{{ "YWJj" | b64dec }}|{{ sha256sum "abc" }}'), 'YWJj|abc|ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  assert.equal(raw('{{ regexMatch "^[a-z]+$" "abc" }}|{{ regexFind "[0-9]+" "ab12cd" }}|{{ regexReplaceAll "a(x*)b" "-ab-axxb-" "${1}W" }}'), 'true|12|-W-xxW-');
});

test('numbers: int, int64, float64, atoi, arithmetic (int64), floor, ceil, round, max, min', () => {
  assert.equal(raw('{{ int .Values.f }}|{{ int64 "42" }}|{{ float64 "1.5" }}|{{ atoi "12" }}|{{ add 1 2 .Values.f }}|{{ add1 .Values.f }}|{{ sub 5 .Values.f }}', 'f: 2.7'),
    '2|42|1.5|12|5|3|3');
  assert.equal(raw('{{ mul 2 3 4 }}|{{ div 7 2 }}|{{ mod 7 2 }}|{{ max 1 5 3 }}|{{ min 4 2 }}|{{ floor 1.5 }}|{{ ceil 1.2 }}|{{ round 1.256 2 }}'), '24|3|1|5|2|1|2|1.26');
  assert.equal(raw('{{ addf 1.5 1 }}|{{ divf 1 4 }}'), '2.5|0.25');
});

test('lists and dicts', () => {
  assert.equal(raw('{{ list 1 "a" }}|{{ first (list 1 2) }}|{{ last (list 1 2) }}|{{ rest (list 1 2 3) }}|{{ initial (list 1 2 3) }}'), '[1 a]|1|2|[2 3]|[1 2]');
  assert.equal(raw('{{ append (list 1) 2 }}|{{ prepend (list 1) 0 }}|{{ concat (list 1) (list 2 3) }}|{{ uniq (list 1 1 2) }}|{{ without (list 1 2 3) 2 }}|{{ has 2 (list 1 2) }}|{{ compact (list 1 "" 0 2) }}'),
    '[1 2]|[0 1]|[1 2 3]|[1 2]|[1 3]|true|[1 2]');
  assert.equal(raw('{{ until 3 }}|{{ untilStep 0 10 4 }}|{{ sortAlpha (list "b" "a") }}|{{ reverse (list 1 2) }}'), '[0 1 2]|[0 4 8]|[a b]|[2 1]');
  assert.equal(raw('{{ $d := dict "a" 1 "b" 2 }}{{ get $d "a" }}|{{ hasKey $d "b" }}|{{ keys $d | sortAlpha }}|{{ $_ := set $d "c" 3 }}{{ $d.c }}|{{ $_ := unset $d "a" }}{{ hasKey $d "a" }}|{{ pluck "b" $d (dict "b" 9) }}'),
    '1|true|[a b]|3|false|[2 9]');
  assert.equal(raw('{{ $m := merge (dict "a" 1) (dict "a" 2 "b" 2) }}{{ $m }}|{{ mergeOverwrite (dict "a" 1 "n" (dict "x" 1)) (dict "a" 2 "n" (dict "y" 2)) }}'),
    'map[a:1 b:2]|map[a:2 n:map[x:1 y:2]]');
  assert.equal(raw('{{ $c := deepCopy .Values.m }}{{ $_ := set $c "a" 9 }}{{ .Values.m.a }}|{{ dig "x" "z" "def" .Values.m }}', 'm: {a: 1, x: {z: found}}'), '1|found');
});

test('types: kindOf, kindIs, typeOf, typeIs', () => {
  assert.equal(raw('{{ kindOf .Values.m }}|{{ kindOf .Values.l }}|{{ kindOf "s" }}|{{ kindOf 1 }}|{{ kindOf .Values.f }}|{{ kindIs "map" .Values.m }}|{{ typeOf "s" }}|{{ typeIs "float64" .Values.f }}', 'm: {}\nl: []\nf: 1'),
    'map|slice|string|int|float64|true|string|true');
});

test('semver and semverCompare', () => {
  assert.equal(raw('{{ semverCompare ">=1.19-0" .Capabilities.KubeVersion.GitVersion }}|{{ semverCompare "<1.19-0" .Capabilities.KubeVersion.Version }}'), 'true|false');
  assert.equal(raw('{{ semverCompare "^1.2.0" "1.9.3" }}|{{ semverCompare "~1.2.0" "1.3.0" }}|{{ semverCompare "1.2.x" "1.2.9" }}|{{ semverCompare ">=1.0.0" "1.2.0-beta" }}|{{ semverCompare "1.0 - 2.0" "1.5.0" }}|{{ semverCompare ">2 || <1" "0.5.0" }}'),
    'true|false|true|false|true|true');
  assert.equal(raw('{{ (semver "1.2.3-rc.1").Minor }}|{{ (semver "v2.0.0").Major }}'), '2|2');
  assert.equal(raw('{{ .Capabilities.KubeVersion }}|{{ .Capabilities.KubeVersion.Minor }}', '', { kubernetesVersion: '1.29.4' }), 'v1.29.4|29');
});

test('include, tpl, required, lookup, .Capabilities.APIVersions.Has', () => {
  assert.equal(raw('{{ define "x" }}[{{ .a }}]{{ end }}{{ include "x" (dict "a" 1) | upper }}'), '[1]');
  assert.equal(raw('{{ tpl .Values.t . }}', 't: "{{ .Release.Name }}-{{ .Values.k }}"\nk: x'), 'release-name-x');
  assert.equal(raw('{{ required "need it" .Values.v }}', 'v: ok'), 'ok');
  assert.equal(raw('{{ lookup "v1" "Secret" "ns" "name" | len }}|{{ .Capabilities.APIVersions.Has "autoscaling/v2" }}|{{ .Capabilities.APIVersions.Has "nope/v1" }}'), '0|true|false');
});

test('an unsupported function is one info problem at the call, and rendering continues', () => {
  const r = renderOne('a: {{ now }}\nb: {{ genPrivateKey "rsa" | quote }}\nc: ok\n');
  assert.equal(r.documents[0]!.text, 'a: \nb: ""\nc: ok\n');
  assert.deepEqual(r.problems.map((p) => [p.severity, p.start, p.end, /"now"|"genPrivateKey"/.test(p.message)]), [['info', 6, 9, true], ['info', 19, 32, true]]);
});

test('random strings print one fixed value of the length and class Helm prints, without a problem (real2: podinfo test pods)', () => {
  const r = renderOne('name: t-{{ randAlphaNum 5 | lower }}\na: {{ randAlpha 3 }}\nn: "{{ randNumeric 4 }}"\ns: {{ randAscii 2 }}\ni: {{ randInt 3 9 }}\nu: {{ uuidv4 }}\nz: "{{ randAlphaNum -1 }}"\n');
  assert.deepEqual(r.problems, []);
  assert.equal(r.documents[0]!.text, 'name: t-xxxxx\na: xxx\nn: "0000"\ns: xx\ni: 3\nu: 00000000-0000-4000-8000-000000000000\nz: ""\n');
  // Go's rand.Intn panics on an empty range: Helm reports a call error.
  const bad = renderOne('i: {{ randInt 5 5 }}\n');
  assert.equal(bad.problems[0]?.severity, 'error');
  assert.match(bad.problems[0]!.message, /randInt/);
});

test('every Sprig function name Helm keeps is known (no parse error); env and expandenv are removed as in Helm', async () => {
  const { funcTable } = await import('../../../../../server/src/engine/sources/helm/funcs');
  const table = funcTable();
  // Masterminds/sprig functions.go, minus the two Helm deletes.
  const names = 'abbrev abbrevboth add add1 add1f addf adler32sum ago all any append atoi b32dec b32enc b64dec b64enc base bcrypt biggest buildCustomCert camelcase cat ceil chunk clean coalesce compact concat contains date dateInZone dateModify date_in_zone date_modify decryptAES deepCopy deepEqual default derivePassword dict dig dir div divf duration durationRound empty encryptAES ext fail first float64 floor fromJson genCA genCAWithKey genPrivateKey genSelfSignedCert genSelfSignedCertWithKey genSignedCert genSignedCertWithKey get getHostByName has hasKey hasPrefix hasSuffix hello htmlDate htmlDateInZone htpasswd indent initial initials int int64 isAbs join kebabcase keys kindIs kindOf last list lower max maxf merge mergeOverwrite min minf mod mul mulf mustAppend mustChunk mustCompact mustDateModify mustDeepCopy mustFirst mustFromJson mustHas mustInitial mustLast mustMerge mustMergeOverwrite mustPrepend mustRegexFind mustRegexFindAll mustRegexMatch mustRegexReplaceAll mustRegexReplaceAllLiteral mustRegexSplit mustRest mustReverse mustSlice mustToDate mustToJson mustToPrettyJson mustToRawJson mustUniq mustWithout must_date_modify nindent nospace now omit osBase osClean osDir osExt osIsAbs pick pluck plural prepend quote randAlpha randAlphaNum randAscii randBytes randInt randNumeric regexFind regexFindAll regexMatch regexQuoteMeta regexReplaceAll regexReplaceAllLiteral regexSplit repeat replace rest reverse round semver semverCompare seq set sha1sum sha256sum sha512sum shuffle slice snakecase sortAlpha split splitList splitn squote sub subf substr swapcase ternary title toDate toDecimal toJson toPrettyJson toRawJson toString toStrings trim trimAll trimPrefix trimSuffix trimall trunc tuple typeIs typeIsLike typeOf uniq unixEpoch unset until untilStep untitle upper urlJoin urlParse uuidv4 values without wrap wrapWith'.split(' ');
  assert.deepEqual(names.filter((n) => !table.has(n)), []);
  for (const n of ['include', 'tpl', 'required', 'toYaml', 'fromYaml', 'fromYamlArray', 'toJson', 'fromJson', 'fromJsonArray', 'lookup', 'toToml', 'fromToml']) assert.ok(table.has(n), n);
  assert.equal(table.has('env') || table.has('expandenv'), false);
});

test('toYaml folds long plain and single-quoted strings past column 80 as go-yaml does', () => {
  const long = 'alpha beta gamma delta epsilon zeta eta theta iota kappa lambda mu nu xi omicron pi rho sigma tau';
  const out = raw('{{ toYaml .Values }}', `d: ${long}\nl:\n  - ${long}\nq: "#${long}"\n`);
  assert.equal(out, [
    'd: alpha beta gamma delta epsilon zeta eta theta iota kappa lambda mu nu xi omicron',
    '  pi rho sigma tau',
    'l:',
    '- alpha beta gamma delta epsilon zeta eta theta iota kappa lambda mu nu xi omicron',
    '  pi rho sigma tau',
    "q: '#alpha beta gamma delta epsilon zeta eta theta iota kappa lambda mu nu xi omicron",
    "  pi rho sigma tau'",
  ].join('\n'));
  // The data is unchanged by the folding.
  assert.equal(raw('{{ (fromYaml (toYaml .Values)).d }}', `d: ${long}\n`), long);
});

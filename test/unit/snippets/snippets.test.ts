/**
 * Every snippet in snippets/*.json: its body follows VS Code's snippet grammar, and expanded with its
 * defaults (${1:default} and its mirrors $1, the first option of ${1|a,b|}, $0 empty) it is YAML that
 * ScaleLint finds nothing in. The grammar is parsed here, so a typo in a snippet fails this test.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { lintText, rows } from '../../helpers/lint';
import { Linter, defaultConfig, planSources, placeRenderedFindings } from '../../../server/src/engine';
import { loadHclParser } from '../../../server/src/node/hcl-parser';

const ROOT = join(__dirname, '..', '..', '..');

// ---- the snippet grammar (the part VS Code documents: tab stops, placeholders, choices, escapes) ----

type Part = { text: string } | { tabstop: number } | { placeholder: number; parts: Part[] } | { choice: number; options: string[] };

class SnippetSyntaxError extends Error {}

/** Parses a snippet body; `until` stops at an unescaped `}` (the end of a placeholder). */
function parseParts(src: string, pos: { i: number }, nested: boolean): Part[] {
  const parts: Part[] = [];
  let text = '';
  const flush = () => {
    if (text) parts.push({ text });
    text = '';
  };
  while (pos.i < src.length) {
    const c = src[pos.i];
    if (c === '\\' && pos.i + 1 < src.length && '$}\\'.includes(src[pos.i + 1])) {
      text += src[pos.i + 1];
      pos.i += 2;
    } else if (c === '}' && nested) {
      flush();
      return parts;
    } else if (c === '$') {
      flush();
      parts.push(parseDollar(src, pos));
    } else {
      text += c;
      pos.i++;
    }
  }
  if (nested) throw new SnippetSyntaxError(`unclosed placeholder at the end of: ${src.slice(-40)}`);
  flush();
  return parts;
}

function parseDollar(src: string, pos: { i: number }): Part {
  const simple = /^\$(\d+)/.exec(src.slice(pos.i));
  if (simple) {
    pos.i += simple[0].length;
    return { tabstop: Number(simple[1]) };
  }
  const head = /^\$\{(\d+)([:|}])/.exec(src.slice(pos.i));
  if (!head) throw new SnippetSyntaxError(`"$" must start a tab stop, a placeholder or a choice (write \\$ for a dollar): ${src.slice(pos.i, pos.i + 30)}`);
  const n = Number(head[1]);
  pos.i += head[0].length;
  if (head[2] === '}') return { tabstop: n };
  if (head[2] === ':') {
    const parts = parseParts(src, pos, true);
    pos.i++; // the closing brace
    return { placeholder: n, parts };
  }
  const options: string[] = [];
  let option = '';
  for (;;) {
    if (pos.i >= src.length) throw new SnippetSyntaxError('unclosed choice');
    const c = src[pos.i];
    if (c === '\\' && ',|\\'.includes(src[pos.i + 1] ?? '')) {
      option += src[pos.i + 1];
      pos.i += 2;
    } else if (c === ',') {
      options.push(option);
      option = '';
      pos.i++;
    } else if (c === '|') {
      if (src[pos.i + 1] !== '}') throw new SnippetSyntaxError('a choice ends with |}');
      options.push(option);
      pos.i += 2;
      return { choice: n, options };
    } else {
      option += c;
      pos.i++;
    }
  }
}

/** The text a snippet inserts when every tab stop keeps its default. */
function expandDefaults(body: string): string {
  const parts = parseParts(body, { i: 0 }, false);
  const defaults = new Map<number, string>();
  const collect = (list: Part[]) => {
    for (const p of list) {
      if ('placeholder' in p) {
        collect(p.parts);
        if (!defaults.has(p.placeholder)) defaults.set(p.placeholder, render(p.parts));
      } else if ('choice' in p && !defaults.has(p.choice)) defaults.set(p.choice, p.options[0]);
    }
  };
  const render = (list: Part[]): string =>
    list.map((p) => ('text' in p ? p.text : 'tabstop' in p ? (defaults.get(p.tabstop) ?? '') : 'placeholder' in p ? render(p.parts) : p.options[0])).join('');
  collect(parts);
  return render(parts);
}

test('the snippet grammar: tab stops, mirrors, nested placeholders, choices, escapes', () => {
  assert.equal(expandDefaults('name: ${1:web}\nlabel: $1\n$0'), 'name: web\nlabel: web\n');
  assert.equal(expandDefaults('a: ${1:x ${2:y}} $2 ${3|Max,Min|} \\$Latest \\}'), 'a: x y y Max $Latest }');
  assert.equal(expandDefaults('${2}-$3'), '-');
  assert.throws(() => expandDefaults('cost: $LATEST'), SnippetSyntaxError);
  assert.throws(() => expandDefaults('a: ${1:open'), SnippetSyntaxError);
  assert.throws(() => expandDefaults('a: ${1|x,y}'), SnippetSyntaxError);
});

// ---- the snippets ----

interface SnippetFile {
  [name: string]: { prefix: string | string[]; body: string | string[]; description?: string };
}

const files = readdirSync(join(ROOT, 'snippets')).filter((f) => f.endsWith('.json'));
const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { contributes: { snippets?: { language: string; path: string }[] } };

/** The language a snippet file is for: Terraform's own, or YAML. */
const languageOf = (file: string) => (file === 'terraform.json' ? 'terraform' : 'yaml');

test('every snippet file is contributed for its language in package.json, and nothing else is', () => {
  assert.ok(files.length > 0);
  const contributed = (manifest.contributes.snippets ?? []).map((s) => [s.language, s.path]);
  assert.deepEqual(contributed.sort(), files.map((f) => [languageOf(f), `./snippets/${f}`]).sort());
});

/** Lints a Terraform module (one file) as the CLI does: rendered, linted, placed back in main.tf. */
async function lintTerraform(text: string): Promise<string[]> {
  const path = 'snippet/main.tf';
  const plan = planSources({ read: (p) => (p === path ? text : undefined), list: () => ['main.tf'] }, [path], { hclParser: await loadHclParser() });
  const linter = new Linter(() => defaultConfig());
  plan.renders.forEach((doc, i) => linter.update(`render-${i}`, doc.text));
  const placed = plan.renders.flatMap((doc, i) => placeRenderedFindings(doc, linter.lintFile(`render-${i}`)));
  return [...plan.problems.map((p) => `${p.start} render ${p.message}`), ...placed.map((f) => `${f.start} ${f.ruleId} ${f.message}`)];
}

const TERRAFORM_TYPES = ['aws_autoscaling_group', 'aws_autoscaling_policy', 'aws_cloudwatch_metric_alarm', 'aws_lb_target_group', 'google_compute_region_autoscaler', 'azurerm_monitor_autoscale_setting'];
const terraformSeen = new Set<string>();

const EXPECTED = ['HorizontalPodAutoscaler', 'Deployment', 'Service', 'PodDisruptionBudget', 'ScaledObject', 'AWS::AutoScaling::AutoScalingGroup'];
const seen = new Set<string>();

for (const file of files) {
  const snippets = JSON.parse(readFileSync(join(ROOT, 'snippets', file), 'utf8')) as SnippetFile;
  for (const [name, snippet] of Object.entries(snippets)) {
    if (languageOf(file) === 'terraform') {
      test(`${file}: "${name}" expands with its defaults to a module ScaleLint finds nothing in`, async () => {
        assert.ok(snippet.description, 'a description');
        const text = expandDefaults(Array.isArray(snippet.body) ? snippet.body.join('\n') : snippet.body);
        assert.ok(!/\$\{|\$\d/.test(text), 'no tab stop left over');
        assert.deepEqual(await lintTerraform(text), []);
        for (const m of text.matchAll(/^resource "(\w+)"/gm)) terraformSeen.add(m[1]!);
      });
      continue;
    }
    test(`${file}: "${name}" expands with its defaults to YAML ScaleLint finds nothing in`, () => {
      assert.ok(snippet.description, 'a description');
      assert.ok((Array.isArray(snippet.prefix) ? snippet.prefix : [snippet.prefix]).every((p) => /^[a-z][a-z-]*$/.test(p)), 'prefixes are plain words');
      const body = Array.isArray(snippet.body) ? snippet.body.join('\n') : snippet.body;
      const text = expandDefaults(body);
      const docs = parseAllDocuments(text);
      assert.ok(Array.isArray(docs));
      for (const d of docs) assert.deepEqual(d.errors.map((e) => e.message), [], 'it parses');
      assert.ok(!/\$\{|\$\d/.test(text), 'no tab stop left over');
      const findings = lintText(text, { uri: `snippet-${file}.yaml` });
      assert.deepEqual(rows(text, findings).map((r) => `${r.line}:${r.column} ${r.ruleId} ${r.message}`), []);
      for (const kind of EXPECTED) if (new RegExp(`(kind|Type): ${kind.replace(/:/g, ':')}\\n`).test(text)) seen.add(kind);
    });
  }
}

test('the Terraform snippets cover the group with its policies, alarms and target group, GCP and Azure autoscalers', () => {
  assert.deepEqual([...terraformSeen].sort(), [...TERRAFORM_TYPES].sort());
});

test('the snippets cover HPA, Deployment, Service, PDB, ScaledObject and the CloudFormation ASG', () => {
  assert.deepEqual([...seen].sort(), [...EXPECTED].sort());
});

test('the workload snippets fit together: Deployment, Service and PDB with their defaults are one clean lint set', () => {
  const kube = JSON.parse(readFileSync(join(ROOT, 'snippets', 'kubernetes.json'), 'utf8')) as SnippetFile;
  const body = (name: string) => expandDefaults((kube[name].body as string[]).join('\n'));
  const text = ['Deployment with requests, limits and probes', 'Service', 'PodDisruptionBudget'].map(body).join('---\n');
  assert.deepEqual(rows(text, lintText(text)).map((r) => `${r.line}:${r.column} ${r.ruleId} ${r.message}`), []);
});

/**
 * Fuzzing the sources of SPEC §8–9: real charts, kustomizations, Terraform modules and shell scripts (the
 * real-world corpus's test/corpus/real2/{helm,kustomize,terraform,shell}, the Terraform fixtures and the
 * examples), one of their files mutated at a time, then planned, rendered, linted and placed back as the CLI
 * does, in memory, and fixed as `--fix` fixes them. Also generated extremes of those formats (unclosed
 * braces and heredocs, a 5 MB `.tf.json`, deep nesting, recursive templates). Checked: nothing throws, no
 * rule crashes, every finding and every fix edit lies inside the file it names, a fix never adds a render
 * error (the edited file still parses), and fixes settle (a further pass changes nothing).
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import fc from 'fast-check';
import { Linter, applyEdits, defaultConfig, rules, type FileFinding, type FileReader, type HclSyntaxParser, type TextEdit } from '../../server/src/engine';
import { addRenders, findUnits, renderedFindings } from '../../server/src/node/sources';
import { mutate, mutationArb, type Mutation, type Source } from './inputs';

const ROOT = join(__dirname, '..', '..');
const TEXT = /\.(ya?ml|tpl|tf|tf\.json|sh|bash|txt|json)$|^[^.]+$/;
const RULE_IDS = new Set([...rules.map((r) => r.id), 'render']);

/** One render unit's files, by path inside the unit (`a/b.tf`). */
export interface SourceUnitFiles {
  name: string;
  files: Record<string, string>;
}

function readTree(dir: string, base: string, out: Record<string, string>): void {
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) readTree(p, base, out);
    else if (TEXT.test(name) && statSync(p).size < 2 * 1024 * 1024) out[relative(base, p).split(sep).join('/')] = readFileSync(p, 'utf8');
  }
}

let cached: SourceUnitFiles[] | undefined;

/** The repository folders of the real-world sources corpus, the Terraform fixtures and the examples, in a stable order. */
export function sourceUnits(): SourceUnitFiles[] {
  if (cached) return cached;
  const dirs: string[] = [];
  const real2 = join(ROOT, 'test', 'corpus', 'real2');
  for (const kind of ['helm', 'kustomize', 'terraform', 'shell']) {
    const d = join(real2, kind);
    if (existsSync(d)) for (const n of readdirSync(d).sort()) if (statSync(join(d, n)).isDirectory()) dirs.push(join(d, n));
  }
  const fixtures = join(ROOT, 'test', 'unit', 'engine', 'sources', 'terraform', 'fixtures');
  if (existsSync(fixtures)) for (const n of readdirSync(fixtures).sort()) if (statSync(join(fixtures, n)).isDirectory()) dirs.push(join(fixtures, n));
  for (const n of ['terraform', 'scripts']) if (existsSync(join(ROOT, 'examples', n))) dirs.push(join(ROOT, 'examples', n));
  cached = dirs.map((d) => {
    const files: Record<string, string> = {};
    readTree(d, d, files);
    return { name: relative(ROOT, d).split(sep).join('/'), files };
  });
  return cached;
}

/** Files a person edits in a unit: the sources' own formats (not READMEs and licences). */
export function editable(unit: SourceUnitFiles): string[] {
  return Object.keys(unit.files).filter((f) => /\.(ya?ml|tpl|tf|tf\.json|sh|bash)$/.test(f) || f.endsWith('NOTES.txt'));
}

/** HCL, shell and template syntax the YAML tokens of inputs.ts leave out. */
const SOURCE_TOKENS = [
  '{', '}', '[', ']', '(', ')', '"', '${', '%{ if var.x }', '%{ endif }', '<<EOT\n', '<<-EOT\n', 'EOT\n', '/*', '*/', '//', '# ', '=', '==', '?', ':',
  'count = 0\n', 'count = var.n\n', 'for_each = var.m\n', 'dynamic "tag" {\n  for_each = var.t\n  content {\n    key = tag.key\n  }\n}\n',
  'min_size = 1\n', 'max_size = 0\n', 'min_size = var.nope\n', 'desired_capacity = 99\n', 'health_check_type = "EC2"\n', 'cooldown = "PT1M"\n',
  'resource "aws_autoscaling_group" "x" {\n', 'variable "v" {\n  default = 1\n}\n', 'locals {\n  a = local.a\n}\n', 'module "m" {\n  source = "./"\n}\n',
  ' \\\n', '--min-num-replicas 1 ', '--min-size=1 ', '$(', '`', "'", '"$X"', 'gcloud compute instance-groups managed set-autoscaling g --max-num-replicas 3 ',
  '{{', '}}', '{{ include "x" . }}', '{{ define "x" }}{{ include "x" . }}{{ end }}', '{{ range $i := until 100000 }}x{{ end }}', '{{ fail "no" }}',
  '{{ toYaml .Values | nindent 4 }}', '{{- if .Values.autoscaling.enabled }}', '{{- end }}', '{{ .Values.x.y.z }}', 'resources:\n- ../nope\n',
  'patches:\n- path: missing.yaml\n', 'bases:\n- ../../\n', 'replicas:\n- name: x\n  count: 1\n',
];

export const sourceMutationArb: fc.Arbitrary<Mutation> = fc.oneof(
  { weight: 3, arbitrary: mutationArb },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('token' as const), at: fc.double({ min: 0, max: 1, noNaN: true, maxExcluded: true }), token: fc.constantFrom(...SOURCE_TOKENS) }) },
);

export interface SourceMutantSpec {
  unit: number;
  file: number;
  mutations: Mutation[];
}

export function sourceMutantArb(unitCount: number): fc.Arbitrary<SourceMutantSpec> {
  return fc.record({
    unit: fc.integer({ min: 0, max: unitCount - 1 }),
    file: fc.double({ min: 0, max: 1, noNaN: true, maxExcluded: true }).map((f) => Math.floor(f * 1e6)),
    mutations: fc.array(sourceMutationArb, { minLength: 1, maxLength: 4 }),
  });
}

/** The unit with one file mutated. */
export function sourceMutant(spec: SourceMutantSpec, units: readonly SourceUnitFiles[]): { name: string; files: Record<string, string>; changed: string } {
  const unit = units[spec.unit]!;
  const candidates = editable(unit);
  const changed = candidates[spec.file % Math.max(1, candidates.length)] ?? Object.keys(unit.files)[0]!;
  const others: Source[] = Object.entries(unit.files).map(([name, text]) => ({ name, text }));
  let text = unit.files[changed] ?? '';
  for (const m of spec.mutations) text = mutate(text, m, others);
  return { name: `${unit.name}/${changed} ${spec.mutations.map((m) => m.op).join('+')}`, files: { ...unit.files, [changed]: text }, changed };
}

// ---------------------------------------------------------------------------------------------------
// Generated extremes of the source formats

const MB = 1024 * 1024;
const TF_GROUP = (i: number) => `resource "aws_autoscaling_group" "g${i}" {\n  min_size = 1\n  max_size = 4\n  vpc_zone_identifier = ["a", "b"]\n}\n`;

export const SOURCE_EXTREMES: { name: string; files: () => Record<string, string>; expectFindings?: boolean }[] = [
  { name: 'Terraform: an unclosed brace', expectFindings: true, files: () => ({ 'main.tf': `resource "aws_autoscaling_group" "x" {\n  min_size = 1\n  tag {\n` }) },
  { name: 'Terraform: an unclosed heredoc', expectFindings: true, files: () => ({ 'main.tf': `${TF_GROUP(0)}resource "x" "y" {\n  user_data = <<EOT\nno end\n` }) },
  { name: 'Terraform: a half-written block and attribute', expectFindings: true, files: () => ({ 'main.tf': `${TF_GROUP(0)}resource "aws_autoscaling_group" "h" {\n  min_size =\n  max_size = \n resource "aws` }) },
  { name: 'Terraform: count, for_each, dynamic blocks and interpolations', expectFindings: true, files: () => ({ 'main.tf': `variable "n" {\n  default = 1\n}\nresource "aws_autoscaling_group" "c" {\n  count = var.n\n  name = "g-\${count.index}"\n  min_size = var.n\n  max_size = 3\n  dynamic "tag" {\n    for_each = { a = 1 }\n    content {\n      key = tag.key\n      value = "\${tag.value}"\n    }\n  }\n}\nresource "aws_autoscaling_group" "f" {\n  for_each = toset(["a", "b"])\n  min_size = 1\n  max_size = 2\n}\n` }) },
  { name: 'Terraform: a generated 5 MB .tf.json', expectFindings: true, files: () => {
    const resources: Record<string, unknown> = {};
    const one = (i: number) => ({ min_size: 1, max_size: 4, vpc_zone_identifier: ['a', 'b'], tag: [{ key: 'team', value: `${i}`.padEnd(100, 'x'), propagate_at_launch: true }] });
    const size = JSON.stringify(one(0), null, 1).length + 16;
    for (let i = 0; i * size < 5 * MB; i++) resources[`g${i}`] = one(i);
    return { 'main.tf.json': JSON.stringify({ resource: { aws_autoscaling_group: resources } }, null, 1) };
  } },
  { name: 'Terraform: 2,000 groups in one file', expectFindings: true, files: () => ({ 'main.tf': Array.from({ length: 2000 }, (_, i) => TF_GROUP(i)).join('') }) },
  { name: 'Terraform: 5,000 nested braces', files: () => ({ 'main.tf': `locals {\n  a = ${'{ b = '.repeat(5000)}1${' }'.repeat(5000)}\n}\n` }) },
  { name: 'Terraform: a chain of 10,000 locals and a cycle', files: () => ({ 'main.tf': `locals {\n${Array.from({ length: 10000 }, (_, i) => `  l${i} = local.l${i + 1}\n`).join('')}  l10000 = local.l0\n}\nresource "aws_autoscaling_group" "x" {\n  min_size = local.l0\n  max_size = 2\n}\n` }) },
  { name: 'Shell: an unclosed quote and continuation over 1 MB', files: () => ({ 'scale.sh': `gcloud compute instance-groups managed set-autoscaling g --min-num-replicas "1 ${'\\\n  x'.repeat(MB / 5)}` }) },
  { name: 'Shell: 5,000 scaling command lines', expectFindings: true, files: () => ({ 'scale.sh': Array.from({ length: 5000 }, (_, i) => `aws autoscaling update-auto-scaling-group --auto-scaling-group-name g${i} --min-size 1 --max-size 3\n`).join('') }) },
  { name: 'Helm: a template including itself', expectFindings: true, files: () => ({ 'c/Chart.yaml': 'apiVersion: v2\nname: c\nversion: 1.0.0\n', 'c/values.yaml': 'a: 1\n', 'c/templates/t.yaml': '{{ define "x" }}{{ include "x" . }}{{ end }}{{ include "x" . }}\n' }) },
  { name: 'Helm: a runaway range', expectFindings: true, files: () => ({ 'c/Chart.yaml': 'apiVersion: v2\nname: c\nversion: 1.0.0\n', 'c/values.yaml': 'a: 1\n', 'c/templates/t.yaml': '{{ range $i := until 100000000 }}{{ range $j := until 100000000 }}x{{ end }}{{ end }}\n' }) },
  { name: 'Helm: 2,000 nested values and an unclosed action', expectFindings: true, files: () => ({ 'c/Chart.yaml': 'apiVersion: v2\nname: c\nversion: 1.0.0\n', 'c/values.yaml': `${'{a: '.repeat(2000)}1${'}'.repeat(2000)}\n`, 'c/templates/t.yaml': 'x: {{ .Values.a\n' }) },
  { name: 'Kustomize: a base including itself and a missing patch', expectFindings: true, files: () => ({ 'k/kustomization.yaml': 'resources:\n- ../k\n- hpa.yaml\npatches:\n- path: nope.yaml\n', 'k/hpa.yaml': 'apiVersion: autoscaling/v2\nkind: HorizontalPodAutoscaler\nmetadata: {name: h}\nspec:\n  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: w}\n  minReplicas: 1\n  maxReplicas: 5\n' }) },
];

// ---------------------------------------------------------------------------------------------------
// The check

const PREFIX = 'fuzz';

function memReader(files: Record<string, string>): FileReader {
  const all = Object.keys(files).map((f) => `${PREFIX}/${f}`);
  return {
    read: (p) => (p.startsWith(`${PREFIX}/`) ? files[p.slice(PREFIX.length + 1)] : undefined),
    list: (folder) => {
      const prefix = folder === '' ? '' : `${folder.replace(/\/$/, '')}/`;
      const names = new Set<string>();
      for (const f of all) if (f.startsWith(prefix)) {
        const rest = f.slice(prefix.length);
        names.add(rest.includes('/') ? `${rest.slice(0, rest.indexOf('/'))}/` : rest);
      }
      return names.size ? [...names] : undefined;
    },
  };
}

export interface SourceCheckResult {
  findings: number;
  fixesApplied: number;
  problems: string[];
}

const describe = (err: unknown) => (err instanceof Error ? (err.stack ?? err.message).split('\n').slice(0, 6).join('\n') : String(err));

/** Plans, renders and lints every unit of the files as the CLI does; findings by file inside the unit. */
function lintAll(files: Record<string, string>, hclParser: HclSyntaxParser): Map<string, FileFinding[]> {
  const reader = memReader(files);
  const paths = Object.keys(files).map((f) => `/${PREFIX}/${f}`);
  const out = new Map<string, FileFinding[]>();
  for (const unit of findUnits(reader, paths.map((p) => p.slice(1)))) {
    const linter = new Linter(() => defaultConfig());
    const set = addRenders(linter, [`/${unit.marker}`], { reader, hclParser, newLinter: () => new Linter(() => defaultConfig()) });
    for (const [file, list] of renderedFindings(linter, set, undefined, '/')) {
      const key = file.replace(new RegExp(`^/${PREFIX}/`), '');
      out.set(key, [...(out.get(key) ?? []), ...list]);
    }
  }
  return out;
}

function validate(files: Record<string, string>, found: Map<string, FileFinding[]>, problems: string[], what: string): void {
  for (const [file, list] of found) {
    const text = files[file];
    if (text === undefined) {
      problems.push(`${what}: findings on ${file}, which is not a file of the unit`);
      continue;
    }
    for (const f of list) {
      const where = `${what}: ${file} ${f.ruleId} "${f.message.slice(0, 120)}"`;
      if (/Internal error/i.test(f.message)) problems.push(`${where}: a rule crashed`);
      if (!RULE_IDS.has(f.ruleId)) problems.push(`${where}: unknown rule id`);
      if (!f.message.trim()) problems.push(`${where}: empty message`);
      const s = f.documentStart + f.start;
      const e = f.documentStart + f.end;
      if (!(Number.isInteger(s) && Number.isInteger(e) && s >= 0 && e >= s && e <= Math.max(text.length, 1))) problems.push(`${where}: range ${s}-${e} outside the file (${text.length})`);
      for (const fix of f.fixes ?? []) for (const edit of fix.edits) {
        if (!(edit.start >= 0 && edit.end >= edit.start && edit.end <= text.length)) problems.push(`${where}: fix "${fix.title}" edits ${edit.start}-${edit.end} outside the file (${text.length})`);
      }
    }
  }
}

const renderErrors = (found: Map<string, FileFinding[]>, file: string) => (found.get(file) ?? []).filter((f) => f.ruleId === 'render' && f.severity === 'error').length;

/** One fix pass as `--fix` makes it: each finding's preferred safe fix, per file. */
function fixPass(files: Record<string, string>, found: Map<string, FileFinding[]>): { files: Record<string, string>; changed: string[] } {
  const edits = new Map<string, TextEdit[]>();
  for (const [file, list] of found) for (const f of list) {
    const fix = f.fixes?.find((x) => x.safe && x.preferred) ?? f.fixes?.find((x) => x.safe);
    if (fix) edits.set(file, [...(edits.get(file) ?? []), ...fix.edits]);
  }
  const next = { ...files };
  const changed: string[] = [];
  for (const [file, list] of edits) {
    const text = files[file];
    if (text === undefined) continue;
    const after = applyEdits(text, list);
    if (after !== text) {
      next[file] = after;
      changed.push(file);
    }
  }
  return { files: next, changed };
}

export function checkSources(files: Record<string, string>, hclParser: HclSyntaxParser, options: { expectFindings?: boolean; fix?: boolean } = {}): SourceCheckResult {
  const problems: string[] = [];
  let count = 0;
  let fixesApplied = 0;
  try {
    let found = lintAll(files, hclParser);
    count = [...found.values()].reduce((n, l) => n + l.length, 0);
    validate(files, found, problems, 'lint');
    if (options.expectFindings && count === 0) problems.push('expected findings (or a render finding), got none');
    if (options.fix !== false) {
      let current = files;
      for (let pass = 0; pass < 5; pass++) {
        const { files: next, changed } = fixPass(current, found);
        if (changed.length === 0) break;
        fixesApplied += changed.length;
        const after = lintAll(next, hclParser);
        validate(next, after, problems, `after fix pass ${pass + 1}`);
        for (const file of changed) {
          if (renderErrors(after, file) > renderErrors(found, file)) problems.push(`a fix added a render error in ${file}: ${(after.get(file) ?? []).filter((f) => f.ruleId === 'render').map((f) => f.message).join('; ').slice(0, 300)}`);
        }
        current = next;
        found = after;
        if (pass === 4) problems.push(`fixes did not settle in 5 passes: ${changed.join(', ')}`);
      }
    }
  } catch (err) {
    problems.push(`the engine threw: ${describe(err)}`);
  }
  return { findings: count, fixesApplied, problems };
}

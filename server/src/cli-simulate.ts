/**
 * `scalelint simulate`: the HPA controller model (SPEC §4) on the command line.
 *   scalelint simulate --scenario FILE [--format text|json]
 *   scalelint simulate MANIFEST [--doc N] [--name NAME] --load spike|ramp|sustained|drop|all [--format text|json] [--all-steps]
 * Exit 0 with a result; 2 on a usage error, an unreadable or invalid file (message on stderr).
 */
import { readFileSync } from 'node:fs';
import { extname } from 'node:path';
import { parseDocument, type Document } from 'yaml';
import { LineIndex, parseChunk, splitDocuments, type Resource } from './engine';
import { isAutoscaler, isScaledObject, utilizationMetrics } from './engine/model/kubernetes';
import { AnchorIndex, toInstance } from './engine/schema/instance';
import {
  formatDuration,
  loadTest,
  LOAD_TEST_KINDS,
  resolveHpa,
  runScenarioDetailed,
  summarizeLoadTest,
  type HpaSpecLike,
  type LoadTestKind,
  type LoadTestResult,
  type ResolvedHpa,
  type ResolvedRules,
  type SyncResult,
  type StepReason,
} from './engine/simulate';
import { formatOption, parseArgs, UsageError, type CliIo } from './cli-args';

export const SIMULATE_USAGE = `Usage: scalelint simulate --scenario FILE [--format text|json]
       scalelint simulate MANIFEST [--doc N] [--name NAME] --load spike|ramp|sustained|drop|all
                          [--format text|json] [--all-steps]

Runs ScaleLint's model of the Kubernetes HPA controller (tolerance, stabilization windows, scaling
policies and selectPolicy, min/max), one controller sync at a time.

--scenario FILE      a scenario in JSON (or YAML, for a .yaml/.yml file; "-" reads standard input):
                     {"hpa": {…spec or manifest…}, "currentReplicas": 5, "history": {…},
                      "steps": [{"at": 0, "desiredReplicas": 12},
                                {"at": 15, "utilization": {"cpu": 140}, "target": {"cpu": 70}}]}
                     --format json prints {"steps":[{"at":0,"replicas":7,"reason":"ScaleUpLimit"}, …]}.
MANIFEST             a YAML file holding HorizontalPodAutoscalers or KEDA ScaledObjects.
  --doc N            the autoscaler in the Nth YAML document of the file (1-based, counting every
                     non-empty document); needed when the file holds more than one autoscaler
  --name NAME        or pick the autoscaler by metadata.name
  --load KIND        the scaling workflow's load tests (users; 1000, the peak, need maxReplicas):
                       spike      10 → 1000 users at once, held 10 min
                       ramp       10 → 1000 users over 10 min, held 5 min
                       sustained  500 users held 30 min
                       drop       500 → 10 users, watched 15 min
                       all        the four, one after another
  --all-steps        print every sync (default: the syncs where replicas or the reason change)
-f, --format <name>  text (default) or json
-h, --help           show this help

Exit codes: 0 simulated, 2 usage error, unreadable file or invalid scenario/autoscaler.
`;

/** What each reason means, printed under a text timeline for the reasons it shows. */
const REASON_TEXT: Record<StepReason, string> = {
  ScaleUpLimit: 'a scaleUp policy limited the increase (without behavior: at most max(2 × current, 4) per sync)',
  ScaleDownLimit: 'a scaleDown policy limited the decrease',
  TooManyReplicas: 'capped at maxReplicas',
  TooFewReplicas: 'raised to minReplicas',
  stabilized: 'the stabilization window held the count (scale-up takes the lowest, scale-down the highest recommendation in its window)',
  none: 'no limit applied',
};

class InputError extends Error {}

function readInput(path: string): string {
  try {
    const text = path === '-' ? readFileSync(0, 'utf8') : readFileSync(path, 'utf8');
    return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new InputError(`cannot read ${path === '-' ? 'standard input' : path}: ${code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a folder' : (code ?? String(err))}`);
  }
}

// ---------------------------------------------------------------------------------------------
// Text layout helpers

function table(header: string[], rows: string[][], rightAligned: boolean[]): string[] {
  const widths = header.map((h, c) => rows.reduce((w, r) => Math.max(w, r[c]!.length), h.length));
  const line = (cells: string[]) =>
    '  ' +
    cells
      .map((cell, c) => (rightAligned[c] ? cell.padStart(widths[c]!) : cell.padEnd(widths[c]!)))
      .join('  ')
      .trimEnd();
  return [line(header), ...rows.map(line)];
}

/** 75 → "1:15", 3725 → "1:02:05". */
function clock(seconds: number): string {
  const total = Math.round(seconds);
  const sign = total < 0 ? '-' : '';
  const abs = Math.abs(total);
  const h = Math.floor(abs / 3600);
  const m = Math.floor((abs % 3600) / 60);
  const s = String(abs % 60).padStart(2, '0');
  return h ? `${sign}${h}:${String(m).padStart(2, '0')}:${s}` : `${sign}${m}:${s}`;
}

function number(n: number): string {
  return String(Math.round(n * 100) / 100);
}

function rulesText(r: ResolvedRules): string {
  const policies = r.policies.map((p) => (p.type === 'Pods' ? `${p.value} pods` : `${p.value} %`) + ` / ${p.periodSeconds} s`).join(', ');
  const select = r.selectPolicy === 'Disabled' ? 'Disabled' : `${policies}${r.policies.length > 1 ? ` (${r.selectPolicy})` : ''}`;
  return `window ${r.stabilizationWindowSeconds} s, ${select}`;
}

function hpaText(hpa: ResolvedHpa, sync: number): string {
  const behavior = hpa.behavior
    ? `scaleUp ${rulesText(hpa.behavior.scaleUp)}; scaleDown ${rulesText(hpa.behavior.scaleDown)}`
    : 'no behavior (legacy path: up at most max(2 × current, 4) per sync, 300 s scale-down window)';
  return `${hpa.minReplicas}–${hpa.maxReplicas} replicas; ${behavior}; a sync every ${formatDuration(sync)}`;
}

function legend(reasons: Iterable<StepReason>): string[] {
  const used = [...new Set(reasons)].filter((r) => r !== 'none');
  return used.length ? ['Reasons:', ...used.map((r) => `  ${r}: ${REASON_TEXT[r]}.`)] : [];
}

// ---------------------------------------------------------------------------------------------
// --scenario FILE

function positionOf(text: string, offset: number): string {
  const p = new LineIndex(text).position(offset);
  return `line ${p.line + 1}, column ${p.character + 1}`;
}

class JsonSyntaxAt extends Error {
  constructor(readonly offset: number) {
    super('JSON syntax error');
  }
}

/**
 * Where JSON text first goes wrong. Node 20's JSON.parse names the offset for some errors only
 * ("Unexpected token '}'" has none), so the CLI finds it itself to print a line and column.
 */
function jsonErrorOffset(text: string): number | undefined {
  let i = 0;
  const fail = (): never => {
    throw new JsonSyntaxAt(i);
  };
  const ws = () => {
    while (i < text.length && (text[i] === ' ' || text[i] === '\t' || text[i] === '\n' || text[i] === '\r')) i++;
  };
  const literal = (word: string) => {
    if (!text.startsWith(word, i)) fail();
    i += word.length;
  };
  const string = () => {
    i++;
    while (i < text.length) {
      const c = text.charCodeAt(i);
      if (c === 34) {
        i++;
        return;
      }
      if (c < 32) fail();
      i += c === 92 ? 2 : 1;
    }
    fail();
  };
  const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
  const value = (): void => {
    ws();
    const c = text[i];
    if (c === '{' || c === '[') {
      const close = c === '{' ? '}' : ']';
      i++;
      ws();
      if (text[i] === close) {
        i++;
        return;
      }
      for (;;) {
        if (c === '{') {
          ws();
          if (text[i] !== '"') fail();
          string();
          ws();
          if (text[i] !== ':') fail();
          i++;
        }
        value();
        ws();
        if (text[i] === ',') i++;
        else if (text[i] === close) {
          i++;
          return;
        } else fail();
      }
    }
    if (c === '"') return string();
    if (c === 't') return literal('true');
    if (c === 'f') return literal('false');
    if (c === 'n') return literal('null');
    NUMBER.lastIndex = i;
    if (!NUMBER.exec(text)) fail();
    i = NUMBER.lastIndex;
  };
  try {
    value();
    ws();
    if (i < text.length) fail();
    return undefined;
  } catch (err) {
    return err instanceof JsonSyntaxAt ? Math.min(err.offset, text.length) : undefined; // RangeError: absurd nesting
  }
}

function parseJson(text: string, path: string): unknown {
  try {
    return JSON.parse(text);
  } catch (err) {
    const raw = err instanceof Error ? err.message : String(err);
    const given = /position (\d+)/.exec(raw);
    const message = raw.replace(/ in JSON at position \d+.*$/s, '').replace(/, (?:\.\.\.)?".*" is not valid JSON$/s, '');
    const offset = jsonErrorOffset(text) ?? (given ? Number(given[1]) : undefined);
    const where = offset === undefined ? '' : offset >= text.length ? ' (at the end of the text)' : ` (${positionOf(text, offset)})`;
    throw new InputError(`${path} is not valid JSON: ${message}${where}`);
  }
}

function parseYaml(text: string, path: string): unknown {
  let doc: Document.Parsed;
  try {
    doc = parseDocument(text, { uniqueKeys: true, prettyErrors: false });
  } catch (err) {
    throw new InputError(`${path} could not be read as YAML: ${err instanceof Error ? err.message : String(err)}`);
  }
  const error = doc.errors[0];
  if (error) {
    const message = error.message.replace(/ at line \d+, column \d+:?[\s\S]*$/, '').trim();
    throw new InputError(`${path} is not valid YAML: ${message} (${positionOf(text, error.pos[0])})`);
  }
  try {
    return doc.toJS({ maxAliasCount: 100 });
  } catch (err) {
    throw new InputError(`${path} could not be read as YAML: ${err instanceof Error ? err.message : String(err)}`);
  }
}

function parseScenarioFile(path: string): unknown {
  const text = readInput(path);
  if (text.trim() === '') throw new InputError(`${path === '-' ? 'standard input' : path} is empty: a scenario is a JSON object with hpa, currentReplicas and steps`);
  const ext = extname(path).toLowerCase();
  if (ext === '.json') return parseJson(text, path);
  if (ext === '.yaml' || ext === '.yml') return parseYaml(text, path);
  // Another name, or standard input: JSON when it looks like JSON, YAML otherwise.
  return /^\s*[[{]/.test(text) ? parseJson(text, path) : parseYaml(text, path);
}

function inputText(step: { desiredReplicas?: number; utilization?: Record<string, number>; target?: Record<string, number> }): string {
  if (step.desiredReplicas !== undefined) return `desired ${step.desiredReplicas}`;
  return Object.keys(step.target ?? {})
    .map((name) => `${name} ${step.utilization?.[name]} % of ${step.target?.[name]} %`)
    .join(', ');
}

function runScenarioCommand(path: string, format: 'text' | 'json', io: CliIo): number {
  const scenario = parseScenarioFile(path);
  const result = runScenarioDetailed(scenario as never);
  if ('error' in result) throw new InputError(`${path}: invalid scenario: ${result.error}`);
  if (format === 'json') {
    io.stdout(JSON.stringify({ steps: result.steps.map((s) => ({ at: s.at, replicas: s.replicas, reason: s.reason })) }, null, 2) + '\n');
    return 0;
  }
  const s = scenario as { hpa: unknown; syncPeriodSeconds?: number; currentReplicas: number; steps: Record<string, never>[] };
  const hpa = resolveHpa(s.hpa) as ResolvedHpa; // valid: runScenarioDetailed accepted it
  const rows = result.steps.map((r: SyncResult, i) => [
    number(r.at),
    inputText(s.steps[i]!),
    r.rawRecommendation === undefined ? '–' : String(r.rawRecommendation),
    r.previousReplicas === r.replicas ? String(r.replicas) : `${r.previousReplicas} → ${r.replicas}`,
    r.reason,
  ]);
  const lines = [
    `Scenario ${path === '-' ? '(standard input)' : path}`,
    `HPA: ${hpaText(hpa, s.syncPeriodSeconds ?? 15)}; starts at ${s.currentReplicas} replicas.`,
    '',
    ...table(['at (s)', 'input', 'recommendation', 'replicas', 'reason'], rows, [true, false, true, true, false]),
  ];
  const notes = legend(result.steps.map((r) => r.reason));
  if (notes.length) lines.push('', ...notes);
  io.stdout(lines.join('\n') + '\n');
  return 0;
}

// ---------------------------------------------------------------------------------------------
// MANIFEST --load KIND

interface Candidate {
  resource: Resource;
  doc: Document.Parsed;
  /** 1-based number of the YAML document in the file (non-empty documents only). */
  document: number;
  line: number;
  label: string;
}

interface ManifestDocuments {
  count: number;
  /** Kinds in each document, for messages. */
  kinds: Map<number, string[]>;
  candidates: Candidate[];
  syntax: Map<number, string>;
  template: boolean;
}

function documentOf(r: Resource): Document.Parsed | undefined {
  const docs = r.chunk.docs;
  if (docs.length <= 1) return docs[0];
  const at = r.node.range?.[0] ?? 0;
  return docs.find((d) => {
    const range = d.contents?.range;
    return range ? range[0] <= at && at <= range[2] : false;
  });
}

function labelOf(r: Resource): string {
  return `${r.kind} ${r.namespace ? `${r.namespace}/` : ''}${r.name || '(no name)'}`;
}

function readManifest(path: string): ManifestDocuments {
  const text = readInput(path);
  const lines = new LineIndex(text);
  const out: ManifestDocuments = { count: 0, kinds: new Map(), candidates: [], syntax: new Map(), template: false };
  for (const chunk of splitDocuments(text)) {
    const parsed = parseChunk(chunk.text);
    if (parsed.template) out.template = true;
    const numbers = new Map<Document.Parsed, number>();
    for (const doc of parsed.docs) {
      if (doc.contents === null) continue;
      out.count++;
      numbers.set(doc, out.count);
      // The engine's yaml-syntax findings (parser errors and duplicate keys) for this YAML document.
      const error = parsed.syntax[0];
      if (error) out.syntax.set(out.count, `${error.message} (${positionOf(text, chunk.start + error.start)})`);
    }
    for (const r of parsed.resources) {
      const doc = documentOf(r);
      const document = doc ? numbers.get(doc) : undefined;
      if (!doc || document === undefined) continue;
      out.kinds.set(document, [...(out.kinds.get(document) ?? []), labelOf(r)]);
      if (isAutoscaler(r)) {
        out.candidates.push({ resource: r, doc, document, line: lines.position(chunk.start + r.anchor[0]).line + 1, label: labelOf(r) });
      }
    }
  }
  return out;
}

function choices(list: Candidate[]): string {
  return list.map((c) => `  --doc ${c.document}  ${c.label} (line ${c.line})`).join('\n');
}

function choose(path: string, m: ManifestDocuments, doc: number | undefined, name: string | undefined): Candidate {
  if (m.candidates.length === 0) {
    const found = [...m.kinds.values()].flat();
    const why = m.template
      ? ' (it looks like a Helm template: render it first, e.g. helm template …)'
      : found.length
        ? `; it holds ${found.join(', ')}${found.some((k) => k.startsWith('AWS::')) ? ' (Auto Scaling Groups are not simulated: the simulator models the Kubernetes HPA controller)' : ''}`
        : '';
    throw new InputError(`${path} holds no HorizontalPodAutoscaler or KEDA ScaledObject${why}`);
  }
  let list = m.candidates;
  if (doc !== undefined) {
    if (doc > m.count) throw new InputError(`${path} has ${m.count} YAML document${m.count === 1 ? '' : 's'}; there is no document ${doc}. Autoscalers:\n${choices(m.candidates)}`);
    list = list.filter((c) => c.document === doc);
    if (list.length === 0) {
      const what = m.syntax.get(doc) ? `has a YAML error: ${m.syntax.get(doc)}` : m.kinds.get(doc) ? `holds ${m.kinds.get(doc)!.join(', ')}` : 'holds no Kubernetes object';
      throw new InputError(`document ${doc} of ${path} ${what}, not an autoscaler. Autoscalers:\n${choices(m.candidates)}`);
    }
  }
  if (name !== undefined) {
    const named = list.filter((c) => c.resource.name === name);
    if (named.length === 0) throw new InputError(`no autoscaler named ${JSON.stringify(name)} in ${doc !== undefined ? `document ${doc} of ` : ''}${path}. Autoscalers:\n${choices(list)}`);
    list = named;
  }
  if (list.length > 1) {
    const sameDoc = list.every((c) => c.document === list[0]!.document);
    const how = sameDoc ? 'choose one with --name NAME' : 'choose one with --doc N (or --name NAME)';
    throw new InputError(`${path} holds ${list.length} autoscalers; ${how}:\n${list.map((c) => `  --doc ${c.document}  --name ${c.resource.name}  ${c.label} (line ${c.line})`).join('\n')}`);
  }
  const chosen = list[0]!;
  const syntax = m.syntax.get(chosen.document);
  if (syntax) throw new InputError(`${path}: document ${chosen.document} has a YAML error: ${syntax}`);
  return chosen;
}

interface LoadRun {
  result: LoadTestResult;
  summary: ReturnType<typeof summarizeLoadTest>;
}

function timelineText(run: LoadRun, allSteps: boolean): string[] {
  const steps = run.result.steps;
  const shown = steps.filter((s, i) => {
    if (allSteps || i === 0 || i === steps.length - 1) return true;
    const prev = steps[i - 1]!;
    return s.replicas !== prev.replicas || s.reason !== prev.reason || s.at === run.summary.loadChangeAt;
  });
  const rows = shown.map((s) => [clock(s.at), number(s.load), number(s.requiredReplicas), String(s.replicas), s.reason]);
  return [
    run.result.description,
    ...table(['time', 'users', 'needed', 'replicas', 'reason'], rows, [true, true, true, true, false]),
    run.summary.text,
  ];
}

function runLoadCommand(path: string, kinds: LoadTestKind[], docArg: string | undefined, name: string | undefined, format: 'text' | 'json', allSteps: boolean, io: CliIo): number {
  let doc: number | undefined;
  if (docArg !== undefined) {
    if (!/^\d+$/.test(docArg) || Number(docArg) < 1) throw new UsageError(`--doc needs a document number (1 for the first); got ${JSON.stringify(docArg)}`);
    doc = Number(docArg);
  }
  const manifest = readManifest(path);
  const chosen = choose(path, manifest, doc, name);
  const r = chosen.resource;
  const converted = toInstance(r.node, { yaml11Booleans: true, anchors: new AnchorIndex(chosen.doc) });
  if ('skipped' in converted) throw new InputError(`${path}: ${chosen.label} cannot be read (${converted.skipped === 'cycle' ? 'an alias refers to a node that contains it' : `it is too ${converted.skipped === 'size' ? 'large once aliases are expanded' : 'deeply nested'}`})`);
  const manifestValue = converted.instance.value;
  const hpa = resolveHpa(manifestValue);
  if ('error' in hpa) throw new InputError(`${path}: ${chosen.label} (line ${chosen.line}) cannot be simulated: ${hpa.error}`);
  const target = utilizationMetrics(r).find((m) => m.utilization !== undefined && m.utilization > 0);
  const opts = target ? { targetUtilization: target.utilization } : undefined;

  const runs: LoadRun[] = [];
  for (const kind of kinds) {
    const result = loadTest(manifestValue as HpaSpecLike, kind, opts);
    if ('error' in result) throw new InputError(`${path}: ${chosen.label} cannot be simulated: ${result.error}`);
    runs.push({ result, summary: summarizeLoadTest(result, hpa) });
  }

  if (format === 'json') {
    const out = {
      file: path,
      document: chosen.document,
      line: chosen.line,
      kind: r.kind,
      name: r.name,
      ...(r.namespace ? { namespace: r.namespace } : {}),
      minReplicas: hpa.minReplicas,
      maxReplicas: hpa.maxReplicas,
      loadTests: runs.map(({ result, summary }) => ({ ...result, summary: { ...result.summary, ...summary } })),
    };
    io.stdout(JSON.stringify(out, null, 2) + '\n');
    return 0;
  }
  const first = runs[0]!.result;
  const targetText = target ? `${target.resource} target ${first.targetUtilization} %` : `no Utilization target found, so ${first.targetUtilization} % (the HPA default) is assumed`;
  const keda = isScaledObject(r) ? ' (KEDA activates 0 → 1 itself; the HPA it creates scales from 1)' : '';
  const lines = [
    `${chosen.label} (${path}, document ${chosen.document}, line ${chosen.line})${keda}`,
    `${hpaText(hpa, first.syncPeriodSeconds)}; ${targetText}.`,
    `Load in users: 1000 (the workflow's peak) needs all ${hpa.maxReplicas} replicas at the target, so one replica serves ${number(first.capacityPerReplica)}.`,
  ];
  for (const run of runs) lines.push('', ...timelineText(run, allSteps));
  const notes = legend(runs.flatMap((run) => run.result.steps.map((s) => s.reason)));
  if (notes.length) lines.push('', ...notes);
  io.stdout(lines.join('\n') + '\n');
  return 0;
}

// ---------------------------------------------------------------------------------------------

export function runSimulate(argv: readonly string[], io: CliIo): number {
  try {
    const args = parseArgs(argv, {
      values: ['--scenario', '--format', '--load', '--doc', '--name'],
      flags: ['--help', '--all-steps'],
      aliases: { '-f': '--format', '-h': '--help' },
    });
    if (args.flags.has('--help')) {
      io.stdout(SIMULATE_USAGE);
      return 0;
    }
    const format = formatOption(args);
    const scenario = args.values.get('--scenario');
    if (scenario !== undefined) {
      if (args.positionals.length) throw new UsageError(`give either --scenario FILE or a manifest, not both (got ${JSON.stringify(args.positionals[0])})`);
      for (const option of ['--load', '--doc', '--name', '--all-steps']) {
        if (args.values.has(option) || args.flags.has(option)) throw new UsageError(`${option} is for a manifest; a scenario lists its own steps`);
      }
      return runScenarioCommand(scenario, format, io);
    }
    if (args.positionals.length === 0) throw new UsageError('give --scenario FILE, or a manifest with --load KIND');
    if (args.positionals.length > 1) throw new UsageError(`simulate takes one manifest; got ${args.positionals.length} (${args.positionals.join(', ')})`);
    const load = args.values.get('--load');
    if (load === undefined) throw new UsageError(`--load is required with a manifest: ${LOAD_TEST_KINDS.join(', ')} or all`);
    const kinds = load === 'all' ? [...LOAD_TEST_KINDS] : LOAD_TEST_KINDS.filter((k) => k === load);
    if (kinds.length === 0) throw new UsageError(`unknown load test "${load}" (use ${LOAD_TEST_KINDS.join(', ')} or all)`);
    return runLoadCommand(args.positionals[0]!, kinds, args.values.get('--doc'), args.values.get('--name'), format, args.flags.has('--all-steps'), io);
  } catch (err) {
    if (err instanceof UsageError) {
      io.stderr(`scalelint simulate: ${err.message}\nRun \`scalelint simulate --help\` for the options.\n`);
      return 2;
    }
    if (err instanceof InputError) {
      io.stderr(`scalelint simulate: ${err.message}\n`);
      return 2;
    }
    throw err;
  }
}

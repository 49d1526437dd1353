/**
 * `scalelint simulate`: the HPA controller model (SPEC §4) on the command line.
 *   scalelint simulate --scenario FILE [--format text|json]
 *   scalelint simulate MANIFEST [--doc N] [--name NAME] --load spike|ramp|sustained|drop|all [--format text|json] [--all-steps]
 * Exit 0 with a result; 2 on a usage error, an unreadable or invalid file (message on stderr).
 * The text layout is in simulate-text.ts, the choice of autoscaler in pick-autoscaler.ts.
 */
import { extname } from 'node:path';
import { autoscalerOf, isScaledObject, simulatorSpec, utilizationMetrics } from '../engine';
import { loadTest, LOAD_TEST_KINDS, resolveHpa, runScenarioDetailed, summarizeLoadTest, type HpaSpecLike, type LoadTestKind, type ResolvedHpa, type SyncResult } from '../engine/simulate';
import { formatOption, parseArgs, UsageError, type CliIo } from './args';
import { InputError, parseJson, parseYaml, readInput } from './input';
import { choose, readManifest } from './pick-autoscaler';
import { hpaText, inputText, legend, number, table, timelineText, type LoadRun } from './simulate-text';

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

function parseScenarioFile(path: string): unknown {
  const text = readInput(path);
  if (text.trim() === '') throw new InputError(`${path === '-' ? 'standard input' : path} is empty: a scenario is a JSON object with hpa, currentReplicas and steps`);
  const ext = extname(path).toLowerCase();
  if (ext === '.json') return parseJson(text, path);
  if (ext === '.yaml' || ext === '.yml') return parseYaml(text, path);
  // Another name, or standard input: JSON when it looks like JSON, YAML otherwise.
  return /^\s*[[{]/.test(text) ? parseJson(text, path) : parseYaml(text, path);
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

function runLoadCommand(path: string, kinds: LoadTestKind[], docArg: string | undefined, name: string | undefined, format: 'text' | 'json', allSteps: boolean, io: CliIo): number {
  let doc: number | undefined;
  if (docArg !== undefined) {
    if (!/^\d+$/.test(docArg) || Number(docArg) < 1) throw new UsageError(`--doc needs a document number (1 for the first); got ${JSON.stringify(docArg)}`);
    doc = Number(docArg);
  }
  const manifest = readManifest(path);
  const chosen = choose(path, manifest, doc, name);
  const r = chosen.resource;
  // The engine's one derivation of the simulator's spec from an autoscaler (the rule, hover and code lens use it too).
  const autoscaler = autoscalerOf(r);
  const derived = autoscaler ? simulatorSpec(autoscaler) : { error: `${r.kind} is not an autoscaler` };
  if ('error' in derived) {
    if (derived.error.startsWith('it cannot be read')) throw new InputError(`${path}: ${chosen.label} cannot be read${derived.error.slice('it cannot be read'.length)}`);
    throw new InputError(`${path}: ${chosen.label} (line ${chosen.line}) cannot be simulated: ${derived.error}`);
  }
  const manifestValue = derived.spec;
  const hpa = derived.resolved;
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

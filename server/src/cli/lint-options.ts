/** `scalelint [options] <files, folders or ->`: the lint command's usage text and options. */
import { parseArgs, UsageError } from './args';

export const LINT_USAGE = `Usage: scalelint [options] <files or folders…>
       … | scalelint [options] -   lint YAML read from standard input
       scalelint simulate …   run the HPA controller model (scalelint simulate --help)
       scalelint capacity …   work out instances for a target load (scalelint capacity --help)

Lints autoscaling configuration: Kubernetes HPAs, Deployments, StatefulSets, Services,
PodDisruptionBudgets, KEDA ScaledObjects and CloudFormation Auto Scaling Groups.
Folders are walked for *.yaml and *.yml (node_modules and .git are skipped). A folder with
Chart.yaml is a Helm chart, rendered as helm template does; a kustomization is built as
kubectl kustomize does; findings land on the values, template, base or patch line.
\`-\` reads one stream from standard input (helm template … | scalelint -).

Options:
  -f, --format <name>     stylish (default), json, sarif, github (Actions annotations)
                          or junit (JUnit XML test report)
  --stdin-filename <name> the name of standard input in reports and for the config
                          lookup (default <stdin>)
  --values <file>         a Helm value file, merged over each chart's values.yaml
                          (repeatable, in order)
  --set <path=value>      a Helm value, with helm's --set rules (repeatable)
  --max-warnings <n>      exit 1 when there are more than n warnings
  --fix                   write safe fixes to the files (comments and formatting kept)
  -c, --config <file>     use this config file instead of the nearest .scalelint.yaml
  -o, --output-file <f>   write the report to a file
  --threads <n|auto>      lint with n threads (auto: up to 4 for 1 MB of YAML or more
                          on 3 cores or more, else 1; the report is the same whatever
                          the count; --fix uses 1)
  --color / --no-color    force colours on or off (default: on for a terminal)
  -h, --help              show this help
  -v, --version           print the version

Exit codes: 0 clean (warnings within --max-warnings), 1 errors or too many warnings,
2 usage error, unreadable input or bad config.
`;

const FORMATS = ['stylish', 'json', 'sarif', 'github', 'junit'] as const;
export type Format = (typeof FORMATS)[number];

export interface LintOptions {
  format: Format;
  /** Name of standard input (`-`) in reports and for the config lookup. */
  stdinFilename?: string;
  maxWarnings?: number;
  fix: boolean;
  config?: string;
  outputFile?: string;
  color: boolean;
  /** Threads to lint with; 'auto' decides from the amount of input. */
  threads: number | 'auto';
  /** Helm: value files (in order) and --set expressions. */
  valueFiles: string[];
  set: string[];
  paths: string[];
}

const SPEC = {
  values: ['--format', '--max-warnings', '--config', '--stdin-filename', '--output-file', '--threads', '--values', '--set'],
  flags: ['--help', '--version', '--fix', '--color', '--no-color'],
  aliases: { '-h': '--help', '-v': '--version', '-f': '--format', '-c': '--config', '-o': '--output-file' },
  // As in most linters, a repeated option replaces the earlier one.
  repeatable: ['--format', '--max-warnings', '--config', '--stdin-filename', '--output-file', '--threads', '--values', '--set'],
};

/** The lint command's options; throws UsageError. */
export function parseLintArgs(argv: readonly string[]): LintOptions | 'help' | 'version' {
  const args = parseArgs(argv, SPEC);
  if (args.flags.has('--help')) return 'help';
  if (args.flags.has('--version')) return 'version';
  const o: LintOptions = { format: 'stylish', fix: args.flags.has('--fix'), color: !!process.stdout.isTTY && !process.env.NO_COLOR, threads: 'auto', valueFiles: [], set: [], paths: args.positionals };
  for (const { name, value } of args.options) {
    if (name === '--color') o.color = true;
    else if (name === '--no-color') o.color = false;
    else if (name === '--values') o.valueFiles.push(value!);
    else if (name === '--set') {
      if (!/^[^=]+=/.test(value!)) throw new UsageError(`--set needs path=value, got "${value}"`);
      o.set.push(value!);
    }
  }
  const format = args.values.get('--format');
  if (format !== undefined) {
    if (!(FORMATS as readonly string[]).includes(format)) throw new UsageError(`unknown format "${format}" (use ${FORMATS.slice(0, -1).join(', ')} or ${FORMATS.at(-1)})`);
    o.format = format as Format;
  }
  const maxWarnings = args.values.get('--max-warnings');
  if (maxWarnings !== undefined) {
    if (!/^\d+$/.test(maxWarnings)) throw new UsageError(`--max-warnings needs a whole number, got "${maxWarnings}"`);
    o.maxWarnings = Number(maxWarnings);
  }
  const threads = args.values.get('--threads');
  if (threads !== undefined) {
    if (threads !== 'auto' && !/^[1-9]\d*$/.test(threads)) throw new UsageError(`--threads needs a whole number of at least 1, or auto; got "${threads}"`);
    o.threads = threads === 'auto' ? 'auto' : Math.min(Number(threads), 64);
  }
  o.config = args.values.get('--config');
  o.stdinFilename = args.values.get('--stdin-filename');
  o.outputFile = args.values.get('--output-file');
  if (o.paths.length === 0) throw new UsageError('no files or folders given');
  if (o.paths.filter((p) => p === '-').length > 1) throw new UsageError('- (standard input) is given twice');
  if (o.fix && o.paths.includes('-')) throw new UsageError('--fix cannot write to standard input; lint the file itself to fix it');
  if (o.stdinFilename !== undefined && !o.paths.includes('-')) throw new UsageError('--stdin-filename needs - among the inputs');
  return o;
}

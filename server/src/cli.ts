/**
 * `scalelint`: the command line (SPEC §6). Lints files and folders with the same engine as the editor.
 *   scalelint [--format stylish|json|sarif] [--max-warnings N] [--fix] [--config FILE] <files or folders…>
 * Exit 0: no errors and warnings within --max-warnings; 1: otherwise; 2: usage error, unreadable input or bad config.
 * Subcommands `simulate` (cli-simulate.ts) and `capacity` (cli-capacity.ts) have their own options.
 */
import { readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import { Linter, LineIndex, fixAll, rules, ruleDocUrl, setSchemaLoader, schemasAvailable, type FileFinding } from './engine';
import { ConfigResolver } from './config-files';
import { formatStylish, formatJson, formatSarif, type FileResult } from './formats';
import { runSimulate } from './cli-simulate';
import { runCapacity } from './cli-capacity';

const VERSION = '0.1.0';

const USAGE = `Usage: scalelint [options] <files or folders…>
       scalelint simulate …   run the HPA controller model (scalelint simulate --help)
       scalelint capacity …   work out instances for a target load (scalelint capacity --help)

Lints autoscaling configuration: Kubernetes HPAs, Deployments, StatefulSets, Services,
PodDisruptionBudgets, KEDA ScaledObjects and CloudFormation Auto Scaling Groups.
Folders are walked for *.yaml and *.yml (node_modules and .git are skipped).

Options:
  -f, --format <name>     stylish (default), json or sarif
  --max-warnings <n>      exit 1 when there are more than n warnings
  --fix                   write safe fixes to the files (comments and formatting kept)
  -c, --config <file>     use this config file instead of the nearest .scalelint.yaml
  -o, --output-file <f>   write the report to a file
  --color / --no-color    force colours on or off (default: on for a terminal)
  -h, --help              show this help
  -v, --version           print the version

Exit codes: 0 clean (warnings within --max-warnings), 1 errors or too many warnings,
2 usage error, unreadable input or bad config.
`;

class UsageError extends Error {}

interface Options {
  format: 'stylish' | 'json' | 'sarif';
  maxWarnings?: number;
  fix: boolean;
  config?: string;
  outputFile?: string;
  color: boolean;
  paths: string[];
}

function parseArgs(argv: string[]): Options | 'help' | 'version' {
  const o: Options = { format: 'stylish', fix: false, color: !!process.stdout.isTTY && !process.env.NO_COLOR, paths: [] };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const [flag, inline] = a.startsWith('--') && a.includes('=') ? [a.slice(0, a.indexOf('=')), a.slice(a.indexOf('=') + 1)] : [a, undefined];
    const value = (): string => {
      const v = inline ?? argv[++i];
      if (v === undefined || (inline === undefined && v.startsWith('-') && v !== '-')) throw new UsageError(`${flag} needs a value`);
      return v;
    };
    switch (flag) {
      case '-h':
      case '--help':
        return 'help';
      case '-v':
      case '--version':
        return 'version';
      case '-f':
      case '--format': {
        const f = value();
        if (f !== 'stylish' && f !== 'json' && f !== 'sarif') throw new UsageError(`unknown format "${f}" (use stylish, json or sarif)`);
        o.format = f;
        break;
      }
      case '--max-warnings': {
        const v = value();
        if (!/^\d+$/.test(v)) throw new UsageError(`--max-warnings needs a whole number, got "${v}"`);
        o.maxWarnings = Number(v);
        break;
      }
      case '--fix':
        o.fix = true;
        break;
      case '-c':
      case '--config':
        o.config = value();
        break;
      case '-o':
      case '--output-file':
        o.outputFile = value();
        break;
      case '--color':
        o.color = true;
        break;
      case '--no-color':
        o.color = false;
        break;
      case '--':
        o.paths.push(...argv.slice(i + 1));
        i = argv.length;
        break;
      default:
        if (a.startsWith('-') && a !== '-') throw new UsageError(`unknown option ${a}`);
        o.paths.push(a);
    }
  }
  if (o.paths.length === 0) throw new UsageError('no files or folders given');
  return o;
}

const SKIP_DIRS = new Set(['node_modules', '.git']);

/** Expands folders into their YAML files (sorted, so output is stable). Missing paths are usage errors. */
function collectFiles(paths: string[]): string[] {
  const out: string[] = [];
  const seen = new Set<string>();
  const add = (p: string) => {
    const abs = resolve(p);
    if (!seen.has(abs)) {
      seen.add(abs);
      out.push(p);
    }
  };
  const walk = (dir: string) => {
    let entries: string[];
    try {
      entries = readdirSync(dir).sort();
    } catch (err) {
      throw new UsageError(`cannot read folder ${dir}: ${(err as NodeJS.ErrnoException).code ?? err}`);
    }
    for (const name of entries) {
      const p = join(dir, name);
      let st;
      try {
        st = statSync(p);
      } catch {
        continue; // a dangling symlink inside a walked folder is not an input the user named
      }
      if (st.isDirectory()) {
        if (!SKIP_DIRS.has(name)) walk(p);
      } else if (/\.ya?ml$/i.test(name) && name !== '.scalelint.yaml') add(p);
    }
  };
  for (const p of paths) {
    let st;
    try {
      st = statSync(p);
    } catch (err) {
      throw new UsageError(`cannot read ${p}: ${(err as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file or folder' : String(err)}`);
    }
    if (st.isDirectory()) walk(p);
    else add(p);
  }
  return out;
}

function schemasDir(): string {
  // The bundle lives in server/out/; the schemas in schemas/ at the package root.
  return join(__dirname, '..', '..', 'schemas');
}

export function run(argv: string[], io: { stdout: (s: string) => void; stderr: (s: string) => void } = { stdout: (s) => process.stdout.write(s), stderr: (s) => process.stderr.write(s) }): number {
  // Subcommands; a file of that name is linted as ./simulate.
  if (argv[0] === 'simulate') return runSimulate(argv.slice(1), io);
  if (argv[0] === 'capacity') return runCapacity(argv.slice(1), io);
  let options: ReturnType<typeof parseArgs>;
  try {
    options = parseArgs(argv);
  } catch (err) {
    if (err instanceof UsageError) {
      io.stderr(`scalelint: ${err.message}\n\n${USAGE}`);
      return 2;
    }
    throw err;
  }
  if (options === 'help') {
    io.stdout(USAGE);
    return 0;
  }
  if (options === 'version') {
    io.stdout(`${VERSION}\n`);
    return 0;
  }
  setSchemaLoader((rel) => {
    try {
      return JSON.parse(readFileSync(join(schemasDir(), rel), 'utf8'));
    } catch {
      return undefined;
    }
  });

  if (!schemasAvailable()) io.stderr(`scalelint: warning: no schemas found in ${schemasDir()}; the schema rule cannot run.\n`);

  let files: string[];
  try {
    files = collectFiles(options.paths);
  } catch (err) {
    if (err instanceof UsageError) {
      io.stderr(`scalelint: ${err.message}\n`);
      return 2;
    }
    throw err;
  }

  const resolver = new ConfigResolver(undefined, options.config);
  if (options.config) {
    const cfg = resolver.read(resolve(options.config));
    if (cfg.problems.length) {
      for (const p of cfg.problems) io.stderr(`scalelint: ${options.config}: ${p.message}\n`);
      return 2;
    }
  }
  // Every config file that applies is checked once; a bad one stops the run (exit 2) with its key named.
  const checked = new Set<string>();
  let badConfig = false;
  for (const f of files) {
    const p = resolver.configPathFor(f);
    if (!p || checked.has(p)) continue;
    checked.add(p);
    for (const problem of resolver.read(p).problems) {
      io.stderr(`scalelint: ${relative(process.cwd(), p) || p}: ${problem.message}\n`);
      badConfig = true;
    }
  }
  if (badConfig) return 2;

  const linter = new Linter((uri) => resolver.configFor(uri));
  const texts = new Map<string, string>();
  let unreadable = false;
  for (const f of files) {
    try {
      const buf = readFileSync(f);
      const text = buf.toString('utf8');
      texts.set(f, text);
      linter.update(f, text);
    } catch (err) {
      io.stderr(`scalelint: cannot read ${f}: ${(err as NodeJS.ErrnoException).code ?? String(err)}\n`);
      unreadable = true;
    }
  }

  if (options.fix) {
    for (const [f, text] of texts) {
      const fixed = fixAll(text, (t) => {
        linter.update(f, t);
        return linter.lintFile(f);
      });
      if (fixed.applied > 0 && fixed.text !== text) {
        try {
          writeFileSync(f, fixed.text);
          texts.set(f, fixed.text);
        } catch (err) {
          io.stderr(`scalelint: cannot write ${f}: ${(err as NodeJS.ErrnoException).code ?? String(err)}\n`);
          unreadable = true;
        }
      }
      linter.update(f, texts.get(f)!);
    }
  }

  const results: FileResult[] = [];
  for (const [f, text] of texts) {
    const lines = new LineIndex(text);
    results.push({ key: f, filePath: resolve(f), displayPath: f.split(sep).join('/'), text, findings: linter.lintFile(f), lines });
  }

  const report =
    options.format === 'json' ? formatJson(results) : options.format === 'sarif' ? formatSarif(results, { version: VERSION, rules, docUrl: ruleDocUrl }) : formatStylish(results, { color: options.color });
  if (options.outputFile) {
    try {
      writeFileSync(options.outputFile, report);
    } catch (err) {
      io.stderr(`scalelint: cannot write ${options.outputFile}: ${(err as NodeJS.ErrnoException).code ?? String(err)}\n`);
      return 2;
    }
  } else io.stdout(report);

  if (unreadable) return 2;
  const all: FileFinding[] = results.flatMap((r) => r.findings);
  const errors = all.filter((f) => f.severity === 'error').length;
  const warnings = all.filter((f) => f.severity === 'warning').length;
  if (errors > 0) return 1;
  if (options.maxWarnings !== undefined && warnings > options.maxWarnings) {
    if (options.format === 'stylish') io.stderr(`scalelint: ${warnings} warnings, more than --max-warnings ${options.maxWarnings}.\n`);
    return 1;
  }
  return 0;
}

if (require.main === module) {
  let code: number;
  try {
    code = run(process.argv.slice(2));
  } catch (err) {
    process.stderr.write(`scalelint: internal error: ${(err as Error)?.stack ?? String(err)}\n`);
    code = 2;
  }
  process.exitCode = code;
}

/**
 * `scalelint`: the command line (SPEC §6). Lints files and folders with the same engine as the editor.
 *   scalelint [--format stylish|json|sarif|github|junit] [--max-warnings N] [--fix] [--config FILE] <files, folders or -…>
 * Exit 0: no errors and warnings within --max-warnings; 1: otherwise; 2: usage error, unreadable input or bad config.
 * Subcommands `simulate` (cli-simulate.ts) and `capacity` (cli-capacity.ts) have their own options.
 */
import { readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { Linter, LineIndex, fixAll, rules, ruleDocUrl, schemasAvailable, splitDocuments, type Config, type FileFinding, type PreparedDocument } from './engine';
import { LintThreads } from './lint-threads';
import { ConfigResolver } from './config-files';
import { IgnoreList } from './lsp-glob';
import { formatStylish, formatJson, formatSarif, formatGithub, formatJunit, type FileResult } from './formats';
import { runSimulate } from './cli-simulate';
import { runCapacity } from './cli-capacity';
import { SCHEMAS_DIR, useSchemasFromDisk } from './validators';
import { VERSION } from './version';


const USAGE = `Usage: scalelint [options] <files or folders…>
       … | scalelint [options] -   lint YAML read from standard input
       scalelint simulate …   run the HPA controller model (scalelint simulate --help)
       scalelint capacity …   work out instances for a target load (scalelint capacity --help)

Lints autoscaling configuration: Kubernetes HPAs, Deployments, StatefulSets, Services,
PodDisruptionBudgets, KEDA ScaledObjects and CloudFormation Auto Scaling Groups.
Folders are walked for *.yaml and *.yml (node_modules and .git are skipped).
\`-\` reads one stream from standard input (helm template … | scalelint -).

Options:
  -f, --format <name>     stylish (default), json, sarif, github (Actions annotations)
                          or junit (JUnit XML test report)
  --stdin-filename <name> the name of standard input in reports and for the config
                          lookup (default <stdin>)
  --max-warnings <n>      exit 1 when there are more than n warnings
  --fix                   write safe fixes to the files (comments and formatting kept)
  -c, --config <file>     use this config file instead of the nearest .scalelint.yaml
  -o, --output-file <f>   write the report to a file
  --threads <n|auto>      lint with n threads (auto: up to 4 for 1 MB of YAML or more;
                          the report is the same whatever the count; --fix uses 1)
  --color / --no-color    force colours on or off (default: on for a terminal)
  -h, --help              show this help
  -v, --version           print the version

Exit codes: 0 clean (warnings within --max-warnings), 1 errors or too many warnings,
2 usage error, unreadable input or bad config.
`;

class UsageError extends Error {}

const FORMATS = ['stylish', 'json', 'sarif', 'github', 'junit'] as const;
type Format = (typeof FORMATS)[number];

/** What reports call standard input when --stdin-filename does not name it. */
const STDIN_NAME = '<stdin>';

interface Options {
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
  paths: string[];
}

function parseArgs(argv: string[]): Options | 'help' | 'version' {
  const o: Options = { format: 'stylish', fix: false, color: !!process.stdout.isTTY && !process.env.NO_COLOR, threads: 'auto', paths: [] };
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
        if (!(FORMATS as readonly string[]).includes(f)) throw new UsageError(`unknown format "${f}" (use ${FORMATS.slice(0, -1).join(', ')} or ${FORMATS.at(-1)})`);
        o.format = f as Format;
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
      case '--stdin-filename':
        o.stdinFilename = value();
        break;
      case '-o':
      case '--output-file':
        o.outputFile = value();
        break;
      case '--threads': {
        const v = value();
        if (v !== 'auto' && !/^[1-9]\d*$/.test(v)) throw new UsageError(`--threads needs a whole number of at least 1, or auto; got "${v}"`);
        o.threads = v === 'auto' ? 'auto' : Math.min(Number(v), 64);
        break;
      }
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
  if (o.paths.filter((p) => p === '-').length > 1) throw new UsageError('- (standard input) is given twice');
  if (o.fix && o.paths.includes('-')) throw new UsageError('--fix cannot write to standard input; lint the file itself to fix it');
  if (o.stdinFilename !== undefined && !o.paths.includes('-')) throw new UsageError('--stdin-filename needs - among the inputs');
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
    if (p === '-') continue; // standard input: read by run()
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

/** Below this much input, starting threads costs more than it saves (as in the server: PERFORMANCE.md). */
const THREADS_MIN_BYTES = 1024 * 1024;

/** Threads share out documents, not files: one large file is split as well as many small ones. */
function threadCount(options: Options, texts: Map<string, string>): number {
  if (options.fix || texts.size === 0) return 1;
  if (options.threads !== 'auto') return options.threads;
  let bytes = 0;
  for (const t of texts.values()) bytes += t.length;
  if (bytes < THREADS_MIN_BYTES) return 1;
  return Math.max(1, Math.min(availableParallelism(), 4));
}

/**
 * Many files on several threads (lint-threads.ts): worker threads parse and check most documents and
 * hand them back as plain data; this thread parses and checks the rest meanwhile, rebuilds theirs, and
 * runs the cross-document rules over all. The report is the one a single thread gives.
 */
async function lintOnThreads(linter: Linter, texts: Map<string, string>, threads: number, configFor: (file: string) => Config): Promise<void> {
  const pool = new LintThreads(threads - 1);
  try {
    // One batch per config (usually one): documents of all its files, each file's own list.
    const groups = new Map<Config, string[]>();
    for (const f of texts.keys()) {
      const config = configFor(f);
      const list = groups.get(config) ?? [];
      list.push(f);
      groups.set(config, list);
    }
    for (const [config, files] of groups) {
      const split = files.map((f) => splitDocuments(texts.get(f)!).map((c) => c.text));
      const prepared = await pool.prepare(split.flat(), config, linter);
      let k = 0;
      files.forEach((f, i) => {
        const byText = new Map<string, PreparedDocument>();
        for (const t of split[i]) {
          const p = prepared[k++];
          if (p && !byText.has(t)) byText.set(t, p);
        }
        linter.update(f, texts.get(f)!, 0, undefined, byText);
      });
    }
  } finally {
    pool.close();
  }
}

function formatReport(options: Options, results: FileResult[]): string {
  switch (options.format) {
    case 'json':
      return formatJson(results);
    case 'sarif':
      return formatSarif(results, { version: VERSION, rules, docUrl: ruleDocUrl });
    case 'github':
      return formatGithub(results);
    case 'junit':
      return formatJunit(results);
    case 'stylish':
      return formatStylish(results, { color: options.color });
  }
}

export async function run(argv: string[], io: { stdout: (s: string) => void; stderr: (s: string) => void } = { stdout: (s) => process.stdout.write(s), stderr: (s) => process.stderr.write(s) }): Promise<number> {
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
  useSchemasFromDisk();

  if (!schemasAvailable()) io.stderr(`scalelint: warning: no schemas found in ${SCHEMAS_DIR}; the schema rule cannot run.\n`);

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

  // Standard input is one more file of the lint set, under the name --stdin-filename gives it (reports and
  // the config lookup use that name; nothing is read from or written to a file of that name).
  const stdinName = options.paths.includes('-') ? (options.stdinFilename ?? STDIN_NAME) : undefined;
  let stdinText: string | undefined;
  if (stdinName !== undefined) {
    try {
      stdinText = readFileSync(0, 'utf8');
    } catch (err) {
      io.stderr(`scalelint: cannot read standard input: ${(err as NodeJS.ErrnoException).code ?? String(err)}\n`);
      return 2;
    }
    files = files.filter((f) => resolve(f) !== resolve(stdinName));
    files.push(stdinName);
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
  // `ignore` globs of the config file that applies skip the files a folder walk found (paths relative to the
  // config file's folder, as in the editor's index); a file named on the command line is always linted.
  const named = new Set(options.paths.map((p) => resolve(p)));
  files = files.filter((f) => {
    if (named.has(resolve(f))) return true;
    const configPath = resolver.configPathFor(f);
    if (!configPath) return true;
    const patterns = resolver.read(configPath).config.ignore;
    if (!patterns.length) return true;
    return !new IgnoreList(patterns).ignores(relative(dirname(configPath), resolve(f)).split(sep).join('/'));
  });

  const linter = new Linter((uri) => resolver.configFor(uri));
  const texts = new Map<string, string>();
  let unreadable = false;
  for (const f of files) {
    if (f === stdinName) {
      texts.set(f, stdinText!);
      continue;
    }
    try {
      const buf = readFileSync(f);
      texts.set(f, buf.toString('utf8'));
    } catch (err) {
      io.stderr(`scalelint: cannot read ${f}: ${(err as NodeJS.ErrnoException).code ?? String(err)}\n`);
      unreadable = true;
    }
  }
  const threads = threadCount(options, texts);
  if (threads > 1) {
    try {
      await lintOnThreads(linter, texts, threads, (f) => resolver.configFor(f));
    } catch (err) {
      // A thread that failed to start or crashed: lint here instead, the result is the same.
      io.stderr(`scalelint: warning: linting on one thread (${String((err as Error)?.message ?? err)})\n`);
      for (const [f, text] of texts) linter.update(f, text);
    }
  } else for (const [f, text] of texts) linter.update(f, text);

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
    const filePath = f === STDIN_NAME && f === stdinName ? STDIN_NAME : resolve(f);
    results.push({ key: f, filePath, displayPath: f.split(sep).join('/'), text, findings: linter.lintFile(f), lines });
  }

  const report = formatReport(options, results);
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
  run(process.argv.slice(2)).then(
    (code) => (process.exitCode = code),
    (err) => {
      process.stderr.write(`scalelint: internal error: ${(err as Error)?.stack ?? String(err)}\n`);
      process.exitCode = 2;
    },
  );
}

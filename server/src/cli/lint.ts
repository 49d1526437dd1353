/**
 * `scalelint [options] <files, folders or ->`: lints with the same engine as the editor (SPEC §6).
 * Exit 0: no errors and warnings within --max-warnings; 1: otherwise; 2: usage error, unreadable input or bad config.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { dirname, relative, resolve, sep } from 'node:path';
import { Linter, LineIndex, applyEdits, fixAll, rules, ruleDocUrl, schemasAvailable, splitDocuments, type Config, type FileFinding, type HclSyntaxParser, type TextEdit, isTerraformPath } from '../engine';
import { loadHclParser } from '../node/hcl-parser';
import { ConfigResolver } from '../node/config-files';
import { IgnoreList } from '../node/ignore';
import { LintThreads, lintThreadsWanted } from '../node/lint-threads';
import { addRenders, consumedFiles, diskPath, enginePath, helmOptionsOf, renderedFindings, type RenderedSet } from '../node/sources';
import { SCHEMAS_DIR, useSchemasFromDisk } from '../node/schemas';
import { VERSION } from '../node/version';
import { UsageError, type CliIo } from './args';
import { formatStylish, formatJson, formatSarif, formatGithub, formatJunit, type FileResult } from './formats';
import { collectFiles, readStdin } from './input';
import { LINT_USAGE, parseLintArgs, type LintOptions } from './lint-options';

/** What reports call standard input when --stdin-filename does not name it. */
const STDIN_NAME = '<stdin>';

/** Below this much input, starting threads costs more than it saves (as in the server: PERFORMANCE.md). */
const THREADS_MIN_BYTES = 1024 * 1024;

/** Threads share out documents, not files: one large file is split as well as many small ones. */
function threadCount(options: LintOptions, texts: Map<string, string>): number {
  if (options.fix || texts.size === 0) return 1;
  if (options.threads !== 'auto') return options.threads;
  let bytes = 0;
  for (const t of texts.values()) bytes += t.length;
  if (bytes < THREADS_MIN_BYTES || !lintThreadsWanted().use) return 1;
  return Math.max(1, Math.min(availableParallelism(), 4));
}

/**
 * Many files on several threads (node/lint-threads.ts): the worker threads run the per-document rules and
 * send their findings back, while this thread parses every document itself (the cross-document rules need
 * all the nodes here; sending parses back was no cheaper than parsing) and runs the cross-document rules.
 * Then it takes the workers' findings; the documents they had not reached it checks itself. The report is
 * the one a single thread gives.
 */
async function lintOnThreads(linter: Linter, texts: Map<string, string>, threads: number, configFor: (file: string) => Config): Promise<void> {
  const pool = new LintThreads(threads - 1);
  try {
    // One job per config (usually one): documents of all its files, each file's own list.
    const groups = new Map<Config, string[]>();
    for (const f of texts.keys()) {
      const config = configFor(f);
      const list = groups.get(config) ?? [];
      list.push(f);
      groups.set(config, list);
    }
    const jobs = [...groups].map(([config, files]) => {
      const split = files.map((f) => splitDocuments(texts.get(f)!).map((c) => c.text));
      return { config, files, split, job: pool.check(split.flat(), config) };
    });
    for (const { files } of jobs) for (const f of files) linter.update(f, texts.get(f)!);
    linter.checkFiles(texts.keys());
    for (const { config, files, split, job } of jobs) {
      const found = await job.finish();
      let k = 0;
      files.forEach((f, i) => {
        const docs = linter.get(f)?.documents ?? [];
        // The store split the text as here; a file it did not parse (too large) has no documents.
        if (docs.length === split[i].length) {
          docs.forEach((d, j) => {
            const list = found[k + j];
            if (list) linter.adoptFindings(d.chunk, config, list);
          });
        }
        k += split[i].length;
      });
    }
  } finally {
    pool.close();
  }
}

/** A file a render came from, as it is now on disk (after --fix). */
function readOrigin(file: string): string | undefined {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}

/**
 * --fix through renders: the safe fixes of the renders' findings edit the values, template, base and patch
 * files (placement keeps only edits of verbatim text); then everything is rendered and linted again. Returns
 * true when a file could not be written.
 */
function fixRendered(linter: Linter, rendered: RenderedSet, io: CliIo): boolean {
  let failed = false;
  for (let pass = 0; pass < 3; pass++) {
    const edits = new Map<string, TextEdit[]>();
    for (const [file, findings] of renderedFindings(linter, rendered)) {
      for (const f of findings) {
        const fix = f.fixes?.find((x) => x.safe && x.preferred) ?? f.fixes?.find((x) => x.safe);
        if (fix) edits.set(file, [...(edits.get(file) ?? []), ...fix.edits]);
      }
    }
    if (edits.size === 0) break;
    for (const [file, list] of edits) {
      const text = readOrigin(file);
      if (text === undefined) continue;
      const next = applyEdits(text, list);
      if (next === text) continue;
      try {
        writeFileSync(file, next);
      } catch (err) {
        io.stderr(`scalelint: cannot write ${file}: ${(err as NodeJS.ErrnoException).code ?? String(err)}\n`);
        failed = true;
      }
    }
    for (const key of rendered.renders.keys()) linter.remove(key);
    Object.assign(rendered, addRenders(linter, rendered.files, rendered.options));
  }
  return failed;
}

function formatReport(options: LintOptions, results: FileResult[]): string {
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

export async function runLint(argv: readonly string[], io: CliIo): Promise<number> {
  let options: ReturnType<typeof parseLintArgs>;
  try {
    options = parseLintArgs(argv);
  } catch (err) {
    if (err instanceof UsageError) {
      io.stderr(`scalelint: ${err.message}\n\n${LINT_USAGE}`);
      return 2;
    }
    throw err;
  }
  if (options === 'help') {
    io.stdout(LINT_USAGE);
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
      stdinText = readStdin();
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
    return !new IgnoreList(patterns).ignoresUnder(dirname(configPath), resolve(f));
  });

  // Only SARIF shows related locations: the other formats' findings are placed without them.
  const linter = new Linter((uri) => resolver.configFor(uri), undefined, { related: options.format === 'sarif' });
  // Terraform needs its parser (WebAssembly, loaded once): only when there are .tf files.
  let hclParser: HclSyntaxParser | undefined;
  if (files.some((f) => f !== stdinName && isTerraformPath(f))) {
    try {
      hclParser = await loadHclParser();
    } catch (err) {
      io.stderr(`scalelint: warning: the Terraform parser could not be loaded (${String((err as Error)?.message ?? err)}); .tf files are not checked.\n`);
    }
  }
  // Charts and kustomizations (SPEC §8): rendered and built here, each render one more part of the lint set;
  // the files they read are not linted as they are written.
  let rendered: RenderedSet;
  try {
    const newLinter = () => new Linter((uri) => resolver.configFor(uri));
    // Each chart's `.scalelint.yaml` (`helm:`) first, then --values and --set, which win.
    const helmFor = (chart: string) => {
      const chartFile = `${diskPath(chart)}/Chart.yaml`;
      return helmOptionsOf(resolver.configFor(chartFile), resolver.configPathFor(chartFile), chart);
    };
    rendered = addRenders(linter, files.filter((f) => f !== stdinName), { helm: { valueFiles: options.valueFiles.map((f) => enginePath(f)), set: options.set }, helmFor, newLinter, hclParser });
  } catch (err) {
    io.stderr(`scalelint: internal error while rendering charts and kustomizations: ${(err as Error)?.stack ?? String(err)}\n`);
    return 2;
  }
  const consumed = consumedFiles(rendered);
  files = files.filter((f) => f === stdinName || !consumed.has(resolve(f)));
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

  if (options.fix && rendered.renders.size) unreadable = fixRendered(linter, rendered, io) || unreadable;

  const results: FileResult[] = [];
  for (const [f, text] of texts) {
    const lines = new LineIndex(text);
    const filePath = f === STDIN_NAME && f === stdinName ? STDIN_NAME : resolve(f);
    results.push({ key: f, filePath, displayPath: f.split(sep).join('/'), text, findings: linter.lintFile(f), lines });
  }
  // Findings of renders and builds, on the values, template, base and patch files they came from.
  for (const [file, findings] of renderedFindings(linter, rendered, (f) => resolver.configFor(f))) {
    const text = readOrigin(file);
    if (text === undefined) continue;
    const rel = relative(process.cwd(), file);
    const displayPath = (rel && !rel.startsWith('..') ? rel : file).split(sep).join('/');
    results.push({ key: file, filePath: file, displayPath, text, findings, lines: new LineIndex(text) });
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

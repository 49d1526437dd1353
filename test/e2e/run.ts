/**
 * `npm run test:e2e`: the real-editor tests.
 *   1. Neovim 0.7 (Debian) talks to the server over stdio (test/e2e/neovim.test.ts); the launcher's own
 *      prerequisite checks (test/e2e/prereqs.test.ts).
 *   2. The extension-host suite (test/e2e/suite) in a real VS Code: code-server + Chromium here (default),
 *      or a desktop VS Code through @vscode/test-electron with SCALELINT_E2E=electron.
 *   3. code-server only, in the workbench page: a screenshot of the Problems view with the quick-fix menu open;
 *      the calculator panel driven through its webview (calculator.ts), with a screenshot, on a plain HPA and on a
 *      chart's values.yaml (the rendered HPA, written back into values.yaml); the packaged .vsix
 *      installed into a fresh code-server (packaged.ts). Screenshots go to test-artifacts/ (and to docs/images/
 *      with UPDATE_SCREENSHOTS=1).
 * What it needs is installed on first use (see prereqs.ts); `--prepare` only installs.
 * Env: SCALELINT_E2E=code-server|electron, SCALELINT_E2E_GREP (mocha grep), SCALELINT_E2E_KEEP=1 (keep the scratch
 *      folder), SCALELINT_E2E_TRACE=1 (LSP trace in the scratch folder's logs), SCALELINT_E2E_NO_INSTALL=1 (install
 *      nothing, only say what is missing), SCALELINT_E2E_CACHE (where code-server is installed),
 *      SCALELINT_VSCODE_EXECUTABLE / SCALELINT_VSCODE_VERSION (electron launcher).
 */
import { spawn, spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { calculatorInWorkbench, calculatorOnChartInWorkbench } from './calculator';
import { packagedExtension } from './packaged';
import { launchBrowser, runSuite, screenshotChart, screenshotQuickFix, startCodeServer, type CodeServer } from './code-server';
import { runSuiteInElectron } from './electron';
import { SUMMARY_PREFIX } from './markers';
import { ensureAptPackages, ensureCodeServer, log, MissingPrerequisite, RUNTIME_PACKAGES } from './prereqs';

const ROOT = join(__dirname, '..', '..');
const SUITE_TIMEOUT_MS = 5 * 60_000;
const SUMMARY = new RegExp(`${SUMMARY_PREFIX} passed=(\\d+) failed=(\\d+)`);

type Mode = 'code-server' | 'electron';

interface Tally {
  passed: number;
  failed: number;
  failures: string[];
}

function modeOf(value: string | undefined): Mode {
  if (value === undefined || value === '' || value === 'code-server') return 'code-server';
  if (value === 'electron') return 'electron';
  console.error(`SCALELINT_E2E=${value} is not a launcher: use code-server (the default) or electron.`);
  process.exit(2);
}

function prepare(mode: Mode): void {
  ensureAptPackages(mode === 'code-server' ? RUNTIME_PACKAGES : RUNTIME_PACKAGES.filter((p) => p.pkg !== 'chromium'));
  if (mode === 'code-server') ensureCodeServer();
}

function build(): void {
  const r = spawnSync(process.execPath, ['esbuild.mjs'], { cwd: ROOT, stdio: 'inherit' });
  if (r.status !== 0) throw new Error('The build (node esbuild.mjs) failed.');
}

/** Runs node:test files with the spec reporter, echoing their output; counts their passes and failures. */
function runNodeTests(files: string[], tally: Tally): Promise<void> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', '--test', '--test-reporter=spec', ...files], { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      process.stdout.write(chunk);
    });
    child.on('close', (code) => {
      const passed = Number(/ℹ pass (\d+)/.exec(out)?.[1] ?? 0);
      const failed = Number(/ℹ fail (\d+)/.exec(out)?.[1] ?? 0);
      tally.passed += passed;
      tally.failed += failed;
      if (code !== 0) {
        if (failed === 0) tally.failed += 1;
        tally.failures.push(`${files.join(', ')} (exit code ${code})`);
      }
      resolve();
    });
  });
}

function countSuite(log: string, exitCode: number, tally: Tally, launcher: string): void {
  const m = SUMMARY.exec(log);
  if (m) {
    tally.passed += Number(m[1]);
    tally.failed += Number(m[2]);
  }
  if (exitCode !== 0) {
    if (!m || Number(m[2]) === 0) tally.failed += 1;
    tally.failures.push(`extension-host suite in ${launcher} (exit code ${exitCode})`);
  }
}

/** One launcher-side check: counted like a test, its failure printed with what it saw. */
async function check(tally: Tally, name: string, body: () => Promise<string>): Promise<void> {
  const started = Date.now();
  try {
    const detail = await body();
    console.log(`✔ ${name} (${detail}) ${((Date.now() - started) / 1000).toFixed(1)} s`);
    tally.passed += 1;
  } catch (err) {
    console.log(`✖ ${name}: ${err instanceof Error ? err.message : String(err)}`);
    tally.failed += 1;
    tally.failures.push(name);
  }
}

/** UPDATE_SCREENSHOTS=1: a screenshot in test-artifacts/ becomes the README's copy in docs/images/. */
function keepScreenshot(shot: string): void {
  if (process.env.UPDATE_SCREENSHOTS !== '1') return;
  const docs = join(ROOT, 'docs', 'images');
  mkdirSync(docs, { recursive: true });
  copyFileSync(shot, join(docs, basename(shot)));
  console.log(`  copied to ${join(docs, basename(shot))}`);
}

async function inCodeServer(scratch: string, tally: Tally): Promise<void> {
  let server: CodeServer | undefined;
  const browser = await launchBrowser();
  try {
    const grep = process.env.SCALELINT_E2E_GREP;
    server = await startCodeServer({ scratch, root: ROOT }, grep ? { SCALELINT_E2E_GREP: grep } : {});
    log(`code-server at ${server.origin}; running the extension-host suite`);
    const suite = await runSuite(browser, server, { scratch, root: ROOT }, SUITE_TIMEOUT_MS);
    const artifacts = join(ROOT, 'test-artifacts');
    mkdirSync(artifacts, { recursive: true });
    writeFileSync(join(artifacts, 'workbench.log'), suite.workbenchLog);
    countSuite(suite.log, suite.exitCode, tally, 'code-server');
    if (suite.exitCode !== 0) console.log(`  (all the workbench logged: ${join(artifacts, 'workbench.log')})`);
    if (grep) return; // a partial run is for debugging a test; the workbench checks are not its business

    await check(tally, 'screenshot of the Problems view with the quick-fix menu', async () => {
      const shot = join(artifacts, 'problems-quickfix.png');
      const result = await screenshotQuickFix(browser, server!, { scratch, root: ROOT }, shot);
      keepScreenshot(shot);
      return `${result.titles.join(' | ')}: ${shot}`;
    });
    await check(tally, "screenshot of a chart's values.yaml with the rendered HPA's finding, and its rendered manifest", async () => {
      const shot = join(artifacts, 'chart-values.png');
      const result = await screenshotChart(browser, server!, { scratch, root: ROOT }, shot);
      keepScreenshot(shot);
      return `${result.rows.join(' | ')}: ${shot}`;
    });
    await check(tally, 'the capacity calculator in the workbench: palette, fields, Apply to manifest, one undo step', async () => {
      const shot = join(artifacts, 'calculator-vscode.png');
      const result = await calculatorInWorkbench(browser, server!, { scratch, root: ROOT }, shot);
      keepScreenshot(shot);
      return `lens "${result.lensBefore}" → "${result.lensAfter}"; ${result.status}; ${shot}`;
    });
    await check(tally, "the capacity calculator on a chart: values.yaml's rendered HPA, Apply writes values.yaml, one undo step", async () => {
      const shot = join(artifacts, 'calculator-chart.png');
      const result = await calculatorOnChartInWorkbench(browser, server!, { scratch, root: ROOT }, shot);
      return `"${result.target}"; ${result.status}; ${shot}`;
    });
    await check(tally, 'the packaged .vsix installed into a fresh code-server (no extensionDevelopmentPath) lints a workspace', async () => {
      const result = await packagedExtension(browser, { scratch, root: ROOT }, join(scratch, 'vsix'));
      return `${basename(result.vsix)} → ${result.installed.join(', ')}; Problems: ${result.problems.length} rows; "${result.serverStart}"`;
    });
  } finally {
    await browser.close().catch(() => undefined);
    await server?.stop();
  }
}

async function main(): Promise<number> {
  const mode = modeOf(process.env.SCALELINT_E2E);
  const prepareOnly = process.argv.includes('--prepare');
  prepare(mode);
  if (prepareOnly) {
    log('prerequisites ready');
    return 0;
  }
  build();
  const tally: Tally = { passed: 0, failed: 0, failures: [] };
  await runNodeTests(['test/e2e/prereqs.test.ts', 'test/e2e/neovim.test.ts'], tally);

  const scratch = mkdtempSync(join(tmpdir(), 'scalelint-e2e-'));
  try {
    if (mode === 'electron') {
      // VS Code's stdout (the spec report and the summary line) goes through ours: read it on the way.
      let seen = '';
      const write = process.stdout.write.bind(process.stdout);
      process.stdout.write = ((chunk: string | Uint8Array, ...rest: never[]) => {
        seen += chunk.toString();
        return write(chunk, ...rest);
      }) as typeof process.stdout.write;
      try {
        const exitCode = await runSuiteInElectron(ROOT, scratch);
        countSuite(seen, exitCode, tally, 'VS Code (electron)');
      } finally {
        process.stdout.write = write;
      }
    } else {
      await inCodeServer(scratch, tally);
    }
  } finally {
    if (process.env.SCALELINT_E2E_KEEP === '1') log(`scratch folder kept: ${scratch}`);
    else rmSync(scratch, { recursive: true, force: true });
  }

  for (const f of tally.failures) console.log(`✖ failed: ${f}`);
  // A plain closing line that CI can read whatever the runners above printed.
  console.log(`e2e: ${tally.passed} passed, ${tally.failed} failed`);
  return tally.failed > 0 || tally.passed === 0 ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (err) => {
    const why = err instanceof MissingPrerequisite ? err.message : err instanceof Error ? (err.stack ?? err.message) : String(err);
    console.error(`\nThe real-editor tests could not run: ${why}`);
    process.exit(1);
  },
);

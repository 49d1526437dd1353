/**
 * Launcher (b): VS Code's workbench and Node extension host served by code-server, driven in Debian's
 * Chromium by playwright-core. The extension under development and the test suite are handed over in the
 * URL payload (code-server's command line refuses `--extensionDevelopmentPath`); the workbench reports the
 * suite's output and exit code through `window.codeAutomationLog` / `window.codeAutomationExit`.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { cpSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { format } from 'node:util';
import { chromium, type Browser, type Page } from 'playwright-core';
import { CHROMIUM, codeServerEntry } from './prereqs';
import { START_LINE, SUMMARY_PREFIX } from './markers';

const CHROMIUM_FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Settings for a quiet, predictable workbench (no welcome page, no tips, no update or telemetry traffic). */
const USER_SETTINGS = {
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'workbench.colorTheme': 'Default Dark Modern',
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'extensions.ignoreRecommendations': true,
  'security.workspace.trust.enabled': false,
  'git.enabled': false,
  'chat.commandCenter.enabled': false,
  'window.commandCenter': false,
  'editor.minimap.enabled': false,
  'files.autoSave': 'off',
  ...(process.env.SCALELINT_E2E_TRACE ? { 'scalelint.trace.server': 'verbose' } : {}),
};

export interface CodeServer {
  origin: string;
  /** Everything code-server printed so far (shown when something fails). */
  output(): string;
  stop(): Promise<void>;
}

export interface Dirs {
  /** Scratch folder of this run: user data, extensions, XDG folders, workspace copies. */
  scratch: string;
  /** The repository: the extension under development. */
  root: string;
}

/** Process groups of the code-servers started and not yet stopped: ended on any exit of this process. */
const liveGroups = new Set<number>();
let exitHooked = false;
function hookExit(): void {
  if (exitHooked) return;
  exitHooked = true;
  process.on('exit', () => {
    for (const pid of liveGroups) {
      try {
        process.kill(-pid, 'SIGKILL');
      } catch {
        // already gone
      }
    }
  });
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.once(signal, () => process.exit(130));
}

/** Where a code-server of `scratch` keeps its user data and installed extensions. */
function profileArgs(scratch: string): string[] {
  return ['--user-data-dir', join(scratch, 'user-data'), '--extensions-dir', join(scratch, 'extensions')];
}

/** It writes to the XDG folders whatever its flags say: keep them in the scratch folder too. */
function codeServerEnv(scratch: string, extraEnv: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  return {
    ...process.env,
    ...extraEnv,
    XDG_CONFIG_HOME: join(scratch, 'xdg-config'),
    XDG_DATA_HOME: join(scratch, 'xdg-data'),
    XDG_CACHE_HOME: join(scratch, 'xdg-cache'),
  };
}

/**
 * Installs a .vsix into the extensions folder of the code-server that `startCodeServer(dirs)` starts
 * (`code-server --install-extension`); returns what `--list-extensions --show-versions` then lists.
 */
export function installExtension(dirs: Dirs, vsix: string): string[] {
  const run = (args: string[]) => {
    const r = spawnSync(process.execPath, [codeServerEntry(), ...profileArgs(dirs.scratch), ...args], { env: codeServerEnv(dirs.scratch), encoding: 'utf8', timeout: 60_000 });
    if (r.status !== 0) throw new Error(`code-server ${args.join(' ')} failed (${r.error?.message ?? `exit code ${r.status}`}):\n${r.stdout}${r.stderr}`);
    return r.stdout;
  };
  run(['--install-extension', vsix]);
  return run(['--list-extensions', '--show-versions']).split('\n').map((l) => l.trim()).filter(Boolean);
}

/** Starts code-server on a free loopback port, in its own process group (its children outlive it otherwise). */
export async function startCodeServer(dirs: Dirs, extraEnv: NodeJS.ProcessEnv = {}): Promise<CodeServer> {
  const { scratch } = dirs;
  const config = join(scratch, 'code-server.yaml');
  mkdirSync(scratch, { recursive: true });
  writeFileSync(config, 'bind-addr: 127.0.0.1:0\nauth: none\ncert: false\n');
  const userData = join(scratch, 'user-data');
  mkdirSync(join(userData, 'User'), { recursive: true });
  writeFileSync(join(userData, 'User', 'settings.json'), JSON.stringify(USER_SETTINGS, null, 2));
  const args = [
    codeServerEntry(),
    '--config', config,
    ...profileArgs(scratch),
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-workspace-trust',
    '--disable-getting-started-override',
    join(scratch, 'empty-folder'),
  ];
  mkdirSync(join(scratch, 'empty-folder'), { recursive: true });
  const env = codeServerEnv(scratch, extraEnv);
  // detached: setsid(), so `kill(-pid)` reaches the file watcher and extension hosts too.
  hookExit();
  const child = spawn(process.execPath, args, { env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  if (child.pid !== undefined) liveGroups.add(child.pid);
  let output = '';
  const listening = new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`code-server did not start listening within 60 s. Its output:\n${output}`)), 60_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const m = /HTTP server listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(output);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.on('error', (err) => {
      clearTimeout(timer);
      reject(new Error(`code-server could not be started: ${err.message}`));
    });
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`code-server exited (${signal ?? code}) before listening. Its output:\n${output}`));
    });
  });
  let origin: string;
  try {
    origin = await listening;
    await waitHealthy(origin);
  } catch (err) {
    await stopGroup(child);
    throw err;
  }
  return { origin, output: () => output, stop: () => stopGroup(child) };
}

async function waitHealthy(origin: string): Promise<void> {
  let last = '';
  for (let i = 0; i < 100; i++) {
    try {
      const res = await fetch(`${origin}/healthz`);
      if (res.ok) return;
      last = `HTTP ${res.status}`;
    } catch (err) {
      last = err instanceof Error ? err.message : String(err);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`code-server at ${origin} never answered /healthz (${last}).`);
}

async function stopGroup(child: ChildProcess): Promise<void> {
  if (child.pid === undefined) return;
  liveGroups.delete(child.pid);
  if (child.exitCode !== null || child.signalCode !== null) {
    try {
      process.kill(-child.pid, 'SIGKILL'); // code-server is gone; its children may not be
    } catch {
      // nothing left
    }
    return;
  }
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  try {
    process.kill(-child.pid, 'SIGTERM');
  } catch {
    return; // already gone
  }
  const timer = setTimeout(() => {
    try {
      process.kill(-child.pid!, 'SIGKILL');
    } catch {
      // gone meanwhile
    }
  }, 5_000);
  await Promise.race([exited, new Promise((r) => setTimeout(r, 10_000))]);
  clearTimeout(timer);
  // The extension host and watcher may still be on their way out; make sure the group is gone.
  try {
    process.kill(-child.pid, 'SIGKILL');
  } catch {
    // nothing left
  }
}

export function workbenchUrl(origin: string, folder: string, payload: [string, string][]): string {
  const authority = new URL(origin).host;
  const remote = (path: string) => `vscode-remote://${authority}${path}`;
  const mapped = payload.map(([k, v]) => [k, k.endsWith('Path') ? remote(v) : v]);
  return `${origin}/?folder=${encodeURIComponent(folder)}&payload=${encodeURIComponent(JSON.stringify(mapped))}`;
}

export async function launchBrowser(): Promise<Browser> {
  try {
    return await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_FLAGS });
  } catch (err) {
    throw new Error(`Chromium (${CHROMIUM}) did not start: ${err instanceof Error ? err.message : String(err)}`);
  }
}

/** Copies the fixture workspace, so tests may edit, create and delete files freely. */
export function copyWorkspace(root: string, scratch: string, name: string): string {
  const to = join(scratch, name);
  cpSync(join(root, 'test', 'e2e', 'workspace'), to, { recursive: true });
  return to;
}

/** The workbench hands over console calls as (type, [format, ...args]): mocha's reporter uses printf formats. */
function formatLogArgs(args: unknown): string {
  const list = Array.isArray(args) ? args : [args];
  return format(...list);
}

export interface SuiteResult {
  exitCode: number;
  /** What the suite printed (mocha's spec report and anything logged while it ran). */
  log: string;
  /** Everything the workbench logged, the suite included. */
  workbenchLog: string;
}

/** Runs the extension-host suite in the workbench; resolves with its exit code once the workbench reports it. */
export async function runSuite(browser: Browser, server: CodeServer, dirs: Dirs, timeoutMs: number): Promise<SuiteResult> {
  const folder = copyWorkspace(dirs.root, dirs.scratch, 'workspace-suite');
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  let log = '';
  let workbenchLog = '';
  // The workbench logs its own chatter the same way (sockets, the offline extension gallery): echo only
  // what comes between the suite's start and summary lines; the rest is kept for when something fails.
  let echo = false;
  let exit: (code: number) => void = () => undefined;
  const exited = new Promise<number>((r) => (exit = r));
  await page.exposeFunction('codeAutomationLog', (type: unknown, args: unknown) => {
    const line = formatLogArgs(args);
    workbenchLog += `[${String(type)}] ${line}\n`;
    if (line.startsWith(START_LINE)) echo = true;
    if (echo || process.env.SCALELINT_E2E_DEBUG) {
      log += `${line}\n`;
      process.stdout.write(`${line}\n`);
    }
    if (line.startsWith(SUMMARY_PREFIX)) echo = false;
  });
  await page.exposeFunction('codeAutomationExit', (code: unknown) => exit(typeof code === 'number' ? code : Number(code) || 1));
  const pageErrors: string[] = [];
  page.on('pageerror', (err) => pageErrors.push(err.message));
  const url = workbenchUrl(server.origin, folder, [
    ['extensionDevelopmentPath', dirs.root],
    ['extensionTestsPath', join(dirs.root, 'test', 'e2e', 'out', 'suite', 'index.js')],
  ]);
  await page.goto(url);
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<number>((resolve) => {
    timer = setTimeout(() => resolve(-1), timeoutMs);
  });
  const exitCode = await Promise.race([exited, timedOut]);
  clearTimeout(timer);
  if (exitCode === -1) {
    const shot = join(dirs.scratch, 'timeout.png');
    await page.screenshot({ path: shot }).catch(() => undefined);
    throw new Error(
      `The extension-host suite did not finish within ${Math.round(timeoutMs / 1000)} s (screenshot: ${shot}).\n` +
        `Page errors: ${pageErrors.join('\n') || 'none'}\nWorkbench log:\n${workbenchLog}\ncode-server output:\n${server.output()}`,
    );
  }
  await page.close();
  return { exitCode, log, workbenchLog };
}

export interface ScreenshotResult {
  path: string;
  /** The titles the quick-fix menu showed. */
  titles: string[];
}

/**
 * The README's picture: a fixture open with the Problems panel showing its findings, and the quick-fix
 * menu open on one of them (Ctrl+.), as a user sees it. Asserts along the way what it expects to see.
 */
export async function screenshotQuickFix(browser: Browser, server: CodeServer, dirs: Dirs, outPath: string): Promise<ScreenshotResult> {
  // The README's picture shows the bundled examples, as a user who opens them sees them.
  const folder = join(dirs.scratch, 'screenshot', 'examples');
  cpSync(join(dirs.root, 'examples'), folder, { recursive: true });
  const page = await browser.newPage({ viewport: { width: 1280, height: 760 } });
  try {
    await page.goto(workbenchUrl(server.origin, folder, [['extensionDevelopmentPath', dirs.root]]));
    await waitForWorkbench(page);
    await openByQuickOpen(page, 'checkout.yaml');
    // Diagnostics arrived when the editor shows squiggles.
    await page.locator('.monaco-editor .squiggly-warning').first().waitFor({ timeout: 60_000 });
    await page.keyboard.press('Control+Shift+M');
    const rows = page.locator('.markers-panel .monaco-list-row');
    await rows.first().waitFor({ timeout: 30_000 });
    const row = rows.filter({ hasText: 'minReplicas is 1; the HA floor is 2.' }).first();
    await row.waitFor({ timeout: 30_000 });
    await row.click();
    await page.keyboard.press('Enter'); // opens the finding in the editor, the cursor on it
    await page.locator('.monaco-editor.focused').waitFor({ timeout: 10_000 });
    await page.keyboard.press('Control+.');
    const menu = page.locator('.action-widget');
    await menu.waitFor({ state: 'visible', timeout: 20_000 });
    await menu.getByText('Set minReplicas to 2').waitFor({ timeout: 20_000 });
    const titles = (await menu.locator('.monaco-list-row .title').allInnerTexts()).map((t) => t.trim());
    const expected = ['Set minReplicas to 2', 'Disable min-replicas for this line'];
    if (JSON.stringify(titles) !== JSON.stringify(expected)) throw new Error(`The quick-fix menu shows ${JSON.stringify(titles)}, expected ${JSON.stringify(expected)}.`);
    await page.screenshot({ path: outPath });
    return { path: outPath, titles };
  } catch (err) {
    const shot = outPath.replace(/\.png$/, '.failed.png');
    await page.screenshot({ path: shot }).catch(() => undefined);
    throw new Error(`${err instanceof Error ? err.message : String(err)}\n(the page at that moment: ${shot})`);
  } finally {
    await page.close();
  }
}

/** Waits for the workbench and its explorer (the workspace folder is open and read). */
export async function waitForWorkbench(page: Page): Promise<void> {
  await page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
  await page.locator('.explorer-folders-view .monaco-list-row').first().waitFor({ timeout: 60_000 });
}

/** Runs a command from the command palette (F1) by its title, as a user does. */
export async function runFromPalette(page: Page, title: string): Promise<void> {
  await page.keyboard.press('F1');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ timeout: 20_000 });
  await input.fill(`>${title}`);
  const row = page.locator('.quick-input-list .monaco-list-row', { hasText: title }).first();
  try {
    await row.waitFor({ timeout: 20_000 });
  } catch {
    const shown = await page.locator('.quick-input-list .monaco-list-row').allInnerTexts();
    throw new Error(`The command palette does not list "${title}"; it shows ${JSON.stringify(shown)}`);
  }
  await page.keyboard.press('Enter');
}

/** Moves the active editor's cursor to a line (Ctrl+G). */
export async function goToLine(page: Page, line: number): Promise<void> {
  await page.keyboard.press('Control+G');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ timeout: 20_000 });
  await input.fill(`:${line}`);
  await page.keyboard.press('Enter');
  await page.locator('.quick-input-widget').waitFor({ state: 'hidden', timeout: 10_000 });
}

export async function openByQuickOpen(page: Page, fileName: string): Promise<void> {
  await page.locator('.monaco-workbench').click({ position: { x: 640, y: 300 } }).catch(() => undefined);
  await page.keyboard.press('Control+P');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ timeout: 20_000 });
  await input.fill(fileName);
  await page.locator('.quick-input-list .monaco-list-row', { hasText: fileName }).first().waitFor({ timeout: 20_000 });
  await page.keyboard.press('Enter');
  await page.locator(`.tabs-container .tab[aria-label^="${fileName}"]`).first().waitFor({ timeout: 20_000 });
}

/**
 * The README's picture of a chart in the editor: the e2e workspace's chart, its values.yaml open with the
 * rendered HPA's finding squiggled on `minReplicas: 1`, the Problems view listing it, and "ScaleLint: Show
 * rendered manifest" beside it. Returns the Problems rows it saw.
 */
export async function screenshotChart(browser: Browser, server: CodeServer, dirs: Dirs, outPath: string): Promise<{ rows: string[] }> {
  const folder = join(dirs.scratch, 'screenshot-chart');
  cpSync(join(dirs.root, 'test', 'e2e', 'workspace', 'web-chart'), join(folder, 'web-chart'), { recursive: true });
  const page = await browser.newPage({ viewport: { width: 1280, height: 760 } });
  try {
    await page.goto(workbenchUrl(server.origin, folder, [['extensionDevelopmentPath', dirs.root]]));
    await waitForWorkbench(page);
    await openByQuickOpen(page, 'values.yaml');
    await page.locator('.monaco-editor .squiggly-warning').first().waitFor({ timeout: 60_000 });
    await page.keyboard.press('Control+Shift+M');
    const rows = page.locator('.markers-panel .monaco-list-row');
    await rows.filter({ hasText: 'minReplicas is 1; the HA floor is 2.' }).first().waitFor({ timeout: 30_000 });
    const seen = (await rows.allInnerTexts()).map((t) => t.replace(/\s+/g, ' ').trim());
    await page.locator('.monaco-editor .view-lines').first().click();
    await goToLine(page, 6);
    await runFromPalette(page, 'ScaleLint: Show rendered manifest');
    await page.locator('.tabs-container .tab', { hasText: '(rendered)' }).first().waitFor({ timeout: 30_000 });
    await page.locator('.monaco-editor .view-lines', { hasText: 'Rendered by ScaleLint' }).first().waitFor({ timeout: 30_000 });
    // The render opens on the chart's first template (the Deployment): bring the HPA into view.
    await goToLine(page, 38);
    await page.locator('.monaco-editor .view-lines', { hasText: 'HorizontalPodAutoscaler' }).first().waitFor({ timeout: 30_000 });
    await page.screenshot({ path: outPath });
    return { rows: seen };
  } catch (err) {
    const shot = outPath.replace(/\.png$/, '.failed.png');
    await page.screenshot({ path: shot }).catch(() => undefined);
    throw new Error(`${err instanceof Error ? err.message : String(err)}\n(the page at that moment: ${shot})`);
  } finally {
    await page.close();
  }
}

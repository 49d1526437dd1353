/**
 * The extension as users get it: `npm run package` builds the .vsix, `code-server --install-extension`
 * installs it into an extensions folder of its own, and a fresh code-server — no extensionDevelopmentPath,
 * nothing of the repository but that .vsix — lints a workspace: the Problems view lists ScaleLint's findings
 * for a fixture, and the calculator panel's page loads its script (it comes from the .vsix too).
 */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { goToLine, installExtension, openByQuickOpen, runFromPalette, startCodeServer, waitForWorkbench, workbenchUrl, type CodeServer, type Dirs } from './code-server';

export interface PackagedResult {
  vsix: string;
  /** `code-server --list-extensions --show-versions` after the install. */
  installed: string[];
  /** The Problems view's rows for the fixture. */
  problems: string[];
  /** The installed server's start line (ScaleLint output channel): its lint thread and validators. */
  serverStart: string;
}

/** The server's start line, from the output-channel logs code-server writes under its user data folder. */
function serverStartLine(userData: string): string | undefined {
  const stack = [join(userData, 'logs')];
  while (stack.length) {
    const dir = stack.pop()!;
    let names: string[];
    try {
      names = readdirSync(dir);
    } catch {
      continue;
    }
    for (const name of names) {
      const p = join(dir, name);
      if (statSync(p).isDirectory()) stack.push(p);
      else if (name.endsWith('.log')) {
        const line = readFileSync(p, 'utf8').split('\n').find((l) => l.includes('ScaleLint server '));
        if (line) return line.slice(line.indexOf('ScaleLint server ')).trim();
      }
    }
  }
  return undefined;
}

/** What the installed server must say: the .vsix carries its lint thread and every precompiled validator. */
export function expectedServerStart(root: string): RegExp {
  const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string };
  const validators = Object.keys(JSON.parse(readFileSync(join(root, 'server', 'out', 'validators', 'index.json'), 'utf8'))).length;
  const version = manifest.version.replace(/\./g, '\\.');
  return new RegExp(`^ScaleLint server ${version}: lint thread (ready|ready, unused \\(\\d+ cores; SCALELINT_LINT_THREADS=1 uses it\\)|off \\(one core\\)|ready, unused \\(one core\\)); schema validators ${validators} of ${validators} precompiled\\.$`);
}

/** `npm run package`, written into `outDir` (not the repository). */
export function buildVsix(root: string, outDir: string): string {
  const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { name: string; version: string; publisher: string };
  mkdirSync(outDir, { recursive: true });
  const vsix = join(outDir, `${manifest.name}-${manifest.version}.vsix`);
  const r = spawnSync('npm', ['run', 'package', '--silent', '--', '--out', vsix], { cwd: root, encoding: 'utf8', timeout: 120_000 });
  if (r.status !== 0) throw new Error(`npm run package failed (${r.error?.message ?? `exit code ${r.status}`}):\n${r.stdout}${r.stderr}`);
  return vsix;
}

export async function packagedExtension(browser: Browser, dirs: Dirs, outDir: string): Promise<PackagedResult> {
  const manifest = JSON.parse(readFileSync(join(dirs.root, 'package.json'), 'utf8')) as { name: string; version: string; publisher: string };
  const id = `${manifest.publisher}.${manifest.name}`;
  const vsix = buildVsix(dirs.root, outDir);
  // A code-server of its own: its own user data and extensions folder, which holds only the installed .vsix.
  const own: Dirs = { scratch: join(dirs.scratch, 'packaged'), root: dirs.root };
  const installed = installExtension(own, vsix);
  if (!installed.includes(`${id}@${manifest.version}`)) throw new Error(`code-server lists ${JSON.stringify(installed)} after installing ${vsix}; expected ${id}@${manifest.version}.`);
  const folder = join(own.scratch, 'workspace');
  cpSync(join(dirs.root, 'test', 'e2e', 'workspace'), folder, { recursive: true });
  let server: CodeServer | undefined;
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  try {
    server = await startCodeServer(own);
    await page.goto(workbenchUrl(server.origin, folder, []));
    await waitForWorkbench(page);
    await openByQuickOpen(page, 'orders-hpa.yaml');
    await page.keyboard.press('Control+Shift+M');
    const rows = page.locator('.markers-panel .monaco-list-row');
    const want = ['minReplicas is 1; the HA floor is 2.', 'scaleDown.stabilizationWindowSeconds is 60; the minimum is 300 s'];
    for (const text of want) {
      try {
        await rows.filter({ hasText: text }).first().waitFor({ timeout: 60_000 });
      } catch {
        throw new Error(`The Problems view never listed "${text}"; it shows ${JSON.stringify(await rows.allInnerTexts())}`);
      }
    }
    const problems = (await rows.allInnerTexts()).map((t) => t.replace(/\s+/g, ' ').trim());
    // The server that linted them is the one built and tested: with its lint thread and precompiled validators.
    let serverStart: string | undefined;
    for (const until = Date.now() + 15_000; !serverStart && Date.now() < until; ) {
      serverStart = serverStartLine(join(own.scratch, 'user-data'));
      if (!serverStart) await new Promise((r) => setTimeout(r, 500));
    }
    if (!serverStart) throw new Error(`The installed server's start line ("ScaleLint server …") is in no output log under ${join(own.scratch, 'user-data', 'logs')}.`);
    if (!expectedServerStart(dirs.root).test(serverStart)) throw new Error(`The installed server says "${serverStart}"; expected ${expectedServerStart(dirs.root)}.`);
    for (const rule of ['min-replicas', 'scale-down-stabilization']) {
      if (!problems.some((p) => p.includes(`scalelint ${rule} [Ln `))) throw new Error(`No Problems row names the source and rule "scalelint ${rule}": ${JSON.stringify(problems)}`);
    }

    // The calculator's page runs its script (client/out/calculator.js, from the .vsix): it names the HPA.
    // Focus the editor. A transient overlay (a notification, a hover) can take the click for a while: then
    // the keyboard does it (Ctrl+1 focuses the first editor group), instead of waiting out the overlay.
    await page
      .locator('.editor-group-container')
      .first()
      .locator('.monaco-editor .view-lines')
      .click({ position: { x: 200, y: 10 }, timeout: 5_000 })
      .catch(() => page.keyboard.press('Control+1'));
    await goToLine(page, 12);
    await runFromPalette(page, 'ScaleLint: Capacity Calculator');
    const panel = page.frameLocator('iframe.webview.ready').frameLocator('#active-frame');
    const target = panel.locator('#target-text');
    try {
      await target.filter({ hasText: 'HorizontalPodAutoscaler orders — orders-hpa.yaml, line 2.' }).waitFor({ timeout: 30_000 });
    } catch {
      throw new Error(`The calculator panel of the installed extension shows ${JSON.stringify(await target.textContent({ timeout: 1_000 }).catch(() => null))}, not the HPA it was opened on (is its script in the .vsix?)`);
    }
    return { vsix, installed, problems, serverStart };
  } catch (err) {
    const shot = join(dirs.root, 'test-artifacts', 'packaged.failed.png');
    await page.screenshot({ path: shot }).catch(() => undefined);
    throw new Error(`${err instanceof Error ? err.message : String(err)}\n(the page at that moment: ${shot})`);
  } finally {
    await page.close();
    await server?.stop();
  }
}

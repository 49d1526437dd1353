/**
 * The capacity calculator in the real workbench (code-server), driven as a user drives it: the cursor on an
 * HPA, "ScaleLint: Capacity Calculator" from the palette, the workflow's worked example typed into the
 * webview's fields, "Apply to manifest" pressed. Then Ctrl+S in the editor shows what the panel wrote
 * (minReplicas and maxReplicas, the comments kept), and one Ctrl+Z plus Ctrl+S shows it was one undo step.
 * The extension-host suite cannot reach inside a webview; this drives the webview's own page through the
 * frames Chromium has for it (the workbench's `iframe.webview`, and in it `#active-frame`, the panel's page).
 * A screenshot of the panel, taken after the apply, is the README's picture.
 */
import { cpSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, FrameLocator, Page } from 'playwright-core';
import { goToLine, openByQuickOpen, runFromPalette, waitForWorkbench, workbenchUrl, type CodeServer, type Dirs } from './code-server';

const FILE = 'orders-hpa.yaml';
/** The workflow's worked example (SPEC §5): 100 req/s on 5 instances, 500 req/s to plan for, a 25 % buffer. */
const WORKED_EXAMPLE = { currentLoad: '100', currentInstances: '5', targetLoad: '500', bufferPercent: '25' };

export interface CalculatorResult {
  /** What the panel's status line said after "Apply to manifest". */
  status: string;
  /** The code lens above the HPA before and after the apply. */
  lensBefore: string;
  lensAfter: string;
}

/** Polls `read` until it returns `want` (or gives up after `ms`): for what a save writes to disk. */
async function waitForValue(read: () => string, want: string, what: string, ms = 15_000): Promise<void> {
  const until = Date.now() + ms;
  let got = read();
  while (got !== want && Date.now() < until) {
    await new Promise((r) => setTimeout(r, 100));
    got = read();
  }
  if (got !== want) throw new Error(`${what}: expected\n${want}\ngot\n${got}`);
}

/** Waits until the element's text matches; fails saying what it shows. */
async function expectText(frame: FrameLocator | Page, selector: string, want: RegExp, timeout = 20_000): Promise<string> {
  const el = frame.locator(selector).first();
  const until = Date.now() + timeout;
  let text = '';
  for (;;) {
    text = ((await el.textContent({ timeout: Math.max(1, until - Date.now()) }).catch(() => '')) ?? '').trim();
    if (want.test(text) || Date.now() > until) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  if (!want.test(text)) throw new Error(`${selector} shows ${JSON.stringify(text)}, expected ${want}`);
  return text;
}

/** Saves the active editor group's file (Ctrl+S), the editor focused first by a click on its text. */
async function saveEditor(page: Page): Promise<void> {
  await page.locator('.editor-group-container').first().locator('.monaco-editor .view-lines').click({ position: { x: 300, y: 10 } });
  await page.locator('.editor-group-container').first().locator('.monaco-editor.focused').waitFor({ timeout: 10_000 });
  await page.keyboard.press('Control+S');
}

export async function calculatorInWorkbench(browser: Browser, server: CodeServer, dirs: Dirs, shotPath: string): Promise<CalculatorResult> {
  const folder = join(dirs.scratch, 'calculator');
  cpSync(join(dirs.root, 'test', 'e2e', 'workspace'), folder, { recursive: true });
  const file = join(folder, FILE);
  const original = readFileSync(file, 'utf8');
  const onDisk = () => readFileSync(file, 'utf8');
  const page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
  try {
    await page.goto(workbenchUrl(server.origin, folder, [['extensionDevelopmentPath', dirs.root]]));
    await waitForWorkbench(page);
    await page.keyboard.press('Control+B'); // the side bar away: room for the editor and the panel side by side
    await openByQuickOpen(page, FILE);
    const lensBefore = await expectText(page, '.codelens-decoration a', /^1 → 10 in .+ · back to 1 in .+/, 30_000);

    // The palette, with the cursor on the HPA's minReplicas.
    await goToLine(page, 12);
    await runFromPalette(page, 'ScaleLint: Capacity Calculator');
    const panel = page.frameLocator('iframe.webview.ready').frameLocator('#active-frame');
    await expectText(panel, '#target-text', /^HorizontalPodAutoscaler orders — orders-hpa\.yaml, line 2\. Now: minReplicas 1, maxReplicas 10\.$/, 30_000);

    for (const [id, value] of Object.entries(WORKED_EXAMPLE)) await panel.locator(`#${id}`).fill(value);
    await expectText(panel, '#rec-min', /^2$/);
    await expectText(panel, '#rec-desired', /^5$/);
    await expectText(panel, '#rec-max', /^32$/);
    await expectText(panel, '#apply-preview', /^Writes minReplicas 2 and maxReplicas 32 into orders\.$/);
    await panel.locator('#chart svg').first().waitFor({ timeout: 20_000 });
    await panel.locator('#apply').click();
    const status = await expectText(panel, '#apply-status', /^Written: /);

    // The panel follows the file: its "Now:" line and the code lens show the new bounds.
    await expectText(panel, '#target-text', /Now: minReplicas 2, maxReplicas 32\.$/);
    const lensAfter = await expectText(page, '.codelens-decoration a', /^2 → 32 in .+ · back to 2 in .+/);
    await page.screenshot({ path: shotPath });

    const applied = original.replace('  minReplicas: 1\n  maxReplicas: 10\n', '  minReplicas: 2\n  maxReplicas: 32\n');
    if (applied === original) throw new Error(`${FILE} does not hold the lines this check rewrites:\n${original}`);
    await saveEditor(page);
    await waitForValue(onDisk, applied, `${FILE} saved after "Apply to manifest"`);

    // One undo step takes back both fields.
    await page.keyboard.press('Control+Z');
    await page.keyboard.press('Control+S');
    await waitForValue(onDisk, original, `${FILE} saved after one Ctrl+Z`);
    await expectText(panel, '#target-text', /Now: minReplicas 1, maxReplicas 10\.$/);
    return { status, lensBefore, lensAfter };
  } catch (err) {
    const shot = shotPath.replace(/\.png$/, '.failed.png');
    await page.screenshot({ path: shot }).catch(() => undefined);
    throw new Error(`${err instanceof Error ? err.message : String(err)}\n(the page at that moment: ${shot})`);
  } finally {
    await page.close();
  }
}

export interface ChartCalculatorResult {
  /** What the panel showed of the rendered HPA, and its status line after "Apply to manifest". */
  target: string;
  status: string;
}

/**
 * The calculator on a chart (SPEC §8): the cursor in web-chart/values.yaml's autoscaling block, the palette
 * command opens the panel on the HPA templates/hpa.yaml renders from it (found by the language server), and
 * "Apply to manifest" writes minReplicas/maxReplicas into values.yaml, not into the template; one Ctrl+Z in
 * values.yaml takes both back.
 */
export async function calculatorOnChartInWorkbench(browser: Browser, server: CodeServer, dirs: Dirs, shotPath: string): Promise<ChartCalculatorResult> {
  const folder = join(dirs.scratch, 'calculator-chart');
  cpSync(join(dirs.root, 'test', 'e2e', 'workspace', 'web-chart'), join(folder, 'web-chart'), { recursive: true });
  const valuesFile = join(folder, 'web-chart', 'values.yaml');
  const templateFile = join(folder, 'web-chart', 'templates', 'hpa.yaml');
  const original = readFileSync(valuesFile, 'utf8');
  const template = readFileSync(templateFile, 'utf8');
  const onDisk = () => readFileSync(valuesFile, 'utf8');
  const page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
  try {
    await page.goto(workbenchUrl(server.origin, folder, [['extensionDevelopmentPath', dirs.root]]));
    await waitForWorkbench(page);
    await page.keyboard.press('Control+B');
    await openByQuickOpen(page, 'values.yaml');
    // The server has rendered the chart when values.yaml gets minReplicas' finding.
    await page.locator('.monaco-editor .squiggly-warning').first().waitFor({ timeout: 60_000 });
    const minLine = original.split('\n').findIndex((l) => /^\s+minReplicas: 1$/.test(l)) + 1;
    if (minLine < 1) throw new Error(`values.yaml has no "minReplicas: 1" line:\n${original}`);
    await goToLine(page, minLine);
    await runFromPalette(page, 'ScaleLint: Capacity Calculator');
    const panel = page.frameLocator('iframe.webview.ready').frameLocator('#active-frame');
    const target = await expectText(panel, '#target-text', /^HorizontalPodAutoscaler release-name-web — hpa\.yaml, line 2 \(rendered\)\. Now: minReplicas 1, maxReplicas 10\.$/, 30_000);
    for (const [id, value] of Object.entries(WORKED_EXAMPLE)) await panel.locator(`#${id}`).fill(value);
    await expectText(panel, '#apply-preview', /^Writes minReplicas 2 and maxReplicas 32 into release-name-web\.$/);
    await panel.locator('#apply').click();
    const status = await expectText(panel, '#apply-status', /^Written: HorizontalPodAutoscaler release-name-web: minReplicas 2, maxReplicas 32 .*In web-chart\/values\.yaml\./);
    // The panel reads the render again: its "Now:" line follows values.yaml.
    await expectText(panel, '#target-text', /Now: minReplicas 2, maxReplicas 32\.$/);
    await page.screenshot({ path: shotPath });

    const applied = original.replace('  minReplicas: 1\n  maxReplicas: 10\n', '  minReplicas: 2\n  maxReplicas: 32\n');
    if (applied === original) throw new Error(`values.yaml does not hold the lines this check rewrites:\n${original}`);
    await saveEditor(page);
    await waitForValue(onDisk, applied, 'values.yaml saved after "Apply to manifest"');
    if (readFileSync(templateFile, 'utf8') !== template) throw new Error('the template was changed; only values.yaml should be');
    await page.keyboard.press('Control+Z');
    await page.keyboard.press('Control+S');
    await waitForValue(onDisk, original, 'values.yaml saved after one Ctrl+Z');
    return { target, status };
  } catch (err) {
    const shot = shotPath.replace(/\.png$/, '.failed.png');
    await page.screenshot({ path: shot }).catch(() => undefined);
    throw new Error(`${err instanceof Error ? err.message : String(err)}\n(the page at that moment: ${shot})`);
  } finally {
    await page.close();
  }
}

/// <reference lib="dom" />
// (DOM types: for the functions that run in the page.)
/**
 * The calculator panel's page in headless Chromium: the HTML the panel generates, its CSP, the BUILT
 * webview script (`node esbuild.mjs` first: client/out/calculator.js), a stub `acquireVsCodeApi`
 * standing in for VS Code. Enters the workflow's worked example and checks the DOM, the chart, the
 * keyboard path and the messages to the host; keeps a screenshot in test-artifacts/calculator.png
 * (UPDATE_SCREENSHOTS=1 also writes docs/images/calculator.png, the README's).
 *
 * Needs Debian's Chromium at /usr/bin/chromium (CHROMIUM_PATH overrides): `apt-get install -y chromium`.
 * Run: node --import tsx --test test/browser/calculator.test.ts
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { calculatorHtml, makeNonce } from '../../client/src/calculator/html';

const ROOT = join(__dirname, '..', '..');
const OUT = join(ROOT, 'client', 'out');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const FLAGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

/** The workflow's HPA (scale-infrastructure.md §4), as the host sends it for the HPA under the cursor. */
const WORKFLOW_HPA = {
  kind: 'HorizontalPodAutoscaler',
  name: 'my-app-hpa',
  location: 'hpa.yaml, line 1',
  fields: { min: 'minReplicas', max: 'maxReplicas' },
  current: { min: 2, max: 20 },
  manifest: {
    apiVersion: 'autoscaling/v2',
    kind: 'HorizontalPodAutoscaler',
    metadata: { name: 'my-app-hpa' },
    spec: {
      scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'my-app' },
      minReplicas: 2,
      maxReplicas: 20,
      metrics: [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 70 } } }],
      behavior: {
        scaleUp: {
          stabilizationWindowSeconds: 0,
          policies: [
            { type: 'Percent', value: 100, periodSeconds: 15 },
            { type: 'Pods', value: 4, periodSeconds: 15 },
          ],
          selectPolicy: 'Max',
        },
        scaleDown: { stabilizationWindowSeconds: 300, policies: [{ type: 'Percent', value: 50, periodSeconds: 15 }] },
      },
    },
  },
};

/** Theme colours set the way VS Code sets them: custom properties on <html>, through the CSSOM. */
const THEME = { '--vscode-charts-blue': 'rgb(55, 148, 255)', '--vscode-charts-orange': 'rgb(209, 134, 22)' };

/**
 * Runs in the page before its own script: the VS Code API stub, a record of CSP violations, and the
 * theme. A string, not a function: the TypeScript loader would add helpers the page does not have.
 */
const PAGE_STUB = `
  (() => {
    const posted = [];
    const csp = [];
    let acquired = false;
    window.__posted = posted;
    window.__csp = csp;
    window.acquireVsCodeApi = () => {
      if (acquired) throw new Error('acquireVsCodeApi may only be called once');
      acquired = true;
      return {
        postMessage: (m) => posted.push(JSON.parse(JSON.stringify(m))),
        // Kept in sessionStorage, so it survives a reload as VS Code keeps it while a webview is hidden.
        getState: () => JSON.parse(sessionStorage.getItem('vscode-state') ?? 'null') ?? undefined,
        setState: (s) => sessionStorage.setItem('vscode-state', JSON.stringify(s)),
      };
    };
    document.addEventListener('securitypolicyviolation', (e) => csp.push(e.violatedDirective + ' ' + e.blockedURI));
    document.addEventListener('DOMContentLoaded', () => {
      for (const [k, v] of Object.entries(${JSON.stringify(THEME)})) document.documentElement.style.setProperty(k, v);
    });
  })();
`;

function chromiumMissing(): string | undefined {
  if (existsSync(CHROMIUM)) return undefined;
  return `Chromium is missing at ${CHROMIUM}: install it with \`apt-get install -y chromium\` (as root, after \`apt-get update\`), or set CHROMIUM_PATH.`;
}

const MISSING = chromiumMissing();

test('Chromium is installed for the browser tests', () => {
  if (MISSING) assert.fail(MISSING);
});

// Without Chromium the test above fails, naming the install command; these would only repeat it.
describe('calculator panel page in headless Chromium', { skip: MISSING ? 'Chromium is missing: see the failing test "Chromium is installed"' : false }, () => {
  let server: Server;
  let context: BrowserContext;
  let page: Page;
  let userDataDir: string;
  const pageErrors: string[] = [];
  const consoleErrors: string[] = [];

  const posted = () => page.evaluate(() => (window as unknown as { __posted: unknown[] }).__posted);
  const text = (selector: string) => page.locator(selector).innerText();
  const toPage = (message: unknown) => page.evaluate((m) => window.postMessage(m, '*'), message);

  before(async () => {
    if (!existsSync(join(OUT, 'calculator.js'))) throw new Error(`${join(OUT, 'calculator.js')} is missing: run \`npm run build\` first.`);
    server = createServer((req, res) => {
      const origin = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
      const path = (req.url ?? '/').split('?')[0];
      if (path === '/favicon.ico') {
        res.writeHead(204).end();
        return;
      }
      if (path === '/') {
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
        res.end(calculatorHtml({ cspSource: origin, nonce: makeNonce(), scriptUri: `${origin}/calculator.js`, styleUri: `${origin}/calculator.css` }));
        return;
      }
      const file = { '/calculator.js': 'calculator.js', '/calculator.css': 'calculator.css', '/calculator.js.map': 'calculator.js.map', '/calculator.css.map': 'calculator.css.map' }[path];
      if (!file) {
        res.writeHead(404).end();
        return;
      }
      res.writeHead(200, { 'content-type': file.endsWith('.js') ? 'text/javascript' : file.endsWith('.css') ? 'text/css' : 'application/json' });
      res.end(readFileSync(join(OUT, file)));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    userDataDir = mkdtempSync(join(tmpdir(), 'scalelint-chromium-'));
    // A fresh, empty profile every run.
    context = await chromium.launchPersistentContext(userDataDir, { executablePath: CHROMIUM, headless: true, args: FLAGS, viewport: { width: 1180, height: 900 }, colorScheme: 'dark' });
    page = context.pages()[0] ?? (await context.newPage());
    page.on('pageerror', (e) => pageErrors.push(e.message));
    page.on('console', (m) => {
      if (m.type() === 'error') consoleErrors.push(m.text());
    });
    await page.addInitScript(PAGE_STUB);
    await page.goto(`http://127.0.0.1:${(server.address() as { port: number }).port}/`);
    await page.waitForFunction(() => (window as unknown as { __posted: { type: string }[] }).__posted.some((m) => m.type === 'ready'));
  });

  after(async () => {
    await context?.close();
    await new Promise((resolve) => (server ? server.close(resolve) : resolve(undefined)));
    if (userDataDir) rmSync(userDataDir, { recursive: true, force: true });
  });

  test('the page says "ready" once, and nothing is blocked by its CSP', async () => {
    assert.deepEqual(await posted(), [{ type: 'ready' }]);
    const csp = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
    assert.match(csp ?? '', /^default-src 'none'; .*script-src 'nonce-[A-Za-z0-9]{32}'$/);
    assert.deepEqual(await page.evaluate(() => (window as unknown as { __csp: string[] }).__csp), []);
  });

  test('an empty form is quiet until Enter, which names every missing field and applies nothing', async () => {
    assert.equal(await page.locator('.error:not(:empty)').count(), 0);
    // (Which fields carry the "current load or capacity per instance" problem is the capacity module's
    // choice; the two required ones are always named on their fields.)
    assert.match(await text('#steps'), /^Waiting for: .*target peak load, safety buffer\.$/);
    await page.getByLabel('Current load').press('Enter');
    for (const id of ['targetLoad', 'bufferPercent']) {
      assert.notEqual((await text(`#${id}-error`)).trim(), '', `${id} names its problem`);
      assert.equal(await page.locator(`#${id}`).getAttribute('aria-invalid'), 'true');
    }
    const capacityNamed = (await page.locator('#currentLoad-error, #currentInstances-error, #perInstanceCapacity-error, #form-error').allInnerTexts()).some((t) => t.trim() !== '');
    assert.ok(capacityNamed, 'the missing current load / capacity per instance is named');
    assert.equal(await text('#apply-status'), 'Fix the marked fields first.');
    assert.ok(['currentLoad', 'currentInstances', 'perInstanceCapacity', 'targetLoad'].includes(await page.evaluate(() => document.activeElement?.id ?? '')), 'focus moves to the first field with a problem');
    await page.getByLabel('Current load').fill('1');
    assert.equal(await text('#apply-status'), '', 'the form problem goes once the user edits');
    await page.getByLabel('Current load').fill('');
    assert.deepEqual(await posted(), [{ type: 'ready' }]);
  });

  test("the workflow's worked example: 20 req/s per instance, 25 instances, 32 with a 25 % buffer", async () => {
    await toPage({ type: 'target', target: WORKFLOW_HPA });
    await page.getByLabel('Current load').fill('100');
    await page.getByLabel('Current instances').fill('5');
    await page.getByLabel('Target peak load').fill('500');
    await page.getByLabel('Safety buffer').fill('25');
    assert.equal(await text('#per-instance'), '20');
    assert.equal(await text('#required'), '25');
    assert.equal(await text('#buffered'), '32');
    // The arithmetic is shown, step by step.
    const steps = await page.locator('#steps li').allInnerTexts();
    assert.ok(steps.length >= 3, `steps: ${steps.join(' | ')}`);
    assert.ok(steps.some((s) => /= 20$/.test(s)) && steps.some((s) => /= 25$/.test(s)) && steps.some((s) => /= 32$/.test(s)), `steps: ${steps.join(' | ')}`);
  });

  test('the chart: one SVG, four scenario series, each with the simulated replicas and the required capacity', async () => {
    const series = page.locator('#chart svg g.series');
    assert.equal(await series.count(), 4);
    assert.deepEqual(await series.evaluateAll((gs) => gs.map((g) => g.getAttribute('data-scenario'))), ['spike', 'ramp', 'sustained', 'drop']);
    for (let i = 0; i < 4; i++) {
      const g = series.nth(i);
      assert.match((await g.locator('path[data-line="replicas"]').getAttribute('d')) ?? '', /^M[\d.]+,[\d.]+(H[\d.]+V[\d.]+)+$/);
      assert.match((await g.locator('path[data-line="required"]').getAttribute('d')) ?? '', /^M[\d.]+,[\d.]+(L[\d.]+,[\d.]+)+$/);
      const axes = await g.locator('text.axis-label').allTextContents();
      assert.deepEqual(axes, ['time (min)', 'replicas']);
    }
    // The HPA as written tops out at 20 replicas while the peak needs 25: the spike panel says so.
    const summaries = await series.locator('.panel-summary').allTextContents();
    assert.match(summaries[0], /^peak 20 replicas · a replica or more short for 10 min( \d+ s)?$/);
    // Half the peak needs 12.5 replicas; 12 is within the controller's tolerance, not a shortage.
    assert.match(summaries[2], /^peak 1[23] replicas · (never a replica short|a replica or more short for \d+ s)$/);
    const legend = await page.locator('#chart svg .legend text').allTextContents();
    assert.deepEqual(legend, ['replicas the autoscaler runs (simulated)', 'replicas the load needs (required capacity)']);
    assert.match(await text('#chart-caption'), /HorizontalPodAutoscaler my-app-hpa as written/);
    // Theme colours: the lines take the VS Code chart colours.
    const stroke = await series.nth(0).locator('path[data-line="replicas"]').evaluate((p) => getComputedStyle(p).stroke);
    assert.equal(stroke, THEME['--vscode-charts-blue']);
    const dashed = await series.nth(0).locator('path[data-line="required"]').evaluate((p) => [getComputedStyle(p).stroke, getComputedStyle(p).strokeDasharray]);
    assert.deepEqual(dashed, [THEME['--vscode-charts-orange'], '5px, 4px']);
  });

  test('screenshot (test-artifacts/calculator.png; docs/images/calculator.png with UPDATE_SCREENSHOTS=1)', async () => {
    mkdirSync(join(ROOT, 'test-artifacts'), { recursive: true });
    const png = await page.screenshot({ fullPage: true, path: join(ROOT, 'test-artifacts', 'calculator.png') });
    assert.ok(png.length > 10000);
    if (process.env.UPDATE_SCREENSHOTS === '1') {
      mkdirSync(join(ROOT, 'docs', 'images'), { recursive: true });
      await page.screenshot({ fullPage: true, path: join(ROOT, 'docs', 'images', 'calculator.png') });
    }
  });

  test('an HPA has no desired field, and the page says so', async () => {
    assert.match(await text('#apply-note'), /An HPA has no field for a desired count/);
    assert.match(await text('#apply-preview'), /^Writes minReplicas \d+ and maxReplicas 32 into my-app-hpa\.$/);
    assert.match(await text('#target-text'), /^HorizontalPodAutoscaler my-app-hpa — hpa\.yaml, line 1\. Now: minReplicas 2, maxReplicas 20\.$/);
  });

  test('keyboard: labelled fields in order, a visible focus, Enter applies the recommended values', async () => {
    await page.locator('#currentLoad').focus();
    const order: string[] = [];
    for (let i = 0; i < 9; i++) {
      await page.keyboard.press('Tab');
      order.push(await page.evaluate(() => document.activeElement?.id ?? ''));
    }
    assert.deepEqual(order, ['currentInstances', 'perInstanceCapacity', 'targetLoad', 'bufferPercent', 'offPeakLoad', 'normalLoad', 'haFloor', 'costCeiling', 'apply']);
    // Every input has a label that names it.
    const unlabelled = await page.locator('input').evaluateAll((inputs) => inputs.filter((i) => !(i as HTMLInputElement).labels?.length).map((i) => i.id));
    assert.deepEqual(unlabelled, []);
    await page.locator('#bufferPercent').focus();
    assert.notEqual(await page.locator('#bufferPercent').evaluate((i) => getComputedStyle(i).outlineStyle), 'none');
    await page.keyboard.press('Enter');
    const last = (await posted()).at(-1) as { type: string; values: { min: number; desired: number; max: number } };
    const shown = { min: Number(await text('#rec-min')), desired: Number(await text('#rec-desired')), max: Number(await text('#rec-max')) };
    assert.deepEqual(last, { type: 'apply', values: shown });
    assert.equal(shown.max, 32);
    assert.ok(shown.min <= shown.desired && shown.desired <= shown.max);
    assert.equal(await text('#apply-status'), 'Applying…');
    await toPage({ type: 'applied', ok: true, message: 'Written: HorizontalPodAutoscaler my-app-hpa: minReplicas 2, maxReplicas 32.' });
    assert.equal(await text('#apply-status'), 'Written: HorizontalPodAutoscaler my-app-hpa: minReplicas 2, maxReplicas 32.');
  });

  test('bad input gets a clear message on its field, and nothing is computed from it', async () => {
    const field = page.getByLabel('Target peak load');
    await field.fill('five hundred');
    assert.match(await text('#targetLoad-error'), /"five hundred" is not a number/);
    assert.equal(await field.getAttribute('aria-invalid'), 'true');
    assert.equal(await text('#required'), '–');
    assert.equal(await page.locator('#chart svg').count(), 0);
    await field.fill('0');
    assert.notEqual((await text('#targetLoad-error')).trim(), '');
    const before = (await posted()).length;
    await field.press('Enter');
    assert.equal((await posted()).length, before, 'nothing is applied from bad input');
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'targetLoad');
    await field.fill('500');
    assert.equal(await text('#targetLoad-error'), '');
    assert.equal(await field.getAttribute('aria-invalid'), 'false');
    assert.equal(await text('#buffered'), '32');
  });

  test('messages from the host are checked: a malformed one is ignored', async () => {
    await toPage({ type: 'target', target: { kind: 'Deployment', name: 'x' } });
    await toPage({ type: 'applied', ok: 'yes', message: 3 });
    await toPage('<img src=x onerror=alert(1)>');
    assert.match(await text('#target-text'), /^HorizontalPodAutoscaler my-app-hpa/);
    assert.deepEqual(pageErrors, []);
  });

  test('an Auto Scaling group target writes desired too; no target: nothing to apply, and the page says why', async () => {
    await toPage({
      type: 'target',
      target: { kind: 'AutoScalingGroup', name: 'WebGroup', location: 'web-asg.yaml, line 18', fields: { min: 'MinSize', desired: 'DesiredCapacity', max: 'MaxSize' }, current: { min: 1, max: 10, desired: 12 } },
    });
    assert.match(await text('#apply-preview'), /^Writes MinSize \d+, DesiredCapacity \d+ and MaxSize 32 into WebGroup\.$/);
    assert.equal(await text('#apply-note'), '');
    assert.match(await text('#chart-caption'), /a default HPA \(minReplicas \d+, maxReplicas 32/);
    await toPage({ type: 'target', target: null, reason: 'No HPA, ScaledObject or Auto Scaling group at line 3 of svc.yaml: the numbers are yours to copy.' });
    assert.equal(await text('#target-text'), 'No HPA, ScaledObject or Auto Scaling group at line 3 of svc.yaml: the numbers are yours to copy.');
    assert.equal(await page.locator('#reveal').isDisabled(), true);
    const before = (await posted()).length;
    await page.getByLabel('Target peak load').press('Enter');
    assert.equal((await posted()).length, before);
    assert.match(await text('#apply-status'), /^There is no manifest to write into/);
    await page.locator('#use-cursor').click();
    assert.deepEqual((await posted()).at(-1), { type: 'useCursor' });
  });

  test('the inputs survive the webview being hidden and shown (getState/setState)', async () => {
    await page.reload();
    await page.waitForFunction(() => (window as unknown as { __posted: { type: string }[] }).__posted.some((m) => m.type === 'ready'));
    assert.equal(await page.getByLabel('Current load').inputValue(), '100');
    assert.equal(await text('#required'), '25');
    assert.equal(await text('#buffered'), '32');
    assert.deepEqual(pageErrors, []);
    assert.deepEqual(consoleErrors, []);
  });
});

/**
 * The calculator webview's page. Pure (no `vscode`): the panel fills in the webview's URIs, and the
 * browser test serves the same page from a local server.
 *
 * Content-Security-Policy: nothing by default; the script only with the page's nonce, styles only from
 * the extension's own files (`cspSource`), no inline style or script, no remote content.
 */
import { CAPACITY_FIELDS } from './webview/protocol';

export interface CalculatorHtmlOptions {
  /** The webview's `cspSource` (the origin its local resources are served from). */
  cspSource: string;
  /** A fresh random value per page load. */
  nonce: string;
  /** URI of the bundled webview script (client/out/calculator.js). */
  scriptUri: string;
  /** URI of its stylesheet (client/out/calculator.css). */
  styleUri: string;
}

function esc(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** 32 random characters from [A-Za-z0-9]: the CSP nonce. */
export function makeNonce(random: (n: number) => Uint8Array = (n) => globalThis.crypto.getRandomValues(new Uint8Array(n))): string {
  const chars = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
  return [...random(32)].map((b) => chars[b % chars.length]).join('');
}

const GROUPS = [
  { id: 'now', legend: 'Current capacity', help: 'Measured today: the load and the instances serving it (or the capacity of one instance).' },
  { id: 'target', legend: 'Target', help: 'The peak load to serve, and the headroom above it.' },
  { id: 'bounds', legend: 'Bounds (optional)', help: 'Off-peak load sets the minimum (never below the HA floor); normal load the desired count; the cost ceiling caps the maximum.' },
] as const;

function fieldsHtml(group: string): string {
  return CAPACITY_FIELDS.filter((f) => f.group === group)
    .map(
      (f) => `
        <div class="field">
          <label for="${f.key}">${esc(f.label)} <span class="unit">(${esc(f.unit)})</span></label>
          <input id="${f.key}" name="${f.key}" type="text" inputmode="decimal" autocomplete="off" spellcheck="false"
            placeholder="${esc(f.placeholder)}" aria-describedby="${f.key}-error" />
          <div class="error" id="${f.key}-error"></div>
        </div>`,
    )
    .join('');
}

export function calculatorHtml(o: CalculatorHtmlOptions): string {
  const csp = [
    "default-src 'none'",
    `style-src ${o.cspSource}`,
    `img-src ${o.cspSource} data:`,
    `font-src ${o.cspSource}`,
    `script-src 'nonce-${o.nonce}'`,
  ].join('; ');
  return `<!DOCTYPE html>
<html lang="en">
<head>
  <meta charset="UTF-8" />
  <meta http-equiv="Content-Security-Policy" content="${esc(csp)}" />
  <meta name="viewport" content="width=device-width, initial-scale=1.0" />
  <link rel="stylesheet" href="${esc(o.styleUri)}" />
  <title>Capacity Calculator</title>
</head>
<body>
  <main>
    <h1>Capacity calculator</h1>
    <section class="target" aria-labelledby="target-heading">
      <h2 id="target-heading" class="visually-hidden">Manifest</h2>
      <p id="target-text" aria-live="polite">Looking for the manifest under the cursor…</p>
      <div class="target-actions">
        <button type="button" id="use-cursor" class="secondary">Use the cursor’s manifest</button>
        <button type="button" id="reveal" class="secondary" disabled>Show in editor</button>
      </div>
    </section>
    <form id="calculator" novalidate>
      <div class="columns">
        <div class="inputs">
          ${GROUPS.map(
            (g) => `<fieldset id="group-${g.id}">
            <legend>${esc(g.legend)}</legend>
            <p class="help">${esc(g.help)}</p>${fieldsHtml(g.id)}
          </fieldset>`,
          ).join('\n          ')}
          <div class="error" id="form-error" role="alert"></div>
        </div>
        <section class="results" aria-labelledby="results-heading">
          <h2 id="results-heading">Result</h2>
          <dl class="figures">
            <div><dt>Capacity per instance</dt><dd><span id="per-instance">–</span> <span class="unit">req/s</span></dd></div>
            <div><dt>Required instances</dt><dd><span id="required">–</span></dd></div>
            <div><dt>With the buffer</dt><dd><span id="buffered">–</span></dd></div>
          </dl>
          <h3>Recommended</h3>
          <dl class="figures recommended">
            <div><dt>min</dt><dd id="rec-min">–</dd></div>
            <div><dt>desired</dt><dd id="rec-desired">–</dd></div>
            <div><dt>max</dt><dd id="rec-max">–</dd></div>
          </dl>
          <h3>Arithmetic</h3>
          <ol id="steps" class="steps"><li class="muted">Enter the current and target load.</li></ol>
          <ul id="warnings" class="warnings"></ul>
          <div class="apply">
            <p id="apply-preview" class="muted"></p>
            <p id="apply-note" class="note"></p>
            <button type="submit" id="apply">Apply to manifest</button>
            <p class="muted small">Enter in any field applies too. The edit is one undo step in the editor.</p>
            <p id="apply-status" role="status" aria-live="polite"></p>
          </div>
        </section>
      </div>
    </form>
    <section class="chart" aria-labelledby="chart-heading">
      <h2 id="chart-heading">Load tests</h2>
      <p id="chart-caption" class="muted">The workflow's four load tests, simulated with the HPA controller model: replicas the autoscaler runs against the replicas the load needs.</p>
      <div id="chart"></div>
    </section>
  </main>
  <script nonce="${esc(o.nonce)}" src="${esc(o.scriptUri)}"></script>
</body>
</html>
`;
}

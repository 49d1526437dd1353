/**
 * The calculator panel's webview script (bundled to client/out/calculator.js). Reads the form, runs the
 * engine's capacity arithmetic and the HPA simulator's load tests right here, renders the result, the
 * steps and the chart, and asks the extension host to write min/desired/max into the manifest.
 */
import './calculator.css';
import { computeCapacity, validateCapacityInput, type CapacityError, type CapacityResult } from '../../../../server/src/engine/capacity';
import { formatDuration, loadTest, LOAD_TEST_KINDS, type HpaSpecLike, type LoadTestKind } from '../../../../server/src/engine/simulate';
import { renderChart, type ChartSeries } from './chart';
import { CAPACITY_FIELDS, parseHostMessage, parseNumberField, TARGET_NOUNS, type CapacityFieldKey, type TargetInfo, type WebviewMessage } from './protocol';

interface VsCodeApi {
  postMessage(message: unknown): void;
  getState(): unknown;
  setState(state: unknown): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

const vscode = acquireVsCodeApi();

interface State {
  inputs: Partial<Record<CapacityFieldKey, string>>;
}

const SCENARIO_TITLES: Record<LoadTestKind, string> = {
  spike: 'Spike: 1 % → 100 % of the peak at 1 min',
  ramp: 'Ramp: 1 % → 100 % over 10 min',
  sustained: 'Sustained: 50 % of the peak for 30 min',
  drop: 'Drop: 50 % → 1 % at 1 min',
};

const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
const input = (key: CapacityFieldKey) => $<HTMLInputElement>(key);

let target: TargetInfo | null = null;
let targetReason = '';
/** Fields the user has typed in: their "required" errors show; every field's after a submit. */
const touched = new Set<string>();
let submitted = false;
let lastChartKey = '';

function send(message: WebviewMessage): void {
  vscode.postMessage(message);
}

function saveState(): void {
  const inputs: State['inputs'] = {};
  for (const f of CAPACITY_FIELDS) inputs[f.key] = input(f.key).value;
  vscode.setState({ inputs } satisfies State);
}

function restoreState(): void {
  const state = vscode.getState() as State | undefined;
  const inputs = state && typeof state === 'object' && state.inputs && typeof state.inputs === 'object' ? state.inputs : {};
  for (const f of CAPACITY_FIELDS) {
    const v = (inputs as Record<string, unknown>)[f.key];
    if (typeof v === 'string') input(f.key).value = v;
  }
}

interface Evaluation {
  fieldErrors: Map<string, string>;
  formErrors: string[];
  result?: CapacityResult;
  targetLoad?: number;
}

function evaluate(): Evaluation {
  const fieldErrors = new Map<string, string>();
  const formErrors: string[] = [];
  const raw: Record<string, number> = {};
  for (const f of CAPACITY_FIELDS) {
    const parsed = parseNumberField(input(f.key).value);
    if (parsed === undefined) continue;
    if (typeof parsed === 'object') fieldErrors.set(f.key, parsed.error);
    else raw[f.key] = parsed;
  }
  const collect = (errors: CapacityError[]) => {
    for (const e of errors) {
      if (e.field === 'input') formErrors.push(e.message);
      else if (!fieldErrors.has(e.field)) fieldErrors.set(e.field, e.message);
    }
  };
  const checked = validateCapacityInput(raw);
  if ('errors' in checked) {
    collect(checked.errors);
    return { fieldErrors, formErrors };
  }
  if (fieldErrors.size) return { fieldErrors, formErrors };
  const result = computeCapacity(checked.input);
  if ('errors' in result) {
    collect(result.errors);
    return { fieldErrors, formErrors };
  }
  return { fieldErrors, formErrors, result, targetLoad: checked.input.targetLoad };
}

function fmt(n: number): string {
  return String(Math.round(n * 100) / 100);
}

function visibleErrors(ev: Evaluation): Map<string, string> {
  const shown = new Map<string, string>();
  for (const [key, message] of ev.fieldErrors) {
    // A value that is wrong shows at once; a missing one only once the user got there (or submitted).
    const hasText = input(key as CapacityFieldKey).value.trim() !== '';
    if (submitted || hasText || touched.has(key)) shown.set(key, message);
  }
  return shown;
}

function renderErrors(ev: Evaluation): void {
  const shown = visibleErrors(ev);
  for (const f of CAPACITY_FIELDS) {
    const message = shown.get(f.key);
    const field = input(f.key);
    field.setAttribute('aria-invalid', message ? 'true' : 'false');
    $(`${f.key}-error`).textContent = message ?? '';
  }
  $('form-error').textContent = ev.formErrors.join(' ');
}

function renderResult(ev: Evaluation): void {
  const r = ev.result;
  $('per-instance').textContent = r ? fmt(r.perInstanceCapacity) : '–';
  $('required').textContent = r ? String(r.requiredInstances) : '–';
  $('buffered').textContent = r ? String(r.bufferedInstances) : '–';
  $('rec-min').textContent = r ? String(r.recommended.min) : '–';
  $('rec-desired').textContent = r ? String(r.recommended.desired) : '–';
  $('rec-max').textContent = r ? String(r.recommended.max) : '–';
  const steps = $('steps');
  steps.replaceChildren();
  if (!r) {
    const li = document.createElement('li');
    li.className = 'muted';
    const missing = CAPACITY_FIELDS.filter((f) => ev.fieldErrors.has(f.key) && input(f.key).value.trim() === '').map((f) => f.label.toLowerCase());
    li.textContent = visibleErrors(ev).size || ev.formErrors.length ? 'Fix the fields marked on the left.' : missing.length ? `Waiting for: ${missing.join(', ')}.` : 'Enter the current and target load.';
    steps.append(li);
  } else {
    for (const s of r.steps) {
      const li = document.createElement('li');
      const label = document.createElement('span');
      label.className = 'step-label';
      label.textContent = s.label;
      const formula = document.createElement('span');
      formula.className = 'step-formula';
      formula.textContent = s.formula;
      const value = document.createElement('span');
      value.className = 'step-value';
      value.textContent = `= ${fmt(s.value)}`;
      li.append(label, formula, value);
      steps.append(li);
    }
  }
  const warnings = $('warnings');
  warnings.replaceChildren(
    ...(r?.warnings ?? []).map((w) => {
      const li = document.createElement('li');
      li.textContent = w;
      return li;
    }),
  );
}

function describeTarget(t: TargetInfo): string {
  const now = [`${t.fields.min} ${t.current.min ?? 'not set'}`];
  if (t.fields.desired) now.push(`${t.fields.desired} ${t.current.desired ?? 'not set'}`);
  now.push(`${t.fields.max} ${t.current.max ?? 'not set'}`);
  return `${TARGET_NOUNS[t.kind].noun} ${t.name || '(unnamed)'} — ${t.location}. Now: ${now.join(', ')}.`;
}

function renderTarget(ev: Evaluation): void {
  $('target-text').textContent = target ? describeTarget(target) : targetReason || 'No manifest: the numbers are yours to copy.';
  $<HTMLButtonElement>('reveal').disabled = !target;
  const preview = $('apply-preview');
  const note = $('apply-note');
  const r = ev.result;
  if (!target) {
    preview.textContent = 'Put the cursor in an HPA, ScaledObject or Auto Scaling group and choose “Use the cursor’s manifest” (or click the code lens above one) to write these values.';
    note.textContent = '';
    return;
  }
  const rec = r?.recommended;
  const v = (n: number | undefined) => (n === undefined ? '…' : String(n));
  if (target.fields.desired) {
    preview.textContent = `Writes ${target.fields.min} ${v(rec?.min)}, ${target.fields.desired} ${v(rec?.desired)} and ${target.fields.max} ${v(rec?.max)} into ${target.name}.`;
    note.textContent = '';
  } else {
    preview.textContent = `Writes ${target.fields.min} ${v(rec?.min)} and ${target.fields.max} ${v(rec?.max)} into ${target.name}.`;
    note.textContent = `${TARGET_NOUNS[target.kind].noDesired ?? 'It has no field for a desired count'} between ${target.fields.min} and ${target.fields.max} from the load, so desired (${v(rec?.desired)}) is not written.`;
  }
}

/** The HPA the chart simulates: the target's own, or a default one with the recommended bounds. */
function chartHpa(r: CapacityResult): { spec: HpaSpecLike; source: string; fallback?: string } {
  const fallback: HpaSpecLike = { minReplicas: r.recommended.min, maxReplicas: r.recommended.max, behavior: {} };
  const defaultSource = `a default HPA (minReplicas ${r.recommended.min}, maxReplicas ${r.recommended.max}, the API's default behavior)`;
  if (target && (target.kind === 'HorizontalPodAutoscaler' || target.kind === 'ScaledObject') && target.manifest !== undefined) {
    return { spec: target.manifest as HpaSpecLike, source: `${target.kind} ${target.name} as written` };
  }
  if (target && target.kind !== 'HorizontalPodAutoscaler' && target.kind !== 'ScaledObject') return { spec: fallback, source: `${defaultSource}; ${target.kind === 'AutoScalingGroup' ? 'an Auto Scaling group' : `the ${TARGET_NOUNS[target.kind].noun}`} is not simulated` };
  return { spec: fallback, source: defaultSource };
}

function renderChartFor(ev: Evaluation): void {
  const container = $('chart');
  const caption = $('chart-caption');
  const r = ev.result;
  if (!r || ev.targetLoad === undefined) {
    lastChartKey = '';
    container.replaceChildren();
    caption.textContent = 'Enter the numbers above to see how the autoscaler follows the workflow’s four load tests.';
    return;
  }
  let hpa = chartHpa(r);
  // Users of the load tests: their peak (1000) is the target load, so it needs `targetLoad / per` replicas.
  const capacityPerReplica = (1000 * r.perInstanceCapacity) / ev.targetLoad;
  const key = JSON.stringify([hpa.spec, capacityPerReplica]);
  if (key === lastChartKey) return;
  lastChartKey = key;
  let problem = '';
  const run = (spec: HpaSpecLike) => LOAD_TEST_KINDS.map((kind) => ({ kind, result: loadTest(spec, kind, { capacityPerReplica }) }));
  let runs = run(hpa.spec);
  const failed = runs.find((x) => 'error' in x.result);
  if (failed && 'error' in failed.result) {
    problem = `${hpa.source} cannot be simulated (${failed.result.error}); `;
    hpa = { spec: { minReplicas: r.recommended.min, maxReplicas: r.recommended.max, behavior: {} }, source: `a default HPA (minReplicas ${r.recommended.min}, maxReplicas ${r.recommended.max})` };
    runs = run(hpa.spec);
  }
  const series: ChartSeries[] = [];
  for (const { kind, result } of runs) {
    if ('error' in result) continue;
    // Time with a whole replica or more missing: a smaller gap is the controller's tolerance at work
    // (it ignores usage ratios within 10 % of the target), not a shortage.
    const shortSeconds = result.steps.filter((p) => p.requiredReplicas - p.replicas >= 1).length * result.syncPeriodSeconds;
    const shortfall = shortSeconds ? `a replica or more short for ${formatDuration(shortSeconds)}` : 'never a replica short';
    series.push({
      kind,
      title: SCENARIO_TITLES[kind],
      summary: `peak ${result.summary.peakReplicas} replicas · ${shortfall}`,
      points: result.steps.map((s) => ({ at: s.at, replicas: s.replicas, requiredReplicas: s.requiredReplicas })),
    });
  }
  const text = `${problem}Simulated: ${hpa.source}. Each test peaks at your target load, ${fmt(ev.targetLoad)} req/s (${fmt(ev.targetLoad / r.perInstanceCapacity)} replicas at ${fmt(r.perInstanceCapacity)} req/s each).`;
  caption.textContent = text;
  renderChart(container, series, text);
}

function render(): void {
  const ev = evaluate();
  renderErrors(ev);
  renderResult(ev);
  renderTarget(ev);
  renderChartFor(ev);
}

/** Set while the status line reports a problem of the form itself: it goes once the user edits. */
let formStatus = false;

function status(message: string, ok: boolean | undefined, ofForm = false): void {
  formStatus = ofForm;
  const el = $('apply-status');
  el.textContent = message;
  el.className = ok === undefined ? '' : ok ? 'ok' : 'failed';
}

function onSubmit(event: Event): void {
  event.preventDefault();
  submitted = true;
  render();
  const ev = evaluate();
  if (!ev.result) {
    const first = CAPACITY_FIELDS.find((f) => ev.fieldErrors.has(f.key));
    if (first) input(first.key).focus();
    status('Fix the marked fields first.', false, true);
    return;
  }
  if (!target) {
    status('There is no manifest to write into: put the cursor in an HPA, ScaledObject or Auto Scaling group and choose “Use the cursor’s manifest”.', false, true);
    return;
  }
  status('Applying…', undefined);
  send({ type: 'apply', values: { ...ev.result.recommended } });
}

window.addEventListener('message', (event: MessageEvent) => {
  const parsed = parseHostMessage(event.data);
  if ('error' in parsed) {
    console.warn(`ScaleLint calculator: ignored a message: ${parsed.error}`);
    return;
  }
  const m = parsed.message;
  if (m.type === 'target') {
    target = m.target;
    targetReason = m.reason ?? '';
    lastChartKey = '';
    render();
  } else {
    status(m.message, m.ok);
  }
});

for (const f of CAPACITY_FIELDS) {
  const field = input(f.key);
  field.addEventListener('input', () => {
    touched.add(f.key);
    if (formStatus) status('', undefined);
    saveState();
    render();
  });
}
$<HTMLFormElement>('calculator').addEventListener('submit', onSubmit);
$('use-cursor').addEventListener('click', () => send({ type: 'useCursor' }));
$('reveal').addEventListener('click', () => send({ type: 'reveal' }));

restoreState();
render();
send({ type: 'ready' });

/**
 * The load-test chart: one SVG, a panel per scenario (spike, ramp, sustained, drop) with the replicas
 * the autoscaler runs (a step line: it holds between syncs) against the replicas the load needs
 * (dashed), labelled axes and a legend. Colours come from the VS Code theme through CSS classes
 * (calculator.css), never from inline styles, which the page's CSP refuses. Built with DOM calls and
 * textContent only: no markup is parsed.
 */

export interface ChartPoint {
  /** Seconds from the start of the scenario. */
  at: number;
  replicas: number;
  requiredReplicas: number;
}

export interface ChartSeries {
  kind: string;
  title: string;
  /** One line under the panel title, e.g. "peak 25 replicas · short of capacity for 45 s". */
  summary: string;
  points: ChartPoint[];
}

const SVG = 'http://www.w3.org/2000/svg';
const WIDTH = 760;
const PANEL_W = 360;
const PANEL_H = 190;
const LEGEND_H = 34;
const MARGIN = { left: 46, right: 12, top: 42, bottom: 40 };
const GAP_X = 40;
const GAP_Y = 18;

function el<K extends keyof SVGElementTagNameMap>(name: K, attrs: Record<string, string | number> = {}, text?: string): SVGElementTagNameMap[K] {
  const node = document.createElementNS(SVG, name);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, String(v));
  if (text !== undefined) node.textContent = text;
  return node;
}

/** 1, 2 or 5 × a power of ten, so that about `count` ticks cover `max`. */
export function niceStep(max: number, count: number): number {
  if (!(max > 0)) return 1;
  const raw = max / count;
  const power = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * power).find((s) => s >= raw) ?? 10 * power;
  return Math.max(step, Number.EPSILON);
}

function fmt(n: number): string {
  return String(Math.round(n * 10) / 10);
}

function legend(svg: SVGSVGElement): void {
  const g = el('g', { class: 'legend', transform: `translate(${MARGIN.left}, 16)` });
  const items: [string, string][] = [
    ['line-replicas', 'replicas the autoscaler runs (simulated)'],
    ['line-required', 'replicas the load needs (required capacity)'],
  ];
  let x = 0;
  for (const [cls, label] of items) {
    g.append(el('line', { class: cls, x1: x, y1: 0, x2: x + 26, y2: 0 }));
    g.append(el('text', { class: 'legend-text', x: x + 32, y: 4 }, label));
    x += 32 + label.length * 6.2 + 24;
  }
  svg.append(g);
}

function panel(series: ChartSeries, yMax: number, ox: number, oy: number): SVGGElement {
  const g = el('g', { class: 'series', 'data-scenario': series.kind, transform: `translate(${ox}, ${oy})`, role: 'group', 'aria-label': `${series.title}: ${series.summary}` });
  const plotW = PANEL_W - MARGIN.left - MARGIN.right;
  const plotH = PANEL_H - MARGIN.top - MARGIN.bottom;
  const duration = Math.max(1, ...series.points.map((p) => p.at));
  const x = (at: number) => MARGIN.left + (at / duration) * plotW;
  const y = (v: number) => MARGIN.top + plotH - (Math.min(v, yMax) / yMax) * plotH;

  g.append(el('text', { class: 'panel-title', x: MARGIN.left, y: 14 }, series.title));
  g.append(el('text', { class: 'panel-summary', x: MARGIN.left, y: 29 }, series.summary));

  // Grid and y ticks.
  const yStep = niceStep(yMax, 4);
  for (let v = 0; v <= yMax + 1e-9; v += yStep) {
    g.append(el('line', { class: 'grid', x1: MARGIN.left, x2: MARGIN.left + plotW, y1: y(v), y2: y(v) }));
    g.append(el('text', { class: 'tick', x: MARGIN.left - 6, y: y(v) + 4, 'text-anchor': 'end' }, fmt(v)));
  }
  // x ticks in minutes.
  const minutes = duration / 60;
  const xStep = niceStep(minutes, 5);
  for (let m = 0; m <= minutes + 1e-9; m += xStep) {
    g.append(el('line', { class: 'axis', x1: x(m * 60), x2: x(m * 60), y1: MARGIN.top + plotH, y2: MARGIN.top + plotH + 4 }));
    g.append(el('text', { class: 'tick', x: x(m * 60), y: MARGIN.top + plotH + 16, 'text-anchor': 'middle' }, fmt(m)));
  }
  g.append(el('line', { class: 'axis', x1: MARGIN.left, x2: MARGIN.left + plotW, y1: MARGIN.top + plotH, y2: MARGIN.top + plotH }));
  g.append(el('line', { class: 'axis', x1: MARGIN.left, x2: MARGIN.left, y1: MARGIN.top, y2: MARGIN.top + plotH }));
  g.append(el('text', { class: 'axis-label', x: MARGIN.left + plotW / 2, y: PANEL_H - 6, 'text-anchor': 'middle' }, 'time (min)'));
  g.append(el('text', { class: 'axis-label', x: 0, y: 0, 'text-anchor': 'middle', transform: `translate(12, ${MARGIN.top + plotH / 2}) rotate(-90)` }, 'replicas'));

  if (series.points.length) {
    const pts = series.points;
    // Required capacity changes continuously (a ramp): a straight line between samples.
    const required = pts.map((p, i) => `${i ? 'L' : 'M'}${x(p.at).toFixed(1)},${y(p.requiredReplicas).toFixed(1)}`).join('');
    g.append(el('path', { class: 'line-required', d: required, 'data-line': 'required' }));
    // Replicas hold from one sync to the next: a step line.
    let d = `M${x(pts[0].at).toFixed(1)},${y(pts[0].replicas).toFixed(1)}`;
    for (let i = 1; i < pts.length; i++) d += `H${x(pts[i].at).toFixed(1)}V${y(pts[i].replicas).toFixed(1)}`;
    g.append(el('path', { class: 'line-replicas', d, 'data-line': 'replicas' }));
  }
  return g;
}

/** Replaces `container`'s content with the chart of the given scenarios (a 2-column grid). */
export function renderChart(container: HTMLElement, series: ChartSeries[], description: string): void {
  const rows = Math.ceil(series.length / 2);
  const height = LEGEND_H + rows * PANEL_H + (rows - 1) * GAP_Y;
  const svg = el('svg', { viewBox: `0 0 ${WIDTH} ${height}`, role: 'img', 'aria-labelledby': 'chart-title chart-desc', class: 'load-chart' });
  svg.append(el('title', { id: 'chart-title' }, 'Simulated replicas against required capacity, four load tests'));
  svg.append(el('desc', { id: 'chart-desc' }, description));
  legend(svg);
  const yMax = Math.max(1, ...series.flatMap((s) => s.points.flatMap((p) => [p.replicas, p.requiredReplicas]))) * 1.08;
  series.forEach((s, i) => svg.append(panel(s, yMax, (i % 2) * (PANEL_W + GAP_X), LEGEND_H + Math.floor(i / 2) * (PANEL_H + GAP_Y))));
  container.replaceChildren(svg);
}

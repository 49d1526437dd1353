/** The text layout of `scalelint simulate`: tables, clock times, the HPA's rules and the reasons' legend. */
import { formatDuration, type LoadTestResult, type LoadTestSummary, type ResolvedHpa, type ResolvedRules, type StepReason } from '../engine/simulate';

/** What each reason means, printed under a text timeline for the reasons it shows. */
const REASON_TEXT: Record<StepReason, string> = {
  ScaleUpLimit: 'a scaleUp policy limited the increase (without behavior: at most max(2 × current, 4) per sync)',
  ScaleDownLimit: 'a scaleDown policy limited the decrease',
  TooManyReplicas: 'capped at maxReplicas',
  TooFewReplicas: 'raised to minReplicas',
  stabilized: 'the stabilization window held the count (scale-up takes the lowest, scale-down the highest recommendation in its window)',
  none: 'no limit applied',
};

export function table(header: string[], rows: string[][], rightAligned: boolean[]): string[] {
  const widths = header.map((h, c) => rows.reduce((w, r) => Math.max(w, r[c]!.length), h.length));
  const line = (cells: string[]) =>
    '  ' +
    cells
      .map((cell, c) => (rightAligned[c] ? cell.padStart(widths[c]!) : cell.padEnd(widths[c]!)))
      .join('  ')
      .trimEnd();
  return [line(header), ...rows.map(line)];
}

/** 75 → "1:15", 3725 → "1:02:05". */
function clock(seconds: number): string {
  const total = Math.round(seconds);
  const sign = total < 0 ? '-' : '';
  const abs = Math.abs(total);
  const h = Math.floor(abs / 3600);
  const m = Math.floor((abs % 3600) / 60);
  const s = String(abs % 60).padStart(2, '0');
  return h ? `${sign}${h}:${String(m).padStart(2, '0')}:${s}` : `${sign}${m}:${s}`;
}

export function number(n: number): string {
  return String(Math.round(n * 100) / 100);
}

function rulesText(r: ResolvedRules): string {
  const policies = r.policies.map((p) => (p.type === 'Pods' ? `${p.value} pods` : `${p.value} %`) + ` / ${p.periodSeconds} s`).join(', ');
  const select = r.selectPolicy === 'Disabled' ? 'Disabled' : `${policies}${r.policies.length > 1 ? ` (${r.selectPolicy})` : ''}`;
  return `window ${r.stabilizationWindowSeconds} s, ${select}`;
}

export function hpaText(hpa: ResolvedHpa, sync: number): string {
  const behavior = hpa.behavior
    ? `scaleUp ${rulesText(hpa.behavior.scaleUp)}; scaleDown ${rulesText(hpa.behavior.scaleDown)}`
    : 'no behavior (legacy path: up at most max(2 × current, 4) per sync, 300 s scale-down window)';
  return `${hpa.minReplicas}–${hpa.maxReplicas} replicas; ${behavior}; a sync every ${formatDuration(sync)}`;
}

export function legend(reasons: Iterable<StepReason>): string[] {
  const used = [...new Set(reasons)].filter((r) => r !== 'none');
  return used.length ? ['Reasons:', ...used.map((r) => `  ${r}: ${REASON_TEXT[r]}.`)] : [];
}

export function inputText(step: { desiredReplicas?: number; utilization?: Record<string, number>; target?: Record<string, number> }): string {
  if (step.desiredReplicas !== undefined) return `desired ${step.desiredReplicas}`;
  return Object.keys(step.target ?? {})
    .map((name) => `${name} ${step.utilization?.[name]} % of ${step.target?.[name]} %`)
    .join(', ');
}

/** One load test as run, with its summary. */
export interface LoadRun {
  result: LoadTestResult;
  summary: LoadTestSummary;
}

export function timelineText(run: LoadRun, allSteps: boolean): string[] {
  const steps = run.result.steps;
  const shown = steps.filter((s, i) => {
    if (allSteps || i === 0 || i === steps.length - 1) return true;
    const prev = steps[i - 1]!;
    return s.replicas !== prev.replicas || s.reason !== prev.reason || s.at === run.summary.loadChangeAt;
  });
  const rows = shown.map((s) => [clock(s.at), number(s.load), number(s.requiredReplicas), String(s.replicas), s.reason]);
  return [
    run.result.description,
    ...table(['time', 'users', 'needed', 'replicas', 'reason'], rows, [true, true, true, true, false]),
    run.summary.text,
  ];
}

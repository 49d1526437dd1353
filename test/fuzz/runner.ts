/**
 * Runs fuzz cases in a child process under a watchdog: the child reports each case as it starts and
 * ends; when no report comes for `stallMs`, the case it started is a hang: the child is killed and the
 * run resumes after that case. A child that dies (stack overflow outside the engine's guards, out of
 * memory) is a crash of the case it was running. No timing is asserted: the watchdog's bound is a
 * generous "it did not hang".
 */
import { fork } from 'node:child_process';
import { join } from 'node:path';

export type Task =
  | { mode: 'mutations'; seed: number; runs: number; from?: number; only?: number; artifacts?: string }
  | { mode: 'extremes'; names?: string[]; scales?: number[]; long?: boolean; quick?: boolean; from?: number; artifacts?: string }
  /** Charts, kustomizations, Terraform modules and scripts (sources.ts): `runs` seeded mutations, then the source extremes. */
  | { mode: 'sources'; seed: number; runs: number; extremes?: boolean; from?: number; only?: number; artifacts?: string };

export interface CaseStart {
  type: 'start';
  index: number;
  label: string;
  bytes: number;
}

export interface CaseEnd {
  type: 'end';
  index: number;
  label: string;
  bytes: number;
  ms: number;
  problems: string[];
  findings: number;
  fixes: number;
  artifact?: string;
}

export interface Failure {
  index: number;
  label: string;
  kind: 'problem' | 'hang' | 'crash';
  detail: string;
  artifact?: string;
}

export interface RunSummary {
  total: number;
  ran: number;
  failures: Failure[];
  cases: CaseEnd[];
}

export interface RunOptions {
  /** No report from the child for this long: the running case hangs. */
  stallMs: number;
  /** Heap limit of the child, in MB. */
  maxOldSpaceMb?: number;
  onCase?: (c: CaseEnd) => void;
}

const CHILD = join(__dirname, 'child.ts');

function runChild(task: Task, options: RunOptions, summary: RunSummary): Promise<{ resumeFrom?: number }> {
  return new Promise((resolve) => {
    const execArgv = ['--import', 'tsx', ...(options.maxOldSpaceMb ? [`--max-old-space-size=${options.maxOldSpaceMb}`] : [])];
    const child = fork(CHILD, [], { execArgv, stdio: ['ignore', 'inherit', 'pipe', 'ipc'] });
    let stderr = '';
    child.stderr!.on('data', (d: Buffer) => (stderr = (stderr + d.toString()).slice(-4000)));
    let current: CaseStart | undefined;
    let timer: NodeJS.Timeout | undefined;
    let settled = false;
    const arm = () => {
      clearTimeout(timer);
      timer = setTimeout(() => {
        if (current) summary.failures.push({ index: current.index, label: current.label, kind: 'hang', detail: `no result after ${options.stallMs / 1000} s (${current.bytes} characters)` });
        finish(current ? { resumeFrom: current.index + 1 } : {});
        child.kill('SIGKILL');
      }, options.stallMs);
    };
    const finish = (r: { resumeFrom?: number }) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(r);
    };
    child.on('message', (m: CaseStart | CaseEnd | { type: 'ready'; total: number }) => {
      arm();
      if (m.type === 'ready') summary.total = m.total;
      else if (m.type === 'start') current = m;
      else {
        current = undefined;
        summary.ran++;
        summary.cases.push(m);
        options.onCase?.(m);
        for (const p of m.problems) summary.failures.push({ index: m.index, label: m.label, kind: 'problem', detail: p, artifact: m.artifact });
      }
    });
    child.on('exit', (code, signal) => {
      if (settled) return;
      if (code === 0) return finish({});
      const detail = `the fuzz process exited (${signal ?? `code ${code}`}): ${stderr.trim().split('\n').slice(-8).join('\n')}`;
      if (current) {
        summary.failures.push({ index: current.index, label: current.label, kind: 'crash', detail });
        return finish({ resumeFrom: current.index + 1 });
      }
      summary.failures.push({ index: -1, label: '(outside any case)', kind: 'crash', detail });
      finish({});
    });
    arm();
    child.send(task);
  });
}

/** Runs the task to the end, restarting the child after a hang or a crash. */
export async function runFuzz(task: Task, options: RunOptions): Promise<RunSummary> {
  const summary: RunSummary = { total: 0, ran: 0, failures: [], cases: [] };
  let next: Task = task;
  for (;;) {
    const { resumeFrom } = await runChild(next, options, summary);
    if (resumeFrom === undefined || resumeFrom >= summary.total || ('only' in next && next.only !== undefined)) break;
    next = { ...next, from: resumeFrom };
  }
  return summary;
}

export function formatFailures(failures: readonly Failure[], reproduce: (f: Failure) => string): string {
  return failures
    .map((f) => `#${f.index} ${f.label} — ${f.kind}: ${f.detail}${f.artifact ? `\n   input saved to ${f.artifact}` : ''}\n   reproduce: ${reproduce(f)}`)
    .join('\n\n');
}

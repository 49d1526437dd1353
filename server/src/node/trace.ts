/**
 * Development aid: SCALELINT_TRACE=<file> appends timestamped phase lines (ms since the epoch, thread id),
 * and each garbage collection of the thread as `gc <kind> start` / `gc <kind>` lines (its pause, placed where it ran).
 */
import { appendFileSync } from 'node:fs';
import { PerformanceObserver, constants, type PerformanceEntry } from 'node:perf_hooks';
import { threadId } from 'node:worker_threads';
const file = process.env.SCALELINT_TRACE;
export function trace(what: string): void {
  if (file) appendFileSync(file, `${(performance.timeOrigin + performance.now()).toFixed(1)} t${threadId} ${what}\n`);
}

const GC_KINDS: Record<number, string> = {
  [constants.NODE_PERFORMANCE_GC_MINOR]: 'minor',
  [constants.NODE_PERFORMANCE_GC_MAJOR]: 'major',
  [constants.NODE_PERFORMANCE_GC_INCREMENTAL]: 'incremental',
  [constants.NODE_PERFORMANCE_GC_WEAKCB]: 'weakcb',
};

if (file) {
  new PerformanceObserver((list) => {
    let out = '';
    for (const e of list.getEntries()) {
      const kind = GC_KINDS[(e as PerformanceEntry & { detail?: { kind?: number } }).detail?.kind ?? -1] ?? 'other';
      const start = performance.timeOrigin + e.startTime;
      out += `${start.toFixed(1)} t${threadId} gc ${kind} start\n${(start + e.duration).toFixed(1)} t${threadId} gc ${kind}\n`;
    }
    appendFileSync(file, out);
  }).observe({ entryTypes: ['gc'] });
}

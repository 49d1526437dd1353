/** Development aid: SCALELINT_TRACE=<file> appends timestamped phase lines (ms since the epoch, thread id). */
import { appendFileSync } from 'node:fs';
import { threadId } from 'node:worker_threads';
const file = process.env.SCALELINT_TRACE;
export function trace(what: string): void {
  if (file) appendFileSync(file, `${(performance.timeOrigin + performance.now()).toFixed(1)} t${threadId} ${what}\n`);
}

/**
 * Keystrokes on a large file leave megabytes of short-lived large objects behind (the editor's new
 * text, the published JSON), which V8 collects only when its heap has grown well past the live data:
 * the process's peak memory climbs edit after edit. When the heap has grown by this much since the
 * last look, ask for a major collection, run incrementally (no long pause).
 */
import { getHeapSpaceStatistics, getHeapStatistics, setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { trace } from '../node/trace';

const COLLECT_AFTER_BYTES = 96 * 1024 * 1024;
const collectGarbage = ((): ((options: { type: string; execution: string }) => void) | undefined => {
  try {
    setFlagsFromString('--expose-gc');
    return runInNewContext('gc') as (options: { type: string; execution: string }) => void;
  } catch {
    return undefined;
  }
})();
let heapAfterCollect = 0;

/** Called after each flush. */
export function collectIfGrown(): void {
  if (!collectGarbage) return;
  const used = getHeapStatistics().used_heap_size;
  if (heapAfterCollect === 0 || used < heapAfterCollect) heapAfterCollect = used;
  else if (used - heapAfterCollect > COLLECT_AFTER_BYTES) {
    trace('major collection asked');
    collectGarbage({ type: 'major', execution: 'async' });
    heapAfterCollect = 0; // measured again after the collection
  }
}

/**
 * The heap grew with data that stays (the workspace index's files): growth is counted from here. Else each
 * keystroke's flush during indexing found 96 MB more than at the last look and asked for a major collection,
 * which V8 runs as one full pause over the whole heap (seconds at the index's 600 MB) and which frees nothing.
 */
export function heapGrewLive(): void {
  if (!collectGarbage) return;
  const used = getHeapStatistics().used_heap_size;
  if (used > heapAfterCollect) heapAfterCollect = used;
}


/** How full the young generation is, 0 to 1 (its size grows and shrinks with the allocation rate). */
export function youngGenerationFill(): number {
  const young = getHeapSpaceStatistics().find((s) => s.space_name === 'new_space');
  if (!young) return 0;
  const capacity = young.space_used_size + young.space_available_size;
  return capacity > 0 ? young.space_used_size / capacity : 0;
}

/**
 * A minor collection now, when the caller chooses (between two slices of background work): the workspace
 * index's parses survive, so a minor collection after it copies megabytes (12 ms at a time in the 20,000-file
 * bench), and when V8 started one itself it was most often the next keystroke's first allocation that paid.
 * False when the collector is not reachable.
 */
export function collectYoung(): boolean {
  if (!collectGarbage) return false;
  collectGarbage({ type: 'minor', execution: 'sync' });
  return true;
}

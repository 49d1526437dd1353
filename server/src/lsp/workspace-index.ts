/**
 * The background index: every YAML file of each workspace folder, read from disk into its lint set,
 * kept current by file events. Open documents win over the disk: the index never overwrites them.
 */
import type { Dirent } from 'node:fs';
import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { getHeapStatistics } from 'node:v8';
import { FileChangeType, type FileEvent } from 'vscode-languageserver/node';
import { isConfigFile, isJsonName, isLintableFileAsync, isOtherSourceName, isYamlName, SKIPPED_DIRECTORIES } from '../node/files';
import { enginePath } from '../node/sources';
import { trace } from '../node/trace';
import { collectYoung, heapGrewLive, youngGenerationFill } from './memory';
import { parseChunk, splitDocuments, type PreparedDocument } from '../engine';
import { isRenderKey, keyOf, pathOf, uriOf, type LintSet, type Workspace } from './workspace';

export interface IndexHost {
  readonly workspace: Workspace;
  isOpen(key: string): boolean;
  /** The keys of the set's open documents (their findings are what a keystroke asks for). */
  openKeys(set: LintSet): string[];
  /** The set's content changed: open documents may need new diagnostics. */
  changed(set: LintSet): void;
  log(message: string): void;
  /** A failure worth the error log. */
  error(message: string, err: unknown): void;
  /**
   * How long indexing should wait before its next slice, in ms (0 or less: go on): an edit or open just
   * arrived or is being linted, and the next keystroke of a burst is likely to follow.
   */
  busyFor(): number;
  /**
   * How long indexing should rest after a step that took `workMs` of the main thread, in ms (0: none). While
   * the user types, indexing takes a share of the thread only, so that most keystrokes find it idle.
   */
  restAfter?(workMs: number): number;
}

/**
 * Main-thread time one slice of indexing may take (parsing the documents of files read) before it yields: an
 * edit that arrives meanwhile waits for the slice at most. A slice ends between two YAML documents (one of a
 * 12 KB file of 16 documents is some 60 µs of parsing), not between two files (1 ms or more).
 */
const SLICE_MS = 0.5;
/**
 * Parsing time after which the files parsed enter the lint set together (`commit`), and the open documents'
 * cross-document checks that they make stale run at once, in the background. Files entering at each slice
 * made those checks stale at each slice, and nearly every keystroke paid for running them again.
 */
const COMMIT_AFTER_MS = 10;
/**
 * How full the young generation may be when indexing pauses between steps: past it, a minor collection is
 * the next step, so that the index's parses are not collected by the first allocations of the next keystroke.
 */
const YOUNG_FILL_TO_COLLECT = 0.5;
/**
 * The server's heap past which indexing stops, as it does at `maxFiles`: a file in the lint set costs some 24
 * times its size in parsed nodes (290 KB for a 12 KB file of 16 documents), so 10,000 such files need about
 * 3 GB, and collecting a heap that size stalls every keystroke for seconds. This budget keeps the server's
 * resident memory under 1 GB with the open documents' share in it.
 */
export const INDEX_HEAP_BUDGET_BYTES = 600 * 1024 * 1024;
/** Files being read ahead of the slices (reads are asynchronous: they cost the main thread little). */
const READ_AHEAD = 16;

const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** A file read from the disk, to be put into its lint set by a slice. */
interface Read {
  path: string;
  key: string;
  /** The disk operation's generation for this key (a later event wins). */
  generation: number;
  /** The text, or undefined when the file is gone, unreadable or too large. */
  text?: string;
  ready: boolean;
  done: Promise<void>;
  /** Its documents, parsed by slices before the file enters the lint set. */
  prepared?: Map<string, PreparedDocument>;
  /** Its documents' texts, split when the first slice reaches it; `parsed` of them are in `prepared`. */
  chunks?: string[];
  parsed?: number;
}

export class WorkspaceIndex {
  /** Config files seen on disk (paths), for validation. */
  readonly configFiles = new Set<string>();
  /** Per key, bumped by each disk operation, so a slow read cannot undo a later one. */
  private readonly generations = new Map<string, number>();

  constructor(
    private readonly host: IndexHost,
    readonly maxFiles = 10_000,
    readonly heapBudget = INDEX_HEAP_BUDGET_BYTES,
  ) {}

  /** True when the heap is past the budget (garbage not yet collected counts: the index errs on the side of stopping). */
  private full(): boolean {
    return getHeapStatistics().used_heap_size > this.heapBudget;
  }

  /** Walks the set's folder and loads its YAML files; stale entries are dropped at the end. */
  async indexSet(set: LintSet): Promise<void> {
    if (!set.folder) return;
    const generation = ++set.indexGeneration;
    const current = () => generation === set.indexGeneration;
    const started = Date.now();
    const files: string[] = [];
    /** Terraform files and scripts: never in the linter, each read through its module's or script's render. */
    const sources: string[] = [];
    const pending = [set.folder.path];
    let truncated = false;
    trace('index walk start');
    while (pending.length > 0 && !truncated) {
      const dir = pending.pop()!;
      // The walk gives way to editing too (an open's first lint comes first: listing and filtering the
      // 20,000 files of the bench's workspace is some 240 ms of the main thread).
      await this.whenQuiet();
      if (!current()) return;
      let entries: Dirent[];
      try {
        entries = await readdir(dir, { withFileTypes: true });
      } catch {
        continue; // unreadable or gone: nothing to index there
      }
      if (!current()) return;
      trace('index entries start');
      let stepStarted = performance.now();
      for (const entry of entries) {
        if (performance.now() - stepStarted > SLICE_MS) {
          // A large folder is listed a slice at a time.
          trace('index entries');
          await this.pauseAfter(stepStarted);
          await this.whenQuiet();
          if (!current()) return;
          trace('index entries start');
          stepStarted = performance.now();
        }
        const path = join(dir, entry.name);
        let isFile = entry.isFile();
        let isDirectory = entry.isDirectory();
        if (entry.isSymbolicLink()) {
          // Follow links to files only: a linked folder can loop back on itself.
          isDirectory = false;
          isFile = (isYamlName(entry.name) || isJsonName(entry.name) || isOtherSourceName(entry.name)) && (await stat(path).then((s) => s.isFile(), () => false));
        }
        if (isDirectory) {
          if (SKIPPED_DIRECTORIES.has(entry.name) || this.host.workspace.setForPath(path) !== set) continue;
          if (!set.isExcluded(path)) pending.push(path);
        } else if (isFile && isOtherSourceName(entry.name)) {
          if (!set.isExcluded(path)) sources.push(path);
        } else if (isFile && (isYamlName(entry.name) || (isJsonName(entry.name) && (await isLintableFileAsync(path))))) {
          // JSON only when it is a CloudFormation template (node/files.ts decides, for the CLI too).
          if (isConfigFile(entry.name)) this.configFiles.add(path);
          else if (!set.isExcluded(path)) files.push(path);
          if (files.length >= this.maxFiles) {
            truncated = true;
            break;
          }
        }
      }
      trace('index entries');
    }
    trace('index walk');
    const found = new Set<string>();
    const reads: Read[] = [];
    let next = 0;
    let head = 0;
    const readAhead = () => {
      for (; next < files.length && next - head < READ_AHEAD; next++) {
        found.add(uriOf(files[next]));
        reads.push(this.read(set, files[next]));
      }
    };
    /** Files put in the lint set when the heap budget stopped indexing. */
    let stoppedAt: number | undefined;
    /** Files parsed by slices since the last commit (reads[committed..head)), and the slices' time. */
    let committed = 0;
    /** A commit under way: the files up to here enter, a few per step (undefined: none). */
    let committing: number | undefined;
    let parsedMs = 0;
    /** The open documents' checks wait for their own step after a commit. */
    let openStale = false;
    readAhead();
    while (head < reads.length || committed < head || openStale) {
      const commitDue = committing !== undefined || (committed < head && (head === reads.length || parsedMs >= COMMIT_AFTER_MS));
      if (!commitDue && !openStale) await reads[head].done; // the next file in walk order (later ones may be read already)
      await this.whenQuiet();
      if (!current()) return;
      const stepStarted = performance.now();
      if (youngGenerationFill() > YOUNG_FILL_TO_COLLECT && collectYoung()) {
        trace('index minor collection');
      } else if (openStale) {
        // The open documents' cross-document checks that the files just committed made stale: run now, so
        // the next keystroke's lint finds them current.
        trace('index open checks start');
        for (const key of this.host.openKeys(set)) set.linter.lintFile(key);
        openStale = false;
        trace('index open checks');
      } else if (commitDue) {
        committing ??= head;
        committed = this.commit(set, reads, committed, committing, performance.now() + SLICE_MS);
        if (committed === committing) {
          committing = undefined;
          parsedMs = 0;
          openStale = true;
        }
      } else {
        // One slice: the files read so far, in order, parsed until the slice's time is up (not yet in the lint set).
        trace('index slice start');
        const started = performance.now();
        const until = started + SLICE_MS;
        while (head < reads.length && reads[head].ready) {
          if (!this.parse(set, reads[head], until)) break; // time is up within the file: the next slice goes on with it
          head++;
          readAhead();
          if (performance.now() >= until) break;
        }
        parsedMs += performance.now() - started;
        trace('index slice');
      }
      if (head < files.length && this.full()) {
        // The files parsed so far enter; no more are read.
        if (committed < head) this.commit(set, reads, committed, head);
        stoppedAt = head;
        break;
      }
      await this.pauseAfter(stepStarted);
    }
    if (stoppedAt !== undefined) {
      // Files read ahead but not put in: they stay out (so does an entry of theirs from an earlier walk).
      for (let i = stoppedAt; i < reads.length; i++) found.delete(reads[i].key);
    }
    for (const key of set.linter.uris()) {
      if (!found.has(key) && !this.host.isOpen(key) && !isRenderKey(key)) this.forget(set, key);
    }
    set.renders.setSourceFiles(sources.map(enginePath));
    set.renders.planAgain(); // charts, kustomizations, modules and scripts are found among the files just read
    trace(`indexed ${stoppedAt ?? files.length} of ${files.length}`);
    this.host.log(
      `Indexed ${files.length} YAML file(s) of ${set.label} in ${Date.now() - started} ms` +
        (truncated && stoppedAt === undefined ? ` (stopped at ${this.maxFiles} files: cross-document rules see only these)` : '') +
        (stoppedAt !== undefined
          ? ` (stopped at ${stoppedAt} of them: the server's heap reached its budget of ${Math.round(this.heapBudget / 1024 / 1024)} MB; cross-document rules see only these)`
          : '') +
        (sources.length ? `; ${sources.length} Terraform file(s) and script(s) are read through their modules and scripts` : '') +
        '.',
    );
    this.host.changed(set);
  }

  /**
   * File events from the client's watchers (YAML files and config files): the index follows them.
   * True when a config file changed, so the caller reloads the configuration.
   */
  fileEvents(changes: readonly FileEvent[]): boolean {
    let configChanged = false;
    for (const change of changes) {
      const path = pathOf(keyOf(change.uri));
      if (!path) continue;
      if (isConfigFile(path)) {
        configChanged = true;
        if (change.type === FileChangeType.Deleted) this.configFiles.delete(path);
        else this.configFiles.add(path);
      } else if (!isYamlName(path) && !isJsonName(path)) {
        // A chart's `_helpers.tpl` (or a folder): the charts that read it render again.
        const set = this.host.workspace.setFor(keyOf(change.uri));
        // A Terraform file or script: its module or script renders again (made, or dropped, as files come and go).
        if (isOtherSourceName(path) && !set.isExcluded(path)) set.renders.sourceFileEvent(enginePath(path), change.type !== FileChangeType.Deleted);
        set.renders.fileChanged(keyOf(change.uri));
        this.host.changed(set);
        if (change.type === FileChangeType.Deleted) this.removeUnder(change.uri);
      } else if (change.type === FileChangeType.Deleted) this.remove(change.uri);
      else void this.refresh(change.uri).catch((err) => this.host.error(`ScaleLint: reading ${path} failed`, err));
    }
    return configChanged;
  }

  /** Brings one file's entry up to date with the disk (a file event, or a document closed). */
  async refresh(uri: string): Promise<void> {
    const key = keyOf(uri);
    const set = this.host.workspace.setFor(key);
    const path = pathOf(key);
    if (this.host.isOpen(key)) return;
    if (!path || !set.folder) {
      // Outside every folder, a file is in a lint set only while it is open.
      if (this.forget(set, key)) this.host.changed(set);
      return;
    }
    if (isConfigFile(path) || !(isYamlName(path) || (isJsonName(path) && (await isLintableFileAsync(path)))) || set.isExcluded(path) || (!set.linter.has(key) && (set.linter.uris().length >= this.maxFiles || this.full()))) {
      this.remove(uri);
      return;
    }
    await this.load(set, path);
    this.host.changed(set);
  }

  /** A file was deleted (or must leave the lint set). */
  remove(uri: string): void {
    const key = keyOf(uri);
    if (this.host.isOpen(key)) return;
    const set = this.host.workspace.setFor(key);
    set.renders.fileChanged(key);
    if (this.forget(set, key) || set.renders.consumes(key)) this.host.changed(set);
  }

  /** A folder was deleted: every file under it leaves the lint set. */
  removeUnder(folderUri: string): void {
    const prefix = keyOf(folderUri).replace(/\/*$/, '/');
    for (const set of this.host.workspace.all()) {
      let changed = false;
      for (const key of set.linter.uris()) {
        if (key.startsWith(prefix) && !this.host.isOpen(key) && !isRenderKey(key)) changed = this.forget(set, key) || changed;
      }
      if (changed) this.host.changed(set);
    }
  }

  private bump(key: string): number {
    const next = (this.generations.get(key) ?? 0) + 1;
    this.generations.set(key, next);
    return next;
  }

  private forget(set: LintSet, key: string): boolean {
    this.bump(key);
    return set.linter.remove(key);
  }

  private async load(set: LintSet, path: string): Promise<void> {
    const read = this.read(set, path);
    await read.done;
    this.apply(set, read);
  }

  /** Starts reading a file from the disk, for `apply`. */
  private read(set: LintSet, path: string): Read {
    const key = uriOf(path);
    const read: Read = { path, key, generation: this.bump(key), ready: false, done: Promise.resolve() };
    read.done = (async () => {
      try {
        const info = await stat(path);
        // Too large, or not a file: not in the lint set (an open document still gets the size warning).
        if (info.isFile() && info.size <= set.configFor(key).maxFileSizeBytes) read.text = await readFile(path, 'utf8');
      } catch {
        read.text = undefined;
      }
      read.ready = true;
    })();
    return read;
  }

  /** Puts a file read into its lint set, unless a later disk operation or an open editor owns it now. */
  private apply(set: LintSet, read: Read): void {
    const { key, text } = read;
    if (this.generations.get(key) !== read.generation || this.host.isOpen(key)) return;
    set.renders.fileChanged(key);
    // A values file, template, base or patch is linted through its chart or kustomization only.
    if (text === undefined || set.renders.consumes(key)) set.linter.remove(key);
    else set.linter.update(key, text, 0, undefined, read.prepared);
  }

  /**
   * Parses a file read, as the lint set would (`apply` hands the parse in), unless it would not enter it: its
   * documents one by one until `until` (performance.now()). True when the file is done (parsed, or nothing to
   * parse); false when time ran out first (the next call goes on where this one stopped).
   */
  private parse(set: LintSet, read: Read, until = Infinity): boolean {
    const { key, text } = read;
    if (text === undefined || this.generations.get(key) !== read.generation || this.host.isOpen(key) || set.renders.consumes(key)) return true;
    if (set.linter.get(key)?.text === text || text.length > set.configFor(key).maxFileSizeBytes) return true; // nothing to parse
    const prepared = (read.prepared ??= new Map<string, PreparedDocument>());
    const chunks = (read.chunks ??= splitDocuments(text).map((c) => c.text));
    let k = read.parsed ?? 0;
    for (; k < chunks.length; k++) {
      if (k > (read.parsed ?? 0) && performance.now() >= until) break; // at least one document per call
      if (!prepared.has(chunks[k])) prepared.set(chunks[k], { chunk: parseChunk(chunks[k]) });
    }
    read.parsed = k;
    if (k < chunks.length) return false;
    read.chunks = undefined;
    return true;
  }

  /**
   * The files parsed since the last commit enter the lint set, and its resource index takes in their resources
   * (the checks they make stale run when their subjects' findings are asked for): from `from`, file by file
   * until `until` (performance.now(), at least one file), then settled once all up to `to` are in. Returns
   * where it stopped. A keystroke linted between two steps sees the files in so far, as a lint set that
   * takes files one by one.
   */
  private commit(set: LintSet, reads: Read[], from: number, to: number, until = Infinity): number {
    trace('index commit start');
    let i = from;
    for (; i < to; i++) {
      if (i > from && performance.now() >= until) break;
      const read = reads[i];
      this.apply(set, read);
      read.text = undefined; // the lint set holds it now: not twice
      read.prepared = undefined;
    }
    if (i === to) {
      set.linter.settle();
      heapGrewLive();
    }
    trace('index commit');
    return i;
  }

  /** Between two steps of indexing: the rest the host asks for after a step begun at `stepStarted` (IndexHost.restAfter), else one turn of the event loop. */
  private async pauseAfter(stepStarted: number): Promise<void> {
    const rest = this.host.restAfter?.(performance.now() - stepStarted) ?? 0;
    await (rest > 0 ? sleep(rest) : yieldToEventLoop());
  }

  /** Waits while the host is busy with edits (see IndexHost.busyFor). */
  private async whenQuiet(): Promise<void> {
    for (let wait = this.host.busyFor(); wait > 0; wait = this.host.busyFor()) await sleep(wait);
  }
}

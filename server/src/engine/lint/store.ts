/**
 * The file store: the lint set's files, split into documents, each document parsed once per text. Only
 * the documents whose text changed are parsed again (with a `TextChange`, only around the change); the
 * documents that entered and left the set since the last look are kept for the cross-document scheduler.
 */
import type { Config } from '../config';
import type { Finding } from '../types';
import { detached, PatchedText, resplit, splitDocuments, type TextChange } from '../parse/split';
import { parseChunk, type ParsedChunk, type Resource } from '../parse/document';

export interface FileDocument {
  index: number;
  start: number;
  chunk: ParsedChunk;
  /** The placement's cache of this document's placed findings (internal). */
  placed?: unknown;
}

export interface FileState {
  uri: string;
  text: string;
  version: number;
  documents: FileDocument[];
  /** Set when the file is over the size limit and was not parsed. */
  tooLarge?: number;
}

/** A document parsed (and possibly checked) before `update`, e.g. on a worker thread. */
export interface PreparedDocument {
  chunk: ParsedChunk;
  /** Its per-document rule findings (before severity settings and suppressions), and the config they are for. */
  findings?: { config: Config; list: Finding[] };
}

/** Where a document is: its file and its place in it. */
export interface Location {
  file: FileState;
  doc: FileDocument;
}

/** What the reverse map stores: the file by name (its state changes with every edit) and the document. */
interface DocumentHome {
  uri: string;
  doc: FileDocument;
}

export class FileStore {
  private readonly files = new Map<string, FileState>();
  /** Files in the order they entered the set: the lint-set order of cross-document lookups. */
  private readonly fileRank = new Map<string, number>();
  private nextRank = 0;
  private readonly locations = new WeakMap<ParsedChunk, DocumentHome>();
  /** Documents that entered or left the set since `takeChanges`. */
  private readonly pendingAdded = new Set<ParsedChunk>();
  private readonly pendingRemoved = new Set<ParsedChunk>();

  /**
   * @param sizeLimit the size above which a file is not parsed (setting `maxFileSizeBytes` of its config).
   * @param adopt     takes the findings a prepared document carries (the document runner's cache).
   */
  constructor(
    private readonly sizeLimit: (uri: string) => number,
    private readonly adopt: (p: PreparedDocument) => void,
  ) {}

  has(uri: string): boolean {
    return this.files.has(uri);
  }

  get(uri: string): FileState | undefined {
    return this.files.get(uri);
  }

  uris(): string[] {
    return [...this.files.keys()];
  }

  get size(): number {
    return this.files.size;
  }

  /**
   * Add or update a file. Documents whose text did not change keep their parse and findings.
   * `change` (optional) says which part of the text is new since the previous update of this file
   * (`previousLength` guards against a hint about another text); without it the whole text is re-split.
   */
  update(uri: string, text: string, version = 0, change?: TextChange & { previousLength: number }, prepared?: Map<string, PreparedDocument>): FileState {
    const previous = this.files.get(uri);
    // With a change in hand the texts differ (comparing would read the whole new string).
    if (previous && (change === undefined || change.previousLength !== previous.text.length) && previous.text === text) {
      previous.version = version;
      return previous;
    }
    const limit = this.sizeLimit(uri);
    const state: FileState = { uri, text, version, documents: [] };
    if (!this.fileRank.has(uri)) this.fileRank.set(uri, this.nextRank++);
    if (text.length > limit) {
      state.tooLarge = limit;
    } else if (previous && !previous.tooLarge && previous.documents.length && change && change.previousLength === previous.text.length) {
      this.files.set(uri, state);
      state.documents = this.resplitDocuments(state, previous, change, prepared);
      return state;
    } else {
      const reuse = new Map<string, ParsedChunk>();
      for (const d of previous?.documents ?? []) reuse.set(d.chunk.text, d.chunk);
      const chunks = splitDocuments(text);
      state.documents = chunks.map((c, index) => {
        const chunk = reuse.get(c.text) ?? this.takePrepared(prepared, c.text) ?? parseChunk(previous ? detached(c.text) : c.text);
        reuse.delete(c.text); // a document repeated twice in a file gets its own parse
        return { index, start: c.start, chunk };
      });
    }
    const before = new Set(previous?.documents.map((d) => d.chunk));
    const kept = new Set<ParsedChunk>();
    for (const d of state.documents) {
      this.locations.set(d.chunk, { uri, doc: d });
      kept.add(d.chunk);
      if (!before.has(d.chunk)) this.chunkEntered(d.chunk);
    }
    for (const chunk of before) if (!kept.has(chunk)) this.chunkLeft(chunk);
    this.files.set(uri, state);
    return state;
  }

  /**
   * The keystroke path: re-split around the change, re-parse the documents it touched, and shift the
   * ones after it (their FileDocument objects are kept, with new offsets): O(log documents) lookups
   * plus O(documents after the change) integer updates, nothing proportional to the text.
   */
  private resplitDocuments(state: FileState, previous: FileState, change: TextChange, prepared?: Map<string, PreparedDocument>): FileDocument[] {
    const old = previous.documents;
    const oldStart = (k: number) => old[k].start;
    const oldText = (k: number) => old[k].chunk.text;
    const oldLength = previous.text.length;
    // With the inserted text known, read the new text through the old documents (never the whole string).
    const patched =
      change.inserted !== undefined && change.prefix + change.inserted.length + change.suffix === state.text.length && change.prefix + change.suffix <= oldLength
        ? new PatchedText(old.length, oldStart, oldText, oldLength, change.prefix, change.suffix, change.inserted)
        : undefined;
    const { head, middle, tail, delta } = resplit(patched ?? state.text, old.length, oldStart, oldText, oldLength, change);
    const documents = old.slice(0, head);
    const reused = new Set<number>();
    for (const c of middle) {
      const doc: FileDocument = { index: documents.length, start: c.start, chunk: c.reused !== undefined ? old[c.reused].chunk : (this.takePrepared(prepared, c.text) ?? parseChunk(c.text)) };
      if (c.reused !== undefined) reused.add(c.reused);
      else this.chunkEntered(doc.chunk);
      this.locations.set(doc.chunk, { uri: state.uri, doc });
      documents.push(doc);
    }
    for (let k = head; k < tail; k++) if (!reused.has(k)) this.chunkLeft(old[k].chunk);
    for (let k = tail; k < old.length; k++) {
      const doc = old[k];
      doc.start += delta;
      doc.index = documents.length;
      documents.push(doc);
    }
    return documents;
  }

  /** A prepared parse of this document text (used once); its findings go to the runner's cache. */
  private takePrepared(prepared: Map<string, PreparedDocument> | undefined, text: string): ParsedChunk | undefined {
    const p = prepared?.get(text);
    if (!p) return undefined;
    prepared!.delete(text);
    this.adopt(p);
    return p.chunk;
  }

  remove(uri: string): boolean {
    const file = this.files.get(uri);
    if (!file) return false;
    this.files.delete(uri);
    this.fileRank.delete(uri);
    for (const d of file.documents) this.chunkLeft(d.chunk);
    return true;
  }

  private chunkEntered(chunk: ParsedChunk): void {
    if (!this.pendingRemoved.delete(chunk)) this.pendingAdded.add(chunk);
  }

  private chunkLeft(chunk: ParsedChunk): void {
    if (!this.pendingAdded.delete(chunk)) this.pendingRemoved.add(chunk);
  }

  /** Whether documents entered or left since the last `takeChanges`. */
  get changed(): boolean {
    return this.pendingAdded.size > 0 || this.pendingRemoved.size > 0;
  }

  /** The documents that entered and left the set since the last call. */
  takeChanges(): { added: ParsedChunk[]; removed: ParsedChunk[] } {
    const out = { added: [...this.pendingAdded], removed: [...this.pendingRemoved] };
    this.pendingAdded.clear();
    this.pendingRemoved.clear();
    return out;
  }

  /** Start over: every document counts as newly entered (the config lookup changed). */
  reenterAll(): void {
    this.pendingRemoved.clear();
    for (const file of this.files.values()) for (const d of file.documents) this.pendingAdded.add(d.chunk);
  }

  locate(r: Resource): Location | undefined {
    return this.locateChunk(r.chunk);
  }

  locateChunk(chunk: ParsedChunk): Location | undefined {
    const home = this.locations.get(chunk);
    if (!home) return undefined;
    // Trust the entry only while the file still holds that document there.
    const file = this.files.get(home.uri);
    return file && file.documents[home.doc.index] === home.doc ? { file, doc: home.doc } : undefined;
  }

  /** Where a document starts in file `uri`, or -1 when that file does not hold it (`locateChunk` without allocating: placement asks thousands of times a keystroke). */
  startIn(chunk: ParsedChunk, uri: string): number {
    const home = this.locations.get(chunk);
    if (!home || home.uri !== uri) return -1;
    const file = this.files.get(uri);
    return file && file.documents[home.doc.index] === home.doc ? home.doc.start : -1;
  }

  /** Lint-set order: file (as added), then position in the file, then order in the document; unknown last. */
  positionOf(r: Resource): [number, number, number] {
    const loc = this.locate(r);
    if (!loc) return [Infinity, 0, 0];
    return [this.fileRank.get(loc.file.uri) ?? 0, loc.doc.start, r.chunk.resources.indexOf(r)];
  }
}

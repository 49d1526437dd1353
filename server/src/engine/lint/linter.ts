/**
 * The linter: the face the server, the CLI and the tests use. It puts together the file store (files →
 * parsed documents), the document runner (per-document rules, cached), the cross-document scheduler (the
 * lint set's rules, incremental) and placement (findings in file offsets). No I/O: callers hand in text.
 */
import { defaultConfig, type Config } from '../config';
import type { FileFinding, Finding } from '../types';
import type { ParsedChunk } from '../parse/document';
import type { TextChange } from '../parse/split';
import { rules as allRules } from '../rules';
import type { Rule } from '../rules/rule';
import { FileStore, type FileState, type PreparedDocument } from './store';
import { DocumentRunner } from './runner';
import { CrossDocumentScheduler } from './scheduler';
import { Placement } from './placement';

export interface LinterOptions {
  /**
   * Whether findings carry related locations (default true). A report that never shows them (the CLI's
   * formats but SARIF) turns them off: where many documents relate to one another (copies of an app in one
   * lint set), placing them was the largest part of placement, quadratic in the copies.
   */
  related?: boolean;
}

export class Linter {
  readonly documentRules: Rule[];
  readonly crossDocumentRules: Rule[];
  private readonly store: FileStore;
  private readonly runner: DocumentRunner;
  private readonly scheduler: CrossDocumentScheduler;
  private readonly placement: Placement;

  constructor(
    private configFor: (uri: string) => Config = sameConfig(defaultConfig()),
    readonly rules: readonly Rule[] = allRules,
    options: LinterOptions = {},
  ) {
    const related = options.related ?? true;
    this.documentRules = rules.filter((r) => r.checkDocument);
    this.crossDocumentRules = rules.filter((r) => r.crossDocument);
    this.runner = new DocumentRunner(this.documentRules);
    this.store = new FileStore(
      (uri) => this.configFor(uri).maxFileSizeBytes,
      (p) => this.runner.adopt(p),
    );
    this.scheduler = new CrossDocumentScheduler(this.store, rules, (uri) => this.configFor(uri), related);
    this.placement = new Placement(this.store, this.runner, this.scheduler, related);
  }

  /** Replace the config lookup (config file or settings changed): everything is re-checked. */
  setConfigLookup(configFor: (uri: string) => Config): void {
    this.configFor = configFor;
    this.scheduler.reset();
    this.placement.generation++;
  }

  has(uri: string): boolean {
    return this.store.has(uri);
  }

  get(uri: string): FileState | undefined {
    return this.store.get(uri);
  }

  uris(): string[] {
    return this.store.uris();
  }

  /** See FileStore.update: documents whose text did not change keep their parse and findings. */
  update(uri: string, text: string, version = 0, change?: TextChange & { previousLength: number }, prepared?: Map<string, PreparedDocument>): FileState {
    return this.store.update(uri, text, version, change, prepared);
  }

  /** Parses one document and runs the per-document rules on it with `config`: the work a worker thread does. */
  prepareDocument(text: string, config: Config): PreparedDocument {
    return this.runner.prepare(text, config);
  }

  /**
   * Takes a document's per-document findings computed elsewhere (a worker thread, from the same text) with
   * the config they ran with: `lintFile` uses them instead of running those rules again.
   */
  adoptFindings(chunk: ParsedChunk, config: Config, list: Finding[]): void {
    this.runner.adopt({ chunk, findings: { config, list } });
  }

  /**
   * Runs the cross-document checks of these files now, in this order (`lintFile` runs a file's first, then
   * places them): the CLI does this while a worker thread runs the per-document rules.
   */
  checkFiles(uris: Iterable<string>): void {
    for (const uri of uris) {
      const file = this.store.get(uri);
      if (file) this.placement.settle(file);
    }
  }

  remove(uri: string): boolean {
    return this.store.remove(uri);
  }

  /** All findings for one file: its documents' findings plus the cross-document findings about it. */
  lintFile(uri: string): FileFinding[] {
    const file = this.store.get(uri);
    return file ? this.placement.fileFindings(file, this.configFor(uri)) : [];
  }

  /**
   * The same findings as `lintFile`, and each document's own (in file order, aligned with the file's
   * documents): an array is the same object while that document's placed findings are unchanged, so a
   * caller can cache what it derives from one document (the server's diagnostics). `parts` is empty for
   * a file too large or a template.
   */
  lintFileParts(uri: string): { findings: FileFinding[]; parts: (readonly FileFinding[])[] } {
    const file = this.store.get(uri);
    const parts: (readonly FileFinding[])[] = [];
    return { findings: file ? this.placement.fileFindings(file, this.configFor(uri), parts) : [], parts };
  }

  /**
   * Brings the lint set's resource index up to date with every file handed in so far, without running any
   * check: a background reader (the workspace index) pays for indexing the files it adds, a slice at a
   * time, instead of the next keystroke's lint. The checks the new files make stale run when their
   * subjects' findings are asked for (an open document's, at its next lint).
   */
  settle(): void {
    this.scheduler.refresh();
  }

  /** Lint every file in the set. */
  lintAll(): Map<string, FileFinding[]> {
    const out = new Map<string, FileFinding[]>();
    for (const uri of this.store.uris()) out.set(uri, this.lintFile(uri));
    return out;
  }
}

/** One config object for every file: cached results are keyed by the config object. */
function sameConfig(config: Config): (uri: string) => Config {
  return () => config;
}

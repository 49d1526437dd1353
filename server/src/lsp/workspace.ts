/**
 * Lint sets for the language server: one per workspace folder (SPEC §1: the lint set is the folder's
 * YAML files) plus one for files outside every folder, each with its own Linter, config resolver and
 * editor settings. Files are keyed by a canonical URI so that the client's spelling of a file URI and
 * ours (from walking the disk) name the same entry.
 */
import { basename, dirname, join, relative, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Linter, type Config } from '../engine';
import { ConfigResolver, configFromSettings } from '../node/config-files';
import { isYamlName, SKIPPED_DIRECTORIES } from '../node/files';
import { IgnoreList } from '../node/ignore';
import { SetRenders } from './renders';

/** Canonical key of a document URI: file URIs re-encoded the way Node does, others unchanged. */
export function keyOf(uri: string): string {
  if (!uri.startsWith('file:')) return uri;
  try {
    return pathToFileURL(fileURLToPath(uri)).href;
  } catch {
    return uri;
  }
}

/** File system path of a key, or undefined for untitled and other non-file documents. */
export function pathOf(key: string): string | undefined {
  if (!key.startsWith('file:')) return undefined;
  try {
    return fileURLToPath(key);
  } catch {
    return undefined;
  }
}

/** A chart's render or a kustomization's build in a lint set: `file:///…/templates/hpa.yaml#render-0`. */
export function isRenderKey(key: string): boolean {
  return key.includes('#render-');
}

export function uriOf(path: string): string {
  return pathToFileURL(path).href;
}

export interface Folder {
  uri: string;
  name: string;
  path: string;
}

export class LintSet {
  readonly linter: Linter;
  /** `scalelint.enable`; when false the set's documents get no diagnostics. */
  enabled = true;
  /** Bumped by every (re)index, so an outdated walk stops. */
  indexGeneration = 0;
  private settingsJson: string | undefined;
  private base: Config = configFromSettings(undefined);
  private readonly resolver = new ConfigResolver(this.base);
  /** Config per key; config files change only through watcher events and settings, which clear it. */
  private readonly configs = new Map<string, Config>();
  private readonly ignoreLists = new WeakMap<readonly string[], IgnoreList>();
  /** The set's Helm charts and kustomizations, rendered (renders.ts). */
  readonly renders = new SetRenders(this);

  constructor(readonly folder: Folder | undefined) {
    this.linter = new Linter((key) => this.configFor(key));
  }

  get label(): string {
    return this.folder ? this.folder.name : 'files outside the workspace folders';
  }

  /** Applies the `scalelint` settings section; false when they did not change. */
  applySettings(settings: unknown): boolean {
    const json = JSON.stringify(settings ?? null);
    if (json === this.settingsJson) return false;
    this.settingsJson = json;
    const values = settings && typeof settings === 'object' ? (settings as Record<string, unknown>) : undefined;
    this.enabled = values?.enable !== false;
    this.base = configFromSettings(values);
    this.resolver.setBase(this.base);
    this.configChanged();
    return true;
  }

  /** A config file or the settings changed: forget every resolved config and re-check everything. */
  configChanged(): void {
    this.resolver.invalidate();
    this.configs.clear();
    this.linter.setConfigLookup((key) => this.configFor(key));
    this.renders.planAgain(); // `helm:` may differ
  }

  configFor(key: string): Config {
    let config = this.configs.get(key);
    if (!config) {
      const path = pathOf(key);
      config = path ? this.resolver.configFor(path) : this.base;
      this.configs.set(key, config);
    }
    return config;
  }

  configPathFor(key: string): string | undefined {
    const path = pathOf(key);
    return path ? this.resolver.configPathFor(path) : undefined;
  }

  configProblems(configPath: string) {
    return this.resolver.read(configPath).problems;
  }

  /** True for a path the index must not read: a skipped folder on the way, or an `ignore` pattern. */
  isExcluded(path: string): boolean {
    const root = this.folder?.path;
    if (root) {
      const rel = relative(root, path);
      if (!rel.startsWith('..') && rel.split(sep).some((part) => SKIPPED_DIRECTORIES.has(part))) return true;
    }
    const key = uriOf(isYamlName(path) ? path : join(path, 'probe.yaml'));
    const patterns = this.configFor(key).ignore;
    if (!patterns.length) return false;
    let list = this.ignoreLists.get(patterns);
    if (!list) {
      list = new IgnoreList(patterns);
      this.ignoreLists.set(patterns, list);
    }
    const configPath = this.configPathFor(key);
    const baseDir = configPath ? dirname(configPath) : (root ?? dirname(path));
    return list.ignoresUnder(baseDir, path);
  }
}

export class Workspace {
  private folderSets: LintSet[] = [];
  readonly loose = new LintSet(undefined);

  setFolders(folders: Folder[]): void {
    // Longest path first, so a nested folder wins over the folder around it.
    this.folderSets = folders.map((f) => new LintSet(f)).sort((a, b) => b.folder!.path.length - a.folder!.path.length);
  }

  all(): LintSet[] {
    return [...this.folderSets, this.loose];
  }

  setFor(key: string): LintSet {
    const path = pathOf(key);
    return path ? this.setForPath(path) : this.loose;
  }

  setForPath(path: string): LintSet {
    for (const set of this.folderSets) {
      const root = set.folder!.path;
      if (path === root || path.startsWith(root.endsWith(sep) ? root : root + sep)) return set;
    }
    return this.loose;
  }
}

export function folderFromUri(uri: string, name?: string): Folder | undefined {
  const path = pathOf(keyOf(uri));
  return path ? { uri, name: name ?? basename(path), path } : undefined;
}

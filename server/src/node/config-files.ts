/** Finds and reads `.scalelint.yaml` files (nearest one above a file), for the CLI and the server. */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { parseConfig, defaultConfig, mergeConfig, type Config, type ConfigProblem } from '../engine';
import { CONFIG_FILE_NAME } from './files';

export interface ConfigFile {
  path: string;
  config: Config;
  problems: ConfigProblem[];
}

/** Caches parsed config files by path and modification time. */
export class ConfigResolver {
  private readonly files = new Map<string, { mtimeMs: number; size: number; file: ConfigFile }>();
  private readonly nearest = new Map<string, string | null>();

  /** `base`: settings from the editor (the file wins over them); `explicit`: `--config FILE`. */
  constructor(private base: Config = defaultConfig(), private readonly explicit?: string, private readonly stopAt?: string) {}

  setBase(base: Config): void {
    this.base = base;
    this.files.clear();
  }

  /** Forget what is known about config files (one changed on disk). */
  invalidate(): void {
    this.files.clear();
    this.nearest.clear();
  }

  /** Path of the config file that applies to `filePath`, or undefined. */
  configPathFor(filePath: string): string | undefined {
    if (this.explicit) return resolve(this.explicit);
    let dir = dirname(resolve(filePath));
    const visited: string[] = [];
    for (;;) {
      const known = this.nearest.get(dir);
      if (known !== undefined) {
        for (const v of visited) this.nearest.set(v, known);
        return known ?? undefined;
      }
      visited.push(dir);
      const candidate = join(dir, CONFIG_FILE_NAME);
      if (existsSync(candidate)) {
        for (const v of visited) this.nearest.set(v, candidate);
        return candidate;
      }
      const parent = dirname(dir);
      if (parent === dir || (this.stopAt && resolve(dir) === resolve(this.stopAt))) {
        for (const v of visited) this.nearest.set(v, null);
        return undefined;
      }
      dir = parent;
    }
  }

  /** The parsed config file at `path` (re-read when it changed on disk). */
  read(path: string): ConfigFile {
    let st;
    try {
      st = statSync(path);
    } catch (err) {
      return { path, config: this.base, problems: [{ key: '', message: `Cannot read config file ${path}: ${(err as NodeJS.ErrnoException).code ?? String(err)}`, start: 0, end: 0 }] };
    }
    const cached = this.files.get(path);
    if (cached && cached.mtimeMs === st.mtimeMs && cached.size === st.size) return cached.file;
    let text: string;
    try {
      text = readFileSync(path, 'utf8');
    } catch (err) {
      return { path, config: this.base, problems: [{ key: '', message: `Cannot read config file ${path}: ${(err as NodeJS.ErrnoException).code ?? String(err)}`, start: 0, end: 0 }] };
    }
    const loaded = parseConfig(text, this.base);
    const file = { path, config: loaded.config, problems: loaded.problems };
    this.files.set(path, { mtimeMs: st.mtimeMs, size: st.size, file });
    return file;
  }

  /** Config for a file: its nearest config file over the base, or the base. */
  configFor(filePath: string): Config {
    const p = this.configPathFor(filePath);
    return p ? this.read(p).config : this.base;
  }
}

/** Editor settings (`scalelint.*`) mapped onto the config shape; unknown keys are ignored. */
export function configFromSettings(settings: Record<string, unknown> | undefined): Config {
  if (!settings || typeof settings !== 'object') return defaultConfig();
  const { enable: _enable, trace: _trace, ...rest } = settings as Record<string, unknown>;
  return mergeConfig(defaultConfig(), rest);
}

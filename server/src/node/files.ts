/**
 * Which files are YAML inputs and which folders are never entered: one answer for the CLI's folder walk
 * and the editor's workspace index. Names are matched on the last segment of a path or URI.
 */
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** The per-folder config file (node/config-files.ts): never linted itself. */
export const CONFIG_FILE_NAME = '.scalelint.yaml';

/** Folders a walk never enters (SPEC §6). */
export const SKIPPED_DIRECTORIES: ReadonlySet<string> = new Set(['node_modules', '.git']);

function nameOf(uriOrPath: string): string {
  const noQuery = uriOrPath.replace(/[?#].*$/, '');
  return noQuery.slice(noQuery.replace(/\\/g, '/').lastIndexOf('/') + 1);
}

export function isConfigFile(uriOrPath: string): boolean {
  return nameOf(uriOrPath) === CONFIG_FILE_NAME;
}

export function isYamlName(uriOrPath: string): boolean {
  return /\.ya?ml$/i.test(nameOf(uriOrPath));
}

/** A YAML file to lint: a `.yaml`/`.yml` name that is not the config file, or kustomize's extension-less `Kustomization`. */
function isLintableName(uriOrPath: string): boolean {
  return (isYamlName(uriOrPath) && !isConfigFile(uriOrPath)) || nameOf(uriOrPath) === 'Kustomization';
}

/**
 * The lintable YAML files under `dir`, depth first in name order (so reports are stable), skipping
 * SKIPPED_DIRECTORIES. A folder that cannot be read calls `unreadable`, which may throw to stop the walk.
 */
export function walkYamlFiles(dir: string, unreadable: (dir: string, err: unknown) => void): string[] {
  const out: string[] = [];
  const walk = (folder: string) => {
    let entries: string[];
    try {
      entries = readdirSync(folder).sort();
    } catch (err) {
      unreadable(folder, err);
      return;
    }
    for (const name of entries) {
      const path = join(folder, name);
      let isDirectory: boolean;
      try {
        isDirectory = statSync(path).isDirectory();
      } catch {
        continue; // a dangling symlink inside a walked folder is not an input the user named
      }
      if (isDirectory) {
        if (!SKIPPED_DIRECTORIES.has(name)) walk(path);
      } else if (isLintableName(name)) out.push(path);
    }
  };
  walk(dir);
  return out;
}

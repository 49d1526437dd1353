/** Test helpers: a FileReader over a fixture folder, and YAML-data comparison of a build with a golden. */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';
import type { FileReader } from '../../../../../server/src/engine/sources/rendered.js';

export const CASES = join(import.meta.dirname, 'cases');

/** Reads files under `root`; paths are relative to it with `/` separators. */
export function folderReader(root: string): FileReader & { reads: string[] } {
  const reads: string[] = [];
  return {
    reads,
    read(path: string): string | undefined {
      reads.push(path);
      const p = join(root, path);
      try {
        return statSync(p).isFile() ? readFileSync(p, 'utf8') : undefined;
      } catch {
        return undefined;
      }
    },
    list(folder: string): string[] | undefined {
      const p = join(root, folder);
      try {
        if (!statSync(p).isDirectory()) return undefined;
        return readdirSync(p, { withFileTypes: true }).map((d) => (d.isDirectory() ? d.name + '/' : d.name));
      } catch {
        return undefined;
      }
    },
  };
}

/** An in-memory FileReader over `files` (path → text). */
export function memoryReader(files: Record<string, string>): FileReader {
  return {
    read: (p) => files[p],
    list: (folder) => {
      const prefix = folder === '' ? '' : folder.replace(/\/$/, '') + '/';
      const names = new Set<string>();
      for (const f of Object.keys(files)) {
        if (!f.startsWith(prefix)) continue;
        const rest = f.slice(prefix.length);
        const i = rest.indexOf('/');
        names.add(i < 0 ? rest : rest.slice(0, i + 1));
      }
      return names.size ? [...names] : undefined;
    },
  };
}

/** The YAML stream as data (one entry per document). */
export function yamlData(text: string): unknown[] {
  return parseAllDocuments(text)
    .map((d) => {
      if (d.errors.length) throw new Error(d.errors[0]!.message);
      return d.toJS();
    })
    .filter((d) => d !== null && d !== undefined);
}

export function caseRoots(name: string): string[] {
  return readFileSync(join(CASES, name, 'roots.txt'), 'utf8').split('\n').map((l) => l.trim()).filter(Boolean);
}

export function goldenPath(name: string, root: string): string {
  return join(CASES, name, 'expected', (root === '.' ? 'root' : root.replace(/\//g, '__')) + '.yaml');
}

export function hasGolden(name: string, root: string): boolean {
  return existsSync(goldenPath(name, root));
}

export function caseNames(): string[] {
  return readdirSync(CASES).filter((n) => existsSync(join(CASES, n, 'roots.txt'))).sort();
}

/**
 * What the commands read: the files and folders named on the command line, standard input, and the
 * data files of `simulate --scenario` (JSON or YAML, with the line and column of a syntax error).
 */
import { readFileSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseDocument, type Document } from 'yaml';
import { LineIndex } from '../engine';
import { walkYamlFiles } from '../node/files';
import { UsageError } from './args';
import { jsonErrorOffset } from './json-error';

/** An input that cannot be read or understood: the command prints the message and exits 2. */
export class InputError extends Error {}

/** Expands folders into their YAML, Terraform and shell files (sorted, so output is stable). Missing paths are usage errors; `-` is skipped. */
export function collectFiles(paths: readonly string[]): string[] {
  const out: string[] = [];
  const seen = new Set<string>();
  const add = (p: string) => {
    const abs = resolve(p);
    if (!seen.has(abs)) {
      seen.add(abs);
      out.push(p);
    }
  };
  const unreadable = (dir: string, err: unknown) => {
    throw new UsageError(`cannot read folder ${dir}: ${(err as NodeJS.ErrnoException).code ?? err}`);
  };
  for (const p of paths) {
    if (p === '-') continue; // standard input: read by the lint command
    let st;
    try {
      st = statSync(p);
    } catch (err) {
      throw new UsageError(`cannot read ${p}: ${(err as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file or folder' : String(err)}`);
    }
    if (st.isDirectory()) walkYamlFiles(p, unreadable, { otherSources: true }).forEach(add);
    else add(p);
  }
  return out;
}

/** The whole of standard input, as UTF-8. */
export function readStdin(): string {
  return readFileSync(0, 'utf8');
}

/** A file's text (`-`: standard input), without a byte order mark. */
export function readInput(path: string): string {
  try {
    const text = path === '-' ? readStdin() : readFileSync(path, 'utf8');
    return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new InputError(`cannot read ${path === '-' ? 'standard input' : path}: ${code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a folder' : (code ?? String(err))}`);
  }
}

/** "line 3, column 7" for an offset of `text`. */
export function positionOf(text: string, offset: number): string {
  const p = new LineIndex(text).position(offset);
  return `line ${p.line + 1}, column ${p.character + 1}`;
}

export function parseJson(text: string, path: string): unknown {
  try {
    return JSON.parse(text);
  } catch (err) {
    const raw = err instanceof Error ? err.message : String(err);
    const given = /position (\d+)/.exec(raw);
    const message = raw.replace(/ in JSON at position \d+.*$/s, '').replace(/, (?:\.\.\.)?".*" is not valid JSON$/s, '');
    const offset = jsonErrorOffset(text) ?? (given ? Number(given[1]) : undefined);
    const where = offset === undefined ? '' : offset >= text.length ? ' (at the end of the text)' : ` (${positionOf(text, offset)})`;
    throw new InputError(`${path} is not valid JSON: ${message}${where}`);
  }
}

export function parseYaml(text: string, path: string): unknown {
  let doc: Document.Parsed;
  try {
    doc = parseDocument(text, { uniqueKeys: true, prettyErrors: false });
  } catch (err) {
    throw new InputError(`${path} could not be read as YAML: ${err instanceof Error ? err.message : String(err)}`);
  }
  const error = doc.errors[0];
  if (error) {
    const message = error.message.replace(/ at line \d+, column \d+:?[\s\S]*$/, '').trim();
    throw new InputError(`${path} is not valid YAML: ${message} (${positionOf(text, error.pos[0])})`);
  }
  try {
    return doc.toJS({ maxAliasCount: 100 });
  } catch (err) {
    throw new InputError(`${path} could not be read as YAML: ${err instanceof Error ? err.message : String(err)}`);
  }
}

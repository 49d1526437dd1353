/** The command line's one argument parser, for `scalelint` (lint), `scalelint simulate` and `scalelint capacity`. */

export interface CliIo {
  stdout: (s: string) => void;
  stderr: (s: string) => void;
}

/** A mistake in the command line: the command prints it with its usage and exits 2. */
export class UsageError extends Error {}

export interface ArgSpec {
  /** Options that take a value (`--name value` or `--name=value`). */
  values: readonly string[];
  /** Options that take none. */
  flags: readonly string[];
  /** Short or alternative spellings: `-f` → `--format`. */
  aliases?: Readonly<Record<string, string>>;
  /** Value options that may be given again, the last one winning (otherwise a repeat is a usage error). */
  repeatable?: readonly string[];
}

export interface ParsedArgs {
  values: Map<string, string>;
  flags: Set<string>;
  /** Every option as given, in order (for options where the last of several wins, such as `--color` / `--no-color`). */
  options: { name: string; value?: string }[];
  positionals: string[];
}

/** A negative number is a value, not an option: `--buffer -5` reaches validation, which explains it. */
const NEGATIVE_NUMBER = /^-(?:\d|\.\d)/;

export function parseArgs(argv: readonly string[], spec: ArgSpec): ParsedArgs {
  const out: ParsedArgs = { values: new Map(), flags: new Set(), options: [], positionals: [] };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--') {
      out.positionals.push(...argv.slice(i + 1));
      break;
    }
    if (!arg.startsWith('-') || arg === '-' || NEGATIVE_NUMBER.test(arg)) {
      out.positionals.push(arg);
      continue;
    }
    const eq = arg.startsWith('--') ? arg.indexOf('=') : -1;
    const written = eq >= 0 ? arg.slice(0, eq) : arg;
    const name = spec.aliases?.[written] ?? written;
    if (spec.flags.includes(name)) {
      if (eq >= 0) throw new UsageError(`${name} takes no value`);
      out.flags.add(name);
      out.options.push({ name });
      continue;
    }
    if (!spec.values.includes(name)) throw new UsageError(`unknown option ${written}`);
    let value: string | undefined;
    if (eq >= 0) value = arg.slice(eq + 1);
    else {
      value = argv[i + 1];
      if (value === undefined || (value.startsWith('-') && value !== '-' && !NEGATIVE_NUMBER.test(value))) throw new UsageError(`${name} needs a value`);
      i++;
    }
    if (out.values.has(name) && !spec.repeatable?.includes(name)) throw new UsageError(`${name} is given twice`);
    out.values.set(name, value);
    out.options.push({ name, value });
  }
  return out;
}

/** `--format` for the subcommands: text (default) or json. */
export function formatOption(args: ParsedArgs): 'text' | 'json' {
  const f = args.values.get('--format') ?? 'text';
  if (f !== 'text' && f !== 'json') throw new UsageError(`unknown format "${f}" (use text or json)`);
  return f;
}

/**
 * The scaling command lines of SPEC §9 in shell scripts: `gcloud compute instance-groups managed
 * set-autoscaling` and `aws autoscaling create-auto-scaling-group` / `update-auto-scaling-group`.
 */
import { isQuoted, lexShellScript, sourceOffset, type ShellArrayAssignment, type ShellWord } from './lexer';

export type ShellCommandKind = 'gcloud-set-autoscaling' | 'gcloud-update-autoscaling' | 'aws-create-auto-scaling-group' | 'aws-update-auto-scaling-group';

export interface ShellValue {
  /** The value as the command receives it (quotes removed); undefined when it holds `$VAR`, `$(…)`, … */
  value: string | undefined;
  /** The value as written, and its range in the original text (quotes included): where a fix writes. */
  written: string;
  start: number;
  end: number;
}

export interface ShellFlag {
  /** `--min-size` (always the long form as written). */
  name: string;
  nameStart: number;
  nameEnd: number;
  /** `--flag value` or `--flag=value`. */
  form: 'separate' | 'equals';
  /** The values: one for gcloud, one or more for an aws list (`--target-group-arns arn1 arn2`); none for a switch. */
  values: ShellValue[];
}

export interface ShellCommand {
  kind: ShellCommandKind;
  path: string;
  /** From the program word to the last word (continuation lines included). */
  start: number;
  end: number;
  /** Words that are not flags or flag values after the subcommand (gcloud's instance group NAME). */
  positionals: ShellValue[];
  flags: ShellFlag[];
}

export interface ShellFlagFact {
  /** What the value means: read `count`/`seconds`/`fraction` with flagNumber, `duration` with parseGcloudDuration, `list` with flagList. */
  kind: 'count' | 'fraction' | 'seconds' | 'duration' | 'string' | 'list';
  /** The attribute of the matching Terraform resource (google_compute_autoscaler, aws_autoscaling_group). */
  terraform: string;
}

/** The flags SPEC §9 reads (others are parsed too), checked against the gcloud and aws CLI references. */
export const GCLOUD_FLAGS: Readonly<Record<string, ShellFlagFact>> = {
  '--min-num-replicas': { kind: 'count', terraform: 'autoscaling_policy.min_replicas' },
  '--max-num-replicas': { kind: 'count', terraform: 'autoscaling_policy.max_replicas' },
  '--target-cpu-utilization': { kind: 'fraction', terraform: 'autoscaling_policy.cpu_utilization.target' },
  '--cool-down-period': { kind: 'duration', terraform: 'autoscaling_policy.cooldown_period' },
  '--zone': { kind: 'string', terraform: 'zone' },
  '--region': { kind: 'string', terraform: 'region' },
};

export const AWS_FLAGS: Readonly<Record<string, ShellFlagFact>> = {
  '--auto-scaling-group-name': { kind: 'string', terraform: 'name' },
  '--min-size': { kind: 'count', terraform: 'min_size' },
  '--max-size': { kind: 'count', terraform: 'max_size' },
  '--desired-capacity': { kind: 'count', terraform: 'desired_capacity' },
  '--health-check-type': { kind: 'string', terraform: 'health_check_type' },
  '--health-check-grace-period': { kind: 'seconds', terraform: 'health_check_grace_period' },
  '--target-group-arns': { kind: 'list', terraform: 'target_group_arns' },
  '--load-balancer-names': { kind: 'list', terraform: 'load_balancers' },
  '--vpc-zone-identifier': { kind: 'list', terraform: 'vpc_zone_identifier' },
  '--availability-zones': { kind: 'list', terraform: 'availability_zones' },
  '--default-instance-warmup': { kind: 'seconds', terraform: 'default_instance_warmup' },
  '--default-cooldown': { kind: 'seconds', terraform: 'default_cooldown' },
};

/** Words that may stand before the program: `sudo gcloud …`, `if aws …`, `FOO=1 aws …`. */
const PREFIX_WORDS = new Set(['sudo', 'time', 'exec', 'command', 'nohup', 'env', 'then', 'else', 'do', 'if', 'elif', 'while', 'until', '!', '{', 'xargs', 'eval']);
/** Global options that take a value before the subcommand. */
const GCLOUD_GLOBAL_WITH_VALUE = new Set(['--project', '--account', '--configuration', '--verbosity', '--format', '--impersonate-service-account', '--billing-project', '--flags-file', '--trace-token']);
const AWS_GLOBAL_WITH_VALUE = new Set(['--region', '--profile', '--output', '--endpoint-url', '--query', '--cli-read-timeout', '--cli-connect-timeout', '--color', '--ca-bundle', '--cli-binary-format']);

export function parseShellCommands(path: string, text: string): ShellCommand[] {
  try {
    return findShellCommands(path, text);
  } catch {
    return []; // a bug of ours must not take the server down; the property tests call findShellCommands
  }
}

/** parseShellCommands without its guard, for tests that look for exceptions. */
export function findShellCommands(path: string, text: string): ShellCommand[] {
  const out: ShellCommand[] = [];
  const { commands, arrays } = lexShellScript(text);
  const known = arrayValues(arrays);
  for (const { words: written } of commands) {
    const { words, origin } = expandArrays(written, known);
    let i = 0;
    while (i < words.length && (PREFIX_WORDS.has(words[i]!.text) || /^[A-Za-z_]\w*=/.test(words[i]!.text) || (words[i - 1]?.text === 'sudo' && words[i]!.text.startsWith('-')))) i++;
    const program = words[i]?.text.split('/').pop();
    const command = program === 'gcloud' ? gcloud(words, i, text) : program === 'aws' ? aws(words, i, text) : undefined;
    // The command's range is where it is written (an array's words keep their own ranges, in the array).
    if (command) out.push({ ...command, path, start: origin[i]!.start, end: written[written.length - 1]!.end });
  }
  return out;
}

/**
 * Arrays whose words are known wherever they are used: assigned once in the script (`local -a args=(…)`), by a
 * list that expands no other array. An array assigned again (`args=(":" "${args[@]}")` for a dry run) or added
 * to is unknown: which assignment a use sees depends on the run.
 */
function arrayValues(arrays: ShellArrayAssignment[]): Map<string, ShellWord[]> {
  const count = new Map<string, number>();
  for (const a of arrays) count.set(a.name, (count.get(a.name) ?? 0) + (a.append ? 2 : 1));
  const out = new Map<string, ShellWord[]>();
  for (const a of arrays) if (count.get(a.name) === 1 && !a.words.some((w) => arrayUse(w) !== undefined)) out.set(a.name, a.words);
  return out;
}

/** The array a word expands whole (`"${args[@]}"`, `${args[*]}`), if that is all the word is. */
function arrayUse(word: ShellWord): string | undefined {
  return word.unknown ? /^\$\{([A-Za-z_]\w*)\[[@*]\]\}$/.exec(word.text)?.[1] : undefined;
}

/** The command's words with each use of a known array replaced by the array's words; origin: the written word each came from. */
function expandArrays(words: ShellWord[], known: Map<string, ShellWord[]>): { words: ShellWord[]; origin: ShellWord[] } {
  if (known.size === 0) return { words, origin: words };
  const out: ShellWord[] = [];
  const origin: ShellWord[] = [];
  for (const w of words) {
    const items = known.get(arrayUse(w) ?? '');
    for (const item of items ?? [w]) {
      out.push(item);
      origin.push(w);
    }
  }
  return { words: out, origin };
}

interface Match {
  kind: ShellCommandKind;
  positionals: ShellValue[];
  flags: ShellFlag[];
}

/** The subcommand path (words that are not global options) and where the command's own arguments start. */
function subcommand(words: ShellWord[], from: number, withValue: Set<string>, length: number): { path: string[]; next: number } {
  const path: string[] = [];
  let i = from;
  while (i < words.length && path.length < length) {
    const text = words[i]!.text;
    if (text.startsWith('-')) i += !text.includes('=') && withValue.has(text) ? 2 : 1;
    else {
      path.push(text);
      i++;
    }
  }
  return { path, next: i };
}

function gcloud(words: ShellWord[], at: number, text: string): Match | undefined {
  const release = subcommand(words, at + 1, GCLOUD_GLOBAL_WITH_VALUE, 1).path[0];
  const skip = release === 'alpha' || release === 'beta' || release === 'preview' ? 1 : 0;
  const { path, next } = subcommand(words, at + 1, GCLOUD_GLOBAL_WITH_VALUE, 4 + skip);
  const command = path.slice(skip).join(' ');
  // update-autoscaling (which changes only the flags given) is read too: the same flags, fewer of them.
  if (command === 'compute instance-groups managed set-autoscaling') return { kind: 'gcloud-set-autoscaling', ...argumentsOf(words, next, false, text) };
  if (command === 'compute instance-groups managed update-autoscaling') return { kind: 'gcloud-update-autoscaling', ...argumentsOf(words, next, false, text) };
  return undefined;
}

function aws(words: ShellWord[], at: number, text: string): Match | undefined {
  const { path, next } = subcommand(words, at + 1, AWS_GLOBAL_WITH_VALUE, 2);
  if (path[0] !== 'autoscaling') return undefined;
  if (path[1] === 'create-auto-scaling-group') return { kind: 'aws-create-auto-scaling-group', ...argumentsOf(words, next, true, text) };
  if (path[1] === 'update-auto-scaling-group') return { kind: 'aws-update-auto-scaling-group', ...argumentsOf(words, next, true, text) };
  return undefined;
}

const SWITCHES = new Set([
  // gcloud
  '--async', '--quiet', '--scale-based-on-cpu', '--scale-based-on-load-balancing', '--clear-scale-in-control', '--log-http', '--user-output-enabled',
  // aws
  '--debug', '--capacity-rebalance', '--new-instances-protected-from-scale-in', '--skip-defaults', '--dry-run', '--generate-cli-skeleton',
]);

/** A switch: takes no value even when a word follows. */
function isSwitch(name: string): boolean {
  return name.startsWith('--no-') || SWITCHES.has(name);
}

function isFlag(word: ShellWord): boolean {
  return word.text.startsWith('--') && !isQuoted(word, 0);
}

/** Flags and positionals; an aws flag takes every word up to the next flag (lists are space-separated). */
function argumentsOf(words: ShellWord[], from: number, awsLists: boolean, text: string): { positionals: ShellValue[]; flags: ShellFlag[] } {
  const valueOf = (word: ShellWord, from: number): ShellValue => {
    // After `--flag=`: the value starts right after the `=` in the original text (before any opening quote).
    const start = from === 0 ? word.start : from < word.text.length ? sourceOffset(word, from - 1) + 1 : word.end;
    return { value: word.unknown ? undefined : word.text.slice(from), written: text.slice(start, word.end), start, end: word.end };
  };
  const positionals: ShellValue[] = [];
  const flags: ShellFlag[] = [];
  for (let i = from; i < words.length; i++) {
    const word = words[i]!;
    if (!isFlag(word)) {
      if (word.text !== '-q') positionals.push(valueOf(word, 0));
      continue;
    }
    const equals = word.text.indexOf('=');
    if (equals > 0 && !isQuoted(word, equals)) {
      const nameEnd = sourceOffset(word, equals);
      flags.push({ name: word.text.slice(0, equals), nameStart: word.start, nameEnd, form: 'equals', values: [valueOf(word, equals + 1)] });
      continue;
    }
    const flag: ShellFlag = { name: word.text, nameStart: word.start, nameEnd: word.end, form: 'separate', values: [] };
    flags.push(flag);
    if (isSwitch(word.text)) continue;
    while (i + 1 < words.length && !isFlag(words[i + 1]!)) {
      flag.values.push(valueOf(words[++i]!, 0));
      if (!awsLists) break;
    }
  }
  return { positionals, flags };
}

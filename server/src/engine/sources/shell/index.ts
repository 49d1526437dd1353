/**
 * Shell-script source (SPEC §9): the scaling command lines of `*.sh` / `*.bash` files, each flag value with
 * its exact range in the original text (across `\` continuation lines), so rules can report and fix them.
 *
 *   for (const command of parseShellCommands(path, text)) {      // gcloud set-/update-autoscaling, aws create/update ASG
 *     const min = flagValue(command, '--min-num-replicas');       // ShellValue: value (undefined for $VAR), start, end
 *     flagNumber(command, '--target-cpu-utilization');            // 0.7 (a fraction, see GCLOUD_FLAGS)
 *     parseGcloudDuration(flagValue(command, '--cool-down-period')?.value ?? '');
 *     flagList(command, '--vpc-zone-identifier');                  // ['subnet-1', 'subnet-2']
 *   }
 * A fix replaces [value.start, value.end) (quotes included), or adds ` --flag value` at command.end.
 */
import { parseIsoDuration } from '../terraform/duration';
import type { ShellCommand, ShellFlag, ShellValue } from './commands';

export { parseShellCommands, AWS_FLAGS, GCLOUD_FLAGS, type ShellCommand, type ShellCommandKind, type ShellFlag, type ShellFlagFact, type ShellValue } from './commands';
export { lexShell, type ShellSimpleCommand, type ShellWord } from './lexer';

export function isShellPath(path: string): boolean {
  return path.endsWith('.sh') || path.endsWith('.bash');
}

/** The last occurrence of a flag (the CLIs keep the last one given). */
export function flagOf(command: ShellCommand, name: string): ShellFlag | undefined {
  for (let i = command.flags.length - 1; i >= 0; i--) if (command.flags[i]!.name === name) return command.flags[i];
  return undefined;
}

/** The first value of a flag, when the flag is there. */
export function flagValue(command: ShellCommand, name: string): ShellValue | undefined {
  return flagOf(command, name)?.values[0];
}

/** A flag's value as a number, when it is a known number. */
export function flagNumber(command: ShellCommand, name: string): number | undefined {
  const value = flagValue(command, name)?.value;
  if (value === undefined || value.trim() === '') return undefined;
  const n = Number(value);
  return Number.isFinite(n) ? n : undefined;
}

/** A list flag's items: aws space-separated words, or comma-separated within a word; undefined if any is unknown. */
export function flagList(command: ShellCommand, name: string): string[] | undefined {
  const flag = flagOf(command, name);
  if (!flag || flag.values.some((v) => v.value === undefined)) return undefined;
  return flag.values.flatMap((v) => v.value!.split(',')).map((s) => s.trim()).filter((s) => s !== '');
}

/**
 * A gcloud duration (`--cool-down-period 90`, `90s`, `2m`, `1h30m`, `PT2M`; see `gcloud topic datetimes`):
 * seconds, or undefined when it is not one.
 */
export function parseGcloudDuration(text: string): number | undefined {
  const value = text.trim();
  if (/^\d+(?:\.\d+)?$/.test(value)) return Number(value);
  if (/^(?:\d+(?:\.\d+)?[dhms])+$/i.test(value) && value.length <= 64) {
    const unit: Record<string, number> = { d: 86400, h: 3600, m: 60, s: 1 };
    let total = 0;
    for (const [, n, u] of value.matchAll(/(\d+(?:\.\d+)?)([dhms])/gi)) total += Number(n) * unit[u!.toLowerCase()]!;
    return total;
  }
  return parseIsoDuration(value);
}

/**
 * `scalelint capacity`: the capacity calculator (SPEC §5) on the command line, with the same arithmetic
 * as the calculator panel (`engine/capacity`). Exit 0 with a plan (warnings included), 2 on a usage error
 * or invalid input (every problem named on stderr).
 */
import { computeCapacity, type CapacityInput, type CapacityResult } from '../engine/capacity';
import { formatOption, parseArgs, UsageError, type CliIo } from './args';

export const CAPACITY_USAGE = `Usage: scalelint capacity --target-load R --buffer PCT
                          (--current-load R --current-instances N | --per-instance-capacity R)
                          [--off-peak-load R] [--normal-load R] [--ha-floor N] [--cost-ceiling N]
                          [--format text|json]

Works out how many instances a target load needs, and the min / desired / max to configure,
showing the arithmetic (the scaling workflow's capacity planning).

  --current-load R            load served now (req/s, users, messages/s: any unit, used throughout)
  --current-instances N       instances serving it; capacity per instance = current load ÷ instances
  --per-instance-capacity R   or give the capacity of one instance directly (wins over the above)
  --target-load R             the peak load to plan for
  --buffer PCT                safety buffer on top of the required instances, in percent (25 or 25%)
  --off-peak-load R           lowest load: sets min (never under the HA floor)
  --normal-load R             everyday load: sets desired (else the current load does)
  --ha-floor N                high-availability minimum (default 2)
  --cost-ceiling N            most instances you will pay for: caps max
  -f, --format <name>         text (default) or json
  -h, --help                  show this help

Example (the workflow's worked example):
  scalelint capacity --current-load 100 --current-instances 5 --target-load 500 --buffer 25
  → 20 per instance, 25 required, 32 with the buffer (31.25 rounded up).

Exit codes: 0 a plan was printed (with any warnings), 2 usage error or invalid input.
`;

/** CLI option for each input field; error messages name the option the user typed. */
const OPTION_OF: Record<keyof CapacityInput, string> = {
  currentLoad: '--current-load',
  currentInstances: '--current-instances',
  perInstanceCapacity: '--per-instance-capacity',
  targetLoad: '--target-load',
  bufferPercent: '--buffer',
  offPeakLoad: '--off-peak-load',
  normalLoad: '--normal-load',
  haFloor: '--ha-floor',
  costCeiling: '--cost-ceiling',
};

const FIELD_NAMES = new RegExp(`\\b(${Object.keys(OPTION_OF).join('|')})\\b`, 'g');

function inOptionTerms(message: string): string {
  return message.replace(FIELD_NAMES, (field) => OPTION_OF[field as keyof CapacityInput]);
}

function formatText(r: CapacityResult): string {
  const width = Math.max(...r.steps.map((s) => s.label.length));
  const lines = ['Capacity plan', ...r.steps.map((s) => `  ${s.label.padEnd(width)}  ${s.formula}`), '', `Recommended: min ${r.recommended.min}, desired ${r.recommended.desired}, max ${r.recommended.max}`];
  if (r.warnings.length) lines.push('', ...r.warnings.map((w) => `warning: ${inOptionTerms(w)}`));
  return lines.join('\n') + '\n';
}

export function runCapacity(argv: readonly string[], io: CliIo): number {
  let format: 'text' | 'json';
  const raw: Record<string, string> = {};
  try {
    const args = parseArgs(argv, { values: ['--format', ...Object.values(OPTION_OF)], flags: ['--help'], aliases: { '-f': '--format', '-h': '--help' } });
    if (args.flags.has('--help')) {
      io.stdout(CAPACITY_USAGE);
      return 0;
    }
    if (args.positionals.length) throw new UsageError(`capacity takes options only, not ${JSON.stringify(args.positionals[0])}`);
    format = formatOption(args);
    for (const [field, option] of Object.entries(OPTION_OF)) {
      const v = args.values.get(option);
      if (v !== undefined) raw[field] = v;
    }
  } catch (err) {
    if (err instanceof UsageError) {
      io.stderr(`scalelint capacity: ${err.message}\nRun \`scalelint capacity --help\` for the options.\n`);
      return 2;
    }
    throw err;
  }
  // Option values are strings; the engine reads numeric strings and names the field of each problem.
  const result = computeCapacity(raw as unknown as CapacityInput);
  if ('errors' in result) {
    for (const e of result.errors) io.stderr(`scalelint capacity: ${inOptionTerms(e.message)}\n`);
    io.stderr('Run `scalelint capacity --help` for the options.\n');
    return 2;
  }
  io.stdout(format === 'json' ? JSON.stringify(result, null, 2) + '\n' : formatText(result));
  return 0;
}

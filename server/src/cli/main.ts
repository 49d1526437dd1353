/**
 * `scalelint`: the command line, bundled as server/out/cli.js. `simulate` and `capacity` are
 * subcommands with their own options; anything else is the lint command (lint.ts).
 */
import type { CliIo } from './args';
import { runCapacity } from './capacity';
import { runLint } from './lint';
import { runSimulate } from './simulate';
import { tuneCompiler } from '../node/compiler';

const processIo: CliIo = { stdout: (s) => process.stdout.write(s), stderr: (s) => process.stderr.write(s) };

export async function run(argv: readonly string[], io: CliIo = processIo): Promise<number> {
  // A file of a subcommand's name is linted as ./simulate.
  if (argv[0] === 'simulate') return runSimulate(argv.slice(1), io);
  if (argv[0] === 'capacity') return runCapacity(argv.slice(1), io);
  return runLint(argv, io);
}

if (require.main === module) {
  tuneCompiler(); // before the first lint: V8 reads the flags at each compile
  run(process.argv.slice(2)).then(
    (code) => (process.exitCode = code),
    (err) => {
      process.stderr.write(`scalelint: internal error: ${(err as Error)?.stack ?? String(err)}\n`);
      process.exitCode = 2;
    },
  );
}

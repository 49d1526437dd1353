import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { parseShellCommands } from '../../../../../server/src/engine/sources/shell/index';
import { findShellCommands } from '../../../../../server/src/engine/sources/shell/commands';

const PIECES = [' ', '\n', '\\\n', '\\', '"', "'", '$', '${', '$(', ')', '}', '`', '#', ';', '&&', '|', '<<EOF\n', 'EOF\n', '>', '2>&1', '=', '--min-size', '--max-num-replicas', '5', 'aws', 'autoscaling', 'update-auto-scaling-group', 'gcloud', 'compute', 'instance-groups', 'managed', 'set-autoscaling', 'x', 'é', '😀', '\r\n'];

test('any mix of shell syntax parses without throwing, and every range lies inside the text', () => {
  fc.assert(
    fc.property(fc.array(fc.constantFrom(...PIECES), { maxLength: 80 }), (pieces) => {
      const text = pieces.join('');
      for (const command of findShellCommands('x.sh', text)) {
        assert.ok(command.start >= 0 && command.start <= command.end && command.end <= text.length);
        for (const flag of command.flags) {
          assert.ok(flag.nameStart <= flag.nameEnd && flag.nameEnd <= text.length);
          for (const v of flag.values) {
            assert.ok(v.start >= 0 && v.start <= v.end && v.end <= text.length);
            assert.equal(v.written, text.slice(v.start, v.end));
          }
        }
      }
    }),
    { numRuns: 500 },
  );
});

test('a known flag value keeps its range when it is written plainly, quoted, or after =', () => {
  fc.assert(
    fc.property(fc.integer({ min: 0, max: 10000 }), fc.constantFrom('plain', 'double', 'single', 'equals', 'continued'), (n, style) => {
      const value = String(n);
      const written = style === 'double' ? `"${value}"` : style === 'single' ? `'${value}'` : value;
      const flag = style === 'equals' ? `--min-size=${value}` : style === 'continued' ? `--min-size \\\n  ${value}` : `--min-size ${written}`;
      const text = `aws autoscaling update-auto-scaling-group --auto-scaling-group-name g ${flag}\n`;
      const [command] = parseShellCommands('x.sh', text);
      const v = command!.flags.find((f) => f.name === '--min-size')!.values[0]!;
      assert.equal(v.value, value);
      assert.equal(text.slice(v.start, v.end), written);
    }),
    { numRuns: 200 },
  );
});

/** `scalelint capacity` as a user runs it (the built CLI): the worked example, text and JSON, usage errors. */
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..');
const CLI = join(ROOT, 'server', 'out', 'cli.js');

function cli(args: string[]) {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const WORKED = ['capacity', '--current-load', '100', '--current-instances', '5', '--target-load', '500', '--buffer', '25'];

before(() => assert.ok(existsSync(CLI), 'run `npm run build` first: server/out/cli.js is missing'));

test('the worked example as JSON: 20 per instance, 25 required, 32 with a 25 % buffer', () => {
  const r = cli([...WORKED, '--format', 'json']);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stderr, '');
  const out = JSON.parse(r.stdout);
  assert.equal(out.perInstanceCapacity, 20);
  assert.equal(out.requiredInstances, 25);
  assert.equal(out.bufferedInstances, 32);
  assert.deepEqual(out.recommended, { min: 2, desired: 5, max: 32 });
  assert.deepEqual(
    out.steps.map((s: { label: string; value: number }) => [s.label, s.value]),
    [
      ['Capacity per instance', 20],
      ['Required instances', 25],
      ['With a 25 % safety buffer', 32],
      ['Minimum', 2],
      ['Desired', 5],
      ['Maximum', 32],
    ],
  );
  assert.deepEqual(out.warnings, []);
});

test('text shows the arithmetic line by line, then the recommendation', () => {
  const r = cli([...WORKED, '--off-peak-load', '30', '--normal-load', '200', '--cost-ceiling', '40']);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(
    r.stdout,
    [
      'Capacity plan',
      '  Capacity per instance      current load 100 ÷ 5 instances = 20',
      '  Required instances         target load 500 ÷ 20 = 25',
      '  With a 25 % safety buffer  25 × 1.25 = 31.25, rounded up to 32',
      '  Minimum                    off-peak load 30 ÷ 20 = 1.5, rounded up to 2; HA floor 2; the larger: 2',
      '  Desired                    normal load 200 ÷ 20 = 10',
      '  Maximum                    buffered need 32 (within the cost ceiling 40)',
      '',
      'Recommended: min 2, desired 10, max 32',
      '',
    ].join('\n'),
  );
});

test('floor and ceiling: min from off-peak load never under --ha-floor; --cost-ceiling caps max with a warning', () => {
  const floor = JSON.parse(cli([...WORKED, '--off-peak-load', '30', '--ha-floor', '3', '-f', 'json']).stdout);
  assert.equal(floor.recommended.min, 3);
  const r = cli([...WORKED, '--cost-ceiling', '30']);
  assert.equal(r.code, 0, 'a warning is not a failure');
  assert.match(r.stdout, /Recommended: min 2, desired 5, max 30\n/);
  assert.match(r.stdout, /\nwarning: The buffered need \(32\) exceeds the cost ceiling \(30\): max is capped at 30, a 20 % buffer over the 25 required instead of 25 %\.\n/);
  const json = JSON.parse(cli([...WORKED, '--cost-ceiling', '30', '--format=json']).stdout);
  assert.equal(json.recommended.max, 30);
  assert.equal(json.warnings.length, 1);
});

test('--per-instance-capacity instead of current load and instances; "25%" reads as 25', () => {
  const out = JSON.parse(cli(['capacity', '--per-instance-capacity', '20', '--target-load', '500', '--buffer', '25%', '--format', 'json']).stdout);
  assert.deepEqual([out.perInstanceCapacity, out.requiredInstances, out.bufferedInstances], [20, 25, 32]);
});

test('invalid values: exit 2, each problem named by its option on stderr, nothing on stdout', () => {
  const r = cli(['capacity', '--current-load', '100', '--current-instances', '2.5', '--target-load', 'abc', '--buffer', '-5']);
  assert.equal(r.code, 2);
  assert.equal(r.stdout, '');
  assert.equal(
    r.stderr,
    [
      'scalelint capacity: --current-instances must be a whole number of at least 1; got "2.5".',
      'scalelint capacity: --target-load must be a positive number; got "abc".',
      'scalelint capacity: --buffer must be a number of 0 or more (percent); got "-5".',
      'Run `scalelint capacity --help` for the options.',
      '',
    ].join('\n'),
  );
});

test('missing inputs: exit 2 naming the options to give', () => {
  const r = cli(['capacity', '--target-load', '500', '--buffer', '25']);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /Give --per-instance-capacity, or --current-load and --current-instances, so the capacity of one instance is known\./);
  const r2 = cli(['capacity', '--current-load', '100', '--current-instances', '5']);
  assert.match(r2.stderr, /--target-load is required/);
  assert.match(r2.stderr, /--buffer is required/);
  const r3 = cli([...WORKED, '--cost-ceiling', '1']);
  assert.equal(r3.code, 2);
  assert.match(r3.stderr, /--cost-ceiling \(1\) is below the HA floor \(2\)/);
});

test('usage errors exit 2: unknown option, missing value, repeated option, stray argument, bad format', () => {
  const cases: [string[], RegExp][] = [
    [[...WORKED, '--bufer', '3'], /unknown option --bufer/],
    [[...WORKED.slice(0, -1)], /--buffer needs a value/],
    [[...WORKED, '--buffer', '30'], /--buffer is given twice/],
    [[...WORKED, 'plan.yaml'], /capacity takes options only, not "plan.yaml"/],
    [[...WORKED, '--format', 'sarif'], /unknown format "sarif" \(use text or json\)/],
  ];
  for (const [args, message] of cases) {
    const r = cli(args);
    assert.equal(r.code, 2, args.join(' '));
    assert.match(r.stderr, message);
    assert.match(r.stderr, /Run `scalelint capacity --help`/);
    assert.equal(r.stdout, '');
  }
});

test('--help describes every option and exits 0; scalelint --help mentions the subcommands', () => {
  const r = cli(['capacity', '--help']);
  assert.equal(r.code, 0);
  for (const option of ['--current-load', '--current-instances', '--per-instance-capacity', '--target-load', '--buffer', '--off-peak-load', '--normal-load', '--ha-floor', '--cost-ceiling', '--format']) {
    assert.ok(r.stdout.includes(option), option);
  }
  const top = cli(['--help']);
  assert.equal(top.code, 0);
  assert.match(top.stdout, /scalelint simulate …/);
  assert.match(top.stdout, /scalelint capacity …/);
});

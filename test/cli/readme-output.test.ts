/**
 * The README's `<!-- verified-output -->` blocks are real: each one's `$ npx scalelint …` command is run with
 * the built CLI, and its output must be what the block shows. Regenerate a block by running the command.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..');
const CLI = join(ROOT, 'server', 'out', 'cli.js');
const README = readFileSync(join(ROOT, 'README.md'), 'utf8');
const BLOCK = /<!-- verified-output -->\n```\n\$ npx scalelint ([^\n]*)\n([\s\S]*?)```\n/g;

const blocks = [...README.matchAll(BLOCK)].map((m) => ({ args: m[1]!.split(' '), output: m[2]! }));

test('the README has verified output blocks', () => {
  assert.ok(blocks.length >= 6, `found ${blocks.length}`);
});

for (const { args, output } of blocks) {
  test(`README: scalelint ${args.join(' ')}`, () => {
    const r = spawnSync(process.execPath, [CLI, ...args], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
    assert.equal(r.status, 0, r.stderr);
    assert.equal(r.stdout, output);
  });
}

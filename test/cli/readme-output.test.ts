/**
 * The `<!-- verified-output -->` blocks of the README and the user docs are real: each one's `$ npx scalelint …`
 * command is run with the built CLI, and its output must be what the block shows. Regenerate a block by
 * running the command.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..');
const CLI = join(ROOT, 'server', 'out', 'cli.js');
const DOCS = ['README.md', 'docs/simulate-and-capacity.md'];
const BLOCK = /<!-- verified-output -->\n```\n\$ npx scalelint ([^\n]*)\n([\s\S]*?)```\n/g;

const blocks = DOCS.flatMap((doc) => [...readFileSync(join(ROOT, doc), 'utf8').matchAll(BLOCK)].map((m) => ({ doc, args: m[1]!.split(' '), output: m[2]! })));

test('the README and docs have verified output blocks', () => {
  assert.ok(blocks.length >= 6, `found ${blocks.length}`);
});

for (const { doc, args, output } of blocks) {
  test(`${doc}: scalelint ${args.join(' ')}`, () => {
    const r = spawnSync(process.execPath, [CLI, ...args], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
    assert.equal(r.status, 0, r.stderr);
    assert.equal(r.stdout, output);
  });
}

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { TerraformModule } from '../../../../../server/src/engine/sources/terraform/index';
import { moduleOf, textAt } from './helpers';

/** Attributes of every resource, as `address: name=value` with unknown values shown as `?`. */
function summary(m: TerraformModule): string[] {
  return [...m.resources.values()].map((r) => {
    const attributes = [...r.body.attributes.values()].map((a) => `${a.name}=${a.value.kind === 'number' || a.value.kind === 'string' ? a.value.value : a.value.kind === 'unknown' ? '?' : a.value.kind}`);
    return `${r.address}: ${attributes.join(' ')}`;
  });
}

async function check(text: string, expected: { problems: [string, RegExp][]; resources: string[] }): Promise<void> {
  const files = { 'main.tf': text };
  const m = await moduleOf(files);
  assert.deepEqual(
    m.problems.map((p) => textAt(files, p)),
    expected.problems.map(([at]) => at),
  );
  m.problems.forEach((p, i) => assert.match(p.message, expected.problems[i]![1]));
  assert.ok(m.problems.every((p) => p.severity === 'error' && p.file === 'main.tf'));
  assert.deepEqual(summary(m).sort(), [...expected.resources].sort());
}

const NEXT = 'resource "b" "c" {\n  x = 1\n}\n';

test('an unclosed brace: one problem on the block left open; the next resource is still read', async () => {
  await check(`resource "aws_autoscaling_group" "x" {\n  min_size = 1\n  tag {\n    key = "a"\n${NEXT}`, {
    problems: [['tag {', /The block `tag` is not closed/]],
    resources: ['aws_autoscaling_group.x: min_size=1', 'b.c: x=1'],
  });
  await check(`resource "aws_autoscaling_group" "x" {\n  min_size = 1\n\n${NEXT}`, {
    problems: [['resource "aws_autoscaling_group" "x" {', /The block `resource "aws_autoscaling_group" "x"` is not closed: add a `}`/]],
    resources: ['aws_autoscaling_group.x: min_size=1', 'b.c: x=1'],
  });
});

test('a block left open has no closing brace to write before; a closed one does', async () => {
  const m = await moduleOf({ 'main.tf': `${NEXT}resource "aws_autoscaling_group" "x" {\n  min_size = 1\n` });
  assert.equal(m.resources.get('aws_autoscaling_group.x')!.closingBrace, undefined);
  assert.equal(m.resources.get('b.c')!.closingBrace?.start, NEXT.lastIndexOf('}'));
});

test('a half-written attribute: one problem on its line, its value unknown, the rest of the block read', async () => {
  await check(`resource "aws_autoscaling_group" "x" {\n  min_size = 1\n  max_size =\n  health_check_type = "ELB"\n}\n${NEXT}`, {
    problems: [['max_size =', /The attribute `max_size` has no value/]],
    resources: ['aws_autoscaling_group.x: min_size=1 max_size=? health_check_type=ELB', 'b.c: x=1'],
  });
  await check(`resource "aws_autoscaling_group" "x" {\n  min_size = 1\n  max_size = \n}\n${NEXT}`, {
    problems: [['max_size = ', /has no value/]],
    resources: ['aws_autoscaling_group.x: min_size=1 max_size=?', 'b.c: x=1'],
  });
  await check(`${NEXT}resource "aws_autoscaling_group" "x" {\n  min_size = 1\n  max_si`, {
    problems: [['max_si', /`max_si` needs `= value`/]],
    resources: ['aws_autoscaling_group.x: min_size=1', 'b.c: x=1'],
  });
});

test('a half-written block header and stray text', async () => {
  await check(`resource "aws_autoscaling_group"\n${NEXT}`, {
    problems: [['resource "aws_autoscaling_group"', /the block `resource "aws_autoscaling_group"` is unfinished/]],
    resources: ['b.c: x=1'],
  });
  await check(`}}}\n${NEXT}`, { problems: [['}}', /unexpected/]], resources: ['b.c: x=1'] });
});

test('an unclosed heredoc: one problem on its start', async () => {
  await check('resource "a" "x" {\n  user_data = <<EOT\nhello ${var.x}\n  min_size = 1\n}\n', {
    problems: [['<<EOT', /The heredoc is not closed: add a line `EOT`/]],
    resources: ['a.x: user_data=?'],
  });
});

test('unclosed strings, lists and interpolations', async () => {
  await check(`resource "a" "x" {\n  name = "abc\n  min_size = 1\n}\n${NEXT}`, {
    problems: [['"abc', /The string is not closed on its line/]],
    resources: ['a.x: name=? min_size=1', 'b.c: x=1'],
  });
  await check('resource "b" "c" {\n  x = [1, 2\n  y = 3\n}\n', {
    problems: [['[1, 2', /The list is not closed: add a `]`/]],
    resources: ['b.c: x=? y=3'],
  });
  await check('resource "b" "c" {\n  x = "${var.a"\n  y = 3\n}\n', {
    problems: [['x = "${var.a"', /Syntax error/]],
    resources: ['b.c: x=? y=3'],
  });
});

test('valid interpolations, heredocs and directives are no problem', async () => {
  const text = 'resource "a" "b" {\n  s = "${var.a}-${local.b}"\n  t = "%{ if var.x }yes%{ endif }"\n  u = <<-EOT\n    a ${b}\n    EOT\n  v = "a \\"q\\" ${jsonencode({ a = 1 })}"\n}\n';
  const m = await moduleOf({ 'main.tf': text });
  assert.deepEqual(m.problems, []);
  assert.deepEqual(summary(m), ['a.b: s=? t=? u=? v=?']);
});

const FIXTURES = join(__dirname, 'fixtures');
const REAL = readFileSync(join(FIXTURES, 'aws-autoscaling-module', 'main.tf'), 'utf8');

test('every prefix of a real module parses without throwing, with few problems', async () => {
  const cuts = 60;
  for (let i = 1; i <= cuts; i++) {
    const text = REAL.slice(0, Math.floor((REAL.length * i) / cuts));
    const m = await moduleOf({ 'main.tf': text });
    assert.ok(!m.problems.some((p) => /could not read/.test(p.message)), `cut ${i}: ${m.problems[0]?.message}`);
    // One problem per broken top-level block at most: a prefix breaks one block (and maybe what it cut).
    assert.ok(m.problems.length <= 2, `cut ${i}: ${m.problems.length} problems: ${m.problems.map((p) => p.message).join(' | ')}`);
  }
});

test('hostile input stays bounded: deep nesting, long lines, lone quotes', async () => {
  const deep = `x = ${'['.repeat(20000)}${']'.repeat(20000)}\n`;
  const long = `resource "a" "b" {\n  s = "${'x'.repeat(1_000_000)}"\n}\n`;
  const quotes = '"'.repeat(5000);
  const braces = '{'.repeat(5000);
  for (const text of [deep, long, quotes, braces, '\u0000\uffff\ud800', 'resource "a" "b" {\n  x = 1 +\n}\n']) {
    const started = Date.now();
    const m = await moduleOf({ 'main.tf': text });
    // Linear, not fast: tree-sitter takes ~1 s for a 1 MB string on a quiet machine; this only catches a hang.
    assert.ok(Date.now() - started < 30_000);
    assert.ok(Array.isArray(m.problems));
  }
  const m = await moduleOf({ 'main.tf': long });
  assert.equal((m.resources.get('a.b')!.body.attributes.get('s')!.value as { value: string }).value.length, 1_000_000);
});

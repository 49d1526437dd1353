import { test } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { HclSyntaxNode, HclSyntaxParser } from '../../../../../server/src/engine/sources/terraform/syntax';
import { parseTerraformModule } from '../../../../../server/src/engine/sources/terraform/index';
import { hclParser, hclParserModule } from './helpers';

function find(node: HclSyntaxNode, type: string): HclSyntaxNode[] {
  const out: HclSyntaxNode[] = [];
  const stack = [node];
  while (stack.length) {
    const n = stack.pop()!;
    if (n.type === type) out.push(n);
    stack.push(...n.children);
  }
  return out;
}

function depth(node: HclSyntaxNode): number {
  let max = 0;
  const stack: [HclSyntaxNode, number][] = [[node, 1]];
  while (stack.length) {
    const [n, d] = stack.pop()!;
    max = Math.max(max, d);
    for (const c of n.children) stack.push([c, d + 1]);
  }
  return max;
}

test('offsets are UTF-16 string offsets, also after non-ASCII and astral characters', async () => {
  const parser = await hclParser();
  const text = 'a = "é名😀x" # ü\nb = 2\n';
  const root = parser.parse(text);
  const [literal] = find(root, 'template_literal');
  assert.equal(text.slice(literal!.start, literal!.end), 'é名😀x');
  const numbers = find(root, 'numeric_lit');
  assert.equal(text.slice(numbers[0]!.start, numbers[0]!.end), '2');
  assert.equal(root.hasError, false);
  const attribute = find(root, 'attribute')[0]!;
  assert.deepEqual(attribute.children.map((c) => [c.type, c.named]), [['identifier', true], ['=', false], ['expression', true]]);
});

test('field names, missing nodes and errors are reported', async () => {
  const parser = await hclParser();
  const root = parser.parse('x = { a = 1 }\nb {\n');
  const elem = find(root, 'object_elem')[0]!;
  assert.deepEqual(elem.children.filter((c) => c.field).map((c) => c.field), ['key', 'val']);
  assert.equal(root.hasError, true);
  assert.ok(find(root, '}').some((n) => n.isMissing));
});

test('a parser that throws or returns a malformed tree gives a problem, not an exception', () => {
  const throwing: HclSyntaxParser = { parse: () => { throw new Error('boom'); } };
  const m1 = parseTerraformModule([{ path: 'a.tf', text: 'x = 1' }], throwing);
  assert.equal(m1.problems.length, 1);
  const malformed = { parse: () => ({ type: 'config_file', start: 0, end: 1, children: [{ type: 'body', children: null }] }) } as unknown as HclSyntaxParser;
  const m2 = parseTerraformModule([{ path: 'a.tf', text: 'x = 1' }], malformed);
  assert.match(m2.problems[0]!.message, /could not read this Terraform module/);
  assert.equal(m2.resources.size, 0);
});

test('deep nesting is cut, so walks over the tree stay bounded', async () => {
  const parser = await hclParser();
  const root = parser.parse(`x = ${'['.repeat(2000)}${']'.repeat(2000)}\n`);
  assert.ok(depth(root) <= 260, `depth ${depth(root)}`);
});

test('the .wasm files are found in a given folder (a bundle ships them beside its script), or with a clear error', () => {
  const { locateWasm, RUNTIME_WASM, GRAMMAR_WASM } = hclParserModule;
  const fromPackages = [locateWasm(RUNTIME_WASM, 'web-tree-sitter'), locateWasm(GRAMMAR_WASM, '@tree-sitter-grammars/tree-sitter-hcl')];
  assert.ok(fromPackages[0]!.endsWith(join('web-tree-sitter', 'web-tree-sitter.wasm')));
  assert.ok(fromPackages[1]!.endsWith(join('tree-sitter-hcl', 'tree-sitter-terraform.wasm')));
  const dir = mkdtempSync(join(tmpdir(), 'scalelint-wasm-'));
  try {
    copyFileSync(fromPackages[0]!, join(dir, RUNTIME_WASM));
    copyFileSync(fromPackages[1]!, join(dir, GRAMMAR_WASM));
    assert.equal(locateWasm(RUNTIME_WASM, 'web-tree-sitter', { wasmDir: dir }), join(dir, RUNTIME_WASM));
    assert.equal(locateWasm(GRAMMAR_WASM, '@tree-sitter-grammars/tree-sitter-hcl', { wasmDir: dir }), join(dir, GRAMMAR_WASM));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  assert.throws(() => locateWasm('nope.wasm', 'no-such-package'), /cannot find nope\.wasm/);
});

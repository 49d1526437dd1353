/**
 * The import map, as tests: the engine is pure (no editor, LSP or Node import, nothing from outside
 * server/src/engine); everyone else reaches it through its faces (engine/index.ts, engine/capacity/index.ts,
 * engine/simulate/index.ts); and no arrow runs from a lower layer back up (engine < node < cli, lsp;
 * protocol.ts is shared by the language server and the client and imports nothing).
 * Run: node --import tsx --test test/unit/faces.test.ts
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { dirname, join, relative, resolve, sep } from 'node:path';

const ROOT = join(__dirname, '..', '..');
const ENGINE = 'server/src/engine';
const FACES = ['server/src/engine/index.ts', 'server/src/engine/capacity/index.ts', 'server/src/engine/simulate/index.ts'];

/** Imports past the faces that are known and owned elsewhere, each with its reason. */
const KNOWN_EXCEPTIONS: Record<string, { to: string; why: string }[]> = {
  'server/src/node/hcl-parser.ts': [{ to: 'server/src/engine/sources/terraform/syntax.ts', why: 'types of the tree-sitter bridge (the Terraform source owns both files)' }],
  // Build-time generators read what the engine keeps to itself: they write its docs, schema and validators.
  'scripts/gen-docs.ts': [{ to: 'server/src/engine/config-schema.ts', why: 'the config schema and which rule owns each setting, rendered into docs/rules.md and schemas/' }],
  'scripts/build-validators.ts': [{ to: 'server/src/engine/schema/registry.ts', why: 'the Ajv options and validator sources compiled ahead of time into server/out/validators/' }],
};

function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const name of readdirSync(d).sort()) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else if (/\.(ts|mjs)$/.test(name) && !/\.d\.ts$/.test(name)) out.push(relative(ROOT, p).split(sep).join('/'));
    }
  };
  walk(join(ROOT, dir));
  return out;
}

/** Every module a file names: static and type imports, re-exports, `import()` and `require()`. */
function specifiers(text: string): string[] {
  const code = text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:'"`])\/\/.*$/gm, '$1');
  const found: string[] = [];
  const patterns = [/\b(?:import|export)\s[^'";]*?\bfrom\s*['"]([^'"]+)['"]/g, /\bimport\s*['"]([^'"]+)['"]/g, /\b(?:import|require)\s*\(\s*['"]([^'"]+)['"]\s*\)/g];
  for (const re of patterns) for (const m of code.matchAll(re)) found.push(m[1]);
  return found;
}

/** A relative specifier → the repository path of the file it loads (undefined for packages). */
function target(file: string, spec: string): string | undefined {
  if (!spec.startsWith('.')) return undefined;
  const base = resolve(ROOT, dirname(file), spec);
  for (const candidate of [base, `${base}.ts`, join(base, 'index.ts')]) {
    if (existsSync(candidate) && statSync(candidate).isFile()) return relative(ROOT, candidate).split(sep).join('/');
  }
  return relative(ROOT, base).split(sep).join('/');
}

interface Import {
  file: string;
  spec: string;
  to?: string;
}

function importsOf(dir: string): Import[] {
  return sourceFiles(dir).flatMap((file) => specifiers(readFileSync(join(ROOT, file), 'utf8')).map((spec) => ({ file, spec, to: target(file, spec) })));
}

const NODE_BUILTINS = new Set(builtinModules);
const isNodeBuiltin = (spec: string) => spec.startsWith('node:') || NODE_BUILTINS.has(spec.split('/')[0]);
const isEditorOrLsp = (spec: string) => spec === 'vscode' || spec.startsWith('vscode-languageserver') || spec.startsWith('vscode-languageclient') || spec.startsWith('vscode-jsonrpc');
const within = (path: string | undefined, dir: string) => !!path && (path === dir || path.startsWith(`${dir}/`));
const show = (list: Import[]) => list.map((i) => `${i.file}: ${i.spec}`).join('\n');

test('the engine is pure: no editor, LSP or Node import, nothing from outside server/src/engine', () => {
  const imports = importsOf(ENGINE);
  assert.ok(imports.length > 100, 'the engine was read');
  const impure = imports.filter((i) => isEditorOrLsp(i.spec) || isNodeBuiltin(i.spec) || (i.to !== undefined && !within(i.to, ENGINE)));
  assert.equal(show(impure), '');
});

test('outside the engine, code reaches it only through its faces', () => {
  const outsiders = [...importsOf('server/src').filter((i) => !within(i.file, ENGINE)), ...importsOf('client/src')];
  const inside = outsiders.filter((i) => within(i.to, ENGINE) && !FACES.includes(i.to!));
  const unknown = inside.filter((i) => !KNOWN_EXCEPTIONS[i.file]?.some((e) => e.to === i.to));
  assert.equal(show(unknown), '');
});

test('scripts/ reach the engine only through its faces (build-time generators excepted, each with its reason)', () => {
  const imports = importsOf('scripts');
  assert.ok(imports.some((i) => within(i.to, ENGINE)), 'the scripts were read');
  const inside = imports.filter((i) => within(i.to, ENGINE) && !FACES.includes(i.to!));
  const unknown = inside.filter((i) => !KNOWN_EXCEPTIONS[i.file]?.some((e) => e.to === i.to));
  assert.equal(show(unknown), '');
  // Nothing in server/ or client/ imports a script: tools sit above everything they read.
  const intoScripts = [...importsOf('server/src'), ...importsOf('client/src')].filter((i) => within(i.to, 'scripts'));
  assert.equal(show(intoScripts), '');
});

test('no import runs from a lower layer back up: engine < node < cli, lsp; protocol.ts imports nothing', () => {
  const layers: { dir: string; may: string[] }[] = [
    { dir: 'server/src/node', may: [ENGINE, 'server/src/node'] },
    { dir: 'server/src/cli', may: [ENGINE, 'server/src/node', 'server/src/cli'] },
    { dir: 'server/src/lsp', may: [ENGINE, 'server/src/node', 'server/src/lsp', 'server/src/protocol.ts'] },
    { dir: 'client/src', may: [ENGINE, 'server/src/protocol.ts', 'client/src'] },
  ];
  for (const { dir, may } of layers) {
    const upward = importsOf(dir).filter((i) => i.to !== undefined && !may.some((d) => within(i.to, d)));
    assert.equal(show(upward), '', `${dir} imports only from ${may.join(', ')}`);
  }
  assert.deepEqual(specifiers(readFileSync(join(ROOT, 'server/src/protocol.ts'), 'utf8')), []);
});

test('only the language server imports vscode-languageserver; the CLI and node/ import no editor package', () => {
  const outside = [...importsOf('server/src'), ...importsOf('client/src')].filter((i) => i.spec.startsWith('vscode-languageserver') && !within(i.file, 'server/src/lsp'));
  assert.equal(show(outside), '');
  const editorInWings = [...importsOf('server/src/cli'), ...importsOf('server/src/node')].filter((i) => isEditorOrLsp(i.spec));
  assert.equal(show(editorInWings), '');
});

test('the faces exist, and every wing folder is where the layout says', () => {
  for (const path of [...FACES, 'server/src/protocol.ts', 'server/src/lsp/server.ts', 'server/src/cli/main.ts', 'server/src/node/lint-worker.ts']) {
    assert.ok(existsSync(join(ROOT, path)), path);
  }
  const loose = readdirSync(join(ROOT, 'server/src')).filter((name) => name.endsWith('.ts') && name !== 'protocol.ts');
  assert.deepEqual(loose, [], 'server/src holds the wings, the engine and protocol.ts only');
});

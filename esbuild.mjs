// Bundles the extension client, the language server, the CLI and the calculator webview (one esbuild script, as vscode-eslint does).
import { build } from 'esbuild';
import { spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, existsSync, mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

const watch = process.argv.includes('--watch');
const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: true,
  logLevel: 'warning',
  minify: process.argv.includes('--minify'),
  // yaml's ES module build (the same code as its CommonJS build): bundled as ESM, its functions are called
  // directly; through the CommonJS interop every isMap/isScalar call went through a getter (~6 % of a lint).
  alias: { yaml: './node_modules/yaml/browser/index.js' },
};

/**
 * The engine is pure and so is yaml: importing one of their modules does nothing but define things. Said to
 * esbuild, it drops every module the webview does not use, even when a face it imports re-exports it
 * (engine/capacity/index.ts re-exports the panel's manifest editing, which needs the YAML parser).
 */
const PURE_MODULES = /[\\/](server[\\/]src[\\/]engine|node_modules[\\/]yaml)[\\/].*\.[cm]?[jt]s$/;
const pureEngine = {
  name: 'pure-engine',
  setup(build) {
    build.onResolve({ filter: /.*/ }, async (args) => {
      if (args.pluginData === pureEngine) return undefined;
      const resolved = await build.resolve(args.path, { importer: args.importer, resolveDir: args.resolveDir, kind: args.kind, pluginData: pureEngine });
      return !resolved.errors.length && PURE_MODULES.test(resolved.path) ? { path: resolved.path, sideEffects: false } : undefined;
    });
  },
};

const entries = [
  // The wings' entries; the bundles stay side by side in server/out/, where `__dirname` finds schemas/,
  // validators/ and lint-worker.js.
  { entryPoints: ['server/src/lsp/server.ts'], outfile: 'server/out/server.js' },
  { entryPoints: ['server/src/cli/main.ts'], outfile: 'server/out/cli.js', banner: { js: '#!/usr/bin/env node' } },
  { entryPoints: ['server/src/node/lint-worker.ts'], outfile: 'server/out/lint-worker.js' },
  { entryPoints: ['client/src/extension.ts'], outfile: 'client/out/extension.js', external: ['vscode'] },
  // The calculator panel's webview: a browser script (and calculator.css from its import).
  { entryPoints: ['client/src/calculator/webview/main.ts'], outfile: 'client/out/calculator.js', platform: 'browser', format: 'iife', target: 'es2022', plugins: [pureEngine] },
].filter((e) => existsSync(e.entryPoints[0]));

// The extension-host test suite (test/e2e/suite): index.js and one file per *.test.ts; mocha and vscode are
// loaded at run time in the extension host.
const suiteDir = 'test/e2e/suite';
const suiteFiles = existsSync(suiteDir) ? readdirSync(suiteDir).filter((f) => f === 'index.ts' || f.endsWith('.test.ts')) : [];
if (suiteFiles.length) {
  entries.push({ entryPoints: suiteFiles.map((f) => `${suiteDir}/${f}`), outdir: 'test/e2e/out/suite', external: ['vscode', 'mocha'] });
}

await Promise.all(entries.map((e) => build({ ...common, ...e })));
if (existsSync('server/out/cli.js')) chmodSync('server/out/cli.js', 0o755);
// The Terraform parser's WebAssembly (the runtime and the HCL grammar), beside the bundles that load it
// (server/src/node/hcl-parser.ts looks there first).
{
  const wasm = [
    ['web-tree-sitter', 'web-tree-sitter.wasm'],
    ['@tree-sitter-grammars/tree-sitter-hcl', 'tree-sitter-terraform.wasm'],
  ];
  mkdirSync('server/out', { recursive: true });
  for (const [pkg, file] of wasm) {
    const dir = join('node_modules', pkg);
    const found = [join(dir, file), join(dir, 'debug', file), join(dir, 'lib', file)].find((p) => existsSync(p));
    if (found) copyFileSync(found, join('server/out', file));
    else {
      console.error(`build: ${file} not found in ${pkg}`);
      process.exitCode = 1;
    }
  }
}
// Schema validators compiled ahead of time (server/out/validators): no Ajv compile on the first document.
if (existsSync('scripts/build-validators.ts')) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/build-validators.ts'], { stdio: 'inherit' });
  if (r.status !== 0) process.exitCode = r.status ?? 1;
}
if (watch) console.log('watch mode is not supported; rerun npm run build');

// Bundles the extension client, the language server, the CLI and the calculator webview (one esbuild script, as vscode-eslint does).
import { build } from 'esbuild';
import { chmodSync, existsSync } from 'node:fs';

const watch = process.argv.includes('--watch');
const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: true,
  logLevel: 'warning',
  minify: process.argv.includes('--minify'),
};

const entries = [
  { entryPoints: ['server/src/server.ts'], outfile: 'server/out/server.js' },
  { entryPoints: ['server/src/cli.ts'], outfile: 'server/out/cli.js', banner: { js: '#!/usr/bin/env node' } },
  { entryPoints: ['client/src/extension.ts'], outfile: 'client/out/extension.js', external: ['vscode'] },
  // The calculator panel's webview: a browser script (and calculator.css from its import).
  { entryPoints: ['client/src/calculator/webview/main.ts'], outfile: 'client/out/calculator.js', platform: 'browser', format: 'iife', target: 'es2022' },
].filter((e) => existsSync(e.entryPoints[0]));

await Promise.all(entries.map((e) => build({ ...common, ...e })));
if (existsSync('server/out/cli.js')) chmodSync('server/out/cli.js', 0o755);
if (watch) console.log('watch mode is not supported; rerun npm run build');

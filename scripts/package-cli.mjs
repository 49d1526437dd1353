#!/usr/bin/env node
/**
 * `npm run package:cli`: the CLI's own npm package, `scalelint-<version>.tgz` — the bundled CLI, its lint
 * thread and precompiled validators, the schemas, README and licence; nothing of the editor extension, no
 * tests, no dependencies (everything it runs is in the bundles). `npm install -g scalelint-<version>.tgz`
 * and `npx --package=./scalelint-<version>.tgz scalelint` run it on a machine with only Node 20.
 *   node scripts/package-cli.mjs [--out FOLDER]   (after `npm run build`; npm run package:cli builds first)
 */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const root = resolve(new URL('..', import.meta.url).pathname);
const outIndex = process.argv.indexOf('--out');
const outDir = resolve(outIndex >= 0 ? process.argv[outIndex + 1] : root);
const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));

/** What the CLI loads at run time, relative to the package root (the same layout as in the repository). */
const FILES = ['server/out/cli.js', 'server/out/lint-worker.js', 'server/out/web-tree-sitter.wasm', 'server/out/tree-sitter-terraform.wasm', 'server/out/validators', 'schemas', 'LICENSE'];

for (const f of FILES) {
  if (!existsSync(join(root, f))) {
    console.error(`package:cli: ${f} is missing; run npm run build first.`);
    process.exit(1);
  }
}

const stage = mkdtempSync(join(tmpdir(), 'scalelint-cli-package-'));
try {
  // Schemas and validators: the data files only (npm would add any README in them).
  const data = (src) => !/\.(md|txt)$/i.test(src) || src === join(root, 'LICENSE');
  for (const f of FILES) cpSync(join(root, f), join(stage, f), { recursive: true, filter: data });
  writeFileSync(join(stage, 'README.md'), cliReadme());
  const pkg = {
    name: manifest.name,
    version: manifest.version,
    description: 'Lint autoscaling configuration in CI: Kubernetes HPAs and the workloads they scale, PDBs, KEDA ScaledObjects, CloudFormation Auto Scaling groups.',
    license: manifest.license,
    repository: manifest.repository,
    homepage: manifest.homepage,
    bugs: manifest.bugs,
    keywords: manifest.keywords,
    engines: { node: manifest.engines.node },
    bin: { scalelint: 'server/out/cli.js' },
    files: ['server/out/cli.js', 'server/out/lint-worker.js', 'server/out/web-tree-sitter.wasm', 'server/out/tree-sitter-terraform.wasm', 'server/out/validators/', 'schemas/', 'README.md', 'LICENSE'],
  };
  writeFileSync(join(stage, 'package.json'), JSON.stringify(pkg, null, 2) + '\n');
  mkdirSync(outDir, { recursive: true });
  const r = spawnSync('npm', ['pack', '--silent', '--pack-destination', outDir], { cwd: stage, encoding: 'utf8' });
  if (r.status !== 0) {
    console.error(`package:cli: npm pack failed:\n${r.stdout}${r.stderr}`);
    process.exit(1);
  }
  const tarball = join(outDir, r.stdout.trim().split('\n').pop());
  console.log(tarball);
} finally {
  rmSync(stage, { recursive: true, force: true });
}

/** The package's README: the CLI part of the repository's README (its sections from "The command line" to "The rules"). */
function cliReadme() {
  const readme = readFileSync(join(root, 'README.md'), 'utf8');
  const start = readme.indexOf('## The command line');
  const end = readme.indexOf('\n## ', start + 1);
  const body = start >= 0 ? readme.slice(start, end >= 0 ? end : undefined).trim() : '';
  return `# scalelint\n\n${pkgIntro()}\n\n\`\`\`sh\nnpm install -g scalelint   # or: npx scalelint …\nscalelint deploy/\n\`\`\`\n\n${body}\n\nThe rules, their reasoning and examples: ${manifest.homepage.replace(/#readme$/, '')}/blob/main/docs/rules.md\n`;
}

function pkgIntro() {
  return 'The command line of ScaleLint: lints autoscaling configuration before it ships — HA minimum ≥ 2, bounded maximum, scale-down slower than scale-up, scale-up fast enough (simulated with a model of the HPA controller), resource requests set, health checks present, and more. The same engine as the ScaleLint VS Code extension. Needs Node 20 or later; no other dependency.';
}

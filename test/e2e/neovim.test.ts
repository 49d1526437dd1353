/**
 * The server in another real editor: Debian's Neovim 0.7, headless, starts `node server/out/server.js
 * --stdio` through its built-in LSP client (test/e2e/neovim/init.lua), opens a fixture and reports the
 * diagnostics and code actions it received. Proves plain LSP over stdio, not only vscode-languageclient.
 * Needs the build (`npm run build`) and `nvim` (installed with apt-get when running as root).
 * Run: node --import tsx --test test/e2e/neovim.test.ts
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureAptPackages, RUNTIME_PACKAGES, which } from './prereqs';

const ROOT = join(__dirname, '..', '..');
const SERVER = join(ROOT, 'server', 'out', 'server.js');
const WORKSPACE = join(ROOT, 'test', 'e2e', 'workspace');

interface NvimDiagnostic {
  code: string;
  lnum: number;
  col: number;
  end_lnum: number;
  end_col: number;
  severity: number;
  source: string;
  message: string;
}

interface NvimReport {
  got: boolean;
  diagnostics: NvimDiagnostic[];
  actions: { title: string; kind: string; isPreferred: boolean }[];
  log: string[];
}

function runNeovim(file: string): NvimReport {
  assert.ok(existsSync(SERVER), `${SERVER} is missing: run \`npm run build\` first.`);
  ensureAptPackages(RUNTIME_PACKAGES.filter((p) => p.pkg === 'neovim'));
  const nvim = which('nvim')!;
  const scratch = mkdtempSync(join(tmpdir(), 'scalelint-nvim-'));
  try {
    const out = join(scratch, 'report.json');
    for (const d of ['data', 'cache', 'state', 'config']) mkdirSync(join(scratch, d));
    const r = spawnSync(nvim, ['--headless', '--clean', '-n', '-i', 'NONE', '-u', join(__dirname, 'neovim', 'init.lua'), file], {
      cwd: WORKSPACE,
      encoding: 'utf8',
      timeout: 60_000,
      env: {
        ...process.env,
        XDG_DATA_HOME: join(scratch, 'data'),
        XDG_CACHE_HOME: join(scratch, 'cache'),
        XDG_STATE_HOME: join(scratch, 'state'),
        XDG_CONFIG_HOME: join(scratch, 'config'),
        SCALELINT_NODE: process.execPath,
        SCALELINT_SERVER: SERVER,
        SCALELINT_ROOT: WORKSPACE,
        SCALELINT_OUT: out,
      },
    });
    const said = `nvim exit ${r.status ?? r.signal}${r.error ? ` (${r.error.message})` : ''}\nstdout: ${r.stdout}\nstderr: ${r.stderr}`;
    assert.ok(existsSync(out), `Neovim wrote no report. ${said}`);
    const report = JSON.parse(readFileSync(out, 'utf8')) as NvimReport;
    assert.equal(r.status, 0, `Neovim got no diagnostics in time: ${JSON.stringify(report)}\n${said}`);
    return report;
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

test('Neovim 0.7 gets ScaleLint diagnostics and code actions over stdio', () => {
  const report = runNeovim(join(WORKSPACE, 'orders-hpa.yaml'));
  for (const d of report.diagnostics) console.log(`  nvim: ${d.lnum + 1}:${d.col + 1}-${d.end_lnum + 1}:${d.end_col + 1} ${d.code} ${d.message}`);
  for (const a of report.actions) console.log(`  nvim code action: ${a.title}${a.isPreferred ? ' (preferred)' : ''}`);
  // 0-based, as Neovim holds them; the same findings the CLI reports at 12:16 and 23:35.
  assert.deepEqual(
    report.diagnostics.map((d) => [d.code, d.lnum, d.col, d.end_lnum, d.end_col, d.source]),
    [
      ['min-replicas', 11, 15, 11, 16, 'scalelint'],
      ['scale-down-stabilization', 22, 34, 22, 36, 'scalelint'],
    ],
  );
  assert.equal(report.diagnostics[0].severity, 2); // vim.diagnostic.severity.WARN
  assert.equal(report.diagnostics[0].message, 'minReplicas is 1; the HA floor is 2.');
  assert.deepEqual(report.actions, [
    { title: 'Set minReplicas to 2', kind: 'quickfix', isPreferred: true },
    { title: 'Disable min-replicas for this line', kind: 'quickfix', isPreferred: false },
  ]);
});

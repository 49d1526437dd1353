/**
 * What the real-editor tests need from the machine, and how they get it: Debian packages (installed with
 * apt-get when running as root), and code-server, installed with npm into a cache folder outside the
 * extension's own dependencies. Anything that cannot be had becomes a `MissingPrerequisite` naming it and
 * the command that provides it.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

export const CODE_SERVER_VERSION = '4.100.3';
/** @vscode/ripgrep's postinstall looks for this cache file before it downloads (version from code-server 4.100.3's lock). */
const RIPGREP_CACHE = { dir: 'vscode-ripgrep-cache-1.15.11', version: 'v13.0.0-10' };

export class MissingPrerequisite extends Error {
  constructor(what: string, command: string) {
    super(`${what} is missing. Provide it with:\n    ${command}`);
    this.name = 'MissingPrerequisite';
  }
}

export interface AptNeed {
  /** Debian package name. */
  pkg: string;
  /** Why the tests need it (printed when it is installed or missing). */
  why: string;
  /** A file the package provides; its presence counts as installed (other distributions, hand installs). */
  provides?: string;
}

export const CHROMIUM = '/usr/bin/chromium';

export const RUNTIME_PACKAGES: AptNeed[] = [
  { pkg: 'chromium', why: 'the browser that drives code-server', provides: CHROMIUM },
  { pkg: 'neovim', why: 'the second LSP client (Neovim over stdio)', provides: 'nvim' },
  { pkg: 'pre-commit', why: 'the pre-commit hook test (test/cli/pre-commit.test.ts)', provides: 'pre-commit' },
];

/** Only needed while code-server is being installed: its native modules build against them. */
export const CODE_SERVER_BUILD_PACKAGES: AptNeed[] = [
  { pkg: 'ripgrep', why: "code-server's @vscode/ripgrep (Debian's rg stands in for the download)", provides: 'rg' },
  { pkg: 'libkrb5-dev', why: "code-server's kerberos module" },
  { pkg: 'libx11-dev', why: "code-server's native-keymap module" },
  { pkg: 'libxkbfile-dev', why: "code-server's native-keymap module" },
  { pkg: 'libsecret-1-dev', why: "code-server's keytar module" },
  { pkg: 'pkg-config', why: "building code-server's native modules" },
];

export function log(message: string): void {
  process.stderr.write(`[e2e] ${message}\n`);
}

export function which(command: string): string | undefined {
  if (command.startsWith('/')) return existsSync(command) ? command : undefined;
  for (const dir of (process.env.PATH ?? '').split(':')) {
    if (dir && existsSync(join(dir, command))) return join(dir, command);
  }
  return undefined;
}

function dpkgInstalled(pkg: string): boolean {
  const r = spawnSync('dpkg-query', ['-W', '-f=${Status}', pkg], { encoding: 'utf8' });
  return r.status === 0 && r.stdout.includes('install ok installed');
}

function present(need: AptNeed): boolean {
  return need.provides ? which(need.provides) !== undefined : dpkgInstalled(need.pkg);
}

/** SCALELINT_E2E_NO_INSTALL=1: report what is missing, install nothing. */
const noInstall = () => process.env.SCALELINT_E2E_NO_INSTALL === '1';
const isRoot = () => typeof process.getuid === 'function' && process.getuid() === 0;
let aptUpdated = false;

/**
 * Makes sure every package of `needs` is there: installs the missing ones with apt-get when running as
 * root (non-interactive), else throws naming them and the command.
 */
export function ensureAptPackages(needs: AptNeed[]): void {
  const missing = needs.filter((n) => !present(n));
  if (missing.length === 0) return;
  const names = missing.map((n) => n.pkg);
  const command = `sudo apt-get update && sudo apt-get install -y ${names.join(' ')}`;
  const what = missing.map((n) => `${n.pkg} (${n.why})`).join(', ');
  if (!isRoot() || !which('apt-get') || noInstall()) throw new MissingPrerequisite(`Debian package${missing.length > 1 ? 's' : ''} ${what}`, command);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  const wait = ['-o', 'DPkg::Lock::Timeout=600']; // another apt-get on the machine: wait for it, do not fail
  if (!aptUpdated) {
    log('apt-get update');
    const update = spawnSync('apt-get', [...wait, 'update', '-qq'], { stdio: ['ignore', 'inherit', 'inherit'], env });
    if (update.status !== 0) throw new MissingPrerequisite(`Debian package${missing.length > 1 ? 's' : ''} ${what} (apt-get update failed)`, command);
    aptUpdated = true;
  }
  log(`apt-get install ${names.join(' ')}`);
  const install = spawnSync('apt-get', [...wait, 'install', '-y', '-qq', '--no-install-recommends', ...names], { stdio: ['ignore', 'inherit', 'inherit'], env });
  const still = missing.filter((n) => !present(n));
  if (install.status !== 0 || still.length > 0) {
    throw new MissingPrerequisite(`Debian packages ${still.map((n) => n.pkg).join(' ') || names.join(' ')} (apt-get install failed)`, command);
  }
}

export function cacheRoot(): string {
  return process.env.SCALELINT_E2E_CACHE ?? join(process.env.XDG_CACHE_HOME ?? join(homedir(), '.cache'), 'scalelint-e2e');
}

export function codeServerDir(): string {
  return join(cacheRoot(), `code-server-${CODE_SERVER_VERSION}`);
}

/** The script code-server's `bin` points at; run with this Node. */
export function codeServerEntry(dir = codeServerDir()): string {
  return join(dir, 'node_modules', 'code-server', 'out', 'node', 'entry.js');
}

const installedMarker = (dir: string) => join(dir, '.installed');

function ripgrepTarget(): string {
  if (process.arch === 'x64') return 'x86_64-unknown-linux-musl';
  if (process.arch === 'arm64') return 'aarch64-unknown-linux-musl';
  throw new MissingPrerequisite(`code-server for ${process.arch} (the e2e installer knows x64 and arm64 only)`, 'SCALELINT_E2E=electron npm run test:e2e   # on a machine that can download VS Code');
}

/**
 * Installs code-server into the cache once (a later run reuses it). Installed into a private folder
 * first and renamed at the end, so an interrupted or concurrent install never leaves a half one behind.
 */
export function ensureCodeServer(): string {
  const dir = codeServerDir();
  if (existsSync(installedMarker(dir)) && existsSync(codeServerEntry(dir))) return dir;
  if (noInstall()) throw new MissingPrerequisite(`code-server@${CODE_SERVER_VERSION} (in ${dir})`, 'npm run test:e2e:prepare');
  if (!which('npm')) throw new MissingPrerequisite('npm (to install code-server)', 'apt-get install -y npm');
  ensureAptPackages(CODE_SERVER_BUILD_PACKAGES);
  const work = join(cacheRoot(), `.install-${process.pid}-${Date.now()}`);
  const tmp = join(work, 'tmp');
  const rgCache = join(tmp, RIPGREP_CACHE.dir);
  mkdirSync(rgCache, { recursive: true });
  // @vscode/ripgrep downloads ripgrep in its postinstall unless this archive is in $TMPDIR: build it from Debian's rg.
  const rgDir = join(work, 'rg');
  mkdirSync(rgDir);
  copyFileSync(which('rg')!, join(rgDir, 'rg'));
  const archive = join(rgCache, `ripgrep-${RIPGREP_CACHE.version}-${ripgrepTarget()}.tar.gz`);
  const tar = spawnSync('tar', ['-czf', archive, '-C', rgDir, 'rg'], { stdio: 'inherit' });
  if (tar.status !== 0) throw new MissingPrerequisite('tar (to stage ripgrep for code-server)', 'apt-get install -y tar gzip');
  const target = join(work, 'pkg');
  mkdirSync(target);
  writeFileSync(join(target, 'package.json'), JSON.stringify({ name: 'scalelint-e2e-code-server', private: true }, null, 2));
  log(`installing code-server@${CODE_SERVER_VERSION} into ${dir} (once; about a minute)`);
  const env = {
    ...process.env,
    TMPDIR: tmp,
    npm_config_unsafe_perm: 'true', // root: let the install scripts run as root
    npm_config_yes: 'true', // node-pty's install script runs `npx node-gyp`
    npm_config_audit: 'false',
    npm_config_fund: 'false',
    npm_config_update_notifier: 'false',
  };
  const npm = spawnSync('npm', ['install', '--no-save', '--no-package-lock', `code-server@${CODE_SERVER_VERSION}`], {
    cwd: target,
    env,
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  if (npm.status !== 0 || !existsSync(codeServerEntry(target))) {
    rmSync(work, { recursive: true, force: true });
    throw new MissingPrerequisite(
      `code-server@${CODE_SERVER_VERSION} (npm install failed, see above)`,
      `npm install --prefix ${dir} code-server@${CODE_SERVER_VERSION}   # as root with npm_config_unsafe_perm=true npm_config_yes=true`,
    );
  }
  writeFileSync(installedMarker(target), `code-server@${CODE_SERVER_VERSION}\n`);
  try {
    renameSync(target, dir);
  } catch {
    // another run finished first: keep its install
    if (!existsSync(installedMarker(dir))) {
      rmSync(dir, { recursive: true, force: true });
      renameSync(target, dir);
    }
  }
  rmSync(work, { recursive: true, force: true });
  return dir;
}

/**
 * The e2e launcher's prerequisite checks: what is present passes, what is missing and cannot be installed
 * fails naming the package and the command that provides it.
 * Run: node --import tsx --test test/e2e/prereqs.test.ts
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureAptPackages, ensureCodeServer, MissingPrerequisite } from './prereqs';

function withEnv<T>(env: Record<string, string>, run: () => T): T {
  const before = Object.fromEntries(Object.keys(env).map((k) => [k, process.env[k]]));
  Object.assign(process.env, env);
  try {
    return run();
  } finally {
    for (const [k, v] of Object.entries(before)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  }
}

test('a package whose file is there counts as installed', () => {
  ensureAptPackages([{ pkg: 'node-is-here', why: 'test', provides: process.execPath }]);
});

test('a missing package that may not be installed fails naming it and the apt-get command', () => {
  withEnv({ SCALELINT_E2E_NO_INSTALL: '1' }, () => {
    assert.throws(
      () => ensureAptPackages([{ pkg: 'scalelint-absent-package', why: 'the test needs it', provides: '/nonexistent/scalelint-absent' }]),
      (err: unknown) => {
        assert.ok(err instanceof MissingPrerequisite);
        assert.match(err.message, /^Debian package scalelint-absent-package \(the test needs it\) is missing\. Provide it with:\n {4}sudo apt-get update && sudo apt-get install -y scalelint-absent-package$/);
        return true;
      },
    );
  });
});

test('code-server missing from the cache, installs not allowed: fails naming the prepare command', () => {
  const cache = mkdtempSync(join(tmpdir(), 'scalelint-e2e-cache-'));
  try {
    withEnv({ SCALELINT_E2E_NO_INSTALL: '1', SCALELINT_E2E_CACHE: cache }, () => {
      assert.throws(() => ensureCodeServer(), (err: unknown) => {
        assert.ok(err instanceof MissingPrerequisite);
        assert.match(err.message, /code-server@4\.100\.3 \(in .*scalelint-e2e-cache-.*\) is missing\. Provide it with:\n {4}npm run test:e2e:prepare$/);
        return true;
      });
    });
  } finally {
    rmSync(cache, { recursive: true, force: true });
  }
});

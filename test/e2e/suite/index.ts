/**
 * The extension-host test suite's entry (`extensionTestsPath`): VS Code, or code-server, loads this module
 * in the extension host and calls `run()`; the test files next to it (`*.test.js` once built) use the real
 * VS Code API against the workspace the launcher opened (a copy of test/e2e/workspace).
 * Add a test: a new `<name>.test.ts` here; esbuild.mjs builds it and run() finds it.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import Mocha from 'mocha';
import { START_LINE, SUMMARY_PREFIX } from '../markers';

export function run(): Promise<void> {
  const mocha = new Mocha({ ui: 'tdd', color: false, timeout: 60_000, reporter: 'spec' });
  const grep = process.env.SCALELINT_E2E_GREP;
  if (grep) mocha.grep(grep);
  const files = readdirSync(__dirname).filter((f) => f.endsWith('.test.js')).sort();
  if (files.length === 0) return Promise.reject(new Error(`No *.test.js files next to ${__filename}: run \`npm run build\` first.`));
  for (const f of files) mocha.addFile(join(__dirname, f));
  console.log(START_LINE);
  return new Promise((resolve, reject) => {
    try {
      const runner = mocha.run((failures) => {
        const passed = runner.stats?.passes ?? 0;
        console.log(`${SUMMARY_PREFIX} passed=${passed} failed=${failures} pending=${runner.stats?.pending ?? 0}`);
        if (failures > 0) reject(new Error(`${failures} of ${passed + failures} extension-host tests failed.`));
        else if (passed === 0) reject(new Error('No extension-host test ran.'));
        else resolve();
      });
    } catch (err) {
      reject(err instanceof Error ? err : new Error(String(err)));
    }
  });
}

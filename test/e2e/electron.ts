/**
 * Launcher (a): the same extension-host suite in a desktop VS Code, through @vscode/test-electron (2.5.x:
 * later majors need Node 22). It downloads a VS Code build into .vscode-test/ unless
 * SCALELINT_VSCODE_EXECUTABLE names one; on Linux without a display, run it under xvfb-run.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { runTests, TestRunFailedError } from '@vscode/test-electron';
import { copyWorkspace } from './code-server';
import { MissingPrerequisite } from './prereqs';

export async function runSuiteInElectron(root: string, scratch: string): Promise<number> {
  const workspace = copyWorkspace(root, scratch, 'workspace-suite');
  const userData = join(scratch, 'user-data');
  mkdirSync(userData, { recursive: true });
  const executable = process.env.SCALELINT_VSCODE_EXECUTABLE;
  try {
    return await runTests({
      extensionDevelopmentPath: root,
      extensionTestsPath: join(root, 'test', 'e2e', 'out', 'suite', 'index.js'),
      ...(executable ? { vscodeExecutablePath: executable } : { version: process.env.SCALELINT_VSCODE_VERSION ?? 'stable' }),
      launchArgs: [workspace, '--disable-extensions', '--disable-workspace-trust', '--skip-welcome', '--skip-release-notes', `--user-data-dir=${userData}`],
    });
  } catch (err) {
    // The suite ran and failed (or VS Code died): a test failure, not a missing prerequisite.
    if (err instanceof TestRunFailedError) return err.code ?? 1;
    const reason = err instanceof Error ? err.message : String(err);
    if (!executable && /ENOTFOUND|EAI_AGAIN|ECONNREFUSED|ETIMEDOUT|getaddrinfo|Failed to get|download/i.test(reason)) {
      throw new MissingPrerequisite(
        `A desktop VS Code (the download failed: ${reason})`,
        'SCALELINT_E2E=electron SCALELINT_VSCODE_EXECUTABLE=/path/to/code npm run test:e2e   # or run where VS Code can be downloaded, or use the default launcher: npm run test:e2e',
      );
    }
    throw err;
  }
}

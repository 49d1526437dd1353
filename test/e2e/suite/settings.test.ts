/** `scalelint.*` settings in a real editor: unset means the engine's default; a change re-lints open files. */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activateExtension, openFixture, resetEditors, waitForExactly } from './helpers';

suite('Settings', () => {
  suiteSetup(activateExtension);
  teardown(resetEditors);

  test('unset settings read as the engine defaults (VS Code would otherwise answer 0)', () => {
    const config = vscode.workspace.getConfiguration('scalelint');
    assert.equal(config.get('enable'), true);
    assert.equal(config.get('minReplicasFloor'), 2);
    assert.equal(config.get('maxReplicasCeiling'), null);
    assert.equal(config.get('scaleUpWithinSeconds'), 120);
    assert.equal(config.get('scaleDownWindowSeconds'), 300);
    assert.equal(config.get('minHysteresis'), 20);
    assert.equal(config.get('maxFileSizeBytes'), 8 * 1024 * 1024);
    assert.deepEqual(config.get('utilizationTargets'), { cpu: { min: 50, max: 80 }, memory: { min: 60, max: 85 } });
  });

  test('a workspace setting applies to open files at once; .scalelint.yaml keys still win', async () => {
    const editor = await openFixture('orders-hpa.yaml');
    const uri = editor.document.uri;
    await waitForExactly(uri, ['min-replicas 12:16-12:17', 'scale-down-stabilization 23:35-23:37']);
    const config = vscode.workspace.getConfiguration('scalelint');
    try {
      await config.update('minReplicasFloor', 1, vscode.ConfigurationTarget.Workspace);
      // The config file sets scaleDownWindowSeconds: 300, so this setting of 30 does not apply.
      await config.update('scaleDownWindowSeconds', 30, vscode.ConfigurationTarget.Workspace);
      await waitForExactly(uri, ['scale-down-stabilization 23:35-23:37']);
    } finally {
      await config.update('minReplicasFloor', undefined, vscode.ConfigurationTarget.Workspace);
      await config.update('scaleDownWindowSeconds', undefined, vscode.ConfigurationTarget.Workspace);
    }
    await waitForExactly(uri, ['min-replicas 12:16-12:17', 'scale-down-stabilization 23:35-23:37']);
  });
});

/**
 * A Helm chart in a real editor (issue 11): the values file gets the rendered HPA's finding on the line to
 * change, an edit there is rendered and linted as typed, the quick fix edits the values file, and "ScaleLint:
 * Show rendered manifest" opens the chart's render read-only.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activateExtension, applyCodeAction, findDiagnostic, openFixture, resetEditors, waitForDiagnostics, waitForExactly } from './helpers';

suite('Helm charts', () => {
  suiteSetup(activateExtension);
  teardown(resetEditors);

  test("values.yaml gets the rendered HPA's min-replicas; an edit re-renders; the quick fix edits values.yaml", async () => {
    const editor = await openFixture('web-chart/values.yaml');
    const uri = editor.document.uri;
    const ds = await waitForExactly(uri, ['min-replicas 6:16-6:17']); // autoscaling.minReplicas: 1
    const d = findDiagnostic(ds, 'min-replicas');
    assert.match(d.message, /minReplicas is 1; the HA floor is 2/);
    // The template that printed it, as related information.
    assert.ok(d.relatedInformation?.some((r) => r.location.uri.path.endsWith('/web-chart/templates/hpa.yaml')), JSON.stringify(d.relatedInformation));

    // Typed, not saved: 3 is above the floor.
    await editor.edit((b) => b.replace(new vscode.Range(5, 15, 5, 16), '3'));
    await waitForExactly(uri, []);
    await editor.edit((b) => b.replace(new vscode.Range(5, 15, 5, 16), '1'));
    const again = await waitForExactly(uri, ['min-replicas 6:16-6:17']);
    await applyCodeAction(uri, findDiagnostic(again, 'min-replicas'), 'Set minReplicas to 2');
    assert.equal(editor.document.lineAt(5).text, '  minReplicas: 2');
    await waitForExactly(uri, []);
  });

  test('the template is not linted as plain YAML: no diagnostics for {{ }}', async () => {
    const editor = await openFixture('web-chart/templates/hpa.yaml');
    // Wait until the server has answered for it (the values file's finding is back after the last test's revert).
    await waitForDiagnostics((await openFixture('web-chart/values.yaml')).document.uri, (ds) => ds.length === 1, 'the values finding');
    assert.deepEqual(vscode.languages.getDiagnostics(editor.document.uri).filter((x) => x.source === 'scalelint'), []);
  });

  test('Show rendered manifest opens the render of the chart under the cursor, read-only', async () => {
    await openFixture('web-chart/values.yaml');
    await vscode.commands.executeCommand('scalelint.showRenderedManifest');
    const shown = await new Promise<vscode.TextEditor>((resolve, reject) => {
      const done = (e: vscode.TextEditor | undefined) => e?.document.uri.scheme === 'scalelint-rendered' && resolve(e);
      done(vscode.window.activeTextEditor);
      const listener = vscode.window.onDidChangeActiveTextEditor((e) => {
        if (e?.document.uri.scheme !== 'scalelint-rendered') return;
        listener.dispose();
        resolve(e);
      });
      setTimeout(() => reject(new Error(`No rendered manifest opened; active: ${vscode.window.activeTextEditor?.document.uri.toString()}`)), 30_000);
    });
    const text = shown.document.getText();
    assert.match(text, /^# Rendered by ScaleLint: chart web-chart/);
    assert.match(text, /# Source: web-chart\/templates\/hpa\.yaml\napiVersion: autoscaling\/v2\nkind: HorizontalPodAutoscaler/);
    assert.match(text, /name: release-name-web/);
    assert.equal(shown.document.languageId, 'yaml');
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
  });
});

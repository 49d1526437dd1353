/**
 * The contributed snippets in a real editor: VS Code finds them by name for YAML (package.json
 * `contributes.snippets`), inserts them with their defaults, mirrors a typed name to every `$1`, and what
 * they insert is what ScaleLint expects — nothing on its own, the cross-document findings between them.
 */
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { activateExtension, applyCodeAction, EXTENSION_ID, findDiagnostic, fixtureUri, resetEditors, waitForDiagnostics, waitForExactly, writeOnDisk } from './helpers';

/** Files the tests create in the workspace copy, and remove. */
const SCRATCH = ['snippet-asg.yaml', 'snippet-stack.yaml'];
const ASG = 'CloudFormation Auto Scaling Group with target tracking and a target group';
const HPA = 'HorizontalPodAutoscaler (autoscaling/v2)';
const DEPLOYMENT = 'Deployment with requests, limits and probes';
const PDB = 'PodDisruptionBudget';

/** The body of a snippet of the extension's snippets/*.json, as VS Code loaded it. */
function snippetBody(file: 'kubernetes' | 'cloudformation', name: string): string {
  const extension = vscode.extensions.getExtension(EXTENSION_ID)!;
  const snippets = JSON.parse(readFileSync(join(extension.extensionPath, 'snippets', `${file}.json`), 'utf8')) as Record<string, { body: string[] }>;
  const snippet = snippets[name];
  if (!snippet) throw new Error(`snippets/${file}.json has no snippet "${name}"; it has ${JSON.stringify(Object.keys(snippets))}`);
  return snippet.body.join('\n');
}

/**
 * A body as inserted: each placeholder's default (or `typed[n]`), mirrors `$n` alike, a choice's first
 * option, `$0` empty, `\$` a dollar. Enough of the grammar for these snippets (test/unit/snippets/snippets.test.ts
 * parses all of it).
 */
function expand(body: string, typed: Record<number, string> = {}): string {
  const values = new Map<string, string>();
  const choose = (n: string, fallback: string) => {
    const value = typed[Number(n)] ?? values.get(n) ?? fallback;
    values.set(n, value);
    return value;
  };
  return body.replace(
    /\\([$}\\])|\$\{(\d+):([^${}]*)\}|\$\{(\d+)\|([^,|]*)[^}]*\|\}|\$(\d+)/g,
    (_, escaped?: string, pn?: string, text?: string, cn?: string, first?: string, tn?: string) => {
      if (escaped) return escaped;
      if (pn) return choose(pn, text!);
      if (cn) return choose(cn, first!);
      return values.get(tn!) ?? typed[Number(tn)] ?? '';
    },
  );
}

async function insertByName(name: string): Promise<void> {
  await vscode.commands.executeCommand('editor.action.insertSnippet', { langId: 'yaml', name });
}

/** Moves the cursor to the end of the document (where the next snippet goes). */
function toEnd(editor: vscode.TextEditor): void {
  const end = editor.document.positionAt(editor.document.getText().length);
  editor.selection = new vscode.Selection(end, end);
}

/** Writes a new file of the workspace copy and opens it. */
async function openScratch(name: string, text: string): Promise<vscode.TextEditor> {
  const uri = fixtureUri(name);
  await writeOnDisk(uri, text);
  return vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri), { preview: false });
}

suite('Snippets', () => {
  suiteSetup(activateExtension);
  teardown(async () => {
    await vscode.commands.executeCommand('leaveSnippet');
    // Closed and deleted, so what they held leaves the lint set.
    for (const name of SCRATCH) {
      const uri = fixtureUri(name);
      const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString() && !d.isClosed);
      if (open) {
        await vscode.window.showTextDocument(open);
        await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
      }
      await vscode.workspace.fs.delete(uri).then(undefined, () => undefined);
    }
    await resetEditors();
  });

  test('the asg snippet, inserted by name in a YAML file, is a template ScaleLint finds nothing in', async () => {
    // A finding first, so "no findings" afterwards is the server's answer for the snippet's text.
    const editor = await openScratch('snippet-asg.yaml', 'Resources: [unclosed\n');
    const { document } = editor;
    await waitForDiagnostics(document.uri, (ds) => ds.length > 0, 'a yaml-syntax finding on the placeholder text');
    editor.selection = new vscode.Selection(document.positionAt(0), document.positionAt(document.getText().length));
    await insertByName(ASG); // replaces the selection
    const text = document.getText();
    assert.equal(text, expand(snippetBody('cloudformation', ASG)));
    assert.match(text, /^ {2}WebGroup:\n {4}Type: AWS::AutoScaling::AutoScalingGroup$/m);
    assert.match(text, /^ {8}Version: '\$Latest'$/m);
    await waitForExactly(document.uri, []);
  });

  test('a stack from the Kubernetes snippets: the cross-document findings come and go as its parts arrive', async () => {
    const editor = await openScratch('snippet-stack.yaml', '');
    const { document } = editor;
    const uri = document.uri;

    // The hpa snippet by name; its first placeholder, the name, is selected: typing replaces it and its mirror.
    await insertByName(HPA);
    assert.equal(document.getText(), expand(snippetBody('kubernetes', HPA)));
    await vscode.commands.executeCommand('type', { text: 'web' });
    await vscode.commands.executeCommand('leaveSnippet');
    const hpa = expand(snippetBody('kubernetes', HPA), { 1: 'web' });
    assert.equal(document.getText(), hpa);
    assert.match(hpa, /^metadata:\n {2}name: web$/m);
    assert.match(hpa, /^ {4}kind: Deployment\n {4}name: web$/m);
    // No namespace, and no Deployment of that name or a near one: the workspace's Deployments are others,
    // and this file holds none, so its target is taken to live elsewhere (hpa-target-exists stays silent).
    await waitForExactly(uri, []);

    // The deployment snippet as a SnippetString of its body, after a `---`, named web.
    assert.ok(await editor.edit((b) => b.insert(document.positionAt(document.getText().length), '---\n')));
    const separatorLine = document.lineCount - 1; // 1-based line of the `---`
    assert.ok(await editor.insertSnippet(new vscode.SnippetString(snippetBody('kubernetes', DEPLOYMENT)), document.positionAt(document.getText().length)));
    await vscode.commands.executeCommand('type', { text: 'web' });
    await vscode.commands.executeCommand('leaveSnippet');
    assert.equal(document.getText(), `${hpa}---\n${expand(snippetBody('kubernetes', DEPLOYMENT), { 1: 'web' })}`);
    const nameLine = separatorLine + 4;
    const replicasLine = separatorLine + 8;
    assert.equal(document.lineAt(nameLine - 1).text, '  name: web');
    assert.equal(document.lineAt(replicasLine - 1).text, '  replicas: 3');
    // The HPA scales it now: its replicas: 3 is reset on every apply, and at least 2 pods run with no PDB.
    const ds = await waitForExactly(uri, [`pdb-coverage ${nameLine}:9-${nameLine}:12`, `replicas-with-hpa ${replicasLine}:3-${replicasLine}:11`]);
    assert.match(findDiagnostic(ds, 'replicas-with-hpa').message, /HorizontalPodAutoscaler web \(2–20 replicas\) scales Deployment web/);

    // The pdb snippet by name after another `---`: its choice defaults to minAvailable.
    assert.ok(await editor.edit((b) => b.insert(document.positionAt(document.getText().length), '---\n')));
    toEnd(editor);
    await insertByName(PDB);
    await vscode.commands.executeCommand('type', { text: 'web' });
    await vscode.commands.executeCommand('leaveSnippet');
    assert.ok(document.getText().endsWith(`---\n${expand(snippetBody('kubernetes', PDB), { 1: 'web' })}`));
    assert.match(document.getText(), /^ {2}minAvailable: 1$/m);
    const [replicas] = await waitForExactly(uri, [`replicas-with-hpa ${replicasLine}:3-${replicasLine}:11`]);

    // Its quick fix removes the field: the stack is clean.
    await applyCodeAction(uri, replicas, 'Remove spec.replicas (the autoscaler owns the replica count)');
    assert.doesNotMatch(document.getText(), /replicas: 3/);
    await waitForExactly(uri, []);
  });
});

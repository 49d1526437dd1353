/** What the extension-host tests share: opening fixtures, waiting for diagnostics, applying code actions. */
import * as vscode from 'vscode';

export const EXTENSION_ID = 'scalelint.scalelint';
const SOURCE = 'scalelint';
/** Upper bound for any wait on the editor; a hang fails with what was seen instead of blocking the run. */
const WAIT_MS = 30_000;

export function fixtureUri(name: string): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder) throw new Error('No workspace folder is open: the launcher opens a copy of test/e2e/workspace.');
  return vscode.Uri.joinPath(folder.uri, name);
}

export async function activateExtension(): Promise<void> {
  const extension = vscode.extensions.getExtension(EXTENSION_ID);
  if (!extension) throw new Error(`Extension ${EXTENSION_ID} is not loaded: the launcher passes the repository as extensionDevelopmentPath.`);
  await extension.activate();
}

export async function openFixture(name: string): Promise<vscode.TextEditor> {
  const document = await vscode.workspace.openTextDocument(fixtureUri(name));
  return vscode.window.showTextDocument(document, { preview: false });
}

export function codeOf(d: vscode.Diagnostic): string | undefined {
  const code = d.code;
  if (code === undefined) return undefined;
  return typeof code === 'object' ? String(code.value) : String(code);
}

export function scalelintDiagnostics(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === SOURCE);
}

/** `rule line:col-line:col`, 1-based like the CLI, so an assertion reads like `scalelint` output. */
export function describeDiagnostic(d: vscode.Diagnostic): string {
  const { start, end } = d.range;
  return `${codeOf(d)} ${start.line + 1}:${start.character + 1}-${end.line + 1}:${end.character + 1}`;
}

export function describeAll(uri: vscode.Uri): string[] {
  return scalelintDiagnostics(uri).map(describeDiagnostic).sort();
}

/** Resolves with the ScaleLint diagnostics of `uri` once `ready` holds for them (checked now and on every change). */
export function waitForDiagnostics(uri: vscode.Uri, ready: (ds: vscode.Diagnostic[]) => boolean, what: string): Promise<vscode.Diagnostic[]> {
  return new Promise((resolve, reject) => {
    let settled = false;
    const check = () => {
      if (settled) return;
      const ds = scalelintDiagnostics(uri);
      if (!ready(ds)) return;
      settled = true;
      clearTimeout(timer);
      listener.dispose();
      resolve(ds);
    };
    const listener = vscode.languages.onDidChangeDiagnostics((e) => {
      if (e.uris.some((u) => u.toString() === uri.toString())) check();
    });
    const timer = setTimeout(() => {
      if (settled) return;
      settled = true;
      listener.dispose();
      reject(new Error(`Timed out waiting for ${what} on ${vscode.workspace.asRelativePath(uri)}; it has: ${JSON.stringify(describeAll(uri))}`));
    }, WAIT_MS);
    check();
  });
}

/** Waits until the diagnostics of `uri`, as `describeDiagnostic` strings, are exactly `expected` (any order). */
export function waitForExactly(uri: vscode.Uri, expected: string[]): Promise<vscode.Diagnostic[]> {
  const want = [...expected].sort().join('\n');
  return waitForDiagnostics(uri, (ds) => ds.map(describeDiagnostic).sort().join('\n') === want, JSON.stringify(expected));
}

export async function codeActionsAt(uri: vscode.Uri, range: vscode.Range): Promise<vscode.CodeAction[]> {
  const actions = await vscode.commands.executeCommand<(vscode.CodeAction | vscode.Command)[]>(
    'vscode.executeCodeActionProvider',
    uri,
    range,
    vscode.CodeActionKind.QuickFix.value,
  );
  return (actions ?? []).filter((a): a is vscode.CodeAction => 'title' in a && !('command' in a && typeof a.command === 'string'));
}

/** Applies the code action titled `title` offered for `diagnostic`; fails listing the titles offered. */
export async function applyCodeAction(uri: vscode.Uri, diagnostic: vscode.Diagnostic, title: string): Promise<void> {
  const actions = await codeActionsAt(uri, diagnostic.range);
  const action = actions.find((a) => a.title === title);
  if (!action) throw new Error(`No code action "${title}" for ${describeDiagnostic(diagnostic)}; offered: ${JSON.stringify(actions.map((a) => a.title))}`);
  if (!action.edit) throw new Error(`Code action "${title}" carries no edit.`);
  if (!(await vscode.workspace.applyEdit(action.edit))) throw new Error(`VS Code refused the edit of "${title}".`);
  if (action.command) await vscode.commands.executeCommand(action.command.command, ...(action.command.arguments ?? []));
}

export function findDiagnostic(ds: vscode.Diagnostic[], ruleId: string): vscode.Diagnostic {
  const d = ds.find((x) => codeOf(x) === ruleId);
  if (!d) throw new Error(`No ${ruleId} diagnostic among ${JSON.stringify(ds.map(describeDiagnostic))}`);
  return d;
}

/**
 * Reverts every unsaved document, so each test starts from the files on disk. The tabs stay open: with
 * vscode-languageclient 9, a tab closed while a diagnostic pull for it is in flight and reopened before the
 * answer comes back gets no diagnostics until its next change (the client drops the answer as outdated).
 */
export async function resetEditors(): Promise<void> {
  for (const document of vscode.workspace.textDocuments) {
    if (!document.isDirty || document.isClosed) continue;
    await vscode.window.showTextDocument(document);
    await vscode.commands.executeCommand('workbench.action.files.revert');
  }
}

/** The file's text on disk (what a save wrote), not the editor's. */
export async function readOnDisk(uri: vscode.Uri): Promise<string> {
  return new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
}

export async function writeOnDisk(uri: vscode.Uri, text: string): Promise<void> {
  await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(text));
}

/**
 * Writes `editor.codeActionsOnSave` for YAML into the workspace copy's .vscode/settings.json (`undefined`
 * removes the file), as a user would, and waits until VS Code has read it.
 *
 * Written as a file, not through `WorkspaceConfiguration.update`: that edits settings.json in a text model,
 * which activates the JSON and TypeScript extensions (`onLanguage:jsonc`); the code action providers they
 * register over the next seconds change the provider registry, and VS Code drops the answers of a code action
 * request in flight when it changes — the fix-all of a save made meanwhile silently did nothing.
 */
export async function setYamlCodeActionsOnSave(value: Record<string, string> | undefined): Promise<void> {
  const uri = fixtureUri('.vscode/settings.json');
  const read = () => vscode.workspace.getConfiguration('editor', { languageId: 'yaml' }).get<Record<string, string>>('codeActionsOnSave') ?? {};
  const want = JSON.stringify(value ?? {});
  if (JSON.stringify(read()) === want) return;
  const changed = new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => {
      listener.dispose();
      reject(new Error(`VS Code did not read ${vscode.workspace.asRelativePath(uri)} within ${WAIT_MS} ms: editor.codeActionsOnSave for yaml is ${JSON.stringify(read())}, expected ${want}`));
    }, WAIT_MS);
    const listener = vscode.workspace.onDidChangeConfiguration(() => {
      if (JSON.stringify(read()) !== want) return;
      clearTimeout(timer);
      listener.dispose();
      resolve();
    });
  });
  if (value) await writeOnDisk(uri, `${JSON.stringify({ '[yaml]': { 'editor.codeActionsOnSave': value } }, null, 2)}\n`);
  else await vscode.workspace.fs.delete(uri);
  await changed;
}

/** Resolves once `document`'s text satisfies `ready` (checked now and on every change), or fails saying what it has. */
export function waitForText(document: vscode.TextDocument, ready: (text: string) => boolean, what: string): Promise<string> {
  return new Promise((resolve, reject) => {
    let settled = false;
    const finish = (error?: Error) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      listener.dispose();
      if (error) reject(error);
      else resolve(document.getText());
    };
    const listener = vscode.workspace.onDidChangeTextDocument((e) => {
      if (e.document === document && ready(document.getText())) finish();
    });
    const timer = setTimeout(() => finish(new Error(`Timed out waiting for ${what} in ${vscode.workspace.asRelativePath(document.uri)}; its text:\n${document.getText()}`)), WAIT_MS);
    if (ready(document.getText())) finish();
  });
}

/** The open document `matches` picks, now or once VS Code opens it; fails after a while naming `what`. */
export function waitForDocument(matches: (d: vscode.TextDocument) => boolean, what: string): Promise<vscode.TextDocument> {
  const open = vscode.workspace.textDocuments.find(matches);
  if (open) return Promise.resolve(open);
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      listener.dispose();
      reject(new Error(`Timed out waiting for ${what} to open; open documents: ${JSON.stringify(vscode.workspace.textDocuments.map((d) => d.uri.toString()))}`));
    }, WAIT_MS);
    const listener = vscode.workspace.onDidOpenTextDocument((d) => {
      if (!matches(d)) return;
      clearTimeout(timer);
      listener.dispose();
      resolve(d);
    });
  });
}

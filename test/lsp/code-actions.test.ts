/**
 * Quick fixes and fix-all (server/src/lsp/code-actions.ts) in-process.
 * Run: node --import tsx --test test/lsp/code-actions.test.ts
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Diagnostic, TextEdit } from 'vscode-languageserver/node';
import { codeActions, disableEdit, minimalEdit } from '../../server/src/lsp/code-actions';
import { defaultConfig, Linter } from '../../server/src/engine';
import { linesOf, publishedForm, toDiagnostics, type DiagnosticData } from '../../server/src/lsp/diagnostics';
import { FileDiagnostics } from '../../server/src/lsp/diagnostics-cache';
import { generateManifest } from '../../scripts/bench/generate';
import '../helpers/lint'; // schemas from disk

test('disableEdit: a comment above with the line’s indentation; an existing one is extended', () => {
  const doc = TextDocument.create('file:///a.yaml', 'yaml', 1, 'spec:\n  minReplicas: 1\n');
  assert.deepEqual(disableEdit(doc, 1, 'min-replicas'), {
    range: { start: { line: 1, character: 0 }, end: { line: 1, character: 0 } },
    newText: '  # scalelint-disable-next-line min-replicas\n',
  });
  const crlf = TextDocument.create('file:///a.yaml', 'yaml', 1, 'spec:\r\n\t- minReplicas: 1\r\n');
  assert.equal(disableEdit(crlf, 1, 'x')!.newText, '\t# scalelint-disable-next-line x\r\n');
  const commented = TextDocument.create('file:///a.yaml', 'yaml', 1, 'spec:\n  # scalelint-disable-next-line schema -- on purpose\n  minReplicas: 1\n');
  assert.deepEqual(disableEdit(commented, 2, 'min-replicas'), {
    range: { start: { line: 1, character: 38 }, end: { line: 1, character: 38 } },
    newText: ', min-replicas',
  });
  assert.equal(disableEdit(commented, 2, 'schema'), undefined);
});

test('codeActions: current data, stale data re-linted, one disable per rule and line, not for config problems', () => {
  const doc = TextDocument.create('file:///a.yaml', 'yaml', 3, 'spec:\n  minReplicas: 1\n');
  const range = { start: { line: 1, character: 15 }, end: { line: 1, character: 16 } };
  const fix = (title: string, preferred?: boolean): { title: string; safe: boolean; preferred?: boolean; edits: TextEdit[] } => ({ title, safe: true, ...(preferred ? { preferred } : {}), edits: [{ range, newText: '2' }] });
  const diagnostic = (version: number, fixes = [fix('A'), fix('B', true)]): Diagnostic => ({ range, message: 'm', source: 'scalelint', code: 'min-replicas', data: { version, fixes } });
  const config: Diagnostic = { range, message: 'Unknown setting', source: 'scalelint' };
  const params = (diagnostics: Diagnostic[], only?: string[]) => ({ textDocument: { uri: doc.uri }, range, context: { diagnostics, ...(only ? { only } : {}) } });
  let relints = 0;
  const options = (documentChanges: boolean, now: Diagnostic[] = []) => ({
    documentChanges,
    snippetFixes: false,
    relint: () => {
      relints++;
      return now;
    },
    fixAll: () => undefined,
  });

  const current = codeActions(params([diagnostic(3), diagnostic(3), config]), doc, options(false));
  assert.deepEqual(current.map((a) => [a.title, !!a.isPreferred]), [['A', false], ['B', true], ['A', false], ['B', true], ['Disable min-replicas for this line', false]]);
  assert.deepEqual(current[0].edit, { changes: { 'file:///a.yaml': [{ range, newText: '2' }] } });
  assert.equal(relints, 0, 'current data needs no lint');

  // Stale data, and the finding is gone now: only the disable action.
  const stale = codeActions(params([diagnostic(2)]), doc, options(true));
  assert.deepEqual(stale.map((a) => a.title), ['Disable min-replicas for this line']);
  assert.deepEqual(stale[0].edit!.documentChanges![0], { textDocument: { uri: 'file:///a.yaml', version: 3 }, edits: [{ range: { start: { line: 1, character: 0 }, end: { line: 1, character: 0 } }, newText: '  # scalelint-disable-next-line min-replicas\n' }] });

  // Stale data (or none), the same finding is there now: its current fixes; the first is preferred.
  const relinted = codeActions(params([diagnostic(2), { ...diagnostic(2), data: undefined }]), doc, options(false, [diagnostic(3, [fix('C'), fix('D')])]));
  assert.deepEqual(relinted.map((a) => [a.title, !!a.isPreferred]), [['C', true], ['D', false], ['C', true], ['D', false], ['Disable min-replicas for this line', false]]);

  // A rule that says its first fix is not preferred (two equally good candidates) gets none preferred.
  const unsure = codeActions(params([diagnostic(3, [{ ...fix('E'), preferred: false }, { ...fix('F'), preferred: false }])]), doc, options(false));
  assert.deepEqual(unsure.map((a) => [a.title, !!a.isPreferred]), [['E', false], ['F', false], ['Disable min-replicas for this line', false]]);

  assert.deepEqual(codeActions(params([diagnostic(3)], ['refactor']), doc, options(false)), []);
  assert.equal(codeActions(params([diagnostic(3)], ['quickfix']), doc, options(false)).length, 3);
});

test('codeActions: source.fixAll.scalelint only when asked for, as one minimal edit', () => {
  const doc = TextDocument.create('file:///a.yaml', 'yaml', 1, 'a: 1\nminReplicas: 1\nz: 1\n');
  const range = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
  const params = (only?: string[]) => ({ textDocument: { uri: doc.uri }, range, context: { diagnostics: [], ...(only ? { only } : {}) } });
  const options = (fixed: string | undefined) => ({ documentChanges: false, snippetFixes: false, relint: () => [], fixAll: () => fixed });
  const fixed = 'a: 1\nminReplicas: 2\nz: 1\n';
  for (const only of [['source.fixAll.scalelint'], ['source.fixAll'], ['source']]) {
    const actions = codeActions(params(only), doc, options(fixed));
    assert.deepEqual(actions, [
      {
        title: 'Fix all auto-fixable ScaleLint problems',
        kind: 'source.fixAll.scalelint',
        edit: { changes: { 'file:///a.yaml': [{ range: { start: { line: 1, character: 13 }, end: { line: 1, character: 14 } }, newText: '2' }] } },
      },
    ], String(only));
  }
  assert.deepEqual(codeActions(params(), doc, options(fixed)), [], 'not in the light bulb');
  assert.deepEqual(codeActions(params(['quickfix']), doc, options(fixed)), []);
  assert.deepEqual(codeActions(params(['source.fixAll.eslint']), doc, options(fixed)), []);
  assert.deepEqual(codeActions(params(['source.fixAll']), doc, options(undefined)), [], 'nothing to fix');
  assert.deepEqual(minimalEdit(doc, doc.getText()), { range: { start: { line: 3, character: 0 }, end: { line: 3, character: 0 } }, newText: '' });
});

test('published diagnostics carry no fixes: every one gets the same code actions as the diagnostic with its fixes (heavy file, snippets on)', () => {
  const config = defaultConfig();
  const linter = new Linter(() => config);
  const uri = 'file:///w/heavy.yaml';
  const text = generateManifest(60, 5, '', { heavy: true }).text;
  linter.update(uri, text, 4);
  const doc = TextDocument.create(uri, 'yaml', 4, text);
  const convert = { relatedInformation: true, locate: (file: string) => (linter.get(file) ? { uri: file, lines: linesOf(linter.get(file)!) } : undefined) };
  const converted = new FileDiagnostics(linter.lintFileParts(uri).parts, linter.get(uri)!, convert);
  // With their fixes, converted as a diagnostic always carried them (not through the per-document cache).
  const fresh = new Linter(() => config);
  fresh.update(uri, text, 4);
  const full = toDiagnostics(fresh.lintFile(uri), fresh.get(uri)!, 4, convert);
  const published = converted.published();
  assert.equal(published.length, full.length);
  assert.ok(full.filter((d) => (d.data as DiagnosticData).fixes.length).length > 60);
  const options = { documentChanges: true, snippetFixes: true, relint: () => converted.diagnostics(4), fixAll: () => undefined };
  const params = (d: Diagnostic) => ({ textDocument: { uri }, range: d.range, context: { diagnostics: [d] } });
  // The actions but for the diagnostic they name (the one the client sent).
  const shown = (actions: ReturnType<typeof codeActions>) => actions.map(({ diagnostics: _d, ...a }) => a);
  published.forEach((d, i) => {
    assert.equal(d.data, undefined);
    const { data: _data, ...visible } = full[i];
    assert.deepEqual(d, visible);
    assert.deepEqual(shown(codeActions(params(d), doc, options)), shown(codeActions(params(full[i]), doc, options)), `diagnostic ${i}: ${d.message}`);
  });
});

test('published diagnostics alike in rule, range and message carry their ordinal, and each gets its own fixes', () => {
  const doc = TextDocument.create('file:///a.yaml', 'yaml', 2, 'spec:\n  minReplicas: 1\n');
  const range = { start: { line: 1, character: 15 }, end: { line: 1, character: 16 } };
  const withFix = (title: string): Diagnostic => ({ range, message: 'm', source: 'scalelint', code: 'min-replicas', data: { version: 2, fixes: [{ title, safe: true, edits: [{ range, newText: title }] }] } });
  const full = [withFix('A'), withFix('B'), withFix('C')];
  const published = publishedForm(full);
  assert.deepEqual(published.map((d) => d.data), [undefined, { n: 1 }, { n: 2 }]);
  const options = { documentChanges: false, snippetFixes: false, relint: () => full, fixAll: () => undefined };
  const titles = (d: Diagnostic) => codeActions({ textDocument: { uri: doc.uri }, range, context: { diagnostics: [d] } }, doc, options).map((a) => a.title);
  assert.deepEqual(published.map(titles), [
    ['A', 'Disable min-replicas for this line'],
    ['B', 'Disable min-replicas for this line'],
    ['C', 'Disable min-replicas for this line'],
  ]);
});

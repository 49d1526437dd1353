/**
 * Findings → LSP diagnostics (server/src/lsp/diagnostics.ts) in-process: ranges, fix data, related
 * locations and the fingerprint. Run: node --import tsx --test test/lsp/diagnostics.test.ts
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { LineIndex, type FileFinding, type FileState } from '../../server/src/engine';
import { fingerprint, toDiagnostic, toDiagnostics } from '../../server/src/lsp/diagnostics';

const TEXT = 'a: 1\n---\nkind: HorizontalPodAutoscaler\nspec:\n  minReplicas: 1\n';
const DOC_START = TEXT.indexOf('kind');

function finding(extra: Partial<FileFinding> = {}): FileFinding {
  const start = TEXT.indexOf('1', DOC_START) - DOC_START;
  return { ruleId: 'min-replicas', severity: 'info', message: 'm', start, end: start + 1, file: 'file:///a.yaml', documentIndex: 1, documentStart: DOC_START, ...extra };
}

test('toDiagnostic: range in file positions, severity, code, link, tags, related, fix data', () => {
  const other = new LineIndex('x\ny\nname: web\n');
  const f = finding({
    tags: ['deprecated', 'unnecessary'],
    related: [
      { file: 'file:///b.yaml', start: 4, end: 13, message: 'the target' },
      { start: 0, end: 4, message: 'same document' },
    ],
    fixes: [{ title: 'Set minReplicas to 2', edits: [{ start: finding().start, end: finding().end, newText: '2' }], safe: true }],
  });
  const d = toDiagnostic(f, new LineIndex(TEXT), 7, {
    relatedInformation: true,
    locate: (file) => (file === 'file:///b.yaml' ? { uri: 'file:///B.yaml', lines: other } : file === 'file:///a.yaml' ? { uri: 'file:///a.yaml', lines: new LineIndex(TEXT) } : undefined),
  });
  const value = { start: { line: 4, character: 15 }, end: { line: 4, character: 16 } };
  assert.deepEqual(d, {
    range: value,
    severity: 3,
    code: 'min-replicas',
    codeDescription: { href: 'https://github.com/scalelint/scalelint/blob/main/docs/rules.md#min-replicas' },
    source: 'scalelint',
    message: 'm',
    data: { version: 7, fixes: [{ title: 'Set minReplicas to 2', safe: true, edits: [{ range: value, newText: '2' }] }] },
    tags: [2, 1],
    relatedInformation: [
      { location: { uri: 'file:///B.yaml', range: { start: { line: 2, character: 0 }, end: { line: 2, character: 9 } } }, message: 'the target' },
      { location: { uri: 'file:///a.yaml', range: { start: { line: 2, character: 0 }, end: { line: 2, character: 4 } } }, message: 'same document' },
    ],
  });
  const plain = toDiagnostic(f, new LineIndex(TEXT), 7, { relatedInformation: false, locate: () => undefined });
  assert.equal(plain.relatedInformation, undefined);
});

test('toDiagnostics and fingerprint: same findings, same print; a related file’s new text changes it', () => {
  const state = { uri: 'file:///a.yaml', text: TEXT, version: 1, documents: [] } as unknown as FileState;
  const ds = toDiagnostics([finding({ severity: 'error' }), finding({ severity: 'warning', ruleId: 'schema' })], state, 1, { relatedInformation: false, locate: () => undefined });
  assert.deepEqual(ds.map((d) => [d.code, d.severity]), [['min-replicas', 1], ['schema', 2]]);
  const related = [finding({ related: [{ file: 'file:///b.yaml', start: 0, end: 1, message: 'r' }] })];
  assert.equal(fingerprint(related, () => 'v1'), fingerprint(related, () => 'v1'));
  assert.notEqual(fingerprint(related, () => 'v1'), fingerprint(related, () => 'v2'));
  assert.notEqual(fingerprint([finding()]), fingerprint([finding({ message: 'other' })]));
});

/**
 * The server's helper modules in-process: finding → diagnostic conversion, quick fixes, `ignore`
 * globs and URI keys. Run: node --import tsx --test test/lsp/helpers.test.ts
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Diagnostic, TextEdit } from 'vscode-languageserver/node';
import { LineIndex, Linter, type FileFinding, type FileState } from '../../server/src/engine';
import { UNKNOWN_FIELD_PREFIX, withoutRedHatDuplicates } from '../../server/src/lsp-redhat';
import { configureSchemasFromDisk } from '../helpers/schemas';
import { fingerprint, toDiagnostic, toDiagnostics } from '../../server/src/lsp-diagnostics';
import { codeActions, disableEdit, minimalEdit } from '../../server/src/lsp-code-actions';
import { globToRegExp, IgnoreList } from '../../server/src/lsp-glob';
import { isConfigFile, isYamlName, keyOf } from '../../server/src/lsp-workspace';

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

test('ignore globs read like .gitignore lines', () => {
  const cases: [string[], string, boolean][] = [
    [['ignored/'], 'ignored/a.yaml', true],
    [['ignored/'], 'x/ignored/a.yaml', true],
    [['/ignored'], 'x/ignored/a.yaml', false],
    [['charts/*/templates'], 'charts/web/templates/hpa.yaml', true],
    [['charts/*/templates'], 'x/charts/web/templates/hpa.yaml', false],
    [['**/templates/**'], 'a/b/templates/c/d.yaml', true],
    [['*.generated.yaml'], 'deep/x.generated.yaml', true],
    [['*.generated.yaml'], 'deep/x.yaml', false],
    [['env-{dev,test}.yaml'], 'env-test.yaml', true],
    [['env-{dev,test}.yaml'], 'env-prod.yaml', false],
    [['file?.y[a]ml'], 'file1.yaml', true],
    [['a.b'], 'aXb', false],
    [[], 'a.yaml', false],
    [['x/'], '../x/a.yaml', false],
  ];
  for (const [patterns, path, expected] of cases) assert.equal(new IgnoreList(patterns).ignores(path), expected, `${patterns} ${path}`);
  assert.equal(globToRegExp('  '), undefined);
  assert.equal(globToRegExp('a{b'), undefined);
});

test('URI keys: the client’s and Node’s spelling of a file URI meet; names', () => {
  assert.equal(keyOf('file:///tmp/a%2Bb%20c.yaml'), keyOf('file:///tmp/a+b c.yaml'));
  assert.equal(keyOf('untitled:Untitled-1'), 'untitled:Untitled-1');
  assert.ok(isConfigFile('file:///w/.scalelint.yaml') && !isConfigFile('file:///w/x.scalelint.yaml'));
  assert.ok(isYamlName('file:///w/a.YML') && isYamlName('/w/a.yaml') && !isYamlName('/w/a.json'));
});

test('withoutRedHatDuplicates: built-in kinds keep unknown fields only; KEDA and other rules keep everything', () => {
  configureSchemasFromDisk();
  const linter = new Linter();
  const text = `apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata: {name: web}
spec:
  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: web}
  minReplicas: 1
  maxReplicas: "5"
  minReplica: 3
---
apiVersion: keda.sh/v1alpha1
kind: ScaledObject
metadata: {name: worker}
spec:
  scaleTargetRef: {name: worker}
  maxReplicaCount: "5"
  triggers: [{type: cpu, metricType: Utilization, metadata: {value: "70"}}]
`;
  linter.update('a.yaml', text);
  const all = linter.lintFile('a.yaml');
  const kept = withoutRedHatDuplicates(all, linter.get('a.yaml'));
  const ids = (list: FileFinding[]) => list.map((f) => `${f.ruleId}: ${f.message.split(';')[0]}`);
  const dropped = ids(all).filter((x) => !ids(kept).includes(x));
  assert.deepEqual(dropped, ['schema: `spec.maxReplicas` must be an integer']);
  assert.ok(ids(kept).includes('schema: Unknown field `spec.minReplica` in HorizontalPodAutoscaler'));
  assert.ok(kept.some((f) => f.message.startsWith(UNKNOWN_FIELD_PREFIX)), 'the schema rule still words unknown fields this way');
  assert.ok(ids(kept).includes('schema: `spec.maxReplicaCount` must be an integer'));
  assert.ok(ids(kept).some((x) => x.startsWith('min-replicas')));
  assert.deepEqual(withoutRedHatDuplicates(all, undefined), all);
});

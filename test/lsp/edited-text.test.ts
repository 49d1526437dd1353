/**
 * EditedText (the open document's text as a list of pieces) against the LSP library's TextDocument: after
 * every change of seeded random sessions (typing, deleting across lines, pasting many lines, CR LF and lone
 * CR line breaks, positions past a line's end or past the text, ranges given backwards, whole-text changes)
 * it must hold the text a library document gives when each change is applied to one created afresh from the
 * text before it, with the line count, positions, offsets, line ranges and line breaks of a library document
 * created from the result. (Not those of one library document edited all along: its incremental line starts
 * can go wrong when one message's changes add a lone CR and then replace a range across it — seed 1, step 303
 * gave 28 lines for a text of 27, and later changes then land elsewhere.)
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { TextDocumentContentChangeEvent } from 'vscode-languageserver-textdocument';
import { EditedText } from '../../server/src/lsp/edited-text';
import { prng } from '../../scripts/bench/generate';

const SNIPPETS = ['a', 'x', '', ' ', '\n', '\r\n', '\r', 'key: value\n', 'line one\nline two\n', '\n\n\n', 'é–😀', 'end\r', '\nstart'];

function randomChange(rand: () => number, doc: TextDocument): TextDocumentContentChangeEvent {
  const lines = doc.lineCount;
  const pos = () => {
    const line = Math.floor(rand() * (lines + 2)) - (rand() < 0.05 ? 1 : 0); // sometimes before the first or past the last line
    return { line, character: Math.floor(rand() * 40) }; // often past the line's end
  };
  const r = rand();
  if (r < 0.02) return { text: doc.getText().slice(0, Math.floor(rand() * doc.getText().length)) };
  let text = SNIPPETS[Math.floor(rand() * SNIPPETS.length)];
  if (r < 0.07) text = Array.from({ length: 30 }, (_, i) => `  item${i}: ${i}\n`).join('');
  const start = pos();
  // Mostly a nearby end, on the same or a following line; sometimes before the start (a backwards range).
  const end = rand() < 0.6 ? { line: start.line, character: start.character + Math.floor(rand() * 3) } : rand() < 0.8 ? { line: start.line + Math.floor(rand() * 4), character: Math.floor(rand() * 10) } : pos();
  return { range: { start, end }, text };
}

function assertSame(got: EditedText, edited: TextDocument, rand: () => number, where: string): void {
  assert.equal(got.getText(), edited.getText(), where);
  const want = TextDocument.create(edited.uri, edited.languageId, edited.version, edited.getText());
  assert.equal(got.lineCount, want.lineCount, where);
  assert.equal(got.version, want.version, where);
  const length = want.getText().length;
  for (let i = 0; i < 8; i++) {
    const offset = Math.floor(rand() * (length + 4)) - 2;
    assert.deepEqual(got.positionAt(offset), want.positionAt(offset), `${where}: positionAt(${offset})`);
    const position = { line: Math.floor(rand() * (want.lineCount + 2)) - 1, character: Math.floor(rand() * 30) };
    assert.equal(got.offsetAt(position), want.offsetAt(position), `${where}: offsetAt(${JSON.stringify(position)})`);
    const range = { start: position, end: { line: position.line + Math.floor(rand() * 3), character: Math.floor(rand() * 30) } };
    assert.equal(got.getText(range), want.getText(range), `${where}: getText(${JSON.stringify(range)})`);
    const line = position.line;
    assert.deepEqual(got.getLineRange(line), want.getLineRange(line), `${where}: getLineRange(${line})`);
    assert.equal(got.getEOLCharacters(line), want.getEOLCharacters(line), `${where}: getEOLCharacters(${line})`);
  }
}

test('EditedText keeps the same text, lines and positions as the library document, edit after edit', () => {
  for (const seed of [1, 2, 3, 4, 5, 6]) {
    const rand = prng(seed);
    const initial = seed % 2 ? 'apiVersion: v1\nkind: Service\r\nmetadata:\n  name: a\r\n' : '';
    let want = TextDocument.create('file:///w/a.yaml', 'yaml', 1, initial);
    const got = new EditedText('file:///w/a.yaml', 'yaml', 1, initial);
    assertSame(got, want, rand, `seed ${seed}, initial`);
    for (let step = 0; step < 400; step++) {
      // One message may carry several changes, applied in order.
      const changes = Array.from({ length: rand() < 0.2 ? 3 : 1 }, () => randomChange(rand, want));
      const version = step + 2;
      for (const change of changes) want = TextDocument.update(TextDocument.create(want.uri, 'yaml', version, want.getText()), [change], version);
      got.update(changes, version);
      // Reading the whole text now and then (as a hover does) must not change what later edits do.
      if (rand() < 0.3) got.getText();
      assertSame(got, want, rand, `seed ${seed}, step ${step} (${JSON.stringify(changes).slice(0, 200)})`);
    }
  }
});

test('EditedText on a large text: many single-character edits, pieces joined back, same text and lines', () => {
  const text = Array.from({ length: 3000 }, (_, i) => `- name: item-${i}\n  value: ${i}\n`).join('');
  const want = TextDocument.create('file:///w/big.yaml', 'yaml', 1, text);
  const got = new EditedText('file:///w/big.yaml', 'yaml', 1, text);
  const rand = prng(9);
  for (let step = 0; step < 300; step++) {
    const line = Math.floor(rand() * want.lineCount);
    const at = { line, character: Math.floor(rand() * 12) };
    const change: TextDocumentContentChangeEvent = step % 2 ? { range: { start: at, end: { line, character: at.character + 1 } }, text: '' } : { range: { start: at, end: at }, text: 'z' };
    TextDocument.update(want, [change], step + 2);
    got.update([change], step + 2);
    if (step % 50 === 49) assertSame(got, want, rand, `step ${step}`);
  }
  assertSame(got, want, rand, 'end');
});

test('EditedText counts its line starts when first needed: edits made before anything read the lines land as the library puts them', () => {
  // Opening a document no longer counts its lines (the open's lint does not need them): the first edit does,
  // in the text as it was, and a whole-text change starts over uncounted. Nothing reads the lines between here.
  const texts = ['apiVersion: v1\nkind: Service\r\nmetadata:\n  name: a\r\n', 'a\rb\r\nc\n\nd', '', 'single line', '\n\n\r\n\r'];
  for (const [k, text] of texts.entries()) {
    const rand = prng(100 + k);
    for (let trial = 0; trial < 40; trial++) {
      let want = TextDocument.create('file:///w/l.yaml', 'yaml', 1, text);
      const got = new EditedText('file:///w/l.yaml', 'yaml', 1, text);
      // One message: a ranged change first, sometimes a whole-text change and a ranged change after it.
      const changes: TextDocumentContentChangeEvent[] = [randomChange(rand, want)];
      if (trial % 3 === 0) changes.push({ text: `${text}\r\nmore: 1\n` }, { range: { start: { line: 1, character: 2 }, end: { line: 2, character: 1 } }, text: 'x\r' });
      for (const change of changes) want = TextDocument.update(TextDocument.create(want.uri, 'yaml', 2, want.getText()), [change], 2);
      got.update(changes, 2);
      assertSame(got, want, rand, `text ${k}, trial ${trial} (${JSON.stringify(changes)})`);
    }
  }
});

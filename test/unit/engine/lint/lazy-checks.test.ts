/**
 * Cross-document checks run when their subject's findings are asked for (scheduler.ts): a server holding a
 * large workspace lints its open files only. These tests pin that the deferral is invisible: findings are
 * those of a fresh lint whatever was asked in between, and a file nobody asks about costs no check.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Linter, rules, type Rule } from '../../../../server/src/engine';
import { generateManifest, prng } from '../../../../scripts/bench/generate';
import '../../../helpers/lint'; // schemas from disk

/** The rules, each cross-document check counted by the file its subject is in. */
function countingRules(linter: () => Linter, runs: Map<string, number>): Rule[] {
  return (rules as readonly Rule[]).map((rule) => {
    const cross = rule.crossDocument;
    if (!cross) return rule;
    return {
      ...rule,
      crossDocument: {
        subjects: cross.subjects,
        check(ctx, subject) {
          const uri = linter().uris().find((u) => linter().get(u)?.documents.some((d) => d.chunk === subject.chunk)) ?? '?';
          runs.set(uri, (runs.get(uri) ?? 0) + 1);
          cross.check(ctx, subject);
        },
      },
    } as Rule;
  });
}

/** A workspace: files of 16 documents whose names overlap the open file's (`w3-` targets miss by one character). */
function workspace(files: number): Map<string, string> {
  const out = new Map<string, string>();
  for (let i = 0; i < files; i++) out.set(`file:///ws/app-${i}.yaml`, generateManifest(16, 100 + i, i % 2 ? `w${i}-` : '').text);
  return out;
}

function snapshot(linter: Linter, uris: Iterable<string>): string {
  return JSON.stringify([...uris].map((u) => [u, linter.lintFile(u)]));
}

test('settle indexes new files without running their checks; a lint runs its own file’s checks only', () => {
  const runs = new Map<string, number>();
  let linter!: Linter;
  linter = new Linter(undefined, countingRules(() => linter, runs));
  const open = 'file:///ws/open.yaml';
  linter.update(open, generateManifest(40, 1).text);
  for (const [uri, text] of workspace(6)) linter.update(uri, text);
  linter.settle();
  assert.equal(runs.size, 0, 'settle ran checks');
  linter.lintFile(open);
  assert.deepEqual([...runs.keys()], [open]);
  const first = runs.get(open)!;
  assert.ok(first > 0);
  // Nothing changed: asking again runs nothing.
  linter.lintFile(open);
  assert.equal(runs.get(open), first);
  // Another file is asked for: its checks run then, and the open file's are not run again.
  linter.lintFile('file:///ws/app-1.yaml');
  assert.ok((runs.get('file:///ws/app-1.yaml') ?? 0) > 0);
  assert.equal(runs.get(open), first);
});

test('files added in slices between edits of an open file: every file’s findings equal a fresh lint', () => {
  const rand = prng(17);
  const open = 'file:///ws/open.yaml';
  let text = generateManifest(60, 1).text;
  const files = workspace(24);
  const linter = new Linter();
  linter.update(open, text, 1);
  const order = [open];
  let version = 1;
  const edit = () => {
    // A name gains or loses a character: workload names, targets and selectors change across files.
    const hits = [...text.matchAll(/(name: )(\S+)/g)];
    const m = hits[Math.floor(rand() * hits.length)];
    const end = m.index! + m[0].length;
    text = rand() < 0.5 ? text.slice(0, end) + 'z' + text.slice(end) : text.slice(0, end - 1) + text.slice(end);
    linter.update(open, text, ++version);
  };
  const pending = [...files];
  while (pending.length) {
    // A slice of the index: a few files, settled, then a keystroke or two linted as the server does.
    for (const [uri, t] of pending.splice(0, 1 + Math.floor(rand() * 4))) {
      linter.update(uri, t);
      order.push(uri);
    }
    linter.settle();
    for (let k = Math.floor(rand() * 3); k > 0; k--) {
      edit();
      linter.lintFile(open);
    }
    // Now and then a file is read again from the disk with a change (a file event).
    if (rand() < 0.2 && order.length > 2) {
      const uri = order[1 + Math.floor(rand() * (order.length - 1))];
      if (uri !== open) {
        const changed = files.get(uri)!.replace(/maxReplicas: \d+/, 'maxReplicas: 3');
        files.set(uri, changed);
        linter.update(uri, changed);
      }
    }
  }
  const fresh = new Linter();
  for (const uri of order) fresh.update(uri, uri === open ? text : files.get(uri)!);
  assert.equal(snapshot(linter, order), snapshot(fresh, order));
  // In another order of asking (the workspace files first, the open file last), the same again.
  assert.equal(snapshot(linter, [...order].reverse()), snapshot(fresh, [...order].reverse()));
});

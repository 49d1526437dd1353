/**
 * Keeps test/corpus/REVIEW.md in step with the golden files: its per-rule counts must be the golden files'
 * counts, every false positive it lists must be a finding of the golden file it names (with that rule), the
 * false-positive counts must match the list, and the rate stays under 5 %. A golden change that is not
 * reviewed fails here.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const REVIEW = readFileSync(join(__dirname, 'REVIEW.md'), 'utf8');
const golden = {
  alone: readFileSync(join(__dirname, 'findings.golden.txt'), 'utf8').split('\n').filter(Boolean),
  together: readFileSync(join(__dirname, 'findings.together.golden.txt'), 'utf8').split('\n').filter(Boolean),
};
type Mode = keyof typeof golden;

/** `file:line:col severity rule message` → rule. */
const ruleOf = (line: string) => line.split(' ')[2];
const locationOf = (line: string) => line.split(' ')[0];

function section(name: string): string {
  const m = new RegExp(`<!-- ${name}:START -->([\\s\\S]*?)<!-- ${name}:END -->`).exec(REVIEW);
  assert.ok(m, `REVIEW.md has no ${name} section`);
  return m[1];
}

interface Row {
  rule: string;
  alone: number;
  falseAlone: number;
  together: number;
  falseTogether: number;
}

function table(): Row[] {
  const rows: Row[] = [];
  for (const line of section('REVIEW-TABLE').split('\n')) {
    const m = /^\| `([a-z-]+)` \| (\d+) \| (\d+) \| (\d+) \| (\d+) \|/.exec(line);
    if (m) rows.push({ rule: m[1], alone: +m[2], falseAlone: +m[3], together: +m[4], falseTogether: +m[5] });
  }
  return rows;
}

function falsePositives(): { mode: Mode; location: string; rule: string }[] {
  const out: { mode: Mode; location: string; rule: string }[] = [];
  for (const line of section('REVIEW-FALSE').split('\n')) {
    const m = /^- (alone|together) `([^`]+)` ([a-z-]+) — /.exec(line);
    if (m) out.push({ mode: m[1] as Mode, location: m[2], rule: m[3] });
    else assert.ok(!line.trim().startsWith('-'), `unreadable false-positive line in REVIEW.md: ${line}`);
  }
  return out;
}

function counts(lines: string[]): Map<string, number> {
  const m = new Map<string, number>();
  for (const l of lines) m.set(ruleOf(l), (m.get(ruleOf(l)) ?? 0) + 1);
  return m;
}

test('REVIEW.md: per-rule finding counts equal the golden files (alone and together)', () => {
  const rows = table();
  const byRule = new Map(rows.map((r) => [r.rule, r]));
  for (const mode of ['alone', 'together'] as const) {
    const c = counts(golden[mode]);
    for (const [rule, n] of c) {
      const row = byRule.get(rule);
      assert.ok(row, `REVIEW.md has no row for ${rule}, which has ${n} findings ${mode}: review them`);
      assert.equal(row[mode], n, `${rule}: REVIEW.md says ${row[mode]} findings ${mode}, the golden file has ${n}: review the change`);
    }
    for (const r of rows) assert.equal(r[mode], c.get(r.rule) ?? 0, `${r.rule}: REVIEW.md says ${r[mode]} findings ${mode}, the golden file has ${c.get(r.rule) ?? 0}`);
  }
});

test('REVIEW.md: every listed false positive is a finding of its golden file, and the counts match the list', () => {
  const listed = falsePositives();
  for (const fp of listed) {
    assert.ok(
      golden[fp.mode].some((l) => locationOf(l) === fp.location && ruleOf(l) === fp.rule),
      `REVIEW.md lists ${fp.mode} ${fp.location} ${fp.rule}, which is not in the golden file (fixed? then remove it)`,
    );
  }
  for (const r of table()) {
    assert.equal(listed.filter((x) => x.mode === 'alone' && x.rule === r.rule).length, r.falseAlone, `${r.rule}: false positives alone`);
    assert.equal(listed.filter((x) => x.mode === 'together' && x.rule === r.rule).length, r.falseTogether, `${r.rule}: false positives together`);
    assert.ok(r.falseAlone <= r.alone && r.falseTogether <= r.together);
  }
});

test('REVIEW.md: the false-positive rate is under 5 %, and the stated totals are right', () => {
  const rows = table();
  const total = golden.alone.length + golden.together.length;
  const falses = rows.reduce((n, r) => n + r.falseAlone + r.falseTogether, 0);
  assert.ok(falses / total < 0.05, `false-positive rate ${((100 * falses) / total).toFixed(1)} %`);
  const result = /\| \*\*both\*\* \| \*\*(\d+)\*\* \| \*\*(\d+)\*\* \|/.exec(REVIEW);
  assert.ok(result, 'REVIEW.md has no "both" totals row');
  assert.deepEqual([+result[1], +result[2]], [total, falses]);
  for (const mode of ['alone', 'together'] as const) {
    const m = new RegExp(`\\| ${mode} \\| (\\d+) \\| (\\d+) \\|`).exec(REVIEW);
    assert.ok(m, `REVIEW.md has no ${mode} totals row`);
    const f = rows.reduce((n, r) => n + (mode === 'alone' ? r.falseAlone : r.falseTogether), 0);
    assert.deepEqual([+m[1], +m[2]], [golden[mode].length, f]);
  }
});

/**
 * Keeps test/corpus/REVIEW.md in step with the golden files: its per-rule counts must be the golden files'
 * counts, every false positive it lists must be a finding of the golden file it names (with that rule), the
 * false-positive counts must match the list, and the rate stays under 5 %. A golden change that is not
 * reviewed fails here. The same holds for real2/REVIEW.md's part "Sources" against
 * real2/findings.sources.golden.txt (true + false + debatable per rule, the listed false findings, the totals).
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

// real2/REVIEW.md's part "Sources" against real2/findings.sources.golden.txt (lines starting with `#` name units).
const SOURCES_REVIEW = readFileSync(join(__dirname, 'real2', 'REVIEW.md'), 'utf8');
const sourcesGolden = readFileSync(join(__dirname, 'real2', 'findings.sources.golden.txt'), 'utf8').split('\n').filter((l) => l && !l.startsWith('#'));

function sourcesSection(name: string): string {
  const m = new RegExp(`<!-- ${name}:START -->([\\s\\S]*?)<!-- ${name}:END -->`).exec(SOURCES_REVIEW);
  assert.ok(m, `real2/REVIEW.md has no ${name} section`);
  return m[1];
}

interface SourcesRow {
  rule: string;
  findings: number;
  true: number;
  false: number;
  debatable: number;
}

function sourcesTable(): { rows: SourcesRow[]; total: Omit<SourcesRow, 'rule'> | undefined } {
  const rows: SourcesRow[] = [];
  let total: Omit<SourcesRow, 'rule'> | undefined;
  for (const line of sourcesSection('SOURCES-TABLE').split('\n')) {
    const m = /^\| `([a-z-]+)` \| (\d+) \| (\d+) \| (\d+) \| (\d+) \|$/.exec(line);
    if (m) rows.push({ rule: m[1], findings: +m[2], true: +m[3], false: +m[4], debatable: +m[5] });
    const t = /^\| \*\*total\*\* \| (\d+) \| (\d+) \| (\d+) \| (\d+) \|$/.exec(line);
    if (t) total = { findings: +t[1], true: +t[2], false: +t[3], debatable: +t[4] };
  }
  return { rows, total };
}

function sourcesFalse(): { location: string; rule: string }[] {
  const out: { location: string; rule: string }[] = [];
  for (const line of sourcesSection('SOURCES-FALSE').split('\n')) {
    const m = /^- `([^`]+)` ([a-z-]+) — \S/.exec(line);
    if (m) out.push({ location: m[1], rule: m[2] });
    else assert.ok(!line.trim().startsWith('-'), `unreadable false-finding line in real2/REVIEW.md: ${line}`);
  }
  return out;
}

test('real2/REVIEW.md "Sources": per-rule finding counts equal findings.sources.golden.txt, and true + false + debatable = findings', () => {
  const { rows } = sourcesTable();
  assert.ok(rows.length > 0, 'the SOURCES-TABLE has no rule rows');
  const c = counts(sourcesGolden);
  const byRule = new Map(rows.map((r) => [r.rule, r]));
  assert.equal(byRule.size, rows.length, 'a rule has two rows');
  for (const [rule, n] of c) {
    const row = byRule.get(rule);
    assert.ok(row, `real2/REVIEW.md has no Sources row for ${rule}, which has ${n} findings: review them`);
    assert.equal(row.findings, n, `${rule}: real2/REVIEW.md says ${row.findings} findings, the golden has ${n}: review the change`);
  }
  for (const r of rows) {
    assert.equal(r.findings, c.get(r.rule) ?? 0, `${r.rule}: real2/REVIEW.md says ${r.findings} findings, the golden has ${c.get(r.rule) ?? 0}`);
    assert.equal(r.true + r.false + r.debatable, r.findings, `${r.rule}: true + false + debatable is not the findings`);
  }
});

test('real2/REVIEW.md "Sources": every listed false finding is a line of the golden with that rule, and the false counts match the list', () => {
  const listed = sourcesFalse();
  for (const f of listed) {
    assert.ok(
      sourcesGolden.some((l) => locationOf(l) === f.location && ruleOf(l) === f.rule),
      `real2/REVIEW.md lists ${f.location} ${f.rule}, which is not in findings.sources.golden.txt (fixed? then remove it)`,
    );
  }
  for (const r of sourcesTable().rows) assert.equal(listed.filter((x) => x.rule === r.rule).length, r.false, `${r.rule}: false findings listed`);
});

test('real2/REVIEW.md "Sources": the totals row is the sum of the rows and the golden, and the false rate is under 5 %', () => {
  const { rows, total } = sourcesTable();
  assert.ok(total, 'the SOURCES-TABLE has no totals row');
  const sum = (k: keyof Omit<SourcesRow, 'rule'>) => rows.reduce((n, r) => n + r[k], 0);
  assert.deepEqual(total, { findings: sum('findings'), true: sum('true'), false: sum('false'), debatable: sum('debatable') });
  assert.equal(total.findings, sourcesGolden.length);
  assert.equal(total.false, sourcesFalse().length);
  assert.ok(total.false / total.findings < 0.05, `false rate ${((100 * total.false) / total.findings).toFixed(1)} %`);
});

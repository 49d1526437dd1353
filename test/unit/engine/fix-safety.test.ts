/**
 * Fix safety (SPEC §7: a fix never corrupts a document). For every fixture and every corpus file (read in
 * place), every fix offered — safe or not — is applied alone, and then all safe fixes together as
 * `scalelint --fix` does. Each result must parse (no YAML error it did not have), lose no comment (the
 * multiset of comment texts), leave the file's other documents byte-identical, and a second lint must
 * offer no fix for the same finding (`--fix` twice changes nothing).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { Lexer } from 'yaml';
import { applyEdits, fileEdits, fixAll, parseConfig, splitDocuments, type Config, type FileFinding } from '../../../server/src/engine';
import { lintText } from '../../helpers/lint';

const FIXTURES = join(__dirname, '..', '..', 'fixtures');
const CORPUS = process.env.SCALELINT_CORPUS ?? join(__dirname, '..', '..', 'corpus', 'reference');

function walk(dir: string, accept: RegExp): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .sort()
    .flatMap((n) => {
      const p = join(dir, n);
      if (statSync(p).isDirectory()) return walk(p, accept);
      return accept.test(n) && n !== '.scalelint.yaml' && !/\.fixed\.ya?ml$/.test(n) ? [p] : [];
    });
}

/** The comments of a YAML text, as the lexer sees them (not `#` inside strings or block scalars). */
export function comments(text: string): string[] {
  const out: string[] = [];
  for (const token of new Lexer().lex(text)) if (token.startsWith('#')) out.push(token.trimEnd());
  return out.sort();
}

/** The comments of `before` missing from `after` (a multiset difference). */
function lostComments(before: string, after: string): string[] {
  const left = new Map<string, number>();
  for (const c of comments(after)) left.set(c, (left.get(c) ?? 0) + 1);
  const lost: string[] = [];
  for (const c of comments(before)) {
    const n = left.get(c) ?? 0;
    if (n === 0) lost.push(c);
    else left.set(c, n - 1);
  }
  return lost;
}

const yamlErrors = (found: FileFinding[]) => found.filter((f) => f.ruleId === 'yaml-syntax' && f.severity === 'error').length;

interface Subject {
  name: string;
  file: string;
  text: string;
  config?: Config;
}

function subjects(): Subject[] {
  const out: Subject[] = [];
  for (const file of walk(FIXTURES, /\.ya?ml$/)) {
    const cfg = join(dirname(file), '.scalelint.yaml');
    out.push({ name: `fixtures/${relative(FIXTURES, file)}`, file, text: readFileSync(file, 'utf8'), config: existsSync(cfg) ? parseConfig(readFileSync(cfg, 'utf8')).config : undefined });
  }
  for (const file of walk(CORPUS, /\.(ya?ml|json)$/)) out.push({ name: `corpus/${relative(CORPUS, file)}`, file, text: readFileSync(file, 'utf8') });
  return out;
}

/** Where an offset of the text is after the edits (an edit covering it: where that edit starts). */
function movedOffset(edits: { start: number; end: number; newText: string }[], offset: number): number {
  let shift = 0;
  for (const e of [...edits].sort((a, b) => a.start - b.start)) {
    if (e.end <= offset && !(e.start === e.end && e.start === offset)) shift += e.newText.length - (e.end - e.start);
    else if (e.start < offset) return e.start + shift;
  }
  return offset + shift;
}

/** Every problem of one fix applied alone to `text`. */
function checkOneFix(s: Subject, text: string, f: FileFinding, fixIndex: number, lint: (t: string) => FileFinding[], errorsBefore: number): string[] {
  const fix = f.fixes![fixIndex];
  const what = `${s.name}: ${f.ruleId} "${f.message.slice(0, 90)}" — fix "${fix.title}"`;
  const problems: string[] = [];
  const fixed = applyEdits(text, fileEdits(f, fix));
  if (fixed === text) return [`${what}: changes nothing`];
  const after = lint(fixed);
  if (yamlErrors(after) > errorsBefore) problems.push(`${what}: the result has a new YAML error: ${after.filter((x) => x.ruleId === 'yaml-syntax').map((x) => x.message).join('; ')}`);
  const lost = lostComments(text, fixed);
  if (lost.length) problems.push(`${what}: comments lost: ${lost.join(' | ')}`);
  const before = splitDocuments(text).map((c) => c.text);
  const now = splitDocuments(fixed).map((c) => c.text);
  const i = f.documentIndex;
  const added = now.length - before.length;
  const othersSame =
    added >= 0 && before.every((d, k) => k === i || (k < i ? now[k] === d : now[k + added] === d));
  if (!othersSame) problems.push(`${what}: another document of the file changed`);
  // The same finding: same rule and message, at the place its start moved to (two containers may share a name).
  const start = movedOffset(fileEdits(f, fix), f.documentStart + f.start);
  const again = after.filter((x) => x.ruleId === f.ruleId && x.message === f.message && x.documentStart + x.start === start && x.fixes?.length);
  if (again.length) problems.push(`${what}: after the fix the same finding still offers a fix`);
  return problems;
}

const all = subjects();

test('fix safety: there are files with fixes to check', () => {
  assert.ok(all.length > 50);
});

test('fix safety: every offered fix, applied alone, parses, keeps comments and other documents, and is not offered again', () => {
  const problems: string[] = [];
  let fixesTried = 0;
  for (const s of all) {
    const lint = (t: string) => lintText(t, { config: s.config, uri: s.file });
    const found = lint(s.text);
    const errors = yamlErrors(found);
    for (const f of found) {
      for (let k = 0; k < (f.fixes?.length ?? 0); k++) {
        fixesTried++;
        problems.push(...checkOneFix(s, s.text, f, k, lint, errors));
      }
    }
  }
  assert.ok(fixesTried > 100, `only ${fixesTried} fixes offered`);
  assert.deepEqual(problems, []);
});

test('fix safety: all safe fixes together (--fix) parse, keep comments, and a second --fix changes nothing', () => {
  const problems: string[] = [];
  let filesFixed = 0;
  for (const s of all) {
    const lint = (t: string) => lintText(t, { config: s.config, uri: s.file });
    const found = lint(s.text);
    if (!found.some((f) => f.fixes?.some((x) => x.safe))) continue;
    const result = fixAll(s.text, lint);
    if (result.applied === 0) continue;
    filesFixed++;
    const after = lint(result.text);
    if (yamlErrors(after) > yamlErrors(found)) problems.push(`${s.name}: --fix added a YAML error: ${after.filter((x) => x.ruleId === 'yaml-syntax').map((x) => x.message).join('; ')}`);
    const lost = lostComments(s.text, result.text);
    if (lost.length) problems.push(`${s.name}: --fix lost comments: ${lost.join(' | ')}`);
    const second = fixAll(result.text, lint);
    if (second.applied > 0) problems.push(`${s.name}: a second --fix applied ${second.applied} more fixes: ${after.filter((f) => f.fixes?.some((x) => x.safe)).map((f) => `${f.ruleId}: ${f.message.slice(0, 80)}`).join('; ')}`);
  }
  assert.ok(filesFixed > 20, `only ${filesFixed} files had fixes applied`);
  assert.deepEqual(problems, []);
});

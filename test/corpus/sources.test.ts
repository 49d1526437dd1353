/**
 * The charts, kustomizations, Terraform modules and shell scripts of test/corpus/real2 (real files from public
 * repositories, vendored byte for byte with SOURCES.md; others' work, never edited) are linted through the
 * engine's sources the way the CLI lints them: each render unit (a chart, a kustomization no other includes, a
 * Terraform module folder, a script) is planned, rendered and linted as a lint set of its own (addRenders,
 * renderedFindings: the CLI's own path), and the findings land on the files a person edits. Files of a
 * repository folder that no unit reads are linted as plain files, together, as `scalelint <folder>` would.
 * Nothing may crash; `render` problems are part of the golden. UPDATE=1 rewrites
 * real2/findings.sources.golden.txt: review the diff in real2/REVIEW.md's part "Sources" (review.test.ts checks
 * that its counts follow the golden).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { Linter, LineIndex, defaultConfig, type FileFinding } from '../../server/src/engine';
import { loadHclParser } from '../../server/src/node/hcl-parser';
import { addRenders, consumedFiles, diskPath, diskReader, enginePath, findUnits, renderedFindings } from '../../server/src/node/sources';
import { walkYamlFiles } from '../../server/src/node/files';
import { rows } from '../helpers/lint';

const REAL2 = join(__dirname, 'real2');
export const SOURCES_GOLDEN = join(REAL2, 'findings.sources.golden.txt');
const KINDS = ['helm', 'kustomize', 'terraform', 'shell'];

const rel = (file: string) => relative(REAL2, file).split(sep).join('/');

/** The repository folders of each kind (`helm/<owner>__<repo>`, …); the loose single templates of helm/ are no unit. */
function repositoryFolders(): string[] {
  return KINDS.flatMap((kind) => {
    const dir = join(REAL2, kind);
    return readdirSync(dir).sort().map((n) => join(dir, n)).filter((p) => statSync(p).isDirectory());
  });
}

function line(file: string, text: string, f: FileFinding): string {
  const li = new LineIndex(text);
  const s = li.position(f.documentStart + f.start);
  return `${rel(file)}:${s.line + 1}:${s.character + 1} ${f.severity} ${f.ruleId} ${f.message.replace(/\n/g, ' ')}`;
}

async function lintSources(): Promise<string> {
  const hclParser = await loadHclParser();
  const reader = diskReader();
  const out: string[] = [];
  for (const folder of repositoryFolders()) {
    const files = walkYamlFiles(folder, (d, err) => { throw new Error(`${d}: ${String(err)}`); }, { otherSources: true });
    const units = findUnits(reader, files.map(enginePath));
    const consumed = new Set<string>();
    for (const unit of units) {
      out.push(`# ${unit.kind} ${rel(diskPath(unit.root))}`);
      const linter = new Linter(() => defaultConfig());
      const set = addRenders(linter, [diskPath(unit.marker)], { hclParser, newLinter: () => new Linter(() => defaultConfig()) });
      for (const f of consumedFiles(set)) consumed.add(f);
      const found = renderedFindings(linter, set, undefined, REAL2);
      for (const file of [...found.keys()].sort()) {
        const text = readFileSync(file, 'utf8');
        for (const f of found.get(file)!) {
          assert.ok(!/Internal error/i.test(f.message), `${rel(file)}: ${f.message}`);
          out.push(line(file, text, f));
        }
      }
    }
    // What no unit read is linted as written, all together, as the CLI lints a folder's plain files.
    const plain = files.filter((f) => !consumed.has(f) && !/\.(tf|tf\.json|sh|bash)$/.test(f));
    if (plain.length) {
      out.push(`# plain ${rel(folder)}`);
      const linter = new Linter(() => defaultConfig());
      for (const f of plain) linter.update(f, readFileSync(f, 'utf8'));
      for (const f of plain) {
        const text = readFileSync(f, 'utf8');
        for (const r of rows(text, linter.lintFile(f))) out.push(`${rel(f)}:${r.line}:${r.column} ${r.severity} ${r.ruleId} ${r.message.replace(/\n/g, ' ')}`);
      }
    }
  }
  return out.join('\n') + '\n';
}

test('real2 sources: every chart, kustomization, Terraform module and script renders and lints without a crash, findings match the golden', async () => {
  const actual = await lintSources();
  if (process.env.UPDATE === '1') writeFileSync(SOURCES_GOLDEN, actual);
  assert.equal(actual, readFileSync(SOURCES_GOLDEN, 'utf8'), 'real2 source findings changed: run UPDATE=1 on test/corpus/sources.test.ts, review the diff in test/corpus/real2/REVIEW.md (part "Sources")');
});

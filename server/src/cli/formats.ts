/**
 * Report formats of the CLI: stylish (people), json (SPEC §6 shape), sarif (SARIF 2.1.0, code scanning),
 * github (Actions workflow commands) and junit (JUnit XML test reports).
 */
import { pathToFileURL } from 'node:url';
import { relative, resolve } from 'node:path';
import type { FileFinding, LineIndex, Rule } from '../engine';

export interface FileResult {
  /** The name the linter knows the file by (related locations refer to it). */
  key: string;
  filePath: string;
  displayPath: string;
  text: string;
  findings: FileFinding[];
  lines: LineIndex;
}

interface Placed {
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

/** 1-based line/column of a finding (columns in UTF-16 code units, end exclusive). */
export function place(result: FileResult, f: FileFinding): Placed {
  const s = result.lines.position(f.documentStart + f.start);
  const e = result.lines.position(f.documentStart + f.end);
  return { line: s.line + 1, column: s.character + 1, endLine: e.line + 1, endColumn: e.character + 1 };
}

export function formatJson(results: FileResult[]): string {
  const out = results.map((r) => ({
    filePath: r.filePath,
    messages: r.findings.map((f) => ({ ruleId: f.ruleId, severity: f.severity, message: f.message, ...place(r, f) })),
  }));
  return JSON.stringify(out, null, 2) + '\n';
}

const paint = (on: boolean) => ({
  red: (s: string) => (on ? `\x1b[31m${s}\x1b[39m` : s),
  yellow: (s: string) => (on ? `\x1b[33m${s}\x1b[39m` : s),
  blue: (s: string) => (on ? `\x1b[34m${s}\x1b[39m` : s),
  dim: (s: string) => (on ? `\x1b[2m${s}\x1b[22m` : s),
  bold: (s: string) => (on ? `\x1b[1m${s}\x1b[22m` : s),
  underline: (s: string) => (on ? `\x1b[4m${s}\x1b[24m` : s),
});

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

export function formatStylish(results: FileResult[], opts: { color: boolean }): string {
  const c = paint(opts.color);
  let out = '';
  let errors = 0;
  let warnings = 0;
  let infos = 0;
  let fixable = 0;
  for (const r of results) {
    if (r.findings.length === 0) continue;
    out += `\n${c.underline(r.displayPath)}\n`;
    const rows = r.findings.map((f) => {
      const p = place(r, f);
      if (f.severity === 'error') errors++;
      else if (f.severity === 'warning') warnings++;
      else infos++;
      if (f.fixes?.some((x) => x.safe)) fixable++;
      const sev = f.severity === 'error' ? c.red('error') : f.severity === 'warning' ? c.yellow('warning') : c.blue('info');
      return { pos: `${p.line}:${p.column}`, sev, sevLen: f.severity.length, message: f.message, rule: f.ruleId };
    });
    const posW = Math.max(...rows.map((x) => x.pos.length));
    const sevW = Math.max(...rows.map((x) => x.sevLen));
    for (const x of rows) {
      out += `  ${c.dim(x.pos.padEnd(posW))}  ${x.sev}${' '.repeat(sevW - x.sevLen)}  ${x.message}  ${c.dim(x.rule)}\n`;
    }
  }
  const total = errors + warnings + infos;
  if (total === 0) return '';
  const summary = `${plural(total, 'problem')} (${plural(errors, 'error')}, ${plural(warnings, 'warning')}, ${plural(infos, 'info')})`;
  out += `\n${c.bold((errors ? c.red('✖ ') : warnings ? c.yellow('✖ ') : '✖ ') + summary)}\n`;
  if (fixable) out += c.dim(`  ${plural(fixable, 'problem')} can be fixed with the \`--fix\` option.\n`);
  return out;
}

const SARIF_LEVEL = { error: 'error', warning: 'warning', info: 'note' } as const;

export function formatSarif(results: FileResult[], opts: { version: string; rules: readonly Rule[]; docUrl: (id: string) => string }): string {
  const ruleIndex = new Map(opts.rules.map((r, i) => [r.id, i]));
  const cwd = process.cwd();
  const uriOf = (filePath: string) => {
    const rel = relative(cwd, filePath);
    return rel && !rel.startsWith('..') ? { uri: encodeURI(rel.split('\\').join('/')), uriBaseId: '%SRCROOT%' } : { uri: pathToFileURL(filePath).href };
  };
  const byKey = new Map(results.map((r) => [r.key, r] as const));
  const resultsOut = results.flatMap((r) =>
    r.findings.map((f) => {
      const p = place(r, f);
      const related = (f.related ?? []).map((rel, id) => {
        const other = byKey.get(rel.file ?? r.key);
        const region = other
          ? (() => {
              const s = other.lines.position(rel.start);
              const e = other.lines.position(rel.end);
              return { startLine: s.line + 1, startColumn: s.character + 1, endLine: e.line + 1, endColumn: e.character + 1 };
            })()
          : undefined;
        return {
          id,
          message: { text: rel.message },
          physicalLocation: { artifactLocation: uriOf(other?.filePath ?? resolve(rel.file ?? r.key)), ...(region ? { region } : {}) },
        };
      });
      return {
        ruleId: f.ruleId,
        ...(ruleIndex.has(f.ruleId) ? { ruleIndex: ruleIndex.get(f.ruleId) } : {}),
        level: SARIF_LEVEL[f.severity],
        message: { text: f.message },
        locations: [
          {
            physicalLocation: {
              artifactLocation: uriOf(r.filePath),
              region: { startLine: p.line, startColumn: p.column, endLine: p.endLine, endColumn: p.endColumn },
            },
          },
        ],
        ...(related.length ? { relatedLocations: related } : {}),
      };
    }),
  );
  const log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'ScaleLint',
            version: opts.version,
            informationUri: opts.docUrl('').replace(/#$/, ''),
            rules: opts.rules.map((r) => ({
              id: r.id,
              name: r.id.replace(/(^|-)([a-z])/g, (_m, _d, ch: string) => ch.toUpperCase()),
              shortDescription: { text: r.docs.summary || r.id },
              fullDescription: { text: r.docs.rationale || r.docs.summary || r.id },
              help: { text: r.docs.remediation || r.docs.summary || r.id },
              helpUri: opts.docUrl(r.id),
              defaultConfiguration: { level: SARIF_LEVEL[r.defaultSeverity] },
            })),
          },
        },
        originalUriBaseIds: { '%SRCROOT%': { uri: pathToFileURL(cwd + '/').href } },
        columnKind: 'utf16CodeUnits',
        results: resultsOut,
      },
    ],
  };
  return JSON.stringify(log, null, 2) + '\n';
}

const GITHUB_LEVEL = { error: 'error', warning: 'warning', info: 'notice' } as const;

/** A workflow command's message: `%`, CR and LF escaped, as the Actions runner unescapes them. */
const githubData = (s: string) => s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
/** A workflow command's property value: the message's escapes plus `:` and `,`, which end a property. */
const githubProperty = (s: string) => githubData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');

/**
 * GitHub Actions workflow commands (SPEC §11): one `::error|warning|notice file=…,line=…::message` line per
 * finding, which the runner turns into annotations on the pull request's diff, without code scanning.
 * Paths are relative to the working folder (the repository root in a workflow), with `/` separators.
 */
export function formatGithub(results: FileResult[]): string {
  const cwd = process.cwd();
  let out = '';
  for (const r of results) {
    const rel = relative(cwd, r.filePath);
    const file = rel && !rel.startsWith('..') ? rel.split('\\').join('/') : r.displayPath;
    for (const f of r.findings) {
      const p = place(r, f);
      const props = [`file=${githubProperty(file)}`, `line=${p.line}`, `col=${p.column}`, `endLine=${p.endLine}`, `endColumn=${p.endColumn}`, `title=${githubProperty(f.ruleId)}`];
      out += `::${GITHUB_LEVEL[f.severity]} ${props.join(',')}::${githubData(f.message)}\n`;
    }
  }
  return out;
}

/** Text in XML: the five markup characters escaped, and characters XML 1.0 forbids dropped. */
function xml(s: string): string {
  return s
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

/**
 * JUnit XML (SPEC §11) for GitLab, Jenkins and Azure Pipelines test reports: one testsuite a file, one failed
 * testcase a finding (its type the severity). A file without findings is a suite with one passing testcase,
 * so the report shows every file that was linted.
 */
export function formatJunit(results: FileResult[]): string {
  let total = 0;
  let failures = 0;
  const suites: string[] = [];
  for (const r of results) {
    const cases: string[] = [];
    for (const f of r.findings) {
      const p = place(r, f);
      const where = `${r.displayPath}:${p.line}:${p.column}`;
      const name = `${f.ruleId} at ${p.line}:${p.column}`;
      const body = `${f.severity}: ${f.message} (${f.ruleId})\n${where}`;
      cases.push(
        `    <testcase name="${xml(name)}" classname="${xml(r.displayPath)}" file="${xml(r.displayPath)}" line="${p.line}">\n` +
          `      <failure message="${xml(f.message)}" type="${f.severity}">${xml(body)}</failure>\n` +
          `    </testcase>`,
      );
    }
    if (cases.length === 0) cases.push(`    <testcase name="no problems" classname="${xml(r.displayPath)}" file="${xml(r.displayPath)}"/>`);
    const count = Math.max(1, r.findings.length);
    total += count;
    failures += r.findings.length;
    suites.push(`  <testsuite name="${xml(r.displayPath)}" tests="${count}" failures="${r.findings.length}" errors="0" skipped="0">\n${cases.join('\n')}\n  </testsuite>`);
  }
  return `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="scalelint" tests="${total}" failures="${failures}" errors="0">\n${suites.join('\n')}${suites.length ? '\n' : ''}</testsuites>\n`;
}

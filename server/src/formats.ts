/** Report formats of the CLI: stylish (people), json (SPEC §6 shape), sarif (SARIF 2.1.0, code scanning). */
import { pathToFileURL } from 'node:url';
import { relative, resolve } from 'node:path';
import type { FileFinding, LineIndex, Rule } from './engine';

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
    return rel && !rel.startsWith('..') ? { uri: rel.split('\\').join('/'), uriBaseId: '%SRCROOT%' } : { uri: pathToFileURL(filePath).href };
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

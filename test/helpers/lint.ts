/** Test helpers: lint text with the real engine, render findings as `line:col` rows. */
import { Linter, LineIndex, parseConfig, defaultConfig, type Config, type FileFinding } from '../../server/src/engine';
import { configureSchemasFromDisk } from './schemas';

configureSchemasFromDisk();

export function lintText(text: string, opts: { config?: Config | string; uri?: string } = {}): FileFinding[] {
  const config = typeof opts.config === 'string' ? parseConfig(opts.config).config : (opts.config ?? defaultConfig());
  const linter = new Linter(() => config);
  const uri = opts.uri ?? 'test.yaml';
  linter.update(uri, text);
  return linter.lintFile(uri);
}

export interface Row {
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  ruleId: string;
  severity: string;
  message: string;
}

export function rows(text: string, findings: FileFinding[]): Row[] {
  const li = new LineIndex(text);
  return findings.map((f) => {
    const s = li.position(f.documentStart + f.start);
    const e = li.position(f.documentStart + f.end);
    return { line: s.line + 1, column: s.character + 1, endLine: e.line + 1, endColumn: e.character + 1, ruleId: f.ruleId, severity: f.severity, message: f.message };
  });
}

/** Findings of one rule as `line:col severity message`. */
export function findingsOf(text: string, ruleId: string, opts: Parameters<typeof lintText>[1] = {}): string[] {
  return rows(text, lintText(text, opts).filter((f) => f.ruleId === ruleId)).map((r) => `${r.line}:${r.column} ${r.severity} ${r.message}`);
}

/**
 * One fuzz input through the engine as the CLI and the server use it: `Linter.update` + `lintFile`
 * (fresh, and incrementally from another text), then `fixAll` as `--fix` does. Returns what went wrong
 * (never throws): an exception, a rule's internal error, a finding outside the text, an incremental
 * lint that differs from a fresh one, a fix that breaks a file that parsed, or fixes that never settle.
 */
import { Linter, defaultConfig, fixAll, rules, type Config, type FileFinding } from '../../server/src/engine';
import { configureSchemasFromDisk } from '../helpers/schemas';

configureSchemasFromDisk();

const RULE_IDS = new Set(rules.map((r) => r.id));
const SEVERITIES = new Set(['error', 'warning', 'info']);
const URI = 'fuzz.yaml';
const configs = new Map<number | undefined, Config>();

function configWith(maxFileSizeBytes: number | undefined): Config {
  let c = configs.get(maxFileSizeBytes);
  if (!c) {
    c = defaultConfig();
    if (maxFileSizeBytes !== undefined) c.maxFileSizeBytes = maxFileSizeBytes;
    configs.set(maxFileSizeBytes, c);
  }
  return c;
}

export interface CheckOptions {
  maxFileSizeBytes?: number;
  /** Lint this text first in the same Linter, then the input: the incremental path must agree with a fresh lint. */
  before?: string;
  /** Run fixAll (as `--fix`); default true. */
  fix?: boolean;
}

export interface CheckResult {
  findings: FileFinding[];
  problems: string[];
  fixesApplied: number;
}

function describe(err: unknown): string {
  return err instanceof Error ? (err.stack ?? err.message).split('\n').slice(0, 6).join('\n') : String(err);
}

export function signature(findings: readonly FileFinding[]): string[] {
  return findings.map((f) => `${f.documentStart + f.start}-${f.documentStart + f.end} ${f.severity} ${f.ruleId}: ${f.message}`).sort();
}

function validate(text: string, findings: readonly FileFinding[], problems: string[], what: string): void {
  for (const f of findings) {
    const where = `${what}: ${f.ruleId} "${f.message.slice(0, 120)}"`;
    if (/Internal error/.test(f.message)) problems.push(`${where}: a rule crashed`);
    if (!RULE_IDS.has(f.ruleId)) problems.push(`${where}: unknown rule id`);
    if (!SEVERITIES.has(f.severity)) problems.push(`${where}: severity ${f.severity}`);
    if (!f.message.trim()) problems.push(`${where}: empty message`);
    const s = f.documentStart + f.start;
    const e = f.documentStart + f.end;
    if (!(Number.isInteger(s) && Number.isInteger(e) && s >= 0 && e >= s && e <= Math.max(text.length, 1))) problems.push(`${where}: range ${s}-${e} outside the text (${text.length})`);
    for (const fix of f.fixes ?? []) {
      for (const edit of fix.edits) {
        const es = f.documentStart + edit.start;
        const ee = f.documentStart + edit.end;
        if (!(es >= 0 && ee >= es && ee <= text.length)) problems.push(`${where}: fix "${fix.title}" edits ${es}-${ee} outside the text (${text.length})`);
      }
    }
  }
}

const syntaxErrors = (findings: readonly FileFinding[]) => findings.filter((f) => f.ruleId === 'yaml-syntax' && f.severity === 'error');

export function checkInput(text: string, options: CheckOptions = {}): CheckResult {
  const problems: string[] = [];
  const config = configWith(options.maxFileSizeBytes);
  let findings: FileFinding[] = [];
  let fixesApplied = 0;
  try {
    const linter = new Linter(() => config);
    linter.update(URI, text);
    findings = linter.lintFile(URI);
    validate(text, findings, problems, 'lint');

    if (options.before !== undefined) {
      const incremental = new Linter(() => config);
      incremental.update(URI, options.before);
      incremental.lintFile(URI);
      incremental.update(URI, text);
      const a = signature(findings).join('\n');
      const b = signature(incremental.lintFile(URI)).join('\n');
      if (a !== b) problems.push(`incremental lint differs from a fresh lint:\nfresh:\n${a.slice(0, 1500)}\nincremental:\n${b.slice(0, 1500)}`);
    }

    if (options.fix !== false && findings.some((f) => f.fixes?.some((x) => x.safe))) {
      const fixer = new Linter(() => config);
      const result = fixAll(text, (t) => {
        fixer.update(URI, t);
        return fixer.lintFile(URI);
      });
      fixesApplied = result.applied;
      fixer.update(URI, result.text);
      const after = fixer.lintFile(URI);
      validate(result.text, after, problems, 'after --fix');
      if (syntaxErrors(findings).length === 0 && syntaxErrors(after).length > 0) {
        problems.push(`--fix broke a file that parsed: ${syntaxErrors(after).map((f) => f.message).join('; ').slice(0, 300)}`);
      }
      if (after.some((f) => f.fixes?.some((x) => x.safe)) && result.passes >= 10) {
        problems.push(`--fix did not settle in ${result.passes} passes: ${after.filter((f) => f.fixes?.some((x) => x.safe)).map((f) => f.ruleId).join(', ')}`);
      }
    }
  } catch (err) {
    problems.push(`the engine threw: ${describe(err)}`);
  }
  return { findings, problems, fixesApplied };
}

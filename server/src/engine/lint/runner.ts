/**
 * The document runner: the per-document rules over one parsed document, their findings cached by the
 * document's parse and the config they ran with (a keystroke in one document re-checks that one only).
 */
import type { Config } from '../config';
import type { Finding } from '../types';
import { parseChunk, type ParsedChunk } from '../parse/document';
import type { Rule } from '../rules/rule';
import type { PreparedDocument } from './store';
import { internalError, targetRange, toFinding } from './findings';

interface CachedFindings {
  config: Config;
  findings: Finding[];
}

/** A finding's severity under `config`, or undefined when its rule is off. */
export function severityOf(f: Finding, config: Config): Finding['severity'] | undefined {
  const setting = config.rules[f.ruleId];
  if (setting === 'off') return undefined;
  return setting ?? f.severity;
}

export class DocumentRunner {
  private readonly cache = new WeakMap<ParsedChunk, CachedFindings>();

  constructor(readonly rules: readonly Rule[]) {}

  /** Parses one document and runs the per-document rules on it with `config`: the work a worker thread does. */
  prepare(text: string, config: Config): PreparedDocument {
    const chunk = parseChunk(text);
    return { chunk, findings: { config, list: this.allFindings(chunk, config) } };
  }

  /** Takes the findings a document was prepared with, so they are not computed again. */
  adopt(p: PreparedDocument): void {
    if (p.findings) this.cache.set(p.chunk, { config: p.findings.config, findings: p.findings.list });
  }

  /** Findings of the per-document rules whose severity is not `off`, cached by document and config. */
  findings(chunk: ParsedChunk, config: Config): Finding[] {
    return this.allFindings(chunk, config).filter((f) => severityOf(f, config));
  }

  private allFindings(chunk: ParsedChunk, config: Config): Finding[] {
    const cached = this.cache.get(chunk);
    if (cached && cached.config === config) return cached.findings;
    const findings: Finding[] = [...chunk.syntax];
    if (!chunk.failed && chunk.resources.length > 0) {
      for (const rule of this.rules) {
        if (config.rules[rule.id] === 'off') continue;
        try {
          rule.checkDocument!({
            resources: chunk.resources,
            text: chunk.text,
            settings: config,
            // Same-document related locations keep document-relative offsets until placed in a file.
            report: (r) => findings.push(toFinding(rule, r, (res, at, message) => (res.chunk === chunk ? { start: targetRange(at)[0], end: targetRange(at)[1], message } : undefined))),
          });
        } catch (err) {
          findings.push(internalError(rule, err, chunk.resources[0]?.anchor));
        }
      }
    }
    this.cache.set(chunk, { config, findings });
    return findings;
  }
}

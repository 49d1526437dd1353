/**
 * Generates docs/rules.md from the rule registry (as kube-linter does), and schemas/scalelint-config.json
 * from the engine's config schema, so neither drifts. `npm run docs`; a test fails when they are stale.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { rules } from '../server/src/engine/rules';
import { configSchema } from '../server/src/engine/config-schema';
import { DEFAULT_CONFIG } from '../server/src/engine/config';

const ROOT = join(__dirname, '..');

export function renderRulesDoc(): string {
  const lines: string[] = [];
  lines.push('# ScaleLint rules');
  lines.push('');
  lines.push('<!-- Generated from server/src/engine/rules by `npm run docs`. Do not edit by hand. -->');
  lines.push('');
  lines.push('Severities can be changed per rule in `.scalelint.yaml` (`rules: {<id>: error|warning|info|off}`); a line can be');
  lines.push('exempted with `# scalelint-disable-next-line <id>`. See the README for configuration and suppression.');
  lines.push('');
  lines.push('| rule | applies to | default | fix |');
  lines.push('|---|---|---|---|');
  for (const r of rules) lines.push(`| [\`${r.id}\`](#${r.id}) | ${r.docs.appliesTo} | ${r.defaultSeverity} | ${r.fixable ? 'yes' : '–'} |`);
  lines.push('');
  for (const r of rules) {
    lines.push(`## ${r.id}`);
    lines.push('');
    lines.push(`**${r.docs.summary}**`);
    lines.push('');
    lines.push(`- Applies to: ${r.docs.appliesTo}`);
    lines.push(`- Default severity: \`${r.defaultSeverity}\``);
    lines.push(`- Fix: ${r.fixable ? 'yes (quick fix in the editor; `scalelint --fix` applies the safe ones)' : 'none'}`);
    if (r.docs.settings?.length) {
      const defaults = DEFAULT_CONFIG as unknown as Record<string, unknown>;
      lines.push(`- Settings: ${r.docs.settings.map((s) => `\`${s}\`${defaults[s] !== undefined ? ` (default ${JSON.stringify(defaults[s])})` : ''}`).join(', ')}`);
    }
    lines.push('');
    lines.push(r.docs.rationale);
    lines.push('');
    lines.push(`**What to do:** ${r.docs.remediation}`);
    lines.push('');
    if (r.docs.bad) {
      lines.push('Flagged:');
      lines.push('');
      lines.push('```yaml');
      lines.push(r.docs.bad);
      lines.push('```');
      lines.push('');
    }
    if (r.docs.good) {
      lines.push('Fine:');
      lines.push('');
      lines.push('```yaml');
      lines.push(r.docs.good);
      lines.push('```');
      lines.push('');
    }
  }
  return lines.join('\n');
}

export function renderConfigSchema(): string {
  return JSON.stringify(configSchema, null, 2) + '\n';
}

if (require.main === module) {
  writeFileSync(join(ROOT, 'docs', 'rules.md'), renderRulesDoc());
  writeFileSync(join(ROOT, 'schemas', 'scalelint-config.json'), renderConfigSchema());
  console.log('wrote docs/rules.md and schemas/scalelint-config.json');
}

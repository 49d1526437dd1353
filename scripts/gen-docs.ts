/**
 * Generates docs/rules.md from the rule registry (as kube-linter does), and schemas/scalelint-config.json
 * from the engine's config schema, so neither drifts. `npm run docs`; a test fails when they are stale.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEFAULT_CONFIG, rules } from '../server/src/engine';
import { configSchema, SETTING_OWNERS } from '../server/src/engine/config-schema';

const ROOT = join(__dirname, '..');

/** The settings a rule reads, as written in `.scalelint.yaml`: an object setting by its leaves (`utilizationTargets.cpu.min`). */
function settingNamesOf(ruleId: string): string[] {
  const leaves = (name: string, schema: { properties?: Record<string, unknown> }): string[] =>
    schema.properties ? Object.entries(schema.properties).flatMap(([k, s]) => leaves(`${name}.${k}`, s as typeof schema)) : [name];
  return [...SETTING_OWNERS].filter(([, owner]) => owner === ruleId).flatMap(([name]) => leaves(name, configSchema.properties[name]));
}

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
    const settings = settingNamesOf(r.id);
    if (settings.length) {
      const defaults = DEFAULT_CONFIG as unknown as Record<string, unknown>;
      lines.push(`- Settings: ${settings.map((s) => `\`${s}\`${defaults[s] !== undefined ? ` (default ${JSON.stringify(defaults[s])})` : ''}`).join(', ')}`);
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

/** `contributes.configuration` of the extension: `scalelint.*` settings mirror the config file's keys. */
export function settingsContribution(): Record<string, unknown> {
  const properties: Record<string, unknown> = {
    'scalelint.enable': { type: 'boolean', default: true, description: 'Lint YAML files with ScaleLint.' },
  };
  // VS Code answers an unset setting with its declared `default`, or else with its type's zero (0, '', {}):
  // declare the engine's defaults, and null where there is none, so that unset means "the default".
  const defaults = DEFAULT_CONFIG as unknown as Record<string, unknown>;
  for (const [key, schema] of Object.entries(configSchema.properties)) {
    const setting: Record<string, unknown> = { ...schema, markdownDescription: `${(schema as { description: string }).description} A \`.scalelint.yaml\` file wins over this setting.` };
    if (defaults[key] === undefined) {
      setting.type = [(schema as { type: string }).type, 'null'];
      setting.default = null;
    } else setting.default = defaults[key];
    properties[`scalelint.${key}`] = setting;
  }
  // Editor only (not a config file key): see client/src/redhat.ts and the README.
  properties['scalelint.besideRedHatYaml'] = {
    type: 'string',
    enum: ['auto', 'defer', 'full'],
    default: 'auto',
    enumDescriptions: [
      "When Red Hat's YAML extension is installed and validates Kubernetes files (yaml.schemas maps `kubernetes`), defer to it.",
      'Always defer: for built-in Kubernetes kinds, the schema rule reports only unknown fields (with the nearest valid name), and field hover and completion are left to the other extension.',
      'Never defer: report every schema problem, describe and complete every field.',
    ],
    description:
      "How ScaleLint's schema rule, hover and completion behave beside Red Hat's YAML extension, so schema errors of built-in Kubernetes kinds are not reported twice. KEDA and CloudFormation are always checked in full.",
    markdownDescription:
      "How ScaleLint's `schema` rule, hover and completion behave beside Red Hat's YAML extension, so schema errors of built-in Kubernetes kinds (HPA, Deployment, StatefulSet, Service, PodDisruptionBudget) are not reported twice. When deferring, ScaleLint reports only unknown fields of those kinds (Red Hat's Kubernetes schema lets them pass), with the nearest valid name as a quick fix. KEDA ScaledObjects and CloudFormation are always checked in full.",
  };
  properties['scalelint.trace.server'] = {
    type: 'string',
    enum: ['off', 'messages', 'verbose'],
    default: 'off',
    description: 'Traces the communication between VS Code and the ScaleLint language server (Output → ScaleLint).',
  };
  return { title: 'ScaleLint', properties };
}

export function renderPackageJson(current: string): string {
  const pkg = JSON.parse(current);
  pkg.contributes = { ...pkg.contributes, configuration: settingsContribution() };
  return JSON.stringify(pkg, null, 2) + '\n';
}

export function renderConfigSchema(): string {
  return JSON.stringify(configSchema, null, 2) + '\n';
}

if (require.main === module) {
  writeFileSync(join(ROOT, 'docs', 'rules.md'), renderRulesDoc());
  writeFileSync(join(ROOT, 'schemas', 'scalelint-config.json'), renderConfigSchema());
  const pkgPath = join(ROOT, 'package.json');
  writeFileSync(pkgPath, renderPackageJson(readFileSync(pkgPath, 'utf8')));
  console.log('wrote docs/rules.md, schemas/scalelint-config.json and the settings in package.json');
}

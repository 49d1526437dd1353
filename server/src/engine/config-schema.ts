/**
 * JSON Schema of `.scalelint.yaml`, derived from the rule registry: `rules` takes every rule id, and each
 * setting a rule declares (rules/<id>.ts `settings`) is a key. `npm run docs` writes it to
 * schemas/scalelint-config.json for editors, and into package.json as the `scalelint.*` settings.
 */
import { rules } from './rules';
import type { Rule } from './rules/rule';
import { numberSetting, type Setting, type SettingValues } from './settings';

/** Settings the engine reads itself (not a rule), each documented with the rule whose findings it shapes, if any. */
export const ENGINE_SETTINGS = {
  maxFileSizeBytes: numberSetting({ type: 'integer', minimum: 1, description: 'Files larger than this are not linted; they get one finding saying so. Default 8 MiB.' }, 8 * 1024 * 1024),
  ignore: {
    schema: { type: 'array', items: { type: 'string' }, description: 'Glob patterns of files the CLI and the workspace index skip.' },
    default: [] as string[],
    merge: (current: string[], given: unknown) => (Array.isArray(given) ? given.filter((x): x is string => typeof x === 'string') : current),
  } satisfies Setting<string[]>,
};

/** Which rule's docs list an engine setting. */
export const ENGINE_SETTING_RULE: Readonly<Record<string, string>> = { maxFileSizeBytes: 'yaml-syntax' };

type UnionToIntersection<U> = (U extends unknown ? (x: U) => void : never) extends (x: infer I) => void ? I : never;
type SettingsOf<R> = R extends Rule<infer S> ? SettingValues<S> : never;

/** The values of every setting the registered rules declare. */
export type RuleSettingValues = UnionToIntersection<SettingsOf<(typeof rules)[number]>>;
export type EngineSettingValues = SettingValues<typeof ENGINE_SETTINGS>;

export const RULE_IDS: readonly string[] = rules.map((r) => r.id);

/** Every setting by name, in the order of the registry, then the engine's; the rule that declares it. */
export const SETTINGS: ReadonlyMap<string, Setting<any>> = collectSettings();
export const SETTING_OWNERS: ReadonlyMap<string, string> = new Map([
  ...rules.flatMap((r) => Object.keys(r.settings ?? {}).map((name) => [name, r.id] as [string, string])),
  ...Object.entries(ENGINE_SETTING_RULE),
]);

function collectSettings(): Map<string, Setting<any>> {
  const out = new Map<string, Setting<any>>();
  for (const rule of rules as readonly Rule[]) {
    for (const [name, setting] of Object.entries(rule.settings ?? {})) {
      // Two rules may read one setting only if they declare it alike (the meta-test names both).
      if (!out.has(name)) out.set(name, setting);
    }
  }
  for (const [name, setting] of Object.entries(ENGINE_SETTINGS)) out.set(name, setting as Setting<any>);
  return out;
}

export const configSchema = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  $id: 'https://scalelint.dev/schemas/scalelint-config.json',
  title: 'ScaleLint configuration (.scalelint.yaml)',
  type: 'object',
  additionalProperties: false,
  properties: {
    rules: {
      type: 'object',
      description: 'Severity per rule id: error, warning, info or off.',
      propertyNames: { enum: [...RULE_IDS] },
      additionalProperties: { enum: ['error', 'warning', 'info', 'off'] },
    },
    ...Object.fromEntries([...SETTINGS].map(([name, setting]) => [name, setting.schema])),
  } as Record<string, Record<string, unknown>>,
};

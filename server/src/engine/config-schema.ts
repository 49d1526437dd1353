/**
 * JSON Schema of `.scalelint.yaml`, derived from the rule registry: `rules` takes every rule id, and each
 * setting a rule declares (rules/<id>.ts `settings`) is a key. `npm run docs` writes it to
 * schemas/scalelint-config.json for editors, and into package.json as the `scalelint.*` settings.
 */
import { rules } from './rules';
import type { Rule } from './rules/rule';
import { numberSetting, type Setting, type SettingValues } from './settings';

/** `helm:` of `.scalelint.yaml` (SPEC §8): how charts are rendered, as `helm template` takes it. */
export interface HelmSetting {
  /** Value files merged over each chart's values.yaml, in order (relative to the config file's folder). */
  valueFiles?: string[];
  /** Values by dotted path, as `--set path=value`. */
  set?: Record<string, string | number | boolean | null>;
  releaseName?: string;
  namespace?: string;
}

const isScalar = (v: unknown): v is string | number | boolean | null => v === null || ['string', 'number', 'boolean'].includes(typeof v);

/** Editor settings arrive unvalidated: only the parts of the right type are taken, the rest keeps `current`. */
function mergeHelm(current: HelmSetting, given: unknown): HelmSetting {
  if (!given || typeof given !== 'object' || Array.isArray(given)) return current;
  const g = given as Record<string, unknown>;
  const out: HelmSetting = { ...current };
  if (Array.isArray(g.valueFiles)) out.valueFiles = g.valueFiles.filter((x): x is string => typeof x === 'string');
  if (g.set && typeof g.set === 'object' && !Array.isArray(g.set)) {
    out.set = Object.fromEntries(Object.entries(g.set as Record<string, unknown>).filter((e): e is [string, string | number | boolean | null] => e[0] !== '__proto__' && isScalar(e[1])));
  }
  if (typeof g.releaseName === 'string') out.releaseName = g.releaseName;
  if (typeof g.namespace === 'string') out.namespace = g.namespace;
  return out;
}

/** Settings the engine reads itself (not a rule), each documented with the rule whose findings it shapes, if any. */
export const ENGINE_SETTINGS = {
  maxFileSizeBytes: numberSetting({ type: 'integer', minimum: 1, description: 'Files larger than this are not linted; they get one finding saying so. Default 8 MiB.' }, 8 * 1024 * 1024),
  ignore: {
    schema: { type: 'array', items: { type: 'string' }, description: 'Glob patterns of files the CLI and the workspace index skip.' },
    default: [] as string[],
    merge: (current: string[], given: unknown) => (Array.isArray(given) ? given.filter((x): x is string => typeof x === 'string') : current),
  } satisfies Setting<string[]>,
  helm: {
    schema: {
      type: 'object',
      additionalProperties: false,
      description:
        'How Helm charts are rendered (as `helm template` would): `valueFiles` merged over values.yaml in order (paths relative to the `.scalelint.yaml` folder; from editor settings, to the chart), `set` values by dotted path (as `--set path=value`), `releaseName` (default release-name) and `namespace` (default default). The command line\'s --values and --set come after these.',
      properties: {
        valueFiles: { type: 'array', items: { type: 'string' }, description: 'Value files merged over values.yaml, in order.' },
        set: { type: 'object', additionalProperties: { type: ['string', 'number', 'boolean', 'null'] }, description: 'Values by dotted path (autoscaling.enabled: true), as --set takes them.' },
        releaseName: { type: 'string', description: 'The release name (.Release.Name); default release-name.' },
        namespace: { type: 'string', description: 'The release namespace (.Release.Namespace); default default.' },
      },
    },
    default: {} as HelmSetting,
    merge: mergeHelm,
  } satisfies Setting<HelmSetting>,
};

/** Which rule's docs list an engine setting. */
export const ENGINE_SETTING_RULE: Readonly<Record<string, string>> = { maxFileSizeBytes: 'yaml-syntax', helm: 'render' };

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

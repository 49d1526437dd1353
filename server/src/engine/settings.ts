/**
 * A setting of `.scalelint.yaml` (and of the `scalelint.*` editor settings that mirror it), declared by
 * the rule that reads it, as typescript-eslint rules declare `meta.schema` and `defaultOptions`. The
 * config schema, the defaults, the editor settings and the docs are all derived from these declarations.
 */

/** A JSON Schema for one setting's value, with its description (written out as the schema says it). */
export type SettingSchema = Readonly<Record<string, unknown>> & { readonly description: string };

export interface Setting<T> {
  schema: SettingSchema;
  /** The value when neither the config file nor the editor sets it (`undefined`: off until set). */
  default: T;
  /**
   * Takes an unvalidated value (editor settings arrive as anything) over `current`, keeping `current`
   * for whatever is not of the right type.
   */
  merge(current: T, given: unknown): T;
  /** Problems the schema cannot express (a range whose min is above its max): each part falls back to its default. */
  repair?(value: T, fallback: T): { value: T; problems: { path: string[]; message: string }[] };
}

/** The settings a rule declares, by name (the key in `.scalelint.yaml`). */
export type Settings = Readonly<Record<string, Setting<any>>>;

/** The values of declared settings, as the rule reads them. */
export type SettingValues<S extends Settings> = { [K in keyof S]: S[K] extends Setting<infer T> ? T : never };

export const finite = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

/** A number setting: editor values that are not finite and ≥ 0 are ignored. */
export function numberSetting(schema: SettingSchema, defaultValue: number): Setting<number>;
export function numberSetting(schema: SettingSchema, defaultValue: undefined): Setting<number | undefined>;
export function numberSetting(schema: SettingSchema, defaultValue: number | undefined): Setting<number | undefined> {
  return { schema, default: defaultValue, merge: (current, given) => (finite(given) && given >= 0 ? given : current) };
}

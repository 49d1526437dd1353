/**
 * `.scalelint.yaml`: rule severities and the settings rules read (SPEC §3). Data only. Every key besides
 * `rules` is declared by the rule that reads it (rules/<id>.ts `settings`) or, for the few the engine
 * reads itself, in config-schema.ts: the type, the defaults and the schema below are derived from them.
 */
import { parseDocument, type Node } from 'yaml';
import Ajv, { type ValidateFunction } from 'ajv';
import { configSchema, RULE_IDS, SETTINGS, type RuleSettingValues, type EngineSettingValues } from './config-schema';
import { nearestNames, orList } from './schema/nearest';
import type { SeveritySetting } from './types';
import { getPair, rangeOf } from './parse/values';
import { duplicateKeys } from './parse/document';

export type { UtilizationRange } from './rules/utilization-target';

/** Severity per rule id, then every setting a rule or the engine declares. */
export type Config = { rules: Record<string, SeveritySetting> } & RuleSettingValues & EngineSettingValues;

function defaults(): Config {
  const out: Record<string, unknown> = { rules: {} };
  for (const [name, setting] of SETTINGS) out[name] = cloneData(setting.default);
  return out as Config;
}

export const DEFAULT_CONFIG: Readonly<Config> = Object.freeze(defaults());

export interface ConfigProblem {
  /** Dotted key path, e.g. `rules.min-replica` or `minReplicasFloor`. */
  key: string;
  message: string;
  start: number;
  end: number;
}

export interface LoadedConfig {
  config: Config;
  problems: ConfigProblem[];
}

/** A config file is a few lines; past this it is not read (a hostile one could be made slow to read). */
const MAX_CONFIG_CHARS = 64 * 1024;
/** Problems reported for one config file, at most (each points at its key). */
const MAX_CONFIG_PROBLEMS = 100;

/** Compiled on first use: a process (or lint thread) that reads no config file never pays for it. */
let validateConfig: ValidateFunction | undefined;
const configValidator = (): ValidateFunction => (validateConfig ??= new Ajv({ allErrors: true, strict: false }).compile(configSchema as object));

export function defaultConfig(): Config {
  return cloneConfig(DEFAULT_CONFIG);
}

function cloneConfig(c: Readonly<Config>): Config {
  return cloneData(c) as Config;
}

/** A copy of plain data (settings are numbers, strings, arrays and plain objects); keys set to undefined stay. */
function cloneData<T>(v: T): T {
  if (Array.isArray(v)) return v.map(cloneData) as T;
  if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, cloneData(x)])) as T;
  return v;
}

function nodeAt(root: Node | null | undefined, path: string[]): Node | undefined {
  let cur: unknown = root;
  let found: Node | undefined;
  for (const step of path) {
    const pair = getPair(cur, step);
    if (!pair) break;
    found = (pair.key as Node) ?? found;
    cur = pair.value;
  }
  return found;
}

const SEVERITY_SETTINGS = new Set(['error', 'warning', 'info', 'off']);

/**
 * Merges a plain object (from the file or from editor settings) over the defaults, key by key. Only the
 * known keys with values of the right type are taken (each setting's `merge` says which): editor settings
 * arrive unvalidated (a workspace's settings.json can hold anything), and a `__proto__` key must not reach
 * an object's prototype.
 */
export function mergeConfig(base: Config, data: Record<string, unknown>): Config {
  const out = cloneConfig(base);
  const values = out as unknown as Record<string, unknown>;
  for (const [k, v] of Object.entries(data)) {
    if (v === undefined || v === null) continue;
    if (k === 'rules') {
      if (typeof v !== 'object' || Array.isArray(v)) continue;
      for (const [id, severity] of Object.entries(v as Record<string, unknown>)) {
        if (id !== '__proto__' && typeof severity === 'string' && SEVERITY_SETTINGS.has(severity)) out.rules[id] = severity as SeveritySetting;
      }
      continue;
    }
    const setting = SETTINGS.get(k);
    if (setting) values[k] = setting.merge(values[k], v);
  }
  return out;
}

/**
 * Reads a config file's text. Each bad key becomes one problem naming it and falls back to its
 * default; the good keys still apply, so a typo never switches linting off.
 */
export function parseConfig(text: string, base: Config = defaultConfig()): LoadedConfig {
  const problems: ConfigProblem[] = [];
  if (text.length > MAX_CONFIG_CHARS) {
    return { config: base, problems: [{ key: '', message: `The config file is ${Math.round(text.length / 1024)} KB: a config file holds a few settings, and one over ${MAX_CONFIG_CHARS / 1024} KB is not read. Using the defaults.`, start: 0, end: 0 }] };
  }
  let doc;
  try {
    // Duplicate keys are checked below in one pass: the parser's own check is quadratic in a mapping's size.
    doc = parseDocument(text, { prettyErrors: false, uniqueKeys: false });
  } catch (err) {
    return { config: base, problems: [{ key: '', message: `The config file could not be read: ${String(err)}`, start: 0, end: 0 }] };
  }
  if (doc.errors.length > 0) {
    const e = doc.errors[0];
    return {
      config: base,
      problems: [{ key: '', message: `The config file is not valid YAML: ${e.message.replace(/ at line[\s\S]*$/, '')}`, start: e.pos[0], end: e.pos[1] }],
    };
  }
  const duplicate = duplicateKeys(doc.contents)[0];
  if (duplicate) {
    const name = text.slice(duplicate[0], duplicate[1]);
    return { config: base, problems: [{ key: name, message: `The config file is not valid YAML: the key \`${name}\` appears twice in one mapping.`, start: duplicate[0], end: duplicate[1] }] };
  }
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: 50 });
  } catch (err) {
    return { config: base, problems: [{ key: '', message: `The config file could not be read: ${String((err as Error).message)}`, start: 0, end: 0 }] };
  }
  if (data === null || data === undefined) return { config: base, problems };
  if (typeof data !== 'object' || Array.isArray(data)) {
    return { config: base, problems: [{ key: '', message: 'The config file must be a mapping of settings (rules:, minReplicasFloor:, …).', start: 0, end: text.length }] };
  }
  const obj = { ...(data as Record<string, unknown>) };
  const validate = configValidator();
  const valid: boolean = validate(obj);
  if (!valid) {
    const badTop = new Set<string>();
    const seen = new Set<string>();
    for (const err of (validate.errors ?? []).slice(0, MAX_CONFIG_PROBLEMS)) {
      // ajv reports a bad rule id twice: as `propertyNames`, and as the `enum` error inside it.
      if ((err as { propertyName?: string }).propertyName !== undefined && err.keyword !== 'propertyNames') continue;
      const path = err.instancePath.split('/').slice(1).map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'));
      let key = path.join('.');
      let message: string;
      if (err.keyword === 'additionalProperties') {
        const extra = String((err.params as { additionalProperty: string }).additionalProperty);
        path.push(extra);
        key = path.join('.');
        const near = nearestNames(extra, Object.keys(configSchema.properties));
        message = `Unknown setting \`${key}\`${near.length && path.length === 1 ? `; did you mean ${orList(near)}?` : '.'}`;
      } else if (err.keyword === 'propertyNames') {
        const name = String((err.params as { propertyName: string }).propertyName);
        path.push(name);
        key = path.join('.');
        const near = nearestNames(name, RULE_IDS);
        message = `Unknown rule id \`${name}\` in \`rules\`${near.length ? `; did you mean ${orList(near)}?` : '.'}`;
      } else if (err.keyword === 'enum') {
        message = `\`${key}\` must be one of ${(err.params as { allowedValues: unknown[] }).allowedValues.join(', ')}.`;
      } else {
        message = `\`${key || '(root)'}\` ${err.message ?? 'is invalid'}.`;
      }
      const node = nodeAt(doc.contents as Node, path);
      const r = rangeOf(node) ?? [0, 0];
      if (!seen.has(key)) problems.push({ key, message: `${message} Using the default.`, start: r[0], end: r[1] });
      seen.add(key);
      if (path.length > 0) badTop.add(path[0] === 'rules' && path.length > 1 ? `rules.${path[1]}` : path[0]);
    }
    for (const bad of badTop) {
      if (bad.startsWith('rules.')) {
        const rules = { ...(obj.rules as Record<string, unknown>) };
        delete rules[bad.slice(6)];
        obj.rules = rules;
      } else delete obj[bad];
    }
  }
  const config = mergeConfig(base, obj);
  const values = config as unknown as Record<string, unknown>;
  for (const [name, setting] of SETTINGS) {
    if (!setting.repair) continue;
    const repaired = setting.repair(values[name], (DEFAULT_CONFIG as unknown as Record<string, unknown>)[name]);
    values[name] = repaired.value;
    for (const p of repaired.problems) {
      const range = rangeOf(nodeAt(doc.contents as Node, p.path)) ?? [0, 0];
      problems.push({ key: p.path.join('.'), message: p.message, start: range[0], end: range[1] });
    }
  }
  return { config, problems };
}

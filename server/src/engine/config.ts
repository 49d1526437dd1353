/** `.scalelint.yaml`: rule severities and the numeric settings rules read (SPEC §3). Data only. */
import { parseDocument, type Node } from 'yaml';
import Ajv, { type ValidateFunction } from 'ajv';
import { configSchema, RULE_IDS } from './config-schema';
import { nearestNames, orList } from './schema/nearest';
import type { SeveritySetting } from './types';
import { getPair, rangeOf } from './parse/values';
import { duplicateKeys } from './parse/document';

export interface UtilizationRange {
  min: number;
  max: number;
}

export interface Config {
  rules: Record<string, SeveritySetting>;
  minReplicasFloor: number;
  /** No default: `max-replicas-ceiling` stays silent until it is set. */
  maxReplicasCeiling?: number;
  scaleUpWithinSeconds: number;
  scaleDownWindowSeconds: number;
  utilizationTargets: { cpu: UtilizationRange; memory: UtilizationRange };
  minHysteresis: number;
  /** Files larger than this get one finding instead of a lint. */
  maxFileSizeBytes: number;
  ignore: string[];
}

export const DEFAULT_CONFIG: Readonly<Config> = Object.freeze({
  rules: {},
  minReplicasFloor: 2,
  maxReplicasCeiling: undefined,
  scaleUpWithinSeconds: 120,
  scaleDownWindowSeconds: 300,
  utilizationTargets: { cpu: { min: 50, max: 80 }, memory: { min: 60, max: 85 } },
  minHysteresis: 20,
  maxFileSizeBytes: 8 * 1024 * 1024,
  ignore: [],
});

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
  return structuredCloneConfig(DEFAULT_CONFIG);
}

function structuredCloneConfig(c: Readonly<Config>): Config {
  return {
    ...c,
    rules: { ...c.rules },
    utilizationTargets: { cpu: { ...c.utilizationTargets.cpu }, memory: { ...c.utilizationTargets.memory } },
    ignore: [...c.ignore],
  };
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
const own = (o: object, k: string) => Object.prototype.hasOwnProperty.call(o, k);
const isRange = (v: unknown): v is Partial<UtilizationRange> => !!v && typeof v === 'object' && !Array.isArray(v);
const finite = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

/**
 * Merges a plain object (from the file or from editor settings) over the defaults, key by key. Only the
 * known keys with values of the right type are taken: editor settings arrive unvalidated (a workspace's
 * settings.json can hold anything), and a `__proto__` key must not reach an object's prototype.
 */
export function mergeConfig(base: Config, data: Record<string, unknown>): Config {
  const out = structuredCloneConfig(base);
  for (const [k, v] of Object.entries(data)) {
    if (v === undefined || v === null || !own(DEFAULT_CONFIG, k)) continue;
    if (k === 'rules') {
      if (typeof v !== 'object' || Array.isArray(v)) continue;
      for (const [id, severity] of Object.entries(v as Record<string, unknown>)) {
        if (id !== '__proto__' && typeof severity === 'string' && SEVERITY_SETTINGS.has(severity)) out.rules[id] = severity as SeveritySetting;
      }
    } else if (k === 'utilizationTargets') {
      if (!isRange(v)) continue;
      for (const r of ['cpu', 'memory'] as const) {
        const given = (v as Record<string, unknown>)[r];
        if (!isRange(given)) continue;
        if (finite(given.min)) out.utilizationTargets[r].min = given.min;
        if (finite(given.max)) out.utilizationTargets[r].max = given.max;
      }
    } else if (k === 'ignore') {
      if (Array.isArray(v)) out.ignore = v.filter((x): x is string => typeof x === 'string');
    } else if (finite(v) && v >= 0) (out as unknown as Record<string, unknown>)[k] = v;
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
  const u = config.utilizationTargets;
  for (const r of ['cpu', 'memory'] as const) {
    if (u[r].min > u[r].max) {
      const node = nodeAt(doc.contents as Node, ['utilizationTargets', r]);
      const range = rangeOf(node) ?? [0, 0];
      problems.push({ key: `utilizationTargets.${r}`, message: `\`utilizationTargets.${r}\`: min (${u[r].min}) is above max (${u[r].max}). Using the default.`, start: range[0], end: range[1] });
      u[r] = { ...DEFAULT_CONFIG.utilizationTargets[r] };
    }
  }
  return { config, problems };
}

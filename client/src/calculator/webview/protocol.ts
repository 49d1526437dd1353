/**
 * The calculator panel's contract between the extension host and its webview: the form's fields and
 * the messages both ways, each checked (type and every field) before it is used. Pure TypeScript: no
 * DOM, no `vscode`; the host, the webview script and the tests import it.
 */

/** The calculator's inputs, in form order (keys of the engine's `CapacityInput`). */
export const CAPACITY_FIELDS = [
  { key: 'currentLoad', label: 'Current load', unit: 'req/s', group: 'now', placeholder: 'e.g. 100' },
  { key: 'currentInstances', label: 'Current instances', unit: 'instances', group: 'now', placeholder: 'e.g. 5' },
  { key: 'perInstanceCapacity', label: 'Or capacity per instance', unit: 'req/s', group: 'now', placeholder: 'instead of the two above' },
  { key: 'targetLoad', label: 'Target peak load', unit: 'req/s', group: 'target', placeholder: 'e.g. 500' },
  { key: 'bufferPercent', label: 'Safety buffer', unit: '%', group: 'target', placeholder: 'e.g. 25' },
  { key: 'offPeakLoad', label: 'Off-peak load', unit: 'req/s', group: 'bounds', placeholder: 'optional' },
  { key: 'normalLoad', label: 'Normal load', unit: 'req/s', group: 'bounds', placeholder: 'optional' },
  { key: 'haFloor', label: 'HA floor', unit: 'instances', group: 'bounds', placeholder: 'default 2' },
  { key: 'costCeiling', label: 'Cost ceiling', unit: 'instances', group: 'bounds', placeholder: 'optional' },
] as const;

export type CapacityFieldKey = (typeof CAPACITY_FIELDS)[number]['key'];

export type TargetKind = 'HorizontalPodAutoscaler' | 'ScaledObject' | 'AutoScalingGroup' | 'ScalableTarget' | 'GCPAutoscaler' | 'AzureAutoscaleSetting';

/** Each kind as people call it, and (kinds without a desired count) who sets the count instead. */
export const TARGET_NOUNS: Record<TargetKind, { noun: string; noDesired?: string }> = {
  HorizontalPodAutoscaler: { noun: 'HorizontalPodAutoscaler', noDesired: 'An HPA has no field for a desired count: the controller sets the replica count' },
  ScaledObject: { noun: 'ScaledObject', noDesired: 'A ScaledObject has no field for a desired count: the controller sets the replica count' },
  AutoScalingGroup: { noun: 'Auto Scaling group' },
  ScalableTarget: { noun: 'Application Auto Scaling target', noDesired: 'A scalable target has no field for a desired count: Application Auto Scaling sets the capacity' },
  GCPAutoscaler: { noun: 'GCP autoscaler', noDesired: 'A GCP autoscaler has no field for a desired count: the autoscaler sets the group size' },
  AzureAutoscaleSetting: { noun: 'Azure autoscale setting' },
};

/** What the webview shows of the manifest object "Apply to manifest" writes into. */
export interface TargetInfo {
  kind: TargetKind;
  name: string;
  /** Where it is, for people: "checkout.yaml, line 38". */
  location: string;
  fields: { min: string; desired?: string; max: string };
  current: { min?: number; desired?: number; max?: number };
  /** HPA / ScaledObject manifest as plain data, for the load-test chart. */
  manifest?: unknown;
}

export interface ReplicaValues {
  min: number;
  desired: number;
  max: number;
}

/** Webview → host. */
export type WebviewMessage =
  | { type: 'ready' }
  | { type: 'apply'; values: ReplicaValues }
  /** Retarget to the HPA, ScaledObject or Auto Scaling group under the cursor of the last active editor. */
  | { type: 'useCursor' }
  /** Show the target in its editor. */
  | { type: 'reveal' };

/** Host → webview. */
export type HostMessage =
  | { type: 'target'; target: TargetInfo | null; reason?: string }
  | { type: 'applied'; ok: boolean; message: string };

export type Parsed<T> = { message: T } | { error: string };

const MAX_INT32 = 2147483647;
const TARGET_KINDS: readonly string[] = Object.keys(TARGET_NOUNS);

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function show(v: unknown): string {
  try {
    const s = JSON.stringify(v);
    if (s === undefined) return String(v);
    return s.length > 80 ? `${s.slice(0, 77)}...` : s;
  } catch {
    return String(v);
  }
}

/** Only these keys, every one of `required` present. */
function onlyKeys(obj: Record<string, unknown>, allowed: readonly string[], required: readonly string[], what: string): string | undefined {
  for (const k of Object.keys(obj)) if (!allowed.includes(k)) return `${what}: unexpected field "${k}"`;
  for (const k of required) if (!(k in obj)) return `${what}: missing field "${k}"`;
  return undefined;
}

function isCount(v: unknown): v is number {
  return typeof v === 'number' && Number.isInteger(v) && v >= 0 && v <= MAX_INT32;
}

/** Checks a message from the webview; anything else is refused with the reason. */
export function parseWebviewMessage(raw: unknown): Parsed<WebviewMessage> {
  if (!isRecord(raw)) return { error: `message must be an object (got ${show(raw)})` };
  switch (raw.type) {
    case 'ready':
    case 'useCursor':
    case 'reveal': {
      const bad = onlyKeys(raw, ['type'], [], `"${raw.type}" message`);
      return bad ? { error: bad } : { message: { type: raw.type } };
    }
    case 'apply': {
      const bad = onlyKeys(raw, ['type', 'values'], ['values'], '"apply" message');
      if (bad) return { error: bad };
      const values = raw.values;
      if (!isRecord(values)) return { error: `"apply" message: values must be an object (got ${show(values)})` };
      const badValues = onlyKeys(values, ['min', 'desired', 'max'], ['min', 'desired', 'max'], '"apply" message: values');
      if (badValues) return { error: badValues };
      for (const k of ['min', 'desired', 'max'] as const) {
        if (!isCount(values[k])) return { error: `"apply" message: values.${k} must be a whole number from 0 to ${MAX_INT32} (got ${show(values[k])})` };
      }
      const v = values as unknown as ReplicaValues;
      if (v.min > v.max) return { error: `"apply" message: min (${v.min}) is above max (${v.max})` };
      if (v.desired < v.min || v.desired > v.max) return { error: `"apply" message: desired (${v.desired}) is outside ${v.min}–${v.max}` };
      return { message: { type: 'apply', values: { min: v.min, desired: v.desired, max: v.max } } };
    }
    default:
      return { error: `unknown message type ${show(raw.type)}` };
  }
}

function optionalCount(v: unknown): boolean {
  return v === undefined || isCount(v);
}

function parseTarget(raw: unknown): TargetInfo | string {
  if (!isRecord(raw)) return `target must be an object (got ${show(raw)})`;
  const bad = onlyKeys(raw, ['kind', 'name', 'location', 'fields', 'current', 'manifest'], ['kind', 'name', 'location', 'fields', 'current'], 'target');
  if (bad) return bad;
  if (typeof raw.kind !== 'string' || !TARGET_KINDS.includes(raw.kind)) return `target.kind must be one of ${TARGET_KINDS.join(', ')} (got ${show(raw.kind)})`;
  if (typeof raw.name !== 'string' || typeof raw.location !== 'string') return 'target.name and target.location must be strings';
  const f = raw.fields;
  if (!isRecord(f) || typeof f.min !== 'string' || typeof f.max !== 'string' || (f.desired !== undefined && typeof f.desired !== 'string')) return 'target.fields must name min, max and optionally desired';
  const c = raw.current;
  if (!isRecord(c) || !optionalCount(c.min) || !optionalCount(c.desired) || !optionalCount(c.max)) return 'target.current must hold whole numbers';
  return {
    kind: raw.kind as TargetKind,
    name: raw.name,
    location: raw.location,
    fields: { min: f.min, max: f.max, ...(f.desired !== undefined ? { desired: f.desired as string } : {}) },
    current: { min: c.min as number | undefined, desired: c.desired as number | undefined, max: c.max as number | undefined },
    manifest: raw.manifest,
  };
}

/** Checks a message from the host (the webview trusts nothing it did not check either). */
export function parseHostMessage(raw: unknown): Parsed<HostMessage> {
  if (!isRecord(raw)) return { error: `message must be an object (got ${show(raw)})` };
  switch (raw.type) {
    case 'target': {
      const bad = onlyKeys(raw, ['type', 'target', 'reason'], ['target'], '"target" message');
      if (bad) return { error: bad };
      if (raw.reason !== undefined && typeof raw.reason !== 'string') return { error: '"target" message: reason must be a string' };
      if (raw.target === null) return { message: { type: 'target', target: null, ...(raw.reason !== undefined ? { reason: raw.reason as string } : {}) } };
      const target = parseTarget(raw.target);
      if (typeof target === 'string') return { error: `"target" message: ${target}` };
      return { message: { type: 'target', target, ...(raw.reason !== undefined ? { reason: raw.reason as string } : {}) } };
    }
    case 'applied': {
      const bad = onlyKeys(raw, ['type', 'ok', 'message'], ['ok', 'message'], '"applied" message');
      if (bad) return { error: bad };
      if (typeof raw.ok !== 'boolean' || typeof raw.message !== 'string') return { error: '"applied" message: ok must be a boolean and message a string' };
      return { message: { type: 'applied', ok: raw.ok, message: raw.message } };
    }
    default:
      return { error: `unknown message type ${show(raw.type)}` };
  }
}

/**
 * A form field's text as a number: undefined when empty, an error message when it is not a plain
 * decimal number ("1,000" is refused: is the comma a thousands separator or a decimal mark?).
 */
export function parseNumberField(text: string): number | undefined | { error: string } {
  const t = text.trim();
  if (t === '') return undefined;
  if (!/^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/.test(t)) return { error: `"${t.length > 20 ? `${t.slice(0, 20)}…` : t}" is not a number: write digits, with a dot for decimals (e.g. 12.5).` };
  const n = Number(t);
  return Number.isFinite(n) ? n : { error: `"${t.slice(0, 20)}" is too large.` };
}

/** Arguments of `scalelint.openCalculator` as the code lens sends them: `{uri, range}` (LSP range). */
export interface OpenCalculatorArgs {
  uri: string;
  line: number;
  character: number;
}

function isPosition(v: unknown): v is { line: number; character: number } {
  return isRecord(v) && isCount(v.line) && isCount(v.character);
}

/**
 * Checks the command's arguments: `{uri, range: {start, end}}` (or `{uri, position}`). undefined when
 * there are none (the command palette); an error for anything else.
 */
export function parseOpenCalculatorArgs(raw: unknown): OpenCalculatorArgs | undefined | { error: string } {
  if (raw === undefined || raw === null) return undefined;
  if (!isRecord(raw)) return { error: `expected {uri, range} (got ${show(raw)})` };
  if (typeof raw.uri !== 'string' || raw.uri.length === 0 || raw.uri.length > 8192) return { error: 'uri must be a non-empty string' };
  const start = isRecord(raw.range) ? raw.range.start : raw.position;
  if (!isPosition(start)) return { error: 'range.start (or position) must be {line, character} with whole numbers' };
  return { uri: raw.uri, line: start.line, character: start.character };
}

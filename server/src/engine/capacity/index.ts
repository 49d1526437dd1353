/**
 * The capacity calculator's arithmetic (SPEC §5; the workflow's "Calculate capacity needs").
 * Used by `scalelint capacity` and by the calculator panel (bundled into its webview), so it is pure
 * TypeScript: no Node built-ins, no editor or LSP APIs. Never throws on input: bad input gives
 * `{errors}` naming each field.
 *
 * The arithmetic, with the workflow's worked example (100 req/s on 5 instances, 500 req/s target,
 * 25 % buffer):
 * - capacity per instance = perInstanceCapacity, else currentLoad ÷ currentInstances   (100 ÷ 5 = 20)
 * - required instances    = ⌈targetLoad ÷ capacity per instance⌉                       (⌈25⌉ = 25)
 * - buffered instances    = ⌈required × (1 + bufferPercent ÷ 100)⌉                     (⌈31.25⌉ = 32)
 *   The buffer applies to the whole instances required, as the workflow writes it; the workflow's
 *   "31" rounds down, which would leave less than the buffer asked for.
 * - min     = max(HA floor, ⌈offPeakLoad ÷ capacity per instance⌉); without offPeakLoad, the HA floor
 *   (default 2). No buffer: the autoscaler adds instances as load grows.
 * - max     = buffered instances, capped at costCeiling (with a warning when the buffered need exceeds
 *   it); never below min (an autoscaler needs max ≥ min).
 * - desired = ⌈normalLoad ÷ capacity per instance⌉, else ⌈currentLoad ÷ capacity per instance⌉ (with
 *   currentInstances, that is the current count), else min; kept within [min, max].
 * Rounding up tolerates floating-point noise: ⌈x⌉ treats x within a relative 1e-9 of an integer as that
 * integer, so 0.3 ÷ 0.1 (2.9999999999999996) is 3 and 25.000000001 is 25, not 26.
 */

export interface CapacityInput {
  currentLoad?: number;
  currentInstances?: number;
  perInstanceCapacity?: number;
  targetLoad: number;
  bufferPercent: number;
  offPeakLoad?: number;
  normalLoad?: number;
  haFloor?: number;
  costCeiling?: number;
}

export interface CapacityStep {
  label: string;
  formula: string;
  value: number;
}

export interface CapacityResult {
  perInstanceCapacity: number;
  requiredInstances: number;
  bufferedInstances: number;
  recommended: { min: number; desired: number; max: number };
  steps: CapacityStep[];
  warnings: string[];
}

export interface CapacityError {
  field: keyof CapacityInput | 'input';
  message: string;
}

/** The workflow's high-availability minimum. */
export const DEFAULT_HA_FLOOR = 2;
/** The largest replica count Kubernetes accepts (int32). */
export const MAX_INSTANCES = 2147483647;

export const CAPACITY_FIELDS: readonly (keyof CapacityInput)[] = [
  'currentLoad',
  'currentInstances',
  'perInstanceCapacity',
  'targetLoad',
  'bufferPercent',
  'offPeakLoad',
  'normalLoad',
  'haFloor',
  'costCeiling',
];

type Kind = 'positive' | 'nonNegative' | 'count';

/** What each field must be; `what` finishes "<field> must be …". */
const FIELD_RULES: Record<keyof CapacityInput, { kind: Kind; what: string }> = {
  currentLoad: { kind: 'positive', what: 'a positive number' },
  currentInstances: { kind: 'count', what: 'a whole number of at least 1' },
  perInstanceCapacity: { kind: 'positive', what: 'a positive number' },
  targetLoad: { kind: 'positive', what: 'a positive number' },
  bufferPercent: { kind: 'nonNegative', what: 'a number of 0 or more (percent)' },
  offPeakLoad: { kind: 'nonNegative', what: 'a number of 0 or more' },
  normalLoad: { kind: 'nonNegative', what: 'a number of 0 or more' },
  haFloor: { kind: 'count', what: 'a whole number of at least 1' },
  costCeiling: { kind: 'count', what: 'a whole number of at least 1' },
};

const NUMERIC = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:e[+-]?\d+)?$/i;

function show(v: unknown): string {
  if (typeof v === 'string') return JSON.stringify(v);
  if (v === undefined) return 'nothing';
  if (typeof v === 'number') return String(v);
  try {
    return JSON.stringify(v) ?? String(v);
  } catch {
    return String(v);
  }
}

function isBlank(v: unknown): boolean {
  return v === undefined || v === null || (typeof v === 'string' && v.trim() === '');
}

/** A number, or a numeric string ("25", " 1.5e3 "; "25%" for bufferPercent); undefined otherwise. */
function toNumber(v: unknown, allowPercentSign: boolean): number | undefined {
  if (typeof v === 'number') return Number.isFinite(v) ? v : undefined;
  if (typeof v !== 'string') return undefined;
  let s = v.trim();
  if (allowPercentSign && s.endsWith('%')) s = s.slice(0, -1).trim();
  if (!NUMERIC.test(s)) return undefined;
  const n = Number(s);
  return Number.isFinite(n) ? n : undefined;
}

function fits(kind: Kind, n: number): boolean {
  switch (kind) {
    case 'positive':
      return n > 0;
    case 'nonNegative':
      return n >= 0;
    case 'count':
      return Number.isInteger(n) && n >= 1 && n <= MAX_INSTANCES;
  }
}

/**
 * Checks raw input (a form, a CLI's options, a webview message) field by field. Fields are numbers or
 * numeric strings; empty strings and null count as absent. Every problem is listed, each naming its field.
 */
export function validateCapacityInput(raw: unknown): { input: CapacityInput } | { errors: CapacityError[] } {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    return { errors: [{ field: 'input', message: `The capacity input must be a mapping of fields (targetLoad, bufferPercent, …); got ${show(raw)}.` }] };
  }
  const obj = raw as Record<string, unknown>;
  const errors: CapacityError[] = [];
  for (const key of Object.keys(obj)) {
    if (!(CAPACITY_FIELDS as readonly string[]).includes(key)) {
      errors.push({ field: 'input', message: `Unknown field ${JSON.stringify(key)}; the fields are ${CAPACITY_FIELDS.join(', ')}.` });
    }
  }
  const values: Partial<Record<keyof CapacityInput, number>> = {};
  for (const field of CAPACITY_FIELDS) {
    const v = obj[field];
    if (isBlank(v)) continue;
    const rule = FIELD_RULES[field];
    const n = toNumber(v, field === 'bufferPercent');
    if (n === undefined || !fits(rule.kind, n)) {
      errors.push({ field, message: `${field} must be ${rule.what}; got ${show(v)}.` });
      continue;
    }
    values[field] = n;
  }
  const failed = new Set(errors.map((e) => e.field));
  const given = (f: keyof CapacityInput) => values[f] !== undefined || failed.has(f);
  if (!given('targetLoad')) errors.push({ field: 'targetLoad', message: 'targetLoad is required: the peak load to plan for.' });
  if (!given('bufferPercent')) errors.push({ field: 'bufferPercent', message: 'bufferPercent is required: the safety buffer in percent (0 for none; the workflow uses 25).' });
  if (!given('perInstanceCapacity')) {
    if (!given('currentLoad') && !given('currentInstances')) {
      errors.push({ field: 'perInstanceCapacity', message: 'Give perInstanceCapacity, or currentLoad and currentInstances, so the capacity of one instance is known.' });
    } else if (!given('currentLoad')) {
      errors.push({ field: 'currentLoad', message: 'currentLoad is required with currentInstances to work out the capacity per instance (or give perInstanceCapacity).' });
    } else if (!given('currentInstances')) {
      errors.push({ field: 'currentInstances', message: 'currentInstances is required with currentLoad to work out the capacity per instance (or give perInstanceCapacity).' });
    }
  }
  const floor = values.haFloor ?? DEFAULT_HA_FLOOR;
  if (values.costCeiling !== undefined && values.costCeiling < floor) {
    errors.push({
      field: 'costCeiling',
      message: `costCeiling (${values.costCeiling}) is below the HA floor (${floor}): no recommendation can meet both. Raise the ceiling or lower haFloor.`,
    });
  }
  if (errors.length > 0) return { errors };
  const input: CapacityInput = { targetLoad: values.targetLoad!, bufferPercent: values.bufferPercent! };
  for (const field of CAPACITY_FIELDS) {
    if (values[field] !== undefined) (input as unknown as Record<string, number>)[field] = values[field]!;
  }
  return { input };
}

/** Removes floating-point noise from a derived value (0.3 ÷ 3 → 0.1, not 0.09999999999999999). */
function tidy(x: number): number {
  return Number.isFinite(x) ? Number(x.toPrecision(12)) : x;
}

/** ⌈x⌉, treating a value within a relative 1e-9 of an integer as that integer. */
export function ceilTolerant(x: number): number {
  const nearest = Math.round(x);
  if (Math.abs(x - nearest) <= 1e-9 * Math.max(1, Math.abs(x))) return nearest;
  return Math.ceil(x);
}

/** A number for a formula: at most 4 decimals, no trailing zeros ("31.25", "0.3333", "20"). */
export function formatNumber(x: number): string {
  if (!Number.isFinite(x)) return String(x);
  if (Number.isInteger(x)) return String(x);
  const abs = Math.abs(x);
  if (abs >= 1e-3) return String(Math.round(x * 1e4) / 1e4);
  return String(Number(x.toPrecision(4)));
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** "⌈25⌉ = 25" when x is whole, "⌈31.25⌉ = 32" otherwise. */
function roundedUp(x: number): string {
  const up = ceilTolerant(x);
  return up === x ? `= ${formatNumber(up)}` : `= ${formatNumber(x)}, rounded up to ${up}`;
}

/**
 * The whole calculation, step by step (each step's formula is what the panel and `scalelint capacity`
 * show). Validates its input like `validateCapacityInput`, so a caller may pass raw values through.
 */
export function computeCapacity(input: CapacityInput): CapacityResult | { errors: CapacityError[] } {
  const checked = validateCapacityInput(input);
  if ('errors' in checked) return checked;
  const i = checked.input;
  const steps: CapacityStep[] = [];
  const warnings: string[] = [];
  const haFloor = i.haFloor ?? DEFAULT_HA_FLOOR;

  let perInstance: number;
  if (i.perInstanceCapacity !== undefined) {
    perInstance = i.perInstanceCapacity;
    steps.push({ label: 'Capacity per instance', formula: `given: ${formatNumber(perInstance)}`, value: perInstance });
  } else {
    perInstance = tidy(i.currentLoad! / i.currentInstances!);
    steps.push({
      label: 'Capacity per instance',
      formula: `current load ${formatNumber(i.currentLoad!)} ÷ ${plural(i.currentInstances!, 'instance')} = ${formatNumber(perInstance)}`,
      value: perInstance,
    });
  }
  const instancesFor = (load: number) => tidy(load / perInstance);

  const exactNeed = instancesFor(i.targetLoad);
  // Any load at all needs one instance, however small.
  const required = Math.max(1, ceilTolerant(exactNeed));
  if (!Number.isFinite(exactNeed) || required > MAX_INSTANCES) {
    return { errors: [{ field: 'input', message: `targetLoad ${formatNumber(i.targetLoad)} at ${formatNumber(perInstance)} per instance needs more than ${MAX_INSTANCES} instances: check the units of the loads.` }] };
  }
  steps.push({ label: 'Required instances', formula: `target load ${formatNumber(i.targetLoad)} ÷ ${formatNumber(perInstance)} ${roundedUp(exactNeed)}`, value: required });

  const factor = tidy(1 + i.bufferPercent / 100);
  const bufferedExact = tidy(required * factor);
  const buffered = ceilTolerant(bufferedExact);
  if (!Number.isFinite(bufferedExact) || buffered > MAX_INSTANCES) {
    return { errors: [{ field: 'bufferPercent', message: `A ${formatNumber(i.bufferPercent)} % buffer on ${required} instances is more than ${MAX_INSTANCES} instances.` }] };
  }
  steps.push({
    label: `With a ${formatNumber(i.bufferPercent)} % safety buffer`,
    formula: `${required} × ${formatNumber(factor)} ${roundedUp(bufferedExact)}`,
    value: buffered,
  });

  // min: the off-peak need, never under the HA floor.
  let min: number;
  let minFormula: string;
  if (i.offPeakLoad !== undefined) {
    const offPeakExact = instancesFor(i.offPeakLoad);
    const offPeak = ceilTolerant(offPeakExact);
    min = Math.max(haFloor, offPeak);
    minFormula = `off-peak load ${formatNumber(i.offPeakLoad)} ÷ ${formatNumber(perInstance)} ${roundedUp(offPeakExact)}; HA floor ${haFloor}; the larger: ${min}`;
  } else {
    min = haFloor;
    minFormula = `HA floor ${haFloor} (no off-peak load given)`;
  }

  // max: the buffered need, capped at the cost ceiling, never under min.
  let max = buffered;
  let maxFormula = `buffered need ${buffered}`;
  if (i.costCeiling !== undefined) {
    if (buffered > i.costCeiling) {
      max = i.costCeiling;
      maxFormula = `buffered need ${buffered}, capped at the cost ceiling ${i.costCeiling}`;
      if (required > i.costCeiling) {
        warnings.push(
          `The cost ceiling (${i.costCeiling}) is below the ${required} instances the target load of ${formatNumber(i.targetLoad)} needs: at that peak the service is under-provisioned, with no buffer at all.`,
        );
      } else {
        const left = Math.round(((i.costCeiling - required) / required) * 1000) / 10;
        warnings.push(
          `The buffered need (${buffered}) exceeds the cost ceiling (${i.costCeiling}): max is capped at ${i.costCeiling}, a ${formatNumber(left)} % buffer over the ${required} required instead of ${formatNumber(i.bufferPercent)} %.`,
        );
      }
    } else {
      maxFormula = `buffered need ${buffered} (within the cost ceiling ${i.costCeiling})`;
    }
  }
  if (min > max) {
    if (i.costCeiling !== undefined && min > i.costCeiling) {
      warnings.push(`The minimum (${min}, for the off-peak load) is above the cost ceiling (${i.costCeiling}): min is lowered to ${i.costCeiling}, so off-peak load is under-provisioned.`);
      min = i.costCeiling;
      max = i.costCeiling;
      minFormula += `; capped at the cost ceiling ${i.costCeiling}`;
      maxFormula += '; the minimum is capped at it too';
    } else {
      warnings.push(`The buffered peak need (${max}) is below the minimum (${min}): max is raised to ${min}, so min equals max and the autoscaler cannot scale. Either the loads are small for one instance, or the HA floor or off-peak load is high.`);
      maxFormula += `, raised to the minimum ${min}`;
      max = min;
    }
  } else if (min === max) {
    warnings.push(`min equals max (${min}): the autoscaler can never change the instance count.`);
  }

  // desired: the normal load's need, else the current load's, else min; within [min, max].
  let desired: number;
  let desiredFormula: string;
  const normalSource = i.normalLoad !== undefined ? { name: 'normal load', load: i.normalLoad } : i.currentLoad !== undefined ? { name: 'current load', load: i.currentLoad } : undefined;
  if (normalSource) {
    const exact = instancesFor(normalSource.load);
    const need = ceilTolerant(exact);
    desired = Math.min(Math.max(need, min), max);
    desiredFormula = `${normalSource.name} ${formatNumber(normalSource.load)} ÷ ${formatNumber(perInstance)} ${roundedUp(exact)}`;
    if (need < min) desiredFormula += `; raised to the minimum ${min}`;
    if (need > max) {
      desiredFormula += `; lowered to the maximum ${max}`;
      warnings.push(`The ${normalSource.name} (${formatNumber(normalSource.load)}) needs ${need} instances, more than the maximum (${max}).`);
    }
  } else {
    desired = min;
    desiredFormula = `the minimum ${min} (no normal or current load given)`;
  }
  steps.push({ label: 'Minimum', formula: minFormula, value: min });
  steps.push({ label: 'Desired', formula: desiredFormula, value: desired });
  steps.push({ label: 'Maximum', formula: maxFormula, value: max });

  if (i.bufferPercent === 0) warnings.push('No safety buffer: max is the exact peak need, so load above the target, or an instance lost at peak, leaves the service short.');
  if (i.normalLoad !== undefined && i.normalLoad > i.targetLoad) warnings.push(`normalLoad (${formatNumber(i.normalLoad)}) is above targetLoad (${formatNumber(i.targetLoad)}): the target should be the peak to plan for.`);
  if (i.offPeakLoad !== undefined && i.offPeakLoad > i.targetLoad) warnings.push(`offPeakLoad (${formatNumber(i.offPeakLoad)}) is above targetLoad (${formatNumber(i.targetLoad)}): the target should be the peak to plan for.`);
  if (i.offPeakLoad !== undefined && i.normalLoad !== undefined && i.offPeakLoad > i.normalLoad) {
    warnings.push(`offPeakLoad (${formatNumber(i.offPeakLoad)}) is above normalLoad (${formatNumber(i.normalLoad)}): off-peak is expected to be the lowest load.`);
  }
  if (i.currentLoad !== undefined && i.currentLoad > i.targetLoad) warnings.push(`currentLoad (${formatNumber(i.currentLoad)}) is already above targetLoad (${formatNumber(i.targetLoad)}).`);

  return {
    perInstanceCapacity: perInstance,
    requiredInstances: required,
    bufferedInstances: buffered,
    recommended: { min, desired, max },
    steps,
    warnings,
  };
}

// The panel's "Apply to manifest": the calculator's fields read from and written into a manifest. It needs
// the YAML parser; the webview imports none of it (esbuild.mjs drops it from the webview's bundle).
export { capacityEdits, capacityTargetAt, capacityTargets, type CapacityEditOptions, type CapacityEditResult, type CapacityTarget, type CapacityTargetKind, type FieldChange, type ReplicaValues } from './manifest';
export { checkRenderedValues, findRenderedTarget, renderedCapacityEdits, renderedCapacityTargetAt, renderedCapacityTargets, type ByHand, type RenderedCapacityTarget, type RenderedEditResult, type RenderedPin } from './rendered';

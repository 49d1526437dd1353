/**
 * The capacity arithmetic of the scaling workflow (SPEC §5): capacity per instance, instances the target
 * load needs, the safety buffer, and a recommended min/desired/max. Pure: used by the CLI and bundled
 * into the calculator panel's webview.
 *
 * NOTE (wip/panel): a minimal stand-in so the panel can be built and tested; the CLI branch owns this
 * module and its version replaces this one at merge. Keep to the published API.
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

type Field = keyof CapacityInput;

const FIELDS: Record<Field, { kind: 'positive' | 'nonNegative' | 'count'; what: string }> = {
  currentLoad: { kind: 'positive', what: 'current load' },
  currentInstances: { kind: 'count', what: 'current instances' },
  perInstanceCapacity: { kind: 'positive', what: 'capacity per instance' },
  targetLoad: { kind: 'positive', what: 'target load' },
  bufferPercent: { kind: 'nonNegative', what: 'safety buffer' },
  offPeakLoad: { kind: 'nonNegative', what: 'off-peak load' },
  normalLoad: { kind: 'nonNegative', what: 'normal load' },
  haFloor: { kind: 'count', what: 'HA floor' },
  costCeiling: { kind: 'count', what: 'cost ceiling' },
};

/** The HA floor when none is given: the workflow's minimum of 2 instances. */
const DEFAULT_HA_FLOOR = 2;
/** Rounding guard, so 500 / 20 is 25 and not 25.000000000000004 rounded up. */
const EPSILON = 1e-9;

function show(v: unknown): string {
  if (typeof v === 'string') return JSON.stringify(v);
  try {
    return JSON.stringify(v) ?? String(v);
  } catch {
    return String(v);
  }
}

/** Checks untrusted input (a form, a JSON file, command-line flags) and returns it typed, or every problem found. */
export function validateCapacityInput(raw: unknown): { input: CapacityInput } | { errors: CapacityError[] } {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return { errors: [{ field: 'input', message: `The input must be an object of numbers (got ${show(raw)}).` }] };
  const obj = raw as Record<string, unknown>;
  const errors: CapacityError[] = [];
  const input: Partial<Record<Field, number>> = {};
  for (const key of Object.keys(obj)) {
    if (!(key in FIELDS)) errors.push({ field: 'input', message: `Unknown field "${key}" (expected ${Object.keys(FIELDS).join(', ')}).` });
  }
  for (const [field, rule] of Object.entries(FIELDS) as [Field, (typeof FIELDS)[Field]][]) {
    const v = obj[field];
    if (v === undefined || v === null) continue;
    if (typeof v !== 'number' || !Number.isFinite(v)) {
      errors.push({ field, message: `The ${rule.what} must be a number (got ${show(v)}).` });
      continue;
    }
    if (rule.kind === 'positive' && !(v > 0)) errors.push({ field, message: `The ${rule.what} must be greater than 0 (got ${v}).` });
    else if (rule.kind === 'nonNegative' && v < 0) errors.push({ field, message: `The ${rule.what} must not be negative (got ${v}).` });
    else if (rule.kind === 'count' && (!Number.isInteger(v) || v < 1)) errors.push({ field, message: `The ${rule.what} must be a whole number of at least 1 (got ${v}).` });
    else input[field] = v;
  }
  const has = (f: Field) => obj[f] !== undefined && obj[f] !== null;
  if (!has('targetLoad')) errors.push({ field: 'targetLoad', message: 'The target load is required.' });
  if (!has('bufferPercent')) errors.push({ field: 'bufferPercent', message: 'The safety buffer is required (0 for none).' });
  if (!has('perInstanceCapacity')) {
    if (!has('currentLoad')) errors.push({ field: 'currentLoad', message: 'Give the current load and instances, or the capacity per instance.' });
    if (!has('currentInstances')) errors.push({ field: 'currentInstances', message: 'Give the current load and instances, or the capacity per instance.' });
  }
  if (errors.length) return { errors };
  return { input: input as CapacityInput };
}

function fmt(n: number): string {
  return String(Math.round(n * 100) / 100);
}

function ceil(n: number): number {
  return Math.ceil(n - EPSILON);
}

/** The workflow's arithmetic, each step shown. */
export function computeCapacity(input: CapacityInput): CapacityResult | { errors: CapacityError[] } {
  const checked = validateCapacityInput(input);
  if ('errors' in checked) return checked;
  const i = checked.input;
  const steps: CapacityStep[] = [];
  const warnings: string[] = [];

  let per: number;
  if (i.perInstanceCapacity !== undefined) {
    per = i.perInstanceCapacity;
    steps.push({ label: 'Capacity per instance', formula: `given: ${fmt(per)}`, value: per });
  } else {
    per = i.currentLoad! / i.currentInstances!;
    steps.push({ label: 'Capacity per instance', formula: `${fmt(i.currentLoad!)} ÷ ${i.currentInstances} instances`, value: per });
  }

  const requiredInstances = Math.max(1, ceil(i.targetLoad / per));
  steps.push({ label: 'Required instances', formula: `${fmt(i.targetLoad)} ÷ ${fmt(per)} = ${fmt(i.targetLoad / per)}, rounded up`, value: requiredInstances });

  const exact = requiredInstances * (1 + i.bufferPercent / 100);
  const bufferedInstances = ceil(exact);
  steps.push({ label: `With a ${fmt(i.bufferPercent)} % buffer`, formula: `${requiredInstances} × ${fmt(1 + i.bufferPercent / 100)} = ${fmt(exact)}, rounded up`, value: bufferedInstances });

  const floor = i.haFloor ?? DEFAULT_HA_FLOOR;
  let min = floor;
  if (i.offPeakLoad !== undefined) {
    const offPeak = ceil(i.offPeakLoad / per);
    min = Math.max(floor, offPeak);
    steps.push({ label: 'Minimum', formula: `max(HA floor ${floor}, ${fmt(i.offPeakLoad)} ÷ ${fmt(per)} rounded up = ${offPeak})`, value: min });
  } else {
    steps.push({ label: 'Minimum', formula: `HA floor ${floor}${i.haFloor === undefined ? ' (default)' : ''}`, value: min });
  }

  let max = bufferedInstances;
  if (i.costCeiling !== undefined && i.costCeiling < max) {
    max = i.costCeiling;
    warnings.push(
      i.costCeiling < requiredInstances
        ? `The cost ceiling of ${i.costCeiling} instances is below the ${requiredInstances} the target load needs: the peak will not be served.`
        : `The cost ceiling of ${i.costCeiling} instances leaves less than the ${fmt(i.bufferPercent)} % buffer (${bufferedInstances}).`,
    );
  }
  if (max < min) {
    warnings.push(`The maximum (${max}) is below the minimum (${min}); the maximum is raised to ${min}.`);
    max = min;
  }
  steps.push({ label: 'Maximum', formula: max === bufferedInstances ? 'the buffered instances' : `capped: ${max}`, value: max });

  let desired: number;
  let desiredFormula: string;
  if (i.normalLoad !== undefined) {
    desired = ceil(i.normalLoad / per);
    desiredFormula = `${fmt(i.normalLoad)} ÷ ${fmt(per)}, rounded up`;
  } else if (i.currentInstances !== undefined) {
    desired = i.currentInstances;
    desiredFormula = 'the current instances';
  } else {
    desired = min;
    desiredFormula = 'the minimum';
  }
  const clamped = Math.min(Math.max(desired, min), max);
  if (clamped !== desired) desiredFormula += `, kept within ${min}–${max}`;
  steps.push({ label: 'Desired', formula: desiredFormula, value: clamped });

  return { perInstanceCapacity: per, requiredInstances, bufferedInstances, recommended: { min, desired: clamped, max }, steps, warnings };
}

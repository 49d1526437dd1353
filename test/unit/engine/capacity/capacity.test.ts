/** The capacity calculator's arithmetic (SPEC §5): the workflow's worked example, floors, ceilings, validation. */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { ceilTolerant, computeCapacity, formatNumber, validateCapacityInput, type CapacityError, type CapacityInput, type CapacityResult } from '../../../../server/src/engine/capacity/index';

const WORKED: CapacityInput = { currentLoad: 100, currentInstances: 5, targetLoad: 500, bufferPercent: 25 };

function plan(input: Partial<CapacityInput> | Record<string, unknown>): CapacityResult {
  const r = computeCapacity(input as CapacityInput);
  if ('errors' in r) assert.fail(r.errors.map((e) => e.message).join('\n'));
  return r;
}

function errorsOf(raw: unknown): CapacityError[] {
  const r = validateCapacityInput(raw);
  if ('input' in r) assert.fail(`expected errors, got ${JSON.stringify(r.input)}`);
  return r.errors;
}

describe('the workflow worked example', () => {
  test('100 req/s on 5 instances = 20 each; 500 req/s needs 25; a 25 % buffer is 31.25, rounded up to 32', () => {
    const r = plan(WORKED);
    assert.equal(r.perInstanceCapacity, 20);
    assert.equal(r.requiredInstances, 25);
    assert.equal(r.bufferedInstances, 32);
    assert.deepEqual(r.recommended, { min: 2, desired: 5, max: 32 });
    assert.deepEqual(r.warnings, []);
  });

  test('the steps show the arithmetic, in order', () => {
    assert.deepEqual(plan(WORKED).steps, [
      { label: 'Capacity per instance', formula: 'current load 100 ÷ 5 instances = 20', value: 20 },
      { label: 'Required instances', formula: 'target load 500 ÷ 20 = 25', value: 25 },
      { label: 'With a 25 % safety buffer', formula: '25 × 1.25 = 31.25, rounded up to 32', value: 32 },
      { label: 'Minimum', formula: 'HA floor 2 (no off-peak load given)', value: 2 },
      { label: 'Desired', formula: 'current load 100 ÷ 20 = 5', value: 5 },
      { label: 'Maximum', formula: 'buffered need 32', value: 32 },
    ]);
  });

  test('perInstanceCapacity given directly gives the same plan; it wins over current load ÷ instances', () => {
    const direct = plan({ perInstanceCapacity: 20, targetLoad: 500, bufferPercent: 25 });
    assert.deepEqual([direct.perInstanceCapacity, direct.requiredInstances, direct.bufferedInstances], [20, 25, 32]);
    assert.equal(direct.steps[0]!.formula, 'given: 20');
    // No normal or current load: desired is the minimum.
    assert.deepEqual(direct.recommended, { min: 2, desired: 2, max: 32 });
    const both = plan({ ...WORKED, perInstanceCapacity: 50 });
    assert.deepEqual([both.perInstanceCapacity, both.requiredInstances, both.bufferedInstances], [50, 10, 13]);
    assert.equal(both.recommended.desired, 2, 'current load 100 at 50 each needs 2');
  });
});

describe('min: off-peak load, never under the HA floor', () => {
  const cases: [name: string, extra: Partial<CapacityInput>, min: number][] = [
    ['no off-peak load: the default HA floor 2', {}, 2],
    ['no off-peak load, HA floor 3', { haFloor: 3 }, 3],
    ['off-peak 20 needs 1: raised to the floor 2', { offPeakLoad: 20 }, 2],
    ['off-peak 0 (quiet nights): the floor 2', { offPeakLoad: 0 }, 2],
    ['off-peak 90 needs 4.5 → 5', { offPeakLoad: 90 }, 5],
    ['off-peak 100 needs exactly 5', { offPeakLoad: 100 }, 5],
    ['off-peak 30 with HA floor 3: the floor wins', { offPeakLoad: 30, haFloor: 3 }, 3],
  ];
  for (const [name, extra, min] of cases) {
    test(name, () => assert.equal(plan({ ...WORKED, ...extra }).recommended.min, min));
  }
  test('the step names both figures', () => {
    assert.equal(plan({ ...WORKED, offPeakLoad: 90 }).steps[3]!.formula, 'off-peak load 90 ÷ 20 = 4.5, rounded up to 5; HA floor 2; the larger: 5');
  });
});

describe('desired: normal load, else current load, else min; within [min, max]', () => {
  test('normal load 200 needs 10 (the workflow configuration’s desired)', () => {
    const r = plan({ ...WORKED, normalLoad: 200 });
    assert.equal(r.recommended.desired, 10);
    assert.equal(r.steps[4]!.formula, 'normal load 200 ÷ 20 = 10');
  });
  test('without normal load, the current load: 100 ÷ 20 = 5 (the current count)', () => {
    assert.equal(plan(WORKED).recommended.desired, 5);
  });
  test('below min it is raised to min', () => {
    const r = plan({ ...WORKED, normalLoad: 10, offPeakLoad: 60 });
    assert.deepEqual(r.recommended, { min: 3, desired: 3, max: 32 });
    assert.match(r.steps[4]!.formula, /raised to the minimum 3$/);
  });
  test('above max it is lowered to max, with a warning', () => {
    const r = plan({ ...WORKED, normalLoad: 800, costCeiling: 35 });
    assert.equal(r.recommended.desired, 32);
    assert.ok(r.warnings.some((w) => w === 'The normal load (800) needs 40 instances, more than the maximum (32).'));
    assert.ok(r.warnings.some((w) => /normalLoad \(800\) is above targetLoad \(500\)/.test(w)));
  });
});

describe('max: the buffered need, capped by the cost ceiling', () => {
  test('a ceiling above the buffered need changes nothing', () => {
    const r = plan({ ...WORKED, costCeiling: 40 });
    assert.equal(r.recommended.max, 32);
    assert.equal(r.steps[5]!.formula, 'buffered need 32 (within the cost ceiling 40)');
    assert.deepEqual(r.warnings, []);
  });
  test('a ceiling equal to the buffered need: no warning', () => {
    assert.deepEqual(plan({ ...WORKED, costCeiling: 32 }).warnings, []);
  });
  test('buffered need over the ceiling: max capped, warning with the buffer left', () => {
    const r = plan({ ...WORKED, costCeiling: 30 });
    assert.equal(r.bufferedInstances, 32, 'the buffered need itself is reported unchanged');
    assert.equal(r.recommended.max, 30);
    assert.equal(r.steps[5]!.formula, 'buffered need 32, capped at the cost ceiling 30');
    assert.deepEqual(r.warnings, ['The buffered need (32) exceeds the cost ceiling (30): max is capped at 30, a 20 % buffer over the 25 required instead of 25 %.']);
  });
  test('a ceiling below the bare requirement: max capped, under-provisioned warning', () => {
    const r = plan({ ...WORKED, costCeiling: 20 });
    assert.equal(r.recommended.max, 20);
    assert.match(r.warnings[0]!, /^The cost ceiling \(20\) is below the 25 instances the target load of 500 needs/);
  });
  test('off-peak need above the ceiling: min and max meet at the ceiling, with a warning', () => {
    const r = plan({ ...WORKED, offPeakLoad: 300, costCeiling: 12 });
    assert.deepEqual([r.recommended.min, r.recommended.max], [12, 12]);
    assert.ok(r.warnings.some((w) => w.startsWith('The minimum (15, for the off-peak load) is above the cost ceiling (12)')));
  });
  test('a tiny peak below the HA floor: max raised to min, with a warning', () => {
    const r = plan({ perInstanceCapacity: 100, targetLoad: 50, bufferPercent: 25 });
    assert.deepEqual([r.requiredInstances, r.bufferedInstances], [1, 2]);
    assert.deepEqual(plan({ perInstanceCapacity: 100, targetLoad: 50, bufferPercent: 0 }).recommended, { min: 2, desired: 2, max: 2 });
    const w = plan({ perInstanceCapacity: 100, targetLoad: 50, bufferPercent: 0, haFloor: 3 });
    assert.deepEqual(w.recommended, { min: 3, desired: 3, max: 3 });
    assert.ok(w.warnings.some((m) => m.startsWith('The buffered peak need (1) is below the minimum (3): max is raised to 3')));
  });
  test('no buffer is allowed, and warned about', () => {
    const r = plan({ ...WORKED, bufferPercent: 0 });
    assert.deepEqual([r.requiredInstances, r.bufferedInstances, r.recommended.max], [25, 25, 25]);
    assert.ok(r.warnings.some((w) => w.startsWith('No safety buffer')));
  });
});

describe('rounding up, without floating-point surprises', () => {
  test('ceilTolerant: whole within 1e-9 stays, anything more rounds up', () => {
    assert.equal(ceilTolerant(25.000000001), 25);
    assert.equal(ceilTolerant(25.0000001), 26);
    assert.equal(ceilTolerant(31.25), 32);
    assert.equal(ceilTolerant(0.1 + 0.2), 1);
    assert.equal(ceilTolerant(3 * 1.1), 4); // 3.3000000000000003
    assert.equal(ceilTolerant(2.9999999999999996), 3);
  });
  test('0.3 on 3 instances is 0.1 each; 2.5 needs exactly 25', () => {
    const r = plan({ currentLoad: 0.3, currentInstances: 3, targetLoad: 2.5, bufferPercent: 10 });
    assert.equal(r.perInstanceCapacity, 0.1);
    assert.equal(r.requiredInstances, 25);
    assert.equal(r.bufferedInstances, 28, '25 × 1.1 = 27.5 → 28');
  });
  test('a 10 % buffer on 10 is 11 (not 12 from 11.000000000000002)', () => {
    assert.equal(plan({ perInstanceCapacity: 10, targetLoad: 100, bufferPercent: 10 }).bufferedInstances, 11);
  });
  test('0.1 + 0.2 style loads: 0.3 at 0.1 per instance needs 3', () => {
    assert.equal(plan({ perInstanceCapacity: 0.1, targetLoad: 0.1 + 0.2, bufferPercent: 0 }).requiredInstances, 3);
  });
  test('any positive load needs at least one instance', () => {
    assert.equal(plan({ perInstanceCapacity: 1000, targetLoad: 1e-12, bufferPercent: 0 }).requiredInstances, 1);
  });
  test('formatNumber keeps formulas short', () => {
    assert.deepEqual([31.25, 20, 1 / 3, 0.00012346, 1.1].map(formatNumber), ['31.25', '20', '0.3333', '0.0001235', '1.1']);
  });
});

describe('validation: clear messages naming the field', () => {
  test('numeric strings are read; empty strings and null count as absent; "25%" is a buffer', () => {
    const r = validateCapacityInput({ currentLoad: '100', currentInstances: ' 5 ', targetLoad: '5e2', bufferPercent: '25%', offPeakLoad: '', normalLoad: null });
    assert.deepEqual(r, { input: { currentLoad: 100, currentInstances: 5, targetLoad: 500, bufferPercent: 25 } });
    assert.deepEqual(plan({ currentLoad: '100', currentInstances: '5', targetLoad: '500', bufferPercent: '25' }).recommended, { min: 2, desired: 5, max: 32 });
  });

  test('the message quotes what was given', () => {
    assert.deepEqual(errorsOf({ ...WORKED, targetLoad: 'abc' }), [{ field: 'targetLoad', message: 'targetLoad must be a positive number; got "abc".' }]);
  });

  const bad: [name: string, raw: Record<string, unknown>, field: string, message: string][] = [
    ['zero target', { targetLoad: 0 }, 'targetLoad', 'targetLoad must be a positive number; got 0.'],
    ['negative buffer', { bufferPercent: -5 }, 'bufferPercent', 'bufferPercent must be a number of 0 or more (percent); got -5.'],
    ['fractional instances', { currentInstances: 2.5 }, 'currentInstances', 'currentInstances must be a whole number of at least 1; got 2.5.'],
    ['zero instances', { currentInstances: 0 }, 'currentInstances', 'currentInstances must be a whole number of at least 1; got 0.'],
    ['zero current load', { currentLoad: 0 }, 'currentLoad', 'currentLoad must be a positive number; got 0.'],
    ['NaN', { perInstanceCapacity: Number.NaN }, 'perInstanceCapacity', 'perInstanceCapacity must be a positive number; got NaN.'],
    ['Infinity', { targetLoad: Number.POSITIVE_INFINITY }, 'targetLoad', 'targetLoad must be a positive number; got Infinity.'],
    ['"1e999" overflows', { targetLoad: '1e999' }, 'targetLoad', 'targetLoad must be a positive number; got "1e999".'],
    ['hex string', { offPeakLoad: '0x10' }, 'offPeakLoad', 'offPeakLoad must be a number of 0 or more; got "0x10".'],
    ['a unit in the value', { normalLoad: '200 req/s' }, 'normalLoad', 'normalLoad must be a number of 0 or more; got "200 req/s".'],
    ['a boolean', { haFloor: true }, 'haFloor', 'haFloor must be a whole number of at least 1; got true.'],
    ['an array', { costCeiling: [30] }, 'costCeiling', 'costCeiling must be a whole number of at least 1; got [30].'],
    ['"%" on anything but the buffer', { targetLoad: '50%' }, 'targetLoad', 'targetLoad must be a positive number; got "50%".'],
  ];
  for (const [name, patch, field, message] of bad) {
    test(name, () => assert.deepEqual(errorsOf({ ...WORKED, ...patch }), [{ field, message }]));
  }

  test('required fields', () => {
    assert.deepEqual(errorsOf({ currentLoad: 100, currentInstances: 5 }), [
      { field: 'targetLoad', message: 'targetLoad is required: the peak load to plan for.' },
      { field: 'bufferPercent', message: 'bufferPercent is required: the safety buffer in percent (0 for none; the workflow uses 25).' },
    ]);
  });

  test('capacity per instance: perInstanceCapacity, or currentLoad with currentInstances', () => {
    const base = { targetLoad: 500, bufferPercent: 25 };
    assert.deepEqual(errorsOf(base).map((e) => e.field), ['perInstanceCapacity']);
    assert.match(errorsOf(base)[0]!.message, /^Give perInstanceCapacity, or currentLoad and currentInstances/);
    assert.deepEqual(errorsOf({ ...base, currentLoad: 100 }).map((e) => e.field), ['currentInstances']);
    assert.deepEqual(errorsOf({ ...base, currentInstances: 5 }).map((e) => e.field), ['currentLoad']);
    // A field that failed its own check is not reported missing as well.
    assert.deepEqual(errorsOf({ ...base, currentLoad: 'x', currentInstances: 5 }).map((e) => e.field), ['currentLoad']);
  });

  test('a cost ceiling below the HA floor cannot be met', () => {
    assert.deepEqual(errorsOf({ ...WORKED, costCeiling: 1 }), [
      { field: 'costCeiling', message: 'costCeiling (1) is below the HA floor (2): no recommendation can meet both. Raise the ceiling or lower haFloor.' },
    ]);
    assert.equal(errorsOf({ ...WORKED, costCeiling: 4, haFloor: 5 })[0]!.field, 'costCeiling');
  });

  test('unknown fields and non-objects are rejected (webview messages are validated, not trusted)', () => {
    assert.deepEqual(errorsOf({ ...WORKED, buffer: 25 }), [{ field: 'input', message: 'Unknown field "buffer"; the fields are currentLoad, currentInstances, perInstanceCapacity, targetLoad, bufferPercent, offPeakLoad, normalLoad, haFloor, costCeiling.' }]);
    for (const raw of [null, undefined, 42, 'targetLoad=500', [WORKED]]) {
      const errors = errorsOf(raw);
      assert.equal(errors.length, 1);
      assert.equal(errors[0]!.field, 'input');
      assert.match(errors[0]!.message, /^The capacity input must be a mapping of fields/);
    }
  });

  test('every problem is listed at once', () => {
    assert.deepEqual(errorsOf({ targetLoad: -1, bufferPercent: 'lots', currentLoad: 100, currentInstances: 0 }).map((e) => e.field), ['currentInstances', 'targetLoad', 'bufferPercent']);
  });

  test('computeCapacity validates too, and never throws', () => {
    for (const raw of [undefined, {}, { ...WORKED, targetLoad: 'abc' }, { targetLoad: 1e308, perInstanceCapacity: 1e-308, bufferPercent: 0 }]) {
      const r = computeCapacity(raw as CapacityInput);
      assert.ok('errors' in r && r.errors.length > 0, JSON.stringify(raw));
    }
    const huge = computeCapacity({ targetLoad: 1e12, perInstanceCapacity: 1, bufferPercent: 0 });
    assert.ok('errors' in huge);
    assert.match(huge.errors[0]!.message, /needs more than 2147483647 instances/);
  });
});

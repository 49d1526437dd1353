/** Walking a JSON Schema along a YAML path: $ref chains, maps, lists, required fields, facts in words. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { deref, fieldAt, fieldsAt, schemaAt } from '../../../../server/src/engine/schema/walk';

const SCHEMA = {
  type: 'object',
  required: ['spec'],
  properties: {
    spec: { description: 'The spec, as the referrer says.', $ref: '#/definitions/Spec' },
    labels: { type: 'object', additionalProperties: { type: 'string', description: 'A label value.' } },
    status: { description: 'Set by the server.' },
  },
  definitions: {
    Spec: { $ref: '#/definitions/SpecBody' },
    SpecBody: {
      description: 'The spec, as its definition says.',
      type: 'object',
      required: ['policies'],
      properties: {
        policies: { type: 'array', items: { $ref: '#/definitions/Policy' } },
        window: { type: 'integer', minimum: 0, maximum: 3600, description: 'Seconds.' },
        mode: { type: 'string', enum: ['Max', 'Min'] },
        tags: { type: 'array', items: { type: 'string' } },
      },
    },
    Policy: { type: 'object', properties: { type: { type: 'string', const: 'Pods' }, value: { type: ['integer', 'string'] } } },
    Loop: { $ref: '#/definitions/Loop' },
  },
};

test('deref follows $ref chains and keeps the referrer’s description; cycles and foreign refs give undefined', () => {
  assert.equal(deref(SCHEMA, SCHEMA.properties.spec)?.description, 'The spec, as the referrer says.');
  assert.equal(deref(SCHEMA, { $ref: '#/definitions/SpecBody' })?.description, 'The spec, as its definition says.');
  assert.equal(deref(SCHEMA, { $ref: '#/definitions/Loop' }), undefined);
  assert.equal(deref(SCHEMA, { $ref: 'https://example.com/x.json' }), undefined);
});

test('schemaAt walks properties, map values and list items', () => {
  assert.equal(schemaAt(SCHEMA, ['spec', 'policies', 0, 'value'])?.type?.toString(), 'integer,string');
  assert.equal(schemaAt(SCHEMA, ['labels', 'app'])?.description, 'A label value.');
  assert.equal(schemaAt(SCHEMA, ['spec', 'nope']), undefined);
  assert.equal(schemaAt(SCHEMA, ['spec', 'window', 'deeper']), undefined);
});

test('fieldsAt and fieldAt: type, constraints, values, required, block', () => {
  const fields = fieldsAt(SCHEMA, ['spec']).map((f) => [f.name, f.type, f.required, f.block ?? '-', f.constraints ?? '-', (f.values ?? []).join('|')]);
  assert.deepEqual(fields, [
    ['policies', 'array of object', true, 'list', '-', ''],
    ['window', 'integer', false, '-', '0–3600', ''],
    ['mode', 'string', false, '-', '-', 'Max|Min'],
    ['tags', 'array of string', false, 'list', '-', ''],
  ]);
  assert.deepEqual(fieldsAt(SCHEMA, []).map((f) => f.name), ['spec', 'labels'], 'status is not written by hand');
  assert.equal(fieldsAt(SCHEMA, ['labels']).length, 0, 'a map has no fixed fields');
  assert.equal(fieldAt(SCHEMA, ['labels'])?.type, 'map of string');
  assert.deepEqual(fieldAt(SCHEMA, ['spec', 'policies', 0, 'type'])?.values, ['Pods']);
  assert.equal(fieldAt(SCHEMA, ['spec'])?.required, true);
  assert.equal(fieldAt(SCHEMA, []), undefined);
});

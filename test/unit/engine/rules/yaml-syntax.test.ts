/** yaml-syntax: parse errors and duplicate keys, the Helm template note, the size limit. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { findingsOf } from '../../../helpers/lint';

const ID = 'yaml-syntax';

const hpa = (apiVersion: string, bounds: string, behavior = '') =>
  `apiVersion: ${apiVersion}\nkind: HorizontalPodAutoscaler\nmetadata:\n  name: web\nspec:\n  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: web}\n${bounds}${behavior}`;
const cases: { name: string; text: string; config?: string; expected: string[] }[] = [
  { name: 'valid YAML', text: 'apiVersion: v1\nkind: Service\nmetadata: {name: web}\n', expected: [] },
  { name: 'a duplicate key', text: hpa('autoscaling/v2', '  minReplicas: 2\n  minReplicas: 3\n  maxReplicas: 10\n'), expected: ["8:3 error Duplicate key `minReplicas`: a mapping key may appear only once (most tools silently keep the last value)."] },
  { name: 'an unclosed flow mapping', text: 'apiVersion: v1\nkind: Service\nmetadata: {name: web\n', expected: ["3:21 error Flow map in block collection must be sufficiently indented and end with a }"] },
  { name: 'a tab for indentation', text: 'apiVersion: v1\nkind: Service\nmetadata:\n\tname: web\n', expected: ["4:1 error Tabs are not allowed as indentation"] },
  { name: 'a Helm template', text: 'apiVersion: v1\nkind: Service\nmetadata:\n  name: {{ .Values.name }}\n', expected: ["4:9 info This file is a Helm/Go template ({{ … }}), not YAML until rendered: ScaleLint skips it. Lint the output of `helm template` instead."] },
  { name: 'a file over maxFileSizeBytes', text: `# ${'x'.repeat(200)}\napiVersion: v1\n`, config: 'maxFileSizeBytes: 100\n', expected: ["1:1 warning File not linted: it is 218 bytes, above the 100 bytes limit (setting maxFileSizeBytes)."] },
  { name: 'yaml-syntax off', text: 'a: 1\na: 2\n', config: 'rules:\n  yaml-syntax: off\n', expected: [] },
];

for (const c of cases) {
  test(`${ID}: ${c.name}`, () => {
    assert.deepEqual(findingsOf(c.text, ID, c.config ? { config: c.config } : {}), c.expected);
  });
}

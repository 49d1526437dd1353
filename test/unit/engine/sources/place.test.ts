import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Linter, defaultConfig } from '../../../../server/src/engine';
import { placeRenderedFindings } from '../../../../server/src/engine/sources/place';
import type { RenderedDocument, Segment } from '../../../../server/src/engine/sources/rendered';

/**
 * A render assembled by hand, the way a renderer reports it: literal template text as verbatim `template`
 * segments, a printed `.Values` scalar as a verbatim `value` segment pointing at values.yaml (via the action).
 */
const VALUES = 'autoscaling:\n  enabled: false\n  minReplicas: 1 # one is enough in dev\n  maxReplicas: 10\n';
const TEMPLATE =
  '{{- if .Values.autoscaling.enabled }}\napiVersion: autoscaling/v2\nkind: HorizontalPodAutoscaler\nmetadata:\n  name: {{ include "web.fullname" . }}\nspec:\n  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: web}\n  minReplicas: {{ .Values.autoscaling.minReplicas }}\n  maxReplicas: {{ .Values.autoscaling.maxReplicas }}\n{{- end }}\n';

function render(gate?: string): RenderedDocument {
  let text = '';
  const segments: Segment[] = [];
  /** Copies template text [from, to) verbatim. */
  const literal = (from: number, to: number) => {
    segments.push({ start: text.length, end: text.length + (to - from), kind: 'template', file: 'templates/hpa.yaml', fileStart: from, fileEnd: to, verbatim: true });
    text += TEMPLATE.slice(from, to);
  };
  const action = (src: string, printed: string, fromValues?: string) => {
    const at = TEMPLATE.indexOf(src);
    const via = { file: 'templates/hpa.yaml', start: at, end: at + src.length };
    if (fromValues) {
      const v = VALUES.indexOf(fromValues) + fromValues.length - printed.length;
      segments.push({ start: text.length, end: text.length + printed.length, kind: 'value', file: 'values.yaml', fileStart: v, fileEnd: v + printed.length, verbatim: true, via });
    } else segments.push({ start: text.length, end: text.length + printed.length, kind: 'template', file: via.file, fileStart: via.start, fileEnd: via.end, verbatim: false });
    text += printed;
    return at + src.length;
  };
  let at = TEMPLATE.indexOf('\n') + 1; // the gate's line is trimmed away
  const name = '{{ include "web.fullname" . }}';
  const min = '{{ .Values.autoscaling.minReplicas }}';
  const max = '{{ .Values.autoscaling.maxReplicas }}';
  literal(at, TEMPLATE.indexOf(name));
  at = action(name, 'release-name-web');
  literal(at, TEMPLATE.indexOf(min));
  at = action(min, '1', 'minReplicas: 1');
  literal(at, TEMPLATE.indexOf(max));
  at = action(max, '10', 'maxReplicas: 10');
  literal(at, TEMPLATE.indexOf('{{- end }}'));
  return { name: 'web/templates/hpa.yaml', text, segments, ...(gate ? { gate } : {}) };
}

function lintRender(doc: RenderedDocument) {
  const linter = new Linter(() => defaultConfig());
  linter.update(doc.name, doc.text);
  return placeRenderedFindings(doc, linter.lintFile(doc.name));
}

test('a finding on a value printed from values.yaml lands on the values line, with the template action as related information', () => {
  const doc = render();
  assert.match(doc.text, /^apiVersion: autoscaling\/v2\n[\s\S]*  minReplicas: 1\n  maxReplicas: 10\n$/);
  const placed = lintRender(doc);
  const min = placed.find((f) => f.ruleId === 'min-replicas');
  assert.ok(min, JSON.stringify(placed));
  assert.equal(min.file, 'values.yaml');
  assert.equal(VALUES.slice(min.start, min.end), '1');
  assert.equal(min.start, VALUES.indexOf('minReplicas: 1') + 'minReplicas: '.length);
  assert.equal(min.message, 'minReplicas is 1; the HA floor is 2.');
  assert.deepEqual(
    min.related?.map((r) => [r.file, TEMPLATE.slice(r.start, r.end)]),
    [['templates/hpa.yaml', '{{ .Values.autoscaling.minReplicas }}']],
  );
  // Its fix edits values.yaml (the comment beside the value survives), and a second lint has nothing to fix.
  const fix = min.fixes?.[0];
  assert.ok(fix?.safe);
  let values = VALUES;
  for (const e of [...fix.edits].sort((a, b) => b.start - a.start)) values = values.slice(0, e.start) + e.newText + values.slice(e.end);
  assert.equal(values, VALUES.replace('minReplicas: 1 #', 'minReplicas: 2 #'));
});

test('a finding on literal template text lands on the template line; none on rendered-only text', () => {
  const placed = lintRender(render());
  for (const f of placed) assert.ok(f.file === 'values.yaml' || f.file === 'templates/hpa.yaml', f.file);
  const speed = placed.find((f) => f.ruleId === 'scale-up-speed');
  if (speed) {
    assert.equal(speed.file, 'templates/hpa.yaml');
    assert.ok(TEMPLATE.slice(speed.start, speed.end).length > 0);
  }
  // A finding on text an action printed that came from no values file points at the whole action, without a fix.
  const doc = render();
  const nameAt = doc.text.indexOf('release-name-web');
  const [onName] = placeRenderedFindings(doc, [{ ruleId: 'schema', severity: 'warning', message: 'm', start: nameAt + 2, end: nameAt + 6, file: doc.name, documentIndex: 0, documentStart: 0, fixes: [{ title: 't', edits: [{ start: nameAt, end: nameAt + 3, newText: 'x' }], safe: true }] }]);
  assert.equal(onName!.file, 'templates/hpa.yaml');
  assert.equal(TEMPLATE.slice(onName!.start, onName!.end), '{{ include "web.fullname" . }}');
  assert.equal(onName!.fixes, undefined, 'no fix through text a function printed');
});

test('a gated template rendered with its gate forced true says so; insertions into template text are not offered as fixes', () => {
  const placed = lintRender(render('autoscaling.enabled'));
  const min = placed.find((f) => f.ruleId === 'min-replicas')!;
  assert.equal(min.message, 'minReplicas is 1; the HA floor is 2. (when autoscaling.enabled is true)');
  const doc = render('autoscaling.enabled');
  const at = doc.text.indexOf('spec:');
  const [inserted] = placeRenderedFindings(doc, [{ ruleId: 'x', severity: 'info', message: 'm', start: at, end: at + 4, file: doc.name, documentIndex: 0, documentStart: 0, fixes: [{ title: 't', edits: [{ start: at + 5, end: at + 5, newText: '\n  behavior: {}' }], safe: true }] }]);
  assert.equal(inserted!.fixes, undefined);
  assert.equal(TEMPLATE.slice(inserted!.start, inserted!.end), 'spec');
});

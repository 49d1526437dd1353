import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import type { TfBody, TfRange, TfValue } from '../../../../../server/src/engine/sources/terraform/index';
import { moduleOf } from './helpers';

const BASE = `variable "min" {
  default = 2
}

locals {
  max = 10
}

resource "aws_autoscaling_group" "web" {
  min_size          = var.min
  max_size          = local.max
  health_check_type = "ELB"
  target_group_arns = [aws_lb_target_group.app.arn]
  tag {
    key   = "team"
    value = "web-\${var.min}"
  }
  user_data = <<EOT
#!/bin/bash
echo hi
EOT
}

resource "aws_lb_target_group" "app" {
  health_check {
    path = "/healthz"
  }
}
`;

const JUNK = ['{', '}', '[', ']', '"', '=', '${', '<<EOT\n', '\n', ' ', '#', '/*', 'x', '.', ',', '(', 'é', '😀'];

function ranges(body: TfBody, out: TfRange[]): void {
  const visit = (v: TfValue): void => {
    out.push(v.range);
    if (v.fix) out.push(v.fix);
    if (v.kind === 'list') v.items.forEach(visit);
    if (v.kind === 'object') v.entries.forEach((e) => visit(e.value));
  };
  for (const a of body.attributes.values()) {
    out.push(a.range, a.nameRange);
    visit(a.value);
  }
  for (const b of body.blocks) ranges(b.body, out);
}

test('a real-looking module, edited at random (deleted, inserted or cut text), never throws; every range is inside its file', async () => {
  await fc.assert(
    fc.asyncProperty(
      fc.integer({ min: 0, max: BASE.length }),
      fc.integer({ min: 0, max: 30 }),
      fc.array(fc.constantFrom(...JUNK), { maxLength: 4 }),
      async (at, deleted, inserted) => {
        const text = BASE.slice(0, at) + inserted.join('') + BASE.slice(Math.min(BASE.length, at + deleted));
        const files = { 'main.tf': text };
        const m = await moduleOf(files);
        const all: TfRange[] = [...m.problems];
        for (const r of m.resources.values()) {
          all.push(r.range, r.typeRange, r.nameRange);
          ranges(r.body, all);
        }
        for (const range of all) {
          assert.equal(range.file, 'main.tf');
          assert.ok(range.start >= 0 && range.start <= range.end && range.end <= text.length, JSON.stringify(range));
        }
        assert.ok(!m.problems.some((p) => /could not read/.test(p.message)), m.problems.map((p) => p.message).join(' | '));
        // One problem per broken top-level block: the base has four.
        assert.ok(m.problems.length <= 4, m.problems.map((p) => p.message).join(' | '));
      },
    ),
    { numRuns: 60 },
  );
});

/**
 * Every case root built by the engine equals the committed golden made with `kubectl kustomize`
 * (kustomize v5.5.0; regenerate with regen-goldens.sh), compared as YAML data: same resources, same
 * order, same data. Roots without a golden are those kubectl refuses to build (see problems.test.ts).
 * A case's generated.txt lists resources (`Kind name`) that kubectl generates (configMapGenerator, …)
 * and ScaleLint skips with an info: they are left out of the golden before comparing.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildKustomization } from '../../../../../server/src/engine/sources/kustomize/index.js';
import { CASES, caseNames, caseRoots, folderReader, goldenPath, hasGolden, yamlData } from './helpers.js';

function generated(name: string): Set<string> {
  const p = join(CASES, name, 'generated.txt');
  return new Set(existsSync(p) ? readFileSync(p, 'utf8').split('\n').map((l) => l.trim()).filter(Boolean) : []);
}

for (const name of caseNames()) {
  const skip = generated(name);
  for (const root of caseRoots(name)) {
    if (!hasGolden(name, root)) continue;
    test(`${name}: ${root} equals kubectl kustomize`, () => {
      const result = buildKustomization(folderReader(join(CASES, name)), root);
      const errors = result.problems.filter((p) => p.severity === 'error');
      assert.deepEqual(errors, [], 'no error problems');
      assert.equal(result.documents.length, 1);
      const doc = result.documents[0]!;
      assert.equal(doc.name, root);
      const expected = yamlData(readFileSync(goldenPath(name, root), 'utf8')).filter((d) => {
        const r = d as { kind?: string; metadata?: { name?: string } };
        return !skip.has(`${r.kind} ${r.metadata?.name}`);
      });
      assert.deepEqual(yamlData(doc.text), expected);
      // Byte for byte too, except where kubectl generated resources or folded a line longer than 80
      // columns (the scalars case): ScaleLint never folds.
      if (skip.size === 0 && name !== 'scalars') assert.equal(doc.text, readFileSync(goldenPath(name, root), 'utf8'));
    });
  }
}

function kubectlAvailable(): boolean {
  try {
    execFileSync('kubectl', ['version', '--client'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

const hasKubectl = kubectlAvailable();
test('the committed goldens are what kubectl kustomize prints today', { skip: hasKubectl ? false : 'kubectl is not installed: goldens cannot be re-checked' }, () => {
  for (const name of caseNames()) {
    for (const root of caseRoots(name)) {
      if (!hasGolden(name, root)) continue;
      const out = execFileSync('kubectl', ['kustomize', join(CASES, name, root)], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
      assert.deepEqual(yamlData(out), yamlData(readFileSync(goldenPath(name, root), 'utf8')), `${name}/${root}`);
    }
  }
});

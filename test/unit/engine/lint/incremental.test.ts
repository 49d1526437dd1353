/**
 * The keystroke path must give exactly what a fresh lint gives: after random edit sequences (typing,
 * deleting, new `---` lines, renames that change cross-document matches), the incremental split equals
 * a full split, and an incrementally updated Linter's findings equal those of a new Linter.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { defaultConfig, Linter, splitDocuments } from '../../../../server/src/engine';
import { PatchedText, resplit } from '../../../../server/src/engine/parse/split';
import { generateManifest, prng } from '../../../../scripts/bench/generate';
import '../../../helpers/lint'; // schemas from disk

interface Edit {
  start: number;
  end: number;
  text: string;
}

const PIECES = ['x', '1', ' ', '\n', '-', ':', '---\n', '\n---\n', '\n--- # doc\n', '%YAML 1.2\n', '  ', '\r\n', '#', 'app', '{', '"'];

function randomEdit(text: string, rand: () => number): Edit {
  let at = Math.floor(rand() * (text.length + 1));
  if (rand() < 0.3) {
    // Near a document marker, where the split itself changes.
    const marker = text.indexOf('---', at);
    if (marker >= 0) at = Math.max(0, Math.min(text.length, marker - 2 + Math.floor(rand() * 7)));
  }
  const roll = rand();
  if (roll < 0.45 || text.length === 0) return { start: at, end: at, text: PIECES[Math.floor(rand() * PIECES.length)] };
  const len = roll < 0.8 ? 1 : Math.floor(rand() * 40);
  return { start: at, end: Math.min(text.length, at + len), text: roll > 0.9 ? PIECES[Math.floor(rand() * PIECES.length)] : '' };
}

function apply(text: string, e: Edit): string {
  return text.slice(0, e.start) + e.text + text.slice(e.end);
}

/** The hint a server computes from LSP content changes (with the inserted text, or without). */
function hintOf(before: string, e: Edit, withInserted = true) {
  return { prefix: e.start, suffix: before.length - e.end, previousLength: before.length, ...(withInserted ? { inserted: e.text } : {}) };
}

test('resplit equals a full split after random edits', () => {
  const rand = prng(11);
  let text = generateManifest(40, 3).text.replace(/^(apiVersion: policy)/m, '%YAML 1.2\n---\n$1');
  for (let i = 0; i < 1500; i++) {
    const e = randomEdit(text, rand);
    const next = apply(text, e);
    const old = splitDocuments(text);
    const oldStart = (k: number) => old[k].start;
    const oldText = (k: number) => old[k].text;
    const hint = hintOf(text, e);
    // Every other edit reads the new text through the old documents, as the server's keystrokes do.
    const source = i % 2 ? new PatchedText(old.length, oldStart, oldText, text.length, hint.prefix, hint.suffix, hint.inserted!) : next;
    if (i % 2) {
      assert.equal(source.length, next.length);
      const a = Math.floor(rand() * next.length);
      const b = Math.min(next.length, a + Math.floor(rand() * 3000));
      assert.equal(source.slice(a, b), next.slice(a, b));
      assert.equal(source.indexOf('\n', a), next.indexOf('\n', a));
      assert.equal(source.lastIndexOf('\n', b), next.lastIndexOf('\n', b));
    }
    const r = resplit(source, old.length, oldStart, oldText, text.length, hint);
    const got = [
      ...old.slice(0, r.head),
      ...r.middle.map((c) => ({ start: c.start, text: c.text })),
      ...old.slice(r.tail).map((c) => ({ start: c.start + r.delta, text: c.text })),
    ];
    assert.deepEqual(got, splitDocuments(next), `edit ${i}: ${JSON.stringify(e)}`);
    text = next;
  }
});

function snapshot(linter: Linter, uris: string[]): string {
  return JSON.stringify(uris.map((u) => [u, linter.lintFile(u)]));
}

test('incremental findings equal a fresh lint after random edit sequences (two files)', () => {
  const rand = prng(5);
  const texts = new Map<string, string>([
    ['a.yaml', generateManifest(60, 1).text],
    ['b.yaml', generateManifest(30, 2).text.replace(/namespace: \w+\n/g, '')],
  ]);
  const order: string[] = [...texts.keys()];
  const linter = new Linter();
  for (const [u, t] of texts) linter.update(u, t);
  for (let i = 0; i < 120; i++) {
    const roll = rand();
    const uri = order[Math.floor(rand() * order.length)];
    if (roll < 0.03 && order.length === 2) {
      // A file leaves the set and comes back (last in lint-set order).
      linter.remove(uri);
      order.splice(order.indexOf(uri), 1);
      linter.lintFile(order[0]);
      linter.update(uri, texts.get(uri)!);
      order.push(uri);
    } else {
      const before = texts.get(uri)!;
      // Mostly small edits, sometimes several before the next lint (a burst of keystrokes).
      const burst = rand() < 0.2 ? 3 : 1;
      let text = before;
      for (let k = 0; k < burst; k++) {
        const e = rand() < 0.3 ? renameEdit(text, rand) : randomEdit(text, rand);
        const next = apply(text, e);
        const roll = rand();
        linter.update(uri, next, i, roll < 0.6 ? hintOf(text, e) : roll < 0.9 ? hintOf(text, e, false) : undefined);
        text = next;
      }
      texts.set(uri, text);
    }
    if (i % 3 === 0 || i > 100) {
      const fresh = new Linter();
      for (const u of order) fresh.update(u, texts.get(u)!);
      assert.equal(snapshot(linter, order), snapshot(fresh, order), `after step ${i}`);
    }
  }
});

/** An edit that matters across documents: a name, a label or a target gains or loses a character. */
function renameEdit(text: string, rand: () => number): Edit {
  const re = /(name: |app\.kubernetes\.io\/name: |minReplicas: )(\S+)/g;
  const hits = [...text.matchAll(re)];
  if (!hits.length) return { start: 0, end: 0, text: '' };
  const m = hits[Math.floor(rand() * hits.length)];
  const end = m.index! + m[0].length;
  return rand() < 0.5 ? { start: end, end, text: 'z' } : { start: end - 1, end, text: '' };
}

test('a config change re-checks everything', () => {
  const text = generateManifest(20, 4).text;
  const at = (floor: number) => {
    const config = { ...defaultConfig(), minReplicasFloor: floor };
    return () => config;
  };
  const linter = new Linter(at(2));
  linter.update('a.yaml', text);
  const count = () => linter.lintFile('a.yaml').filter((f) => f.ruleId === 'min-replicas').length;
  const before = count();
  linter.setConfigLookup(at(5));
  const after = count();
  assert.ok(after > before, `${after} > ${before}`);
  const fresh = new Linter(at(5));
  fresh.update('a.yaml', text);
  assert.equal(JSON.stringify(linter.lintFile('a.yaml')), JSON.stringify(fresh.lintFile('a.yaml')));
});

/** After each step, the incremental linter's findings for every file equal a fresh lint's of the same files. */
function stepsAgree(steps: [string, string | undefined][]): string[][] {
  const linter = new Linter();
  const texts = new Map<string, string>();
  const seen: string[][] = [];
  for (const [uri, text] of steps) {
    if (text === undefined) {
      linter.remove(uri);
      texts.delete(uri);
    } else {
      linter.update(uri, text);
      texts.set(uri, text);
    }
    const uris = [...texts.keys()];
    const fresh = new Linter();
    for (const u of uris) fresh.update(u, texts.get(u)!);
    assert.equal(snapshot(linter, uris), snapshot(fresh, uris), `after ${uri} ${text === undefined ? 'left' : 'changed'}`);
    seen.push(uris.flatMap((u) => linter.lintFile(u).map((f) => `${u} ${f.ruleId}`)));
  }
  return seen;
}

const DEPLOYMENT = (name: string) => `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: ${name}\nspec:\n  selector:\n    matchLabels: {app: ${name}}\n  template:\n    metadata:\n      labels: {app: ${name}}\n    spec:\n      containers:\n        - name: app\n          image: app:1\n`;
const HPA = (name: string, target: string) => `apiVersion: autoscaling/v2\nkind: HorizontalPodAutoscaler\nmetadata:\n  name: ${name}\nspec:\n  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: ${target}}\n  minReplicas: 2\n  maxReplicas: 6\n`;

test('the first autoscaler entering the set, and the last leaving it, re-check workloads without replicas (min-replicas)', () => {
  const seen = stepsAgree([
    ['web.yaml', DEPLOYMENT('web')],
    ['hpa.yaml', HPA('other-hpa', 'other')],
    ['hpa.yaml', HPA('other-hpa', 'other').replace('minReplicas: 2', 'minReplicas: 3')],
    ['hpa.yaml', undefined],
  ]);
  const flagged = (step: string[]) => step.includes('web.yaml min-replicas');
  // No autoscaler in the set: a workload without replicas may be scaled from elsewhere (silent); with one, it runs 1 pod.
  assert.deepEqual(seen.map(flagged), [false, true, true, false]);
});

test('an autoscaler whose target is far from every name: reported only when its own file holds a workload (hpa-target-exists)', () => {
  const seen = stepsAgree([
    ['other.yaml', DEPLOYMENT('payments')],
    ['hpa.yaml', HPA('web-hpa', 'zzzzzzzz')],
    ['hpa.yaml', `${HPA('web-hpa', 'zzzzzzzz')}---\n${DEPLOYMENT('web')}`],
    ['hpa.yaml', HPA('web-hpa', 'zzzzzzzz')],
  ]);
  const flagged = (step: string[]) => step.includes('hpa.yaml hpa-target-exists');
  assert.deepEqual(seen.map(flagged), [false, false, true, false]);
});

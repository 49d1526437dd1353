/**
 * `scalelint simulate` as a user runs it (the built CLI): scenario files (examples/scenarios/, SPEC §4),
 * the workflow's four load tests on examples/kubernetes/frontend.yaml, picking an autoscaler, and errors.
 */
import { test, before, describe } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..');
const CLI = join(ROOT, 'server', 'out', 'cli.js');
const FRONTEND = 'examples/kubernetes/frontend.yaml';

function cli(args: string[], input?: string) {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd: ROOT, encoding: 'utf8', input, env: { ...process.env, NO_COLOR: '1' } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function json(args: string[]) {
  const r = cli(args);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stderr, '');
  return JSON.parse(r.stdout);
}

let dir: string;
function file(name: string, text: string): string {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
}

before(() => {
  assert.ok(existsSync(CLI), 'run `npm run build` first: server/out/cli.js is missing');
  dir = mkdtempSync(join(tmpdir(), 'scalelint-sim-'));
});

describe('--scenario FILE', () => {
  test('the SPEC §4 example scenario: 5 → 7 (ScaleUpLimit), then 7 → 14', () => {
    assert.deepEqual(json(['simulate', '--scenario', 'examples/scenarios/spec-example.json', '--format', 'json']), {
      steps: [
        { at: 0, replicas: 7, reason: 'ScaleUpLimit' },
        { at: 15, replicas: 14, reason: 'none' },
      ],
    });
  });

  test('the SPEC §4 example file is the SPEC text', () => {
    const s = JSON.parse(readFileSync(join(ROOT, 'examples/scenarios/spec-example.json'), 'utf8'));
    assert.deepEqual(s.history, { recommendations: [{ at: -60, replicas: 7 }], scaleUpEvents: [{ at: -10, change: 2 }], scaleDownEvents: [] });
    assert.deepEqual(s.hpa, { minReplicas: 2, maxReplicas: 20, behavior: {} });
  });

  const expected: Record<string, [number, number, string][]> = {
    'default-behavior-burst.json': [
      [0, 6, 'ScaleUpLimit'],
      [15, 12, 'ScaleUpLimit'],
      [30, 20, 'none'],
    ],
    'legacy-no-behavior.json': [
      [0, 4, 'ScaleUpLimit'],
      [15, 8, 'ScaleUpLimit'],
      [30, 16, 'ScaleUpLimit'],
      [45, 20, 'TooManyReplicas'],
    ],
    'scale-down-window.json': [
      [0, 12, 'stabilized'],
      [15, 12, 'stabilized'],
      [30, 12, 'stabilized'],
      [45, 6, 'ScaleDownLimit'],
      [60, 6, 'ScaleDownLimit'],
      [75, 4, 'none'],
      [90, 4, 'stabilized'],
      [105, 4, 'none'],
    ],
    'spec-example.json': [
      [0, 7, 'ScaleUpLimit'],
      [15, 14, 'none'],
    ],
  };
  test('every example scenario has its expected result here', () => {
    assert.deepEqual(readdirSync(join(ROOT, 'examples/scenarios')).sort(), Object.keys(expected).sort());
  });
  for (const [name, steps] of Object.entries(expected)) {
    test(`examples/scenarios/${name}`, () => {
      const out = json(['simulate', '--scenario', `examples/scenarios/${name}`, '--format', 'json']);
      assert.deepEqual(out, { steps: steps.map(([at, replicas, reason]) => ({ at, replicas, reason })) });
    });
  }

  test('text: a table of the syncs with input, raw recommendation, replicas and reason, and what the reasons mean', () => {
    const r = cli(['simulate', '--scenario', 'examples/scenarios/spec-example.json']);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(
      r.stdout,
      [
        'Scenario examples/scenarios/spec-example.json',
        'HPA: 2–20 replicas; scaleUp window 0 s, 4 pods / 15 s, 100 % / 15 s (Max); scaleDown window 300 s, 100 % / 15 s; a sync every 15 s; starts at 5 replicas.',
        '',
        '  at (s)  input              recommendation  replicas  reason',
        '       0  desired 12                     12     5 → 7  ScaleUpLimit',
        '      15  cpu 140 % of 70 %              14    7 → 14  none',
        '',
        'Reasons:',
        '  ScaleUpLimit: a scaleUp policy limited the increase (without behavior: at most max(2 × current, 4) per sync).',
        '',
      ].join('\n'),
    );
  });

  test('YAML scenarios (.yaml, or standard input with "-") work like JSON', () => {
    const yaml = 'hpa:\n  minReplicas: 2\n  maxReplicas: 20\n  behavior: {}\ncurrentReplicas: 5\nhistory:\n  recommendations: [{at: -60, replicas: 7}]\n  scaleUpEvents: [{at: -10, change: 2}]\nsteps:\n  - {at: 0, desiredReplicas: 12}\n  - {at: 15, utilization: {cpu: 140}, target: {cpu: 70}}\n';
    const want = { steps: [{ at: 0, replicas: 7, reason: 'ScaleUpLimit' }, { at: 15, replicas: 14, reason: 'none' }] };
    assert.deepEqual(json(['simulate', '--scenario', file('case.yaml', yaml), '--format', 'json']), want);
    const piped = cli(['simulate', '--scenario', '-', '--format', 'json'], yaml);
    assert.equal(piped.code, 0, piped.stderr);
    assert.deepEqual(JSON.parse(piped.stdout), want);
    const pipedJson = cli(['simulate', '--scenario', '-', '--format', 'json'], readFileSync(join(ROOT, 'examples/scenarios/spec-example.json'), 'utf8'));
    assert.deepEqual(JSON.parse(pipedJson.stdout), want);
  });

  const errors: [name: string, text: string, message: RegExp][] = [
    ['bad JSON, with its line and column', '{\n  "hpa": {"maxReplicas": 5},\n  "steps": [}\n', /case\.json is not valid JSON: Unexpected token '}' \(line 3, column 13\)$/m],
    ['truncated JSON', '{"hpa": {"maxReplicas": 5}', /is not valid JSON: Expected ',' or '}' after property value \(at the end of the text\)$/m],
    ['an empty file', '  \n', /case\.json is empty: a scenario is a JSON object with hpa, currentReplicas and steps$/m],
    ['not an object', '[1, 2]', /invalid scenario: a scenario must be a mapping with hpa, currentReplicas and steps \(got \[1,2\]\)$/m],
    ['no hpa', '{"currentReplicas": 2, "steps": [{"desiredReplicas": 3}]}', /invalid scenario: scenario\.hpa is required/],
    ['an invalid HPA', '{"hpa": {"maxReplicas": 0}, "currentReplicas": 2, "steps": [{"desiredReplicas": 3}]}', /invalid scenario: hpa: maxReplicas must be an integer of at least 1 \(got 0\)$/m],
    ['a bad step', '{"hpa": {"maxReplicas": 5}, "currentReplicas": 2, "steps": [{"at": 0, "desiredReplicas": -1}]}', /invalid scenario: steps\[0\]\.desiredReplicas must be a non-negative integer \(got -1\)$/m],
    ['history in the future', '{"hpa": {"maxReplicas": 5}, "currentReplicas": 2, "history": {"recommendations": [{"at": 5, "replicas": 2}]}, "steps": [{"at": 0, "desiredReplicas": 3}]}', /history\.recommendations\[0\]\.at \(5\) must be before the first step/],
  ];
  for (const [name, text, message] of errors) {
    test(`error: ${name} → exit 2, message on stderr`, () => {
      const r = cli(['simulate', '--scenario', file('case.json', text), '--format', 'json']);
      assert.equal(r.code, 2);
      assert.equal(r.stdout, '');
      assert.match(r.stderr, /^scalelint simulate: /);
      assert.match(r.stderr, message);
    });
  }

  test('error: bad YAML, and a missing file', () => {
    const bad = cli(['simulate', '--scenario', file('bad.yaml', 'hpa: [\n')]);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /bad\.yaml is not valid YAML: .* \(line 2, column 1\)$/m);
    const missing = cli(['simulate', '--scenario', join(dir, 'nope.json')]);
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /cannot read .*nope\.json: no such file$/m);
  });
});

describe('MANIFEST --load: the workflow load tests on examples/kubernetes/frontend.yaml', () => {
  const run = (kind: string) => {
    const out = json(['simulate', FRONTEND, '--load', kind, '--format', 'json']);
    assert.equal(out.loadTests.length, 1);
    return { out, test: out.loadTests[0] };
  };

  test('JSON names the autoscaler it simulated', () => {
    const { out } = run('spike');
    assert.deepEqual(
      { file: out.file, document: out.document, line: out.line, kind: out.kind, name: out.name, namespace: out.namespace, minReplicas: out.minReplicas, maxReplicas: out.maxReplicas },
      { file: FRONTEND, document: 2, line: 34, kind: 'HorizontalPodAutoscaler', name: 'frontend', namespace: 'shop', minReplicas: 2, maxReplicas: 20 },
    );
  });

  test('spike: 2 → 6 → 12 → 20 from the jump at 1 min; reaches 20 after 30 s', () => {
    const { test: t } = run('spike');
    assert.equal(t.targetUtilization, 70, 'the HPA’s cpu target');
    assert.equal(t.capacityPerReplica, 50);
    const at = (s: number) => t.steps.find((x: { at: number }) => x.at === s);
    assert.deepEqual([45, 60, 75, 90].map((s) => [at(s).replicas, at(s).reason]), [[2, 'TooFewReplicas'], [6, 'ScaleUpLimit'], [12, 'ScaleUpLimit'], [20, 'none']]);
    assert.equal(t.summary.reachedAfterSeconds, 30);
    assert.equal(t.summary.underProvisionedSeconds, 30);
    assert.equal(t.summary.maxShortfall, 14);
    assert.equal(t.summary.text, 'Reaches 20 replicas (maxReplicas) 30 s after the load rises; under-provisioned for 30 s, short by up to 14 replicas.');
  });

  test('ramp: climbs with the load and ends at 18 of the 20 needed, inside the tolerance', () => {
    const { test: t } = run('ramp');
    assert.deepEqual([t.summary.peakReplicas, t.summary.finalReplicas, t.summary.finalNeededReplicas], [18, 18, 20]);
    assert.equal(t.summary.reachedAt, 600);
    assert.equal(t.steps.at(-1).at, 960);
    assert.match(t.summary.text, /^Reaches 18 replicas 8 min 45 s after the load rises; ends at 18 where 20 are needed at the 70 % target, inside the controller's tolerance; under-provisioned for 11 min 45 s/);
  });

  test('sustained: 500 users need 10 replicas, reached 15 s after the load rises and held', () => {
    const { test: t } = run('sustained');
    assert.deepEqual([t.summary.peakReplicas, t.summary.reachedAt, t.summary.reachedAfterSeconds], [10, 75, 15]);
    assert.ok(t.steps.filter((s: { at: number }) => s.at >= 75).every((s: { replicas: number }) => s.replicas === 10));
  });

  test('drop: held at 10 by the 300 s window, then 50 % per 15 s down to 2', () => {
    const { test: t } = run('drop');
    const changes = t.steps.filter((s: { replicas: number }, i: number) => i === 0 || s.replicas !== t.steps[i - 1].replicas).map((s: { at: number; replicas: number; reason: string }) => [s.at, s.replicas, s.reason]);
    assert.deepEqual(changes, [[0, 10, 'none'], [345, 5, 'ScaleDownLimit'], [360, 2, 'TooFewReplicas']]);
    assert.equal(t.summary.text, 'Down to 2 replicas (minReplicas) 5 min after the load drops; never under-provisioned.');
  });

  test('text: a compact timeline (changes only) and the summary line', () => {
    const r = cli(['simulate', FRONTEND, '--load', 'spike']);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(
      r.stdout,
      [
        `HorizontalPodAutoscaler shop/frontend (${FRONTEND}, document 2, line 34)`,
        '2–20 replicas; scaleUp window 0 s, 100 % / 15 s, 4 pods / 15 s (Max); scaleDown window 300 s, 50 % / 15 s; a sync every 15 s; cpu target 70 %.',
        "Load in users: 1000 (the workflow's peak) needs all 20 replicas at the target, so one replica serves 50.",
        '',
        'Sudden spike: 10 → 1000 users instantly at 1 min, held 10 min',
        '   time  users  needed  replicas  reason',
        '   0:00     10     0.2         2  TooFewReplicas',
        '   1:00   1000      20         6  ScaleUpLimit',
        '   1:15   1000      20        12  ScaleUpLimit',
        '   1:30   1000      20        20  none',
        '  11:00   1000      20        20  none',
        'Reaches 20 replicas (maxReplicas) 30 s after the load rises; under-provisioned for 30 s, short by up to 14 replicas.',
        '',
        'Reasons:',
        '  TooFewReplicas: raised to minReplicas.',
        '  ScaleUpLimit: a scaleUp policy limited the increase (without behavior: at most max(2 × current, 4) per sync).',
        '',
      ].join('\n'),
    );
  });

  test('text for drop and sustained shows the stabilization and the summary figures', () => {
    const drop = cli(['simulate', FRONTEND, '--load', 'drop']).stdout;
    assert.match(drop, /\n {3}1:00 {5}10 {5}0\.2 {8}10 {2}stabilized\n {3}5:45 {5}10 {5}0\.2 {9}5 {2}ScaleDownLimit\n/);
    assert.match(drop, /\nDown to 2 replicas \(minReplicas\) 5 min after the load drops; never under-provisioned\.\n/);
    const sustained = cli(['simulate', FRONTEND, '--load', 'sustained']).stdout;
    assert.match(sustained, /\nReaches 10 replicas 15 s after the load rises; under-provisioned for 15 s, short by up to 4 replicas\.\n/);
  });

  test('--all-steps prints every sync; --load all runs the four', () => {
    const every = cli(['simulate', FRONTEND, '--load', 'spike', '--all-steps']).stdout;
    assert.equal(every.split('\n').filter((l) => /^ +\d+:\d\d /.test(l)).length, 45, '0:00 to 11:00 every 15 s');
    const all = json(['simulate', FRONTEND, '--load', 'all', '--format', 'json']);
    assert.deepEqual(all.loadTests.map((t: { kind: string }) => t.kind), ['spike', 'ramp', 'sustained', 'drop']);
    const text = cli(['simulate', FRONTEND, '--load', 'all']).stdout;
    for (const title of ['Sudden spike', 'Gradual ramp', 'Sustained load', 'Scale down']) assert.ok(text.includes(`\n${title}: `), title);
  });
});

describe('picking the autoscaler in a manifest', () => {
  const MULTI = `# a Deployment, an HPA, a KEDA ScaledObject, a broken HPA
apiVersion: apps/v1
kind: Deployment
metadata: {name: web}
spec: {}
---
apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata: {name: web}
spec:
  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: web}
  minReplicas: 2
  maxReplicas: 10
---
apiVersion: keda.sh/v1alpha1
kind: ScaledObject
metadata: {name: worker}
spec:
  scaleTargetRef: {name: worker}
  maxReplicaCount: 30
  triggers:
    - type: cpu
      metricType: Utilization
      metadata: {value: "60"}
---
apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata: {name: broken}
spec:
  minReplicas: 5
  maxReplicas: 3
`;
  let multi: string;
  before(() => {
    multi = file('multi.yaml', MULTI);
  });

  test('several autoscalers and no --doc: exit 2 listing the choices', () => {
    const r = cli(['simulate', multi, '--load', 'spike']);
    assert.equal(r.code, 2);
    assert.equal(r.stdout, '');
    assert.equal(
      r.stderr,
      [
        `scalelint simulate: ${multi} holds 3 autoscalers; choose one with --doc N (or --name NAME):`,
        '  --doc 2  --name web  HorizontalPodAutoscaler web (line 8)',
        '  --doc 3  --name worker  ScaledObject worker (line 16)',
        '  --doc 4  --name broken  HorizontalPodAutoscaler broken (line 27)',
        '',
      ].join('\n'),
    );
  });

  test('--doc N counts YAML documents (1-based); --name picks by metadata.name', () => {
    const byDoc = json(['simulate', multi, '--doc', '2', '--load', 'spike', '-f', 'json']);
    assert.deepEqual([byDoc.kind, byDoc.name, byDoc.document, byDoc.maxReplicas], ['HorizontalPodAutoscaler', 'web', 2, 10]);
    const byName = json(['simulate', multi, '--name', 'web', '--load', 'spike', '-f', 'json']);
    assert.deepEqual(byName.loadTests, byDoc.loadTests);
    // No behavior: the legacy path, and the HPA default target of 80 %.
    assert.deepEqual(byDoc.loadTests[0].steps.filter((s: { at: number }) => s.at >= 60 && s.at <= 90).map((s: { replicas: number }) => s.replicas), [4, 8, 10]);
    assert.equal(byDoc.loadTests[0].targetUtilization, 80);
  });

  test('a KEDA ScaledObject: min 1, its cpu trigger as the target', () => {
    const out = json(['simulate', multi, '--doc', '3', '--load', 'spike', '-f', 'json']);
    assert.deepEqual([out.kind, out.minReplicas, out.maxReplicas, out.loadTests[0].targetUtilization], ['ScaledObject', 1, 30, 60]);
    assert.match(cli(['simulate', multi, '--doc', '3', '--load', 'spike']).stdout, /^ScaledObject worker \(.*\) \(KEDA activates 0 → 1 itself/);
  });

  const wrong: [args: string[], message: RegExp][] = [
    [['--doc', '1'], /document 1 of .*multi\.yaml holds Deployment web, not an autoscaler\. Autoscalers:\n {2}--doc 2 {2}HorizontalPodAutoscaler web \(line 8\)\n/],
    [['--doc', '9'], /multi\.yaml has 4 YAML documents; there is no document 9\. Autoscalers:/],
    [['--doc', '0'], /--doc needs a document number \(1 for the first\); got "0"/],
    [['--doc', 'two'], /--doc needs a document number \(1 for the first\); got "two"/],
    [['--name', 'nope'], /no autoscaler named "nope" in .*multi\.yaml\. Autoscalers:/],
    [['--doc', '4'], /HorizontalPodAutoscaler broken \(line 27\) cannot be simulated: maxReplicas \(3\) must not be below minReplicas \(5\)$/m],
  ];
  for (const [args, message] of wrong) {
    test(`error: ${args.join(' ')}`, () => {
      const r = cli(['simulate', multi, ...args, '--load', 'spike']);
      assert.equal(r.code, 2);
      assert.equal(r.stdout, '');
      assert.match(r.stderr, message);
    });
  }

  test('files without an autoscaler: exit 2 saying what they hold', () => {
    const asg = cli(['simulate', 'examples/cloudformation/web-asg.yaml', '--load', 'spike']);
    assert.equal(asg.code, 2);
    assert.match(asg.stderr, /holds no HorizontalPodAutoscaler or KEDA ScaledObject; it holds .*AWS::AutoScaling::AutoScalingGroup WebGroup.* \(Auto Scaling Groups are not simulated/);
    const helm = cli(['simulate', file('chart.yaml', 'apiVersion: autoscaling/v2\nkind: HorizontalPodAutoscaler\nmetadata:\n  name: {{ .Release.Name }}\n'), '--load', 'spike']);
    assert.equal(helm.code, 2);
    assert.match(helm.stderr, /looks like a Helm template: render it first/);
    const syntax = cli(['simulate', file('broken.yaml', 'apiVersion: autoscaling/v2\nkind: HorizontalPodAutoscaler\nmetadata: {name: x}\nspec:\n  maxReplicas: 5\n  maxReplicas: 6\n'), '--load', 'spike']);
    assert.equal(syntax.code, 2);
    assert.match(syntax.stderr, /document 1 has a YAML error: .*\(line 6, column 3\)/);
  });

  test('kind: List with two HPAs in one document: --name chooses', () => {
    const list = file('list.yaml', 'apiVersion: v1\nkind: List\nitems:\n  - apiVersion: autoscaling/v2\n    kind: HorizontalPodAutoscaler\n    metadata: {name: a}\n    spec: {maxReplicas: 5}\n  - apiVersion: autoscaling/v2\n    kind: HorizontalPodAutoscaler\n    metadata: {name: b}\n    spec: {maxReplicas: 8}\n');
    const r = cli(['simulate', list, '--doc', '1', '--load', 'spike']);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /holds 2 autoscalers; choose one with --name NAME:\n {2}--doc 1 {2}--name a {2}HorizontalPodAutoscaler a \(line 5\)\n {2}--doc 1 {2}--name b/);
    assert.equal(json(['simulate', list, '--name', 'b', '--load', 'spike', '-f', 'json']).maxReplicas, 8);
  });

  test('anchors and aliases in the manifest are resolved', () => {
    const p = file('alias.yaml', 'apiVersion: autoscaling/v2\nkind: HorizontalPodAutoscaler\nmetadata: {name: a}\nspec:\n  minReplicas: &min 3\n  maxReplicas: 12\n  behavior: {scaleDown: {policies: [{type: Pods, value: *min, periodSeconds: 60}]}}\n');
    const out = json(['simulate', p, '--load', 'drop', '-f', 'json']);
    assert.equal(out.minReplicas, 3);
    assert.equal(out.loadTests[0].summary.finalReplicas, 3);
  });
});

describe('usage', () => {
  const cases: [args: string[], message: RegExp][] = [
    [['simulate'], /give --scenario FILE, or a manifest with --load KIND/],
    [['simulate', FRONTEND], /--load is required with a manifest: spike, ramp, sustained, drop or all/],
    [['simulate', FRONTEND, '--load', 'soak'], /unknown load test "soak" \(use spike, ramp, sustained, drop or all\)/],
    [['simulate', FRONTEND, FRONTEND, '--load', 'spike'], /simulate takes one manifest; got 2/],
    [['simulate', '--scenario', 'examples/scenarios/spec-example.json', FRONTEND], /give either --scenario FILE or a manifest, not both/],
    [['simulate', '--scenario', 'examples/scenarios/spec-example.json', '--load', 'spike'], /--load is for a manifest; a scenario lists its own steps/],
    [['simulate', '--scenario'], /--scenario needs a value/],
    [['simulate', FRONTEND, '--load', 'spike', '--format', 'yaml'], /unknown format "yaml" \(use text or json\)/],
    [['simulate', FRONTEND, '--load', 'spike', '--speed', '2'], /unknown option --speed/],
    [['simulate', FRONTEND, '--load', 'spike', '--all-steps=yes'], /--all-steps takes no value/],
  ];
  for (const [args, message] of cases) {
    test(`exit 2: ${args.slice(1).join(' ') || '(no arguments)'}`, () => {
      const r = cli(args);
      assert.equal(r.code, 2);
      assert.equal(r.stdout, '');
      assert.match(r.stderr, message);
      assert.match(r.stderr, /Run `scalelint simulate --help` for the options\.\n$/);
    });
  }

  test('--help exits 0 and documents both forms', () => {
    const r = cli(['simulate', '--help']);
    assert.equal(r.code, 0);
    assert.match(r.stdout, /scalelint simulate --scenario FILE/);
    assert.match(r.stdout, /scalelint simulate MANIFEST \[--doc N\]/);
    for (const kind of ['spike', 'ramp', 'sustained', 'drop']) assert.ok(r.stdout.includes(kind));
  });

  test('linting is unchanged: a path that is not a subcommand is linted', () => {
    const r = cli(['--format', 'json', FRONTEND]);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(JSON.parse(r.stdout)[0].filePath.endsWith('frontend.yaml'), true);
  });
});

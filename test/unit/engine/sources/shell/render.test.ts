import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Linter, defaultConfig, applyEdits } from '../../../../../server/src/engine';
import { planSources } from '../../../../../server/src/engine/sources/project';
import { placeRenderedFindings, type PlacedFinding } from '../../../../../server/src/engine/sources/place';

/** Lints one script the way the CLI does: planned, rendered, linted, placed back in the script. */
function lint(path: string, text: string): PlacedFinding[] {
  const plan = planSources({ read: (p) => (p === path ? text : undefined), list: () => [] }, [path]);
  assert.deepEqual(plan.plain, [], 'a script is never linted as YAML');
  const linter = new Linter(() => defaultConfig());
  plan.renders.forEach((doc, i) => linter.update(`render-${i}`, doc.text));
  return plan.renders.flatMap((doc, i) => placeRenderedFindings(doc, linter.lintFile(`render-${i}`)));
}

const CREATE = `#!/bin/bash
aws autoscaling create-auto-scaling-group \\
  --auto-scaling-group-name web-asg \\
  --launch-template LaunchTemplateName=web \\
  --min-size "1" --max-size 4 \\
  --vpc-zone-identifier "subnet-a,subnet-b" \\
  --target-group-arns arn:aws:elasticloadbalancing:eu-west-1:1:targetgroup/web/1 \\
  --health-check-type ELB --health-check-grace-period=120
`;

test('aws create-auto-scaling-group: the flags are the group, findings on the flag value, named by the flag', () => {
  const findings = lint('deploy.sh', CREATE);
  assert.deepEqual(findings.map((f) => f.ruleId), ['min-replicas'], JSON.stringify(findings));
  const [min] = findings;
  assert.equal(min!.message, '--min-size is 1; the HA floor is 2.');
  assert.equal(CREATE.slice(min!.start, min!.end), '"1"');
  // The fix writes inside the quotes; the script stays a script.
  const fixed = applyEdits(CREATE, min!.fixes![0]!.edits);
  assert.match(fixed, /--min-size "2" --max-size 4/);
  assert.deepEqual(lint('deploy.sh', fixed), []);
});

test('a group in a target group without --health-check-type, in one subnet: the rules of the Auto Scaling group', () => {
  const text = 'aws autoscaling create-auto-scaling-group --auto-scaling-group-name w --min-size 2 --max-size 4 --vpc-zone-identifier subnet-a --target-group-arns arn:x\n';
  const ids = lint('a.sh', text).map((f) => `${f.ruleId}: ${f.message.slice(0, 40)}`);
  assert.equal(ids.length, 2, ids.join('\n'));
  assert.ok(ids.some((i) => i.startsWith('multi-az: --vpc-zone-identifier lists 1 subnet')), ids.join('\n'));
  assert.ok(ids.some((i) => i.startsWith('asg-health-check')), ids.join('\n'));
});

test('$VAR values and what an update leaves out are unknown: nothing is reported about them', () => {
  const text = 'aws autoscaling update-auto-scaling-group --auto-scaling-group-name "$ASG" --min-size $MIN --max-size 6\n';
  assert.deepEqual(lint('u.sh', text), []);
  const low = 'aws autoscaling update-auto-scaling-group --auto-scaling-group-name web --min-size=1\n';
  const findings = lint('u.sh', low);
  assert.deepEqual(findings.map((f) => f.ruleId), ['min-replicas']);
  assert.equal(low.slice(findings[0]!.start, findings[0]!.end), '1');
});

test('a script with no scaling command is taken and says nothing', () => {
  assert.deepEqual(lint('build.sh', 'npm ci\nnpm test\n'), []);
});

test('a command run from an array (real2: iree update_autoscaling.sh): the finding and its fix on the value in the array', () => {
  const script = `local -a args=(
  web --region=us-central1
  --min-num-replicas=2 --max-num-replicas=8
  --target-cpu-utilization=0.2
)
gcloud beta compute instance-groups managed set-autoscaling "\${args[@]}"
`;
  const findings = lint('update.sh', script);
  assert.deepEqual(findings.map((f) => f.ruleId), ['utilization-target'], JSON.stringify(findings));
  assert.equal(script.slice(findings[0]!.start, findings[0]!.end), '0.2');
  assert.match(findings[0]!.message, /^--target-cpu-utilization is 0\.2 \(20 %\)/);
});

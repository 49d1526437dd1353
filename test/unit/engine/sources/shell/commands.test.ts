import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { AWS_FLAGS, GCLOUD_FLAGS, flagList, flagNumber, flagOf, flagValue, lexShell, parseGcloudDuration, parseShellCommands, type ShellCommand } from '../../../../../server/src/engine/sources/shell/index';
import { factsOf } from '../../../../../server/src/engine/sources/terraform/index';

/** The workflow's own GCP example (shared/workflow/scale-infrastructure.md, "Create autoscaler"). */
const WORKFLOW_GCLOUD = `# Create autoscaler
gcloud compute instance-groups managed set-autoscaling my-instance-group \\
  --max-num-replicas 20 \\
  --min-num-replicas 2 \\
  --target-cpu-utilization 0.7 \\
  --cool-down-period 60
`;

function flags(command: ShellCommand, text: string): [string, string | undefined, string][] {
  return command.flags.map((f) => [f.name, f.values.map((v) => v.value ?? '?').join(' ') || undefined, f.values.map((v) => text.slice(v.start, v.end)).join(' ')]);
}

test("the workflow's gcloud command parses, each value with its exact range across continuation lines", () => {
  const workflow = join(__dirname, '..', '..', '..', '..', '..', '..', 'shared', 'workflow', 'scale-infrastructure.md');
  for (const candidate of [workflow, '/work/shared/workflow/scale-infrastructure.md']) {
    if (existsSync(candidate)) assert.ok(readFileSync(candidate, 'utf8').includes(WORKFLOW_GCLOUD.slice(WORKFLOW_GCLOUD.indexOf('gcloud'))), 'the example is the workflow text');
  }
  const [command, ...rest] = parseShellCommands('scale.sh', WORKFLOW_GCLOUD);
  assert.equal(rest.length, 0);
  assert.equal(command!.kind, 'gcloud-set-autoscaling');
  assert.equal(command!.path, 'scale.sh');
  assert.equal(WORKFLOW_GCLOUD.slice(command!.start, command!.end), WORKFLOW_GCLOUD.trim().slice(WORKFLOW_GCLOUD.indexOf('gcloud')));
  assert.deepEqual(command!.positionals.map((p) => p.value), ['my-instance-group']);
  assert.deepEqual(flags(command!, WORKFLOW_GCLOUD), [
    ['--max-num-replicas', '20', '20'],
    ['--min-num-replicas', '2', '2'],
    ['--target-cpu-utilization', '0.7', '0.7'],
    ['--cool-down-period', '60', '60'],
  ]);
  const min = flagValue(command!, '--min-num-replicas')!;
  assert.equal(min.start, WORKFLOW_GCLOUD.indexOf('--min-num-replicas 2') + '--min-num-replicas '.length);
  assert.equal(flagNumber(command!, '--target-cpu-utilization'), 0.7);
  const name = flagOf(command!, '--cool-down-period')!;
  assert.equal(WORKFLOW_GCLOUD.slice(name.nameStart, name.nameEnd), '--cool-down-period');
});

test('aws create/update-auto-scaling-group: --flag value and --flag=value, quotes, space-separated lists', () => {
  const text = `#!/usr/bin/env bash
set -euo pipefail
aws autoscaling create-auto-scaling-group \\
    --auto-scaling-group-name "web-asg" \\
    --min-size=1 --max-size '10' \\
    --desired-capacity=\\
2 \\
    --health-check-type="ELB" --health-check-grace-period 300 \\
    --target-group-arns arn:aws:elasticloadbalancing:eu-west-1:1:targetgroup/a/1 "arn:aws:elasticloadbalancing:eu-west-1:1:targetgroup/b/2" \\
    --vpc-zone-identifier "subnet-1,subnet-2" --capacity-rebalance \\
    --tags Key=team,Value=web   # trailing comment --min-size 5

aws --region eu-west-1 autoscaling update-auto-scaling-group --auto-scaling-group-name web-asg --min-size 2
`;
  const [create, update, ...rest] = parseShellCommands('asg.sh', text);
  assert.equal(rest.length, 0);
  assert.equal(create!.kind, 'aws-create-auto-scaling-group');
  assert.deepEqual(flags(create!, text), [
    ['--auto-scaling-group-name', 'web-asg', '"web-asg"'],
    ['--min-size', '1', '1'],
    ['--max-size', '10', "'10'"],
    ['--desired-capacity', '2', '\\\n2'],
    ['--health-check-type', 'ELB', '"ELB"'],
    ['--health-check-grace-period', '300', '300'],
    ['--target-group-arns', 'arn:aws:elasticloadbalancing:eu-west-1:1:targetgroup/a/1 arn:aws:elasticloadbalancing:eu-west-1:1:targetgroup/b/2', 'arn:aws:elasticloadbalancing:eu-west-1:1:targetgroup/a/1 "arn:aws:elasticloadbalancing:eu-west-1:1:targetgroup/b/2"'],
    ['--vpc-zone-identifier', 'subnet-1,subnet-2', '"subnet-1,subnet-2"'],
    ['--capacity-rebalance', undefined, ''],
    ['--tags', 'Key=team,Value=web', 'Key=team,Value=web'],
  ]);
  assert.equal(flagOf(create!, '--min-size')!.form, 'equals');
  assert.equal(flagOf(create!, '--max-size')!.form, 'separate');
  assert.deepEqual(flagList(create!, '--vpc-zone-identifier'), ['subnet-1', 'subnet-2']);
  assert.equal(flagList(create!, '--target-group-arns')!.length, 2);
  assert.equal(flagNumber(create!, '--desired-capacity'), 2);
  assert.equal(update!.kind, 'aws-update-auto-scaling-group');
  assert.equal(flagNumber(update!, '--min-size'), 2);
  assert.equal(flagOf(update!, '--region'), undefined, 'global options before the subcommand are not its flags');
});

test('$VAR, ${VAR}, $(…) and backquotes are unknown, with their ranges', () => {
  const text = 'MIN=2\naws autoscaling update-auto-scaling-group --auto-scaling-group-name "$ASG" --min-size $MIN --max-size=${MAX:-10} --desired-capacity "$(jq .n cfg.json)" --health-check-type `cat t` --default-instance-warmup "1$X" --health-check-grace-period \'$NOT\'\n';
  const [command] = parseShellCommands('a.sh', text);
  assert.deepEqual(flags(command!, text), [
    ['--auto-scaling-group-name', '?', '"$ASG"'],
    ['--min-size', '?', '$MIN'],
    ['--max-size', '?', '${MAX:-10}'],
    ['--desired-capacity', '?', '"$(jq .n cfg.json)"'],
    ['--health-check-type', '?', '`cat t`'],
    ['--default-instance-warmup', '?', '"1$X"'],
    ['--health-check-grace-period', '$NOT', "'$NOT'"],
  ]);
  assert.equal(flagNumber(command!, '--min-size'), undefined);
  assert.equal(flagList(command!, '--auto-scaling-group-name'), undefined);
});

test('gcloud release tracks, global flags, --flag=value, zone/region and where the NAME stands', () => {
  const text = 'gcloud --project my-proj beta compute instance-groups managed set-autoscaling --zone=us-central1-a web-mig --max-num-replicas=5 --min-num-replicas "1" --region europe-west1 --mode on --quiet\n';
  const [command] = parseShellCommands('a.sh', text);
  assert.equal(command!.kind, 'gcloud-set-autoscaling');
  assert.deepEqual(command!.positionals.map((p) => p.value), ['web-mig']);
  assert.deepEqual(flags(command!, text), [
    ['--zone', 'us-central1-a', 'us-central1-a'],
    ['--max-num-replicas', '5', '5'],
    ['--min-num-replicas', '1', '"1"'],
    ['--region', 'europe-west1', 'europe-west1'],
    ['--mode', 'on', 'on'],
    ['--quiet', undefined, ''],
  ]);
  const eq = flagOf(command!, '--zone')!;
  assert.equal(text.slice(eq.nameStart, eq.nameEnd), '--zone');
});

test('only the scaling commands count: comments, other subcommands, heredocs, strings and prefixes', () => {
  const text = `# gcloud compute instance-groups managed set-autoscaling x --min-num-replicas 1
echo "aws autoscaling create-auto-scaling-group --min-size 1"
aws autoscaling describe-auto-scaling-groups --max-items 5
gcloud compute instance-groups managed create web --size 2
cat > setup.sh <<'EOF'
aws autoscaling create-auto-scaling-group --min-size 9
EOF
cat <<-EOT
	gcloud compute instance-groups managed set-autoscaling y --min-num-replicas 9
	EOT
if sudo -E gcloud compute instance-groups managed set-autoscaling a --min-num-replicas 3; then echo ok; fi
AWS_PAGER= aws autoscaling update-auto-scaling-group --auto-scaling-group-name b --max-size 4 && echo done
/usr/bin/aws autoscaling update-auto-scaling-group --auto-scaling-group-name c --max-size 5 2>&1 | tee log.txt
(aws autoscaling update-auto-scaling-group --auto-scaling-group-name d --max-size 6 > out.json)
`;
  const commands = parseShellCommands('a.sh', text);
  assert.deepEqual(
    commands.map((c) => [c.kind, c.positionals[0]?.value ?? flagValue(c, '--auto-scaling-group-name')?.value, flagValue(c, '--min-num-replicas')?.value ?? flagValue(c, '--max-size')?.value]),
    [
      ['gcloud-set-autoscaling', 'a', '3'],
      ['aws-update-auto-scaling-group', 'b', '4'],
      ['aws-update-auto-scaling-group', 'c', '5'],
      ['aws-update-auto-scaling-group', 'd', '6'],
    ],
  );
  assert.deepEqual(flags(commands[2]!, text).map((f) => f[0]), ['--auto-scaling-group-name', '--max-size'], 'redirections are no arguments');
});

test('CRLF line endings and continuation lines keep exact ranges', () => {
  const text = 'aws autoscaling update-auto-scaling-group \\\r\n  --auto-scaling-group-name web \\\r\n  --min-size 3\r\n';
  const [command] = parseShellCommands('a.sh', text);
  assert.equal(flagNumber(command!, '--min-size'), 3);
  const v = flagValue(command!, '--min-size')!;
  assert.equal(text.slice(v.start, v.end), '3');
});

test('hostile text stays bounded and never throws', () => {
  const inputs = [
    '"'.repeat(10000),
    "'".repeat(10001),
    '$('.repeat(5000),
    '${'.repeat(5000),
    '\\'.repeat(9999),
    `aws autoscaling update-auto-scaling-group --min-size ${'x'.repeat(1_000_000)}`,
    'aws autoscaling update-auto-scaling-group --min-size "unclosed\n--max-size 2',
    'gcloud compute instance-groups managed set-autoscaling <<EOF',
    '\u0000\ud800<>|&;()',
    'aws autoscaling update-auto-scaling-group --min-size=',
  ];
  for (const text of inputs) {
    const started = Date.now();
    assert.doesNotThrow(() => parseShellCommands('x.sh', text));
    assert.ok(Date.now() - started < 2000, text.slice(0, 20));
  }
  const [empty] = parseShellCommands('x.sh', 'aws autoscaling update-auto-scaling-group --min-size=');
  assert.deepEqual(flagValue(empty!, '--min-size'), { value: '', written: '', start: 53, end: 53 });
  assert.equal(lexShell('a b\nc').length, 2);
});

test('gcloud update-autoscaling, the preview track and switches that take no value', () => {
  const text = 'gcloud preview compute instance-groups managed update-autoscaling web --scale-based-on-cpu web2 --min-num-replicas 3 --cool-down-period 2m\n';
  const [command] = parseShellCommands('a.sh', text);
  assert.equal(command!.kind, 'gcloud-update-autoscaling');
  assert.deepEqual(command!.positionals.map((p) => p.value), ['web', 'web2']);
  assert.deepEqual(flags(command!, text), [
    ['--scale-based-on-cpu', undefined, ''],
    ['--min-num-replicas', '3', '3'],
    ['--cool-down-period', '2m', '2m'],
  ]);
  assert.equal(parseGcloudDuration(flagValue(command!, '--cool-down-period')!.value!), 120);
});

test('gcloud durations', () => {
  const cases: [string, number | undefined][] = [['60', 60], ['90s', 90], ['2m', 120], ['1h30m', 5400], ['1d', 86400], ['0.5m', 30], ['PT2M', 120], ['P1D', 86400], ['2 m', undefined], ['m', undefined], ['', undefined], ['$X', undefined]];
  for (const [text, seconds] of cases) assert.equal(parseGcloudDuration(text), seconds, text);
});

test('a backslash at the very end of a quoted word is kept as written', () => {
  const text = 'aws autoscaling update-auto-scaling-group --min-size "\\';
  const [command] = parseShellCommands('a.sh', text);
  const v = flagValue(command!, '--min-size')!;
  assert.equal(v.value, '\\');
  assert.equal(v.written, '"\\');
});

test('the flag table names the flags of SPEC §9 and the matching Terraform attributes', () => {
  for (const flag of ['--min-num-replicas', '--max-num-replicas', '--target-cpu-utilization', '--cool-down-period', '--zone', '--region']) assert.ok(GCLOUD_FLAGS[flag], flag);
  for (const flag of ['--min-size', '--max-size', '--desired-capacity', '--health-check-type', '--health-check-grace-period', '--target-group-arns', '--vpc-zone-identifier', '--auto-scaling-group-name']) assert.ok(AWS_FLAGS[flag], flag);
  assert.equal(GCLOUD_FLAGS['--target-cpu-utilization']!.kind, 'fraction');
  const gcp = factsOf('google_compute_autoscaler')!.attributes.map((a) => a.path);
  const asg = factsOf('aws_autoscaling_group')!.attributes.map((a) => a.path);
  for (const fact of Object.values(GCLOUD_FLAGS)) if (!['zone', 'region'].includes(fact.terraform)) assert.ok(gcp.includes(fact.terraform), fact.terraform);
  for (const fact of Object.values(AWS_FLAGS)) if (fact.terraform !== 'name') assert.ok(asg.includes(fact.terraform), fact.terraform);
});

// real2: iree's runner scripts build the command line in an array and run "${args[@]}".
const ARRAYS = `function update_autoscaling() {
  local mig_name="$1"
  local -a autoscaling_args=(
    "\${mig_name}"
    --region="\${2}"   # the group's region
    --min-num-replicas=2
    --target-cpu-utilization=0.2
  )
  (set -x; gcloud beta compute instance-groups managed set-autoscaling "\${autoscaling_args[@]}")
  local -a dry=(gcloud compute instance-groups managed set-autoscaling web --min-num-replicas 1)
  if (( DRY_RUN==1 )); then
    dry=(":" "\${dry[@]}")
  fi
  "\${dry[@]}"
  declare -a more=(--max-num-replicas 9)
  more+=(--min-num-replicas 1)
  gcloud compute instance-groups managed set-autoscaling other "\${more[@]}"
}
`;

test('an array assigned once is expanded where "${name[@]}" runs it, its words with their ranges in the array; an array assigned again is unknown', () => {
  const commands = parseShellCommands('run.sh', ARRAYS);
  assert.equal(commands.length, 2, JSON.stringify(commands.map((c) => ARRAYS.slice(c.start, c.end))));
  const [first, other] = commands;
  assert.equal(ARRAYS.slice(first!.start, first!.end), 'gcloud beta compute instance-groups managed set-autoscaling "${autoscaling_args[@]}"');
  assert.deepEqual(first!.positionals.map((p) => p.value), [undefined]);
  assert.deepEqual(flags(first!, ARRAYS), [
    ['--region', '?', '"${2}"'],
    ['--min-num-replicas', '2', '2'],
    ['--target-cpu-utilization', '0.2', '0.2'],
  ]);
  assert.equal(flagValue(first!, '--target-cpu-utilization')!.start, ARRAYS.indexOf('0.2'));
  // `more` is assigned and then added to: which words a run sees is not read; the command's own words still count.
  assert.deepEqual(other!.positionals.map((p) => p.value), ['other', undefined]);
  assert.deepEqual(flags(other!, ARRAYS), []);
  // Near miss: the assignment is a command of its own (`local`, `-a`, `name=`), never a scaling command.
  assert.ok(lexShell('x=(gcloud compute instance-groups managed set-autoscaling a --min-num-replicas 1)\n').every((c) => c.words[0]!.text === 'x='));
});

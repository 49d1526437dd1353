import { defineRule } from './rule';
import { autoscalerOf } from '../sources/objects';

export default defineRule({
  id: 'instance-warmup',
  defaultSeverity: 'info',
  fixable: false,
  docs: {
    appliesTo: 'AWS::AutoScaling::AutoScalingGroup with scaling policies in the same template',
    summary: 'A group that scales on metrics has no DefaultInstanceWarmup.',
    rationale:
      'The workflow scales out when "CPU utilization > 70 % for 5 minutes" and expects each new instance to take its share of the load. A new instance is counted in the group’s aggregated metrics from the moment it launches, though it is still booting and serves nothing: its near-zero CPU drags the average down, so target tracking and step scaling believe the group has capacity to spare, stop scaling out too early, and may even scale in during a spike. `DefaultInstanceWarmup` tells Amazon EC2 Auto Scaling how long to keep a new instance out of the metrics (and how long instance refresh waits); without it, target tracking and step policies fall back to their own `EstimatedInstanceWarmup` or to the group’s cooldown, and simple scaling to cooldowns alone. AWS recommends setting it for every group that uses scaling policies, and enabling it on all groups ("Set the default instance warmup for an Auto Scaling group", Amazon EC2 Auto Scaling User Guide).',
    remediation:
      'Set `DefaultInstanceWarmup` on the group to the time an instance needs to boot and pass its health check (measure it; 300 s is a common start), and drop the per-policy `EstimatedInstanceWarmup` values that merely repeat it.',
    bad: 'WebGroup:\n  Type: AWS::AutoScaling::AutoScalingGroup\n  Properties: {MinSize: 2, MaxSize: 20}\nScaleOut:\n  Type: AWS::AutoScaling::ScalingPolicy\n  Properties: {AutoScalingGroupName: !Ref WebGroup, PolicyType: TargetTrackingScaling}',
    good: 'WebGroup:\n  Type: AWS::AutoScaling::AutoScalingGroup\n  Properties: {MinSize: 2, MaxSize: 20, DefaultInstanceWarmup: 300}',
  },
  checkDocument(ctx) {
    for (const r of ctx.resources) {
      const a = autoscalerOf(r);
      if (!a?.group || a.group.defaultInstanceWarmup) continue;
      const policies = a.policies ?? [];
      if (!policies.length) continue;
      const kinds = [...new Set(policies.map((p) => p.policyType?.value ?? 'SimpleScaling'))].join(', ');
      ctx.report({
        resource: r,
        at: a.home,
        message: `${r.name} has ${policies.length} scaling polic${policies.length === 1 ? 'y' : 'ies'} (${kinds}) but no DefaultInstanceWarmup: instances still booting count in the group's metrics, so scale-out stops early, and the policies fall back to cooldowns. Set DefaultInstanceWarmup to the instances' boot time.`,
      });
    }
  },
});

import { defineRule } from './rule';
import { autoscalerOf } from '../sources/objects';
import minReplicas from './min-replicas';
import { said } from './helpers/cfn-values';
import { setValue } from './helpers/set-value';

export default defineRule({
  id: 'update-policy',
  defaultSeverity: 'error',
  fixable: true,
  settings: { minReplicasFloor: minReplicas.settings!.minReplicasFloor },
  docs: {
    appliesTo: 'AWS::AutoScaling::AutoScalingGroup `UpdatePolicy.AutoScalingRollingUpdate`',
    summary: 'A rolling update that can never replace an instance, or that runs the group below the HA floor while it replaces them.',
    rationale:
      'The workflow keeps at least two instances for high availability and wants "no service disruption during scaling"; a CloudFormation rolling update (a new launch template version, a new AMI) is when that is tested. `AutoScalingRollingUpdate.MinInstancesInService` is how many instances must stay in service while old ones are replaced. AWS requires it to be below the group’s `MaxSize` (AWS CloudFormation User Guide, UpdatePolicy attribute): at or above it, the update cannot take a single instance out of service, fails, and rolls the stack back — every deploy of the group breaks. Below the HA floor (default 0 when the key is left out) while `MinSize` is at least the floor, the update may take the group down to that many instances, one or none, during every deploy, though the group itself never runs so few: the HA guarantee holds every hour except the risky one.',
    remediation:
      'Keep `MinInstancesInService` below `MaxSize` (raise `MaxSize`, or lower `MinInstancesInService`) and at or above the HA floor (`minReplicasFloor`, default 2) when `MinSize` is; `MaxBatchSize` controls how many are replaced at a time. The quick fix sets a written `MinInstancesInService` to the floor when that is below `MaxSize`.',
    bad: 'UpdatePolicy:\n  AutoScalingRollingUpdate:\n    MinInstancesInService: 4\n    MaxBatchSize: 1\nProperties:\n  MinSize: 2\n  MaxSize: 4',
    good: 'UpdatePolicy:\n  AutoScalingRollingUpdate:\n    MinInstancesInService: 2\n    MaxBatchSize: 1\nProperties:\n  MinSize: 2\n  MaxSize: 4',
  },
  checkDocument(ctx) {
    const floor = ctx.settings.minReplicasFloor;
    for (const r of ctx.resources) {
      const a = autoscalerOf(r);
      const rolling = a?.group?.rollingUpdate;
      if (!a || !rolling) continue;
      const written = rolling.minInstancesInService;
      if (written && written.value === undefined) continue; // an intrinsic we cannot see through
      const minInService = written?.value ?? 0;
      const writtenText = written ? said(written) : 'MinInstancesInService is not set, so 0';
      const { min, max } = a.bounds;
      if (written && max && minInService >= max.value) {
        ctx.report({
          resource: r,
          at: written.range,
          message: `${writtenText} is not below ${said(max)}: the rolling update cannot take one instance out of service, so it fails and the stack rolls back. Keep MinInstancesInService below ${max.name}.`,
        });
        continue;
      }
      if (!min || min.value < floor || minInService >= floor) continue;
      const edits = written && (!max || floor < max.value) ? setValue(ctx.text, written.fix, floor) : [];
      ctx.report({
        resource: r,
        at: written?.range ?? rolling.key,
        severity: 'warning',
        message: `${writtenText}, below the HA floor ${floor}, while ${said(min)} keeps the group at ${min.value} or more: every rolling update may leave ${minInService === 0 ? 'no instance' : minInService === 1 ? 'a single instance' : `${minInService} instances`} in service. Set MinInstancesInService to ${floor}.`,
        fixes: edits.length ? [{ title: `Set MinInstancesInService to ${floor}`, edits, safe: true, preferred: true }] : undefined,
      });
    }
  },
});

/**
 * Auto Scaling groups whose small numbers are the design, not a mistake (SPEC §10): a self-healing singleton
 * (a bastion, a CI controller: `MaxSize` 1 and no scaling policy, so the group's one job is to replace a
 * failed instance) and a group that scales to zero while it serves no load balancer (workers, CI agents).
 */
import { isSeq, type Node } from 'yaml';
import type { Resource } from '../../parse/document';
import type { Autoscaler } from '../../model/scaling';
import { isNoValue, policiesOf, prop } from '../../model/cloudformation';

/** `MaxSize` 1 and no scaling policy of the template acts on the group. */
export function isSelfHealingSingleton(a: Autoscaler, resources: readonly Resource[]): boolean {
  return a.source === 'cloudformation' && a.bounds.max?.value === 1 && policiesOf(a.resource, resources).length === 0;
}

/** Whether the group is in a load balancer: `TargetGroupARNs` or `LoadBalancerNames` written (an intrinsic counts). */
export function servesLoadBalancer(r: Resource): boolean {
  for (const key of ['TargetGroupARNs', 'LoadBalancerNames']) {
    const value: Node | null | undefined = prop(r, key)?.value;
    if (!value || isNoValue(value)) continue;
    if (isSeq(value) && value.items.length === 0) continue;
    return true;
  }
  return false;
}

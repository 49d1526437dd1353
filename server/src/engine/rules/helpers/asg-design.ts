/**
 * Auto Scaling groups whose small numbers are the design, not a mistake (SPEC §10): a self-healing singleton
 * (a bastion, a CI controller: `MaxSize` 1 and no scaling policy, so the group's one job is to replace a
 * failed instance) and a group that scales to zero while it serves no load balancer (workers, CI agents).
 * Both read the model: `group` is set for Auto Scaling groups whatever format wrote them.
 */
import type { Autoscaler } from '../../model/scaling';

/** `MaxSize` 1 and no scaling policy acts on the group. */
export function isSelfHealingSingleton(a: Autoscaler): boolean {
  return !!a.group && a.bounds.max?.value === 1 && (a.policies?.length ?? 0) === 0;
}

/** A group of workers: minimum 0, in no load balancer (`TargetGroupARNs`/`LoadBalancerNames`; an intrinsic counts). */
export function scalesToZeroByDesign(a: Autoscaler): boolean {
  return !!a.group && a.bounds.min?.value === 0 && !a.group.inLoadBalancer;
}

/**
 * A parked group: `MaxSize` 0, so it holds no instance (created empty, or stopped, and sized later by hand or by
 * a script). Nothing runs in it to scale.
 */
export function isParked(a: Autoscaler): boolean {
  return !!a.group && a.bounds.max?.value === 0;
}

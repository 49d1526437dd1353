/**
 * Questions rules ask about links between resources, answered from TerraformModule.links: which target
 * groups and load balancers a group is in (its own attributes and the attachment resources), which
 * policies an alarm triggers, which group a policy or schedule scales.
 */
import type { TerraformModule, TfLink, TfResource } from './model';

export function linksFrom(module: TerraformModule, address: string): TfLink[] {
  return module.links.filter((l) => l.from === address);
}

export function linksTo(module: TerraformModule, address: string): TfLink[] {
  return module.links.filter((l) => l.to === address);
}

/** A target group or classic load balancer a group is in, and the link that says so. */
export interface GroupLoadBalancer {
  loadBalancer: TfResource;
  link: TfLink;
}

const GROUP_ATTRIBUTES = new Set(['target_group_arns', 'load_balancers', 'traffic_source.identifier']);
const ATTACHMENT_ATTRIBUTES = new Set(['lb_target_group_arn', 'alb_target_group_arn', 'elb', 'traffic_source.identifier']);
const ATTACHMENTS = new Set(['aws_autoscaling_attachment', 'aws_autoscaling_traffic_source_attachment']);

/**
 * Target groups (`aws_lb_target_group`, …) and classic ELBs that a group is in: through its own
 * `target_group_arns` / `load_balancers` / `traffic_source`, or an attachment resource naming it.
 */
export function loadBalancersOfGroup(module: TerraformModule, groupAddress: string): GroupLoadBalancer[] {
  const out: GroupLoadBalancer[] = [];
  const add = (link: TfLink): void => {
    const loadBalancer = module.resources.get(link.to);
    if (loadBalancer && !out.some((o) => o.loadBalancer === loadBalancer)) out.push({ loadBalancer, link });
  };
  for (const link of linksFrom(module, groupAddress)) if (GROUP_ATTRIBUTES.has(link.path)) add(link);
  for (const toGroup of linksTo(module, groupAddress)) {
    const attachment = module.resources.get(toGroup.from);
    if (!attachment || !ATTACHMENTS.has(attachment.type) || toGroup.path !== 'autoscaling_group_name') continue;
    for (const link of linksFrom(module, attachment.address)) if (ATTACHMENT_ATTRIBUTES.has(link.path)) add(link);
  }
  return out;
}

/** The scaling policies an alarm triggers (`alarm_actions` → `aws_autoscaling_policy` / `aws_appautoscaling_policy`). */
export function policiesOfAlarm(module: TerraformModule, alarmAddress: string): TfResource[] {
  return linksFrom(module, alarmAddress)
    .filter((l) => l.path === 'alarm_actions')
    .map((l) => module.resources.get(l.to))
    .filter((r): r is TfResource => r !== undefined && (r.type === 'aws_autoscaling_policy' || r.type === 'aws_appautoscaling_policy'));
}

/** The alarms whose `alarm_actions` trigger a policy. */
export function alarmsOfPolicy(module: TerraformModule, policyAddress: string): TfResource[] {
  return linksTo(module, policyAddress)
    .filter((l) => l.path === 'alarm_actions')
    .map((l) => module.resources.get(l.from))
    .filter((r): r is TfResource => r?.type === 'aws_cloudwatch_metric_alarm');
}

/** The group a policy, schedule or attachment names in `autoscaling_group_name`, when it is in the module. */
export function groupOf(module: TerraformModule, address: string): TfResource | undefined {
  const link = linksFrom(module, address).find((l) => l.path === 'autoscaling_group_name');
  const group = link ? module.resources.get(link.to) : undefined;
  return group?.type === 'aws_autoscaling_group' ? group : undefined;
}

/** Policies, schedules and alarms (through their dimensions) that name a group. */
export function resourcesNamingGroup(module: TerraformModule, groupAddress: string): TfResource[] {
  const out = new Set<TfResource>();
  for (const link of linksTo(module, groupAddress)) {
    const from = module.resources.get(link.from);
    if (from && (link.path === 'autoscaling_group_name' || link.path === 'dimensions.AutoScalingGroupName')) out.add(from);
  }
  return [...out];
}

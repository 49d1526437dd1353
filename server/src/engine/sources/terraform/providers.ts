/**
 * What the rules of SPEC §9/§10 read from each Terraform resource type: attribute paths (block types joined
 * by `.`) and what their values mean. Checked against the providers' documentation (hashicorp/terraform-
 * provider-aws, -google, -azurerm, -kubernetes, website/docs/r/*). Not a schema: unknown attributes are fine.
 */

export type FactKind =
  /** A number of instances / replicas / pods. */
  | 'count'
  /** Seconds, as a number. */
  | 'seconds'
  /** A fraction in (0, 1]: GCP `cpu_utilization.target` 0.7 means 70 %. */
  | 'fraction'
  /** A percentage 0–100. */
  | 'percent'
  /** An ISO 8601 duration string (`PT5M`): read with parseIsoDuration. */
  | 'iso-duration'
  /** A metric threshold or target value in the metric's unit. */
  | 'number'
  | 'string'
  | 'bool'
  /** A list of strings, usually references (`[aws_lb_target_group.x.arn]`). */
  | 'list'
  /** A reference (or name/ARN/id string) to another resource. */
  | 'reference'
  /** A cron expression (five fields) or Azure recurrence. */
  | 'schedule';

export interface AttributeFact {
  /** Dotted path: block types, then the attribute (`mixed_instances_policy.instances_distribution.on_demand_base_capacity`). */
  path: string;
  kind: FactKind;
  note?: string;
}

export interface ResourceFacts {
  cloud: 'aws' | 'gcp' | 'azure' | 'kubernetes';
  /** Rule ids of SPEC §9/§10 that read this type. */
  rules: readonly string[];
  attributes: readonly AttributeFact[];
  /** Nested block types (dotted paths), so `.tf.json` objects can be told from object-valued attributes. */
  blocks: readonly string[];
}

const a = (path: string, kind: FactKind, note?: string): AttributeFact => (note ? { path, kind, note } : { path, kind });

const ASG: ResourceFacts = {
  cloud: 'aws',
  rules: ['min-replicas', 'replica-bounds', 'max-replicas-ceiling', 'asg-health-check', 'multi-az', 'instance-warmup', 'spot-ha'],
  attributes: [
    a('min_size', 'count'),
    a('max_size', 'count'),
    a('desired_capacity', 'count'),
    a('health_check_type', 'string', '"EC2" (default) or "ELB"'),
    a('health_check_grace_period', 'seconds', 'default 300'),
    a('target_group_arns', 'list'),
    a('load_balancers', 'list', 'Classic Load Balancer names'),
    a('traffic_source.identifier', 'reference'),
    a('vpc_zone_identifier', 'list', 'subnet ids'),
    a('availability_zones', 'list'),
    a('default_instance_warmup', 'seconds'),
    a('default_cooldown', 'seconds', 'default 300'),
    a('capacity_rebalance', 'bool'),
    a('mixed_instances_policy.instances_distribution.on_demand_base_capacity', 'count', 'default 0'),
    a('mixed_instances_policy.instances_distribution.on_demand_percentage_above_base_capacity', 'percent', 'default 100'),
    a('mixed_instances_policy.instances_distribution.spot_allocation_strategy', 'string'),
    a('mixed_instances_policy.launch_template.override.instance_type', 'string', 'one override block per instance type'),
  ],
  blocks: ['tag', 'traffic_source', 'mixed_instances_policy', 'mixed_instances_policy.instances_distribution', 'mixed_instances_policy.launch_template', 'mixed_instances_policy.launch_template.launch_template_specification', 'mixed_instances_policy.launch_template.override', 'launch_template', 'instance_refresh', 'warm_pool', 'initial_lifecycle_hook', 'timeouts'],
};

const ASG_POLICY: ResourceFacts = {
  cloud: 'aws',
  rules: ['cooldown-order', 'utilization-target', 'scale-up-speed', 'instance-warmup'],
  attributes: [
    a('autoscaling_group_name', 'reference'),
    a('policy_type', 'string', 'SimpleScaling (default), StepScaling, TargetTrackingScaling, PredictiveScaling'),
    a('adjustment_type', 'string'),
    a('scaling_adjustment', 'number', 'positive: scale out'),
    a('cooldown', 'seconds'),
    a('estimated_instance_warmup', 'seconds'),
    a('step_adjustment.scaling_adjustment', 'number'),
    a('target_tracking_configuration.target_value', 'number', 'percent for the CPU predefined metric'),
    a('target_tracking_configuration.predefined_metric_specification.predefined_metric_type', 'string', 'ASGAverageCPUUtilization, …'),
    a('target_tracking_configuration.disable_scale_in', 'bool'),
  ],
  blocks: ['step_adjustment', 'target_tracking_configuration', 'target_tracking_configuration.predefined_metric_specification', 'target_tracking_configuration.customized_metric_specification', 'predictive_scaling_configuration'],
};

const ALARM: ResourceFacts = {
  cloud: 'aws',
  rules: ['alarm-hysteresis', 'scale-up-speed', 'cooldown-order'],
  attributes: [
    a('alarm_actions', 'list', 'links to aws_autoscaling_policy / aws_appautoscaling_policy .arn'),
    a('ok_actions', 'list'),
    a('metric_name', 'string'),
    a('namespace', 'string'),
    a('statistic', 'string'),
    a('comparison_operator', 'string', 'GreaterThanThreshold, LessThanThreshold, …'),
    a('threshold', 'number'),
    a('period', 'seconds'),
    a('evaluation_periods', 'count'),
    a('datapoints_to_alarm', 'count'),
    a('dimensions', 'string', 'a map; AutoScalingGroupName links to a group'),
  ],
  blocks: ['metric_query', 'metric_query.metric'],
};

const TARGET_GROUP: ResourceFacts = {
  cloud: 'aws',
  rules: ['target-group-health-check'],
  attributes: [
    a('health_check.enabled', 'bool'),
    a('health_check.path', 'string'),
    a('health_check.port', 'string'),
    a('health_check.protocol', 'string'),
    a('health_check.healthy_threshold', 'count'),
    a('health_check.unhealthy_threshold', 'count'),
    a('health_check.interval', 'seconds'),
    a('health_check.timeout', 'seconds'),
    a('health_check.matcher', 'string'),
  ],
  blocks: ['health_check', 'stickiness'],
};

const SCHEDULE: ResourceFacts = {
  cloud: 'aws',
  rules: ['scheduled-scaling'],
  attributes: [
    a('autoscaling_group_name', 'reference'),
    a('min_size', 'count', '-1 leaves it unchanged'),
    a('max_size', 'count', '-1 leaves it unchanged'),
    a('desired_capacity', 'count', '-1 leaves it unchanged'),
    a('recurrence', 'schedule', 'five-field cron'),
    a('time_zone', 'string'),
  ],
  blocks: [],
};

const APP_TARGET: ResourceFacts = {
  cloud: 'aws',
  rules: ['min-replicas', 'replica-bounds', 'max-replicas-ceiling'],
  attributes: [
    a('min_capacity', 'count'),
    a('max_capacity', 'count'),
    a('resource_id', 'string'),
    a('scalable_dimension', 'string', 'ecs:service:DesiredCount, rds:cluster:ReadReplicaCount, …'),
    a('service_namespace', 'string'),
  ],
  blocks: ['suspended_state'],
};

const APP_POLICY: ResourceFacts = {
  cloud: 'aws',
  rules: ['cooldown-order', 'utilization-target', 'scale-up-speed'],
  attributes: [
    a('policy_type', 'string', 'StepScaling (default), TargetTrackingScaling'),
    a('resource_id', 'reference'),
    a('scalable_dimension', 'string'),
    a('target_tracking_scaling_policy_configuration.target_value', 'number'),
    a('target_tracking_scaling_policy_configuration.scale_in_cooldown', 'seconds'),
    a('target_tracking_scaling_policy_configuration.scale_out_cooldown', 'seconds'),
    a('target_tracking_scaling_policy_configuration.disable_scale_in', 'bool'),
    a('target_tracking_scaling_policy_configuration.predefined_metric_specification.predefined_metric_type', 'string'),
    a('step_scaling_policy_configuration.cooldown', 'seconds'),
    a('step_scaling_policy_configuration.adjustment_type', 'string'),
    a('step_scaling_policy_configuration.step_adjustment.scaling_adjustment', 'number'),
  ],
  blocks: ['target_tracking_scaling_policy_configuration', 'target_tracking_scaling_policy_configuration.predefined_metric_specification', 'target_tracking_scaling_policy_configuration.customized_metric_specification', 'step_scaling_policy_configuration', 'step_scaling_policy_configuration.step_adjustment'],
};

const GCP_AUTOSCALER: ResourceFacts = {
  cloud: 'gcp',
  rules: ['min-replicas', 'replica-bounds', 'max-replicas-ceiling', 'utilization-target', 'multi-az'],
  attributes: [
    a('target', 'reference', 'the instance group manager'),
    a('autoscaling_policy.min_replicas', 'count'),
    a('autoscaling_policy.max_replicas', 'count'),
    a('autoscaling_policy.cooldown_period', 'seconds', 'initialization period, default 60'),
    a('autoscaling_policy.mode', 'string', 'ON (default), OFF, ONLY_UP'),
    a('autoscaling_policy.cpu_utilization.target', 'fraction', '0.7 = 70 %, default 0.6'),
    a('autoscaling_policy.load_balancing_utilization.target', 'fraction', 'default 0.8'),
    a('autoscaling_policy.scaling_schedules.min_required_replicas', 'count'),
    a('autoscaling_policy.scaling_schedules.schedule', 'schedule'),
  ],
  blocks: ['autoscaling_policy', 'autoscaling_policy.cpu_utilization', 'autoscaling_policy.load_balancing_utilization', 'autoscaling_policy.metric', 'autoscaling_policy.scale_in_control', 'autoscaling_policy.scale_in_control.max_scaled_in_replicas', 'autoscaling_policy.scale_down_control', 'autoscaling_policy.scaling_schedules'],
};

const AZURE_AUTOSCALE: ResourceFacts = {
  cloud: 'azure',
  rules: ['min-replicas', 'replica-bounds', 'max-replicas-ceiling', 'cooldown-order', 'alarm-hysteresis', 'scale-up-speed', 'scheduled-scaling'],
  attributes: [
    a('target_resource_id', 'reference'),
    a('enabled', 'bool', 'default true'),
    a('profile.capacity.minimum', 'count'),
    a('profile.capacity.default', 'count'),
    a('profile.capacity.maximum', 'count'),
    a('profile.rule.metric_trigger.metric_name', 'string'),
    a('profile.rule.metric_trigger.operator', 'string', 'GreaterThan, LessThan, …'),
    a('profile.rule.metric_trigger.threshold', 'number'),
    a('profile.rule.metric_trigger.time_window', 'iso-duration', 'PT5M to PT12H'),
    a('profile.rule.metric_trigger.time_grain', 'iso-duration'),
    a('profile.rule.scale_action.direction', 'string', 'Increase or Decrease'),
    a('profile.rule.scale_action.cooldown', 'iso-duration', 'PT1M to P7D'),
    a('profile.rule.scale_action.value', 'count', 'a string in the provider'),
    a('profile.recurrence.days', 'list'),
    a('profile.recurrence.hours', 'list'),
    a('profile.recurrence.minutes', 'list'),
  ],
  blocks: ['profile', 'profile.capacity', 'profile.rule', 'profile.rule.metric_trigger', 'profile.rule.metric_trigger.dimensions', 'profile.rule.scale_action', 'profile.recurrence', 'profile.fixed_date', 'notification', 'notification.email', 'notification.webhook', 'predictive'],
};

const metadata = ['metadata'];
const K8S_HPA_V2: ResourceFacts = {
  cloud: 'kubernetes',
  rules: ['min-replicas', 'replica-bounds', 'max-replicas-ceiling', 'utilization-target', 'scale-down-stabilization', 'scale-up-speed', 'hpa-target-exists'],
  attributes: [
    a('metadata.name', 'string'),
    a('metadata.namespace', 'string'),
    a('spec.min_replicas', 'count', 'default 1'),
    a('spec.max_replicas', 'count'),
    a('spec.scale_target_ref.kind', 'string'),
    a('spec.scale_target_ref.name', 'string'),
    a('spec.metric.type', 'string'),
    a('spec.metric.resource.name', 'string'),
    a('spec.metric.resource.target.average_utilization', 'percent'),
    a('spec.behavior.scale_up.stabilization_window_seconds', 'seconds'),
    a('spec.behavior.scale_down.stabilization_window_seconds', 'seconds'),
    a('spec.behavior.scale_up.policy.value', 'number'),
    a('spec.behavior.scale_up.policy.period_seconds', 'seconds'),
  ],
  blocks: [...metadata, 'spec', 'spec.scale_target_ref', 'spec.metric', 'spec.metric.resource', 'spec.metric.resource.target', 'spec.metric.container_resource', 'spec.metric.container_resource.target', 'spec.behavior', 'spec.behavior.scale_up', 'spec.behavior.scale_up.policy', 'spec.behavior.scale_down', 'spec.behavior.scale_down.policy'],
};

const K8S_WORKLOAD: ResourceFacts = {
  cloud: 'kubernetes',
  rules: ['replicas-with-hpa', 'requests-for-utilization', 'container-resources', 'readiness-probe', 'liveness-probe', 'probe-timing', 'pdb-coverage', 'service-selector'],
  attributes: [
    a('metadata.name', 'string'),
    a('spec.replicas', 'count'),
    a('spec.selector.match_labels', 'string', 'a map'),
    a('spec.template.metadata.labels', 'string', 'a map'),
    a('spec.template.spec.container.name', 'string'),
    a('spec.template.spec.container.resources.requests', 'string', 'a map: cpu, memory'),
    a('spec.template.spec.container.resources.limits', 'string', 'a map: cpu, memory'),
    a('spec.template.spec.container.readiness_probe.period_seconds', 'seconds'),
    a('spec.template.spec.container.liveness_probe.initial_delay_seconds', 'seconds'),
  ],
  blocks: [...metadata, 'spec', 'spec.selector', 'spec.template', 'spec.template.metadata', 'spec.template.spec', 'spec.template.spec.container', 'spec.template.spec.container.resources', 'spec.template.spec.container.port', 'spec.template.spec.container.readiness_probe', 'spec.template.spec.container.liveness_probe', 'spec.template.spec.container.startup_probe'],
};

const K8S_SERVICE: ResourceFacts = {
  cloud: 'kubernetes',
  rules: ['service-selector', 'service-target-port'],
  attributes: [a('metadata.name', 'string'), a('spec.selector', 'string', 'a map'), a('spec.port.port', 'number'), a('spec.port.target_port', 'string')],
  blocks: [...metadata, 'spec', 'spec.port'],
};

const K8S_PDB: ResourceFacts = {
  cloud: 'kubernetes',
  rules: ['pdb-coverage', 'pdb-blocks-drain'],
  attributes: [a('metadata.name', 'string'), a('spec.min_available', 'string', 'a count or a percentage'), a('spec.max_unavailable', 'string', 'a count or a percentage'), a('spec.selector.match_labels', 'string', 'a map')],
  blocks: [...metadata, 'spec', 'spec.selector'],
};

export const RESOURCE_FACTS: Readonly<Record<string, ResourceFacts>> = {
  aws_autoscaling_group: ASG,
  aws_autoscaling_policy: ASG_POLICY,
  aws_cloudwatch_metric_alarm: ALARM,
  aws_lb_target_group: TARGET_GROUP,
  aws_alb_target_group: TARGET_GROUP,
  aws_autoscaling_schedule: SCHEDULE,
  aws_appautoscaling_target: APP_TARGET,
  aws_appautoscaling_policy: APP_POLICY,
  aws_autoscaling_attachment: { cloud: 'aws', rules: ['asg-health-check'], attributes: [a('autoscaling_group_name', 'reference'), a('lb_target_group_arn', 'reference'), a('elb', 'reference')], blocks: [] },
  aws_autoscaling_traffic_source_attachment: { cloud: 'aws', rules: ['asg-health-check'], attributes: [a('autoscaling_group_name', 'reference'), a('traffic_source.identifier', 'reference'), a('traffic_source.type', 'string', 'elb, elbv2 (default), vpc-lattice')], blocks: ['traffic_source'] },
  google_compute_autoscaler: GCP_AUTOSCALER,
  google_compute_region_autoscaler: GCP_AUTOSCALER,
  azurerm_monitor_autoscale_setting: AZURE_AUTOSCALE,
  kubernetes_horizontal_pod_autoscaler_v2: K8S_HPA_V2,
  kubernetes_horizontal_pod_autoscaler: { ...K8S_HPA_V2, attributes: [...K8S_HPA_V2.attributes, a('spec.target_cpu_utilization_percentage', 'percent', 'autoscaling/v1 form')] },
  kubernetes_deployment_v1: K8S_WORKLOAD,
  kubernetes_deployment: K8S_WORKLOAD,
  kubernetes_stateful_set_v1: K8S_WORKLOAD,
  kubernetes_stateful_set: K8S_WORKLOAD,
  kubernetes_service_v1: K8S_SERVICE,
  kubernetes_service: K8S_SERVICE,
  kubernetes_pod_disruption_budget_v1: K8S_PDB,
  kubernetes_pod_disruption_budget: K8S_PDB,
};

export function factsOf(resourceType: string): ResourceFacts | undefined {
  return Object.prototype.hasOwnProperty.call(RESOURCE_FACTS, resourceType) ? RESOURCE_FACTS[resourceType] : undefined;
}

/** Block types nested at `path` (`""` for the resource body) for a resource type, plus the meta blocks. */
const blockTypesCache = new Map<string, ReadonlySet<string>>();

export function nestedBlockTypes(resourceType: string, path: string): ReadonlySet<string> {
  const key = `${resourceType} ${path}`;
  const cached = blockTypesCache.get(key);
  if (cached) return cached;
  const out = new Set(['lifecycle', 'dynamic', 'content', 'provisioner', 'connection', 'timeouts']);
  const prefix = path ? `${path}.` : '';
  for (const block of factsOf(resourceType)?.blocks ?? []) {
    if (!block.startsWith(prefix)) continue;
    const rest = block.slice(prefix.length);
    if (!rest.includes('.')) out.add(rest);
  }
  if (blockTypesCache.size < 1000) blockTypesCache.set(key, out); // bounded: resource types come from user text
  return out;
}

/**
 * Which AWS Terraform resources ScaleLint reads, and the CloudFormation resource each one is (SPEC §9): the
 * attribute `min_size` of an `aws_autoscaling_group` is the `MinSize` of an
 * `AWS::AutoScaling::AutoScalingGroup`. The Terraform source writes each module's resources in that form
 * (render.ts), so the rules that read CloudFormation read Terraform with no branch of their own; messages
 * name the attributes as the user wrote them (the vocabulary below, applied where findings are placed).
 *
 * Attribute names and meanings: the AWS provider's documentation (website/docs/r/<type>.html.markdown);
 * property names: the CloudFormation resource schemas in schemas/.
 */

/** How one attribute or nested block becomes a property. */
export interface PropertyMap {
  /** Attribute name, or block type, in Terraform. */
  tf: string;
  /** Property name in CloudFormation. */
  cfn: string;
  /** A repeated block (`step_adjustment { … }` × n) that is a list of objects in CloudFormation. */
  repeated?: boolean;
  /** A block (or object attribute) whose own attributes map by this table. */
  props?: readonly PropertyMap[];
  /** A Terraform map attribute (`dimensions = { K = v }`) written as CloudFormation's list of `{Name, Value}`. */
  nameValueList?: boolean;
  /**
   * The provider's default where it differs from CloudFormation's (`health_check_grace_period`: 300 s in
   * Terraform, 0 in CloudFormation): written when the attribute is absent, so rules judge what Terraform applies.
   */
  tfDefault?: string;
  /** A block whose attributes are properties of the resource itself (`health_check { interval }` → `HealthCheckIntervalSeconds`). */
  flatten?: boolean;
}

export interface ResourceMap {
  /** The CloudFormation type. */
  cfn: string;
  props: readonly PropertyMap[];
}

const p = (tf: string, cfn: string, more: Partial<PropertyMap> = {}): PropertyMap => ({ tf, cfn, ...more });

const TARGET_TRACKING = [
  p('target_value', 'TargetValue'),
  p('disable_scale_in', 'DisableScaleIn'),
  p('predefined_metric_specification', 'PredefinedMetricSpecification', { props: [p('predefined_metric_type', 'PredefinedMetricType'), p('resource_label', 'ResourceLabel')] }),
  p('customized_metric_specification', 'CustomizedMetricSpecification', { props: [p('metric_name', 'MetricName'), p('namespace', 'Namespace'), p('statistic', 'Statistic'), p('unit', 'Unit')] }),
];

const STEP = [p('scaling_adjustment', 'ScalingAdjustment'), p('metric_interval_lower_bound', 'MetricIntervalLowerBound'), p('metric_interval_upper_bound', 'MetricIntervalUpperBound')];

export const AWS_AS_CLOUDFORMATION: Readonly<Record<string, ResourceMap>> = {
  aws_autoscaling_group: {
    cfn: 'AWS::AutoScaling::AutoScalingGroup',
    props: [
      p('name', 'AutoScalingGroupName'),
      p('min_size', 'MinSize'),
      p('max_size', 'MaxSize'),
      p('desired_capacity', 'DesiredCapacity'),
      p('health_check_type', 'HealthCheckType'),
      p('health_check_grace_period', 'HealthCheckGracePeriod', { tfDefault: '300' }),
      p('target_group_arns', 'TargetGroupARNs'),
      p('load_balancers', 'LoadBalancerNames'),
      p('vpc_zone_identifier', 'VPCZoneIdentifier'),
      p('availability_zones', 'AvailabilityZones'),
      p('default_instance_warmup', 'DefaultInstanceWarmup'),
      p('default_cooldown', 'Cooldown'),
      p('capacity_rebalance', 'CapacityRebalance'),
      p('mixed_instances_policy', 'MixedInstancesPolicy', {
        props: [
          p('instances_distribution', 'InstancesDistribution', {
            props: [
              p('on_demand_base_capacity', 'OnDemandBaseCapacity'),
              p('on_demand_percentage_above_base_capacity', 'OnDemandPercentageAboveBaseCapacity'),
              p('spot_allocation_strategy', 'SpotAllocationStrategy'),
            ],
          }),
          p('launch_template', 'LaunchTemplate', {
            props: [p('override', 'Overrides', { repeated: true, props: [p('instance_type', 'InstanceType')] })],
          }),
        ],
      }),
    ],
  },
  aws_autoscaling_policy: {
    cfn: 'AWS::AutoScaling::ScalingPolicy',
    props: [
      p('autoscaling_group_name', 'AutoScalingGroupName'),
      p('policy_type', 'PolicyType'),
      p('adjustment_type', 'AdjustmentType'),
      p('scaling_adjustment', 'ScalingAdjustment'),
      p('cooldown', 'Cooldown'),
      p('estimated_instance_warmup', 'EstimatedInstanceWarmup'),
      p('step_adjustment', 'StepAdjustments', { repeated: true, props: STEP }),
      p('target_tracking_configuration', 'TargetTrackingConfiguration', { props: TARGET_TRACKING }),
    ],
  },
  aws_cloudwatch_metric_alarm: {
    cfn: 'AWS::CloudWatch::Alarm',
    props: [
      p('alarm_name', 'AlarmName'),
      p('metric_name', 'MetricName'),
      p('namespace', 'Namespace'),
      p('statistic', 'Statistic'),
      p('threshold', 'Threshold'),
      p('comparison_operator', 'ComparisonOperator'),
      p('period', 'Period'),
      p('evaluation_periods', 'EvaluationPeriods'),
      p('datapoints_to_alarm', 'DatapointsToAlarm'),
      p('alarm_actions', 'AlarmActions'),
      p('ok_actions', 'OKActions'),
      p('dimensions', 'Dimensions', { nameValueList: true }),
      p('unit', 'Unit'),
    ],
  },
  aws_lb_target_group: {
    cfn: 'AWS::ElasticLoadBalancingV2::TargetGroup',
    props: [
      p('protocol', 'Protocol'),
      p('protocol_version', 'ProtocolVersion'),
      p('target_type', 'TargetType'),
      p('health_check', 'HealthCheck', {
        flatten: true,
        props: [
          p('enabled', 'HealthCheckEnabled'),
          p('interval', 'HealthCheckIntervalSeconds'),
          p('timeout', 'HealthCheckTimeoutSeconds'),
          p('healthy_threshold', 'HealthyThresholdCount'),
          p('unhealthy_threshold', 'UnhealthyThresholdCount'),
          p('path', 'HealthCheckPath'),
          p('protocol', 'HealthCheckProtocol'),
          p('port', 'HealthCheckPort'),
        ],
      }),
    ],
  },
  aws_autoscaling_schedule: {
    cfn: 'AWS::AutoScaling::ScheduledAction',
    props: [
      p('autoscaling_group_name', 'AutoScalingGroupName'),
      p('min_size', 'MinSize'),
      p('max_size', 'MaxSize'),
      p('desired_capacity', 'DesiredCapacity'),
      p('recurrence', 'Recurrence'),
      p('time_zone', 'TimeZone'),
      p('start_time', 'StartTime'),
    ],
  },
  aws_appautoscaling_target: {
    cfn: 'AWS::ApplicationAutoScaling::ScalableTarget',
    props: [
      p('min_capacity', 'MinCapacity'),
      p('max_capacity', 'MaxCapacity'),
      p('resource_id', 'ResourceId'),
      p('scalable_dimension', 'ScalableDimension'),
      p('service_namespace', 'ServiceNamespace'),
    ],
  },
  aws_appautoscaling_policy: {
    cfn: 'AWS::ApplicationAutoScaling::ScalingPolicy',
    props: [
      p('name', 'PolicyName'),
      p('policy_type', 'PolicyType'),
      p('resource_id', 'ScalingTargetId'),
      p('scalable_dimension', 'ScalableDimension'),
      p('service_namespace', 'ServiceNamespace'),
      p('target_tracking_scaling_policy_configuration', 'TargetTrackingScalingPolicyConfiguration', {
        props: [
          ...TARGET_TRACKING,
          p('scale_in_cooldown', 'ScaleInCooldown'),
          p('scale_out_cooldown', 'ScaleOutCooldown'),
        ],
      }),
      p('step_scaling_policy_configuration', 'StepScalingPolicyConfiguration', {
        props: [p('adjustment_type', 'AdjustmentType'), p('cooldown', 'Cooldown'), p('step_adjustment', 'StepAdjustments', { repeated: true, props: STEP })],
      }),
    ],
  },
};

/**
 * Attachments add a load balancer to a group: written into the group's `TargetGroupARNs` /
 * `LoadBalancerNames`, as CloudFormation would hold it.
 */
export const ATTACHMENT_INTO_GROUP: Readonly<Record<string, readonly { tf: string; cfn: string }[]>> = {
  aws_autoscaling_attachment: [
    { tf: 'lb_target_group_arn', cfn: 'TargetGroupARNs' },
    { tf: 'alb_target_group_arn', cfn: 'TargetGroupARNs' },
    { tf: 'elb', cfn: 'LoadBalancerNames' },
  ],
  aws_autoscaling_traffic_source_attachment: [{ tf: 'traffic_source.identifier', cfn: 'TargetGroupARNs' }],
};

/** CloudFormation words → the Terraform words a person wrote, for messages about a Terraform render. */
export function cloudFormationVocabulary(): [string, string][] {
  const words = new Map<string, string>();
  const visit = (props: readonly PropertyMap[]): void => {
    for (const prop of props) {
      if (!words.has(prop.cfn)) words.set(prop.cfn, prop.tf);
      if (prop.props) visit(prop.props);
    }
  };
  for (const [tf, map] of Object.entries(AWS_AS_CLOUDFORMATION)) {
    words.set(map.cfn, tf);
    visit(map.props);
  }
  // A group's `Cooldown` is `default_cooldown`; a policy's is `cooldown`: messages about policies are the common case.
  words.set('Cooldown', 'cooldown');
  return [...words];
}

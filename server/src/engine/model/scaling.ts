/**
 * The model of scaling objects that rules read, whatever format they were written in: an HPA's
 * `minReplicas`, an ASG's `MinSize` and a Terraform `min_size` are all an autoscaler's `bounds.min`.
 * Each value keeps the range of text it came from, the name the source spells it with (so messages name
 * the field the user wrote) and where a fix writes it. Sources (sources/<format>.ts) build these objects
 * from parsed documents, once per parse (model/index.ts caches them with the document).
 */
import type { Node, YAMLMap } from 'yaml';
import type { Resource } from '../parse/document';
import type { behaviorSpec } from './kubernetes';
import type { KedaSettings, LabelSelector, Pod, ScaleDownFacts, ServicePort, TargetRef, UtilizationTarget } from './kubernetes-facts';
import type { VerticalAutoscaler } from './vpa';

/** Where and how a fix writes a value. */
export type FixTarget =
  /** Replace the written literal; `quote` repeats the quoting of a number written as a string. */
  | { kind: 'replace'; node: Node; quote?: '"' | "'" }
  /** Insert `key` into `map` (the value is not written yet). */
  | { kind: 'insert'; map: YAMLMap<Node, Node | null>; key: string }
  /** Replace the document's characters [start, end) (formats the YAML tree does not hold: Terraform, shell). */
  | { kind: 'text'; start: number; end: number; quote?: '"' | "'" };

export interface ModelValue<T> {
  value: T;
  /** Written in the source (directly or through a parameter), not a default of the format. */
  explicit: boolean;
  /** The field's name as the source spells it: `minReplicas`, `minReplicaCount`, `MinSize`, `min_size`. */
  name: string;
  /** Document offsets to point at: the written value, or (for a default) where the object is. */
  range: [number, number];
  /** Document offsets of the field's key, where it is written. */
  key?: [number, number];
  /** Read through a template parameter's Default: the parameter's name (the value is not written here). */
  parameter?: string;
  /** Where a fix writes this value; absent when no fix can (a parameter, an expression). */
  fix?: FixTarget;
  /** The value as written, a short-form tag included (`!Ref Size`, where `range` starts at `Size`). */
  span?: [number, number];
  /** Where a value not written on this object comes from, in words: `the Cooldown of WebGroup`. */
  from?: string;
  /**
   * A value written in another notation than `value` holds: an ISO 8601 duration read as seconds (`PT5M`,
   * Azure), a fraction read as a percentage (`0.7`, GCP). Messages show `written`; fixes write `inNotation`.
   */
  notation?: { written: string; kind: 'iso-duration' | 'fraction' };
}

/** A field written in a form the source cannot read (an intrinsic, an expression): rules make no claim on it. */
export interface Unreadable {
  value: undefined;
  explicit: true;
  unreadable: true;
  name: string;
  range?: [number, number];
  key?: [number, number];
  span?: [number, number];
  parameter?: undefined;
  fix?: undefined;
}

/** A written field: its value, or unreadable. Absent fields are `undefined` (or a default, `explicit` false). */
export type Field<T> = ModelValue<T> | Unreadable;

export interface Bounds {
  min?: ModelValue<number>;
  max?: ModelValue<number>;
  desired?: ModelValue<number>;
}

/** The input format an object was read from. */
export type SourceFormat = 'kubernetes' | 'cloudformation' | 'terraform' | 'helm' | 'kustomize' | 'shell';

export interface ScalingObjectBase {
  source: SourceFormat;
  /** The parsed resource the object was read from (its document, for reports). */
  resource: Resource;
  name: string;
  /** Where to point for the object as a whole (its spec key, its logical id). */
  home: [number, number];
}

/** Something that sets a replica or instance count between bounds: HPA, ScaledObject, Auto Scaling group. */
export interface Autoscaler extends ScalingObjectBase {
  type: 'autoscaler';
  /** `HorizontalPodAutoscaler`, `ScaledObject`, `AWS::AutoScaling::AutoScalingGroup`. */
  kind: string;
  /** What the format calls the scaler in messages: `the API server`, `KEDA`, `CloudFormation`. */
  enforcedBy: string;
  bounds: Bounds;
  /** The bounds' names as the source spells them, also when a bound is absent or unreadable. */
  boundNames: { min: string; max: string; desired?: string };
  /** The workload it scales (Kubernetes). */
  target?: { kind: string; name: string; apiVersion?: string };
  /**
   * The scaling pace, for formats that have the HPA's `behavior`: its rules with the SPEC §2 defaults
   * applied, or undefined when `behavior` is not written (the controller's legacy path).
   */
  timing?: { behavior: ReturnType<typeof behaviorSpec> | undefined };
  /** Kubernetes: where `scaleTargetRef` is written. */
  targetRef?: TargetRef;
  /** Kubernetes: its resource metrics with a Utilization target. */
  utilization?: UtilizationTarget[];
  /** Kubernetes: the resources it computes replicas from (cpu, memory…), each with how it is written, for messages. */
  scalesOn?: Map<string, string>;
  /** Kubernetes: the HPA KEDA made for a ScaledObject (an ownerReference to one). */
  ownedByScaledObject?: boolean;
  /** Kubernetes: the scale-down rules' window and policy, with where a fix writes the window. */
  scaleDown?: ScaleDownFacts;
  /** KEDA: the ScaledObject's settings besides its bounds. */
  keda?: KedaSettings;
  /** Formats whose bounds are checked when a stack deploys: what fails to create or update (`group`). */
  deployed?: { noun: string };
  /** Capacity beside the count it scales that also serves, and counts for the HA floor (Aurora's writer). */
  alsoServing?: { count: number; what: string };
  /** The policies that act on it: separate objects (Auto Scaling, Application Auto Scaling), or written inside it (`inline`: GCP, Azure). */
  policies?: ScalingPolicy[];
  /** An Auto Scaling group's own settings (absent for other autoscalers, and for a group without properties). */
  group?: GroupSettings;
  /** Application Auto Scaling: `ScalableDimension` and `ServiceNamespace` as written. */
  scalableTarget?: { dimension?: string; namespace?: string };
  /**
   * The instances it scales are confined to one zone, as far as the source can tell (a zonal GCP autoscaler
   * on a zonal managed instance group): the zone, where it is written, and the group it scales when found.
   */
  singleZone?: { zone?: string; at: [number, number]; name: string; manager?: { resource: Resource; zone?: string; at: [number, number] } };
  /** Bounds that take over on a schedule, written inside the autoscaler (Azure profiles with a `recurrence` or `fixed_date`). */
  schedules?: ScheduledAction[];
}

/** A load balancer attachment of a group that may hold an entry (`TargetGroupARNs`, `LoadBalancerNames`). */
export interface LoadBalancerAttachment {
  name: string;
  key: [number, number];
  /** The condition of an `!If` that chooses the list, when one does. */
  condition?: string;
}

/** Where a group may place instances: `AvailabilityZones` or `VPCZoneIdentifier`. */
export interface Placement {
  name: string;
  /** The value as written. */
  at: [number, number];
  /** A literal list: its distinct and written entries; undefined when it is not one, or an entry is unknown. */
  list?: { distinct: number; entries: number };
  /** Subnets of the template, all with known zones: their distinct zones (first subnet of each). */
  zones?: { label: string; at: [number, number]; subnet: Resource }[];
  /** A `!Ref` to a list parameter with a Default: its name, entries and Default. */
  parameter?: { name: string; entries: string[]; default?: [number, number] };
}

/** What the rules read of an Auto Scaling group beyond its bounds. */
export interface GroupSettings {
  /** Attachments that may name a load balancer. */
  loadBalancers: LoadBalancerAttachment[];
  /** Whether any load balancer attachment is written (an intrinsic counts; an empty list does not). */
  inLoadBalancer: boolean;
  /** `HealthCheckType`, default `EC2` (insert fix). */
  healthCheckType: Field<string>;
  /** `HealthCheckGracePeriod`, default 0 (insert fix). */
  healthCheckGracePeriod: Field<number>;
  cooldown?: Field<number>;
  defaultInstanceWarmup?: Field<number>;
  placements: Placement[];
  rollingUpdate?: { key: [number, number]; minInstancesInService?: Field<number> };
  mixedInstances?: {
    key: [number, number];
    distributionKey?: [number, number];
    onDemandBase?: Field<number>;
    onDemandPercentAboveBase?: Field<number>;
    launchTemplateKey?: [number, number];
    /** `LaunchTemplate.Overrides`: entries, whether any uses InstanceRequirements, whether it is an intrinsic. */
    overrides: { key?: [number, number]; count: number; attributeBased: boolean; opaque: boolean };
  };
  /** `CapacityRebalance`, default false (insert fix). */
  capacityRebalance: Field<boolean>;
}

/** Deployment, StatefulSet: pods that something may scale. */
export interface Workload extends ScalingObjectBase {
  type: 'workload';
  kind: string;
  replicas?: ModelValue<number>;
  podLabels: Map<string, string>;
  /** Kubernetes: `replicas` as written, also when not a number. */
  replicasWritten?: { text: string; value?: number; key: [number, number]; map: YAMLMap<Node, Node | null> };
  /** Kubernetes: the pods it runs (containers, ports, requests, limits, probes). */
  pod?: Pod;
  /** Kubernetes: `spec.selector`, undefined when absent. */
  selector?: LabelSelector;
  /** Kubernetes: its `metadata.name` value, to point at. */
  nameRange?: [number, number];
}

export interface Service extends ScalingObjectBase {
  type: 'service';
  /** `spec.selector`; empty when it has none or the Service is an ExternalName. */
  selector: Map<string, string>;
  /** The `selector` key, where it is written. */
  selectorKey?: [number, number];
  ports: ServicePort[];
}

/** PodDisruptionBudget. */
export interface Budget extends ScalingObjectBase {
  type: 'budget';
  /** A count, a percentage string (`50%`), or NaN when written as something else; `fix` replaces the written value. */
  minAvailable?: ModelValue<number | string>;
  maxUnavailable?: ModelValue<number | string>;
  /** Kubernetes: the budget's label selector. */
  selector?: LabelSelector;
}

/** One step of a step scaling policy: the breach interval it covers, and what it does. */
export interface StepAdjustment {
  lower?: Field<number>;
  upper?: Field<number>;
  adjustment?: Field<number>;
}

/** A scaling policy attached to a group or scalable target (simple, step, target tracking). */
export interface ScalingPolicy extends ScalingObjectBase {
  type: 'scaling-policy';
  kind: string;
  /** `PolicyType`; when not written, the format's default (`SimpleScaling` for Auto Scaling), if it has one. */
  policyType?: Field<string>;
  /** Which way it scales, from the sign of its adjustments; undefined for target tracking, or when unknown. */
  direction?: 'out' | 'in';
  /** The wait after it acts: its own `Cooldown`, else the group's (`from` says), else the default 300 s. */
  cooldown?: Field<number>;
  /** `StepAdjustments` as a literal list. */
  steps?: StepAdjustment[];
  targetTracking?: TargetTracking;
  /** The alarms that invoke it. */
  alarms: AlarmLink[];
  /** The resource it acts on, resolved through `!Ref`/`!GetAtt` or a literal group name. */
  scales?: Resource;
  /** Written inside the autoscaler it acts on (GCP's `cpu_utilization`, an Azure profile's `rule`), not a resource of its own. */
  inline?: boolean;
}

export interface TargetTracking {
  targetValue?: Field<number>;
  /** What the metric measures, when its target is a CPU or memory utilization. */
  resource?: 'cpu' | 'memory';
  /** Application Auto Scaling's own cooldowns (absent: the service default). */
  scaleInCooldown?: Field<number>;
  scaleOutCooldown?: Field<number>;
  /** Where an absent cooldown is inserted. */
  configuration?: FixTarget;
}

export interface AlarmLink {
  alarm: Alarm;
  /** Which action list names the policy (`AlarmActions` before `OKActions`). */
  via: 'AlarmActions' | 'OKActions';
  /** The list's key. */
  at: [number, number];
}

/** A metric alarm that drives scaling policies. */
export interface Alarm extends ScalingObjectBase {
  type: 'alarm';
  threshold?: Field<number>;
  comparison?: string;
  metricName?: string;
  namespace?: string;
  unit?: string;
  period?: Field<number>;
  evaluationPeriods?: Field<number>;
  datapointsToAlarm?: Field<number>;
  /** The comparison, whatever the format spells it: `GreaterThanThreshold` (CloudWatch), `GreaterThan` (Azure). */
  op?: 'gt' | 'ge' | 'lt' | 'le';
  /** How long the metric is aggregated before the alarm acts, when the format states it as one duration (Azure's `time_window`). */
  window?: Field<number>;
  /** How messages name it when not `alarm <name>` (an Azure rule's trigger: `rule 1 of profile default`). */
  title?: string;
}

export interface TargetGroup extends ScalingObjectBase {
  type: 'target-group';
  /** Upper-cased as AWS compares them (`HTTP`, `LAMBDA`). */
  targetType?: Field<string>;
  protocol?: Field<string>;
  healthCheckProtocol?: Field<string>;
  protocolVersion?: Field<string>;
  healthCheckEnabled?: Field<boolean>;
  intervalSeconds?: Field<number>;
  timeoutSeconds?: Field<number>;
  healthCheckPath?: Field<string>;
}

/** What an object's reference to its group resolved to. */
export type GroupLink = { at: [number, number] } & (
  | { kind: 'group'; group: Resource }
  /** A parameter, an intrinsic, or a template with no group: a group managed elsewhere. */
  | { kind: 'elsewhere' }
  | { kind: 'not-a-group'; ref: string; targetKind: string }
  | { kind: 'missing'; ref: string }
  | { kind: 'unknown-name'; name: string; groups: string[] }
);

/** A scheduled change of a group's bounds. */
export interface ScheduledAction extends ScalingObjectBase {
  type: 'scheduled-action';
  bounds: Bounds;
  /** How messages name it when not `This scheduled action` (an Azure profile: `Profile weekend`). */
  title?: string;
  /** What becomes of bounds that contradict each other (default: Auto Scaling rejects the action when it runs). */
  rejected?: string;
  /** How long its bounds hold, in words (default: until another action raises it). */
  holds?: string;
  recurrence?: Field<string>;
  group?: GroupLink;
}

export type ScalingObject = Autoscaler | Workload | Service | Budget | ScalingPolicy | Alarm | TargetGroup | ScheduledAction | VerticalAutoscaler;

/** A value as words for messages: `maxReplicas 5`, `maxReplicas (not set, defaults to 1)`, `MaxSize 3 (the Default of parameter Size)`. */
export function describeValue(v: ModelValue<number>): string {
  if (!v.explicit) return `${v.name} (not set, defaults to ${v.value})`;
  return v.parameter !== undefined ? `${v.name} ${v.value} (the Default of parameter ${v.parameter})` : `${v.name} ${v.value}`;
}

/** ISO 8601 for a number of seconds, in the largest whole unit: `PT5M`, `PT1H`, `PT90S`. */
export function isoDuration(seconds: number): string {
  if (seconds > 0 && seconds % 3600 === 0) return `PT${seconds / 3600}H`;
  if (seconds > 0 && seconds % 60 === 0) return `PT${seconds / 60}M`;
  return `PT${seconds}S`;
}

/** A new value for a field, in the notation it is written in (`PT6M` for 360 s, `0.7` for 70 %). */
export function inNotation(v: ModelValue<number> | undefined, value: number): number | string {
  if (v?.notation?.kind === 'iso-duration') return isoDuration(value);
  if (v?.notation?.kind === 'fraction') return Number((value / 100).toFixed(4));
  return value;
}

/** A value with its notation, for messages: `scale_action.cooldown PT1M (60 s)`, `cpu_utilization.target 0.95 (95 %)`. */
export function writtenValue(v: ModelValue<number>): string {
  if (v.notation?.kind === 'iso-duration') return `${v.name} ${v.notation.written} (${v.value} s)`;
  if (v.notation?.kind === 'fraction') return `${v.name} ${v.notation.written} (${v.value} %)`;
  return `${v.name} ${v.value}`;
}

/** Whether a field holds a value a rule can read (written and readable, or a default). */
export function known<T>(f: Field<T> | undefined): f is ModelValue<T> {
  return !!f && f.value !== undefined;
}

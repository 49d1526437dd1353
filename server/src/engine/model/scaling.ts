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

/** Where and how a fix writes a value. */
export type FixTarget =
  /** Replace the written literal; `quote` repeats the quoting of a number written as a string. */
  | { kind: 'replace'; node: Node; quote?: '"' | "'" }
  /** Insert `key` into `map` (the value is not written yet). */
  | { kind: 'insert'; map: YAMLMap<Node, Node | null>; key: string };

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
}

export interface Bounds {
  min?: ModelValue<number>;
  max?: ModelValue<number>;
  desired?: ModelValue<number>;
}

/** The input format an object was read from. */
export type SourceFormat = 'kubernetes' | 'cloudformation' | 'terraform' | 'helm' | 'kustomize' | 'shell';

interface ScalingObjectBase {
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
}

/** Deployment, StatefulSet: pods that something may scale. */
export interface Workload extends ScalingObjectBase {
  type: 'workload';
  kind: string;
  replicas?: ModelValue<number>;
  podLabels: Map<string, string>;
}

export interface Service extends ScalingObjectBase {
  type: 'service';
  selector: Map<string, string>;
}

/** PodDisruptionBudget. */
export interface Budget extends ScalingObjectBase {
  type: 'budget';
  minAvailable?: ModelValue<number | string>;
  maxUnavailable?: ModelValue<number | string>;
}

/** A scaling policy attached to a group (simple, step, target tracking). */
export interface ScalingPolicy extends ScalingObjectBase {
  type: 'scaling-policy';
  policyType?: string;
  cooldown?: ModelValue<number>;
}

/** A metric alarm that drives scaling policies. */
export interface Alarm extends ScalingObjectBase {
  type: 'alarm';
  threshold?: ModelValue<number>;
}

export interface TargetGroup extends ScalingObjectBase {
  type: 'target-group';
  intervalSeconds?: ModelValue<number>;
  timeoutSeconds?: ModelValue<number>;
}

export type ScalingObject = Autoscaler | Workload | Service | Budget | ScalingPolicy | Alarm | TargetGroup;

/** A value as words for messages: `maxReplicas 5`, `maxReplicas (not set, defaults to 1)`, `MaxSize 3 (the Default of parameter Size)`. */
export function describeValue(v: ModelValue<number>): string {
  if (!v.explicit) return `${v.name} (not set, defaults to ${v.value})`;
  return v.parameter !== undefined ? `${v.name} ${v.value} (the Default of parameter ${v.parameter})` : `${v.name} ${v.value}`;
}

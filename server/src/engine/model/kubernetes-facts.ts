/**
 * The Kubernetes-only facts of the model of scaling objects (model/scaling.ts): a workload's pods
 * (containers, their ports, requests, limits and probes), a Service's ports, a budget's selector, an
 * autoscaler's Utilization targets and KEDA settings, and the VerticalPodAutoscaler. sources/kubernetes.ts
 * builds them; the rules read them instead of the YAML.
 */
import type { Node, YAMLMap } from 'yaml';
import type { FixTarget, ModelValue } from './scaling';

/** A label selector (`matchLabels`, `matchExpressions`) as written; matching stays with model/kubernetes.ts. */
export interface LabelSelector {
  /** The selector node, null when written as `null` or empty, undefined when absent. */
  node: Node | undefined;
  matchLabels: Map<string, string>;
  hasMatchExpressions: boolean;
  /** `{}`: no matchLabels, no matchExpressions (policy/v1 budgets then select every pod of the namespace). */
  empty: boolean;
  /** A mapping at all (a null selector selects nothing). */
  isMap: boolean;
}

export interface ContainerPort {
  /** `containerPort` read as an integer (numeric strings too). */
  number?: number;
  /** `containerPort` as text, for the Service's reading (`Number(text)`). */
  numberText?: string;
  name?: string;
  /** `protocol`, default TCP. */
  protocol: string;
}

export type ProbeKey = 'startupProbe' | 'readinessProbe' | 'livenessProbe';

export interface Probe {
  /** The probe mapping's range (where a finding about it as a whole points). */
  range: [number, number];
  /** Undefined when written but not a number (the schema rule reports it); a default is not explicit. */
  timeoutSeconds?: ModelValue<number>;
  periodSeconds?: ModelValue<number>;
  /** The numeric port of its httpGet, tcpSocket or grpc handler, each in that order. */
  ports: number[];
}

export interface Container {
  /** `name`, '' when unnamed. */
  name: string;
  /** Where a finding about the container points: its `name` value, else the item. */
  anchor: [number, number];
  restartPolicy?: string;
  ports: ContainerPort[];
  /** `resources`: absent, empty (`resources:`), a mapping, or another shape (the schema rule reports it). */
  resources: 'absent' | 'empty' | 'mapping' | 'other';
  /** The `resources` key, where it is written. */
  resourcesKey?: [number, number];
  /** `resources.requests` / `resources.limits` quantities as written (strings), by resource name. */
  requests: Map<string, ModelValue<string>>;
  limits: Map<string, ModelValue<string>>;
  /** Both `requests` and `limits` are mappings (a limit is then compared with its request). */
  requestsAndLimits: boolean;
  /** The probes that are mappings. */
  probes: Partial<Record<ProbeKey, Probe>>;
  /** The probe keys written at all, whatever their value. */
  probeKeys: Set<ProbeKey>;
  /** Where fixes insert into the container (a probe, `resources`). */
  fix: { kind: 'insert'; map: YAMLMap<Node, Node | null> };
}

export interface Pod {
  labels: Map<string, string>;
  /** The pod template's labels node, to point at. */
  labelsRange?: [number, number];
  /** `containers` (the serving containers: metrics, probes and requests concern them). */
  containers: Container[];
  /** `initContainers` (sidecars among them have restartPolicy Always). */
  initContainers: Container[];
  /** The `containers` key, to point at. */
  containersKey?: [number, number];
}

export interface ServicePort {
  /** The item's range. */
  range: [number, number];
  name?: string;
  /** `port` as text. */
  port?: string;
  /** `targetPort`: a number (numeric strings too) or a name; when absent, `port` (not explicit). Undefined when unreadable. */
  targetPort?: ModelValue<number | string>;
}

/** A resource metric with a Utilization target: HPA `Resource`/`ContainerResource`, v1's CPU percentage, KEDA cpu/memory triggers. */
export interface UtilizationTarget {
  resource: string;
  /** The target in percent, when a number; `range` points at it (or at the metric when absent). */
  utilization?: number;
  range: [number, number];
  /** ContainerResource metrics name one container. */
  container?: string;
}

/** KEDA ScaledObject settings besides the bounds. */
export interface KedaSettings {
  /** `idleReplicaCount`, when an integer. */
  idleReplicaCount?: ModelValue<number>;
  /** The `fallback` key, when written. */
  fallbackKey?: [number, number];
  /** `fallback.replicas`, when an integer. */
  fallbackReplicas?: ModelValue<number>;
  /** `cooldownPeriod` key, when written. */
  cooldownKey?: [number, number];
  /** Each trigger's `type` (undefined when not a string). */
  triggerTypes: (string | undefined)[];
  /** The annotation `scaledobject.keda.sh/transfer-hpa-ownership` is `true` and this HPA name is given. */
  takesOverHpa?: string;
}

/** The scaling pace of a Kubernetes autoscaler's scale-down, for scale-down-stabilization. */
export interface ScaleDownFacts {
  /** `stabilizationWindowSeconds` with its default (300); explicit when written as an integer. */
  window: ModelValue<number>;
  /** Written, but not an integer. */
  windowUnreadable: boolean;
  selectPolicy: string;
  /** Where a fix writes the window: the path below `root`. */
  fix?: { root: YAMLMap<Node, Node | null>; path: string[] };
}

/** Where an autoscaler's `scaleTargetRef` is written. */
export interface TargetRef {
  /** Its name value (or the pair's key when empty). */
  nameRange?: [number, number];
  nameFix?: FixTarget;
  kindRange?: [number, number];
  /** Replace the kind, or insert it into the reference. */
  kindFix?: FixTarget;
  apiVersionRange?: [number, number];
  apiVersionFix?: FixTarget;
}

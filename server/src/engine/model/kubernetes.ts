/**
 * Typed views over Kubernetes resources, read by sources/kubernetes.ts to build the model of scaling objects
 * (rules read the model), and the label-selector and quantity arithmetic the rules share.
 */
import { isMap, type Node, type Pair, type YAMLMap } from 'yaml';
import type { Resource } from '../parse/document';
import { get, getPair, int, num, seqItems, str, stringMap, asMap } from '../parse/values';

export const HPA = 'HorizontalPodAutoscaler';
export const SCALED_OBJECT = 'ScaledObject';

export function isHpa(r: Resource): boolean {
  return r.family === 'kubernetes' && r.kind === HPA && /^autoscaling\//.test(r.apiVersion ?? '');
}

export function isScaledObject(r: Resource): boolean {
  // keda.k8s.io is KEDA 1.x's retired group: such an object still scales its workload where it is served (deprecated-api says so).
  return r.family === 'kubernetes' && r.kind === SCALED_OBJECT && /^keda\.(sh|k8s\.io)\//.test(r.apiVersion ?? '');
}

/** HPA or KEDA ScaledObject: things that scale a workload. */
export function isAutoscaler(r: Resource): boolean {
  return isHpa(r) || isScaledObject(r);
}

export function isWorkload(r: Resource): boolean {
  return r.family === 'kubernetes' && (r.kind === 'Deployment' || r.kind === 'StatefulSet');
}

export function isService(r: Resource): boolean {
  return r.family === 'kubernetes' && r.kind === 'Service' && r.apiVersion === 'v1';
}

export function isPdb(r: Resource): boolean {
  return r.family === 'kubernetes' && r.kind === 'PodDisruptionBudget' && /^policy\//.test(r.apiVersion ?? '');
}

export function spec(r: Resource): YAMLMap<Node, Node | null> | undefined {
  return asMap(get(r.node, 'spec'));
}

/** A numeric field: its value (after defaults), and where it is written when it is. */
export interface NumberField {
  value: number;
  /** Whether the value comes from the manifest (false: API default). */
  explicit: boolean;
  pair?: Pair<Node, Node | null>;
  node?: Node;
  /** The map that holds (or would hold) the field, for fixes that insert it. */
  parent?: YAMLMap<Node, Node | null>;
  key: string;
}

function numberField(parent: YAMLMap<Node, Node | null> | undefined, key: string, fallback: number | undefined): NumberField | undefined {
  const pair = parent ? getPair(parent, key) : undefined;
  if (pair) {
    const v = num(pair.value);
    if (v === undefined) return undefined; // not a number (schema reports it)
    return { value: v, explicit: true, pair, node: pair.value ?? undefined, parent, key };
  }
  if (fallback === undefined) return undefined;
  return { value: fallback, explicit: false, parent, key };
}

/** Replica bounds of an HPA (minReplicas default 1) or a ScaledObject (minReplicaCount default 0, max default 100). */
export function replicaBounds(r: Resource): { min?: NumberField; max?: NumberField } {
  const s = spec(r);
  if (!s) return {};
  if (isScaledObject(r)) return { min: numberField(s, 'minReplicaCount', 0), max: numberField(s, 'maxReplicaCount', 100) };
  return { min: numberField(s, 'minReplicas', 1), max: numberField(s, 'maxReplicas', undefined) };
}

/** The `behavior` mapping of an HPA (v2, v2beta2) or of a ScaledObject's generated HPA. */
export function behaviorNode(r: Resource): YAMLMap<Node, Node | null> | undefined {
  if (isScaledObject(r)) return asMap(get(r.node, 'spec', 'advanced', 'horizontalPodAutoscalerConfig', 'behavior'));
  return asMap(get(r.node, 'spec', 'behavior'));
}

/** Where a fix inserts `behavior`: the HPA's spec, or the ScaledObject's spec (advanced.horizontalPodAutoscalerConfig.behavior). */
export function behaviorPath(r: Resource): { root: YAMLMap<Node, Node | null> | undefined; path: string[] } {
  if (isScaledObject(r)) return { root: spec(r), path: ['advanced', 'horizontalPodAutoscalerConfig', 'behavior'] };
  return { root: spec(r), path: ['behavior'] };
}

/** Whether this autoscaler's API version has `behavior` at all (autoscaling/v1 and v2beta1 do not). */
export function supportsBehavior(r: Resource): boolean {
  if (isScaledObject(r)) return true;
  return r.apiVersion === 'autoscaling/v2' || r.apiVersion === 'autoscaling/v2beta2';
}

export interface ScalingRulesView {
  stabilizationWindowSeconds: number;
  windowExplicit: boolean;
  windowPair?: Pair<Node, Node | null>;
  selectPolicy: string;
  selectPolicyPair?: Pair<Node, Node | null>;
  policies: { type: string; value: number; periodSeconds: number }[];
  node?: YAMLMap<Node, Node | null>;
}

/** SPEC §2 defaults for autoscaling/v2 behavior. */
export const DEFAULT_SCALE_UP = { stabilizationWindowSeconds: 0, selectPolicy: 'Max', policies: [{ type: 'Percent', value: 100, periodSeconds: 15 }, { type: 'Pods', value: 4, periodSeconds: 15 }] };
export const DEFAULT_SCALE_DOWN = { stabilizationWindowSeconds: 300, selectPolicy: 'Max', policies: [{ type: 'Percent', value: 100, periodSeconds: 15 }] };

/** The scaleUp or scaleDown rules with defaults applied for absent fields. */
export function scalingRules(r: Resource, direction: 'scaleUp' | 'scaleDown'): ScalingRulesView {
  const defaults = direction === 'scaleUp' ? DEFAULT_SCALE_UP : DEFAULT_SCALE_DOWN;
  const node = asMap(get(behaviorNode(r), direction));
  const windowPair = node ? getPair(node, 'stabilizationWindowSeconds') : undefined;
  const windowValue = windowPair ? int(windowPair.value) : undefined;
  const selectPair = node ? getPair(node, 'selectPolicy') : undefined;
  const policiesNode = get(node, 'policies');
  let policies = defaults.policies;
  if (policiesNode) {
    policies = seqItems(policiesNode)
      .map((p) => ({ type: str(get(p, 'type')) ?? '', value: num(get(p, 'value')) ?? NaN, periodSeconds: num(get(p, 'periodSeconds')) ?? NaN }))
      .filter((p) => (p.type === 'Pods' || p.type === 'Percent') && Number.isFinite(p.value) && Number.isFinite(p.periodSeconds));
  }
  return {
    stabilizationWindowSeconds: windowValue ?? defaults.stabilizationWindowSeconds,
    windowExplicit: windowValue !== undefined,
    windowPair,
    selectPolicy: str(selectPair?.value) ?? defaults.selectPolicy,
    selectPolicyPair: selectPair,
    policies,
    node,
  };
}

/** The behavior as plain data, defaults applied: what the simulator takes. */
export function behaviorSpec(r: Resource): { scaleUp: Omit<ScalingRulesView, 'node' | 'windowPair' | 'selectPolicyPair' | 'windowExplicit'>; scaleDown: Omit<ScalingRulesView, 'node' | 'windowPair' | 'selectPolicyPair' | 'windowExplicit'> } {
  const pick = (v: ScalingRulesView) => ({ stabilizationWindowSeconds: v.stabilizationWindowSeconds, selectPolicy: v.selectPolicy, policies: v.policies });
  return { scaleUp: pick(scalingRules(r, 'scaleUp')), scaleDown: pick(scalingRules(r, 'scaleDown')) };
}

export interface ScaleTarget {
  kind: string;
  name: string;
  apiVersion?: string;
  node: YAMLMap<Node, Node | null>;
  namePair?: Pair<Node, Node | null>;
}

export function scaleTarget(r: Resource): ScaleTarget | undefined {
  const ref = asMap(get(r.node, 'spec', 'scaleTargetRef'));
  if (!ref) return undefined;
  // KEDA 1.x names the Deployment with `deploymentName`.
  const nameKey = getPair(ref, 'name') || !isScaledObject(r) ? 'name' : 'deploymentName';
  const name = str(get(ref, nameKey));
  if (name === undefined) return undefined;
  // KEDA defaults the target kind to Deployment.
  const kind = str(get(ref, 'kind')) ?? (isScaledObject(r) ? 'Deployment' : '');
  return { kind, name, apiVersion: str(get(ref, 'apiVersion')), node: ref, namePair: getPair(ref, nameKey) };
}

export interface UtilizationMetric {
  /** Resource name: cpu, memory, … */
  resource: string;
  /** Target average utilization in percent, when given as a number. */
  utilization?: number;
  /** The node holding the percentage (to point at). */
  node: Node;
  /** ContainerResource metrics name one container. */
  container?: string;
}

/** Every resource metric with a Utilization target, across HPA versions and KEDA cpu/memory triggers. */
export function utilizationMetrics(r: Resource): UtilizationMetric[] {
  const s = spec(r);
  if (!s) return [];
  const out: UtilizationMetric[] = [];
  if (isScaledObject(r)) {
    for (const t of seqItems(get(s, 'triggers'))) {
      const type = str(get(t, 'type'));
      if (type !== 'cpu' && type !== 'memory') continue;
      const metricType = str(get(t, 'metricType')) ?? str(get(t, 'metadata', 'type'));
      if (metricType !== 'Utilization') continue;
      const valuePair = getPair(get(t, 'metadata'), 'value');
      out.push({ resource: type, utilization: num(valuePair?.value), node: (valuePair?.value ?? t) as Node, container: str(get(t, 'metadata', 'containerName')) });
    }
    return out;
  }
  if (r.apiVersion === 'autoscaling/v1') {
    const pair = getPair(s, 'targetCPUUtilizationPercentage');
    if (pair?.value) out.push({ resource: 'cpu', utilization: num(pair.value), node: pair.value });
    return out;
  }
  for (const m of seqItems(get(s, 'metrics'))) {
    const type = str(get(m, 'type'));
    const source = type === 'Resource' ? get(m, 'resource') : type === 'ContainerResource' ? get(m, 'containerResource') : undefined;
    if (!isMap(source)) continue;
    const resource = str(get(source, 'name'));
    if (!resource) continue;
    const container = type === 'ContainerResource' ? str(get(source, 'container')) : undefined;
    if (r.apiVersion === 'autoscaling/v2beta1') {
      const pair = getPair(source, 'targetAverageUtilization');
      if (pair?.value) out.push({ resource, utilization: num(pair.value), node: pair.value, container });
      continue;
    }
    const target = get(source, 'target');
    if (str(get(target, 'type')) !== 'Utilization') continue;
    const pair = getPair(target, 'averageUtilization');
    out.push({ resource, utilization: num(pair?.value), node: (pair?.value ?? target ?? m) as Node, container });
  }
  return out;
}

/**
 * Where the pods of a Kubernetes object are described: the pod template of a workload-like object
 * (Deployment, StatefulSet, DaemonSet, ReplicaSet, Job, Argo Rollout…), a CronJob's job template, or a bare Pod.
 */
export function podTemplateOf(r: Resource): { labels: Node | undefined; spec: Node | undefined } | undefined {
  if (r.family !== 'kubernetes') return undefined;
  if (r.kind === 'Pod') return { labels: get(r.node, 'metadata', 'labels'), spec: get(r.node, 'spec') };
  const template = r.kind === 'CronJob' ? get(r.node, 'spec', 'jobTemplate', 'spec', 'template') : get(r.node, 'spec', 'template');
  if (!template || !get(template, 'spec', 'containers')) return undefined;
  return { labels: get(template, 'metadata', 'labels'), spec: get(template, 'spec') };
}

/** Kubernetes label-selector match (matchLabels and matchExpressions) against a label set. */
export function selectorMatches(selector: Node | undefined, labels: Map<string, string>): boolean | undefined {
  if (!isMap(selector)) return undefined;
  const matchLabels = getPair(selector, 'matchLabels');
  const matchExpressions = getPair(selector, 'matchExpressions');
  if (!matchLabels && !matchExpressions) return undefined;
  for (const [k, v] of stringMap(matchLabels?.value)) if (labels.get(k) !== v) return false;
  for (const e of seqItems(matchExpressions?.value)) {
    const key = str(get(e, 'key'));
    const op = str(get(e, 'operator'));
    const values = seqItems(get(e, 'values')).map((n) => str(n)).filter((x): x is string => x !== undefined);
    if (!key || !op) continue;
    const has = labels.has(key);
    const v = labels.get(key);
    if (op === 'In' && !(has && values.includes(v!))) return false;
    if (op === 'NotIn' && has && values.includes(v!)) return false;
    if (op === 'Exists' && !has) return false;
    if (op === 'DoesNotExist' && has) return false;
  }
  return true;
}

/** Plain map selector (Service `spec.selector`) match. */
export function mapSelectorMatches(selector: Map<string, string>, labels: Map<string, string>): boolean {
  for (const [k, v] of selector) if (labels.get(k) !== v) return false;
  return true;
}

/** Kubernetes quantities (`500m`, `1Gi`, `2`) as numbers in base units, for comparing requests and limits. */
export function parseQuantity(q: string | number | undefined): number | undefined {
  if (q === undefined) return undefined;
  if (typeof q === 'number') return q;
  const m = /^\s*([+-]?(?:\d+(?:\.\d*)?|\.\d+))(?:[eE]([+-]?\d+))?([a-zA-Z]*)\s*$/.exec(q);
  if (!m) return undefined;
  const base = Number(m[1]) * (m[2] ? 10 ** Number(m[2]) : 1);
  const suffixes: Record<string, number> = {
    '': 1, n: 1e-9, u: 1e-6, m: 1e-3, k: 1e3, M: 1e6, G: 1e9, T: 1e12, P: 1e15, E: 1e18,
    Ki: 1024, Mi: 1024 ** 2, Gi: 1024 ** 3, Ti: 1024 ** 4, Pi: 1024 ** 5, Ei: 1024 ** 6,
  };
  const f = suffixes[m[3]];
  return f === undefined ? undefined : base * f;
}

/**
 * Kubernetes YAML → the model: HPAs and ScaledObjects as autoscalers, Deployments and StatefulSets as
 * workloads (with their pods, from kubernetes-pods.ts), Services, PodDisruptionBudgets as budgets, and
 * VerticalPodAutoscalers.
 */
import { isMap, isScalar, type Node } from 'yaml';
import type { Resource } from '../parse/document';
import { get, getPair, int, keyRange, keyText, mapPairs, rangeOf, scalar, seqItems, str, stringMap } from '../parse/values';
import {
  behaviorNode,
  behaviorPath,
  behaviorSpec,
  isAutoscaler,
  isHpa,
  isPdb,
  isScaledObject,
  isService,
  isWorkload,
  podTemplateOf,
  replicaBounds,
  scaleTarget,
  scalingRules,
  spec,
  supportsBehavior,
  utilizationMetrics,
  type NumberField,
} from '../model/kubernetes';
import { containerPolicies, isVpa, vpaTarget, vpaUpdateMode, type VerticalAutoscaler } from '../model/vpa';
import type { KedaSettings, LabelSelector, ScaleDownFacts, ServicePort, TargetRef } from '../model/kubernetes-facts';
import type { Autoscaler, Budget, ModelValue, ScalingObject, Service, Workload } from '../model/scaling';
import { podOf } from './kubernetes-pods';

/** Where a Kubernetes object is pointed at as a whole: its `spec:` key, else its kind. */
function homeOf(r: Resource): [number, number] {
  const specPair = getPair(r.node, 'spec');
  return (specPair && rangeOf(specPair.key as Node)) ?? r.anchor;
}

function value(f: NumberField, home: [number, number]): ModelValue<number> {
  if (f.node) return { value: f.value, explicit: true, name: f.key, range: rangeOf(f.node) ?? home, key: f.pair && keyRange(f.pair), fix: { kind: 'replace', node: f.node } };
  return { value: f.value, explicit: false, name: f.key, range: home, fix: f.parent ? { kind: 'insert', map: f.parent, key: f.key } : undefined };
}

function autoscaler(r: Resource): Autoscaler {
  const home = homeOf(r);
  const { min, max } = replicaBounds(r);
  const target = scaleTarget(r);
  const keda = isScaledObject(r);
  return {
    type: 'autoscaler',
    source: 'kubernetes',
    resource: r,
    name: r.name,
    kind: r.kind,
    enforcedBy: keda ? 'KEDA' : 'the API server',
    home,
    bounds: { min: min && value(min, home), max: max && value(max, home) },
    boundNames: keda ? { min: 'minReplicaCount', max: 'maxReplicaCount' } : { min: 'minReplicas', max: 'maxReplicas' },
    target: target && { kind: target.kind, name: target.name, apiVersion: target.apiVersion },
    timing: supportsBehavior(r) ? { behavior: behaviorNode(r) ? behaviorSpec(r) : undefined } : { behavior: undefined },
    targetRef: targetRefOf(r),
    utilization: utilizationMetrics(r).map((m) => ({ resource: m.resource, utilization: m.utilization, range: rangeOf(m.node) ?? home, container: m.container })),
    scalesOn: scalesOn(r),
    ownedByScaledObject: isHpa(r) && seqItems(get(r.node, 'metadata', 'ownerReferences')).some((o) => str(get(o, 'kind')) === 'ScaledObject'),
    scaleDown: supportsBehavior(r) ? scaleDownOf(r) : undefined,
    keda: keda ? kedaSettings(r) : undefined,
  };
}

function targetRefOf(r: Resource): TargetRef | undefined {
  const t = scaleTarget(r);
  if (!t) return undefined;
  const name = t.namePair?.value ?? undefined;
  const kind = getPair(t.node, 'kind')?.value ?? undefined;
  const apiVersion = getPair(t.node, 'apiVersion')?.value ?? undefined;
  return {
    nameRange: rangeOf(name) ?? keyRange(t.namePair),
    nameFix: name ? { kind: 'replace', node: name } : undefined,
    kindRange: rangeOf(kind),
    kindFix: kind ? { kind: 'replace', node: kind } : { kind: 'insert', map: t.node, key: 'kind' },
    apiVersionRange: rangeOf(apiVersion),
    apiVersionFix: apiVersion ? { kind: 'replace', node: apiVersion } : undefined,
  };
}

/**
 * The resources (cpu, memory…) an HPA or ScaledObject computes its replica count from, each with how it is
 * written, for messages. autoscaling/v1 and v2 without metrics default to CPU utilization (80 %).
 */
function scalesOn(a: Resource): Map<string, string> {
  const out = new Map<string, string>();
  const s = spec(a);
  if (!s) return out;
  if (isScaledObject(a)) {
    for (const t of seqItems(get(s, 'triggers'))) {
      const type = str(get(t, 'type'));
      if (type === 'cpu' || type === 'memory') out.set(type, `a ${type} trigger`);
    }
    return out;
  }
  if (a.apiVersion === 'autoscaling/v1') {
    out.set('cpu', get(s, 'targetCPUUtilizationPercentage') ? 'targetCPUUtilizationPercentage' : 'the default CPU target (80 %)');
    return out;
  }
  if (!get(s, 'metrics')) out.set('cpu', 'the default CPU target (80 %, no metrics set)');
  for (const m of seqItems(get(s, 'metrics'))) {
    const type = str(get(m, 'type'));
    const source = type === 'Resource' ? get(m, 'resource') : type === 'ContainerResource' ? get(m, 'containerResource') : undefined;
    if (!isMap(source)) continue;
    const resource = str(get(source, 'name'));
    if (resource && !out.has(resource)) out.set(resource, `a ${type} metric on ${resource}`);
  }
  return out;
}

/** Where a finding about an absent scale-down window points: the deepest of scaleDown / behavior / spec that is written. */
function absentWindowHome(r: Resource): [number, number] {
  const behavior = behaviorNode(r);
  const scaleDown = getPair(behavior, 'scaleDown');
  if (scaleDown) return rangeOf(scaleDown.key) ?? r.anchor;
  if (behavior) {
    const holder = isScaledObject(r) ? get(r.node, 'spec', 'advanced', 'horizontalPodAutoscalerConfig') : get(r.node, 'spec');
    const pair = getPair(holder, 'behavior');
    if (pair) return rangeOf(pair.key) ?? r.anchor;
  }
  return rangeOf(getPair(r.node, 'spec')?.key) ?? r.anchor;
}

function scaleDownOf(r: Resource): ScaleDownFacts {
  const down = scalingRules(r, 'scaleDown');
  const { root, path } = behaviorPath(r);
  const written = down.windowExplicit ? down.windowPair?.value : undefined;
  return {
    window: {
      value: down.stabilizationWindowSeconds,
      explicit: down.windowExplicit,
      name: 'stabilizationWindowSeconds',
      range: (written && rangeOf(written)) || absentWindowHome(r),
      key: keyRange(down.windowPair),
    },
    windowUnreadable: !!down.windowPair && !down.windowExplicit,
    selectPolicy: down.selectPolicy,
    fix: root ? { root, path: [...path, 'scaleDown', 'stabilizationWindowSeconds'] } : undefined,
  };
}

/** An integer field as a model value: where it is written, and its fix. */
function intValue(pair: ReturnType<typeof getPair>, name: string): ModelValue<number> | undefined {
  const value = int(pair?.value);
  if (!pair || value === undefined) return undefined;
  return { value, explicit: true, name, range: rangeOf(pair.value) ?? keyRange(pair) ?? [0, 0], key: keyRange(pair), fix: pair.value ? { kind: 'replace', node: pair.value } : undefined };
}

function kedaSettings(r: Resource): KedaSettings {
  const s = spec(r);
  const fallback = getPair(s, 'fallback');
  const transfer = str(get(r.node, 'metadata', 'annotations', 'scaledobject.keda.sh/transfer-hpa-ownership')) === 'true';
  return {
    idleReplicaCount: intValue(getPair(s, 'idleReplicaCount'), 'idleReplicaCount'),
    fallbackKey: keyRange(fallback),
    fallbackReplicas: intValue(getPair(get(s, 'fallback'), 'replicas'), 'fallback.replicas'),
    cooldownKey: keyRange(getPair(s, 'cooldownPeriod')),
    triggerTypes: seqItems(get(s, 'triggers')).map((t) => str(get(t, 'type'))),
    takesOverHpa: transfer ? str(get(s, 'advanced', 'horizontalPodAutoscalerConfig', 'name')) : undefined,
  };
}

function selectorOf(node: Node | undefined): LabelSelector {
  const map = isMap(node);
  return {
    node,
    matchLabels: stringMap(get(node, 'matchLabels')),
    hasMatchExpressions: !!getPair(node, 'matchExpressions'),
    empty: map && mapPairs(node).length === 0,
    isMap: map,
  };
}

function workload(r: Resource): Workload {
  const home = homeOf(r);
  const s = spec(r);
  const pair = s ? getPair(s, 'replicas') : undefined;
  let replicas: ModelValue<number> | undefined;
  const written = pair ? int(pair.value) : undefined;
  if (pair?.value && written !== undefined) {
    replicas = { value: written, explicit: true, name: 'replicas', range: rangeOf(pair.value) ?? home, key: keyRange(pair), fix: { kind: 'replace', node: pair.value } };
  } else if (s && !pair) {
    replicas = { value: 1, explicit: false, name: 'replicas', range: home, fix: s ? { kind: 'insert', map: s, key: 'replicas' } : undefined };
  }
  const replicasWritten = pair && s ? { text: written !== undefined ? String(written) : (str(pair.value) ?? 'set'), value: written, key: keyRange(pair) ?? home, map: s } : undefined;
  return {
    type: 'workload',
    source: 'kubernetes',
    resource: r,
    name: r.name,
    kind: r.kind,
    home,
    replicas,
    podLabels: stringMap(podTemplateOf(r)?.labels),
    replicasWritten,
    pod: podOf(r),
    selector: getPair(s, 'selector') ? selectorOf(get(s, 'selector')) : undefined,
    nameRange: rangeOf(get(r.node, 'metadata', 'name')),
  };
}

function service(r: Resource): Service {
  const selectorPair = getPair(get(r.node, 'spec'), 'selector');
  const ports: ServicePort[] = seqItems(get(r.node, 'spec', 'ports')).map((p) => ({ range: rangeOf(p) ?? r.anchor, name: str(get(p, 'name')), port: str(get(p, 'port')), targetPort: targetPortOf(p) }));
  return {
    type: 'service',
    source: 'kubernetes',
    resource: r,
    name: r.name,
    home: homeOf(r),
    // ExternalName Services and those with manual Endpoints select no pods.
    selector: str(get(r.node, 'spec', 'type')) === 'ExternalName' ? new Map() : stringMap(selectorPair?.value),
    selectorKey: keyRange(selectorPair),
    ports,
  };
}

/** `targetPort` as written: a number (numeric strings too), a port name, or the `port` it defaults to. */
function targetPortOf(p: Node): ModelValue<number | string> | undefined {
  const pair = getPair(p, 'targetPort');
  if (!pair || pair.value === null || (isScalar(pair.value) && pair.value.value === null)) {
    const portNode = get(p, 'port');
    const port = int(portNode);
    return port === undefined || !portNode ? undefined : { value: port, explicit: false, name: 'targetPort', range: rangeOf(portNode) ?? [0, 0] };
  }
  const value = int(pair.value) ?? str(pair.value);
  if (value === undefined) return undefined;
  return { value, explicit: true, name: 'targetPort', range: rangeOf(pair.value) ?? [0, 0], key: keyRange(pair), fix: { kind: 'replace', node: pair.value } };
}

/** An IntOrString budget value as written: a count, a string (`50%`), or NaN for anything else. */
function budgetValue(pair: ReturnType<typeof getPair>, name: string): ModelValue<number | string> | undefined {
  if (!pair) return undefined;
  const v = isScalar(pair.value) ? pair.value.value : undefined;
  const value = typeof v === 'number' || typeof v === 'string' ? v : NaN;
  const range = rangeOf(pair.value);
  return { value, explicit: true, name, range: range ?? keyRange(pair) ?? [0, 0], key: keyRange(pair), fix: range ? { kind: 'text', start: range[0], end: range[1] } : undefined };
}

function budget(r: Resource): Budget {
  const s = get(r.node, 'spec');
  return {
    type: 'budget',
    source: 'kubernetes',
    resource: r,
    name: r.name,
    home: homeOf(r),
    minAvailable: budgetValue(getPair(s, 'minAvailable'), 'minAvailable'),
    maxUnavailable: budgetValue(getPair(s, 'maxUnavailable'), 'maxUnavailable'),
    selector: selectorOf(get(s, 'selector')),
  };
}

/** A quantity as written (`500m`, `1Gi`, 2). */
function quantityText(node: unknown): string | undefined {
  const s = scalar(node as never);
  return s && (typeof s.value === 'string' || typeof s.value === 'number') ? String(s.value) : undefined;
}

function verticalAutoscaler(r: Resource): VerticalAutoscaler {
  const home = homeOf(r);
  const t = vpaTarget(r);
  const mode = vpaUpdateMode(r);
  const modeValue = mode?.pair?.value;
  return {
    type: 'vertical-autoscaler',
    source: 'kubernetes',
    resource: r,
    name: r.name,
    kind: r.kind,
    home,
    target: t && { kind: t.kind, name: t.name, range: rangeOf(t.namePair?.value ?? t.node) ?? home, nameFix: t.namePair?.value ? { kind: 'replace', node: t.namePair.value } : undefined },
    updateMode: mode && { value: mode.value, explicit: mode.explicit, name: 'updateMode', range: rangeOf(modeValue) ?? home, key: keyRange(mode.pair) },
    minReplicas: int(get(r.node, 'spec', 'updatePolicy', 'minReplicas')),
    policies: containerPolicies(r).map((p) => {
      const maxAllowed = new Map<string, string | undefined>();
      for (const pair of mapPairs(get(p.node, 'maxAllowed'))) {
        const resource = keyText(pair);
        if (resource !== undefined && !maxAllowed.has(resource)) maxAllowed.set(resource, quantityText(pair.value));
      }
      const minAllowed = mapPairs(get(p.node, 'minAllowed')).flatMap((pair) => {
        const resource = keyText(pair);
        return resource === undefined ? [] : [{ resource, text: quantityText(pair.value), range: rangeOf(pair.value) ?? keyRange(pair) ?? home }];
      });
      return { containerName: p.containerName, mode: p.mode, controlledResources: p.controlledResources, minAllowed, maxAllowed };
    }),
  };
}

/** The scaling object a Kubernetes resource is, if it is one the model knows. */
export function kubernetesObject(r: Resource): ScalingObject | undefined {
  if (isAutoscaler(r)) return autoscaler(r);
  if (isWorkload(r)) return workload(r);
  if (isService(r)) return service(r);
  if (isPdb(r)) return budget(r);
  if (isVpa(r)) return verticalAutoscaler(r);
  return undefined;
}

/** Kubernetes YAML → the model: HPAs and ScaledObjects as autoscalers, Deployments and StatefulSets as workloads. */
import type { Node } from 'yaml';
import type { Resource } from '../parse/document';
import { getPair, int, keyRange, rangeOf, stringMap } from '../parse/values';
import { behaviorNode, behaviorSpec, isAutoscaler, isScaledObject, isWorkload, podTemplateOf, replicaBounds, scaleTarget, spec, supportsBehavior, type NumberField } from '../model/kubernetes';
import type { Autoscaler, ModelValue, ScalingObject, Workload } from '../model/scaling';

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
  return { type: 'workload', source: 'kubernetes', resource: r, name: r.name, kind: r.kind, home, replicas, podLabels: stringMap(podTemplateOf(r)?.labels) };
}

/** The scaling object a Kubernetes resource is, if it is one the model knows. */
export function kubernetesObject(r: Resource): ScalingObject | undefined {
  if (isAutoscaler(r)) return autoscaler(r);
  if (isWorkload(r)) return workload(r);
  return undefined;
}

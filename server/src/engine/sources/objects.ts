/**
 * The model, per resource: the scaling object a resource is, built by its format's source the first time a
 * rule asks and kept as long as the parsed document (a keystroke re-parses one document, and only its
 * objects are built again).
 */
import type { Resource } from '../parse/document';
import { kubernetesObject } from './kubernetes';
import { cloudFormationObject } from './cloudformation';
import type { Autoscaler, Budget, ScalingObject, Service, Workload } from '../model/scaling';
import type { VerticalAutoscaler } from '../model/vpa';

export type * from '../model/scaling';

const built = new WeakMap<Resource, ScalingObject | null>();

export function modelOf(r: Resource): ScalingObject | undefined {
  let o = built.get(r);
  if (o === undefined) {
    o = (r.family === 'kubernetes' ? kubernetesObject(r) : r.family === 'cloudformation' ? cloudFormationObject(r) : undefined) ?? null;
    built.set(r, o);
  }
  return o ?? undefined;
}

/** The resource as an autoscaler (HPA, ScaledObject, Auto Scaling group), if it is one. */
export function autoscalerOf(r: Resource): Autoscaler | undefined {
  const o = modelOf(r);
  return o?.type === 'autoscaler' ? o : undefined;
}

export function workloadOf(r: Resource): Workload | undefined {
  const o = modelOf(r);
  return o?.type === 'workload' ? o : undefined;
}

export function serviceOf(r: Resource): Service | undefined {
  const o = modelOf(r);
  return o?.type === 'service' ? o : undefined;
}

/** The resource as a disruption budget (PodDisruptionBudget), if it is one. */
export function budgetOf(r: Resource): Budget | undefined {
  const o = modelOf(r);
  return o?.type === 'budget' ? o : undefined;
}

export function verticalAutoscalerOf(r: Resource): VerticalAutoscaler | undefined {
  const o = modelOf(r);
  return o?.type === 'vertical-autoscaler' ? o : undefined;
}

/** The pods of any Kubernetes object with a pod template (not only workloads: DaemonSets, Jobs, Pods). */
export { podOf } from './kubernetes-pods';

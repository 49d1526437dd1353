/**
 * The VerticalPodAutoscaler (autoscaling.k8s.io/v1, kubernetes/autoscaler's CRD): what it targets, how it
 * updates pods, and which resources of which containers it controls, with the CRD's defaults applied.
 */
import type { Node, Pair, YAMLMap } from 'yaml';
import type { Resource } from '../parse/document';
import { asMap, get, getPair, seqItems, str } from '../parse/values';
import type { FixTarget, ModelValue, ScalingObjectBase } from './scaling';

export const VPA = 'VerticalPodAutoscaler';

export function isVpa(r: Resource): boolean {
  return r.family === 'kubernetes' && r.kind === VPA && /^autoscaling\.k8s\.io\//.test(r.apiVersion ?? '');
}

export interface VpaTarget {
  kind: string;
  name: string;
  node: YAMLMap<Node, Node | null>;
  namePair?: Pair<Node, Node | null>;
}

/** `spec.targetRef` (kind and name both needed). */
export function vpaTarget(r: Resource): VpaTarget | undefined {
  const ref = asMap(get(r.node, 'spec', 'targetRef'));
  if (!ref) return undefined;
  const kind = str(get(ref, 'kind'));
  const name = str(get(ref, 'name'));
  if (kind === undefined || name === undefined) return undefined;
  return { kind, name, node: ref, namePair: getPair(ref, 'name') };
}

/** Update modes that change running pods (evicting them, or resizing them in place when it can). */
export const ACTIVE_UPDATE_MODES = new Set(['Auto', 'Recreate', 'InPlaceOrRecreate']);

/** `spec.updatePolicy.updateMode`; absent means `Auto` (Recreate in current releases). Undefined when not a string. */
export function vpaUpdateMode(r: Resource): { value: string; explicit: boolean; pair?: Pair<Node, Node | null> } | undefined {
  const pair = getPair(get(r.node, 'spec', 'updatePolicy'), 'updateMode');
  if (!pair) return { value: 'Auto', explicit: false };
  const value = str(pair.value);
  return value === undefined ? undefined : { value, explicit: true, pair };
}

/** A VerticalPodAutoscaler in the model of scaling objects (sources/kubernetes.ts builds it). */
export interface VerticalAutoscaler extends ScalingObjectBase {
  type: 'vertical-autoscaler';
  kind: string;
  /** `spec.targetRef` with kind and name; the range of its name value (else of the reference) to point at. */
  target?: { kind: string; name: string; range: [number, number]; nameFix?: FixTarget };
  /** `updatePolicy.updateMode` (default Auto); undefined when written but not a string. */
  updateMode?: ModelValue<string>;
  /** `updatePolicy.minReplicas`, when an integer. */
  minReplicas?: number;
  policies: ContainerPolicyFacts[];
}

/** A container policy with its bounds as written (quantities as text). */
export interface ContainerPolicyFacts {
  containerName: string;
  mode: string;
  controlledResources: string[];
  /** `minAllowed` entries in order, each with the range of its value. */
  minAllowed: { resource: string; text?: string; range: [number, number] }[];
  /** `maxAllowed` quantities by resource (the first entry of a name). */
  maxAllowed: Map<string, string | undefined>;
}

export interface ContainerPolicy {
  /** `containerName`; `*` is the policy of every container without one of its own. */
  containerName: string;
  /** `mode`: `Auto` (default) or `Off`. */
  mode: string;
  /** `controlledResources`, default [cpu, memory]. */
  controlledResources: string[];
  node: YAMLMap<Node, Node | null>;
}

export function containerPolicies(r: Resource): ContainerPolicy[] {
  const out: ContainerPolicy[] = [];
  for (const item of seqItems(get(r.node, 'spec', 'resourcePolicy', 'containerPolicies'))) {
    const node = asMap(item);
    if (!node) continue;
    const controlledPair = getPair(node, 'controlledResources');
    const controlled = controlledPair ? seqItems(controlledPair.value).map((n) => str(n)).filter((s): s is string => s !== undefined) : ['cpu', 'memory'];
    out.push({ containerName: str(get(node, 'containerName')) ?? '*', mode: str(get(node, 'mode')) ?? 'Auto', controlledResources: controlled, node });
  }
  return out;
}

/**
 * The resources the VPA sets on the pods: per container, its own policy, else the `*` policy, else both cpu
 * and memory. Without the workload (its container names unknown), the `*` policy or the default stands for
 * the containers no named policy covers. `names`: the workload's container names, [] when it is unknown.
 */
export function controlledResources(policies: readonly Pick<ContainerPolicy, 'containerName' | 'mode' | 'controlledResources'>[], names: readonly string[]): Set<string> {
  const star = policies.find((p) => p.containerName === '*');
  const resourcesOf = (p: (typeof policies)[number] | undefined) => (!p ? ['cpu', 'memory'] : p.mode === 'Off' ? [] : p.controlledResources);
  const out = new Set<string>();
  if (names.length) {
    for (const name of names) for (const res of resourcesOf(policies.find((p) => p.containerName === name) ?? star)) out.add(res);
    return out;
  }
  for (const p of policies) if (p.containerName !== '*') for (const res of resourcesOf(p)) out.add(res);
  for (const res of resourcesOf(star)) out.add(res);
  return out;
}

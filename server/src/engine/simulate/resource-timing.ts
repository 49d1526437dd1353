/**
 * The simulator's spec from any autoscaler of the model, and its timing: min → max under sustained
 * overload, and back to min once the load is gone. The one derivation that `scale-up-speed`, the hover,
 * the code lens ("2 → 20 in 30 s · back to 2 in 4 min 45 s") and `scalelint simulate` share: the
 * autoscaler's object as written (aliases expanded, YAML 1.1 booleans as Kubernetes reads them) handed to
 * the simulator's reader of HPAs and ScaledObjects (resolveHpa: defaults, KEDA's mapping, validation).
 */
import type { Document } from 'yaml';
import type { Resource } from '../parse/document';
import type { Autoscaler } from '../model/scaling';
import { AnchorIndex, toInstance } from '../schema/instance';
import { autoscalerOf } from '../sources/objects';
import { resolveHpa, type ResolvedHpa } from './spec';
import { describeTiming } from './timing';
import type { HpaSpecLike } from './types';

export type AutoscalerTiming = { text: string; spec: HpaSpecLike } | { error: string };

/** The YAML document of a resource's chunk that holds it (a chunk may hold several). */
function documentOf(r: Resource): Document.Parsed | undefined {
  const docs = r.chunk.docs;
  if (docs.length <= 1) return docs[0];
  const at = r.node.range?.[0] ?? 0;
  return docs.find((d) => {
    const range = d.contents?.range;
    return range ? range[0] <= at && at <= range[2] : false;
  });
}

/**
 * What the simulator runs for an autoscaler: `spec` (the object as written, the simulator's input) and
 * `resolved` (its bounds, behavior and tolerances with every default applied), or why there is none.
 */
export function simulatorSpec(a: Autoscaler): { spec: HpaSpecLike; resolved: ResolvedHpa } | { error: string } {
  if (!a.timing) return { error: `${a.kind} is not simulated` };
  // Bounds the model cannot read are named as the model names them (the lens and hover say which field).
  if (!a.bounds.max) return { error: `${a.boundNames.max} is not set to a number` };
  if (!a.bounds.min) return { error: `${a.boundNames.min} is not a number` };
  const r = a.resource;
  const converted = toInstance(r.node, { yaml11Booleans: true, anchors: new AnchorIndex(documentOf(r)) });
  if ('skipped' in converted) {
    const why = converted.skipped === 'cycle' ? 'an alias refers to a node that contains it' : `it is too ${converted.skipped === 'size' ? 'large once aliases are expanded' : 'deeply nested'}`;
    return { error: `it cannot be read (${why})` };
  }
  const value = withModelBounds(converted.instance.value, a);
  const resolved = resolveHpa(value);
  if ('error' in resolved) return resolved;
  return { spec: value as HpaSpecLike, resolved };
}

/**
 * The object with its bounds as the model reads them: a bound written as a quoted number (`maxReplicas: "20"`,
 * which the schema rule reports) is still simulated with its number, as every rule reads it.
 */
function withModelBounds(value: unknown, a: Autoscaler): unknown {
  const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
  if (!isObject(value) || !isObject(value.spec)) return value;
  const spec = { ...value.spec };
  if (a.bounds.min?.explicit) spec[a.boundNames.min] = a.bounds.min.value;
  if (a.bounds.max?.explicit) spec[a.boundNames.max] = a.bounds.max.value;
  return { ...value, spec };
}

/** The spec the simulator runs for an autoscaler resource, or why there is none. */
export function autoscalerSpec(r: Resource): { spec: HpaSpecLike; resolved: ResolvedHpa } | { error: string } {
  const a = autoscalerOf(r);
  return a?.timing ? simulatorSpec(a) : { error: `${r.kind} is not an autoscaler` };
}

/** The timing line for an HPA or ScaledObject, or why it cannot be simulated. */
export function autoscalerTiming(r: Resource): AutoscalerTiming {
  const s = autoscalerSpec(r);
  if ('error' in s) return s;
  const text = describeTiming(s.spec);
  if (text.startsWith('cannot simulate: ')) return { error: text.slice('cannot simulate: '.length) };
  return { text, spec: s.spec };
}

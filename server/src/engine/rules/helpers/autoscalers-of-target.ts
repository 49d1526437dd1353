/**
 * Autoscalers that name a target, whether or not the target itself is in the lint set: two HPAs on
 * `Deployment web` conflict even when the Deployment lives in another repository. And the resources an
 * autoscaler scales on (what a VPA must leave alone).
 */
import { isMap } from 'yaml';
import type { Resource } from '../../parse/document';
import { isScaledObject, spec } from '../../model/kubernetes';
import { get, seqItems, str } from '../../parse/values';
import type { SetContext } from '../rule';

/**
 * The HPAs and ScaledObjects whose scaleTargetRef names `kind`/`name` in `near`'s namespace, in lint-set
 * order. The index looks autoscalers up by their target's kind and name and `near`'s namespace only, so a
 * stand-in with those three fields asks it the same question a workload would.
 */
export function autoscalersNaming(ctx: SetContext<any>, kind: string, name: string, near: Resource): Resource[] {
  const standIn = { family: 'kubernetes', kind, name, namespace: near.namespace } as unknown as Resource;
  return ctx.index.autoscalersOf(standIn);
}

/**
 * The resources (cpu, memory…) an HPA or ScaledObject computes its replica count from. autoscaling/v1
 * and v2 without metrics default to CPU utilization (80 %).
 */
export function scalesOnResources(a: Resource): Map<string, string> {
  const out = new Map<string, string>(); // resource → how it is written, for messages
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
  const metrics = seqItems(get(s, 'metrics'));
  if (!get(s, 'metrics')) out.set('cpu', 'the default CPU target (80 %, no metrics set)');
  for (const m of metrics) {
    const type = str(get(m, 'type'));
    const source = type === 'Resource' ? get(m, 'resource') : type === 'ContainerResource' ? get(m, 'containerResource') : undefined;
    if (!isMap(source)) continue;
    const resource = str(get(source, 'name'));
    if (resource && !out.has(resource)) out.set(resource, `a ${type} metric on ${resource}`);
  }
  return out;
}

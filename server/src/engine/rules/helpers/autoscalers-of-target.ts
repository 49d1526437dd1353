/**
 * Autoscalers that name a target, whether or not the target itself is in the lint set: two HPAs on
 * `Deployment web` conflict even when the Deployment lives in another repository. (The resources an
 * autoscaler scales on are the model's: Autoscaler.scalesOn.)
 */
import type { Resource } from '../../parse/document';
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

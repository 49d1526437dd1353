/**
 * Autoscalers that name a target, whether or not the target itself is in the lint set: two HPAs on
 * `Deployment web` conflict even when the Deployment lives in another repository. (The resources an
 * autoscaler scales on are the model's: Autoscaler.scalesOn.)
 */
import type { Resource } from '../../parse/document';
import type { SetContext } from '../rule';

/** The HPAs and ScaledObjects whose scaleTargetRef names `kind`/`name` in `near`'s namespace, in lint-set order. */
export function autoscalersNaming(ctx: SetContext<any>, kind: string, name: string, near: Resource): readonly Resource[] {
  return ctx.index.autoscalersNamed(kind, name, near);
}

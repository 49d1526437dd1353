/**
 * The Kubernetes kinds ScaleLint reads, with the apiVersions that serve them. A document of one of these
 * kinds is a resource even when its `apiVersion` is missing or misspelled (parse/document.ts), so the
 * `schema` rule can say so instead of the document vanishing without a word.
 */

export interface KindVersions {
  /** apiVersions a current cluster (or KEDA 2, the VPA's CRD) serves, the first one preferred. */
  current: readonly string[];
  /** apiVersions that once served the kind (removed since): real, and deprecated-api's business. */
  retired: readonly string[];
}

export const KINDS_READ: Readonly<Record<string, KindVersions>> = {
  HorizontalPodAutoscaler: { current: ['autoscaling/v2', 'autoscaling/v1'], retired: ['autoscaling/v2beta2', 'autoscaling/v2beta1'] },
  Deployment: { current: ['apps/v1'], retired: ['apps/v1beta2', 'apps/v1beta1', 'extensions/v1beta1'] },
  StatefulSet: { current: ['apps/v1'], retired: ['apps/v1beta2', 'apps/v1beta1'] },
  Service: { current: ['v1'], retired: [] },
  PodDisruptionBudget: { current: ['policy/v1'], retired: ['policy/v1beta1'] },
  ScaledObject: { current: ['keda.sh/v1alpha1'], retired: ['keda.k8s.io/v1alpha1'] },
  VerticalPodAutoscaler: { current: ['autoscaling.k8s.io/v1'], retired: ['autoscaling.k8s.io/v1beta2', 'autoscaling.k8s.io/v1beta1'] },
};

export function isKindRead(kind: string): boolean {
  return Object.prototype.hasOwnProperty.call(KINDS_READ, kind);
}

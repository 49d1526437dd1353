/**
 * The Kubernetes provider's resources as the manifests they apply (SPEC §9's last row): a
 * `kubernetes_horizontal_pod_autoscaler_v2` is an `autoscaling/v2` HorizontalPodAutoscaler whose
 * `spec.min_replicas` is `spec.minReplicas`. The provider's blocks and attributes are the API's fields in
 * snake_case, and a repeated block (`container { … } container { … }`) is the API's list (`containers`);
 * `kubernetes_manifest`'s `manifest` is the object as written. Facts: the hashicorp/terraform-provider-
 * kubernetes documentation (docs/resources/*.md).
 */

/** The resource types read, with the API version and kind they apply. */
export const KUBERNETES_KINDS: Readonly<Record<string, { apiVersion: string; kind: string }>> = {
  kubernetes_horizontal_pod_autoscaler_v2: { apiVersion: 'autoscaling/v2', kind: 'HorizontalPodAutoscaler' },
  kubernetes_horizontal_pod_autoscaler_v2beta2: { apiVersion: 'autoscaling/v2beta2', kind: 'HorizontalPodAutoscaler' },
  kubernetes_horizontal_pod_autoscaler_v1: { apiVersion: 'autoscaling/v1', kind: 'HorizontalPodAutoscaler' },
  kubernetes_horizontal_pod_autoscaler: { apiVersion: 'autoscaling/v1', kind: 'HorizontalPodAutoscaler' },
  kubernetes_deployment_v1: { apiVersion: 'apps/v1', kind: 'Deployment' },
  kubernetes_deployment: { apiVersion: 'apps/v1', kind: 'Deployment' },
  kubernetes_stateful_set_v1: { apiVersion: 'apps/v1', kind: 'StatefulSet' },
  kubernetes_stateful_set: { apiVersion: 'apps/v1', kind: 'StatefulSet' },
  kubernetes_service_v1: { apiVersion: 'v1', kind: 'Service' },
  kubernetes_service: { apiVersion: 'v1', kind: 'Service' },
  // The unversioned PDB applies policy/v1beta1 with older providers; the rules read it as the stable API.
  kubernetes_pod_disruption_budget_v1: { apiVersion: 'policy/v1', kind: 'PodDisruptionBudget' },
  kubernetes_pod_disruption_budget: { apiVersion: 'policy/v1', kind: 'PodDisruptionBudget' },
};

/** Repeated blocks that are lists in the API, by block type: the field's name. */
export const LIST_BLOCKS: Readonly<Record<string, string>> = {
  metric: 'metrics',
  policy: 'policies',
  container: 'containers',
  init_container: 'initContainers',
  port: 'ports',
  env: 'env',
  env_from: 'envFrom',
  volume: 'volumes',
  volume_mount: 'volumeMounts',
  toleration: 'tolerations',
  match_expressions: 'matchExpressions',
  topology_spread_constraint: 'topologySpreadConstraints',
  image_pull_secrets: 'imagePullSecrets',
  host_aliases: 'hostAliases',
  volume_claim_template: 'volumeClaimTemplates',
  http_header: 'httpHeaders',
};

/** Names whose API spelling is not the plain camelCase of the provider's. */
const SPELLINGS: Readonly<Record<string, string>> = {
  target_cpu_utilization_percentage: 'targetCPUUtilizationPercentage',
  host_ip: 'hostIP',
  cluster_ip: 'clusterIP',
  cluster_ips: 'clusterIPs',
  load_balancer_ip: 'loadBalancerIP',
  pod_ip: 'podIP',
};

/** Fields whose value the API takes as an int-or-string, which the provider writes as a string: `"8080"` is port 8080. */
export const INT_OR_STRING = new Set(['targetPort', 'port', 'containerPort', 'minAvailable', 'maxUnavailable', 'maxSurge', 'replicas']);

export function apiName(tf: string): string {
  return SPELLINGS[tf] ?? tf.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());
}

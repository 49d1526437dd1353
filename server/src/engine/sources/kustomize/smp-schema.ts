/**
 * The part of the Kubernetes OpenAPI schema that strategic merge needs: which lists merge, and by which
 * keys. kustomize uses the schema compiled into it (Kubernetes v1.21.2), so only the group/versions that
 * exist there have one: `autoscaling/v2` HPAs, `extensions/v1beta1` Deployments and every custom
 * resource (KEDA ScaledObject, VPA) have no schema, and their lists are replaced by a patch, not merged.
 */

export interface ListRule {
  /** Merge keys; empty for a merged list of scalars (finalizers). */
  keys: string[];
  /** Type of the elements, when they have merged lists of their own. */
  elem?: string;
}

export interface FieldRule {
  list?: ListRule;
  type?: string;
}

const L = (keys: string[], elem?: string): FieldRule => ({ list: elem ? { keys, elem } : { keys } });
const T = (type: string): FieldRule => ({ type });

const TYPES: Record<string, Record<string, FieldRule>> = {
  ObjectMeta: { ownerReferences: L(['uid']), finalizers: L([]) },
  PodTemplateSpec: { metadata: T('ObjectMeta'), spec: T('PodSpec') },
  PodSpec: {
    containers: L(['name'], 'Container'),
    initContainers: L(['name'], 'Container'),
    ephemeralContainers: L(['name'], 'Container'),
    volumes: L(['name']),
    imagePullSecrets: L(['name']),
    hostAliases: L(['ip']),
    topologySpreadConstraints: L(['topologyKey', 'whenUnsatisfiable']),
  },
  Container: {
    ports: L(['containerPort', 'protocol']),
    env: L(['name']),
    volumeMounts: L(['mountPath']),
    volumeDevices: L(['devicePath']),
  },
  WorkloadSpec: { template: T('PodTemplateSpec') },
  JobTemplateSpec: { metadata: T('ObjectMeta'), spec: T('WorkloadSpec') },
  CronJobSpec: { jobTemplate: T('JobTemplateSpec') },
  ServiceSpec: { ports: L(['port', 'protocol']) },
  PodRoot: { metadata: T('ObjectMeta'), spec: T('PodSpec') },
  PodTemplateRoot: { metadata: T('ObjectMeta'), template: T('PodTemplateSpec') },
  WorkloadRoot: { metadata: T('ObjectMeta'), spec: T('WorkloadSpec') },
  CronJobRoot: { metadata: T('ObjectMeta'), spec: T('CronJobSpec') },
  ServiceRoot: { metadata: T('ObjectMeta'), spec: T('ServiceSpec') },
  PlainRoot: { metadata: T('ObjectMeta') },
};

/** apiVersion → kinds present in the v1.21.2 schema, with the root type for those that have merged lists. */
const KNOWN: Record<string, Record<string, string>> = {
  v1: {
    Pod: 'PodRoot', PodTemplate: 'PodTemplateRoot', ReplicationController: 'WorkloadRoot', Service: 'ServiceRoot',
    ConfigMap: 'PlainRoot', Secret: 'PlainRoot', Namespace: 'PlainRoot', ServiceAccount: 'PlainRoot',
    PersistentVolumeClaim: 'PlainRoot', PersistentVolume: 'PlainRoot', Endpoints: 'PlainRoot', LimitRange: 'PlainRoot',
    ResourceQuota: 'PlainRoot', Node: 'PlainRoot', Event: 'PlainRoot',
  },
  'apps/v1': { Deployment: 'WorkloadRoot', StatefulSet: 'WorkloadRoot', DaemonSet: 'WorkloadRoot', ReplicaSet: 'WorkloadRoot', ControllerRevision: 'PlainRoot' },
  'batch/v1': { Job: 'WorkloadRoot', CronJob: 'CronJobRoot' },
  'batch/v1beta1': { CronJob: 'CronJobRoot' },
  'autoscaling/v1': { HorizontalPodAutoscaler: 'PlainRoot' },
  'autoscaling/v2beta1': { HorizontalPodAutoscaler: 'PlainRoot' },
  'autoscaling/v2beta2': { HorizontalPodAutoscaler: 'PlainRoot' },
  'policy/v1': { PodDisruptionBudget: 'PlainRoot' },
  'policy/v1beta1': { PodDisruptionBudget: 'PlainRoot', PodSecurityPolicy: 'PlainRoot' },
  'networking.k8s.io/v1': { Ingress: 'PlainRoot', NetworkPolicy: 'PlainRoot', IngressClass: 'PlainRoot' },
  'networking.k8s.io/v1beta1': { Ingress: 'PlainRoot', IngressClass: 'PlainRoot' },
  'rbac.authorization.k8s.io/v1': { Role: 'PlainRoot', ClusterRole: 'PlainRoot', RoleBinding: 'PlainRoot', ClusterRoleBinding: 'PlainRoot' },
  'scheduling.k8s.io/v1': { PriorityClass: 'PlainRoot' },
  'storage.k8s.io/v1': { StorageClass: 'PlainRoot' },
};

/** The root schema type of a resource, undefined when kustomize has no schema for it. */
export function rootType(apiVersion: string, kind: string): string | undefined {
  return KNOWN[apiVersion]?.[kind];
}

export function fieldRule(type: string | undefined, key: string): FieldRule | undefined {
  if (type === undefined) return undefined;
  return TYPES[type]?.[key];
}

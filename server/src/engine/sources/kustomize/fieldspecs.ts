/**
 * kustomize's default field specs (api/internal/konfig/builtinpluginconsts in kustomize v5.5.0): where
 * commonLabels, labels, commonAnnotations, images, replicas and namespace write, and which fields name
 * which kinds (name references, fixed after prefixes and suffixes). Written here as data; a path walker
 * follows them through maps and lists, creating maps where a spec says `create`.
 */
import { getEntry, isMap, type KMap, type KNode, type Org } from './model.js';
import { gvkSelected, type GvkSel, type ResId } from './resource.js';

export interface FieldSpec extends GvkSel {
  path: string;
  create?: boolean;
}

const spec = (path: string, kind?: string, create = false, group?: string, version?: string): FieldSpec => {
  const s: FieldSpec = { path, create };
  if (kind) s.kind = kind;
  if (group) s.group = group;
  if (version) s.version = version;
  return s;
};

const WORKLOAD_TEMPLATE_KINDS: Array<[string, string | undefined]> = [
  ['ReplicationController', undefined], ['Deployment', undefined], ['ReplicaSet', undefined], ['DaemonSet', undefined],
  ['StatefulSet', 'apps'], ['Job', 'batch'],
];

/** metadata/labels everywhere, plus the pod template labels of workloads. */
const METADATA_LABELS: FieldSpec[] = [
  spec('metadata/labels', undefined, true),
  ...WORKLOAD_TEMPLATE_KINDS.map(([k, g]) => spec('spec/template/metadata/labels', k, true, g, k === 'ReplicationController' ? 'v1' : undefined)),
  spec('spec/volumeClaimTemplates[]/metadata/labels', 'StatefulSet', true, 'apps'),
  spec('spec/jobTemplate/metadata/labels', 'CronJob', true, 'batch'),
  spec('spec/jobTemplate/spec/template/metadata/labels', 'CronJob', true, 'batch'),
];

const AFFINITY_SELECTORS = [
  'spec/template/spec/affinity/podAffinity/preferredDuringSchedulingIgnoredDuringExecution/podAffinityTerm/labelSelector/matchLabels',
  'spec/template/spec/affinity/podAffinity/requiredDuringSchedulingIgnoredDuringExecution/labelSelector/matchLabels',
  'spec/template/spec/affinity/podAntiAffinity/preferredDuringSchedulingIgnoredDuringExecution/podAffinityTerm/labelSelector/matchLabels',
  'spec/template/spec/affinity/podAntiAffinity/requiredDuringSchedulingIgnoredDuringExecution/labelSelector/matchLabels',
  'spec/template/spec/topologySpreadConstraints/labelSelector/matchLabels',
];

/** commonLabels (and `labels` with includeSelectors): selectors too. */
export const COMMON_LABELS: FieldSpec[] = [
  spec('spec/selector', 'Service', true, undefined, 'v1'),
  spec('spec/selector', 'ReplicationController', true, undefined, 'v1'),
  spec('spec/selector/matchLabels', 'Deployment', true),
  ...AFFINITY_SELECTORS.map((p) => spec(p, 'Deployment', false, 'apps')),
  spec('spec/selector/matchLabels', 'ReplicaSet', true),
  spec('spec/selector/matchLabels', 'DaemonSet', true),
  spec('spec/selector/matchLabels', 'StatefulSet', true, 'apps'),
  ...AFFINITY_SELECTORS.map((p) => spec(p, 'StatefulSet', false, 'apps')),
  spec('spec/selector/matchLabels', 'Job', false, 'batch'),
  spec('spec/jobTemplate/spec/selector/matchLabels', 'CronJob', false, 'batch'),
  spec('spec/selector/matchLabels', 'PodDisruptionBudget', false, 'policy'),
  spec('spec/podSelector/matchLabels', 'NetworkPolicy', false, 'networking.k8s.io'),
  spec('spec/ingress/from/podSelector/matchLabels', 'NetworkPolicy', false, 'networking.k8s.io'),
  spec('spec/egress/to/podSelector/matchLabels', 'NetworkPolicy', false, 'networking.k8s.io'),
  ...METADATA_LABELS,
];

/** `labels` with includeTemplates. */
export const TEMPLATE_LABELS: FieldSpec[] = METADATA_LABELS;

export const METADATA_LABELS_ONLY: FieldSpec[] = [spec('metadata/labels', undefined, true)];

export const COMMON_ANNOTATIONS: FieldSpec[] = [
  spec('metadata/annotations', undefined, true),
  ...WORKLOAD_TEMPLATE_KINDS.map(([k, g]) => spec('spec/template/metadata/annotations', k, true, g, k === 'ReplicationController' ? 'v1' : undefined)),
  spec('spec/jobTemplate/metadata/annotations', 'CronJob', true, 'batch'),
  spec('spec/jobTemplate/spec/template/metadata/annotations', 'CronJob', true, 'batch'),
];

export const IMAGES: FieldSpec[] = [
  spec('spec/containers[]/image', undefined, true),
  spec('spec/initContainers[]/image', undefined, true),
  spec('spec/template/spec/containers[]/image', undefined, true),
  spec('spec/template/spec/initContainers[]/image', undefined, true),
];

export const REPLICAS: FieldSpec[] = ['Deployment', 'ReplicationController', 'ReplicaSet', 'StatefulSet'].map((k) => spec('spec/replicas', k, true));

/** namespace: besides metadata/namespace of every namespaced resource. */
export const NAMESPACE: FieldSpec[] = [
  spec('metadata/name', 'Namespace', true),
  spec('spec/service/namespace', 'APIService', true, 'apiregistration.k8s.io'),
  spec('spec/conversion/webhook/clientConfig/service/namespace', 'CustomResourceDefinition', false, 'apiextensions.k8s.io'),
];

export interface BackRef {
  target: GvkSel;
  referrers: FieldSpec[];
}

const POD_SPEC_AT: Array<[string, string, string | undefined]> = [
  ['Pod', 'spec', 'v1'], ['PodTemplate', 'template/spec', undefined], ['Deployment', 'spec/template/spec', undefined],
  ['ReplicaSet', 'spec/template/spec', undefined], ['DaemonSet', 'spec/template/spec', undefined],
  ['StatefulSet', 'spec/template/spec', undefined], ['Job', 'spec/template/spec', undefined],
  ['CronJob', 'spec/jobTemplate/spec/template/spec', undefined],
];

function inPodSpecs(subPaths: string[]): FieldSpec[] {
  const out: FieldSpec[] = [];
  for (const [kind, at, version] of POD_SPEC_AT) for (const p of subPaths) out.push(spec(`${at}/${p}`, kind, false, undefined, version));
  return out;
}

const inKinds = (path: string, kinds: string[]): FieldSpec[] => kinds.map((k) => spec(path, k));
const POD_OWNERS = ['StatefulSet', 'Deployment', 'ReplicationController', 'CronJob', 'Job', 'DaemonSet'];
const podOwnerPath = (k: string, sub: string): string => (k === 'CronJob' ? `spec/jobTemplate/spec/template/spec/${sub}` : `spec/template/spec/${sub}`);

export const NAME_REFERENCES: BackRef[] = [
  ...['Deployment', 'ReplicationController', 'ReplicaSet', 'StatefulSet'].map((kind) => ({
    target: { kind },
    referrers: [spec('spec/scaleTargetRef/name', 'HorizontalPodAutoscaler')],
  })),
  {
    target: { kind: 'ConfigMap', version: 'v1' },
    referrers: [
      ...inPodSpecs([
        'volumes/configMap/name', 'containers/env/valueFrom/configMapKeyRef/name', 'initContainers/env/valueFrom/configMapKeyRef/name',
        'containers/envFrom/configMapRef/name', 'initContainers/envFrom/configMapRef/name', 'volumes/projected/sources/configMap/name',
      ]),
      spec('spec/configSource/configMap', 'Node'),
      spec('rules/resourceNames', 'Role'),
      spec('rules/resourceNames', 'ClusterRole'),
      spec('metadata/annotations/nginx.ingress.kubernetes.io\\/fastcgi-params-configmap', 'Ingress'),
    ],
  },
  {
    target: { kind: 'Secret', version: 'v1' },
    referrers: [
      ...inPodSpecs([
        'volumes/secret/secretName', 'containers/env/valueFrom/secretKeyRef/name', 'initContainers/env/valueFrom/secretKeyRef/name',
        'containers/envFrom/secretRef/name', 'initContainers/envFrom/secretRef/name', 'imagePullSecrets/name',
        'volumes/projected/sources/secret/name',
      ]),
      spec('spec/tls/secretName', 'Ingress'),
      spec('metadata/annotations/ingress.kubernetes.io\\/auth-secret', 'Ingress'),
      spec('metadata/annotations/nginx.ingress.kubernetes.io\\/auth-secret', 'Ingress'),
      spec('metadata/annotations/nginx.ingress.kubernetes.io\\/auth-tls-secret', 'Ingress'),
      spec('imagePullSecrets/name', 'ServiceAccount'),
      ...['secretName', 'adminSecretName', 'userSecretName', 'secretRef'].map((p) => spec(`parameters/${p}`, 'StorageClass')),
      spec('rules/resourceNames', 'Role'),
      spec('rules/resourceNames', 'ClusterRole'),
      spec('spec/template/spec/containers/env/valueFrom/secretKeyRef/name', 'Service', false, 'serving.knative.dev', 'v1'),
      spec('spec/azureFile/secretName', 'PersistentVolume'),
    ],
  },
  {
    target: { kind: 'Service', version: 'v1' },
    referrers: [
      spec('spec/serviceName', 'StatefulSet', false, 'apps'),
      spec('spec/rules/http/paths/backend/serviceName', 'Ingress'),
      spec('spec/backend/serviceName', 'Ingress'),
      spec('spec/rules/http/paths/backend/service/name', 'Ingress'),
      spec('spec/defaultBackend/service/name', 'Ingress'),
      spec('spec/service/name', 'APIService', false, 'apiregistration.k8s.io'),
      spec('webhooks/clientConfig/service', 'ValidatingWebhookConfiguration', false, 'admissionregistration.k8s.io'),
      spec('webhooks/clientConfig/service', 'MutatingWebhookConfiguration', false, 'admissionregistration.k8s.io'),
    ],
  },
  { target: { kind: 'Role', group: 'rbac.authorization.k8s.io' }, referrers: [spec('roleRef/name', 'RoleBinding', false, 'rbac.authorization.k8s.io')] },
  {
    target: { kind: 'ClusterRole', group: 'rbac.authorization.k8s.io' },
    referrers: [spec('roleRef/name', 'RoleBinding', false, 'rbac.authorization.k8s.io'), spec('roleRef/name', 'ClusterRoleBinding', false, 'rbac.authorization.k8s.io')],
  },
  {
    target: { kind: 'ServiceAccount', version: 'v1' },
    referrers: [
      spec('subjects', 'RoleBinding', false, 'rbac.authorization.k8s.io'),
      spec('subjects', 'ClusterRoleBinding', false, 'rbac.authorization.k8s.io'),
      spec('spec/serviceAccountName', 'Pod'),
      ...POD_OWNERS.map((k) => spec(podOwnerPath(k, 'serviceAccountName'), k)),
    ],
  },
  {
    target: { kind: 'PersistentVolumeClaim', version: 'v1' },
    referrers: [spec('spec/volumes/persistentVolumeClaim/claimName', 'Pod'), ...POD_OWNERS.map((k) => spec(podOwnerPath(k, 'volumes/persistentVolumeClaim/claimName'), k))],
  },
  { target: { kind: 'PersistentVolume', version: 'v1' }, referrers: [spec('spec/volumeName', 'PersistentVolumeClaim'), spec('rules/resourceNames', 'ClusterRole')] },
  {
    target: { kind: 'StorageClass', version: 'v1', group: 'storage.k8s.io' },
    referrers: [...inKinds('spec/storageClassName', ['PersistentVolume', 'PersistentVolumeClaim']), spec('spec/volumeClaimTemplates/spec/storageClassName', 'StatefulSet')],
  },
  {
    target: { kind: 'PriorityClass', version: 'v1', group: 'scheduling.k8s.io' },
    referrers: [spec('spec/priorityClassName', 'Pod'), ...POD_OWNERS.map((k) => spec(podOwnerPath(k, 'priorityClassName'), k))],
  },
  { target: { kind: 'IngressClass', version: 'v1', group: 'networking.k8s.io/v1' }, referrers: [spec('spec/ingressClassName', 'Ingress')] },
  {
    target: { kind: 'ValidatingAdmissionPolicy', group: 'admissionregistration.k8s.io' },
    referrers: [spec('spec/policyName', 'ValidatingAdmissionPolicyBinding', false, 'admissionregistration.k8s.io')],
  },
];

/** Splits a field spec path at `/`, keeping `\/` as a slash inside a key. */
export function splitPath(path: string): string[] {
  return path.split(/(?<!\\)\//).map((p) => p.replace(/\\\//g, '/'));
}

export function specSelects(fs: FieldSpec, id: ResId): boolean {
  return gvkSelected(id, fs);
}

/**
 * Calls `visit(holder, key)` for every map that holds the spec's last path segment, walking lists
 * element by element and, when the spec says `create`, creating missing intermediate maps (origin
 * `createOrg`). `visit` decides whether the last field itself is created.
 */
export function walkSpec(root: KMap, fs: FieldSpec, createOrg: Org, visit: (holder: KMap, key: string) => void): void {
  const parts = splitPath(fs.path);
  const rec = (node: KNode | undefined, i: number, depth: number): void => {
    if (node === undefined || depth > 100) return;
    if (node.kind === 'seq') {
      for (const item of node.items) rec(item, i, depth + 1);
      return;
    }
    if (!isMap(node)) return;
    const raw = parts[i]!;
    const isSeqField = raw.endsWith('[]');
    const name = isSeqField ? raw.slice(0, -2) : raw;
    if (i === parts.length - 1) {
      visit(node, name);
      return;
    }
    let e = getEntry(node, name);
    const create = fs.create === true && !isSeqField;
    if (!e || (e.value.kind === 'scalar' && e.value.value === null)) {
      if (!create) return;
      const m: KMap = { kind: 'map', entries: [], org: createOrg };
      if (e) e.value = m;
      else {
        e = { key: name, keyOrg: createOrg, value: m };
        node.entries.push(e);
      }
    }
    if (isSeqField && e.value.kind !== 'seq') return;
    rec(e.value, i + 1, depth + 1);
  };
  rec(root, 0, 0);
}

/** kustomize's legacy resource order (the default of `kubectl kustomize`). */
import { curId, type ResId, type Resource } from './resource.js';

const ORDER_FIRST = [
  'Namespace', 'ResourceQuota', 'StorageClass', 'CustomResourceDefinition', 'ServiceAccount', 'PodSecurityPolicy', 'Role',
  'ClusterRole', 'RoleBinding', 'ClusterRoleBinding', 'ConfigMap', 'Secret', 'Endpoints', 'Service', 'LimitRange',
  'PriorityClass', 'PersistentVolume', 'PersistentVolumeClaim', 'Deployment', 'StatefulSet', 'CronJob', 'PodDisruptionBudget',
];
const ORDER_LAST = ['MutatingWebhookConfiguration', 'ValidatingWebhookConfiguration'];

function typeOrder(kind: string): number {
  const f = ORDER_FIRST.indexOf(kind);
  if (f >= 0) return -ORDER_FIRST.length + f;
  const l = ORDER_LAST.indexOf(kind);
  return l >= 0 ? 1 + l : 0;
}

const gvkString = (id: ResId): string => [id.group || '~G', id.version || '~V', id.kind || '~K'].join('_');
const idString = (id: ResId): string =>
  [`${id.kind || '[noKind]'}.${id.version || '[noVer]'}.${id.group || '[noGrp]'}`, id.namespace || '~X', id.name || '~N'].join('|');

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function compare(a: ResId, b: ResId): number {
  const sameGvk = a.group === b.group && a.version === b.version && a.kind === b.kind;
  if (!sameGvk) {
    const ia = typeOrder(a.kind);
    const ib = typeOrder(b.kind);
    if (ia !== ib) return ia - ib;
    if (a.kind === 'Namespace' && b.kind === 'Namespace' && (a.group === '' || b.group === '')) return -cmp(gvkString(a), gvkString(b));
    return cmp(gvkString(a), gvkString(b));
  }
  return cmp(idString(a), idString(b));
}

export function sortLegacy(rs: Resource[]): Resource[] {
  return rs.map((r) => ({ r, id: curId(r) })).sort((x, y) => compare(x.id, y.id)).map((x) => x.r);
}

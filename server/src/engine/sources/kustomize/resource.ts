/**
 * Resources, their ids (group/version/kind/name/namespace) and the id history kustomize keeps to fix
 * name references after prefixes, suffixes and namespaces change names.
 */
import { get, getPath, isMap, str, type KMap } from './model.js';
import type { KNode } from './model.js';

export interface ResId {
  group: string;
  version: string;
  kind: string;
  name: string;
  namespace: string;
}

export interface Resource {
  node: KMap;
  /** The kustomization folder that listed the resource's file. */
  home: string;
  /** Ids the resource had before each name/namespace change, oldest first. */
  prevIds: ResId[];
  /** Name prefixes and suffixes applied, innermost first. */
  prefixes: string[];
  suffixes: string[];
}

/** Kinds that have no namespace (go by kind; kustomize asks its built-in OpenAPI schema). */
const CLUSTER_SCOPED = new Set([
  'APIService', 'CertificateSigningRequest', 'ClusterRole', 'ClusterRoleBinding', 'ComponentStatus', 'CSIDriver',
  'CSINode', 'CustomResourceDefinition', 'FlowSchema', 'IngressClass', 'MutatingWebhookConfiguration', 'Namespace',
  'Node', 'PersistentVolume', 'PodSecurityPolicy', 'PriorityClass', 'PriorityLevelConfiguration', 'RuntimeClass',
  'SelfSubjectAccessReview', 'SelfSubjectRulesReview', 'StorageClass', 'SubjectAccessReview', 'TokenReview',
  'ValidatingWebhookConfiguration', 'VolumeAttachment', 'ValidatingAdmissionPolicy', 'ValidatingAdmissionPolicyBinding',
]);

export function isClusterScopedKind(kind: string): boolean {
  return CLUSTER_SCOPED.has(kind);
}

export function splitApiVersion(apiVersion: string): { group: string; version: string } {
  const i = apiVersion.indexOf('/');
  return i >= 0 ? { group: apiVersion.slice(0, i), version: apiVersion.slice(i + 1) } : { group: '', version: apiVersion };
}

export function idOf(node: KMap): ResId {
  const { group, version } = splitApiVersion(str(get(node, 'apiVersion')) ?? '');
  return {
    group,
    version,
    kind: str(get(node, 'kind')) ?? '',
    name: str(getPath(node, 'metadata', 'name')) ?? '',
    namespace: str(getPath(node, 'metadata', 'namespace')) ?? '',
  };
}

export function curId(r: Resource): ResId {
  return idOf(r.node);
}

/** The original id (before any name or namespace change). */
export function orgId(r: Resource): ResId {
  return r.prevIds[0] ?? curId(r);
}

export function effectiveNamespace(id: ResId): string {
  if (isClusterScopedKind(id.kind)) return '_non_namespaceable_';
  return id.namespace === '' ? 'default' : id.namespace;
}

export function sameGvk(a: ResId, b: ResId): boolean {
  return a.group === b.group && a.version === b.version && a.kind === b.kind;
}

export function idEquals(a: ResId, b: ResId): boolean {
  return sameGvk(a, b) && a.name === b.name && effectiveNamespace(a) === effectiveNamespace(b);
}

export function storePreviousId(r: Resource): void {
  r.prevIds.push(curId(r));
}

export function idString(id: ResId): string {
  const gv = id.group ? `${id.group}/${id.version}` : id.version;
  return `${id.kind}.${gv || '[noVer]'} ${id.namespace ? id.namespace + '/' : ''}${id.name}`;
}

/** A group/version/kind selector as in field specs: empty parts match anything. */
export interface GvkSel {
  group?: string;
  version?: string;
  kind?: string;
}

export function gvkSelected(id: { group: string; version: string; kind: string }, sel: GvkSel): boolean {
  if (sel.group && sel.group !== id.group) return false;
  if (sel.version && sel.version !== id.version) return false;
  if (sel.kind && sel.kind !== id.kind) return false;
  return true;
}

/** metadata.labels / annotations as a string map. */
export function metaMap(node: KMap, field: 'labels' | 'annotations'): Map<string, string> {
  const out = new Map<string, string>();
  const m = getPath(node, 'metadata', field);
  if (isMap(m)) for (const e of m.entries) out.set(e.key, str(e.value) ?? '');
  return out;
}

/**
 * kustomize reads annotations as a map of strings (each node's text) and sets them back: every value
 * becomes a string; null keeps its text (`null`, `~`), a map or list becomes ''.
 */
export function stringifyAnnotations(node: KMap): void {
  const meta = get(node, 'metadata');
  const ann = get(meta, 'annotations');
  if (!isMap(ann)) return;
  for (const e of ann.entries) {
    const v: KNode = e.value;
    if (v.kind === 'scalar' && typeof v.value === 'string' && v.raw === undefined) continue;
    const text = v.kind !== 'scalar' ? '' : v.value === null ? v.raw ?? 'null' : str(v) ?? '';
    e.value = { kind: 'scalar', value: text, org: v.org };
  }
}

/**
 * The built-in objects of a Helm render other than .Values and .Chart: .Release, .Capabilities, .Files,
 * .Template.
 */
import { base64Encode, utf8Encode } from './utf8';
import { GoStruct, type GoValue } from './values';
import { toYaml } from './yaml-out';

export interface ReleaseOptions {
  releaseName: string;
  namespace: string;
  kubernetesVersion: string;
}

export function releaseObject(o: ReleaseOptions): Map<string, GoValue> {
  return new Map<string, GoValue>([
    ['Name', o.releaseName], ['Namespace', o.namespace], ['IsUpgrade', false], ['IsInstall', true], ['Revision', 1n], ['Service', 'Helm'],
  ]);
}

/**
 * Helm's default version set offline: the group/versions client-go's scheme registers (no `group/version/Kind`
 * entries: `Has "policy/v1/PodDisruptionBudget"` is false in `helm template` unless given with --api-versions).
 */
const API_VERSIONS = [
  'v1', 'admissionregistration.k8s.io/v1', 'admissionregistration.k8s.io/v1alpha1', 'admissionregistration.k8s.io/v1beta1',
  'apiextensions.k8s.io/v1', 'apiextensions.k8s.io/v1beta1', 'apiregistration.k8s.io/v1', 'apps/v1', 'apps/v1beta1', 'apps/v1beta2',
  'authentication.k8s.io/v1', 'authentication.k8s.io/v1alpha1', 'authentication.k8s.io/v1beta1', 'authorization.k8s.io/v1',
  'authorization.k8s.io/v1beta1', 'autoscaling/v1', 'autoscaling/v2', 'autoscaling/v2beta1', 'autoscaling/v2beta2', 'batch/v1',
  'batch/v1beta1', 'certificates.k8s.io/v1', 'certificates.k8s.io/v1alpha1', 'certificates.k8s.io/v1beta1', 'coordination.k8s.io/v1',
  'coordination.k8s.io/v1alpha2', 'coordination.k8s.io/v1beta1', 'discovery.k8s.io/v1', 'discovery.k8s.io/v1beta1', 'events.k8s.io/v1',
  'events.k8s.io/v1beta1', 'extensions/v1beta1', 'flowcontrol.apiserver.k8s.io/v1', 'flowcontrol.apiserver.k8s.io/v1beta1',
  'flowcontrol.apiserver.k8s.io/v1beta2', 'flowcontrol.apiserver.k8s.io/v1beta3', 'networking.k8s.io/v1', 'networking.k8s.io/v1alpha1',
  'networking.k8s.io/v1beta1', 'node.k8s.io/v1', 'node.k8s.io/v1alpha1', 'node.k8s.io/v1beta1', 'policy/v1', 'policy/v1beta1',
  'rbac.authorization.k8s.io/v1', 'rbac.authorization.k8s.io/v1alpha1', 'rbac.authorization.k8s.io/v1beta1', 'resource.k8s.io/v1',
  'resource.k8s.io/v1alpha3', 'resource.k8s.io/v1beta1', 'resource.k8s.io/v1beta2', 'scheduling.k8s.io/v1', 'scheduling.k8s.io/v1alpha1',
  'scheduling.k8s.io/v1beta1', 'storage.k8s.io/v1', 'storage.k8s.io/v1alpha1', 'storage.k8s.io/v1beta1', 'storagemigration.k8s.io/v1alpha1',
];

export function capabilitiesObject(kubernetesVersion: string, extraApiVersions: string[] = []): GoStruct {
  const m = /^v?(\d+)(?:\.(\d+))?(?:\.(\d+))?(.*)$/.exec(kubernetesVersion.trim()) ?? [];
  const major = m[1] ?? '1';
  const minor = m[2] ?? '35';
  const version = `v${major}.${minor}.${m[3] ?? '0'}${m[4] ?? ''}`;
  const kube = new GoStruct('*common.KubeVersion', new Map<string, GoValue>([
    ['Version', version], ['Major', major], ['Minor', minor], ['GitVersion', version],
  ]), {}, version);
  const set = new Set<string>([...API_VERSIONS, ...extraApiVersions]);
  const apis = new GoStruct('common.VersionSet', new Map(), {
    Has: { arity: 1, fn: ([v]) => typeof v === 'string' && set.has(v) },
  }, `[${[...set].sort().join(' ')}]`);
  const helm = new GoStruct('common.BuildInfo', new Map<string, GoValue>([
    ['Version', 'v3.19.0'], ['GitCommit', ''], ['GitTreeState', ''], ['GoVersion', 'go1.24'],
  ]));
  return new GoStruct('*common.Capabilities', new Map<string, GoValue>([
    ['KubeVersion', kube], ['APIVersions', apis], ['HelmVersion', helm],
  ]));
}

/** gobwas/glob with `/` as separator: `*`, `**`, `?`, `[…]`, `{a,b}`. */
export function globRegex(pattern: string): RegExp {
  let re = '';
  let braces = 0;
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i]!;
    if (c === '*') {
      if (pattern[i + 1] === '*') { re += '.*'; i++; } else re += '[^/]*';
    } else if (c === '?') re += '[^/]';
    else if (c === '[') {
      const j = pattern.indexOf(']', i + 1);
      if (j < 0) { re += '\\['; continue; }
      re += '[' + pattern.slice(i + 1, j).replace(/^!/, '^').replace(/\\/g, '\\\\') + ']';
      i = j;
    } else if (c === '{') { braces++; re += '(?:'; }
    else if (c === '}' && braces > 0) { braces--; re += ')'; }
    else if (c === ',' && braces > 0) re += '|';
    else if (c === '\\' && i + 1 < pattern.length) re += '\\' + pattern[++i];
    else re += c.replace(/[.+^$()|\\/]/g, '\\$&');
  }
  try {
    return new RegExp('^' + re + '$');
  } catch {
    return /^$/;
  }
}

/** .Files over the chart's files (`names` relative to the chart root; `read` reads one). */
export function filesObject(names: string[], read: (name: string) => string | undefined): GoStruct {
  const get = (n: GoValue): string => (typeof n === 'string' && names.includes(n) ? read(n) ?? '' : '');
  const asMap = (enc: (s: string) => string): string => {
    const m = new Map<string, GoValue>();
    for (const n of names) m.set(n.slice(n.lastIndexOf('/') + 1), enc(read(n) ?? ''));
    return m.size === 0 ? '' : toYaml(m).text;
  };
  return new GoStruct('engine.files', new Map(), {
    Get: { arity: 1, fn: ([n]) => get(n) },
    GetBytes: { arity: 1, fn: ([n]) => get(n) },
    Glob: {
      arity: 1,
      fn: ([p]) => {
        const re = globRegex(typeof p === 'string' ? p : '');
        return filesObject(names.filter((n) => re.test(n)), read);
      },
    },
    Lines: { arity: 1, fn: ([n]) => { const s = get(n); return s === '' ? [] : s.split('\n'); } },
    AsConfig: { arity: 0, fn: () => asMap((s) => s) },
    AsSecrets: { arity: 0, fn: () => asMap((s) => base64Encode(utf8Encode(s))) },
  }, `map[${names.join(' ')}]`, () => new Map(names.map((n) => [n, read(n) ?? ''] as [string, GoValue])));
}

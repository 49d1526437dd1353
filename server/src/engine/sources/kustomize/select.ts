/**
 * Patch `target` selectors: group/version/kind/name/namespace as anchored regular expressions (matched
 * against the original and the current id), plus label and annotation selectors.
 */
import { get, str, type KNode } from './model.js';
import { curId, effectiveNamespace, metaMap, orgId, type Resource } from './resource.js';

export interface Selector {
  group?: string;
  version?: string;
  kind?: string;
  name?: string;
  namespace?: string;
  labelSelector?: string;
  annotationSelector?: string;
}

export function parseSelector(n: KNode | undefined): Selector | undefined {
  if (n === undefined || n.kind !== 'map') return undefined;
  const s: Selector = {};
  for (const k of ['group', 'version', 'kind', 'name', 'namespace', 'labelSelector', 'annotationSelector'] as const) {
    const v = str(get(n, k));
    if (v !== undefined && v !== '') s[k] = v;
  }
  return s;
}

/**
 * Go's regular expressions run in linear time; JavaScript's backtrack. A repeated group that itself
 * repeats (`(a+)+`) can take exponential time, so such patterns are refused.
 */
export function riskyPattern(p: string): boolean {
  return /\((?:[^()\\]|\\.)*[+*}](?:[^()\\]|\\.)*\)\s*[+*{]/.test(p);
}

function anchored(p: string | undefined): RegExp | undefined | string {
  if (p === undefined || p === '') return undefined;
  if (p.length > 1000) return 'selector pattern too long';
  if (riskyPattern(p)) return `target pattern ${p} nests repetitions; ScaleLint does not evaluate it (it could take exponential time)`;
  try {
    return new RegExp(`^(?:${p})$`, 'u');
  } catch {
    return `invalid regular expression in target: ${p}`;
  }
}

interface Req {
  key: string;
  op: 'eq' | 'ne' | 'in' | 'notin' | 'exists' | 'notexists';
  values: string[];
}

/** Parses a Kubernetes label selector (`a=b,c!=d,e in (x,y),f notin (z),g,!h`). */
export function parseLabelSelector(s: string): Req[] | string {
  const reqs: Req[] = [];
  const parts: string[] = [];
  let depth = 0;
  let cur = '';
  for (const c of s) {
    if (c === '(') depth++;
    if (c === ')') depth--;
    if (c === ',' && depth === 0) {
      parts.push(cur);
      cur = '';
    } else cur += c;
  }
  parts.push(cur);
  for (const raw of parts) {
    const p = raw.trim();
    if (p === '') continue;
    let m: RegExpExecArray | null;
    if ((m = /^([^\s!=(),]+)\s+(in|notin)\s*\(([^)]*)\)$/.exec(p))) {
      reqs.push({ key: m[1]!, op: m[2] as 'in' | 'notin', values: m[3]!.split(',').map((v) => v.trim()).filter((v) => v !== '') });
    } else if ((m = /^([^\s!=(),]+)\s*(==|=|!=)\s*([^\s!=(),]*)$/.exec(p))) {
      reqs.push({ key: m[1]!, op: m[2] === '!=' ? 'ne' : 'eq', values: [m[3]!] });
    } else if ((m = /^!\s*([^\s!=(),]+)$/.exec(p))) {
      reqs.push({ key: m[1]!, op: 'notexists', values: [] });
    } else if ((m = /^([^\s!=(),]+)$/.exec(p))) {
      reqs.push({ key: m[1]!, op: 'exists', values: [] });
    } else return `invalid selector: ${s}`;
  }
  return reqs;
}

function matches(reqs: Req[], labels: Map<string, string>): boolean {
  return reqs.every((r) => {
    const v = labels.get(r.key);
    switch (r.op) {
      case 'eq': return v !== undefined && v === r.values[0];
      case 'ne': return v === undefined || v !== r.values[0];
      case 'in': return v !== undefined && r.values.includes(v);
      case 'notin': return v === undefined || !r.values.includes(v);
      case 'exists': return v !== undefined;
      case 'notexists': return v === undefined;
    }
  });
}

/** The resources a selector picks, in resource order, or an error message. */
export function selectResources(resources: Resource[], sel: Selector): Resource[] | string {
  const res = {
    group: anchored(sel.group), version: anchored(sel.version), kind: anchored(sel.kind),
    name: anchored(sel.name), namespace: anchored(sel.namespace),
  };
  for (const v of Object.values(res)) if (typeof v === 'string') return v;
  const rx = res as Record<keyof typeof res, RegExp | undefined>;
  const labelReqs = sel.labelSelector ? parseLabelSelector(sel.labelSelector) : [];
  if (typeof labelReqs === 'string') return labelReqs;
  const annReqs = sel.annotationSelector ? parseLabelSelector(sel.annotationSelector) : [];
  if (typeof annReqs === 'string') return annReqs;
  return resources.filter((r) => {
    const cur = curId(r);
    const org = orgId(r);
    if (rx.namespace && !rx.namespace.test(effectiveNamespace(org)) && !rx.namespace.test(effectiveNamespace(cur))) return false;
    if (rx.name && !rx.name.test(org.name) && !rx.name.test(cur.name)) return false;
    if (rx.group && !rx.group.test(cur.group)) return false;
    if (rx.version && !rx.version.test(cur.version)) return false;
    if (rx.kind && !rx.kind.test(cur.kind)) return false;
    if (labelReqs.length && !matches(labelReqs, metaMap(r.node, 'labels'))) return false;
    if (annReqs.length && !matches(annReqs, metaMap(r.node, 'annotations'))) return false;
    return true;
  });
}

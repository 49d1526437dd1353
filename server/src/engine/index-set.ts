/**
 * The lint set: every recognised resource the cross-document rules look across (SPEC §1), with the
 * lookups they need built once per lint (by kind, by name, autoscaler → target), so cross-document
 * rules stay linear in the size of the set.
 */
import type { Resource } from './parse/document';
import { isAutoscaler, scaleTarget } from './model/kubernetes';

export const WORKLOAD_KINDS = new Set(['Deployment', 'StatefulSet']);

/** Namespaces match when equal, or when either is unset (`kubectl apply -n` places both). */
export function sameNamespace(a: Resource, b: Resource): boolean {
  return a.namespace === undefined || b.namespace === undefined || a.namespace === b.namespace;
}

const key = (kind: string, name: string) => `${kind}\u0000${name}`;

export class LintSetIndex {
  private readonly byKind = new Map<string, Resource[]>();
  private workloadList?: Resource[];
  private autoscalerList?: Resource[];
  private workloadsByName?: Map<string, Resource[]>;
  private autoscalersByTarget?: Map<string, Resource[]>;
  private readonly nearCache = new Map<string | undefined, Resource[]>();
  private readonly memo = new Map<string, WeakMap<Resource, unknown>>();

  constructor(readonly resources: readonly Resource[], private readonly fileOf: (r: Resource) => string | undefined = () => undefined) {
    for (const r of resources) {
      const list = this.byKind.get(r.kind);
      if (list) list.push(r);
      else this.byKind.set(r.kind, [r]);
    }
  }

  ofKind(...kinds: string[]): Resource[] {
    if (kinds.length === 1) return this.byKind.get(kinds[0]) ?? [];
    return kinds.flatMap((k) => this.byKind.get(k) ?? []);
  }

  kubernetes(kind: string): Resource[] {
    return this.ofKind(kind).filter((r) => r.family === 'kubernetes');
  }

  /** Deployments and StatefulSets. */
  workloads(): Resource[] {
    return (this.workloadList ??= this.ofKind(...WORKLOAD_KINDS).filter((r) => r.family === 'kubernetes'));
  }

  /** HPAs and KEDA ScaledObjects. */
  autoscalers(): Resource[] {
    return (this.autoscalerList ??= this.resources.filter(isAutoscaler));
  }

  /** Workloads that could live in the same namespace as `r`. */
  workloadsNear(r: Resource): Resource[] {
    const ns = r.namespace;
    let list = this.nearCache.get(ns);
    if (!list) {
      list = this.workloads().filter((w) => sameNamespace(w, r));
      this.nearCache.set(ns, list);
    }
    return list;
  }

  /** Workloads of this kind and name that could share `near`'s namespace. */
  workloadsNamed(kind: string, name: string, near: Resource): Resource[] {
    if (!this.workloadsByName) {
      this.workloadsByName = new Map();
      for (const w of this.workloads()) {
        const k = key(w.kind, w.name);
        const list = this.workloadsByName.get(k);
        if (list) list.push(w);
        else this.workloadsByName.set(k, [w]);
      }
    }
    return (this.workloadsByName.get(key(kind, name)) ?? []).filter((w) => sameNamespace(w, near));
  }

  /** The HPAs and ScaledObjects whose scaleTargetRef names this workload. */
  autoscalersOf(workload: Resource): Resource[] {
    if (!this.autoscalersByTarget) {
      this.autoscalersByTarget = new Map();
      for (const a of this.autoscalers()) {
        const t = scaleTarget(a);
        if (!t) continue;
        const k = key(t.kind, t.name);
        const list = this.autoscalersByTarget.get(k);
        if (list) list.push(a);
        else this.autoscalersByTarget.set(k, [a]);
      }
    }
    return (this.autoscalersByTarget.get(key(workload.kind, workload.name)) ?? []).filter((a) => sameNamespace(a, workload));
  }

  /** The workloads an autoscaler targets (usually one). */
  targetsOf(autoscaler: Resource): Resource[] {
    const t = scaleTarget(autoscaler);
    return t ? this.workloadsNamed(t.kind, t.name, autoscaler) : [];
  }

  /** Per-resource memo for derived data (pod labels, ports…) shared by the rules of one lint. */
  cached<T>(r: Resource, what: string, compute: (r: Resource) => T): T {
    let m = this.memo.get(what);
    if (!m) this.memo.set(what, (m = new WeakMap()));
    if (m.has(r)) return m.get(r) as T;
    const v = compute(r);
    m.set(r, v);
    return v;
  }

  private readonly onceMemo = new Map<string, unknown>();

  /** Set-wide memo for data derived from the whole lint set once per lint. */
  once<T>(what: string, compute: () => T): T {
    if (!this.onceMemo.has(what)) this.onceMemo.set(what, compute());
    return this.onceMemo.get(what) as T;
  }

  file(r: Resource): string | undefined {
    return this.fileOf(r);
  }
}

/** The lint set: every recognised resource the cross-document rules look across (SPEC §1). */
import type { Resource } from './parse/document';

export const WORKLOAD_KINDS = new Set(['Deployment', 'StatefulSet']);

/** Namespaces match when equal, or when either is unset (`kubectl apply -n` places both). */
export function sameNamespace(a: Resource, b: Resource): boolean {
  return a.namespace === undefined || b.namespace === undefined || a.namespace === b.namespace;
}

export class LintSetIndex {
  private readonly byKind = new Map<string, Resource[]>();

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

  workloads(): Resource[] {
    return this.ofKind(...WORKLOAD_KINDS).filter((r) => r.family === 'kubernetes');
  }

  /** Workloads that could live in the same namespace as `r`. */
  workloadsNear(r: Resource): Resource[] {
    return this.workloads().filter((w) => sameNamespace(w, r));
  }

  file(r: Resource): string | undefined {
    return this.fileOf(r);
  }
}

/**
 * The resource index: every recognised resource the cross-document rules look across (SPEC §1), kept
 * current by difference as documents come and go, with the lookups those rules need (by name,
 * autoscaler → target, pod labels, PDB selectors).
 *
 * Each lookup records a key with the dependency tracker (dependencies.ts); a resource entering or leaving
 * touches the keys it is found under. Lookups are narrow on purpose ("the Deployments named web", "pods
 * labelled app=web"), so an edit to one document re-runs a handful of checks, not all of them.
 */
import type { Resource } from '../parse/document';
import { isAutoscaler, isPdb, isWorkload, scaleTarget, mapSelectorMatches, podTemplateOf } from '../model/kubernetes';
import { get, stringMap } from '../parse/values';
import { DependencyTracker, type Dependent } from './dependencies';
import { WorkloadNames } from './workload-names';
import { AutoscalerGroup, WorkloadGroup } from './same-name';
import { LookupLists, NONE, nsKey, sameNamespace } from './lookup-lists';

export const WORKLOAD_KINDS = new Set(['Deployment', 'StatefulSet']);

export { sameNamespace };

/**
 * The namespace a resource is in, for messages: the one it names (the lint set's sources write the namespace
 * a kustomization or chart assigns), else `default`, where `kubectl apply` without `-n` puts it. Never
 * another object's namespace.
 */
export function namespaceOf(r: Resource): string {
  return r.namespace ?? 'default';
}

/** `Deployment web`, with `in namespace prod` when that is not `near`'s namespace (a namespace-less `near` matches every one). */
export function nameInNamespaceOf(r: Resource, near: Resource): string {
  return `${r.kind} ${r.name}${namespaceOf(r) !== namespaceOf(near) ? ` in namespace ${namespaceOf(r)}` : ''}`;
}

const key = (kind: string, name: string) => `${kind}/${name}`;

/** What a PDB selects by: one of its matchLabels pairs, or `*` (expressions only, or an empty selector). */
function pdbIndexKey(pdb: Resource): string {
  const selector = get(pdb.node, 'spec', 'selector');
  const first = stringMap(get(selector, 'matchLabels')).entries().next();
  return first.done ? '*' : `${first.value[0]}=${first.value[1]}`;
}

function addTo<K, V>(map: Map<K, Set<V>>, k: K, v: V): void {
  const set = map.get(k);
  if (set) set.add(v);
  else map.set(k, new Set([v]));
}

function removeFrom<K, V>(map: Map<K, Set<V>>, k: K, v: V): void {
  const set = map.get(k);
  if (!set) return;
  set.delete(v);
  if (set.size === 0) map.delete(k);
}


export class LintSetIndex {
  private readonly members = new Set<Resource>();
  private readonly byKind = new Map<string, Set<Resource>>();
  private readonly workloadsByKey = new Map<string, Set<Resource>>();
  private readonly workloadsByName = new Map<string, Set<Resource>>();
  private readonly workloadsPerNamespace = new Map<string, number>();
  /** Workloads per file (the file a workload was in when it entered the set). */
  private readonly workloadsByFile = new Map<string, Set<Resource>>();
  private readonly workloadFile = new WeakMap<Resource, string>();
  private readonly autoscalersByTarget = new Map<string, Set<Resource>>();
  private readonly podOwnersByLabel = new Map<string, Set<Resource>>();
  private readonly pdbsBySelector = new Map<string, Set<Resource>>();
  private readonly pdbsByName = new Map<string, Set<Resource>>();
  private pdbCount = 0;
  private autoscalerCount = 0;
  private autoscalerCountBefore: number | undefined;
  /** Workload names per namespace and kind, counted (a name can be written twice). */
  private readonly workloadNames = new WorkloadNames();
  /**
   * Presence facts as they were before the changes since the last `takeTouched`: an edit removes a
   * document's resources and adds them back, and what did not change in between touches nothing.
   */
  private readonly presenceBefore = new Map<string, boolean>();
  private pdbCountBefore: number | undefined;
  /** Keys each member was indexed under, so that removing it touches the same keys. */
  private readonly keysOf = new WeakMap<Resource, string[]>();
  private readonly podLabelsOf = new WeakMap<Resource, Map<string, string>>();
  private readonly tracker = new DependencyTracker();
  private readonly memo = new Map<string, WeakMap<Resource, unknown>>();

  /**
   * @param position where a resource is in lint-set order ([file, offset in it, order in its document]):
   *                 lookups return that order, so findings do not depend on the order edits arrived in.
   * @param fileOf   the file a resource is in.
   */
  constructor(
    private readonly position: (r: Resource) => readonly [number, number, number] = () => [0, 0, 0],
    private readonly fileOf: (r: Resource) => string | undefined = () => undefined,
  ) {}

  // ---- maintenance ----

  /** A resource came or went: every list derived from the members is stale. */
  private membersChanged(): void {
    this.listsChanged();
    this.namesMemo.clear();
  }

  /** Lookup lists (and what is derived from them) are made again: members came or went, or positions moved. */
  private listsChanged(): void {
    this.lists.clear();
  }

  add(r: Resource): void {
    if (this.members.has(r)) return;
    this.members.add(r);
    this.membersChanged();
    addTo(this.byKind, r.kind, r);
    const keys: string[] = [];
    if (isWorkload(r)) {
      addTo(this.workloadsByKey, key(r.kind, r.name), r);
      addTo(this.workloadsByName, r.name, r);
      const file = this.fileOf(r) ?? '';
      this.workloadFile.set(r, file);
      addTo(this.workloadsByFile, file, r);
      this.countWorkload(r, 1);
      keys.push(`wl:${key(r.kind, r.name)}`, `wlname:${r.name}`, `wlns:${r.namespace ?? ''}`, 'wlns:*');
    }
    if (isAutoscaler(r)) {
      this.autoscalerCountBefore ??= this.autoscalerCount;
      this.autoscalerCount++;
      const t = scaleTarget(r);
      if (t) {
        addTo(this.autoscalersByTarget, key(t.kind, t.name), r);
        keys.push(`as:${key(t.kind, t.name)}`);
      }
    }
    const pod = podTemplateOf(r);
    if (pod) {
      const labels = stringMap(pod.labels);
      this.podLabelsOf.set(r, labels);
      for (const [k, v] of labels) {
        addTo(this.podOwnersByLabel, `${k}=${v}`, r);
        keys.push(`pod:${k}=${v}`);
      }
    }
    if (isPdb(r)) {
      const sel = pdbIndexKey(r);
      addTo(this.pdbsBySelector, sel, r);
      addTo(this.pdbsByName, r.name, r);
      this.pdbCountBefore ??= this.pdbCount;
      this.pdbCount++;
      keys.push(`pdb:${sel}`, `pdbname:${r.name}`);
    }
    this.keysOf.set(r, keys);
    for (const k of keys) this.touch(k);
  }

  remove(r: Resource): void {
    if (!this.members.delete(r)) return;
    this.membersChanged();
    removeFrom(this.byKind, r.kind, r);
    if (isWorkload(r)) {
      removeFrom(this.workloadsByKey, key(r.kind, r.name), r);
      removeFrom(this.workloadsByName, r.name, r);
      removeFrom(this.workloadsByFile, this.workloadFile.get(r) ?? '', r);
      this.countWorkload(r, -1);
    }
    if (isAutoscaler(r)) {
      this.autoscalerCountBefore ??= this.autoscalerCount;
      this.autoscalerCount--;
      const t = scaleTarget(r);
      if (t) removeFrom(this.autoscalersByTarget, key(t.kind, t.name), r);
    }
    const labels = this.podLabelsOf.get(r);
    if (labels) for (const [k, v] of labels) removeFrom(this.podOwnersByLabel, `${k}=${v}`, r);
    if (isPdb(r)) {
      removeFrom(this.pdbsBySelector, pdbIndexKey(r), r);
      removeFrom(this.pdbsByName, r.name, r);
      this.pdbCountBefore ??= this.pdbCount;
      this.pdbCount--;
    }
    for (const k of this.keysOf.get(r) ?? []) this.touch(k);
  }

  has(r: Resource): boolean {
    return this.members.has(r);
  }

  get size(): number {
    return this.members.size;
  }

  private touch(k: string): void {
    this.tracker.touch(k);
  }

  private depend(k: string): void {
    this.tracker.depend(k);
  }

  /** Counts a workload in or out of its namespace's totals and names, noting what was present before. */
  private countWorkload(r: Resource, by: 1 | -1): void {
    const ns = r.namespace ?? '';
    const inNamespace = this.workloadsPerNamespace.get(ns) ?? 0;
    if (!this.presenceBefore.has(`ns\u0000${ns}`)) this.presenceBefore.set(`ns\u0000${ns}`, inNamespace > 0);
    if (inNamespace + by > 0) this.workloadsPerNamespace.set(ns, inNamespace + by);
    else this.workloadsPerNamespace.delete(ns);
    const nameKey = `name\u0000${ns}\u0000${r.kind}\u0000${r.name}`;
    if (!this.presenceBefore.has(nameKey)) this.presenceBefore.set(nameKey, this.workloadNames.count(ns, r.kind, r.name) > 0);
    this.workloadNames.change(ns, r.kind, r.name, by);
  }

  /** The checks whose lookups were touched since the last call (each once), and forgets the touches. */
  takeTouched(): Set<Dependent> {
    this.listsChanged(); // positions may have moved since (documents shift after an edit above them)
    for (const [k, before] of this.presenceBefore) {
      const [what, ns, kind, name] = k.split('\u0000');
      const now = what === 'ns' ? (this.workloadsPerNamespace.get(ns) ?? 0) > 0 : this.workloadNames.count(ns, kind, name) > 0;
      if (now === before) continue;
      if (what === 'ns') this.touch('wl-any');
      else this.touch(`wlnames:${ns}`), this.touch('wlnames:*');
    }
    this.presenceBefore.clear();
    if (this.pdbCountBefore !== undefined && this.pdbCountBefore > 0 !== this.pdbCount > 0) this.touch('pdb-any');
    this.pdbCountBefore = undefined;
    if (this.autoscalerCountBefore !== undefined && this.autoscalerCountBefore > 0 !== this.autoscalerCount > 0) this.touch('as-any');
    this.autoscalerCountBefore = undefined;
    return this.tracker.takeTouched();
  }

  /** Runs `check` recording the keys its lookups depend on into `d` (replacing what it recorded before). */
  record(d: Dependent, check: () => void): void {
    this.tracker.record(d, check);
  }

  /** A check that will not run again: drop its dependencies. */
  forget(d: Dependent): void {
    this.tracker.forget(d);
  }

  /** `workloadNamesNear` lists, per kind and namespace, until the set changes. */
  private readonly namesMemo = new Map<string, readonly string[]>();
  /** Lookup lists in lint-set order and what is derived from them, until the set changes (lookup-lists.ts). */
  private readonly lists = new LookupLists((r) => this.position(r));

  // ---- lookups (each records what it depends on) ----

  /** Whether any workload could live in `r`'s namespace (cheap: changes only when a namespace gains its first or loses its last). */
  hasWorkloadsNear(r: Resource): boolean {
    this.depend('wl-any');
    if (r.namespace === undefined) return this.workloadsPerNamespace.size > 0;
    return (this.workloadsPerNamespace.get(r.namespace) ?? 0) > 0 || (this.workloadsPerNamespace.get('') ?? 0) > 0;
  }

  /** Workloads that could live in the same namespace as `r` (depends on every workload there: use for rare cases). */
  workloadsNear(r: Resource): Resource[] {
    if (r.namespace === undefined) this.depend('wlns:*');
    else {
      this.depend(`wlns:${r.namespace}`);
      this.depend('wlns:');
    }
    return [...WORKLOAD_KINDS].flatMap((k) => this.lists.sorted(this.byKind.get(k), (w) => isWorkload(w) && sameNamespace(w, r)));
  }

  /** Whether a workload that could share `near`'s namespace is in `near`'s own file (depends on what `workloadsNear` does). */
  hasWorkloadsNearInOwnFile(near: Resource): boolean {
    if (near.namespace === undefined) this.depend('wlns:*');
    else {
      this.depend(`wlns:${near.namespace}`);
      this.depend('wlns:');
    }
    for (const w of this.workloadsByFile.get(this.fileOf(near) ?? '') ?? []) if (sameNamespace(w, near)) return true;
    return false;
  }

  /** The distinct names of workloads of this kind that could share `near`'s namespace, sorted (changes only when names do). */
  workloadNamesNear(kind: string, near: Resource): readonly string[] {
    const memoKey = `${kind}\u0000${near.namespace === undefined ? '*' : `=${near.namespace}`}`;
    const namespaces = this.namesDependency(near);
    let names = this.namesMemo.get(memoKey);
    // One list per kind and namespace per pass: every autoscaler of the namespace reads the same.
    if (!names) this.namesMemo.set(memoKey, (names = this.workloadNames.sortedIn(kind, namespaces)));
    return names;
  }

  /** The non-empty names of `workloadNamesNear` within `limit` edits of `target`, with their distances (in no order). */
  workloadNamesWithin(kind: string, near: Resource, target: string, limit: number): { name: string; distance: number }[] {
    return this.workloadNames.within(kind, this.namesDependency(near), target, limit);
  }

  /** The namespaces whose workload names `near` could mean, recorded as what the lookup depends on. */
  private namesDependency(near: Resource): Iterable<string> {
    if (near.namespace === undefined) {
      this.depend('wlnames:*');
      return this.workloadNames.namespaces();
    }
    this.depend(`wlnames:${near.namespace}`);
    this.depend('wlnames:');
    return [near.namespace, ''];
  }

  /** Workloads of this kind and name that could share `near`'s namespace. */
  workloadsNamed(kind: string, name: string, near: Resource): readonly Resource[] {
    this.depend(`wl:${key(kind, name)}`);
    return this.lists.near(this.workloadsByKey.get(key(kind, name)), near);
  }

  /** Workloads of any kind with this name that could share `near`'s namespace. */
  workloadsNamedAnyKind(name: string, near: Resource): readonly Resource[] {
    this.depend(`wlname:${name}`);
    return this.lists.near(this.workloadsByName.get(name), near);
  }

  /**
   * The HPAs and ScaledObjects whose scaleTargetRef names this workload: those whose target (targetsOf) it is.
   * Among same-named workloads in several files (one app's overlays in one lint set) an autoscaler scales the
   * one in its own file, so the others do not count it.
   */
  autoscalersOf(workload: Resource): readonly Resource[] {
    const named = this.autoscalersNamed(workload.kind, workload.name, workload);
    if (named.length === 0) return named;
    // What targetsOf answers for each, without asking it per autoscaler (that was quadratic per workload in a set
    // of many copies of one app): with one workload of the name every autoscaler scales it; with several, an
    // autoscaler scales the one in its own file, or all of them when none is in its file. Grouped once per
    // name and namespace (same-name.ts), not scanned per workload.
    const all = this.workloadsNamed(workload.kind, workload.name, workload);
    const k = `as\u0000${key(workload.kind, workload.name)}\u0000${nsKey(workload)}`;
    const group = this.lists.once(k, () => new AutoscalerGroup(named, this.workloadGroup(workload.kind, workload.name, workload, all), this.fileOf));
    return group.of(workload, this.fileOf(workload));
  }

  /** The same-name group of `all` (`workloadsNamed(kind, name, near)`), made once per name and namespace. */
  private workloadGroup(kind: string, name: string, near: Resource, all: readonly Resource[]): WorkloadGroup {
    return this.lists.once(`wl\u0000${key(kind, name)}\u0000${nsKey(near)}`, () => new WorkloadGroup(all, this.fileOf));
  }

  /** The HPAs and ScaledObjects whose scaleTargetRef names `kind`/`name` in `near`'s namespace, whether or not that workload is in the lint set. */
  autoscalersNamed(kind: string, name: string, near: Resource): readonly Resource[] {
    this.depend(`as:${key(kind, name)}`);
    return this.lists.near(this.autoscalersByTarget.get(key(kind, name)), near);
  }

  /** The workloads an autoscaler targets (usually one). */
  targetsOf(autoscaler: Resource): readonly Resource[] {
    const t = scaleTarget(autoscaler);
    if (!t) return NONE;
    const all = this.workloadsNamed(t.kind, t.name, autoscaler);
    if (all.length < 2) return all;
    return this.workloadGroup(t.kind, t.name, autoscaler, all).targetsFrom(this.fileOf(autoscaler));
  }

  /** Pod labels of an object with a pod template (empty map for other objects). */
  podLabels(r: Resource): Map<string, string> {
    return this.podLabelsOf.get(r) ?? new Map();
  }

  /** Objects (any kind with pods) in `near`'s namespace, other than `near`, whose pod labels this label selector matches. */
  podOwnersSelectedBy(selector: Map<string, string>, near: Resource): readonly Resource[] {
    if (!selector.size) return [];
    // Every match carries every pair of the selector: the owners of the rarest pair are the candidates.
    let best: string | undefined;
    let bestSize = Infinity;
    for (const [k, v] of selector) {
      const size = this.podOwnersByLabel.get(`${k}=${v}`)?.size ?? 0;
      if (size < bestSize) {
        best = `${k}=${v}`;
        bestSize = size;
      }
    }
    this.depend(`pod:${best}`);
    // One list per selector and namespace (many Services and PDBs select the same pods), less `near` itself.
    let k = `pod\u0000${nsKey(near)}`;
    for (const [key, value] of selector) k += `\u0000${key}\u0000${value}`;
    const list = this.lists.once(k, () => this.lists.sorted(this.podOwnersByLabel.get(best!), (r) => sameNamespace(r, near) && mapSelectorMatches(selector, this.podLabels(r))));
    return this.podLabelsOf.has(near) ? list.filter((r) => r !== near) : list;
  }

  /** Whether the lint set holds any autoscaler (HPA or ScaledObject); changes only when the first comes or the last goes. */
  anyAutoscaler(): boolean {
    this.depend('as-any');
    return this.autoscalerCount > 0;
  }

  /** Whether the lint set holds any PodDisruptionBudget. */
  anyPdb(): boolean {
    this.depend('pdb-any');
    return this.pdbCount > 0;
  }

  /** PDBs in `near`'s namespace that could select pods with these labels (callers check the selector itself). */
  pdbCandidates(labels: Map<string, string>, near: Resource): readonly Resource[] {
    this.depend('pdb:*');
    // Usually one selector key holds them all: its list as it is (sorted once), not a union sorted per call.
    const sets: Set<Resource>[] = [];
    const any = this.pdbsBySelector.get('*');
    if (any) sets.push(any);
    for (const [k, v] of labels) {
      this.depend(`pdb:${k}=${v}`);
      const set = this.pdbsBySelector.get(`${k}=${v}`);
      if (set) sets.push(set);
    }
    if (sets.length < 2) return this.lists.near(sets[0], near);
    const found = new Set<Resource>();
    for (const set of sets) for (const p of set) found.add(p);
    return this.lists.sorted(found, (p) => sameNamespace(p, near));
  }

  /** Whether a PDB of this name could share `near`'s namespace. */
  pdbNamed(name: string, near: Resource): boolean {
    this.depend(`pdbname:${name}`);
    for (const p of this.pdbsByName.get(name) ?? []) if (sameNamespace(p, near)) return true;
    return false;
  }

  /** Per-resource memo for derived data (pod labels, ports…); lives as long as the resource's document. */
  cached<T>(r: Resource, what: string, compute: (r: Resource) => T): T {
    let m = this.memo.get(what);
    if (!m) this.memo.set(what, (m = new WeakMap()));
    if (m.has(r)) return m.get(r) as T;
    const v = compute(r);
    m.set(r, v);
    return v;
  }
}

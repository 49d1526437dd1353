/**
 * Same-named workloads in several files (variants of one app, its overlays, a corpus copied many times) and
 * the autoscalers that name them: who scales whom, worked out once per lookup list instead of once per
 * autoscaler or workload (resource-index.ts `targetsOf`, `autoscalersOf`). With n copies of an app in one
 * lint set, scanning the n same-named workloads for each of the n autoscalers made the pass quadratic.
 *
 * The rule (unchanged): an autoscaler in a file that holds a workload of the name scales that one; an
 * autoscaler in a file without one (or in no known file) scales every one.
 */
import type { Resource } from '../parse/document';

type FileOf = (r: Resource) => string | undefined;

/**
 * Whether an autoscaler in file `own` scales the workload in file `workload`, `filesWithOne` being the files
 * that hold a workload of the name: the one in its own file; with none in its file (or no file known), every one.
 */
export function scalesIn(own: string | undefined, workload: string | undefined, filesWithOne: ReadonlySet<string | undefined>): boolean {
  return own === undefined || own === workload || !filesWithOne.has(own);
}

/** Same-named workloads (one lookup list, in lint-set order) grouped by file. */
export class WorkloadGroup {
  private readonly byFile = new Map<string | undefined, Resource[]>();
  private readonly members = new Set<Resource>();

  constructor(
    readonly all: readonly Resource[],
    fileOf: FileOf,
  ) {
    for (const w of all) {
      this.members.add(w);
      const f = fileOf(w);
      const list = this.byFile.get(f);
      if (list) list.push(w);
      else this.byFile.set(f, [w]);
    }
  }

  has(w: Resource): boolean {
    return this.members.has(w);
  }

  /** Whether a workload of the name is in file `f`. */
  inFile(f: string | undefined): boolean {
    return this.byFile.has(f);
  }

  /** The workloads an autoscaler in file `own` scales, in lint-set order (the list itself when it is all of them). */
  targetsFrom(own: string | undefined): readonly Resource[] {
    if (this.all.length < 2 || own === undefined) return this.all;
    return this.byFile.get(own) ?? this.all;
  }
}

/** The autoscalers naming one kind and name (one lookup list, in lint-set order), sorted out by the workload file they scale. */
export class AutoscalerGroup {
  /** Indices of autoscalers that scale every workload of the name (no file, or none of the name in theirs). */
  private readonly everywhere: number[] = [];
  /** Indices of the others, by their file. */
  private readonly byFile = new Map<string, number[]>();
  /** Answers per workload file, made once. */
  private readonly answers = new Map<string | undefined, readonly Resource[]>();

  constructor(
    readonly named: readonly Resource[],
    private readonly workloads: WorkloadGroup,
    fileOf: FileOf,
  ) {
    named.forEach((a, i) => {
      const f = fileOf(a);
      if (f === undefined || !workloads.inFile(f)) this.everywhere.push(i);
      else {
        const list = this.byFile.get(f);
        if (list) list.push(i);
        else this.byFile.set(f, [i]);
      }
    });
  }

  /** The autoscalers that scale workload `w` (in file `file`), in lint-set order; none when `w` is not one of the workloads. */
  of(w: Resource, file: string | undefined): readonly Resource[] {
    if (!this.workloads.has(w)) return [];
    if (this.workloads.all.length < 2) return this.named;
    let answer = this.answers.get(file);
    if (!answer) this.answers.set(file, (answer = this.merge(file === undefined ? undefined : this.byFile.get(file))));
    return answer;
  }

  /** `everywhere` and the file's own, merged back into lint-set order. */
  private merge(own: readonly number[] | undefined): readonly Resource[] {
    const a = this.everywhere;
    const b = own ?? [];
    if (a.length === this.named.length) return this.named;
    const out: Resource[] = [];
    let i = 0;
    let j = 0;
    while (i < a.length || j < b.length) {
      if (j >= b.length || (i < a.length && a[i] < b[j])) out.push(this.named[a[i++]]);
      else out.push(this.named[b[j++]]);
    }
    return out;
  }
}

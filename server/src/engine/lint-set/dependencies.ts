/**
 * The dependency tracker behind incremental cross-document checks. While a check runs, every lookup it
 * makes records a key (`wl:Deployment/web`, `pod:app=web`, …); when what a key names changes, the key is
 * touched, and only the checks that recorded a touched key run again. Knows nothing of what keys mean.
 */

/** One run of a check: the keys its lookups depended on. */
export interface Dependent {
  deps: string[];
}

export class DependencyTracker {
  private readonly dependents = new Map<string, Set<Dependent>>();
  private readonly touchedKeys = new Set<string>();
  private recording: Dependent | undefined;

  /** Something a key names changed: its dependents run again at the next `takeTouched`. */
  touch(key: string): void {
    this.touchedKeys.add(key);
  }

  /** The running check (if any) depends on `key`. */
  depend(key: string): void {
    const d = this.recording;
    if (!d) return;
    d.deps.push(key);
    const set = this.dependents.get(key);
    if (set) set.add(d);
    else this.dependents.set(key, new Set([d]));
  }

  /** Runs `check` recording the keys it depends on into `d` (replacing what it recorded before). */
  record(d: Dependent, check: () => void): void {
    this.forget(d);
    const outer = this.recording;
    this.recording = d;
    try {
      check();
    } finally {
      this.recording = outer;
    }
  }

  /** A check that will not run again: drop its dependencies. */
  forget(d: Dependent): void {
    for (const k of d.deps) {
      const set = this.dependents.get(k);
      if (set) {
        set.delete(d);
        if (set.size === 0) this.dependents.delete(k);
      }
    }
    d.deps = [];
  }

  /** The checks that depend on a key touched since the last call (each once), and forgets the touches. */
  takeTouched(): Set<Dependent> {
    const out = new Set<Dependent>();
    for (const k of this.touchedKeys) for (const d of this.dependents.get(k) ?? []) out.add(d);
    this.touchedKeys.clear();
    return out;
  }
}

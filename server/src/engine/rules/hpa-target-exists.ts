import { defineRule, type SetContext, type Target } from './rule';
import { isAutoscaler } from '../model/kubernetes';
import { autoscalerOf, workloadOf } from '../sources/objects';
import { setValue } from './helpers/set-value';
import { WORKLOAD_KINDS, namespaceOf } from '../lint-set/resource-index';
import type { Resource } from '../parse/document';
import { yamlScalar } from '../fix';
import type { Fix } from '../types';

/** Kubernetes object names are at most 253 characters (DNS subdomain names). */
const MAX_NAME_LENGTH = 253;

const withoutEmpty = new WeakMap<readonly string[], readonly string[]>();
/** The list without empty names, once per list (the index's lists live for one pass). */
function nonEmpty(names: readonly string[]): readonly string[] {
  let out = withoutEmpty.get(names);
  if (!out) withoutEmpty.set(names, (out = names.filter((n) => n)));
  return out;
}

/** How far a name may be from a candidate to count as a typo of it: 1 for short names, up to 3. */
function maxDistance(name: string): number {
  return Math.min(3, Math.max(1, Math.floor(name.length / 3)));
}

/** Where to point at a workload: its `metadata.name` value. */
function nameOf(w: Resource): Target {
  return workloadOf(w)?.nameRange ?? w.anchor;
}

function list(names: readonly string[], max = 5): string {
  const shown = names.slice(0, max).join(', ');
  return names.length > max ? `${shown}, … (${names.length} in all)` : shown;
}

export default defineRule({
  id: 'hpa-target-exists',
  defaultSeverity: 'warning',
  fixable: true,
  docs: {
    appliesTo: 'HPA/ScaledObject `scaleTargetRef` of kind Deployment or StatefulSet',
    summary: 'The autoscaler’s scaleTargetRef names no workload of that kind in its namespace.',
    rationale:
      'An autoscaler whose target does not exist is accepted by the API server and then does nothing: the HPA reports `FailedGetScale` in its events, nobody reads them, and the workload it was meant to scale runs at whatever replica count it has when the spike arrives. The workflow’s first troubleshooting step for "auto-scaling not triggering" is `kubectl describe hpa`; this rule catches the usual cause, a renamed or mistyped workload, before it ships. The check needs the workloads of the namespace in the lint set: it stays silent when the lint set holds no Deployment or StatefulSet there, and when the name is close to none of them while the autoscaler’s own file holds none of them (its workload is then most likely defined outside the lint set: another repository, a Helm chart, a folder not linted with it), and for target kinds it cannot see (ReplicaSet, Argo Rollout, LeaderWorkerSet, custom resources). It also reports a `scaleTargetRef.apiVersion` whose group does not serve the kind (a Deployment in `extensions/v1beta1`, which has served none since 1.16): the controller resolves the target by group and kind, so such an HPA never finds its target even when a workload of that name exists (`apps/v1beta1` and `apps/v1beta2` name the right group and still resolve).',
    remediation:
      'Point `scaleTargetRef` at the workload’s exact `kind` and `metadata.name` (same namespace). The quick fix renames it to the nearest existing name of that kind (at most 1 edit per 3 characters, 3 at most), or corrects the kind when a workload of that name exists with the other kind; it is applied by `--fix` only when there is exactly one such candidate.',
    bad: 'scaleTargetRef:\n  apiVersion: apps/v1\n  kind: Deployment\n  name: chekout   # the Deployment is "checkout"',
    good: 'scaleTargetRef:\n  apiVersion: apps/v1\n  kind: Deployment\n  name: checkout',
  },
  crossDocument: {
    subjects: isAutoscaler,
    check(ctx: SetContext, a: Resource) {
      const scaler = autoscalerOf(a);
      const t = scaler?.target;
      const ref = scaler?.targetRef;
      if (!t || !ref || !WORKLOAD_KINDS.has(t.kind)) return;
      // The controller finds its target by group and kind: a group that does not serve the kind never resolves,
      // whatever workloads the lint set holds (apps/v1beta1 and v1beta2 still name the apps group, and resolve).
      const group = t.apiVersion?.includes('/') ? t.apiVersion.slice(0, t.apiVersion.indexOf('/')) : t.apiVersion;
      if (group !== undefined && group !== 'apps') {
        const edits = setValue(a.chunk.text, ref.apiVersionFix, 'apps/v1');
        ctx.report({
          resource: a,
          at: ref.apiVersionRange ?? ref.nameRange ?? a.anchor,
          message:
            group === 'extensions'
              ? `scaleTargetRef.apiVersion is ${t.apiVersion}: the extensions group has served no ${t.kind} since Kubernetes 1.16, and the HPA controller resolves its target by group and kind, so it never finds ${t.kind} ${t.name}. Use apps/v1.`
              : `scaleTargetRef.apiVersion is ${t.apiVersion}, a group that does not serve ${t.kind}: the HPA controller resolves its target by group and kind, so it never finds ${t.kind} ${t.name}. Use apps/v1.`,
          fixes: edits.length ? [{ title: 'Set scaleTargetRef.apiVersion to apps/v1', edits, safe: true, preferred: true }] : [],
        });
        return;
      }
      if (!ctx.index.hasWorkloadsNear(a)) return;
      if (ctx.index.workloadsNamed(t.kind, t.name, a).length) return;
      const where = `namespace ${namespaceOf(a)}`;
      const nameNode = ref.nameRange ?? a.anchor;

      // The name exists, with the other kind: the kind is what is wrong.
      const otherKind = ctx.index.workloadsNamedAnyKind(t.name, a)[0];
      if (otherKind) {
        const edits = setValue(a.chunk.text, ref.kindFix, otherKind.kind);
        ctx.report({
          resource: a,
          at: ref.kindRange ?? nameNode,
          message: `scaleTargetRef names ${t.kind} ${t.name}, but ${t.name} in namespace ${namespaceOf(otherKind)} is a ${otherKind.kind}.`,
          fixes: edits.length ? [{ title: `Change the target kind to ${otherKind.kind}`, edits, safe: true, preferred: true }] : [],
          related: [{ resource: otherKind, at: nameOf(otherKind), message: `${otherKind.kind} ${otherKind.name}` }],
        });
        return;
      }

      // The nearest names (the index keeps a trie of each namespace's names from change to change: thousands
      // of autoscalers may ask). A name longer than Kubernetes allows is nobody's typo: no search.
      const near = t.name.length <= MAX_NAME_LENGTH ? ctx.index.workloadNamesWithin(t.kind, a, t.name, maxDistance(t.name)) : [];
      const best = Math.min(...near.map((n) => n.distance));
      const nearest = near.filter((n) => n.distance === best).map((n) => n.name).sort();
      // No near name, and no workload of the namespace in the autoscaler's own file: its target is most
      // likely defined outside the lint set (another repository, a chart, a folder not linted with it).
      if (!nearest.length && !ctx.index.hasWorkloadsNearInOwnFile(a)) return;
      const names = nonEmpty(ctx.index.workloadNamesNear(t.kind, a));
      const fixes: Fix[] =
        ref.nameFix
          ? nearest.map((n) => ({ title: `Change the target to ${t.kind} ${n}`, edits: setValue(a.chunk.text, ref.nameFix, yamlScalar(n)), safe: nearest.length === 1, preferred: nearest.length === 1 }))
          : [];
      const known = names.length ? `${t.kind}s there: ${list(names)}` : `there is no ${t.kind} there`;
      const suggestion = nearest.length ? ` Did you mean ${nearest.join(' or ')}?` : '';
      ctx.report({
        resource: a,
        at: nameNode,
        message: `scaleTargetRef names ${t.kind} ${t.name}, which is not in ${where} in the lint set (${known}).${suggestion}`,
        fixes,
        related: nearest.map((n) => {
          const w = ctx.index.workloadsNamed(t.kind, n, a)[0];
          return { resource: w, at: nameOf(w), message: `${w.kind} ${w.name}` };
        }),
      });
    },
  },
});

import { defineRule, type Report, type SetContext } from './rule';
import { isWorkload } from '../model/kubernetes';
import { autoscalerOf, workloadOf } from '../sources/objects';
import { removePair } from '../fix';
import type { Resource } from '../parse/document';
import type { Fix } from '../types';

function describeAutoscaler(a: Resource): string {
  const { min, max } = autoscalerOf(a)?.bounds ?? {};
  const bounds = min && max ? ` (${min.value}–${max.value} replicas)` : '';
  return `${a.kind} ${a.name || '(unnamed)'}${bounds}`;
}

/**
 * What is said about one list of autoscalers (`autoscalersOf` hands the same list to every workload they scale
 * while the set is unchanged: many copies of an app, hundreds of workloads and autoscalers), made once per list.
 */
const saidOf = new WeakMap<readonly Resource[], { scalers?: string; related: Map<string, Report['related']> }>();

function said(by: readonly Resource[]) {
  let s = saidOf.get(by);
  if (!s) saidOf.set(by, (s = { related: new Map() }));
  return s;
}

/** "HorizontalPodAutoscaler web (2–8 replicas) scales", or "2 autoscalers scale … (…; …)" (the same object in several files counts once). */
function scalers(by: readonly Resource[]): string {
  const s = said(by);
  if (s.scalers !== undefined) return s.scalers;
  const names = [...new Set(by.map(describeAutoscaler))];
  return (s.scalers = names.length === 1 ? `${names[0]} scales` : `${names.length} autoscalers (${names.join('; ')}) scale`);
}

/** Each autoscaler where it names `w` (same-named workloads share the list). */
function scaling(by: readonly Resource[], w: Resource): Report['related'] {
  const s = said(by);
  const k = `${w.kind} ${w.name}`;
  let related = s.related.get(k);
  if (!related) {
    related = by.map((a) => ({
      resource: a,
      at: autoscalerOf(a)?.targetRef?.nameRange ?? a.anchor,
      message: `${a.kind} ${a.name || '(unnamed)'} scales ${w.kind} ${w.name}`,
    }));
    s.related.set(k, related);
  }
  return related;
}

export default defineRule({
  id: 'replicas-with-hpa',
  defaultSeverity: 'warning',
  fixable: true,
  docs: {
    appliesTo: 'Deployment/StatefulSet targeted by an HPA/ScaledObject in the lint set',
    summary: 'A workload that an autoscaler scales also sets spec.replicas.',
    rationale:
      'Once an HPA (or a KEDA ScaledObject, which creates one) scales a workload, the replica count belongs to the autoscaler: it moves between its minimum and maximum with the load. A `replicas` field left in the manifest is applied again on every `kubectl apply`, GitOps sync or Helm upgrade, resetting the count to the written value: in the middle of a spike the service drops from the twenty replicas the autoscaler chose to the three in the file, and only recovers one sync period and one scale-up step at a time. The workflow wants scale-up to answer within two minutes and scale-down to be gradual; a deploy that undoes both is the opposite. `replicas: 0` is left alone: it deliberately parks the workload (the HPA does not scale a workload at zero).',
    remediation:
      'Remove `spec.replicas` and let the autoscaler’s `minReplicas` be the floor. When the workload is already running and was applied with client-side `kubectl apply`, remove the field from the last-applied configuration first (`kubectl apply edit-last-applied`), or the first apply without it resets the workload to 1 replica before the HPA scales it back.',
    bad: 'kind: Deployment\nmetadata: {name: web}\nspec:\n  replicas: 3\n---\nkind: HorizontalPodAutoscaler\nspec:\n  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: web}\n  minReplicas: 3\n  maxReplicas: 20',
    good: 'kind: Deployment\nmetadata: {name: web}\nspec:\n  selector: {matchLabels: {app: web}}\n---\nkind: HorizontalPodAutoscaler\nspec:\n  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: web}\n  minReplicas: 3\n  maxReplicas: 20',
  },
  crossDocument: {
    subjects: isWorkload,
    check(ctx: SetContext, w: Resource) {
      const by = ctx.index.autoscalersOf(w);
      if (!by.length) return;
      const replicas = workloadOf(w)?.replicasWritten;
      if (!replicas) return;
      if (replicas.value === 0) return; // parked on purpose
      const written = replicas.text;
      const edits = removePair(w.chunk.text, replicas.map, 'replicas');
      const fixes: Fix[] = edits.length ? [{ title: 'Remove spec.replicas (the autoscaler owns the replica count)', edits, safe: true, preferred: true }] : [];
      ctx.report({
        resource: w,
        at: replicas.key,
        message: `replicas is ${written}, but ${scalers(by)} ${w.kind} ${w.name}: every apply resets the replica count to ${written} until the autoscaler corrects it. Remove the field.`,
        fixes,
        related: scaling(by, w),
      });
    },
  },
});

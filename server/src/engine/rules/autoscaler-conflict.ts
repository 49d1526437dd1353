import { defineRule, type SetContext } from './rule';
import { isAutoscaler, isHpa, isScaledObject } from '../model/kubernetes';
import { ACTIVE_UPDATE_MODES, controlledResources, isVpa } from '../model/vpa';
import { autoscalerOf, verticalAutoscalerOf, workloadOf } from '../sources/objects';
import type { Resource } from '../parse/document';
import { autoscalersNaming } from './helpers/autoscalers-of-target';

const label = (r: Resource) => `${r.kind} ${r.name || '(unnamed)'}`;

/** Where to point at an autoscaler: its scaleTargetRef name, else its kind. */
function targetNameRange(r: Resource): [number, number] {
  return autoscalerOf(r)?.targetRef?.nameRange ?? r.anchor;
}

/** The HPA KEDA made for a ScaledObject (it carries an ownerReference to it): the ScaledObject's own, not a second owner. */
function ownedByScaledObject(hpa: Resource): boolean {
  return autoscalerOf(hpa)?.ownedByScaledObject === true;
}

/** A ScaledObject that takes over an existing HPA (annotation `scaledobject.keda.sh/transfer-hpa-ownership` and that HPA's name). */
function takesOver(so: Resource, hpa: Resource): boolean {
  const name = autoscalerOf(so)?.keda?.takesOverHpa;
  return name !== undefined && name === hpa.name;
}

/**
 * What replicaConflict needs of one list of autoscalers naming a target (the index hands the same list to each
 * of them while the set is unchanged): where each is in it, and the first of each distinct `kind/name` (the same
 * object written twice is one object). Made once per list: with n copies of an app in one lint set, scanning
 * the list before each autoscaler was quadratic.
 */
interface NamingList {
  at: Map<Resource, number>;
  firsts: { at: number; id: string; r: Resource }[];
}

const namingLists = new WeakMap<readonly Resource[], NamingList>();

function namingList(all: readonly Resource[]): NamingList {
  let l = namingLists.get(all);
  if (l) return l;
  l = { at: new Map(), firsts: [] };
  const ids = new Set<string>();
  all.forEach((r, i) => {
    if (!l!.at.has(r)) l!.at.set(r, i);
    const id = `${r.kind}/${r.name}`;
    if (ids.has(id)) return;
    ids.add(id);
    l!.firsts.push({ at: i, id, r });
  });
  namingLists.set(all, l);
  return l;
}

function replicaConflict(ctx: SetContext, a: Resource): void {
  if (isHpa(a) && ownedByScaledObject(a)) return;
  const t = autoscalerOf(a)?.target;
  if (!t || !t.kind) return;
  const all = autoscalersNaming(ctx, t.kind, t.name, a);
  const list = namingList(all);
  const at = list.at.get(a) ?? -1;
  if (at <= 0) return; // the first one: the later one reports the pair
  const own = `${a.kind}/${a.name}`;
  // The earlier autoscalers, each distinct object once (its first writing), other than `a`'s own.
  for (const { at: i, id, r: other } of list.firsts) {
    if (i >= at) break;
    if (id === own) continue;
    if (isHpa(other) && ownedByScaledObject(other)) continue;
    const [so, hpa] = isScaledObject(a) ? [a, other] : [other, a];
    if (isScaledObject(so) && isHpa(hpa) && takesOver(so, hpa)) continue;
    const target = `${t.kind} ${t.name}`;
    let why: string;
    if (isHpa(a) && isHpa(other)) {
      why = `${label(other)} and ${label(a)} both scale ${target}: the HPA controller finds two HPAs over the same pods, sets ScalingActive=False (AmbiguousSelector) on both, and neither scales any more. Keep one HPA with the metrics of both (it follows the largest recommendation).`;
    } else if (isScaledObject(a) && isScaledObject(other)) {
      why = `${label(other)} and ${label(a)} both scale ${target}: each makes its own HPA, so two HPAs own one replica count (KEDA's admission webhook rejects the second). Keep one ScaledObject with the triggers of both.`;
    } else {
      why = `${label(so)} makes its own HPA (keda-hpa-${so.name}) for ${target}, which ${label(hpa)} already scales: two HPAs own one replica count (KEDA's admission webhook rejects it; the HPA controller stops both). Move the HPA's metrics into the ScaledObject as cpu/memory triggers, or transfer the HPA to KEDA (scaledobject.keda.sh/transfer-hpa-ownership).`;
    }
    ctx.report({
      resource: a,
      at: targetNameRange(a),
      message: why,
      related: [{ resource: other, at: targetNameRange(other), message: `${label(other)} also scales ${target}` }],
    });
    // Once per autoscaler, naming the first it conflicts with: n autoscalers on one workload make n − 1 findings, not n²/2.
    break;
  }
}

function verticalConflict(ctx: SetContext, vpa: Resource): void {
  const v = verticalAutoscalerOf(vpa);
  const mode = v?.updateMode;
  if (!v || !mode || !ACTIVE_UPDATE_MODES.has(mode.value)) return; // Off, Initial: running pods are left alone
  const t = v.target;
  if (!t) return;
  const scalers = autoscalersNaming(ctx, t.kind, t.name, vpa);
  if (!scalers.length) return;
  const workload = ctx.index.workloadsNamed(t.kind, t.name, vpa)[0];
  const names = workload ? (workloadOf(workload)?.pod?.containers ?? []).map((c) => c.name) : [];
  const controlled = controlledResources(v.policies, names);
  const seen = new Set<string>();
  for (const a of scalers) {
    const id = `${a.kind}/${a.name}`;
    if (seen.has(id)) continue;
    seen.add(id);
    const on = autoscalerOf(a)?.scalesOn ?? new Map<string, string>();
    const shared = [...on.keys()].filter((r) => controlled.has(r));
    if (!shared.length) continue;
    const how = shared.map((r) => on.get(r)).join(', ');
    const modeText = mode.explicit ? `updateMode ${mode.value}` : 'updateMode not set, so Auto';
    ctx.report({
      resource: vpa,
      at: mode.explicit ? mode.range : t.range,
      severity: 'warning',
      message: `${label(vpa)} (${modeText}) sets the ${shared.join(' and ')} requests of ${t.kind} ${t.name}, which ${label(a)} scales on (${how}): utilization is usage over the request the VPA keeps moving, so the two chase each other. Scale horizontally on other metrics, or leave ${shared.join(' and ')} out of the VPA's controlledResources (or set updateMode Off/Initial).`,
      related: [{ resource: a, at: targetNameRange(a), message: `${label(a)} scales ${t.kind} ${t.name} on ${shared.join(' and ')}` }],
    });
  }
}

export default defineRule({
  id: 'autoscaler-conflict',
  defaultSeverity: 'error',
  fixable: false,
  docs: {
    appliesTo: 'HPA, ScaledObject and VerticalPodAutoscaler (autoscaling.k8s.io/v1) × the workload they name',
    summary: 'Two autoscalers own one workload’s replica count, or a VPA resizes the resource an HPA scales on.',
    rationale:
      'The workflow has one autoscaler per workload decide the instance count from its metrics, with scale-up and scale-down rules tuned together. Two of them on one workload do not add up. Two HPAs on one Deployment each compute their own replica count every sync period; since Kubernetes 1.26 the HPA controller detects pods controlled by several HPAs and stops all of them (condition ScalingActive=False, reason AmbiguousSelector: kubernetes/kubernetes#112011), so the workload no longer scales at all. A KEDA ScaledObject is not an alternative to an HPA but a generator of one (`keda-hpa-<name>`): next to a hand-written HPA, or next to a second ScaledObject, it makes the same two-HPA conflict, and KEDA’s admission webhook rejects such a ScaledObject (keda.sh: ScaledObject specification, `validations.keda.sh/hpa-ownership`). The vertical case is subtler: a VerticalPodAutoscaler whose `updateMode` changes running pods (`Auto`, the default, `Recreate`, `InPlaceOrRecreate`) sets the cpu and memory requests (`controlledResources`, default both); an HPA scaling on the utilization of the same resource divides usage by that request, so when the VPA raises the request the utilization drops and the HPA removes pods, which raises usage per pod, which the VPA answers with larger requests. The Kubernetes and VPA documentation both say not to use them together on cpu or memory (kubernetes.io/docs/concepts/workloads/autoscaling/vertical-pod-autoscale, kubernetes/autoscaler vertical-pod-autoscaler README "Known limitations"). Replica conflicts are reported on each autoscaler after the first in the lint set, once, with the first one it conflicts with as related information (n autoscalers on one workload make n − 1 findings); a VPA conflict is reported on the VPA, where the fix is written. A ScaledObject that takes over an HPA (`scaledobject.keda.sh/transfer-hpa-ownership` with that HPA’s name in `horizontalPodAutoscalerConfig.name`) and the HPA KEDA generated (an ownerReference to a ScaledObject, as in `kubectl get -o yaml` output) are not conflicts.',
    remediation:
      'Keep one horizontal autoscaler per workload: merge two HPAs’ metrics into one (the HPA follows the largest recommendation), or a HPA’s cpu/memory metrics into the ScaledObject as `cpu`/`memory` triggers. For a VPA, let the HPA scale on other metrics (requests per second, queue length), or restrict the VPA to the resources the HPA does not use (`resourcePolicy.containerPolicies[].controlledResources`), or use `updateMode: Off` / `Initial` for recommendations only.',
    bad: 'kind: HorizontalPodAutoscaler\nmetadata: {name: web}\nspec:\n  scaleTargetRef: {kind: Deployment, name: web}\n---\nkind: ScaledObject\nmetadata: {name: web}\nspec:\n  scaleTargetRef: {name: web}',
    good: 'kind: ScaledObject\nmetadata: {name: web}\nspec:\n  scaleTargetRef: {name: web}\n  triggers:\n    - {type: cpu, metricType: Utilization, metadata: {value: "70"}}\n    - {type: kafka, metadata: {topic: orders, lagThreshold: "100"}}',
  },
  crossDocument: {
    subjects: (r) => isAutoscaler(r) || isVpa(r),
    check(ctx, r) {
      if (isVpa(r)) verticalConflict(ctx, r);
      else replicaConflict(ctx, r);
    },
  },
});

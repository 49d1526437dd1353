import { reportChecked } from './helpers/fix-guard';
import { isMap, isScalar, isSeq, type Node } from 'yaml';
import { defineRule, type DocumentContext, type Report } from './rule';
import { getPair, get, mapPairs } from '../parse/values';
import { replaceNode } from '../fix';
import type { Fix } from '../types';
import { v2beta1MetricEdits } from '../convert/hpa-v2beta1';
import { kubernetesVersionSetting } from './version-skew';

/** [major, minor] of `"1.30"` / `"v1.30.2"`; undefined for anything else. */
function minorOf(v: string): [number, number] | undefined {
  const m = /^v?(\d+)\.(\d+)(?:\.\d+)?$/.exec(v.trim());
  return m ? [Number(m[1]), Number(m[2])] : undefined;
}

/** Whether version `a` is older than `b`. */
function older(a: [number, number], b: [number, number]): boolean {
  return a[0] < b[0] || (a[0] === b[0] && a[1] < b[1]);
}

interface Removal {
  kind: string;
  removedIn: string;
  replacement: string;
  servedSince: string;
}

/** Kubernetes API versions this rule knows were removed, and what replaces them. */
const REMOVED: Record<string, Removal> = {
  'autoscaling/v2beta1': { kind: 'HorizontalPodAutoscaler', removedIn: '1.25', replacement: 'autoscaling/v2', servedSince: '1.23' },
  'autoscaling/v2beta2': { kind: 'HorizontalPodAutoscaler', removedIn: '1.26', replacement: 'autoscaling/v2', servedSince: '1.23' },
  'policy/v1beta1': { kind: 'PodDisruptionBudget', removedIn: '1.25', replacement: 'policy/v1', servedSince: '1.21' },
};

/** A value written in the same quoting as the node it replaces. */
function sameQuotes(node: Node, value: string): string {
  if (isScalar(node) && node.type === 'QUOTE_DOUBLE') return `"${value}"`;
  if (isScalar(node) && node.type === 'QUOTE_SINGLE') return `'${value}'`;
  return value;
}

/** A PDB selector that is written but selects nothing in particular: `{}`, or empty matchLabels/matchExpressions. */
function isEmptySelector(selector: Node | undefined): boolean {
  if (!isMap(selector)) return false;
  return mapPairs(selector).every((p) => {
    const v = p.value;
    return v === null || (isScalar(v) && (v.value === null || v.value === '')) || ((isMap(v) || isSeq(v)) && v.items.length === 0);
  });
}

export default defineRule({
  id: 'deprecated-api',
  defaultSeverity: 'warning',
  fixable: true,
  settings: { kubernetesVersion: kubernetesVersionSetting },
  docs: {
    appliesTo: 'HPA `autoscaling/v2beta1` and `autoscaling/v2beta2`, PodDisruptionBudget `policy/v1beta1`, KEDA 1.x ScaledObject `keda.k8s.io/v1alpha1`',
    summary: 'The manifest uses an API version that Kubernetes no longer serves.',
    rationale:
      'Scaling configuration has to apply on the cluster it is meant for, or the autoscaler and the disruption budget simply are not there. `autoscaling/v2beta1` HorizontalPodAutoscalers stopped being served in Kubernetes 1.25, `autoscaling/v2beta2` in 1.26, and `policy/v1beta1` PodDisruptionBudgets in 1.25: `kubectl apply` fails with “no matches for kind”, and a pipeline that ignores the error ships a workload without its HPA or PDB. `autoscaling/v2` is served since 1.23 and `policy/v1` since 1.21. v2beta2 has the same fields as v2. v2beta1 writes metric targets differently: `targetAverageUtilization: N` becomes `target: {type: Utilization, averageUtilization: N}`, `targetAverageValue`/`targetValue` become `target` with `type: AverageValue`/`Value`, and the `metricName` and `selector`/`metricSelector` of Pods, Object and External metrics become `metric: {name, selector}`; an Object metric’s `target` (the object) becomes `describedObject`. For a PDB, one meaning changed: an empty selector `{}` selects no pods in policy/v1beta1 but every pod of the namespace in policy/v1. KEDA 1.x’s `keda.k8s.io/v1alpha1` ScaledObjects are not served by KEDA 2 (2020 on): they are reported, and still count as their workload’s autoscaler for the cross-document rules, so no rule claims the workload has none. What counts as removed follows `kubernetesVersion` (the setting version-skew reads, default "1.35"): on a cluster older than the release that removes an API, it is still served and only deprecated, so the finding is information (it says in which release it goes); on a cluster older than the release that first serves the replacement (autoscaling/v2 before 1.23, policy/v1 before 1.21) there is nothing to migrate to yet, and the rule stays silent.',
    remediation:
      'Apply the fix: it rewrites the apiVersion and, for v2beta1, each metric in the v2 layout (the `status.currentMetrics` of a manifest saved from the cluster too), keeping comments. A PDB with an empty selector gets the fix only as a suggestion: give it a real selector first.',
    bad: 'apiVersion: autoscaling/v2beta1\nkind: HorizontalPodAutoscaler\nspec:\n  metrics:\n  - type: Resource\n    resource:\n      name: cpu\n      targetAverageUtilization: 70',
    good: 'apiVersion: autoscaling/v2\nkind: HorizontalPodAutoscaler\nspec:\n  metrics:\n  - type: Resource\n    resource:\n      name: cpu\n      target:\n        type: Utilization\n        averageUtilization: 70',
  },
  checkDocument(outer: DocumentContext<{ kubernetesVersion: string }>) {
    const cluster = minorOf(outer.settings.kubernetesVersion ?? '') ?? [1, 35];
    const clusterText = `${cluster[0]}.${cluster[1]}`;
    const reports: Report[] = [];
    const ctx = { ...outer, report: (r: Report) => void reports.push(r) };
    for (const r of ctx.resources) {
      if (r.family !== 'kubernetes' || !r.apiVersion) continue;
      if (r.apiVersion === 'keda.k8s.io/v1alpha1' && r.kind === 'ScaledObject') {
        const at = getPair(r.node, 'apiVersion')?.value;
        if (at) {
          // Still this workload's autoscaler for the cross-document rules; no fix: KEDA 2 renamed fields and triggers.
          ctx.report({
            resource: r,
            at,
            message: `keda.k8s.io/v1alpha1 ScaledObject is KEDA 1.x's API, which KEDA 2.0 no longer serves; use keda.sh/v1alpha1 (scaleTargetRef.deploymentName becomes scaleTargetRef.name, and some triggers changed their metadata).`,
            tags: ['deprecated'],
          });
        }
        continue;
      }
      const removal = REMOVED[r.apiVersion];
      if (!removal || removal.kind !== r.kind) continue;
      const versionNode = getPair(r.node, 'apiVersion')?.value;
      if (!versionNode) continue;
      const removedIn = minorOf(removal.removedIn)!;
      // The replacement is not served yet on the configured cluster: the old API is the only one there.
      if (older(cluster, minorOf(removal.servedSince)!)) continue;
      const stillServed = older(cluster, removedIn);
      const apiEdit = replaceNode(versionNode, sameQuotes(versionNode, removal.replacement));
      let message = stillServed
        ? `${r.apiVersion} ${r.kind} is deprecated: Kubernetes ${removal.removedIn} removes it (kubernetesVersion is ${clusterText}, which still serves it); use ${removal.replacement} (served since ${removal.servedSince}).`
        : `${r.apiVersion} ${r.kind} was removed in Kubernetes ${removal.removedIn}; use ${removal.replacement} (served since ${removal.servedSince}).`;
      let fixes: Fix[] | undefined;
      const title = `Convert to ${removal.replacement}`;
      if (r.apiVersion === 'autoscaling/v2beta1') {
        const metricEdits = v2beta1MetricEdits(ctx.text, r);
        const edits = metricEdits ? [...apiEdit, ...metricEdits] : undefined;
        if (edits) {
          fixes = [{ title, edits, safe: true, preferred: true }];
          if (metricEdits!.length > 0) message += ' Its metric targets move to the v2 `target`/`metric` layout.';
        } else {
          message += ' Some metrics are not in a shape the fix can convert: rewrite them in the v2 layout by hand.';
        }
      } else if (r.kind === 'PodDisruptionBudget') {
        const selector = get(r.node, 'spec', 'selector');
        if (isEmptySelector(selector)) {
          message += ' Careful: its empty selector selects no pods in policy/v1beta1 but every pod of the namespace in policy/v1.';
          fixes = [{ title: `${title} (the empty selector will then select every pod in the namespace)`, edits: apiEdit, safe: false }];
        } else {
          fixes = [{ title, edits: apiEdit, safe: true, preferred: true }];
        }
      } else {
        fixes = [{ title, edits: apiEdit, safe: true, preferred: true }]; // v2beta2 and v2 have the same fields
      }
      ctx.report({ resource: r, at: versionNode, message, tags: ['deprecated'], fixes, ...(stillServed ? { severity: 'info' as const } : {}) });
    }
    reportChecked(outer, reports);
  },
});

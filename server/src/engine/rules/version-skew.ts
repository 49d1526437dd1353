import type { Node, Pair } from 'yaml';
import { defineRule } from './rule';
import type { Setting } from '../settings';
import { behaviorNode, isHpa, isPdb, isScaledObject, spec } from '../model/kubernetes';
import { get, getPair, int, seqItems, str } from '../parse/values';

const VERSION = /^v?(\d+)\.(\d+)(?:\.\d+)?$/;

/**
 * The Kubernetes minor version the manifests are applied to (`"1.35"`). A string, as YAML reads `1.30` as
 * the number 1.3: the schema asks for quotes rather than guess.
 */
export const kubernetesVersionSetting: Setting<string> = {
  schema: {
    type: 'string',
    pattern: '^v?[0-9]+\\.[0-9]+(\\.[0-9]+)?$',
    description: 'The Kubernetes version the manifests are applied to, as a quoted string such as "1.30" (version-skew). Default "1.35".',
  },
  default: '1.35',
  merge: (current, given) => (typeof given === 'string' && VERSION.test(given.trim()) ? given.trim() : current),
};

/** [major, minor], or undefined for a value the schema would have refused. */
function parseVersion(v: string): [number, number] | undefined {
  const m = VERSION.exec(v.trim());
  return m ? [Number(m[1]), Number(m[2])] : undefined;
}

const before = (v: [number, number], major: number, minor: number) => v[0] < major || (v[0] === major && v[1] < minor);

export default defineRule({
  id: 'version-skew',
  defaultSeverity: 'warning',
  fixable: false,
  settings: { kubernetesVersion: kubernetesVersionSetting },
  docs: {
    appliesTo: 'HPA, ScaledObject behavior, PodDisruptionBudget, against the setting `kubernetesVersion` (default "1.35")',
    summary: 'The cluster version the manifests target does not serve, or silently drops, what is written.',
    rationale:
      'The workflow tunes scaling behaviour field by field ("scale up: 60 seconds, scale down: 300 seconds, avoid flapping") and then verifies it under load; a field the cluster drops makes that tuning a fiction the load test may not even reveal. Which fields exist depends on the cluster version and its feature gates. `behavior.scaleUp/scaleDown.tolerance` came with the HPAConfigurableTolerance gate, alpha (off) in 1.33 and 1.34 and beta (on) from 1.35 (kubernetes.io blog "Kubernetes v1.33: HorizontalPodAutoscaler Configurable Tolerance"; the API reference of HPAScalingRules); while the gate is off the API server drops the field without a warning and the HPA keeps the cluster-wide 10 %. `autoscaling/v2` is served from 1.23 (before, only v2beta2/v2beta1), `policy/v1` PodDisruptionBudget from 1.21: an older cluster rejects the object outright (Kubernetes deprecated API migration guide). `ContainerResource` metrics were alpha until 1.27 (gate HPAContainerMetrics, beta and on by default from 1.27). And `minReplicas: 0` on an HPA needs the alpha HPAScaleToZero gate on every version: without it the API server rejects the object (scale to zero is what KEDA’s `minReplicaCount: 0` is for). The version comes from `kubernetesVersion` in `.scalelint.yaml` (a quoted string, "1.30"), default "1.35".',
    remediation:
      'Set `kubernetesVersion` to the oldest cluster the manifests are applied to. Then write what that version serves: remove `tolerance` (or upgrade, or enable HPAConfigurableTolerance), use `autoscaling/v2beta2` or `policy/v1beta1` on clusters older than 1.23 / 1.21, use `Resource` metrics before 1.27, and `minReplicas: 1` (or a KEDA ScaledObject with `minReplicaCount: 0`) instead of an HPA at zero.',
    bad: '# kubernetesVersion: "1.32"\nkind: HorizontalPodAutoscaler\nspec:\n  minReplicas: 0\n  behavior:\n    scaleDown: {tolerance: 0.05}',
    good: '# kubernetesVersion: "1.35"\nkind: HorizontalPodAutoscaler\nspec:\n  minReplicas: 1\n  behavior:\n    scaleDown: {tolerance: 0.05}',
  },
  checkDocument(ctx) {
    const written = ctx.settings.kubernetesVersion;
    const version = parseVersion(written);
    if (!version) return;
    const v = `${version[0]}.${version[1]}`;
    for (const r of ctx.resources) {
      const apiVersionNode = getPair(r.node, 'apiVersion')?.value ?? r.anchor;
      if (isHpa(r) || isScaledObject(r)) {
        if (isHpa(r) && r.apiVersion === 'autoscaling/v2' && before(version, 1, 23)) {
          ctx.report({ resource: r, at: apiVersionNode, message: `autoscaling/v2 is served from Kubernetes 1.23; kubernetesVersion is ${v}, so the API server rejects this HorizontalPodAutoscaler. Use autoscaling/v2beta2 there, or raise kubernetesVersion.` });
        }
        if (before(version, 1, 35)) {
          const behavior = behaviorNode(r);
          for (const direction of ['scaleUp', 'scaleDown'] as const) {
            const pair = getPair(get(behavior, direction), 'tolerance');
            if (!pair) continue;
            ctx.report({
              resource: r,
              at: pair as Pair<Node, Node | null>,
              message: `behavior.${direction}.tolerance needs the HPAConfigurableTolerance feature gate, off by default before Kubernetes 1.35; kubernetesVersion is ${v}, so the API server drops the field without a warning and the HPA keeps the cluster-wide 10 % tolerance.`,
            });
          }
        }
        if (isHpa(r)) {
          const s = spec(r);
          if (before(version, 1, 27)) {
            for (const m of seqItems(get(s, 'metrics'))) {
              const typePair = getPair(m, 'type');
              if (str(typePair?.value) !== 'ContainerResource') continue;
              ctx.report({ resource: r, at: typePair?.value ?? m, message: `ContainerResource metrics are alpha before Kubernetes 1.27 (feature gate HPAContainerMetrics, off by default); kubernetesVersion is ${v}, so the metric is dropped or rejected. Use a Resource metric, or raise kubernetesVersion.` });
            }
          }
          const minPair = getPair(s, 'minReplicas');
          if (minPair && int(minPair.value) === 0) {
            ctx.report({ resource: r, at: minPair.value ?? minPair, message: 'minReplicas 0 needs the alpha HPAScaleToZero feature gate, off by default on every Kubernetes release: without it the API server rejects this HorizontalPodAutoscaler. Use minReplicas 1, or a KEDA ScaledObject (minReplicaCount: 0) to scale to zero.' });
          }
        }
      } else if (isPdb(r) && r.apiVersion === 'policy/v1' && before(version, 1, 21)) {
        ctx.report({ resource: r, at: apiVersionNode, message: `policy/v1 PodDisruptionBudget is served from Kubernetes 1.21; kubernetesVersion is ${v}, so the API server rejects it. Use policy/v1beta1 there, or raise kubernetesVersion.` });
      }
    }
  },
});

import { reportChecked } from './helpers/fix-guard';
import { type Node } from 'yaml';
import { numberSetting } from '../settings';
import { defineRule, type Report } from './rule';
import type { Resource } from '../parse/document';
import { behaviorNode, behaviorPath, isAutoscaler, isScaledObject, scalingRules, supportsBehavior, DEFAULT_SCALE_DOWN } from '../model/kubernetes';
import { get, getPair } from '../parse/values';
import { setPath } from '../fix';
import type { Fix } from '../types';

/** Where a finding about an absent window points: the deepest of scaleDown / behavior / spec that is written. */
function absentAnchor(r: Resource): Node | [number, number] {
  const behavior = behaviorNode(r);
  const scaleDown = getPair(behavior, 'scaleDown');
  if (scaleDown) return scaleDown.key as Node;
  if (behavior) {
    const holder = isScaledObject(r) ? get(r.node, 'spec', 'advanced', 'horizontalPodAutoscalerConfig') : get(r.node, 'spec');
    const pair = getPair(holder, 'behavior');
    if (pair) return pair.key as Node;
  }
  return (getPair(r.node, 'spec')?.key as Node | undefined) ?? r.anchor;
}

export default defineRule({
  id: 'scale-down-stabilization',
  defaultSeverity: 'warning',
  fixable: true,
  settings: {
    scaleDownWindowSeconds: numberSetting({ type: 'integer', minimum: 0, maximum: 3600, description: 'Shortest accepted scale-down stabilization window (scale-down-stabilization). Default 300.' }, 300),
  },
  docs: {
    appliesTo: 'HPA (autoscaling/v2, v2beta2) and ScaledObject `behavior.scaleDown.stabilizationWindowSeconds`',
    summary: 'The scale-down stabilization window is shorter than the configured minimum (300 s by default).',
    rationale:
      'The workflow asks for a gradual scale-down: “Scale down: 300 seconds (avoid flapping)”, scale in only after utilization stays low for minutes, and “Increase scale-down cooldown to avoid flapping”. The HPA’s stabilization window is that cooldown: it scales down only to the highest recommendation seen during the window. A short window removes pods on every brief dip of a spiky load, then adds them back seconds later: cold caches, connection churn, and pods that are not ready when the next peak arrives. When absent the window is 300 s, so the rule only fires for a window written shorter, or when `scaleDownWindowSeconds` is configured above 300. autoscaling/v1 and v2beta1 have no `behavior` field (the cluster default of 300 s applies) and are not checked; `selectPolicy: Disabled` on scaleDown means it never scales down, so the window does not matter.',
    remediation: 'Set `behavior.scaleDown.stabilizationWindowSeconds` to at least the configured minimum (300 by default); for a KEDA ScaledObject, under `spec.advanced.horizontalPodAutoscalerConfig.behavior`.',
    bad: 'spec:\n  behavior:\n    scaleDown:\n      stabilizationWindowSeconds: 30',
    good: 'spec:\n  behavior:\n    scaleDown:\n      stabilizationWindowSeconds: 300',
  },
  checkDocument(outer) {
    const reports: Report[] = [];
    const ctx = { ...outer, report: (r: Report) => void reports.push(r) };
    const minimum = ctx.settings.scaleDownWindowSeconds;
    for (const r of ctx.resources) {
      if (!isAutoscaler(r) || !supportsBehavior(r)) continue;
      const down = scalingRules(r, 'scaleDown');
      if (down.selectPolicy === 'Disabled') continue;
      // Written but not an integer (a string, an expression): the schema rule reports it.
      if (down.windowPair && !down.windowExplicit) continue;
      if (down.stabilizationWindowSeconds >= minimum) continue;
      const { root, path } = behaviorPath(r);
      const edits = root ? setPath(ctx.text, root, [...path, 'scaleDown', 'stabilizationWindowSeconds'], minimum) : [];
      const fixes: Fix[] | undefined = edits.length > 0
        ? [{ title: `Set scaleDown.stabilizationWindowSeconds to ${minimum}`, edits, safe: true, preferred: true }]
        : undefined;
      ctx.report({
        resource: r,
        at: down.windowExplicit && down.windowPair?.value ? down.windowPair.value : absentAnchor(r),
        message: down.windowExplicit
          ? `scaleDown.stabilizationWindowSeconds is ${down.stabilizationWindowSeconds}; the minimum is ${minimum} s, so a brief dip in load removes pods that the next peak needs again.`
          : `scaleDown.stabilizationWindowSeconds is not set, so it defaults to ${DEFAULT_SCALE_DOWN.stabilizationWindowSeconds}; the configured minimum is ${minimum} s.`,
        fixes,
      });
    }
    reportChecked(outer, reports);
  },
});

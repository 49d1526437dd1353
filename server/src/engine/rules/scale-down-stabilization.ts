import { reportChecked } from './helpers/fix-guard';
import { numberSetting } from '../settings';
import { defineRule, type Report } from './rule';
import { isAutoscaler, DEFAULT_SCALE_DOWN } from '../model/kubernetes';
import { autoscalerOf } from '../sources/objects';
import { setPath } from '../fix';
import type { Fix } from '../types';

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
      // The model has the scale-down facts of the versions that have `behavior` only.
      const down = isAutoscaler(r) ? autoscalerOf(r)?.scaleDown : undefined;
      if (!down) continue;
      if (down.selectPolicy === 'Disabled') continue;
      // Written but not an integer (a string, an expression): the schema rule reports it.
      if (down.windowUnreadable) continue;
      const window = down.window;
      if (window.value >= minimum) continue;
      const edits = down.fix ? setPath(ctx.text, down.fix.root, down.fix.path, minimum) : [];
      const fixes: Fix[] | undefined = edits.length > 0
        ? [{ title: `Set scaleDown.stabilizationWindowSeconds to ${minimum}`, edits, safe: true, preferred: true }]
        : undefined;
      ctx.report({
        resource: r,
        at: window.range,
        message: window.explicit
          ? `scaleDown.stabilizationWindowSeconds is ${window.value}; the minimum is ${minimum} s, so a brief dip in load removes pods that the next peak needs again.`
          : `scaleDown.stabilizationWindowSeconds is not set, so it defaults to ${DEFAULT_SCALE_DOWN.stabilizationWindowSeconds}; the configured minimum is ${minimum} s.`,
        fixes,
      });
    }
    reportChecked(outer, reports);
  },
});

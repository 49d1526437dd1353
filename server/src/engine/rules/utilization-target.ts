import { defineRule } from './rule';
import type { Resource } from '../parse/document';
import { finite, type Setting } from '../settings';
import { isAutoscaler, isScaledObject, utilizationMetrics, type UtilizationMetric } from '../model/kubernetes';
import { modelOf } from '../sources/objects';

export interface UtilizationRange {
  min: number;
  max: number;
}

export type UtilizationTargets = { cpu: UtilizationRange; memory: UtilizationRange };

const RESOURCES = ['cpu', 'memory'] as const;
const isObject = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v);

const range = (what: string) => ({
  type: 'object',
  additionalProperties: false,
  description: `Accepted target range for ${what} utilization, in percent.`,
  properties: {
    min: { type: 'number', minimum: 1, maximum: 100, description: 'Lowest accepted target (%).' },
    max: { type: 'number', minimum: 1, maximum: 100, description: 'Highest accepted target (%).' },
  },
});

/** `utilizationTargets`: per resource, the accepted range; a range given in part keeps the rest. */
const utilizationTargets: Setting<UtilizationTargets> = {
  schema: {
    type: 'object',
    additionalProperties: false,
    description: 'Accepted utilization target ranges (utilization-target). Defaults: cpu 50–80, memory 60–85.',
    properties: { cpu: range('CPU'), memory: range('memory') },
  },
  default: { cpu: { min: 50, max: 80 }, memory: { min: 60, max: 85 } },
  merge(current, given) {
    if (!isObject(given)) return current;
    const out = { cpu: { ...current.cpu }, memory: { ...current.memory } };
    for (const r of RESOURCES) {
      const range = given[r];
      if (!isObject(range)) continue;
      if (finite(range.min)) out[r].min = range.min;
      if (finite(range.max)) out[r].max = range.max;
    }
    return out;
  },
  repair(value, fallback) {
    const out = { cpu: { ...value.cpu }, memory: { ...value.memory } };
    const problems: { path: string[]; message: string }[] = [];
    for (const r of RESOURCES) {
      if (value[r].min <= value[r].max) continue;
      problems.push({ path: ['utilizationTargets', r], message: `\`utilizationTargets.${r}\`: min (${value[r].min}) is above max (${value[r].max}). Using the default.` });
      out[r] = { ...fallback[r] };
    }
    return { value: out, problems };
  },
};

/** The field the percentage is written in, in the words of the manifest's API version. */
function fieldName(r: Resource, m: UtilizationMetric): string {
  const where = m.container ? ` (container ${m.container})` : '';
  if (isScaledObject(r)) return `The ${m.resource} trigger's value${where}`;
  if (r.apiVersion === 'autoscaling/v1') return 'targetCPUUtilizationPercentage';
  if (r.apiVersion === 'autoscaling/v2beta1') return `The ${m.resource} targetAverageUtilization${where}`;
  return `The ${m.resource} averageUtilization${where}`;
}

function verdict(what: string, value: number, range: UtilizationRange, resource: string, shown = `${value}%`): string | undefined {
  const accepted = `the accepted ${resource} range of ${range.min}–${range.max}%`;
  if (value < range.min) {
    const idle = Math.round((100 - value) * 10) / 10;
    return `${what} is ${shown}, below ${accepted}: so low a target keeps much of the capacity you pay for idle (${idle}% of it at this target).`;
  }
  if (value > range.max) {
    return `${what} is ${shown}, above ${accepted}: so high a target leaves no headroom for the load that keeps arriving while a scale-up takes effect (new instances must start and become ready).`;
  }
  return undefined;
}

export default defineRule({
  id: 'utilization-target',
  defaultSeverity: 'warning',
  fixable: false,
  settings: { utilizationTargets },
  docs: {
    appliesTo: 'HPA Resource/ContainerResource metrics with a Utilization target (autoscaling/v1 `targetCPUUtilizationPercentage`, v2beta1 `targetAverageUtilization`, v2/v2beta2 `averageUtilization`), ScaledObject `cpu`/`memory` triggers with `metricType: Utilization`, ASG TargetTracking policies on CPU; GCP autoscaler `cpu_utilization.target` (a fraction: 0.7 is 70 %)',
    summary: 'A CPU or memory utilization target lies outside the accepted range (defaults: CPU 50–80 %, memory 60–85 %).',
    rationale:
      'The workflow scales up when CPU passes 70 % and memory 80 %: targets that leave headroom without wasting capacity. The target is the utilization the autoscaler steers towards, so it sets both the bill and the safety margin. Too low (say 20 %) and the fleet runs mostly idle: you pay for four times the capacity you use. Too high (say 95 %) and there is no room for the load that keeps arriving while new instances start, pass their readiness checks and take traffic — the minutes a scale-up takes are spent saturated, with rising latency and errors. Other resources (ephemeral storage, GPUs, custom metrics) have no general rule and are not checked. A GCP autoscaler writes its CPU target as a fraction of one (`cpu_utilization.target = 0.7`): it is compared as the percentage it means and named as written (`0.95 (95 %)`).',
    remediation: 'Set the target inside the accepted range (the workflow uses 70 % for CPU, 80 % for memory), or configure `utilizationTargets` for your workload after load testing.',
    bad: 'metrics:\n- type: Resource\n  resource:\n    name: cpu\n    target:\n      type: Utilization\n      averageUtilization: 95',
    good: 'metrics:\n- type: Resource\n  resource:\n    name: cpu\n    target:\n      type: Utilization\n      averageUtilization: 70',
  },
  checkDocument(ctx) {
    const ranges = ctx.settings.utilizationTargets;
    for (const r of ctx.resources) {
      if (isAutoscaler(r)) {
        for (const m of utilizationMetrics(r)) {
          if ((m.resource !== 'cpu' && m.resource !== 'memory') || m.utilization === undefined) continue;
          const message = verdict(fieldName(r, m), m.utilization, ranges[m.resource], m.resource === 'cpu' ? 'CPU' : 'memory');
          if (message) ctx.report({ resource: r, at: m.node, message });
        }
      } else {
        // Target tracking on a CPU or memory utilization: a policy resource (Auto Scaling, Application Auto
        // Scaling), or a policy written inside its autoscaler (GCP's cpu_utilization).
        const o = modelOf(r);
        const policies = o?.type === 'scaling-policy' ? [o] : o?.type === 'autoscaler' ? (o.policies ?? []).filter((p) => p.inline) : [];
        for (const p of policies) {
          const t = p.policyType?.value === 'TargetTrackingScaling' ? p.targetTracking : undefined;
          const target = t?.targetValue;
          if (!t?.resource || target?.value === undefined) continue;
          const resource = t.resource === 'cpu' ? 'CPU' : 'memory';
          // A fraction is named as written, with the percentage it means: `cpu_utilization.target 0.95 (95 %)`.
          const message = target.notation
            ? verdict(target.name, target.value, ranges[t.resource], resource, `${target.notation.written} (${target.value} %)`)
            : verdict(target.parameter ? `The ${resource} ${target.name} (the Default of parameter ${target.parameter})` : `The ${resource} ${target.name}`, target.value, ranges[t.resource], resource);
          if (message) ctx.report({ resource: r, at: target.range ?? p.home, message });
        }
      }
    }
  },
});

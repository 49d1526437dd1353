import { defineRule, type SetContext } from './rule';
import { isAutoscaler, parseQuantity } from '../model/kubernetes';
import type { Container, UtilizationTarget } from '../model/kubernetes-facts';
import type { ModelValue } from '../model/scaling';
import { autoscalerOf, workloadOf } from '../sources/objects';
import type { Resource } from '../parse/document';
import { hasRequest } from './container-resources';

/** Below this CPU request (cores), utilization against it is meaningless: any load reads as thousands of percent. */
const TINY_CPU_REQUEST = 0.01;
/** A CPU limit this many times the request lets usage run far past 100 % of the request. */
const MAX_LIMIT_TO_REQUEST = 20;

interface TinyRequest {
  container: Container;
  request: number;
  requestText: ModelValue<string>;
  limit?: number;
  limitText?: string;
}

/** Containers whose CPU request is too small for a Utilization target to mean anything. */
function tinyCpuRequests(all: readonly Container[]): TinyRequest[] {
  const out: TinyRequest[] = [];
  for (const c of all) {
    const requestText = c.requests.get('cpu');
    const request = parseQuantity(requestText?.value);
    if (!requestText || request === undefined || request <= 0) continue;
    const limitText = c.limits.get('cpu')?.value;
    const limit = parseQuantity(limitText);
    if (request < TINY_CPU_REQUEST || (limit !== undefined && limit > MAX_LIMIT_TO_REQUEST * request)) {
      out.push({ container: c, request, requestText, limit, limitText });
    }
  }
  return out;
}

/** Containers of `w` without a request for the metric's resource (the one it names, for a ContainerResource metric). */
function lackingOf(ctx: SetContext, w: Resource, all: readonly Container[], m: UtilizationTarget): Container[] {
  // Per workload and resource, once: many autoscalers may target one workload.
  const without = ctx.index.cached(w, `without-request:${m.resource}`, () => all.filter((c) => !hasRequest(c, m.resource)));
  return m.container !== undefined ? without.filter((c) => c.name === m.container) : without;
}

/** For a cpu metric, the containers of `w` (the one it names) whose cpu request is too small to mean anything. */
function tinyOf(ctx: SetContext, w: Resource, all: readonly Container[], m: UtilizationTarget): TinyRequest[] {
  if (m.resource !== 'cpu') return [];
  return ctx.index.cached(w, 'tiny-cpu-requests', () => tinyCpuRequests(all)).filter((t) => m.container === undefined || t.container.name === m.container);
}

/**
 * Per list of targets (`targetsOf` hands the same list to every autoscaler of the name while the set is unchanged)
 * and metric (resource and container), where in the list the targets are that the metric finds something in.
 */
const worthAsking = new WeakMap<readonly Resource[], Map<string, number[]>>();
/** `targetsToCheck`'s answers, per list of targets and list of metrics (autoscalers of one app's copies have the same). */
const toCheck = new WeakMap<readonly Resource[], Map<string, readonly Resource[]>>();

/**
 * The targets any of `metrics` finds something in, in list order: the others report nothing. With many copies of
 * an app in one lint set, hundreds of autoscalers name hundreds of same-named workloads each; looking at every
 * pair was quadratic, and almost all pairs are silent.
 */
function targetsToCheck(ctx: SetContext, targets: readonly Resource[], metrics: readonly UtilizationTarget[]): readonly Resource[] {
  if (targets.length < 2) return targets;
  const keys = metrics.map((m) => `${m.resource}\u0000${m.container === undefined ? '*' : `=${m.container}`}`);
  let answers = toCheck.get(targets);
  if (!answers) toCheck.set(targets, (answers = new Map()));
  const answerKey = keys.join('\u0000\u0000');
  let answer = answers.get(answerKey);
  if (!answer) answers.set(answerKey, (answer = pickTargets(ctx, targets, metrics, keys)));
  return answer;
}

function pickTargets(ctx: SetContext, targets: readonly Resource[], metrics: readonly UtilizationTarget[], keys: string[]): readonly Resource[] {
  let perMetric = worthAsking.get(targets);
  if (!perMetric) worthAsking.set(targets, (perMetric = new Map()));
  const picked = new Set<number>();
  for (const [n, m] of metrics.entries()) {
    const k = keys[n];
    let found = perMetric.get(k);
    if (!found) {
      found = [];
      for (let i = 0; i < targets.length; i++) {
        const w = targets[i];
        const all = workloadOf(w)?.pod?.containers ?? [];
        if (tinyOf(ctx, w, all, m).length || lackingOf(ctx, w, all, m).length) found.push(i);
      }
      perMetric.set(k, found);
    }
    for (const i of found) picked.add(i);
  }
  return [...picked].sort((a, b) => a - b).map((i) => targets[i]);
}

export default defineRule({
  id: 'requests-for-utilization',
  defaultSeverity: 'error',
  fixable: false,
  docs: {
    appliesTo: 'HPA/ScaledObject × its scale target in the lint set',
    summary: 'An autoscaler targets a resource utilization while a container of its target requests none of that resource.',
    rationale:
      'A Utilization target is a percentage of the pods’ requests: the HPA divides the measured usage by the sum of the containers’ `requests`. When one container of the target (a sidecar counts) has no request for that resource, the HPA cannot compute the ratio, reports `FailedGetResourceMetric: missing request for cpu`, and does not scale on that metric (with no other metric, not at all): the autoscaling the workflow builds silently does nothing, and the first traffic spike meets the minimum replica count. This is the workflow’s "Auto-scaling not triggering" case, whose last check is "verify resource requests are set". A `ContainerResource` metric (or a KEDA trigger with `containerName`) only needs the request on the container it names. A limit without a request counts as a request: the API server copies it. A CPU request so small that utilization against it means nothing — under 10m, or with a limit more than 20 times the request — is reported too (warning): any real load reads as thousands of percent and the autoscaler pins at its maximum. The rule is silent when the target is not in the lint set.',
    remediation: 'Set `resources.requests.<resource>` on every container of the target (or switch to a `ContainerResource` metric on the container that matters, or to an `AverageValue` target).',
    bad: 'metrics:\n  - type: Resource\n    resource:\n      name: cpu\n      target: {type: Utilization, averageUtilization: 70}\n# …while the target’s container has no resources.requests.cpu',
    good: 'containers:\n  - name: web\n    resources:\n      requests: {cpu: 250m, memory: 256Mi}',
  },
  crossDocument: {
    subjects: isAutoscaler,
    check(ctx: SetContext, a: Resource) {
      const metrics = autoscalerOf(a)?.utilization ?? [];
      if (!metrics.length) return;
      for (const w of targetsToCheck(ctx, ctx.index.targetsOf(a), metrics)) {
        const all = workloadOf(w)?.pod?.containers ?? [];
        for (const m of metrics) {
          const lacking = lackingOf(ctx, w, all, m);
          if (m.resource === 'cpu') {
            const tiny = tinyOf(ctx, w, all, m);
            for (const t of tiny) {
              const name = t.container.name || '(unnamed)';
              const why =
                t.request < TINY_CPU_REQUEST
                  ? `requests.cpu is ${t.requestText.value}, under 10m`
                  : `limits.cpu ${t.limitText} is ${Math.round(t.limit! / t.request)}× requests.cpu ${t.requestText.value}`;
              ctx.report({
                resource: a,
                at: m.range,
                severity: 'warning',
                message: `cpu Utilization${m.utilization !== undefined ? ` target ${m.utilization}%` : ''} is a percentage of requests.cpu, but container ${name} of ${w.kind} ${w.name}: ${why}, so any real load reads as hundreds or thousands of percent and the autoscaler pins at its maximum. Request what the container uses at its target (or scale on AverageValue).`,
                related: [{ resource: w, at: t.requestText.range, message: `container ${name}: requests.cpu ${t.requestText.value}${t.limitText ? `, limits.cpu ${t.limitText}` : ''}` }],
              });
            }
          }
          if (!lacking.length) continue;
          const names = lacking.map((c) => c.name || '(unnamed)');
          const which = m.container !== undefined
            ? `container ${names[0]} (named by the metric) sets no requests.${m.resource}`
            : `${lacking.length === 1 ? 'container' : 'containers'} ${names.join(', ')} ${lacking.length === 1 ? 'sets' : 'set'} no requests.${m.resource}`;
          ctx.report({
            resource: a,
            at: m.range,
            message: `${m.resource} Utilization${m.utilization !== undefined ? ` target ${m.utilization}%` : ''} is a percentage of requests.${m.resource}, but ${which} in ${w.kind} ${w.name}: the HPA cannot compute this metric (missing request), so it does not scale on ${m.resource}.`,
            related: lacking.map((c) => ({
              resource: w,
              at: c.anchor,
              message: `container ${c.name || '(unnamed)'} sets no requests.${m.resource} (nor limits.${m.resource})`,
            })),
          });
        }
      }
    },
  },
});

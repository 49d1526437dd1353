import { isScalar, type Node } from 'yaml';
import { defineRule, type DocumentContext } from './rule';
import { isWorkload, parseQuantity } from '../model/kubernetes';
import type { Container } from '../model/kubernetes-facts';
import { workloadOf } from '../sources/objects';
import { asMap, getPair } from '../parse/values';
import { insertIntoMap, setPath, type YamlTree } from '../fix';
import type { Fix, TextEdit } from '../types';

/** The two resources the scheduler and the HPA need a request for, with the placeholder a fix proposes. */
const REQUIRED: readonly { resource: 'cpu' | 'memory'; placeholder: string }[] = [
  { resource: 'cpu', placeholder: '100m' },
  { resource: 'memory', placeholder: '128Mi' },
];

/**
 * Whether a container effectively requests `resource`: `requests.<resource>`, or only
 * `limits.<resource>`, which the API server copies into the request when the request is absent.
 */
export function hasRequest(container: Container, resource: string): boolean {
  return container.requests.has(resource) || container.limits.has(resource);
}

/** Snippet placeholders (`${1:100m}`) replaced by their default text: the plain edit of a snippet edit. */
export function unsnippet(edits: TextEdit[]): TextEdit[] {
  return edits.map((e) => ({ ...e, newText: e.newText.replace(/\$\{\d+:([^}]*)\}/g, '$1') }));
}

function isEmptyValue(node: Node | null | undefined): boolean {
  return !node || (isScalar(node) && (node.value === null || node.value === ''));
}

/** Edits inserting the missing requests (as snippet text) into a container, keeping what is there. */
function requestEdits(text: string, c: Container, missing: { resource: string; placeholder: string }[]): TextEdit[] {
  const tree: { [key: string]: YamlTree } = {};
  missing.forEach((m, i) => {
    tree[m.resource] = `\${${i + 1}:${m.placeholder}}`;
  });
  const container = c.fix.map;
  const resourcesPair = getPair(container, 'resources');
  if (!resourcesPair) return insertIntoMap(text, container, { resources: { requests: tree } });
  if (isEmptyValue(resourcesPair.value)) return setPath(text, container, ['resources'], { requests: tree });
  const resources = asMap(resourcesPair.value);
  if (!resources) return []; // not a mapping: schema reports it
  const requestsPair = getPair(resources, 'requests');
  if (!requestsPair) return insertIntoMap(text, resources, { requests: tree });
  if (isEmptyValue(requestsPair.value)) return setPath(text, resources, ['requests'], tree);
  const requests = asMap(requestsPair.value);
  return requests ? insertIntoMap(text, requests, tree) : [];
}

function quoted(names: string[]): string {
  return names.map((n) => `requests.${n}`).join(' and ');
}

function missingText(names: string[]): string {
  if (names.length === 1) return `sets no requests.${names[0]} (nor limits.${names[0]}, which it would default to)`;
  return `sets neither ${names.map((n) => `requests.${n}`).join(' nor ')} (nor the limits they would default to)`;
}

export default defineRule({
  id: 'container-resources',
  defaultSeverity: 'warning',
  fixable: true,
  docs: {
    appliesTo: 'containers of Deployment/StatefulSet',
    summary: 'A container sets no CPU or memory request, or sets a limit below its request.',
    rationale:
      'Requests are what the scheduler places pods by and what an HPA’s Utilization target is a percentage of: a container without `requests.cpu` makes CPU-based autoscaling impossible (the workflow’s troubleshooting step "verify resource requests are set"), and without requests pods are packed onto nodes until they starve each other, so adding instances stops adding capacity. The workflow’s vertical-scaling example always sets both requests and limits. A limit below its request is rejected by the API server (the Deployment cannot be applied). A container that sets only `limits.X` is treated as requesting X: the API server copies the limit into the missing request.',
    remediation:
      'Add `resources.requests.cpu` and `resources.requests.memory` sized from observed usage (e.g. `kubectl top pods`); keep every limit at or above its request. The quick fix inserts the missing requests with placeholder values (100m CPU, 128Mi memory) to replace with real numbers; it is never applied by `--fix`.',
    bad: 'containers:\n  - name: web\n    image: web:1.4\n    resources:\n      requests:\n        memory: 512Mi\n      limits:\n        memory: 256Mi',
    good: 'containers:\n  - name: web\n    image: web:1.4\n    resources:\n      requests:\n        cpu: 250m\n        memory: 256Mi\n      limits:\n        memory: 512Mi',
  },
  checkDocument(ctx: DocumentContext) {
    for (const r of ctx.resources) {
      if (!isWorkload(r)) continue;
      for (const c of workloadOf(r)?.pod?.containers ?? []) {
        const label = c.name ? `Container ${c.name}` : 'This container';
        if (c.resources === 'other') continue; // wrong shape: schema reports it
        const missing = REQUIRED.filter((m) => !hasRequest(c, m.resource));
        if (missing.length) {
          const snippet = requestEdits(ctx.text, c, missing);
          const fixes: Fix[] = snippet.length
            ? [{ title: `Add ${quoted(missing.map((m) => m.resource))} (placeholder values to fill in)`, edits: unsnippet(snippet), snippetEdits: snippet, safe: false, preferred: true }]
            : [];
          ctx.report({
            resource: r,
            at: c.resourcesKey ?? c.anchor,
            message: `${label} ${missingText(missing.map((m) => m.resource))}: the scheduler cannot place it by size and an HPA cannot compute ${missing.map((m) => m.resource).join(' or ')} utilization.`,
            fixes,
          });
        }
        if (!c.requestsAndLimits) continue;
        for (const [name, limit] of c.limits) {
          const request = c.requests.get(name);
          const limitValue = parseQuantity(limit.value);
          const requestValue = parseQuantity(request?.value);
          // Relative tolerance: 1.1 and 1100m are the same quantity, whatever floating point says.
          if (limitValue === undefined || requestValue === undefined || limitValue >= requestValue * (1 - 1e-9)) continue;
          ctx.report({
            resource: r,
            at: limit.range,
            severity: 'error',
            message: `${label}: limits.${name} is ${limit.value}, below requests.${name} ${request!.value}; the API server rejects a limit below its request.`,
          });
        }
      }
    }
  },
});

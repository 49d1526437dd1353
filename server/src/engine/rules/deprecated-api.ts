import { reportChecked } from '../fix-guard';
import { isMap, isScalar, isSeq, type Node, type Pair, type YAMLMap } from 'yaml';
import { defineRule, type DocumentContext, type Report } from './rule';
import type { Resource } from '../parse/document';
import { getPair, get, mapPairs, rangeOf, seqItems, str } from '../parse/values';
import { columnOf, indentUnit, removePair, replaceNode, eol } from '../fix';
import type { Fix, TextEdit } from '../types';

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

type P = Pair<Node, Node | null>;

/** A value written in the same quoting as the node it replaces. */
function sameQuotes(node: Node, value: string): string {
  if (isScalar(node) && node.type === 'QUOTE_DOUBLE') return `"${value}"`;
  if (isScalar(node) && node.type === 'QUOTE_SINGLE') return `'${value}'`;
  return value;
}

// ---------------------------------------------------------------------------------------------
// autoscaling/v2beta1 → v2: metric sources move their target fields into `target` and their
// metric name and selector into `metric` (upstream pkg/apis/autoscaling/v2beta1/conversion.go).
// ---------------------------------------------------------------------------------------------

/** A field of a converted group: a word we write, or a value node copied from the source text. */
type Entry = [key: string, value: string | Node];

/** v2 fields built from v2beta1 fields: `pairs` are replaced by `key: {entries}`. */
interface Group {
  key: 'metric' | 'target' | 'current';
  pairs: P[];
  entries: Entry[];
}

interface MetricPlan {
  groups: Group[];
  /** Object metrics: the v2beta1 `target` (the described object) becomes `describedObject`. */
  rename?: P;
}

const SOURCE_KEY: Record<string, string> = {
  Resource: 'resource',
  ContainerResource: 'containerResource',
  Pods: 'pods',
  Object: 'object',
  External: 'external',
};

/** Fields that exist only in v2beta1, per metric type. */
const V2BETA1_FIELDS: Record<string, string[]> = {
  Resource: ['targetAverageUtilization', 'targetAverageValue'],
  ContainerResource: ['targetAverageUtilization', 'targetAverageValue'],
  Pods: ['metricName', 'selector', 'targetAverageValue'],
  Object: ['metricName', 'selector', 'targetValue', 'averageValue'],
  External: ['metricName', 'metricSelector', 'targetValue', 'targetAverageValue'],
};

function present(...pairs: (P | undefined)[]): P[] {
  return pairs.filter((p): p is P => p !== undefined);
}

/** What to do with one metric's source map; `null` = nothing to convert; undefined = cannot convert. */
function planMetric(type: string, source: YAMLMap<Node, Node | null>): MetricPlan | null | undefined {
  const has = (k: string) => getPair(source, k);
  if (!V2BETA1_FIELDS[type].some((k) => has(k))) {
    // Already written in the v2 shape (`target:` with a type, `metric:`, `describedObject:`)?
    const v2 = type === 'Object' ? has('describedObject') : isMap(get(source, 'target')) ? has('target') : undefined;
    return v2 ? null : undefined;
  }
  const valueOf = (p: P | undefined): Node | undefined => p?.value ?? undefined;
  const metricGroup = (name: P | undefined, selector: P | undefined): Group | undefined => {
    if (!valueOf(name)) return undefined;
    const entries: Entry[] = [['name', valueOf(name)!]];
    if (valueOf(selector)) entries.push(['selector', valueOf(selector)!]);
    return { key: 'metric', pairs: present(name, selector), entries };
  };
  switch (type) {
    case 'Resource':
    case 'ContainerResource': {
      const utilization = has('targetAverageUtilization');
      const average = has('targetAverageValue');
      const entries: Entry[] = [['type', utilization ? 'Utilization' : 'AverageValue']];
      if (valueOf(utilization)) entries.push(['averageUtilization', valueOf(utilization)!]);
      if (valueOf(average)) entries.push(['averageValue', valueOf(average)!]);
      if (entries.length === 1 || has('target')) return undefined;
      return { groups: [{ key: 'target', pairs: present(utilization, average), entries }] };
    }
    case 'Pods': {
      const metric = metricGroup(has('metricName'), has('selector'));
      const average = has('targetAverageValue');
      if (!metric || !valueOf(average) || has('metric') || has('target')) return undefined;
      return { groups: [metric, { key: 'target', pairs: [average!], entries: [['type', 'AverageValue'], ['averageValue', valueOf(average)!]] }] };
    }
    case 'Object': {
      const described = has('target');
      const metric = metricGroup(has('metricName'), has('selector'));
      const value = has('targetValue');
      const average = has('averageValue');
      if (!described || !isMap(described.value) || !metric || (!valueOf(value) && !valueOf(average)) || has('metric') || has('describedObject')) return undefined;
      // The v2beta1 controller used averageValue when set, else targetValue.
      const entries: Entry[] = [['type', valueOf(average) ? 'AverageValue' : 'Value']];
      if (valueOf(value)) entries.push(['value', valueOf(value)!]);
      if (valueOf(average)) entries.push(['averageValue', valueOf(average)!]);
      return { groups: [metric, { key: 'target', pairs: present(value, average), entries }], rename: described };
    }
    case 'External': {
      const metric = metricGroup(has('metricName'), has('metricSelector'));
      const value = has('targetValue');
      const average = has('targetAverageValue');
      if (!metric || (!valueOf(value) && !valueOf(average)) || has('metric') || has('target')) return undefined;
      const entries: Entry[] = [['type', valueOf(value) ? 'Value' : 'AverageValue']];
      if (valueOf(value)) entries.push(['value', valueOf(value)!]);
      if (valueOf(average)) entries.push(['averageValue', valueOf(average)!]);
      return { groups: [metric, { key: 'target', pairs: present(value, average), entries }] };
    }
  }
  return undefined;
}

/** v2beta1 status fields per metric type (status.currentMetrics, as `kubectl get -o yaml` writes them). */
const V2BETA1_STATUS_FIELDS: Record<string, string[]> = {
  Resource: ['currentAverageUtilization', 'currentAverageValue'],
  ContainerResource: ['currentAverageUtilization', 'currentAverageValue'],
  Pods: ['metricName', 'selector', 'currentAverageValue'],
  Object: ['metricName', 'selector', 'currentValue', 'averageValue'],
  External: ['metricName', 'metricSelector', 'currentValue', 'currentAverageValue'],
};

/** The same for one status metric: current values move into `current`, the name and selector into `metric`. */
function planStatusMetric(type: string, source: YAMLMap<Node, Node | null>): MetricPlan | null | undefined {
  const has = (k: string) => getPair(source, k);
  if (!V2BETA1_STATUS_FIELDS[type].some((k) => has(k))) return has('current') || has('metric') || has('describedObject') ? null : undefined;
  if (has('current') || has('metric') || has('describedObject')) return undefined;
  const current = (...fields: [string, string][]): Group | undefined => {
    const entries: Entry[] = [];
    const pairs: P[] = [];
    for (const [from, to] of fields) {
      const pair = has(from);
      if (pair?.value) {
        entries.push([to, pair.value]);
        pairs.push(pair);
      }
    }
    return entries.length ? { key: 'current', pairs, entries } : undefined;
  };
  const metric = (selectorKey: string): Group | undefined => {
    const name = has('metricName');
    const selector = has(selectorKey);
    if (!name?.value) return undefined;
    const entries: Entry[] = [['name', name.value]];
    if (selector?.value) entries.push(['selector', selector.value]);
    return { key: 'metric', pairs: present(name, selector), entries };
  };
  const groups = (...gs: (Group | undefined)[]): MetricPlan | undefined => (gs.every((g) => g) ? { groups: gs as Group[] } : undefined);
  switch (type) {
    case 'Resource':
    case 'ContainerResource':
      return groups(current(['currentAverageUtilization', 'averageUtilization'], ['currentAverageValue', 'averageValue']));
    case 'Pods':
      return groups(metric('selector'), current(['currentAverageValue', 'averageValue']));
    case 'Object': {
      const described = has('target');
      const plan = groups(metric('selector'), current(['currentValue', 'value'], ['averageValue', 'averageValue']));
      return plan && described && isMap(described.value) ? { ...plan, rename: described } : undefined;
    }
    case 'External':
      return groups(metric('metricSelector'), current(['currentValue', 'value'], ['currentAverageValue', 'averageValue']));
  }
  return undefined;
}

/** Source text of a node, without trailing whitespace. */
function sourceOf(text: string, node: Node): string | undefined {
  const r = rangeOf(node);
  return r ? text.slice(r[0], r[1]).replace(/\s+$/, '') : undefined;
}

/** Shifts every line after the first by `delta` columns (negative: removes leading spaces). */
function reindent(block: string, delta: number, nl: string): string {
  if (delta === 0) return block;
  const lines = block.split(/\r?\n/);
  return lines
    .map((line, i) => {
      if (i === 0 || line.trim() === '') return line;
      if (delta > 0) return ' '.repeat(delta) + line;
      const lead = /^ */.exec(line)![0].length;
      return line.slice(Math.min(lead, -delta));
    })
    .join(nl);
}

const isBlockCollection = (text: string, node: Node) => (isMap(node) || isSeq(node)) && !'{['.includes(text[rangeOf(node)?.[0] ?? 0]);

/** `key: value` of a group entry rendered as block YAML at column `col`, the source's own text kept. */
function blockEntry(text: string, [key, value]: Entry, col: number, unit: number, oldKeyCol: number, nl: string): string | undefined {
  const pad = ' '.repeat(col);
  if (typeof value === 'string') return `${pad}${key}: ${value}`;
  const src = sourceOf(text, value);
  const r = rangeOf(value);
  if (src === undefined || !r) return undefined;
  if (isBlockCollection(text, value)) {
    const contentCol = col + unit;
    return `${pad}${key}:${nl}${' '.repeat(contentCol)}${reindent(src, contentCol - columnOf(text, r[0]), nl)}`;
  }
  return `${pad}${key}: ${reindent(src, col - oldKeyCol, nl)}`;
}

function flowEntry(text: string, [key, value]: Entry): string | undefined {
  if (typeof value === 'string') return `${key}: ${value}`;
  const src = sourceOf(text, value);
  return src === undefined ? undefined : `${key}: ${src}`;
}

/** Edits that rewrite one metric source map from v2beta1 to v2. */
function metricEdits(text: string, source: YAMLMap<Node, Node | null>, plan: MetricPlan): TextEdit[] | undefined {
  const nl = eol(text);
  const firstOf = (g: Group) => g.pairs.reduce((a, b) => ((rangeOf(b.key)?.[0] ?? 0) < (rangeOf(a.key)?.[0] ?? 0) ? b : a));
  const range = rangeOf(source);
  if (!range) return undefined;
  if (source.flow || text[range[0]] === '{') {
    // A flow map is rewritten whole, pair by pair, in its order.
    const parts: string[] = [];
    for (const pair of mapPairs(source)) {
      const group = plan.groups.find((g) => g.pairs.includes(pair));
      if (group) {
        if (firstOf(group) !== pair) continue;
        const inner = group.entries.map((e) => flowEntry(text, e));
        if (inner.some((s) => s === undefined)) return undefined;
        parts.push(`${group.key}: {${inner.join(', ')}}`);
        continue;
      }
      const kr = rangeOf(pair.key);
      const vr = rangeOf(pair.value);
      if (!kr) return undefined;
      const start = pair === plan.rename ? kr[1] : kr[0];
      const original = text.slice(start, vr ? vr[1] : kr[1]).replace(/\s+$/, '');
      parts.push(pair === plan.rename ? `describedObject${original}` : original);
    }
    const close = text.lastIndexOf('}', range[1]);
    if (close < range[0]) return undefined;
    return [{ start: range[0], end: close + 1, newText: `{${parts.join(', ')}}` }];
  }
  const unit = indentUnit(text);
  const edits: TextEdit[] = [];
  for (const group of plan.groups) {
    const first = firstOf(group);
    const kr = rangeOf(first.key);
    const vr = rangeOf(first.value);
    if (!kr || !vr) return undefined;
    const keyCol = columnOf(text, kr[0]);
    const lines: string[] = [];
    for (const entry of group.entries) {
      const oldKeyCol = typeof entry[1] === 'string' ? keyCol : columnOf(text, rangeOf(group.pairs.find((p) => p.value === entry[1])?.key)?.[0] ?? kr[0]);
      const line = blockEntry(text, entry, keyCol + unit, unit, oldKeyCol, nl);
      if (line === undefined) return undefined;
      lines.push(line);
    }
    // Replace the first pair's `key: value` (a comment after it stays), drop the group's other pairs.
    const end = kr[0] + text.slice(kr[0], vr[1]).replace(/\s+$/, '').length;
    edits.push({ start: kr[0], end, newText: `${group.key}:${nl}${lines.join(nl)}` });
    for (const pair of group.pairs) {
      if (pair === first) continue;
      const removal = removePair(text, source, String((pair.key as { value?: unknown }).value));
      if (removal.length === 0) return undefined;
      edits.push(...removal);
    }
  }
  if (plan.rename) {
    const kr = rangeOf(plan.rename.key);
    if (!kr) return undefined;
    edits.push({ start: kr[0], end: kr[1], newText: 'describedObject' });
  }
  return edits;
}

/** Edits converting a list of v2beta1 metrics (spec or status) with a planner; undefined when one cannot be converted. */
function metricListEdits(text: string, metrics: Node | undefined, plan: typeof planMetric): TextEdit[] | undefined {
  if (metrics !== undefined && !isSeq(metrics)) return undefined;
  const edits: TextEdit[] = [];
  for (const m of seqItems(metrics)) {
    const type = str(get(m, 'type'));
    const sourceKey = type ? SOURCE_KEY[type] : undefined;
    const source = sourceKey ? get(m, sourceKey) : undefined;
    if (!type || !isMap(source)) return undefined;
    const p = plan(type, source as YAMLMap<Node, Node | null>);
    if (p === undefined) return undefined;
    if (p === null) continue;
    const e = metricEdits(text, source as YAMLMap<Node, Node | null>, p);
    if (!e) return undefined;
    edits.push(...e);
  }
  return edits;
}

/** Every edit that converts a v2beta1 HPA's metrics, and its status when the manifest carries one (a `kubectl get` dump). */
function v2beta1MetricEdits(text: string, r: Resource): TextEdit[] | undefined {
  const spec = metricListEdits(text, get(r.node, 'spec', 'metrics'), planMetric);
  const status = metricListEdits(text, get(r.node, 'status', 'currentMetrics'), planStatusMetric);
  return spec && status ? [...spec, ...status] : undefined;
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
  docs: {
    appliesTo: 'HPA `autoscaling/v2beta1` and `autoscaling/v2beta2`, PodDisruptionBudget `policy/v1beta1`',
    summary: 'The manifest uses an API version that Kubernetes no longer serves.',
    rationale:
      'Scaling configuration has to apply on the cluster it is meant for, or the autoscaler and the disruption budget simply are not there. `autoscaling/v2beta1` HorizontalPodAutoscalers stopped being served in Kubernetes 1.25, `autoscaling/v2beta2` in 1.26, and `policy/v1beta1` PodDisruptionBudgets in 1.25: `kubectl apply` fails with “no matches for kind”, and a pipeline that ignores the error ships a workload without its HPA or PDB. `autoscaling/v2` is served since 1.23 and `policy/v1` since 1.21. v2beta2 has the same fields as v2. v2beta1 writes metric targets differently: `targetAverageUtilization: N` becomes `target: {type: Utilization, averageUtilization: N}`, `targetAverageValue`/`targetValue` become `target` with `type: AverageValue`/`Value`, and the `metricName` and `selector`/`metricSelector` of Pods, Object and External metrics become `metric: {name, selector}`; an Object metric’s `target` (the object) becomes `describedObject`. For a PDB, one meaning changed: an empty selector `{}` selects no pods in policy/v1beta1 but every pod of the namespace in policy/v1.',
    remediation:
      'Apply the fix: it rewrites the apiVersion and, for v2beta1, each metric in the v2 layout (the `status.currentMetrics` of a manifest saved from the cluster too), keeping comments. A PDB with an empty selector gets the fix only as a suggestion: give it a real selector first.',
    bad: 'apiVersion: autoscaling/v2beta1\nkind: HorizontalPodAutoscaler\nspec:\n  metrics:\n  - type: Resource\n    resource:\n      name: cpu\n      targetAverageUtilization: 70',
    good: 'apiVersion: autoscaling/v2\nkind: HorizontalPodAutoscaler\nspec:\n  metrics:\n  - type: Resource\n    resource:\n      name: cpu\n      target:\n        type: Utilization\n        averageUtilization: 70',
  },
  checkDocument(outer: DocumentContext) {
    const reports: Report[] = [];
    const ctx = { ...outer, report: (r: Report) => void reports.push(r) };
    for (const r of ctx.resources) {
      if (r.family !== 'kubernetes' || !r.apiVersion) continue;
      const removal = REMOVED[r.apiVersion];
      if (!removal || removal.kind !== r.kind) continue;
      const versionNode = getPair(r.node, 'apiVersion')?.value;
      if (!versionNode) continue;
      const apiEdit = replaceNode(versionNode, sameQuotes(versionNode, removal.replacement));
      let message = `${r.apiVersion} ${r.kind} was removed in Kubernetes ${removal.removedIn}; use ${removal.replacement} (served since ${removal.servedSince}).`;
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
      ctx.report({ resource: r, at: versionNode, message, tags: ['deprecated'], fixes });
    }
    reportChecked(outer, reports);
  },
});

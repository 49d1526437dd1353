/**
 * autoscaling/v2beta1 → v2: metric sources move their target fields into `target` and their metric name
 * and selector into `metric` (upstream pkg/apis/autoscaling/v2beta1/conversion.go), as text edits that
 * keep the manifest's comments and layout. `deprecated-api` offers them as its fix.
 */
import { isMap, isSeq, type Node, type Pair, type YAMLMap } from 'yaml';
import type { Resource } from '../parse/document';
import { getPair, get, mapPairs, rangeOf, seqItems, str } from '../parse/values';
import { columnOf, indentUnit, removePair, eol } from '../fix';
import type { TextEdit } from '../types';

type P = Pair<Node, Node | null>;


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
export function v2beta1MetricEdits(text: string, r: Resource): TextEdit[] | undefined {
  const spec = metricListEdits(text, get(r.node, 'spec', 'metrics'), planMetric);
  const status = metricListEdits(text, get(r.node, 'status', 'currentMetrics'), planStatusMetric);
  return spec && status ? [...spec, ...status] : undefined;
}


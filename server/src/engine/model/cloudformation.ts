/** Typed views over CloudFormation resources: what the rules read, with the nodes to point at. */
import { isMap, isScalar, isSeq, isPair, type Node, type Pair, type YAMLMap } from 'yaml';
import type { Resource } from '../parse/document';
import { get, getPair, keyText, mapPairs, num, seqItems, str, isIntrinsic, refName, asMap, rangeOf } from '../parse/values';

export const ASG = 'AWS::AutoScaling::AutoScalingGroup';
export const SCALING_POLICY = 'AWS::AutoScaling::ScalingPolicy';
export const ALARM = 'AWS::CloudWatch::Alarm';
export const TARGET_GROUP = 'AWS::ElasticLoadBalancingV2::TargetGroup';

function isCfn(r: Resource, type: string): boolean {
  return r.family === 'cloudformation' && r.kind === type;
}

export function isAsg(r: Resource): boolean {
  return isCfn(r, ASG);
}

export function isScalingPolicy(r: Resource): boolean {
  return isCfn(r, SCALING_POLICY);
}

export function isAlarm(r: Resource): boolean {
  return isCfn(r, ALARM);
}

export function isTargetGroup(r: Resource): boolean {
  return isCfn(r, TARGET_GROUP);
}

/** The `Properties.<key>` pair of a resource, when written. */
export function prop(r: Resource, key: string): Pair<Node, Node | null> | undefined {
  return r.properties ? getPair(r.properties, key) : undefined;
}

/** A value node, resolved through `!Ref Param` to the Parameter's Default when it is one; `literal` false then. */
export function resolved(r: Resource, node: Node | null | undefined): { node: Node; literal: boolean } | undefined {
  if (!node) return undefined;
  if (!isIntrinsic(node)) return { node, literal: true };
  const d = r.resolve(node);
  return d && !isIntrinsic(d) ? { node: d, literal: false } : undefined;
}

/** A numeric property (numeric strings accepted), seen through `!Ref` to a Parameter Default. */
export function propNumber(r: Resource, key: string): { value: number; pair: Pair<Node, Node | null>; literal: boolean } | undefined {
  const pair = prop(r, key);
  if (!pair) return undefined;
  const v = resolved(r, pair.value);
  if (!v) return undefined;
  const value = num(v.node);
  return value === undefined ? undefined : { value, pair, literal: v.literal };
}

/** A string property (scalars read as text), seen through `!Ref` to a Parameter Default. */
export function propString(r: Resource, key: string): string | undefined {
  const pair = prop(r, key);
  const v = resolved(r, pair?.value);
  return v ? str(v.node) : undefined;
}

/** The logical id a `GetAtt` argument names: `X.Attr` or `[X, Attr]`. */
function getAttTarget(arg: Node | null | undefined): string | undefined {
  if (isScalar(arg) && typeof arg.value === 'string') {
    const dot = arg.value.indexOf('.');
    return dot > 0 ? arg.value.slice(0, dot) : undefined;
  }
  if (isSeq(arg)) {
    const first = arg.items[0];
    return isScalar(first) && typeof first.value === 'string' ? first.value : undefined;
  }
  return undefined;
}

/** Whether a `Fn::Sub` template string mentions `${X}` or `${X.Attr}`. */
function subMentions(template: string, logicalId: string): boolean {
  const re = /\$\{([^}!][^}]*)\}/g;
  for (let m = re.exec(template); m; m = re.exec(template)) {
    const name = m[1].trim();
    if (name === logicalId || name.startsWith(`${logicalId}.`)) return true;
  }
  return false;
}

function subArgMentions(arg: Node | null | undefined, logicalId: string): boolean {
  if (isScalar(arg) && typeof arg.value === 'string') return subMentions(arg.value, logicalId);
  if (isSeq(arg)) {
    // [template, {Var: value}]: a variable defined in the map shadows a logical id of the same name.
    const tmpl = arg.items[0];
    const vars = arg.items[1];
    if (!isScalar(tmpl) || typeof tmpl.value !== 'string') return false;
    if (getPair(vars, logicalId)) {
      return mapPairs(vars).some((p) => refersTo(p.value, logicalId));
    }
    return subMentions(tmpl.value, logicalId) || mapPairs(vars).some((p) => refersTo(p.value, logicalId));
  }
  return false;
}

/**
 * Whether a node refers to a resource: `!Ref X`, `{Ref: X}`, `!GetAtt X.Attr`, `!GetAtt [X, Attr]`,
 * `{"Fn::GetAtt": [X, Attr]}`, `!Sub '${X}'` / `'${X.Arn}'` (and the long form `{"Fn::Sub": …}`).
 */
export function refersTo(node: Node | null | undefined, logicalId: string): boolean {
  if (!node || typeof node !== 'object') return false;
  if (refName(node) === logicalId) return true;
  const tag = (node as Node).tag;
  if (tag === '!GetAtt') return getAttTarget(node) === logicalId;
  if (tag === '!Sub') return subArgMentions(node, logicalId);
  if (isMap(node) && node.items.length === 1 && isPair(node.items[0])) {
    const pair = node.items[0] as Pair<Node, Node | null>;
    const k = keyText(pair);
    if (k === 'Fn::GetAtt') return getAttTarget(pair.value) === logicalId;
    if (k === 'Fn::Sub') return subArgMentions(pair.value, logicalId);
  }
  return false;
}

/** Whether any node inside `node` (itself included; through `!If`, lists, …) refers to the resource. */
export function mentions(node: Node | null | undefined, logicalId: string, depth = 0): boolean {
  if (!node || typeof node !== 'object' || depth > 20) return false;
  if (refersTo(node, logicalId)) return true;
  if (isSeq(node)) return node.items.some((n) => mentions(n as Node, logicalId, depth + 1));
  if (isMap(node)) return mapPairs(node).some((p) => mentions(p.value, logicalId, depth + 1));
  return false;
}

/** Resources of a type from a list (e.g. the chunk's resources). */
function ofType(resources: readonly Resource[], type: string): Resource[] {
  return resources.filter((r) => isCfn(r, type));
}

/**
 * Every logical id a node could refer to (a superset of what `refersTo`/`mentions` accept): each string
 * inside it, its part before a `.`, and the names of its `${…}`. Used to index resources by the ids they
 * mention, so that finding the policies of a group or the alarms of a policy does not compare every pair.
 */
function mentionedIds(node: Node | null | undefined, into: Set<string>, depth = 0): Set<string> {
  if (!node || typeof node !== 'object' || depth > 22) return into;
  if (isScalar(node)) {
    if (typeof node.value === 'string') {
      const v = node.value;
      into.add(v);
      const dot = v.indexOf('.');
      if (dot > 0) into.add(v.slice(0, dot));
      if (v.includes('${')) {
        const re = /\$\{([^}!][^}]*)\}/g;
        for (let m = re.exec(v); m; m = re.exec(v)) {
          const name = m[1].trim();
          into.add(name);
          const d = name.indexOf('.');
          if (d > 0) into.add(name.slice(0, d));
        }
      }
    }
  } else if (isSeq(node)) for (const n of node.items) mentionedIds(n as Node, into, depth + 1);
  else if (isMap(node)) for (const p of node.items) if (isPair(p)) mentionedIds(p.value as Node, into, depth + 1);
  return into;
}

interface MentionIndex {
  position: Map<Resource, number>;
  byId: Map<string, Resource[]>;
}

const mentionIndexes = new WeakMap<readonly Resource[], Map<string, MentionIndex>>();

/** Resources of `type` in `resources`, indexed by the ids their `keys` properties mention (built once per list). */
function mentionIndex(resources: readonly Resource[], type: string, keys: readonly string[]): MentionIndex {
  let perList = mentionIndexes.get(resources);
  if (!perList) mentionIndexes.set(resources, (perList = new Map()));
  const cacheKey = `${type}\u0000${keys.join(',')}`;
  let index = perList.get(cacheKey);
  if (!index) {
    index = { position: new Map(), byId: new Map() };
    for (const r of ofType(resources, type)) {
      index.position.set(r, index.position.size);
      const ids = new Set<string>();
      for (const k of keys) mentionedIds(prop(r, k)?.value, ids);
      for (const id of ids) {
        const list = index.byId.get(id);
        if (list) list.push(r);
        else index.byId.set(id, [r]);
      }
    }
    perList.set(cacheKey, index);
  }
  return index;
}

/** The resources of the index that mention any of `ids`, in their order in the template. */
function candidates(index: MentionIndex, ids: (string | undefined)[]): Resource[] {
  const found = new Set<Resource>();
  for (const id of ids) if (id !== undefined) for (const r of index.byId.get(id) ?? []) found.add(r);
  return [...found].sort((a, b) => index.position.get(a)! - index.position.get(b)!);
}

/**
 * Scaling policies of an ASG: those whose `AutoScalingGroupName` refers to it (`!Ref Asg`), or names it
 * by the same literal `AutoScalingGroupName` the ASG sets. Pass the resources of the same template.
 */
export function policiesOf(asg: Resource, resources: readonly Resource[]): Resource[] {
  const literalName = (() => {
    const p = prop(asg, 'AutoScalingGroupName');
    return p && !isIntrinsic(p.value) ? str(p.value) : undefined;
  })();
  return candidates(mentionIndex(resources, SCALING_POLICY, ['AutoScalingGroupName']), [asg.name, literalName]).filter((p) => {
    const pair = prop(p, 'AutoScalingGroupName');
    if (!pair) return false;
    if (refersTo(pair.value, asg.name)) return true;
    return literalName !== undefined && !isIntrinsic(pair.value) && str(pair.value) === literalName;
  });
}

export type AlarmActionList = 'AlarmActions' | 'OKActions';

/** Alarms that invoke a policy, and which action list does (`AlarmActions` before `OKActions`). */
export function alarmLinksFor(policy: Resource, resources: readonly Resource[]): { alarm: Resource; via: AlarmActionList }[] {
  const out: { alarm: Resource; via: AlarmActionList }[] = [];
  for (const alarm of candidates(mentionIndex(resources, ALARM, ['AlarmActions', 'OKActions']), [policy.name])) {
    for (const via of ['AlarmActions', 'OKActions'] as const) {
      if (mentions(prop(alarm, via)?.value, policy.name)) {
        out.push({ alarm, via });
        break;
      }
    }
  }
  return out;
}

/** Alarms whose `AlarmActions` (or `OKActions`) refer to the policy. */
export function alarmsFor(policy: Resource, resources: readonly Resource[]): Resource[] {
  return alarmLinksFor(policy, resources).map((l) => l.alarm);
}

/** `PolicyType` as written, `SimpleScaling` when absent (the CloudFormation default); undefined when unknown. */
export function policyType(policy: Resource): string | undefined {
  const pair = prop(policy, 'PolicyType');
  if (!pair) return 'SimpleScaling';
  return propString(policy, 'PolicyType');
}

function sign(values: number[]): 'out' | 'in' | undefined {
  if (values.length === 0) return undefined;
  if (values.every((v) => v > 0)) return 'out';
  if (values.every((v) => v < 0)) return 'in';
  return undefined;
}

/**
 * Which way a policy scales: SimpleScaling by the sign of `ScalingAdjustment`, StepScaling by the sign of
 * its steps' `ScalingAdjustment` (all the same sign). TargetTracking / predictive, `ExactCapacity`
 * adjustments, zero, mixed or unknown values: undefined.
 */
export function policyDirection(policy: Resource): 'out' | 'in' | undefined {
  if (!isScalingPolicy(policy)) return undefined;
  if (propString(policy, 'AdjustmentType') === 'ExactCapacity') return undefined;
  if (prop(policy, 'AdjustmentType') && propString(policy, 'AdjustmentType') === undefined) return undefined;
  const type = policyType(policy);
  if (type === 'SimpleScaling') {
    const adj = propNumber(policy, 'ScalingAdjustment');
    return adj ? sign([adj.value]) : undefined;
  }
  if (type === 'StepScaling') {
    const steps = prop(policy, 'StepAdjustments')?.value;
    if (!isSeq(steps)) return undefined;
    const values: number[] = [];
    for (const step of seqItems(steps)) {
      const v = num(get(step, 'ScalingAdjustment'), policy.resolve);
      if (v === undefined) return undefined;
      values.push(v);
    }
    return sign(values);
  }
  return undefined;
}

/** The template (root mapping) a CloudFormation resource belongs to. */
export function templateOf(r: Resource): YAMLMap<Node, Node | null> | undefined {
  if (r.family !== 'cloudformation') return undefined;
  // One document (a template's usual chunk): its Resources hold every CloudFormation resource of the chunk,
  // so no scan over them (per resource, that scan was quadratic in a template of thousands of resources).
  if (r.chunk.docs.length === 1) {
    const root = asMap(r.chunk.docs[0]!.contents);
    return root && asMap(get(root, 'Resources')) ? root : undefined;
  }
  for (const doc of r.chunk.docs) {
    const root = asMap(doc.contents);
    const resources = asMap(get(root, 'Resources'));
    if (root && resources && resources.items.some((p) => isPair(p) && p.value === r.node)) return root;
  }
  return undefined;
}

export interface Parameter {
  name: string;
  /** `Type` as written (`String`, `Number`, `CommaDelimitedList`, `List<AWS::EC2::Subnet::Id>`, …). */
  type?: string;
  /** The `Default` value node, when there is one. */
  default?: Node;
  pair: Pair<Node, Node | null>;
}

/** A template Parameter by name. */
export function parameterOf(r: Resource, name: string): Parameter | undefined {
  const pair = getPair(get(templateOf(r), 'Parameters'), name);
  if (!pair) return undefined;
  const def = get(pair.value, 'Default');
  return { name, type: str(get(pair.value, 'Type')), default: def ?? undefined, pair };
}

/** The Parameter a `!Ref` / `{Ref: …}` node names, when it names one. */
export function referencedParameter(r: Resource, node: Node | null | undefined): Parameter | undefined {
  const name = refName(node);
  return name === undefined ? undefined : parameterOf(r, name);
}

/** A list-typed parameter: `CommaDelimitedList` or `List<…>`. */
export function isListParameter(p: Parameter | undefined): boolean {
  return !!p?.type && (p.type === 'CommaDelimitedList' || /^List<.+>$/.test(p.type) || /^AWS::SSM::Parameter::Value<List<.+>>$/.test(p.type));
}

/** The entries of a list parameter's Default (a comma-delimited string), or undefined when it has none. */
export function listParameterDefault(p: Parameter | undefined): string[] | undefined {
  if (!p || !isListParameter(p) || !p.default || isIntrinsic(p.default)) return undefined;
  if (isSeq(p.default)) {
    const items = seqItems(p.default).map((n) => str(n));
    return items.every((s): s is string => s !== undefined) ? items.filter((s) => s.trim() !== '') : undefined;
  }
  const s = str(p.default);
  if (s === undefined) return undefined;
  return s.split(',').map((x) => x.trim()).filter((x) => x !== '');
}

/** A resource of the list by logical id. */
export function resourceById(resources: readonly Resource[], logicalId: string): Resource | undefined {
  return resources.find((r) => r.family === 'cloudformation' && r.name === logicalId);
}

/** `!Ref AWS::NoValue` (or `{Ref: AWS::NoValue}`): the property is removed. */
export function isNoValue(node: Node | null | undefined): boolean {
  return refName(node) === 'AWS::NoValue';
}

/** The arguments of a `!If` / `{"Fn::If": …}`: [condition, whenTrue, whenFalse], when well-formed. */
export function ifArgs(node: Node | null | undefined): [string | undefined, Node | null, Node | null] | undefined {
  let args: Node | null | undefined;
  if (node && (node as Node).tag === '!If') args = node;
  else if (isMap(node) && node.items.length === 1 && isPair(node.items[0]) && keyText(node.items[0] as Pair) === 'Fn::If') args = (node.items[0] as Pair<Node, Node | null>).value;
  if (!isSeq(args) || args.items.length !== 3) return undefined;
  const [c, a, b] = args.items as (Node | null)[];
  return [str(c), a ?? null, b ?? null];
}

/**
 * Where a value is written, for a finding: its range including a short-form tag before it (`!Ref Size`,
 * not just `Size`: the parser's node range starts after the tag), without trailing line breaks.
 */
export function spanOf(text: string, node: Node | null | undefined): [number, number] | undefined {
  const r = rangeOf(node);
  if (!r || !node) return undefined;
  let [start, end] = r;
  const tag = node.tag;
  if (typeof tag === 'string' && tag.startsWith('!') && !tag.startsWith('!!')) {
    const before = text.slice(Math.max(0, start - tag.length - 200), start);
    const m = new RegExp(`${tag.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}[ \\t]*(?:\\r?\\n[ \\t]*)?$`).exec(before);
    if (m) start -= before.length - m.index;
  }
  while (end > start && /\s/.test(text[end - 1])) end--;
  return [start, end];
}

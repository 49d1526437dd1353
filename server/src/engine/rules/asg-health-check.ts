import { isMap, isScalar, isSeq, type Node, type Pair, type YAMLMap } from 'yaml';
import { defineRule, type DocumentContext } from './rule';
import { isAsg, prop, propString, ifArgs, isNoValue, referencedParameter, listParameterDefault, isListParameter, spanOf } from '../model/cloudformation';
import type { Resource } from '../parse/document';
import { isIntrinsic, keyText, mapPairs, rangeOf, seqItems, str } from '../parse/values';
import { insertIntoMap, replaceNode, columnOf, eol } from '../fix';
import type { Fix, TextEdit } from '../types';

const GRACE_SECONDS = 300;
const LB_KEYS = ['TargetGroupARNs', 'LoadBalancerNames'] as const;

/**
 * Whether a list-valued property can evaluate to a non-empty list: a literal list with an entry that is
 * not `!Ref AWS::NoValue`; a `!Ref` to a list Parameter (non-empty Default, or none: the deployer must
 * supply it); either branch of a `!If`; any other intrinsic (`!Split`, `!GetAtt`, `!ImportValue`…).
 */
function mayBeNonEmpty(r: Resource, node: Node | null | undefined, depth = 0): boolean {
  if (!node || depth > 10) return false;
  if (isSeq(node) && !isIntrinsic(node)) return seqItems(node).some((item) => !isNoValue(item) && !(ifArgs(item) && !ifBranchesHaveValue(item)));
  if (isNoValue(node)) return false;
  const cond = ifArgs(node);
  if (cond) return mayBeNonEmpty(r, cond[1], depth + 1) || mayBeNonEmpty(r, cond[2], depth + 1);
  const param = referencedParameter(r, node);
  if (param) {
    if (!isListParameter(param) && param.type !== undefined && param.type !== 'String') return false;
    const entries = listParameterDefault(param);
    if (entries) return entries.length > 0;
    const s = param.default ? str(param.default) : undefined;
    return s === undefined ? true : s.trim() !== '';
  }
  return isIntrinsic(node);
}

function ifBranchesHaveValue(node: Node): boolean {
  const cond = ifArgs(node);
  return !!cond && (!isNoValue(cond[1]) || !isNoValue(cond[2]));
}

/** Text of a scalar in the same quoting style as `like` (JSON templates keep their double quotes). */
function scalarLike(like: Node | null | undefined, value: string | number): string {
  if (typeof value === 'number') return String(value);
  if (isScalar(like) && like.type === 'QUOTE_DOUBLE') return JSON.stringify(value);
  if (isScalar(like) && like.type === 'QUOTE_SINGLE') return `'${value}'`;
  return value;
}

/**
 * Inserts properties into the Properties mapping. Block mappings go through `insertIntoMap`; flow mappings
 * (JSON templates) get JSON text (`"Key": "value"`), valid both as JSON and as YAML.
 */
function insertProps(text: string, map: YAMLMap<Node, Node | null>, entries: [string, string | number][]): TextEdit[] {
  const isFlow = (map as YAMLMap & { flow?: boolean }).flow || text[rangeOf(map)?.[0] ?? -1] === '{';
  const pairs = mapPairs(map);
  const jsonKeys = pairs.length > 0 && pairs.every((p) => isScalar(p.key) && p.key.type === 'QUOTE_DOUBLE');
  if (!isFlow || !jsonKeys) return insertIntoMap(text, map, Object.fromEntries(entries));
  const json = entries.map(([k, v]) => `${JSON.stringify(k)}: ${JSON.stringify(v)}`);
  const last = pairs[pairs.length - 1];
  const lastEnd = rangeOf(last?.value)?.[1] ?? rangeOf(last?.key)?.[1];
  if (!last || lastEnd === undefined) {
    const r = rangeOf(map);
    return r ? [{ start: r[0] + 1, end: r[0] + 1, newText: ` ${json.join(', ')} ` }] : [];
  }
  let end = lastEnd;
  while (end > 0 && /\s/.test(text[end - 1])) end--;
  const keyStart = rangeOf(last.key)?.[0] ?? end;
  const mapStart = rangeOf(map)?.[0] ?? 0;
  const multiline = text.slice(mapStart, keyStart).includes('\n');
  const nl = eol(text);
  const sep = multiline ? `,${nl}${' '.repeat(columnOf(text, keyStart))}` : ', ';
  return [{ start: end, end, newText: json.map((j) => sep + j).join('') }];
}

function propsMap(r: Resource): YAMLMap<Node, Node | null> | undefined {
  return r.properties && isMap(r.properties) ? r.properties : undefined;
}

export default defineRule({
  id: 'asg-health-check',
  defaultSeverity: 'warning',
  fixable: true,
  docs: {
    appliesTo: 'AWS::AutoScaling::AutoScalingGroup attached to a load balancer (`TargetGroupARNs` / `LoadBalancerNames`)',
    summary: 'An Auto Scaling group behind a load balancer does not use the load balancer’s health checks, or uses them without a grace period.',
    rationale:
      'The workflow’s ASG configuration pairs the load balancer with `HealthCheckType: ELB` and `HealthCheckGracePeriod: 300`, and its checklist asks that health checks detect unhealthy instances. With the default `EC2` health check the group only replaces an instance whose VM stops: a hung or crashed application keeps its instance, the load balancer stops routing to it, and the group believes it is at full capacity, so it neither replaces nor adds instances while serving with fewer than it counts. With `ELB` but no grace period (the CloudFormation default is 0 seconds), a fresh instance is judged by the load balancer before it has booted, fails, and is terminated, so a scale-out under load can churn instances instead of adding capacity.',
    remediation:
      'Set `HealthCheckType: ELB` on groups that are registered with a target group or Classic Load Balancer, and give instances time to start with `HealthCheckGracePeriod` (300 s, or your measured boot time plus margin). A comma-separated type such as `ELB,EBS` also counts.',
    bad: 'WebServerGroup:\n  Type: AWS::AutoScaling::AutoScalingGroup\n  Properties:\n    MinSize: 2\n    MaxSize: 20\n    TargetGroupARNs:\n      - !Ref TargetGroup',
    good: 'WebServerGroup:\n  Type: AWS::AutoScaling::AutoScalingGroup\n  Properties:\n    MinSize: 2\n    MaxSize: 20\n    TargetGroupARNs:\n      - !Ref TargetGroup\n    HealthCheckType: ELB\n    HealthCheckGracePeriod: 300',
  },
  checkDocument(ctx: DocumentContext) {
    for (const r of ctx.resources) {
      if (!isAsg(r)) continue;
      const props = propsMap(r);
      if (!props) continue;
      const lb = LB_KEYS.map((k) => prop(r, k)).find((p): p is Pair<Node, Node | null> => !!p && mayBeNonEmpty(r, p.value));
      if (!lb) continue;
      const lbKey = keyText(lb) ?? 'TargetGroupARNs';
      const typePair = prop(r, 'HealthCheckType');
      const type = typePair ? propString(r, 'HealthCheckType') : 'EC2';
      if (type === undefined) continue; // an intrinsic we cannot see through
      const literal = !typePair || !isIntrinsic(typePair.value);
      const types = type.split(',').map((t) => t.trim().toUpperCase());
      const gracePair = prop(r, 'HealthCheckGracePeriod');
      const cond = ifArgs(lb.value)?.[0];
      const what = lbKey === 'LoadBalancerNames' ? 'a Classic Load Balancer' : 'a load balancer target group';

      if (!types.includes('ELB')) {
        const edits: TextEdit[] = [];
        // `EC2,EBS` keeps its other checks: ELB is added to the list.
        const newType = types.length > 1 ? `${type},ELB` : 'ELB';
        if (typePair?.value && literal) edits.push(...replaceNode(typePair.value, scalarLike(typePair.value, newType)));
        const toInsert: [string, string | number][] = [];
        if (!typePair) toInsert.push(['HealthCheckType', 'ELB']);
        if (!gracePair) toInsert.push(['HealthCheckGracePeriod', GRACE_SECONDS]);
        if (toInsert.length) edits.push(...insertProps(ctx.text, props, toInsert));
        const fixes: Fix[] =
          literal && edits.length
            ? [{ title: `${types.length > 1 ? 'Add ELB to HealthCheckType' : 'Set HealthCheckType to ELB'}${gracePair ? '' : ` with HealthCheckGracePeriod ${GRACE_SECONDS}`}`, edits, safe: true, preferred: true }]
            : [];
        const detail = !typePair
          ? 'HealthCheckType is not set, so it defaults to EC2'
          : literal
            ? `HealthCheckType is ${type}`
            : `HealthCheckType is ${type} (the parameter's Default)`;
        ctx.report({
          resource: r,
          at: typePair ? (spanOf(ctx.text, typePair.value) ?? typePair) : lb,
          message: `${r.name} is attached to ${what} (${lbKey}${cond ? `, when ${cond} holds` : ''}) but ${detail}: instances that fail the load balancer's health check are never replaced. ${types.length > 1 ? 'Add ELB to HealthCheckType' : 'Set HealthCheckType to ELB'}.`,
          fixes,
        });
        continue;
      }
      if (gracePair) continue;
      const edits = insertProps(ctx.text, props, [['HealthCheckGracePeriod', GRACE_SECONDS]]);
      ctx.report({
        resource: r,
        at: spanOf(ctx.text, typePair?.value) ?? typePair ?? lb,
        severity: 'info',
        message: `HealthCheckType is ${type} but HealthCheckGracePeriod is not set, so it defaults to 0 seconds: new instances are health-checked before they finish booting. Set it to ${GRACE_SECONDS} seconds (or your boot time plus margin).`,
        fixes: edits.length ? [{ title: `Set HealthCheckGracePeriod to ${GRACE_SECONDS}`, edits, safe: true, preferred: true }] : [],
      });
    }
  },
});

import { isScalar, type Node, type YAMLMap } from 'yaml';
import { defineRule, type DocumentContext } from './rule';
import { autoscalerOf } from '../sources/objects';
import type { Field } from '../model/scaling';
import { mapPairs, rangeOf } from '../parse/values';
import { insertIntoMap, replaceNode, columnOf, eol } from '../fix';
import type { Fix, TextEdit } from '../types';

const GRACE_SECONDS = 300;

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

/** The Properties map a fix inserts into: where the model says an absent setting goes. */
function propertiesMap(...fields: Field<unknown>[]): YAMLMap<Node, Node | null> | undefined {
  for (const f of fields) if (f.fix?.kind === 'insert') return f.fix.map;
  return undefined;
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
      const a = autoscalerOf(r);
      const group = a?.group;
      // The first attachment that may name a load balancer (an intrinsic counts; an empty list does not).
      const lb = group?.loadBalancers[0];
      if (!group || !lb) continue;
      const typeField = group.healthCheckType;
      const graceField = group.healthCheckGracePeriod;
      const type = typeField.value;
      if (type === undefined) continue; // an intrinsic we cannot see through
      const written = typeField.explicit;
      const literal = !written || typeField.parameter === undefined;
      const types = type.split(',').map((t) => t.trim().toUpperCase());
      const graceWritten = graceField.explicit;
      const props = propertiesMap(typeField, graceField);
      const what = lb.name === 'LoadBalancerNames' ? 'a Classic Load Balancer' : 'a load balancer target group';
      const typeAt = written ? (typeField.span ?? typeField.key ?? lb.key) : lb.key;

      if (!types.includes('ELB')) {
        const edits: TextEdit[] = [];
        // `EC2,EBS` keeps its other checks: ELB is added to the list.
        const newType = types.length > 1 ? `${type},ELB` : 'ELB';
        const fix = typeField.fix;
        if (written && literal && fix?.kind === 'replace') edits.push(...replaceNode(fix.node, fix.quote ? `${fix.quote}${newType}${fix.quote}` : newType));
        const toInsert: [string, string | number][] = [];
        if (!written) toInsert.push(['HealthCheckType', 'ELB']);
        if (!graceWritten) toInsert.push(['HealthCheckGracePeriod', GRACE_SECONDS]);
        if (toInsert.length && props) edits.push(...insertProps(ctx.text, props, toInsert));
        const fixes: Fix[] =
          literal && edits.length
            ? [{ title: `${types.length > 1 ? 'Add ELB to HealthCheckType' : 'Set HealthCheckType to ELB'}${graceWritten ? '' : ` with HealthCheckGracePeriod ${GRACE_SECONDS}`}`, edits, safe: true, preferred: true }]
            : [];
        const detail = !written
          ? 'HealthCheckType is not set, so it defaults to EC2'
          : literal
            ? `HealthCheckType is ${type}`
            : `HealthCheckType is ${type} (the parameter's Default)`;
        ctx.report({
          resource: r,
          at: typeAt,
          message: `${r.name} is attached to ${what} (${lb.name}${lb.condition ? `, when ${lb.condition} holds` : ''}) but ${detail}: instances that fail the load balancer's health check are never replaced. ${types.length > 1 ? 'Add ELB to HealthCheckType' : 'Set HealthCheckType to ELB'}.`,
          fixes,
        });
        continue;
      }
      if (graceWritten) continue;
      const edits = props ? insertProps(ctx.text, props, [['HealthCheckGracePeriod', GRACE_SECONDS]]) : [];
      ctx.report({
        resource: r,
        at: typeAt,
        severity: 'info',
        message: `HealthCheckType is ${type} but HealthCheckGracePeriod is not set, so it defaults to 0 seconds: new instances are health-checked before they finish booting. Set it to ${GRACE_SECONDS} seconds (or your boot time plus margin).`,
        fixes: edits.length ? [{ title: `Set HealthCheckGracePeriod to ${GRACE_SECONDS}`, edits, safe: true, preferred: true }] : [],
      });
    }
  },
});

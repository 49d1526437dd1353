import { defineRule, type DocumentContext } from './rule';
import { modelOf } from '../sources/objects';
import type { Field } from '../model/scaling';

/**
 * AWS defaults when a field is absent (Elastic Load Balancing API, CreateTargetGroup; CloudFormation
 * AWS::ElasticLoadBalancingV2::TargetGroup):
 * - interval: 30 s for TCP, TLS, UDP, TCP_UDP, HTTP, HTTPS target groups; 10 s for GENEVE; 35 s for lambda.
 * - timeout: 30 s for lambda; 5 s for an Application Load Balancer target group (protocol HTTP/HTTPS) and
 *   for GENEVE; for a Network Load Balancer target group (TCP, TLS, UDP, TCP_UDP) 6 s with an HTTP health
 *   check and 10 s with a TCP or HTTPS one. (The API reference also gives 6 s "for HTTP" and 10 s "for
 *   HTTPS" without naming the load balancer type; where sources differ the smaller value is used, so a
 *   default never produces an error the user cannot see in the template.)
 */
export function defaultInterval(targetType: string, protocol: string | undefined): number | undefined {
  if (targetType === 'lambda') return 35;
  if (protocol === 'GENEVE') return 10;
  if (protocol && ['TCP', 'TLS', 'UDP', 'TCP_UDP', 'HTTP', 'HTTPS'].includes(protocol)) return 30;
  return undefined;
}

export function defaultTimeout(targetType: string, protocol: string | undefined, healthCheckProtocol: string | undefined): number | undefined {
  if (targetType === 'lambda') return 30;
  if (protocol === 'HTTP' || protocol === 'HTTPS' || protocol === 'GENEVE') return 5;
  if (protocol && ['TCP', 'TLS', 'UDP', 'TCP_UDP'].includes(protocol)) {
    const hc = healthCheckProtocol ?? 'TCP';
    return hc === 'HTTP' ? 6 : hc === 'TCP' || hc === 'HTTPS' ? 10 : undefined;
  }
  return undefined;
}

/** The protocol the health check uses: `HealthCheckProtocol`, else HTTP/HTTPS for ALB target groups, TCP for NLB/GWLB ones. */
function effectiveHealthCheckProtocol(protocol: string | undefined, hc: string | undefined): string | undefined {
  if (hc) return hc;
  if (protocol === 'HTTP' || protocol === 'HTTPS') return protocol;
  if (protocol && ['TCP', 'TLS', 'UDP', 'TCP_UDP', 'GENEVE', 'QUIC', 'TCP_QUIC'].includes(protocol)) return 'TCP';
  return undefined;
}

/** A string field: undefined when not written, null when written but unknown (an intrinsic we cannot see through). */
function text(f: Field<string> | undefined): string | undefined | null {
  return f ? (f.value ?? null) : undefined;
}

function via(n: Field<number> | undefined): string {
  return n?.parameter !== undefined ? ", the parameter's Default" : '';
}

/** Where a field is pointed at: its value as written, else its key. */
function where(f: { span?: [number, number]; key?: [number, number]; range?: [number, number] }): [number, number] {
  return f.span ?? f.key ?? f.range ?? [0, 0];
}

export default defineRule({
  id: 'target-group-health-check',
  defaultSeverity: 'error',
  fixable: false,
  docs: {
    appliesTo: 'AWS::ElasticLoadBalancingV2::TargetGroup',
    summary: 'A target group’s health check times out no sooner than the next check starts, or probes an HTTP(S) target without a health path.',
    rationale:
      'The workflow’s health check is an HTTP probe of `/health` every 30 seconds with a 5 second timeout: the timeout must be shorter than the interval, or one slow check is still pending when the next one starts and the load balancer’s view of a target lags behind reality (Elastic Load Balancing rejects such a target group when it is created). Health checks are what let the load balancer, and an Auto Scaling group using ELB health checks, route around and replace unhealthy instances during scaling. An HTTP(S) health check without `HealthCheckPath` probes `/`, which usually tests only that the web server answers (often a cached page or a redirect), not that the application and its dependencies are ready: the workflow gives the check its own path. AWS defaults apply when a field is absent: interval 30 s (GENEVE 10 s, Lambda 35 s); timeout 5 s for ALB (HTTP/HTTPS) and GENEVE target groups, 6 s (HTTP check) or 10 s (TCP/HTTPS check) for NLB target groups, 30 s for Lambda. Lambda target groups have health checks off unless `HealthCheckEnabled: true`, and are then checked for timing only.',
    remediation:
      'Keep `HealthCheckTimeoutSeconds` below `HealthCheckIntervalSeconds` (e.g. 5 s and 30 s, or 5 s and 10 s for faster detection), and point `HealthCheckPath` at a dedicated endpoint such as `/health` that checks what the instance needs to serve.',
    bad: 'TargetGroup:\n  Type: AWS::ElasticLoadBalancingV2::TargetGroup\n  Properties:\n    Protocol: HTTP\n    Port: 80\n    VpcId: !Ref VPC\n    HealthCheckIntervalSeconds: 10\n    HealthCheckTimeoutSeconds: 10',
    good: 'TargetGroup:\n  Type: AWS::ElasticLoadBalancingV2::TargetGroup\n  Properties:\n    Protocol: HTTP\n    Port: 80\n    VpcId: !Ref VPC\n    HealthCheckPath: /health\n    HealthCheckIntervalSeconds: 30\n    HealthCheckTimeoutSeconds: 5',
  },
  checkDocument(ctx: DocumentContext) {
    for (const r of ctx.resources) {
      const tg = modelOf(r);
      if (tg?.type !== 'target-group') continue;
      const targetTypeRaw = text(tg.targetType);
      if (targetTypeRaw === null) continue;
      const targetType = (targetTypeRaw ?? 'INSTANCE').toLowerCase();
      const enabled = tg.healthCheckEnabled?.value;
      if (tg.healthCheckEnabled && enabled === undefined) continue; // unknown
      if (enabled === false) continue; // health checks switched off (Lambda only; schema's business otherwise)
      if (targetType === 'lambda' && enabled !== true) continue; // Lambda: off by default

      const protocol = text(tg.protocol);
      const hcProtocol = text(tg.healthCheckProtocol);
      const interval = tg.intervalSeconds;
      const timeout = tg.timeoutSeconds;

      // 1. Timeout must be shorter than the interval.
      const unknownField = (interval && interval.value === undefined) || (timeout && timeout.value === undefined) || protocol === null || hcProtocol === null;
      if ((interval || timeout) && !unknownField) {
        const iv = interval?.value ?? defaultInterval(targetType, protocol ?? undefined);
        const to = timeout?.value ?? defaultTimeout(targetType, protocol ?? undefined, hcProtocol ?? undefined);
        if (iv !== undefined && to !== undefined && to >= iv) {
          const kind = targetType === 'lambda' ? 'Lambda' : protocol ?? '';
          const hcNote = targetType !== 'lambda' && hcProtocol ? ` with ${hcProtocol} health checks` : '';
          const toText = timeout
            ? `${timeout.name} (${to}${via(timeout)})`
            : `HealthCheckTimeoutSeconds is not set and defaults to ${to} for ${kind} target groups${hcNote}, which`;
          const ivText = interval
            ? `${interval.name} (${iv}${via(interval)})`
            : `the default HealthCheckIntervalSeconds of ${kind} target groups (${iv})`;
          ctx.report({
            resource: r,
            at: where((timeout ?? interval)!),
            message: `${toText} is ${to === iv ? 'equal to' : 'longer than'} ${ivText}: a slow check is still pending when the next one starts. The timeout must be shorter than the interval.`,
            related: timeout && interval ? [{ resource: r, at: where(interval), message: `${interval.name} is ${iv}` }] : undefined,
          });
        }
      }

      // 2. HTTP(S) health checks should probe a dedicated path.
      if (targetType === 'lambda' || protocol === null || hcProtocol === null) continue;
      const hc = effectiveHealthCheckProtocol(protocol, hcProtocol);
      if (hc !== 'HTTP' && hc !== 'HTTPS') continue;
      if (tg.healthCheckPath) continue;
      const at = hcProtocol ? tg.healthCheckProtocol! : tg.protocol!;
      const grpc = tg.protocolVersion?.value === 'GRPC';
      ctx.report({
        resource: r,
        at: where(at),
        severity: 'info',
        message: grpc
          ? `${r.name} health-checks over ${hc} (gRPC) but HealthCheckPath is not set, so the load balancer calls /AWS.ALB/healthcheck, which only shows the server answers (the default matcher accepts gRPC code 12, Unimplemented). Point HealthCheckPath at your health method (/package.service/method).`
          : `${r.name} health-checks over ${hc} but HealthCheckPath is not set, so the load balancer probes "/", which shows the web server answers, not that the application is ready. Point HealthCheckPath at a dedicated endpoint such as /health.`,
      });
    }
  },
});

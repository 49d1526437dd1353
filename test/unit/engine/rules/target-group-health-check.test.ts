import { test } from 'node:test';
import assert from 'node:assert/strict';
import { findingsOf } from '../../../helpers/lint';
import { defaultInterval, defaultTimeout } from '../../../../server/src/engine/rules/target-group-health-check';

const ID = 'target-group-health-check';

/** A template with one target group `TG`; its properties start on line 7 (+1 per parameter line). */
function tg(props: string, params: string[] = []): string {
  return [
    'AWSTemplateFormatVersion: "2010-09-09"',
    `Parameters:${params.length ? '' : ' {}'}`,
    ...params.map((l) => `  ${l}`),
    'Resources:',
    '  TG:',
    '    Type: AWS::ElasticLoadBalancingV2::TargetGroup',
    '    Properties:',
    ...props.split('\n').filter((l) => l).map((l) => `      ${l}`),
    '',
  ].join('\n');
}

const ALB = 'Protocol: HTTP\nPort: 80\nVpcId: vpc-1\nHealthCheckPath: /health';
const NLB = 'Protocol: TCP\nPort: 80\nVpcId: vpc-1';
const TAIL = 'a slow check is still pending when the next one starts. The timeout must be shorter than the interval.';
const NO_PATH = (hc: string) =>
  `TG health-checks over ${hc} but HealthCheckPath is not set, so the load balancer probes "/", which shows the web server answers, not that the application is ready. Point HealthCheckPath at a dedicated endpoint such as /health.`;

export const cases: { name: string; text: string; expected: string[] }[] = [
  { name: 'defaults only', text: tg(ALB), expected: [] },
  { name: 'workflow values (30 s / 5 s)', text: tg(`${ALB}\nHealthCheckIntervalSeconds: 30\nHealthCheckTimeoutSeconds: 5`), expected: [] },
  {
    name: 'timeout equal to the interval',
    text: tg(`${ALB}\nHealthCheckIntervalSeconds: 10\nHealthCheckTimeoutSeconds: 10`),
    expected: [`12:34 error HealthCheckTimeoutSeconds (10) is equal to HealthCheckIntervalSeconds (10): ${TAIL}`],
  },
  {
    name: 'timeout longer, numbers as strings',
    text: tg(`${ALB}\nHealthCheckIntervalSeconds: "10"\nHealthCheckTimeoutSeconds: "12"`),
    expected: [`12:34 error HealthCheckTimeoutSeconds (12) is longer than HealthCheckIntervalSeconds (10): ${TAIL}`],
  },
  {
    name: 'values from parameter Defaults',
    text: tg(`${ALB}\nHealthCheckIntervalSeconds: !Ref Interval\nHealthCheckTimeoutSeconds: {Ref: Timeout}`, ['Interval: {Type: Number, Default: 5}', 'Timeout: {Type: Number, Default: "6"}']),
    expected: [`14:34 error HealthCheckTimeoutSeconds (6, the parameter's Default) is longer than HealthCheckIntervalSeconds (5, the parameter's Default): ${TAIL}`],
  },
  { name: 'parameter without Default: unknown', text: tg(`${ALB}\nHealthCheckIntervalSeconds: 5\nHealthCheckTimeoutSeconds: !Ref Timeout`, ['Timeout: {Type: Number}']), expected: [] },
  {
    name: 'ALB: interval 5 and the 5 s default timeout',
    text: tg(`${ALB}\nHealthCheckIntervalSeconds: 5`),
    expected: [`11:35 error HealthCheckTimeoutSeconds is not set and defaults to 5 for HTTP target groups, which is equal to HealthCheckIntervalSeconds (5): ${TAIL}`],
  },
  { name: 'ALB: interval 6 fits the 5 s default', text: tg(`${ALB}\nHealthCheckIntervalSeconds: 6`), expected: [] },
  {
    name: 'NLB: timeout 30 against the 30 s default interval',
    text: tg(`${NLB}\nHealthCheckTimeoutSeconds: 30`),
    expected: [`10:34 error HealthCheckTimeoutSeconds (30) is equal to the default HealthCheckIntervalSeconds of TCP target groups (30): ${TAIL}`],
  },
  {
    name: 'NLB: TCP check default timeout is 10 s',
    text: tg(`${NLB}\nHealthCheckIntervalSeconds: 10`),
    expected: [`10:35 error HealthCheckTimeoutSeconds is not set and defaults to 10 for TCP target groups, which is equal to HealthCheckIntervalSeconds (10): ${TAIL}`],
  },
  {
    name: 'NLB: HTTP check default timeout is 6 s',
    text: tg(`${NLB}\nHealthCheckProtocol: HTTP\nHealthCheckPath: /ready\nHealthCheckIntervalSeconds: 10`),
    expected: [],
  },
  {
    name: 'GENEVE: default interval 10 s',
    text: tg('Protocol: GENEVE\nPort: 6081\nVpcId: vpc-1\nHealthCheckProtocol: TCP\nHealthCheckTimeoutSeconds: 10'),
    expected: [`11:34 error HealthCheckTimeoutSeconds (10) is equal to the default HealthCheckIntervalSeconds of GENEVE target groups (10): ${TAIL}`],
  },
  { name: 'Lambda: health checks off by default', text: tg('TargetType: lambda\nHealthCheckIntervalSeconds: 5\nHealthCheckTimeoutSeconds: 30'), expected: [] },
  {
    name: 'Lambda with health checks enabled: default timeout 30 s',
    text: tg('TargetType: lambda\nHealthCheckEnabled: true\nHealthCheckIntervalSeconds: 30'),
    expected: [`9:35 error HealthCheckTimeoutSeconds is not set and defaults to 30 for Lambda target groups, which is equal to HealthCheckIntervalSeconds (30): ${TAIL}`],
  },
  { name: 'Lambda enabled with its defaults (35 s / 30 s)', text: tg('TargetType: lambda\nHealthCheckEnabled: "true"'), expected: [] },
  { name: 'health checks disabled', text: tg(`${ALB}\nHealthCheckEnabled: false\nHealthCheckIntervalSeconds: 5\nHealthCheckTimeoutSeconds: 5`), expected: [] },
  { name: 'HealthCheckEnabled unknown', text: tg(`${ALB}\nHealthCheckEnabled: !If [Prod, true, false]\nHealthCheckIntervalSeconds: 5\nHealthCheckTimeoutSeconds: 5`), expected: [] },
  { name: 'protocol unknown: defaults unknown', text: tg('Protocol: !Ref Proto\nPort: 80\nHealthCheckIntervalSeconds: 5', ['Proto: {Type: String}']), expected: [] },
  { name: 'no protocol, instance target: defaults unknown', text: tg('Port: 80\nHealthCheckIntervalSeconds: 5'), expected: [] },
  { name: 'HTTP without a path', text: tg('Protocol: HTTP\nPort: 80'), expected: [`7:17 info ${NO_PATH('HTTP')}`] },
  { name: 'HTTPS from a parameter Default', text: tg('Protocol: !Ref Proto\nPort: 443', ['Proto: {Type: String, Default: HTTPS}']), expected: [`8:17 info ${NO_PATH('HTTPS')}`] },
  { name: 'lower-case protocol', text: tg('Protocol: https\nPort: 443'), expected: [`7:17 info ${NO_PATH('HTTPS')}`] },
  { name: 'NLB with an HTTP health check, no path', text: tg(`${NLB}\nHealthCheckProtocol: HTTP`), expected: [`10:28 info ${NO_PATH('HTTP')}`] },
  { name: 'HTTP target group checked over TCP', text: tg('Protocol: HTTP\nPort: 80\nHealthCheckProtocol: TCP'), expected: [] },
  { name: 'TCP without a path', text: tg(NLB), expected: [] },
  { name: 'path from an intrinsic counts as set', text: tg('Protocol: HTTP\nPort: 80\nHealthCheckPath: !Sub "/${Env}/health"'), expected: [] },
  {
    name: 'gRPC',
    text: tg('Protocol: HTTPS\nProtocolVersion: GRPC\nPort: 443'),
    expected: [
      '7:17 info TG health-checks over HTTPS (gRPC) but HealthCheckPath is not set, so the load balancer calls /AWS.ALB/healthcheck, which only shows the server answers (the default matcher accepts gRPC code 12, Unimplemented). Point HealthCheckPath at your health method (/package.service/method).',
    ],
  },
  { name: 'TargetType unknown', text: tg('TargetType: !Ref Kind\nProtocol: HTTP\nPort: 80', ['Kind: {Type: String}']), expected: [] },
  { name: 'no Properties', text: tg('').replace('    Properties:\n', ''), expected: [] },
  { name: 'odd shapes', text: tg('Protocol: [HTTP]\nHealthCheckIntervalSeconds: {a: 1}\nHealthCheckTimeoutSeconds: many'), expected: [] },
];

for (const c of cases) {
  test(`${ID}: ${c.name}`, () => {
    assert.deepEqual(findingsOf(c.text, ID), c.expected);
  });
}

test(`${ID}: AWS defaults table`, () => {
  const table: [string, string | undefined, string | undefined, number | undefined, number | undefined][] = [
    // target type, protocol, health check protocol, interval, timeout
    ['instance', 'HTTP', undefined, 30, 5],
    ['ip', 'HTTPS', 'HTTPS', 30, 5],
    ['instance', 'TCP', undefined, 30, 10],
    ['instance', 'TCP', 'HTTP', 30, 6],
    ['instance', 'TLS', 'HTTPS', 30, 10],
    ['ip', 'UDP', 'TCP', 30, 10],
    ['instance', 'GENEVE', 'TCP', 10, 5],
    ['lambda', undefined, undefined, 35, 30],
    ['alb', 'TCP', 'HTTP', 30, 6],
    ['instance', undefined, undefined, undefined, undefined],
    ['instance', 'QUIC', undefined, undefined, undefined],
  ];
  for (const [type, protocol, hc, interval, timeout] of table) {
    assert.equal(defaultInterval(type, protocol), interval, `${type} ${protocol} interval`);
    assert.equal(defaultTimeout(type, protocol, hc), timeout, `${type} ${protocol}/${hc} timeout`);
  }
});

/** JSON Schema of `.scalelint.yaml`; `npm run docs` writes it to schemas/scalelint-config.json for editors. */

export const RULE_IDS = [
  'yaml-syntax', 'schema', 'min-replicas', 'replica-bounds', 'max-replicas-ceiling', 'cooldown-order', 'scale-up-speed',
  'scale-down-stabilization', 'utilization-target', 'requests-for-utilization', 'container-resources', 'readiness-probe',
  'liveness-probe', 'probe-timing', 'replicas-with-hpa', 'deprecated-api', 'hpa-target-exists', 'pdb-coverage',
  'service-selector', 'service-target-port', 'asg-health-check', 'multi-az', 'target-group-health-check', 'alarm-hysteresis',
] as const;

const range = (what: string) => ({
  type: 'object',
  additionalProperties: false,
  description: `Accepted target range for ${what} utilization, in percent.`,
  properties: {
    min: { type: 'number', minimum: 1, maximum: 100, description: 'Lowest accepted target (%).' },
    max: { type: 'number', minimum: 1, maximum: 100, description: 'Highest accepted target (%).' },
  },
});

export const configSchema = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  $id: 'https://scalelint.dev/schemas/scalelint-config.json',
  title: 'ScaleLint configuration (.scalelint.yaml)',
  type: 'object',
  additionalProperties: false,
  properties: {
    rules: {
      type: 'object',
      description: 'Severity per rule id: error, warning, info or off.',
      propertyNames: { enum: [...RULE_IDS] },
      additionalProperties: { enum: ['error', 'warning', 'info', 'off'] },
    },
    minReplicasFloor: { type: 'integer', minimum: 1, description: 'High-availability floor for minimum replicas / MinSize (min-replicas). Default 2.' },
    maxReplicasCeiling: { type: 'integer', minimum: 1, description: 'Cost ceiling for maximum replicas / MaxSize (max-replicas-ceiling). No default: the rule is silent until set.' },
    scaleUpWithinSeconds: { type: 'number', exclusiveMinimum: 0, description: 'Longest accepted time from min to max under sustained overload (scale-up-speed). Default 120.' },
    scaleDownWindowSeconds: { type: 'integer', minimum: 0, maximum: 3600, description: 'Shortest accepted scale-down stabilization window (scale-down-stabilization). Default 300.' },
    utilizationTargets: {
      type: 'object',
      additionalProperties: false,
      description: 'Accepted utilization target ranges (utilization-target). Defaults: cpu 50–80, memory 60–85.',
      properties: { cpu: range('CPU'), memory: range('memory') },
    },
    minHysteresis: { type: 'number', minimum: 0, description: 'Least gap, in points, between scale-out and scale-in alarm thresholds (alarm-hysteresis). Default 20.' },
    maxFileSizeBytes: { type: 'integer', minimum: 1, description: 'Files larger than this are not linted; they get one finding saying so. Default 8 MiB.' },
    ignore: { type: 'array', items: { type: 'string' }, description: 'Glob patterns of files the CLI and the workspace index skip.' },
  },
} as const;

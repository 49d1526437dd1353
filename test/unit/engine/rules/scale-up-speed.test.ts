/** scale-up-speed: the simulator's time from min to max under sustained overload, against scaleUpWithinSeconds. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { findingsOf } from '../../../helpers/lint';

const ID = 'scale-up-speed';

const hpa = (apiVersion: string, bounds: string, behavior = '') =>
  `apiVersion: ${apiVersion}\nkind: HorizontalPodAutoscaler\nmetadata:\n  name: web\nspec:\n  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: web}\n${bounds}${behavior}`;
const scaledObject = (bounds: string, advanced = '') =>
  `apiVersion: keda.sh/v1alpha1\nkind: ScaledObject\nmetadata:\n  name: worker\nspec:\n  scaleTargetRef: {name: worker}\n${bounds}${advanced}  triggers:\n  - type: cpu\n    metricType: Utilization\n    metadata: {value: "70"}\n`;
const up = (rules: string) => `  behavior:\n    scaleUp:\n${rules}`;
const cases: { name: string; text: string; config?: string; expected: string[] }[] = [
  { name: 'v2 defaults: 2 → 20 well within 2 minutes', text: hpa('autoscaling/v2', '  minReplicas: 2\n  maxReplicas: 20\n'), expected: [] },
  { name: 'one pod a minute: far too slow', text: hpa('autoscaling/v2', '  minReplicas: 2\n  maxReplicas: 20\n', up('      policies:\n      - {type: Pods, value: 1, periodSeconds: 60}\n')), expected: ["10:5 warning Under sustained overload this autoscaler goes from 2 to 20 replicas in 17 min; the workflow asks for under 2 min (scaleUpWithinSeconds 120)."] },
  { name: 'a long scale-up window', text: hpa('autoscaling/v2', '  minReplicas: 2\n  maxReplicas: 50\n', up('      stabilizationWindowSeconds: 600\n')), expected: ["10:5 warning Under sustained overload this autoscaler goes from 2 to 50 replicas in 10 min 45 s; the workflow asks for under 2 min (scaleUpWithinSeconds 120)."] },
  { name: 'selectPolicy Disabled is an error', text: hpa('autoscaling/v2', '  minReplicas: 2\n  maxReplicas: 20\n', up('      selectPolicy: Disabled\n')), expected: ["11:21 error scaleUp.selectPolicy is Disabled: the autoscaler never adds replicas, whatever the load."] },
  { name: 'a higher limit from the config', text: hpa('autoscaling/v2', '  minReplicas: 2\n  maxReplicas: 20\n', up('      policies:\n      - {type: Pods, value: 1, periodSeconds: 60}\n')), config: 'scaleUpWithinSeconds: 1800\n', expected: [] },
  { name: 'max equal to min: replica-bounds reports it', text: hpa('autoscaling/v2', '  minReplicas: 5\n  maxReplicas: 5\n', up('      policies:\n      - {type: Pods, value: 1, periodSeconds: 60}\n')), expected: [] },
  { name: 'v1 (no behavior): the legacy path', text: hpa('autoscaling/v1', '  minReplicas: 1\n  maxReplicas: 100\n'), expected: [] },
  { name: 'ScaledObject from zero, slow policy', text: scaledObject('  minReplicaCount: 0\n  maxReplicaCount: 30\n', '  advanced:\n    horizontalPodAutoscalerConfig:\n      behavior:\n        scaleUp:\n          policies:\n          - {type: Pods, value: 1, periodSeconds: 30}\n'), expected: ["12:9 warning Under sustained overload this autoscaler goes from 1 to 30 replicas in 14 min; the workflow asks for under 2 min (scaleUpWithinSeconds 120)."] },
  { name: 'ScaledObject with KEDA defaults (0–100)', text: scaledObject(''), expected: [] },
  { name: 'no maxReplicas: nothing to time', text: hpa('autoscaling/v2', '  minReplicas: 2\n'), expected: [] },
];

for (const c of cases) {
  test(`${ID}: ${c.name}`, () => {
    assert.deepEqual(findingsOf(c.text, ID, c.config ? { config: c.config } : {}), c.expected);
  });
}

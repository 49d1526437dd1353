/** The rule registry: every rule, in the order of SPEC §2. */
import type { Rule } from './rule';
import yamlSyntax from './yaml-syntax';
import schema from './schema';
import minReplicas from './min-replicas';
import replicaBounds from './replica-bounds';
import maxReplicasCeiling from './max-replicas-ceiling';
import cooldownOrder from './cooldown-order';
import scaleUpSpeed from './scale-up-speed';
import scaleDownStabilization from './scale-down-stabilization';
import utilizationTarget from './utilization-target';
import requestsForUtilization from './requests-for-utilization';
import containerResources from './container-resources';
import readinessProbe from './readiness-probe';
import livenessProbe from './liveness-probe';
import probeTiming from './probe-timing';
import replicasWithHpa from './replicas-with-hpa';
import deprecatedApi from './deprecated-api';
import hpaTargetExists from './hpa-target-exists';
import pdbCoverage from './pdb-coverage';
import serviceSelector from './service-selector';
import serviceTargetPort from './service-target-port';
import asgHealthCheck from './asg-health-check';
import multiAz from './multi-az';
import targetGroupHealthCheck from './target-group-health-check';
import alarmHysteresis from './alarm-hysteresis';
import pdbBlocksDrain from './pdb-blocks-drain';
import autoscalerConflict from './autoscaler-conflict';
import kedaConfig from './keda-config';
import vpaPolicy from './vpa-policy';
import versionSkew from './version-skew';
import updatePolicy from './update-policy';
import instanceWarmup from './instance-warmup';
import scheduledScaling from './scheduled-scaling';
import spotHa from './spot-ha';
import render from './render';

export const rules = [
  yamlSyntax,
  schema,
  minReplicas,
  replicaBounds,
  maxReplicasCeiling,
  cooldownOrder,
  scaleUpSpeed,
  scaleDownStabilization,
  utilizationTarget,
  requestsForUtilization,
  containerResources,
  readinessProbe,
  livenessProbe,
  probeTiming,
  replicasWithHpa,
  deprecatedApi,
  hpaTargetExists,
  pdbCoverage,
  serviceSelector,
  serviceTargetPort,
  asgHealthCheck,
  multiAz,
  targetGroupHealthCheck,
  alarmHysteresis,
  pdbBlocksDrain,
  autoscalerConflict,
  kedaConfig,
  vpaPolicy,
  versionSkew,
  updatePolicy,
  instanceWarmup,
  scheduledScaling,
  spotHa,
  render,
] as const satisfies readonly Rule[];

export const ruleById: ReadonlyMap<string, Rule> = new Map(rules.map((r) => [r.id, r]));

/**
 * Kubernetes YAML → the pods of the model: for any object with a pod template (a workload, a DaemonSet, a
 * Job, a bare Pod…), its labels and containers with their ports, requests, limits and probes. Built once per
 * parsed resource.
 */
import { isMap, isScalar, type Node, type YAMLMap } from 'yaml';
import type { Resource } from '../parse/document';
import { asMap, get, getPair, int, keyRange, keyText, mapPairs, num, rangeOf, seqItems, str, stringMap } from '../parse/values';
import { podTemplateOf } from '../model/kubernetes';
import type { Container, ContainerPort, Pod, Probe, ProbeKey } from '../model/kubernetes-facts';
import type { ModelValue } from '../model/scaling';

const PROBE_KEYS: readonly ProbeKey[] = ['startupProbe', 'readinessProbe', 'livenessProbe'];
const PROBE_HANDLERS = ['httpGet', 'tcpSocket', 'grpc'];

/** Kubernetes defaults for a probe's timing fields. */
const PROBE_DEFAULTS = { timeoutSeconds: 1, periodSeconds: 10 };

function isEmptyValue(node: Node | null | undefined): boolean {
  return !node || (isScalar(node) && (node.value === null || node.value === ''));
}

/** A probe's timing field with its default; undefined when written but not a number. */
function probeTiming(probe: YAMLMap<Node, Node | null>, key: 'timeoutSeconds' | 'periodSeconds', home: [number, number]): ModelValue<number> | undefined {
  const pair = getPair(probe, key);
  if (!pair) return { value: PROBE_DEFAULTS[key], explicit: false, name: key, range: home };
  const value = num(pair.value);
  if (value === undefined) return undefined;
  const range = rangeOf(pair.value) ?? keyRange(pair) ?? home;
  return { value, explicit: true, name: key, range, key: keyRange(pair), fix: pair.value ? { kind: 'replace', node: pair.value } : undefined };
}

function probeOf(node: YAMLMap<Node, Node | null>): Probe {
  const range = rangeOf(node) ?? [0, 0];
  const ports: number[] = [];
  for (const handler of PROBE_HANDLERS) {
    const port = int(get(node, handler, 'port'));
    if (port !== undefined) ports.push(port);
  }
  return { range, timeoutSeconds: probeTiming(node, 'timeoutSeconds', range), periodSeconds: probeTiming(node, 'periodSeconds', range), ports };
}

/** Quantities of `requests` or `limits` as written, by resource name (the first entry of a name). */
function quantities(map: Node | undefined): Map<string, ModelValue<string>> {
  const out = new Map<string, ModelValue<string>>();
  for (const pair of mapPairs(map)) {
    const name = keyText(pair);
    const text = str(pair.value);
    if (name === undefined || text === undefined || out.has(name)) continue;
    out.set(name, { value: text, explicit: true, name, range: rangeOf(pair.value) ?? keyRange(pair) ?? [0, 0], key: keyRange(pair), fix: pair.value ? { kind: 'replace', node: pair.value } : undefined });
  }
  return out;
}

function portsOf(c: Node): ContainerPort[] {
  return seqItems(get(c, 'ports')).map((p) => {
    const n = get(p, 'containerPort');
    return { number: int(n), numberText: n !== undefined ? str(n) : undefined, name: str(get(p, 'name')), protocol: str(get(p, 'protocol')) ?? 'TCP' };
  });
}

function containerOf(c: YAMLMap<Node, Node | null>): Container {
  const namePair = getPair(c, 'name');
  const resourcesPair = getPair(c, 'resources');
  const resources = get(c, 'resources');
  const shape = !resourcesPair ? 'absent' : isMap(resources) ? 'mapping' : isEmptyValue(resourcesPair.value) ? 'empty' : 'other';
  const requests = asMap(get(resources, 'requests'));
  const limits = asMap(get(resources, 'limits'));
  const probes: Container['probes'] = {};
  const probeKeys = new Set<ProbeKey>();
  for (const key of PROBE_KEYS) {
    if (getPair(c, key)) probeKeys.add(key);
    const probe = get(c, key);
    if (isMap(probe)) probes[key] = probeOf(probe as YAMLMap<Node, Node | null>);
  }
  return {
    name: str(namePair?.value) ?? '',
    anchor: rangeOf(namePair?.value ?? c) ?? [0, 0],
    restartPolicy: str(get(c, 'restartPolicy')),
    ports: portsOf(c),
    resources: shape,
    resourcesKey: keyRange(resourcesPair),
    requests: quantities(requests),
    limits: quantities(limits),
    requestsAndLimits: !!requests && !!limits,
    probes,
    probeKeys,
    fix: { kind: 'insert', map: c },
  };
}

function containersOf(list: Node | undefined): Container[] {
  return seqItems(list).filter((c) => isMap(c)).map((c) => containerOf(c as YAMLMap<Node, Node | null>));
}

const built = new WeakMap<Resource, Pod | null>();

/** The pods of a Kubernetes object with a pod template (or a bare Pod), if it has one. */
export function podOf(r: Resource): Pod | undefined {
  let pod = built.get(r);
  if (pod === undefined) {
    const t = podTemplateOf(r);
    pod = t
      ? {
          labels: stringMap(t.labels),
          labelsRange: rangeOf(t.labels),
          containers: containersOf(get(t.spec, 'containers')),
          initContainers: containersOf(get(t.spec, 'initContainers')),
          containersKey: keyRange(getPair(t.spec, 'containers')),
        }
      : null;
    built.set(r, pod);
  }
  return pod ?? undefined;
}

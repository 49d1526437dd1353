/**
 * The calculator panel's link to manifests: which HPA, ScaledObject, Auto Scaling group, Application Auto
 * Scaling target, GCP autoscaler or Azure autoscale setting is at an offset, and the text edits that write a
 * min/desired/max into it ("Apply to manifest"). The last three are the forms a Terraform module or a shell
 * script renders into (SPEC §9): `AWS::ApplicationAutoScaling::ScalableTarget` (MinCapacity, MaxCapacity),
 * `GCP::Compute::Autoscaler` (autoscaling_policy.min_replicas/max_replicas) and
 * `Azure::Monitor::AutoscaleSetting` (the default profile's capacity.minimum/default/maximum); rendered.ts
 * carries the edits back into the files a person edits.
 *
 * Edits come from the CST's offsets (fix.ts), so comments and formatting elsewhere survive; a value
 * already equal is left alone, so applying twice changes nothing; and the edited document is parsed
 * again and read back before the edits are returned: an edit that would not give a valid document with
 * the requested values is an error, never a change.
 */
import { isAlias, isMap, isScalar, isSeq, type Node, type Scalar, type YAMLMap } from 'yaml';
import { applyEdits, insertIntoMap, replaceNode } from '../fix';
import { isAsg, parameterOf } from '../model/cloudformation';
import { isHpa, isScaledObject } from '../model/kubernetes';
import { parseChunk, type ParsedChunk, type Resource } from '../parse/document';
import { splitDocuments } from '../parse/split';
import { asMap, get, getPair, isIntrinsic, mapPairs, num, rangeOf, refName, seqItems } from '../parse/values';
import type { TextEdit } from '../types';

export type CapacityTargetKind = 'HorizontalPodAutoscaler' | 'ScaledObject' | 'AutoScalingGroup' | 'ScalableTarget' | 'GCPAutoscaler' | 'AzureAutoscaleSetting';

export interface CapacityTarget {
  kind: CapacityTargetKind;
  /** metadata.name, or the CloudFormation logical id. */
  name: string;
  namespace?: string;
  /** Index of the YAML document in the file. */
  documentIndex: number;
  /** File offsets of the resource: its mapping (Kubernetes), or from its logical id to its end (CloudFormation). */
  start: number;
  end: number;
  /**
   * The fields "Apply to manifest" writes, as people name them (`capacity.minimum` for Azure); an HPA,
   * ScaledObject, ScalableTarget or GCP autoscaler has no desired count.
   */
  fields: { min: string; desired?: string; max: string };
  /** Values as written (through `!Ref` to a Parameter's Default); undefined when absent or not a number. */
  current: { min?: number; desired?: number; max?: number };
  /** HPA / ScaledObject: the whole manifest as plain data, for the simulator. */
  manifest?: unknown;
}

export interface ReplicaValues {
  min: number;
  desired: number;
  max: number;
}

/** Where a kind keeps its bounds: the mapping that holds them, its keys, and their names for people. */
interface KindSpec {
  holder(r: Resource): YAMLMap<Node, Node | null> | undefined;
  keys: { min: string; desired?: string; max: string };
  labels: { min: string; desired?: string; max: string };
  /** A noun for messages. */
  noun: string;
  /** Why no desired count is written (kinds without one). */
  noDesired?: string;
}

const specOf = (r: Resource) => asMap(get(r.node, 'spec'));
const same = <T>(keys: T) => ({ keys, labels: keys });

/** An Azure setting's default profile (the first with neither `recurrence` nor `fixed_date`, else the first), as the rules read it. */
function azureCapacity(r: Resource): YAMLMap<Node, Node | null> | undefined {
  const raw = get(r.properties, 'profile');
  const profiles = isSeq(raw) ? seqItems(raw).map((p) => asMap(p)).filter((p): p is YAMLMap<Node, Node | null> => !!p) : asMap(raw) ? [asMap(raw)!] : [];
  const profile = profiles.find((p) => !getPair(p, 'recurrence') && !getPair(p, 'fixed_date')) ?? profiles[0];
  return profile ? asMap(get(profile, 'capacity')) : undefined;
}

const KINDS: Record<CapacityTargetKind, KindSpec> = {
  HorizontalPodAutoscaler: { holder: specOf, ...same({ min: 'minReplicas', max: 'maxReplicas' }), noun: 'HorizontalPodAutoscaler', noDesired: 'an HPA has no desired count: the controller sets it' },
  ScaledObject: { holder: specOf, ...same({ min: 'minReplicaCount', max: 'maxReplicaCount' }), noun: 'ScaledObject', noDesired: 'a ScaledObject has no desired count: the controller sets it' },
  AutoScalingGroup: { holder: (r) => r.properties, ...same({ min: 'MinSize', desired: 'DesiredCapacity', max: 'MaxSize' }), noun: 'Auto Scaling group' },
  ScalableTarget: { holder: (r) => r.properties, ...same({ min: 'MinCapacity', max: 'MaxCapacity' }), noun: 'Application Auto Scaling target', noDesired: 'a scalable target has no desired count: Application Auto Scaling sets it' },
  GCPAutoscaler: {
    holder: (r) => asMap(get(r.properties, 'autoscaling_policy')),
    ...same({ min: 'min_replicas', max: 'max_replicas' }),
    noun: 'GCP autoscaler',
    noDesired: 'a GCP autoscaler has no desired count: the autoscaler sets it',
  },
  AzureAutoscaleSetting: {
    holder: azureCapacity,
    keys: { min: 'minimum', desired: 'default', max: 'maximum' },
    labels: { min: 'capacity.minimum', desired: 'capacity.default', max: 'capacity.maximum' },
    noun: 'Azure autoscale setting',
  },
};

/** CloudFormation types of the rendered forms (sources/cloudformation names them; repeated here to keep the panel's bundle small). */
const CFN_KINDS: Record<string, CapacityTargetKind> = {
  'AWS::ApplicationAutoScaling::ScalableTarget': 'ScalableTarget',
  'GCP::Compute::Autoscaler': 'GCPAutoscaler',
  'Azure::Monitor::AutoscaleSetting': 'AzureAutoscaleSetting',
};

function kindOf(r: Resource): CapacityTargetKind | undefined {
  if (isHpa(r)) return 'HorizontalPodAutoscaler';
  if (isScaledObject(r)) return 'ScaledObject';
  if (isAsg(r)) return 'AutoScalingGroup';
  if (r.family === 'cloudformation') return CFN_KINDS[r.kind];
  return undefined;
}

/** Chunk-relative span of a resource. */
function spanOf(r: Resource): [number, number] | undefined {
  const node = rangeOf(r.node);
  if (!node) return undefined;
  return r.family === 'cloudformation' ? [Math.min(r.anchor[0], node[0]), node[1]] : node;
}

/** The node a field's value is read from and written to: the field itself, or the Parameter a `!Ref` names. */
interface Slot {
  key: string;
  /** The map holding the field. */
  map: YAMLMap<Node, Node | null>;
  /** The value node to replace; undefined: the field is absent (insert it) or empty. */
  node?: Node | null;
  /** Set when the value is `!Ref` to a Parameter: the Default is written instead. */
  parameter?: string;
  error?: string;
}

function slotOf(r: Resource, map: YAMLMap<Node, Node | null>, key: string): Slot {
  const pair = getPair(map, key);
  if (!pair) return { key, map };
  const v = pair.value;
  if (v === null || v === undefined) return { key, map, node: v };
  if (isAlias(v)) return { key, map, error: `${key} is an alias (*${String((v as { source?: unknown }).source)}) of a value used elsewhere; change it by hand.` };
  if (r.family === 'cloudformation' && isIntrinsic(v)) {
    const ref = refName(v);
    const param = ref !== undefined ? parameterOf(r, ref) : undefined;
    if (!param) return { key, map, error: `${key} is computed by an intrinsic function; change it by hand.` };
    const defaultPair = getPair(param.pair.value, 'Default');
    const paramMap = asMap(param.pair.value);
    if (!paramMap) return { key, map, error: `${key} refers to Parameter ${param.name}, which is not a mapping.` };
    if (!defaultPair) return { key, map: paramMap, parameter: param.name };
    const d = defaultPair.value;
    if (d && (isIntrinsic(d) || isAlias(d) || !isScalar(d))) return { key, map, error: `${key} refers to Parameter ${param.name}, whose Default is not a plain value; change it by hand.` };
    return { key: 'Default', map: paramMap, node: d, parameter: param.name };
  }
  if (isMap(v) || isSeq(v)) return { key, map, error: `${key} holds a ${isMap(v) ? 'mapping' : 'list'}, not a number; fix it by hand first.` };
  return { key, map, node: v };
}

function readSlot(slot: Slot): number | undefined {
  return slot.error || !slot.node ? undefined : num(slot.node);
}

function targetOf(r: Resource, documentIndex: number, documentStart: number): CapacityTarget | undefined {
  const kind = kindOf(r);
  const span = spanOf(r);
  if (!kind || !span) return undefined;
  const target: CapacityTarget = {
    kind,
    name: r.name,
    namespace: r.namespace,
    documentIndex,
    start: documentStart + span[0],
    end: documentStart + span[1],
    fields: { ...KINDS[kind].labels },
    current: {},
  };
  const { keys } = KINDS[kind];
  const holder = KINDS[kind].holder(r);
  if (holder) {
    target.current.min = readSlot(slotOf(r, holder, keys.min));
    target.current.max = readSlot(slotOf(r, holder, keys.max));
    if (keys.desired) target.current.desired = readSlot(slotOf(r, holder, keys.desired));
  }
  if (r.family === 'kubernetes') {
    try {
      // Plain JSON only: the panel's webview receives it as a message.
      target.manifest = JSON.parse(JSON.stringify(r.node.toJSON()));
    } catch {
      target.manifest = undefined;
    }
  }
  return target;
}

interface Located {
  chunk: ParsedChunk;
  documentIndex: number;
  documentStart: number;
}

function documents(text: string): Located[] {
  return splitDocuments(text).map((c, documentIndex) => ({ chunk: parseChunk(c.text), documentIndex, documentStart: c.start }));
}

/** Every autoscaler "Apply to manifest" can write into (HPA, ScaledObject, Auto Scaling group, …) of a file, in file order. */
export function capacityTargets(text: string): CapacityTarget[] {
  const out: CapacityTarget[] = [];
  if (typeof text !== 'string') return out;
  for (const d of documents(text)) {
    if (d.chunk.template || d.chunk.failed) continue;
    for (const r of d.chunk.resources) {
      const t = targetOf(r, d.documentIndex, d.documentStart);
      if (t) out.push(t);
    }
  }
  return out;
}

/** The innermost target (HPA, ScaledObject, Auto Scaling group, …) whose source contains `offset`. */
function resourceAt(text: string, offset: number): { r: Resource; doc: Located; target: CapacityTarget } | undefined {
  const docs = splitDocuments(text);
  let index = docs.findIndex((c, i) => offset >= c.start && (offset < c.start + c.text.length || i === docs.length - 1));
  if (index < 0) index = 0;
  const c = docs[index];
  if (!c) return undefined;
  const doc: Located = { chunk: parseChunk(c.text), documentIndex: index, documentStart: c.start };
  const local = offset - c.start;
  let best: { r: Resource; span: [number, number] } | undefined;
  for (const r of doc.chunk.resources) {
    const span = kindOf(r) ? spanOf(r) : undefined;
    if (!span || local < span[0] || local > span[1]) continue;
    if (!best || span[1] - span[0] < best.span[1] - best.span[0]) best = { r, span };
  }
  if (!best) return undefined;
  const target = targetOf(best.r, doc.documentIndex, doc.documentStart);
  return target ? { r: best.r, doc, target } : undefined;
}

/** The HPA, ScaledObject, Auto Scaling group, … at a file offset (the cursor), if any. */
export function capacityTargetAt(text: string, offset: number): CapacityTarget | undefined {
  if (typeof text !== 'string' || typeof offset !== 'number' || !Number.isFinite(offset)) return undefined;
  return resourceAt(text, offset)?.target;
}

/** Checks the values "Apply to manifest" writes: whole numbers, min ≤ desired ≤ max. */
export function checkReplicaValues(values: unknown, kind?: CapacityTargetKind): string | undefined {
  if (typeof values !== 'object' || values === null) return 'The values must be an object {min, desired, max}.';
  const v = values as Record<string, unknown>;
  for (const key of ['min', 'desired', 'max'] as const) {
    const n = v[key];
    if (typeof n !== 'number' || !Number.isInteger(n) || n < 0 || n > 2147483647) return `${key} must be a whole number of at least 0 (got ${JSON.stringify(n) ?? String(n)}).`;
  }
  const { min, desired, max } = v as unknown as ReplicaValues;
  if (max < 1) return `max must be at least 1 (got ${max}).`;
  if (min > max) return `min (${min}) must not be above max (${max}).`;
  if (desired < min || desired > max) return `desired (${desired}) must lie within min and max (${min}–${max}).`;
  if (kind === 'HorizontalPodAutoscaler' && min < 1) return 'minReplicas must be at least 1 for an HPA (0 needs the HPAScaleToZero feature gate).';
  return undefined;
}

function formatLike(node: Node | null | undefined, value: number): string {
  const type = isScalar(node) ? (node as Scalar).type : undefined;
  if (type === 'QUOTE_SINGLE') return `'${value}'`;
  if (type === 'QUOTE_DOUBLE') return `"${value}"`;
  return String(value);
}

/** Edits that set a slot's value, [] when it already holds it, undefined when the field is absent. */
function writeSlot(text: string, slot: Slot, value: number): TextEdit[] | undefined {
  const node = slot.node;
  const r = rangeOf(node);
  if (node && r && r[1] > r[0]) {
    if (num(node) === value) return [];
    return replaceNode(node, formatLike(node, value)); // `2`, `'2'`, `~`, `null`: the value is replaced, comments stay
  }
  const pair = getPair(slot.map, slot.key);
  if (!pair) return undefined; // inserted by the caller, together with its absent siblings
  // `key:` with nothing (or only a comment) after it: the value goes right after the colon.
  const keyEnd = rangeOf(pair.key)?.[1];
  const colon = keyEnd === undefined ? -1 : text.indexOf(':', keyEnd);
  return colon < 0 ? [] : [{ start: colon + 1, end: colon + 1, newText: ` ${value}` }];
}

const describe = (t: CapacityTarget) => `${KINDS[t.kind].noun} ${t.name || '(unnamed)'}`;

/** The edits of one field (or, for an insertion, of every absent field together), in file offsets. */
export interface FieldChange {
  /** The fields' names as people read them (`target.fields`). */
  fields: string[];
  value: number[];
  edits: TextEdit[];
  /** The fields are absent: the edit inserts them. */
  inserted: boolean;
}

export interface CapacityEditOptions {
  /**
   * An Auto Scaling group's absent desired count is left out (with a note) instead of inserted: for renders,
   * where an insertion cannot be carried back (a Terraform group without `desired_capacity` starts at `min_size`).
   */
  absentDesired?: 'insert' | 'skip';
}

export type CapacityEditResult = { edits: TextEdit[]; summary: string; changes: FieldChange[] } | { error: string };

/**
 * The edits that write `values` into the HPA (minReplicas, maxReplicas), ScaledObject (minReplicaCount,
 * maxReplicaCount) or Auto Scaling group (MinSize, DesiredCapacity, MaxSize) at `offset`. Offsets are
 * file offsets. An HPA has no desired count: `values.desired` is checked but not written.
 */
export function capacityEdits(text: string, offset: number, values: ReplicaValues, options: CapacityEditOptions = {}): CapacityEditResult {
  try {
    return edits(text, offset, values, options);
  } catch (e) {
    return { error: `The edit could not be computed: ${e instanceof Error ? e.message : String(e)}` };
  }
}

function edits(text: string, offset: number, values: ReplicaValues, options: CapacityEditOptions): CapacityEditResult {
  if (typeof text !== 'string') return { error: 'No document text.' };
  if (typeof offset !== 'number' || !Number.isInteger(offset) || offset < 0 || offset > text.length) return { error: `The position ${String(offset)} is outside the document.` };
  const found = resourceAt(text, offset);
  if (!found) return { error: 'There is no HorizontalPodAutoscaler, KEDA ScaledObject or Auto Scaling group at the cursor.' };
  const { r, doc, target } = found;
  const bad = checkReplicaValues(values, target.kind);
  if (bad) return { error: bad };
  if (doc.chunk.syntax.length > 0) return { error: `The YAML document holding ${describe(target)} has syntax errors; fix them first.` };
  const chunkText = doc.chunk.text;
  const spec = KINDS[target.kind];
  const holder = spec.holder(r);
  if (!holder) return { error: `${describe(target)} has no ${target.kind === 'AzureAutoscaleSetting' ? 'profile with a capacity block' : target.kind === 'GCPAutoscaler' ? 'autoscaling_policy' : r.family === 'cloudformation' ? 'Properties' : 'spec'} mapping to write into.` };

  const wanted: [string, string, number][] = [[spec.keys.min, target.fields.min, values.min]];
  if (spec.keys.desired && target.fields.desired) wanted.push([spec.keys.desired, target.fields.desired, values.desired]);
  wanted.push([spec.keys.max, target.fields.max, values.max]);

  const changes: FieldChange[] = [];
  const missing: Record<string, number> = {};
  const missingLabels: string[] = [];
  const written: string[] = [];
  const notes: string[] = [];
  for (const [key, label, value] of wanted) {
    const slot = slotOf(r, holder, key);
    if (slot.error) return { error: slot.error.split(key).join(label) };
    const shown = slot.parameter ? `${label} ${value} (Default of Parameter ${slot.parameter})` : `${label} ${value}`;
    if (slot.parameter && !slot.node && !getPair(slot.map, 'Default')) {
      changes.push({ fields: [label], value: [value], edits: insertIntoMap(chunkText, slot.map, { Default: value }), inserted: true });
      written.push(shown);
      continue;
    }
    const e = writeSlot(chunkText, slot, value);
    if (e === undefined && key === spec.keys.desired && target.kind === 'AutoScalingGroup' && options.absentDesired === 'skip') {
      notes.push(`${label} is not set, so it is not written (the group starts at ${target.fields.min})`);
      continue;
    }
    if (e === undefined) {
      missing[key] = value;
      missingLabels.push(label);
    } else changes.push({ fields: [label], value: [value], edits: e, inserted: e.some((x) => x.end <= x.start) });
    written.push(shown);
  }
  if (Object.keys(missing).length) {
    // One insertion for all absent fields, next to their siblings, so their order is the one above.
    const keys = mapPairs(holder).map((p) => String((p.key as Scalar | null)?.value ?? ''));
    const after = [spec.keys.min, spec.keys.desired, 'scaleTargetRef'].find((k) => k && keys.includes(k) && !(k in missing));
    const inserted = insertIntoMap(chunkText, holder, missing, after ? { after } : {});
    if (inserted.length === 0) return { error: `${describe(target)}: could not find where to insert ${missingLabels.join(', ')}.` };
    changes.push({ fields: missingLabels, value: Object.values(missing), edits: inserted, inserted: true });
  }

  const out = changes.flatMap((c) => c.edits);
  const result = applyEdits(chunkText, out);
  const check = verify(result, target, values, !!notes.length);
  if (check) return { error: `The edit was not applied: ${check}` };
  if (spec.noDesired) notes.push(spec.noDesired);
  const shift = (e: TextEdit) => ({ start: e.start + doc.documentStart, end: e.end + doc.documentStart, newText: e.newText });
  return {
    edits: out.map(shift).sort((a, b) => a.start - b.start),
    summary: `${describe(target)}: ${written.join(', ')}${notes.length ? ` (${notes.join('; ')})` : ''}.`,
    changes: changes.map((c) => ({ ...c, edits: c.edits.map(shift) })),
  };
}

/** Parses the edited document again and reads the values back. */
function verify(text: string, before: CapacityTarget, values: ReplicaValues, skippedDesired = false): string | undefined {
  const chunk = parseChunk(text);
  if (chunk.syntax.length) return `the result would not parse (${chunk.syntax[0].message})`;
  const r = chunk.resources.find((x) => kindOf(x) === before.kind && x.name === before.name);
  if (!r) return `${describe(before)} is not found in the result`;
  const t = targetOf(r, 0, 0);
  if (!t) return `${describe(before)} is not found in the result`;
  if (t.current.min !== values.min) return `${before.fields.min} reads ${String(t.current.min)}, not ${values.min}`;
  if (t.current.max !== values.max) return `${before.fields.max} reads ${String(t.current.max)}, not ${values.max}`;
  if (before.fields.desired && !skippedDesired && t.current.desired !== values.desired) return `${before.fields.desired} reads ${String(t.current.desired)}, not ${values.desired}`;
  return undefined;
}

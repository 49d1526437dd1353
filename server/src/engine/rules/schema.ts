/**
 * `schema`: every recognised resource against its JSON Schema (schemas/, see schemas/README.md):
 * wrong types, missing required fields, unknown fields with the nearest valid name.
 *
 * Kubernetes: the whole manifest, keyed `"<apiVersion> <kind>"` in schemas/index.json; the old HPA and
 * PDB apiVersions reuse the current schema (schema/registry.ts). CloudFormation: the resource map —
 * its attributes (`Type`, `DependsOn`, …) and its `Properties` against the Type's schema.
 * Kinds without a schema (ConfigMap, CRDs, apps/v1beta1 …) get no findings.
 */
import { isMap, isScalar, type Document, type Node } from 'yaml';
import { defineRule, type DocumentContext } from './rule';
import type { Resource } from '../parse/document';
import { get, getPair, isIntrinsic, keyText, mapPairs, str } from '../parse/values';
import { AnchorIndex, DEFAULT_MAX_DEPTH, DEFAULT_MAX_NODES, toInstance, type ParamResolver, type Skipped } from '../schema/instance';
import { cloudFormationSchema, kubernetesSchema, schemasAvailable } from '../schema/registry';
import { problemsOf } from '../schema/problems';
import { KINDS_READ, isKindRead } from '../parse/kinds';
import { nameDistance } from '../schema/nearest';
import { replaceNode } from '../fix';
import type { Fix } from '../types';

export { schemasAvailable } from '../schema/registry';

/** The parsed document a resource's node belongs to (a chunk normally holds one). */
function documentOf(r: Resource): Document.Parsed | undefined {
  const docs = r.chunk.docs;
  if (docs.length <= 1) return docs[0];
  const at = r.node.range?.[0] ?? 0;
  return docs.find((d) => {
    const range = (d.contents as Node | null)?.range;
    return range ? range[0] <= at && at <= range[2] : false;
  });
}

const anchorIndexes = new WeakMap<object, AnchorIndex>();

function anchorsOf(doc: Document.Parsed | undefined): AnchorIndex | undefined {
  if (!doc) return undefined;
  let index = anchorIndexes.get(doc);
  if (!index) {
    index = new AnchorIndex(doc);
    anchorIndexes.set(doc, index);
  }
  return index;
}

/** Parameter types whose `!Ref` is simply the Default: a string, a number, or a comma-separated list. */
function paramValue(type: string, def: Node): unknown {
  if (!isScalar(def) || isIntrinsic(def)) return undefined;
  const v = def.value;
  if (typeof v !== 'string' && typeof v !== 'number' && typeof v !== 'boolean') return undefined;
  if (type.startsWith('AWS::SSM::')) return undefined; // the Default names an SSM parameter, not the value
  if (type === 'CommaDelimitedList' || /^List<.+>$/.test(type)) return String(v).split(',');
  if (type === 'String' || type === 'Number' || /^AWS::[\w:]+$/.test(type)) return v;
  return undefined;
}

/** `!Ref Param` → the Parameter's Default, for the template that holds `doc`. */
function paramResolver(doc: Document.Parsed | undefined): ParamResolver {
  const params = new Map<string, { value: unknown; node: Node }>();
  for (const pair of mapPairs(get(doc?.contents, 'Parameters'))) {
    const name = keyText(pair);
    const def = get(pair.value, 'Default');
    const type = str(get(pair.value, 'Type')) ?? 'String';
    if (name === undefined || !def) continue;
    const value = paramValue(type, def);
    if (value !== undefined) params.set(name, { value, node: def });
  }
  return (name) => params.get(name);
}

function label(r: Resource): string {
  if (r.family === 'cloudformation') return `Resource \`${r.name}\``;
  return r.name ? `${r.kind} \`${r.name}\`` : r.kind;
}

const SKIPPED: Record<Skipped, string> = {
  size: `with its aliases expanded it holds more than ${String(DEFAULT_MAX_NODES).replace(/\B(?=(\d{3})+$)/g, ',')} values (an alias bomb?)`,
  depth: `it is nested more than ${DEFAULT_MAX_DEPTH} levels deep`,
  cycle: 'an alias refers to a node that contains it',
};

/** Root keys a misspelled `apiVersion` may have become (`piVersion`, `apiversion`, `apiVerison`). */
function apiVersionLookalike(r: Resource) {
  let best: { pair: (typeof r.node.items)[number]; d: number } | undefined;
  for (const pair of mapPairs(r.node)) {
    const k = keyText(pair);
    if (k === undefined || k === 'apiVersion' || k === 'kind') continue;
    const d = nameDistance(k, 'apiVersion');
    if (d <= 2 && (!best || d < best.d)) best = { pair, d };
  }
  return best?.pair;
}

/**
 * A manifest of a kind ScaleLint reads whose apiVersion is missing, or names no group/version that serves the
 * kind (`app/v1`): the API server rejects it ("no matches for kind"), and no schema checks it. Returns
 * whether it reported. A far-off apiVersion (`serving.knative.dev/v1` Service, `apps.kruise.io` StatefulSet)
 * is another API's kind of the same name, not a typo: not judged.
 */
function checkApiVersion(ctx: DocumentContext, r: Resource): boolean {
  if (r.family !== 'kubernetes' || !isKindRead(r.kind)) return false;
  const versions = KINDS_READ[r.kind];
  const preferred = versions.current[0];
  const written = getPair(r.node, 'apiVersion');
  if (r.apiVersion === undefined) {
    const lookalike = written ? undefined : apiVersionLookalike(r);
    if (lookalike) {
      const key = keyText(lookalike)!;
      const keyNode = lookalike.key as Node;
      ctx.report({
        resource: r,
        at: keyNode,
        message: `\`${key}\` is not a field of a manifest: did you mean \`apiVersion\`? Without an apiVersion the API server rejects this ${r.kind}, and ScaleLint checked nothing in it against a schema.`,
        fixes: [{ title: 'Rename to apiVersion', edits: replaceNode(keyNode, 'apiVersion'), safe: true, preferred: true }],
      });
      return true;
    }
    const kindPair = getPair(r.node, 'kind');
    const fixes: Fix[] = [];
    const keyStart = (kindPair?.key as Node | undefined)?.range?.[0];
    if (!written && keyStart !== undefined) {
      const lineStart = ctx.text.lastIndexOf('\n', keyStart - 1) + 1;
      const indent = ctx.text.slice(lineStart, keyStart);
      // Block style only (the key starts its line): insert the line above `kind:`, at its indentation.
      if (/^[ \t]*$/.test(indent)) fixes.push({ title: `Add apiVersion: ${preferred}`, edits: [{ start: lineStart, end: lineStart, newText: `${indent}apiVersion: ${preferred}${ctx.text.includes('\r\n') ? '\r\n' : '\n'}` }], safe: false });
    }
    ctx.report({
      resource: r,
      at: written ? ((written.value as Node | null) ?? (written.key as Node)) : r.anchor,
      message: written
        ? `${label(r)}: apiVersion has no value. The API server rejects it, and ScaleLint checked nothing in it against a schema. Write \`apiVersion: ${preferred}\`.`
        : `${label(r)} has no apiVersion: the API server rejects it, and ScaleLint checked nothing in it against a schema. Add \`apiVersion: ${preferred}\`.`,
      fixes,
    });
    return true;
  }
  const v = r.apiVersion;
  if (versions.current.includes(v) || versions.retired.includes(v)) return false;
  let best: { name: string; d: number } | undefined;
  for (const name of [...versions.current, ...versions.retired]) {
    const d = nameDistance(v, name);
    if (!best || d < best.d) best = { name, d };
  }
  // A typo is a few edits away; anything further is another API's kind of the same name.
  if (!best || best.d > 3) return false;
  const suggestion = versions.current.includes(best.name) ? best.name : preferred;
  const node = written?.value as Node | null | undefined;
  ctx.report({
    resource: r,
    at: node ?? r.anchor,
    message: `apiVersion \`${v}\` serves no ${r.kind}: the API server answers "no matches for kind", and ScaleLint checked nothing in ${label(r)} against a schema. Did you mean \`${suggestion}\`?`,
    fixes: node ? [{ title: `Change to ${suggestion}`, edits: replaceNode(node, suggestion), safe: true, preferred: true }] : [],
  });
  return true;
}

function check(ctx: DocumentContext, r: Resource, params: (doc: Document.Parsed | undefined) => ParamResolver): void {
  if (checkApiVersion(ctx, r)) return;
  const doc = documentOf(r);
  const cfn = r.family === 'cloudformation';
  const schema = cfn ? cloudFormationSchema(r.kind) : kubernetesSchema(r.apiVersion ?? '', r.kind);
  if (!schema || !isMap(r.node)) return;
  const converted = toInstance(r.node, { cloudformation: cfn, yaml11Booleans: !cfn, params: cfn ? params(doc) : undefined, anchors: r.chunk.text.includes('*') ? anchorsOf(doc) : undefined }); // no `*`, no alias to resolve
  if ('skipped' in converted) {
    // Alias bomb, alias cycle, absurd nesting: nothing sensible to validate, but say so.
    ctx.report({ resource: r, at: r.anchor, severity: 'warning', message: `${label(r)} was not checked against its schema: ${SKIPPED[converted.skipped]}.` });
    return;
  }
  const instance = converted.instance;
  if (schema.validate(instance.value)) return;
  const problems = problemsOf(schema.validate.errors ?? [], {
    family: r.family,
    kind: r.kind,
    label: label(r),
    anchor: r.anchor,
    instance,
    text: ctx.text,
  });
  for (const p of problems) {
    ctx.report({ resource: r, at: [p.start, p.end], message: p.message, severity: p.severity, fixes: p.fixes });
  }
}

export default defineRule({
  id: 'schema',
  defaultSeverity: 'error',
  fixable: true,
  docs: {
    appliesTo:
      'every recognised kind: HorizontalPodAutoscaler (autoscaling/v2, v1, v2beta2, v2beta1), Deployment, StatefulSet, Service, PodDisruptionBudget (policy/v1, v1beta1), KEDA ScaledObject, VerticalPodAutoscaler (autoscaling.k8s.io/v1); CloudFormation AutoScalingGroup, ScalingPolicy, CloudWatch Alarm, TargetGroup',
    summary: 'A field has the wrong type, a required field is missing, or a field is unknown (a typo: the nearest valid name is offered).',
    rationale:
      'Every other rule reasons about the fields it can read; a field the platform cannot read is worse than a wrong value, because nothing fails loudly. A misspelled `minReplica: 3` or `scaleDown` under the wrong parent is not an error to the Kubernetes API server by default: clients that do not ask for strict field validation (older kubectl, `--validate=false`, many controllers and deployment tools) get the field silently dropped, with at most a warning header, so the HPA ships with the defaults — one replica at night, no stabilization you reviewed. kubectl 1.27+ validates strictly and rejects the manifest, which at least fails at apply time rather than in production, but only this early check points at the line and the intended name. CloudFormation rejects unknown or mistyped properties only when the stack update runs, after the change set was reviewed, and rolls the update back. A quoted number (`minReplicas: "2"`) or a misspelled `selectPolicy` is a rejected apply in the middle of a rollout. Values written as CloudFormation intrinsics (`!Ref`, `!If`, `Fn::…`) are unknown until deploy time and are not judged, except a `!Ref` to a Parameter whose Default is a plain value. A manifest of a kind ScaleLint reads (HorizontalPodAutoscaler, Deployment, StatefulSet, Service, PodDisruptionBudget, ScaledObject, VerticalPodAutoscaler) whose `apiVersion` is missing, misspelled as a key (`piVersion:`) or names no group that serves the kind (`app/v1`) is reported too, with the nearest valid name: the API server rejects it (“no matches for kind”), and no schema could check it. An apiVersion far from every known one (Knative’s `serving.knative.dev/v1` Service, OpenKruise’s `apps.kruise.io` StatefulSet) is another API’s kind of the same name, and is left alone. The built-in kinds are checked against the Kubernetes 1.35 OpenAPI; a VerticalPodAutoscaler against the `v1` schema of the upstream CustomResourceDefinition (kubernetes/autoscaler, `vertical-pod-autoscaler/deploy/vpa-v1-crd-gen.yaml`), as the API server validates and prunes a custom resource: a field the CRD does not list is unknown, a quantity (`minAllowed.cpu`) is a whole number or a string such as `500m` (a fraction like `0.5` is rejected: quote it), and `updateMode` and container `mode` take only the CRD’s values. The CRD’s CEL rules (startupBoost’s `factor`/`quantity` by `type`) are left to the API server.',
    remediation:
      'Rename the unknown field to the suggested name (quick fix), write the value with the type the message names (an unquoted number, one of the listed values), and add the missing required fields. Legacy apiVersions are checked against the current shape; convert them (see deprecated-api).',
    bad: 'apiVersion: autoscaling/v2\nkind: HorizontalPodAutoscaler\nmetadata:\n  name: web\nspec:\n  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: web}\n  minReplica: 2\n  maxReplicas: "10"',
    good: 'apiVersion: autoscaling/v2\nkind: HorizontalPodAutoscaler\nmetadata:\n  name: web\nspec:\n  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: web}\n  minReplicas: 2\n  maxReplicas: 10',
  },
  checkDocument(ctx: DocumentContext) {
    if (!schemasAvailable()) return; // no loader configured: nothing to validate against
    const resolvers = new WeakMap<object, ParamResolver>();
    const params = (doc: Document.Parsed | undefined): ParamResolver => {
      if (!doc) return () => undefined;
      let p = resolvers.get(doc);
      if (!p) {
        p = paramResolver(doc);
        resolvers.set(doc, p);
      }
      return p;
    };
    for (const r of ctx.resources) check(ctx, r, params);
  },
});

/**
 * Which resource a path is in, and the path relative to that resource, for the schema to be walked.
 * From the text (a document that does not parse) or from the parsed resources.
 */
import type { Node } from 'yaml';
import type { Resource } from '../parse/document';
import { schemaSourceFor } from '../schema/registry';
import type { Json } from '../schema/walk';
import { scalarsOfBlock, shapeOf, splitLines, type Segment, type TextPath } from './yaml-path';

export interface Place {
  family: 'kubernetes' | 'cloudformation';
  apiVersion?: string;
  /** Kubernetes kind or CloudFormation Type; undefined while not written yet. */
  kind?: string;
  /** Path below the resource's mapping (for CloudFormation: below `Resources.<id>`). */
  path: Segment[];
  /** The schema of the resource, when there is one. */
  schema?: Json;
}

/** Kubernetes kinds built into the API server (a YAML extension with the Kubernetes schema knows them). */
export const BUILT_IN_KINDS = new Set(['HorizontalPodAutoscaler', 'Deployment', 'StatefulSet', 'Service', 'PodDisruptionBudget']);

function withSchema(place: Place): Place {
  if (place.kind) place.schema = schemaSourceFor(place.family, place.apiVersion, place.kind);
  return place;
}

/** The first line after `line` more indented than `col`: where a block's children start. */
function childrenOf(text: string, line: number, col: number): { line: number; col: number } | undefined {
  const lines = splitLines(text);
  for (let i = line + 1; i < lines.length; i++) {
    const shape = shapeOf(lines[i].text);
    if (shape.blank) continue;
    const first = shape.dashes.length ? shape.dashes[0] : shape.indent;
    return first > col ? { line: i, col: shape.dashes.length ? shape.contentStart : shape.indent } : undefined;
  }
  return undefined;
}

/** The place of a text path (`parent` of `textPathAt`), `text` being the YAML document. */
export function placeOfText(text: string, tp: Pick<TextPath, 'parent' | 'entries'>): Place | undefined {
  const root = scalarsOfBlock(text, 0, 0);
  const parent = tp.parent;
  const apiVersion = root.get('apiVersion');
  const kind = root.get('kind');
  if (kind && /List$/.test(kind) && parent[0] === 'items' && typeof parent[1] === 'number') {
    const item = tp.entries[1];
    const lines = splitLines(text);
    const scalars = scalarsOfBlock(text, item.line, shapeOf(lines[item.line]?.text ?? '').contentStart);
    return withSchema({ family: 'kubernetes', apiVersion: scalars.get('apiVersion'), kind: scalars.get('kind'), path: parent.slice(2) });
  }
  if (kind !== undefined || apiVersion !== undefined) return withSchema({ family: 'kubernetes', apiVersion, kind, path: [...parent] });
  if (/^Resources[ \t]*:[ \t]*(#.*)?$/m.test(text)) {
    if (parent[0] !== 'Resources' || parent.length < 2 || typeof parent[1] !== 'string') return undefined;
    const entry = tp.entries[1];
    const children = childrenOf(text, entry.line, entry.col);
    const type = children ? scalarsOfBlock(text, children.line, children.col).get('Type') : undefined;
    return withSchema({ family: 'cloudformation', kind: type, path: parent.slice(2) });
  }
  // Nothing recognisable yet: a Kubernetes document being started.
  return { family: 'kubernetes', path: [...parent] };
}

/** The resource a parsed path runs through (its innermost), and the path relative to it. */
export function placeOfNodes(resources: readonly Resource[], path: Segment[], nodes: readonly Node[]): { resource: Resource; place: Place } | undefined {
  for (let k = nodes.length - 1; k >= 0; k--) {
    const resource = resources.find((r) => r.node === nodes[k]);
    if (!resource) continue;
    const place = withSchema({ family: resource.family, apiVersion: resource.apiVersion, kind: resource.kind, path: path.slice(k) });
    return { resource, place };
  }
  return undefined;
}

export function isBuiltInKubernetes(place: Place): boolean {
  return place.family === 'kubernetes' && place.kind !== undefined && BUILT_IN_KINDS.has(place.kind);
}

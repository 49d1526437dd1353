/**
 * Which autoscaler of a manifest `scalelint simulate MANIFEST` runs: the file's HPAs and KEDA
 * ScaledObjects, picked by `--doc N` and `--name NAME`; every refusal lists the choices.
 */
import type { Document } from 'yaml';
import { isAutoscaler, LineIndex, parseChunk, splitDocuments, type Resource } from '../engine';
import { InputError, positionOf, readInput } from './input';

export interface Candidate {
  resource: Resource;
  doc: Document.Parsed;
  /** 1-based number of the YAML document in the file (non-empty documents only). */
  document: number;
  line: number;
  label: string;
}

export interface ManifestDocuments {
  count: number;
  /** Kinds in each document, for messages. */
  kinds: Map<number, string[]>;
  candidates: Candidate[];
  syntax: Map<number, string>;
  template: boolean;
}

function documentOf(r: Resource): Document.Parsed | undefined {
  const docs = r.chunk.docs;
  if (docs.length <= 1) return docs[0];
  const at = r.node.range?.[0] ?? 0;
  return docs.find((d) => {
    const range = d.contents?.range;
    return range ? range[0] <= at && at <= range[2] : false;
  });
}

function labelOf(r: Resource): string {
  return `${r.kind} ${r.namespace ? `${r.namespace}/` : ''}${r.name || '(no name)'}`;
}

/** Every non-empty YAML document of the file, with its kinds, syntax errors and autoscalers. */
export function readManifest(path: string): ManifestDocuments {
  const text = readInput(path);
  const lines = new LineIndex(text);
  const out: ManifestDocuments = { count: 0, kinds: new Map(), candidates: [], syntax: new Map(), template: false };
  for (const chunk of splitDocuments(text)) {
    const parsed = parseChunk(chunk.text);
    if (parsed.template) out.template = true;
    const numbers = new Map<Document.Parsed, number>();
    for (const doc of parsed.docs) {
      if (doc.contents === null) continue;
      out.count++;
      numbers.set(doc, out.count);
      // The engine's yaml-syntax findings (parser errors and duplicate keys) for this YAML document.
      const error = parsed.syntax[0];
      if (error) out.syntax.set(out.count, `${error.message} (${positionOf(text, chunk.start + error.start)})`);
    }
    for (const r of parsed.resources) {
      const doc = documentOf(r);
      const document = doc ? numbers.get(doc) : undefined;
      if (!doc || document === undefined) continue;
      out.kinds.set(document, [...(out.kinds.get(document) ?? []), labelOf(r)]);
      if (isAutoscaler(r)) {
        out.candidates.push({ resource: r, doc, document, line: lines.position(chunk.start + r.anchor[0]).line + 1, label: labelOf(r) });
      }
    }
  }
  return out;
}

function choices(list: Candidate[]): string {
  return list.map((c) => `  --doc ${c.document}  ${c.label} (line ${c.line})`).join('\n');
}

/** The one autoscaler `--doc` and `--name` leave, or an InputError listing the choices. */
export function choose(path: string, m: ManifestDocuments, doc: number | undefined, name: string | undefined): Candidate {
  if (m.candidates.length === 0) {
    const found = [...m.kinds.values()].flat();
    const why = m.template
      ? ' (it looks like a Helm template: render it first, e.g. helm template …)'
      : found.length
        ? `; it holds ${found.join(', ')}${found.some((k) => k.startsWith('AWS::')) ? ' (Auto Scaling Groups are not simulated: the simulator models the Kubernetes HPA controller)' : ''}`
        : '';
    throw new InputError(`${path} holds no HorizontalPodAutoscaler or KEDA ScaledObject${why}`);
  }
  let list = m.candidates;
  if (doc !== undefined) {
    if (doc > m.count) throw new InputError(`${path} has ${m.count} YAML document${m.count === 1 ? '' : 's'}; there is no document ${doc}. Autoscalers:\n${choices(m.candidates)}`);
    list = list.filter((c) => c.document === doc);
    if (list.length === 0) {
      const what = m.syntax.get(doc) ? `has a YAML error: ${m.syntax.get(doc)}` : m.kinds.get(doc) ? `holds ${m.kinds.get(doc)!.join(', ')}` : 'holds no Kubernetes object';
      throw new InputError(`document ${doc} of ${path} ${what}, not an autoscaler. Autoscalers:\n${choices(m.candidates)}`);
    }
  }
  if (name !== undefined) {
    const named = list.filter((c) => c.resource.name === name);
    if (named.length === 0) throw new InputError(`no autoscaler named ${JSON.stringify(name)} in ${doc !== undefined ? `document ${doc} of ` : ''}${path}. Autoscalers:\n${choices(list)}`);
    list = named;
  }
  if (list.length > 1) {
    const sameDoc = list.every((c) => c.document === list[0]!.document);
    const how = sameDoc ? 'choose one with --name NAME' : 'choose one with --doc N (or --name NAME)';
    throw new InputError(`${path} holds ${list.length} autoscalers; ${how}:\n${list.map((c) => `  --doc ${c.document}  --name ${c.resource.name}  ${c.label} (line ${c.line})`).join('\n')}`);
  }
  const chosen = list[0]!;
  const syntax = m.syntax.get(chosen.document);
  if (syntax) throw new InputError(`${path}: document ${chosen.document} has a YAML error: ${syntax}`);
  return chosen;
}

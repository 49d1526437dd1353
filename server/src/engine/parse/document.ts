/** Parses one YAML document (a chunk of the file) and recognises the resources it holds. */
import { parseAllDocuments, isMap, isScalar, type Document, type Node, type YAMLMap } from 'yaml';
import type { Finding } from '../types';
import { get, getPair, mapPairs, keyText, seqItems, str, refName, isIntrinsic, keyRange, type Resolver } from './values';
import { scanSuppressions, type Suppressions } from '../suppress';

export type Family = 'kubernetes' | 'cloudformation';

export interface Resource {
  family: Family;
  /** Kubernetes `kind`, or the CloudFormation `Type` (e.g. `AWS::AutoScaling::AutoScalingGroup`). */
  kind: string;
  /** Kubernetes `apiVersion`; undefined for CloudFormation. */
  apiVersion?: string;
  /** `metadata.name`, or the CloudFormation logical id. */
  name: string;
  /** `metadata.namespace` as written (undefined when absent). */
  namespace?: string;
  /** Kubernetes: the object's mapping. CloudFormation: the resource's mapping (Type, Properties, …). */
  node: YAMLMap<Node, Node | null>;
  /** CloudFormation: the `Properties` mapping, when present. */
  properties?: YAMLMap<Node, Node | null>;
  /** Where to point when the finding is about the resource as a whole: `kind:` value or the logical id. */
  anchor: [number, number];
  /** Resolves `!Ref` to a template Parameter's Default (CloudFormation); identity otherwise. */
  resolve: Resolver;
  /** Owning document. */
  chunk: ParsedChunk;
}

export interface ParsedChunk {
  text: string;
  docs: Document.Parsed[];
  resources: Resource[];
  /** yaml-syntax findings (offsets relative to the chunk). */
  syntax: Finding[];
  /** First Helm/Go template directive found, if the chunk is a template rather than YAML. */
  template?: [number, number];
  suppressions: Suppressions;
  /** Parse failed outright (e.g. nesting too deep): no YAML nodes are available. */
  failed?: boolean;
}

/** Template directives of Helm / Go templates that plain YAML never contains outside strings. */
const TEMPLATE_DIRECTIVE = /\{\{-?\s*(?:\.Values|\.Release|\.Chart|\.Capabilities|\.Files|\.Template|\$\.|\/\*|(?:include|template|toYaml|tpl|if|else|end|range|with|define|printf|quote|default|required|nindent|indent)\b)/;

const noResolve: Resolver = () => undefined;

function syntaxFinding(message: string, start: number, end: number): Finding {
  return { ruleId: 'yaml-syntax', severity: 'error', message, start, end: Math.max(end, start + 1) };
}

function cleanMessage(message: string): string {
  // yaml appends " at line L, column C:" and a source excerpt; the diagnostic's range says where.
  return message.replace(/ at line \d+, column \d+:?[\s\S]*$/, '').trim();
}

export function parseChunk(text: string): ParsedChunk {
  const chunk: ParsedChunk = { text, docs: [], resources: [], syntax: [], suppressions: scanSuppressions(text) };
  const tmpl = TEMPLATE_DIRECTIVE.exec(text);
  let docs: Document.Parsed[];
  try {
    docs = parseAllDocuments(text, { uniqueKeys: true, prettyErrors: false, keepSourceTokens: false }) as Document.Parsed[];
    if (!Array.isArray(docs)) docs = [docs as unknown as Document.Parsed];
  } catch (err) {
    // The parser is recursive: pathological nesting overflows the stack. Report it, keep going.
    const why = err instanceof RangeError ? 'the document is nested too deeply to parse' : `the parser failed: ${String((err as Error)?.message ?? err)}`;
    chunk.failed = true;
    if (tmpl) chunk.template = [tmpl.index, tmpl.index + tmpl[0].length];
    else chunk.syntax.push(syntaxFinding(`YAML could not be read: ${why}.`, 0, Math.min(text.length, text.indexOf('\n') >= 0 ? text.indexOf('\n') : text.length)));
    return chunk;
  }
  chunk.docs = docs;
  const hasErrors = docs.some((d) => d.errors.length > 0);
  if (tmpl || (hasErrors && text.includes('{{'))) {
    const at = tmpl ? tmpl.index : text.indexOf('{{');
    chunk.template = [at, at + (tmpl ? tmpl[0].length : 2)];
    return chunk; // a template is not YAML: no syntax cascade, no rules
  }
  for (const doc of docs) {
    for (const e of doc.errors) {
      const [s, t0] = e.pos ?? [0, 1];
      // yaml marks one character; underline the whole token (a key, a scalar) for the editor.
      let t = t0;
      if (t - s <= 1) {
        const token = /^[^\s:,\[\]{}#]+/.exec(text.slice(s, s + 200));
        if (token) t = s + token[0].length;
      }
      const msg =
        e.code === 'DUPLICATE_KEY'
          ? `Duplicate key \`${text.slice(s, t)}\`: a mapping key may appear only once (most tools silently keep the last value).`
          : cleanMessage(e.message);
      chunk.syntax.push(syntaxFinding(msg, s, t));
    }
    if (doc.contents) recognise(doc.contents as Node, chunk);
  }
  return chunk;
}

/**
 * A parsed chunk from parts parsed elsewhere (a worker thread: parse/transfer.ts): its documents'
 * contents and what parsing found. The resources are recognised here, as `parseChunk` does.
 */
export function chunkFromParts(
  text: string,
  contents: (Node | null)[],
  parts: { syntax: Finding[]; template?: [number, number]; failed?: boolean },
): ParsedChunk {
  const chunk: ParsedChunk = { text, docs: [], resources: [], syntax: parts.syntax, suppressions: scanSuppressions(text) };
  if (parts.template) chunk.template = parts.template;
  if (parts.failed) chunk.failed = true;
  // Only `contents` of a document is read outside parseChunk (errors became `syntax` already).
  chunk.docs = contents.map((c) => ({ contents: c, errors: [], warnings: [] }) as unknown as Document.Parsed);
  if (!parts.template && !parts.failed) for (const c of contents) if (c) recognise(c, chunk);
  return chunk;
}

function recognise(root: Node, chunk: ParsedChunk): void {
  if (!isMap(root)) return;
  const map = root as YAMLMap<Node, Node | null>;
  const kind = str(get(map, 'kind'));
  const apiVersion = str(get(map, 'apiVersion'));
  if (kind !== undefined && apiVersion !== undefined) {
    if (/List$/.test(kind) && getPair(map, 'items')) {
      for (const item of seqItems(get(map, 'items'))) recognise(item, chunk);
      return;
    }
    chunk.resources.push(kubernetesResource(map, kind, apiVersion, chunk));
    return;
  }
  const resources = get(map, 'Resources');
  if (isMap(resources)) recogniseCloudFormation(map, resources as YAMLMap<Node, Node | null>, chunk);
}

function kubernetesResource(map: YAMLMap<Node, Node | null>, kind: string, apiVersion: string, chunk: ParsedChunk): Resource {
  const kindPair = getPair(map, 'kind');
  const anchor = (kindPair && isScalar(kindPair.value) && kindPair.value.range ? [kindPair.value.range[0], kindPair.value.range[1]] : keyRange(kindPair)) as [number, number];
  return {
    family: 'kubernetes',
    kind,
    apiVersion,
    name: str(get(map, 'metadata', 'name')) ?? '',
    namespace: str(get(map, 'metadata', 'namespace')),
    node: map,
    anchor: anchor ?? [0, 0],
    resolve: noResolve,
    chunk,
  };
}

function recogniseCloudFormation(template: YAMLMap<Node, Node | null>, resources: YAMLMap<Node, Node | null>, chunk: ParsedChunk): void {
  const defaults = new Map<string, Node>();
  for (const pair of mapPairs(get(template, 'Parameters'))) {
    const name = keyText(pair);
    const def = getPair(pair.value, 'Default');
    if (name !== undefined && def?.value) defaults.set(name, def.value);
  }
  const resolve: Resolver = (node) => {
    const ref = refName(node);
    const value = ref !== undefined ? defaults.get(ref) : undefined;
    return value && !isIntrinsic(value) ? value : undefined;
  };
  for (const pair of mapPairs(resources)) {
    const logicalId = keyText(pair);
    const type = str(get(pair.value, 'Type'));
    if (logicalId === undefined || type === undefined || !type.startsWith('AWS::') || !isMap(pair.value)) continue;
    const props = get(pair.value, 'Properties');
    chunk.resources.push({
      family: 'cloudformation',
      kind: type,
      name: logicalId,
      node: pair.value as YAMLMap<Node, Node | null>,
      properties: isMap(props) ? (props as YAMLMap<Node, Node | null>) : undefined,
      anchor: keyRange(pair) ?? [0, 0],
      resolve,
      chunk,
    });
  }
}

/** Parses one YAML document (a chunk of the file) and recognises the resources it holds. */
import { parseAllDocuments, isMap, isPair, isScalar, isSeq, type Document, type Node, type YAMLMap } from 'yaml';
import type { Finding } from '../types';
import { get, getPair, mapPairs, keyText, seqItems, str, refName, isIntrinsic, keyRange, type Resolver } from './values';
import { scanSuppressions, type Suppressions } from '../suppress';
import { fastParse } from './fast';
import { isKindRead } from './kinds';
import { blankLines, isCloudFormationText, joinQuotedContinuations } from './cfn-text';

export type Family = 'kubernetes' | 'cloudformation';

export interface Resource {
  family: Family;
  /** Kubernetes `kind`, or the CloudFormation `Type` (e.g. `AWS::AutoScaling::AutoScalingGroup`). */
  kind: string;
  /** Kubernetes `apiVersion`; undefined for CloudFormation, and for a manifest of a kind ScaleLint reads that has none (the `schema` rule reports it). */
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
  /** Parsed by the fast path (parse/fast.ts): parsing it again costs less than rebuilding it from plain data. */
  fast?: true;
  /** CloudFormation: the lines read as blank to recover from syntax errors (parse/cfn-text.ts); resources on them are dropped. */
  blanked?: [number, number][];
  /** Changes whenever the cross-document findings about this document change (set by the Linter, read as a cache key). */
  crossStamp?: number;
}

/** Template directives of Helm / Go templates that plain YAML never contains outside strings. */
const TEMPLATE_DIRECTIVE = /\{\{-?\s*(?:\.Values|\.Release|\.Chart|\.Capabilities|\.Files|\.Template|\$\.|\/\*|(?:include|template|toYaml|tpl|if|else|end|range|with|define|printf|quote|default|required|nindent|indent)\b)/;

const noResolve: Resolver = () => undefined;

function syntaxFinding(message: string, start: number, end: number, length: number): Finding {
  // An error at the end of the text (an unclosed quote) points at its last character, never past it.
  const s = Math.max(0, Math.min(start, length - 1));
  return { ruleId: 'yaml-syntax', severity: 'error', message, start: s, end: Math.min(Math.max(end, s + 1), length) };
}

function duplicateKeyFinding(text: string, s: number, t: number): Finding {
  return syntaxFinding(`Duplicate key \`${text.slice(s, t)}\`: a mapping key may appear only once (most tools silently keep the last value).`, s, t, text.length);
}

function cleanMessage(message: string): string {
  // yaml appends " at line L, column C:" and a source excerpt; the diagnostic's range says where.
  return message.replace(/ at line \d+, column \d+:?[\s\S]*$/, '').trim();
}

export function parseChunk(text: string): ParsedChunk {
  const chunk: ParsedChunk = { text, docs: [], resources: [], syntax: [], suppressions: scanSuppressions(text) };
  const nul = text.indexOf('\0');
  if (nul >= 0) {
    // NUL never occurs in YAML (nor in any text file): one finding instead of a cascade of syntax errors.
    chunk.failed = true;
    chunk.syntax.push(syntaxFinding('This file is binary (or UTF-16 text), not YAML: it holds a NUL character here. Nothing in it was checked.', nul, nul + 1, text.length));
    return chunk;
  }
  const tmpl = TEMPLATE_DIRECTIVE.exec(text);
  // Plain block YAML (most of a rendered manifest) takes the fast path: the same nodes, several times sooner.
  const fast = tmpl ? undefined : fastParse(text);
  if (fast) {
    chunk.fast = true;
    chunk.docs = [{ contents: fast, errors: [], warnings: [] } as unknown as Document.Parsed];
    for (const [s, t] of duplicateKeys(fast)) chunk.syntax.push(duplicateKeyFinding(text, s, t));
    recognise(fast, chunk);
    checkPrintable(text, chunk);
    return chunk;
  }
  let docs: Document.Parsed[];
  try {
    // Duplicate keys are found by duplicateKeys() below: the parser's own check compares every key with
    // every earlier one, quadratic in a mapping's size.
    docs = parseDocs(text);
  } catch (err) {
    // The parser is recursive: pathological nesting overflows the stack. Report it, keep going.
    const why = err instanceof RangeError ? 'the document is nested too deeply to parse' : `the parser failed: ${String((err as Error)?.message ?? err)}`;
    chunk.failed = true;
    if (tmpl) chunk.template = [tmpl.index, tmpl.index + tmpl[0].length];
    else chunk.syntax.push(syntaxFinding(`YAML could not be read: ${why}.`, 0, text.indexOf('\n') >= 0 ? text.indexOf('\n') : text.length, text.length));
    return chunk;
  }
  chunk.docs = docs;
  const hasErrors = docs.some((d) => d.errors.length > 0);
  if (tmpl || (hasErrors && text.includes('{{'))) {
    const at = tmpl ? tmpl.index : text.indexOf('{{');
    chunk.template = [at, at + (tmpl ? tmpl[0].length : 2)];
    return chunk; // a template is not YAML: no syntax cascade, no rules
  }
  // CloudFormation reads what `yaml` rejects (parse/cfn-text.ts), and a bad spot must not hide the rest.
  let recovered: { docs: Document.Parsed[]; blanked: [number, number][] } | undefined;
  if (hasErrors && isCloudFormationText(text)) {
    const joined = joinQuotedContinuations(text);
    const again = joined !== undefined ? readDocs(joined) : undefined;
    if (again && errorCount(again) < errorCount(docs)) chunk.docs = docs = again;
    if (errorCount(docs) > 0) recovered = recoverAround(joined !== undefined && docs === again ? joined : text, docs);
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
          : e.code === 'RESOURCE_EXHAUSTION'
            ? 'YAML could not be read: it is nested too deeply (the parser ran out of stack here). Nothing in this document was checked.'
            : cleanMessage(e.message);
      chunk.syntax.push(syntaxFinding(msg, s, t, text.length));
      if (e.code === 'RESOURCE_EXHAUSTION') chunk.failed = true; // a partial tree: rules would judge what is not there
    }
    for (const [s, t] of duplicateKeys(doc.contents)) chunk.syntax.push(duplicateKeyFinding(text, s, t));
    if (doc.contents && !recovered) recognise(doc.contents as Node, chunk);
  }
  if (recovered && !chunk.failed) {
    // The resources come from the reading without the bad lines, except those that held one (their
    // yaml-syntax error says why they were not checked).
    chunk.docs = recovered.docs;
    chunk.blanked = recovered.blanked;
    for (const doc of recovered.docs) if (doc.contents) recognise(doc.contents as Node, chunk);
    dropBlanked(chunk);
  }
  if (chunk.failed) chunk.resources = [];
  checkPrintable(text, chunk);
  return chunk;
}

/** parseAllDocuments as parseChunk calls it; undefined when the parser throws. */
function readDocs(text: string): Document.Parsed[] | undefined {
  try {
    return parseDocs(text);
  } catch {
    return undefined;
  }
}

/**
 * `yaml`'s parseAllDocuments without stack traces: each of its errors and warnings is an Error, and an
 * unresolved tag (every `!Ref` of a CloudFormation template) is a warning, so a template of thousands of
 * tags spent more time capturing stacks nobody reads than parsing. Only messages and positions are used.
 */
function parseDocs(text: string): Document.Parsed[] {
  // V8's knob (Node, the webview); elsewhere a plain property nobody reads.
  const errors = Error as { stackTraceLimit?: number };
  const limit = errors.stackTraceLimit;
  errors.stackTraceLimit = 0;
  try {
    const docs = parseAllDocuments(text, { uniqueKeys: false, prettyErrors: false, keepSourceTokens: false }) as Document.Parsed[];
    return Array.isArray(docs) ? docs : [docs as unknown as Document.Parsed];
  } finally {
    errors.stackTraceLimit = limit;
  }
}

function errorCount(docs: readonly Document.Parsed[]): number {
  let n = 0;
  for (const d of docs) n += d.errors.length;
  return n;
}

/**
 * A reading of `text` without the lines that hold syntax errors (blanked in a copy of the same length, a few
 * rounds, as yaml's recovery may report the next error further on), or undefined when none parses clean.
 */
function recoverAround(text: string, docs: readonly Document.Parsed[]): { docs: Document.Parsed[]; blanked: [number, number][] } | undefined {
  const ranges: [number, number][] = [];
  let current = docs;
  for (let round = 0; round < 4; round++) {
    for (const d of current) {
      for (const e of d.errors) {
        const [s, t] = [e.pos?.[0] ?? 0, e.pos?.[1] ?? 1];
        ranges.push([s, t]);
        // yaml often notices a bad spot on the next line (an unclosed `[`): the line above goes too.
        const lineStart = text.lastIndexOf('\n', s - 1) + 1;
        const above = /\S[^\n]*\n[\s]*$/.exec(text.slice(Math.max(0, lineStart - 2000), lineStart));
        if (above) ranges.push([lineStart - above[0].length, lineStart - above[0].length + 1]);
      }
    }
    const { text: blank, lines } = blankLines(text, ranges);
    const next = readDocs(blank);
    if (!next) return undefined;
    if (errorCount(next) === 0) return { docs: next, blanked: lines };
    current = next;
  }
  return undefined;
}

/**
 * Drops the resources that overlap a blanked line: what they held there was not read. A resource reaches
 * from its key to the next line indented no deeper than that key (a blanked line is blank, so the end of
 * the node as read would stop short of it).
 */
function dropBlanked(chunk: ParsedChunk): void {
  const blanked = chunk.blanked;
  if (!blanked?.length) return;
  const text = chunk.text;
  const extentEnd = (keyStart: number): number => {
    const column = keyStart - (text.lastIndexOf('\n', keyStart - 1) + 1);
    const next = new RegExp(`\\n {0,${column}}[^\\s#]`, 'g');
    next.lastIndex = keyStart;
    const m = next.exec(text);
    return m ? m.index + 1 : text.length;
  };
  chunk.resources = chunk.resources.filter((r) => {
    const from = Math.min(r.anchor[0], r.node.range?.[0] ?? r.anchor[0]);
    const to = Math.max(r.node.range?.[2] ?? r.anchor[1], extentEnd(r.anchor[0]));
    return !blanked.some(([s, t]) => s < to && from < t);
  });
}

function checkPrintable(text: string, chunk: ParsedChunk): void {
  const control = NOT_PRINTABLE.exec(text);
  if (control) {
    const code = control[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, '0');
    chunk.syntax.push(syntaxFinding(`Character U+${code} is not allowed in YAML (kubectl rejects the file: "control characters are not allowed").`, control.index, control.index + control[0].length, text.length));
  }
}

/** Ranges of keys that repeat an earlier scalar key of the same mapping; one pass over the tree, no recursion. */
export function duplicateKeys(root: unknown): [number, number][] {
  const out: [number, number][] = [];
  const stack: unknown[] = [root];
  while (stack.length) {
    const node = stack.pop();
    if (isMap(node)) {
      const seen = new Set<unknown>();
      for (const pair of node.items) {
        if (!isPair(pair)) continue;
        const key = pair.key;
        if (isScalar(key) && key.range) {
          if (seen.has(key.value)) out.push([key.range[0], key.range[1]]);
          else seen.add(key.value);
        }
        stack.push(pair.value, key);
      }
    } else if (isSeq(node)) {
      for (const item of node.items) stack.push(item);
    }
  }
  return out.sort((a, b) => a[0] - b[0]);
}

/** Characters outside YAML's printable set (c-printable): C0/C1 controls other than tab and line breaks, U+FFFE/U+FFFF, lone surrogates. */
const NOT_PRINTABLE = /[\x00-\x08\x0B\x0C\x0E-\x1F\x7F-\x84\x86-\x9F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * A parsed chunk from parts parsed elsewhere (a worker thread: parse/transfer.ts): its documents'
 * contents and what parsing found. The resources are recognised here, as `parseChunk` does.
 */
export function chunkFromParts(
  text: string,
  contents: (Node | null)[],
  parts: { syntax: Finding[]; template?: [number, number]; failed?: boolean; blanked?: [number, number][] },
): ParsedChunk {
  const chunk: ParsedChunk = { text, docs: [], resources: [], syntax: parts.syntax, suppressions: scanSuppressions(text) };
  if (parts.template) chunk.template = parts.template;
  if (parts.failed) chunk.failed = true;
  // Only `contents` of a document is read outside parseChunk (errors became `syntax` already).
  chunk.docs = contents.map((c) => ({ contents: c, errors: [], warnings: [] }) as unknown as Document.Parsed);
  if (parts.blanked) chunk.blanked = parts.blanked;
  if (!parts.template && !parts.failed) for (const c of contents) if (c) recognise(c, chunk);
  dropBlanked(chunk);
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
  if (kind !== undefined && isKindRead(kind) && (isMap(get(map, 'metadata')) || isMap(get(map, 'spec')))) {
    // A manifest of a kind ScaleLint reads, without a (string) apiVersion: `piVersion:`, a lost line. Kept as
    // a resource so that `schema` reports it; a values file's `kind: Deployment` setting has no metadata/spec.
    chunk.resources.push(kubernetesResource(map, kind, undefined, chunk));
    return;
  }
  const resources = get(map, 'Resources');
  if (isMap(resources)) recogniseCloudFormation(map, resources as YAMLMap<Node, Node | null>, chunk);
}

function kubernetesResource(map: YAMLMap<Node, Node | null>, kind: string, apiVersion: string | undefined, chunk: ParsedChunk): Resource {
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
    if (logicalId === undefined || type === undefined || !/^(?:AWS|GCP|Azure)::/.test(type) || !isMap(pair.value)) continue;
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

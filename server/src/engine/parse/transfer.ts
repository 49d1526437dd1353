/**
 * A parsed document as plain data, and back: a worker thread parses and checks documents, the thread
 * that runs the cross-document rules rebuilds the YAML nodes from this instead of parsing again
 * (several times cheaper than lexing and composing). What is kept is what the engine reads from
 * nodes: ranges, scalar values with their type, source text, tag and anchor; collections with their
 * flow style, tag and anchor; pairs; aliases.
 */
import { Alias, isAlias, isMap, isPair, isScalar, isSeq, Pair, Scalar, YAMLMap, YAMLSeq, type Node } from 'yaml';
import type { Finding } from '../types';
import { chunkFromParts, type ParsedChunk } from './document';

/** Nodes in prefix order: [code, …fields], children after their parent. */
export interface TransferredChunk {
  nodes: unknown[];
  documents: number;
  syntax: Finding[];
  template?: [number, number];
  failed?: boolean;
  blanked?: [number, number][];
}

const NULL = 0;
const SCALAR = 1;
const MAP = 2;
const SEQ = 3;
const PAIR = 4;
const ALIAS = 5;
const OTHER = 6;

function write(node: unknown, out: unknown[]): void {
  if (node === null || node === undefined) {
    out.push(NULL);
    return;
  }
  if (isPair(node)) {
    out.push(PAIR);
    write(node.key, out);
    write(node.value, out);
    return;
  }
  if (isScalar(node)) {
    const r = node.range ?? [0, 0, 0];
    const source = (node as Scalar & { source?: string }).source;
    // Most scalars' source text is their value: say so (null) rather than send the same string twice.
    out.push(SCALAR, r[0], r[1], r[2], node.value, node.type, source !== undefined && source === node.value ? null : source, node.tag, node.anchor);
    return;
  }
  if (isMap(node) || isSeq(node)) {
    const r = node.range ?? [0, 0, 0];
    out.push(isMap(node) ? MAP : SEQ, r[0], r[1], r[2], node.items.length, (node as { flow?: boolean }).flow ? 1 : 0, node.tag, node.anchor);
    for (const item of node.items) write(item, out);
    return;
  }
  if (isAlias(node)) {
    const r = node.range ?? [0, 0, 0];
    out.push(ALIAS, r[0], r[1], r[2], node.source);
    return;
  }
  out.push(OTHER); // not a YAML node (never produced by the parser): read back as null
}

export function transferOf(chunk: ParsedChunk): TransferredChunk {
  const nodes: unknown[] = [];
  for (const d of chunk.docs) write(d.contents, nodes);
  const out: TransferredChunk = { nodes, documents: chunk.docs.length, syntax: chunk.syntax };
  if (chunk.template) out.template = chunk.template;
  if (chunk.failed) out.failed = true;
  if (chunk.blanked) out.blanked = chunk.blanked;
  return out;
}

export function chunkFromTransfer(text: string, t: TransferredChunk): ParsedChunk {
  const n = t.nodes;
  let i = 0;
  const read = (): unknown => {
    const code = n[i++];
    switch (code) {
      case SCALAR: {
        const s = new Scalar(n[i + 3]);
        s.range = [n[i] as number, n[i + 1] as number, n[i + 2] as number];
        if (n[i + 4] !== undefined) s.type = n[i + 4] as Scalar.Type;
        if (n[i + 5] !== undefined) (s as Scalar & { source?: string }).source = n[i + 5] === null ? (n[i + 3] as string) : (n[i + 5] as string);
        if (n[i + 6] !== undefined) s.tag = n[i + 6] as string;
        if (n[i + 7] !== undefined) s.anchor = n[i + 7] as string;
        i += 8;
        return s;
      }
      case MAP:
      case SEQ: {
        const c = code === MAP ? new YAMLMap() : new YAMLSeq();
        c.range = [n[i] as number, n[i + 1] as number, n[i + 2] as number];
        const count = n[i + 3] as number;
        if (n[i + 4]) c.flow = true;
        if (n[i + 5] !== undefined) c.tag = n[i + 5] as string;
        if (n[i + 6] !== undefined) c.anchor = n[i + 6] as string;
        i += 7;
        for (let k = 0; k < count; k++) (c.items as unknown[]).push(read());
        return c;
      }
      case PAIR: {
        const key = read();
        const value = read();
        return new Pair(key, value);
      }
      case ALIAS: {
        const a = new Alias(n[i + 3] as string);
        a.range = [n[i] as number, n[i + 1] as number, n[i + 2] as number];
        i += 4;
        return a;
      }
      default:
        return null;
    }
  };
  const contents: (Node | null)[] = [];
  for (let d = 0; d < t.documents; d++) contents.push(read() as Node | null);
  return chunkFromParts(text, contents, t);
}

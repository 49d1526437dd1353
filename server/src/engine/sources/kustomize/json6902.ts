/**
 * JSON patch (RFC 6902) on KNode trees: add, remove, replace, move, copy, test; JSON pointers with `~0`
 * and `~1`, `-` to append. Errors read like those kustomize's JSON-patch library gives.
 */
import { clone as cloneNode, getEntry, isMap, isSeq, sameData, str, withoutRaw, type KNode } from './model.js';

/** A value of a JSON patch, as kustomize has it after JSON decoding. */
const clone = (n: KNode, by?: string): KNode => withoutRaw(cloneNode(n, by));

export interface JsonOp {
  op: string;
  path: string;
  from?: string;
  value?: KNode;
  /** The op's own node (for error positions). */
  node: KNode;
}

/** Reads the list of operations; a message when it is not one. */
export function readOps(doc: KNode): JsonOp[] | string {
  if (!isSeq(doc)) return 'a JSON patch must be a list of operations';
  const ops: JsonOp[] = [];
  for (const item of doc.items) {
    if (!isMap(item)) return 'each JSON patch operation must be a map';
    const op = str(getEntry(item, 'op')?.value);
    const path = str(getEntry(item, 'path')?.value);
    if (op === undefined) return 'JSON patch operation without "op"';
    if (!['add', 'remove', 'replace', 'move', 'copy', 'test'].includes(op)) return `unexpected JSON patch operation "${op}"`;
    if (path === undefined) return `JSON patch operation "${op}" without "path"`;
    const o: JsonOp = { op, path, node: item };
    const from = str(getEntry(item, 'from')?.value);
    if (from !== undefined) o.from = from;
    const v = getEntry(item, 'value');
    if (v) o.value = v.value;
    if ((op === 'move' || op === 'copy') && from === undefined) return `JSON patch operation "${op}" without "from"`;
    if ((op === 'add' || op === 'replace' || op === 'test') && !v) return `JSON patch operation "${op}" without "value"`;
    ops.push(o);
  }
  return ops;
}

function parsePointer(p: string): string[] | string {
  if (p === '') return [];
  if (!p.startsWith('/')) return `JSON pointer must start with "/": ${p}`;
  return p.slice(1).split('/').map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}

interface Loc {
  parent: KNode;
  key: string;
}

function locate(doc: KNode, parts: string[]): Loc | undefined {
  let cur: KNode | undefined = doc;
  for (let i = 0; i < parts.length - 1; i++) {
    cur = child(cur, parts[i]!);
    if (cur === undefined) return undefined;
  }
  return cur === undefined ? undefined : { parent: cur, key: parts[parts.length - 1]! };
}

function index(key: string, len: number): number | undefined {
  if (!/^(0|[1-9][0-9]*)$/.test(key)) return undefined;
  const i = Number(key);
  return i < len ? i : undefined;
}

function child(n: KNode | undefined, key: string): KNode | undefined {
  if (n === undefined) return undefined;
  if (n.kind === 'map') return getEntry(n, key)?.value;
  if (n.kind === 'seq') {
    const i = index(key, n.items.length);
    return i === undefined ? undefined : n.items[i];
  }
  return undefined;
}

function get(doc: KNode, path: string): KNode | undefined | string {
  const parts = parsePointer(path);
  if (typeof parts === 'string') return parts;
  let cur: KNode | undefined = doc;
  for (const p of parts) cur = child(cur, p);
  return cur;
}

function add(doc: KNode, path: string, value: KNode, keyOrg: KNode['org']): string | undefined {
  const parts = parsePointer(path);
  if (typeof parts === 'string') return parts;
  if (parts.length === 0) return 'cannot add at the document root';
  const loc = locate(doc, parts);
  if (!loc) return `add operation does not apply: doc is missing path: "${path}": missing value`;
  const { parent, key } = loc;
  if (parent.kind === 'map') {
    const e = getEntry(parent, key);
    if (e) e.value = value;
    else parent.entries.push({ key, keyOrg, value });
    return undefined;
  }
  if (parent.kind === 'seq') {
    if (key === '-') {
      parent.items.push(value);
      return undefined;
    }
    if (!/^(0|[1-9][0-9]*)$/.test(key) || Number(key) > parent.items.length) return `add operation does not apply: index out of bounds: "${path}"`;
    parent.items.splice(Number(key), 0, value);
    return undefined;
  }
  return `add operation does not apply: doc is missing path: "${path}": missing value`;
}

function remove(doc: KNode, path: string, op: string): string | undefined {
  const parts = parsePointer(path);
  if (typeof parts === 'string') return parts;
  const loc = parts.length ? locate(doc, parts) : undefined;
  const last = parts[parts.length - 1] ?? '';
  const missing = op === 'move'
    ? `error in move for path: '${last}': Unable to remove nonexistent key: ${last}: missing value`
    : `error in remove for path: '${path}': Unable to remove nonexistent key: ${last}: missing value`;
  if (!loc) return missing;
  const { parent, key } = loc;
  if (parent.kind === 'map') {
    const i = parent.entries.findIndex((e) => e.key === key);
    if (i < 0) return missing;
    parent.entries.splice(i, 1);
    return undefined;
  }
  if (parent.kind === 'seq') {
    const i = index(key, parent.items.length);
    if (i === undefined) return missing;
    parent.items.splice(i, 1);
    return undefined;
  }
  return missing;
}

/** Replace: a missing key of an existing map is added (as kustomize's JSON-patch library does). */
function replace(doc: KNode, path: string, value: KNode, keyOrg: KNode['org']): string | undefined {
  const parts = parsePointer(path);
  if (typeof parts === 'string') return parts;
  const loc = parts.length ? locate(doc, parts) : undefined;
  if (!loc || loc.parent.kind === 'scalar') return `replace operation does not apply: doc is missing path: ${path}: missing value`;
  const { parent, key } = loc;
  if (parent.kind === 'map') {
    const e = getEntry(parent, key);
    if (e) e.value = value;
    else parent.entries.push({ key, keyOrg, value });
    return undefined;
  }
  const i = index(key, parent.items.length);
  if (i === undefined) return `replace operation does not apply: doc is missing key: ${path}: missing value`;
  parent.items[i] = value;
  return undefined;
}

/** Applies the operations in order to `doc` (mutating it); stops at the first failing one. */
export function applyJsonPatch(doc: KNode, ops: JsonOp[], by: string): { error: string; op: JsonOp } | undefined {
  for (const o of ops) {
    let err: string | undefined;
    const keyOrg = { ...o.node.org, by };
    switch (o.op) {
      case 'add':
        err = add(doc, o.path, clone(o.value!, by), keyOrg);
        break;
      case 'remove':
        err = remove(doc, o.path, 'remove');
        break;
      case 'replace':
        err = replace(doc, o.path, clone(o.value!, by), keyOrg);
        break;
      case 'move': {
        const src = get(doc, o.from!);
        if (typeof src === 'string') err = src;
        else {
          err = remove(doc, o.from!, 'move');
          if (!err && src) err = add(doc, o.path, src, keyOrg);
        }
        break;
      }
      case 'copy': {
        const src = get(doc, o.from!);
        if (typeof src === 'string') err = src;
        else err = add(doc, o.path, src ? clone(src) : { kind: 'scalar', value: null, org: keyOrg }, keyOrg);
        break;
      }
      case 'test': {
        const cur = get(doc, o.path);
        if (typeof cur === 'string') err = cur;
        else if (cur === undefined || !sameData(cur, o.value!)) err = `testing value ${o.path} failed: test failed`;
        break;
      }
    }
    if (err) return { error: err, op: o };
  }
  return undefined;
}

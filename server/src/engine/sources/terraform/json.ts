/**
 * `.tf.json` (Terraform's JSON syntax) → a RawFile. A small JSON reader of our own keeps exact ranges and
 * what parsed before an error; the `yaml` package would give ranges too, but takes ~11 s on 5 MB of JSON.
 */
import { nestedBlockTypes } from './providers';
import type { RawAttribute, RawBlock, RawBody, RawExpr, RawFile, RawProblem, Span, TraversalStep } from './raw';

type JsonNode =
  | ({ kind: 'object'; members: JsonMember[] } & Span)
  | ({ kind: 'array'; items: JsonNode[] } & Span)
  | ({ kind: 'string'; value: string; raw: boolean } & Span)
  | ({ kind: 'number'; value: number } & Span)
  | ({ kind: 'bool'; value: boolean } & Span)
  | ({ kind: 'null' } & Span);

interface JsonMember {
  key: string;
  keySpan: Span;
  value: JsonNode;
}

const MAX_DEPTH = 200;
const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][-+]?\d+)?/y;

class JsonError extends Error {
  constructor(readonly at: number, message: string) {
    super(message);
  }
}

/** Parses JSON; on an error, returns the tree built so far (containers are filled in place) and the problem. */
export function parseJson(text: string): { root: JsonNode | undefined; problem: RawProblem | undefined } {
  const reader = new JsonReader(text);
  if (text.charCodeAt(0) === 0xfeff) reader.pos = 1; // a byte-order mark, as some Windows editors write
  try {
    const root = reader.value(0, (node) => (reader.root = node));
    reader.skipSpace();
    if (reader.pos < text.length) throw new JsonError(reader.pos, 'Unexpected text after the JSON value');
    return { root, problem: undefined };
  } catch (e) {
    if (!(e instanceof JsonError)) throw e;
    return { root: reader.root, problem: { start: e.at, end: Math.min(e.at + 1, text.length), message: `JSON syntax error: ${e.message}` } };
  }
}

class JsonReader {
  pos = 0;
  root: JsonNode | undefined;
  constructor(private readonly text: string) {}

  skipSpace(): void {
    const t = this.text;
    while (this.pos < t.length) {
      const c = t.charCodeAt(this.pos);
      if (c === 32 || c === 10 || c === 13 || c === 9) this.pos++;
      else break;
    }
  }

  /** Reads a value; `attach` gets the node before a container is filled, so an error keeps what was read. */
  value(depth: number, attach: (node: JsonNode) => void): JsonNode {
    if (depth > MAX_DEPTH) throw new JsonError(this.pos, 'nested too deeply');
    this.skipSpace();
    const start = this.pos;
    const c = this.text[this.pos];
    let node: JsonNode;
    if (c === '{') {
      node = { kind: 'object', members: [], start, end: start + 1 };
      attach(node);
      this.object(node, depth);
    } else if (c === '[') {
      node = { kind: 'array', items: [], start, end: start + 1 };
      attach(node);
      this.array(node, depth);
    } else if (c === '"') {
      const { value, raw } = this.string();
      node = { kind: 'string', value, raw, start, end: this.pos };
    } else if (this.text.startsWith('true', start) || this.text.startsWith('false', start)) {
      const value = c === 't';
      this.pos += value ? 4 : 5;
      node = { kind: 'bool', value, start, end: this.pos };
    } else if (this.text.startsWith('null', start)) {
      this.pos += 4;
      node = { kind: 'null', start, end: this.pos };
    } else {
      NUMBER.lastIndex = start;
      const found = NUMBER.exec(this.text);
      if (!found || found[0].length === 0) throw new JsonError(start, c === undefined ? 'unexpected end of file' : `unexpected ${JSON.stringify(c)}`);
      this.pos = start + found[0].length;
      node = { kind: 'number', value: Number(found[0]), start, end: this.pos };
    }
    attach(node);
    return node;
  }

  private object(node: Extract<JsonNode, { kind: 'object' }>, depth: number): void {
    this.pos++;
    this.skipSpace();
    if (this.text[this.pos] === '}') {
      this.pos++;
      node.end = this.pos;
      return;
    }
    for (;;) {
      this.skipSpace();
      if (this.text[this.pos] !== '"') throw new JsonError(this.pos, 'expected a "key"');
      const keyStart = this.pos;
      const key = this.string().value;
      const keySpan = { start: keyStart, end: this.pos };
      this.skipSpace();
      if (this.text[this.pos] !== ':') throw new JsonError(this.pos, 'expected ":"');
      this.pos++;
      const member: JsonMember = { key, keySpan, value: { kind: 'null', start: this.pos, end: this.pos } };
      node.members.push(member);
      this.value(depth + 1, (value) => (member.value = value));
      node.end = this.pos;
      this.skipSpace();
      const next = this.text[this.pos];
      this.pos++;
      if (next === '}') break;
      if (next !== ',') throw new JsonError(this.pos - 1, 'expected "," or "}"');
    }
    node.end = this.pos;
  }

  private array(node: Extract<JsonNode, { kind: 'array' }>, depth: number): void {
    this.pos++;
    this.skipSpace();
    if (this.text[this.pos] === ']') {
      this.pos++;
      node.end = this.pos;
      return;
    }
    for (;;) {
      const at = node.items.length;
      this.value(depth + 1, (value) => (node.items[at] = value));
      node.end = this.pos;
      this.skipSpace();
      const next = this.text[this.pos];
      this.pos++;
      if (next === ']') break;
      if (next !== ',') throw new JsonError(this.pos - 1, 'expected "," or "]"');
    }
    node.end = this.pos;
  }

  /** A string token; `raw` is true when it had no escapes (so offsets inside map 1:1 to the text). */
  private string(): { value: string; raw: boolean } {
    const t = this.text;
    const start = this.pos + 1;
    let escaped = false;
    for (let j = start; j < t.length; j++) {
      const c = t.charCodeAt(j);
      if (c === 34) {
        this.pos = j + 1;
        const body = t.slice(start, j);
        if (!escaped) return { value: body, raw: true };
        try {
          return { value: JSON.parse(`"${body}"`) as string, raw: false };
        } catch {
          throw new JsonError(start - 1, 'invalid escape in the string');
        }
      }
      if (c === 92) {
        escaped = true;
        j++;
      } else if (c === 10) {
        break;
      }
    }
    throw new JsonError(this.pos, 'the string is not closed');
  }
}

export function readJsonFile(path: string, text: string): RawFile {
  const { root, problem } = parseJson(text);
  const body: RawBody = { attributes: [], blocks: [] };
  const problems = problem ? [problem] : [];
  if (root?.kind === 'object') {
    for (const member of root.members) readTopLevel(member, body);
  } else if (root && !problem) {
    problems.push({ start: root.start, end: root.end, message: 'A .tf.json file holds one JSON object' });
  }
  return { path, body, problems };
}

function objectsOf(node: JsonNode): Extract<JsonNode, { kind: 'object' }>[] {
  if (node.kind === 'object') return [node];
  if (node.kind === 'array') return node.items.filter((i): i is Extract<JsonNode, { kind: 'object' }> => i.kind === 'object');
  return [];
}

function readTopLevel(member: JsonMember, into: RawBody): void {
  const type = member.key;
  const typeSpan = member.keySpan;
  if (type === 'resource' || type === 'data') {
    // { "resource": { "aws_x": { "name": { …body… } } } }
    for (const byType of objectsOf(member.value)) {
      for (const t of byType.members) {
        for (const byName of objectsOf(t.value)) {
          for (const n of byName.members) {
            for (const bodyNode of objectsOf(n.value)) {
              into.blocks.push(block(type, typeSpan, [t, n], bodyNode, readBody(bodyNode, t.key, '', 0)));
            }
          }
        }
      }
    }
  } else if (type === 'variable') {
    for (const byName of objectsOf(member.value)) {
      for (const n of byName.members) {
        for (const bodyNode of objectsOf(n.value)) {
          const attributes = bodyNode.members.map((m) => attribute(m, m.key === 'default' ? literalExpr(m.value, 0) : jsonExpr(m.value, 0)));
          into.blocks.push(block(type, typeSpan, [n], bodyNode, { attributes, blocks: [] }));
        }
      }
    }
  } else if (type === 'module') {
    for (const byName of objectsOf(member.value)) {
      for (const n of byName.members) {
        for (const bodyNode of objectsOf(n.value)) into.blocks.push(block(type, typeSpan, [n], bodyNode, readBody(bodyNode, '', '', 0)));
      }
    }
  } else if (type === 'locals') {
    for (const bodyNode of objectsOf(member.value)) {
      const attributes = bodyNode.members.map((m) => attribute(m, jsonExpr(m.value, 0)));
      into.blocks.push(block(type, typeSpan, [], bodyNode, { attributes, blocks: [] }));
    }
  }
}

function block(type: string, typeSpan: Span, labels: JsonMember[], bodyNode: Span, body: RawBody): RawBlock {
  const first = labels[0]?.keySpan ?? typeSpan;
  return {
    type,
    typeSpan,
    labels: labels.map((l) => ({ value: l.key, start: l.keySpan.start, end: l.keySpan.end })),
    start: first.start,
    end: bodyNode.end,
    body,
    ...(bodyNode.end > bodyNode.start ? { closingBrace: { start: bodyNode.end - 1, end: bodyNode.end } } : {}),
  };
}

function attribute(member: JsonMember, expr: RawExpr): RawAttribute {
  return { name: member.key, nameSpan: member.keySpan, start: member.keySpan.start, end: member.value.end, expr };
}

/** A resource body: a member is a nested block when the provider table names it one, else an attribute. */
function readBody(node: Extract<JsonNode, { kind: 'object' }>, resourceType: string, path: string, depth: number): RawBody {
  const body: RawBody = { attributes: [], blocks: [] };
  const blockTypes = nestedBlockTypes(resourceType, path);
  for (const m of node.members) {
    const objects = depth < 32 && blockTypes.has(m.key) ? objectsOf(m.value) : [];
    if (objects.length > 0) {
      const childPath = path ? `${path}.${m.key}` : m.key;
      for (const o of objects) {
        if (m.key === 'dynamic') {
          // { "dynamic": { "tag": { "for_each": …, "content": { … } } } }
          for (const d of o.members) {
            for (const inner of objectsOf(d.value)) {
              const labelPath = path ? `${path}.${d.key}` : d.key;
              body.blocks.push(block('dynamic', m.keySpan, [d], inner, readBody(inner, resourceType, labelPath, depth + 1)));
            }
          }
        } else if (m.key === 'content') {
          body.blocks.push(block('content', m.keySpan, [], o, readBody(o, resourceType, path, depth + 1)));
        } else {
          body.blocks.push(block(m.key, m.keySpan, [], o, readBody(o, resourceType, childPath, depth + 1)));
        }
      }
    } else {
      body.attributes.push(attribute(m, jsonExpr(m.value, 0)));
    }
  }
  return body;
}

/** A JSON value as an expression: strings are templates, so `"${var.x}"` is the expression `var.x`. */
function jsonExpr(node: JsonNode, depth: number): RawExpr {
  if (node.kind === 'string') {
    if (!node.value.includes('${') && !node.value.includes('%{')) return { kind: 'literal', value: node.value.replace(/([$%])\1\{/g, '$1{'), start: node.start, end: node.end };
    return templateExpr(node);
  }
  if (node.kind === 'array') return { kind: 'tuple', items: node.items.map((i) => jsonExpr(i, depth + 1)), start: node.start, end: node.end };
  if (node.kind === 'object') {
    const entries = node.members.map((m) => ({ key: m.key, keySpan: m.keySpan, value: jsonExpr(m.value, depth + 1) }));
    return { kind: 'object', entries, start: node.start, end: node.end };
  }
  return literalExpr(node, depth);
}

/** Variable defaults are literal values: a string is taken as written. */
function literalExpr(node: JsonNode, depth: number): RawExpr {
  switch (node.kind) {
    case 'string':
    case 'number':
    case 'bool':
      return { kind: 'literal', value: node.value, start: node.start, end: node.end };
    case 'null':
      return { kind: 'literal', value: null, start: node.start, end: node.end };
    case 'array':
      return { kind: 'tuple', items: node.items.map((i) => literalExpr(i, depth + 1)), start: node.start, end: node.end };
    case 'object':
      return { kind: 'object', entries: node.members.map((m) => ({ key: m.key, keySpan: m.keySpan, value: literalExpr(m.value, depth + 1) })), start: node.start, end: node.end };
  }
}

const WHOLE_REFERENCE = /^\$\{\s*([A-Za-z_][\w-]*)((?:\.[A-Za-z_][\w-]*|\[\d+\])*)\s*\}$/;

/** `"${aws_autoscaling_policy.up.arn}"` → a traversal with exact offsets; any other template is unknown. */
function templateExpr(node: Extract<JsonNode, { kind: 'string' }>): RawExpr {
  const span = { start: node.start, end: node.end };
  const m = node.raw ? WHOLE_REFERENCE.exec(node.value) : null;
  if (!m) return { kind: 'other', what: 'an interpolation', ...span };
  const inner = node.start + 1 + node.value.indexOf(m[1]!);
  const rootSpan = { start: inner, end: inner + m[1]!.length };
  const steps: TraversalStep[] = [];
  let at = rootSpan.end;
  for (const step of m[2]!.match(/\.[A-Za-z_][\w-]*|\[\d+\]/g) ?? []) {
    const stepSpan = { start: at, end: at + step.length };
    steps.push(step.startsWith('.') ? { kind: 'attr', name: step.slice(1), ...stepSpan } : { kind: 'index', key: Number(step.slice(1, -1)), ...stepSpan });
    at += step.length;
  }
  return { kind: 'traversal', root: m[1]!, rootSpan, steps, start: rootSpan.start, end: at };
}

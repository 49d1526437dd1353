/** How the CloudFormation source reads a property into a model field: the value, where it is written, where a fix writes. */
import { isScalar, type Node, type Pair, type YAMLMap } from 'yaml';
import type { Resource } from '../../parse/document';
import { bool, keyRange, num, rangeOf, refName, str } from '../../parse/values';
import { resolved, spanOf } from '../../model/cloudformation';
import type { Field, FixTarget, ModelValue } from '../../model/scaling';

type Parse<T> = (node: Node) => T | undefined;

export const asNumber: Parse<number> = (n) => num(n);
export const asString: Parse<string> = (n) => str(n);
export const asUpper: Parse<string> = (n) => str(n)?.toUpperCase();
export const asBoolean: Parse<boolean> = (n) => bool(n);

/** The quoting a fix repeats: a number written as a string keeps its quotes, a string its quote style. */
function quoteOf(node: Node): '"' | "'" | undefined {
  if (!isScalar(node)) return undefined;
  if (node.type === 'QUOTE_SINGLE') return "'";
  if (node.type === 'QUOTE_DOUBLE') return '"';
  return typeof node.value === 'string' && num(node) !== undefined ? '"' : undefined;
}

/**
 * A written property as a field: a literal is replaced in place (in its quoting); a `!Ref` reads its
 * parameter's Default (no fix here: the change belongs on the Default); anything else is unreadable.
 */
export function field<T>(r: Resource, pair: Pair<Node, Node | null> | undefined, parse: Parse<T>, name = keyName(pair)): Field<T> | undefined {
  if (!pair) return undefined;
  const key = keyRange(pair);
  const span = spanOf(r.chunk.text, pair.value);
  const v = resolved(r, pair.value);
  const value = v ? parse(v.node) : undefined;
  if (!v || value === undefined) return { value: undefined, explicit: true, unreadable: true, name, range: rangeOf(pair.value), key, span };
  const node = pair.value as Node; // resolved found a value
  const range = rangeOf(node) ?? r.anchor;
  if (!v.literal) return { value, explicit: true, name, range, key, span, parameter: refName(node) ?? '?' };
  return { value, explicit: true, name, range, key, span, fix: { kind: 'replace', node, quote: quoteOf(node) } };
}

/** A field the format defaults when it is not written, with a fix that inserts it into `map`. */
export function defaulted<T>(written: Field<T> | undefined, name: string, value: T, home: [number, number], map: YAMLMap<Node, Node | null> | undefined): Field<T> {
  if (written) return written;
  const fix: FixTarget | undefined = map ? { kind: 'insert', map, key: name } : undefined;
  const out: ModelValue<T> = { value, explicit: false, name, range: home, fix };
  return out;
}

function keyName(pair: Pair<Node, Node | null> | undefined): string {
  return (isScalar(pair?.key) ? String(pair.key.value) : undefined) ?? '?';
}

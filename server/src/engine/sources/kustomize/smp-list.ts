/**
 * Merging a list that has merge keys, step for step as kustomize's kyaml does it (walk's associative
 * sequence with ListIncreaseDirection=prepend), quirks included, because `kubectl kustomize` output is the
 * reference: elements named in the patch come first; with two merge keys (ports: containerPort+protocol)
 * an element whose protocol is only on one side is not merged (the patch's element is dropped); an
 * element without its merge key in the base collapses the list. Checked against kubectl v1.32 output.
 */
import { getEntry, isMap, str, type KMap, type KNode } from './model.js';

/** A key's value in an element as kyaml reads it ('' when missing, null or not a scalar). */
function fieldValue(elem: KNode, key: string): string | undefined {
  if (!isMap(elem)) return undefined;
  const e = getEntry(elem, key);
  if (!e) return undefined;
  return e.value.kind === 'scalar' ? str(e.value) ?? '' : '';
}

function tupleOf(elem: KNode, keys: string[]): string[] {
  return keys.map((k) => fieldValue(elem, k) ?? '');
}

const sameTuple = (a: string[], b: string[]): boolean => a.length === b.length && a.every((v, i) => v === b[i]);

/** kyaml's match(): equal where both are set, and at least one position equal. */
function matchTuples(a: string[], b: string[]): string[] | undefined {
  let common = false;
  const out: string[] = [];
  for (let i = 0; i < a.length; i++) {
    if (a[i] === b[i]) {
      common = true;
      out.push(a[i]!);
      continue;
    }
    if (a[i] !== '' && b[i] !== '') return undefined;
    out.push(a[i] !== '' ? a[i]! : b[i]!);
  }
  return common ? out : undefined;
}

function validate(valuesList: string[][], values: string[], keys: string[]): { keys: string[]; values: string[] } {
  const set = new Set<string>();
  for (const vs of valuesList) vs.forEach((v, i) => v !== '' && set.add(keys[i]!));
  if (set.size === 0) return { keys, values };
  return { keys: keys.filter((k) => set.has(k)), values: values.filter((v, i) => v !== '' || set.has(keys[i]!)) };
}

/** ElementList: the first element whose key fields all exist and equal the values. */
function elementList(list: KNode[], keys: string[], values: string[]): KNode | undefined {
  return list.find((e) => isMap(e) && keys.every((k, i) => fieldValue(e, k) === values[i]));
}

const isNullOrEmpty = (n: KNode | undefined): boolean =>
  n === undefined || (n.kind === 'scalar' && n.value === null) || (n.kind === 'map' && n.entries.length === 0);

/** kyaml's FieldMatcher: the field exists and, when a value is given, equals it. */
function fieldMatches(elem: KNode, key: string, value: string): boolean {
  if (key === '') return elem.kind === 'scalar' && (value === '' || str(elem) === value);
  const v = fieldValue(elem, key);
  return v !== undefined && (value === '' || v === value);
}

/** Above this many elements the exact (quadratic) emulation gives way to a linear merge. */
const MAX_EXACT = 2000;

/** Patch elements first (merged with the base's element of the same keys), then the base's others. */
function mergeLinear(
  dest: KNode[], patch: KNode[], keys: string[], merge: (d: KNode | undefined, p: KNode | undefined) => KNode | null,
): KNode[] {
  const keyOf = (e: KNode): string => (keys.length ? JSON.stringify(tupleOf(e, keys)) : JSON.stringify(str(e) ?? ''));
  const byKey = new Map<string, KNode>();
  for (const d of dest) if (!byKey.has(keyOf(d))) byKey.set(keyOf(d), d);
  const used = new Set<string>();
  const out: KNode[] = [];
  for (const p of patch) {
    const k = keyOf(p);
    if (used.has(k)) continue;
    used.add(k);
    const m = merge(byKey.get(k), p);
    if (m !== null && !isNullOrEmpty(m)) out.push(m);
  }
  for (const d of dest) if (!used.has(keyOf(d))) out.push(d);
  return out;
}

/** kyaml's ElementSetter on a list: drop / replace matching elements, append when none matched. */
export function elementSetter(list: KNode[], element: KNode | undefined, keys: string[], values: string[]): KNode[] {
  const out: KNode[] = [];
  let matched = false;
  const mappingSetter = keys.length > 0 && keys[0] !== '' && values.length > 0 && values[0] !== '';
  for (const elem of list) {
    if (isNullOrEmpty(elem)) continue;
    if (!isMap(elem) && mappingSetter) {
      out.push(elem);
      continue;
    }
    let found = true;
    let last = false;
    for (let j = 0; j < keys.length; j++) {
      if (j < values.length) last = fieldMatches(elem, keys[j]!, values[j]!);
      if (!last) {
        found = false;
        break;
      }
    }
    if (!found) {
      if (values.length > 0) out.push(elem);
      continue;
    }
    matched = true;
    if (element !== undefined) out.push(element);
  }
  if (element !== undefined && !isNullOrEmpty(element) && !matched) out.push(element);
  return out;
}

/**
 * Merges `patch` elements into `dest` elements. `merge(d, p)` merges one pair of elements (either may be
 * missing) and returns null when the element is deleted.
 */
export function mergeAssociative(
  dest: KNode[], patch: KNode[], keys: string[], merge: (d: KNode | undefined, p: KNode | undefined) => KNode | null,
): KNode[] {
  if (dest.length + patch.length > MAX_EXACT) return mergeLinear(dest, patch, keys, merge);
  let destList = dest;
  const primitive = keys.length === 0;
  const k = primitive ? [''] : keys;
  let valuesList: string[][] = [];
  for (const src of [patch, dest]) {
    for (const e of src) {
      const t = primitive ? (e.kind === 'scalar' ? [str(e) ?? ''] : []) : tupleOf(e, keys);
      if (t.length === 0 || valuesList.some((v) => sameTuple(v, t))) continue;
      valuesList.push(t);
    }
  }
  if (k.length > 1) {
    valuesList = valuesList.map((v) => [...v]);
    for (let i = 0; i < valuesList.length; i++) {
      for (let j = 0; j < valuesList.length; j++) {
        const m = matchTuples(valuesList[i]!, valuesList[j]!);
        if (m) {
          valuesList[i] = m;
          valuesList[j] = [...m];
        }
      }
    }
  }
  let items: KNode[] = [];
  let validKeys = k;
  for (const values of valuesList) {
    const v = validate(valuesList, values, k);
    validKeys = v.keys;
    const inner = validate([v.values], v.values, v.keys);
    const find = (list: KNode[]): KNode | undefined =>
      primitive ? list.find((e) => e.kind === 'scalar' && str(e) === inner.values[0]) : elementList(list, inner.keys, inner.values);
    const d = find(destList);
    const p = find(patch);
    const val = d === undefined && p === undefined ? null : merge(d, p);
    if (val === null || isNullOrEmpty(val)) {
      destList = elementSetter(destList, undefined, v.keys, v.values);
      continue;
    }
    if (!primitive && isMap(val)) {
      v.keys.forEach((key, i) => {
        if (!getEntry(val, key) && v.values[i] !== '') {
          const org = (isMap(p) ? getEntry(p, key)?.keyOrg : undefined) ?? val.org;
          val.entries.push({ key, keyOrg: org, value: { kind: 'scalar', value: v.values[i]!, org } });
        }
      });
    }
    items = elementSetter(items, val, v.keys, v.values);
  }
  if (valuesList.length === 0) return destList;
  for (const elem of destList) {
    if (validKeys[0] === '') {
      items = elementSetter(items, elem, [''], [str(elem) ?? '']);
      continue;
    }
    const v: string[] = [];
    for (const key of validKeys) {
      const fv = isMap(elem) && getEntry(elem as KMap, key) ? fieldValue(elem, key) : undefined;
      if (fv === undefined) {
        items = [...items, elem];
        continue;
      }
      v.push(fv);
    }
    if (validKeys.length > 1) items = elementSetter(items, undefined, validKeys, v);
    items = elementSetter(items, elem, validKeys, v);
  }
  return items;
}

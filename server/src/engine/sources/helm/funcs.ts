/**
 * The function table of a Helm render: Go's builtins, Sprig's functions (Sprig names override Go's builtins,
 * as in Helm), Helm's own, and the known-but-unsupported names.
 */
import type { FuncDef, FuncTable } from './call';
import { GO_FUNCS } from './funcs-go';
import { HELM_FUNCS, unsupportedFuncs } from './funcs-helm';
import { LIST_FUNCS } from './funcs-lists';
import { MATH_FUNCS } from './funcs-math';
import { STRING_FUNCS } from './funcs-strings';
import { SEMVER_FUNCS } from './semver';

/** Sprig's `must…` variants return errors where the plain ones would panic; both are errors here. */
const MUST = ['append', 'prepend', 'first', 'last', 'rest', 'initial', 'reverse', 'uniq', 'without', 'has', 'compact', 'chunk',
  'merge', 'mergeOverwrite', 'deepCopy', 'regexMatch', 'regexFind', 'regexFindAll', 'regexReplaceAll', 'regexReplaceAllLiteral',
  'regexSplit', 'toPrettyJson', 'toRawJson', 'fromJson', 'slice'];

const ALIASES: Record<string, string> = { push: 'append', mustPush: 'append', trimall: 'trimAll', date_modify: 'dateModify', must_date_modify: 'dateModify', abbrevboth: 'abbrevboth' };

let table: FuncTable | undefined;

export function funcTable(): FuncTable {
  if (table) return table;
  const t = new Map<string, FuncDef>();
  for (const group of [GO_FUNCS, unsupportedFuncs(), STRING_FUNCS, LIST_FUNCS, MATH_FUNCS, SEMVER_FUNCS, HELM_FUNCS]) {
    for (const [name, def] of Object.entries(group)) t.set(name, def);
  }
  for (const name of MUST) {
    const def = t.get(name);
    const must = 'must' + name[0]!.toUpperCase() + name.slice(1);
    if (def && !t.has(must)) t.set(must, def);
  }
  for (const [alias, target] of Object.entries(ALIASES)) {
    const def = t.get(target);
    if (def && !t.has(alias)) t.set(alias, def);
  }
  table = t;
  return t;
}

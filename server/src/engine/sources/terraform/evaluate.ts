/**
 * Expression evaluation as SPEC §9 allows: literals, `var.x` (its default), `local.x` (its value), and
 * references to resources. Everything else is unknown, with its range.
 */
import type { TfAttribute, TfRange, TfValue, TfVariable } from './model';
import type { RawExpr, TraversalStep } from './raw';

export interface EvalScope {
  variable(name: string): TfVariable | undefined;
  /** The local's value; 'cycle' while it is being evaluated (a local that refers to itself), 'too-deep' past a long chain. */
  local(name: string): TfAttribute | 'cycle' | 'too-deep' | undefined;
  hasResource(address: string): boolean;
}

/** For variable defaults: Terraform accepts no references there. */
export const NO_SCOPE: EvalScope = {
  variable: () => undefined,
  local: () => undefined,
  hasResource: () => false,
};

const MAX_DEPTH = 200;
const NO_RESOURCE_ROOTS = new Set(['count', 'each', 'self', 'path', 'terraform', 'module']);

export function evaluate(expr: RawExpr, file: string, scope: EvalScope, depth = 0): TfValue {
  const range: TfRange = { file, start: expr.start, end: expr.end };
  if (depth > MAX_DEPTH) return unknown(range, 'a too deeply nested expression');
  switch (expr.kind) {
    case 'literal': {
      const fix = range;
      if (expr.value === null) return { kind: 'null', range, fix };
      if (typeof expr.value === 'number') return { kind: 'number', value: expr.value, range, fix };
      if (typeof expr.value === 'boolean') return { kind: 'bool', value: expr.value, range, fix };
      return { kind: 'string', value: expr.value, range, fix };
    }
    case 'tuple':
      return { kind: 'list', items: expr.items.map((item) => evaluate(item, file, scope, depth + 1)), range, fix: range };
    case 'object':
      return {
        kind: 'object',
        entries: expr.entries.map((e) => ({ key: e.key, keyRange: { file, ...e.keySpan }, value: evaluate(e.value, file, scope, depth + 1) })),
        range,
        fix: range,
      };
    case 'traversal':
      return evaluateTraversal(expr, range, file, scope);
    case 'other':
      return unknown(range, expr.what);
  }
}

function unknown(range: TfRange, reason: string): TfValue {
  return { kind: 'unknown', reason, range };
}

function evaluateTraversal(expr: Extract<RawExpr, { kind: 'traversal' }>, range: TfRange, file: string, scope: EvalScope): TfValue {
  const [first, ...rest] = expr.steps;
  const written = `${expr.root}${first?.kind === 'attr' ? `.${first.name}` : ''}`;
  if (expr.root === 'var' || expr.root === 'local') {
    if (first?.kind !== 'attr') return unknown(range, `\`${expr.root}\` without a name`);
    if (expr.root === 'var') {
      const variable = scope.variable(first.name);
      if (!variable) return unknown(range, `${written} is not declared in this module`);
      if (!variable.default) return unknown(range, `${written} has no default`);
      return relocate(followSteps(variable.default.value, rest), range, { kind: 'var', name: first.name, range: variable.range });
    }
    const local = scope.local(first.name);
    if (local === 'cycle') return unknown(range, `${written} refers to itself`);
    if (local === 'too-deep') return unknown(range, `${written} is at the end of too long a chain of locals`);
    if (!local) return unknown(range, `${written} is not declared in this module`);
    return relocate(followSteps(local.value, rest), range, { kind: 'local', name: first.name, range: local.range });
  }
  if (NO_RESOURCE_ROOTS.has(expr.root)) return unknown(range, written);
  const isData = expr.root === 'data';
  const typeStep = isData ? first : ({ kind: 'attr', name: expr.root, start: expr.start, end: expr.end } as const);
  const nameStep = isData ? rest[0] : first;
  const after = isData ? rest.slice(1) : rest;
  if (typeStep?.kind !== 'attr' || nameStep?.kind !== 'attr') return unknown(range, `\`${expr.root}\``);
  if (after.some((s) => s.kind === 'splat')) return unknown(range, 'a splat');
  let indexed = false;
  let i = 0;
  if (after[0]?.kind === 'index') {
    indexed = true;
    i = 1;
  }
  const attributeStep = after[i];
  const address = `${isData ? 'data.' : ''}${typeStep.name}.${nameStep.name}`;
  return {
    kind: 'reference',
    mode: isData ? 'data' : 'managed',
    resourceType: typeStep.name,
    resourceName: nameStep.name,
    address,
    ...(attributeStep?.kind === 'attr' ? { attribute: attributeStep.name } : {}),
    indexed,
    resolved: scope.hasResource(address),
    range,
  };
}

/** `var.settings.min`, `local.sizes[0]`: steps into a known object or list. */
function followSteps(value: TfValue, steps: TraversalStep[]): TfValue {
  let current = value;
  for (const step of steps) {
    if (step.kind === 'splat') return unknown(current.range, 'a splat');
    let next: TfValue | undefined;
    if (current.kind === 'object' && (step.kind === 'attr' || typeof step.key === 'string')) {
      const key = step.kind === 'attr' ? step.name : step.key;
      next = current.entries.find((e) => e.key === key)?.value;
    } else if (current.kind === 'list' && step.kind === 'index' && typeof step.key === 'number') {
      next = current.items[step.key];
    } else if (current.kind === 'reference' || current.kind === 'unknown') {
      return unknown(current.range, current.kind === 'unknown' ? current.reason : 'an attribute of a reference');
    }
    if (!next) return unknown(current.range, 'a key the value does not have');
    current = next;
  }
  return current;
}

/** The value as used at `range`; its fix target stays where the literal is. */
function relocate(value: TfValue, range: TfRange, via: NonNullable<TfValue['via']>): TfValue {
  return { ...value, range, via: value.via ?? via };
}

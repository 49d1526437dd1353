/**
 * Calling a template function as Go's text/template does: arguments evaluated (lazily for and/or), the piped
 * value appended last, argument count and types checked against the function's Go signature, errors
 * reported as "error calling NAME: …". Unsupported functions give one info problem and an empty value.
 */
import type { Arg, Span } from './ast';
import type { Exec } from './exec';
import { ExecError } from './exec';
import { typeName, type GoValue, type Val } from './values';

/** A Go parameter type. `map` is map[string]interface{}, `list` is []interface{}. */
export type Kind = 'any' | 'string' | 'int' | 'float' | 'bool' | 'map' | 'list';

export interface CallCx {
  exec: Exec;
  scope: { file: string; text: string; vars: { name: string; val: Val }[] };
  dot: Val;
  at: Span;
  name: string;
}

export interface FuncDef {
  params: Kind[];
  variadic?: Kind;
  /** The function returns a Val (value with pieces). */
  val?: boolean;
  /** When the result is the same string as the last argument, keep that argument's pieces. */
  keep?: boolean;
  /** Arguments are thunks evaluated on demand (and/or). */
  lazy?: (args: (() => Val)[], cx: CallCx) => Val;
  /** No implementation: one info problem at the call, the result is `placeholder`. */
  unsupported?: boolean;
  placeholder?: GoValue;
  fn?: (args: Val[], cx: CallCx) => GoValue | Val;
}

export type FuncTable = Map<string, FuncDef>;

/** An error a function returns (Go: `error calling NAME: message`). */
export class FuncError {
  constructor(readonly message: string) {}
}

/** An error Helm reports as it is (required, fail). */
export class HelmError {
  constructor(readonly message: string) {}
}

const KIND_NAME: Record<Kind, string> = {
  any: 'interface {}', string: 'string', int: 'int', float: 'float64', bool: 'bool',
  map: 'map[string]interface {}', list: '[]interface {}',
};

function conform(v: GoValue, kind: Kind): GoValue {
  if (kind === 'any') return v === undefined ? null : v;
  if (v === null || v === undefined) {
    if (kind === 'map' || kind === 'list') return null;
    throw new FuncError(`invalid value; expected ${KIND_NAME[kind]}`);
  }
  const ok =
    (kind === 'string' && typeof v === 'string') ||
    (kind === 'int' && typeof v === 'bigint') ||
    (kind === 'float' && typeof v === 'number') ||
    (kind === 'bool' && typeof v === 'boolean') ||
    (kind === 'map' && v instanceof Map) ||
    (kind === 'list' && Array.isArray(v));
  if (!ok) throw new FuncError(`wrong type for value; expected ${KIND_NAME[kind]}; got ${typeName(v)}`);
  return v;
}

/** A literal argument converted to the parameter's type, as Go's evalArg does for constants. */
function literal(exec: Exec, a: Arg, kind: Kind, cx: CallCx): Val {
  if (a.kind === 'number') {
    if (kind === 'int') {
      if (!a.isInt || a.int === undefined) throw new FuncError(`expected integer; found ${a.text}`);
      return { v: a.int };
    }
    if (kind === 'float') return { v: a.value };
  }
  return exec.arg(a, cx.scope as never, cx.dot);
}

export function callFunction(exec: Exec, name: string, argNodes: Arg[], final: Val | undefined, at: Span, scope: CallCx['scope'], dot: Val): Val {
  const def = exec.funcs.get(name);
  const cx: CallCx = { exec, scope, dot, at, name };
  if (!def) exec.fail(`function ${JSON.stringify(name)} not defined`, scope, at);
  const n = argNodes.length + (final !== undefined ? 1 : 0);
  const fixed = def.params.length;
  if (def.unsupported) {
    exec.info(`function "${name}" is not supported by ScaleLint's Helm renderer; rendered as an empty value`, scope.file, at.start, at.end);
    return { v: def.placeholder ?? '' };
  }
  if (def.variadic ? n < fixed : n !== fixed) {
    exec.fail(`wrong number of args for ${name}: want ${def.variadic ? 'at least ' : ''}${fixed} got ${n}`, scope, at);
  }
  try {
    if (def.lazy) {
      const thunks = argNodes.map((a) => () => exec.arg(a, scope as never, dot));
      if (final !== undefined) thunks.push(() => final);
      return def.lazy(thunks, cx);
    }
    const args: Val[] = [];
    argNodes.forEach((a, i) => {
      const kind = i < fixed ? def.params[i]! : def.variadic ?? 'any';
      const val = literal(exec, a, kind, cx);
      args.push({ v: conform(val.v, kind), p: val.p });
    });
    if (final !== undefined) {
      const kind = args.length < fixed ? def.params[args.length]! : def.variadic ?? 'any';
      args.push({ v: conform(final.v, kind), p: final.p });
    }
    const r = def.fn!(args, cx);
    const rv = def.val ? (r as Val).v : r;
    if (typeof rv === 'string' && rv.length > exec.limits.maxOutput) exec.fail(`error calling ${name}: result longer than ${exec.limits.maxOutput} characters`, scope, at);
    if (def.val) return r as Val;
    if (def.keep && args.length > 0) {
      const last = args[args.length - 1]!;
      if (typeof r === 'string' && r === last.v) return { v: r, p: last.p };
    }
    return { v: r as GoValue };
  } catch (e) {
    if (e instanceof ExecError) throw e;
    if (e instanceof FuncError) exec.fail(`error calling ${name}: ${e.message}`, scope, at);
    if (e instanceof HelmError) exec.fail(e.message, scope, at, true);
    if (e instanceof RangeError) exec.fail(`error calling ${name}: ${e.message}`, scope, at);
    throw e;
  }
}

/**
 * Executes a parsed template the way Go's text/template does with Helm's options (missingkey=zero, and
 * `<no value>` printed as nothing): control structures, variables and their scopes, pipelines, field
 * chains, function calls (call.ts). Errors are thrown as ExecError and caught by the renderer.
 */
import type { Arg, Command, Pipe, Span, TplNode } from './ast';
import { callFunction, type FuncTable } from './call';
import { Out } from './out';
import { GoStruct, isMap, originIn, printValue, scalarVal, truth, typeName, type GoValue, type Val } from './values';

export class ExecError {
  constructor(
    readonly message: string,
    readonly file: string,
    readonly start: number,
    readonly end: number,
    /** Helm reports it as an "execution error" with the message as is (required, fail). */
    readonly helm = false,
  ) {}
}

/** Helm's limit on nested includes of one name, and our overall nesting limit (JS stack). */
export const HELM_RECURSION_MAX = 1000;

export interface Limits {
  /** Nesting of include/template/tpl calls. */
  maxDepth: number;
  /** Range iterations in one template render. */
  maxIterations: number;
  /** Characters written in one template render (including include output). */
  maxOutput: number;
}

export const DEFAULT_LIMITS: Limits = { maxDepth: 200, maxIterations: 1_000_000, maxOutput: 20_000_000 };

export interface TemplateDef {
  nodes: TplNode[];
  file: string;
  /** The template text (for messages). */
  text: string;
}

interface Scope {
  file: string;
  text: string;
  vars: { name: string; val: Val }[];
}

class LoopSignal {
  constructor(readonly kind: 'break' | 'continue') {}
}

export interface InfoSink {
  (message: string, file: string, start: number, end: number): void;
}

export class Exec {
  iterations = 0;
  depth = 0;
  readonly includeCounts = new Map<string, number>();
  readonly budget: { chars: number; max: number };

  constructor(
    readonly templates: Map<string, TemplateDef>,
    readonly funcs: FuncTable,
    readonly limits: Limits,
    readonly info: InfoSink,
  ) {
    this.budget = { chars: 0, max: limits.maxOutput };
  }

  newOut(): Out {
    return new Out(this.budget);
  }

  fail(message: string, scope: { file: string }, at: Span, helm = false): never {
    throw new ExecError(message, scope.file, at.start, at.end, helm);
  }

  /** Runs a named template into `out`. */
  runNamed(name: string, dot: Val, out: Out, at: Span, caller: { file: string }): void {
    const def = this.templates.get(name);
    if (!def) this.fail(`template: no template ${JSON.stringify(name)} associated with template "gotpl"`, caller, at);
    this.enter(name, at, caller);
    try {
      this.run(def.nodes, { file: def.file, text: def.text, vars: [{ name: '$', val: dot }] }, dot, out);
    } finally {
      this.leave(name);
    }
  }

  enter(name: string, at: Span, caller: { file: string }): void {
    const n = (this.includeCounts.get(name) ?? 0) + 1;
    if (n > HELM_RECURSION_MAX || this.depth + 1 > this.limits.maxDepth) {
      this.fail(`rendering template has a nested reference name: ${name}: unable to execute template`, caller, at);
    }
    this.includeCounts.set(name, n);
    this.depth++;
  }

  leave(name: string): void {
    this.depth--;
    this.includeCounts.set(name, (this.includeCounts.get(name) ?? 1) - 1);
  }

  /** Runs a template body with `$` = dot. */
  runBody(nodes: TplNode[], file: string, text: string, dot: Val, out: Out): void {
    this.run(nodes, { file, text, vars: [{ name: '$', val: dot }] }, dot, out);
  }

  private run(nodes: TplNode[], scope: Scope, dot: Val, out: Out): void {
    for (const n of nodes) {
      switch (n.kind) {
        case 'text':
          out.lit(n.text, scope.file, n.start, n.end);
          break;
        case 'action': {
          const v = this.pipeline(n.pipe, scope, dot);
          if (n.pipe.decl.length === 0) out.action(v, scope.file, n.start, n.end);
          break;
        }
        case 'if': case 'with': {
          const mark = scope.vars.length;
          const v = this.pipeline(n.pipe, scope, dot);
          if (truth(v.v)) this.run(n.list, scope, n.kind === 'with' ? v : dot, out);
          else if (n.elseList) this.run(n.elseList, scope, dot, out);
          scope.vars.length = mark;
          break;
        }
        case 'range':
          this.range(n.pipe, n.list, n.elseList, scope, dot, out);
          break;
        case 'template': {
          const v: Val = n.pipe ? this.pipeline(n.pipe, scope, dot) : { v: undefined };
          this.runNamed(n.name, v, out, n, scope);
          break;
        }
        case 'break': case 'continue':
          throw new LoopSignal(n.kind);
      }
    }
  }

  private range(pipe: Pipe, list: TplNode[], elseList: TplNode[] | undefined, scope: Scope, dot: Val, out: Out): void {
    const mark = scope.vars.length;
    const val = this.pipeline({ ...pipe, decl: [] }, scope, dot);
    const decl = pipe.decl;
    const base = scope.vars.length;
    if (!pipe.isAssign) for (const name of decl) scope.vars.push({ name, val });
    const one = (key: Val, elem: Val): boolean => {
      if (++this.iterations > this.limits.maxIterations) this.fail(`range: more than ${this.limits.maxIterations} iterations`, scope, pipe);
      if (decl.length > 0) {
        if (pipe.isAssign) {
          if (decl.length > 1) { this.setVar(scope, decl[0]!, key, pipe); this.setVar(scope, decl[1]!, elem, pipe); }
          else this.setVar(scope, decl[0]!, elem, pipe);
        } else {
          scope.vars[base] = { name: decl[0]!, val: decl.length > 1 ? key : elem };
          if (decl.length > 1) scope.vars[base + 1] = { name: decl[1]!, val: elem };
        }
      }
      const inner = scope.vars.length;
      try {
        this.run(list, scope, elem, out);
      } catch (e) {
        if (e instanceof LoopSignal) {
          scope.vars.length = inner;
          return e.kind === 'continue';
        }
        throw e;
      }
      scope.vars.length = inner;
      return true;
    };
    const v = val.v instanceof GoStruct && val.v.entries ? val.v.entries() : val.v;
    let ran = false;
    if (Array.isArray(v)) {
      for (let i = 0; i < v.length; i++) { ran = true; if (!one({ v: BigInt(i) }, scalarVal(v[i], originIn(v, i)))) break; }
    } else if (isMap(v)) {
      for (const k of [...v.keys()].sort(goStringCompare)) { ran = true; if (!one({ v: k }, scalarVal(v.get(k), originIn(v, k)))) break; }
    } else if (typeof v === 'bigint') {
      // Go 1.22+: range over an int (a float64 from values is an error, as in Go).
      if (decl.length > 1) this.fail(`can't use ${printValue(v)} to iterate over more than one variable`, scope, pipe);
      const n = Number(v);
      if (n > this.limits.maxIterations) this.fail(`range: more than ${this.limits.maxIterations} iterations`, scope, pipe);
      for (let i = 0; i < n; i++) { ran = true; if (!one({ v: BigInt(i) }, { v: BigInt(i) })) break; }
    } else if (v !== null && v !== undefined) {
      this.fail(`range can't iterate over ${printValue(v, true)}`, scope, pipe);
    }
    if (!ran && elseList) {
      scope.vars.length = mark;
      this.run(elseList, scope, dot, out);
    }
    scope.vars.length = mark;
  }

  private setVar(scope: Scope, name: string, val: Val, at: Span): void {
    for (let i = scope.vars.length - 1; i >= 0; i--) {
      if (scope.vars[i]!.name === name) { scope.vars[i] = { name, val }; return; }
    }
    this.fail(`undefined variable: ${name}`, scope, at);
  }

  private varValue(scope: Scope, name: string, at: Span): Val {
    for (let i = scope.vars.length - 1; i >= 0; i--) if (scope.vars[i]!.name === name) return scope.vars[i]!.val;
    this.fail(`undefined variable: ${name}`, scope, at);
  }

  /** Evaluates a pipeline; declares or assigns its variables. */
  pipeline(pipe: Pipe, scope: Scope, dot: Val): Val {
    let v: Val | undefined;
    for (const cmd of pipe.cmds) v = this.command(cmd, scope, dot, v);
    // Go turns a pipeline's nil interface into the invalid value: `(.Values.missing).x` is no error.
    const val: Val = v === undefined || v.v === null ? { v: undefined } : v;
    for (const name of pipe.decl) {
      if (pipe.isAssign) this.setVar(scope, name, val, pipe);
      else scope.vars.push({ name, val });
    }
    return val;
  }

  private command(cmd: Command, scope: Scope, dot: Val, final: Val | undefined): Val {
    const first = cmd.args[0]!;
    const rest = cmd.args.slice(1);
    switch (first.kind) {
      case 'field':
        return this.fieldChain(dot, first.names, first, rest, final, scope, dot);
      case 'chain': {
        if (first.node.kind === 'field' || first.node.kind === 'variable') return this.fieldChain(this.arg(first.node, scope, dot), first.fields, first, rest, final, scope, dot);
        const base = this.arg(first.node, scope, dot);
        return this.fieldChain(base, first.fields, first, rest, final, scope, dot);
      }
      case 'variable': {
        const v = this.varValue(scope, first.name, first);
        if (first.fields.length === 0) {
          this.notAFunction(cmd, final, scope, first.name);
          return v;
        }
        return this.fieldChain(v, first.fields, first, rest, final, scope, dot);
      }
      case 'ident':
        return callFunction(this, first.name, rest, final, first, scope, dot);
      case 'nil':
        this.fail('nil is not a command', scope, first);
      case 'pipe':
        this.notAFunction(cmd, final, scope, 'parenthesized pipeline');
        return this.pipelineScoped(first.pipe, scope, dot);
    }
    this.notAFunction(cmd, final, scope, printValue(this.arg(first, scope, dot).v, true));
    return this.arg(first, scope, dot);
  }

  private notAFunction(cmd: Command, final: Val | undefined, scope: Scope, what: string): void {
    if (cmd.args.length > 1 || final !== undefined) this.fail(`can't give argument to non-function ${what}`, scope, cmd);
  }

  /** A parenthesised pipeline: its variables do not outlive it. */
  pipelineScoped(pipe: Pipe, scope: Scope, dot: Val): Val {
    const mark = scope.vars.length;
    const v = this.pipeline(pipe, scope, dot);
    scope.vars.length = mark;
    return v;
  }

  /** Evaluates an argument node. */
  arg(a: Arg, scope: Scope, dot: Val): Val {
    switch (a.kind) {
      case 'dot': return dot;
      case 'nil': return { v: null };
      case 'bool': return { v: a.value };
      case 'string': return { v: a.value };
      case 'number':
        if (a.isInt && !(a.isFloat && /[.eEpP]/.test(a.text) && !/^[+-]?0[xX][^pP]*$/.test(a.text)) && a.int !== undefined) return { v: a.int };
        return { v: a.value };
      case 'variable': {
        const v = this.varValue(scope, a.name, a);
        return a.fields.length === 0 ? v : this.fieldChain(v, a.fields, a, [], undefined, scope, dot);
      }
      case 'field': return this.fieldChain(dot, a.names, a, [], undefined, scope, dot);
      case 'chain': return this.fieldChain(this.arg(a.node, scope, dot), a.fields, a, [], undefined, scope, dot);
      case 'pipe': return this.pipelineScoped(a.pipe, scope, dot);
      case 'ident': return callFunction(this, a.name, [], undefined, a, scope, dot);
    }
  }

  private fieldChain(recv: Val, names: string[], at: Span, args: Arg[], final: Val | undefined, scope: Scope, dot: Val): Val {
    let cur = recv;
    for (let i = 0; i < names.length; i++) {
      const last = i === names.length - 1;
      cur = this.field(cur, names[i]!, at, last ? args : [], last ? final : undefined, scope, dot);
    }
    return cur;
  }

  private field(recv: Val, name: string, at: Span, args: Arg[], final: Val | undefined, scope: Scope, dot: Val): Val {
    const r = recv.v;
    const hasArgs = args.length > 0 || final !== undefined;
    if (r === undefined) return { v: undefined };
    if (r === null) this.fail(`nil pointer evaluating interface {}.${name}`, scope, at);
    if (r instanceof GoStruct) {
      const m = r.methods[name];
      if (m) {
        const vals = args.map((a) => this.arg(a, scope, dot).v);
        if (final !== undefined) vals.push(final.v);
        if (vals.length !== m.arity) this.fail(`wrong number of args for ${name}: want ${m.arity} got ${vals.length}`, scope, at);
        try {
          return { v: m.fn(vals) };
        } catch (e) {
          if (e instanceof ExecError) throw e;
          this.fail(`error calling ${name}: ${e instanceof Error ? e.message : String(e)}`, scope, at);
        }
      }
      if (r.fields.has(name)) {
        if (hasArgs) this.fail(`${name} has arguments but cannot be invoked as function`, scope, at);
        return { v: r.fields.get(name) };
      }
      if (r.entries) {
        // Helm's Files is a map: `.Files.name` is the file's content.
        if (hasArgs) this.fail(`${name} is not a method but has arguments`, scope, at);
        return { v: r.entries().get(name) ?? null };
      }
      this.fail(`can't evaluate field ${name} in type ${r.typeName}`, scope, at);
    }
    if (isMap(r)) {
      if (hasArgs) this.fail(`${name} is not a method but has arguments`, scope, at);
      if (!r.has(name)) return { v: null };
      return scalarVal(r.get(name), originIn(r, name));
    }
    this.fail(`can't evaluate field ${name} in type ${typeName(r)}`, scope, at);
  }
}

/** Go sorts map keys by bytes; for the BMP that is code-unit order. */
export function goStringCompare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export type { GoValue };

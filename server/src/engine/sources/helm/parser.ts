/**
 * Parser for Go `text/template`: tokens (lexer.ts) → the tree of ast.ts, with Go's parse-time checks
 * (unknown functions, undefined variables, unbalanced `{{end}}`/`{{else}}`, `{{break}}` outside `{{range}}`).
 */
import type { Arg, BranchNode, Command, ParsedTemplate, Pipe, TplNode } from './ast';
import { TemplateError } from './ast';
import { lex, type Token } from './lexer';

const MAX_DEPTH = 500;

class Fail {
  constructor(readonly message: string, readonly start: number, readonly end: number) {}
}

type Stop = 'end' | 'else' | 'eof';

class Parser {
  private i = 0;
  private vars: string[] = ['$'];
  private depth = 0;
  private rangeDepth = 0;
  readonly defines = new Map<string, TplNode[]>();

  constructor(private readonly toks: Token[], private readonly isFunc: (name: string) => boolean) {}

  private peek(): Token {
    return this.toks[this.i]!;
  }
  private next(): Token {
    const t = this.toks[this.i]!;
    if (t.type === 'error') throw new Fail(t.value, t.start, t.end);
    if (t.type !== 'eof') this.i++;
    return t;
  }
  /** The next token that is not a space. */
  private nextNonSpace(): Token {
    let t = this.next();
    while (t.type === 'space') t = this.next();
    return t;
  }
  private peekNonSpace(): Token {
    let j = this.i;
    while (this.toks[j]!.type === 'space') j++;
    const t = this.toks[j]!;
    if (t.type === 'error') throw new Fail(t.value, t.start, t.end);
    return t;
  }
  private expectRight(context: string): Token {
    const t = this.nextNonSpace();
    if (t.type !== 'right') throw new Fail(`unexpected ${describe(t)} in ${context}`, t.start, t.end);
    return t;
  }

  parseFile(): TplNode[] {
    const { list, stop } = this.itemList(true);
    if (stop.kind !== 'eof') throw new Fail(`unexpected {{${stop.kind}}}`, stop.start, stop.end);
    return list;
  }

  /** Items until `{{end}}`, `{{else}}` or EOF. */
  private itemList(top: boolean): { list: TplNode[]; stop: { kind: Stop; start: number; end: number; tok?: Token } } {
    const list: TplNode[] = [];
    for (;;) {
      const t = this.next();
      if (t.type === 'eof') return { list, stop: { kind: 'eof', start: t.start, end: t.end } };
      if (t.type === 'text') { list.push({ kind: 'text', text: t.value, start: t.start, end: t.end }); continue; }
      if (t.type === 'comment') continue;
      if (t.type !== 'left') throw new Fail(`unexpected ${describe(t)}`, t.start, t.end);
      const k = this.peekNonSpace();
      if (k.type === 'keyword') {
        if (k.value === 'end' || k.value === 'else') {
          this.nextNonSpace();
          if (k.value === 'end') {
            const r = this.expectRight('end');
            return { list, stop: { kind: 'end', start: t.start, end: r.end } };
          }
          return { list, stop: { kind: 'else', start: t.start, end: k.end, tok: k } };
        }
        if (k.value === 'define') {
          if (!top) throw new Fail('unexpected <define> in command', k.start, k.end);
          this.nextNonSpace();
          this.define(t.start);
          continue;
        }
      }
      list.push(this.action(t));
    }
  }

  private action(left: Token): TplNode {
    const k = this.peekNonSpace();
    if (k.type === 'keyword') {
      this.nextNonSpace();
      switch (k.value) {
        case 'if': case 'with': case 'range': return this.control(k.value, left.start);
        case 'template': return this.template(left.start, 'template');
        case 'block': return this.template(left.start, 'block');
        case 'break': case 'continue': {
          if (this.rangeDepth === 0) throw new Fail(`{{${k.value}}} outside {{range}}`, k.start, k.end);
          const r = this.expectRight(k.value);
          return { kind: k.value, start: left.start, end: r.end };
        }
      }
      throw new Fail(`unexpected ${describe(k)}`, k.start, k.end);
    }
    // Variables declared by a plain action stay visible to the end of the enclosing block.
    const pipe = this.pipeline('command', 'right');
    const end = this.toks[this.i - 1]!.end;
    return { kind: 'action', pipe, start: left.start, end };
  }

  private enter(at: Token | { start: number; end: number }): void {
    if (++this.depth > MAX_DEPTH) throw new Fail('template nesting too deep', at.start, at.end);
  }

  private control(kind: 'if' | 'with' | 'range', start: number): BranchNode {
    this.enter({ start, end: start + 2 });
    const saved = this.vars.length;
    const pipe = this.pipeline(kind, 'right');
    const openEnd = this.toks[this.i - 1]!.end;
    if (kind === 'range') this.rangeDepth++;
    const body = this.itemList(false);
    if (kind === 'range') this.rangeDepth--;
    const node: BranchNode = { kind, pipe, list: body.list, start, end: body.stop.end };
    // An unclosed block: reported at its opening action.
    if (body.stop.kind === 'eof') throw new Fail(`unexpected EOF: {{${kind}}} without {{end}}`, start, openEnd);
    if (body.stop.kind === 'else') {
      const after = this.peekNonSpace();
      if ((kind === 'if' && after.type === 'keyword' && after.value === 'if') || (kind === 'with' && after.type === 'keyword' && after.value === 'with')) {
        // `{{else if …}}` / `{{else with …}}`: a nested branch that shares this one's {{end}}.
        this.nextNonSpace();
        const nested = this.control(kind, body.stop.start);
        node.elseList = [nested];
        node.end = nested.end;
      } else {
        this.expectRight('else');
        const alt = this.itemList(false);
        if (alt.stop.kind === 'eof') throw new Fail(`unexpected EOF: {{${kind}}} without {{end}}`, start, openEnd);
        if (alt.stop.kind === 'else') throw new Fail('expected end; found {{else}}', alt.stop.start, alt.stop.end);
        node.elseList = alt.list;
        node.end = alt.stop.end;
      }
    }
    this.vars.length = saved;
    this.depth--;
    return node;
  }

  private templateName(context: string): string {
    const t = this.nextNonSpace();
    if (t.type !== 'string' && t.type !== 'rawstring') throw new Fail(`unexpected ${describe(t)} in ${context}`, t.start, t.end);
    return t.value;
  }

  private template(start: number, kind: 'template' | 'block'): TplNode {
    const name = this.templateName(kind === 'block' ? 'block clause' : 'template clause');
    let pipe: Pipe | undefined;
    const t = this.peekNonSpace();
    if (t.type !== 'right') pipe = this.pipeline(`${kind} clause`, 'right');
    else this.nextNonSpace();
    const end = this.toks[this.i - 1]!.end;
    if (kind === 'block') {
      const savedVars = this.vars;
      this.vars = ['$'];
      this.enter({ start, end });
      const body = this.itemList(false);
      this.depth--;
      this.vars = savedVars;
      if (body.stop.kind !== 'end') throw new Fail(body.stop.kind === 'eof' ? 'unexpected EOF' : 'unexpected {{else}}', body.stop.start, body.stop.end);
      this.defines.set(name, body.list);
      return { kind: 'template', name, pipe, start, end: body.stop.end };
    }
    return { kind: 'template', name, pipe, start, end };
  }

  private define(start: number): void {
    const name = this.templateName('define clause');
    this.expectRight('define clause');
    const savedVars = this.vars;
    this.vars = ['$'];
    const body = this.itemList(false);
    this.vars = savedVars;
    if (body.stop.kind !== 'end') throw new Fail(body.stop.kind === 'eof' ? 'unexpected EOF' : 'unexpected {{else}}', body.stop.kind === 'eof' ? start : body.stop.start, body.stop.end);
    this.defines.set(name, body.list);
  }

  private pipeline(context: string, end: 'right' | 'rparen'): Pipe {
    const first = this.peekNonSpace();
    const pipe: Pipe = { decl: [], isAssign: false, cmds: [], start: first.start, end: first.start };
    // Declarations: `$x :=`, `$x =`, `$i, $e :=` (range only).
    if (first.type === 'variable') {
      const save = this.i;
      this.nextNonSpace();
      const op = this.peekNonSpace();
      if (op.type === 'declare' || op.type === 'assign') {
        this.nextNonSpace();
        pipe.decl.push(first.value);
        pipe.isAssign = op.type === 'assign';
      } else if (op.type === 'comma' && context === 'range') {
        this.nextNonSpace();
        const second = this.nextNonSpace();
        if (second.type !== 'variable') throw new Fail(`range can only initialize variables`, second.start, second.end);
        const op2 = this.nextNonSpace();
        if (op2.type !== 'declare' && op2.type !== 'assign') throw new Fail(`unexpected ${describe(op2)} in range`, op2.start, op2.end);
        pipe.decl.push(first.value, second.value);
        pipe.isAssign = op2.type === 'assign';
      } else {
        this.i = save;
      }
      if (pipe.isAssign) {
        for (const v of pipe.decl) if (!this.vars.includes(v)) throw new Fail(`undefined variable ${JSON.stringify(v)}`, first.start, first.end);
      }
    }
    for (;;) {
      const t = this.peekNonSpace();
      if ((end === 'right' && t.type === 'right') || (end === 'rparen' && t.type === 'rparen')) {
        this.nextNonSpace();
        if (pipe.cmds.length === 0) throw new Fail(`missing value for ${context}`, t.start, t.end);
        break;
      }
      if (t.type === 'eof' || t.type === 'right' || t.type === 'rparen') throw new Fail(`unexpected ${describe(t)} in ${context}`, t.start, t.end);
      pipe.cmds.push(this.command(context));
      const sep = this.peekNonSpace();
      if (sep.type === 'pipe') {
        this.nextNonSpace();
        const after = this.peekNonSpace();
        if (after.type === 'right' || after.type === 'rparen') throw new Fail('missing command after |', after.start, after.end);
      }
    }
    if (!pipe.isAssign) for (const v of pipe.decl) this.vars.push(v);
    pipe.end = this.toks[this.i - 1]!.start;
    if (pipe.cmds.length > 0) pipe.end = pipe.cmds[pipe.cmds.length - 1]!.end;
    return pipe;
  }

  private command(context: string): Command {
    const args: Arg[] = [];
    for (;;) {
      const t = this.peekNonSpace();
      if (t.type === 'pipe' || t.type === 'right' || t.type === 'rparen') break;
      if (t.type === 'eof') throw new Fail(`unexpected EOF in ${context}`, t.start, t.end);
      const before = this.i;
      this.nextNonSpace();
      const a = this.operand(t);
      if (a === undefined) {
        this.i = before;
        throw new Fail(`unexpected ${describe(t)} in operand`, t.start, t.end);
      }
      if (args.length > 0 && this.toks[before]!.type !== 'space') throw new Fail(`missing space?`, t.start, t.end);
      args.push(a);
    }
    if (args.length === 0) {
      const t = this.peekNonSpace();
      throw new Fail(`empty command`, t.start, t.end);
    }
    return { args, start: args[0]!.start, end: args[args.length - 1]!.end };
  }

  private operand(t: Token): Arg | undefined {
    let a = this.term(t);
    if (a === undefined) return undefined;
    // Field chains directly after the term: `$x.a.b`, `(pipe).a`.
    const fields: string[] = [];
    let end = a.end;
    while (this.peek().type === 'field') {
      const f = this.next();
      fields.push(f.value.slice(1));
      end = f.end;
    }
    if (fields.length === 0) return a;
    if (a.kind === 'variable') return { ...a, fields: [...a.fields, ...fields], end };
    if (a.kind === 'field') return { ...a, names: [...a.names, ...fields], end };
    if (a.kind === 'bool' || a.kind === 'string' || a.kind === 'number' || a.kind === 'nil' || a.kind === 'dot') {
      throw new Fail(`unexpected . after term ${JSON.stringify(this.srcOf(a))}`, a.start, end);
    }
    a = { kind: 'chain', node: a, fields, start: a.start, end };
    return a;
  }

  private srcOf(a: Arg): string {
    return a.kind === 'string' ? JSON.stringify(a.value) : a.kind === 'number' ? a.text : a.kind;
  }

  private term(t: Token): Arg | undefined {
    const { start, end } = t;
    switch (t.type) {
      case 'ident':
        if (!this.isFunc(t.value)) throw new Fail(`function ${JSON.stringify(t.value)} not defined`, start, end);
        return { kind: 'ident', name: t.value, start, end };
      case 'dot': return { kind: 'dot', start, end };
      case 'nil': return { kind: 'nil', start, end };
      case 'bool': return { kind: 'bool', value: t.value === 'true', start, end };
      case 'string': case 'rawstring': return { kind: 'string', value: t.value, start, end };
      case 'field': return { kind: 'field', names: [t.value.slice(1)], start, end };
      case 'variable': {
        if (!this.vars.includes(t.value)) throw new Fail(`undefined variable ${JSON.stringify(t.value)}`, start, end);
        return { kind: 'variable', name: t.value, fields: [], start, end };
      }
      case 'char': {
        const cp = t.value.codePointAt(0) ?? 0;
        return { kind: 'number', text: t.value, isInt: true, isFloat: false, value: cp, int: BigInt(cp), start, end };
      }
      case 'number': return this.number(t);
      case 'lparen': {
        this.enter(t);
        const pipe = this.pipeline('parenthesized pipeline', 'rparen');
        this.depth--;
        return { kind: 'pipe', pipe, start, end: this.toks[this.i - 1]!.end };
      }
    }
    return undefined;
  }

  private number(t: Token): Arg {
    const text = t.value;
    const clean = text.replace(/_/g, '');
    const neg = clean.startsWith('-');
    const body = clean.replace(/^[+-]/, '');
    let int: bigint | undefined;
    let value = NaN;
    if (/^0[xX][0-9a-fA-F]+$|^0[oO][0-7]+$|^0[bB][01]+$|^[0-9]+$/.test(body)) {
      let b = body;
      if (/^0[0-7]+$/.test(b)) b = '0o' + b.slice(1);
      try { int = BigInt(b); } catch { int = undefined; }
      if (int !== undefined && neg) int = -int;
      if (int !== undefined) value = Number(int);
      if (/^0[0-9]*[89]/.test(body)) int = undefined;
    }
    const hexFloat = /^0[xX]([0-9a-fA-F]*)(?:\.([0-9a-fA-F]*))?[pP]([+-]?\d+)$/.exec(body);
    if (int === undefined && hexFloat && (hexFloat[1] || hexFloat[2])) {
      // A hex float (Go's strconv.ParseFloat): mantissa in hex, exponent of 2 in decimal.
      const fraction = hexFloat[2] ?? '';
      const mantissa = parseInt(`${hexFloat[1]}${fraction}` || '0', 16);
      value = (neg ? -1 : 1) * mantissa * 2 ** (Number(hexFloat[3]) - 4 * fraction.length);
    } else if (int === undefined) {
      if (!/^(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(body)) throw new Fail(`bad number syntax: ${JSON.stringify(text)}`, t.start, t.end);
      value = Number(clean);
    }
    // As Go's parse.NumberNode: a float literal with an integral value is also an int.
    const parsedAsInt = int !== undefined;
    const isInt = parsedAsInt || (Number.isInteger(value) && Math.abs(value) < 2 ** 63);
    if (int === undefined && isInt) int = BigInt(value);
    if (int !== undefined && (int > 2n ** 63n - 1n || int < -(2n ** 63n))) throw new Fail(`number out of range: ${text}`, t.start, t.end);
    return { kind: 'number', text, isInt, isFloat: !parsedAsInt || /[.eE]/.test(body) || hexFloat !== null, value, int, start: t.start, end: t.end };
  }
}

function describe(t: Token): string {
  switch (t.type) {
    case 'eof': return 'EOF';
    case 'right': return `"${t.value}"`;
    case 'keyword': return `<${t.value}>`;
    default: return `<${t.value}>`;
  }
}

/** Parses one template file. Never throws: a syntax error comes back as `error`. */
/**
 * Parsed templates by file and text: a keystroke in values.yaml renders the chart again (and once per gate),
 * and its templates have not changed. A tree depends only on the text and on which identifiers are functions:
 * each entry keeps the names the parse asked about and their answers, and is reused only when the table asked
 * now gives the same answers. Trees are never mutated after parsing. Bounded: cleared whole when full.
 */
interface ParsedEntry {
  result: { template?: ParsedTemplate; error?: TemplateError };
  asked: Map<string, boolean>;
}
const parsedCache = new Map<string, ParsedEntry>();
const PARSED_CACHE_LIMIT = 2000;

export function parseTemplate(
  file: string,
  text: string,
  isFunc: (name: string) => boolean,
): { template?: ParsedTemplate; error?: TemplateError } {
  const key = `${file}\u0000${text}`;
  const known = parsedCache.get(key);
  if (known && [...known.asked].every(([name, answer]) => isFunc(name) === answer)) return known.result;
  const asked = new Map<string, boolean>();
  const result = parseUncached(file, text, (name) => {
    const answer = isFunc(name);
    asked.set(name, answer);
    return answer;
  });
  if (parsedCache.size >= PARSED_CACHE_LIMIT) parsedCache.clear();
  parsedCache.set(key, { result, asked });
  return result;
}

function parseUncached(
  file: string,
  text: string,
  isFunc: (name: string) => boolean,
): { template?: ParsedTemplate; error?: TemplateError } {
  const p = new Parser(lex(text), isFunc);
  try {
    const root = p.parseFile();
    return { template: { file, text, root, defines: p.defines } };
  } catch (e) {
    if (e instanceof Fail) return { error: new TemplateError(e.message, file, e.start, e.end) };
    return { error: new TemplateError(`template could not be parsed: ${String(e)}`, file, 0, 0) };
  }
}

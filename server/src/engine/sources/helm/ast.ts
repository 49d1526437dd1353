/**
 * The syntax tree of a Go `text/template` (the shape of Go's text/template/parse), with the UTF-16 offsets
 * of every node in the template text, so that rendered text and errors can point back at it.
 */

export interface Span {
  start: number;
  end: number;
}

export interface TextNode extends Span {
  kind: 'text';
  /** The literal text after trim markers removed surrounding whitespace; `start`/`end` cover exactly it. */
  text: string;
}

export interface ActionNode extends Span {
  kind: 'action';
  pipe: Pipe;
}

export interface BranchNode extends Span {
  kind: 'if' | 'with' | 'range';
  pipe: Pipe;
  list: TplNode[];
  elseList?: TplNode[];
}

export interface TemplateNode extends Span {
  kind: 'template';
  name: string;
  pipe?: Pipe;
}

export interface LoopControlNode extends Span {
  kind: 'break' | 'continue';
}

export type TplNode = TextNode | ActionNode | BranchNode | TemplateNode | LoopControlNode;

export interface Pipe extends Span {
  /** Declared or assigned variables (`$x :=`, `$i, $e :=`, `$x =`). */
  decl: string[];
  isAssign: boolean;
  cmds: Command[];
}

export interface Command extends Span {
  args: Arg[];
}

export type Arg =
  | (Span & { kind: 'field'; names: string[] })
  | (Span & { kind: 'variable'; name: string; fields: string[] })
  | (Span & { kind: 'chain'; node: Arg; fields: string[] })
  | (Span & { kind: 'ident'; name: string })
  | (Span & { kind: 'dot' })
  | (Span & { kind: 'nil' })
  | (Span & { kind: 'bool'; value: boolean })
  | (Span & { kind: 'number'; text: string; isInt: boolean; isFloat: boolean; value: number; int?: bigint })
  | (Span & { kind: 'string'; value: string })
  | (Span & { kind: 'pipe'; pipe: Pipe });

/** A parsed template file: its main body and the named templates it defines. */
export interface ParsedTemplate {
  file: string;
  text: string;
  root: TplNode[];
  defines: Map<string, TplNode[]>;
}

/** A template error at a place in a file. */
export class TemplateError {
  constructor(
    readonly message: string,
    readonly file: string,
    readonly start: number,
    readonly end: number,
  ) {}
}

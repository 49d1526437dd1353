/**
 * A file's structure before evaluation, the same for native HCL (hcl.ts) and `.tf.json` (json.ts):
 * bodies of attributes and blocks, and expressions reduced to what the evaluator can use. Offsets are
 * UTF-16 offsets into that file's text.
 */

export interface Span {
  start: number;
  end: number;
}

/** One step after the root of a traversal: `.name`, `[0]`/`["k"]`, or a splat (`[*]`, `.*`). */
export type TraversalStep =
  | ({ kind: 'attr'; name: string } & Span)
  | ({ kind: 'index'; key: number | string | undefined } & Span)
  | ({ kind: 'splat' } & Span);

export type RawExpr =
  | ({ kind: 'literal'; value: number | string | boolean | null } & Span)
  | ({ kind: 'tuple'; items: RawExpr[] } & Span)
  | ({ kind: 'object'; entries: RawObjectEntry[] } & Span)
  /** `var.x`, `local.y`, `aws_autoscaling_policy.up.arn`, `data.aws_ami.x.id`, `count.index`, … */
  | ({ kind: 'traversal'; root: string; rootSpan: Span; steps: TraversalStep[] } & Span)
  /** Anything the evaluator does not compute; `what` names it for the unknown value's reason. */
  | ({ kind: 'other'; what: string } & Span);

export interface RawObjectEntry {
  /** The key when it is a name or a literal string; undefined for a computed key. */
  key: string | undefined;
  keySpan: Span;
  value: RawExpr;
}

export interface RawAttribute extends Span {
  name: string;
  nameSpan: Span;
  expr: RawExpr;
}

export interface RawBlock extends Span {
  type: string;
  typeSpan: Span;
  labels: RawLabel[];
  body: RawBody;
  /** The `}` that closes the body, when the text has one. */
  closingBrace?: Span;
}

export interface RawLabel extends Span {
  value: string;
}

export interface RawBody {
  attributes: RawAttribute[];
  blocks: RawBlock[];
}

export interface RawProblem extends Span {
  message: string;
}

export interface RawFile {
  path: string;
  body: RawBody;
  problems: RawProblem[];
}

/** Decodes the escapes of a quoted HCL string literal's content (`\n`, `\"`, `\u00e9`, `$${`, `%%{`). */
export function unescapeHcl(raw: string): string {
  if (!raw.includes('\\') && !raw.includes('$${') && !raw.includes('%%{')) return raw;
  let out = '';
  for (let i = 0; i < raw.length; i++) {
    const c = raw[i]!;
    if (c === '\\' && i + 1 < raw.length) {
      const n = raw[i + 1]!;
      const simple: Record<string, string> = { n: '\n', r: '\r', t: '\t', '"': '"', '\\': '\\' };
      if (simple[n] !== undefined) {
        out += simple[n];
        i++;
        continue;
      }
      const width = n === 'u' ? 4 : n === 'U' ? 8 : 0;
      const hex = raw.slice(i + 2, i + 2 + width);
      if (width && /^[0-9a-fA-F]+$/.test(hex) && hex.length === width) {
        const code = parseInt(hex, 16);
        out += code <= 0x10ffff ? String.fromCodePoint(code) : '\ufffd';
        i += 1 + width;
        continue;
      }
    }
    if ((c === '$' || c === '%') && raw[i + 1] === c && raw[i + 2] === '{') {
      out += c + '{';
      i += 2;
      continue;
    }
    out += c;
  }
  return out;
}

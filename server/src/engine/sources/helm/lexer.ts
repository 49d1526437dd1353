/**
 * Lexer for Go `text/template` (delimiters `{{` `}}`): literal text, actions with trim markers (`{{- `, ` -}}`),
 * comments, and the tokens inside actions. Offsets are UTF-16 indexes into the template text.
 */

export type TokType =
  | 'text' | 'left' | 'right' | 'comment' | 'eof' | 'error'
  | 'space' | 'pipe' | 'lparen' | 'rparen' | 'declare' | 'assign' | 'comma'
  | 'string' | 'rawstring' | 'char' | 'number' | 'ident' | 'keyword' | 'field' | 'variable' | 'dot' | 'bool' | 'nil';

export interface Token {
  type: TokType;
  /** For `text`, the text after trimming; for `string`, the unquoted value; otherwise the source characters. */
  value: string;
  start: number;
  end: number;
}

const KEYWORDS = new Set(['block', 'break', 'continue', 'define', 'else', 'end', 'if', 'range', 'template', 'with']);

function isSpace(c: string): boolean {
  return c === ' ' || c === '\t' || c === '\r' || c === '\n';
}
function isAlnum(c: string): boolean {
  return /[\p{L}\p{Nd}_]/u.test(c);
}

/** Tokenises a whole template. The last token is `eof` or `error`. */
export function lex(src: string): Token[] {
  const out: Token[] = [];
  let pos = 0;
  let trimNext = false; // the previous action ended with ` -}}`
  const n = src.length;
  for (;;) {
    const open = src.indexOf('{{', pos);
    const textEnd = open < 0 ? n : open;
    let trimLeftOfAction = false;
    if (open >= 0 && src[open + 2] === '-' && isSpace(src[open + 3] ?? '')) trimLeftOfAction = true;
    let ts = pos;
    let te = textEnd;
    if (trimNext) while (ts < te && isSpace(src[ts]!)) ts++;
    if (trimLeftOfAction) while (te > ts && isSpace(src[te - 1]!)) te--;
    if (te > ts) out.push({ type: 'text', value: src.slice(ts, te), start: ts, end: te });
    trimNext = false;
    if (open < 0) {
      out.push({ type: 'eof', value: '', start: n, end: n });
      return out;
    }
    // The action.
    let p = open + 2 + (trimLeftOfAction ? 2 : 0);
    // Comment?
    if (src.startsWith('/*', p)) {
      const close = src.indexOf('*/', p + 2);
      if (close < 0) return fail(out, 'unclosed comment', open, open + 4);
      let q = close + 2;
      let trimR = false;
      if (isSpace(src[q] ?? '') && src[q + 1] === '-' && src.startsWith('}}', q + 2)) {
        trimR = true;
        q += 2;
      }
      if (!src.startsWith('}}', q)) return fail(out, 'comment ends before closing delimiter', open, q);
      out.push({ type: 'comment', value: '', start: open, end: q + 2 });
      pos = q + 2;
      trimNext = trimR;
      continue;
    }
    out.push({ type: 'left', value: trimLeftOfAction ? '{{-' : '{{', start: open, end: p });
    // Tokens inside the action.
    let parenDepth = 0;
    for (;;) {
      if (p >= n) return fail(out, 'unclosed action', open, open + 2);
      const c = src[p]!;
      // Right delimiter, with optional trim marker.
      if (isSpace(c)) {
        let q = p;
        while (q < n && isSpace(src[q]!)) q++;
        if (src[q] === '-' && src.startsWith('}}', q + 1)) {
          out.push({ type: 'right', value: '-}}', start: q, end: q + 3 });
          pos = q + 3;
          trimNext = true;
          break;
        }
        out.push({ type: 'space', value: src.slice(p, q), start: p, end: q });
        p = q;
        continue;
      }
      if (src.startsWith('}}', p)) {
        if (parenDepth > 0) return fail(out, 'unclosed left paren', p, p + 2);
        out.push({ type: 'right', value: '}}', start: p, end: p + 2 });
        pos = p + 2;
        break;
      }
      const start = p;
      if (c === '|') { out.push({ type: 'pipe', value: c, start, end: ++p }); continue; }
      if (c === '(') { parenDepth++; out.push({ type: 'lparen', value: c, start, end: ++p }); continue; }
      if (c === ')') {
        parenDepth--;
        if (parenDepth < 0) return fail(out, 'unexpected right paren', start, start + 1);
        out.push({ type: 'rparen', value: c, start, end: ++p });
        continue;
      }
      if (c === ',') { out.push({ type: 'comma', value: c, start, end: ++p }); continue; }
      if (c === ':') {
        if (src[p + 1] !== '=') return fail(out, 'expected :=', start, start + 1);
        p += 2;
        out.push({ type: 'declare', value: ':=', start, end: p });
        continue;
      }
      if (c === '=') { out.push({ type: 'assign', value: c, start, end: ++p }); continue; }
      if (c === '"') {
        const r = scanQuoted(src, p);
        if (typeof r === 'string') return fail(out, r, start, Math.min(n, p + 1));
        out.push({ type: 'string', value: r.value, start, end: r.end });
        p = r.end;
        continue;
      }
      if (c === '`') {
        const close = src.indexOf('`', p + 1);
        if (close < 0) return fail(out, 'unterminated raw quoted string', start, n);
        out.push({ type: 'rawstring', value: src.slice(p + 1, close), start, end: close + 1 });
        p = close + 1;
        continue;
      }
      if (c === "'") {
        const r = scanChar(src, p);
        if (typeof r === 'string') return fail(out, r, start, Math.min(n, p + 1));
        out.push({ type: 'char', value: r.value, start, end: r.end });
        p = r.end;
        continue;
      }
      if (c === '$' || c === '.') {
        // Variable, field, or dot.
        let q = p + 1;
        while (q < n && isAlnum(src[q]!)) q++;
        if (c === '.' && q === p + 1) {
          // A lone dot, unless a number follows (`.5`).
          if (/[0-9]/.test(src[q] ?? '')) {
            const e = scanNumber(src, p);
            out.push({ type: 'number', value: src.slice(p, e), start, end: e });
            p = e;
            continue;
          }
          out.push({ type: 'dot', value: '.', start, end: q });
          p = q;
          continue;
        }
        out.push({ type: c === '$' ? 'variable' : 'field', value: src.slice(p, q), start, end: q });
        p = q;
        continue;
      }
      if (/[0-9+\-]/.test(c)) {
        if ((c === '+' || c === '-') && !/[0-9.]/.test(src[p + 1] ?? '')) return fail(out, `bad character ${JSON.stringify(c)}`, start, start + 1);
        const e = scanNumber(src, p);
        if (e < n && isAlnum(src[e]!)) return fail(out, `bad number syntax: ${JSON.stringify(src.slice(p, e + 1))}`, start, e + 1);
        out.push({ type: 'number', value: src.slice(p, e), start, end: e });
        p = e;
        continue;
      }
      if (isAlnum(c)) {
        let q = p;
        while (q < n && isAlnum(src[q]!)) q++;
        const word = src.slice(p, q);
        const type: TokType = KEYWORDS.has(word) ? 'keyword' : word === 'true' || word === 'false' ? 'bool' : word === 'nil' ? 'nil' : 'ident';
        out.push({ type, value: word, start, end: q });
        p = q;
        continue;
      }
      return fail(out, `unrecognized character in action: ${JSON.stringify(c)}`, start, start + 1);
    }
  }
}

function fail(out: Token[], message: string, start: number, end: number): Token[] {
  out.push({ type: 'error', value: message, start, end });
  return out;
}

function scanNumber(src: string, p: number): number {
  let q = p;
  if (src[q] === '+' || src[q] === '-') q++;
  if (src[q] === '0' && /[xX]/.test(src[q + 1] ?? '')) {
    // Hex, with Go's hex floats (`0x1p60`, `0x1.8p1`): a fraction and a binary exponent, as Go's lexer takes them.
    q += 2;
    while (q < src.length && /[0-9a-fA-F_]/.test(src[q]!)) q++;
    if (src[q] === '.') {
      q++;
      while (q < src.length && /[0-9a-fA-F_]/.test(src[q]!)) q++;
    }
    if (/[pP]/.test(src[q] ?? '')) {
      q++;
      if (src[q] === '+' || src[q] === '-') q++;
      while (q < src.length && /[0-9_]/.test(src[q]!)) q++;
    }
    return q;
  }
  if (src[q] === '0' && /[oObB]/.test(src[q + 1] ?? '')) {
    q += 2;
    while (q < src.length && /[0-9a-fA-F_]/.test(src[q]!)) q++;
    return q;
  }
  while (q < src.length && /[0-9_]/.test(src[q]!)) q++;
  if (src[q] === '.') {
    q++;
    while (q < src.length && /[0-9_]/.test(src[q]!)) q++;
  }
  if (/[eE]/.test(src[q] ?? '')) {
    let r = q + 1;
    if (src[r] === '+' || src[r] === '-') r++;
    if (/[0-9]/.test(src[r] ?? '')) {
      q = r;
      while (q < src.length && /[0-9_]/.test(src[q]!)) q++;
    }
  }
  return q;
}

const ESC: Record<string, string> = { a: '\x07', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v', '\\': '\\', '"': '"', "'": "'" };

function scanEscape(src: string, p: number): { ch: string; end: number } | string {
  const c = src[p + 1];
  if (c === undefined) return 'unterminated quoted string';
  if (c in ESC) return { ch: ESC[c]!, end: p + 2 };
  const hex = (len: number): { ch: string; end: number } | string => {
    const h = src.slice(p + 2, p + 2 + len);
    if (h.length !== len || !/^[0-9a-fA-F]+$/.test(h)) return 'invalid syntax';
    const cp = parseInt(h, 16);
    if (cp > 0x10ffff) return 'invalid syntax';
    return { ch: String.fromCodePoint(cp), end: p + 2 + len };
  };
  if (c === 'x') return hex(2);
  if (c === 'u') return hex(4);
  if (c === 'U') return hex(8);
  if (/[0-7]/.test(c)) {
    const o = src.slice(p + 1, p + 4);
    if (!/^[0-7]{3}$/.test(o)) return 'invalid syntax';
    return { ch: String.fromCharCode(parseInt(o, 8)), end: p + 4 };
  }
  return 'invalid syntax';
}

function scanQuoted(src: string, p: number): { value: string; end: number } | string {
  let q = p + 1;
  let value = '';
  for (;;) {
    const c = src[q];
    if (c === undefined || c === '\n') return 'unterminated quoted string';
    if (c === '"') return { value, end: q + 1 };
    if (c === '\\') {
      const e = scanEscape(src, q);
      if (typeof e === 'string') return e;
      value += e.ch;
      q = e.end;
      continue;
    }
    value += c;
    q++;
  }
}

function scanChar(src: string, p: number): { value: string; end: number } | string {
  let q = p + 1;
  let ch: string;
  if (src[q] === '\\') {
    const e = scanEscape(src, q);
    if (typeof e === 'string') return e;
    ch = e.ch;
    q = e.end;
  } else {
    const cp = src.codePointAt(q);
    if (cp === undefined || src[q] === '\n') return 'unterminated character constant';
    ch = String.fromCodePoint(cp);
    q += ch.length;
  }
  if (src[q] !== "'") return 'unterminated character constant';
  return { value: ch, end: q + 1 };
}

/**
 * How `kubectl kustomize` writes a scalar: it prints each resource with go-yaml v2 (JSON → YAML), whose
 * rules decide plain / 'single' / "double" / literal block style and the key order (a "natural" sort).
 * Reimplemented from the observable behaviour of go-yaml v2's resolver and emitter (no line folding: a
 * long line that go-yaml would fold at 80 columns is kept on one line; the data is the same).
 */

const V2_SPECIAL = new Set([
  'y', 'Y', 'yes', 'Yes', 'YES', 'n', 'N', 'no', 'No', 'NO', 'true', 'True', 'TRUE', 'false', 'False', 'FALSE',
  'on', 'On', 'ON', 'off', 'Off', 'OFF', '~', 'null', 'Null', 'NULL', '.inf', '.Inf', '.INF', '+.inf', '+.Inf',
  '+.INF', '-.inf', '-.Inf', '-.INF', '.nan', '.NaN', '.NAN', '<<',
]);
const FLOAT_RE = /^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$/;
const INT_RE = /^[-+]?(0[xX][0-9a-fA-F]+|0[oO][0-7]+|0[bB][01]+|0[0-7]*|[1-9][0-9]*)$/;
const BASE60_RE = /^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?$/;
const TS_RE = /^[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}(?:(?:[Tt]|[ \t]+)[0-9]{1,2}:[0-9]{1,2}:[0-9]{1,2}(?:\.[0-9]*)?(?:[ \t]*(?:Z|[-+][0-9]{1,2}(?::?[0-9]{2})?))?)?$/;

/** True when go-yaml v2 would read the plain text `s` as something other than a string. */
function resolvesToNonString(s: string): boolean {
  if (s === '' || V2_SPECIAL.has(s)) return true;
  if (BASE60_RE.test(s)) return true;
  const c = s.charAt(0);
  if (c === '.') return FLOAT_RE.test(s);
  if (!/[-+0-9]/.test(c)) return false;
  if (TS_RE.test(s)) return true;
  const plain = s.replace(/_/g, '');
  return INT_RE.test(plain) || FLOAT_RE.test(plain);
}

function isPrintable(cp: number): boolean {
  return (
    cp === 0x0a || (cp >= 0x20 && cp <= 0x7e) || cp === 0x85 || (cp >= 0xa0 && cp <= 0xd7ff) ||
    (cp >= 0xe000 && cp <= 0xfffd && cp !== 0xfeff) || (cp >= 0x10000 && cp <= 0x10ffff)
  );
}
const isBreak = (c: string): boolean => c === '\n' || c === '\r' || c === '\u0085' || c === '\u2028' || c === '\u2029';
const isBlankz = (c: string | undefined): boolean => c === undefined || c === ' ' || c === '\t' || isBreak(c);

interface Analysis {
  blockPlain: boolean;
  single: boolean;
  block: boolean;
  multiline: boolean;
}

function analyze(s: string): Analysis {
  if (s === '') return { blockPlain: true, single: true, block: false, multiline: false };
  const chars = Array.from(s);
  let flowInd = false;
  let blockInd = false;
  if (s.startsWith('---') || s.startsWith('...')) flowInd = blockInd = true;
  let leadingSpace = false, leadingBreak = false, trailingSpace = false, trailingBreak = false;
  let breakSpace = false, spaceBreak = false, prevSpace = false, prevBreak = false, special = false, lineBreaks = false;
  let precededByWs = true;
  for (let i = 0; i < chars.length; i++) {
    const c = chars[i]!;
    const next = chars[i + 1];
    const followedByWs = isBlankz(next);
    const first = i === 0;
    const last = i === chars.length - 1;
    if (first) {
      if ('#,[]{}&*!|>\'"%@`'.includes(c)) flowInd = blockInd = true;
      if (c === '?' || c === ':') {
        flowInd = true;
        if (followedByWs) blockInd = true;
      }
      if (c === '-' && followedByWs) flowInd = blockInd = true;
    } else {
      if (',?[]{}'.includes(c)) flowInd = true;
      if (c === ':') {
        flowInd = true;
        if (followedByWs) blockInd = true;
      }
      if (c === '#' && precededByWs) flowInd = blockInd = true;
    }
    if (!isPrintable(c.codePointAt(0)!)) special = true;
    if (isBreak(c)) lineBreaks = true;
    if (c === ' ') {
      if (first) leadingSpace = true;
      if (last) trailingSpace = true;
      if (prevBreak) breakSpace = true;
      prevSpace = true;
      prevBreak = false;
    } else if (isBreak(c)) {
      if (first) leadingBreak = true;
      if (last) trailingBreak = true;
      if (prevSpace) spaceBreak = true;
      prevBreak = true;
      prevSpace = false;
    } else {
      prevSpace = prevBreak = false;
    }
    precededByWs = isBlankz(c);
  }
  let blockPlain = true, single = true, block = true;
  if (leadingSpace || leadingBreak || trailingSpace || trailingBreak) blockPlain = false;
  if (trailingSpace) block = false;
  if (breakSpace) blockPlain = single = false;
  if (spaceBreak || special) blockPlain = single = block = false;
  if (lineBreaks) blockPlain = false;
  if (blockInd) blockPlain = false;
  void flowInd;
  return { blockPlain, single, block, multiline: lineBreaks };
}

function doubleQuote(s: string): string {
  let out = '"';
  for (const c of s) {
    const cp = c.codePointAt(0)!;
    if (isPrintable(cp) && cp !== 0xfeff && !isBreak(c) && c !== '"' && c !== '\\') {
      out += c;
      continue;
    }
    switch (c) {
      case '\0': out += '\\0'; break;
      case '\x07': out += '\\a'; break;
      case '\b': out += '\\b'; break;
      case '\t': out += '\\t'; break;
      case '\n': out += '\\n'; break;
      case '\x0b': out += '\\v'; break;
      case '\f': out += '\\f'; break;
      case '\r': out += '\\r'; break;
      case '\x1b': out += '\\e'; break;
      case '"': out += '\\"'; break;
      case '\\': out += '\\\\'; break;
      case '\u0085': out += '\\N'; break;
      case '\u00a0': out += '\\_'; break;
      case '\u2028': out += '\\L'; break;
      case '\u2029': out += '\\P'; break;
      default:
        if (cp <= 0xff) out += '\\x' + cp.toString(16).toUpperCase().padStart(2, '0');
        else if (cp <= 0xffff) out += '\\u' + cp.toString(16).toUpperCase().padStart(4, '0');
        else out += '\\U' + cp.toString(16).toUpperCase().padStart(8, '0');
    }
  }
  return out + '"';
}

/**
 * The text of a string scalar. For a literal block, `blockIndent` is the column of its content lines;
 * the result then spans several lines and does not end with a newline.
 */
export function formatString(s: string, isKey: boolean, blockIndent: number): string {
  const a = analyze(s);
  if (s.includes('\n') && !isKey) {
    if (!a.block) return doubleQuote(s);
    let header = '|';
    const first = s.charAt(0);
    if (first === ' ' || isBreak(first)) header += '2';
    if (!s.endsWith('\n')) header += '-';
    else if (s.length === 1 || isBreak(s.charAt(s.length - 2))) header += '+';
    const body = s.endsWith('\n') ? s.slice(0, -1) : s;
    const pad = ' '.repeat(blockIndent);
    return header + body.split('\n').map((l) => '\n' + (l === '' ? '' : pad + l)).join('');
  }
  if (resolvesToNonString(s) || (isKey && a.multiline)) return doubleQuote(s);
  if (a.blockPlain && !(isKey && s === '')) return s;
  if (a.single && !a.multiline) return "'" + s.replace(/'/g, "''") + "'";
  return doubleQuote(s);
}

/** A float as Go's JSON encoder then go-yaml v2 write it. */
export function formatNumber(value: number, intText?: string): string {
  if (intText !== undefined) return intText;
  if (!Number.isFinite(value)) return String(value);
  if (Number.isInteger(value) && Math.abs(value) < 1e21) return BigInt(value).toString();
  const exp = Math.floor(Math.log10(Math.abs(value)));
  if (exp < -4 || exp >= 21) {
    const [m, e] = value.toExponential().split('e') as [string, string];
    const sign = e.startsWith('-') ? '-' : '+';
    const digits = e.replace(/^[-+]/, '').padStart(2, '0');
    return `${m}e${sign}${digits}`;
  }
  return String(value);
}

/**
 * go-yaml v2's map key order: runs of digits compare as numbers, letters compare by code point,
 * a non-letter sorts before a letter.
 */
export function keyLess(a: string, b: string): boolean {
  const ar = Array.from(a);
  const br = Array.from(b);
  const isLetter = (c: string): boolean => /\p{L}/u.test(c);
  const isDigit = (c: string | undefined): boolean => c !== undefined && c >= '0' && c <= '9';
  for (let i = 0; i < ar.length && i < br.length; i++) {
    if (ar[i] === br[i]) continue;
    const al = isLetter(ar[i]!);
    const bl = isLetter(br[i]!);
    if (al && bl) return ar[i]! < br[i]!;
    if (al || bl) return bl;
    let an = 0n, bn = 0n;
    if (ar[i] === '0' || br[i] === '0') {
      for (let j = i - 1; j >= 0 && isDigit(ar[j]); j--) {
        if (ar[j] !== '0') {
          an = 1n;
          bn = 1n;
          break;
        }
      }
    }
    let ai = i, bi = i;
    for (; ai < ar.length && isDigit(ar[ai]); ai++) an = an * 10n + BigInt(ar[ai]!.charCodeAt(0) - 48);
    for (; bi < br.length && isDigit(br[bi]); bi++) bn = bn * 10n + BigInt(br[bi]!.charCodeAt(0) - 48);
    if (an !== bn) return an < bn;
    if (ai !== bi) return ai < bi;
    return ar[i]! < br[i]!;
  }
  return ar.length < br.length;
}

export function compareKeys(a: string, b: string): number {
  if (a === b) return 0;
  return keyLess(a, b) ? -1 : keyLess(b, a) ? 1 : 0;
}

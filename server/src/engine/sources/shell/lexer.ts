/**
 * A shell lexer just deep enough for command lines in scripts: words with their quotes removed and their
 * exact ranges in the original text, `\` line continuations joined, comments and heredoc bodies skipped,
 * and expansions (`$VAR`, `${VAR}`, `$(…)`, `` `…` ``, `$((…))`) marked unknown. Linear in the text.
 */

export interface ShellWord {
  /** The word as the shell passes it, quotes removed; expansions are kept as written. */
  text: string;
  /** UTF-16 offsets of the word in the original text (quotes included, continuations inside it too). */
  start: number;
  end: number;
  /** The word holds an expansion, so its value is not known before the script runs. */
  unknown: boolean;
  /** Runs of `text` copied from the original: text[at + k] came from offset source + k. */
  segments: WordSegment[];
}

export interface WordSegment {
  at: number;
  source: number;
  length: number;
  /** Quoted or escaped (an `=` in quotes does not split `--flag=value`). */
  quoted: boolean;
}

function segmentAt(word: ShellWord, i: number): WordSegment | undefined {
  let lo = 0;
  let hi = word.segments.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const seg = word.segments[mid]!;
    if (i < seg.at) hi = mid - 1;
    else if (i >= seg.at + seg.length) lo = mid + 1;
    else return seg;
  }
  return undefined;
}

/** The original offset of character `i` of the word's text. */
export function sourceOffset(word: ShellWord, i: number): number {
  const seg = segmentAt(word, i);
  return seg ? seg.source + (i - seg.at) : word.end;
}

/** Whether character `i` of the word's text was quoted or escaped. */
export function isQuoted(word: ShellWord, i: number): boolean {
  return segmentAt(word, i)?.quoted ?? false;
}

/** A simple command: its words, in order (redirections and their targets left out). */
export interface ShellSimpleCommand {
  words: ShellWord[];
}

const OPERATOR_CHARS = new Set([';', '&', '|', '(', ')']);
const SPACE = new Set([' ', '\t', '\r']);
/** Characters that end a run of plain word characters. */
const WORD_SPECIAL = new Set([' ', '\t', '\r', '\n', ';', '&', '|', '(', ')', '<', '>', '\\', "'", '"', '$', '`']);

/** An array assignment, `name=(word …)` or `name+=(…)` (after `local -a`, `declare -a`, … or alone). */
export interface ShellArrayAssignment {
  name: string;
  append: boolean;
  words: ShellWord[];
}

export function lexShell(text: string): ShellSimpleCommand[] {
  return new ShellLexer(text).run();
}

/** The simple commands and the array assignments of a script. */
export function lexShellScript(text: string): { commands: ShellSimpleCommand[]; arrays: ShellArrayAssignment[] } {
  const lexer = new ShellLexer(text);
  const commands = lexer.run();
  return { commands, arrays: lexer.arrays };
}

class ShellLexer {
  readonly arrays: ShellArrayAssignment[] = [];
  private pos = 0;
  private readonly commands: ShellSimpleCommand[] = [];
  private words: ShellWord[] = [];
  private pendingHeredocs: { delimiter: string; stripTabs: boolean }[] = [];
  private skipNextWord = false;

  constructor(private readonly text: string) {}

  run(): ShellSimpleCommand[] {
    const t = this.text;
    while (this.pos < t.length) {
      const c = t[this.pos]!;
      if (SPACE.has(c)) {
        this.pos++;
      } else if (c === '\\' && this.isContinuation(this.pos)) {
        this.pos = this.afterContinuation(this.pos);
      } else if (c === '\n') {
        this.pos++;
        this.endCommand();
        this.skipHeredocBodies();
      } else if (c === '#') {
        const newline = t.indexOf('\n', this.pos);
        this.pos = newline < 0 ? t.length : newline;
      } else if (OPERATOR_CHARS.has(c)) {
        this.pos++;
        this.endCommand();
      } else if (c === '<' || c === '>') {
        this.redirection();
      } else {
        const w = this.word();
        const assignment = w && t[this.pos] === '(' && w.segments.every((seg) => !seg.quoted) ? /^([A-Za-z_]\w*)(\+?)=$/.exec(w.text) : null;
        if (assignment) this.arrayWords(assignment[1]!, assignment[2] === '+');
      }
    }
    this.endCommand();
    return this.commands;
  }

  /** The words of `name=( … )` from its `(`, over lines and comments, up to the `)` that closes it. */
  private arrayWords(name: string, append: boolean): void {
    const t = this.text;
    const words: ShellWord[] = [];
    this.pos++;
    while (this.pos < t.length) {
      const c = t[this.pos]!;
      if (SPACE.has(c) || c === '\n') this.pos++;
      else if (c === '\\' && this.isContinuation(this.pos)) this.pos = this.afterContinuation(this.pos);
      else if (c === '#') {
        const newline = t.indexOf('\n', this.pos);
        this.pos = newline < 0 ? t.length : newline;
      } else if (c === ')') {
        this.pos++;
        this.arrays.push({ name, append, words });
        return;
      } else if (OPERATOR_CHARS.has(c) || c === '<' || c === '>') {
        return; // not a plain list of words: no array we can read
      } else {
        const w = this.word(false);
        if (w) words.push(w);
      }
    }
  }

  private endCommand(): void {
    if (this.words.length > 0) this.commands.push({ words: this.words });
    this.words = [];
    this.skipNextWord = false;
  }

  private isContinuation(at: number): boolean {
    const t = this.text;
    return t[at] === '\\' && (t[at + 1] === '\n' || (t[at + 1] === '\r' && t[at + 2] === '\n'));
  }

  private afterContinuation(at: number): number {
    return this.text[at + 1] === '\r' ? at + 3 : at + 2;
  }

  /** `>`, `>>`, `<`, `2>&1`, `&>`, `<<EOF`, `<<<`: the operator and its target are not arguments. */
  private redirection(): void {
    const t = this.text;
    const last = this.words[this.words.length - 1];
    if (last && last.end === this.pos && /^\d+$/.test(last.text)) this.words.pop(); // the fd of `2>`
    if (t.startsWith('<<<', this.pos)) {
      this.pos += 3;
    } else if (t.startsWith('<<', this.pos)) {
      this.pos += 2;
      const stripTabs = t[this.pos] === '-';
      if (stripTabs) this.pos++;
      while (SPACE.has(t[this.pos] ?? '')) this.pos++;
      const delimiter = this.word(false);
      if (delimiter) this.pendingHeredocs.push({ delimiter: delimiter.text, stripTabs });
      return;
    } else {
      this.pos++;
      while (t[this.pos] === '>' || t[this.pos] === '&' || t[this.pos] === '|') this.pos++;
      if (t[this.pos - 1] === '&' && /\d|-/.test(t[this.pos] ?? '')) {
        while (/[\d-]/.test(t[this.pos] ?? '')) this.pos++; // >&2, >&-
        return;
      }
    }
    this.skipNextWord = true;
  }

  /** After the newline that ends a line with `<<EOF`, skip the heredoc bodies up to their delimiters. */
  private skipHeredocBodies(): void {
    const t = this.text;
    for (const { delimiter, stripTabs } of this.pendingHeredocs) {
      while (this.pos < t.length) {
        const newline = t.indexOf('\n', this.pos);
        const lineEnd = newline < 0 ? t.length : newline;
        let line = t.slice(this.pos, lineEnd).replace(/\r$/, '');
        if (stripTabs) line = line.replace(/^\t+/, '');
        this.pos = newline < 0 ? t.length : newline + 1;
        if (line === delimiter) break;
      }
    }
    this.pendingHeredocs = [];
  }

  /** Reads one word from `pos`; pushes it to the command unless `push` is false. */
  private word(push = true): ShellWord | undefined {
    const t = this.text;
    const start = this.pos;
    const w: ShellWord = { text: '', start, end: start, unknown: false, segments: [] };
    const add = (s: string, at: number, quoted: boolean): void => {
      if (s.length === 0) return;
      w.segments.push({ at: w.text.length, source: at, length: s.length, quoted });
      w.text += s;
    };
    while (this.pos < t.length) {
      const c = t[this.pos]!;
      if (SPACE.has(c) || c === '\n' || OPERATOR_CHARS.has(c) || c === '<' || c === '>') break;
      if (c === '\\') {
        if (this.isContinuation(this.pos)) {
          this.pos = this.afterContinuation(this.pos);
          continue;
        }
        if (this.pos + 1 < t.length) add(t[this.pos + 1]!, this.pos + 1, true);
        this.pos += 2;
      } else if (c === "'") {
        const close = t.indexOf("'", this.pos + 1);
        const end = close < 0 ? t.length : close;
        add(t.slice(this.pos + 1, end), this.pos + 1, true);
        this.pos = end + 1;
      } else if (c === '"') {
        this.doubleQuoted(w, add);
      } else if (c === '$' || c === '`') {
        const end = this.expansionEnd(this.pos);
        if (c === '$' && t[this.pos + 1] === "'") {
          add(t.slice(this.pos + 2, end - 1), this.pos + 2, true); // $'…' (escapes kept as written)
        } else {
          if (end > this.pos + 1 || c === '`') w.unknown = true;
          add(t.slice(this.pos, end), this.pos, false);
        }
        this.pos = end;
      } else {
        let end = this.pos + 1;
        while (end < t.length && !WORD_SPECIAL.has(t[end]!)) end++;
        add(t.slice(this.pos, end), this.pos, false);
        this.pos = end;
      }
    }
    w.end = Math.min(this.pos, t.length);
    if (w.end === start) {
      this.pos++; // a lone character no rule consumed: never loop on it
      return undefined;
    }
    if (!push) return w;
    if (this.skipNextWord) {
      this.skipNextWord = false;
      return w;
    }
    this.words.push(w);
    return w;
  }

  private doubleQuoted(w: ShellWord, add: (s: string, at: number, quoted: boolean) => void): void {
    const t = this.text;
    this.pos++;
    while (this.pos < t.length && t[this.pos] !== '"') {
      const c = t[this.pos]!;
      if (c === '\\' && this.isContinuation(this.pos)) {
        this.pos = this.afterContinuation(this.pos);
      } else if (c === '\\' && this.pos + 1 < t.length && '$`"\\'.includes(t[this.pos + 1]!)) {
        add(t[this.pos + 1]!, this.pos + 1, true);
        this.pos += 2;
      } else if ((c === '$' && t[this.pos + 1] !== "'" && this.expansionEnd(this.pos) > this.pos + 1) || c === '`') {
        const end = this.expansionEnd(this.pos);
        w.unknown = true;
        add(t.slice(this.pos, end), this.pos, true);
        this.pos = end;
      } else {
        add(c, this.pos, true);
        this.pos++;
      }
    }
    this.pos++; // the closing quote (or past the end)
  }

  /** End of the expansion at `at` (`$x`, `${…}`, `$(…)`, `$((…))`, `` `…` ``, `$'…'`); `at + 1` for a lone `$`. */
  private expansionEnd(at: number): number {
    const t = this.text;
    if (t[at] === '`') {
      const close = t.indexOf('`', at + 1);
      return close < 0 ? t.length : close + 1;
    }
    const next = t[at + 1] ?? '';
    if (next === "'") {
      let i = at + 2;
      while (i < t.length && t[i] !== "'") i += t[i] === '\\' ? 2 : 1;
      return Math.min(i + 1, t.length);
    }
    if (next === '{' || next === '(') return this.matching(at + 1, next, next === '{' ? '}' : ')');
    if (/[A-Za-z_]/.test(next)) {
      let i = at + 2;
      while (i < t.length && /\w/.test(t[i]!)) i++;
      return i;
    }
    if (/[0-9@*#?$!-]/.test(next)) return at + 2;
    return at + 1;
  }

  /** The offset after the bracket that closes the one at `open`, skipping quoted text; the end if none. */
  private matching(open: number, opener: string, closer: string): number {
    const t = this.text;
    let depth = 0;
    for (let i = open; i < t.length; i++) {
      const c = t[i]!;
      if (c === '\\') i++;
      else if (c === "'" && opener === '(') {
        const close = t.indexOf("'", i + 1);
        i = close < 0 ? t.length : close;
      } else if (c === opener) depth++;
      else if (c === closer && --depth === 0) return i + 1;
    }
    return t.length;
  }
}

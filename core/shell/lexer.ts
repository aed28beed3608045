/**
 * The lexer: turns source text into tokens (words, operators, newlines), reading each word
 * straight into its structured parts (quotes, `$…` expansions, brace expansions). It is driven
 * by the parser, which it calls back for `$( … )` (parsed recursively on the same text, as bash
 * does) and for here-document bodies, read when the newline that ends their command line is
 * reached.
 */
import { ArithError, parseArith, type ArithExpr } from './arith.js';
import type { HereDoc, Pos, Script } from './ast.js';
import type { BracePart, BraceRangePart, ParamOp, ParamPart, Word, WordPart } from './word.js';

export type IncompleteReason =
  /** Unterminated `'`, `"`, `` ` ``, `$'`. */
  | 'quote'
  /** Unterminated `$(`, `$((`, `${`, `((`, `a=(`. */
  | 'substitution'
  /** Here-document body without its delimiter line. */
  | 'heredoc'
  /** Backslash-newline at the very end. */
  | 'continuation'
  /** A compound command without its closing word (`if` without `fi`, `{` without `}`…). */
  | 'compound'
  /** A trailing `|`, `&&`, `||`. */
  | 'pipeline';

/** Thrown inside the lexer and parser; `parse()` turns it into a ParseResult. */
export class ParseFailure {
  constructor(
    readonly kind: 'incomplete' | 'error',
    /** For errors, bash's message; for incomplete input, the message bash prints at end of file. */
    readonly message: string,
    readonly offset: number,
    readonly reason: IncompleteReason | null = null,
  ) {}
}

export type Operator =
  | '&&' | '||' | ';;' | ';&' | ';;&' | '|&' | '|' | '&' | ';' | '(' | ')'
  | '<' | '>' | '>>' | '>|' | '<>' | '<<' | '<<-' | '<<<' | '>&' | '<&' | '&>' | '&>>';

export type Token =
  | {
      kind: 'word';
      word: Word;
      start: number;
      end: number;
      /** Aliases whose expansion produced this token (recursion guard). */
      aliasChain: ReadonlySet<string> | null;
      /** Last token of an alias whose value ends in a blank: check the next word too. */
      aliasBlank: boolean;
      /** `name=(…)`: the element words. */
      array: Word[] | null;
    }
  | { kind: 'op'; op: Operator; start: number; end: number }
  | { kind: 'io'; fd: number; start: number; end: number }
  | { kind: 'newline'; start: number; end: number }
  | { kind: 'eof'; start: number; end: number };

/** What the lexer needs from the parser. */
export interface LexerHost {
  /** Parse a command list from the lexer's position through the closing `)` (for `$(`). */
  parseCommandSubstitution(): Script;
  /** Parse a separate text (a backtick body); `base` is its offset in this source. */
  parseNestedScript(text: string, base: number): Script;
  /** Parse an unquoted here-document body into parts. */
  parseHereDocParts(text: string, base: number): WordPart[];
}

export interface ParseWarning {
  message: string;
  pos: Pos;
}

interface PendingHereDoc {
  doc: HereDoc;
}

const isMeta = (c: string | undefined): boolean =>
  c === ' ' || c === '\t' || c === '\n' || c === '|' || c === '&' || c === ';' || c === '(' || c === ')' || c === '<' || c === '>';
const isNameStart = (c: string | undefined): boolean =>
  c !== undefined && ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c === '_');
const isNameChar = (c: string | undefined): boolean => isNameStart(c) || (c !== undefined && c >= '0' && c <= '9');
const isDigit = (c: string | undefined): boolean => c !== undefined && c >= '0' && c <= '9';
const SPECIAL_PARAMS = '@*#?-$!0';
const GLOB_RE = /[*?[]/;
const TILDE_USER_RE = /^[A-Za-z0-9._+-]*$/;

const MISSING = (c: string): string => `unexpected EOF while looking for matching \`${c}'`;

export class Lexer {
  i = 0;
  readonly len: number;
  private lineStarts: number[] | null = null;
  private pending: PendingHereDoc[] = [];
  private braceMemo = new Map<number, { part: BracePart | BraceRangePart; end: number } | null>();
  private braceDepth = 0;
  readonly warnings: ParseWarning[] = [];
  host!: LexerHost;
  /**
   * Set by the parser while it reads a word where an assignment may appear (a command's
   * prefix): `name[subscript]` is then read up to the matching `]`, blanks included, as bash does
   * for `a[i + 1]=x`.
   */
  assignmentPosition = false;

  constructor(
    readonly src: string,
    readonly final: boolean,
    /** Maps a local offset to a position (sub-lexers of nested texts map into their parent). */
    private readonly mapPos: ((offset: number) => Pos) | null = null,
  ) {
    this.len = src.length;
  }

  // ----- positions ------------------------------------------------------------------------------

  posAt(offset: number): Pos {
    if (this.mapPos) return this.mapPos(offset);
    if (this.lineStarts === null) {
      const starts = [0];
      for (let k = this.src.indexOf('\n'); k >= 0; k = this.src.indexOf('\n', k + 1)) starts.push(k + 1);
      this.lineStarts = starts;
    }
    const ls = this.lineStarts;
    let lo = 0;
    let hi = ls.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (ls[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { offset, line: lo + 1, column: offset - ls[lo]! + 1 };
  }

  incomplete(reason: IncompleteReason, finalMessage: string, offset: number = this.len): never {
    throw new ParseFailure('incomplete', finalMessage, offset, reason);
  }

  error(message: string, offset: number): never {
    throw new ParseFailure('error', message, offset);
  }

  /** Save/restore for backtracking (brace expansion, `$((` that turns out to be `$( (`). */
  mark(): { i: number; pending: number } {
    return { i: this.i, pending: this.pending.length };
  }

  reset(m: { i: number; pending: number }): void {
    this.i = m.i;
    this.pending.length = m.pending;
  }

  hasPendingHereDocs(): boolean {
    return this.pending.length > 0;
  }

  registerHereDoc(doc: HereDoc): void {
    this.pending.push({ doc });
  }

  // ----- tokens ---------------------------------------------------------------------------------

  /** Skip blanks, backslash-newlines and comments. */
  skipBlanks(): void {
    const src = this.src;
    for (;;) {
      const c = src[this.i];
      if (c === ' ' || c === '\t') this.i++;
      else if (c === '\\' && src[this.i + 1] === '\n') {
        if (this.i + 2 >= this.len && !this.final) this.incomplete('continuation', 'syntax error: unexpected end of file');
        this.i += 2;
      } else if (c === '#') {
        const nl = src.indexOf('\n', this.i);
        this.i = nl < 0 ? this.len : nl;
      } else return;
    }
  }

  next(): Token {
    this.skipBlanks();
    const start = this.i;
    if (start >= this.len) {
      if (this.pending.length > 0) this.readHereDocs();
      return { kind: 'eof', start, end: start };
    }
    const c = this.src[start]!;
    if (c === '\n') {
      this.i++;
      if (this.pending.length > 0) this.readHereDocs();
      return { kind: 'newline', start, end: start + 1 };
    }
    if (c === '|' || c === '&' || c === ';' || c === '(' || c === ')' || c === '<' || c === '>') return this.readOperator();
    return this.readWordToken();
  }

  private readOperator(): Token {
    const src = this.src;
    const start = this.i;
    const c = src[start]!;
    const c1 = src[start + 1];
    const c2 = src[start + 2];
    let op: Operator;
    switch (c) {
      case '|':
        op = c1 === '|' ? '||' : c1 === '&' ? '|&' : '|';
        break;
      case '&':
        op = c1 === '&' ? '&&' : c1 === '>' ? (c2 === '>' ? '&>>' : '&>') : '&';
        break;
      case ';':
        op = c1 === ';' ? (c2 === '&' ? ';;&' : ';;') : c1 === '&' ? ';&' : ';';
        break;
      case '(':
        op = '(';
        break;
      case ')':
        op = ')';
        break;
      case '<':
        op = c1 === '<' ? (c2 === '<' ? '<<<' : c2 === '-' ? '<<-' : '<<') : c1 === '&' ? '<&' : c1 === '>' ? '<>' : '<';
        break;
      default:
        op = c1 === '>' ? '>>' : c1 === '&' ? '>&' : c1 === '|' ? '>|' : '>';
    }
    this.i = start + op.length;
    return { kind: 'op', op, start, end: this.i };
  }

  private readWordToken(): Token {
    const start = this.i;
    const parts = this.readWordParts('word', start);
    const end = this.i;
    const raw = this.src.slice(start, end);
    if (parts.length === 0 && end === start) {
      // Cannot happen (the caller saw a word character), but never loop forever.
      this.i++;
      return this.readWordToken();
    }
    const next = this.src[end];
    if ((next === '<' || next === '>') && /^[0-9]+$/.test(raw) && raw.length < 10) {
      return { kind: 'io', fd: Number(raw), start, end };
    }
    const word = this.makeWord(parts, start, end);
    let array: Word[] | null = null;
    if (next === '(' && /^[A-Za-z_][A-Za-z0-9_]*\+?=$/.test(raw)) {
      array = this.readArrayElements();
      word.raw = this.src.slice(start, this.i);
      word.end = this.i;
    }
    return { kind: 'word', word, start, end: this.i, aliasChain: null, aliasBlank: false, array };
  }

  makeWord(parts: WordPart[], start: number, end: number): Word {
    return { type: 'Word', parts, raw: this.src.slice(start, end), pos: this.posAt(start), end };
  }

  private readArrayElements(): Word[] {
    const open = this.i;
    this.i++; // (
    const words: Word[] = [];
    for (;;) {
      // Blanks, newlines and comments separate elements.
      for (;;) {
        this.skipBlanks();
        if (this.src[this.i] === '\n') this.i++;
        else break;
      }
      if (this.i >= this.len) this.incomplete('substitution', MISSING(')'), open);
      const c = this.src[this.i]!;
      if (c === ')') {
        this.i++;
        return words;
      }
      if (isMeta(c)) {
        const t = this.readOperator();
        this.error(`syntax error near unexpected token \`${t.kind === 'op' ? t.op : c}'`, t.start);
      }
      const s = this.i;
      const parts = this.readWordParts('word', s);
      words.push(this.makeWord(parts, s, this.i));
    }
  }

  /** For `[[ x =~ re ]]`: the regular expression word (parentheses and `|` are part of it). Null at a newline or the end. */
  readRegexWord(): Word | null {
    this.skipBlanks();
    const start = this.i;
    if (start >= this.len || this.src[start] === '\n') return null;
    if (this.src.startsWith(']]', start) && (start + 2 >= this.len || isMeta(this.src[start + 2]))) return null;
    const parts = this.readWordParts('regex', start);
    if (this.i === start) return null;
    return this.makeWord(parts, start, this.i);
  }

  // ----- words ------------------------------------------------------------------------------

  /**
   * Read the parts of an unquoted word. Modes: 'word' (a shell word), 'brace' (an alternative
   * inside `{a,b}`: also stops at `,` and `}`), 'regex' (right side of `=~`).
   */
  readWordParts(mode: 'word' | 'brace' | 'regex', wordStart: number): WordPart[] {
    const src = this.src;
    const parts: WordPart[] = [];
    let lit = '';
    let litDepth = 0; // literal `{` seen inside a brace alternative (bash counts them)
    let parenDepth = 0; // regex mode
    while (this.i < this.len) {
      const c = src[this.i]!;
      if (mode === 'regex') {
        if (c === '(') {
          parenDepth++;
          lit += c;
          this.i++;
          continue;
        }
        if (c === ')') {
          if (parenDepth === 0) break;
          parenDepth--;
          lit += c;
          this.i++;
          continue;
        }
        if (parenDepth > 0 && (c === ' ' || c === '\t' || c === '|' || c === '<' || c === '>' || c === '&' || c === ';')) {
          lit += c;
          this.i++;
          continue;
        }
        if (c === '|') {
          lit += c;
          this.i++;
          continue;
        }
        if (c === ' ' || c === '\t' || c === '\n' || c === ';' || c === '&' || c === '<' || c === '>') break;
      } else if (isMeta(c)) break;
      if (mode === 'brace' && litDepth === 0 && (c === ',' || c === '}')) break;
      switch (c) {
        case '\\': {
          const n = src[this.i + 1];
          if (n === '\n') {
            if (this.i + 2 >= this.len && !this.final) this.incomplete('continuation', 'syntax error: unexpected end of file');
            this.i += 2;
            continue;
          }
          if (n === undefined) {
            if (!this.final) this.incomplete('continuation', 'syntax error: unexpected end of file');
            lit += '\\';
            this.i++;
            continue;
          }
          lit = flushLiteral(parts, lit, true);
          parts.push({ type: 'Escaped', value: n });
          this.i += 2;
          continue;
        }
        case "'": {
          lit = flushLiteral(parts, lit, true);
          parts.push({ type: 'SingleQuoted', value: this.readSingleQuoted() });
          continue;
        }
        case '"': {
          lit = flushLiteral(parts, lit, true);
          parts.push({ type: 'DoubleQuoted', parts: this.readDoubleQuoted() });
          continue;
        }
        case '$': {
          const p = this.readDollar(false);
          if (p === null) {
            lit += '$';
            this.i++;
          } else {
            lit = flushLiteral(parts, lit, true);
            parts.push(p);
          }
          continue;
        }
        case '`': {
          lit = flushLiteral(parts, lit, true);
          parts.push(this.readBacktick(false));
          continue;
        }
        case '{': {
          if (mode !== 'regex') {
            const b = this.tryBrace();
            if (b !== null) {
              lit = flushLiteral(parts, lit, true);
              parts.push(b);
              continue;
            }
            if (mode === 'brace') litDepth++;
          }
          lit += c;
          this.i++;
          continue;
        }
        case '}': {
          if (mode === 'brace' && litDepth > 0) litDepth--;
          lit += c;
          this.i++;
          continue;
        }
        case '~': {
          if (mode === 'word' && this.i === wordStart) {
            const t = this.tryTilde(false);
            if (t !== null) {
              parts.push(t);
              continue;
            }
          }
          lit += c;
          this.i++;
          continue;
        }
        case '[': {
          if (mode === 'word' && this.assignmentPosition && parts.length === 0 && lit.length === this.i - wordStart && NAME_RE.test(lit)) {
            lit = flushLiteral(parts, lit + '[', false);
            this.i++;
            const sub = this.readOperand(']', false, 'subscript', ']');
            for (const p of sub.parts) parts.push(p);
            continue;
          }
          lit += c;
          this.i++;
          continue;
        }
        default: {
          // A run of ordinary characters in one slice.
          ORDINARY_RE.lastIndex = this.i;
          const m = mode === 'word' ? ORDINARY_RE.exec(src) : null;
          if (m !== null) {
            lit += m[0];
            this.i += m[0].length;
          } else {
            lit += c;
            this.i++;
          }
        }
      }
    }
    lit = flushLiteral(parts, lit, true);
    return parts;
  }

  /** `~`, `~user` at this.i, ended by `/`, the end of the word (or `}` in an operand). */
  private tryTilde(inOperand: boolean): WordPart | null {
    const src = this.src;
    let k = this.i + 1;
    while (k < this.len && !isMeta(src[k]) && src[k] !== '/' && !(inOperand && src[k] === '}')) k++;
    const user = src.slice(this.i + 1, k);
    if (!TILDE_USER_RE.test(user)) return null;
    this.i = k;
    return { type: 'Tilde', user: user === '' ? null : user };
  }

  private readSingleQuoted(): string {
    const open = this.i;
    const close = this.src.indexOf("'", open + 1);
    if (close < 0) this.incomplete('quote', MISSING("'"), open);
    this.i = close + 1;
    return this.src.slice(open + 1, close);
  }

  /** After the opening `"`, through the closing one. */
  private readDoubleQuoted(): WordPart[] {
    const src = this.src;
    const open = this.i;
    this.i++;
    const parts: WordPart[] = [];
    let lit = '';
    for (;;) {
      if (this.i >= this.len) this.incomplete('quote', MISSING('"'), open);
      const c = src[this.i]!;
      if (c === '"') {
        this.i++;
        break;
      }
      if (c === '\\') {
        const n = src[this.i + 1];
        if (n === '\n') {
          this.i += 2;
          continue;
        }
        if (n === '$' || n === '`' || n === '"' || n === '\\') {
          lit += n;
          this.i += 2;
          continue;
        }
        lit += '\\';
        this.i++;
        continue;
      }
      if (c === '$') {
        const p = this.readDollar(true);
        if (p === null) {
          lit += '$';
          this.i++;
        } else {
          lit = flushLiteral(parts, lit, false);
          parts.push(p);
        }
        continue;
      }
      if (c === '`') {
        lit = flushLiteral(parts, lit, false);
        parts.push(this.readBacktick(true));
        continue;
      }
      DQ_ORDINARY_RE.lastIndex = this.i;
      const m = DQ_ORDINARY_RE.exec(src);
      if (m !== null) {
        lit += m[0];
        this.i += m[0].length;
      } else {
        lit += c;
        this.i++;
      }
    }
    lit = flushLiteral(parts, lit, false);
    return parts;
  }

  /** At `$`: an expansion part, or null when the `$` is literal. */
  readDollar(inDq: boolean): WordPart | null {
    const src = this.src;
    const start = this.i;
    const n = src[start + 1];
    if (n === '{') return this.readBracedParam(inDq);
    if (n === '(') {
      if (src[start + 2] === '(') {
        const a = this.tryArithSubst();
        if (a !== null) return a;
      }
      this.i = start + 2;
      const script = this.host.parseCommandSubstitution();
      return { type: 'CommandSubst', script, backtick: false, text: src.slice(start, this.i) };
    }
    if (n === '[') {
      // `$[ expr ]`: the old form of `$(( expr ))`.
      this.i = start + 2;
      const expression = this.readOperand(']', false, 'subscript', ']');
      this.i++;
      return { type: 'ArithSubst', expression, parsed: staticArith(expression), text: src.slice(start, this.i) };
    }
    if (n === "'" && !inDq) {
      this.i = start + 1;
      return { type: 'AnsiC', value: this.readAnsiC() };
    }
    if (n === '"' && !inDq) {
      // $"…" (locale translation): the same as "…".
      this.i = start + 1;
      return { type: 'DoubleQuoted', parts: this.readDoubleQuoted() };
    }
    if (isNameStart(n)) {
      let k = start + 2;
      while (isNameChar(src[k])) k++;
      this.i = k;
      return this.param(src.slice(start + 1, k), false, start);
    }
    if (isDigit(n) || (n !== undefined && SPECIAL_PARAMS.includes(n))) {
      this.i = start + 2;
      return this.param(n!, false, start);
    }
    return null;
  }

  private param(name: string, braced: boolean, start: number): ParamPart {
    return { type: 'Param', name, braced, indirect: false, index: null, op: null, text: this.src.slice(start, this.i) };
  }

  private readAnsiC(): string {
    // this.i at the opening quote.
    const src = this.src;
    const open = this.i;
    let k = open + 1;
    let out = '';
    for (;;) {
      if (k >= this.len) this.incomplete('quote', MISSING("'"), open);
      const c = src[k]!;
      if (c === "'") {
        k++;
        break;
      }
      if (c !== '\\') {
        out += c;
        k++;
        continue;
      }
      const d = src[k + 1];
      if (d === undefined) {
        k++;
        continue;
      }
      k += 2;
      switch (d) {
        case 'a':
          out += '\x07';
          break;
        case 'b':
          out += '\b';
          break;
        case 'e':
        case 'E':
          out += '\x1b';
          break;
        case 'f':
          out += '\f';
          break;
        case 'n':
          out += '\n';
          break;
        case 'r':
          out += '\r';
          break;
        case 't':
          out += '\t';
          break;
        case 'v':
          out += '\v';
          break;
        case '\\':
        case "'":
        case '"':
        case '?':
          out += d;
          break;
        case 'c': {
          const x = src[k];
          if (x === undefined || x === "'") {
            out += '\\c';
            break;
          }
          k++;
          out += String.fromCharCode(x === '?' ? 0x7f : x.toUpperCase().charCodeAt(0) & 0x1f);
          break;
        }
        case 'x': {
          let h = '';
          while (h.length < 2 && /[0-9a-fA-F]/.test(src[k] ?? '')) h += src[k++];
          out += h === '' ? '\\x' : String.fromCharCode(parseInt(h, 16));
          break;
        }
        case 'u':
        case 'U': {
          let h = '';
          const max = d === 'u' ? 4 : 8;
          while (h.length < max && /[0-9a-fA-F]/.test(src[k] ?? '')) h += src[k++];
          const cp = h === '' ? -1 : parseInt(h, 16);
          out += cp < 0 ? '\\' + d : cp <= 0x10ffff ? String.fromCodePoint(cp) : '\ufffd';
          break;
        }
        default:
          if (d >= '0' && d <= '7') {
            let o = d;
            while (o.length < 3 && src[k] !== undefined && src[k]! >= '0' && src[k]! <= '7') o += src[k++];
            out += String.fromCharCode(parseInt(o, 8) & 0xff);
          } else out += '\\' + d;
      }
    }
    this.i = k;
    return out;
  }

  private readBacktick(inDq: boolean): WordPart {
    const src = this.src;
    const start = this.i;
    let k = start + 1;
    let body = '';
    for (;;) {
      if (k >= this.len) this.incomplete('quote', MISSING('`'), start);
      const c = src[k]!;
      if (c === '`') {
        k++;
        break;
      }
      if (c === '\\' && k + 1 < this.len) {
        const n = src[k + 1]!;
        if (n === '$' || n === '`' || n === '\\' || (inDq && n === '"')) {
          body += n;
          k += 2;
          continue;
        }
        body += c + n;
        k += 2;
        continue;
      }
      body += c;
      k++;
    }
    this.i = k;
    const script = this.host.parseNestedScript(body, start + 1);
    return { type: 'CommandSubst', script, backtick: true, text: src.slice(start, k) };
  }

  /** `$((…))`; null when it is really `$( (…) … )`. */
  private tryArithSubst(): WordPart | null {
    const start = this.i;
    const m = this.mark();
    this.i = start + 3;
    const r = this.readArith(false);
    if (r === null) {
      this.reset(m);
      return null;
    }
    return { type: 'ArithSubst', expression: r.word, parsed: staticArith(r.word), text: this.src.slice(start, this.i) };
  }

  /**
   * Read an arithmetic expression from this.i up to `))` (consumed), or, when `forClause`, up
   * to a `;` at depth 0 (consumed). Null when a `)` closes without a second one (not arithmetic).
   */
  readArith(forClause: boolean): { word: Word; stop: ';' | '))' } | null {
    const src = this.src;
    const start = this.i;
    const parts: WordPart[] = [];
    let lit = '';
    let depth = 0;
    for (;;) {
      if (this.i >= this.len) this.incomplete('substitution', MISSING(')'), start);
      const c = src[this.i]!;
      if (c === '(') {
        depth++;
      } else if (c === ')') {
        if (depth > 0) depth--;
        else if (src[this.i + 1] === ')') {
          lit = flushLiteral(parts, lit, false);
          const word = this.makeWord(parts, start, this.i);
          this.i += 2;
          return { word, stop: '))' };
        } else return null;
      } else if (c === ';' && forClause && depth === 0) {
        lit = flushLiteral(parts, lit, false);
        const word = this.makeWord(parts, start, this.i);
        this.i++;
        return { word, stop: ';' };
      } else if (c === '$') {
        const p = this.readDollar(true);
        if (p !== null) {
          lit = flushLiteral(parts, lit, false);
          parts.push(p);
          continue;
        }
      } else if (c === '`') {
        lit = flushLiteral(parts, lit, false);
        parts.push(this.readBacktick(true));
        continue;
      } else if (c === '"') {
        lit = flushLiteral(parts, lit, false);
        parts.push({ type: 'DoubleQuoted', parts: this.readDoubleQuoted() });
        continue;
      } else if (c === '\\' && src[this.i + 1] === '\n') {
        this.i += 2;
        continue;
      }
      lit += c;
      this.i++;
    }
  }

  private readBracedParam(inDq: boolean): ParamPart {
    const src = this.src;
    const start = this.i;
    this.i += 2;
    let length = false;
    let indirect = false;
    let c = src[this.i];
    if (c === '#') {
      const n = src[this.i + 1];
      if (n !== '}' && (isNameStart(n) || isDigit(n) || (n !== undefined && SPECIAL_PARAMS.includes(n)))) {
        length = true;
        this.i++;
      }
    } else if (c === '!') {
      const n = src[this.i + 1];
      if (n !== '}' && (isNameStart(n) || isDigit(n) || (n !== undefined && '@*#?-$0'.includes(n)))) {
        indirect = true;
        this.i++;
      }
    }
    c = src[this.i];
    let name = '';
    if (isNameStart(c)) {
      const s = this.i;
      while (isNameChar(src[this.i])) this.i++;
      name = src.slice(s, this.i);
    } else if (isDigit(c)) {
      const s = this.i;
      while (isDigit(src[this.i])) this.i++;
      name = src.slice(s, this.i);
    } else if (c !== undefined && SPECIAL_PARAMS.includes(c)) {
      name = c;
      this.i++;
    }
    const part: ParamPart = { type: 'Param', name, braced: true, indirect, index: null, op: null, text: '' };
    if (name === '') return this.badParam(part, start, inDq);
    if (src[this.i] === '[' && isNameStart(name[0])) {
      this.i++;
      const w = this.readOperand(']}', false, 'subscript');
      if (src[this.i] !== ']') {
        // `${x[}`: bad substitution, reported when expanded.
        this.i++;
        part.op = { kind: 'bad' };
        part.text = src.slice(start, this.i);
        return part;
      }
      this.i++;
      part.index = w.raw === '@' ? '@' : w.raw === '*' ? '*' : w;
    }
    if (indirect && (src[this.i] === '*' || src[this.i] === '@') && src[this.i + 1] === '}' && part.index === null) {
      part.op = { kind: 'names', star: src[this.i] === '*' };
      this.i += 2;
      part.indirect = false;
      part.text = src.slice(start, this.i);
      return part;
    }
    if (length) {
      part.op = { kind: 'length' };
      if (src[this.i] !== '}') return this.badParam(part, start, inDq);
      this.i++;
      part.text = src.slice(start, this.i);
      return part;
    }
    c = src[this.i];
    if (c === undefined) this.incomplete('substitution', MISSING('}'), start);
    let op: ParamOp | null = null;
    switch (c) {
      case '}':
        break;
      case ':': {
        const n = src[this.i + 1];
        if (n === '-' || n === '=' || n === '?' || n === '+') {
          this.i += 2;
          op = { kind: OP_KIND[n], colon: true, word: this.readOperand('}', inDq, 'value') };
        } else {
          this.i++;
          const offset = this.readOperand(':}', inDq, 'value');
          let len: Word | null = null;
          if (src[this.i] === ':') {
            this.i++;
            len = this.readOperand('}', inDq, 'value');
          }
          op = { kind: 'substring', offset, length: len };
        }
        break;
      }
      case '-':
      case '=':
      case '?':
      case '+':
        this.i++;
        op = { kind: OP_KIND[c], colon: false, word: this.readOperand('}', inDq, 'value') };
        break;
      case '#':
      case '%': {
        this.i++;
        const longest = src[this.i] === c;
        if (longest) this.i++;
        const pattern = this.readOperand('}', inDq, 'pattern');
        op = c === '#' ? { kind: 'removePrefix', longest, pattern } : { kind: 'removeSuffix', longest, pattern };
        break;
      }
      case '/': {
        this.i++;
        let all = false;
        let anchor: 'start' | 'end' | null = null;
        const n = src[this.i];
        if (n === '/') {
          all = true;
          this.i++;
        } else if (n === '#') {
          anchor = 'start';
          this.i++;
        } else if (n === '%') {
          anchor = 'end';
          this.i++;
        }
        const pattern = this.readOperand('/}', inDq, 'pattern');
        let replacement: Word | null = null;
        if (src[this.i] === '/') {
          this.i++;
          replacement = this.readOperand('}', inDq, 'pattern');
        }
        op = { kind: 'replace', all, anchor, pattern, replacement };
        break;
      }
      case '^':
      case ',':
      case '~': {
        this.i++;
        const all = src[this.i] === c;
        if (all) this.i++;
        const pattern = src[this.i] === '}' ? null : this.readOperand('}', inDq, 'pattern');
        op = { kind: 'case', mode: c === '^' ? 'upper' : c === ',' ? 'lower' : 'toggle', all, pattern };
        break;
      }
      case '@': {
        const t = src[this.i + 1];
        if (t !== undefined && 'QEPAaUuLKk'.includes(t) && src[this.i + 2] === '}') {
          this.i += 2;
          op = { kind: 'transform', operator: t };
          break;
        }
        return this.badParam(part, start, inDq);
      }
      default:
        return this.badParam(part, start, inDq);
    }
    if (src[this.i] !== '}') {
      if (this.i >= this.len) this.incomplete('substitution', MISSING('}'), start);
      return this.badParam(part, start, inDq);
    }
    this.i++;
    part.op = op;
    part.text = src.slice(start, this.i);
    return part;
  }

  /** Skip to the closing `}` of a bad `${…}`; it is reported when expanded. */
  private badParam(part: ParamPart, start: number, inDq: boolean): ParamPart {
    this.readOperand('}', inDq, 'value');
    if (this.i >= this.len) this.incomplete('substitution', MISSING('}'), start);
    this.i++;
    part.op = { kind: 'bad' };
    part.text = this.src.slice(start, this.i);
    return part;
  }

  /**
   * The word operand of `${x…}`, up to one of `terms` at nesting depth 0 (not consumed).
   * In double quotes, single quotes are literal in 'value' operands and quoting in patterns.
   */
  private readOperand(terms: string, inDq: boolean, mode: 'value' | 'pattern' | 'subscript', closer = '}'): Word {
    const src = this.src;
    const start = this.i;
    const parts: WordPart[] = [];
    let lit = '';
    let depth = 0;
    const singleQuotes = !inDq || mode !== 'value';
    for (;;) {
      if (this.i >= this.len) this.incomplete('substitution', MISSING(closer), start);
      const c = src[this.i]!;
      if (depth === 0 && terms.includes(c)) break;
      if (c === '{' || (c === '[' && mode === 'subscript')) depth++;
      else if ((c === '}' || (c === ']' && mode === 'subscript')) && depth > 0) depth--;
      if (c === '\\') {
        const n = src[this.i + 1];
        if (n === undefined) {
          lit += c;
          this.i++;
          continue;
        }
        if (n === '\n') {
          this.i += 2;
          continue;
        }
        if (inDq && mode === 'value') {
          if (n === '$' || n === '`' || n === '"' || n === '\\' || n === '}') lit += n;
          else lit += c + n;
          this.i += 2;
          continue;
        }
        lit = flushLiteral(parts, lit, !inDq);
        parts.push({ type: 'Escaped', value: n });
        this.i += 2;
        continue;
      }
      if (c === "'" && singleQuotes) {
        lit = flushLiteral(parts, lit, !inDq);
        parts.push({ type: 'SingleQuoted', value: this.readSingleQuoted() });
        continue;
      }
      if (c === '"') {
        lit = flushLiteral(parts, lit, !inDq);
        parts.push({ type: 'DoubleQuoted', parts: this.readDoubleQuoted() });
        continue;
      }
      if (c === '$') {
        // `$'…'` is decoded in an operand even inside double quotes ("${x:-$'\t'}").
        const p = src[this.i + 1] === "'" ? this.readDollar(false) : this.readDollar(inDq);
        if (p !== null) {
          lit = flushLiteral(parts, lit, !inDq);
          parts.push(p);
          continue;
        }
      } else if (c === '`') {
        lit = flushLiteral(parts, lit, !inDq);
        parts.push(this.readBacktick(inDq));
        continue;
      } else if (c === '~' && this.i === start && !inDq && mode === 'value') {
        const t = this.tryTilde(true);
        if (t !== null) {
          parts.push(t);
          continue;
        }
      }
      lit += c;
      this.i++;
    }
    lit = flushLiteral(parts, lit, !inDq);
    return this.makeWord(parts, start, this.i);
  }

  /** At `{`: a brace expansion part, or null (the `{` is literal). */
  private tryBrace(): BracePart | BraceRangePart | null {
    const start = this.i;
    const memo = this.braceMemo.get(start);
    if (memo !== undefined) {
      if (memo === null) return null;
      this.i = memo.end;
      return memo.part;
    }
    if (this.braceDepth >= MAX_BRACE_NESTING) {
      this.braceMemo.set(start, null);
      return null;
    }
    let result: BracePart | BraceRangePart | null = null;
    RANGE_RE.lastIndex = start;
    const m = RANGE_RE.exec(this.src);
    if (m !== null) {
      const text = m[0];
      const inner = text.slice(1, -1).split('..');
      const step = inner[2] === undefined ? null : Number(inner[2]);
      result = { type: 'BraceRange', start: inner[0]!, end: inner[1]!, step, text };
      this.i = start + text.length;
    } else {
      const mk = this.mark();
      this.i++;
      const alternatives: WordPart[][] = [];
      let ok = false;
      for (;;) {
        this.braceDepth++;
        let parts: WordPart[];
        try {
          parts = this.readWordParts('brace', -1);
        } finally {
          this.braceDepth--;
        }
        const c = this.src[this.i];
        if (c === ',') {
          alternatives.push(parts);
          this.i++;
          continue;
        }
        if (c === '}') {
          alternatives.push(parts);
          this.i++;
          ok = alternatives.length >= 2;
        }
        break;
      }
      if (ok) result = { type: 'Brace', alternatives };
      else this.reset(mk);
    }
    this.braceMemo.set(start, result === null ? null : { part: result, end: this.i });
    return result;
  }

  // ----- here-documents -------------------------------------------------------------------------

  /** At the start of the line after a command line: read the bodies of pending here-documents. */
  private readHereDocs(): void {
    const src = this.src;
    const docs = this.pending;
    this.pending = [];
    for (const { doc } of docs) {
      const bodyStart = this.i;
      let body = '';
      let found = false;
      while (this.i < this.len) {
        const nl = src.indexOf('\n', this.i);
        const lineEnd = nl < 0 ? this.len : nl;
        let line = src.slice(this.i, lineEnd);
        if (doc.stripTabs) line = line.replace(/^\t+/, '');
        this.i = nl < 0 ? this.len : nl + 1;
        if (line === doc.delimiter) {
          found = true;
          break;
        }
        body += line + '\n';
      }
      if (!found) {
        if (!this.final) this.incomplete('heredoc', 'syntax error: unexpected end of file');
        this.warnings.push({
          message: `warning: here-document at line ${doc.pos.line} delimited by end-of-file (wanted \`${doc.delimiter}')`,
          pos: this.posAt(this.len),
        });
      }
      doc.body = body;
      if (!doc.quoted) doc.parts = this.host.parseHereDocParts(body, bodyStart);
    }
  }

  /** Read a whole (unquoted) here-document body as parts: `$…`, `` `…` ``, `\$ \` \\ \newline`. */
  readHereDocBody(): WordPart[] {
    const src = this.src;
    const parts: WordPart[] = [];
    let lit = '';
    while (this.i < this.len) {
      const c = src[this.i]!;
      if (c === '\\') {
        const n = src[this.i + 1];
        if (n === '$' || n === '`' || n === '\\') {
          lit += n;
          this.i += 2;
          continue;
        }
        if (n === '\n') {
          this.i += 2;
          continue;
        }
      } else if (c === '$') {
        const p = this.readDollar(true);
        if (p !== null) {
          lit = flushLiteral(parts, lit, false);
          parts.push(p);
          continue;
        }
      } else if (c === '`') {
        lit = flushLiteral(parts, lit, false);
        parts.push(this.readBacktick(false));
        continue;
      }
      lit += c;
      this.i++;
    }
    lit = flushLiteral(parts, lit, false);
    return parts;
  }
}

/** Move pending literal text into parts; returns the new (empty) pending text. */
function flushLiteral(parts: WordPart[], lit: string, glob: boolean): string {
  if (lit !== '') parts.push({ type: 'Literal', value: lit, glob: glob && GLOB_RE.test(lit) });
  return '';
}

/** Deeper brace nesting is taken literally (keeps the recursion bounded). */
const MAX_BRACE_NESTING = 48;

/** The pre-parsed form of an arithmetic word with no expansions, or null. */
export function staticArith(word: Word): ArithExpr | null {
  if (!word.parts.every((p) => p.type === 'Literal')) return null;
  try {
    return parseArith(word.parts.map((p) => (p as { value: string }).value).join(''));
  } catch (e) {
    if (e instanceof ArithError) return null;
    throw e;
  }
}

const OP_KIND = { '-': 'default', '=': 'assign', '?': 'error', '+': 'alternative' } as const;

/** Characters with no special meaning in an unquoted word (one run is read as one slice). */
const ORDINARY_RE = /[^ \t\n|&;()<>\\'"$`{},~[]+/y;
const NAME_RE = /^[A-Za-z_][A-Za-z0-9_]*$/;
const DQ_ORDINARY_RE = /[^"\\$`]+/y;

const RANGE_RE = /\{(?:[+-]?[0-9]+\.\.[+-]?[0-9]+|[A-Za-z]\.\.[A-Za-z])(?:\.\.[+-]?[0-9]+)?\}/y;

/** Is this text a valid shell name (variable, for-loop variable)? */
export function isName(s: string): boolean {
  return /^[A-Za-z_][A-Za-z0-9_]*$/.test(s);
}


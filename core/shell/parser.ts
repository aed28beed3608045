/**
 * Recursive-descent parser for the bash subset people type. `parse()` never throws: it returns
 * the script, "incomplete" (the terminal shows `> ` and appends the next line), or an error with
 * bash's wording.
 */
import type {
  AndOr,
  ArithWord,
  Assignment,
  Case,
  CaseItem,
  CaseTerminator,
  Command,
  CompoundCommand,
  CondBinaryOp,
  CondExpr,
  CondUnaryOp,
  FunctionDef,
  HereDoc,
  List,
  ListItem,
  Pipeline,
  Pos,
  Redirect,
  RedirectOp,
  Script,
  SimpleCommand,
} from './ast.js';
import { isName, Lexer, ParseFailure, staticArith, type IncompleteReason, type LexerHost, type Operator, type ParseWarning, type Token } from './lexer.js';
import type { Word, WordPart } from './word.js';

export type { IncompleteReason, ParseWarning } from './lexer.js';

export interface ParseOptions {
  /**
   * The input is all there is (a script file, `bash -c`, `eval`): what would be "incomplete"
   * becomes bash's end-of-file error, a missing here-document delimiter a warning.
   */
  final?: boolean;
  /** Alias lookup, applied to the first word of simple commands. */
  aliases?: (name: string) => string | undefined;
}

export type ParseResult =
  | { kind: 'ok'; script: Script; warnings: ParseWarning[] }
  /** More input is needed; `message` is what bash would say if the input ended here. */
  | { kind: 'incomplete'; reason: IncompleteReason; message: string }
  /** `message` is bash's wording without the `bash: line N: ` prefix; `line` the offending source line. */
  | { kind: 'error'; message: string; position: Pos; line: string };

const MAX_DEPTH = 150;

const REDIRECT_OPS = new Set<string>(['<', '>', '>>', '>|', '<>', '>&', '<&', '&>', '&>>', '<<', '<<-', '<<<']);
const LIST_END_WORDS = new Set(['then', 'else', 'elif', 'fi', 'do', 'done', 'esac', '}']);
const COMPOUND_START_WORDS = new Set(['{', 'if', 'while', 'until', 'for', 'case', 'select', '[[']);
const DECLARATION_BUILTINS = new Set(['declare', 'typeset', 'local', 'export', 'readonly']);
const UNARY_OPS = new Set(['-a', '-b', '-c', '-d', '-e', '-f', '-g', '-h', '-k', '-p', '-r', '-s', '-t', '-u', '-w', '-x', '-G', '-L', '-N', '-O', '-S', '-z', '-n', '-o', '-v', '-R']);
const BINARY_OPS = new Set(['==', '=', '!=', '=~', '-eq', '-ne', '-lt', '-le', '-gt', '-ge', '-nt', '-ot', '-ef']);
const ASSIGN_RE = /^([A-Za-z_][A-Za-z0-9_]*)(\+?)=/;
const SUBSCRIPT_START_RE = /^[A-Za-z_][A-Za-z0-9_]*\[/;
const TILDE_USER_RE = /^[A-Za-z0-9._+-]*$/;

const near = (text: string): string => `syntax error near unexpected token \`${text}'`;
const EOF_MESSAGE = 'syntax error: unexpected end of file';

class Parser implements LexerHost {
  readonly lex: Lexer;
  private peeked: Token | null = null;
  private readonly queue: Token[] = [];
  private readonly aliasTokens = new WeakSet<Token>();
  private lastEnd = 0;
  private depth = 0;

  constructor(
    src: string,
    private readonly opts: ParseOptions,
    mapPos: ((offset: number) => Pos) | null = null,
  ) {
    this.lex = new Lexer(src, opts.final === true, mapPos);
    this.lex.host = this;
  }

  // ----- tokens ---------------------------------------------------------------------------------

  private peek(): Token {
    if (this.peeked === null) this.peeked = this.queue.length > 0 ? this.queue.shift()! : this.lex.next();
    return this.peeked;
  }

  private next(): Token {
    const t = this.peek();
    this.peeked = null;
    this.lastEnd = t.end;
    return t;
  }

  private pos(offset: number): Pos {
    return this.lex.posAt(offset);
  }

  private end(): number {
    return this.pos(this.lastEnd).offset;
  }

  private isWord(t: Token, text: string): boolean {
    return t.kind === 'word' && t.array === null && t.word.raw === text;
  }

  private isOp(t: Token, op: Operator): boolean {
    return t.kind === 'op' && t.op === op;
  }

  private tokenText(t: Token): string {
    switch (t.kind) {
      case 'word':
        return t.word.raw;
      case 'op':
        return t.op;
      case 'io':
        return String(t.fd);
      case 'newline':
      case 'eof':
        return 'newline';
    }
  }

  /** A token that cannot appear here. At the end of input: incomplete (more lines may fix it). */
  private unexpected(t: Token, reason: IncompleteReason = 'compound'): never {
    if (t.kind === 'eof') this.lex.incomplete(reason, EOF_MESSAGE);
    throw new ParseFailure('error', near(this.tokenText(t)), t.start);
  }

  /** The same, where a newline is not allowed either: the end of input counts as a newline. */
  private unexpectedHere(t: Token): never {
    throw new ParseFailure('error', near(this.tokenText(t)), t.start);
  }

  private skipNewlines(): void {
    while (this.peek().kind === 'newline') this.next();
  }

  private enter(offset: number): void {
    if (++this.depth > MAX_DEPTH) throw new ParseFailure('error', 'maximum nesting depth exceeded', offset);
  }

  // ----- aliases --------------------------------------------------------------------------------

  /** Peek the token at a command start, after alias expansion. */
  private peekCommand(): Token {
    let t = this.peek();
    const aliases = this.opts.aliases;
    if (aliases === undefined) return t;
    for (let guard = 0; guard < 64; guard++) {
      if (t.kind !== 'word' || t.array !== null) return t;
      const parts = t.word.parts;
      if (parts.length !== 1 || parts[0]!.type !== 'Literal') return t;
      const name = t.word.raw;
      if (t.aliasChain?.has(name)) return t;
      let value: string | undefined;
      try {
        value = aliases(name);
      } catch {
        value = undefined;
      }
      if (value === undefined) return t;
      const tokens = this.tokenizeAlias(value, t, name);
      if (tokens === null) return t;
      this.peeked = null;
      this.queue.unshift(...tokens);
      t = this.peek();
    }
    return t;
  }

  private tokenizeAlias(value: string, orig: Extract<Token, { kind: 'word' }>, name: string): Token[] | null {
    const origPos = orig.word.pos;
    const sub = new Parser(value, { final: true }, () => origPos);
    const chain = new Set(orig.aliasChain ?? []);
    chain.add(name);
    const tokens: Token[] = [];
    try {
      for (;;) {
        const tk = sub.lex.next();
        if (tk.kind === 'eof') break;
        const moved: Token = { ...tk, start: orig.start, end: orig.end } as Token;
        if (moved.kind === 'word') moved.aliasChain = chain;
        this.aliasTokens.add(moved);
        tokens.push(moved);
      }
    } catch {
      return null;
    }
    const last = tokens[tokens.length - 1];
    if (last !== undefined && last.kind === 'word' && /[ \t]$/.test(value)) last.aliasBlank = true;
    return tokens;
  }

  // ----- lists ----------------------------------------------------------------------------------

  parseScript(): Script {
    const start = this.peek().start;
    const body = this.parseList();
    const t = this.peek();
    if (t.kind !== 'eof') this.unexpected(t);
    return { type: 'Script', body, pos: this.pos(start), end: this.end() };
  }

  private isListEnd(t: Token): boolean {
    if (t.kind === 'eof') return true;
    if (t.kind === 'op') return t.op === ')' || t.op === ';;' || t.op === ';&' || t.op === ';;&';
    return t.kind === 'word' && t.array === null && LIST_END_WORDS.has(t.word.raw);
  }

  private parseList(): List {
    const items: ListItem[] = [];
    for (;;) {
      this.skipNewlines();
      const t = this.peekCommand();
      if (this.isListEnd(t)) return items;
      const start = t.start;
      const command = this.parseAndOr();
      const sep = this.peek();
      const item: ListItem = { type: 'ListItem', command, background: false, pos: this.pos(start), end: this.end() };
      items.push(item);
      if (sep.kind === 'op' && (sep.op === ';' || sep.op === '&')) {
        this.next();
        item.background = sep.op === '&';
        continue;
      }
      if (sep.kind === 'newline') {
        this.next();
        continue;
      }
      return items;
    }
  }

  /** A list that must not be empty (bodies of compound commands). */
  private parseCompoundList(): List {
    const list = this.parseList();
    if (list.length === 0) this.unexpected(this.peek());
    return list;
  }

  private parseAndOr(): AndOr {
    const start = this.peek().start;
    const first = this.parsePipeline();
    const rest: AndOr['rest'] = [];
    for (;;) {
      const t = this.peek();
      if (t.kind === 'op' && (t.op === '&&' || t.op === '||')) {
        this.next();
        this.skipNewlines();
        if (this.peek().kind === 'eof') this.lex.incomplete('pipeline', EOF_MESSAGE);
        rest.push({ op: t.op, pipeline: this.parsePipeline() });
      } else break;
    }
    return { type: 'AndOr', first, rest, pos: this.pos(start), end: this.end() };
  }

  private parsePipeline(): Pipeline {
    let t = this.peekCommand();
    const start = t.start;
    let negated = false;
    let timed = false;
    let timePosix = false;
    for (;;) {
      if (this.isWord(t, '!')) {
        this.next();
        negated = !negated;
      } else if (this.isWord(t, 'time') && !timed) {
        this.next();
        timed = true;
        if (this.isWord(this.peek(), '-p')) {
          this.next();
          timePosix = true;
        }
      } else break;
      t = this.peekCommand();
    }
    const pipeline: Pipeline = { type: 'Pipeline', negated, timed, timePosix, commands: [], ops: [], pos: this.pos(start), end: 0 };
    if ((negated || timed) && (t.kind === 'eof' || t.kind === 'newline' || (t.kind === 'op' && (t.op === ';' || t.op === '&' || t.op === ')')))) {
      pipeline.end = this.end();
      return pipeline;
    }
    pipeline.commands.push(this.parseCommand());
    for (;;) {
      const p = this.peek();
      if (p.kind === 'op' && (p.op === '|' || p.op === '|&')) {
        this.next();
        this.skipNewlines();
        if (this.peek().kind === 'eof') this.lex.incomplete('pipeline', EOF_MESSAGE);
        pipeline.ops.push(p.op);
        pipeline.commands.push(this.parseCommand());
      } else break;
    }
    pipeline.end = this.end();
    return pipeline;
  }

  // ----- commands -------------------------------------------------------------------------------

  private parseCommand(): Command {
    const t = this.peekCommand();
    this.enter(t.start);
    try {
      if (t.kind === 'word' && t.array === null) {
        const raw = t.word.raw;
        if (COMPOUND_START_WORDS.has(raw)) return this.parseCompound();
        if (raw === 'function') return this.parseFunctionKeyword();
        if (LIST_END_WORDS.has(raw) || raw === '!' || raw === 'in' || raw === ']]') this.unexpected(t);
        return this.parseSimpleCommand();
      }
      if (t.kind === 'op') {
        if (t.op === '(') return this.parseCompound();
        if (REDIRECT_OPS.has(t.op)) return this.parseSimpleCommand();
        this.unexpected(t);
      }
      if (t.kind === 'io' || t.kind === 'word') return this.parseSimpleCommand();
      this.unexpected(t);
    } finally {
      this.depth--;
    }
  }

  private isCompoundStart(t: Token): boolean {
    return (t.kind === 'word' && t.array === null && COMPOUND_START_WORDS.has(t.word.raw)) || this.isOp(t, '(');
  }

  /** A compound command with its trailing redirections. */
  private parseCompound(): CompoundCommand {
    const t = this.peekCommand();
    let cmd: CompoundCommand;
    if (t.kind === 'op') {
      const arith = this.tryArithCommand(t);
      cmd = arith ?? this.parseSubshell();
    } else {
      switch ((t as Extract<Token, { kind: 'word' }>).word.raw) {
        case '{':
          cmd = this.parseGroup();
          break;
        case 'if':
          cmd = this.parseIf();
          break;
        case 'while':
        case 'until':
          cmd = this.parseWhile();
          break;
        case 'for':
          cmd = this.parseFor();
          break;
        case 'select':
          cmd = this.parseSelect();
          break;
        case 'case':
          cmd = this.parseCase();
          break;
        default:
          cmd = this.parseTest();
      }
    }
    for (;;) {
      const r = this.peek();
      if (r.kind === 'io' || (r.kind === 'op' && REDIRECT_OPS.has(r.op))) cmd.redirects.push(this.parseRedirect());
      else break;
    }
    cmd.end = this.end();
    return cmd;
  }

  private parseSimpleCommand(): SimpleCommand | FunctionDef {
    const first = this.peek();
    const start = first.start;
    const assignments: Assignment[] = [];
    const words: Word[] = [];
    const redirects: Redirect[] = [];
    let checkAlias = false;
    for (;;) {
      let t = words.length === 0 ? this.relexSubscript(this.peek()) : this.peek();
      if (t.kind === 'word' && checkAlias) {
        checkAlias = false;
        t = this.peekCommand();
      }
      if (t.kind === 'io' || (t.kind === 'op' && REDIRECT_OPS.has(t.op))) {
        redirects.push(this.parseRedirect());
        continue;
      }
      if (t.kind !== 'word') break;
      if (words.length === 0) {
        if (t.array !== null) {
          this.next();
          assignments.push(this.arrayAssignment(t));
          continue;
        }
        const a = splitAssignment(t.word);
        if (a !== null) {
          this.next();
          assignments.push(a);
          continue;
        }
      } else if (t.array !== null) {
        if (!DECLARATION_BUILTINS.has(words[0]!.raw)) throw new ParseFailure('error', near('('), t.word.end);
        this.next();
        words.push({ ...t.word, array: t.array });
        continue;
      }
      this.next();
      words.push(words.length === 0 ? t.word : argumentTildes(t.word));
      if (t.aliasBlank) checkAlias = true;
      if (words.length === 1 && assignments.length === 0 && redirects.length === 0 && this.isOp(this.peek(), '(')) {
        return this.parseFunctionDef(t);
      }
    }
    if (words.length === 0 && assignments.length === 0 && redirects.length === 0) this.unexpected(this.peek());
    return { type: 'SimpleCommand', assignments, words, redirects, pos: this.pos(start), end: this.end() };
  }

  /**
   * Where an assignment may appear, `name[…]` is read up to the matching `]`, blanks included
   * (`a[i + 1]=x`); the lexer does that only when told, so such a word is read again.
   */
  private relexSubscript(t: Token): Token {
    if (t.kind !== 'word' || this.peeked !== t || this.aliasTokens.has(t) || this.lex.i !== t.end || !SUBSCRIPT_START_RE.test(t.word.raw)) return t;
    this.lex.i = t.start;
    this.peeked = null;
    this.lex.assignmentPosition = true;
    try {
      return this.peek();
    } finally {
      this.lex.assignmentPosition = false;
    }
  }

  private arrayAssignment(t: Extract<Token, { kind: 'word' }>): Assignment {
    const m = ASSIGN_RE.exec(t.word.raw)!;
    return {
      type: 'Assignment',
      name: m[1]!,
      index: null,
      append: m[2] === '+',
      value: null,
      array: t.array!.map(argumentTildes),
      pos: t.word.pos,
      end: t.word.end,
    };
  }

  private parseRedirect(): Redirect {
    let t = this.next();
    const start = t.start;
    let fd: number | null = null;
    if (t.kind === 'io') {
      fd = t.fd;
      t = this.next();
    }
    if (t.kind !== 'op' || !REDIRECT_OPS.has(t.op)) this.unexpectedHere(t);
    const op = t.op as RedirectOp;
    let target = this.next();
    if (target.kind === 'io' && (op === '>&' || op === '<&')) {
      // `2>&1>f`: the digits are the target word, not a descriptor for the next redirection.
      const word = this.lex.makeWord([{ type: 'Literal', value: String(target.fd), glob: false }], target.start, target.end);
      target = { kind: 'word', word, start: target.start, end: target.end, aliasChain: null, aliasBlank: false, array: null };
    }
    if (target.kind !== 'word') this.unexpectedHere(target);
    if (target.array !== null) throw new ParseFailure('error', near('('), target.word.end);
    const redirect: Redirect = { type: 'Redirect', op, fd, target: target.word, heredoc: null, pos: this.pos(start), end: this.end() };
    if (op === '<<' || op === '<<-') {
      const { text, quoted } = heredocDelimiter(target.word);
      const doc: HereDoc = { type: 'HereDoc', delimiter: text, quoted, stripTabs: op === '<<-', body: '', parts: quoted ? null : [], pos: this.pos(start) };
      redirect.heredoc = doc;
      this.lex.registerHereDoc(doc);
    }
    return redirect;
  }

  private parseFunctionDef(nameTok: Extract<Token, { kind: 'word' }>): FunctionDef {
    this.next(); // (
    const close = this.next();
    if (!this.isOp(close, ')')) this.unexpectedHere(close);
    const name = functionName(nameTok.word);
    this.skipNewlines();
    const t = this.peekCommand();
    if (!this.isCompoundStart(t)) this.unexpected(t);
    const body = this.parseCompound();
    return { type: 'FunctionDef', name, body, text: this.text(nameTok.start), pos: this.pos(nameTok.start), end: this.end() };
  }

  private parseFunctionKeyword(): FunctionDef {
    const kw = this.next();
    const nameTok = this.next();
    if (nameTok.kind !== 'word') this.unexpectedHere(nameTok);
    const name = functionName(nameTok.word);
    if (this.isOp(this.peek(), '(')) {
      this.next();
      const close = this.next();
      if (!this.isOp(close, ')')) this.unexpectedHere(close);
    }
    this.skipNewlines();
    const t = this.peekCommand();
    if (!this.isCompoundStart(t)) this.unexpected(t);
    const body = this.parseCompound();
    return { type: 'FunctionDef', name, body, text: this.text(kw.start), pos: this.pos(kw.start), end: this.end() };
  }

  /** Source text from a local offset to the end of the last token. */
  private text(start: number): string {
    return this.lex.src.slice(start, this.lastEnd);
  }

  private expectWord(word: string): Token {
    const t = this.peek();
    if (!this.isWord(t, word)) this.unexpected(t);
    return this.next();
  }

  private parseGroup(): CompoundCommand {
    const t = this.next();
    const body = this.parseCompoundList();
    this.expectWord('}');
    return { type: 'Group', body, redirects: [], pos: this.pos(t.start), end: 0 };
  }

  private parseSubshell(): CompoundCommand {
    const t = this.next();
    const body = this.parseCompoundList();
    const close = this.peek();
    if (!this.isOp(close, ')')) this.unexpected(close);
    this.next();
    return { type: 'Subshell', body, redirects: [], pos: this.pos(t.start), end: 0 };
  }

  /** `((` at a command start: an arithmetic command, or null when it is `( (` after all. */
  private tryArithCommand(t: Token): CompoundCommand | null {
    if (this.aliasTokens.has(t) || this.peeked !== t || this.lex.i !== t.end || this.lex.src[t.end] !== '(') return null;
    const m = this.lex.mark();
    this.peeked = null;
    this.lex.i = t.end + 1;
    const r = this.lex.readArith(false);
    if (r === null) {
      this.lex.reset(m);
      this.peeked = t;
      return null;
    }
    this.lastEnd = this.lex.i;
    return { type: 'ArithCommand', expression: arithWord(r.word), redirects: [], pos: this.pos(t.start), end: 0 };
  }

  private parseIf(): CompoundCommand {
    const t = this.next();
    const clauses: { condition: List; body: List }[] = [];
    let elseBody: List | null = null;
    const condition = this.parseCompoundList();
    this.expectWord('then');
    clauses.push({ condition, body: this.parseCompoundList() });
    for (;;) {
      const k = this.peek();
      if (this.isWord(k, 'elif')) {
        this.next();
        const c = this.parseCompoundList();
        this.expectWord('then');
        clauses.push({ condition: c, body: this.parseCompoundList() });
      } else if (this.isWord(k, 'else')) {
        this.next();
        elseBody = this.parseCompoundList();
        this.expectWord('fi');
        break;
      } else if (this.isWord(k, 'fi')) {
        this.next();
        break;
      } else this.unexpected(k);
    }
    return { type: 'If', clauses, elseBody, redirects: [], pos: this.pos(t.start), end: 0 };
  }

  private parseWhile(): CompoundCommand {
    const t = this.next();
    const condition = this.parseCompoundList();
    const body = this.parseDoGroup(false);
    return { type: 'While', until: (t as Extract<Token, { kind: 'word' }>).word.raw === 'until', condition, body, redirects: [], pos: this.pos(t.start), end: 0 };
  }

  /** `do list done` (or `{ list }` after for/select). */
  private parseDoGroup(allowBrace: boolean): List {
    const t = this.peek();
    if (allowBrace && this.isWord(t, '{')) {
      this.next();
      const body = this.parseCompoundList();
      this.expectWord('}');
      return body;
    }
    this.expectWord('do');
    const body = this.parseCompoundList();
    this.expectWord('done');
    return body;
  }

  /** `for NAME` / `select NAME` … `in words;` — returns the variable and word list (null: "$@"). */
  private parseForHead(): { variable: string; words: Word[] | null } {
    const nameTok = this.next();
    if (nameTok.kind !== 'word') this.unexpectedHere(nameTok);
    if (!isName(nameTok.word.raw)) throw new ParseFailure('error', `\`${nameTok.word.raw}': not a valid identifier`, nameTok.start);
    this.skipNewlines();
    let words: Word[] | null = null;
    const t = this.peek();
    if (this.isWord(t, 'in')) {
      this.next();
      words = [];
      for (;;) {
        const w = this.peek();
        if (w.kind === 'word') {
          this.next();
          words.push(argumentTildes(w.word));
        } else if (w.kind === 'newline' || this.isOp(w, ';')) {
          this.next();
          break;
        } else this.unexpected(w);
      }
      this.skipNewlines();
    } else if (this.isOp(t, ';')) {
      this.next();
      this.skipNewlines();
    }
    return { variable: nameTok.word.raw, words };
  }

  private parseFor(): CompoundCommand {
    const t = this.next();
    const p = this.peek();
    if (this.isOp(p, '(') && !this.aliasTokens.has(p) && this.lex.i === p.end && this.lex.src[p.end] === '(') {
      this.peeked = null;
      this.lex.i = p.end + 1;
      const parts: (ArithWord | null)[] = [];
      for (let k = 0; k < 3; k++) {
        const exprStart = this.lex.i;
        const r = this.lex.readArith(true);
        if (r === null) throw new ParseFailure('error', 'syntax error: arithmetic expression required', exprStart);
        if (k < 2 && r.stop !== ';') throw new ParseFailure('error', 'syntax error: arithmetic expression required', exprStart);
        if (k === 2 && r.stop !== '))') throw new ParseFailure('error', "syntax error: `;' unexpected", this.lex.i - 1);
        parts.push(r.word.raw.trim() === '' ? null : arithWord(r.word));
      }
      this.lastEnd = this.lex.i;
      const s = this.peek();
      if (this.isOp(s, ';')) this.next();
      this.skipNewlines();
      const body = this.parseDoGroup(true);
      return { type: 'ArithFor', init: parts[0]!, test: parts[1]!, update: parts[2]!, body, redirects: [], pos: this.pos(t.start), end: 0 };
    }
    const { variable, words } = this.parseForHead();
    const body = this.parseDoGroup(true);
    return { type: 'For', variable, words, body, redirects: [], pos: this.pos(t.start), end: 0 };
  }

  private parseSelect(): CompoundCommand {
    const t = this.next();
    const { variable, words } = this.parseForHead();
    const body = this.parseDoGroup(true);
    return { type: 'Select', variable, words, body, redirects: [], pos: this.pos(t.start), end: 0 };
  }

  private parseCase(): CompoundCommand {
    const t = this.next();
    const subjectTok = this.next();
    if (subjectTok.kind !== 'word') this.unexpectedHere(subjectTok);
    this.skipNewlines();
    this.expectWord('in');
    const items: CaseItem[] = [];
    for (;;) {
      this.skipNewlines();
      let k = this.peek();
      if (this.isWord(k, 'esac')) {
        this.next();
        break;
      }
      if (k.kind === 'eof') this.unexpected(k);
      const itemStart = k.start;
      if (this.isOp(k, '(')) {
        this.next();
        k = this.peek();
      }
      const patterns: Word[] = [];
      for (;;) {
        const w = this.next();
        if (w.kind !== 'word' || w.array !== null) this.unexpectedHere(w);
        patterns.push(w.word);
        const sep = this.peek();
        if (this.isOp(sep, '|')) {
          this.next();
          continue;
        }
        if (this.isOp(sep, ')')) {
          this.next();
          break;
        }
        this.unexpectedHere(sep);
      }
      const body = this.parseList();
      const e = this.peek();
      const item: CaseItem = { type: 'CaseItem', patterns, body, terminator: ';;', pos: this.pos(itemStart), end: this.end() };
      items.push(item);
      if (e.kind === 'op' && (e.op === ';;' || e.op === ';&' || e.op === ';;&')) {
        this.next();
        item.terminator = e.op as CaseTerminator;
        item.end = this.end();
        continue;
      }
      if (this.isWord(e, 'esac')) {
        this.next();
        break;
      }
      this.unexpected(e);
    }
    const c: Case = { type: 'Case', subject: subjectTok.word, items, redirects: [], pos: this.pos(t.start), end: 0 };
    return c;
  }

  // ----- [[ … ]] --------------------------------------------------------------------------------

  private condPeek(): Token {
    while (this.peek().kind === 'newline') this.next();
    return this.peek();
  }

  private condError(message: string, t: Token): never {
    throw new ParseFailure('error', message, t.start);
  }

  /** An error about token t in `[[ ]]`; at the end of input, incomplete (bash names it `newline`). */
  private condFail(t: Token, message: (token: string) => string): never {
    if (t.kind === 'eof') this.lex.incomplete('compound', message('newline'));
    throw new ParseFailure('error', message(this.tokenText(t)), t.start);
  }

  private parseTest(): CompoundCommand {
    const t = this.next();
    const expression = this.condOr();
    const close = this.peek();
    if (!this.isWord(close, ']]')) {
      if (close.kind === 'eof') this.lex.incomplete('compound', EOF_MESSAGE);
      if (close.kind === 'word') this.condError('syntax error in conditional expression', close);
      this.condError(`syntax error in conditional expression: unexpected token \`${this.tokenText(close)}'`, close);
    }
    this.next();
    return { type: 'TestCommand', expression, redirects: [], pos: this.pos(t.start), end: 0 };
  }

  private condOr(): CondExpr {
    let left = this.condAnd();
    for (;;) {
      const t = this.peek();
      if (!this.isOp(t, '||')) return left;
      this.next();
      const right = this.condAnd();
      left = { type: 'CondOr', left, right, pos: left.pos };
    }
  }

  private condAnd(): CondExpr {
    let left = this.condTerm();
    for (;;) {
      const t = this.peek();
      if (!this.isOp(t, '&&')) return left;
      this.next();
      const right = this.condTerm();
      left = { type: 'CondAnd', left, right, pos: left.pos };
    }
  }

  private condTerm(): CondExpr {
    const t = this.condPeek();
    this.enter(t.start);
    try {
      const pos = this.pos(t.start);
      if (this.isWord(t, '!')) {
        this.next();
        if (this.isWord(this.peek(), ']]')) {
          // `[[ ! ]]`: bash accepts it and it is false.
          return { type: 'CondNot', operand: { type: 'CondWord', word: (t as Extract<Token, { kind: 'word' }>).word, pos }, pos };
        }
        return { type: 'CondNot', operand: this.condTerm(), pos };
      }
      if (this.isOp(t, '(')) {
        this.next();
        const inner = this.condOr();
        const close = this.peek();
        if (!this.isOp(close, ')')) this.condFail(close, (x) => `unexpected token \`${x}', expected \`)'`);
        this.next();
        return { type: 'CondGroup', inner, pos };
      }
      if (t.kind !== 'word' || this.isWord(t, ']]')) {
        if (t.kind === 'eof') this.lex.incomplete('compound', "unexpected token `EOF' in conditional command");
        this.condError(`unexpected token \`${this.tokenText(t)}' in conditional command`, t);
      }
      if (t.array !== null) this.condError(`unexpected token \`(' in conditional command`, t);
      if (UNARY_OPS.has(t.word.raw)) {
        this.next();
        const arg = this.peek();
        if (arg.kind !== 'word' || this.isWord(arg, ']]')) this.condFail(arg, (x) => `unexpected argument \`${x}' to conditional unary operator`);
        this.next();
        return { type: 'CondUnary', op: t.word.raw as CondUnaryOp, operand: arg.word, pos };
      }
      this.next();
      const left = t.word;
      const opTok = this.peek();
      let op: CondBinaryOp;
      if (opTok.kind === 'word' && opTok.array === null && BINARY_OPS.has(opTok.word.raw)) op = opTok.word.raw as CondBinaryOp;
      else if (this.isOp(opTok, '<') || this.isOp(opTok, '>')) op = (opTok as Extract<Token, { kind: 'op' }>).op as '<' | '>';
      else if (this.isWord(opTok, ']]') || this.isOp(opTok, '&&') || this.isOp(opTok, '||') || this.isOp(opTok, ')')) {
        return { type: 'CondWord', word: left, pos };
      } else if (opTok.kind === 'word') this.condError('conditional binary operator expected', opTok);
      else this.condFail(opTok, (x) => `unexpected token \`${x}', conditional binary operator expected`);
      this.next();
      if (op === '=~' && this.queue.length === 0 && this.peeked === null) {
        const re = this.lex.readRegexWord();
        if (re === null) {
          const n = this.peek();
          this.condFail(n, (x) => `unexpected argument \`${x}' to conditional binary operator`);
        }
        this.lastEnd = this.lex.i;
        return { type: 'CondBinary', op, left, right: re, pos };
      }
      const r = this.peek();
      if (r.kind !== 'word' || this.isWord(r, ']]')) this.condFail(r, (x) => `unexpected argument \`${x}' to conditional binary operator`);
      this.next();
      return { type: 'CondBinary', op, left, right: r.word, pos };
    } finally {
      this.depth--;
    }
  }

  // ----- LexerHost ------------------------------------------------------------------------------

  parseCommandSubstitution(): Script {
    const open = this.lex.i - 2;
    const savedPeek = this.peeked;
    const savedEnd = this.lastEnd;
    this.peeked = null;
    this.enter(open);
    try {
      const body = this.parseList();
      const t = this.peek();
      if (!this.isOp(t, ')')) {
        if (t.kind === 'eof') this.lex.incomplete('substitution', "unexpected EOF while looking for matching `)'", open);
        this.unexpected(t);
      }
      this.next();
      return { type: 'Script', body, pos: this.pos(open), end: this.end() };
    } catch (e) {
      if (e instanceof ParseFailure && e.kind === 'incomplete' && (e.reason === 'compound' || e.reason === 'pipeline')) {
        this.lex.incomplete('substitution', "unexpected EOF while looking for matching `)'", open);
      }
      throw e;
    } finally {
      this.depth--;
      this.peeked = savedPeek;
      this.lastEnd = savedEnd;
    }
  }

  private sub(text: string, base: number): Parser {
    const parent = this.lex;
    const sub = new Parser(text, { final: true, aliases: this.opts.aliases }, (o) => parent.posAt(base + Math.min(Math.max(o, 0), text.length)));
    sub.depth = this.depth;
    return sub;
  }

  private rethrowNested(e: unknown, base: number): never {
    if (e instanceof ParseFailure) throw new ParseFailure('error', e.message, base);
    throw e;
  }

  parseNestedScript(text: string, base: number): Script {
    this.enter(base);
    try {
      return this.sub(text, base).parseScript();
    } catch (e) {
      this.rethrowNested(e, base);
    } finally {
      this.depth--;
    }
  }

  parseHereDocParts(text: string, base: number): WordPart[] {
    try {
      return this.sub(text, base).lex.readHereDocBody();
    } catch (e) {
      this.rethrowNested(e, base);
    }
  }
}

// ----- helpers ----------------------------------------------------------------------------------

function arithWord(word: Word): ArithWord {
  return { word, parsed: staticArith(word) };
}

/** The name of a function definition: a literal word. */
function functionName(word: Word): string {
  if (word.parts.length === 1 && word.parts[0]!.type === 'Literal') return word.raw;
  throw new ParseFailure('error', `\`${word.raw}': not a valid identifier`, word.pos.offset);
}

/** A here-document delimiter: quote removal on the raw text, and whether there was quoting. */
function heredocDelimiter(word: Word): { text: string; quoted: boolean } {
  const raw = word.raw;
  let text = '';
  let quoted = false;
  for (let i = 0; i < raw.length; i++) {
    const c = raw[i]!;
    if (c === "'") {
      quoted = true;
      const close = raw.indexOf("'", i + 1);
      const end = close < 0 ? raw.length : close;
      text += raw.slice(i + 1, end);
      i = end;
    } else if (c === '"') {
      quoted = true;
      let j = i + 1;
      while (j < raw.length && raw[j] !== '"') {
        if (raw[j] === '\\' && j + 1 < raw.length && '$`"\\'.includes(raw[j + 1]!)) j++;
        text += raw[j];
        j++;
      }
      i = j;
    } else if (c === '\\') {
      quoted = true;
      if (i + 1 < raw.length) text += raw[++i];
    } else if (c === '$' && (raw[i + 1] === "'" || raw[i + 1] === '"')) {
      // $'…' / $"…" delimiters: bash keeps the `$` off and treats the rest as quoted.
      continue;
    } else text += c;
  }
  return { text, quoted };
}

function literal(value: string): WordPart {
  return { type: 'Literal', value, glob: /[*?[]/.test(value) };
}

/** Tilde expansion after `=` and `:` in an assignment value. */
function assignmentTildes(parts: WordPart[]): WordPart[] {
  if (!parts.some((p) => p.type === 'Literal' && p.value.includes('~'))) return parts;
  const out: WordPart[] = [];
  for (let k = 0; k < parts.length; k++) {
    const p = parts[k]!;
    if (p.type !== 'Literal' || !p.value.includes('~')) {
      out.push(p);
      continue;
    }
    const text = p.value;
    let seg = '';
    let i = 0;
    while (i < text.length) {
      const c = text[i]!;
      const boundary = i === 0 ? k === 0 : text[i - 1] === ':';
      if (c === '~' && boundary) {
        let j = i + 1;
        while (j < text.length && text[j] !== '/' && text[j] !== ':') j++;
        const user = text.slice(i + 1, j);
        if (TILDE_USER_RE.test(user) && (j < text.length || k === parts.length - 1)) {
          if (seg !== '') out.push(literal(seg));
          seg = '';
          out.push({ type: 'Tilde', user: user === '' ? null : user });
          i = j;
          continue;
        }
      }
      seg += c;
      i++;
    }
    if (seg !== '') out.push(literal(seg));
  }
  return out;
}

/** Split `NAME=value`, `NAME+=value`, `NAME[sub]=value` into an assignment, or null. */
export function splitAssignment(word: Word): Assignment | null {
  const p0 = word.parts[0];
  if (p0 === undefined || p0.type !== 'Literal') return null;
  const m = ASSIGN_RE.exec(p0.value);
  if (m !== null) {
    const rest = p0.value.slice(m[0].length);
    const valueParts = rest === '' ? word.parts.slice(1) : [literal(rest), ...word.parts.slice(1)];
    const rawStart = m[0].length;
    const value: Word = { type: 'Word', parts: assignmentTildes(valueParts), raw: word.raw.slice(rawStart), pos: shift(word.pos, rawStart), end: word.end };
    return { type: 'Assignment', name: m[1]!, index: null, append: m[2] === '+', value, array: null, pos: word.pos, end: word.end };
  }
  const n = /^([A-Za-z_][A-Za-z0-9_]*)\[/.exec(p0.value);
  if (n === null) return null;
  // Find `]=` or `]+=` at bracket depth 0, possibly after expansions in the subscript.
  const index: WordPart[] = [];
  let depth = 0;
  let pending = p0.value.slice(n[0].length);
  for (let k = 0; k < word.parts.length; k++) {
    const p = k === 0 ? literal(pending) : word.parts[k]!;
    if (p.type !== 'Literal') {
      index.push(p);
      continue;
    }
    const v = p.value;
    for (let i = 0; i < v.length; i++) {
      const c = v[i];
      if (c === '[') depth++;
      else if (c === ']') {
        if (depth > 0) {
          depth--;
          continue;
        }
        let append = false;
        let j = i + 1;
        if (v[j] === '+') {
          append = true;
          j++;
        }
        if (v[j] !== '=') return null;
        if (i > 0) index.push(literal(v.slice(0, i)));
        const rest = v.slice(j + 1);
        const valueParts = rest === '' ? word.parts.slice(k + 1) : [literal(rest), ...word.parts.slice(k + 1)];
        const eq = word.raw.indexOf(append ? ']+=' : ']=');
        const rawStart = eq < 0 ? word.raw.length : eq + (append ? 3 : 2);
        const indexWord: Word = { type: 'Word', parts: index, raw: word.raw.slice(n[0].length, Math.max(n[0].length, eq)), pos: shift(word.pos, n[0].length), end: word.end };
        const value: Word = { type: 'Word', parts: assignmentTildes(valueParts), raw: word.raw.slice(rawStart), pos: shift(word.pos, rawStart), end: word.end };
        return { type: 'Assignment', name: n[1]!, index: indexWord, append, value, array: null, pos: word.pos, end: word.end };
      }
    }
    index.push(p);
    pending = '';
  }
  return null;
}

function shift(pos: Pos, by: number): Pos {
  return { offset: pos.offset + by, line: pos.line, column: pos.column + by };
}

/** bash expands `~` after `=`/`:` in arguments that look like assignments too (`echo a=~/x`). */
function argumentTildes(word: Word): Word {
  const p0 = word.parts[0];
  if (p0 === undefined || p0.type !== 'Literal' || !word.raw.includes('~')) return word;
  const m = ASSIGN_RE.exec(p0.value);
  if (m === null) return word;
  const rest = p0.value.slice(m[0].length);
  const valueParts = rest === '' ? word.parts.slice(1) : [literal(rest), ...word.parts.slice(1)];
  const parts = assignmentTildes(valueParts);
  if (parts === valueParts) return word;
  return { ...word, parts: [literal(m[0]), ...parts] };
}

/** Parse shell source. Never throws. */
export function parse(source: string, options: ParseOptions = {}): ParseResult {
  const parser = new Parser(source, options);
  try {
    const script = parser.parseScript();
    return { kind: 'ok', script, warnings: parser.lex.warnings };
  } catch (e) {
    if (e instanceof ParseFailure) {
      if (e.kind === 'incomplete' && options.final !== true) return { kind: 'incomplete', reason: e.reason ?? 'compound', message: e.message };
      return errorResult(source, parser.lex, e.message, e.kind === 'incomplete' ? source.length : e.offset);
    }
    // A bug or a stack overflow on absurd nesting: still an answer, never an exception.
    const message = e instanceof RangeError ? 'maximum nesting depth exceeded' : `internal parser error: ${e instanceof Error ? e.message : String(e)}`;
    return errorResult(source, parser.lex, message, 0);
  }
}

function errorResult(source: string, lex: Lexer, message: string, offset: number): ParseResult {
  const position = lex.posAt(Math.max(0, Math.min(offset, source.length)));
  const lineStart = source.lastIndexOf('\n', position.offset - 1) + 1;
  let lineEnd = source.indexOf('\n', position.offset);
  if (lineEnd < 0) lineEnd = source.length;
  return { kind: 'error', message, position, line: source.slice(lineStart, lineEnd) };
}

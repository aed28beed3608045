/** A recursive-descent parser for awk programs, producing the tree the interpreter walks. */
import { tokenize, type Token } from './lexer.js';

export type LValue = { k: 'var'; name: string } | { k: 'idx'; name: string; subs: Expr[] } | { k: 'field'; e: Expr };

export type Expr =
  | LValue
  | { k: 'num'; v: number }
  | { k: 'str'; v: string }
  | { k: 're'; src: string }
  | { k: 'group'; e: Expr }
  | { k: 'assign'; op: string; target: LValue; e: Expr }
  | { k: 'cond'; c: Expr; a: Expr; b: Expr }
  | { k: 'and'; a: Expr; b: Expr }
  | { k: 'or'; a: Expr; b: Expr }
  | { k: 'not'; e: Expr }
  | { k: 'neg'; e: Expr }
  | { k: 'plus'; e: Expr }
  | { k: 'bin'; op: string; a: Expr; b: Expr }
  | { k: 'cmp'; op: string; a: Expr; b: Expr }
  | { k: 'match'; neg: boolean; a: Expr; re: Expr }
  | { k: 'concat'; a: Expr; b: Expr }
  | { k: 'in'; subs: Expr[]; name: string }
  | { k: 'incdec'; op: '++' | '--'; prefix: boolean; target: LValue }
  | { k: 'call'; name: string; args: Expr[]; pos: number }
  | { k: 'builtin'; name: string; args: Expr[] }
  | { k: 'getline'; target?: LValue; src?: Expr; mode: 'plain' | 'file' | 'cmd' };

export interface Redirect {
  mode: '>' | '>>' | '|';
  e: Expr;
}

export type Stmt =
  | { k: 'expr'; e: Expr }
  | { k: 'print'; args: Expr[]; redir?: Redirect }
  | { k: 'printf'; args: Expr[]; redir?: Redirect }
  | { k: 'if'; c: Expr; t: Stmt; f?: Stmt }
  | { k: 'while'; c: Expr; body: Stmt }
  | { k: 'do'; body: Stmt; c: Expr }
  | { k: 'for'; init?: Stmt; c?: Expr; step?: Stmt; body: Stmt }
  | { k: 'forin'; v: string; arr: string; body: Stmt }
  | { k: 'block'; body: Stmt[] }
  | { k: 'next' }
  | { k: 'nextfile' }
  | { k: 'exit'; e?: Expr }
  | { k: 'return'; e?: Expr }
  | { k: 'break' }
  | { k: 'continue' }
  | { k: 'delete'; name: string; subs?: Expr[] }
  | { k: 'getline-stmt'; e: Expr };

export interface Rule {
  pattern?: Expr;
  pattern2?: Expr;
  body?: Stmt[];
  /** Range state at run time. */
  inRange?: boolean;
}

export interface AwkFunction {
  name: string;
  params: string[];
  body: Stmt[];
}

export interface AwkProgram {
  begin: Stmt[][];
  rules: Rule[];
  end: Stmt[][];
  functions: Map<string, AwkFunction>;
}

export class AwkSyntaxError extends Error {
  constructor(
    message: string,
    readonly pos: number,
  ) {
    super(message);
  }
}

interface Flags {
  noGt?: boolean;
  noIn?: boolean;
}

const ASSIGN_OPS = new Set(['=', '+=', '-=', '*=', '/=', '%=', '^=']);

class Parser {
  private i = 0;
  private readonly functions = new Map<string, AwkFunction>();

  constructor(
    private readonly toks: Token[],
    private readonly src: string,
  ) {}

  private get t(): Token {
    return this.toks[this.i]!;
  }
  private peek(n = 1): Token {
    return this.toks[Math.min(this.i + n, this.toks.length - 1)]!;
  }
  private is(text: string): boolean {
    const t = this.t;
    return (t.type === 'op' || t.type === 'kw') && t.text === text;
  }
  private fail(t: Token = this.t): never {
    if (t.type === 'eof' || t.type === 'nl') throw new AwkSyntaxError('unexpected newline or end of string', t.pos);
    throw new AwkSyntaxError('syntax error', t.pos);
  }
  private expect(text: string): Token {
    if (!this.is(text)) this.fail();
    return this.toks[this.i++]!;
  }
  /** A newline, ';' or the end (the loop conditions narrow this.t's type, so ask in one place). */
  private atTerminator(): boolean {
    const type: string = this.t.type;
    return type === 'nl' || type === 'eof' || this.is(';');
  }

  private optNewlines(): void {
    while (this.t.type === 'nl') this.i++;
  }
  private skipTerminators(): void {
    while (this.t.type === 'nl' || this.is(';')) this.i++;
  }

  program(): AwkProgram {
    const prog: AwkProgram = { begin: [], rules: [], end: [], functions: this.functions };
    this.skipTerminators();
    while (this.t.type !== 'eof') {
      if (this.is('function')) this.functionDef();
      else if (this.is('BEGIN')) {
        this.i++;
        this.optNewlines();
        prog.begin.push(this.block());
      } else if (this.is('END')) {
        this.i++;
        this.optNewlines();
        prog.end.push(this.block());
      } else {
        const rule: Rule = {};
        if (!this.is('{')) {
          rule.pattern = this.expr();
          if (this.is(',')) {
            this.i++;
            this.optNewlines();
            rule.pattern2 = this.expr();
          }
        }
        if (this.is('{')) rule.body = this.block();
        else if (!this.atTerminator()) this.fail();
        prog.rules.push(rule);
      }
      this.skipTerminators();
    }
    return prog;
  }

  private functionDef(): void {
    this.i++;
    const nameTok = this.t;
    if (nameTok.type !== 'name' && nameTok.type !== 'funcname') this.fail();
    this.i++;
    if (this.functions.has(nameTok.text)) throw new AwkSyntaxError(`function \`${nameTok.text}' previously defined`, nameTok.pos);
    this.expect('(');
    const params: string[] = [];
    this.optNewlines();
    while (!this.is(')')) {
      if (this.t.type !== 'name') this.fail();
      params.push(this.t.text);
      this.i++;
      this.optNewlines();
      if (this.is(',')) {
        this.i++;
        this.optNewlines();
      } else if (!this.is(')')) this.fail();
    }
    this.i++;
    this.optNewlines();
    this.functions.set(nameTok.text, { name: nameTok.text, params, body: this.block() });
  }

  private block(): Stmt[] {
    this.expect('{');
    const body: Stmt[] = [];
    this.skipTerminators();
    while (!this.is('}')) {
      if (this.t.type === 'eof') this.fail();
      body.push(this.stmt());
      this.skipTerminators();
    }
    this.i++;
    return body;
  }

  private endSimple(): void {
    if (this.is(';') || this.t.type === 'nl') {
      this.i++;
      return;
    }
    if (this.is('}') || this.t.type === 'eof') return;
    this.fail();
  }

  /** A statement used as a loop or if body: `;` alone is an empty statement. */
  private body(): Stmt {
    this.optNewlines();
    if (this.is(';')) {
      this.i++;
      return { k: 'block', body: [] };
    }
    return this.stmt();
  }

  private stmt(): Stmt {
    const start = this.t.pos;
    const s = this.stmtInner();
    (s as { line?: number }).line = this.lineOf(start);
    return s;
  }

  lineOf(pos: number): number {
    let line = 1;
    for (let i = 0; i < pos && i < this.src.length; i++) if (this.src[i] === '\n') line++;
    return line;
  }

  private stmtInner(): Stmt {
    const t = this.t;
    if (this.is('{')) return { k: 'block', body: this.block() };
    if (t.type === 'kw') {
      switch (t.text) {
        case 'if': {
          this.i++;
          this.expect('(');
          const c = this.expr();
          this.expect(')');
          const then = this.body();
          const save = this.i;
          this.skipTerminators();
          if (this.is('else')) {
            this.i++;
            return { k: 'if', c, t: then, f: this.body() };
          }
          this.i = save;
          return { k: 'if', c, t: then };
        }
        case 'while': {
          this.i++;
          this.expect('(');
          const c = this.expr();
          this.expect(')');
          return { k: 'while', c, body: this.body() };
        }
        case 'do': {
          this.i++;
          const body = this.body();
          this.skipTerminators();
          this.expect('while');
          this.expect('(');
          const c = this.expr();
          this.expect(')');
          this.endSimple();
          return { k: 'do', body, c };
        }
        case 'for': {
          this.i++;
          this.expect('(');
          // for (name in array)
          if (this.t.type === 'name' && this.peek().text === 'in' && this.peek().type === 'kw' && this.peek(2).type === 'name' && this.peek(3).text === ')') {
            const v = this.t.text;
            const arr = this.peek(2).text;
            this.i += 4;
            return { k: 'forin', v, arr, body: this.body() };
          }
          const init = this.is(';') ? undefined : this.simple();
          this.expect(';');
          this.optNewlines();
          const c = this.is(';') ? undefined : this.expr();
          this.expect(';');
          this.optNewlines();
          const step = this.is(')') ? undefined : this.simple();
          this.expect(')');
          return { k: 'for', init, c, step, body: this.body() };
        }
        case 'next':
        case 'nextfile':
        case 'break':
        case 'continue':
          this.i++;
          this.endSimple();
          return { k: t.text } as Stmt;
        case 'exit':
        case 'return': {
          this.i++;
          const e = this.is(';') || this.is('}') || this.t.type === 'nl' || this.t.type === 'eof' ? undefined : this.expr();
          this.endSimple();
          return { k: t.text, e } as Stmt;
        }
        case 'delete': {
          this.i++;
          if (this.t.type !== 'name') this.fail();
          const name = this.t.text;
          this.i++;
          let subs: Expr[] | undefined;
          if (this.is('[')) {
            this.i++;
            subs = this.exprList();
            this.expect(']');
          }
          this.endSimple();
          return { k: 'delete', name, subs };
        }
      }
    }
    const s = this.simple();
    this.endSimple();
    return s;
  }

  /** A simple statement: print, printf or an expression. */
  private simple(): Stmt {
    if (this.is('print') || this.is('printf')) {
      const kind = this.t.text as 'print' | 'printf';
      this.i++;
      let args: Expr[] = [];
      // print (a, b) > "f": a parenthesised list; otherwise an expression list where '>' redirects.
      const save = this.i;
      let done = false;
      if (this.is('(')) {
        this.i++;
        const list = this.exprList();
        if (this.is(')')) {
          this.i++;
          if (this.is(';') || this.is('}') || this.is('>') || this.is('>>') || this.is('|') || this.t.type === 'nl' || this.t.type === 'eof') {
            args = list;
            done = true;
          }
        }
        if (!done) this.i = save;
      }
      if (!done && !(this.is(';') || this.is('}') || this.is('>') || this.is('>>') || this.is('|') || this.t.type === 'nl' || this.t.type === 'eof')) {
        args = this.exprList({ noGt: true });
      }
      let redir: Redirect | undefined;
      if (this.is('>') || this.is('>>') || this.is('|')) {
        const mode = this.t.text as Redirect['mode'];
        this.i++;
        redir = { mode, e: this.concat({ noGt: true }) };
      }
      if (kind === 'printf' && args.length === 0) this.fail();
      return { k: kind, args, redir };
    }
    return { k: 'expr', e: this.expr() };
  }

  private exprList(f: Flags = {}): Expr[] {
    const list = [this.expr(f)];
    while (this.is(',')) {
      this.i++;
      this.optNewlines();
      list.push(this.expr(f));
    }
    return list;
  }

  expr(f: Flags = {}): Expr {
    const left = this.ternary(f);
    if (this.t.type === 'op' && ASSIGN_OPS.has(this.t.text) && isLValue(left)) {
      const op = this.t.text;
      this.i++;
      this.optNewlines();
      return { k: 'assign', op, target: left, e: this.expr(f) };
    }
    // "a /= b" may have been lexed as a regex start; the lexer handles '/=' after names as an operator.
    return left;
  }

  private ternary(f: Flags): Expr {
    const c = this.or(f);
    if (!this.is('?')) return c;
    this.i++;
    this.optNewlines();
    const a = this.expr(f);
    this.optNewlines();
    this.expect(':');
    this.optNewlines();
    const b = this.expr(f);
    return { k: 'cond', c, a, b };
  }

  private or(f: Flags): Expr {
    let a = this.and(f);
    while (this.is('||')) {
      this.i++;
      this.optNewlines();
      a = { k: 'or', a, b: this.and(f) };
    }
    return a;
  }

  private and(f: Flags): Expr {
    let a = this.inExpr(f);
    while (this.is('&&')) {
      this.i++;
      this.optNewlines();
      a = { k: 'and', a, b: this.inExpr(f) };
    }
    return a;
  }

  private inExpr(f: Flags): Expr {
    let a = this.matchExpr(f);
    while (!f.noIn && this.is('in')) {
      this.i++;
      if (this.t.type !== 'name') this.fail();
      a = { k: 'in', subs: a.k === 'group' ? [a.e] : [a], name: this.t.text };
      this.i++;
    }
    return a;
  }

  private matchExpr(f: Flags): Expr {
    let a = this.comparison(f);
    while (this.is('~') || this.is('!~')) {
      const neg = this.t.text === '!~';
      this.i++;
      a = { k: 'match', neg, a, re: this.comparison(f) };
    }
    return a;
  }

  private comparison(f: Flags): Expr {
    let a = this.concat(f);
    for (;;) {
      const t = this.t;
      if (t.type === 'op' && t.text === '|' && this.peek().text === 'getline' && this.peek().type === 'kw') {
        this.i += 2;
        a = { k: 'getline', mode: 'cmd', src: a, target: this.optLValue() };
        continue;
      }
      if (t.type === 'op' && ['<', '<=', '==', '!=', '>=', '>'].includes(t.text) && !(f.noGt && t.text === '>')) {
        this.i++;
        a = { k: 'cmp', op: t.text, a, b: this.concat(f) };
        continue;
      }
      return a;
    }
  }

  private startsOperand(): boolean {
    const t = this.t;
    if (t.type === 'num' || t.type === 'str' || t.type === 'ere' || t.type === 'name' || t.type === 'funcname' || t.type === 'builtin') return true;
    if (t.type === 'kw') return false;
    return t.type === 'op' && (t.text === '$' || t.text === '(' || t.text === '!' || t.text === '++' || t.text === '--' || t.text === '-' || t.text === '+');
  }

  concat(f: Flags): Expr {
    let a = this.additive(f);
    // Juxtaposition is concatenation; a following + or - is arithmetic, not a new operand.
    while (this.startsOperand() && !this.is('-') && !this.is('+') && !(this.is('!'))) {
      a = { k: 'concat', a, b: this.additive(f) };
    }
    return a;
  }

  private additive(f: Flags): Expr {
    let a = this.multiplicative(f);
    while (this.is('+') || this.is('-')) {
      const op = this.t.text;
      this.i++;
      a = { k: 'bin', op, a, b: this.multiplicative(f) };
    }
    return a;
  }

  private multiplicative(f: Flags): Expr {
    let a = this.unary(f);
    while (this.is('*') || this.is('/') || this.is('%')) {
      const op = this.t.text;
      this.i++;
      a = { k: 'bin', op, a, b: this.unary(f) };
    }
    return a;
  }

  private unary(f: Flags): Expr {
    if (this.is('!')) {
      this.i++;
      return { k: 'not', e: this.unary(f) };
    }
    if (this.is('-')) {
      this.i++;
      return { k: 'neg', e: this.unary(f) };
    }
    if (this.is('+')) {
      this.i++;
      return { k: 'plus', e: this.unary(f) };
    }
    return this.power(f);
  }

  private power(f: Flags): Expr {
    const a = this.postfix(f);
    if (this.is('^')) {
      this.i++;
      // Right associative; the exponent may carry a sign: 2^-1.
      const b = this.is('-') || this.is('+') || this.is('!') ? this.unary(f) : this.power(f);
      return { k: 'bin', op: '^', a, b };
    }
    return a;
  }

  private postfix(f: Flags): Expr {
    const a = this.primary(f);
    if ((this.is('++') || this.is('--')) && isLValue(a)) {
      const op = this.t.text as '++' | '--';
      this.i++;
      return { k: 'incdec', op, prefix: false, target: a };
    }
    return a;
  }

  private optLValue(): LValue | undefined {
    const t = this.t;
    if (t.type === 'name' || (t.type === 'op' && t.text === '$')) {
      const e = this.primary({});
      if (isLValue(e)) return e;
      this.fail(t);
    }
    return undefined;
  }

  private primary(f: Flags): Expr {
    const t = this.t;
    switch (t.type) {
      case 'num':
        this.i++;
        return { k: 'num', v: t.num! };
      case 'str':
        this.i++;
        return { k: 'str', v: t.text };
      case 'ere':
        this.i++;
        return { k: 're', src: t.text };
      case 'funcname': {
        this.i++;
        this.expect('(');
        this.optNewlines();
        const args = this.is(')') ? [] : this.exprList();
        this.optNewlines();
        this.expect(')');
        return { k: 'call', name: t.text, args, pos: t.pos };
      }
      case 'builtin': {
        this.i++;
        if (!this.is('(')) {
          if (t.text === 'length') return { k: 'builtin', name: 'length', args: [] };
          this.fail();
        }
        this.i++;
        this.optNewlines();
        const args = this.is(')') ? [] : this.exprList();
        this.optNewlines();
        this.expect(')');
        return { k: 'builtin', name: t.text, args };
      }
      case 'name': {
        this.i++;
        if (this.is('[')) {
          this.i++;
          const subs = this.exprList();
          this.expect(']');
          return { k: 'idx', name: t.text, subs };
        }
        return { k: 'var', name: t.text };
      }
      case 'kw':
        if (t.text === 'getline') {
          this.i++;
          const target = this.optLValue();
          if (this.is('<')) {
            this.i++;
            return { k: 'getline', mode: 'file', target, src: this.primaryNoConcat() };
          }
          return { k: 'getline', mode: 'plain', target };
        }
        this.fail();
        break;
      case 'op':
        if (t.text === '$') {
          this.i++;
          if (this.is('++') || this.is('--')) {
            const op = this.t.text as '++' | '--';
            this.i++;
            const target = this.primary(f);
            if (!isLValue(target)) this.fail();
            return { k: 'field', e: { k: 'incdec', op, prefix: true, target } };
          }
          if (this.is('-')) {
            this.i++;
            return { k: 'field', e: { k: 'neg', e: this.primary(f) } };
          }
          return { k: 'field', e: this.primary(f) };
        }
        if (t.text === '(') {
          this.i++;
          this.optNewlines();
          const list = this.exprList();
          this.optNewlines();
          this.expect(')');
          if (list.length > 1) {
            if (!this.is('in')) this.fail();
            this.i++;
            if (this.t.type !== 'name') this.fail();
            const name = this.t.text;
            this.i++;
            return { k: 'in', subs: list, name };
          }
          return { k: 'group', e: list[0]! };
        }
        if (t.text === '++' || t.text === '--') {
          this.i++;
          const target = this.primary(f);
          if (!isLValue(target)) this.fail();
          return { k: 'incdec', op: t.text as '++' | '--', prefix: true, target };
        }
        if (t.text === '-' || t.text === '+' || t.text === '!') return this.unary(f);
        break;
    }
    return this.fail();
  }

  /** The file of `getline < file`: a primary, with $ and grouping, but no concatenation. */
  private primaryNoConcat(): Expr {
    return this.primary({ noGt: true });
  }
}

export function isLValue(e: Expr): e is LValue {
  return e.k === 'var' || e.k === 'idx' || e.k === 'field';
}

export function parseAwk(src: string): AwkProgram {
  return new Parser(tokenize(src), src).program();
}

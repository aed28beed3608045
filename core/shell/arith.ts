/**
 * Bash integer arithmetic: `$(( ))`, `(( ))`, `let`, `for (( ))`, array subscripts.
 *
 * A port of the structure of bash's expr.c (same precedence table, same tokenizer quirks, same
 * error wording and "error token"), split into a parser that builds a tree and an evaluator that
 * walks it. Values are signed 64-bit integers (BigInt wrapped with asIntN), so overflow wraps
 * exactly as bash does on x86-64 (`2**63` is -9223372036854775808, shifts use the count mod 64).
 */

export class ArithError extends Error {
  override readonly name = 'ArithError';
  /** `expression` is the text as bash prints it (leading blanks removed); `token` the "error token". */
  constructor(
    readonly expression: string,
    readonly detail: string,
    readonly token: string | null,
  ) {
    super(token === null ? `${expression}: ${detail}` : `${expression}: ${detail} (error token is "${token}")`);
  }
}

export interface ArithEnv {
  get(name: string): string | undefined;
  set(name: string, value: string): void;
  /** Optional array support: `a[i]`. Without it, `a[0]` is `a` and other elements are unset. */
  getElement?(name: string, index: string): string | undefined;
  setElement?(name: string, index: string, value: string): void;
  /** `set -u`: reading an unset variable is an error (`x: unbound variable`). */
  nounset?: boolean;
}

type BinOp = '*' | '/' | '%' | '+' | '-' | '<<' | '>>' | '<' | '>' | '<=' | '>=' | '==' | '!=' | '&' | '^' | '|';
export type AssignOp = '=' | '*=' | '/=' | '%=' | '+=' | '-=' | '<<=' | '>>=' | '&=' | '^=' | '|=';

/** A variable reference: `x`, `a[i+1]` (subscript kept as text, evaluated when used). */
export interface ArithVar {
  name: string;
  subscript: string | null;
}

export type ArithNode =
  | { k: 'num'; value: bigint }
  | { k: 'var'; v: ArithVar }
  | { k: 'unary'; op: '-' | '+' | '!' | '~'; operand: ArithNode }
  /** A left-associative chain at one precedence level: operands[0] op[0] operands[1] … */
  | { k: 'chain'; operands: ArithNode[]; ops: BinOp[]; tokens: number[] }
  | { k: 'power'; base: ArithNode; exponent: ArithNode; token: number }
  | { k: 'and' | 'or'; operands: ArithNode[] }
  | { k: 'cond'; test: ArithNode; then: ArithNode; else: ArithNode }
  | { k: 'assign'; v: ArithVar; op: AssignOp; value: ArithNode; token: number }
  | { k: 'incdec'; v: ArithVar; delta: 1 | -1; prefix: boolean }
  | { k: 'comma'; operands: ArithNode[] };

/** A parsed expression with its source text (for runtime error messages). */
export interface ArithExpr {
  source: string;
  /** null for an empty (all-blank) expression, which evaluates to 0. */
  root: ArithNode | null;
}

const MAX_NEST = 256;
const LEVELS: readonly (readonly string[])[] = [['|'], ['^'], ['&'], ['==', '!='], ['<=', '>=', '<', '>'], ['<<', '>>'], ['+', '-'], ['*', '/', '%']];
const MAX_VAR_RECURSION = 200;
const INT_BITS = 64;

const wrap = (x: bigint): bigint => BigInt.asIntN(INT_BITS, x);

// Token kinds. Single-character operators are the character itself.
const EOF = '';
const NUM = 'NUM';
const STR = 'STR';
const OP_ASSIGN = 'OP=';
const PREINC = 'PREINC';
const PREDEC = 'PREDEC';
const POSTINC = 'POSTINC';
const POSTDEC = 'POSTDEC';
const COND = 'COND';
const POWER = '**';

const ARITHOPS = new Set(['=', '>', '<', '+', '-', '*', '/', '%', '!', '(', ')', '&', '|', '^', '~', '?', ':', ',']);
const MULTIOPS = new Set(['==', '!=', '<=', '>=', '&&', '||', '<<', '>>', OP_ASSIGN, COND, POWER, PREINC, PREDEC, POSTINC, POSTDEC]);

const isWs = (c: string): boolean => c === ' ' || c === '\t' || c === '\n' || c === '\r';
const isVarStart = (c: string): boolean => (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c === '_';
const isVarChar = (c: string): boolean => isVarStart(c) || (c >= '0' && c <= '9');
const isDigit = (c: string): boolean => c >= '0' && c <= '9';
const isAlnum = (c: string): boolean => isVarChar(c) && c !== '_';

function trimLeadingBlanks(s: string): string {
  let i = 0;
  while (i < s.length && (s[i] === ' ' || s[i] === '\t')) i++;
  return s.slice(i);
}

class Parser {
  private tp = 0;
  private lasttp = 0;
  private curtok = EOF;
  private lasttok = EOF;
  private tokval = 0n;
  private tokvar: ArithVar | null = null;
  private assigntok: AssignOp = '=';
  private depth = 0;

  constructor(private readonly s: string) {}

  parse(): ArithNode | null {
    let p = 0;
    while (p < this.s.length && isWs(this.s[p]!)) p++;
    if (p >= this.s.length) return null;
    this.readtok();
    const node = this.expcomma();
    if (!this.at(EOF)) this.error('syntax error in expression');
    return node;
  }

  error(detail: string, at: number = this.lasttp): never {
    throw new ArithError(trimLeadingBlanks(this.s), detail, this.s.slice(at));
  }

  private at(t: string): boolean {
    return this.curtok === t;
  }

  private snapshot() {
    return { tp: this.tp, lasttp: this.lasttp, curtok: this.curtok, lasttok: this.lasttok, tokval: this.tokval, tokvar: this.tokvar, assigntok: this.assigntok };
  }

  private restore(st: ReturnType<Parser['snapshot']>): void {
    this.tp = st.tp;
    this.lasttp = st.lasttp;
    this.curtok = st.curtok;
    this.lasttok = st.lasttok;
    this.tokval = st.tokval;
    this.tokvar = st.tokvar;
    this.assigntok = st.assigntok;
  }

  /** Count nesting (the caller decrements `depth` after the nested parse; errors abandon the parser). */
  private enter(): void {
    if (++this.depth > MAX_NEST) this.error('expression recursion level exceeded');
  }

  private readtok(): void {
    const s = this.s;
    let cp = this.tp;
    while (cp < s.length && isWs(s[cp]!)) cp++;
    if (cp >= s.length) {
      this.lasttok = this.curtok;
      this.curtok = EOF;
      this.tp = cp;
      return;
    }
    const start = cp;
    this.lasttp = this.tp = start;
    let c = s[cp++]!;

    if (isVarStart(c) || (c === '$' && cp < s.length && (isVarStart(s[cp]!) || s[cp] === '{'))) {
      // Identifier (bash extension here: `$x` and `${x}` are accepted as names too).
      let nameStart = start;
      let braced = false;
      if (c === '$') {
        if (s[cp] === '{') {
          braced = true;
          cp++;
        }
        nameStart = cp;
        if (!isVarStart(s[cp] ?? '')) this.error('syntax error: operand expected');
      }
      while (cp < s.length && isVarChar(s[cp]!)) cp++;
      const name = s.slice(nameStart, cp);
      let subscript: string | null = null;
      if (s[cp] === '[') {
        const close = skipSubscript(s, cp);
        if (close < 0) this.error('bad array subscript', start);
        subscript = s.slice(cp + 1, close);
        cp = close + 1;
      }
      if (braced) {
        if (s[cp] !== '}') this.error('syntax error: operand expected');
        cp++;
      }
      this.tokvar = { name, subscript };
      this.lasttok = this.curtok;
      this.curtok = STR;
      this.tp = cp;
      return;
    }

    if (isDigit(c)) {
      while (cp < s.length && (isAlnum(s[cp]!) || s[cp] === '#' || s[cp] === '@' || s[cp] === '_')) cp++;
      this.tokval = this.strlong(s.slice(start, cp), cp);
      this.lasttok = this.curtok;
      this.curtok = NUM;
      this.tp = cp;
      return;
    }

    const c1 = s[cp++] ?? '';
    let tok: string = c;
    if (c === '=' && c1 === '=') tok = '==';
    else if (c === '!' && c1 === '=') tok = '!=';
    else if (c === '>' && c1 === '=') tok = '>=';
    else if (c === '<' && c1 === '=') tok = '<=';
    else if (c === '<' && c1 === '<') {
      if (s[cp] === '=') {
        this.assigntok = '<<=';
        tok = OP_ASSIGN;
        cp++;
      } else tok = '<<';
    } else if (c === '>' && c1 === '>') {
      if (s[cp] === '=') {
        this.assigntok = '>>=';
        tok = OP_ASSIGN;
        cp++;
      } else tok = '>>';
    } else if (c === '&' && c1 === '&') tok = '&&';
    else if (c === '|' && c1 === '|') tok = '||';
    else if (c === '*' && c1 === '*') tok = POWER;
    else if ((c === '-' || c === '+') && c1 === c && this.at(STR)) tok = c === '-' ? POSTDEC : POSTINC;
    else if ((c === '-' || c === '+') && c1 === c) {
      let xp = cp;
      while (xp < s.length && isWs(s[xp]!)) xp++;
      if (xp < s.length && (isVarStart(s[xp]!) || s[xp] === '$')) tok = c === '-' ? PREDEC : PREINC;
      else cp--;
    } else if (c1 === '=' && '*/%+-&^|'.includes(c)) {
      this.assigntok = (c + '=') as AssignOp;
      tok = OP_ASSIGN;
    } else if (!ARITHOPS.has(c)) {
      cp--;
      if (this.at(EOF) || ARITHOPS.has(this.curtok) || MULTIOPS.has(this.curtok)) this.error('syntax error: operand expected');
      this.error('syntax error: invalid arithmetic operator');
    } else cp--;

    this.lasttok = this.curtok;
    this.curtok = tok;
    this.tp = cp;
  }

  /** bash cuts the expression at the end of the constant while converting it, so messages show only that much. */
  private numError(detail: string, end: number): never {
    throw new ArithError(trimLeadingBlanks(this.s.slice(0, end)), detail, this.s.slice(this.lasttp, end));
  }

  private strlong(num: string, end: number): bigint {
    let i = 0;
    let base = 10n;
    let foundbase = 0;
    if (num[0] === '0') {
      i++;
      if (i >= num.length) return 0n;
      if (num[i] === 'x' || num[i] === 'X') {
        base = 16n;
        i++;
      } else base = 8n;
      foundbase++;
    }
    let val = 0n;
    for (; i < num.length; i++) {
      const c = num[i]!;
      if (c === '#') {
        if (foundbase) this.numError('invalid number', end);
        if (val < 2n || val > 64n) this.numError('invalid arithmetic base', end);
        base = val;
        val = 0n;
        foundbase++;
        const next = num[i + 1];
        if (next === undefined || !(isAlnum(next) || next === '@' || next === '_')) this.numError('invalid integer constant', end);
      } else if (isAlnum(c) || c === '_' || c === '@') {
        const d = digitValue(c, base);
        if (d >= Number(base)) this.numError('value too great for base', end);
        val = wrap(val * base + BigInt(d));
      } else break;
    }
    return val;
  }

  private expcomma(): ArithNode {
    const first = this.expassign();
    if (!this.at(',')) return first;
    const operands = [first];
    while (this.at(',')) {
      this.readtok();
      operands.push(this.expassign());
    }
    return { k: 'comma', operands };
  }

  private expassign(): ArithNode {
    const value = this.expcond();
    if (this.at('=') || this.at(OP_ASSIGN)) {
      const op: AssignOp = this.at('=') ? '=' : this.assigntok;
      if (this.lasttok !== STR || value.k !== 'var') this.error('attempted assignment to non-variable');
      const v = value.v;
      this.readtok();
      this.enter();
      const rhs = this.expassign();
      this.depth--;
      return { k: 'assign', v, op, value: rhs, token: this.lasttp };
    }
    return value;
  }

  private expcond(): ArithNode {
    const test = this.explor();
    if (!this.at('?')) return test;
    this.lasttok = this.curtok;
    this.readtok();
    if (this.at(EOF) || this.at(':')) this.error('expression expected');
    this.enter();
    const then = this.expcomma();
    this.depth--;
    if (!this.at(':')) this.error("`:' expected for conditional expression");
    this.readtok();
    if (this.at(EOF)) this.error('expression expected');
    this.enter();
    const els = this.expcond();
    this.depth--;
    this.lasttok = COND;
    return { k: 'cond', test, then, else: els };
  }

  private explor(): ArithNode {
    const first = this.expland();
    if (!this.at('||')) return first;
    const operands = [first];
    while (this.at('||')) {
      this.readtok();
      operands.push(this.expland());
      this.lasttok = '||';
    }
    return { k: 'or', operands };
  }

  private expland(): ArithNode {
    const first = this.binary(0);
    if (!this.at('&&')) return first;
    const operands = [first];
    while (this.at('&&')) {
      this.readtok();
      operands.push(this.binary(0));
      this.lasttok = '&&';
    }
    return { k: 'and', operands };
  }

  /** Left-associative binary levels, loosest first (below && and above **). */
  private operand(level: number): ArithNode {
    return level < LEVELS.length ? this.binary(level) : this.exppower();
  }

  private binary(level: number): ArithNode {
    const ops = LEVELS[level]!;
    const first = this.operand(level + 1);
    if (!ops.includes(this.curtok)) return first;
    const operands = [first];
    const opList: BinOp[] = [];
    const tokens: number[] = [];
    while (ops.includes(this.curtok)) {
      const op = this.curtok as BinOp;
      const stp = this.tp;
      this.readtok();
      operands.push(this.operand(level + 1));
      opList.push(op);
      let t = stp;
      while (t < this.s.length && (this.s[t] === ' ' || this.s[t] === '\t')) t++;
      tokens.push(t);
      this.lasttok = NUM;
    }
    return { k: 'chain', operands, ops: opList, tokens };
  }

  private exppower(): ArithNode {
    const base = this.exp1();
    if (!this.at(POWER)) return base;
    this.readtok();
    this.enter();
    const exponent = this.exppower();
    this.depth--;
    this.lasttok = NUM;
    return { k: 'power', base, exponent, token: this.lasttp };
  }

  private exp1(): ArithNode {
    const t = this.curtok;
    if (t === '!' || t === '~' || t === '-' || t === '+') {
      this.readtok();
      this.enter();
      const operand = this.exp1();
      this.depth--;
      this.lasttok = NUM;
      return { k: 'unary', op: t, operand };
    }
    return this.exp0();
  }

  private exp0(): ArithNode {
    if (this.at(PREINC) || this.at(PREDEC)) {
      const stok = this.curtok;
      this.lasttok = stok;
      this.readtok();
      if (!this.at(STR)) this.error('identifier expected after pre-increment or pre-decrement');
      const v = this.tokvar!;
      this.curtok = NUM;
      this.readtok();
      return { k: 'incdec', v, delta: stok === PREINC ? 1 : -1, prefix: true };
    }
    if (this.at('(')) {
      this.readtok();
      this.enter();
      const inner = this.expcomma();
      this.depth--;
      if (!this.at(')')) this.error("missing `)'");
      this.readtok();
      return inner;
    }
    if (this.at(NUM)) {
      const node: ArithNode = { k: 'num', value: this.tokval };
      this.readtok();
      return node;
    }
    if (this.at(STR)) {
      const v = this.tokvar!;
      const saved = this.snapshot();
      this.readtok();
      const stok = this.curtok;
      if (stok === POSTINC || stok === POSTDEC) {
        this.lasttok = STR;
        this.curtok = NUM;
        this.readtok();
        return { k: 'incdec', v, delta: stok === POSTINC ? 1 : -1, prefix: false };
      }
      this.restore(saved);
      this.readtok();
      return { k: 'var', v };
    }
    this.error('syntax error: operand expected');
  }
}

function skipSubscript(s: string, open: number): number {
  let depth = 0;
  for (let i = open; i < s.length; i++) {
    const c = s[i];
    if (c === '[') depth++;
    else if (c === ']') {
      depth--;
      if (depth === 0) return i;
    }
  }
  return -1;
}

function digitValue(c: string, base: bigint): number {
  if (c >= '0' && c <= '9') return c.charCodeAt(0) - 48;
  if (c >= 'a' && c <= 'z') return c.charCodeAt(0) - 97 + 10;
  if (c >= 'A' && c <= 'Z') return c.charCodeAt(0) - 65 + (base <= 36n ? 10 : 36);
  if (c === '@') return 62;
  if (c === '_') return 63;
  return -1;
}

/** Parse an arithmetic expression. Throws ArithError (syntax errors, bad constants). */
export function parseArith(source: string): ArithExpr {
  return { source, root: new Parser(source).parse() };
}

const parseCache = new Map<string, ArithExpr | ArithError>();

/** parseArith with a small cache (loops re-evaluate the same texts). */
export function parseArithCached(source: string): ArithExpr {
  let hit = parseCache.get(source);
  if (hit === undefined) {
    try {
      hit = parseArith(source);
    } catch (e) {
      if (!(e instanceof ArithError)) throw e;
      hit = e;
    }
    if (parseCache.size >= 2000) parseCache.clear();
    parseCache.set(source, hit);
  }
  if (hit instanceof ArithError) throw new ArithError(hit.expression, hit.detail, hit.token);
  return hit;
}

class Evaluator {
  private varDepth = 0;

  constructor(private readonly env: ArithEnv) {}

  run(expr: ArithExpr): bigint {
    if (expr.root === null) return 0n;
    return this.node(expr.root, expr.source);
  }

  private fail(source: string, detail: string, at: number | null): never {
    throw new ArithError(trimLeadingBlanks(source), detail, at === null ? null : source.slice(at));
  }

  private node(n: ArithNode, src: string): bigint {
    switch (n.k) {
      case 'num':
        return n.value;
      case 'var':
        return this.readVar(n.v, src);
      case 'unary': {
        const v = this.node(n.operand, src);
        switch (n.op) {
          case '-':
            return wrap(-v);
          case '+':
            return v;
          case '!':
            return v === 0n ? 1n : 0n;
          case '~':
            return wrap(~v);
        }
        break;
      }
      case 'chain': {
        let acc = this.node(n.operands[0]!, src);
        for (let i = 0; i < n.ops.length; i++) {
          const r = this.node(n.operands[i + 1]!, src);
          acc = this.binary(n.ops[i]!, acc, r, src, n.tokens[i]!);
        }
        return acc;
      }
      case 'power': {
        const b = this.node(n.base, src);
        const e = this.node(n.exponent, src);
        if (e === 0n) return 1n;
        if (e < 0n) this.fail(src, 'exponent less than 0', n.token);
        return ipow(b, e);
      }
      case 'and': {
        for (const o of n.operands) if (this.node(o, src) === 0n) return 0n;
        return 1n;
      }
      case 'or': {
        for (const o of n.operands) if (this.node(o, src) !== 0n) return 1n;
        return 0n;
      }
      case 'cond':
        return this.node(n.test, src) !== 0n ? this.node(n.then, src) : this.node(n.else, src);
      case 'comma': {
        let v = 0n;
        for (const o of n.operands) v = this.node(o, src);
        return v;
      }
      case 'incdec': {
        const old = this.readVar(n.v, src);
        const nv = wrap(old + BigInt(n.delta));
        this.writeVar(n.v, nv, src);
        return n.prefix ? nv : old;
      }
      case 'assign': {
        let v: bigint;
        if (n.op === '=') v = this.node(n.value, src);
        else {
          const lhs = this.readVar(n.v, src);
          const rhs = this.node(n.value, src);
          const op = n.op.slice(0, -1) as BinOp;
          v = this.binary(op, lhs, rhs, src, n.token);
        }
        this.writeVar(n.v, v, src);
        return v;
      }
    }
    return 0n;
  }

  private binary(op: BinOp, a: bigint, b: bigint, src: string, token: number): bigint {
    switch (op) {
      case '*':
        return wrap(a * b);
      case '/':
        if (b === 0n) this.fail(src, 'division by 0', token);
        return wrap(a / b);
      case '%':
        if (b === 0n) this.fail(src, 'division by 0', token);
        return wrap(a % b);
      case '+':
        return wrap(a + b);
      case '-':
        return wrap(a - b);
      case '<<':
        return wrap(a << (b & 63n));
      case '>>':
        return a >> (b & 63n);
      case '<':
        return a < b ? 1n : 0n;
      case '>':
        return a > b ? 1n : 0n;
      case '<=':
        return a <= b ? 1n : 0n;
      case '>=':
        return a >= b ? 1n : 0n;
      case '==':
        return a === b ? 1n : 0n;
      case '!=':
        return a !== b ? 1n : 0n;
      case '&':
        return a & b;
      case '^':
        return a ^ b;
      case '|':
        return a | b;
    }
  }

  private subscript(v: ArithVar): string {
    const idx = this.evalString(v.subscript ?? '0');
    return idx.toString();
  }

  private readVar(v: ArithVar, _src: string): bigint {
    let value: string | undefined;
    if (v.subscript === null) value = this.env.get(v.name);
    else {
      const idx = this.subscript(v);
      value = this.env.getElement ? this.env.getElement(v.name, idx) : idx === '0' ? this.env.get(v.name) : undefined;
    }
    if (value === undefined) {
      if (this.env.nounset) this.fail(v.subscript === null ? v.name : `${v.name}[${v.subscript}]`, 'unbound variable', null);
      return 0n;
    }
    const fast = fastInteger(value);
    if (fast !== null) return fast;
    if (this.varDepth >= MAX_VAR_RECURSION) this.fail(v.name, 'expression recursion level exceeded', 0);
    this.varDepth++;
    try {
      return this.evalString(value);
    } finally {
      this.varDepth--;
    }
  }

  private writeVar(v: ArithVar, value: bigint, _src: string): void {
    const s = value.toString();
    if (v.subscript === null) this.env.set(v.name, s);
    else {
      const idx = this.subscript(v);
      if (this.env.setElement) this.env.setElement(v.name, idx, s);
      else if (idx === '0') this.env.set(v.name, s);
    }
  }

  evalString(text: string): bigint {
    return this.run(parseArithCached(text));
  }
}

/** Decimal integers without leading zeros (the common case of a variable's value). */
function fastInteger(s: string): bigint | null {
  const n = s.length;
  if (n === 0) return 0n;
  if (n > 15) return null;
  let i = s[0] === '-' ? 1 : 0;
  if (i >= n) return null;
  if (s[i] === '0') return n === i + 1 ? 0n : null;
  for (; i < n; i++) {
    const c = s.charCodeAt(i);
    if (c < 48 || c > 57) return null;
  }
  return BigInt(s);
}

function ipow(base: bigint, exp: bigint): bigint {
  let result = 1n;
  let b = base;
  let e = exp;
  while (e > 0n) {
    if (e & 1n) result = wrap(result * b);
    b = wrap(b * b);
    e >>= 1n;
  }
  return result;
}

/** Evaluate a parsed expression. Throws ArithError (and whatever env.get/env.set throw). */
export function evalArith(expr: ArithExpr, env: ArithEnv): bigint {
  return new Evaluator(env).run(expr);
}

/** Parse (cached) and evaluate text, as `$(( text ))` does after expansion. */
export function evaluateArith(text: string, env: ArithEnv): bigint {
  return new Evaluator(env).evalString(text);
}

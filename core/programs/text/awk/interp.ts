/**
 * The awk interpreter: values (numbers, strings, and strnums from input that compare as numbers
 * when they look like numbers), records and fields, associative arrays, user functions, getline
 * and output redirections, gawk 3.1's built-in functions.
 */
import { SyscallError } from '../../../kernel/errno.js';
import { O_APPEND, O_CREAT, O_TRUNC, O_WRONLY } from '../../../kernel/file.js';
import type { Process } from '../../../kernel/process.js';
import { Output, Reader, closeInput, openInput } from '../../lib/io.js';
import { formatChar, formatFloat, formatInteger, formatString, parseFormat, resolveSpec, type Conversion } from '../../lib/printf.js';
import { RegexError, matchAll, translateRegex } from '../../lib/regex.js';
import type { AwkFunction, AwkProgram, Expr, LValue, Stmt } from './parser.js';

/** A string from input (fields, getline, split, -v) that also has a number if it looks like one. */
export class StrNum {
  readonly num: number | undefined;
  constructor(readonly s: string) {
    this.num = looksNumeric(s) ? Number(s.trim()) : undefined;
  }
}

export type Val = number | string | StrNum | undefined;
export type AwkArray = Map<string, Val>;

/** A parameter bound to a caller's uninitialized variable: becomes the caller's array if used as one. */
class ArrayRef {
  constructor(readonly create: () => AwkArray) {}
}

type Slot = Val | AwkArray | ArrayRef;

export function looksNumeric(s: string): boolean {
  return /^[ \t\n]*[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?[ \t\n]*$/.test(s);
}

/** strtod's leading number of a string ("3abc" → 3, "abc" → 0). */
export function strToNum(s: string): number {
  const m = /^[ \t\n]*([+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?)/.exec(s);
  return m ? Number(m[1]) : 0;
}

export class AwkFatal extends Error {}
class NextSignal {}
class NextFileSignal {}
export class ExitSignal {
  constructor(readonly code: number) {}
}

const NORMAL = 0;
const BREAK = 1;
const CONTINUE = 2;
const RETURN = 3;
type Flow = 0 | 1 | 2 | 3;

interface Redirection {
  out: Output;
  pid?: number;
}

/** Records of one input source, split by RS (newline, one character, "" for paragraphs, or a regex). */
class RecordReader {
  private buffer: string | undefined;
  constructor(readonly reader: Reader) {}

  async next(rs: string, interp: Interpreter): Promise<string | null> {
    if (rs === '\n' || (rs.length === 1 && this.buffer === undefined)) {
      const l = await this.reader.line(rs);
      return l ? l.text : null;
    }
    if (rs === '' && this.buffer === undefined) {
      let l = await this.reader.line();
      while (l && l.text === '') l = await this.reader.line();
      if (!l) return null;
      const parts = [l.text];
      for (l = await this.reader.line(); l && l.text !== ''; l = await this.reader.line()) parts.push(l.text);
      return parts.join('\n');
    }
    // A regex separator: read everything, then cut records off the front.
    this.buffer ??= await this.reader.rest();
    if (this.buffer === '') return null;
    const re = rs === '' ? /\n\n+/g : rs.length === 1 ? new RegExp(rs.replace(/[\\^$.|?*+()[\]{}]/g, '\\$&'), 'g') : interp.regex(rs, 'g');
    re.lastIndex = 0;
    let m = re.exec(this.buffer);
    while (m && m[0] === '') {
      re.lastIndex++;
      m = re.exec(this.buffer);
    }
    if (!m) {
      const rec = this.buffer.replace(/\n$/, rs === '' ? '' : '\n').replace(/\n$/, '');
      this.buffer = '';
      return rs === '' || rs.length > 1 ? rec : rec;
    }
    const rec = this.buffer.slice(0, m.index);
    this.buffer = this.buffer.slice(m.index + m[0].length);
    return rec;
  }
}

const MAX_DEPTH = 400;

export class Interpreter {
  private readonly globals = new Map<string, Slot>();
  private frames: Map<string, Slot>[] = [];
  private record = '';
  private fields: string[] | null = [];
  private nf = 0;
  private recordFS = ' ';
  private readonly regexCache = new Map<string, RegExp>();
  private readonly outputs = new Map<string, Redirection>();
  private readonly inputs = new Map<string, { rr: RecordReader; fd: number; pid?: number }>();
  private readonly stderr: Output;
  private seed = 0;
  private randState = 0;
  private depth = 0;
  private returnValue: Val;
  /** Main input: the ARGV operand being read. */
  private argIndex = 1;
  private main: { rr: RecordReader; fd: number } | undefined;
  private mainDone = false;
  /** Line of the statement being run, for error messages. */
  line = 1;
  inRecords = false;
  exitCode = 0;

  constructor(
    readonly proc: Process,
    readonly program: AwkProgram,
    readonly out: Output,
    /** Warnings go through here ("awk: cmd. line:1: warning: …"). */
    readonly warn: (message: string) => Promise<void>,
  ) {
    this.stderr = new Output(proc, 2);
    const defaults: Record<string, Val> = {
      FS: ' ',
      OFS: ' ',
      ORS: '\n',
      RS: '\n',
      NR: 0,
      FNR: 0,
      SUBSEP: '\x1c',
      CONVFMT: '%.6g',
      OFMT: '%.6g',
      RSTART: 0,
      RLENGTH: -1,
      FILENAME: '',
      IGNORECASE: 0,
    };
    for (const [k, v] of Object.entries(defaults)) this.globals.set(k, v);
    const env: AwkArray = new Map();
    for (const [k, v] of Object.entries(proc.env)) env.set(k, new StrNum(v));
    this.globals.set('ENVIRON', env);
  }

  setArgv(args: string[]): void {
    const argv: AwkArray = new Map();
    args.forEach((a, i) => argv.set(String(i), new StrNum(a)));
    this.globals.set('ARGV', argv);
    this.globals.set('ARGC', args.length);
  }

  /** -v and command-line assignments: the value is an escaped string that may look like a number. */
  assignFromCommandLine(name: string, raw: string, unescape: (s: string) => string): void {
    this.setVar(name, new StrNum(unescape(raw)));
  }

  // ----- values ------------------------------------------------------------------------------------

  num(v: Val): number {
    if (typeof v === 'number') return v;
    if (v === undefined) return 0;
    if (typeof v === 'string') return strToNum(v);
    return v.num ?? strToNum(v.s);
  }

  numToStr(n: number, fmtVar: 'CONVFMT' | 'OFMT'): string {
    if (Number.isInteger(n) && Math.abs(n) < 2 ** 63) return n === 0 ? '0' : String(n);
    if (Number.isNaN(n)) return 'nan';
    if (!Number.isFinite(n)) return n > 0 ? 'inf' : '-inf';
    return this.sprintf(this.str(this.globals.get(fmtVar) as Val), [n]);
  }

  str(v: Val): string {
    if (typeof v === 'string') return v;
    if (v === undefined) return '';
    if (typeof v === 'number') return this.numToStr(v, 'CONVFMT');
    return v.s;
  }

  /** String for output: numbers use OFMT. */
  outStr(v: Val): string {
    return typeof v === 'number' ? this.numToStr(v, 'OFMT') : this.str(v);
  }

  truthy(v: Val): boolean {
    if (typeof v === 'number') return v !== 0;
    if (v === undefined) return false;
    if (typeof v === 'string') return v !== '';
    return v.num !== undefined ? v.num !== 0 : v.s !== '';
  }

  private isNumeric(v: Val): boolean {
    return typeof v === 'number' || v === undefined || (v instanceof StrNum && v.num !== undefined);
  }

  compare(a: Val, b: Val): number {
    if (this.isNumeric(a) && this.isNumeric(b)) {
      const x = this.num(a);
      const y = this.num(b);
      return x < y ? -1 : x > y ? 1 : x === y ? 0 : Number.isNaN(x) ? (Number.isNaN(y) ? 0 : 1) : -1;
    }
    const x = this.str(a);
    const y = this.str(b);
    return x < y ? -1 : x > y ? 1 : 0;
  }

  // ----- regular expressions --------------------------------------------------------------------

  regex(src: string, flags = ''): RegExp {
    const icase = this.truthy(this.globals.get('IGNORECASE') as Val);
    const key = `${icase ? 'i' : ''}${flags}/${src}`;
    let re = this.regexCache.get(key);
    if (!re) {
      try {
        const t = translateRegex(src, { extended: true, dialect: 'awk', leadingRepeat: 'literal' });
        re = new RegExp(t.source, flags + (icase ? 'i' : ''));
      } catch (e) {
        if (e instanceof RegexError) throw new AwkFatal(`${e.message}: /${src}/`);
        throw new AwkFatal(`Invalid regular expression: /${src}/`);
      }
      this.regexCache.set(key, re);
    }
    re.lastIndex = 0;
    return re;
  }

  private async regexOf(e: Expr, flags = ''): Promise<RegExp> {
    return this.regex(e.k === 're' ? e.src : this.str(await this.eval(e)), flags);
  }

  // ----- variables, arrays, fields --------------------------------------------------------------

  private scopeOf(name: string): Map<string, Slot> {
    const frame = this.frames[this.frames.length - 1];
    return frame && frame.has(name) ? frame : this.globals;
  }

  getVar(name: string): Val {
    if (name === 'NF') {
      this.split();
      return this.nf;
    }
    const v = this.scopeOf(name).get(name);
    if (v instanceof Map) throw new AwkFatal(`attempt to use array \`${name}' in a scalar context`);
    if (v instanceof ArrayRef) return undefined;
    return v;
  }

  setVar(name: string, v: Val): void {
    if (name === 'NF') {
      this.split();
      const n = Math.max(0, Math.trunc(this.num(v)));
      while (this.fields!.length - 1 < n) this.fields!.push('');
      this.fields!.length = n + 1;
      this.nf = n;
      this.rebuild();
      return;
    }
    const scope = this.scopeOf(name);
    if (scope.get(name) instanceof Map) throw new AwkFatal(`attempt to use array \`${name}' in a scalar context`);
    scope.set(name, v);
  }

  getArray(name: string): AwkArray {
    const scope = this.scopeOf(name);
    const v = scope.get(name);
    if (v instanceof Map) return v;
    if (v instanceof ArrayRef) {
      const a = v.create();
      scope.set(name, a);
      return a;
    }
    if (v !== undefined) throw new AwkFatal(`attempt to use scalar \`${name}' as array`);
    const a: AwkArray = new Map();
    scope.set(name, a);
    return a;
  }

  private subscript(vals: Val[]): string {
    if (vals.length === 1) return this.str(vals[0]);
    return vals.map((v) => this.str(v)).join(this.str(this.globals.get('SUBSEP') as Val));
  }

  setRecord(text: string, fromInput: boolean): void {
    this.record = text;
    this.fields = null;
    if (fromInput) this.recordFS = this.str(this.globals.get('FS') as Val);
    else this.recordFS = this.str(this.globals.get('FS') as Val);
  }

  /** Split a string as FS (or split()'s separator) says. */
  splitString(s: string, fs: string, regexSep?: RegExp): string[] {
    if (s === '') return [];
    const paragraph = this.str(this.globals.get('RS') as Val) === '';
    if (!regexSep) {
      if (fs === ' ') return s.split(/[ \t\n]+/).filter((x, i, a) => x !== '' || (i > 0 && i < a.length - 1));
      if (fs === '') return [...s];
      if (fs.length === 1 && fs !== '\\') {
        const parts = s.split(fs);
        return paragraph && fs !== '\n' ? parts.flatMap((p) => p.split('\n')) : parts;
      }
      regexSep = this.regex(fs, 'g');
    }
    const out: string[] = [];
    let at = 0;
    for (const m of matchAll(regexSep, s)) {
      if (m[0] === '') continue;
      out.push(s.slice(at, m.index));
      at = m.index + m[0].length;
    }
    out.push(s.slice(at));
    return paragraph ? out.flatMap((p) => p.split('\n')) : out;
  }

  private split(): void {
    if (this.fields) return;
    const parts = this.splitString(this.record, this.recordFS);
    this.fields = ['', ...parts];
    this.nf = parts.length;
  }

  private rebuild(): void {
    const ofs = this.str(this.globals.get('OFS') as Val);
    this.record = this.fields!.slice(1, this.nf + 1).join(ofs);
  }

  getField(i: number): Val {
    if (i < 0) throw new AwkFatal(`attempt to access field ${i}`);
    if (i === 0) return new StrNum(this.record);
    this.split();
    return i <= this.nf ? new StrNum(this.fields![i]!) : undefined;
  }

  setField(i: number, v: Val): void {
    if (i < 0) throw new AwkFatal(`attempt to access field ${i}`);
    if (i === 0) {
      this.setRecord(this.str(v), false);
      return;
    }
    this.split();
    while (this.nf < i) {
      this.fields!.push('');
      this.nf++;
    }
    this.fields![i] = this.str(v);
    this.rebuild();
  }

  private async fieldIndex(e: Expr): Promise<number> {
    return Math.trunc(this.num(await this.eval(e)));
  }

  async getL(t: LValue): Promise<Val> {
    if (t.k === 'var') return this.getVar(t.name);
    if (t.k === 'field') return this.getField(await this.fieldIndex(t.e));
    const key = this.subscript(await this.evalAll(t.subs));
    const arr = this.getArray(t.name);
    if (!arr.has(key)) arr.set(key, undefined);
    return arr.get(key);
  }

  /** Resolve an lvalue to a setter (the subscript or field number is evaluated once). */
  async setterOf(t: LValue): Promise<{ get: () => Val; set: (v: Val) => void }> {
    if (t.k === 'var') return { get: () => this.getVar(t.name), set: (v) => this.setVar(t.name, v) };
    if (t.k === 'field') {
      const i = await this.fieldIndex(t.e);
      return { get: () => this.getField(i), set: (v) => this.setField(i, v) };
    }
    const key = this.subscript(await this.evalAll(t.subs));
    const arr = this.getArray(t.name);
    return { get: () => arr.get(key), set: (v) => void arr.set(key, v) };
  }

  // ----- expressions --------------------------------------------------------------------------------

  private async evalAll(es: Expr[]): Promise<Val[]> {
    const out: Val[] = [];
    for (const e of es) out.push(await this.eval(e));
    return out;
  }

  async eval(e: Expr): Promise<Val> {
    switch (e.k) {
      case 'num':
        return e.v;
      case 'str':
        return e.v;
      case 're':
        return this.regex(e.src).test(this.record) ? 1 : 0;
      case 'group':
        return this.eval(e.e);
      case 'var':
      case 'idx':
      case 'field':
        return this.getL(e);
      case 'assign': {
        const slot = await this.setterOf(e.target);
        const rhs = await this.eval(e.e);
        let v: Val;
        if (e.op === '=') v = rhs;
        else v = this.arith(e.op.slice(0, 1), this.num(slot.get()), this.num(rhs));
        slot.set(v);
        return v;
      }
      case 'cond':
        return this.truthy(await this.eval(e.c)) ? this.eval(e.a) : this.eval(e.b);
      case 'and':
        return this.truthy(await this.eval(e.a)) && this.truthy(await this.eval(e.b)) ? 1 : 0;
      case 'or':
        return this.truthy(await this.eval(e.a)) || this.truthy(await this.eval(e.b)) ? 1 : 0;
      case 'not':
        return this.truthy(await this.eval(e.e)) ? 0 : 1;
      case 'neg':
        return -this.num(await this.eval(e.e));
      case 'plus':
        return this.num(await this.eval(e.e));
      case 'bin': {
        const a = this.num(await this.eval(e.a));
        return this.arith(e.op, a, this.num(await this.eval(e.b)));
      }
      case 'cmp': {
        const a = await this.eval(e.a);
        const c = this.compare(a, await this.eval(e.b));
        const r = e.op === '<' ? c < 0 : e.op === '<=' ? c <= 0 : e.op === '>' ? c > 0 : e.op === '>=' ? c >= 0 : e.op === '==' ? c === 0 : c !== 0;
        return r ? 1 : 0;
      }
      case 'match': {
        const s = this.str(await this.eval(e.a));
        const r = (await this.regexOf(e.re)).test(s);
        return r !== e.neg ? 1 : 0;
      }
      case 'concat': {
        const a = this.str(await this.eval(e.a));
        return a + this.str(await this.eval(e.b));
      }
      case 'in': {
        const key = this.subscript(await this.evalAll(e.subs));
        return this.getArray(e.name).has(key) ? 1 : 0;
      }
      case 'incdec': {
        const slot = await this.setterOf(e.target);
        const old = this.num(slot.get());
        const v = e.op === '++' ? old + 1 : old - 1;
        slot.set(v);
        return e.prefix ? v : old;
      }
      case 'call':
        return this.call(e.name, e.args);
      case 'builtin':
        return this.builtin(e.name, e.args);
      case 'getline':
        return this.getline(e);
    }
  }

  private arith(op: string, a: number, b: number): number {
    switch (op) {
      case '+':
        return a + b;
      case '-':
        return a - b;
      case '*':
        return a * b;
      case '/':
        if (b === 0) throw new AwkFatal('division by zero attempted');
        return a / b;
      case '%':
        if (b === 0) throw new AwkFatal('division by zero attempted in `%\'');
        return a % b;
      default:
        return a ** b;
    }
  }

  // ----- functions ----------------------------------------------------------------------------------

  private async call(name: string, args: Expr[]): Promise<Val> {
    const f: AwkFunction | undefined = this.program.functions.get(name);
    if (!f) throw new AwkFatal(`function \`${name}' not defined`);
    if (args.length > f.params.length) throw new AwkFatal(`function \`${name}' called with more arguments than declared`);
    if (this.depth >= MAX_DEPTH) throw new AwkFatal(`function \`${name}': call nesting too deep (more than ${MAX_DEPTH} levels)`);
    const frame = new Map<string, Slot>();
    for (let i = 0; i < f.params.length; i++) {
      const a = args[i];
      const p = f.params[i]!;
      if (!a) {
        frame.set(p, undefined);
        continue;
      }
      if (a.k === 'var') {
        // Arrays go by reference; an untouched variable may become the caller's array.
        const scope = this.scopeOf(a.name);
        const cur = scope.get(a.name);
        if (cur instanceof Map) {
          frame.set(p, cur);
          continue;
        }
        if (cur instanceof ArrayRef) {
          frame.set(p, cur);
          continue;
        }
        if (cur === undefined && a.name !== 'NF') {
          frame.set(
            p,
            new ArrayRef(() => {
              const arr: AwkArray = new Map();
              scope.set(a.name, arr);
              return arr;
            }),
          );
          continue;
        }
      }
      frame.set(p, await this.eval(a));
    }
    this.frames.push(frame);
    this.depth++;
    const savedLine = this.line;
    try {
      this.returnValue = undefined;
      await this.execBlock(f.body);
      const r = this.returnValue;
      this.returnValue = undefined;
      return r;
    } finally {
      this.depth--;
      this.frames.pop();
      this.line = savedLine;
    }
  }

  private nextRand(): number {
    // A deterministic LCG (glibc's random() is not reproduced; worlds are deterministic anyway).
    this.randState = (Math.imul(this.randState, 1103515245) + 12345) >>> 0;
    return (this.randState >>> 1) / 0x80000000;
  }

  private async builtin(name: string, args: Expr[]): Promise<Val> {
    const arg = async (i: number) => (args[i] ? this.eval(args[i]!) : undefined);
    const need = (lo: number, hi: number) => {
      if (args.length < lo || args.length > hi) throw new AwkFatal(`${name}: called with ${args.length} arguments`);
    };
    switch (name) {
      case 'length': {
        if (args.length === 0) return [...this.record].length;
        const a = args[0]!;
        if (a.k === 'var' && a.name !== 'NF') {
          const v = this.scopeOf(a.name).get(a.name);
          if (v instanceof Map) return v.size;
        }
        return [...this.str(await this.eval(a))].length;
      }
      case 'substr': {
        need(2, 3);
        const chars = [...this.str(await arg(0))];
        const m = this.num(await arg(1));
        const start = Math.round(m);
        let end = args.length > 2 ? start + Math.round(this.num(await arg(2))) : Infinity;
        if (Number.isNaN(end)) end = start;
        const from = Math.max(start, 1);
        const to = Math.min(end, chars.length + 1);
        return to > from ? chars.slice(from - 1, to - 1).join('') : '';
      }
      case 'index': {
        need(2, 2);
        const s = this.str(await arg(0));
        const at = s.indexOf(this.str(await arg(1)));
        return at < 0 ? 0 : [...s.slice(0, at)].length + 1;
      }
      case 'split': {
        need(2, 3);
        const s = this.str(await arg(0));
        const target = args[1]!;
        if (target.k !== 'var') throw new AwkFatal('split: second argument is not an array');
        let parts: string[];
        if (args[2]?.k === 're') parts = this.splitString(s, '', this.regex(args[2].src, 'g'));
        else parts = this.splitString(s, args.length > 2 ? this.str(await arg(2)) : this.str(this.globals.get('FS') as Val));
        const arr = this.getArray(target.name);
        arr.clear();
        parts.forEach((p, i) => arr.set(String(i + 1), new StrNum(p)));
        return parts.length;
      }
      case 'sub':
      case 'gsub': {
        need(2, 3);
        const re = await this.regexOf(args[0]!, 'g');
        const repl = this.str(await arg(1));
        const t = args[2];
        let slot: { get: () => Val; set: (v: Val) => void };
        if (!t) slot = await this.setterOf({ k: 'field', e: { k: 'num', v: 0 } });
        else if (t.k === 'var' || t.k === 'idx' || t.k === 'field') slot = await this.setterOf(t);
        else {
          // Not a variable: the substitution happens, but there is nowhere to store it (gawk warns).
          const v = await this.eval(t);
          slot = { get: () => v, set: () => {} };
        }
        const s = this.str(slot.get());
        let count = 0;
        let out = '';
        let at = 0;
        for (const m of matchAll(re, s)) {
          out += s.slice(at, m.index) + this.expandAmpersand(repl, m[0]);
          at = m.index + m[0].length;
          count++;
          if (name === 'sub') break;
        }
        if (count > 0) slot.set(out + s.slice(at));
        return count;
      }
      case 'gensub': {
        need(3, 4);
        const re = await this.regexOf(args[0]!, 'g');
        const repl = this.str(await arg(1));
        const how = this.str(await arg(2));
        const s = this.str(args.length > 3 ? await arg(3) : new StrNum(this.record));
        const global = /^[gG]/.test(how);
        const which = global ? 0 : Math.max(1, Math.trunc(strToNum(how)));
        let out = '';
        let at = 0;
        let n = 0;
        for (const m of matchAll(re, s)) {
          n++;
          if (!global && n !== which) continue;
          out += s.slice(at, m.index) + repl.replace(/\\(\d)|\\\\|\\&|&/g, (t, d: string | undefined) => (d !== undefined ? (m[Number(d)] ?? '') : t === '&' ? m[0] : t.slice(1)));
          at = m.index + m[0].length;
          if (!global) break;
        }
        return out + s.slice(at);
      }
      case 'match': {
        need(2, 3);
        const s = this.str(await arg(0));
        const re = await this.regexOf(args[1]!);
        const m = re.exec(s);
        const start = m ? [...s.slice(0, m.index)].length + 1 : 0;
        this.globals.set('RSTART', start);
        this.globals.set('RLENGTH', m ? [...m[0]].length : -1);
        if (args[2]?.k === 'var') {
          const arr = this.getArray(args[2].name);
          arr.clear();
          if (m) m.forEach((g, i) => g !== undefined && arr.set(String(i), new StrNum(g)));
        }
        return start;
      }
      case 'sprintf': {
        if (args.length === 0) throw new AwkFatal('sprintf: no arguments');
        const vals = await this.evalAll(args);
        return this.sprintf(this.str(vals[0]), vals.slice(1));
      }
      case 'sin':
        return Math.sin(this.num(await arg(0)));
      case 'cos':
        return Math.cos(this.num(await arg(0)));
      case 'atan2': {
        need(2, 2);
        const y = this.num(await arg(0));
        return Math.atan2(y, this.num(await arg(1)));
      }
      case 'exp':
        return Math.exp(this.num(await arg(0)));
      case 'log':
        return Math.log(this.num(await arg(0)));
      case 'sqrt':
        return Math.sqrt(this.num(await arg(0)));
      case 'int':
        return Math.trunc(this.num(await arg(0)));
      case 'rand':
        return this.nextRand();
      case 'srand': {
        const prev = this.seed;
        this.seed = args.length ? Math.trunc(this.num(await arg(0))) : Math.floor(this.proc.time());
        this.randState = this.seed >>> 0;
        return prev;
      }
      case 'tolower':
        return this.str(await arg(0)).toLowerCase();
      case 'toupper':
        return this.str(await arg(0)).toUpperCase();
      case 'systime':
        return Math.floor(this.proc.time());
      case 'system': {
        need(1, 1);
        const cmd = this.str(await arg(0));
        await this.flushAll();
        return this.runShell(cmd);
      }
      case 'close': {
        need(1, 2);
        return this.close(this.str(await arg(0)));
      }
      case 'fflush': {
        if (args.length === 0) await this.out.flush();
        else {
          const r = this.outputs.get(this.str(await arg(0)));
          if (!r) return -1;
          await r.out.flush();
        }
        return 0;
      }
    }
    throw new AwkFatal(`function \`${name}' not defined`);
  }

  /** sub/gsub replacement: & is the match, \& a literal ampersand, \\ a backslash. */
  private expandAmpersand(repl: string, matched: string): string {
    let out = '';
    for (let i = 0; i < repl.length; i++) {
      const c = repl[i]!;
      if (c === '\\' && (repl[i + 1] === '&' || repl[i + 1] === '\\')) {
        out += repl[++i];
      } else if (c === '&') out += matched;
      else out += c;
    }
    return out;
  }

  /** awk's sprintf over awk values. */
  sprintf(format: string, vals: Val[]): string {
    const pieces = parseFormat(format, { lenient: true });
    let k = 0;
    let out = '';
    const next = (conv: Conversion): Val => {
      if (k >= vals.length) {
        const at = format.indexOf(conv.text);
        throw new AwkFatal(`not enough arguments to satisfy format string\n\t\`${format}'\n\t${' '.repeat(Math.max(0, at))}^ ran out for this one`);
      }
      return vals[k++];
    };
    for (const p of pieces) {
      if (typeof p === 'string') {
        out += p;
        continue;
      }
      const spec = resolveSpec(p, () => Math.trunc(this.num(next(p))));
      switch (spec.conv) {
        case 'd':
        case 'i':
        case 'o':
        case 'u':
        case 'x':
        case 'X': {
          const n = this.num(next(p));
          if (!Number.isFinite(n)) out += formatFloat(n, { ...spec, conv: 'f', precision: 0 });
          else if (Math.abs(n) >= 2 ** 63) out += formatFloat(Math.trunc(n), { ...spec, conv: 'f', precision: 0 });
          else out += formatInteger(BigInt(Math.trunc(n)), spec);
          break;
        }
        case 'c': {
          const v = next(p);
          out += formatChar(typeof v === 'number' ? String.fromCodePoint(Math.trunc(v) & 0x1fffff) : this.str(v), spec);
          break;
        }
        case 's':
          out += formatString(this.str(next(p)), spec);
          break;
        default:
          out += formatFloat(this.num(next(p)), spec);
      }
    }
    return out;
  }

  // ----- input ---------------------------------------------------------------------------------------

  /** The next record of the main input (ARGV files, assignments, or standard input). */
  async nextMainRecord(): Promise<string | null> {
    for (;;) {
      if (!this.main) {
        if (this.mainDone) return null;
        const argv = this.getArray('ARGV');
        const argc = Math.trunc(this.num(this.getVar('ARGC')));
        let name: string | undefined;
        while (this.argIndex < argc) {
          const a = this.str(argv.get(String(this.argIndex++)));
          if (a === '') continue;
          const assign = /^([A-Za-z_][A-Za-z0-9_]*)=(.*)$/s.exec(a);
          if (assign) {
            this.setVar(assign[1]!, new StrNum(assign[2]!));
            continue;
          }
          name = a;
          break;
        }
        if (name === undefined) {
          if (this.usedAFile) {
            this.mainDone = true;
            return null;
          }
          name = '-';
        }
        this.usedAFile = true;
        let fd: number;
        try {
          fd = openInput(this.proc, name);
        } catch (e) {
          if (e instanceof SyscallError) throw new AwkFatal(`cannot open file \`${name}' for reading (${e.message})`);
          throw e;
        }
        this.main = { rr: new RecordReader(new Reader(this.proc, fd, this.out)), fd };
        this.globals.set('FILENAME', name === '-' ? '' : name);
        this.globals.set('FNR', 0);
      }
      let rec: string | null;
      try {
        rec = await this.main.rr.next(this.str(this.globals.get('RS') as Val), this);
      } catch (e) {
        if (!(e instanceof SyscallError)) throw e;
        const name = this.str(this.globals.get('FILENAME') as Val);
        if (e.code === 'EISDIR') {
          await this.warn(`warning: command line argument \`${name}' is a directory: skipped`);
          rec = null;
        } else throw new AwkFatal(`error reading input file \`${name}': ${e.message}`);
      }
      if (rec !== null) {
        this.globals.set('NR', this.num(this.globals.get('NR') as Val) + 1);
        this.globals.set('FNR', this.num(this.globals.get('FNR') as Val) + 1);
        return rec;
      }
      closeInput(this.proc, this.main.fd);
      this.main = undefined;
    }
  }

  private usedAFile = false;

  skipFile(): void {
    if (this.main) {
      closeInput(this.proc, this.main.fd);
      this.main = undefined;
    }
  }

  private async getline(e: Extract<Expr, { k: 'getline' }>): Promise<Val> {
    let rec: string | null;
    if (e.mode === 'plain') {
      rec = await this.nextMainRecord();
    } else {
      const src = this.str(await this.eval(e.src!));
      let input = this.inputs.get(src);
      if (!input) {
        try {
          if (e.mode === 'file') {
            const fd = src === '-' || src === '/dev/stdin' ? 0 : openInput(this.proc, src);
            input = { rr: new RecordReader(new Reader(this.proc, fd, this.out)), fd };
          } else {
            await this.flushAll();
            const [r, w] = this.proc.pipe();
            const pid = this.spawnShell(src, { stdout: w, close: [r, w] });
            this.proc.close(w);
            input = { rr: new RecordReader(new Reader(this.proc, r, this.out)), fd: r, pid };
          }
        } catch (err) {
          if (err instanceof SyscallError) return -1;
          throw err;
        }
        this.inputs.set(src, input);
      }
      try {
        rec = await input.rr.next(this.str(this.globals.get('RS') as Val), this);
      } catch (err) {
        if (err instanceof SyscallError) return -1;
        throw err;
      }
      // POSIX: `cmd | getline` counts records in NR; `getline < file` does not.
      if (rec !== null && e.mode === 'cmd') this.globals.set('NR', this.num(this.globals.get('NR') as Val) + 1);
    }
    if (rec === null) return 0;
    if (e.target) (await this.setterOf(e.target)).set(new StrNum(rec));
    else this.setRecord(rec, true);
    return 1;
  }

  // ----- output ---------------------------------------------------------------------------------------

  private spawnShell(cmd: string, fds: { stdin?: number; stdout?: number; close?: number[] }): number {
    return this.proc.spawn('/bin/sh', ['sh', '-c', cmd], this.proc.env, {
      fds: (child) => {
        if (fds.stdin !== undefined) child.dup2(fds.stdin, 0);
        if (fds.stdout !== undefined) child.dup2(fds.stdout, 1);
        for (const fd of fds.close ?? []) if (fd > 2) child.close(fd);
      },
    });
  }

  private async runShell(cmd: string): Promise<number> {
    try {
      const pid = this.spawnShell(cmd, {});
      const st = await this.proc.waitStatus(pid);
      return st.kind === 'exited' ? st.code : st.kind === 'signaled' ? 256 + st.signal : 0;
    } catch (e) {
      if (e instanceof SyscallError) return -1;
      throw e;
    }
  }

  async outputFor(mode: '>' | '>>' | '|', name: string): Promise<Output> {
    if (name === '/dev/stdout' || name === '-') return this.out;
    if (name === '/dev/stderr') return this.stderr;
    const existing = this.outputs.get(name);
    if (existing) return existing.out;
    try {
      if (mode === '|') {
        await this.out.flush();
        const [r, w] = this.proc.pipe();
        const pid = this.spawnShell(name, { stdin: r, close: [r, w] });
        this.proc.close(r);
        const red = { out: new Output(this.proc, w), pid };
        this.outputs.set(name, red);
        return red.out;
      }
      const fd = this.proc.open(name, O_WRONLY | O_CREAT | (mode === '>>' ? O_APPEND : O_TRUNC));
      const red = { out: new Output(this.proc, fd) };
      this.outputs.set(name, red);
      return red.out;
    } catch (e) {
      if (e instanceof SyscallError) throw new AwkFatal(`can't redirect to \`${name}' (${e.message})`);
      throw e;
    }
  }

  async close(name: string): Promise<number> {
    const o = this.outputs.get(name);
    if (o) {
      this.outputs.delete(name);
      await o.out.flush();
      this.proc.close(o.out.fd);
      if (o.pid !== undefined) {
        const st = await this.proc.waitStatus(o.pid);
        return st.kind === 'exited' ? st.code : 256;
      }
      return 0;
    }
    const i = this.inputs.get(name);
    if (i) {
      this.inputs.delete(name);
      closeInput(this.proc, i.fd);
      if (i.pid !== undefined) {
        const st = await this.proc.waitStatus(i.pid);
        return st.kind === 'exited' ? st.code : 256;
      }
      return 0;
    }
    return -1;
  }

  async flushAll(): Promise<void> {
    await this.out.flush();
    await this.stderr.flush();
    for (const o of this.outputs.values()) await o.out.flush();
  }

  async closeAll(): Promise<void> {
    for (const name of [...this.outputs.keys()]) await this.close(name);
    for (const name of [...this.inputs.keys()]) await this.close(name);
    await this.stderr.flush();
  }

  // ----- statements ---------------------------------------------------------------------------------

  async execBlock(body: Stmt[]): Promise<Flow> {
    for (const s of body) {
      const f = await this.exec(s);
      if (f !== NORMAL) return f;
    }
    return NORMAL;
  }

  async exec(s: Stmt): Promise<Flow> {
    const line = (s as { line?: number }).line;
    if (line !== undefined) this.line = line;
    switch (s.k) {
      case 'expr':
        await this.eval(s.e);
        return NORMAL;
      case 'print':
      case 'printf': {
        let text: string;
        if (s.k === 'print') {
          const vals = s.args.length ? await this.evalAll(s.args) : [new StrNum(this.record)];
          text = vals.map((v) => this.outStr(v)).join(this.str(this.globals.get('OFS') as Val)) + this.str(this.globals.get('ORS') as Val);
        } else {
          const vals = await this.evalAll(s.args);
          text = this.sprintf(this.str(vals[0]), vals.slice(1));
        }
        const out = s.redir ? await this.outputFor(s.redir.mode, this.str(await this.eval(s.redir.e))) : this.out;
        out.put(text);
        if (out === this.stderr) await out.flush();
        else await out.tick();
        return NORMAL;
      }
      case 'if':
        if (this.truthy(await this.eval(s.c))) return this.exec(s.t);
        return s.f ? this.exec(s.f) : NORMAL;
      case 'while':
        while (this.truthy(await this.eval(s.c))) {
          const f = await this.exec(s.body);
          if (f === BREAK) break;
          if (f === RETURN) return f;
          await this.proc.checkpoint();
        }
        return NORMAL;
      case 'do':
        do {
          const f = await this.exec(s.body);
          if (f === BREAK) break;
          if (f === RETURN) return f;
          await this.proc.checkpoint();
        } while (this.truthy(await this.eval(s.c)));
        return NORMAL;
      case 'for':
        if (s.init) await this.exec(s.init);
        while (!s.c || this.truthy(await this.eval(s.c))) {
          const f = await this.exec(s.body);
          if (f === BREAK) break;
          if (f === RETURN) return f;
          if (s.step) await this.exec(s.step);
          await this.proc.checkpoint();
        }
        return NORMAL;
      case 'forin': {
        const arr = this.getArray(s.arr);
        for (const key of [...arr.keys()]) {
          if (!arr.has(key)) continue;
          this.setVar(s.v, new StrNum(key));
          const f = await this.exec(s.body);
          if (f === BREAK) break;
          if (f === RETURN) return f;
          await this.proc.checkpoint();
        }
        return NORMAL;
      }
      case 'block':
        return this.execBlock(s.body);
      case 'next':
        if (!this.inRecords) throw new AwkFatal('`next\' used in BEGIN or END action');
        throw new NextSignal();
      case 'nextfile':
        throw new NextFileSignal();
      case 'exit':
        if (s.e) this.exitCode = Math.trunc(this.num(await this.eval(s.e))) & 0xff;
        throw new ExitSignal(this.exitCode);
      case 'return':
        this.returnValue = s.e ? await this.eval(s.e) : undefined;
        return RETURN;
      case 'break':
        return BREAK;
      case 'continue':
        return CONTINUE;
      case 'delete': {
        const arr = this.getArray(s.name);
        if (!s.subs) arr.clear();
        else arr.delete(this.subscript(await this.evalAll(s.subs)));
        return NORMAL;
      }
      case 'getline-stmt':
        await this.eval(s.e);
        return NORMAL;
    }
  }

  // ----- the program ----------------------------------------------------------------------------------

  private async matches(rule: AwkProgram['rules'][number]): Promise<boolean> {
    if (!rule.pattern) return true;
    if (!rule.pattern2) return this.truthy(await this.eval(rule.pattern));
    if (!rule.inRange) {
      if (!this.truthy(await this.eval(rule.pattern))) return false;
      rule.inRange = !this.truthy(await this.eval(rule.pattern2));
      return true;
    }
    if (this.truthy(await this.eval(rule.pattern2))) rule.inRange = false;
    return true;
  }

  /** BEGIN, the records, END. Returns the exit status. */
  async run(): Promise<number> {
    const p = this.program;
    let exiting = false;
    try {
      for (const b of p.begin) await this.execBlock(b);
    } catch (e) {
      if (!(e instanceof ExitSignal)) throw e;
      exiting = true;
    }
    if (!exiting && (p.rules.length > 0 || p.end.length > 0)) {
      this.inRecords = true;
      try {
        for (let rec = await this.nextMainRecord(); rec !== null; rec = await this.nextMainRecord()) {
          this.setRecord(rec, true);
          try {
            for (const rule of p.rules) {
              if (!(await this.matches(rule))) continue;
              if (rule.body) await this.execBlock(rule.body);
              else {
                this.out.put(this.record + this.str(this.globals.get('ORS') as Val));
              }
            }
          } catch (e) {
            if (e instanceof NextFileSignal) this.skipFile();
            else if (!(e instanceof NextSignal)) throw e;
          }
          await this.out.tick();
        }
      } catch (e) {
        if (!(e instanceof ExitSignal)) throw e;
      }
      this.inRecords = false;
    }
    try {
      for (const b of p.end) await this.execBlock(b);
    } catch (e) {
      if (!(e instanceof ExitSignal)) throw e;
    }
    await this.closeAll();
    return this.exitCode;
  }

  /** "(FILENAME=x FNR=n) " once a record has been read, as gawk prefixes fatal errors. */
  contextPrefix(): string {
    if (this.num(this.globals.get('FNR') as Val) <= 0) return '';
    const f = this.str(this.globals.get('FILENAME') as Val) || '-';
    return `(FILENAME=${f} FNR=${this.str(this.globals.get('FNR') as Val)}) `;
  }
}

/**
 * Word expansion in bash's order: brace expansion; then tilde, parameter, command and arithmetic
 * expansion left to right; word splitting on IFS (unquoted results only); pathname expansion
 * (unquoted glob characters only); quote removal.
 *
 * Expansion produces a stream of segments that remember whether each piece of text was quoted
 * and whether it may be split, plus forced field breaks (`"$@"`). Splitting and globbing then
 * work on that stream, so quoting is never lost or re-parsed.
 */
import { ArithError, evalArith, evaluateArith, type ArithEnv } from './arith.js';
import type { ArithWord, Assignment, HereDoc, Script } from './ast.js';
import { compileEre, escapeEre, escapeGlob, globMatches, hasGlobChars, matchPattern, removePrefix, removeSuffix, replacePattern, type GlobFs, type GlobOptions } from './pattern.js';
import { quoteAlways } from './quote.js';
import type { BraceRangePart, ParamOp, ParamPart, Word, WordPart } from './word.js';

export type ExpansionErrorCode =
  /** `set -u` and an unset variable: `x: unbound variable`. */
  | 'unbound'
  /** `${x:?msg}` */
  | 'unset'
  /** `${x!}: bad substitution` */
  | 'bad-substitution'
  /** Errors from arithmetic: `1/0: division by 0 (error token is "0")`. */
  | 'arith'
  /** `${!x}` with x unset or not a name. */
  | 'indirect'
  /** `${1:=x}`: `$1: cannot assign in this way`. */
  | 'assign'
  /** `${x:1:-9}`: `-9: substring expression < 0`. */
  | 'substring'
  /** `> $f` where $f is empty or several words. */
  | 'ambiguous-redirect'
  /** A brace expansion that would make an absurd number of words. */
  | 'too-many-words';

/** An expansion error, with bash's message (the interpreter prefixes `bash: `). */
export class ExpansionError extends Error {
  override readonly name = 'ExpansionError';
  constructor(
    message: string,
    readonly code: ExpansionErrorCode,
  ) {
    super(message);
  }
}

/** What expansion needs from the shell. */
export interface ExpandContext {
  getVar(name: string): string | undefined;
  setVar(name: string, value: string): void;
  /** $1, $2, … */
  positional(): readonly string[];
  /** `$?`, `$$`, `$!` (undefined when there is no background job yet), `$-`, `$0`. */
  special(name: '?' | '$' | '!' | '-' | '0'): string | undefined;
  /** Home directory of a user, or of the current user for null (used when HOME is unset). */
  homeOf(user: string | null): string | undefined;
  /** Run a command substitution and return its output; trailing newlines are removed here. */
  commandSubstitution(script: Script, text: string): Promise<string>;
  fs: GlobFs;
  /** `set -f` */
  noglob: boolean;
  /** `set -u` */
  nounset: boolean;
  /** `shopt` options for pathname expansion (dotglob, nullglob, nocaseglob). */
  glob?: GlobOptions;
  /** `shopt -s nocasematch`: for case and [[ == ]] (used by matchCase). */
  nocasematch?: boolean;
  /** Arrays (optional). Without these, a scalar is an array of one element. */
  getArray?(name: string): readonly string[] | undefined;
  getElement?(name: string, key: string): string | undefined;
  setElement?(name: string, key: string, value: string): void;
  isAssociative?(name: string): boolean;
  /** All variable names, for `${!prefix*}`. */
  varNames?(): readonly string[];
}

/** Maximum number of words one brace expansion may produce. */
const MAX_BRACE_WORDS = 100_000;

type Seg = { t: string; q: boolean; s: boolean };
/** A forced field boundary (between the elements of `"$@"`). */
const BREAK = null;
type Item = Seg | typeof BREAK;

/** How results are being collected. */
type Mode = 'fields' | 'single';

interface Flags {
  inDq: boolean;
  /** Inside a `${x-word}` operand: unquoted literal text is subject to splitting. */
  operand: boolean;
}

const NORMAL: Flags = { inDq: false, operand: false };
const QUOTED: Flags = { inDq: true, operand: false };

type Value = { list: null; value: string | undefined } | { list: string[]; star: boolean };

class Expander {
  constructor(
    readonly ctx: ExpandContext,
    readonly mode: Mode,
  ) {}

  ifs(): string {
    const v = this.ctx.getVar('IFS');
    return v === undefined ? ' \t\n' : v;
  }

  /** The separator for `"$*"`: the first character of IFS, a space when unset. */
  starSeparator(): string {
    const v = this.ctx.getVar('IFS');
    return v === undefined ? ' ' : v.slice(0, 1);
  }

  async parts(parts: readonly WordPart[], flags: Flags, out: Item[]): Promise<void> {
    for (const p of parts) await this.part(p, flags, out);
  }

  async part(p: WordPart, flags: Flags, out: Item[]): Promise<void> {
    switch (p.type) {
      case 'Literal':
        out.push({ t: p.value, q: flags.inDq, s: flags.operand && !flags.inDq });
        return;
      case 'Escaped':
      case 'SingleQuoted':
      case 'AnsiC':
        out.push({ t: p.value, q: true, s: false });
        return;
      case 'DoubleQuoted':
        if (p.parts.length === 0 || !p.parts.every(isAtExpansion)) out.push({ t: '', q: true, s: false });
        await this.parts(p.parts, { inDq: true, operand: flags.operand }, out);
        return;
      case 'Tilde':
        out.push({ t: this.tilde(p.user), q: true, s: false });
        return;
      case 'Param':
        await this.param(p, flags, out);
        return;
      case 'CommandSubst': {
        const text = stripTrailingNewlines(await this.ctx.commandSubstitution(p.script, p.text));
        out.push({ t: text, q: flags.inDq, s: !flags.inDq });
        return;
      }
      case 'ArithSubst': {
        const v = await this.arith(p.expression, p.parsed);
        out.push({ t: v.toString(), q: flags.inDq, s: !flags.inDq });
        return;
      }
      case 'Brace': {
        // Only reached where brace expansion does not apply (assignments, patterns…): literal.
        out.push({ t: '{', q: flags.inDq, s: false });
        for (let i = 0; i < p.alternatives.length; i++) {
          if (i > 0) out.push({ t: ',', q: flags.inDq, s: false });
          await this.parts(p.alternatives[i]!, flags, out);
        }
        out.push({ t: '}', q: flags.inDq, s: false });
        return;
      }
      case 'BraceRange':
        out.push({ t: p.text, q: flags.inDq, s: false });
        return;
    }
  }

  tilde(user: string | null): string {
    if (user === null) return this.ctx.getVar('HOME') ?? this.ctx.homeOf(null) ?? '~';
    if (user === '+') return this.ctx.getVar('PWD') ?? '~+';
    if (user === '-') return this.ctx.getVar('OLDPWD') ?? '~-';
    return this.ctx.homeOf(user) ?? '~' + user;
  }

  arithEnv(): ArithEnv {
    const ctx = this.ctx;
    return {
      get: (name) => ctx.getVar(name),
      set: (name, value) => ctx.setVar(name, value),
      getElement: ctx.getElement ? (name, index) => ctx.getElement!(name, index) : undefined,
      setElement: ctx.setElement ? (name, index, value) => ctx.setElement!(name, index, value) : undefined,
      nounset: ctx.nounset,
    };
  }

  async arith(word: Word, parsed: ArithWord['parsed']): Promise<bigint> {
    try {
      if (parsed !== null) return evalArith(parsed, this.arithEnv());
      const text = await this.text(word.parts, QUOTED);
      return evaluateArith(text, this.arithEnv());
    } catch (e) {
      if (e instanceof ArithError) throw new ExpansionError(e.message, 'arith');
      throw e;
    }
  }

  /** Expand parts to one string (no splitting, no globbing, quotes removed). */
  async text(parts: readonly WordPart[], flags: Flags = NORMAL): Promise<string> {
    const sub = this.mode === 'single' ? this : new Expander(this.ctx, 'single');
    const items: Item[] = [];
    await sub.parts(parts, flags, items);
    return joinItems(items);
  }

  /** Expand parts to a pattern: quoted characters are backslash-escaped. */
  async pattern(parts: readonly WordPart[], flags: Flags = NORMAL): Promise<string> {
    const sub = this.mode === 'single' ? this : new Expander(this.ctx, 'single');
    const items: Item[] = [];
    await sub.parts(parts, flags, items);
    let out = '';
    for (const it of items) if (it !== BREAK) out += it.q ? escapeGlob(it.t) : it.t;
    return out;
  }

  // ----- parameters -----------------------------------------------------------------------------

  private async param(p: ParamPart, flags: Flags, out: Item[]): Promise<void> {
    const op = p.op;
    if (op !== null && op.kind === 'bad') throw new ExpansionError(`${p.text}: bad substitution`, 'bad-substitution');
    if (op !== null && op.kind === 'names') {
      const names = (this.ctx.varNames?.() ?? []).filter((n) => n.startsWith(p.name)).sort();
      this.emitList(names, op.star, flags, out);
      return;
    }
    let name = p.name;
    let index: Word | '@' | '*' | null = p.index;
    if (p.indirect) {
      const ref = await this.lookup(p.name, p.index, p);
      const target = ref.list === null ? ref.value : ref.list.join(' ');
      if (target === undefined || target === '') throw new ExpansionError(`${p.name}: invalid indirect expansion`, 'indirect');
      const m = /^([A-Za-z_][A-Za-z0-9_]*)(?:\[(.*)\])?$/s.exec(target);
      if (m !== null) {
        name = m[1]!;
        const sub = m[2];
        index = sub === undefined ? null : sub === '@' || sub === '*' ? sub : literalWord(sub);
      } else if (/^[0-9]+$/.test(target) || (target.length === 1 && '@*#?-$!'.includes(target))) {
        name = target;
        index = null;
      } else throw new ExpansionError(`${target}: invalid variable name`, 'indirect');
    }
    let v = await this.lookup(name, index, p);

    const testsUnset = op !== null && (op.kind === 'default' || op.kind === 'assign' || op.kind === 'error' || op.kind === 'alternative');
    if (!testsUnset && v.list === null && v.value === undefined && this.ctx.nounset) {
      throw new ExpansionError(`${unboundName(p, name, index)}: unbound variable`, 'unbound');
    }
    if (op === null) {
      this.emitValue(v, flags, out);
      return;
    }
    switch (op.kind) {
      case 'length': {
        const n = v.list !== null ? v.list.length : codePoints(v.value ?? '').length;
        out.push({ t: String(n), q: flags.inDq, s: !flags.inDq });
        return;
      }
      case 'default':
      case 'assign':
      case 'error':
      case 'alternative': {
        const isSet = v.list !== null ? v.list.length > 0 : v.value !== undefined;
        const isNull = !isSet || (op.colon && (v.list !== null ? v.list.join(this.starSeparator()) === '' : v.value === ''));
        if (op.kind === 'alternative') {
          if (!isNull) await this.parts(op.word.parts, { inDq: flags.inDq, operand: true }, out);
          else if (flags.inDq) out.push({ t: '', q: true, s: false });
          return;
        }
        if (!isNull) {
          this.emitValue(v, flags, out);
          return;
        }
        if (op.kind === 'default') {
          await this.parts(op.word.parts, { inDq: flags.inDq, operand: true }, out);
          return;
        }
        if (op.kind === 'error') {
          const msg = op.word.parts.length === 0 ? (op.colon ? 'parameter null or not set' : 'parameter not set') : await this.text(op.word.parts, { inDq: flags.inDq, operand: true });
          throw new ExpansionError(`${unboundName(p, name, index)}: ${msg}`, 'unset');
        }
        // assign
        const value = await this.text(op.word.parts, { inDq: flags.inDq, operand: true });
        if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name) || index === '@' || index === '*') {
          throw new ExpansionError(`$${name}: cannot assign in this way`, 'assign');
        }
        if (index !== null && this.ctx.setElement) this.ctx.setElement(name, await this.subscript(name, index), value);
        else this.ctx.setVar(name, value);
        out.push({ t: value, q: flags.inDq, s: !flags.inDq });
        return;
      }
      case 'substring':
        v = await this.substring(v, op, name, index);
        this.emitValue(v, flags, out);
        return;
      default: {
        const f = await this.transformer(op, name);
        if (v.list !== null) v = { list: v.list.map(f), star: v.star };
        else if (v.value !== undefined) v = { list: null, value: f(v.value) };
        else v = { list: null, value: op.kind === 'transform' ? undefined : f('') };
        this.emitValue(v, flags, out);
      }
    }
  }

  private async transformer(op: Exclude<ParamOp, { kind: 'length' | 'default' | 'assign' | 'error' | 'alternative' | 'substring' | 'bad' | 'names' }>, name: string): Promise<(s: string) => string> {
    const nocase = false;
    switch (op.kind) {
      case 'removePrefix': {
        const pat = await this.pattern(op.pattern.parts);
        return (s) => removePrefix(s, pat, op.longest, { nocase });
      }
      case 'removeSuffix': {
        const pat = await this.pattern(op.pattern.parts);
        return (s) => removeSuffix(s, pat, op.longest, { nocase });
      }
      case 'replace': {
        const pat = await this.pattern(op.pattern.parts);
        // bash 5.2 patsub_replacement: an unquoted `&` stands for the matched text.
        const pieces: { t: string; amp: boolean }[] = [];
        if (op.replacement !== null) {
          const items: Item[] = [];
          await new Expander(this.ctx, 'single').parts(op.replacement.parts, NORMAL, items);
          for (const it of items) {
            if (it === BREAK) continue;
            if (it.q) pieces.push({ t: it.t, amp: false });
            else {
              // Unquoted: `&` is the match, `\&` a literal ampersand.
              let buf = '';
              for (let i = 0; i < it.t.length; i++) {
                const c = it.t[i]!;
                if (c === '\\' && it.t[i + 1] === '&') {
                  buf += '&';
                  i++;
                } else if (c === '&') {
                  if (buf) pieces.push({ t: buf, amp: false });
                  buf = '';
                  pieces.push({ t: '', amp: true });
                } else buf += c;
              }
              if (buf) pieces.push({ t: buf, amp: false });
            }
          }
        }
        const repl = (m: string): string => pieces.map((x) => (x.amp ? m : x.t)).join('');
        const mode = op.all ? 'all' : op.anchor === 'start' ? 'start' : op.anchor === 'end' ? 'end' : 'first';
        return (s) => replacePattern(s, pat, repl, mode, { nocase });
      }
      case 'case': {
        const pat = op.pattern === null ? null : await this.pattern(op.pattern.parts);
        const convert = (c: string): string => (op.mode === 'upper' ? c.toUpperCase() : op.mode === 'lower' ? c.toLowerCase() : c === c.toUpperCase() ? c.toLowerCase() : c.toUpperCase());
        return (s) => {
          const cs = codePoints(s);
          for (let i = 0; i < cs.length; i++) {
            if (i > 0 && !op.all) break;
            if (pat === null || matchPattern(cs[i]!, pat)) cs[i] = convert(cs[i]!);
          }
          return cs.join('');
        };
      }
      case 'transform':
        switch (op.operator) {
          case 'Q':
          case 'K':
          case 'k':
            return quoteAlways;
          case 'E':
            return decodeEscapes;
          case 'U':
            return (s) => s.toUpperCase();
          case 'L':
            return (s) => s.toLowerCase();
          case 'u':
            return (s) => {
              const cs = codePoints(s);
              if (cs.length > 0) cs[0] = cs[0]!.toUpperCase();
              return cs.join('');
            };
          case 'A':
            return (s) => `${name}=${quoteAlways(s)}`;
          case 'a':
            return () => '';
          default:
            return (s) => s;
        }
    }
  }

  private async substring(v: Value, op: Extract<ParamOp, { kind: 'substring' }>, name: string, index: Word | '@' | '*' | null): Promise<Value> {
    const offText = await this.text(op.offset.parts);
    const offset = Number(await this.arithText(offText));
    let lenText: string | null = null;
    let length: number | null = null;
    if (op.length !== null) {
      lenText = await this.text(op.length.parts);
      length = Number(await this.arithText(lenText));
    }
    if (v.list !== null) {
      let list = v.list;
      if ((name === '@' || name === '*') && index === null) list = [this.ctx.special('0') ?? '', ...list];
      let start = offset < 0 ? list.length + offset : offset;
      if (offset < 0 && (name === '@' || name === '*') && index === null) start = list.length + offset;
      if (start < 0 || start > list.length) return { list: [], star: v.star };
      if (length !== null && length < 0) throw new ExpansionError(`${lenText}: substring expression < 0`, 'substring');
      return { list: list.slice(start, length === null ? undefined : start + length), star: v.star };
    }
    if (v.value === undefined) return v;
    const cs = codePoints(v.value);
    let start = offset < 0 ? cs.length + offset : offset;
    if (start < 0 || start > cs.length) return { list: null, value: '' };
    let end = cs.length;
    if (length !== null) {
      end = length < 0 ? cs.length + length : Math.min(cs.length, start + length);
      if (end < start) {
        if (length < 0) throw new ExpansionError(`${lenText}: substring expression < 0`, 'substring');
        end = start;
      }
    }
    start = Math.max(0, start);
    return { list: null, value: cs.slice(start, end).join('') };
  }

  private async arithText(text: string): Promise<bigint> {
    try {
      return evaluateArith(text, this.arithEnv());
    } catch (e) {
      if (e instanceof ArithError) throw new ExpansionError(e.message, 'arith');
      throw e;
    }
  }

  private async subscript(name: string, index: Word): Promise<string> {
    const text = await this.text(index.parts);
    if (this.ctx.isAssociative?.(name)) return text;
    return (await this.arithText(text)).toString();
  }

  private async lookup(name: string, index: Word | '@' | '*' | null, _p: ParamPart): Promise<Value> {
    const ctx = this.ctx;
    if (index === '@' || index === '*') {
      const arr = ctx.getArray?.(name);
      if (arr !== undefined) return { list: [...arr], star: index === '*' };
      const s = ctx.getVar(name);
      return { list: s === undefined ? [] : [s], star: index === '*' };
    }
    if (index !== null) {
      const key = await this.subscript(name, index);
      if (ctx.getElement) return { list: null, value: ctx.getElement(name, key) };
      return { list: null, value: key === '0' ? ctx.getVar(name) : undefined };
    }
    if (name === '@' || name === '*') return { list: [...ctx.positional()], star: name === '*' };
    if (name === '#') return { list: null, value: String(ctx.positional().length) };
    if (name === '?' || name === '$' || name === '!' || name === '-' || name === '0') return { list: null, value: ctx.special(name) };
    if (name.charCodeAt(0) >= 48 && name.charCodeAt(0) <= 57) {
      const n = Number(name);
      return { list: null, value: n === 0 ? ctx.special('0') : ctx.positional()[n - 1] };
    }
    return { list: null, value: ctx.getVar(name) };
  }

  private emitValue(v: Value, flags: Flags, out: Item[]): void {
    if (v.list !== null) this.emitList(v.list, v.star, flags, out);
    else out.push({ t: v.value ?? '', q: flags.inDq, s: !flags.inDq });
  }

  private emitList(values: readonly string[], star: boolean, flags: Flags, out: Item[]): void {
    if (this.mode === 'single') {
      out.push({ t: values.join(star ? this.starSeparator() : ' '), q: flags.inDq, s: !flags.inDq });
      return;
    }
    if (flags.inDq && star) {
      out.push({ t: values.join(this.starSeparator()), q: true, s: false });
      return;
    }
    const ifs = this.ifs();
    if (!flags.inDq && ifs !== '') {
      // Unquoted: the elements joined with the first IFS character, then split like any
      // unquoted expansion (so IFS=: keeps empty elements, as bash does).
      out.push({ t: values.join(ifs[0]!), q: false, s: true });
      return;
    }
    values.forEach((v, i) => {
      if (i > 0) out.push(BREAK);
      out.push({ t: v, q: flags.inDq, s: !flags.inDq });
    });
  }
}

/** `$@`-like parts inside double quotes, which make no word when there are no elements. */
function isAtExpansion(p: WordPart): boolean {
  if (p.type !== 'Param' || p.indirect) return false;
  if (!((p.name === '@' && p.index === null) || p.index === '@')) return false;
  return p.op === null || ['removePrefix', 'removeSuffix', 'replace', 'case', 'substring', 'transform'].includes(p.op.kind);
}

function unboundName(p: ParamPart, name: string, index: Word | '@' | '*' | null): string {
  if (index !== null) return `${name}[${typeof index === 'string' ? index : index.raw}]`;
  if (!p.braced && !/^[A-Za-z_]/.test(name)) return `$${name}`;
  return name;
}

function literalWord(text: string): Word {
  return { type: 'Word', parts: [{ type: 'Literal', value: text, glob: false }], raw: text, pos: { offset: 0, line: 1, column: 1 }, end: 0 };
}

function codePoints(s: string): string[] {
  return Array.from(s);
}

function stripTrailingNewlines(s: string): string {
  let end = s.length;
  while (end > 0 && s.charCodeAt(end - 1) === 10) end--;
  return end === s.length ? s : s.slice(0, end);
}

function joinItems(items: readonly Item[]): string {
  let s = '';
  for (const it of items) if (it !== BREAK) s += it.t;
  return s;
}

/** Decode backslash escapes as `$'…'` and `echo -e` do (for `${x@E}`). */
function decodeEscapes(s: string): string {
  return s.replace(/\\(?:([abefnrtv\\'"?])|x([0-9a-fA-F]{1,2})|([0-7]{1,3})|u([0-9a-fA-F]{1,4})|c(.))/g, (m, simple: string | undefined, hex, oct, uni, ctl: string | undefined) => {
    if (simple !== undefined) return ({ a: '\x07', b: '\b', e: '\x1b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v' } as Record<string, string>)[simple] ?? simple;
    if (hex !== undefined) return String.fromCharCode(parseInt(hex, 16));
    if (oct !== undefined) return String.fromCharCode(parseInt(oct, 8) & 0xff);
    if (uni !== undefined) return String.fromCodePoint(parseInt(uni, 16));
    if (ctl !== undefined) return String.fromCharCode(ctl.toUpperCase().charCodeAt(0) & 0x1f);
    return m;
  });
}

// ----- brace expansion --------------------------------------------------------------------------

function hasBraces(parts: readonly WordPart[]): boolean {
  return parts.some((p) => p.type === 'Brace' || p.type === 'BraceRange');
}

/** The words of a brace expansion, each a list of parts (no Brace parts left). */
export function braceExpand(parts: readonly WordPart[]): WordPart[][] {
  let results: WordPart[][] = [[]];
  for (const p of parts) {
    if (p.type === 'Brace') {
      const alts: WordPart[][] = [];
      for (const a of p.alternatives) for (const x of braceExpand(a)) alts.push(x);
      results = product(results, alts);
    } else if (p.type === 'BraceRange') {
      const items = rangeItems(p);
      results = product(
        results,
        items.map((s) => [{ type: 'Literal', value: s, glob: /[*?[]/.test(s) }]),
      );
    } else for (const r of results) r.push(p);
  }
  return results;
}

function product(a: WordPart[][], b: WordPart[][]): WordPart[][] {
  if (a.length * b.length > MAX_BRACE_WORDS) throw new ExpansionError('brace expansion: too many words', 'too-many-words');
  const out: WordPart[][] = [];
  for (const x of a) for (const y of b) out.push([...x, ...y]);
  return out;
}

function rangeItems(p: BraceRangePart): string[] {
  const step0 = p.step === null ? 1 : Math.abs(p.step) || 1;
  const numeric = /^[+-]?[0-9]+$/.test(p.start);
  if (numeric) {
    const a = Number(p.start);
    const b = Number(p.end);
    if (!Number.isSafeInteger(a) || !Number.isSafeInteger(b)) return [p.text];
    const count = Math.floor(Math.abs(b - a) / step0) + 1;
    if (count > MAX_BRACE_WORDS) throw new ExpansionError('brace expansion: too many words', 'too-many-words');
    const padded = /^[+-]?0[0-9]/.test(p.start) || /^[+-]?0[0-9]/.test(p.end);
    const width = padded ? Math.max(p.start.length, p.end.length) : 0;
    const out: string[] = [];
    const dir = b >= a ? 1 : -1;
    for (let k = 0, v = a; k < count; k++, v += dir * step0) {
      if (width === 0) out.push(String(v));
      else if (v < 0) out.push('-' + String(-v).padStart(width - 1, '0'));
      else out.push(String(v).padStart(width, '0'));
    }
    return out;
  }
  const a = p.start.charCodeAt(0);
  const b = p.end.charCodeAt(0);
  const dir = b >= a ? 1 : -1;
  const out: string[] = [];
  for (let v = a; dir > 0 ? v <= b : v >= b; v += dir * step0) out.push(String.fromCharCode(v));
  return out;
}

// ----- splitting and globbing -------------------------------------------------------------------

type Chunk = { t: string; q: boolean };

/** Split the segment stream into fields on IFS (POSIX rules; only splittable segments split). */
function splitFields(items: readonly Item[], ifs: string): Chunk[][] {
  const fields: Chunk[][] = [];
  let cur: Chunk[] = [];
  let started = false;
  let afterWs = false;
  const end = (): void => {
    fields.push(cur);
    cur = [];
    started = false;
  };
  for (const it of items) {
    if (it === BREAK) {
      if (started) end();
      afterWs = false;
      continue;
    }
    if (!it.s || ifs === '') {
      if (it.t !== '' || it.q) {
        cur.push({ t: it.t, q: it.q });
        started = true;
        afterWs = false;
      }
      continue;
    }
    let buf = '';
    for (let i = 0; i < it.t.length; i++) {
      const c = it.t[i]!;
      if (!ifs.includes(c)) {
        buf += c;
        started = true;
        afterWs = false;
        continue;
      }
      if (buf !== '') {
        cur.push({ t: buf, q: it.q });
        buf = '';
      }
      if (c === ' ' || c === '\t' || c === '\n') {
        if (started) {
          end();
          afterWs = true;
        }
        continue;
      }
      if (started) {
        end();
        afterWs = false;
      } else if (afterWs) afterWs = false;
      else end();
    }
    if (buf !== '') cur.push({ t: buf, q: it.q });
  }
  if (started) end();
  return fields;
}

function fieldText(f: readonly Chunk[]): string {
  let s = '';
  for (const c of f) s += c.t;
  return s;
}

function globField(f: readonly Chunk[], ctx: ExpandContext, out: string[]): void {
  const text = fieldText(f);
  if (ctx.noglob || !f.some((c) => !c.q && /[*?[]/.test(c.t))) {
    out.push(text);
    return;
  }
  let pattern = '';
  for (const c of f) pattern += c.q ? escapeGlob(c.t) : c.t;
  if (!hasGlobChars(pattern)) {
    out.push(text);
    return;
  }
  const found = globMatches(pattern, ctx.fs, ctx.glob ?? {});
  if (found.length > 0) for (const m of found) out.push(m);
  else if (!ctx.glob?.nullglob) out.push(text);
}

// ----- public API -------------------------------------------------------------------------------

function isPlain(word: Word): string | null {
  if (word.parts.length !== 1) return word.parts.length === 0 ? '' : null;
  const p = word.parts[0]!;
  if (p.type === 'Literal') return p.glob ? null : p.value;
  if (p.type === 'SingleQuoted' || p.type === 'Escaped' || p.type === 'AnsiC') return p.value;
  return null;
}

export interface ExpandWordsOptions {
  /**
   * The words are arguments of a declaration builtin (declare, local, export, readonly,
   * typeset): words that look like assignments (`x=$y`) are expanded like assignment values,
   * without word splitting or pathname expansion, as bash does.
   */
  declaration?: boolean;
}

const ASSIGNMENT_WORD_RE = /^[A-Za-z_][A-Za-z0-9_]*(\[[^\]]*\])?\+?=/;

function looksLikeAssignment(word: Word): boolean {
  const p = word.parts[0];
  return p !== undefined && p.type === 'Literal' && ASSIGNMENT_WORD_RE.test(word.raw) && /^[A-Za-z_]/.test(p.value);
}

/** Expand command words to fields: brace expansion, expansions, splitting, globbing, quote removal. */
export async function expandWords(words: readonly Word[], ctx: ExpandContext, options: ExpandWordsOptions = {}): Promise<string[]> {
  const out: string[] = [];
  let ex: Expander | null = null;
  for (const word of words) {
    const plain = isPlain(word);
    if (plain !== null) {
      out.push(plain);
      continue;
    }
    ex ??= new Expander(ctx, 'fields');
    const variants = hasBraces(word.parts) ? braceExpand(word.parts) : [word.parts];
    if (options.declaration === true && looksLikeAssignment(word)) {
      const single = new Expander(ctx, 'single');
      for (const parts of variants) out.push(await single.text(parts));
      continue;
    }
    for (const parts of variants) {
      const items: Item[] = [];
      await ex.parts(parts, NORMAL, items);
      for (const f of splitFields(items, ex.ifs())) globField(f, ctx, out);
    }
  }
  return out;
}

/**
 * Expand one word to one string, without splitting or globbing (assignment values, here-strings,
 * case subjects, [[ ]] operands).
 */
export async function expandWord(word: Word, ctx: ExpandContext, _mode: 'single' = 'single'): Promise<string> {
  const plain = isPlain(word);
  if (plain !== null) return plain;
  return new Expander(ctx, 'single').text(word.parts);
}

/** Expand a word into a glob pattern (case patterns, the right side of [[ == ]]): quoted parts match literally. */
export async function expandPattern(word: Word, ctx: ExpandContext): Promise<string> {
  return new Expander(ctx, 'single').pattern(word.parts);
}

/** Expand the right side of `=~` into an ERE: quoted parts match literally. */
export async function expandRegex(word: Word, ctx: ExpandContext): Promise<string> {
  const items: Item[] = [];
  await new Expander(ctx, 'single').parts(word.parts, NORMAL, items);
  let out = '';
  for (const it of items) if (it !== BREAK) out += it.q ? escapeEre(it.t) : it.t;
  return out;
}

/** `[[ s =~ re ]]`: the match array (BASH_REMATCH) or null; throws nothing; `invalid` for a bad regex (status 2). */
export function matchRegex(s: string, ere: string, nocase = false): RegExpExecArray | null | 'invalid' {
  const re = compileEre(ere, { nocase });
  if (re === null) return 'invalid';
  return re.exec(s);
}

/** Expand the body of a here-document (unchanged when its delimiter was quoted). */
export async function expandHereDoc(doc: HereDoc, ctx: ExpandContext): Promise<string> {
  if (doc.quoted || doc.parts === null) return doc.body;
  return new Expander(ctx, 'single').text(doc.parts, QUOTED);
}

/** Evaluate an arithmetic word (`(( ))`, `for (( ))`, `$(( ))`). Errors are ExpansionError('arith'). */
export async function expandArith(expr: ArithWord, ctx: ExpandContext): Promise<bigint> {
  return new Expander(ctx, 'single').arith(expr.word, expr.parsed);
}

/** The value of an assignment: a string, or the element list of `a=(…)`. */
export async function expandAssignment(a: Assignment, ctx: ExpandContext): Promise<string | string[]> {
  if (a.array !== null) return expandWords(a.array, ctx);
  return a.value === null ? '' : expandWord(a.value, ctx);
}

/** A redirection target: exactly one word after expansion, else `$f: ambiguous redirect`. */
export async function expandRedirectTarget(word: Word, ctx: ExpandContext): Promise<string> {
  const plain = isPlain(word);
  if (plain !== null) return plain;
  const fields = await expandWords([word], ctx);
  if (fields.length !== 1) throw new ExpansionError(`${word.raw}: ambiguous redirect`, 'ambiguous-redirect');
  return fields[0]!;
}

/** Does `subject` match the case/[[ == ]] pattern word? */
export async function matchesPatternWord(subject: string, word: Word, ctx: ExpandContext): Promise<boolean> {
  const pattern = await expandPattern(word, ctx);
  return matchPattern(subject, pattern, { nocase: ctx.nocasematch === true });
}

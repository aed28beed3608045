/**
 * Words: what the lexer makes of `echo "a $b"'c'{d,e}`. A word is a list of parts, kept
 * structured (quoting, expansions) so that expansion never has to re-scan text.
 *
 * Quoting is carried by the part kinds: everything inside SingleQuoted, DoubleQuoted, AnsiC and
 * Escaped is quoted (no word splitting, no globbing); a Literal directly in a word is unquoted
 * text. Inside a DoubleQuoted, Literal parts are the quoted text between expansions.
 */
import type { ArithExpr } from './arith.js';
import type { Pos, Script } from './ast.js';

export interface Word {
  type: 'Word';
  parts: WordPart[];
  /** Source text of the word, exactly as typed (quotes included). */
  raw: string;
  pos: Pos;
  /** Offset just past the word in the source. */
  end: number;
  /**
   * Only for an argument of a declaration builtin written `name=(…)` (`declare -a x=(1 2)`):
   * the element words; `parts` then hold just `name=`.
   */
  array?: Word[];
}

export type WordPart =
  | LiteralPart
  | EscapedPart
  | SingleQuotedPart
  | DoubleQuotedPart
  | AnsiCPart
  | ParamPart
  | CommandSubstPart
  | ArithSubstPart
  | TildePart
  | BracePart
  | BraceRangePart;

/** Unquoted text (or, inside DoubleQuoted, quoted text). `glob` tells whether it contains `*`, `?` or `[`. */
export interface LiteralPart {
  type: 'Literal';
  value: string;
  glob: boolean;
}

/** A backslash-escaped character outside double quotes: `\*` gives value `*`. */
export interface EscapedPart {
  type: 'Escaped';
  value: string;
}

export interface SingleQuotedPart {
  type: 'SingleQuoted';
  value: string;
}

export interface DoubleQuotedPart {
  type: 'DoubleQuoted';
  parts: WordPart[];
}

/** `$'…'`, already decoded. */
export interface AnsiCPart {
  type: 'AnsiC';
  value: string;
}

/**
 * `$x`, `${x}`, `$1`, `${10}`, `$?`, `$@`…, optionally with an operator.
 * `name` is an identifier, a positional number (`'1'`, `'10'`) or one of `@ * # ? - $ ! 0`.
 */
export interface ParamPart {
  type: 'Param';
  name: string;
  braced: boolean;
  /** `${!x}`: indirection. */
  indirect: boolean;
  /** `${a[i]}`: `'@'`, `'*'` or the subscript as a word (arithmetic for indexed arrays). */
  index: Word | '@' | '*' | null;
  op: ParamOp | null;
  /** The source text, e.g. `${x:-w}`, for error messages (`${x!}: bad substitution`). */
  text: string;
}

export type ParamOp =
  /** `${#x}` */
  | { kind: 'length' }
  /** `${x-w}` `${x:-w}` (default), `=` (assign), `?` (error), `+` (alternative). */
  | { kind: 'default' | 'assign' | 'error' | 'alternative'; colon: boolean; word: Word }
  /** `${x#p}` `${x##p}` */
  | { kind: 'removePrefix'; longest: boolean; pattern: Word }
  /** `${x%p}` `${x%%p}` */
  | { kind: 'removeSuffix'; longest: boolean; pattern: Word }
  /** `${x/p/r}` `${x//p/r}` `${x/#p/r}` `${x/%p/r}` */
  | { kind: 'replace'; all: boolean; anchor: 'start' | 'end' | null; pattern: Word; replacement: Word | null }
  /** `${x:off}` `${x:off:len}` (arithmetic words) */
  | { kind: 'substring'; offset: Word; length: Word | null }
  /** `${x^p}` `${x^^p}` `${x,p}` `${x,,p}` `${x~p}` `${x~~p}` */
  | { kind: 'case'; mode: 'upper' | 'lower' | 'toggle'; all: boolean; pattern: Word | null }
  /** `${x@Q}` and friends: Q E P A a U u L K k */
  | { kind: 'transform'; operator: string }
  /** `${!prefix*}` `${!prefix@}` */
  | { kind: 'names'; star: boolean }
  /** Syntactically bad: reported as `${…}: bad substitution` when expanded, as bash does. */
  | { kind: 'bad' };

export interface CommandSubstPart {
  type: 'CommandSubst';
  script: Script;
  backtick: boolean;
  /** Source text, `$(…)` or `` `…` ``. */
  text: string;
}

export interface ArithSubstPart {
  type: 'ArithSubst';
  /** The expression as a word (it may contain `$x`, `$(…)`): expanded, then evaluated. */
  expression: Word;
  /** Pre-parsed expression when the text contains no expansions and parses; null otherwise. */
  parsed: ArithExpr | null;
  text: string;
}

/** `~`, `~user`, `~+`, `~-` at the start of a word (or after `=`/`:` in an assignment). */
export interface TildePart {
  type: 'Tilde';
  /** null for plain `~`. */
  user: string | null;
}

/** `{a,b,c}` (unquoted, at least one comma). */
export interface BracePart {
  type: 'Brace';
  alternatives: WordPart[][];
}

/** `{1..5}`, `{a..e}`, `{01..10..2}`. */
export interface BraceRangePart {
  type: 'BraceRange';
  start: string;
  end: string;
  step: number | null;
  text: string;
}

/** The value of a word with no expansions at all (quotes removed), or null. */
export function staticValue(word: Word): string | null {
  return staticParts(word.parts);
}

function staticParts(parts: readonly WordPart[]): string | null {
  let s = '';
  for (const p of parts) {
    switch (p.type) {
      case 'Literal':
      case 'Escaped':
      case 'SingleQuoted':
      case 'AnsiC':
        s += p.value;
        break;
      case 'DoubleQuoted': {
        const inner = staticParts(p.parts);
        if (inner === null) return null;
        s += inner;
        break;
      }
      default:
        return null;
    }
  }
  return s;
}

/** True when the word has any quoting (bash: a here-document delimiter with quotes disables expansion). */
export function hasQuoting(word: Word): boolean {
  return word.parts.some((p) => p.type !== 'Literal' && p.type !== 'Param' && p.type !== 'CommandSubst' && p.type !== 'ArithSubst' && p.type !== 'Tilde' && p.type !== 'Brace' && p.type !== 'BraceRange');
}

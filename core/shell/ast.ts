/**
 * The syntax tree of the bash subset. Discriminated on `type`. Every node carries `pos`, the
 * position of its first character (offset 0-based, line and column 1-based).
 */
import type { ArithExpr } from './arith.js';
import type { Word, WordPart } from './word.js';

export interface Pos {
  offset: number;
  line: number;
  column: number;
}

/** A whole input: complete commands in order. */
export interface Script {
  type: 'Script';
  body: List;
  pos: Pos;
  end: number;
}

/** A sequence of and-or lists, each ended by `;`, `&` or a newline. */
export type List = ListItem[];

export interface ListItem {
  type: 'ListItem';
  command: AndOr;
  /** Ended by `&`. */
  background: boolean;
  pos: Pos;
  /** Offset just past the node in the source. */
  end: number;
}

/** `a && b || c`: `first`, then each pipeline with the operator before it. */
export interface AndOr {
  type: 'AndOr';
  first: Pipeline;
  rest: { op: '&&' | '||'; pipeline: Pipeline }[];
  pos: Pos;
  /** Offset just past the node in the source. */
  end: number;
}

export interface Pipeline {
  type: 'Pipeline';
  /** `! cmd` (an odd number of `!`). */
  negated: boolean;
  /** `time [-p] cmd` */
  timed: boolean;
  timePosix: boolean;
  commands: Command[];
  /** The operator between commands[i] and commands[i+1]: `|`, or `|&` (stderr too). Length n-1. */
  ops: ('|' | '|&')[];
  pos: Pos;
  /** Offset just past the node in the source. */
  end: number;
}

export type Command =
  | SimpleCommand
  | Subshell
  | Group
  | If
  | While
  | For
  | ArithFor
  | Select
  | Case
  | FunctionDef
  | ArithCommand
  | TestCommand;

export type CompoundCommand = Subshell | Group | If | While | For | ArithFor | Select | Case | ArithCommand | TestCommand;

/** `NAME=value`, `NAME+=value`, `NAME[i]=value`, `NAME=(a b c)`. */
export interface Assignment {
  type: 'Assignment';
  name: string;
  /** `a[i]=v`: the subscript word. */
  index: Word | null;
  append: boolean;
  /** Scalar value (possibly empty), or null for an array assignment. */
  value: Word | null;
  /** `a=(x y z)`: the element words (unexpanded; `[k]=v` elements are kept as words). */
  array: Word[] | null;
  pos: Pos;
  /** Offset just past the node in the source. */
  end: number;
}

export interface SimpleCommand {
  type: 'SimpleCommand';
  assignments: Assignment[];
  /** Command name and arguments (may be empty: `A=1`, `> file`). */
  words: Word[];
  /** In source order (order matters: `2>&1 >/dev/null`). */
  redirects: Redirect[];
  pos: Pos;
  end: number;
}

export type RedirectOp =
  | '<' | '>' | '>>' | '>|' | '<>'
  | '>&' | '<&'
  | '&>' | '&>>'
  | '<<' | '<<-' | '<<<';

/**
 * A redirection. `fd` is the explicit number (`2>`), or null for the default (0 for `<` `<>` `<&`
 * `<<` `<<<`, 1 for the others; `&>`/`&>>` mean 1 and 2).
 * For `>&` and `<&`, `target` expands to a number (duplicate), `-` (close), `N-` (move), or,
 * for `>&word` without fd, a file name (same as `&>word`) — decided at run time as bash does.
 */
export interface Redirect {
  type: 'Redirect';
  op: RedirectOp;
  fd: number | null;
  target: Word;
  /** For `<<` and `<<-`: the body (filled in when the lines after the command are read). */
  heredoc: HereDoc | null;
  pos: Pos;
  /** Offset just past the node in the source. */
  end: number;
}

export interface HereDoc {
  type: 'HereDoc';
  /** Delimiter with quotes removed. */
  delimiter: string;
  /** The delimiter had quotes: no expansion in the body. */
  quoted: boolean;
  /** `<<-`: leading tabs were stripped from body lines and the delimiter line. */
  stripTabs: boolean;
  /** Raw body text, every line ending in `\n` (tabs already stripped for `<<-`). */
  body: string;
  /** When unquoted: the body as parts (`$x`, `$(…)`, `` `…` ``, `\$`), like a double-quoted string without the quotes. */
  parts: WordPart[] | null;
  pos: Pos;
}

export interface Subshell {
  type: 'Subshell';
  body: List;
  redirects: Redirect[];
  pos: Pos;
  /** Offset just past the node in the source. */
  end: number;
}

export interface Group {
  type: 'Group';
  body: List;
  redirects: Redirect[];
  pos: Pos;
  /** Offset just past the node in the source. */
  end: number;
}

export interface If {
  type: 'If';
  /** `if` and each `elif`. */
  clauses: { condition: List; body: List }[];
  elseBody: List | null;
  redirects: Redirect[];
  pos: Pos;
  /** Offset just past the node in the source. */
  end: number;
}

/** `while` and `until` (until = true). */
export interface While {
  type: 'While';
  until: boolean;
  condition: List;
  body: List;
  redirects: Redirect[];
  pos: Pos;
  /** Offset just past the node in the source. */
  end: number;
}

/** `for x in words; do …; done`; `words` is null for `for x; do` (meaning "$@"). */
export interface For {
  type: 'For';
  variable: string;
  words: Word[] | null;
  body: List;
  redirects: Redirect[];
  pos: Pos;
  /** Offset just past the node in the source. */
  end: number;
}

/** `select x in words; do …; done` */
export interface Select {
  type: 'Select';
  variable: string;
  words: Word[] | null;
  body: List;
  redirects: Redirect[];
  pos: Pos;
  /** Offset just past the node in the source. */
  end: number;
}

/** `for ((init; test; step)); do …; done`. Each expression is an arithmetic word (null if empty). */
export interface ArithFor {
  type: 'ArithFor';
  init: ArithWord | null;
  test: ArithWord | null;
  update: ArithWord | null;
  body: List;
  redirects: Redirect[];
  pos: Pos;
  /** Offset just past the node in the source. */
  end: number;
}

/** An arithmetic expression as written: expanded like a double-quoted string, then evaluated. */
export interface ArithWord {
  word: Word;
  /** Pre-parsed when the text has no expansions and parses; null otherwise. */
  parsed: ArithExpr | null;
}

export type CaseTerminator = ';;' | ';&' | ';;&';

export interface CaseItem {
  type: 'CaseItem';
  patterns: Word[];
  body: List;
  /** How the item ended; `;;` for the last item when `esac` follows directly. */
  terminator: CaseTerminator;
  pos: Pos;
  /** Offset just past the node in the source. */
  end: number;
}

export interface Case {
  type: 'Case';
  subject: Word;
  items: CaseItem[];
  redirects: Redirect[];
  pos: Pos;
  /** Offset just past the node in the source. */
  end: number;
}

export interface FunctionDef {
  type: 'FunctionDef';
  name: string;
  /** A compound command; redirections written after the body are on it and apply at each call. */
  body: CompoundCommand;
  /** Source text of the whole definition (for `declare -f`, `type`). */
  text: string;
  pos: Pos;
  /** Offset just past the node in the source. */
  end: number;
}

/** `(( expr ))` */
export interface ArithCommand {
  type: 'ArithCommand';
  expression: ArithWord;
  redirects: Redirect[];
  pos: Pos;
  /** Offset just past the node in the source. */
  end: number;
}

/** `[[ expr ]]` */
export interface TestCommand {
  type: 'TestCommand';
  expression: CondExpr;
  redirects: Redirect[];
  pos: Pos;
  /** Offset just past the node in the source. */
  end: number;
}

export type CondUnaryOp =
  | '-a' | '-b' | '-c' | '-d' | '-e' | '-f' | '-g' | '-h' | '-k' | '-p' | '-r' | '-s' | '-t'
  | '-u' | '-w' | '-x' | '-G' | '-L' | '-N' | '-O' | '-S' | '-z' | '-n' | '-o' | '-v' | '-R';

export type CondBinaryOp =
  | '==' | '=' | '!=' | '=~' | '<' | '>'
  | '-eq' | '-ne' | '-lt' | '-le' | '-gt' | '-ge'
  | '-nt' | '-ot' | '-ef';

/**
 * The expression inside `[[ ]]`. Operand words are expanded without splitting or globbing; the
 * right side of `==`/`!=` is a pattern (use expandPattern), of `=~` an extended regular
 * expression (use expandRegex).
 */
export type CondExpr =
  | { type: 'CondWord'; word: Word; pos: Pos }
  | { type: 'CondUnary'; op: CondUnaryOp; operand: Word; pos: Pos }
  | { type: 'CondBinary'; op: CondBinaryOp; left: Word; right: Word; pos: Pos }
  | { type: 'CondNot'; operand: CondExpr; pos: Pos }
  | { type: 'CondAnd'; left: CondExpr; right: CondExpr; pos: Pos }
  | { type: 'CondOr'; left: CondExpr; right: CondExpr; pos: Pos }
  | { type: 'CondGroup'; inner: CondExpr; pos: Pos };

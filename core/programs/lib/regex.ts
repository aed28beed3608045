/**
 * POSIX regular expressions, GNU flavour, translated to JavaScript RegExp source.
 *
 * BRE: `\( \) \{ \}` group and count, `\+ \? \|` as GNU extensions, `*` literal at the start;
 * ERE: `( ) { } + ? |`. Both: bracket expressions with [:classes:], back-references \1–\9,
 * `\< \> \b \B \w \W`, `^`/`$` anchors (in BRE only where POSIX says they anchor).
 * Errors carry glibc's regerror() wording ("Unmatched [ or [^"), so each tool can print it in its
 * own frame. Known difference: JavaScript picks the leftmost *first* alternative, POSIX the
 * leftmost *longest* match (`a|ab` on "ab" matches "a" here, "ab" in GNU).
 */

export class RegexError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RegexError';
  }
}

export const REGEX_MESSAGES = {
  bracket: 'Unmatched [ or [^',
  openParen: 'Unmatched ( or \\(',
  closeParen: 'Unmatched ) or \\)',
  openBrace: 'Unmatched \\{',
  badInterval: 'Invalid content of \\{\\}',
  badRepeat: 'Invalid preceding regular expression',
  range: 'Invalid range end',
  trailingBackslash: 'Trailing backslash',
  backref: 'Invalid back reference',
  ctype: 'Invalid character class name',
  collate: 'Invalid collation character',
  tooBig: 'Regular expression too big',
  invalid: 'Invalid regular expression',
} as const;

export interface RegexOptions {
  /** ERE instead of BRE. */
  extended?: boolean;
  icase?: boolean;
  /** `^`/`$` also at embedded newlines (sed's M flag). */
  multiline?: boolean;
  /**
   * Which tool's extra escapes apply: sed knows `\n \t`, gawk knows its string escapes and uses
   * `\y` for a word boundary (its `\b` is a backspace).
   */
  dialect?: 'grep' | 'sed' | 'awk';
  /** What a repetition operator with nothing before it means in ERE: grep ignores it, sed -r rejects it. */
  leadingRepeat?: 'literal' | 'ignore' | 'error';
}

export interface Translated {
  source: string;
  /** Number of capturing groups (for checking \N in sed replacements). */
  groups: number;
}

const CLASSES: Record<string, string> = {
  alpha: 'A-Za-z',
  digit: '0-9',
  alnum: '0-9A-Za-z',
  upper: 'A-Z',
  lower: 'a-z',
  space: ' \\t\\n\\r\\f\\v',
  blank: ' \\t',
  punct: '!-\\/:-@\\[-`{-~',
  print: ' -~',
  graph: '!-~',
  cntrl: '\\x00-\\x1f\\x7f',
  xdigit: '0-9A-Fa-f',
};

const RE_DUP_MAX = 0x7fff;
const ANY = '[\\s\\S]';

/** Escape one literal character for use outside a JS character class. */
function lit(c: string): string {
  return /[\\^$.|?*+()[\]{}/]/.test(c) ? '\\' + c : c === '\n' ? '\\n' : c;
}

/** Escape one literal character for use inside a JS character class. */
function classLit(c: string): string {
  if (/[\\\]^[-]/.test(c)) return '\\' + c;
  if (c === '\n') return '\\n';
  return c;
}

const AWK_ESCAPES: Record<string, string> = { n: '\n', t: '\t', r: '\r', f: '\f', v: '\v', a: '\x07', b: '\b', '/': '/', '"': '"' };

/**
 * Parse a bracket expression starting after '['; returns the JS class and the index after ']'.
 */
function parseBracket(p: string, start: number, dialect: string): { cls: string; end: number } {
  let i = start;
  let negate = false;
  if (p[i] === '^') {
    negate = true;
    i++;
  }
  const items: string[] = [];
  let first = true;
  // The previous single character, for ranges; undefined after a class.
  let prevChar: string | undefined;
  let pendingRange = false;
  const addChar = (c: string) => {
    if (pendingRange) {
      const lo = prevChar!;
      if (c < lo) throw new RegexError(REGEX_MESSAGES.range);
      items.pop();
      items.push(`${classLit(lo)}-${classLit(c)}`);
      pendingRange = false;
      prevChar = undefined;
      return;
    }
    items.push(classLit(c));
    prevChar = c;
  };
  for (;;) {
    if (i >= p.length) throw new RegexError(REGEX_MESSAGES.bracket);
    const c = p[i]!;
    if (c === ']' && !first) {
      i++;
      break;
    }
    first = false;
    if (c === '[' && (p[i + 1] === ':' || p[i + 1] === '=' || p[i + 1] === '.')) {
      const kind = p[i + 1]!;
      const close = p.indexOf(kind + ']', i + 2);
      if (close < 0) throw new RegexError(REGEX_MESSAGES.bracket);
      const name = p.slice(i + 2, close);
      i = close + 2;
      if (kind === ':') {
        const cls = CLASSES[name];
        if (cls === undefined) throw new RegexError(REGEX_MESSAGES.ctype);
        if (pendingRange) throw new RegexError(REGEX_MESSAGES.range);
        items.push(cls);
        prevChar = undefined;
      } else {
        if ([...name].length !== 1) throw new RegexError(REGEX_MESSAGES.collate);
        addChar(name);
      }
      continue;
    }
    if (c === '-' && !pendingRange && prevChar !== undefined && p[i + 1] !== ']' && i + 1 < p.length) {
      pendingRange = true;
      i++;
      continue;
    }
    // awk allows escapes inside brackets; POSIX tools take the backslash literally.
    if (c === '\\' && dialect === 'awk' && i + 1 < p.length) {
      const e = p[i + 1]!;
      addChar(AWK_ESCAPES[e] ?? e);
      i += 2;
      continue;
    }
    addChar(c);
    i++;
  }
  if (pendingRange) items.push('\\-');
  if (items.length === 0) return { cls: negate ? ANY : '[]', end: i };
  return { cls: `[${negate ? '^' : ''}${items.join('')}]`, end: i };
}

/** Translate a POSIX pattern into JavaScript RegExp source. Throws RegexError. */
export function translateRegex(pattern: string, options: RegexOptions = {}): Translated {
  const ere = !!options.extended;
  const dialect = options.dialect ?? 'grep';
  const leading = options.leadingRepeat ?? (ere ? 'ignore' : 'literal');
  const out: string[] = [];
  // Index in `out` where the last quantifiable atom starts; -1 when there is none (start, after ( or |).
  let atomStart = -1;
  let quantified = false;
  let groups = 0;
  const closed = new Set<number>();
  const stack: { outIndex: number; number: number }[] = [];
  const p = pattern;
  let i = 0;

  const atom = (s: string) => {
    atomStart = out.length;
    quantified = false;
    out.push(s);
  };
  const boundary = (s: string) => {
    out.push(s);
    atomStart = -1;
    quantified = false;
  };
  const quantify = (q: string, literal: string) => {
    if (atomStart < 0) {
      if (!ere || leading === 'literal') return atom(lit(literal));
      if (leading === 'error') throw new RegexError(REGEX_MESSAGES.badRepeat);
      return; // ignored, as GNU grep -E does with a leading '*'
    }
    if (quantified) {
      const inner = out.splice(atomStart).join('');
      out.push(`(?:${inner})`);
    }
    out.push(q);
    quantified = true;
  };
  // BRE: '^' anchors at the start, after \( and after \|; '$' at the end, before \) and \|.
  const breHatAnchors = () => i === 0 || p.startsWith('\\(', i - 2) || p.startsWith('\\|', i - 2);
  const breDollarAnchors = () => i === p.length - 1 || p.startsWith('\\)', i + 1) || p.startsWith('\\|', i + 1);

  /** Parse an interval body starting at index j (after '{' or '\{'); returns quantifier and next index, or undefined. */
  const interval = (j: number): { q: string; next: number } | undefined => {
    const m = /^(\d*)(,(\d*))?/.exec(p.slice(j))!;
    const close = ere ? '}' : '\\}';
    const after = j + m[0].length;
    if (!p.startsWith(close, after) || (m[1] === '' && m[2] === undefined)) {
      if (ere) return undefined;
      if (after >= p.length || !p.startsWith('\\}', after)) {
        if (p.indexOf('\\}', j) < 0) throw new RegexError(REGEX_MESSAGES.openBrace);
      }
      throw new RegexError(REGEX_MESSAGES.badInterval);
    }
    const lo = m[1] === '' ? 0 : Number(m[1]);
    const hi = m[2] === undefined ? lo : m[3] === '' ? Infinity : Number(m[3]);
    if (lo > RE_DUP_MAX || (hi !== Infinity && hi > RE_DUP_MAX)) throw new RegexError(REGEX_MESSAGES.tooBig);
    if (hi < lo) throw new RegexError(REGEX_MESSAGES.badInterval);
    const q = hi === Infinity ? `{${lo},}` : hi === lo ? `{${lo}}` : `{${lo},${hi}}`;
    return { q, next: after + close.length };
  };

  const openGroup = () => {
    groups++;
    stack.push({ outIndex: out.length, number: groups });
    out.push('(');
    atomStart = -1;
    quantified = false;
  };
  const closeGroup = () => {
    const g = stack.pop();
    if (!g) {
      if (ere) return atom('\\)');
      throw new RegexError(REGEX_MESSAGES.closeParen);
    }
    out.push(')');
    closed.add(g.number);
    atomStart = g.outIndex;
    quantified = false;
  };
  const alternate = () => {
    out.push('|');
    atomStart = -1;
    quantified = false;
  };

  while (i < p.length) {
    const c = p[i]!;
    if (c === '\\') {
      if (i + 1 >= p.length) throw new RegexError(REGEX_MESSAGES.trailingBackslash);
      const e = p[i + 1]!;
      i += 2;
      if (!ere && e === '(') openGroup();
      else if (!ere && e === ')') closeGroup();
      else if (!ere && e === '|') alternate();
      else if (!ere && (e === '+' || e === '?')) quantify(e, e);
      else if (!ere && e === '{') {
        if (atomStart < 0) throw new RegexError(REGEX_MESSAGES.badRepeat);
        const iv = interval(i)!;
        quantify(iv.q, '{');
        i = iv.next;
      } else if (!ere && e === '}') atom('\\}');
      else if (e >= '1' && e <= '9') {
        const n = Number(e);
        if (!closed.has(n)) throw new RegexError(REGEX_MESSAGES.backref);
        atom(`\\${n}`);
      } else if (e === 'w') atom('\\w');
      else if (e === 'W') atom('\\W');
      else if (e === 's') atom('\\s');
      else if (e === 'S') atom('\\S');
      else if (e === '<') boundary('\\b(?=\\w)');
      else if (e === '>') boundary('\\b(?<=\\w)');
      else if (e === 'b' && dialect !== 'awk') boundary('\\b');
      else if (e === 'y' && dialect === 'awk') boundary('\\b');
      else if (e === 'B') boundary('\\B');
      else if (e === '`') boundary('(?<![\\s\\S])');
      else if (e === "'") boundary('(?![\\s\\S])');
      else if (dialect === 'sed' && e === 'n') atom('\\n');
      else if (dialect === 'sed' && e === 't') atom('\\t');
      else if (dialect === 'awk' && AWK_ESCAPES[e] !== undefined) atom(lit(AWK_ESCAPES[e]!));
      else atom(lit(e));
      continue;
    }
    if (c === '[') {
      const { cls, end } = parseBracket(p, i + 1, dialect);
      atom(cls);
      i = end;
      continue;
    }
    if (c === '.') {
      atom(ANY);
      i++;
      continue;
    }
    if (c === '*') {
      // BRE: '*' right after a '^' anchor is literal too.
      quantify('*', '*');
      i++;
      continue;
    }
    if (c === '^') {
      if (ere || breHatAnchors()) boundary('^');
      else atom('\\^');
      i++;
      continue;
    }
    if (c === '$') {
      if (ere || breDollarAnchors()) boundary('$');
      else atom('\\$');
      i++;
      continue;
    }
    if (ere) {
      if (c === '(') {
        openGroup();
        i++;
        continue;
      }
      if (c === ')') {
        closeGroup();
        i++;
        continue;
      }
      if (c === '|') {
        alternate();
        i++;
        continue;
      }
      if (c === '+' || c === '?') {
        quantify(c, c);
        i++;
        continue;
      }
      if (c === '{') {
        const iv = atomStart >= 0 || leading !== 'literal' ? interval(i + 1) : undefined;
        if (iv) {
          quantify(iv.q, '{');
          i = iv.next;
        } else {
          atom('\\{');
          i++;
        }
        continue;
      }
    }
    atom(lit(c));
    i++;
  }
  if (stack.length > 0) throw new RegexError(REGEX_MESSAGES.openParen);
  return { source: out.join(''), groups };
}

/** Compile a POSIX pattern. `flags` may add 'g' or 'y'; 'i' and 'm' follow the options. Throws RegexError. */
export function compileRegex(pattern: string, options: RegexOptions = {}, flags = ''): RegExp {
  const { source } = translateRegex(pattern, options);
  const all = flags + (options.icase ? 'i' : '') + (options.multiline ? 'm' : '');
  try {
    return new RegExp(source, all);
  } catch {
    throw new RegexError(REGEX_MESSAGES.invalid);
  }
}

/** A JS regex matching a fixed string literally (fgrep, awk index-like uses). */
export function escapeLiteral(s: string): string {
  return [...s].map(lit).join('');
}

/**
 * Every match of `re` in `s` as POSIX tools step through them: after an empty match, move one
 * character on; an empty match right where the previous match ended is skipped (so `s/x*​/-/g`
 * on "abc" gives "-a-b-c-"). `re` must have the 'g' flag.
 */
export function* matchAll(re: RegExp, s: string): Generator<RegExpExecArray> {
  re.lastIndex = 0;
  let prevEnd = -1;
  while (re.lastIndex <= s.length) {
    const m = re.exec(s);
    if (!m) return;
    const end = m.index + m[0].length;
    if (m[0] === '') {
      if (m.index === prevEnd) {
        re.lastIndex = m.index + 1;
        continue;
      }
      re.lastIndex = m.index + 1;
    }
    prevEnd = end;
    yield m;
    if (m[0] === '' && m.index >= s.length) return;
  }
}

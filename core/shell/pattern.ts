/**
 * Bash pattern matching (`case`, `[[ == ]]`, `${x#p}`, `${x/p/r}`) and pathname expansion.
 *
 * A pattern is a string in glob syntax where a backslash quotes the next character: the expander
 * turns quoted parts of a word into backslash escapes (`"*"` becomes `\*`), so quoting survives
 * into the pattern. Patterns compile to a list of atoms matched by a small NFA simulation
 * (no RegExp: no escaping pitfalls, no catastrophic backtracking, O(text × pattern)).
 */

export interface PatternOptions {
  /** `shopt -s nocasematch` / `nocaseglob` */
  nocase?: boolean;
}

type Atom =
  | { t: 'char'; c: string }
  | { t: 'any' }
  | { t: 'star' }
  | { t: 'set'; negated: boolean; chars: string; ranges: number[]; classes: string[] };

interface Compiled {
  atoms: Atom[];
  nocase: boolean;
}

const cache = new Map<string, Compiled>();

export function compilePattern(pattern: string, options: PatternOptions = {}): Compiled {
  const nocase = options.nocase === true;
  const key = (nocase ? '1' : '0') + pattern;
  let hit = cache.get(key);
  if (hit === undefined) {
    hit = { atoms: parseAtoms(pattern, nocase), nocase };
    if (cache.size >= 1000) cache.clear();
    cache.set(key, hit);
  }
  return hit;
}

function parseAtoms(p: string, nocase: boolean): Atom[] {
  const atoms: Atom[] = [];
  const chars = Array.from(p);
  const n = chars.length;
  let i = 0;
  while (i < n) {
    const c = chars[i]!;
    if (c === '\\') {
      if (i + 1 < n) {
        atoms.push({ t: 'char', c: fold(chars[i + 1]!, nocase) });
        i += 2;
      } else {
        atoms.push({ t: 'char', c: '\\' });
        i++;
      }
    } else if (c === '*') {
      if (atoms.length === 0 || atoms[atoms.length - 1]!.t !== 'star') atoms.push({ t: 'star' });
      i++;
    } else if (c === '?') {
      atoms.push({ t: 'any' });
      i++;
    } else if (c === '[') {
      const r = parseBracket(chars, i);
      if (r === null) {
        atoms.push({ t: 'char', c: '[' });
        i++;
      } else {
        atoms.push(r.atom);
        i = r.end;
      }
    } else {
      atoms.push({ t: 'char', c: fold(c, nocase) });
      i++;
    }
  }
  return atoms;
}

const CLASS_NAMES = new Set(['alpha', 'digit', 'alnum', 'upper', 'lower', 'space', 'blank', 'punct', 'print', 'graph', 'cntrl', 'xdigit', 'word', 'ascii']);

/** Parse `[…]` starting at chars[start] === '['. Null when there is no closing bracket. */
function parseBracket(chars: readonly string[], start: number): { atom: Atom; end: number } | null {
  const n = chars.length;
  let i = start + 1;
  let negated = false;
  if (chars[i] === '!' || chars[i] === '^') {
    negated = true;
    i++;
  }
  let set = '';
  const ranges: number[] = [];
  const classes: string[] = [];
  let first = true;
  /** One element at i: a character (escaped or not), a class, or a collating symbol. */
  const element = (): { c: string } | { cls: string } | null => {
    const c = chars[i]!;
    if (c === '[' && (chars[i + 1] === ':' || chars[i + 1] === '=' || chars[i + 1] === '.')) {
      const kind = chars[i + 1]!;
      let j = i + 2;
      while (j + 1 < n && !(chars[j] === kind && chars[j + 1] === ']')) j++;
      if (j + 1 < n) {
        const name = chars.slice(i + 2, j).join('');
        if (kind === ':') {
          i = j + 2;
          return { cls: CLASS_NAMES.has(name) ? name : '!invalid' };
        }
        const sym = Array.from(name);
        if (sym.length === 1) {
          i = j + 2;
          return { c: sym[0]! };
        }
      }
    }
    if (c === '\\' && i + 1 < n) {
      i += 2;
      return { c: chars[i - 1]! };
    }
    i++;
    return { c };
  };
  for (;;) {
    if (i >= n) return null;
    if (chars[i] === ']' && !first) {
      i++;
      break;
    }
    first = false;
    const lo = element();
    if (lo === null) return null;
    if ('cls' in lo) {
      classes.push(lo.cls);
      continue;
    }
    if (chars[i] === '-' && i + 1 < n && chars[i + 1] !== ']') {
      i++;
      const hi = element();
      if (hi === null) return null;
      if ('cls' in hi) {
        // [a-[:digit:]]: bash treats this as invalid; keep both parts.
        set += lo.c + '-';
        classes.push(hi.cls);
        continue;
      }
      ranges.push(lo.c.codePointAt(0)!, hi.c.codePointAt(0)!);
    } else set += lo.c;
  }
  return { atom: { t: 'set', negated, chars: set, ranges, classes }, end: i };
}

function fold(c: string, nocase: boolean): string {
  return nocase ? c.toLowerCase() : c;
}

function inClass(name: string, c: string): boolean {
  const code = c.codePointAt(0)!;
  switch (name) {
    case 'alpha':
      return /^\p{L}$/u.test(c);
    case 'digit':
      return code >= 48 && code <= 57;
    case 'alnum':
      return (code >= 48 && code <= 57) || /^\p{L}$/u.test(c);
    case 'upper':
      return /^\p{Lu}$/u.test(c);
    case 'lower':
      return /^\p{Ll}$/u.test(c);
    case 'space':
      return c === ' ' || (code >= 9 && code <= 13);
    case 'blank':
      return c === ' ' || c === '\t';
    case 'punct':
      return (code >= 33 && code <= 47) || (code >= 58 && code <= 64) || (code >= 91 && code <= 96) || (code >= 123 && code <= 126);
    case 'print':
      return code >= 32 && code !== 127 && !(code >= 128 && code < 160);
    case 'graph':
      return code > 32 && code !== 127 && !(code >= 128 && code <= 160);
    case 'cntrl':
      return code < 32 || code === 127;
    case 'xdigit':
      return (code >= 48 && code <= 57) || (code >= 65 && code <= 70) || (code >= 97 && code <= 102);
    case 'word':
      return c === '_' || (code >= 48 && code <= 57) || /^\p{L}$/u.test(c);
    case 'ascii':
      return code < 128;
    default:
      return false;
  }
}

function setMatches(a: Extract<Atom, { t: 'set' }>, c: string, nocase: boolean): boolean {
  const test = (ch: string): boolean => {
    if (a.chars.includes(ch)) return true;
    const code = ch.codePointAt(0)!;
    for (let k = 0; k < a.ranges.length; k += 2) if (code >= a.ranges[k]! && code <= a.ranges[k + 1]!) return true;
    for (const cls of a.classes) if (inClass(cls, ch)) return true;
    return false;
  };
  let hit = test(c);
  if (!hit && nocase) {
    const lo = c.toLowerCase();
    const up = c.toUpperCase();
    hit = (lo !== c && test(lo)) || (up !== c && test(up));
  }
  return hit !== a.negated;
}

function atomMatches(a: Atom, c: string, nocase: boolean): boolean {
  switch (a.t) {
    case 'char':
      return a.c === (nocase ? c.toLowerCase() : c);
    case 'any':
      return true;
    case 'set':
      return setMatches(a, c, nocase);
    case 'star':
      return true;
  }
}

/** Add the positions reachable through stars (which may match nothing). False when the set is empty. */
function closeSet(atoms: readonly Atom[], set: Uint8Array): boolean {
  const m = atoms.length;
  let any = false;
  for (let p = 0; p <= m; p++) {
    if (!set[p]) continue;
    any = true;
    if (p < m && atoms[p]!.t === 'star') set[p + 1] = 1;
  }
  return any;
}

/**
 * NFA simulation over text[from..] (an array of code points): the shortest or longest length k
 * such that text[from..from+k) matches the whole pattern, or -1.
 */
function matchLen(cp: Compiled, text: readonly string[], from: number, longest: boolean): number {
  const atoms = cp.atoms;
  const m = atoms.length;
  let cur = new Uint8Array(m + 1);
  let nxt = new Uint8Array(m + 1);
  cur[0] = 1;
  closeSet(atoms, cur);
  let best = -1;
  if (cur[m]) {
    best = 0;
    if (!longest) return 0;
  }
  for (let j = from; j < text.length; j++) {
    const c = text[j]!;
    nxt.fill(0);
    for (let p = 0; p < m; p++) {
      if (!cur[p]) continue;
      const a = atoms[p]!;
      if (a.t === 'star') nxt[p] = 1;
      else if (atomMatches(a, c, cp.nocase)) nxt[p + 1] = 1;
    }
    if (!closeSet(atoms, nxt)) break;
    const t = cur;
    cur = nxt;
    nxt = t;
    if (cur[m]) {
      best = j + 1 - from;
      if (!longest) return best;
    }
  }
  return best;
}

/** Does text[from..] as a whole match? */
function fullMatch(cp: Compiled, text: readonly string[], from: number): boolean {
  return matchLen(cp, text, from, true) === text.length - from;
}

/** Full match of `text` against a pattern. */
export function matchPattern(text: string, pattern: string, options: PatternOptions = {}): boolean {
  const cp = compilePattern(pattern, options);
  // Fast paths: literal patterns, `*`.
  if (cp.atoms.length === 1 && cp.atoms[0]!.t === 'star') return true;
  return fullMatch(cp, Array.from(text), 0);
}

/** Longest or shortest match of the pattern starting at code point `from`; returns its length in code points, or -1. */
function matchAt(cp: Compiled, chars: readonly string[], from: number, longest: boolean): number {
  return matchLen(cp, chars, from, longest);
}

/** `${x#p}` (longest=false) and `${x##p}` (longest=true). */
export function removePrefix(text: string, pattern: string, longest: boolean, options: PatternOptions = {}): string {
  const cp = compilePattern(pattern, options);
  const chars = Array.from(text);
  const k = matchAt(cp, chars, 0, longest);
  return k <= 0 ? text : chars.slice(k).join('');
}

/** `${x%p}` (longest=false) and `${x%%p}` (longest=true). */
export function removeSuffix(text: string, pattern: string, longest: boolean, options: PatternOptions = {}): string {
  const rev = reversePattern(pattern);
  const cp = compilePattern(rev, options);
  const chars = Array.from(text).reverse();
  const k = matchAt(cp, chars, 0, longest);
  if (k <= 0) return text;
  return chars.slice(k).reverse().join('');
}

/** The same pattern, reversed (so suffix matching is prefix matching on reversed text). */
function reversePattern(pattern: string): string {
  // Tokenize into atoms' source texts, then reverse their order.
  const chars = Array.from(pattern);
  const pieces: string[] = [];
  let i = 0;
  while (i < chars.length) {
    const c = chars[i]!;
    if (c === '\\' && i + 1 < chars.length) {
      pieces.push(c + chars[i + 1]);
      i += 2;
    } else if (c === '[') {
      const r = parseBracket(chars, i);
      if (r === null) {
        pieces.push('\\[');
        i++;
      } else {
        pieces.push(chars.slice(i, r.end).join(''));
        i = r.end;
      }
    } else if (c === '\\') {
      pieces.push('\\\\');
      i++;
    } else {
      pieces.push(c);
      i++;
    }
  }
  return pieces.reverse().join('');
}

export type ReplaceMode = 'first' | 'all' | 'start' | 'end';

/**
 * `${x/p/r}` (first), `${x//p/r}` (all), `${x/#p/r}` (start), `${x/%p/r}` (end). The longest
 * match at the leftmost position wins. `replacement` receives the matched text (bash 5.2 `&`).
 */
export function replacePattern(
  text: string,
  pattern: string,
  replacement: (matched: string) => string,
  mode: ReplaceMode,
  options: PatternOptions = {},
): string {
  const cp = compilePattern(pattern, options);
  const chars = Array.from(text);
  if (mode === 'start') {
    const k = matchAt(cp, chars, 0, true);
    if (k < 0) return text;
    if (k === 0 && cp.atoms.length === 0) return replacement('') + text;
    return replacement(chars.slice(0, k).join('')) + chars.slice(k).join('');
  }
  if (mode === 'end') {
    for (let s = 0; s <= chars.length; s++) {
      if (fullMatch(cp, chars, s)) return chars.slice(0, s).join('') + replacement(chars.slice(s).join(''));
    }
    return text;
  }
  if (pattern === '') return text;
  if (chars.length === 0) return matchAt(cp, chars, 0, true) === 0 ? replacement('') : text;
  let out = '';
  let i = 0;
  let replaced = false;
  while (i <= chars.length) {
    if (replaced && mode === 'first') {
      out += chars.slice(i).join('');
      break;
    }
    const k = i < chars.length || cp.atoms.every((a) => a.t === 'star') ? matchAt(cp, chars, i, true) : -1;
    if (k > 0) {
      out += replacement(chars.slice(i, i + k).join(''));
      i += k;
      replaced = true;
    } else if (k === 0 && i < chars.length) {
      // Empty match (e.g. pattern `*` that can match nothing): bash replaces the empty string once.
      out += replacement('') + chars[i];
      i++;
      replaced = true;
    } else {
      if (i < chars.length) out += chars[i];
      i++;
    }
  }
  return out;
}

/** Does the pattern contain an unescaped `*`, `?` or a `[` with a closing `]`? */
export function hasGlobChars(pattern: string): boolean {
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '\\') i++;
    else if (c === '*' || c === '?') return true;
    else if (c === '[' && pattern.indexOf(']', i + 1) >= 0) return true;
  }
  return false;
}

/** Quote glob metacharacters so the string matches only itself. */
export function escapeGlob(s: string): string {
  let out = '';
  for (const c of s) out += c === '\\' || c === '*' || c === '?' || c === '[' || c === ']' ? '\\' + c : c;
  return out;
}

/** Remove backslash escapes (quote removal on a pattern). */
export function unescapeGlob(pattern: string): string {
  let out = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i]!;
    if (c === '\\' && i + 1 < pattern.length) {
      out += pattern[i + 1];
      i++;
    } else out += c;
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Pathname expansion

/** What globbing needs from a file system. Paths are absolute or relative to the current directory ('.' is it). */
export interface GlobFs {
  /** Entry names of a directory (without `.` and `..`), or null if it is not a readable directory. */
  readdir(path: string): string[] | null;
  isDirectory(path: string): boolean;
}

export interface GlobOptions {
  /** `shopt -s dotglob`: `*` matches names starting with `.` */
  dotglob?: boolean;
  /** `shopt -s nocaseglob` */
  nocase?: boolean;
  /** `shopt -s nullglob`: no match gives no word (globExpand only). */
  nullglob?: boolean;
}

/** Split a pattern on `/` (a `/` is a separator even when escaped, as in bash). */
function splitSegments(pattern: string): string[] {
  const segs: string[] = [];
  let cur = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i]!;
    if (c === '\\' && i + 1 < pattern.length) {
      if (pattern[i + 1] === '/') {
        segs.push(cur);
        cur = '';
      } else cur += c + pattern[i + 1];
      i++;
    } else if (c === '/') {
      segs.push(cur);
      cur = '';
    } else cur += c;
  }
  segs.push(cur);
  return segs;
}

function joinPath(dir: string, name: string): string {
  if (dir === '') return name;
  return dir.endsWith('/') ? dir + name : dir + '/' + name;
}

/** The sorted paths matching a pattern (empty when none). */
export function globMatches(pattern: string, fs: GlobFs, options: GlobOptions = {}): string[] {
  let rest = pattern;
  let paths: string[] = [''];
  if (rest.startsWith('/')) {
    let k = 0;
    while (rest[k] === '/') k++;
    paths = [rest.slice(0, k)];
    rest = rest.slice(k);
  }
  const segs = splitSegments(rest);
  for (let s = 0; s < segs.length; s++) {
    const seg = segs[s]!;
    const last = s === segs.length - 1;
    if (seg === '') {
      if (last) {
        // Trailing slash: directories only, and the slash is kept.
        paths = paths.filter((p) => p !== '' && fs.isDirectory(p)).map((p) => (p.endsWith('/') ? p : p + '/'));
      } else paths = paths.map((p) => p + '/');
      continue;
    }
    const next: string[] = [];
    if (!hasGlobChars(seg)) {
      const lit = unescapeGlob(seg);
      for (const p of paths) {
        const full = joinPath(p, lit);
        if (last) {
          if (lit === '.' || lit === '..') {
            if (fs.isDirectory(p === '' ? '.' : p)) next.push(full);
          } else {
            const names = fs.readdir(p === '' ? '.' : p);
            if (names !== null && names.includes(lit)) next.push(full);
          }
        } else next.push(full);
      }
    } else {
      const cp = compilePattern(seg, { nocase: options.nocase });
      const explicitDot = seg.startsWith('.') || seg.startsWith('\\.');
      for (const p of paths) {
        const names = fs.readdir(p === '' ? '.' : p);
        if (names === null) continue;
        for (const name of names) {
          if (name === '.' || name === '..') continue;
          if (name.startsWith('.') && !explicitDot && !options.dotglob) continue;
          if (fullMatch(cp, Array.from(name), 0)) next.push(joinPath(p, name));
        }
      }
    }
    paths = next;
    if (paths.length === 0) break;
  }
  return paths.filter((p) => p !== '').sort(compareCodePoints);
}

function compareCodePoints(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Pathname expansion of one pattern with bash's rules: no match leaves the word (quotes removed) unless nullglob. */
export function globExpand(pattern: string, fs: GlobFs, options: GlobOptions = {}): string[] {
  const found = globMatches(pattern, fs, options);
  if (found.length > 0) return found;
  return options.nullglob ? [] : [unescapeGlob(pattern)];
}

// ---------------------------------------------------------------------------------------------
// Extended regular expressions for [[ =~ ]]

const ERE_CLASSES: Record<string, string> = {
  alpha: 'a-zA-Z',
  digit: '0-9',
  alnum: 'a-zA-Z0-9',
  upper: 'A-Z',
  lower: 'a-z',
  space: ' \\t\\n\\r\\f\\v',
  blank: ' \\t',
  punct: '!-\\/:-@\\[-`{-~',
  print: ' -~',
  graph: '!-~',
  cntrl: '\\x00-\\x1f\\x7f',
  xdigit: '0-9A-Fa-f',
  word: '\\w',
};

/**
 * Translate a POSIX extended regular expression (as bash passes to regcomp) into a JS RegExp.
 * Null when the expression is invalid (bash: `[[ =~ ]]` returns 2).
 */
export function compileEre(ere: string, options: PatternOptions = {}): RegExp | null {
  let out = '';
  let i = 0;
  const n = ere.length;
  while (i < n) {
    const c = ere[i]!;
    if (c === '\\') {
      const d = ere[i + 1];
      if (d === undefined) return null;
      if (d === '<' || d === '>') out += '\\b';
      else out += '\\' + d;
      i += 2;
    } else if (c === '[') {
      let j = i + 1;
      let cls = '[';
      if (ere[j] === '^') {
        cls += '^';
        j++;
      }
      let first = true;
      let closed = false;
      while (j < n) {
        const e = ere[j]!;
        if (e === ']' && !first) {
          closed = true;
          j++;
          break;
        }
        first = false;
        if (e === '[' && ere[j + 1] === ':') {
          const end = ere.indexOf(':]', j + 2);
          if (end < 0) return null;
          const name = ere.slice(j + 2, end);
          const body = ERE_CLASSES[name];
          if (body === undefined) return null;
          cls += body;
          j = end + 2;
        } else if (e === '[' && (ere[j + 1] === '=' || ere[j + 1] === '.')) {
          const end = ere.indexOf(ere[j + 1] + ']', j + 2);
          if (end < 0) return null;
          cls += escapeClassChar(ere.slice(j + 2, end));
          j = end + 2;
        } else if (e === '\\' || e === '[' || e === ']' || e === '^') {
          cls += '\\' + e;
          j++;
        } else {
          cls += e;
          j++;
        }
      }
      if (!closed) return null;
      out += cls + ']';
      i = j;
    } else {
      out += c;
      i++;
    }
  }
  try {
    return new RegExp(out, options.nocase ? 'si' : 's');
  } catch {
    return null;
  }
}

function escapeClassChar(s: string): string {
  return s.replace(/[\\\]\[^-]/g, (m) => '\\' + m);
}

/** Quote ERE metacharacters (for quoted parts of the right side of `=~`). */
export function escapeEre(s: string): string {
  return s.replace(/[\\^$.|?*+()[\]{}]/g, (m) => '\\' + m);
}

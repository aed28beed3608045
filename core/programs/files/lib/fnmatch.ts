/**
 * fnmatch(3) as glibc does it: `*`, `?`, bracket expressions with ranges, `!`/`^` negation and
 * character classes, backslash escapes; FNM_PATHNAME (wildcards do not match '/'), FNM_PERIOD
 * (a leading '.' must be matched literally), FNM_CASEFOLD, FNM_LEADING_DIR.
 */

export interface FnmatchFlags {
  pathname?: boolean;
  period?: boolean;
  casefold?: boolean;
  /** Match if the pattern matches a leading part followed by '/' (tar --exclude). */
  leadingDir?: boolean;
  noescape?: boolean;
}

const CLASSES: Record<string, (c: string) => boolean> = {
  alpha: (c) => /[A-Za-z]/.test(c),
  digit: (c) => /[0-9]/.test(c),
  alnum: (c) => /[A-Za-z0-9]/.test(c),
  upper: (c) => /[A-Z]/.test(c),
  lower: (c) => /[a-z]/.test(c),
  space: (c) => /\s/.test(c),
  punct: (c) => /[!-/:-@[-`{-~]/.test(c),
  xdigit: (c) => /[0-9A-Fa-f]/.test(c),
  print: (c) => c >= ' ' && c !== '\x7f',
  graph: (c) => c > ' ' && c !== '\x7f',
  cntrl: (c) => c < ' ' || c === '\x7f',
  blank: (c) => c === ' ' || c === '\t',
};

export function fnmatch(pattern: string, name: string, flags: FnmatchFlags = {}): boolean {
  const fold = (s: string) => (flags.casefold ? s.toLowerCase() : s);
  const match = (pi: number, ni: number): boolean => {
    while (pi < pattern.length) {
      const p = pattern[pi]!;
      const atStart = ni === 0 || (flags.pathname && name[ni - 1] === '/');
      if (p === '*') {
        if (flags.period && name[ni] === '.' && atStart) return false;
        while (pattern[pi] === '*') pi++;
        if (pi === pattern.length) return flags.pathname ? !name.slice(ni).includes('/') || (!!flags.leadingDir) : true;
        for (let k = ni; k <= name.length; k++) {
          if (match(pi, k)) return true;
          if (flags.pathname && name[k] === '/') break;
        }
        return false;
      }
      if (ni >= name.length) return false;
      const c = name[ni]!;
      if (p === '?') {
        if (flags.pathname && c === '/') return false;
        if (flags.period && c === '.' && atStart) return false;
        pi++;
        ni++;
        continue;
      }
      if (p === '[') {
        const r = bracket(pattern, pi, c, !!flags.casefold, !flags.noescape);
        if (r === undefined) {
          // An unterminated bracket is an ordinary character.
          if (c !== '[') return false;
          pi++;
          ni++;
          continue;
        }
        if (!r.matched || (flags.pathname && c === '/') || (flags.period && c === '.' && atStart)) return false;
        pi = r.next;
        ni++;
        continue;
      }
      let lit = p;
      if (p === '\\' && !flags.noescape && pi + 1 < pattern.length) {
        lit = pattern[pi + 1]!;
        pi++;
      }
      if (fold(lit) !== fold(c)) return false;
      pi++;
      ni++;
    }
    if (ni === name.length) return true;
    return !!flags.leadingDir && name[ni] === '/';
  };
  return match(0, 0);
}

function bracket(pattern: string, start: number, c: string, casefold: boolean, escapes: boolean): { matched: boolean; next: number } | undefined {
  let i = start + 1;
  let negate = false;
  if (pattern[i] === '!' || pattern[i] === '^') {
    negate = true;
    i++;
  }
  let matched = false;
  let first = true;
  const cc = casefold ? c.toLowerCase() : c;
  while (i < pattern.length) {
    let ch = pattern[i]!;
    if (ch === ']' && !first) return { matched: matched !== negate, next: i + 1 };
    first = false;
    if (ch === '[' && pattern[i + 1] === ':') {
      const end = pattern.indexOf(':]', i + 2);
      if (end > 0) {
        const cls = CLASSES[pattern.slice(i + 2, end)];
        if (cls?.(c)) matched = true;
        i = end + 2;
        continue;
      }
    }
    if (ch === '\\' && escapes && i + 1 < pattern.length) {
      i++;
      ch = pattern[i]!;
    }
    if (pattern[i + 1] === '-' && pattern[i + 2] !== undefined && pattern[i + 2] !== ']') {
      let hi = pattern[i + 2]!;
      let skip = 3;
      if (hi === '\\' && escapes && pattern[i + 3] !== undefined) {
        hi = pattern[i + 3]!;
        skip = 4;
      }
      const lo = casefold ? ch.toLowerCase() : ch;
      const h = casefold ? hi.toLowerCase() : hi;
      if (lo <= cc && cc <= h) matched = true;
      else if (casefold && ch <= c && c <= hi) matched = true;
      i += skip;
      continue;
    }
    if ((casefold ? ch.toLowerCase() : ch) === cc) matched = true;
    i++;
  }
  return undefined;
}

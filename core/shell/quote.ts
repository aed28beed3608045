/**
 * Quoting text back into shell syntax, the ways bash prints it.
 */

/** Characters that make bash quote a word (lib/sh/shquote.c, sh_contains_shell_metas). */
function containsShellMetas(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s[i]!;
    switch (c) {
      case ' ':
      case '\t':
      case '\n':
      case "'":
      case '"':
      case '\\':
      case '|':
      case '&':
      case ';':
      case '(':
      case ')':
      case '<':
      case '>':
      case '!':
      case '{':
      case '}':
      case '*':
      case '[':
      case '?':
      case ']':
      case '^':
      case '$':
      case '`':
        return true;
      case '~':
        if (i === 0 || s[i - 1] === '=' || s[i - 1] === ':') return true;
        break;
      case '#':
        if (i === 0) return true;
        break;
    }
  }
  return false;
}

/** Control characters and the like, which bash prints with `$'…'`. */
function needsAnsiC(s: string): boolean {
  // eslint-disable-next-line no-control-regex
  return /[\x00-\x08\x0b-\x1f\x7f]/.test(s);
}

/** `'…'` with embedded single quotes as `'\''`. */
export function singleQuote(s: string): string {
  return "'" + s.replace(/'/g, "'\\''") + "'";
}

/** `$'…'` with C escapes, as bash's ansic_quote. */
export function ansiCQuote(s: string): string {
  let out = "$'";
  for (const c of s) {
    const code = c.codePointAt(0)!;
    switch (c) {
      case '\x07':
        out += '\\a';
        break;
      case '\b':
        out += '\\b';
        break;
      case '\x1b':
        out += '\\E';
        break;
      case '\f':
        out += '\\f';
        break;
      case '\n':
        out += '\\n';
        break;
      case '\r':
        out += '\\r';
        break;
      case '\t':
        out += '\\t';
        break;
      case '\v':
        out += '\\v';
        break;
      case '\\':
        out += '\\\\';
        break;
      case "'":
        out += "\\'";
        break;
      default:
        out += code < 0x20 || code === 0x7f ? '\\' + code.toString(8).padStart(3, '0') : c;
    }
  }
  return out + "'";
}

/**
 * A word as bash prints it in `set -x` traces and `declare -f`: unchanged when safe, else in
 * single quotes (`'a b'`, `'it'\''s'`), `''` for the empty string, `$'…'` for control characters.
 */
export function quoteForShell(s: string): string {
  if (s === '') return "''";
  if (containsShellMetas(s)) return singleQuote(s);
  if (needsAnsiC(s)) return ansiCQuote(s);
  return s;
}

/** Backslash quoting, as `printf %q` and Tab completion do (`my\ file`, `\~x`). */
export function quoteBackslash(s: string): string {
  if (s === '') return "''";
  if (needsAnsiC(s) || s.includes('\n') || s.includes('\t')) return ansiCQuote(s);
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const c = s[i]!;
    if (' \'"\\|&;()<>!{}*[?]^$`,'.includes(c) || (c === '~' && i === 0) || (c === '#' && i === 0)) out += '\\' + c;
    else out += c;
  }
  return out;
}

/** The value part of `declare -p`: `"…"` with `\`, `"`, `$` and backquote escaped. */
export function doubleQuote(s: string): string {
  return '"' + s.replace(/[\\"$`]/g, (m) => '\\' + m) + '"';
}

/** `${x@Q}`: always quoted. */
export function quoteAlways(s: string): string {
  return needsAnsiC(s) ? ansiCQuote(s) : singleQuote(s);
}

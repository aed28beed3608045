/**
 * The lines of vprocunhide's list (reference §5.2, util-vserver's scripts/vprocunhide): a path
 * (shell globs allowed) after an optional prefix that says which setattr options to use. A path
 * ending in `/` is done recursively.
 */

/** What one line asks for: setattr's options and the words still to be globbed. */
export interface UnhideRequest {
  params: string[];
  words: string;
}

/** The prefixes in the order the script's `case` tests them; anything else means unhide. */
const PREFIXES: ReadonlyArray<readonly [string, readonly string[]]> = [
  ['~', ['--admin', '--watch', '--hide']],
  ['-', ['--admin', '--hide']],
  [':', ['--watch', '--hide']],
  ['!', ['--hide']],
  ['+', ['--!hide']],
  ['>', ['--write']],
];

/**
 * One value as `read filename` gives it: blanks around it trimmed, backslashes removed (the
 * script does not use `read -r`).
 */
export function readValue(line: string): string {
  return line.replace(/^[ \t]+|[ \t]+$/g, '').replace(/\\(.)/g, '$1');
}

/** The request of one line; undefined for a comment. */
export function parseUnhideLine(line: string): UnhideRequest | undefined {
  let value = readValue(line);
  if (value.startsWith('#')) return undefined;
  let params: string[] = ['--!hide'];
  for (const [prefix, options] of PREFIXES) {
    if (value.startsWith(prefix)) {
      params = [...options];
      value = value.slice(1);
      break;
    }
  }
  if (value.endsWith('/')) params.push('-R');
  return { params, words: value };
}

/**
 * The lines `while read filename; do …; done <file` visits: every line that ends with a newline
 * (a last line without one makes `read` fail, so the loop never sees it).
 */
export function listLines(text: string): string[] {
  const lines = text.split('\n');
  lines.pop();
  return lines;
}

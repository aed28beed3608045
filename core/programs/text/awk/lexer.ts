/** Tokens of the awk language (gawk 3.1 dialect), with the regex-or-division decision made here. */

export type TokType =
  | 'num'
  | 'str'
  | 'ere'
  | 'name'
  /** A name immediately followed by '(' (a user function call). */
  | 'funcname'
  | 'builtin'
  | 'kw'
  | 'op'
  | 'nl'
  | 'eof';

export interface Token {
  type: TokType;
  /** Operator or keyword text, name, string value or regex source. */
  text: string;
  num?: number;
  /** Position in the source, for "syntax error" carets. */
  pos: number;
}

export const KEYWORDS = new Set([
  'BEGIN', 'END', 'function', 'func', 'if', 'else', 'while', 'for', 'do', 'break', 'continue', 'next', 'nextfile',
  'exit', 'return', 'delete', 'in', 'getline', 'print', 'printf',
]);

export const BUILTINS = new Set([
  'length', 'substr', 'index', 'split', 'sub', 'gsub', 'match', 'sprintf', 'sin', 'cos', 'atan2', 'exp', 'log', 'sqrt',
  'int', 'rand', 'srand', 'tolower', 'toupper', 'system', 'close', 'fflush', 'systime', 'gensub',
]);

const OPS = [
  '**=', '&&', '||', '==', '<=', '>=', '!=', '++', '--', '+=', '-=', '*=', '/=', '%=', '^=', '>>', '!~', '**',
  '{', '}', '(', ')', '[', ']', ';', ',', '+', '-', '*', '/', '%', '^', '!', '>', '<', '|', '?', ':', '~', '$', '=',
];

export class LexError extends Error {
  constructor(
    message: string,
    readonly pos: number,
  ) {
    super(message);
  }
}

const STRING_ESCAPES: Record<string, string> = { n: '\n', t: '\t', r: '\r', b: '\b', f: '\f', v: '\v', a: '\x07', '\\': '\\', '"': '"', '/': '/' };

/** awk string escapes: \n \t … \ooo; an unknown escape keeps the character (gawk warns). */
export function unescapeString(s: string): string {
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const c = s[i]!;
    if (c !== '\\' || i + 1 >= s.length) {
      out += c;
      continue;
    }
    const e = s[++i]!;
    const oct = /^[0-7]{1,3}/.exec(s.slice(i));
    if (oct) {
      out += String.fromCharCode(parseInt(oct[0], 8));
      i += oct[0].length - 1;
    } else if (e === 'x' && /^[0-9a-fA-F]/.test(s[i + 1] ?? '')) {
      const hex = /^[0-9a-fA-F]{1,2}/.exec(s.slice(i + 1))!;
      out += String.fromCharCode(parseInt(hex[0], 16));
      i += hex[0].length;
    } else out += STRING_ESCAPES[e] ?? e;
  }
  return out;
}

/** Can a '/' after this token be a division? (Otherwise it starts a regex.) */
function divisionAfter(t: Token | undefined): boolean {
  if (!t) return false;
  if (t.type === 'num' || t.type === 'str' || t.type === 'ere' || t.type === 'name' || t.type === 'builtin') return true;
  return t.type === 'op' && (t.text === ')' || t.text === ']' || t.text === '++' || t.text === '--' || t.text === '$');
}

export function tokenize(src: string): Token[] {
  const toks: Token[] = [];
  let i = 0;
  while (i < src.length) {
    const c = src[i]!;
    if (c === ' ' || c === '\t' || c === '\r') {
      i++;
      continue;
    }
    if (c === '\\' && src[i + 1] === '\n') {
      i += 2;
      continue;
    }
    if (c === '\\' && src[i + 1] === '\r' && src[i + 2] === '\n') {
      i += 3;
      continue;
    }
    if (c === '#') {
      while (i < src.length && src[i] !== '\n') i++;
      continue;
    }
    if (c === '\n') {
      toks.push({ type: 'nl', text: '\n', pos: i });
      i++;
      continue;
    }
    if (/[0-9.]/.test(c) && /^(\d+\.?\d*|\.\d+)/.test(src.slice(i))) {
      const m = /^(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?/.exec(src.slice(i))!;
      toks.push({ type: 'num', text: m[0], num: Number(m[0]), pos: i });
      i += m[0].length;
      continue;
    }
    if (/[A-Za-z_]/.test(c)) {
      const m = /^[A-Za-z_][A-Za-z0-9_]*/.exec(src.slice(i))!;
      const word = m[0];
      const pos = i;
      i += word.length;
      if (KEYWORDS.has(word)) toks.push({ type: 'kw', text: word === 'func' ? 'function' : word, pos });
      else if (BUILTINS.has(word)) toks.push({ type: 'builtin', text: word, pos });
      else toks.push({ type: src[i] === '(' ? 'funcname' : 'name', text: word, pos });
      continue;
    }
    if (c === '"') {
      let j = i + 1;
      let raw = '';
      for (;;) {
        if (j >= src.length || src[j] === '\n') throw new LexError('unterminated string', i);
        if (src[j] === '\\' && j + 1 < src.length) {
          if (src[j + 1] === '\n') {
            j += 2;
            continue;
          }
          raw += src[j]! + src[j + 1]!;
          j += 2;
          continue;
        }
        if (src[j] === '"') break;
        raw += src[j++];
      }
      toks.push({ type: 'str', text: unescapeString(raw), pos: i });
      i = j + 1;
      continue;
    }
    if (c === '/' && !divisionAfter(toks[toks.length - 1])) {
      let j = i + 1;
      let raw = '';
      let inBracket = false;
      for (;;) {
        if (j >= src.length || src[j] === '\n') throw new LexError('unterminated regexp', i);
        const d = src[j]!;
        if (d === '\\' && j + 1 < src.length) {
          // \/ is a slash; other escapes go to the regex compiler as written.
          raw += src[j + 1] === '/' ? '/' : d + src[j + 1]!;
          j += 2;
          continue;
        }
        if (d === '[' && !inBracket) {
          inBracket = true;
          raw += d;
          j++;
          if (src[j] === '^') raw += src[j++];
          if (src[j] === ']') raw += src[j++];
          continue;
        }
        if (d === ']' && inBracket) inBracket = false;
        if (d === '/' && !inBracket) break;
        raw += d;
        j++;
      }
      toks.push({ type: 'ere', text: raw, pos: i });
      i = j + 1;
      continue;
    }
    const op = OPS.find((o) => src.startsWith(o, i));
    if (!op) throw new LexError(`invalid char '${c}' in expression`, i);
    toks.push({ type: 'op', text: op === '**' ? '^' : op === '**=' ? '^=' : op, pos: i });
    i += op.length;
  }
  toks.push({ type: 'eof', text: '', pos: src.length });
  return toks;
}

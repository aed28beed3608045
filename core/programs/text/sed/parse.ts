/**
 * The sed script compiler (GNU sed 4.1.2): addresses, commands, blocks and labels, with its error
 * messages and positions ("-e expression #1, char 5: unterminated `s' command").
 */
import { RegexError, translateRegex } from '../../lib/regex.js';

export type Address =
  | { kind: 'line'; n: number }
  | { kind: 'last' }
  | { kind: 'zero' }
  | { kind: 'step'; first: number; step: number }
  /** re undefined: the empty regex, meaning the last one used. */
  | { kind: 're'; re: RegExp | undefined }
  | { kind: 'plus'; n: number }
  | { kind: 'multiple'; n: number };

export type ReplPart =
  | { kind: 'text'; text: string }
  | { kind: 'group'; n: number }
  | { kind: 'case'; mode: 'L' | 'U' | 'E' | 'l' | 'u' };

export interface Substitution {
  re: RegExp | undefined;
  replacement: ReplPart[];
  global: boolean;
  nth: number;
  print: number;
  wfile?: string;
  /** Groups of the regex, for checking \N. */
  groups: number;
}

export interface Command {
  a1?: Address;
  a2?: Address;
  negate: boolean;
  name: string;
  text?: string;
  label?: string;
  fname?: string;
  subst?: Substitution;
  ymap?: Map<string, string>;
  int?: number;
  /** For '{': index of the matching '}'; for b/t/T: index of the target (-1 = end of script). */
  jump?: number;
  /** Range state at run time. */
  active?: boolean;
  rangeEnd?: number;
}

/** Where a piece of script came from, for error messages. */
export interface ScriptSource {
  text: string;
  /** "-e expression #1" or "file s.sed" (then errors say "line N"). */
  origin: { kind: 'expr'; index: number } | { kind: 'file'; name: string };
}

export class SedError extends Error {}

export interface Compiled {
  commands: Command[];
  /** `#n` on the first line: same as -n. */
  quiet: boolean;
  /** Files named by w commands and the s///w flag, opened before processing. */
  wfiles: string[];
}

class Parser {
  pos = 0;
  constructor(
    readonly src: string,
    readonly chunks: { start: number; source: ScriptSource }[],
    readonly extended: boolean,
  ) {}

  fail(message: string, at = this.pos): never {
    // Find the chunk the position falls in.
    let chunk = this.chunks[0]!;
    for (const c of this.chunks) if (c.start <= at) chunk = c;
    const rel = Math.min(at - chunk.start, chunk.source.text.length);
    if (chunk.source.origin.kind === 'expr') throw new SedError(`-e expression #${chunk.source.origin.index}, char ${rel}: ${message}`);
    const line = chunk.source.text.slice(0, Math.max(0, rel - 1)).split('\n').length;
    throw new SedError(`file ${chunk.source.origin.name} line ${line}: ${message}`);
  }

  peek(): string | undefined {
    return this.src[this.pos];
  }
  next(): string | undefined {
    return this.pos < this.src.length ? this.src[this.pos++] : undefined;
  }
  eof(): boolean {
    return this.pos >= this.src.length;
  }
  skipSpaces(): void {
    while (this.peek() === ' ' || this.peek() === '\t') this.pos++;
  }
  number(): number {
    const m = /^\d+/.exec(this.src.slice(this.pos))!;
    this.pos += m[0].length;
    return Number(m[0]);
  }

  /**
   * Text up to an unescaped delimiter, as GNU's match_slash: `\delim` becomes the delimiter,
   * backslash-newline a newline; a raw newline ends the command unterminated.
   */
  delimited(delim: string, forRegex: boolean): string | undefined {
    let out = '';
    for (;;) {
      const c = this.next();
      if (c === undefined) return undefined;
      if (c === delim) return out;
      if (c === '\n') {
        this.pos--;
        return undefined;
      }
      if (c === '\\') {
        const e = this.next();
        if (e === undefined) return undefined;
        if (e === delim) out += delim === '&' && !forRegex ? '\\&' : delim;
        else if (e === '\n') out += forRegex ? '\\n' : '\n';
        else out += '\\' + e;
        continue;
      }
      out += c;
    }
  }

  regex(source: string, flags: { icase: boolean; multiline: boolean }): { re: RegExp | undefined; groups: number } {
    if (source === '') return { re: undefined, groups: 0 };
    try {
      const t = translateRegex(source, { extended: this.extended, dialect: 'sed', leadingRepeat: this.extended ? 'error' : 'literal' });
      return { re: new RegExp(t.source, 'g' + (flags.icase ? 'i' : '') + (flags.multiline ? 'm' : '')), groups: t.groups };
    } catch (e) {
      if (e instanceof RegexError) this.fail(e.message);
      this.fail('Invalid regular expression');
    }
  }

  address(): Address | undefined {
    const c = this.peek();
    if (c === undefined) return undefined;
    if (/\d/.test(c)) {
      const n = this.number();
      if (this.peek() === '~') {
        this.pos++;
        const step = /\d/.test(this.peek() ?? '') ? this.number() : 0;
        return { kind: 'step', first: n, step };
      }
      return n === 0 ? { kind: 'zero' } : { kind: 'line', n };
    }
    if (c === '$') {
      this.pos++;
      return { kind: 'last' };
    }
    if (c === '/' || c === '\\') {
      this.pos++;
      let delim = '/';
      if (c === '\\') {
        const d = this.next();
        if (d === undefined || d === '\n' || d === '\\') this.fail('unexpected `,\'');
        delim = d;
      }
      const body = this.delimited(delim, true);
      if (body === undefined) this.fail('unterminated address regex');
      let icase = false;
      let multiline = false;
      for (;;) {
        const f = this.peek();
        if (f === 'I') icase = true;
        else if (f === 'M') multiline = true;
        else break;
        this.pos++;
      }
      return { kind: 're', re: this.regex(body, { icase, multiline }).re };
    }
    return undefined;
  }

  /** After a command: spaces, then ';', newline, '}', '#' or the end. */
  endOfCommand(): void {
    this.skipSpaces();
    const c = this.peek();
    if (c === undefined || c === '\n' || c === ';') {
      if (c !== undefined) this.pos++;
      return;
    }
    if (c === '}' || c === '#') return;
    this.pos++;
    this.fail('extra characters after command');
  }

  /** A label or file name: the rest of the line (labels also stop at ';'). */
  restOfLine(stopAtSemicolon: boolean): string {
    let out = '';
    while (!this.eof() && this.peek() !== '\n' && !(stopAtSemicolon && this.peek() === ';')) out += this.next();
    return out;
  }

  /** a/i/c text, GNU style: `a\` newline text, or the one-line `a text`; backslash-newline continues. */
  text(): string {
    this.skipSpaces();
    if (this.peek() === '\\') {
      this.pos++;
      if (this.peek() === '\n') this.pos++;
    } else if (this.eof()) this.fail("expected \\ after `a', `c' or `i'");
    let out = '';
    for (;;) {
      const c = this.next();
      if (c === undefined || c === '\n') break;
      if (c === '\\') {
        const e = this.next();
        if (e === undefined) break;
        out += e;
        continue;
      }
      out += c;
    }
    return out;
  }

  replacement(text: string, groups: number, reGiven: boolean): ReplPart[] {
    const parts: ReplPart[] = [];
    let lit = '';
    const flush = () => {
      if (lit) parts.push({ kind: 'text', text: lit });
      lit = '';
    };
    for (let i = 0; i < text.length; i++) {
      const c = text[i]!;
      if (c === '&') {
        flush();
        parts.push({ kind: 'group', n: 0 });
      } else if (c === '\\' && i + 1 < text.length) {
        const e = text[++i]!;
        if (/\d/.test(e)) {
          const n = Number(e);
          if (reGiven && n > groups) this.fail(`invalid reference \\${n} on \`s' command's RHS`);
          flush();
          parts.push({ kind: 'group', n });
        } else if ('LUElu'.includes(e)) {
          flush();
          parts.push({ kind: 'case', mode: e as 'L' });
        } else if (e === 'n') lit += '\n';
        else if (e === 't') lit += '\t';
        else lit += e;
      } else lit += c;
    }
    flush();
    return parts;
  }

  substitute(cmd: Command, wfiles: string[]): void {
    const delim = this.next();
    if (delim === undefined || delim === '\n' || delim === '\\') this.fail("unterminated `s' command");
    const pattern = this.delimited(delim, true);
    if (pattern === undefined) this.fail("unterminated `s' command");
    const repl = this.delimited(delim, false);
    if (repl === undefined) this.fail("unterminated `s' command");
    let global = false;
    let nth = 0;
    let print = 0;
    let icase = false;
    let multiline = false;
    let wfile: string | undefined;
    for (;;) {
      const f = this.peek();
      if (f === 'g') {
        if (global) this.fail("multiple `g' options to `s' command", this.pos + 1);
        global = true;
      } else if (f === 'p') {
        if (print) this.fail("multiple `p' options to `s' command", this.pos + 1);
        print++;
      } else if (f === 'i' || f === 'I') icase = true;
      else if (f === 'm' || f === 'M') multiline = true;
      else if (f === 'e') this.fail("unknown option to `s'", this.pos + 1);
      else if (f !== undefined && /\d/.test(f)) {
        if (nth) this.fail("multiple number options to `s' command", this.pos + 1);
        nth = this.number();
        if (nth === 0) this.fail("number option to `s' command may not be zero");
        continue;
      } else if (f === 'w') {
        this.pos++;
        this.skipSpaces();
        wfile = this.restOfLine(false);
        if (wfile === '') this.fail('missing filename in r/R/w/W commands');
        wfiles.push(wfile);
        break;
      } else if (f === undefined || f === '\n' || f === ';' || f === ' ' || f === '\t' || f === '}' || f === '#') break;
      else this.fail("unknown option to `s'", this.pos + 1);
      this.pos++;
    }
    const { re, groups } = this.regex(pattern, { icase, multiline });
    cmd.subst = { re, replacement: this.replacement(repl, groups, pattern !== ''), global, nth: nth || 1, print, wfile, groups };
    if (!wfile) this.endOfCommand();
  }

  transliterate(cmd: Command): void {
    const delim = this.next();
    if (delim === undefined || delim === '\n' || delim === '\\') this.fail("unterminated `y' command");
    const unescape = (s: string | undefined) => {
      if (s === undefined) this.fail("unterminated `y' command");
      const out: string[] = [];
      for (let i = 0; i < s.length; i++) {
        if (s[i] === '\\' && i + 1 < s.length) {
          const e = s[++i]!;
          out.push(e === 'n' ? '\n' : e === 't' ? '\t' : e === '\\' ? '\\' : e);
        } else out.push(s[i]!);
      }
      return out;
    };
    const from = unescape(this.delimited(delim, false));
    const to = unescape(this.delimited(delim, false));
    if (from.length !== to.length) this.fail("strings for `y' command are different lengths");
    cmd.ymap = new Map(from.map((c, i) => [c, to[i]!]));
    this.endOfCommand();
  }

  compile(): Compiled {
    const commands: Command[] = [];
    const wfiles: string[] = [];
    const blocks: number[] = [];
    let quiet = false;
    if (this.src.startsWith('#n') && (this.src.length === 2 || this.src[2] === '\n')) quiet = true;
    for (;;) {
      while (!this.eof() && /[\s;]/.test(this.peek()!)) this.pos++;
      if (this.eof()) break;
      if (this.peek() === '#') {
        this.restOfLine(false);
        continue;
      }
      const cmd: Command = { negate: false, name: '' };
      cmd.a1 = this.address();
      if (cmd.a1) {
        this.skipSpaces();
        if (this.peek() === ',') {
          this.pos++;
          this.skipSpaces();
          const c = this.peek();
          if (c === '+' || c === '~') {
            this.pos++;
            if (!/\d/.test(this.peek() ?? '')) this.fail("expected newer version of sed");
            const n = this.number();
            cmd.a2 = c === '+' ? { kind: 'plus', n } : { kind: 'multiple', n };
          } else {
            cmd.a2 = this.address();
            if (!cmd.a2) this.fail("unexpected `,'");
            if (cmd.a2.kind === 'zero') this.fail('invalid usage of line address 0');
            if (cmd.a2.kind === 'step') cmd.a2 = { kind: 'line', n: cmd.a2.first };
          }
        }
        if (cmd.a1.kind === 'zero' && (!cmd.a2 || cmd.a2.kind !== 're')) this.fail('invalid usage of line address 0');
      }
      this.skipSpaces();
      while (this.peek() === '!') {
        if (cmd.negate) this.fail("multiple `!'s", this.pos + 1);
        cmd.negate = true;
        this.pos++;
        this.skipSpaces();
      }
      const name = this.next();
      if (name === undefined || name === '\n' || name === ';') this.fail('missing command');
      cmd.name = name;
      const oneAddress = () => {
        if (cmd.a2) this.fail('command only uses one address');
      };
      const noAddress = () => {
        if (cmd.a1) this.fail(`${name} doesn't want any addresses`);
      };
      switch (name) {
        case '{':
          blocks.push(commands.length);
          commands.push(cmd);
          continue;
        case '}':
          if (blocks.length === 0) this.fail("unexpected `}'");
          if (cmd.a1) this.fail("} doesn't want any addresses");
          commands[blocks.pop()!]!.jump = commands.length;
          commands.push(cmd);
          this.endOfCommand();
          continue;
        case '=':
        case 'd':
        case 'D':
        case 'g':
        case 'G':
        case 'h':
        case 'H':
        case 'n':
        case 'N':
        case 'p':
        case 'P':
        case 'x':
        case 'z':
        case 'F':
          this.endOfCommand();
          break;
        case 'l':
        case 'L':
        case 'q':
        case 'Q':
          if (name === 'q' || name === 'Q') oneAddress();
          this.skipSpaces();
          if (/\d/.test(this.peek() ?? '')) cmd.int = this.number();
          this.endOfCommand();
          break;
        case 'a':
        case 'i':
        case 'c':
          cmd.text = this.text();
          break;
        case ':': {
          noAddress();
          this.skipSpaces();
          const label = this.restOfLine(true).trim();
          if (label === '') this.fail('":" lacks a label');
          cmd.label = label;
          if (this.peek() === ';') this.pos++;
          break;
        }
        case 'b':
        case 't':
        case 'T':
          this.skipSpaces();
          cmd.label = this.restOfLine(true).trim();
          if (this.peek() === ';') this.pos++;
          break;
        case 'r':
        case 'R':
        case 'w':
        case 'W':
          this.skipSpaces();
          cmd.fname = this.restOfLine(false);
          if (cmd.fname === '') this.fail('missing filename in r/R/w/W commands');
          if (name === 'w' || name === 'W') wfiles.push(cmd.fname);
          break;
        case 's':
          this.substitute(cmd, wfiles);
          break;
        case 'y':
          this.transliterate(cmd);
          break;
        case '#':
          this.fail("comments don't accept any addresses");
          break;
        default:
          this.fail(`unknown command: \`${name}'`);
      }
      commands.push(cmd);
    }
    if (blocks.length > 0) {
      const chunk = this.chunks[0]!;
      throw new SedError(chunk.source.origin.kind === 'expr' ? `-e expression #1, char 0: unmatched \`{'` : `file ${chunk.source.origin.name} line 0: unmatched \`{'`);
    }
    // Resolve branch targets.
    const labels = new Map<string, number>();
    commands.forEach((c, i) => {
      if (c.name === ':') labels.set(c.label!, i);
    });
    for (const c of commands) {
      if (c.name !== 'b' && c.name !== 't' && c.name !== 'T') continue;
      if (c.label === '') c.jump = -1;
      else {
        const at = labels.get(c.label!);
        if (at === undefined) throw new SedError(`can't find label for jump to \`${c.label}'`);
        c.jump = at;
      }
    }
    return { commands, quiet, wfiles };
  }
}

/** Compile the script pieces (-e expressions and -f files, in order) into one program. Throws SedError. */
export function compileScript(sources: ScriptSource[], extended: boolean): Compiled {
  let text = '';
  const chunks: { start: number; source: ScriptSource }[] = [];
  for (const s of sources) {
    chunks.push({ start: text.length, source: s });
    text += s.text + '\n';
  }
  if (chunks.length === 0) chunks.push({ start: 0, source: { text: '', origin: { kind: 'expr', index: 1 } } });
  // A position at the joining newline belongs to the expression before it (GNU counts to its end).
  const parser = new Parser(text, chunks, extended);
  try {
    return parser.compile();
  } catch (e) {
    if (e instanceof SedError) {
      // Positions one past an expression's end were reported against the next chunk; GNU reports the end.
      throw e;
    }
    throw e;
  }
}

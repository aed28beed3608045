/** The sed machine: pattern and hold space, the cycle, addresses and ranges, the commands. */
import { SyscallError } from '../../../kernel/errno.js';
import { O_CREAT, O_TRUNC, O_WRONLY } from '../../../kernel/file.js';
import type { Process } from '../../../kernel/process.js';
import { Output, Reader, closeInput, openInput, utf8Bytes, type Line } from '../../lib/io.js';
import { matchAll } from '../../lib/regex.js';
import type { Tool } from '../../lib/tool.js';
import type { Address, Command, Compiled, ReplPart } from './parse.js';

/** A runtime failure that ends sed with a message ("no previous regular expression"). */
export class SedRuntimeError extends Error {
  constructor(
    message: string,
    readonly status: number,
  ) {
    super(message);
  }
}

/** Lines from a list of files as one stream, with one line of look-ahead to know the last line ($). */
export class InputStream {
  private files: string[];
  private reader: Reader | undefined;
  private fd = -1;
  private ahead: Line | null | undefined;
  current = '-';
  failed = false;

  constructor(
    private readonly tool: Tool,
    names: string[],
    private readonly out: () => Output,
  ) {
    this.files = [...names];
  }

  private async fill(): Promise<void> {
    while (this.ahead === undefined) {
      if (!this.reader) {
        const name = this.files.shift();
        if (name === undefined) {
          this.ahead = null;
          return;
        }
        try {
          this.fd = openInput(this.tool.proc, name);
          this.reader = new Reader(this.tool.proc, this.fd, this.out());
          this.current = name;
        } catch (e) {
          if (!(e instanceof SyscallError)) throw e;
          await this.tool.warn(`can't read ${name}: ${e.message}`);
          this.failed = true;
          continue;
        }
      }
      let line: Line | null;
      try {
        line = await this.reader.line();
      } catch (e) {
        if (!(e instanceof SyscallError)) throw e;
        await this.tool.warn(`read error on ${this.current}: ${e.message}`);
        this.failed = true;
        line = null;
      }
      if (line) this.ahead = line;
      else {
        closeInput(this.tool.proc, this.fd);
        this.reader = undefined;
      }
    }
  }

  async next(): Promise<{ line: Line; file: string } | null> {
    await this.fill();
    const line = this.ahead!;
    const file = this.current;
    this.ahead = undefined;
    return line ? { line, file } : null;
  }

  async atEnd(): Promise<boolean> {
    await this.fill();
    return this.ahead === null;
  }
}

type Queued = { kind: 'text'; text: string } | { kind: 'file'; name: string } | { kind: 'line'; name: string };

export interface SedOptions {
  quiet: boolean;
  lineWrap: number;
  posix: boolean;
}

export class SedMachine {
  private ps = '';
  private hs = '';
  private missingNewline = false;
  private lineNo = 0;
  private replaced = false;
  private lastRegex: RegExp | undefined;
  private queue: Queued[] = [];
  private wfiles = new Map<string, Output>();
  private rfiles = new Map<string, Reader | null>();
  private input!: InputStream;
  out!: Output;
  exitCode: number | undefined;

  constructor(
    readonly tool: Tool,
    readonly program: Compiled,
    readonly options: SedOptions,
  ) {}

  get proc(): Process {
    return this.tool.proc;
  }

  /** Open the w files (truncating them) before any input is read, as sed does. */
  openWriteFiles(): void {
    for (const name of this.program.wfiles) {
      if (this.wfiles.has(name)) continue;
      if (name === '/dev/stdout') this.wfiles.set(name, this.tool.out);
      else if (name === '/dev/stderr') this.wfiles.set(name, new Output(this.proc, 2));
      else {
        try {
          this.wfiles.set(name, new Output(this.proc, this.proc.open(name, O_WRONLY | O_CREAT | O_TRUNC)));
        } catch (e) {
          if (e instanceof SyscallError) throw new SedRuntimeError(`couldn't open file ${name}: ${e.message}`, 4);
          throw e;
        }
      }
    }
  }

  async closeWriteFiles(): Promise<void> {
    for (const o of this.wfiles.values()) {
      await o.flush();
      if (o.fd > 2) this.proc.close(o.fd);
    }
  }

  /** Run the script over one stream of input (all files, or one file with -s/-i). */
  async run(input: InputStream, out: Output, resetLineNumbers: boolean): Promise<void> {
    this.input = input;
    this.out = out;
    this.pendingNewline = false;
    if (resetLineNumbers) this.lineNo = 0;
    for (const c of this.program.commands) if (c.a1?.kind === 'zero') c.active = true;
    let restart = false;
    while (this.exitCode === undefined) {
      if (!restart) {
        const next = await input.next();
        if (!next) break;
        this.ps = next.line.text;
        this.missingNewline = !next.line.nl;
        this.lineNo++;
        this.replaced = false;
      }
      restart = false;
      const end = await this.execute();
      if (end === 'autoprint' || end === 'quit') this.autoprint();
      await this.flushQueue();
      if (end === 'quit' || end === 'quit-silent') {
        this.exitCode ??= 0;
        break;
      }
      if (end === 'restart') restart = true;
      await this.out.tick();
    }
  }

  private autoprint(): void {
    if (!this.options.quiet && !this.program.quiet) this.emit(this.ps);
  }

  /** A last input line without its newline is printed without one, until something follows it (as GNU sed). */
  private pendingNewline = false;

  private write(text: string): void {
    if (this.pendingNewline && text !== '') {
      this.out.put('\n');
      this.pendingNewline = false;
    }
    this.out.put(text);
  }

  /** Print pattern-space text. */
  private emit(text: string): void {
    this.write(text);
    if (this.missingNewline) this.pendingNewline = true;
    else this.out.put('\n');
  }

  private async flushQueue(): Promise<void> {
    for (const q of this.queue) {
      if (q.kind === 'text') this.write(q.text);
      else if (q.kind === 'file') {
        try {
          this.write(await this.proc.readFile(q.name));
        } catch (e) {
          if (!(e instanceof SyscallError)) throw e; // r of a missing file is silently nothing
        }
      } else {
        let reader = this.rfiles.get(q.name);
        if (reader === undefined) {
          try {
            reader = new Reader(this.proc, this.proc.open(q.name, 0));
          } catch (e) {
            if (!(e instanceof SyscallError)) throw e;
            reader = null;
          }
          this.rfiles.set(q.name, reader);
        }
        const line = reader ? await reader.line() : null;
        if (line) this.write(line.text + '\n');
      }
    }
    this.queue = [];
  }

  private regexFor(re: RegExp | undefined): RegExp {
    const r = re ?? this.lastRegex;
    if (!r) throw new SedRuntimeError('no previous regular expression', 1);
    this.lastRegex = r;
    return r;
  }

  private async matchOne(a: Address): Promise<boolean> {
    switch (a.kind) {
      case 'line':
        return this.lineNo === a.n;
      case 'last':
        return this.input.atEnd();
      case 'zero':
        return false;
      case 'step':
        return a.step <= 0 ? this.lineNo === a.first : this.lineNo >= a.first && (this.lineNo - a.first) % a.step === 0;
      case 're': {
        const re = this.regexFor(a.re);
        re.lastIndex = 0;
        return re.test(this.ps);
      }
      default:
        return false;
    }
  }

  /** Does the command apply to this line? Updates range state. */
  private async selects(c: Command): Promise<boolean> {
    let m: boolean;
    if (!c.a1) m = true;
    else if (!c.a2) m = await this.matchOne(c.a1);
    else if (c.active) {
      const a2 = c.a2;
      if (a2.kind === 'line') {
        if (this.lineNo >= a2.n) c.active = false;
        m = this.lineNo <= a2.n || c.a1.kind === 'zero' ? true : (c.active = false);
        if (this.lineNo > a2.n) m = false;
      } else if (a2.kind === 'plus') {
        if (this.lineNo >= c.rangeEnd!) c.active = false;
        m = true;
      } else if (a2.kind === 'multiple') {
        if (a2.n <= 0 || this.lineNo % a2.n === 0) c.active = false;
        m = true;
      } else {
        if (await this.matchOne(a2)) c.active = false;
        m = true;
      }
    } else if (await this.matchOne(c.a1)) {
      m = true;
      const a2 = c.a2;
      if (a2.kind === 'line') c.active = a2.n > this.lineNo;
      else if (a2.kind === 'plus') {
        c.rangeEnd = this.lineNo + a2.n;
        c.active = a2.n > 0;
      } else if (a2.kind === 'multiple') c.active = a2.n > 0 && this.lineNo % a2.n !== 0;
      else if (a2.kind === 'last') c.active = !(await this.input.atEnd());
      else c.active = true;
    } else m = false;
    return m !== c.negate;
  }

  private expand(parts: ReplPart[], m: RegExpExecArray): string {
    let out = '';
    let mode: 'L' | 'U' | undefined;
    let once: 'l' | 'u' | undefined;
    const add = (s: string) => {
      for (const ch of s) {
        let c = mode === 'L' ? ch.toLowerCase() : mode === 'U' ? ch.toUpperCase() : ch;
        if (once) {
          c = once === 'l' ? c.toLowerCase() : c.toUpperCase();
          once = undefined;
        }
        out += c;
      }
    };
    for (const p of parts) {
      if (p.kind === 'text') add(p.text);
      else if (p.kind === 'group') add(m[p.n] ?? '');
      else if (p.mode === 'E') mode = undefined;
      else if (p.mode === 'L' || p.mode === 'U') mode = p.mode;
      else once = p.mode;
    }
    return out;
  }

  private substitute(c: Command): boolean {
    const s = c.subst!;
    const re = this.regexFor(s.re);
    let count = 0;
    let last = 0;
    let result = '';
    let did = false;
    for (const m of matchAll(re, this.ps)) {
      count++;
      if (count < s.nth) continue;
      result += this.ps.slice(last, m.index) + this.expand(s.replacement, m);
      last = m.index + m[0].length;
      did = true;
      if (!s.global) break;
    }
    if (!did) return false;
    this.ps = result + this.ps.slice(last);
    return true;
  }

  /** `l`: the pattern space unambiguously, wrapped at the line length, ending in $. */
  private listing(width: number): string {
    const esc: Record<string, string> = { '\\': '\\\\', '\x07': '\\a', '\b': '\\b', '\f': '\\f', '\n': '\\n', '\r': '\\r', '\t': '\\t', '\v': '\\v' };
    const pieces: string[] = [];
    for (const ch of this.ps) {
      if (esc[ch]) pieces.push(esc[ch]!);
      else if (ch >= ' ' && ch <= '~') pieces.push(ch);
      else for (const b of utf8Bytes(ch)) pieces.push('\\' + b.toString(8).padStart(3, '0'));
    }
    let out = '';
    let col = 0;
    for (const p of pieces) {
      if (width > 1 && col + p.length > width - 1) {
        out += '\\\n';
        col = 0;
      }
      out += p;
      col += p.length;
    }
    return out + '$\n';
  }

  /** One pass of the script over the pattern space; says how the cycle ends. */
  private async execute(): Promise<'autoprint' | 'delete' | 'restart' | 'quit' | 'quit-silent'> {
    const cmds = this.program.commands;
    let pc = 0;
    while (pc < cmds.length) {
      const c = cmds[pc]!;
      await this.proc.checkpoint();
      if (!(await this.selects(c))) {
        pc = c.name === '{' ? c.jump! + 1 : pc + 1;
        continue;
      }
      pc++;
      switch (c.name) {
        case '{':
        case '}':
        case ':':
          break;
        case '=':
          this.write(`${this.lineNo}\n`);
          break;
        case 'a':
          this.queue.push({ kind: 'text', text: c.text! + '\n' });
          break;
        case 'i':
          this.write(c.text! + '\n');
          break;
        case 'c':
          if (!c.a2 || c.negate || !c.active) this.write(c.text! + '\n');
          return 'delete';
        case 'b':
          pc = c.jump! < 0 ? cmds.length : c.jump!;
          break;
        case 't':
          if (this.replaced) {
            this.replaced = false;
            pc = c.jump! < 0 ? cmds.length : c.jump!;
          }
          break;
        case 'T':
          if (!this.replaced) pc = c.jump! < 0 ? cmds.length : c.jump!;
          else this.replaced = false;
          break;
        case 'd':
          return 'delete';
        case 'D': {
          const nl = this.ps.indexOf('\n');
          if (nl < 0) return 'delete';
          this.ps = this.ps.slice(nl + 1);
          return 'restart';
        }
        case 'g':
          this.ps = this.hs;
          break;
        case 'G':
          this.ps += '\n' + this.hs;
          break;
        case 'h':
          this.hs = this.ps;
          break;
        case 'H':
          this.hs += '\n' + this.ps;
          break;
        case 'x':
          [this.ps, this.hs] = [this.hs, this.ps];
          break;
        case 'l':
          this.write(this.listing(c.int ?? this.options.lineWrap));
          break;
        case 'L':
          break;
        case 'n':
        case 'N': {
          if (await this.input.atEnd()) {
            // GNU: no next line — print the pattern space (unless -n, or N under POSIXLY_CORRECT) and quit.
            return c.name === 'N' && this.options.posix ? 'quit-silent' : 'quit';
          }
          if (c.name === 'n') this.autoprint();
          await this.flushQueue();
          const next = (await this.input.next())!;
          this.lineNo++;
          this.ps = c.name === 'n' ? next.line.text : this.ps + '\n' + next.line.text;
          this.missingNewline = !next.line.nl;
                if (c.name === 'n') this.replaced = false;
          break;
        }
        case 'p':
          this.emit(this.ps);
          break;
        case 'P': {
          const nl = this.ps.indexOf('\n');
          this.write((nl < 0 ? this.ps : this.ps.slice(0, nl)) + '\n');
          break;
        }
        case 'q':
          this.exitCode = c.int ?? 0;
          return 'quit';
        case 'Q':
          this.exitCode = c.int ?? 0;
          return 'quit-silent';
        case 'r':
          this.queue.push({ kind: 'file', name: c.fname! });
          break;
        case 'R':
          this.queue.push({ kind: 'line', name: c.fname! });
          break;
        case 'w':
          this.wfiles.get(c.fname!)!.put(this.ps + '\n');
          break;
        case 'W': {
          const nl = this.ps.indexOf('\n');
          this.wfiles.get(c.fname!)!.put((nl < 0 ? this.ps : this.ps.slice(0, nl)) + '\n');
          break;
        }
        case 's':
          if (this.substitute(c)) {
            this.replaced = true;
            if (c.subst!.print) this.emit(this.ps);
            if (c.subst!.wfile) this.wfiles.get(c.subst!.wfile)!.put(this.ps + '\n');
          }
          break;
        case 'y': {
          let r = '';
          for (const ch of this.ps) r += c.ymap!.get(ch) ?? ch;
          this.ps = r;
          break;
        }
        case 'z':
          this.ps = '';
          break;
        case 'F':
          this.write(`${this.input.current}\n`);
          break;
      }
    }
    return 'autoprint';
  }
}

/**
 * Buffered output and line input for the text tools. Like stdio, output is collected and written
 * in blocks (a pipeline of many small writes would otherwise wake its reader per line), and it is
 * flushed before every read that might block, so an interactive `cat | grep x` answers at once.
 */
import { SyscallError } from '../../kernel/errno.js';
import { O_RDONLY } from '../../kernel/file.js';
import type { Process } from '../../kernel/process.js';

/** A write to standard output failed (ENOSPC, EPIPE with SIGPIPE ignored, a closed descriptor). */
export class WriteFailed extends Error {
  constructor(readonly error: SyscallError) {
    super(error.message);
    this.name = 'WriteFailed';
  }
}

export class Output {
  private parts: string[] = [];
  private size = 0;

  constructor(
    private readonly proc: Process,
    readonly fd = 1,
    private readonly threshold = 4096,
  ) {}

  put(s: string): void {
    if (s === '') return;
    this.parts.push(s);
    this.size += s.length;
  }

  /** Call once per loop iteration: writes a full buffer and gives the scheduler its preemption point. */
  async tick(): Promise<void> {
    if (this.size >= this.threshold) await this.flush();
    await this.proc.checkpoint();
  }

  get pending(): number {
    return this.size;
  }

  async flush(): Promise<void> {
    if (this.size === 0) return;
    const data = this.parts.join('');
    this.parts = [];
    this.size = 0;
    try {
      await this.proc.write(this.fd, data);
    } catch (e) {
      // SIGPIPE, when not ignored, has already ended the task inside write(); what is left is an error to report.
      if (e instanceof SyscallError) throw new WriteFailed(e);
      throw e;
    }
  }
}

export interface Line {
  text: string;
  /** Whether a newline ended the line (the last line of a file may lack one). */
  nl: boolean;
}

/** Reads a descriptor in chunks; flushes the given output before each read that may block. */
export class Reader {
  private pending = '';
  private eof = false;

  constructor(
    private readonly proc: Process,
    readonly fd: number,
    private readonly out?: Output,
  ) {}

  /** The next chunk as read (or what is left buffered), '' at end of file. */
  async chunk(): Promise<string> {
    if (this.pending !== '') {
      const p = this.pending;
      this.pending = '';
      return p;
    }
    if (this.eof) return '';
    await this.out?.flush();
    const data = await this.proc.read(this.fd);
    if (data === '') this.eof = true;
    return data;
  }

  /** The next line, or null at end of file. `sep` is the record terminator (newline by default). */
  async line(sep = '\n'): Promise<Line | null> {
    for (;;) {
      const at = this.pending.indexOf(sep);
      if (at >= 0) {
        const text = this.pending.slice(0, at);
        this.pending = this.pending.slice(at + sep.length);
        return { text, nl: true };
      }
      if (this.eof) break;
      await this.out?.flush();
      const data = await this.proc.read(this.fd);
      if (data === '') this.eof = true;
      else this.pending += data;
    }
    if (this.pending === '') return null;
    const text = this.pending;
    this.pending = '';
    return { text, nl: false };
  }

  /** Everything up to end of file. */
  async rest(): Promise<string> {
    const parts = [this.pending];
    this.pending = '';
    while (!this.eof) {
      await this.out?.flush();
      const data = await this.proc.read(this.fd);
      if (data === '') this.eof = true;
      else parts.push(data);
      await this.proc.checkpoint();
    }
    return parts.join('');
  }

  get atEof(): boolean {
    return this.eof && this.pending === '';
  }
}

/** Open a named input; '-' is standard input. Throws SyscallError. */
export function openInput(proc: Process, name: string): number {
  return name === '-' ? 0 : proc.open(name, O_RDONLY);
}

export function closeInput(proc: Process, fd: number): void {
  if (fd !== 0) proc.close(fd);
}

/** Split a whole text into lines (the last may lack its newline). */
export function splitLines(text: string): Line[] {
  const out: Line[] = [];
  let start = 0;
  for (;;) {
    const nl = text.indexOf('\n', start);
    if (nl < 0) break;
    out.push({ text: text.slice(start, nl), nl: true });
    start = nl + 1;
  }
  if (start < text.length) out.push({ text: text.slice(start), nl: false });
  return out;
}

/** The UTF-8 length of a string, for byte counts (wc -c, head -c). */
export function utf8Length(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
      n += 4;
      i++;
    } else n += 3;
  }
  return n;
}

/** UTF-8 bytes of a string (cat -v shows high bytes as M-x). */
export function utf8Bytes(s: string): number[] {
  const out: number[] = [];
  for (const ch of s) {
    const cp = ch.codePointAt(0)!;
    if (cp < 0x80) out.push(cp);
    else if (cp < 0x800) out.push(0xc0 | (cp >> 6), 0x80 | (cp & 63));
    else if (cp < 0x10000) out.push(0xe0 | (cp >> 12), 0x80 | ((cp >> 6) & 63), 0x80 | (cp & 63));
    else out.push(0xf0 | (cp >> 18), 0x80 | ((cp >> 12) & 63), 0x80 | ((cp >> 6) & 63), 0x80 | (cp & 63));
  }
  return out;
}

export function errorText(e: unknown): string {
  return e instanceof SyscallError ? e.message : String(e);
}

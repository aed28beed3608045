/**
 * What full-screen programs (top, less, more, nano) share: raw mode entered and always restored,
 * keys decoded from the escape sequences an xterm sends, and an alarm that interrupts a blocking
 * key read so a program can refresh its screen while it waits.
 *
 * The Process API has no alarm(2) or select(2) yet; `setAlarm` stands in for alarm() with the
 * kernel clock and a SIGALRM to the caller itself.
 */
import { SyscallError } from '../../kernel/errno.js';
import type { Process } from '../../kernel/process.js';
import { SIG } from '../../kernel/signals.js';
import type { Termios } from '../../kernel/tty.js';

export type Key =
  | { kind: 'char'; ch: string }
  | { kind: 'up' | 'down' | 'left' | 'right' | 'pageup' | 'pagedown' | 'home' | 'end' | 'delete' | 'insert' | 'escape' };

const SEQUENCES: [string, Key['kind']][] = [
  ['\x1b[A', 'up'],
  ['\x1b[B', 'down'],
  ['\x1b[C', 'right'],
  ['\x1b[D', 'left'],
  ['\x1bOA', 'up'],
  ['\x1bOB', 'down'],
  ['\x1bOC', 'right'],
  ['\x1bOD', 'left'],
  ['\x1b[5~', 'pageup'],
  ['\x1b[6~', 'pagedown'],
  ['\x1b[H', 'home'],
  ['\x1b[F', 'end'],
  ['\x1bOH', 'home'],
  ['\x1bOF', 'end'],
  ['\x1b[1~', 'home'],
  ['\x1b[4~', 'end'],
  ['\x1b[7~', 'home'],
  ['\x1b[8~', 'end'],
  ['\x1b[3~', 'delete'],
  ['\x1b[2~', 'insert'],
];

/** Split raw terminal input into keys (pure). An unknown escape sequence is dropped whole. */
export function decodeKeys(input: string): Key[] {
  const keys: Key[] = [];
  let i = 0;
  while (i < input.length) {
    if (input[i] === '\x1b') {
      const seq = SEQUENCES.find(([s]) => input.startsWith(s, i));
      if (seq) {
        keys.push({ kind: seq[1] } as Key);
        i += seq[0].length;
        continue;
      }
      const csi = /^\x1b\[[0-9;]*[~A-Za-z]/.exec(input.slice(i));
      if (csi) {
        i += csi[0].length;
        continue;
      }
      keys.push({ kind: 'escape' });
      i++;
      continue;
    }
    const cp = input.codePointAt(i)!;
    const ch = String.fromCodePoint(cp);
    keys.push({ kind: 'char', ch });
    i += ch.length;
  }
  return keys;
}

/** A pending SIGALRM for the caller (alarm(2)). */
export interface Alarm {
  cancel(): void;
}

export function setAlarm(proc: Process, ms: number): Alarm {
  const task = proc.task;
  const timer = proc.kernel.clock.after(ms, () => proc.kernel.sendSignal(task, SIG.ALRM));
  return { cancel: () => timer.cancel() };
}

/**
 * The terminal of a full-screen program: raw mode on standard input (no echo, no line editing;
 * signals stay on so Ctrl-C reaches the program's handler), keys read one decoded key at a time.
 */
export class RawTerminal {
  private saved: Termios;
  private pending: Key[] = [];
  private active = false;

  private constructor(
    private readonly proc: Process,
    readonly fd: number,
  ) {
    this.saved = proc.getTermios(fd);
  }

  /** Open the terminal on fd (0 by default); undefined when it is not a terminal. */
  static open(proc: Process, fd = 0): RawTerminal | undefined {
    if (!proc.isatty(fd)) return undefined;
    return new RawTerminal(proc, fd);
  }

  get cols(): number {
    return this.proc.ttyOf(1)?.cols ?? this.proc.ttyOf(this.fd)?.cols ?? 80;
  }

  get rows(): number {
    return this.proc.ttyOf(1)?.rows ?? this.proc.ttyOf(this.fd)?.rows ?? 24;
  }

  /** icanon and echo off (top's and less's settings); isig stays unless told otherwise. */
  enter(options: { isig?: boolean } = this.rawOptions): void {
    this.rawOptions = options;
    this.proc.setTermios(this.fd, { ...this.saved, icanon: false, echo: false, isig: options.isig ?? this.saved.isig });
    this.active = true;
  }

  private rawOptions: { isig?: boolean } = {};

  /** Back to the settings found at start (idempotent). */
  restore(): void {
    if (!this.active) return;
    this.active = false;
    try {
      this.proc.setTermios(this.fd, this.saved);
    } catch {
      // the terminal went away
    }
  }

  /**
   * Ctrl-Z in a full-screen program (after its SIGTSTP handler ran): give the terminal back,
   * stop with SIGSTOP, and take it again once continued (`fg`).
   */
  async suspend(beforeStop = '', how: 'SIGSTOP' | 'SIGTSTP' = 'SIGSTOP'): Promise<void> {
    const wasActive = this.active;
    this.restore();
    if (beforeStop) await this.proc.out(beforeStop).catch(() => {});
    if (how === 'SIGSTOP') this.proc.kill(this.proc.pid, SIG.STOP);
    else {
      // less: the default action of SIGTSTP, then the handler again.
      const handler = this.proc.task.disposition(SIG.TSTP);
      this.proc.signal(SIG.TSTP, 'default');
      this.proc.kill(this.proc.pid, SIG.TSTP);
      await this.proc.checkpoint();
      this.proc.signal(SIG.TSTP, handler);
    }
    await this.proc.checkpoint(); // stops here until SIGCONT
    if (wasActive) this.enter();
  }

  /** The terminal's settings as found, for a temporarily cooked prompt. */
  get original(): Termios {
    return { ...this.saved };
  }

  /** Has a key arrived that readKey() would return without waiting? */
  get hasKey(): boolean {
    return this.pending.length > 0 || (this.proc.ttyOf(this.fd)?.hasInput ?? false);
  }

  /**
   * The next key; undefined at end of input (hang-up). Blocks; a signal with a handler (SIGALRM,
   * SIGWINCH, SIGINT) makes it throw SyscallError EINTR.
   */
  async readKey(): Promise<Key | undefined> {
    for (;;) {
      const k = this.pending.shift();
      if (k) return k;
      const data = await this.proc.read(this.fd, 256);
      if (data === '') return undefined;
      this.pending.push(...decodeKeys(data));
    }
  }

  /**
   * Read a line at a prompt (top's "PID to kill:", less's "/pattern"), echoing it: Backspace
   * erases, ^U clears, Enter ends it. Keys typed ahead are used first. Ends with undefined at
   * end of input, or when `cancel` keys (Escape, ^C when signals are off) are typed.
   */
  async readLine(options: { cancel?: boolean } = {}): Promise<string | undefined> {
    let line = '';
    for (;;) {
      const k = await this.readKey();
      if (!k) return undefined;
      if (k.kind === 'escape' && options.cancel) return undefined;
      if (k.kind !== 'char') continue;
      const ch = k.ch;
      if (ch === '\r' || ch === '\n') return line;
      if (ch === '\x03' && options.cancel) return undefined;
      if (ch === '\x7f' || ch === '\b') {
        if (line.length > 0) {
          line = line.slice(0, -1);
          await this.proc.out('\b \b');
        }
      } else if (ch === '\x15') {
        await this.proc.out('\b \b'.repeat(line.length));
        line = '';
      } else if (ch >= ' ') {
        line += ch;
        await this.proc.out(ch);
      }
    }
  }
}

/** Is this the EINTR a handled signal raises in a blocking call? */
export function isInterrupt(e: unknown): boolean {
  return e instanceof SyscallError && e.code === 'EINTR';
}

/** xterm control sequences. */
export const ESC = {
  home: '\x1b[H',
  clear: '\x1b[H\x1b[2J',
  clearEol: '\x1b[K',
  clearEos: '\x1b[J',
  reverse: '\x1b[7m',
  bold: '\x1b[1m',
  normal: '\x1b[m',
  goto: (row: number, col: number) => `\x1b[${row + 1};${col + 1}H`,
  /** Alternate screen (smcup/rmcup), used by less and nano. */
  enterCa: '\x1b[?1049h',
  exitCa: '\x1b[?1049l',
  showCursor: '\x1b[?25h',
  hideCursor: '\x1b[?25l',
} as const;

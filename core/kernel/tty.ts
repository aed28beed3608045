/**
 * A terminal and its line discipline (n_tty): canonical line editing, echo, signal characters,
 * job-control checks and flow control towards the screen. The renderer and the CLI only move bytes.
 */
import { SyscallError } from './errno.js';
import { OpenFile, O_RDWR, type FileOps } from './file.js';
import type { Kernel } from './kernel.js';
import { SIG } from './signals.js';
import type { Task } from './task.js';
import { WaitQueue } from './wait-queue.js';

export interface Termios {
  icanon: boolean;
  echo: boolean;
  /** Erase characters visually on ERASE (echo "\b \b"). */
  echoe: boolean;
  /** Echo control characters as ^X. */
  echoctl: boolean;
  isig: boolean;
  /** Map CR to NL on input. */
  icrnl: boolean;
  /** Map NL to CR-NL on output. */
  onlcr: boolean;
  /** Stop background jobs that write (off by default, as on Linux). */
  tostop: boolean;
}

export const DEFAULT_TERMIOS: Termios = { icanon: true, echo: true, echoe: true, echoctl: true, isig: true, icrnl: true, onlcr: true, tostop: false };

const EOF_MARK = '\u0000EOF';
const CTRL = (c: string) => String.fromCharCode(c.charCodeAt(0) & 0x1f);
export const VINTR = CTRL('C');
export const VQUIT = '\x1c';
export const VERASE = '\x7f';
export const VKILL = CTRL('U');
export const VEOF = CTRL('D');
export const VWERASE = CTRL('W');
export const VSUSP = CTRL('Z');

/** Unacknowledged output above which writers wait for the screen to catch up. */
const HIGH_WATER = 64 * 1024;
const LOW_WATER = 16 * 1024;

export class Tty {
  termios: Termios = { ...DEFAULT_TERMIOS };
  cols: number;
  rows: number;
  /** Session that owns this terminal and its foreground process group. */
  sessionId = 0;
  foregroundPgrp = 0;

  /** The line being edited (canonical mode). */
  private editing = '';
  /** Input ready for readers: completed lines (canonical) or characters (raw); EOF_MARK for ^D. */
  private ready: string[] = [];
  private readonly readable = new WaitQueue();
  private readonly drained = new WaitQueue();
  private unacknowledged = 0;
  /** How many tasks are blocked reading this terminal (script replay types the next line then). */
  readersWaiting = 0;
  hungUp = false;

  constructor(
    readonly kernel: Kernel,
    /** Device name as ps and tty(1) show it, e.g. "pts/0". */
    readonly name: string,
    size: { cols: number; rows: number },
    /** Where the screen's bytes go. */
    private readonly sink: (data: string) => void,
  ) {
    this.cols = size.cols;
    this.rows = size.rows;
  }

  // ----- from the keyboard ----------------------------------------------------------------------

  receive(data: string): void {
    for (const raw of data) this.receiveChar(raw);
  }

  private receiveChar(raw: string): void {
    const t = this.termios;
    const ch = t.icrnl && raw === '\r' ? '\n' : raw;
    if (t.isig && (ch === VINTR || ch === VQUIT || ch === VSUSP)) {
      // Linux echoes ^C only with ECHO on: at a readline prompt (echo off) nothing is shown.
      if (t.echo && t.echoctl) this.echo(this.controlEcho(ch));
      this.editing = '';
      if (ch !== VSUSP) this.ready = [];
      this.signalForeground(ch === VINTR ? SIG.INT : ch === VQUIT ? SIG.QUIT : SIG.TSTP);
      return;
    }
    if (!t.icanon) {
      this.ready.push(ch);
      if (t.echo) this.echo(ch === '\n' ? '\n' : ch);
      this.readable.wakeAll();
      return;
    }
    switch (ch) {
      case VERASE:
      case '\b':
        if (this.editing.length > 0) {
          const last = [...this.editing].pop()!;
          this.editing = this.editing.slice(0, -last.length);
          if (t.echo && t.echoe) this.echo(this.isControl(last) && t.echoctl ? '\b\b  \b\b' : '\b \b');
        }
        return;
      case VKILL:
        if (t.echo) this.echo('\b \b'.repeat([...this.editing].length));
        this.editing = '';
        return;
      case VWERASE: {
        const cut = this.editing.length - (this.editing.replace(/\S+\s*$/, '').length);
        if (t.echo) this.echo('\b \b'.repeat(cut));
        this.editing = this.editing.slice(0, this.editing.length - cut);
        return;
      }
      case VEOF:
        this.ready.push(this.editing.length ? this.editing : EOF_MARK);
        this.editing = '';
        this.readable.wakeAll();
        return;
      case '\n':
        this.ready.push(this.editing + '\n');
        this.editing = '';
        if (t.echo) this.echo('\n');
        this.readable.wakeAll();
        return;
      default:
        this.editing += ch;
        if (t.echo) this.echo(this.isControl(ch) && t.echoctl ? this.controlEcho(ch) : ch);
    }
  }

  private isControl(ch: string): boolean {
    const c = ch.charCodeAt(0);
    return (c < 0x20 && ch !== '\t' && ch !== '\n') || c === 0x7f;
  }

  private controlEcho(ch: string): string {
    const c = ch.charCodeAt(0);
    return c === 0x7f ? '^?' : '^' + String.fromCharCode(c + 64);
  }

  private echo(s: string): void {
    this.emit(s);
  }

  private signalForeground(sig: number): void {
    if (this.foregroundPgrp) this.kernel.signalGroup(this.foregroundPgrp, sig);
  }

  /** Discard typed-ahead input (tcflush), e.g. after ^C. */
  flushInput(): void {
    this.ready = [];
    this.editing = '';
  }

  // ----- reading ----------------------------------------------------------------------------------

  async read(task: Task, max: number): Promise<string> {
    for (;;) {
      await this.checkBackground(task, SIG.TTIN);
      if (this.ready.length > 0) break;
      if (this.hungUp) return '';
      this.readersWaiting++;
      try {
        await task.waitOn(this.readable, 'n_tty_read');
      } finally {
        this.readersWaiting--;
      }
    }
    const first = this.ready[0]!;
    if (first === EOF_MARK) {
      this.ready.shift();
      return '';
    }
    if (this.termios.icanon) {
      // One line at most per read, as in canonical mode.
      if (first.length <= max) {
        this.ready.shift();
        return first;
      }
      this.ready[0] = first.slice(max);
      return first.slice(0, max);
    }
    let out = '';
    while (this.ready.length > 0 && out.length < max && this.ready[0] !== EOF_MARK) out += this.ready.shift();
    return out;
  }

  /** Is there input a reader could take without blocking? */
  get hasInput(): boolean {
    return this.ready.length > 0;
  }

  /** Job control: a background process reading (or writing with tostop) its terminal is stopped. */
  private async checkBackground(task: Task, sig: number): Promise<void> {
    if (task.tty !== this || !this.foregroundPgrp || task.pgid === this.foregroundPgrp) return;
    const d = task.disposition(sig);
    if (d === 'ignore') {
      if (sig === SIG.TTIN) throw new SyscallError('EIO');
      return;
    }
    this.kernel.signalGroup(task.pgid, sig);
    await task.deliverSignals(true);
  }

  // ----- writing ----------------------------------------------------------------------------------

  async write(task: Task, data: string): Promise<number> {
    if (this.hungUp) throw new SyscallError('EIO');
    if (this.termios.tostop) await this.checkBackground(task, SIG.TTOU);
    while (this.unacknowledged > HIGH_WATER) await task.waitOn(this.drained, 'tty_write');
    this.emit(data);
    return data.length;
  }

  /** Output straight to the screen (echo, kernel messages): no flow control. */
  emit(data: string): void {
    if (this.hungUp || data.length === 0) return;
    const out = this.termios.onlcr ? data.replace(/\n/g, '\r\n') : data;
    this.unacknowledged += out.length;
    this.sink(out);
  }

  /** The screen has rendered this many characters. */
  acknowledge(characters: number): void {
    this.unacknowledged = Math.max(0, this.unacknowledged - characters);
    if (this.unacknowledged < LOW_WATER) this.drained.wakeAll();
  }

  // ----- control ----------------------------------------------------------------------------------

  resize(cols: number, rows: number): void {
    if (cols === this.cols && rows === this.rows) return;
    this.cols = cols;
    this.rows = rows;
    this.signalForeground(SIG.WINCH);
  }

  /** The terminal went away: SIGHUP to the session, readers get EOF. */
  hangUp(): void {
    if (this.hungUp) return;
    this.hungUp = true;
    for (const t of this.kernel.tasks.values()) {
      if (t.sid === this.sessionId && t.alive && t.tty === this) {
        this.kernel.sendSignal(t, SIG.HUP);
        this.kernel.sendSignal(t, SIG.CONT);
      }
    }
    this.readable.wakeAll();
    this.drained.wakeAll();
  }

  /** An open file description for this terminal (stdin/stdout/stderr of a login shell). */
  open(): OpenFile {
    return new OpenFile(ttyOps, O_RDWR, `/dev/${this.name}`, this);
  }
}

const ttyOps: FileOps = {
  kind: 'tty',
  read: (task, file, max) => (file.target as Tty).read(task, max),
  write: (task, file, data) => (file.target as Tty).write(task, data),
};

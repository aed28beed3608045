/**
 * A task (process) of the emulated kernel. Its program is an async JavaScript function; the task
 * blocks only through waitOn(), which is where signals are noticed, as in a real kernel where
 * signals are delivered on the way back from a system call.
 */
import { SyscallError } from './errno.js';
import { FdTable } from './file.js';
import type { Kernel } from './kernel.js';
import { SIG, defaultAction } from './signals.js';
import { TaskTermination } from './termination.js';
import { WaitQueue } from './wait-queue.js';
import type { Tty } from './tty.js';

export type TaskState = 'running' | 'sleeping' | 'stopped' | 'zombie';

export type SignalHandler = (sig: number) => void;
export type Disposition = 'default' | 'ignore' | SignalHandler;

/** How a task ended or changed state, as waitpid() reports it. */
export type WaitStatus =
  | { kind: 'exited'; code: number }
  | { kind: 'signaled'; signal: number; coreDumped: boolean }
  | { kind: 'stopped'; signal: number }
  | { kind: 'continued' };

export interface Credentials {
  uid: number;
  gid: number;
  euid: number;
  egid: number;
  groups: number[];
  /** Effective capabilities (bit set, see capabilities.ts). */
  caps: bigint;
}

export interface ResourceLimit {
  soft: number; // Infinity = unlimited
  hard: number;
}

export type RlimitName = 'cpu' | 'fsize' | 'data' | 'stack' | 'core' | 'rss' | 'nproc' | 'nofile' | 'memlock' | 'as';

/** Everything a task carries about files: the VFS fills in the location types. */
export interface FsContext {
  root: unknown;
  cwd: unknown;
  umask: number;
  /** The mount namespace the task lives in. */
  namespace: unknown;
}

export class Task {
  state: TaskState = 'running';
  parent: Task | undefined;
  readonly children = new Set<Task>();
  /** Woken when a child exits, stops or continues. */
  readonly childEvents = new WaitQueue();
  /** Woken on SIGCONT while stopped. */
  private readonly continued = new WaitQueue();

  pgid: number;
  sid: number;
  /** The controlling terminal, if any. */
  tty: Tty | undefined;

  comm = '';
  argv: string[] = [];
  /** The environment given at exec time, as /proc/PID/environ would show it. */
  env: Record<string, string> = {};
  /** The file this task executes, as an absolute path in its root. */
  exePath = '';

  fds = new FdTable();
  fs: FsContext;
  cred: Credentials;
  /** Security context (Linux-VServer xid) and network context (nid). */
  xid = 0;
  nid = 0;
  rlimits: Record<RlimitName, ResourceLimit>;
  nice = 0;

  readonly pending = new Set<number>();
  readonly dispositions = new Map<number, Disposition>();

  /** The status waitpid() will report; undefined while nothing is to report. */
  reportable: WaitStatus | undefined;
  exitStatus: WaitStatus | undefined;

  readonly startTimeMs: number;
  utimeMs = 0;
  stimeMs = 0;
  /** Simulated memory footprint in KiB (ps VSZ/RSS). */
  vszKb = 0;
  rssKb = 0;
  /** A short word for ps's WCHAN-like state when sleeping (e.g. "pipe_w", "n_tty_r"). */
  waitChannel = '';
  /** Simulated uptime (ms) up to which this task's CPU use is accounted. */
  chargedUntilMs: number;

  private wake: (() => void) | undefined;
  /** Set when a world restore discarded this task: its program must never run again. */
  defunct = false;

  constructor(
    readonly kernel: Kernel,
    readonly pid: number,
    init: { parent?: Task; pgid: number; sid: number; cred: Credentials; fs: FsContext; rlimits: Record<RlimitName, ResourceLimit> },
  ) {
    this.parent = init.parent;
    this.pgid = init.pgid;
    this.sid = init.sid;
    this.cred = init.cred;
    this.fs = init.fs;
    this.rlimits = init.rlimits;
    this.startTimeMs = kernel.clock.uptimeMs;
    this.chargedUntilMs = this.startTimeMs;
  }

  get ppid(): number {
    return this.parent?.pid ?? 0;
  }

  get alive(): boolean {
    return this.state !== 'zombie';
  }

  disposition(sig: number): Disposition {
    return this.dispositions.get(sig) ?? 'default';
  }

  /** Is a signal pending that would do something now (not ignored)? */
  hasDeliverableSignal(): boolean {
    for (const sig of this.pending) {
      const d = this.disposition(sig);
      if (sig === SIG.KILL || sig === SIG.STOP) return true;
      if (d === 'ignore') continue;
      if (d === 'default') {
        const a = defaultAction(sig);
        if (a === 'ignore' || a === 'continue') continue;
      }
      return true;
    }
    return false;
  }

  /** Wake the task from a sleep so that it notices a signal (a spurious wake-up: waits re-check). */
  interrupt(): void {
    const wake = this.wake;
    this.wake = undefined;
    wake?.();
  }

  /**
   * Sleep until the queue is woken. Callers loop on their condition, so spurious wake-ups are fine.
   * Throws TaskTermination for a fatal signal and EINTR after running a handler.
   */
  async waitOn(queue: WaitQueue, channel = 'wait'): Promise<void> {
    // Act on signals first, then return as a spurious wake-up: the caller re-checks its condition.
    // Registering on the queue must not follow an await, or a wake-up could be lost in between.
    if (this.pending.size > 0 && this.hasDeliverableSignal()) {
      await this.deliverSignals(true);
      return;
    }
    await new Promise<void>((resolve) => {
      const done = () => {
        remove();
        this.wake = undefined;
        resolve();
      };
      const remove = queue.add(done);
      this.wake = done;
      this.kernel.noteSleeping(this, channel);
    });
    if (this.defunct) throw new TaskTermination('signal', SIG.KILL);
    this.kernel.noteRunning(this);
    await this.deliverSignals(true);
  }

  /** Act on pending signals: default actions, handlers, stops. */
  async deliverSignals(interruptible: boolean): Promise<void> {
    if (this.defunct) throw new TaskTermination('signal', SIG.KILL);
    let handled = false;
    while (this.pending.size > 0) {
      const sig = this.takeNextSignal();
      if (sig === undefined) break;
      if (sig === SIG.KILL) throw new TaskTermination('signal', SIG.KILL);
      if (sig === SIG.STOP) {
        await this.stop(sig);
        continue;
      }
      const d = this.disposition(sig);
      if (d === 'ignore') continue;
      if (d === 'default') {
        const action = defaultAction(sig);
        if (action === 'ignore' || action === 'continue') continue;
        if (action === 'stop') {
          await this.stop(sig);
          continue;
        }
        throw new TaskTermination('signal', sig, action === 'core');
      }
      d(sig);
      handled = true;
    }
    if (handled && interruptible) throw new SyscallError('EINTR');
  }

  private takeNextSignal(): number | undefined {
    // Lowest number first, as Linux does for standard signals; KILL wins over all.
    if (this.pending.has(SIG.KILL)) {
      this.pending.delete(SIG.KILL);
      return SIG.KILL;
    }
    let best: number | undefined;
    for (const s of this.pending) if (best === undefined || s < best) best = s;
    if (best !== undefined) this.pending.delete(best);
    return best;
  }

  private async stop(sig: number): Promise<void> {
    this.kernel.noteStopped(this, sig);
    while (this.state === 'stopped') {
      await new Promise<void>((resolve) => {
        const done = () => {
          remove();
          this.wake = undefined;
          resolve();
        };
        const remove = this.continued.add(done);
        this.wake = done;
      });
      if (this.pending.has(SIG.KILL)) break;
    }
    if (this.state === 'stopped') this.kernel.noteRunning(this);
  }

  /** Called by the kernel on SIGCONT (or SIGKILL) for a stopped task. */
  resumeFromStop(): void {
    this.continued.wakeAll();
    this.interrupt();
  }
}

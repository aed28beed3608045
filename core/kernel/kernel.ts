/**
 * The emulated kernel's process side: the task table, fork/exec/exit/wait, signals, process groups
 * and sessions, and a cooperative scheduler that lets busy programs give the host a turn.
 */
import type { HostHooks } from '../api.js';
import { ALL_CAPABILITIES } from './capabilities.js';
import { SimClock } from './clock.js';
import { SyscallError } from './errno.js';
import { SIG, defaultAction, signalName } from './signals.js';
import { Task, type Credentials, type FsContext, type ResourceLimit, type RlimitName, type WaitStatus } from './task.js';
import { TaskTermination, isTermination } from './termination.js';
import { WaitQueue } from './wait-queue.js';
import { VxRegistry } from './vserver/context.js';
import { VXF } from './vserver/bits.js';

/** A program's entry point. It returns the exit status (0–255). */
export type ProgramMain<P> = (process: P) => Promise<number>;

/** Named execution limits: hitting one gives a teachable error, never a frozen app. */
export interface ExecutionLimits {
  /** Highest pid before wrapping (Linux pid_max). */
  pidMax: number;
  /** System-wide task limit (fork fails with EAGAIN beyond it). */
  maxTasks: number;
  /** Checkpoints between two turns given to the host (keeps Ctrl-C responsive). */
  stepsPerHostTurn: number;
}

export const DEFAULT_LIMITS: ExecutionLimits = { pidMax: 32768, maxTasks: 4096, stepsPerHostTurn: 2000 };

export function defaultRlimits(): Record<RlimitName, ResourceLimit> {
  return {
    cpu: { soft: Infinity, hard: Infinity },
    fsize: { soft: Infinity, hard: Infinity },
    data: { soft: Infinity, hard: Infinity },
    stack: { soft: 8192 * 1024, hard: Infinity },
    core: { soft: 0, hard: Infinity },
    rss: { soft: Infinity, hard: Infinity },
    nproc: { soft: 16383, hard: 16383 },
    nofile: { soft: 1024, hard: 1024 },
    memlock: { soft: 32 * 1024, hard: 32 * 1024 },
    as: { soft: Infinity, hard: Infinity },
  };
}

function copyRlimits(r: Record<RlimitName, ResourceLimit>): Record<RlimitName, ResourceLimit> {
  const out = {} as Record<RlimitName, ResourceLimit>;
  for (const k in r) out[k as RlimitName] = { soft: r[k as RlimitName].soft, hard: r[k as RlimitName].hard };
  return out;
}

export const ROOT_CREDENTIALS: Credentials = { uid: 0, gid: 0, euid: 0, egid: 0, groups: [0], caps: ALL_CAPABILITIES };

export interface SpawnOptions {
  /** Process group to join; 0 = a new group led by the child (setpgid(0,0)). Default: the parent's. */
  pgid?: number;
}

export class Kernel {
  readonly tasks = new Map<number, Task>();
  private lastPid = 0;
  private runningCount = 0;
  private steps = 0;
  private pipeIds = 0;
  /** Woken whenever any task sleeps, so settle() can notice idleness. */
  readonly anyTaskSlept = new WaitQueue();
  /** Linux-VServer security contexts of this kernel. */
  readonly vx: VxRegistry;

  constructor(
    readonly clock: SimClock,
    readonly hooks: HostHooks,
    readonly limits: ExecutionLimits = DEFAULT_LIMITS,
  ) {
    this.vx = new VxRegistry(() => clock.uptimeMs);
  }

  // ----- pids ---------------------------------------------------------------------------------

  /** Set where pid allocation continues (world presets start interactive shells at realistic pids). */
  setLastPid(pid: number): void {
    this.lastPid = pid;
  }

  private allocatePid(): number {
    for (let tries = 0; tries < this.limits.pidMax; tries++) {
      this.lastPid = this.lastPid >= this.limits.pidMax - 1 ? 300 : this.lastPid + 1;
      if (!this.tasks.has(this.lastPid)) return this.lastPid;
    }
    throw new SyscallError('EAGAIN');
  }

  nextPipeId(): number {
    return 10000 + ++this.pipeIds;
  }

  // ----- creation -----------------------------------------------------------------------------

  /** The first task (pid 1) or a kernel-made task without a parent. */
  createRootTask(fs: FsContext): Task {
    const pid = this.allocatePid();
    const task = new Task(this, pid, { pgid: pid, sid: pid, cred: { ...ROOT_CREDENTIALS, groups: [0] }, fs, rlimits: defaultRlimits() });
    this.tasks.set(pid, task);
    this.runningCount++;
    this.vx.attach(task);
    return task;
  }

  /**
   * fork(): a child sharing nothing mutable with the parent but open file descriptions.
   * The child does not run until start() gives it a program.
   */
  fork(parent: Task, options: SpawnOptions = {}): Task {
    if (this.tasks.size >= this.limits.maxTasks) throw new SyscallError('EAGAIN', 'fork: task table full');
    const nproc = parent.rlimits.nproc.soft;
    // As in Linux, RLIMIT_NPROC does not bind tasks with CAP_SYS_ADMIN or CAP_SYS_RESOURCE.
    const exempt = (parent.cred.caps & ((1n << 21n) | (1n << 24n))) !== 0n;
    if (!exempt && nproc !== Infinity) {
      let count = 0;
      for (const t of this.tasks.values()) if (t.cred.uid === parent.cred.uid && t.xid === parent.xid && t.alive) count++;
      if (count >= nproc) throw new SyscallError('EAGAIN', 'fork: RLIMIT_NPROC');
    }
    this.checkContextProcessLimit(parent.xid);
    this.checkContextLimit(parent, 'as', Math.ceil(parent.vszKb / 4), 'ENOMEM');
    const pid = this.allocatePid();
    const child = new Task(this, pid, {
      parent,
      pgid: parent.pgid,
      sid: parent.sid,
      cred: { ...parent.cred, groups: [...parent.cred.groups] },
      fs: { ...parent.fs },
      rlimits: copyRlimits(parent.rlimits),
    });
    child.tty = parent.tty;
    child.comm = parent.comm;
    child.argv = parent.argv;
    child.env = parent.env;
    child.exePath = parent.exePath;
    child.xid = parent.xid;
    child.nid = parent.nid;
    child.nice = parent.nice;
    child.vszKb = parent.vszKb;
    child.rssKb = parent.rssKb;
    child.fds = parent.fds.clone();
    for (const [sig, d] of parent.dispositions) child.dispositions.set(sig, d);
    if (options.pgid !== undefined) child.pgid = options.pgid === 0 ? pid : options.pgid;
    parent.children.add(child);
    this.tasks.set(pid, child);
    this.runningCount++;
    this.vx.attach(child);
    return child;
  }

  /**
   * A context limit on a sum over the guest's tasks (vlimit --as in pages of address space,
   * --openfd in descriptors): throws `errno` and counts a hit when `extra` more would pass it.
   */
  checkContextLimit(task: Task, name: 'as' | 'openfd', extra: number, errno: 'ENOMEM' | 'EMFILE' | 'EAGAIN'): void {
    const ctx = this.vx.get(task.xid);
    const limit = ctx?.limits.get(name);
    if (!ctx || !limit || extra <= 0) return;
    const max = Math.min(limit.soft, limit.hard);
    if (max === Infinity) return;
    let current = 0;
    for (const t of this.tasks.values()) {
      if (t.xid !== task.xid || !t.alive) continue;
      current += name === 'as' ? Math.ceil(t.vszKb / 4) : t.fds.openDescriptors().length;
    }
    if (current + extra > max) {
      limit.hits++;
      throw new SyscallError(errno, `context ${name} limit`);
    }
  }

  /** A context's process limit (vlimit --nproc) counts every task of the guest: EAGAIN beyond it. */
  private checkContextProcessLimit(xid: number): void {
    const ctx = this.vx.get(xid);
    if (!ctx) return;
    const limit = ctx.limits.get('nproc');
    if (!limit) return;
    if (this.vx.tasksIn(xid) >= Math.min(limit.soft, limit.hard)) {
      limit.hits++;
      throw new SyscallError('EAGAIN', 'fork: context process limit');
    }
  }

  /** Run a program in a task. The task exits when the program returns or is terminated. */
  start(task: Task, main: () => Promise<number>): void {
    void this.run(task, main);
  }

  private async run(task: Task, main: () => Promise<number>): Promise<void> {
    let status: WaitStatus;
    try {
      // Let the creator finish its own bookkeeping (setpgid, wait registration) first, as after fork().
      await Promise.resolve();
      const code = await main();
      status = { kind: 'exited', code: code & 0xff };
    } catch (e) {
      status = this.statusFromThrown(task, e);
    }
    this.exit(task, status);
  }

  private statusFromThrown(task: Task, e: unknown): WaitStatus {
    if (isTermination(e)) {
      return e.kind === 'exit' ? { kind: 'exited', code: e.value & 0xff } : { kind: 'signaled', signal: e.value, coreDumped: e.coreDumped };
    }
    if (e instanceof SyscallError) return { kind: 'exited', code: 1 };
    // A bug in a program: say so in the shell's voice, keep details for the debug log.
    this.hooks.debug?.(`internal error in ${task.comm} (pid ${task.pid}): ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
    this.reportInternalError(task);
    return { kind: 'exited', code: 70 };
  }

  /** Hook for the process layer to print "bash: NAME: internal error" on the task's stderr. */
  reportInternalError: (task: Task) => void = () => {};

  exit(task: Task, status: WaitStatus): void {
    if (!task.alive || task.defunct) return;
    if (task.state === 'running') this.runningCount--;
    task.state = 'zombie';
    task.exitStatus = status;
    task.reportable = status;
    task.pending.clear();
    task.fds.closeAll();
    this.vx.detach(task);
    this.onExit?.(task);
    // Orphans go to init (pid 1), which reaps them.
    const init = this.tasks.get(1);
    for (const child of task.children) {
      child.parent = init && init !== task ? init : undefined;
      if (child.parent) {
        child.parent.children.add(child);
        if (child.state === 'zombie') child.parent.childEvents.wakeAll();
      } else if (child.state === 'zombie') this.tasks.delete(child.pid);
    }
    task.children.clear();
    const parent = task.parent;
    if (parent && parent.alive) {
      if (parent.disposition(SIG.CHLD) === 'ignore') this.reap(task);
      else {
        this.sendSignal(parent, SIG.CHLD);
        parent.childEvents.wakeAll();
      }
    } else {
      this.tasks.delete(task.pid);
    }
  }

  /** Called after a task exits (the process layer releases contexts, sockets, ttys). */
  onExit: ((task: Task) => void) | undefined;

  private reap(task: Task): void {
    task.parent?.children.delete(task);
    this.tasks.delete(task.pid);
  }

  // ----- wait ---------------------------------------------------------------------------------

  /**
   * waitpid(): pid > 0 a child, -1 any child, < -1 any child in group -pid, 0 any child in the caller's group.
   * Returns undefined with noHang when nothing is ready.
   */
  async waitpid(
    task: Task,
    pid: number,
    options: { noHang?: boolean; untraced?: boolean; continued?: boolean } = {},
  ): Promise<{ pid: number; status: WaitStatus } | undefined> {
    for (;;) {
      const candidates = [...task.children].filter((c) =>
        pid > 0 ? c.pid === pid : pid === -1 ? true : pid === 0 ? c.pgid === task.pgid : c.pgid === -pid,
      );
      if (candidates.length === 0) throw new SyscallError('ECHILD');
      for (const child of candidates) {
        const r = child.reportable;
        if (!r) continue;
        if (r.kind === 'stopped' && !options.untraced) continue;
        if (r.kind === 'continued' && !options.continued) continue;
        child.reportable = undefined;
        if (r.kind === 'exited' || r.kind === 'signaled') this.reap(child);
        return { pid: child.pid, status: r };
      }
      if (options.noHang) return undefined;
      await task.waitOn(task.childEvents, 'do_wait');
    }
  }

  // ----- signals ------------------------------------------------------------------------------

  /** Queue a signal for a task (permission checks are the caller's). */
  sendSignal(task: Task, sig: number): void {
    if (!task.alive || sig === 0) return;
    if (sig === SIG.KILL) {
      task.pending.add(sig);
      if (task.state === 'stopped') this.continueTask(task);
      task.interrupt();
      return;
    }
    if (sig === SIG.CONT) {
      for (const s of [SIG.STOP, SIG.TSTP, SIG.TTIN, SIG.TTOU]) task.pending.delete(s);
      if (task.state === 'stopped') this.continueTask(task);
      if (typeof task.disposition(sig) === 'function') {
        task.pending.add(sig);
        task.interrupt();
      }
      return;
    }
    if ([SIG.STOP, SIG.TSTP, SIG.TTIN, SIG.TTOU].includes(sig)) task.pending.delete(SIG.CONT);
    const d = task.disposition(sig);
    if (d === 'ignore' && sig !== SIG.STOP) return;
    if (d === 'default' && defaultAction(sig) === 'ignore') return;
    task.pending.add(sig);
    task.interrupt();
  }

  signalGroup(pgid: number, sig: number): number {
    let count = 0;
    for (const t of this.tasks.values()) {
      if (t.pgid === pgid && t.alive) {
        this.sendSignal(t, sig);
        count++;
      }
    }
    return count;
  }

  private continueTask(task: Task): void {
    task.state = 'running';
    this.runningCount++;
    task.reportable = { kind: 'continued' };
    task.parent?.childEvents.wakeAll();
    task.resumeFromStop();
  }

  // ----- scheduler bookkeeping ------------------------------------------------------------------

  noteSleeping(task: Task, channel: string): void {
    if (task.state === 'running') this.runningCount--;
    task.state = 'sleeping';
    task.waitChannel = channel;
    this.anyTaskSlept.wakeAll();
  }

  noteRunning(task: Task): void {
    // Time spent asleep or stopped is not CPU time.
    if (task.state !== 'running') task.chargedUntilMs = this.clock.uptimeMs;
    if (task.state === 'sleeping' || task.state === 'stopped') this.runningCount++;
    task.state = 'running';
    task.waitChannel = '';
  }

  noteStopped(task: Task, sig: number): void {
    if (task.state === 'running') this.runningCount--;
    task.state = 'stopped';
    task.reportable = { kind: 'stopped', signal: sig };
    const parent = task.parent;
    if (parent?.alive) {
      this.sendSignal(parent, SIG.CHLD);
      parent.childEvents.wakeAll();
    }
    this.anyTaskSlept.wakeAll();
  }

  /** How many tasks are executing or ready to (not sleeping, stopped or dead). */
  get runnable(): number {
    return this.runningCount;
  }

  get stepCount(): number {
    return this.steps;
  }

  /**
   * A preemption point, called by programs inside loops: charges CPU time, acts on signals and
   * now and then gives the host's event loop a turn so input (Ctrl-C) can arrive.
   */
  async checkpoint(task: Task, cpuMs = 0.001): Promise<void> {
    const holdMs = this.chargeCpu(task, cpuMs);
    if (holdMs > 0) await this.hold(task, holdMs);
    if (task.pending.size > 0) await task.deliverSignals(false);
    if (++this.steps % this.limits.stepsPerHostTurn === 0) {
      await this.hooks.yieldToHost();
      if (task.pending.size > 0) await task.deliverSignals(false);
    }
  }

  /** CPUs of the machine: busy tasks beyond this number share them. */
  cpuCount = 1;

  /**
   * Account the CPU a busy task used since it last ran: the simulated time that passed, shared
   * with the other runnable tasks (at least `minimumMs`). A context with `sched_hard` pays in
   * tokens of its bucket (one per millisecond at HZ=1000); when the bucket is empty the task goes
   * on hold. Returns how long to hold it (ms), 0 to go on.
   */
  private chargeCpu(task: Task, minimumMs: number): number {
    const now = this.clock.uptimeMs;
    const elapsed = Math.max(0, now - task.chargedUntilMs);
    task.chargedUntilMs = now;
    const share = Math.min(1, this.cpuCount / Math.max(1, this.runningCount));
    let used = Math.max(minimumMs, elapsed * share);
    const ctx = this.vx.get(task.xid);
    let holdMs = 0;
    if (ctx?.hasFlag(VXF.sched_hard)) {
      const b = ctx.sched;
      const rate = b.fillRate / b.interval;
      const available = b.tokens + Math.max(0, now - b.updatedMs) * rate;
      b.updatedMs = now;
      used = Math.min(used, available);
      b.tokens = Math.min(b.tokensMax, available - used);
      b.ticks += used;
      if (b.tokens < 1) holdMs = rate > 0 ? Math.ceil((b.tokensMin - b.tokens) / rate) : 1000;
    }
    task.utimeMs += used;
    return holdMs;
  }

  /** Put a task on hold (state H) for a while of simulated time. */
  private async hold(task: Task, ms: number): Promise<void> {
    const queue = new WaitQueue();
    let done = false;
    const timer = this.clock.after(ms, () => {
      done = true;
      queue.wakeAll();
    });
    try {
      while (!done) await task.waitOn(queue, 'vx_hold');
    } finally {
      timer.cancel();
    }
    const ctx = this.vx.get(task.xid);
    if (ctx) ctx.sched.holdTicks += ms;
  }

  /**
   * Linux-VServer's visibility rule (vs_pid.h): a task sees its own context, pid 1 (unless its
   * context has a fake init) and, from the spectator context 1, everything.
   */
  visibility(viewer: Task, target: Task): boolean {
    if (viewer.xid === 1 || viewer.xid === target.xid) return true;
    return target.pid === 1 && !this.vx.get(viewer.xid)?.hidesHostInit;
  }

  /**
   * The pid a viewer knows a task by: in a context with a fake init, its init is pid 1
   * (vx_map_tgid). Everything else keeps its pid.
   */
  pidSeenBy(viewer: Task, task: Task): number {
    if (viewer.xid < 2 || task.xid !== viewer.xid) return task.pid;
    const ctx = this.vx.get(viewer.xid);
    return ctx?.fakeInit && ctx.initpid === task.pid ? 1 : task.pid;
  }

  /** The task a viewer means by a pid (vx_rmap_tgid), if it may see it. */
  taskSeenBy(viewer: Task, pid: number): Task | undefined {
    if (pid === 1 && viewer.xid >= 2) {
      const ctx = this.vx.get(viewer.xid);
      if (ctx?.fakeInit) return this.tasks.get(ctx.initpid);
    }
    const task = this.tasks.get(pid);
    if (!task || !this.visibility(viewer, task)) return undefined;
    if (this.pidSeenBy(viewer, task) !== pid) return undefined;
    return task;
  }

  /** kill(2) permission: same context (the spectator may look but not touch), and CAP_KILL or the same user. */
  maySignal(sender: Task, target: Task): boolean {
    if (sender.xid === 1 && target.xid !== 1) return false;
    if (sender.xid !== target.xid && sender.xid !== 0) return false;
    if (sender.xid !== target.xid && target.pid !== 1) return false;
    if ((sender.cred.caps & (1n << 5n)) !== 0n) return true; // CAP_KILL
    return sender.cred.euid === target.cred.uid || sender.cred.uid === target.cred.uid;
  }

  // ----- snapshot and restore -------------------------------------------------------------------

  get lastAllocatedPid(): number {
    return this.lastPid;
  }

  /**
   * Discard every task at once (a world restore): their programs never run again and nothing
   * is reported to anyone.
   */
  discardAllTasks(): void {
    for (const t of this.tasks.values()) {
      t.defunct = true;
      t.state = 'zombie';
      t.interrupt();
    }
    this.tasks.clear();
    this.runningCount = 0;
  }

  /** Re-create a task with a given pid (restore); it does not run until start(). */
  recreateTask(pid: number, init: ConstructorParameters<typeof Task>[2]): Task {
    const task = new Task(this, pid, init);
    this.tasks.set(pid, task);
    this.runningCount++;
    return task;
  }

  describe(task: Task): string {
    return `${task.pid} (${task.comm}) ${task.state}${task.pending.size ? ' pending ' + [...task.pending].map(signalName).join(',') : ''}`;
  }

  /** A termination to throw from exit(). */
  static exitWith(code: number): TaskTermination {
    return new TaskTermination('exit', code);
  }
}

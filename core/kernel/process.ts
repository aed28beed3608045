/**
 * The system-call surface a program sees: its task's files, children, signals and terminal.
 * Programs (core/programs, the shell) receive one Process and use nothing else of the kernel.
 */
import { SyscallError } from './errno.js';
import { O_CLOEXEC, type OpenFile } from './file.js';
import type { Kernel } from './kernel.js';
import { createPipe } from './pipe.js';
import { SIG } from './signals.js';
import type { Disposition, Task, WaitStatus } from './task.js';
import { TaskTermination } from './termination.js';
import { Tty, type Termios } from './tty.js';
import { WaitQueue } from './wait-queue.js';
import { VserverCalls } from './vserver/calls.js';
import type { FsCalls } from './fs-calls.js';
import type { NetCalls } from './net-calls.js';

/** What a machine offers the process layer: loading programs and the kernel's other subsystems. */
export interface ProcessHost {
  readonly kernel: Kernel;
  /** Find and prepare the program a path names (a program file or a #! script). */
  loadProgram(task: Task, path: string, argv: string[]): LoadedProgram;
  /** Make the Process object for a task (the machine adds filesystem and network calls). */
  processFor(task: Task): Process;
  /** open(2) through the task's root, cwd and credentials. */
  openFile(task: Task, path: string, flags: number, mode: number): OpenFile;
  /** The other filesystem calls, bound to a task. */
  fsFor(task: Task): FsCalls;
  /** uname(2) as a task sees it (Linux-VServer virtualises it per context). */
  uname(task: Task): Utsname;
  /** sethostname(2); throws EPERM without the capability. */
  setHostname(task: Task, name: string): void;
  /** The socket and network calls, bound to a task (absent on a machine without a network). */
  netFor?(task: Task): NetCalls;
}

export interface Utsname {
  sysname: string;
  nodename: string;
  release: string;
  version: string;
  machine: string;
  domainname: string;
}

export interface LoadedProgram {
  /** Absolute path of the executable in the task's root. */
  path: string;
  /** argv after #! handling. */
  argv: string[];
  /** Name as ps shows it (the file's base name, 15 characters at most). */
  comm: string;
  main: (process: Process) => Promise<number>;
  /** Simulated memory use in KiB, for ps and top. */
  vszKb?: number;
  rssKb?: number;
}

export interface ForkOptions {
  /** 0 = a new process group led by the child; otherwise the group to join. */
  pgid?: number;
  /** Set up the child's descriptors (redirections) before it runs. */
  fds?: (child: Process) => void;
}

export class Process {
  constructor(
    readonly task: Task,
    readonly host: ProcessHost,
  ) {}

  get kernel(): Kernel {
    return this.host.kernel;
  }
  get pid(): number {
    return this.task.pid;
  }
  get argv(): string[] {
    return this.task.argv;
  }
  get env(): Record<string, string> {
    return this.task.env;
  }

  // ----- descriptors and I/O ------------------------------------------------------------------

  file(fd: number): OpenFile {
    return this.task.fds.get(fd);
  }

  async read(fd: number, max = 65536): Promise<string> {
    const file = this.file(fd);
    if (!file.readable || !file.ops.read) throw new SyscallError('EBADF');
    return file.ops.read(this.task, file, max);
  }

  /** Read until end of file. */
  async readAll(fd: number): Promise<string> {
    const parts: string[] = [];
    for (;;) {
      const chunk = await this.read(fd);
      if (chunk === '') return parts.join('');
      parts.push(chunk);
      await this.checkpoint();
    }
  }

  /** Lines of a descriptor, without their newline; the last one may lack it. */
  async *lines(fd: number): AsyncGenerator<string> {
    let pending = '';
    for (;;) {
      const chunk = await this.read(fd);
      if (chunk === '') break;
      pending += chunk;
      let nl: number;
      while ((nl = pending.indexOf('\n')) >= 0) {
        yield pending.slice(0, nl);
        pending = pending.slice(nl + 1);
      }
    }
    if (pending !== '') yield pending;
  }

  async write(fd: number, data: string): Promise<void> {
    if (data === '') return;
    const file = this.file(fd);
    if (!file.writable || !file.ops.write) throw new SyscallError('EBADF');
    try {
      await file.ops.write(this.task, file, data);
    } catch (e) {
      // A signal raised by the write (SIGPIPE) is delivered on the way out, before the error.
      if (e instanceof SyscallError && this.task.pending.size > 0) await this.task.deliverSignals(false);
      throw e;
    }
  }

  /**
   * Write `length` zero bytes: on a regular file the blocks are allocated without the bytes being
   * built (a package's large files); elsewhere they are written in chunks.
   */
  async writeZeros(fd: number, length: number): Promise<void> {
    const file = this.file(fd);
    if (!file.writable) throw new SyscallError('EBADF');
    if (file.ops.writeZeros) {
      const n = await file.ops.writeZeros(this.task, file, length);
      if (n < length) throw new SyscallError('ENOSPC');
      return;
    }
    for (let left = length; left > 0; left -= 65536) await this.write(fd, '\0'.repeat(Math.min(left, 65536)));
  }

  /** Write to standard output. */
  out(data: string): Promise<void> {
    return this.write(1, data);
  }

  /** Write to standard error, ignoring failures (a closed stderr must not kill the program). */
  async err(data: string): Promise<void> {
    try {
      await this.write(2, data);
    } catch (e) {
      if (!(e instanceof SyscallError)) throw e;
    }
  }

  /** Filesystem calls (stat, readdir, mkdir, chdir, …) as this process. */
  get fs(): FsCalls {
    return this.host.fsFor(this.task);
  }

  /** Linux-VServer calls (contexts, their flags, capabilities, names, limits) as this process. */
  get vx(): VserverCalls {
    return new VserverCalls(this.kernel, this.task);
  }

  /** Socket and network calls (socket, bind, connect, …) as this process. ENOSYS without a network. */
  get net(): NetCalls {
    const calls = this.host.netFor?.(this.task);
    if (!calls) throw new SyscallError('ENOSYS', 'no network');
    return calls;
  }

  /** open(2): a descriptor for a path (O_RDONLY, O_WRONLY|O_CREAT|O_TRUNC, …). Throws SyscallError. */
  open(path: string, flags: number, mode = 0o666): number {
    const file = this.host.openFile(this.task, path, flags, mode);
    return this.install(file, 0, (flags & O_CLOEXEC) !== 0);
  }

  /** The whole content of a file (open, read to the end, close). */
  async readFile(path: string): Promise<string> {
    const fd = this.open(path, 0);
    try {
      return await this.readAll(fd);
    } finally {
      this.close(fd);
    }
  }

  install(file: OpenFile, from = 0, cloexec = false): number {
    this.kernel.checkContextLimit(this.task, 'openfd', 1, 'EMFILE');
    return this.task.fds.install(file, this.task.rlimits.nofile.soft, from, cloexec);
  }

  pipe(): [number, number] {
    const [r, w] = createPipe(this.kernel.nextPipeId());
    return [this.install(r), this.install(w)];
  }

  dup2(oldFd: number, newFd: number): void {
    this.task.fds.duplicateTo(oldFd, newFd, this.task.rlimits.nofile.soft);
  }

  /** dup() / fcntl(F_DUPFD): the lowest free descriptor ≥ from. */
  dup(fd: number, from = 0, cloexec = false): number {
    return this.install(this.file(fd), from, cloexec);
  }

  close(fd: number): void {
    this.task.fds.close(fd);
  }

  isOpen(fd: number): boolean {
    return this.task.fds.has(fd);
  }

  setCloseOnExec(fd: number, value = true): void {
    this.task.fds.setCloseOnExec(fd, value);
  }

  /** The terminal behind a descriptor, if it is one (isatty). */
  ttyOf(fd: number): Tty | undefined {
    if (!this.task.fds.has(fd)) return undefined;
    const target = this.file(fd).target;
    return target instanceof Tty ? target : undefined;
  }

  isatty(fd: number): boolean {
    return this.ttyOf(fd) !== undefined;
  }

  getTermios(fd: number): Termios {
    const tty = this.ttyOf(fd);
    if (!tty) throw new SyscallError('ENOTTY');
    return { ...tty.termios };
  }

  setTermios(fd: number, termios: Termios): void {
    const tty = this.ttyOf(fd);
    if (!tty) throw new SyscallError('ENOTTY');
    tty.termios = { ...termios };
  }

  // ----- processes ------------------------------------------------------------------------------

  /**
   * fork(): the child runs `body` with its own Process (a closure stands in for the copied memory).
   * Returns the child's pid.
   */
  fork(body: (child: Process) => Promise<number>, options: ForkOptions = {}): number {
    const childTask = this.kernel.fork(this.task, { pgid: options.pgid });
    const child = this.host.processFor(childTask);
    options.fds?.(child);
    this.kernel.start(childTask, () => body(child));
    return childTask.pid;
  }

  /** execve(): replace this task's program. Never returns; the task exits with the new program's status. */
  async exec(path: string, argv: string[], env: Record<string, string>): Promise<never> {
    const loaded = this.host.loadProgram(this.task, path, argv);
    const task = this.task;
    // A guest's address-space limit (vlimit --as) counts the new image against the whole context.
    this.kernel.checkContextLimit(task, 'as', Math.ceil((loaded.vszKb ?? 1500) / 4) - Math.ceil(task.vszKb / 4), 'ENOMEM');
    task.fds.closeOnExec();
    // Handlers do not survive exec; ignored signals stay ignored.
    for (const [sig, d] of task.dispositions) if (typeof d === 'function') task.dispositions.delete(sig);
    task.argv = loaded.argv;
    task.env = { ...env };
    task.comm = loaded.comm;
    task.exePath = loaded.path;
    task.vszKb = loaded.vszKb ?? 1500;
    task.rssKb = loaded.rssKb ?? 500;
    const code = await loaded.main(this.host.processFor(task));
    throw new TaskTermination('exit', code);
  }

  /** fork + exec in one step: a child running the program at `path`. */
  spawn(path: string, argv: string[], env: Record<string, string>, options: ForkOptions = {}): number {
    return this.fork((child) => child.exec(path, argv, env), options);
  }

  waitpid(pid: number, options: { noHang?: boolean; untraced?: boolean; continued?: boolean } = {}) {
    return this.kernel.waitpid(this.task, pid, options);
  }

  /** Wait for one child and give its status as a shell would ($?). */
  async waitStatus(pid: number): Promise<WaitStatus> {
    const r = await this.waitpid(pid);
    return r!.status;
  }

  exit(code: number): never {
    throw new TaskTermination('exit', code);
  }

  /** kill(2): pid > 0 one task, 0 the caller's group, -1 every task it may signal, < -1 group -pid. */
  kill(pid: number, sig: number): void {
    const targets = this.signalTargets(pid);
    if (targets.length === 0) throw new SyscallError('ESRCH');
    let permitted = 0;
    for (const t of targets) {
      if (!this.maySignal(t)) continue;
      permitted++;
      this.kernel.sendSignal(t, sig);
    }
    if (permitted === 0) throw new SyscallError('EPERM');
  }

  private signalTargets(pid: number): Task[] {
    if (pid > 0) {
      const target = this.kernel.taskSeenBy(this.task, pid);
      return target?.alive ? [target] : [];
    }
    const tasks = [...this.kernel.tasks.values()].filter((t) => t.alive && this.canSee(t));
    if (pid === 0) return tasks.filter((t) => t.pgid === this.task.pgid);
    if (pid === -1) return tasks.filter((t) => t.pid !== 1 && t !== this.task);
    return tasks.filter((t) => t.pgid === -pid);
  }

  /** Visibility between contexts; the VServer layer refines this (spectator, fake init). */
  canSee(other: Task): boolean {
    return this.host.kernel.visibility(this.task, other);
  }

  private maySignal(target: Task): boolean {
    return this.host.kernel.maySignal(this.task, target);
  }

  /** setpgid(pid, pgid); pid 0 = self, pgid 0 = pid. */
  setpgid(pid: number, pgid: number): void {
    const target = pid === 0 ? this.task : this.kernel.tasks.get(pid);
    if (!target || (target !== this.task && target.parent !== this.task)) throw new SyscallError('ESRCH');
    target.pgid = pgid === 0 ? target.pid : pgid;
  }

  setsid(): number {
    const t = this.task;
    if (t.pgid === t.pid) throw new SyscallError('EPERM');
    t.sid = t.pid;
    t.pgid = t.pid;
    t.tty = undefined;
    return t.sid;
  }

  /** Make a terminal this session's controlling terminal (the login shell's set-up). */
  acquireTerminal(tty: Tty): void {
    this.task.tty = tty;
    tty.sessionId = this.task.sid;
    tty.foregroundPgrp = this.task.pgid;
  }

  tcsetpgrp(fd: number, pgid: number): void {
    const tty = this.ttyOf(fd);
    if (!tty || this.task.tty !== tty) throw new SyscallError('ENOTTY');
    tty.foregroundPgrp = pgid;
  }

  tcgetpgrp(fd: number): number {
    const tty = this.ttyOf(fd);
    if (!tty) throw new SyscallError('ENOTTY');
    return tty.foregroundPgrp;
  }

  signal(sig: number, disposition: Disposition): void {
    if (sig === SIG.KILL || sig === SIG.STOP) throw new SyscallError('EINVAL');
    this.task.dispositions.set(sig, disposition);
  }

  /** Sleep in simulated time. Interrupted by a fatal signal (or EINTR after a handler). */
  async sleep(ms: number): Promise<void> {
    const queue = new WaitQueue();
    let done = false;
    const timer = this.kernel.clock.after(ms, () => {
      done = true;
      queue.wakeAll();
    });
    try {
      while (!done) await this.task.waitOn(queue, 'hrtimer_nanosleep');
    } finally {
      timer.cancel();
    }
  }

  /** A preemption point for loops: signals, CPU accounting, a turn for the host now and then. */
  checkpoint(cpuMs?: number): Promise<void> {
    return this.kernel.checkpoint(this.task, cpuMs);
  }

  uname(): Utsname {
    return this.host.uname(this.task);
  }

  /** Seconds since the Unix epoch, simulated. */
  time(): number {
    return this.kernel.clock.epochSeconds;
  }

  /** Flag so write errors on a closed pipe end a pipeline quietly, as SIGPIPE does. */
  static isBrokenPipe(e: unknown): boolean {
    return e instanceof SyscallError && e.code === 'EPIPE';
  }
}

export { O_CLOEXEC };

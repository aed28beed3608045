/**
 * One emulated computer: a kernel, a filesystem, a network stack, its consoles. It is the
 * ProcessHost of its tasks: exec() loads programs from files of its filesystem.
 */
import type { ConsoleMode, HostHooks } from '../api.js';
import { SyscallError } from '../kernel/errno.js';
import type { OpenFile } from '../kernel/file.js';
import type { FsCalls } from '../kernel/fs-calls.js';
import type { NetCalls } from '../kernel/net-calls.js';
import type { SimClock } from '../kernel/clock.js';
import { Kernel } from '../kernel/kernel.js';
import { hasCapability } from '../kernel/capabilities.js';
import { VXC } from '../kernel/vserver/bits.js';
import type { VxRegistry } from '../kernel/vserver/context.js';
import { moduleTable } from '../kernel/modules.js';
import { loopTable } from '../kernel/loop.js';
import { Process, type LoadedProgram, type ProcessHost, type Utsname } from '../kernel/process.js';
import type { Hardware } from '../kernel/procfs/hardware.js';
import type { Task } from '../kernel/task.js';
import { Tty } from '../kernel/tty.js';
import { idleForever } from '../programs/daemons/daemons.js';
import { findProgram } from '../programs/registry.js';
import { Console } from './console.js';
import { isSessionTask, recordTask, type MachineSnapshot } from './snapshot.js';
import type { Vfs } from '../kernel/vfs/vfs.js';
import type { NetStack } from '../net/index.js';

/** What the machine needs from its filesystem layer (implemented over the VFS in machine-fs.ts). */
export interface MachineFs {
  /** The filesystem context of pid 1: root, cwd, umask, mount namespace. */
  initialContext(): Task['fs'];
  openFile(task: Task, path: string, flags: number, mode: number): OpenFile;
  callsFor(task: Task): FsCalls;
  /** Resolve an executable for exec(): its absolute path, and what it runs. */
  executable(task: Task, path: string): { path: string; program?: string; read(): string };
}

export interface MachineConfig {
  /** Short name used for consoles and `--host` (e.g. scivm-xm4). */
  name: string;
  /** Fully qualified host name (uname -n). */
  hostname: string;
  hardware: Hardware;
  /** pid the first console's shell gets close to (the seed shows bash at 4400). */
  consolePidBase?: number;
}

/** A daemon started at boot: the program file and its argv. */
export interface BootService {
  path: string;
  argv: string[];
}

const KERNEL_THREADS = ['migration/0', 'ksoftirqd/0', 'migration/1', 'ksoftirqd/1', 'events/0', 'events/1', 'khelper', 'kthread', 'kblockd/0', 'kblockd/1', 'khubd', 'pdflush', 'pdflush', 'kswapd0', 'aio/0', 'aio/1', 'kseriod', 'kjournald'];

function structuredCloneLimits<T extends Record<string, { soft: number; hard: number }>>(r: T): T {
  return Object.fromEntries(Object.entries(r).map(([k, v]) => [k, { ...v }])) as T;
}

const LOGIN_ENV = (hostname: string): Record<string, string> => ({
  HOME: '/root',
  USER: 'root',
  LOGNAME: 'root',
  SHELL: '/bin/bash',
  TERM: 'xterm',
  PATH: '/usr/local/sbin:/usr/local/bin:/sbin:/bin:/usr/sbin:/usr/bin',
  MAIL: '/var/spool/mail/root',
  HOSTNAME: hostname,
  LANG: 'en_US.UTF-8',
});

export class Machine implements ProcessHost {
  readonly kernel: Kernel;
  fs!: MachineFs;
  hostname: string;
  domainname = '(none)';
  private consoleCount = 0;
  private readonly consoleShells = new Map<number, Console>();
  readonly consoles: Console[] = [];
  /**
   * Who may set the host name: CAP_SYS_ADMIN, or in a guest the set_utsname context capability
   * (vx_capable(CAP_SYS_ADMIN, VXC_SET_UTSNAME)).
   */
  maySetHostname(task: Task): boolean {
    if (hasCapability(task.cred.caps, 'SYS_ADMIN')) return true;
    return this.kernel.vx.get(task.xid)?.hasCcap(VXC.set_utsname) ?? false;
  }
  /** This machine's network stack (core/world/network-host.ts sets it; a world restore replaces it). */
  net: NetStack | undefined;
  /** ProcessHost: the socket and network calls of a task (set with the network). */
  netFor: ((task: Task) => NetCalls) | undefined;

  constructor(
    readonly config: MachineConfig,
    clock: SimClock,
    readonly hooks: HostHooks,
  ) {
    this.kernel = new Kernel(clock, hooks);
    this.kernel.cpuCount = Math.max(1, config.hardware.cpus.length);
    this.hostname = config.hostname;
    this.kernel.reportInternalError = (task) => {
      if (!task.fds.has(2)) return;
      const file = task.fds.get(2);
      void file.ops.write?.(task, file, `bash: ${task.comm}: internal error\n`).catch(() => {});
    };
    this.snapshotParticipants.set('vserver', {
      save: () => this.kernel.vx.save(),
      restore: (state) => this.kernel.vx.restore(state as ReturnType<VxRegistry['save']>),
    });
    this.snapshotParticipants.set('modules', { save: () => moduleTable(this.kernel).save(), restore: (state) => moduleTable(this.kernel).restore(state) });
    this.snapshotParticipants.set('loop', { save: () => loopTable(this.kernel).save(), restore: (state) => loopTable(this.kernel).restore(state) });
    this.kernel.onExit = (task) => {
      const s = task.exitStatus;
      const code = s?.kind === 'exited' ? s.code : s?.kind === 'signaled' ? 128 + s.signal : 0;
      this.exitWatchers.get(task.pid)?.(code);
      this.exitWatchers.delete(task.pid);
      const console = this.consoleShells.get(task.pid);
      if (console) {
        this.consoleShells.delete(task.pid);
        const s = task.exitStatus;
        console.ended(s?.kind === 'exited' ? s.code : s?.kind === 'signaled' ? 128 + s.signal : 0);
      }
    };
  }

  // ----- ProcessHost --------------------------------------------------------------------------

  processFor(task: Task): Process {
    return new Process(task, this);
  }

  openFile(task: Task, path: string, flags: number, mode: number): OpenFile {
    return this.fs.openFile(task, path, flags, mode & ~task.fs.umask);
  }

  fsFor(task: Task): FsCalls {
    return this.fs.callsFor(task);
  }

  loadProgram(task: Task, path: string, argv: string[], depth = 0): LoadedProgram {
    const exe = this.fs.executable(task, path);
    const comm = (exe.path.split('/').pop() ?? exe.path).slice(0, 15);
    if (exe.program !== undefined) {
      const spec = findProgram(exe.program);
      if (!spec) throw new SyscallError('ENOEXEC', exe.path);
      return { path: exe.path, argv, comm, main: spec.main, vszKb: spec.vszKb, rssKb: spec.rssKb };
    }
    const text = exe.read();
    if (depth < 4 && text.startsWith('#!')) {
      const line = text.slice(2, text.indexOf('\n') < 0 ? undefined : text.indexOf('\n')).trim();
      const [interpreter, ...rest] = line.split(/\s+/);
      if (!interpreter) throw new SyscallError('ENOEXEC', exe.path);
      const interpArgv = [interpreter, ...(rest.length ? [rest.join(' ')] : []), path, ...argv.slice(1)];
      const loaded = this.loadProgram(task, interpreter, interpArgv, depth + 1);
      return { ...loaded, comm };
    }
    // A text file without #! runs under the shell, as bash does after ENOEXEC.
    const sh = this.loadProgram(task, '/bin/sh', ['/bin/sh', path, ...argv.slice(1)], depth + 1);
    return { ...sh, comm };
  }

  uname(task: Task): Utsname {
    const hw = this.config.hardware;
    const base: Utsname = { sysname: 'Linux', nodename: this.hostname, release: hw.kernelRelease, version: hw.kernelVersion, machine: hw.machine, domainname: this.domainname };
    const names = this.kernel.vx.get(task.xid)?.names;
    if (!names || names.size === 0) return base;
    return {
      sysname: names.get('SYSNAME') ?? base.sysname,
      nodename: names.get('NODENAME') ?? base.nodename,
      release: names.get('RELEASE') ?? base.release,
      version: names.get('VERSION') ?? base.version,
      machine: names.get('MACHINE') ?? base.machine,
      domainname: names.get('DOMAINNAME') ?? base.domainname,
    };
  }

  /** sethostname(2): a guest changes its own context's name, the host the machine's. */
  setHostname(task: Task, name: string): void {
    if (!this.maySetHostname(task)) throw new SyscallError('EPERM');
    if (name.length > 64) throw new SyscallError('EINVAL');
    const ctx = this.kernel.vx.get(task.xid);
    if (ctx) ctx.names.set('NODENAME', name);
    else this.hostname = name;
  }

  // ----- boot and consoles --------------------------------------------------------------------

  /** Start pid 1, the kernel threads and the services. */
  boot(services: BootService[]): void {
    const initTask = this.kernel.createRootTask(this.fs.initialContext());
    const init = this.processFor(initTask);
    initTask.argv = ['init [3]'];
    initTask.comm = 'init';
    initTask.exePath = '/sbin/init';
    this.kernel.start(initTask, () => init.exec('/sbin/init', ['init [3]'], {}));
    for (const name of KERNEL_THREADS) {
      const pid = init.fork(async (t) => {
        t.task.comm = name;
        t.task.argv = [];
        t.task.vszKb = 0;
        t.task.rssKb = 0;
        return idleForever(t);
      });
      this.kernel.tasks.get(pid)!.comm = name;
    }
    for (const s of services) init.spawn(s.path, s.argv, { PATH: '/sbin:/usr/sbin:/bin:/usr/bin', LANG: 'C' });
    this.init = init;
  }

  private init!: Process;
  private readonly exitWatchers = new Map<number, (status: number) => void>();

  /** The Process of pid 1, to start tasks from outside (boot, tests, the lab engine). */
  get initProcess(): Process {
    return this.init;
  }

  /** Resolves with the exit status (128+signal when killed) of a task when it ends. */
  whenExits(pid: number): Promise<number> {
    return new Promise((resolve) => this.exitWatchers.set(pid, resolve));
  }

  /** Layers that keep state of their own (VServer contexts, network) register to be saved. */
  readonly snapshotParticipants = new Map<string, { save(): unknown; restore(state: unknown): void }>();

  private get vfs(): Vfs {
    return (this.fs as unknown as { vfs: Vfs }).vfs;
  }

  snapshot(): MachineSnapshot {
    const tasks = [...this.kernel.tasks.values()].filter((t) => t.alive && !isSessionTask(t)).map(recordTask);
    const extensions = new Map<string, unknown>();
    for (const [name, p] of this.snapshotParticipants) extensions.set(name, p.save());
    return { vfs: this.vfs.snapshot(), hostname: this.hostname, domainname: this.domainname, lastPid: this.kernel.lastAllocatedPid, tasks, extensions };
  }

  restore(snap: MachineSnapshot): void {
    this.kernel.discardAllTasks();
    this.consoleShells.clear();
    this.exitWatchers.clear();
    this.vfs.restore(snap.vfs);
    this.hostname = snap.hostname;
    this.domainname = snap.domainname;
    for (const [name, p] of this.snapshotParticipants) if (snap.extensions.has(name)) p.restore(snap.extensions.get(name));
    const byPid = new Map<number, Task>();
    for (const r of snap.tasks) {
      const task = this.kernel.recreateTask(r.pid, { pgid: r.pgid, sid: r.sid, cred: { ...r.cred, groups: [...r.cred.groups] }, fs: { ...r.fs }, rlimits: structuredCloneLimits(r.rlimits) });
      Object.assign(task, { comm: r.comm, argv: [...r.argv], env: { ...r.env }, exePath: r.exePath, xid: r.xid, nid: r.nid, nice: r.nice, utimeMs: r.utimeMs, stimeMs: r.stimeMs, vszKb: r.vszKb, rssKb: r.rssKb });
      (task as { startTimeMs: number }).startTimeMs = r.startTimeMs;
      for (const sig of r.ignored) task.dispositions.set(sig, 'ignore');
      byPid.set(r.pid, task);
    }
    for (const r of snap.tasks) {
      const task = byPid.get(r.pid)!;
      task.parent = byPid.get(r.ppid);
      task.parent?.children.add(task);
    }
    this.kernel.setLastPid(snap.lastPid);
    this.kernel.vx.recount(byPid.values());
    const initTask = byPid.get(1);
    if (!initTask) throw new Error('snapshot without init');
    this.init = this.processFor(initTask);
    for (const task of byPid.values()) {
      const p = this.processFor(task);
      if (task.pid === 1) {
        const main = findProgram('init')!.main;
        this.kernel.start(task, () => main(p));
      } else this.kernel.start(task, () => idleForever(p));
    }
    // Every open console gets a fresh login shell.
    for (const console of this.consoles) {
      if (console.exited) continue;
      this.startLoginShell(console, console.tty);
    }
  }

  /** A new terminal with a login shell on it. */
  openConsole(options: { cols: number; rows: number; mode: ConsoleMode; id: number }): Console {
    const console = new Console(options.id, this.config.name, options.mode);
    const tty = new Tty(this.kernel, `pts/${this.consoleCount++}`, { cols: options.cols, rows: options.rows }, console.deliver);
    console.tty = tty;
    if (this.consoleCount === 1 && this.config.consolePidBase) this.kernel.setLastPid(this.config.consolePidBase - 1);
    this.startLoginShell(console, tty);
    this.consoles.push(console);
    return console;
  }

  private startLoginShell(console: Console, tty: Tty): void {
    const env = LOGIN_ENV(this.hostname);
    const pid = this.init.fork(async (p) => {
      p.setsid();
      // What login's initgroups() gives root on this system (/etc/group).
      p.task.cred.groups = [0, 1, 2, 3, 4, 6, 10];
      p.acquireTerminal(tty);
      for (const fd of [0, 1, 2]) if (p.isOpen(fd)) p.close(fd);
      const file = tty.open();
      p.install(file);
      p.dup(0);
      p.dup(0);
      try {
        p.fs.chdir('/root');
      } catch {
        /* no home */
      }
      return p.exec('/bin/bash', ['-bash'], env);
    });
    this.consoleShells.set(pid, console);
  }
}

/**
 * A harness for program tests: boots a kernel whose filesystem is an in-memory map of files,
 * runs one program or a pipeline of programs by name with argv and stdin (through a pipe), and
 * returns what they wrote, their exit status and the files as they are afterwards.
 */
import { SimClock } from '../../kernel/clock.js';
import { SyscallError } from '../../kernel/errno.js';
import { O_ACCMODE, O_APPEND, O_CREAT, O_EXCL, O_RDONLY, O_TRUNC, OpenFile, type FileOps } from '../../kernel/file.js';
import type { FileStat, FsCalls } from '../../kernel/fs-calls.js';
import { Kernel } from '../../kernel/kernel.js';
import { Process, type ProcessHost } from '../../kernel/process.js';
import { SIG } from '../../kernel/signals.js';
import type { Task, WaitStatus } from '../../kernel/task.js';
import { findProgram } from '../registry.js';

export interface FileSpec {
  content: string;
  /** Permission bits; 0 makes the file unreadable and unwritable for the test's user. */
  mode?: number;
}

export interface RunOptions {
  /** Standard input of the first program; none = an empty pipe already closed. */
  stdin?: string;
  /** Files by path (relative paths are relative to cwd). Parent directories are implied. */
  files?: Record<string, string | FileSpec>;
  /** Extra (empty) directories. */
  dirs?: string[];
  cwd?: string;
  env?: Record<string, string>;
  /** Send a signal to every stage when simulated time reaches this many milliseconds. */
  signalAt?: { ms: number; signal: number };
  /** Give the host event loop a turn (tests pass a macrotask: `() => new Promise(r => setImmediate(r))`). */
  yieldToHost?: () => Promise<void>;
  /** Give up (SIGKILL everything) after this many idle turns with nothing runnable and no timer. */
  maxIdleTurns?: number;
  /** SIGKILL everything after this many host turns, busy or not (a guard for runaway loops in property tests). */
  maxTurns?: number;
}

export interface StageResult {
  status: number;
  /** The terminating signal, when a signal ended the program. */
  signal?: number;
}

export interface RunResult {
  stdout: string;
  stderr: string;
  /** Exit status as a shell reports it ($?): the code, or 128 + signal. Of the last stage for a pipeline. */
  status: number;
  signal?: number;
  stages: StageResult[];
  files: Record<string, string>;
  /** Internal errors (JavaScript exceptions escaping a program), reported by the kernel. */
  internalErrors: string[];
  /** Simulated milliseconds elapsed. */
  elapsedMs: number;
}

interface Entry {
  content: string;
  mode: number;
  ino: number;
}

/** An in-memory filesystem: regular files and directories, by absolute normalized path. */
class MemFs {
  readonly files = new Map<string, Entry>();
  readonly dirs = new Set<string>(['/']);
  private nextIno = 100;

  constructor(public cwd: string) {}

  resolve(path: string): string {
    const abs = path.startsWith('/') ? path : `${this.cwd}/${path}`;
    const parts: string[] = [];
    for (const p of abs.split('/')) {
      if (p === '' || p === '.') continue;
      if (p === '..') parts.pop();
      else parts.push(p);
    }
    return '/' + parts.join('/');
  }

  parent(abs: string): string {
    const i = abs.lastIndexOf('/');
    return i <= 0 ? '/' : abs.slice(0, i);
  }

  addDir(abs: string): void {
    while (!this.dirs.has(abs)) {
      this.dirs.add(abs);
      abs = this.parent(abs);
    }
  }

  addFile(abs: string, content: string, mode = 0o644): Entry {
    this.addDir(this.parent(abs));
    const entry = { content, mode, ino: this.nextIno++ };
    this.files.set(abs, entry);
    return entry;
  }

  /** ENOENT or ENOTDIR for a path whose parent chain is broken. */
  checkParents(abs: string): void {
    let p = this.parent(abs);
    const chain: string[] = [];
    while (p !== '/') {
      chain.unshift(p);
      p = this.parent(p);
    }
    for (const c of chain) {
      if (this.files.has(c)) throw new SyscallError('ENOTDIR', c);
      if (!this.dirs.has(c)) throw new SyscallError('ENOENT', c);
    }
  }
}

function regularOps(fs: MemFs, entry: Entry): FileOps {
  return {
    kind: 'regular',
    async read(_task: Task, file: OpenFile, max: number): Promise<string> {
      const chunk = entry.content.slice(file.offset, file.offset + max);
      file.offset += chunk.length;
      return chunk;
    },
    async write(_task: Task, file: OpenFile, data: string): Promise<number> {
      if (file.flags & O_APPEND) file.offset = entry.content.length;
      const c = entry.content.padEnd(file.offset, '\0');
      entry.content = c.slice(0, file.offset) + data + c.slice(file.offset + data.length);
      file.offset += data.length;
      void fs;
      return data.length;
    },
  };
}

const directoryOps: FileOps = {
  kind: 'directory',
  async read(): Promise<string> {
    throw new SyscallError('EISDIR');
  },
};

const devNullOps: FileOps = {
  kind: 'device',
  async read() {
    return '';
  },
  async write(_t, _f, data) {
    return data.length;
  },
};

function openMem(fs: MemFs, path: string, flags: number, mode: number): OpenFile {
  if (path === '') throw new SyscallError('ENOENT');
  const abs = fs.resolve(path);
  if (abs === '/dev/null') return new OpenFile(devNullOps, flags, abs);
  fs.checkParents(abs);
  const writing = (flags & O_ACCMODE) !== O_RDONLY;
  if (fs.dirs.has(abs)) {
    if (writing) throw new SyscallError('EISDIR', abs);
    return new OpenFile(directoryOps, flags, abs);
  }
  let entry = fs.files.get(abs);
  if (entry && flags & O_CREAT && flags & O_EXCL) throw new SyscallError('EEXIST', abs);
  if (!entry) {
    if (!(flags & O_CREAT)) throw new SyscallError('ENOENT', abs);
    if (!fs.dirs.has(fs.parent(abs))) throw new SyscallError('ENOENT', abs);
    entry = fs.addFile(abs, '', mode & 0o777 & ~0o022);
  } else {
    const need = (flags & O_ACCMODE) === O_RDONLY ? 0o400 : (flags & O_ACCMODE) === 1 ? 0o200 : 0o600;
    if ((entry.mode & need) !== need) throw new SyscallError('EACCES', abs);
    if (flags & O_TRUNC && writing) entry.content = '';
  }
  return new OpenFile(regularOps(fs, entry), flags, abs, entry);
}

function memFsCalls(fs: MemFs): FsCalls {
  const unsupported = (): never => {
    throw new SyscallError('ENOSYS');
  };
  const stat = (path: string): FileStat => {
    const abs = fs.resolve(path);
    fs.checkParents(abs);
    const entry = fs.files.get(abs);
    const isDir = fs.dirs.has(abs);
    if (!entry && !isDir) throw new SyscallError('ENOENT', abs);
    return {
      dev: 1,
      ino: entry?.ino ?? 2,
      type: isDir ? 'dir' : 'file',
      perm: entry?.mode ?? 0o755,
      nlink: 1,
      uid: 0,
      gid: 0,
      size: entry?.content.length ?? 4096,
      rdevMajor: 0,
      rdevMinor: 0,
      blocks: 8,
      blksize: 4096,
      atime: 0,
      mtime: 0,
      ctime: 0,
      iattr: 0,
      iattrMask: 0,
      xid: undefined,
    };
  };
  return {
    stat,
    lstat: stat,
    access: (path) => void stat(path),
    readdir(path) {
      const abs = fs.resolve(path);
      if (fs.files.has(abs)) throw new SyscallError('ENOTDIR');
      if (!fs.dirs.has(abs)) throw new SyscallError('ENOENT');
      const prefix = abs === '/' ? '/' : abs + '/';
      const names = new Set<string>();
      for (const p of [...fs.files.keys(), ...fs.dirs]) {
        if (p.startsWith(prefix) && p !== abs) names.add(p.slice(prefix.length).split('/')[0]!);
      }
      return [...names];
    },
    rename(from, to) {
      const a = fs.resolve(from);
      const b = fs.resolve(to);
      const entry = fs.files.get(a);
      if (!entry) throw new SyscallError('ENOENT');
      fs.files.delete(a);
      fs.files.set(b, entry);
    },
    unlink(path) {
      if (!fs.files.delete(fs.resolve(path))) throw new SyscallError('ENOENT');
    },
    chmod(path, mode) {
      const entry = fs.files.get(fs.resolve(path));
      if (!entry) throw new SyscallError('ENOENT');
      entry.mode = mode & 0o7777;
    },
    getcwd: () => fs.cwd,
    realpath: (path) => fs.resolve(path),
    mkdir: (path) => fs.addDir(fs.resolve(path)),
    rmdir: unsupported,
    link: unsupported,
    symlink: unsupported,
    readlink: unsupported,
    chown: () => {},
    utimes: () => {},
    truncate: unsupported,
    mknod: unsupported,
    chdir: unsupported,
    chroot: unsupported,
    statfs: unsupported,
    mounts: () => [],
    mount: unsupported,
    umount: unsupported,
    setIattr: unsupported,
    setXid: unsupported,
    unshareNamespace: unsupported,
    setContextNamespace: unsupported,
    enterContextNamespace: unsupported,
    getIattr: unsupported,
    getDiskLimit: unsupported,
    addDiskLimit: unsupported,
    setDiskLimit: unsupported,
    removeDiskLimit: unsupported,
  };
}

function statusOf(s: WaitStatus): StageResult {
  if (s.kind === 'exited') return { status: s.code };
  if (s.kind === 'signaled') return { status: 128 + s.signal, signal: s.signal };
  return { status: -1 };
}

/** Run one program: `runProgram('grep', ['-n', 'x', 'file'], { files: { file: 'x\n' } })`. */
export function runProgram(name: string, args: string[], options: RunOptions = {}): Promise<RunResult> {
  return runPipeline([[name, ...args]], options);
}

/** Run programs connected by pipes, as `a | b | c`; stderr of all stages is collected together. */
export async function runPipeline(stages: string[][], options: RunOptions = {}): Promise<RunResult> {
  const yieldToHost = options.yieldToHost ?? microtaskTurn;
  const internalErrors: string[] = [];
  const kernel = new Kernel(new SimClock(), { yieldToHost, debug: (m) => internalErrors.push(m) });
  const fs = new MemFs(options.cwd ?? '/');
  fs.addDir(fs.cwd);
  for (const d of options.dirs ?? []) fs.addDir(fs.resolve(d));
  for (const [path, spec] of Object.entries(options.files ?? {})) {
    const s = typeof spec === 'string' ? { content: spec } : spec;
    fs.addFile(fs.resolve(path), s.content, s.mode ?? 0o644);
  }
  const fsCalls = memFsCalls(fs);
  const host: ProcessHost = {
    kernel,
    loadProgram(_task, path, argv) {
      const base = path.slice(path.lastIndexOf('/') + 1);
      const spec = findProgram(base);
      if (!spec) throw new SyscallError('ENOENT', path);
      return { path, argv, comm: base.slice(0, 15), main: spec.main };
    },
    processFor: (task) => new Process(task, host),
    openFile: (_task, path, flags, mode) => openMem(fs, path, flags, mode),
    fsFor: () => fsCalls,
    uname: () => ({ sysname: 'Linux', nodename: 'testhost', release: '2.6.16', version: '#1 SMP', machine: 'i686', domainname: '(none)' }),
    setHostname: () => {
      throw new SyscallError('EPERM');
    },
  };
  const initTask = kernel.createRootTask({ root: null, cwd: null, umask: 0o22, namespace: null });
  initTask.comm = 'init';
  const init = host.processFor(initTask);
  init.signal(SIG.PIPE, 'ignore');

  // Descriptors: stdin pipe, one pipe between each pair of stages, stdout and stderr pipes.
  const [inR, inW] = init.pipe();
  const links = stages.slice(1).map(() => init.pipe());
  const [outR, outW] = init.pipe();
  const [errR, errW] = init.pipe();
  const env = { PATH: '/bin:/usr/bin', HOME: '/root', ...options.env };
  const pids = stages.map((argv, i) =>
    init.fork((child) => child.exec(`/bin/${argv[0]}`, argv, env), {
      fds: (child) => {
        // The harness ignores SIGPIPE for itself; its children must get the default back.
        child.signal(SIG.PIPE, 'default');
        const input = i === 0 ? inR : links[i - 1]![0];
        const output = i === stages.length - 1 ? outW : links[i]![1];
        child.dup2(input, 0);
        child.dup2(output, 1);
        child.dup2(errW, 2);
        for (const fd of child.task.fds.openDescriptors()) if (fd > 2) child.close(fd);
      },
    }),
  );
  for (const [r, w] of links) {
    init.close(r);
    init.close(w);
  }
  init.close(inR);
  init.close(outW);
  init.close(errW);

  const feeding = (async () => {
    try {
      if (options.stdin) await init.write(inW, options.stdin);
    } catch {
      // The reader went away early (head): nothing more to give it.
    }
    init.close(inW);
  })();

  let finished = false;
  const collecting = Promise.all([init.readAll(outR), init.readAll(errR)]).then(async ([stdout, stderr]) => {
    const statuses: StageResult[] = [];
    for (const pid of pids) statuses.push(statusOf(await init.waitStatus(pid)));
    finished = true;
    return { stdout, stderr, statuses };
  });

  // Drive simulated time: when nothing can run, jump to the next timer; deliver the scheduled signal.
  let idle = 0;
  let signalled = false;
  const maxIdle = options.maxIdleTurns ?? 50;
  let turns = 0;
  while (!finished) {
    await yieldToHost();
    if (finished) break;
    if (options.maxTurns !== undefined && ++turns === options.maxTurns) {
      for (const pid of pids) if (kernel.tasks.get(pid)?.alive) kernel.sendSignal(kernel.tasks.get(pid)!, SIG.KILL);
    }
    if (options.signalAt && !signalled && kernel.clock.uptimeMs >= options.signalAt.ms) {
      signalled = true;
      for (const pid of pids) if (kernel.tasks.get(pid)?.alive) kernel.sendSignal(kernel.tasks.get(pid)!, options.signalAt.signal);
      continue;
    }
    if (kernel.runnable > 0) {
      idle = 0;
      continue;
    }
    const next = kernel.clock.nextTimerAt();
    const sigAt = options.signalAt && !signalled ? options.signalAt.ms : undefined;
    if (sigAt !== undefined && (next === undefined || next > sigAt)) {
      kernel.clock.advance(sigAt - kernel.clock.uptimeMs);
      continue;
    }
    if (next !== undefined) {
      kernel.clock.advanceToNextTimer();
      idle = 0;
      continue;
    }
    if (++idle > maxIdle) {
      for (const pid of pids) if (kernel.tasks.get(pid)?.alive) kernel.sendSignal(kernel.tasks.get(pid)!, SIG.KILL);
      idle = 0;
    }
  }
  await feeding;
  const { stdout, stderr, statuses } = await collecting;
  const files: Record<string, string> = {};
  for (const [path, entry] of fs.files) files[path] = entry.content;
  const last = statuses[statuses.length - 1]!;
  return { stdout, stderr, status: last.status, signal: last.signal, stages: statuses, files, internalErrors, elapsedMs: kernel.clock.uptimeMs };
}

async function microtaskTurn(): Promise<void> {
  for (let i = 0; i < 100; i++) await Promise.resolve();
}

/**
 * Open file descriptions and per-task descriptor tables. A description is shared between
 * descriptors after dup() and fork(), as in Linux (offsets and the O_APPEND flag are shared).
 */
import { SyscallError } from './errno.js';
import type { Task } from './task.js';

/** What a kind of open file can do. Blocking operations are async; the task is passed for signals. */
export interface FileOps {
  readonly kind: 'pipe' | 'tty' | 'regular' | 'directory' | 'device' | 'socket' | 'proc';
  read?(task: Task, file: OpenFile, max: number): Promise<string>;
  write?(task: Task, file: OpenFile, data: string): Promise<number>;
  /** Write `length` zero bytes without building them (regular files: the blocks are allocated). */
  writeZeros?(task: Task, file: OpenFile, length: number): Promise<number>;
  /** Called when the last descriptor referring to the description is closed. */
  release?(file: OpenFile): void;
}

export const O_RDONLY = 0;
export const O_WRONLY = 1;
export const O_RDWR = 2;
export const O_ACCMODE = 3;
export const O_CREAT = 0o100;
export const O_EXCL = 0o200;
export const O_NOCTTY = 0o400;
export const O_TRUNC = 0o1000;
export const O_APPEND = 0o2000;
export const O_NONBLOCK = 0o4000;
export const O_DIRECTORY = 0o200000;
export const O_NOFOLLOW = 0o400000;
export const O_CLOEXEC = 0o2000000;

export class OpenFile {
  private refs = 0;
  offset = 0;

  constructor(
    readonly ops: FileOps,
    public flags: number,
    /** What this file is, for /proc/PID/fd and lsof-like views (a path, "pipe:[N]", "/dev/pts/0"). */
    readonly description: string,
    /** Kind-specific state (the pipe, the tty, the inode). */
    readonly target: unknown = undefined,
  ) {}

  get readable(): boolean {
    return (this.flags & O_ACCMODE) !== O_WRONLY;
  }

  get writable(): boolean {
    return (this.flags & O_ACCMODE) !== O_RDONLY;
  }

  retain(): this {
    this.refs++;
    return this;
  }

  release(): void {
    if (--this.refs === 0) this.ops.release?.(this);
  }

  get referenceCount(): number {
    return this.refs;
  }
}

interface Slot {
  file: OpenFile;
  cloexec: boolean;
}

export class FdTable {
  private slots: (Slot | undefined)[] = [];

  get(fd: number): OpenFile {
    const slot = Number.isInteger(fd) && fd >= 0 ? this.slots[fd] : undefined;
    if (!slot) throw new SyscallError('EBADF', `fd ${fd}`);
    return slot.file;
  }

  has(fd: number): boolean {
    return !!this.slots[fd];
  }

  /** Install at the lowest free descriptor ≥ from. */
  install(file: OpenFile, limit: number, from = 0, cloexec = false): number {
    let fd = from;
    while (this.slots[fd]) fd++;
    if (fd >= limit) throw new SyscallError('EMFILE');
    this.slots[fd] = { file: file.retain(), cloexec };
    return fd;
  }

  /** dup2 semantics: close newFd if open, then point it at oldFd's description. */
  duplicateTo(oldFd: number, newFd: number, limit: number): number {
    const file = this.get(oldFd);
    if (newFd < 0 || newFd >= limit) throw new SyscallError('EBADF');
    if (oldFd === newFd) return newFd;
    this.close(newFd, true);
    this.slots[newFd] = { file: file.retain(), cloexec: false };
    return newFd;
  }

  close(fd: number, quiet = false): void {
    const slot = this.slots[fd];
    if (!slot) {
      if (quiet) return;
      throw new SyscallError('EBADF');
    }
    this.slots[fd] = undefined;
    slot.file.release();
  }

  closeAll(): void {
    for (let fd = 0; fd < this.slots.length; fd++) this.close(fd, true);
    this.slots = [];
  }

  closeOnExec(): void {
    this.slots.forEach((slot, fd) => slot?.cloexec && this.close(fd, true));
  }

  setCloseOnExec(fd: number, value: boolean): void {
    const slot = this.slots[fd];
    if (!slot) throw new SyscallError('EBADF');
    slot.cloexec = value;
  }

  /** fork(): a new table sharing every description. */
  clone(): FdTable {
    const copy = new FdTable();
    copy.slots = this.slots.map((s) => (s ? { file: s.file.retain(), cloexec: s.cloexec } : undefined));
    return copy;
  }

  openDescriptors(): number[] {
    const out: number[] = [];
    this.slots.forEach((s, fd) => s && out.push(fd));
    return out;
  }
}

/**
 * The filesystem system calls as a program sees them, bound to its task's root, cwd and
 * credentials. Implemented by the machine over the VFS; every failure is a SyscallError.
 */

import type { VfsStat } from './vfs/vfs.js';
export type { FileType } from './vfs/constants.js';

/** stat(2) as programs see it: the VFS's stat without the raw st_mode and the program name. */
export type FileStat = Omit<VfsStat, 'mode' | 'program'>;

export interface StatFs {
  type: string;
  device: string;
  blockSize: number;
  blocks: number;
  blocksFree: number;
  /** Free blocks available to unprivileged users (df's Avail). */
  blocksAvail: number;
  inodes: number;
  inodesFree: number;
}

export interface MountInfo {
  device: string;
  /** Mount point as the caller sees it (relative to its root). */
  mountPoint: string;
  type: string;
  options: string;
}

export interface FsCalls {
  stat(path: string): FileStat;
  lstat(path: string): FileStat;
  /** access(2): mode bits R=4 W=2 X=1, 0 for existence. Throws when denied. */
  access(path: string, mode: number): void;
  /** Entry names in directory order, including '.' and '..' as getdents(2) returns them. */
  readdir(path: string): string[];
  mkdir(path: string, mode?: number): void;
  rmdir(path: string): void;
  unlink(path: string): void;
  rename(from: string, to: string): void;
  link(existing: string, newPath: string): void;
  symlink(target: string, path: string): void;
  readlink(path: string): string;
  chmod(path: string, mode: number): void;
  chown(path: string, uid: number, gid: number, noFollow?: boolean): void;
  utimes(path: string, atime: number, mtime: number): void;
  truncate(path: string, length: number): void;
  mknod(path: string, type: 'chardev' | 'blockdev' | 'fifo', mode: number, major: number, minor: number): void;
  chdir(path: string): void;
  getcwd(): string;
  chroot(path: string): void;
  /** Canonical absolute path (symlinks resolved). */
  realpath(path: string): string;
  statfs(path: string): StatFs;
  mounts(): MountInfo[];
  mount(source: string, target: string, type: string, options: string[]): void;
  umount(target: string): void;
  setIattr(path: string, set: number, clear: number): void;
  setXid(path: string, xid: number): void;
}

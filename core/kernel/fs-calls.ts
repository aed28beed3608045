/**
 * The filesystem system calls as a program sees them, bound to its task's root, cwd and
 * credentials. Implemented by the machine over the VFS; every failure is a SyscallError.
 */

import type { DiskLimit } from './vfs/filesystem.js';
import type { IattrInfo, VfsStat } from './vfs/vfs.js';
export type { DiskLimit } from './vfs/filesystem.js';
export type { IattrInfo } from './vfs/vfs.js';
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

/** What mke2fs lays out: the statfs view of the new filesystem (after ext2's metadata overhead). */
export interface MkfsSpec {
  type: 'ext2' | 'ext3';
  blockSize: number;
  /** Blocks statfs reports (the device's blocks less superblocks, bitmaps and inode tables). */
  blocks: number;
  inodes: number;
  /** Blocks of the ext3 journal (the root directory and lost+found are made with the filesystem). */
  journalBlocks: number;
  reservedPercent: number;
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
  /**
   * mke2fs on a regular file: a new, empty filesystem becomes the file's image (what
   * `mount -o loop` shows). Needs write permission on the file. Optional: test doubles lack it.
   */
  mkfs?(path: string, spec: MkfsSpec): void;

  // ----- mount namespaces (CLONE_NEWNS and Linux-VServer's vc_set/enter_namespace) -------------

  /** unshare(CLONE_NEWNS): the caller gets a private copy of its mount namespace. EPERM without CAP_SYS_ADMIN. */
  unshareNamespace(): void;
  /**
   * vc_set_namespace (`vnamespace --set`): the caller's namespace, root and cwd become those of
   * context `xid`, its own or (from the host) any. EPERM, ESRCH for a missing context.
   */
  setContextNamespace(xid: number): void;
  /**
   * vc_enter_namespace (`vnamespace --enter`, `vspace --enter`): take the namespace, root and cwd
   * saved for context `xid`. Host only (EPERM); ESRCH without the context, EINVAL when it has none.
   */
  enterContextNamespace(xid: number): void;

  // ----- Linux-VServer file attributes and disk limits (reference §6, §9.5) --------------------

  /**
   * vc_get_iattr (showattr, lsxid, vdu): the attribute bits, the mask the kernel reports for this
   * inode and its context tag; the final symlink is not followed. EPERM without CAP_SYS_ADMIN.
   */
  getIattr(path: string): IattrInfo;
  /**
   * vc_get_dlimit: context `xid`'s disk limit on the filesystem holding `path` (final symlink not
   * followed). Space in KiB, -1 = infinite. EPERM without CAP_SYS_ADMIN, ESRCH without an entry.
   */
  getDiskLimit(path: string, xid: number): DiskLimit;
  /** vc_add_dlimit: a new, empty entry. EEXIST if there is one; EPERM as setDiskLimit. */
  addDiskLimit(path: string, xid: number): void;
  /**
   * vc_set_dlimit: change the values given, keep the others. EINVAL when a used value exceeds the
   * total given with it or reserved exceeds 100, ESRCH without an entry; EPERM outside the host
   * context or without CAP_SYS_ADMIN and CAP_SYS_RESOURCE.
   */
  setDiskLimit(path: string, xid: number, values: Partial<DiskLimit>): void;
  /** vc_rem_dlimit: ESRCH without an entry; EPERM as setDiskLimit. */
  removeDiskLimit(path: string, xid: number): void;
}

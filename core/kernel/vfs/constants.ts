/** Mode bits, VServer attribute bits and path limits, with the values Linux uses. */

export const S_IFMT = 0o170000;
export const S_IFSOCK = 0o140000;
export const S_IFLNK = 0o120000;
export const S_IFREG = 0o100000;
export const S_IFBLK = 0o060000;
export const S_IFDIR = 0o040000;
export const S_IFCHR = 0o020000;
export const S_IFIFO = 0o010000;
export const S_ISUID = 0o4000;
export const S_ISGID = 0o2000;
export const S_ISVTX = 0o1000;
/** Permission bits plus setuid/setgid/sticky. */
export const S_IALLUGO = 0o7777;
export const S_IXUGO = 0o111;
export const S_IXGRP = 0o010;

export type FileType = 'file' | 'dir' | 'symlink' | 'chardev' | 'blockdev' | 'fifo' | 'socket';

const TYPE_BITS: Record<FileType, number> = {
  file: S_IFREG,
  dir: S_IFDIR,
  symlink: S_IFLNK,
  chardev: S_IFCHR,
  blockdev: S_IFBLK,
  fifo: S_IFIFO,
  socket: S_IFSOCK,
};

export function typeBits(type: FileType): number {
  return TYPE_BITS[type];
}

export function fileTypeOf(mode: number): FileType {
  switch (mode & S_IFMT) {
    case S_IFDIR:
      return 'dir';
    case S_IFLNK:
      return 'symlink';
    case S_IFCHR:
      return 'chardev';
    case S_IFBLK:
      return 'blockdev';
    case S_IFIFO:
      return 'fifo';
    case S_IFSOCK:
      return 'socket';
    default:
      return 'file';
  }
}

/** The d_type letter `ls -l` prints first ('-', 'd', 'l', 'c', 'b', 'p', 's'). */
export function typeLetter(type: FileType): string {
  return { file: '-', dir: 'd', symlink: 'l', chardev: 'c', blockdev: 'b', fifo: 'p', socket: 's' }[type];
}

/**
 * Linux-VServer inode attribute bits (vc_get_iattr / vc_set_iattr), fixed kernel values.
 * See reference/linux-vserver.md §6.2.
 */
export const IATTR = {
  ADMIN: 0x1,
  WATCH: 0x2,
  HIDE: 0x4,
  WRITE: 0x8,
  BARRIER: 0x10000,
  IUNLINK: 0x20000,
  IMMUTABLE: 0x40000,
  COW: 0x80000,
  TAG: 0x1000000,
} as const;

/** The /proc visibility bits: only meaningful on entries of dynamic filesystems. */
export const IATTR_PROC_BITS = IATTR.ADMIN | IATTR.WATCH | IATTR.HIDE;
/** Bits setIattr accepts (era B kernel: no cow/write). */
export const IATTR_SETTABLE = IATTR_PROC_BITS | IATTR.BARRIER | IATTR.IUNLINK | IATTR.IMMUTABLE;

/** Longest file name component (NAME_MAX). */
export const NAME_MAX = 255;
/** PATH_MAX including the terminating NUL: a path of 4096 characters or more is too long. */
export const PATH_MAX = 4096;
/** How many symbolic links one path walk may follow before ELOOP. */
export const MAX_SYMLINKS = 40;

/** Permission request bits, as in the kernel's permission(). */
export const MAY_EXEC = 1;
export const MAY_WRITE = 2;
export const MAY_READ = 4;

/** access(2) modes. */
export const F_OK = 0;
export const X_OK = 1;
export const W_OK = 2;
export const R_OK = 4;

/** vdlimit's "infinite" value (the kernel's CDLIM_INFINITY, printed as -1). */
export const DLIMIT_INFINITE = -1;

/**
 * The virtual filesystem of one emulated machine: its filesystems, mount namespaces, path
 * resolution (chroot, cwd, symlinks, mounts, the VServer barrier) and the file operations, with
 * Linux's permission and error semantics. Every failure is a VfsError (a SyscallError).
 *
 * Path operations take a PathContext: the calling task's root, cwd, credentials and umask.
 * Inode operations (read, write, fstat…) take the Inode an open file holds.
 */
import { SyscallError } from '../errno.js';
import { O_ACCMODE, O_CREAT, O_DIRECTORY, O_EXCL, O_NOFOLLOW, O_RDONLY, O_TRUNC, O_WRONLY } from '../file.js';
import {
  DLIMIT_INFINITE,
  F_OK,
  IATTR,
  IATTR_PROC_BITS,
  IATTR_SETTABLE,
  MAX_SYMLINKS,
  MAY_EXEC,
  MAY_READ,
  MAY_WRITE,
  NAME_MAX,
  PATH_MAX,
  S_IALLUGO,
  S_ISGID,
  S_ISUID,
  S_IXGRP,
  type FileType,
} from './constants.js';
import { HOST_ROOT, inGroup, type VfsCred } from './cred.js';
import { byteLength, readRange, spliceData, truncateData } from './data.js';
import { fail, VfsError } from './errors.js';
import { addExtent, cutForBudget, gapBlocks, truncateExtents, extentBlocks } from './extents.js';
import { Filesystem, type DynamicEntry, type FilesystemOptions } from './filesystem.js';
import { Inode } from './inode.js';
import { Mount, MountNamespace, sameLoc, type Loc, type MountFlags } from './mount.js';
import { checkPermission, isOwnerOrCap, procVisible, stickyForbids } from './permission.js';
import { captureSnapshot, restoreSnapshot, type VfsSnapshot } from './snapshot.js';
import { isByteString, prefixWithinBytes } from './text.js';

/** Where and as whom a path operation runs (a task's fs_struct and credentials). */
export interface PathContext {
  /** The task's root directory (chroot). */
  readonly root: Loc;
  /** The task's working directory. */
  readonly cwd: Loc;
  readonly cred: VfsCred;
  /** Default 0o022. */
  readonly umask?: number;
}

export interface VfsLimits {
  /**
   * Largest materialised file content in bytes (EFBIG beyond). Zero-filled tails (dd from
   * /dev/zero with writeFill, truncate -s) do not count: they take no memory.
   */
  maxMaterializedBytes: number;
  /** Largest file size (EFBIG beyond): ext3 with 4 KiB blocks allows 2 TiB. */
  maxFileSize: number;
  /** Most links to one inode (EMLINK), ext3's 32000. */
  linkMax: number;
}

export const DEFAULT_VFS_LIMITS: VfsLimits = {
  maxMaterializedBytes: 64 * 1024 * 1024,
  maxFileSize: 2 * 1024 ** 4,
  linkMax: 32000,
};

export interface VfsOptions {
  /** Simulated wall-clock time in seconds (SimClock.epochSeconds). */
  clock: () => number;
  limits?: Partial<VfsLimits>;
}

/** stat(2) as programs see it (compatible with fs-calls.ts FileStat). */
export interface VfsStat {
  dev: number;
  ino: number;
  type: FileType;
  /** st_mode: type bits | permission bits. */
  mode: number;
  /** Permission bits incl. setuid/setgid/sticky. */
  perm: number;
  nlink: number;
  uid: number;
  gid: number;
  size: number;
  rdevMajor: number;
  rdevMinor: number;
  /** 512-byte blocks. */
  blocks: number;
  blksize: number;
  atime: number;
  mtime: number;
  ctime: number;
  /** VServer attribute bits as vc_get_iattr reports them (TAG included on tagging filesystems). */
  iattr: number;
  /** Which bits the kernel reports for this inode (showattr's mask). */
  iattrMask: number;
  /** Context tag on tagging filesystems. */
  xid: number | undefined;
  /** The built-in program of an executable. */
  program: string | undefined;
}

/** statfs(2), after Linux-VServer's per-context disk limit virtualisation. */
export interface VfsStatFs {
  type: string;
  device: string;
  blockSize: number;
  blocks: number;
  blocksFree: number;
  /** Free blocks available to unprivileged users (df's Avail). */
  blocksAvail: number;
  inodes: number;
  inodesFree: number;
  nameMax: number;
}

export interface DirEntry {
  name: string;
  ino: number;
  type: FileType;
}

/** A line of /proc/mounts. */
export interface MountEntry {
  device: string;
  /** Mount point as the viewer sees it (relative to its root). */
  mountPoint: string;
  type: string;
  options: string;
  mount: Mount;
}

export interface OpenResult {
  loc: Loc;
  inode: Inode;
  created: boolean;
}

/** Write this many copies of one byte (dd from /dev/zero) without building the string first. */
export interface Fill {
  byte: number;
  length: number;
}

export interface MountOptions {
  /** Source shown in /proc/mounts; default: the filesystem's device. */
  device?: string;
  readOnly?: boolean;
  nosuid?: boolean;
  nodev?: boolean;
  noexec?: boolean;
  /** Extra options for /proc/mounts. */
  options?: string[];
}

export interface UmountOptions {
  /** Is a mount in use (a task's cwd or root, an open file)? EBUSY if so. */
  busy?: (mount: Mount) => boolean;
  /** MNT_DETACH: detach the mount and everything below it even if busy. */
  lazy?: boolean;
}

export interface IattrInfo {
  /** Bits set (TAG included on tagging filesystems). */
  flags: number;
  /** Bits the kernel reports for this inode. */
  mask: number;
  xid: number | undefined;
}

interface ParentRef {
  dir: Loc;
  name: string;
  /** The path ended with a slash. */
  slash: boolean;
}

interface Links {
  n: number;
}

export class Vfs {
  /** @internal Generation of inode records; bumped by snapshot and restore (copy-on-write). */
  readonly gen = { value: 1 };
  readonly limits: VfsLimits;
  /** @internal */ filesystems: Filesystem[] = [];
  /** @internal */ namespaces: MountNamespace[] = [];
  /** @internal */ counters = { mount: 1, ns: 1, anonDev: 1 };
  private readonly clock: () => number;

  constructor(opts: VfsOptions) {
    this.clock = opts.clock;
    this.limits = { ...DEFAULT_VFS_LIMITS, ...opts.limits };
  }

  /** Current simulated time, whole seconds. */
  now(): number {
    return Math.floor(this.clock());
  }

  // =================================================================== filesystems & namespaces

  /** mkfs: a new filesystem (not mounted yet). */
  createFilesystem(opts: FilesystemOptions): Filesystem {
    return this.guard(() => {
      const dev = opts.dev ?? this.counters.anonDev++;
      const fs = new Filesystem({ gen: this.gen, now: () => this.clock() }, dev, opts);
      this.filesystems.push(fs);
      return fs;
    });
  }

  /** A new mount namespace whose root mount shows `rootFs`. */
  createNamespace(rootFs: Filesystem, opts: MountOptions = {}): MountNamespace {
    const ns = new MountNamespace(this.counters.ns++);
    const m = new Mount(this.counters.mount++, ns, rootFs, rootFs.root, undefined, undefined, opts.device ?? rootFs.device, flagsOf(opts), opts.options ?? []);
    ns.mounts.push(m);
    ns.reindex();
    this.namespaces.push(ns);
    return ns;
  }

  /**
   * CLONE_NEWNS: copy a namespace's mount table. `translate` maps a location of the old namespace
   * (a task's root or cwd) to the same place in the new one.
   */
  cloneNamespace(ns: MountNamespace): { namespace: MountNamespace; translate(loc: Loc): Loc } {
    const copy = new MountNamespace(this.counters.ns++);
    const map = new Map<Mount, Mount>();
    for (const m of ns.mounts) {
      const c = new Mount(this.counters.mount++, copy, m.fs, m.root, m.parent ? map.get(m.parent) : undefined, m.mountpoint, m.device, { ...m.flags }, [...m.options]);
      map.set(m, c);
      copy.mounts.push(c);
    }
    copy.reindex();
    this.namespaces.push(copy);
    return {
      namespace: copy,
      translate: (loc) => ({ mount: map.get(loc.mount) ?? copy.rootMount, inode: map.has(loc.mount) ? loc.inode : copy.rootMount.root }),
    };
  }

  /** Forget a namespace no task uses any more. */
  dropNamespace(ns: MountNamespace): void {
    this.namespaces = this.namespaces.filter((n) => n !== ns);
  }

  /** All namespaces (the kernel's list). */
  get allNamespaces(): readonly MountNamespace[] {
    return this.namespaces;
  }

  get allFilesystems(): readonly Filesystem[] {
    return this.filesystems;
  }

  /** A context for the host's root at the top of a namespace (world building, kernel work). */
  hostContext(ns: MountNamespace, cred: VfsCred = HOST_ROOT): PathContext {
    return { root: ns.root, cwd: ns.root, cred, umask: 0o022 };
  }

  // =================================================================== snapshots

  /** Capture the whole VFS state; cheap (pointer copies, copy-on-write inode records). */
  snapshot(): VfsSnapshot {
    return captureSnapshot(this);
  }

  /** Return to a snapshot. Inode, Mount and namespace objects keep their identity. */
  restore(snap: VfsSnapshot): void {
    restoreSnapshot(this, snap);
  }

  // =================================================================== path resolution

  /** Resolve a path to a location (following a final symlink unless `follow` is false). */
  resolve(ctx: PathContext, path: string, follow = true): Loc {
    return this.guard(() => this.walk(ctx, path, follow));
  }

  /** @internal Run `f`, turning anything that is not a VfsError into one (EIO). */
  guard<T>(f: () => T): T {
    try {
      return f();
    } catch (e) {
      if (e instanceof VfsError) throw e;
      if (e instanceof SyscallError) throw new VfsError(e.code, e.detail);
      if (e instanceof RangeError) throw new VfsError('ENOMEM', String(e.message));
      throw new VfsError('EIO', e instanceof Error ? e.message : String(e));
    }
  }

  private parse(ctx: PathContext, path: string): { start: Loc; comps: string[]; slash: boolean } {
    if (typeof path !== 'string' || path === '') fail('ENOENT');
    if (path.length >= PATH_MAX) fail('ENAMETOOLONG');
    const comps = splitPath(path);
    return { start: path.charCodeAt(0) === 47 ? ctx.root : ctx.cwd, comps, slash: comps.length > 0 && path.endsWith('/') };
  }

  private walk(ctx: PathContext, path: string, follow: boolean): Loc {
    const { start, comps, slash } = this.parse(ctx, path);
    const loc = this.walkFrom(ctx, start, comps, { n: 0 }, follow || slash);
    if (slash && !loc.inode.isDir) fail('ENOTDIR');
    return loc;
  }

  private walkFrom(ctx: PathContext, start: Loc, comps: string[], links: Links, followLast: boolean): Loc {
    let cur = start;
    const last = comps.length - 1;
    for (let i = 0; i <= last; i++) cur = this.step(ctx, cur, comps[i]!, links, i < last || followLast);
    return cur;
  }

  /** One component: search permission on `cur`, then ., .., or a child (mounts and symlinks followed). */
  private step(ctx: PathContext, cur: Loc, name: string, links: Links, follow: boolean): Loc {
    if (!cur.inode.isDir) fail('ENOTDIR');
    checkPermission(cur.inode, MAY_EXEC, ctx.cred);
    if (name === '.') return cur;
    if (name === '..') return this.dotdot(ctx.root, cur);
    const next = this.followMounts({ mount: cur.mount, inode: this.child(cur.inode, name, ctx.cred) });
    if (follow && next.inode.isSymlink) return this.followLink(ctx, cur, next.inode, links);
    return next;
  }

  private followLink(ctx: PathContext, dir: Loc, link: Inode, links: Links): Loc {
    if (++links.n > MAX_SYMLINKS) fail('ELOOP');
    const target = link.st.data;
    if (target === '') fail('ENOENT');
    const comps = splitPath(target);
    const loc = this.walkFrom(ctx, target.charCodeAt(0) === 47 ? ctx.root : dir, comps, links, true);
    if (comps.length > 0 && target.endsWith('/') && !loc.inode.isDir) fail('ENOTDIR');
    return loc;
  }

  /** follow_dotdot(): never above the root; at a mount's root, continue in the parent mount. */
  private dotdot(root: Loc, cur: Loc): Loc {
    for (;;) {
      if (sameLoc(cur, root)) return cur;
      if (cur.inode !== cur.mount.root) {
        cur = { mount: cur.mount, inode: this.parentOf(cur.inode) };
        break;
      }
      const parent = cur.mount.parent;
      if (!parent || !cur.mount.mountpoint) return cur;
      cur = { mount: parent, inode: cur.mount.mountpoint };
    }
    return this.followMounts(cur);
  }

  private followMounts(loc: Loc): Loc {
    for (let guard = 0; guard < 1000; guard++) {
      const m = loc.mount.ns.mountedOn(loc.mount, loc.inode);
      if (!m) return loc;
      loc = { mount: m, inode: m.root };
    }
    return loc;
  }

  /** The directory containing `dir` within its filesystem (a root is its own parent). */
  private parentOf(dir: Inode): Inode {
    const s = dir.st;
    if (s.dynPath !== undefined) {
      if (s.dynPath === '') return dir.fs.root;
      const cut = s.dynPath.lastIndexOf('/');
      const p = cut < 0 ? '' : s.dynPath.slice(0, cut);
      return dir.fs.dynCache.get(p) ?? this.dynLookupPath(dir.fs, p, HOST_ROOT) ?? dir.fs.root;
    }
    return s.parent ?? dir;
  }

  /** A child inode of a directory (ENOENT), for this viewer (dynamic entries may be hidden). */
  private child(dir: Inode, name: string, cred: VfsCred): Inode {
    if (dir.st.dynPath !== undefined) {
      const inode = this.dynLookupPath(dir.fs, joinDyn(dir.st.dynPath, name), cred);
      if (!inode) fail('ENOENT');
      return inode;
    }
    const c = dir.st.entries?.get(name);
    if (!c) fail('ENOENT');
    return c;
  }

  private dynEntry(fs: Filesystem, path: string, cred: VfsCred): DynamicEntry | undefined {
    try {
      return fs.source!.lookup(path, cred);
    } catch (e) {
      if (e instanceof SyscallError) throw new VfsError(e.code, e.detail);
      throw new VfsError('EIO', e instanceof Error ? e.message : String(e));
    }
  }

  private dynLookupPath(fs: Filesystem, path: string, cred: VfsCred): Inode | undefined {
    const entry = this.dynEntry(fs, path, cred);
    if (!entry) return undefined;
    const inode = fs.dynamicInode(path, entry);
    return procVisible(inode.iattr, cred) ? inode : undefined;
  }

  /** Resolve all but the last component. */
  private walkParent(ctx: PathContext, path: string): ParentRef {
    const { start, comps, slash } = this.parse(ctx, path);
    if (comps.length === 0) return { dir: start, name: '.', slash };
    const dir = this.walkFrom(ctx, start, comps.slice(0, -1), { n: 0 }, true);
    if (!dir.inode.isDir) fail('ENOTDIR');
    return { dir, name: comps[comps.length - 1]!, slash };
  }

  /** Look up the last component in `dir` (search permission needed), mounts followed, symlinks not. */
  private peek(ctx: PathContext, dir: Loc, name: string): Loc | undefined {
    checkPermission(dir.inode, MAY_EXEC, ctx.cred);
    if (name === '.') return dir;
    if (name === '..') return this.dotdot(ctx.root, dir);
    try {
      return this.followMounts({ mount: dir.mount, inode: this.child(dir.inode, name, ctx.cred) });
    } catch (e) {
      if (e instanceof VfsError && e.code === 'ENOENT') return undefined;
      throw e;
    }
  }

  /** The raw directory entry (not following mounts), for operations on the name itself. */
  private entryOf(ctx: PathContext, dir: Loc, name: string): Inode | undefined {
    checkPermission(dir.inode, MAY_EXEC, ctx.cred);
    if (dir.inode.st.dynPath !== undefined) return this.dynLookupPath(dir.inode.fs, joinDyn(dir.inode.st.dynPath, name), ctx.cred);
    return dir.inode.st.entries?.get(name);
  }

  // =================================================================== paths of locations

  /**
   * The path of a location as seen from `root` (getcwd, /proc/mounts). A location outside the
   * root (after a chroot escape) is named from the top of the namespace, as Linux 2.6 does.
   * ENOENT for a deleted directory.
   */
  pathOf(loc: Loc, root: Loc): string {
    return this.guard(() => this.pathOfStrict(loc, root, false)!);
  }

  private pathOfStrict(loc: Loc, root: Loc, hideOutside: boolean): string | undefined {
    const parts: string[] = [];
    let cur = loc;
    for (let guard = 0; guard < 100000; guard++) {
      if (sameLoc(cur, root)) break;
      if (cur.inode === cur.mount.root) {
        if (!cur.mount.parent || !cur.mount.mountpoint) {
          if (hideOutside) return undefined;
          break;
        }
        cur = { mount: cur.mount.parent, inode: cur.mount.mountpoint };
        continue;
      }
      const s = cur.inode.st;
      if (s.dynPath !== undefined) parts.push(s.dynPath.slice(s.dynPath.lastIndexOf('/') + 1));
      else {
        if (!cur.inode.isDir || !cur.inode.fs.isLive(cur.inode) || cur.inode.nlink === 0) fail('ENOENT');
        parts.push(s.name);
      }
      cur = { mount: cur.mount, inode: this.parentOf(cur.inode) };
    }
    return '/' + parts.reverse().join('/');
  }

  /** getcwd(2). */
  getcwd(ctx: PathContext): string {
    return this.pathOf(ctx.cwd, ctx.root);
  }

  /** realpath(3): the canonical absolute path, symlinks resolved. */
  realpath(ctx: PathContext, path: string): string {
    return this.guard(() => {
      const loc = this.walk(ctx, path, true);
      if (loc.inode.isDir) return this.pathOfStrict(loc, ctx.root, false)!;
      let { dir, name } = this.walkParent(ctx, path);
      for (let links = 0; ; ) {
        const entry = this.peek(ctx, dir, name);
        if (!entry) fail('ENOENT');
        if (!entry.inode.isSymlink) {
          const base = this.pathOfStrict(dir, ctx.root, false)!;
          return base === '/' ? '/' + name : base + '/' + name;
        }
        if (++links > MAX_SYMLINKS) fail('ELOOP');
        const next = this.walkParent({ ...ctx, cwd: dir }, entry.inode.st.data);
        dir = next.dir;
        name = next.name;
      }
    });
  }

  // =================================================================== stat & friends

  stat(ctx: PathContext, path: string): VfsStat {
    return this.guard(() => this.statOf(this.walk(ctx, path, true).inode));
  }

  lstat(ctx: PathContext, path: string): VfsStat {
    return this.guard(() => this.statOf(this.walk(ctx, path, false).inode));
  }

  /** fstat(2) on an inode an open file holds. */
  fstat(inode: Inode): VfsStat {
    return this.statOf(inode);
  }

  statOf(inode: Inode): VfsStat {
    const s = inode.st;
    const fs = inode.fs;
    const info = this.iattrInfo(inode);
    return {
      dev: fs.dev,
      ino: inode.ino,
      type: inode.type,
      mode: s.mode,
      perm: s.mode & S_IALLUGO,
      nlink: s.nlink,
      uid: s.uid,
      gid: s.gid,
      size: s.size,
      rdevMajor: s.rdevMajor,
      rdevMinor: s.rdevMinor,
      blocks: (s.blocks * fs.blockSize) / 512,
      blksize: fs.kind === 'dynamic' ? 1024 : fs.blockSize,
      atime: s.atime,
      mtime: s.mtime,
      ctime: s.ctime,
      iattr: info.flags,
      iattrMask: info.mask,
      xid: info.xid,
      program: s.program,
    };
  }

  /** access(2) with the credentials given (the kernel passes the real uid/gid). */
  access(ctx: PathContext, path: string, mode: number): void {
    this.guard(() => {
      const loc = this.walk(ctx, path, true);
      if (mode === F_OK) return;
      checkPermission(loc.inode, mode & 7, ctx.cred, loc.mount);
    });
  }

  // =================================================================== directories

  /** chdir(2): the new cwd (the kernel stores it in the task). */
  chdir(ctx: PathContext, path: string): Loc {
    return this.guard(() => {
      const loc = this.walk(ctx, path, true);
      if (!loc.inode.isDir) fail('ENOTDIR');
      checkPermission(loc.inode, MAY_EXEC, ctx.cred);
      return loc;
    });
  }

  /** chroot(2): the new root (the cwd is left alone, which is what makes the classic escape possible). */
  chroot(ctx: PathContext, path: string): Loc {
    return this.guard(() => {
      const loc = this.chdir(ctx, path);
      if (!ctx.cred.capable('SYS_CHROOT')) fail('EPERM');
      return loc;
    });
  }

  /** fchdir(2)-style check on an inode reached through a mount. */
  checkSearch(loc: Loc, cred: VfsCred): void {
    this.guard(() => {
      if (!loc.inode.isDir) fail('ENOTDIR');
      checkPermission(loc.inode, MAY_EXEC, cred);
    });
  }

  mkdir(ctx: PathContext, path: string, mode = 0o777): Inode {
    return this.guard(() => {
      const { dir, name } = this.walkParent(ctx, path);
      if (name === '.' || name === '..' || this.peek(ctx, dir, name)) fail('EEXIST');
      this.mayCreate(ctx, dir);
      if (dir.inode.nlink >= this.limits.linkMax) fail('EMLINK');
      const perm = (mode & ~(ctx.umask ?? 0o022) & 0o1777) | (dir.inode.mode & S_ISGID);
      return this.createChild(ctx, dir.inode, name, 'dir', perm, {});
    });
  }

  /** mkdir -p: create missing directories; EEXIST only if the path exists and is not a directory. */
  mkdirp(ctx: PathContext, path: string, mode = 0o777): Loc {
    return this.guard(() => {
      const { start, comps } = this.parse(ctx, path);
      let cur = start;
      const links = { n: 0 };
      for (const name of comps) {
        if (!cur.inode.isDir) fail('ENOTDIR');
        const existing = name === '.' || name === '..' ? undefined : this.peek(ctx, cur, name);
        if (name === '.' || name === '..' || existing) {
          cur = this.step(ctx, cur, name, links, true);
          continue;
        }
        this.mayCreate(ctx, cur);
        const perm = (mode & ~(ctx.umask ?? 0o022) & 0o1777) | (cur.inode.mode & S_ISGID);
        const made = this.createChild(ctx, cur.inode, name, 'dir', perm, {});
        cur = { mount: cur.mount, inode: made };
      }
      if (!cur.inode.isDir) fail('EEXIST');
      return cur;
    });
  }

  rmdir(ctx: PathContext, path: string): void {
    this.guard(() => {
      if (path !== '' && splitPath(path).length === 0) fail('EBUSY');
      const { dir, name } = this.walkParent(ctx, path);
      if (name === '.') fail('EINVAL');
      if (name === '..') fail('ENOTEMPTY');
      const victim = this.entryOf(ctx, dir, name);
      if (!victim) fail('ENOENT');
      this.mayDelete(ctx, dir, victim);
      if (!victim.isDir) fail('ENOTDIR');
      if (this.isMountpoint(victim) || victim === dir.mount.root) fail('EBUSY');
      if (victim.st.dynPath !== undefined) fail('EPERM');
      if (victim.st.entries && victim.st.entries.size > 0) fail('ENOTEMPTY');
      dir.inode.fs.removeEntry(dir.inode, name);
    });
  }

  /** readdir(2) with . and .. first, then entries in insertion order. */
  readdir(ctx: PathContext, path: string): DirEntry[] {
    return this.guard(() => {
      const loc = this.walk(ctx, path, true);
      return this.readdirInode(loc.inode, ctx.cred);
    });
  }

  /** getdents on an open directory. */
  readdirInode(dir: Inode, cred: VfsCred): DirEntry[] {
    return this.guard(() => {
      if (!dir.isDir) fail('ENOTDIR');
      checkPermission(dir, MAY_READ, cred);
      const parent = this.parentOf(dir);
      const out: DirEntry[] = [
        { name: '.', ino: dir.ino, type: 'dir' },
        { name: '..', ino: parent.ino, type: 'dir' },
      ];
      const dyn = dir.st.dynPath;
      if (dyn !== undefined) {
        if (dir.nlink === 0) return out;
        let names: string[] | undefined;
        try {
          names = dir.fs.source!.list(dyn, cred);
        } catch (e) {
          throw e instanceof SyscallError ? new VfsError(e.code) : new VfsError('EIO');
        }
        for (const name of names ?? []) {
          const child = this.dynLookupPath(dir.fs, joinDyn(dyn, name), cred);
          if (child) out.push({ name, ino: child.ino, type: child.type });
        }
        return out;
      }
      if (!dir.fs.isLive(dir) || dir.nlink === 0) return out;
      for (const [name, child] of dir.st.entries ?? []) out.push({ name, ino: child.ino, type: child.type });
      return out;
    });
  }

  // =================================================================== files

  /**
   * open(2) semantics: O_CREAT (with O_EXCL), O_TRUNC, O_DIRECTORY, O_NOFOLLOW and the access
   * checks. The kernel builds its open file around the result (O_APPEND: write at inode.size).
   */
  open(ctx: PathContext, path: string, flags: number, mode = 0o666): OpenResult {
    return this.guard(() => this.openAt(ctx, path, flags, mode, { n: 0 }));
  }

  private openAt(ctx: PathContext, path: string, flags: number, mode: number, links: Links): OpenResult {
    let loc: Loc;
    if (flags & O_CREAT) {
      const { dir, name, slash } = this.walkParent(ctx, path);
      if (name === '.' || name === '..' || slash || splitPath(path).length === 0) fail('EISDIR');
      const found = this.peek(ctx, dir, name);
      if (found) {
        if (flags & O_EXCL) fail('EEXIST');
        if (found.inode.isDir) fail('EISDIR');
        if (found.inode.isSymlink) {
          if (flags & O_NOFOLLOW) fail('ELOOP');
          if (++links.n > MAX_SYMLINKS) fail('ELOOP');
          // follow the link; a dangling link creates its target, as on Linux
          return this.openAt({ ...ctx, cwd: dir }, found.inode.st.data || '', flags, mode, links);
        }
        loc = found;
      } else {
        this.mayCreate(ctx, dir, true);
        const perm = mode & ~(ctx.umask ?? 0o022) & 0o7777;
        const inode = this.createChild(ctx, dir.inode, name, 'file', perm, {});
        return { loc: { mount: dir.mount, inode }, inode, created: true };
      }
    } else {
      loc = this.walk(ctx, path, !(flags & O_NOFOLLOW));
      if (flags & O_NOFOLLOW && loc.inode.isSymlink) fail('ELOOP');
    }
    const inode = loc.inode;
    const acc = flags & O_ACCMODE;
    if (flags & O_DIRECTORY && !inode.isDir) fail('ENOTDIR');
    if (inode.isDir && acc !== O_RDONLY) fail('EISDIR');
    let mask = acc === O_RDONLY ? MAY_READ : acc === O_WRONLY ? MAY_WRITE : MAY_READ | MAY_WRITE;
    if (flags & O_TRUNC && !inode.isDir) mask |= MAY_WRITE;
    checkPermission(inode, mask, ctx.cred, loc.mount);
    if ((inode.type === 'chardev' || inode.type === 'blockdev') && loc.mount.flags.nodev) fail('EACCES');
    if (flags & O_TRUNC && inode.isRegular && inode.st.dynPath === undefined) this.truncateInode(inode, 0, ctx.cred);
    return { loc, inode, created: false };
  }

  /**
   * execve(2)'s checks: a regular file with execute permission, on a mount without noexec. The
   * kernel then runs inode.program (or reads a #! line).
   */
  openExec(ctx: PathContext, path: string): Loc {
    return this.guard(() => {
      const loc = this.walk(ctx, path, true);
      if (!loc.inode.isRegular) fail('EACCES');
      if (loc.mount.flags.noexec) fail('EACCES');
      checkPermission(loc.inode, MAY_EXEC, ctx.cred, loc.mount);
      return loc;
    });
  }

  /** Does a successful exec of this location honour setuid/setgid bits (nosuid)? */
  honoursSetid(loc: Loc): boolean {
    return !loc.mount.flags.nosuid;
  }

  /**
   * read(2) at a byte offset. Regular files and dynamic files; directories give EISDIR, other
   * types EINVAL (devices, FIFOs and sockets are the kernel's). Text files return text, binary
   * files a byte string; the bytes consumed are byteLength(result, inode.binary).
   */
  read(inode: Inode, offset: number, length: number, cred: VfsCred): string {
    return this.guard(() => {
      if (inode.isDir) fail('EISDIR');
      if (!Number.isFinite(offset) || offset < 0 || length < 0) fail('EINVAL');
      const s = inode.st;
      if (s.dynPath !== undefined) {
        const content = this.readDynamic(inode, cred);
        const tmp = { ...s, data: content, dataBytes: byteLength(content, false), size: byteLength(content, false), binary: false };
        return readRange(tmp, offset, length);
      }
      if (!inode.isRegular) fail('EINVAL');
      const out = readRange(s, offset, length);
      this.touchAtime(inode);
      return out;
    });
  }

  /** The whole content of a regular or dynamic file (program loader, #! scripts, tests). */
  readAll(inode: Inode, cred: VfsCred = HOST_ROOT): string {
    return this.read(inode, 0, Number.MAX_SAFE_INTEGER, cred);
  }

  /** Content of a dynamic file, generated now for this viewer. */
  readDynamic(inode: Inode, cred: VfsCred): string {
    return this.guard(() => {
      const path = inode.st.dynPath;
      if (path === undefined) fail('EINVAL');
      const entry = this.dynEntry(inode.fs, path, cred);
      if (!entry || entry.kind !== 'file') fail(entry?.kind === 'dir' ? 'EISDIR' : 'ENOENT');
      return entry.read();
    });
  }

  private touchAtime(inode: Inode): void {
    const fs = inode.fs;
    if (fs.noatime || fs.readOnly || fs.kind === 'dynamic') return;
    const now = fs.now();
    if (inode.st.atime !== now) inode.mut().atime = now;
  }

  /**
   * write(2) at a byte offset; returns the number of bytes written, which is short when the
   * filesystem (or the context's disk limit) fills up — ENOSPC only when nothing fits. `data` is
   * text, or a byte string with `binary`, or a Fill (n copies of one byte, checked against the
   * free space before any string is built).
   */
  write(inode: Inode, offset: number, data: string | Fill, cred: VfsCred, opts: { binary?: boolean } = {}): number {
    return this.guard(() => this.writeAt(inode, offset, data, cred, opts.binary ?? false));
  }

  /** O_APPEND write: at the current end of file. */
  append(inode: Inode, data: string | Fill, cred: VfsCred, opts: { binary?: boolean } = {}): number {
    return this.write(inode, inode.size, data, cred, opts);
  }

  /**
   * How many bytes a write of `length` bytes at `offset` would store (so a program can avoid
   * building data that cannot fit). 0 means ENOSPC.
   */
  writableBytes(inode: Inode, offset: number, length: number, cred: VfsCred): number {
    return this.guard(() => {
      if (!inode.isRegular || inode.st.dynPath !== undefined) return length;
      const fs = inode.fs;
      const bs = fs.blockSize;
      const b0 = Math.floor(offset / bs);
      const b1 = Math.ceil((offset + length) / bs);
      const budget = fs.isLive(inode) ? fs.blockBudget(cred, fs.tagOf(inode)) : Infinity;
      const cut = cutForBudget(inode.st.extents, b0, b1, budget);
      return Math.max(0, Math.min(offset + length, cut * bs) - offset);
    });
  }

  private writeAt(inode: Inode, offset: number, data: string | Fill, cred: VfsCred, binary: boolean): number {
    if (inode.isDir) fail('EISDIR');
    if (!Number.isFinite(offset) || offset < 0) fail('EINVAL');
    const fs = inode.fs;
    if (inode.st.dynPath !== undefined) return this.writeDynamic(inode, data, cred);
    if (!inode.isRegular) fail('EINVAL');
    if (fs.readOnly) fail('EROFS');
    if (inode.iattr & IATTR.IMMUTABLE) fail('EPERM');
    const isFill = typeof data !== 'string';
    if (isFill && (!Number.isInteger(data.byte) || data.byte < 0 || data.byte > 255 || !(data.length >= 0))) fail('EINVAL');
    if (!isFill && binary && !isByteString(data)) fail('EINVAL');
    let n = isFill ? Math.floor(data.length) : byteLength(data, binary);
    if (n === 0) return 0;
    if (offset + n > this.limits.maxFileSize) {
      if (offset >= this.limits.maxFileSize) fail('EFBIG');
      n = this.limits.maxFileSize - offset;
    }
    const s0 = inode.st;
    const zeroTail = isFill && data.byte === 0 && offset >= s0.dataBytes;
    // space: blocks not yet allocated in the range
    const bs = fs.blockSize;
    const b0 = Math.floor(offset / bs);
    let b1 = Math.ceil((offset + n) / bs);
    const live = fs.isLive(inode);
    const need = gapBlocks(s0.extents, b0, b1);
    if (live && need > 0) {
      const budget = fs.blockBudget(cred, fs.tagOf(inode));
      if (need > budget) {
        const cut = cutForBudget(s0.extents, b0, b1, budget);
        const allowed = Math.min(offset + n, cut * bs) - offset;
        if (allowed <= 0) fail('ENOSPC');
        n = allowed;
      }
    }
    if (!zeroTail && Math.max(s0.dataBytes, offset + n) > this.limits.maxMaterializedBytes) fail('EFBIG');
    let str: string | undefined;
    let strBinary = binary;
    if (!isFill) {
      str = data;
      if (byteLength(str, binary) > n) {
        str = binary ? str.slice(0, n) : prefixWithinBytes(str, n);
        n = byteLength(str, binary);
        if (n === 0) fail('ENOSPC');
      }
    } else if (!zeroTail) {
      str = String.fromCharCode(data.byte).repeat(n);
      strBinary = data.byte >= 0x80;
    }
    b1 = Math.ceil((offset + n) / bs);
    const s = inode.mut();
    if (str !== undefined) spliceData(s, offset, str, strBinary);
    const before = extentBlocks(s.extents);
    const ext = addExtent(s.extents, b0, b1);
    s.extents = ext;
    const added = extentBlocks(ext) - before;
    s.size = Math.max(s.size, offset + n, s.dataBytes);
    const now = fs.now();
    s.mtime = s.ctime = now;
    if ((s.mode & S_ISUID || (s.mode & (S_ISGID | S_IXGRP)) === (S_ISGID | S_IXGRP)) && !cred.capable('FSETID')) {
      s.mode &= ~S_ISUID;
      if (s.mode & S_IXGRP) s.mode &= ~S_ISGID;
    }
    if (added) fs.chargeRaw(inode, added);
    return n;
  }

  private writeDynamic(inode: Inode, data: string | Fill, cred: VfsCred): number {
    const entry = this.dynEntry(inode.fs, inode.st.dynPath!, cred);
    if (!entry) fail('ENOENT');
    if (entry.kind !== 'file' || !entry.write) fail('EIO');
    const text = typeof data === 'string' ? data : String.fromCharCode(data.byte).repeat(Math.min(data.length, 65536));
    try {
      entry.write(text);
    } catch (e) {
      throw e instanceof SyscallError ? new VfsError(e.code) : new VfsError('EIO');
    }
    return byteLength(text, false);
  }

  /** truncate(2). */
  truncate(ctx: PathContext, path: string, length: number): void {
    this.guard(() => {
      const loc = this.walk(ctx, path, true);
      if (loc.inode.isDir) fail('EISDIR');
      if (!loc.inode.isRegular) fail('EINVAL');
      checkPermission(loc.inode, MAY_WRITE, ctx.cred, loc.mount);
      this.truncateInode(loc.inode, length, ctx.cred);
    });
  }

  /** ftruncate(2) on an inode opened for writing. */
  ftruncate(inode: Inode, length: number, cred: VfsCred): void {
    this.guard(() => {
      if (!inode.isRegular) fail('EINVAL');
      if (inode.fs.readOnly) fail('EROFS');
      if (inode.iattr & IATTR.IMMUTABLE) fail('EPERM');
      this.truncateInode(inode, length, cred);
    });
  }

  private truncateInode(inode: Inode, length: number, _cred: VfsCred): void {
    if (!Number.isFinite(length) || length < 0) fail('EINVAL');
    if (length > this.limits.maxFileSize) fail('EFBIG');
    if (inode.st.dynPath !== undefined) return;
    const fs = inode.fs;
    const s = inode.mut();
    truncateData(s, length);
    s.size = length;
    const ext = truncateExtents(s.extents, Math.ceil(length / fs.blockSize));
    const freed = extentBlocks(s.extents) - extentBlocks(ext);
    s.extents = ext;
    s.mtime = s.ctime = fs.now();
    if (freed) fs.chargeRaw(inode, -freed);
  }

  // =================================================================== names

  unlink(ctx: PathContext, path: string): void {
    this.guard(() => {
      const { dir, name, slash } = this.walkParent(ctx, path);
      if (name === '.' || name === '..' || splitPath(path).length === 0) fail('EISDIR');
      const victim = this.entryOf(ctx, dir, name);
      if (!victim) fail('ENOENT');
      if (slash) fail(victim.isDir ? 'EISDIR' : 'ENOTDIR');
      this.mayDelete(ctx, dir, victim);
      if (victim.isDir) fail('EISDIR');
      if (this.isMountpoint(victim)) fail('EBUSY');
      if (victim.st.dynPath !== undefined) fail('EPERM');
      dir.inode.fs.removeEntry(dir.inode, name);
    });
  }

  /** link(2): a new name for an existing inode (the old path's final symlink is not followed). */
  link(ctx: PathContext, oldPath: string, newPath: string): void {
    this.guard(() => {
      const old = this.walk(ctx, oldPath, false);
      const { dir, name, slash } = this.walkParent(ctx, newPath);
      if (slash && !old.inode.isDir) fail('ENOENT');
      if (old.mount !== dir.mount) fail('EXDEV');
      if (name === '.' || name === '..' || this.peek(ctx, dir, name)) fail('EEXIST');
      this.mayCreate(ctx, dir);
      const inode = old.inode;
      if (inode.isDir) fail('EPERM');
      if (inode.st.dynPath !== undefined) fail('EPERM');
      if (isIxOrUnlink(inode)) fail('EPERM');
      if (inode.nlink >= this.limits.linkMax) fail('EMLINK');
      if (!inode.fs.isLive(inode)) fail('ENOENT');
      const fs = dir.inode.fs;
      fs.addEntry(dir.inode, name, inode, ctx.cred);
    });
  }

  symlink(ctx: PathContext, target: string, path: string): Inode {
    return this.guard(() => {
      if (target === '') fail('ENOENT');
      if (target.length >= PATH_MAX) fail('ENAMETOOLONG');
      const { dir, name } = this.walkParent(ctx, path);
      if (name === '.' || name === '..' || this.peek(ctx, dir, name)) fail('EEXIST');
      this.mayCreate(ctx, dir);
      return this.createChild(ctx, dir.inode, name, 'symlink', 0o777, { target });
    });
  }

  readlink(ctx: PathContext, path: string): string {
    return this.guard(() => {
      const loc = this.walk(ctx, path, false);
      if (!loc.inode.isSymlink) fail('EINVAL');
      return loc.inode.st.data;
    });
  }

  /** mknod(2): devices need CAP_MKNOD; FIFOs, sockets and regular files do not. */
  mknod(ctx: PathContext, path: string, type: 'chardev' | 'blockdev' | 'fifo' | 'socket' | 'file', perm: number, major = 0, minor = 0): Inode {
    return this.guard(() => {
      const { dir, name } = this.walkParent(ctx, path);
      if (name === '.' || name === '..' || this.peek(ctx, dir, name)) fail('EEXIST');
      this.mayCreate(ctx, dir);
      if ((type === 'chardev' || type === 'blockdev') && !ctx.cred.capable('MKNOD')) fail('EPERM');
      const p = perm & ~(ctx.umask ?? 0o022) & 0o7777;
      return this.createChild(ctx, dir.inode, name, type, p, { major, minor });
    });
  }

  /** rename(2), with Linux's rules for directories, mount points, sticky directories and EXDEV. */
  rename(ctx: PathContext, oldPath: string, newPath: string): void {
    this.guard(() => {
      const op = this.walkParent(ctx, oldPath);
      const np = this.walkParent(ctx, newPath);
      if (op.name === '.' || op.name === '..' || splitPath(oldPath).length === 0) fail('EBUSY');
      if (np.name === '.' || np.name === '..' || splitPath(newPath).length === 0) fail('EBUSY');
      if (op.dir.mount !== np.dir.mount) fail('EXDEV');
      const od = op.dir.inode;
      const nd = np.dir.inode;
      const victim = this.entryOf(ctx, op.dir, op.name);
      if (!victim) fail('ENOENT');
      const target = this.entryOf(ctx, np.dir, np.name);
      if (!victim.isDir && (op.slash || np.slash)) fail('ENOTDIR');
      if (victim === target) return;
      const isDir = victim.isDir;
      this.mayDelete(ctx, op.dir, victim);
      if (target) {
        this.mayDelete(ctx, np.dir, target);
        if (isDir && !target.isDir) fail('ENOTDIR');
        if (!isDir && target.isDir) fail('EISDIR');
      } else this.mayCreate(ctx, np.dir);
      if (od.st.dynPath !== undefined || nd.st.dynPath !== undefined) fail('EPERM');
      if (isDir) {
        if (od !== nd) checkPermission(victim, MAY_WRITE, ctx.cred, op.dir.mount);
        // a directory cannot move below itself
        for (let d = nd, guard = 0; guard < 100000; guard++) {
          if (d === victim) fail('EINVAL');
          const p = this.parentOf(d);
          if (p === d) break;
          d = p;
        }
        if (target) for (let d = od, guard = 0; guard < 100000; guard++) {
          if (d === target) fail('ENOTEMPTY');
          const p = this.parentOf(d);
          if (p === d) break;
          d = p;
        }
      }
      if (this.isMountpoint(victim) || (target && this.isMountpoint(target))) fail('EBUSY');
      if (victim === op.dir.mount.root || (target && target === np.dir.mount.root)) fail('EBUSY');
      if (target?.isDir && target.st.entries && target.st.entries.size > 0) fail('ENOTEMPTY');
      if (isDir && !target && nd !== od && nd.nlink >= this.limits.linkMax) fail('EMLINK');
      const fs = od.fs;
      fs.renameEntry(od, op.name, nd, np.name, ctx.cred);
    });
  }

  // =================================================================== attributes

  chmod(ctx: PathContext, path: string, mode: number, follow = true): void {
    this.guard(() => {
      const loc = this.walk(ctx, path, follow);
      this.chmodLoc(loc, mode, ctx.cred);
    });
  }

  /** fchmod(2). */
  fchmod(loc: Loc, mode: number, cred: VfsCred): void {
    this.guard(() => this.chmodLoc(loc, mode, cred));
  }

  private chmodLoc(loc: Loc, mode: number, cred: VfsCred): void {
    const inode = loc.inode;
    this.checkAttrChange(loc);
    if (!isOwnerOrCap(inode, cred)) fail('EPERM');
    let perm = mode & S_IALLUGO;
    if (!inGroup(cred, inode.gid) && !cred.capable('FSETID')) perm &= ~S_ISGID;
    const s = inode.mut();
    s.mode = (s.mode & ~S_IALLUGO) | perm;
    s.ctime = inode.fs.now();
  }

  /** chown(2); -1 leaves an id unchanged. Clears setuid/setgid on non-directories. */
  chown(ctx: PathContext, path: string, uid: number, gid: number, follow = true): void {
    this.guard(() => {
      const loc = this.walk(ctx, path, follow);
      this.chownLoc(loc, uid, gid, ctx.cred);
    });
  }

  fchown(loc: Loc, uid: number, gid: number, cred: VfsCred): void {
    this.guard(() => this.chownLoc(loc, uid, gid, cred));
  }

  private chownLoc(loc: Loc, uid: number, gid: number, cred: VfsCred): void {
    const inode = loc.inode;
    this.checkAttrChange(loc);
    if (uid !== -1 && !((cred.uid === inode.uid && uid === inode.uid) || cred.capable('CHOWN'))) fail('EPERM');
    if (gid !== -1 && !((cred.uid === inode.uid && (inGroup(cred, gid) || gid === inode.gid)) || cred.capable('CHOWN'))) fail('EPERM');
    const s = inode.mut();
    if (uid !== -1) s.uid = uid;
    if (gid !== -1) s.gid = gid;
    if (!inode.isDir && (uid !== -1 || gid !== -1)) {
      s.mode &= ~S_ISUID;
      if (s.mode & S_IXGRP) s.mode &= ~S_ISGID;
    }
    s.ctime = inode.fs.now();
  }

  /**
   * utimes(2): explicit times need ownership (or CAP_FOWNER); `undefined` (touch) sets both to
   * now and needs ownership or write permission.
   */
  utimes(ctx: PathContext, path: string, times: { atime: number; mtime: number } | undefined, follow = true): void {
    this.guard(() => {
      const loc = this.walk(ctx, path, follow);
      this.utimesLoc(loc, times, ctx.cred);
    });
  }

  futimes(loc: Loc, times: { atime: number; mtime: number } | undefined, cred: VfsCred): void {
    this.guard(() => this.utimesLoc(loc, times, cred));
  }

  private utimesLoc(loc: Loc, times: { atime: number; mtime: number } | undefined, cred: VfsCred): void {
    const inode = loc.inode;
    this.checkAttrChange(loc);
    if (times) {
      if (!isOwnerOrCap(inode, cred)) fail('EPERM');
    } else if (!isOwnerOrCap(inode, cred)) checkPermission(inode, MAY_WRITE, cred, loc.mount);
    const now = inode.fs.now();
    const s = inode.mut();
    s.atime = times ? Math.floor(times.atime) : now;
    s.mtime = times ? Math.floor(times.mtime) : now;
    s.ctime = now;
  }

  /** EROFS, EPERM (immutable) and dynamic entries, before chmod/chown/utimes. */
  private checkAttrChange(loc: Loc): void {
    const inode = loc.inode;
    if (inode.fs.readOnly || loc.mount.flags.readOnly) fail('EROFS');
    if (inode.iattr & IATTR.IMMUTABLE) fail('EPERM');
    if (inode.st.dynPath !== undefined) fail('EPERM');
  }

  /** Mark a file as running a built-in program (world building, package installation). */
  setProgram(ctx: PathContext, path: string, program: string | undefined): void {
    this.guard(() => {
      const loc = this.walk(ctx, path, true);
      if (!loc.inode.isRegular) fail('EINVAL');
      checkPermission(loc.inode, MAY_WRITE, ctx.cred, loc.mount);
      loc.inode.mut().program = program;
    });
  }

  // =================================================================== VServer attributes

  /** vc_get_iattr: the attribute bits, the mask the kernel reports and the context tag. */
  getIattr(ctx: PathContext, path: string): IattrInfo {
    return this.guard(() => this.iattrInfo(this.walk(ctx, path, false).inode));
  }

  iattrInfo(inode: Inode): IattrInfo {
    const fs = inode.fs;
    let mask: number = IATTR.IUNLINK | IATTR.IMMUTABLE;
    if (inode.isDir) mask |= IATTR.BARRIER;
    if (fs.tagging) mask |= IATTR.TAG;
    if (inode.st.procAttrs) mask |= IATTR_PROC_BITS;
    let flags = inode.iattr & mask;
    if (fs.tagging) flags |= IATTR.TAG;
    return { flags, mask, xid: fs.tagging ? (inode.xid ?? 0) : undefined };
  }

  /**
   * vc_set_iattr (setattr): set and clear attribute bits. Needs CAP_LINUX_IMMUTABLE (EPERM);
   * admin/watch/hide only on /proc entries that carry them (EINVAL); barrier on a non-directory
   * is ignored. The final symlink is not followed.
   */
  setIattr(ctx: PathContext, path: string, set: number, clear = 0): void {
    this.guard(() => {
      const loc = this.walk(ctx, path, false);
      this.setIattrLoc(loc, set, clear, ctx.cred);
    });
  }

  setIattrLoc(loc: Loc, set: number, clear: number, cred: VfsCred): void {
    this.guard(() => {
      const inode = loc.inode;
      if (!cred.capable('LINUX_IMMUTABLE')) fail('EPERM');
      if ((set | clear) & ~IATTR_SETTABLE) fail('EINVAL');
      if ((set | clear) & IATTR_PROC_BITS && !inode.st.procAttrs) fail('EINVAL');
      if (!inode.isDir) {
        set &= ~IATTR.BARRIER;
        clear &= ~IATTR.BARRIER;
      }
      const s = inode.st;
      if (s.dynPath !== undefined) {
        const next = (s.iattr & ~clear) | set;
        inode.fs.dynAttrs.set(s.dynPath, next);
        inode.mut().iattr = next;
        return;
      }
      if (inode.fs.readOnly || loc.mount.flags.readOnly) fail('EROFS');
      const w = inode.mut();
      w.iattr = (w.iattr & ~clear) | set;
      w.ctime = inode.fs.now();
    });
  }

  /** chxid: set the context tag of a file on a tagging filesystem (EINVAL elsewhere). */
  setXidTag(ctx: PathContext, path: string, xid: number): void {
    this.guard(() => {
      const loc = this.walk(ctx, path, false);
      if (!ctx.cred.capable('LINUX_IMMUTABLE')) fail('EPERM');
      if (!loc.inode.fs.tagging || loc.inode.st.dynPath !== undefined) fail('EINVAL');
      if (!Number.isInteger(xid) || xid < 0 || xid > 65535) fail('EINVAL');
      if (loc.inode.fs.readOnly || loc.mount.flags.readOnly) fail('EROFS');
      loc.inode.fs.retag(loc.inode, xid);
      loc.inode.mut().ctime = loc.inode.fs.now();
    });
  }

  // =================================================================== statfs

  /** statfs(2), with the caller's disk limit applied (vx_vsi_statfs) when its context has one. */
  statfs(ctx: PathContext, path: string): VfsStatFs {
    return this.guard(() => this.statfsOf(this.walk(ctx, path, true).inode.fs, ctx.cred));
  }

  statfsOf(fs: Filesystem, cred: VfsCred): VfsStatFs {
    const out: VfsStatFs = {
      type: fs.type,
      device: fs.device,
      blockSize: fs.blockSize,
      blocks: fs.totalBlocks,
      blocksFree: fs.freeBlocks,
      blocksAvail: Math.max(0, fs.freeBlocks - fs.reservedBlocks),
      inodes: fs.totalInodes,
      inodesFree: fs.freeInodes,
      nameMax: NAME_MAX,
    };
    const dl = fs.dlimits.get(cred.xid);
    if (dl) {
      const kib = fs.blockSize / 1024;
      if (dl.spaceTotal !== DLIMIT_INFINITE) {
        const total = Math.floor(dl.spaceTotal / kib);
        const used = Math.ceil(dl.spaceUsed / kib);
        out.blocks = total;
        out.blocksFree = Math.max(0, Math.min(out.blocksFree, total - used));
        out.blocksAvail = Math.max(0, Math.min(out.blocksAvail, Math.floor((total * (100 - dl.reserved)) / 100) - used));
      }
      if (dl.inodesTotal !== DLIMIT_INFINITE) {
        out.inodes = dl.inodesTotal;
        out.inodesFree = Math.max(0, Math.min(out.inodesFree, dl.inodesTotal - dl.inodesUsed));
      }
    }
    return out;
  }

  // =================================================================== mounts

  /** mount(2) of a filesystem on a directory (CAP_SYS_ADMIN). Mounting on a mount point stacks. */
  mount(ctx: PathContext, target: string, fs: Filesystem, opts: MountOptions = {}): Mount {
    return this.guard(() => {
      if (!ctx.cred.capable('SYS_ADMIN')) fail('EPERM');
      const loc = this.walk(ctx, target, true);
      if (!loc.inode.isDir) fail('ENOTDIR');
      if (!this.filesystems.includes(fs)) fail('ENODEV');
      return this.attach(loc, fs, fs.root, opts.device ?? fs.device, opts);
    });
  }

  /** mount --bind (CAP_SYS_ADMIN): show a directory at a second place; `recursive` copies submounts (rbind). */
  bindMount(ctx: PathContext, source: string, target: string, opts: MountOptions & { recursive?: boolean } = {}): Mount {
    return this.guard(() => {
      if (!ctx.cred.capable('SYS_ADMIN')) fail('EPERM');
      const src = this.walk(ctx, source, true);
      const dst = this.walk(ctx, target, true);
      if (!src.inode.isDir || !dst.inode.isDir) fail('ENOTDIR');
      const top = this.attach(dst, src.inode.fs, src.inode, opts.device ?? src.mount.device, {
        ...opts,
        options: opts.options ?? [...src.mount.options],
      });
      if (opts.recursive) {
        const ns = src.mount.ns;
        const map = new Map<Mount, Mount>([[src.mount, top]]);
        for (const m of ns.subtree(src.mount)) {
          if (m === src.mount || !m.parent || !m.mountpoint) continue;
          const parentCopy = map.get(m.parent);
          if (!parentCopy) continue;
          // only submounts visible below the bound directory
          if (m.parent === src.mount && !this.isBelow(m.mountpoint, src.inode)) continue;
          const copy = this.attach({ mount: parentCopy, inode: m.mountpoint }, m.fs, m.root, m.device, { ...m.flags, options: [...m.options] }, false);
          map.set(m, copy);
        }
      }
      return top;
    });
  }

  private isBelow(inode: Inode, dir: Inode): boolean {
    for (let d = inode, guard = 0; guard < 100000; guard++) {
      if (d === dir) return true;
      const p = this.parentOf(d);
      if (p === d) return false;
      d = p;
    }
    return false;
  }

  private attach(loc: Loc, fs: Filesystem, root: Inode, device: string, opts: MountOptions, follow = true): Mount {
    const ns = loc.mount.ns;
    const at = follow ? this.followMounts(loc) : loc;
    const m = new Mount(this.counters.mount++, ns, fs, root, at.mount, at.inode, device, flagsOf(opts), opts.options ?? []);
    ns.mounts.push(m);
    ns.reindex();
    return m;
  }

  /**
   * umount(2) (CAP_SYS_ADMIN): EINVAL if the path is not a mount point, EBUSY if something is
   * mounted below it or `busy` says a task uses it (lazy detaches anyway).
   */
  umount(ctx: PathContext, target: string, opts: UmountOptions = {}): Mount {
    return this.guard(() => {
      if (!ctx.cred.capable('SYS_ADMIN')) fail('EPERM');
      const loc = this.walk(ctx, target, true);
      if (loc.inode !== loc.mount.root) fail('EINVAL');
      const m = loc.mount;
      if (!m.parent) fail('EBUSY');
      const ns = m.ns;
      const tree = ns.subtree(m);
      if (!opts.lazy) {
        if (tree.length > 1) fail('EBUSY');
        if (opts.busy?.(m)) fail('EBUSY');
      }
      const gone = new Set(tree);
      ns.mounts = ns.mounts.filter((x) => !gone.has(x));
      ns.reindex();
      return m;
    });
  }

  /** mount -o remount: change read-only state (of the filesystem, or of this mount with `bind`). */
  remount(ctx: PathContext, target: string, opts: { readOnly: boolean; bind?: boolean }): void {
    this.guard(() => {
      if (!ctx.cred.capable('SYS_ADMIN')) fail('EPERM');
      const loc = this.walk(ctx, target, true);
      if (loc.inode !== loc.mount.root) fail('EINVAL');
      if (opts.bind) loc.mount.flags = { ...loc.mount.flags, readOnly: opts.readOnly };
      else loc.mount.fs.readOnly = opts.readOnly;
    });
  }

  /** Is this directory covered by a mount in any namespace (rmdir/unlink/rename give EBUSY)? */
  isMountpoint(inode: Inode): boolean {
    for (const ns of this.namespaces) for (const m of ns.mounts) if (m.mountpoint === inode) return true;
    return false;
  }

  /**
   * The viewer's /proc/mounts: the mounts of its namespace that are inside its root, with mount
   * points relative to that root. Mounts outside a chroot are not shown.
   */
  mountTable(ctx: PathContext): MountEntry[] {
    return this.guard(() => {
      const out: MountEntry[] = [];
      const ns = ctx.root.mount.ns;
      for (const m of ns.mounts) {
        const path = this.pathOfStrict(m.rootLoc, ctx.root, true);
        if (path === undefined) continue;
        out.push({ device: m.device, mountPoint: path, type: m.fs.type, options: mountOptionString(m), mount: m });
      }
      return out;
    });
  }

  /** The mount a path is on (df). */
  mountOf(ctx: PathContext, path: string): Mount {
    return this.resolve(ctx, path, true).mount;
  }

  /**
   * Attach a filesystem image to a file (mkfs on a file): the image's content is the filesystem
   * object, so every loop mount of the file shows the same tree.
   */
  attachImage(ctx: PathContext, path: string, fs: Filesystem): void {
    this.guard(() => {
      const loc = this.walk(ctx, path, true);
      if (!loc.inode.isRegular) fail('EINVAL');
      checkPermission(loc.inode, MAY_WRITE, ctx.cred, loc.mount);
      if (!this.filesystems.includes(fs)) fail('ENODEV');
      loc.inode.mut().image = fs;
    });
  }

  // =================================================================== helpers

  private mayCreate(ctx: PathContext, dir: Loc, forOpen = false): void {
    const d = dir.inode;
    if (!d.fs.isLive(d) || d.nlink === 0) fail('ENOENT');
    if (d.st.dynPath !== undefined) fail(forOpen ? 'EACCES' : 'EPERM');
    checkPermission(d, MAY_WRITE | MAY_EXEC, ctx.cred, dir.mount);
  }

  private mayDelete(ctx: PathContext, dir: Loc, victim: Inode): void {
    checkPermission(dir.inode, MAY_WRITE | MAY_EXEC, ctx.cred, dir.mount);
    if (stickyForbids(dir.inode, victim, ctx.cred)) fail('EPERM');
    if (isIxOrUnlink(victim)) fail('EPERM');
  }

  private createChild(ctx: PathContext, dir: Inode, name: string, type: FileType, perm: number, init: { target?: string; major?: number; minor?: number }): Inode {
    const fs = dir.fs;
    const cred = ctx.cred;
    const gid = dir.mode & S_ISGID ? dir.gid : cred.gid;
    // Check every charge before changing anything (ENOSPC leaves no trace).
    const tag = fs.tagging ? cred.xid : undefined;
    fs.checkInode(tag);
    const own = type === 'dir' && fs.kind === 'disk' ? 1 : type === 'symlink' ? fs.symlinkBlocks(init.target ?? '') : 0;
    const growth = fs.entryGrowth(dir, name);
    const dirTag = fs.tagOf(dir);
    if (tag === dirTag) {
      if (own + growth > fs.blockBudget(cred, tag)) fail('ENOSPC');
    } else if (own > fs.blockBudget(cred, tag) || growth > fs.blockBudget(cred, dirTag) || own + growth > fs.blockBudget(cred, undefined)) fail('ENOSPC');
    const inode = fs.newInode(type, perm, cred.uid, gid, cred, init);
    fs.addEntry(dir, name, inode, cred);
    return inode;
  }
}

/** An immutable file without iunlink cannot be unlinked, renamed or linked (IS_IXORUNLINK). */
function isIxOrUnlink(inode: Inode): boolean {
  return (inode.iattr & (IATTR.IMMUTABLE | IATTR.IUNLINK)) === IATTR.IMMUTABLE;
}

function splitPath(path: string): string[] {
  const out: string[] = [];
  for (const c of path.split('/')) {
    if (c === '') continue;
    if (c.length > NAME_MAX) fail('ENAMETOOLONG');
    out.push(c);
  }
  return out;
}

function joinDyn(dir: string, name: string): string {
  return dir === '' ? name : dir + '/' + name;
}

function flagsOf(opts: MountOptions): MountFlags {
  return { readOnly: opts.readOnly ?? false, nosuid: opts.nosuid ?? false, nodev: opts.nodev ?? false, noexec: opts.noexec ?? false };
}

/** The options column of /proc/mounts. */
export function mountOptionString(m: Mount): string {
  const opts = [m.readOnly ? 'ro' : 'rw'];
  if (m.flags.nosuid) opts.push('nosuid');
  if (m.flags.nodev) opts.push('nodev');
  if (m.flags.noexec) opts.push('noexec');
  if (m.fs.tagging) opts.push('tagxid');
  for (const o of [...m.fs.options, ...m.options]) if (!opts.includes(o)) opts.push(o);
  return opts.join(',');
}

/** /proc/mounts text: "device mountpoint type options 0 0" per line, spaces escaped as \040. */
export function formatProcMounts(entries: readonly MountEntry[]): string {
  const esc = (s: string) => s.replace(/\\/g, '\\134').replace(/ /g, '\\040').replace(/\t/g, '\\011').replace(/\n/g, '\\012');
  return entries.map((e) => `${esc(e.device)} ${esc(e.mountPoint)} ${e.type} ${e.options} 0 0\n`).join('');
}

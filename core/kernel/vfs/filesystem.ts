/**
 * Filesystems (superblocks): capacity and usage accounting, inode numbering, Linux-VServer
 * context tagging and per-context disk limits, and the dynamic filesystems (/proc) whose content
 * the kernel supplies through callbacks.
 *
 * The primitives here do no permission checks: the Vfs does those, populate() skips them.
 */
import { DLIMIT_INFINITE, IATTR, S_IFDIR, S_IFMT, S_IFLNK, S_IFREG, type FileType, typeBits } from './constants.js';
import type { VfsCred } from './cred.js';
import { fail } from './errors.js';
import { Inode, newInodeState, type InodeState } from './inode.js';

export type FsKind = 'disk' | 'memory' | 'dynamic';

/** What a dynamic filesystem says about one of its paths. */
export type DynamicEntry = (
  | { kind: 'dir' }
  | {
      kind: 'file';
      /** The whole content, produced when read. */
      read(): string;
      /** Accept a write (/proc/sys/…); without it the file is read-only (EACCES for non-root, EIO otherwise). */
      write?(data: string): void;
      /** Reported size (procfs reports 0). */
      size?: number;
    }
  | { kind: 'symlink'; target: string }
) & {
  /** Permission bits (defaults: dir 0555, file 0444, symlink 0777). */
  perm?: number;
  uid?: number;
  gid?: number;
  /** Inode number; by default a stable hash of the path. */
  ino?: number;
  /** Time of the entry (e.g. a process's start time); default: when first looked up. */
  mtime?: number;
  /**
   * Default VServer /proc attributes (admin/watch/hide). Entries that define it carry those bits
   * (setattr --hide works on them, showattr shows them); entries without it do not.
   */
  iattr?: number;
};

/**
 * The callbacks of a dynamic filesystem. Paths are relative to the filesystem root, without
 * leading or trailing slash ('' is the root, 'net/dev'). `viewer` is the caller's credentials;
 * its `subject` carries whatever the kernel put there (the Task).
 */
export interface DynamicSource {
  lookup(path: string, viewer: VfsCred): DynamicEntry | undefined;
  /** Names in a directory (without . and ..), or undefined when the path is not a directory. */
  list(path: string, viewer: VfsCred): string[] | undefined;
}

export interface FilesystemOptions {
  /** Type as /proc/mounts shows it: ext3, ext2, tmpfs, proc, devpts, sysfs, vmfs3… */
  type: string;
  /** Source as /proc/mounts shows it: /dev/sda1, none, proc, /dev/loop0. */
  device?: string;
  /** disk (block accounting like ext2/3), memory (tmpfs) or dynamic (needs `source`). Default from the type. */
  kind?: FsKind;
  /** st_dev; default: an anonymous device 0:N. */
  dev?: number;
  blockSize?: number;
  /** Capacity in blocks. */
  blocks?: number;
  /** Capacity in inodes. */
  inodes?: number;
  /** Blocks only privileged writers (CAP_SYS_RESOURCE) may use, as a percentage (ext default 5). */
  reservedPercent?: number;
  /** Blocks used by metadata (journal, inode tables) or by content not modelled as files. */
  baseUsedBlocks?: number;
  readOnly?: boolean;
  /** Context tagging (mount option tagxid): new inodes carry the creator's xid. */
  tagging?: boolean;
  /** Extra options shown in /proc/mounts (data=ordered, mode=755…). */
  options?: string[];
  /** Skip atime updates on read. */
  noatime?: boolean;
  /** Create lost+found (default true for ext2/ext3/ext4). */
  lostFound?: boolean;
  rootPerm?: number;
  rootUid?: number;
  rootGid?: number;
  /** Callbacks of a dynamic filesystem. */
  source?: DynamicSource;
}

/** Blocks and inodes charged to one context on a tagging filesystem. */
export interface XidUsage {
  blocks: number;
  inodes: number;
}

/** A vdlimit entry: space in KiB, inodes in counts, DLIMIT_INFINITE (-1) for no limit. */
export interface DiskLimit {
  spaceUsed: number;
  spaceTotal: number;
  inodesUsed: number;
  inodesTotal: number;
  /** Percentage of space_total kept back (shown by df as not available). */
  reserved: number;
}

/** @internal What filesystems share with their Vfs. */
export interface FsEnv {
  readonly gen: { value: number };
  now(): number;
}

const DISK_TYPES = new Set(['ext2', 'ext3', 'ext4', 'xfs', 'reiserfs', 'jfs', 'vfat', 'iso9660', 'vmfs3', 'vmfs2', 'ufs']);
const EXT_TYPES = new Set(['ext2', 'ext3', 'ext4']);

/** ext2 directory record length of a name (8-byte header + name, 4-byte aligned). */
export function dirRecLen(name: string): number {
  return (8 + name.length + 3) & ~3;
}

/** tmpfs's per-entry directory size (BOGO_DIRENT_SIZE). */
const TMPFS_DIRENT = 20;
/** Symlink targets shorter than this live in the inode (ext2 "fast symlinks"): no block. */
const FAST_SYMLINK_MAX = 60;

/** Stable 31-bit FNV-1a hash, for inode numbers of dynamic entries. */
function hashPath(path: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < path.length; i++) {
    h ^= path.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return ((h >>> 1) % 0x3fff0000) + 0x10000;
}

export class Filesystem {
  readonly type: string;
  readonly device: string;
  readonly kind: FsKind;
  /** st_dev. */
  readonly dev: number;
  readonly blockSize: number;
  readonly totalBlocks: number;
  readonly totalInodes: number;
  readonly reservedBlocks: number;
  readonly tagging: boolean;
  readonly options: readonly string[];
  readonly noatime: boolean;
  readonly source: DynamicSource | undefined;
  /** @internal */
  readonly gen: { value: number };
  /** @internal */
  readonly env: FsEnv;

  // ---- state (captured by snapshots) ----
  /** Mounted read-only (remount changes it). */
  readOnly: boolean;
  /** @internal */ usedBlocks: number;
  /** @internal */ usedInodes: number;
  /** @internal */ baseUsedBlocks: number;
  /** @internal */ baseUsedInodes: number;
  /** @internal Live inodes by number. */ table: (Inode | undefined)[] = [];
  /** @internal */ nextIno: number;
  /** @internal Freed inode numbers below nextIno, ascending (disk filesystems reuse the lowest). */ freeInos: number[] = [];
  /** @internal */ xidUsage = new Map<number, XidUsage>();
  /** @internal */ dlimits = new Map<number, DiskLimit>();
  /** @internal Attributes set on dynamic entries, by path. */ dynAttrs = new Map<string, number>();
  /** @internal Dynamic inodes by path (a cache, not state). */ dynCache = new Map<string, Inode>();

  readonly root: Inode;

  /** @internal Use Vfs.createFilesystem(). */
  constructor(env: FsEnv, dev: number, opts: FilesystemOptions) {
    this.env = env;
    this.gen = env.gen;
    this.type = opts.type;
    this.device = opts.device ?? (opts.source ? opts.type : 'none');
    this.kind = opts.kind ?? (opts.source ? 'dynamic' : DISK_TYPES.has(opts.type) ? 'disk' : 'memory');
    if (this.kind === 'dynamic' && !opts.source) fail('EINVAL', 'dynamic filesystem without a source');
    this.source = opts.source;
    this.dev = opts.dev ?? dev;
    this.blockSize = opts.blockSize ?? (this.kind === 'dynamic' ? 1024 : 4096);
    const isExt = EXT_TYPES.has(opts.type);
    const defaultBlocks = this.kind === 'disk' ? (1 << 30) / this.blockSize : this.kind === 'memory' ? (256 << 20) / this.blockSize : 0;
    this.totalBlocks = Math.max(0, Math.floor(opts.blocks ?? defaultBlocks));
    const bytes = this.totalBlocks * this.blockSize;
    this.totalInodes = Math.max(0, Math.floor(opts.inodes ?? (this.kind === 'dynamic' ? 0 : Math.max(64, Math.floor(bytes / (this.kind === 'disk' ? 16384 : 8192))))));
    this.reservedBlocks = Math.floor((this.totalBlocks * (opts.reservedPercent ?? (isExt ? 5 : 0))) / 100);
    this.tagging = opts.tagging ?? false;
    this.options = opts.options ?? [];
    this.noatime = opts.noatime ?? false;
    this.readOnly = opts.readOnly ?? false;
    this.baseUsedBlocks = Math.min(this.totalBlocks, opts.baseUsedBlocks ?? (isExt ? this.extMetadataBlocks(opts.type) : 0));
    this.usedBlocks = this.baseUsedBlocks;
    // ext2/3 reserve inodes 1–10 (the root is 2) and allocate from 11; tmpfs counts from 1.
    this.baseUsedInodes = isExt ? 9 : 0;
    this.usedInodes = this.baseUsedInodes;
    const rootIno = isExt ? 2 : 1;
    this.nextIno = isExt ? 11 : 2;

    const now = this.now();
    const rootState = newInodeState(this.gen.value, S_IFDIR | (opts.rootPerm ?? 0o755), opts.rootUid ?? 0, opts.rootGid ?? 0, now);
    this.root = new Inode(this, rootIno, rootState);
    rootState.nlink = 2;
    rootState.entries = new Map();
    rootState.parent = this.root;
    if (this.kind === 'dynamic') {
      rootState.dynPath = '';
      rootState.mode = S_IFDIR | (opts.rootPerm ?? 0o555);
      this.dynCache.set('', this.root);
      return;
    }
    this.table[rootIno] = this.root;
    this.usedInodes++;
    if (this.tagging) rootState.xid = 0;
    this.initDirectory(this.root);
    this.chargeInodeCount(this.root, 1);
    if (this.kind === 'disk') this.chargeRaw(this.root, 1);
    if (opts.lostFound ?? isExt) {
      const lf = this.allocInode(S_IFDIR | 0o700, 0, 0, undefined, 0);
      this.addEntry(this.root, 'lost+found', lf, undefined);
      // mke2fs preallocates lost+found (16 KiB).
      const want = Math.max(1, Math.ceil(16384 / this.blockSize));
      const extra = Math.min(want - lf.st.blocks, Math.max(0, this.totalBlocks - this.usedBlocks));
      if (extra > 0) {
        const s = lf.mut();
        s.size += extra * this.blockSize;
        this.chargeRaw(lf, extra);
      }
    }
  }

  private extMetadataBlocks(type: string): number {
    const groups = Math.max(1, Math.ceil(this.totalBlocks / (this.blockSize * 8)));
    const inodeTable = Math.ceil((this.totalInodes * 128) / this.blockSize);
    const journal = type === 'ext2' ? 0 : Math.min(32768, Math.max(1024, Math.floor(this.totalBlocks / 32)));
    return Math.min(this.totalBlocks, 1 + groups * 3 + inodeTable + journal);
  }

  /** Current simulated time in whole seconds. */
  now(): number {
    return Math.floor(this.env.now());
  }

  // ---------------------------------------------------------------- inode table

  inodeByNumber(ino: number): Inode | undefined {
    return this.table[ino];
  }

  /** Live inodes, in inode-number order. */
  *inodes(): IterableIterator<Inode> {
    for (const i of this.table) if (i) yield i;
  }

  get inodeCount(): number {
    return this.usedInodes - this.baseUsedInodes;
  }

  /** Is the inode still part of this filesystem? (Dynamic entries always are.) */
  isLive(inode: Inode): boolean {
    return this.kind === 'dynamic' ? true : this.table[inode.ino] === inode;
  }

  // ---------------------------------------------------------------- accounting

  /** The tag an inode is charged to, or undefined on a filesystem without tagging. */
  tagOf(inode: Inode): number | undefined {
    return this.tagging ? (inode.st.xid ?? 0) : undefined;
  }

  get freeBlocks(): number {
    return this.totalBlocks - this.usedBlocks;
  }

  get freeInodes(): number {
    return this.totalInodes - this.usedInodes;
  }

  /** How many more blocks the caller may allocate for inodes tagged `tag`. */
  blockBudget(cred: VfsCred | undefined, tag: number | undefined): number {
    let budget = this.freeBlocks;
    if (cred && !cred.capable('SYS_RESOURCE')) budget -= this.reservedBlocks;
    if (tag !== undefined) {
      const dl = this.dlimits.get(tag);
      if (dl && dl.spaceTotal !== DLIMIT_INFINITE) {
        const kibPerBlock = this.blockSize / 1024;
        budget = Math.min(budget, Math.floor((dl.spaceTotal - dl.spaceUsed) / kibPerBlock));
      }
    }
    return Math.max(0, budget);
  }

  /** Throw ENOSPC unless one more inode tagged `tag` fits. */
  checkInode(tag: number | undefined): void {
    if (this.kind === 'dynamic') fail('EPERM');
    if (this.usedInodes >= this.totalInodes) fail('ENOSPC');
    if (tag !== undefined) {
      const dl = this.dlimits.get(tag);
      if (dl && dl.inodesTotal !== DLIMIT_INFINITE && dl.inodesUsed + 1 > dl.inodesTotal) fail('ENOSPC');
    }
  }

  /** @internal Charge (or with a negative count, release) blocks for an inode, without checks. */
  chargeRaw(inode: Inode, blocks: number): void {
    if (blocks === 0) return;
    inode.mut().blocks += blocks;
    if (this.isLive(inode)) this.account(inode, blocks);
  }

  /** Filesystem-level accounting of blocks held by a live inode (orphans are not accounted). */
  private account(inode: Inode, blocks: number): void {
    if (this.kind === 'dynamic' || blocks === 0) return;
    this.usedBlocks += blocks;
    const tag = this.tagOf(inode);
    if (tag === undefined) return;
    const u = this.usage(tag);
    u.blocks += blocks;
    const dl = this.dlimits.get(tag);
    if (dl) dl.spaceUsed = Math.max(0, dl.spaceUsed + (blocks * this.blockSize) / 1024);
  }

  /** @internal Check the budget and charge `blocks` new blocks to an inode (ENOSPC). */
  charge(inode: Inode, blocks: number, cred: VfsCred | undefined): void {
    if (blocks > 0 && this.isLive(inode) && blocks > this.blockBudget(cred, this.tagOf(inode))) fail('ENOSPC');
    this.chargeRaw(inode, blocks);
  }

  private usage(tag: number): XidUsage {
    let u = this.xidUsage.get(tag);
    if (!u) {
      u = { blocks: 0, inodes: 0 };
      this.xidUsage.set(tag, u);
    }
    return u;
  }

  private chargeInodeCount(inode: Inode, n: number): void {
    const tag = this.tagOf(inode);
    if (tag === undefined) return;
    this.usage(tag).inodes += n;
    const dl = this.dlimits.get(tag);
    if (dl) dl.inodesUsed = Math.max(0, dl.inodesUsed + n);
  }

  /** Blocks and inodes charged to a context (tagging filesystems). */
  usageOf(xid: number): XidUsage {
    const u = this.xidUsage.get(xid);
    return { blocks: u?.blocks ?? 0, inodes: u?.inodes ?? 0 };
  }

  /** Contexts with usage on this filesystem. */
  usageContexts(): number[] {
    return [...this.xidUsage.keys()].sort((a, b) => a - b);
  }

  // ---------------------------------------------------------------- disk limits (vdlimit)

  /** The limit entry of a context (ESRCH when there is none, as vc_get_dlimit). */
  getDiskLimit(xid: number): DiskLimit {
    const dl = this.dlimits.get(xid);
    if (!dl) fail('ESRCH');
    return { ...dl };
  }

  hasDiskLimit(xid: number): boolean {
    return this.dlimits.has(xid);
  }

  /**
   * Add or change a context's limits. A new entry starts with used counters at 0, as in the kernel
   * (util-vserver restores saved values with --set space_used=…); pass them to start elsewhere.
   */
  setDiskLimit(xid: number, values: Partial<DiskLimit>): void {
    const cur = this.dlimits.get(xid) ?? { spaceUsed: 0, spaceTotal: DLIMIT_INFINITE, inodesUsed: 0, inodesTotal: DLIMIT_INFINITE, reserved: 0 };
    const next = { ...cur, ...values };
    for (const k of ['spaceUsed', 'spaceTotal', 'inodesUsed', 'inodesTotal', 'reserved'] as const) {
      const v = next[k];
      if (!Number.isFinite(v) || (v < 0 && v !== DLIMIT_INFINITE)) fail('EINVAL');
    }
    if (next.reserved > 100) fail('EINVAL');
    this.dlimits.set(xid, next);
  }

  removeDiskLimit(xid: number): void {
    if (!this.dlimits.delete(xid)) fail('ESRCH');
  }

  diskLimitContexts(): number[] {
    return [...this.dlimits.keys()].sort((a, b) => a - b);
  }

  // ---------------------------------------------------------------- inode life cycle

  /**
   * @internal Allocate an inode (checks inode capacity and the tag's inode limit). Directories get
   * their first block here (ENOSPC possible before anything changed).
   */
  allocInode(mode: number, uid: number, gid: number, cred: VfsCred | undefined, tag: number | undefined): Inode {
    const t = this.tagging ? (tag ?? cred?.xid ?? 0) : undefined;
    this.checkInode(t);
    const isDir = (mode & S_IFMT) === S_IFDIR;
    const dirBlocks = isDir && this.kind === 'disk' ? 1 : 0;
    if (dirBlocks > this.blockBudget(cred, t)) fail('ENOSPC');
    const ino = this.takeIno();
    const inode = new Inode(this, ino, newInodeState(this.gen.value, mode, uid, gid, this.now()));
    inode.st.xid = t;
    this.table[ino] = inode;
    this.usedInodes++;
    this.chargeInodeCount(inode, 1);
    if (isDir) {
      inode.st.nlink = 1; // '.'; the entry in the parent adds one
      inode.st.entries = new Map();
      this.initDirectory(inode);
      if (dirBlocks) this.chargeRaw(inode, dirBlocks);
    }
    return inode;
  }

  private initDirectory(dir: Inode): void {
    const s = dir.st;
    if (this.kind === 'disk') {
      s.size = this.blockSize;
      s.dirBytes = dirRecLen('.') + dirRecLen('..');
    } else if (this.kind === 'memory') s.size = 2 * TMPFS_DIRENT;
  }

  private takeIno(): number {
    if (this.freeInos.length > 0 && this.kind === 'disk') return this.freeInos.shift()!;
    return this.nextIno++;
  }

  /** @internal Remove an inode whose last link went away; its space is freed. */
  releaseInode(inode: Inode): void {
    if (this.table[inode.ino] !== inode) return;
    this.account(inode, -inode.st.blocks);
    this.chargeInodeCount(inode, -1);
    this.table[inode.ino] = undefined;
    this.usedInodes--;
    if (this.kind === 'disk') {
      // keep freeInos sorted (binary insertion)
      let lo = 0;
      let hi = this.freeInos.length;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (this.freeInos[mid]! < inode.ino) lo = mid + 1;
        else hi = mid;
      }
      this.freeInos.splice(lo, 0, inode.ino);
    }
  }

  /** @internal Blocks a new entry `name` in `dir` needs (a disk directory grows by whole blocks). */
  entryGrowth(dir: Inode, name: string): number {
    if (this.kind !== 'disk') return 0;
    return dir.st.dirBytes + dirRecLen(name) > dir.st.size ? 1 : 0;
  }

  /** @internal Add a directory entry (checks the directory's growth against the budget). */
  addEntry(dir: Inode, name: string, child: Inode, cred: VfsCred | undefined): void {
    const grow = this.entryGrowth(dir, name);
    if (grow) this.charge(dir, grow, cred);
    const now = this.now();
    const entries = dir.mutEntries();
    const d = dir.mut();
    entries.set(name, child);
    if (this.kind === 'disk') {
      d.dirBytes += dirRecLen(name);
      if (grow) d.size += grow * this.blockSize;
    } else if (this.kind === 'memory') d.size += TMPFS_DIRENT;
    d.mtime = d.ctime = now;
    const c = child.mut();
    c.nlink++;
    if ((c.mode & S_IFMT) === S_IFDIR) {
      c.parent = dir;
      c.name = name;
      d.nlink++;
    }
    c.ctime = now;
  }

  /** @internal Remove a directory entry; the inode is released when no link is left. */
  removeEntry(dir: Inode, name: string): Inode | undefined {
    const child = dir.st.entries?.get(name);
    if (!child) return undefined;
    const now = this.now();
    const entries = dir.mutEntries();
    const d = dir.mut();
    entries.delete(name);
    if (this.kind === 'disk') d.dirBytes -= dirRecLen(name);
    else if (this.kind === 'memory') d.size -= TMPFS_DIRENT;
    d.mtime = d.ctime = now;
    const c = child.mut();
    if ((c.mode & S_IFMT) === S_IFDIR) {
      c.nlink = 0;
      d.nlink--;
    } else c.nlink--;
    c.ctime = now;
    if (c.nlink <= 0) this.releaseInode(child);
    return child;
  }

  /**
   * @internal Move the entry `oldName` of `od` to `newName` in `nd`, replacing what was there
   * (the caller checked types and permissions). ENOSPC if `nd` must grow and cannot.
   */
  renameEntry(od: Inode, oldName: string, nd: Inode, newName: string, cred: VfsCred | undefined): void {
    const victim = od.st.entries?.get(oldName);
    if (!victim) fail('ENOENT');
    const target = nd.st.entries?.get(newName);
    let grow = 0;
    if (this.kind === 'disk') {
      let bytes = nd.st.dirBytes + dirRecLen(newName);
      if (target) bytes -= dirRecLen(newName);
      if (od === nd) bytes -= dirRecLen(oldName);
      grow = bytes > nd.st.size ? 1 : 0;
      if (grow) this.charge(nd, 1, cred);
    }
    if (target) this.removeEntry(nd, newName);
    const now = this.now();
    od.mutEntries().delete(oldName);
    const o = od.mut();
    if (this.kind === 'disk') o.dirBytes -= dirRecLen(oldName);
    else if (this.kind === 'memory') o.size -= TMPFS_DIRENT;
    o.mtime = o.ctime = now;
    nd.mutEntries().set(newName, victim);
    const n = nd.mut();
    if (this.kind === 'disk') {
      n.dirBytes += dirRecLen(newName);
      if (grow) n.size += this.blockSize;
    } else if (this.kind === 'memory') n.size += TMPFS_DIRENT;
    n.mtime = n.ctime = now;
    const v = victim.mut();
    if ((v.mode & S_IFMT) === S_IFDIR) {
      v.parent = nd;
      v.name = newName;
      if (od !== nd) {
        o.nlink--;
        n.nlink++;
      }
    }
    v.ctime = now;
  }

  /** @internal Blocks a symlink with this target uses. */
  symlinkBlocks(target: string): number {
    return this.kind === 'dynamic' || target.length < FAST_SYMLINK_MAX ? 0 : 1;
  }

  /** @internal Create an inode of a type with initial content, unlinked (the caller adds the entry). */
  newInode(type: FileType, perm: number, uid: number, gid: number, cred: VfsCred | undefined, init: { target?: string; major?: number; minor?: number } = {}): Inode {
    const mode = typeBits(type) | (perm & 0o7777);
    if (type === 'symlink') {
      const need = this.symlinkBlocks(init.target ?? '');
      const t = this.tagging ? (cred?.xid ?? 0) : undefined;
      if (need > this.blockBudget(cred, t)) fail('ENOSPC');
    }
    const inode = this.allocInode(mode, uid, gid, cred, undefined);
    const s = inode.st;
    if (type === 'symlink') {
      s.data = init.target ?? '';
      s.dataBytes = s.size = s.data.length;
      this.chargeRaw(inode, this.symlinkBlocks(s.data));
    } else if (type === 'chardev' || type === 'blockdev') {
      s.rdevMajor = init.major ?? 0;
      s.rdevMinor = init.minor ?? 0;
    }
    return inode;
  }

  /** @internal Move an inode's charges from one tag to another (setXidTag). */
  retag(inode: Inode, xid: number): void {
    if (!this.tagging) fail('EINVAL');
    const blocks = inode.st.blocks;
    const live = this.isLive(inode);
    if (live) {
      this.account(inode, -blocks);
      this.chargeInodeCount(inode, -1);
    }
    inode.mut().xid = xid;
    if (live) {
      this.account(inode, blocks);
      this.chargeInodeCount(inode, 1);
    }
  }

  // ---------------------------------------------------------------- dynamic filesystems

  /** @internal The inode for a dynamic entry (cached by path, refreshed from the entry). */
  dynamicInode(path: string, entry: DynamicEntry): Inode {
    let inode = this.dynCache.get(path);
    const mode =
      entry.kind === 'dir' ? S_IFDIR | (entry.perm ?? 0o555) : entry.kind === 'symlink' ? S_IFLNK | (entry.perm ?? 0o777) : S_IFREG | (entry.perm ?? 0o444);
    const ino = path === '' ? this.root.ino : (entry.ino ?? hashPath(path));
    if (!inode || inode.ino !== ino) {
      const state: InodeState = newInodeState(this.gen.value, mode, entry.uid ?? 0, entry.gid ?? 0, entry.mtime ?? this.now());
      state.dynPath = path;
      state.nlink = entry.kind === 'dir' ? 2 : 1;
      if (entry.kind === 'dir') state.entries = new Map();
      inode = new Inode(this, ino, state);
      this.dynCache.set(path, inode);
    }
    const s = inode.st;
    if (s.mode !== mode || s.uid !== (entry.uid ?? s.uid) || s.gid !== (entry.gid ?? s.gid) || (entry.mtime !== undefined && entry.mtime !== s.mtime)) {
      const w = inode.mut();
      w.mode = mode;
      w.uid = entry.uid ?? w.uid;
      w.gid = entry.gid ?? w.gid;
      if (entry.mtime !== undefined) w.mtime = w.ctime = w.atime = entry.mtime;
    }
    const size = entry.kind === 'symlink' ? entry.target.length : entry.kind === 'file' ? (entry.size ?? 0) : 0;
    const data = entry.kind === 'symlink' ? entry.target : '';
    if (s.size !== size || inode.st.data !== data) {
      const w = inode.mut();
      w.size = size;
      w.data = data;
      w.dataBytes = data.length;
    }
    const procAttrs = entry.iattr !== undefined;
    const iattr = procAttrs ? (this.dynAttrs.get(path) ?? entry.iattr ?? 0) : 0;
    if (inode.st.iattr !== iattr || inode.st.procAttrs !== procAttrs) {
      const w = inode.mut();
      w.iattr = iattr;
      w.procAttrs = procAttrs;
    }
    return inode;
  }
}

export const IATTR_DEFAULT_PROC = IATTR.ADMIN | IATTR.HIDE;

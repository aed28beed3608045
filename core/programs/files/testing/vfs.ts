/**
 * A small but faithful in-memory VFS for testing the file programs before (and independently of)
 * the machine's real VFS: inodes with hard links, symbolic links, permissions and capabilities,
 * mounts (bind, tmpfs, loop images, block devices), chroot, device files, a capacity per
 * filesystem (ENOSPC) and the errno each call gives on Linux 2.6. It implements exactly the
 * FsCalls interface and open(2), so programs tested on it run unchanged on the real kernel.
 */
import { hasCapability, type CapabilityName } from '../../../kernel/capabilities.js';
import { SyscallError } from '../../../kernel/errno.js';
import {
  O_ACCMODE,
  O_APPEND,
  O_CREAT,
  O_DIRECTORY,
  O_EXCL,
  O_NOFOLLOW,
  O_RDONLY,
  O_TRUNC,
  OpenFile,
  type FileOps,
} from '../../../kernel/file.js';
import type { FileStat, FileType, FsCalls, MountInfo, StatFs } from '../../../kernel/fs-calls.js';
import type { Task } from '../../../kernel/task.js';

export interface VNode {
  ino: number;
  fs: TestFilesystem;
  type: FileType;
  perm: number;
  uid: number;
  gid: number;
  nlink: number;
  atime: number;
  mtime: number;
  ctime: number;
  content: string;
  entries: Map<string, VNode> | undefined;
  target: string;
  rdevMajor: number;
  rdevMinor: number;
  /** The program a file runs (the registry name), for executables. */
  program: string | undefined;
  iattr: number;
  xid: number | undefined;
  /** A filesystem image kept in this file (mount -o loop). */
  image?: TestFilesystem;
}

export class TestFilesystem {
  readonly nodes = new Set<VNode>();
  readonly root: VNode;
  private nextIno: number;

  constructor(
    readonly vfs: TestVfs,
    readonly dev: number,
    readonly type: string,
    /** Capacity in 4 KiB blocks and in inodes. */
    readonly blocks: number,
    readonly inodes: number,
    firstIno = 2,
  ) {
    this.nextIno = firstIno;
    this.root = this.create('dir', 0o755, 0, 0);
    this.root.nlink = 2;
  }

  create(type: FileType, perm: number, uid: number, gid: number): VNode {
    if (this.nodes.size >= this.inodes) throw new SyscallError('ENOSPC');
    const now = this.vfs.now();
    const node: VNode = {
      ino: this.nextIno++,
      fs: this,
      type,
      perm: perm & 0o7777,
      uid,
      gid,
      nlink: 1,
      atime: now,
      mtime: now,
      ctime: now,
      content: '',
      entries: type === 'dir' ? new Map() : undefined,
      target: '',
      rdevMajor: 0,
      rdevMinor: 0,
      program: undefined,
      iattr: 0,
      xid: undefined,
    };
    this.nodes.add(node);
    return node;
  }

  /** 4 KiB blocks in use. */
  usedBlocks(): number {
    let n = 0;
    for (const node of this.nodes) n += blocksOf(node) / 8;
    return n;
  }
}

/** 512-byte blocks, as st_blocks counts them. */
function blocksOf(node: VNode): number {
  if (node.type === 'dir') return 8 * Math.max(1, Math.ceil(((node.entries?.size ?? 0) * 24) / 4096));
  if (node.type === 'file') return Math.ceil(node.content.length / 4096) * 8;
  return 0;
}

/** One step of a path from the global root: the node and the name it was reached by. */
interface Step {
  node: VNode;
  name: string;
}
type Loc = Step[];

interface TaskFs {
  root: Loc;
  cwd: Loc;
}

interface MountEntry {
  /** The directory covered (in the parent filesystem). */
  over: VNode;
  root: VNode;
  fs: TestFilesystem;
  device: string;
  type: string;
  options: string;
}

interface Resolved {
  /** The steps to the parent directory of the last component. */
  parent: Loc;
  /** The last component's name ('' for the root). */
  name: string;
  node: VNode | undefined;
  /** Steps to the node itself when it exists. */
  loc: Loc | undefined;
}

const S_ISUID = 0o4000;
const S_ISGID = 0o2000;
const S_ISVTX = 0o1000;

export class TestVfs {
  readonly rootFs: TestFilesystem;
  readonly mounts: MountEntry[] = [];
  /** Block devices (by "major:minor") that carry a filesystem. */
  readonly disks = new Map<string, TestFilesystem>();
  private nextDev = 0x801;
  private randomState = 0x12345678;
  /** Nodes a task holds open or uses as cwd/root, for EBUSY. */
  readonly openNodes = new Map<VNode, number>();

  constructor(
    readonly now: () => number,
    readonly tasks: () => Iterable<Task>,
    rootBlocks = 262144,
  ) {
    this.rootFs = new TestFilesystem(this, this.nextDev++, 'ext3', rootBlocks, 65536);
    this.mounts.push({ over: this.rootFs.root, root: this.rootFs.root, fs: this.rootFs, device: '/dev/sda1', type: 'ext3', options: 'rw' });
  }

  newFilesystem(type: string, blocks: number, inodes = 4096): TestFilesystem {
    return new TestFilesystem(this, this.nextDev++, type, blocks, inodes);
  }

  // ----- task state ---------------------------------------------------------------------------

  initialFs(): TaskFs {
    const root: Loc = [{ node: this.rootFs.root, name: '' }];
    return { root, cwd: root };
  }

  private taskFs(task: Task): TaskFs {
    const fs = task.fs as { root: unknown; cwd: unknown };
    if (!Array.isArray(fs.root) || !Array.isArray(fs.cwd)) {
      const init = this.initialFs();
      fs.root = init.root;
      fs.cwd = init.cwd;
    }
    return { root: fs.root as Loc, cwd: fs.cwd as Loc };
  }

  // ----- permissions --------------------------------------------------------------------------

  private cap(task: Task, name: CapabilityName): boolean {
    return hasCapability(task.cred.caps, name);
  }

  /** May the task access the node with mask (4 read, 2 write, 1 exec/search)? */
  permits(task: Task, node: VNode, mask: number): boolean {
    if (mask === 0) return true;
    const { euid, egid, groups } = task.cred;
    if (this.cap(task, 'DAC_OVERRIDE')) {
      if (mask & 1 && node.type !== 'dir' && (node.perm & 0o111) === 0) return false;
      return true;
    }
    let bits: number;
    if (node.uid === euid) bits = (node.perm >> 6) & 7;
    else if (node.gid === egid || groups.includes(node.gid)) bits = (node.perm >> 3) & 7;
    else bits = node.perm & 7;
    if ((bits & mask) === mask) return true;
    if (this.cap(task, 'DAC_READ_SEARCH') && !(mask & 2) && (node.type === 'dir' || !(mask & 1))) return true;
    return false;
  }

  private need(task: Task, node: VNode, mask: number): void {
    if (!this.permits(task, node, mask)) throw new SyscallError('EACCES');
  }

  private isOwner(task: Task, node: VNode): boolean {
    return task.cred.euid === node.uid || this.cap(task, 'FOWNER');
  }

  private writable(node: VNode): void {
    if (this.mountOf(node)?.options.split(',').includes('ro')) throw new SyscallError('EROFS');
  }

  private mountOf(node: VNode): MountEntry | undefined {
    for (let i = this.mounts.length - 1; i >= 0; i--) if (this.mounts[i]!.fs === node.fs) return this.mounts[i];
    return undefined;
  }

  /** Removing or renaming an entry of a directory: write+search, and the sticky-bit rule. */
  private mayDelete(task: Task, dir: VNode, victim: VNode): void {
    this.need(task, dir, 3);
    if (dir.perm & S_ISVTX && task.cred.euid !== dir.uid && task.cred.euid !== victim.uid && !this.cap(task, 'FOWNER'))
      throw new SyscallError('EPERM');
    if (victim.iattr & 0x10 /* immutable */) throw new SyscallError('EPERM');
  }

  // ----- path resolution ----------------------------------------------------------------------

  private covered(node: VNode): VNode {
    for (let i = this.mounts.length - 1; i >= 0; i--) {
      const m = this.mounts[i]!;
      if (m.over === node && m.root !== node) return this.covered(m.root);
    }
    return node;
  }

  resolve(task: Task, path: string, follow: boolean): Resolved {
    if (path === '') throw new SyscallError('ENOENT');
    const { root, cwd } = this.taskFs(task);
    let cur: Loc = path.startsWith('/') ? [...root] : [...cwd];
    let comps = path.split('/').filter((c) => c !== '');
    const mustBeDir = path.endsWith('/') && comps.length > 0;
    if (mustBeDir) follow = true;
    let links = 0;
    let i = 0;
    let lastName = '';
    while (i < comps.length) {
      const comp = comps[i]!;
      const last = i === comps.length - 1;
      const dir = cur[cur.length - 1]!.node;
      if (dir.type !== 'dir') throw new SyscallError('ENOTDIR');
      this.need(task, dir, 1);
      if (comp.length > 255) throw new SyscallError('ENAMETOOLONG');
      if (comp === '.' || comp === '..') {
        if (comp === '..' && cur.length > root.length) cur.pop();
        i++;
        lastName = comp;
        continue;
      }
      let child = dir.entries!.get(comp);
      if (!child) {
        if (last) return { parent: cur, name: comp, node: undefined, loc: undefined };
        throw new SyscallError('ENOENT');
      }
      child = this.covered(child);
      if (child.type === 'symlink' && (!last || follow)) {
        if (++links > 40) throw new SyscallError('ELOOP');
        const target = child.target.split('/').filter((c) => c !== '');
        if (child.target.startsWith('/')) cur = [...root];
        comps = [...target, ...comps.slice(i + 1)];
        if (comps.length === 0) comps = ['.'];
        i = 0;
        continue;
      }
      cur.push({ node: child, name: comp });
      lastName = comp;
      i++;
    }
    const node = cur[cur.length - 1]!.node;
    if (mustBeDir && node.type !== 'dir') throw new SyscallError('ENOTDIR');
    const parent = cur.length > 1 ? cur.slice(0, -1) : cur;
    return { parent, name: cur.length > 1 ? cur[cur.length - 1]!.name : lastName === '' ? '' : lastName, node, loc: cur };
  }

  private existing(task: Task, path: string, follow = true): { node: VNode; loc: Loc; parent: Loc; name: string } {
    const r = this.resolve(task, path, follow);
    if (!r.node) throw new SyscallError('ENOENT');
    return { node: r.node, loc: r.loc!, parent: r.parent, name: r.name };
  }

  /** For creating a new entry: the parent directory, the name, and EEXIST when taken. */
  private creating(task: Task, path: string): { dir: VNode; name: string } {
    const r = this.resolve(task, path, false);
    if (r.node) throw new SyscallError('EEXIST');
    const dir = r.parent[r.parent.length - 1]!.node;
    this.need(task, dir, 3);
    this.writable(dir);
    return { dir, name: r.name };
  }

  private link(dir: VNode, name: string, node: VNode): void {
    dir.entries!.set(name, node);
    if (node.type === 'dir') {
      dir.nlink++;
      node.nlink = 2;
    }
    dir.mtime = dir.ctime = this.now();
  }

  private unlinkEntry(dir: VNode, name: string, node: VNode): void {
    dir.entries!.delete(name);
    dir.mtime = dir.ctime = this.now();
    if (node.type === 'dir') {
      dir.nlink--;
      node.nlink = 0;
    } else node.nlink--;
    node.ctime = this.now();
    if (node.nlink <= 0 && !this.openNodes.has(node)) node.fs.nodes.delete(node);
  }

  /** The absolute path of a location, relative to a task's root (or the global root). */
  pathOf(loc: Loc, root: Loc | undefined = undefined): string {
    const start = root ? root.length : 1;
    const names = loc.slice(start).map((s) => s.name);
    return '/' + names.join('/');
  }

  private isMountRoot(node: VNode): boolean {
    return this.mounts.some((m) => m.root === node);
  }

  // ----- stat ---------------------------------------------------------------------------------

  statOf(node: VNode): FileStat {
    return {
      dev: node.fs.dev,
      ino: node.ino,
      type: node.type,
      perm: node.perm,
      nlink: node.nlink,
      uid: node.uid,
      gid: node.gid,
      size: node.type === 'dir' ? 4096 * Math.max(1, Math.ceil(((node.entries?.size ?? 0) * 24) / 4096)) : node.type === 'symlink' ? node.target.length : node.type === 'file' ? node.content.length : 0,
      rdevMajor: node.rdevMajor,
      rdevMinor: node.rdevMinor,
      blocks: blocksOf(node),
      blksize: 4096,
      atime: node.atime,
      mtime: node.mtime,
      ctime: node.ctime,
      iattr: node.iattr,
      iattrMask: 0,
      xid: node.xid,
    };
  }

  // ----- the calls ----------------------------------------------------------------------------

  callsFor(task: Task): FsCalls {
    const vfs = this;
    return {
      stat: (path) => vfs.statOf(vfs.existing(task, path, true).node),
      lstat: (path) => vfs.statOf(vfs.existing(task, path, false).node),
      access(path, mode) {
        const { node } = vfs.existing(task, path, true);
        if (mode & 2) vfs.writable(node);
        vfs.need(task, node, mode & 7);
      },
      readdir(path) {
        const { node } = vfs.existing(task, path, true);
        if (node.type !== 'dir') throw new SyscallError('ENOTDIR');
        vfs.need(task, node, 4);
        return ['.', '..', ...node.entries!.keys()];
      },
      mkdir(path, mode = 0o777) {
        const { dir, name } = vfs.creating(task, path);
        const node = vfs.rootCreate(task, dir, 'dir', mode & ~task.fs.umask & 0o1777);
        if (dir.perm & S_ISGID) {
          node.gid = dir.gid;
          node.perm |= S_ISGID;
        }
        vfs.link(dir, name, node);
      },
      rmdir(path) {
        const r = vfs.resolve(task, path, false);
        if (!r.node) throw new SyscallError('ENOENT');
        if (r.node.type !== 'dir') throw new SyscallError('ENOTDIR');
        const base = path.replace(/\/+$/, '').split('/').pop();
        if (base === '.') throw new SyscallError('EINVAL');
        if (base === '..') throw new SyscallError('ENOTEMPTY');
        if (r.loc!.length <= vfs.taskFs(task).root.length || vfs.isMountRoot(r.node)) throw new SyscallError('EBUSY');
        const dir = r.parent[r.parent.length - 1]!.node;
        vfs.mayDelete(task, dir, r.node);
        vfs.writable(dir);
        if (r.node.entries!.size > 0) throw new SyscallError('ENOTEMPTY');
        vfs.unlinkEntry(dir, r.name, r.node);
      },
      unlink(path) {
        const r = vfs.resolve(task, path, false);
        if (!r.node) throw new SyscallError('ENOENT');
        if (r.node.type === 'dir') throw new SyscallError('EISDIR');
        const dir = r.parent[r.parent.length - 1]!.node;
        vfs.mayDelete(task, dir, r.node);
        vfs.writable(dir);
        vfs.unlinkEntry(dir, r.name, r.node);
      },
      rename(from, to) {
        const a = vfs.resolve(task, from, false);
        if (!a.node) throw new SyscallError('ENOENT');
        const b = vfs.resolve(task, to, false);
        const adir = a.parent[a.parent.length - 1]!.node;
        const bdir = b.parent[b.parent.length - 1]!.node;
        if (adir.fs !== bdir.fs || a.node.fs !== adir.fs || vfs.isMountRoot(a.node)) {
          if (vfs.isMountRoot(a.node)) throw new SyscallError('EBUSY');
          throw new SyscallError('EXDEV');
        }
        vfs.mayDelete(task, adir, a.node);
        vfs.need(task, bdir, 3);
        vfs.writable(bdir);
        if (b.node === a.node) return;
        if (a.node.type === 'dir' && b.loc === undefined && b.parent.some((s) => s.node === a.node)) throw new SyscallError('EINVAL');
        if (a.node.type === 'dir' && b.loc?.some((s) => s.node === a.node)) throw new SyscallError('EINVAL');
        if (b.node) {
          if (a.node.type === 'dir' && b.node.type !== 'dir') throw new SyscallError('ENOTDIR');
          if (a.node.type !== 'dir' && b.node.type === 'dir') throw new SyscallError('EISDIR');
          if (b.node.type === 'dir' && b.node.entries!.size > 0) throw new SyscallError('ENOTEMPTY');
          if (vfs.isMountRoot(b.node)) throw new SyscallError('EBUSY');
          vfs.mayDelete(task, bdir, b.node);
          vfs.unlinkEntry(bdir, b.name, b.node);
        }
        adir.entries!.delete(a.name);
        bdir.entries!.set(b.name, a.node);
        if (a.node.type === 'dir' && adir !== bdir) {
          adir.nlink--;
          bdir.nlink++;
        }
        const now = vfs.now();
        adir.mtime = adir.ctime = bdir.mtime = bdir.ctime = a.node.ctime = now;
      },
      link(existing, newPath) {
        const { node } = vfs.existing(task, existing, false);
        if (node.type === 'dir') throw new SyscallError('EPERM');
        const { dir, name } = vfs.creating(task, newPath);
        if (dir.fs !== node.fs) throw new SyscallError('EXDEV');
        dir.entries!.set(name, node);
        node.nlink++;
        node.ctime = dir.mtime = dir.ctime = vfs.now();
      },
      symlink(target, path) {
        if (target === '') throw new SyscallError('ENOENT');
        const { dir, name } = vfs.creating(task, path);
        const node = vfs.rootCreate(task, dir, 'symlink', 0o777);
        node.target = target;
        vfs.link(dir, name, node);
      },
      readlink(path) {
        const { node } = vfs.existing(task, path, false);
        if (node.type !== 'symlink') throw new SyscallError('EINVAL');
        return node.target;
      },
      chmod(path, mode) {
        const { node } = vfs.existing(task, path, true);
        if (!vfs.isOwner(task, node)) throw new SyscallError('EPERM');
        vfs.writable(node);
        let m = mode & 0o7777;
        if (m & S_ISGID && !vfs.cap(task, 'FSETID') && node.gid !== task.cred.egid && !task.cred.groups.includes(node.gid)) m &= ~S_ISGID;
        node.perm = m;
        node.ctime = vfs.now();
      },
      chown(path, uid, gid, noFollow = false) {
        const { node } = vfs.existing(task, path, !noFollow);
        vfs.writable(node);
        const changeUid = uid !== -1 && uid !== node.uid;
        const changeGid = gid !== -1 && gid !== node.gid;
        if (!vfs.cap(task, 'CHOWN')) {
          if (changeUid) throw new SyscallError('EPERM');
          if (changeGid && (task.cred.euid !== node.uid || !(task.cred.egid === gid || task.cred.groups.includes(gid)))) throw new SyscallError('EPERM');
          if (uid !== -1 && task.cred.euid !== node.uid) throw new SyscallError('EPERM');
        }
        if (uid !== -1) node.uid = uid;
        if (gid !== -1) node.gid = gid;
        if ((changeUid || changeGid) && node.type !== 'dir' && !vfs.cap(task, 'FSETID')) node.perm &= ~(S_ISUID | S_ISGID);
        node.ctime = vfs.now();
      },
      utimes(path, atime, mtime) {
        const { node } = vfs.existing(task, path, true);
        if (!vfs.isOwner(task, node)) throw new SyscallError('EPERM');
        vfs.writable(node);
        node.atime = atime;
        node.mtime = mtime;
        node.ctime = vfs.now();
      },
      truncate(path, length) {
        const { node } = vfs.existing(task, path, true);
        if (node.type === 'dir') throw new SyscallError('EISDIR');
        vfs.need(task, node, 2);
        vfs.writable(node);
        vfs.resize(node, length);
      },
      mknod(path, type, mode, major, minor) {
        if (type !== 'fifo' && !vfs.cap(task, 'MKNOD')) throw new SyscallError('EPERM');
        const { dir, name } = vfs.creating(task, path);
        const node = vfs.rootCreate(task, dir, type, mode & ~task.fs.umask & 0o7777);
        node.rdevMajor = major;
        node.rdevMinor = minor;
        vfs.link(dir, name, node);
      },
      chdir(path) {
        const { node, loc } = vfs.existing(task, path, true);
        if (node.type !== 'dir') throw new SyscallError('ENOTDIR');
        vfs.need(task, node, 1);
        (task.fs as { cwd: unknown }).cwd = loc;
      },
      getcwd() {
        const { root, cwd } = vfs.taskFs(task);
        if (cwd[cwd.length - 1]!.node.nlink === 0) throw new SyscallError('ENOENT');
        const inside = root.every((s, i) => cwd[i]?.node === s.node);
        if (!inside) return '(unreachable)' + vfs.pathOf(cwd);
        return vfs.pathOf(cwd, root);
      },
      chroot(path) {
        const { node, loc } = vfs.existing(task, path, true);
        if (node.type !== 'dir') throw new SyscallError('ENOTDIR');
        vfs.need(task, node, 1);
        if (!vfs.cap(task, 'SYS_CHROOT')) throw new SyscallError('EPERM');
        (task.fs as { root: unknown }).root = loc;
      },
      realpath(path) {
        const { loc } = vfs.existing(task, path, true);
        return vfs.pathOf(loc, vfs.taskFs(task).root);
      },
      statfs(path): StatFs {
        const { node } = vfs.existing(task, path, true);
        const fs = node.fs;
        const m = vfs.mountOf(node)!;
        const used = fs.usedBlocks();
        return {
          type: fs.type,
          device: m.device,
          blockSize: 4096,
          blocks: fs.blocks,
          blocksFree: Math.max(0, fs.blocks - used),
          // ext2/3 keep 5% for root.
          blocksAvail: Math.max(0, fs.blocks - used - (fs.type.startsWith('ext') ? Math.floor(fs.blocks / 20) : 0)),
          inodes: fs.inodes,
          inodesFree: fs.inodes - fs.nodes.size,
        };
      },
      mounts(): MountInfo[] {
        const { root } = vfs.taskFs(task);
        const out: MountInfo[] = [];
        for (const m of vfs.mounts) {
          const loc = vfs.locOfNode(m.root);
          if (!loc) continue;
          if (!root.every((s, i) => loc[i]?.node === s.node)) continue;
          out.push({ device: m.device, mountPoint: vfs.pathOf(loc, root), type: m.type, options: m.options });
        }
        return out;
      },
      mount(source, target, type, options) {
        if (!vfs.cap(task, 'SYS_ADMIN')) throw new SyscallError('EPERM');
        const t = vfs.existing(task, target, true);
        if (t.node.type !== 'dir') throw new SyscallError('ENOTDIR');
        const opts = options.filter((o) => o !== 'defaults');
        const bind = opts.includes('bind') || type === 'bind' || type === 'none' && opts.includes('bind');
        if (bind) {
          const s = vfs.existing(task, source, true);
          vfs.mounts.push({ over: t.node, root: s.node, fs: s.node.fs, device: vfs.pathOf(s.loc, vfs.taskFs(task).root), type: 'none', options: ['rw', 'bind'].join(',') });
          return;
        }
        const rest = opts.filter((o) => o !== 'rw' && o !== 'loop' && !o.startsWith('loop='));
        const flags = [opts.includes('ro') ? 'ro' : 'rw', ...rest.filter((o) => o !== 'ro')];
        if (type === 'tmpfs' || type === 'proc' || type === 'sysfs' || type === 'devpts') {
          const fs = vfs.newFilesystem(type, type === 'tmpfs' ? 65536 : 0, 65536);
          vfs.mounts.push({ over: t.node, root: fs.root, fs, device: source, type, options: flags.join(',') });
          return;
        }
        if (type !== 'ext2' && type !== 'ext3' && type !== 'auto' && type !== '') throw new SyscallError('ENODEV');
        const s = vfs.existing(task, source, true);
        let fs: TestFilesystem | undefined;
        if (opts.includes('loop')) {
          if (s.node.type !== 'file') throw new SyscallError('ENOTBLK');
          s.node.image ??= vfs.newFilesystem(type === 'auto' || type === '' ? 'ext2' : type, Math.max(16, Math.floor(s.node.content.length / 4096)));
          fs = s.node.image;
          const n = vfs.mounts.filter((m) => m.options.includes('loop=')).length;
          flags.push(`loop=/dev/loop${n}`);
        } else {
          if (s.node.type !== 'blockdev') throw new SyscallError('ENOTBLK');
          fs = vfs.disks.get(`${s.node.rdevMajor}:${s.node.rdevMinor}`);
          if (!fs) throw new SyscallError('ENXIO');
        }
        if (vfs.mounts.some((m) => m.fs === fs && m.root === fs!.root)) throw new SyscallError('EBUSY');
        vfs.mounts.push({ over: t.node, root: fs.root, fs, device: source, type: type === 'auto' || type === '' ? fs.type : type, options: flags.join(',') });
      },
      umount(target) {
        if (!vfs.cap(task, 'SYS_ADMIN')) throw new SyscallError('EPERM');
        const { node } = vfs.existing(task, target, true);
        const idx = vfs.mounts.findIndex((m, i) => i > 0 && m.root === node && vfs.covered(m.over) === node);
        if (idx < 0) throw new SyscallError('EINVAL');
        const m = vfs.mounts[idx]!;
        if (vfs.mounts.some((o) => o !== m && o.over.fs === m.fs && vfs.isUnder(o.over, m))) throw new SyscallError('EBUSY');
        const bind = m.root !== m.fs.root;
        for (const t of vfs.tasks()) {
          if (!t.alive) continue;
          const tfs = vfs.taskFs(t);
          const steps = [...tfs.cwd, ...tfs.root];
          if (bind ? steps.some((s) => s.node === m.root) : steps.some((s) => s.node.fs === m.fs && s.node !== m.over)) throw new SyscallError('EBUSY');
        }
        if (!bind) for (const [n, count] of vfs.openNodes) if (count > 0 && n.fs === m.fs) throw new SyscallError('EBUSY');
        vfs.mounts.splice(idx, 1);
      },
      setIattr(path, set, clear) {
        const { node } = vfs.existing(task, path, false);
        if (!vfs.cap(task, 'LINUX_IMMUTABLE')) throw new SyscallError('EPERM');
        node.iattr = (node.iattr & ~clear) | set;
      },
      setXid(path, xid) {
        const { node } = vfs.existing(task, path, false);
        node.xid = xid;
      },
      // This test filesystem has a single mount namespace.
      unshareNamespace() {
        throw new SyscallError('ENOSYS');
      },
      setContextNamespace() {
        throw new SyscallError('ENOSYS');
      },
      enterContextNamespace() {
        throw new SyscallError('ENOSYS');
      },
      // Nor Linux-VServer attributes and disk limits (core/programs/vserver-fs runs on the real VFS).
      getIattr() {
        throw new SyscallError('ENOSYS');
      },
      getDiskLimit() {
        throw new SyscallError('ENOSYS');
      },
      addDiskLimit() {
        throw new SyscallError('ENOSYS');
      },
      setDiskLimit() {
        throw new SyscallError('ENOSYS');
      },
      removeDiskLimit() {
        throw new SyscallError('ENOSYS');
      },
    };
  }

  private isUnder(node: VNode, m: MountEntry): boolean {
    const loc = this.locOfNode(node);
    return !!loc && loc.some((s) => s.node === m.root);
  }

  /** Find a path to a node from the global root (a search; fine for tests). */
  locOfNode(target: VNode): Loc | undefined {
    const seen = new Set<VNode>();
    const walk = (loc: Loc): Loc | undefined => {
      const node = loc[loc.length - 1]!.node;
      if (node === target) return loc;
      if (node.type !== 'dir' || seen.has(node)) return undefined;
      seen.add(node);
      for (const [name, child] of node.entries!) {
        const c = this.covered(child);
        const found = walk([...loc, { node: c, name }]);
        if (found) return found;
      }
      return undefined;
    };
    return walk([{ node: this.rootFs.root, name: '' }]);
  }

  private rootCreate(task: Task, dir: VNode, type: FileType, perm: number): VNode {
    const node = dir.fs.create(type, perm, task.cred.euid, dir.perm & S_ISGID ? dir.gid : task.cred.egid);
    node.xid = task.xid || undefined;
    return node;
  }

  private resize(node: VNode, length: number): void {
    const grow = Math.ceil(length / 4096) - Math.ceil(node.content.length / 4096);
    if (grow > 0 && node.fs.usedBlocks() + grow > node.fs.blocks && node.fs.blocks > 0) throw new SyscallError('ENOSPC');
    node.content = length <= node.content.length ? node.content.slice(0, length) : node.content + '\0'.repeat(length - node.content.length);
    node.mtime = node.ctime = this.now();
  }

  // ----- open ---------------------------------------------------------------------------------

  open(task: Task, path: string, flags: number, mode: number): OpenFile {
    const acc = flags & O_ACCMODE;
    const writing = acc !== O_RDONLY;
    let r = this.resolve(task, path, !(flags & O_NOFOLLOW));
    let node = r.node;
    if (node && flags & O_CREAT && flags & O_EXCL) throw new SyscallError('EEXIST');
    if (!node && r.loc === undefined && (flags & O_NOFOLLOW) === 0) {
      // A dangling symlink as last component: O_CREAT creates its target (followed above already).
    }
    if (node?.type === 'symlink') throw new SyscallError('ELOOP');
    if (!node) {
      if (!(flags & O_CREAT)) throw new SyscallError('ENOENT');
      const dir = r.parent[r.parent.length - 1]!.node;
      if (dir.type !== 'dir') throw new SyscallError('ENOTDIR');
      this.need(task, dir, 3);
      this.writable(dir);
      node = this.rootCreate(task, dir, 'file', mode & ~task.fs.umask & 0o7777);
      this.link(dir, r.name, node);
      r = { ...r, node };
    } else {
      if (node.type === 'dir' && writing) throw new SyscallError('EISDIR');
      this.need(task, node, acc === O_RDONLY ? 4 : acc === 1 ? 2 : 6);
      if (writing) this.writable(node);
      if (flags & O_TRUNC && writing && node.type === 'file') this.resize(node, 0);
    }
    if (flags & O_DIRECTORY && node.type !== 'dir') throw new SyscallError('ENOTDIR');
    const ops = this.opsFor(node);
    const file = new OpenFile(ops, flags, path, node);
    this.openNodes.set(node, (this.openNodes.get(node) ?? 0) + 1);
    return file;
  }

  private opsFor(node: VNode): FileOps {
    const vfs = this;
    const release = () => {
      const n = (vfs.openNodes.get(node) ?? 1) - 1;
      if (n <= 0) {
        vfs.openNodes.delete(node);
        if (node.nlink <= 0) node.fs.nodes.delete(node);
      } else vfs.openNodes.set(node, n);
    };
    if (node.type === 'dir') {
      return {
        kind: 'directory',
        async read() {
          throw new SyscallError('EISDIR');
        },
        release,
      };
    }
    if (node.type === 'chardev') {
      const dev = `${node.rdevMajor}:${node.rdevMinor}`;
      return {
        kind: 'device',
        async read(_t, _f, max) {
          if (dev === '1:3') return '';
          if (dev === '1:5' || dev === '1:7') return '\0'.repeat(Math.min(max, 65536));
          if (dev === '1:8' || dev === '1:9') {
            let s = '';
            for (let i = 0; i < Math.min(max, 65536); i++) s += String.fromCharCode(vfs.random() & 0xff);
            return s;
          }
          throw new SyscallError('ENXIO');
        },
        async write(_t, _f, data) {
          if (dev === '1:7') throw new SyscallError('ENOSPC');
          if (dev === '1:3' || dev === '1:5' || dev === '1:8' || dev === '1:9') return data.length;
          throw new SyscallError('ENXIO');
        },
        release,
      };
    }
    if (node.type === 'fifo' || node.type === 'blockdev' || node.type === 'socket') {
      return {
        kind: 'device',
        async read() {
          return '';
        },
        async write(_t, _f, data) {
          return data.length;
        },
        release,
      };
    }
    return {
      kind: 'regular',
      async read(_t, file, max) {
        const chunk = node.content.slice(file.offset, file.offset + max);
        file.offset += chunk.length;
        node.atime = vfs.now();
        return chunk;
      },
      async write(task, file, data) {
        if (file.flags & O_APPEND) file.offset = node.content.length;
        const end = file.offset + data.length;
        const limit = task.rlimits.fsize.soft;
        if (end > limit) throw new SyscallError('EFBIG');
        let fits = data.length;
        if (node.fs.blocks > 0) {
          const free = (node.fs.blocks - node.fs.usedBlocks()) * 4096 + (Math.ceil(node.content.length / 4096) * 4096 - node.content.length);
          const growth = Math.max(0, end - node.content.length);
          if (growth > free) fits = Math.max(0, data.length - (growth - free));
        }
        const part = data.slice(0, fits);
        const c = node.content.length < file.offset ? node.content + '\0'.repeat(file.offset - node.content.length) : node.content;
        node.content = c.slice(0, file.offset) + part + c.slice(file.offset + part.length);
        file.offset += part.length;
        node.mtime = node.ctime = vfs.now();
        if (fits < data.length) throw new SyscallError('ENOSPC');
        return part.length;
      },
      release,
    };
  }

  /** A deterministic xorshift generator for /dev/urandom. */
  random(): number {
    let x = this.randomState;
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    this.randomState = x >>> 0;
    return this.randomState;
  }

  // ----- building the tree (test set-up, no permission checks) ---------------------------------

  /** Mount a new filesystem on an existing directory (set-up; no checks). */
  mountNew(path: string, type: string, device: string, blocks: number, options = 'rw'): TestFilesystem {
    const over = this.ensureDir(path);
    const fs = this.newFilesystem(type, blocks, blocks ? 65536 : 1024);
    this.mounts.push({ over, root: fs.root, fs, device, type, options });
    return fs;
  }

  /** mkdir -p without checks; returns the directory node. */
  ensureDir(path: string, perm = 0o755, uid = 0, gid = 0): VNode {
    let node = this.rootFs.root;
    for (const comp of path.split('/').filter((c) => c)) {
      const dir = this.covered(node);
      let child = dir.entries!.get(comp);
      if (!child) {
        child = dir.fs.create('dir', perm, uid, gid);
        this.link(dir, comp, child);
      }
      node = this.covered(child);
    }
    return node;
  }

  addNode(path: string, type: FileType, perm: number, set: Partial<VNode> = {}): VNode {
    const slash = path.lastIndexOf('/');
    const dir = this.ensureDir(path.slice(0, slash));
    const name = path.slice(slash + 1);
    const old = dir.entries!.get(name);
    if (old) this.unlinkEntry(dir, name, old);
    const node = dir.fs.create(type, perm, set.uid ?? 0, set.gid ?? 0);
    Object.assign(node, set);
    this.link(dir, name, node);
    return node;
  }

  addFile(path: string, content: string, perm = 0o644, set: Partial<VNode> = {}): VNode {
    return this.addNode(path, 'file', perm, { ...set, content });
  }
}

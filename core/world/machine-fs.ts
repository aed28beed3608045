/**
 * The machine's filesystem layer: the VFS, /proc, devices, and the per-task view of them
 * (open files, the FsCalls of programs, executables for exec()).
 */
import { SyscallError } from '../kernel/errno.js';
import { OpenFile, O_ACCMODE, O_APPEND, O_WRONLY, O_CREAT, type FileOps } from '../kernel/file.js';
import type { DiskLimit, FileStat, FsCalls, IattrInfo, MkfsSpec, MountInfo, StatFs } from '../kernel/fs-calls.js';
import { hasCapability } from '../kernel/capabilities.js';
import type { Kernel } from '../kernel/kernel.js';
import { ProcContent, type ProcProviders } from '../kernel/procfs/content.js';
import { vserverProcProviders } from '../kernel/vserver/procfs.js';
import type { Hardware } from '../kernel/procfs/hardware.js';
import type { Task } from '../kernel/task.js';
import { Tty } from '../kernel/tty.js';
import { IATTR } from '../kernel/vfs/constants.js';
import { makeCred, type VfsCred } from '../kernel/vfs/cred.js';
import { byteLength } from '../kernel/vfs/data.js';
import type { Filesystem, DynamicSource } from '../kernel/vfs/filesystem.js';
import type { Inode } from '../kernel/vfs/inode.js';
import type { Loc, MountNamespace } from '../kernel/vfs/mount.js';
import { Vfs, type PathContext } from '../kernel/vfs/vfs.js';
import type { FsLayout, LayoutEntry } from './layout.js';
import type { MachineFs } from './machine.js';
import { programImageHeader, programInImage } from '../programs/registry.js';

/** What a task's FsContext holds in this machine. */
interface TaskFs {
  root: Loc;
  cwd: Loc;
  umask: number;
  namespace: MountNamespace;
}

const fsOf = (task: Task) => task.fs as unknown as TaskFs;

/** What a security context keeps of the namespace `vnamespace --set` gave it (VxContext.namespace). */
interface SavedNamespace {
  namespace: MountNamespace;
  root: Loc;
  cwd: Loc;
}

const CAP_SYS_ADMIN = 1n << 21n;

export function credOf(task: Task): VfsCred {
  const c = task.cred;
  return makeCred({ uid: c.euid, gid: c.egid, groups: c.groups, xid: task.xid, caps: c.caps, subject: task });
}

export function contextOf(task: Task): PathContext {
  const f = fsOf(task);
  return { root: f.root, cwd: f.cwd, cred: credOf(task), umask: f.umask };
}

/** A small deterministic generator for /dev/random and /dev/urandom (xorshift32). */
function randomBytes(state: { seed: number }, n: number): string {
  let s = state.seed;
  let out = '';
  for (let i = 0; i < n; i++) {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    s >>>= 0;
    out += String.fromCharCode(s & 0xff);
  }
  state.seed = s || 1;
  return out;
}

export interface MachineFsOptions {
  kernel: Kernel;
  hardware: Hardware;
  clockSeconds: () => number;
  rootFs: { type: string; device: string; sizeKb: number; usedKb: number };
  layout: FsLayout;
  /** Terminals by device name ("pts/0"), for opening /dev/pts/N and /dev/tty. */
  ttys: () => Iterable<Tty>;
  procProviders: Omit<ProcProviders, 'mounts'>;
}

export class VfsMachineFs implements MachineFs {
  readonly vfs: Vfs;
  readonly rootNamespace: MountNamespace;
  readonly proc: ProcContent;
  private readonly random = { seed: 0x2006_0530 };

  constructor(private readonly o: MachineFsOptions) {
    this.vfs = new Vfs({ clock: o.clockSeconds });
    const blocks = Math.floor(o.rootFs.sizeKb / 4);
    const rootFs = this.vfs.createFilesystem({ type: o.rootFs.type, device: o.rootFs.device, blocks, inodes: Math.floor(blocks / 4), baseUsedBlocks: Math.floor(o.rootFs.usedKb / 4) });
    this.rootNamespace = this.vfs.createNamespace(rootFs);
    const ctx = this.vfs.hostContext(this.rootNamespace);
    populate(this.vfs, ctx, o.layout);
    const vserver = vserverProcProviders(o.kernel, () => this.proc.hostMemory());
    this.proc = new ProcContent(o.kernel, o.hardware, {
      ...vserver,
      ...o.procProviders,
      subtrees: { ...vserver.subtrees, ...o.procProviders.subtrees },
      pidFiles: { ...vserver.pidFiles, ...o.procProviders.pidFiles },
      mounts: (viewer) => this.mountsText(viewer),
    });
    this.vfs.mount(ctx, '/proc', this.createProcFs(), { device: 'none' });
    // A mount namespace lives as long as a task or a context uses it (its mounts then vanish).
    const onExit = o.kernel.onExit;
    o.kernel.onExit = (task) => {
      onExit?.(task);
      if (fsOf(task).root?.mount.ns !== this.rootNamespace) this.releaseUnusedNamespaces();
    };
  }

  /** Drop the namespaces no live task and no security context uses any more. */
  releaseUnusedNamespaces(): void {
    const used = new Set<MountNamespace>([this.rootNamespace]);
    for (const t of this.o.kernel.tasks.values()) {
      if (!t.alive) continue;
      const f = fsOf(t);
      if (f.root) used.add(f.root.mount.ns);
      if (f.cwd) used.add(f.cwd.mount.ns);
    }
    for (const c of this.o.kernel.vx.all()) {
      const saved = c.namespace as SavedNamespace | undefined;
      if (saved?.namespace) used.add(saved.namespace);
    }
    for (const ns of [...this.vfs.allNamespaces]) if (!used.has(ns)) this.vfs.dropNamespace(ns);
  }

  /** A devpts instance: the pseudo-terminals that exist now (a guest's /dev/pts). */
  createDevptsFs(): Filesystem {
    const fs = this.vfs.createFilesystem({ type: 'devpts', device: 'none', kind: 'memory', blocks: 256 });
    const ns = this.vfs.createNamespace(fs);
    const ctx = this.vfs.hostContext(ns);
    for (const tty of this.o.ttys()) {
      const m = /^pts\/(\d+)$/.exec(tty.name);
      if (!m) continue;
      this.vfs.mknod(ctx, `/${m[1]}`, 'chardev', 0o620, 136, Number(m[1]));
      this.vfs.chown(ctx, `/${m[1]}`, 0, 5, false);
    }
    this.vfs.dropNamespace(ns);
    return fs;
  }

  private procFs: Filesystem | undefined;

  /**
   * The proc filesystem, backed by the kernel's /proc content. Linux 2.6 has one proc superblock:
   * every mount of proc (a guest's too) shows the same entries with the same attributes, so what
   * vprocunhide and setattr change on the host's /proc is what guests see.
   */
  createProcFs(): Filesystem {
    if (this.procFs) return this.procFs;
    const content = this.proc;
    const source: DynamicSource = {
      lookup: (path, viewer) => {
        const task = viewer.subject as Task | undefined;
        if (!task) return undefined;
        const e = content.lookup(path, task);
        if (!e) return undefined;
        const isPid = /^\d+(\/|$)/.test(path) || path === 'self';
        const iattr = isPid ? undefined : IATTR.ADMIN | IATTR.HIDE;
        if (e.kind === 'file') return { kind: 'file', read: e.read, size: 0, iattr };
        if (e.kind === 'symlink') return { kind: 'symlink', target: e.target };
        return { kind: 'dir', iattr: path === '' ? undefined : iattr };
      },
      list: (path, viewer) => {
        const task = viewer.subject as Task | undefined;
        return task ? content.list(path, task) : undefined;
      },
    };
    this.procFs = this.vfs.createFilesystem({ type: 'proc', device: 'none', kind: 'dynamic', source });
    return this.procFs;
  }

  private mountsText(viewer: Task): string {
    return this.vfs
      .mountTable(contextOf(viewer))
      .map((m) => `${m.device} ${m.mountPoint} ${m.type} ${m.options} 0 0\n`)
      .join('');
  }

  initialContext(): Task['fs'] {
    const ctx = this.vfs.hostContext(this.rootNamespace);
    const f: TaskFs = { root: ctx.root, cwd: ctx.root, umask: 0o022, namespace: this.rootNamespace };
    return f as unknown as Task['fs'];
  }

  executable(task: Task, path: string): { path: string; program?: string; read(): string } {
    const ctx = contextOf(task);
    const loc = this.vfs.openExec(ctx, path);
    const st = this.vfs.fstat(loc.inode);
    const abs = this.absolute(ctx, path);
    const program = st.program ?? programInImage(this.vfs.read(loc.inode, 0, 128, ctx.cred));
    return { path: abs, program, read: () => this.vfs.readAll(loc.inode, ctx.cred) };
  }

  openFile(task: Task, path: string, flags: number, mode: number): OpenFile {
    const ctx = contextOf(task);
    const r = this.vfs.open(ctx, path, flags, mode);
    const st = this.vfs.fstat(r.inode);
    if (st.type === 'chardev' || st.type === 'blockdev') return this.openDevice(task, st.type, st.rdevMajor, st.rdevMinor, flags, path);
    return new OpenFile(r.inode.isDir ? directoryOps : this.regularOps, flags, this.absolute(ctx, path), r.inode);
  }

  /** A path made absolute against the caller's cwd (for /proc/PID/fd and exe links). */
  private absolute(ctx: PathContext, path: string): string {
    if (path.startsWith('/')) return path;
    const cwd = this.vfs.getcwd(ctx);
    return (cwd === '/' ? '' : cwd) + '/' + path.replace(/^\.\//, '');
  }

  private readonly regularOps: FileOps = {
    kind: 'regular',
    read: async (task, file, max) => {
      const inode = file.target as Inode;
      const data = this.vfs.read(inode, file.offset, max, credOf(task));
      file.offset += byteLength(data, inode.binary);
      return data;
    },
    write: async (task, file, data) => {
      const inode = file.target as Inode;
      const cred = credOf(task);
      if (file.flags & O_APPEND) {
        const n = this.vfs.append(inode, data, cred);
        file.offset = this.vfs.fstat(inode).size;
        return n;
      }
      const n = this.vfs.write(inode, file.offset, data, cred);
      file.offset += n;
      return n;
    },
    writeZeros: async (task, file, length) => {
      const inode = file.target as Inode;
      const n = this.vfs.write(inode, file.offset, { byte: 0, length }, credOf(task));
      file.offset += n;
      return n;
    },
  };

  private openDevice(task: Task, type: 'chardev' | 'blockdev', major: number, minor: number, flags: number, path: string): OpenFile {
    if (type === 'blockdev') return new OpenFile(nullOps, flags, path);
    if (major === 1 && minor === 3) return new OpenFile(nullOps, flags, '/dev/null');
    if (major === 1 && minor === 5) return new OpenFile(zeroOps, flags, '/dev/zero');
    if (major === 1 && (minor === 8 || minor === 9)) {
      const random = this.random;
      return new OpenFile(
        { kind: 'device', read: async (_t, _f, max) => randomBytes(random, Math.min(max, 65536)), write: async (_t, _f, d) => d.length },
        flags,
        path,
      );
    }
    let tty: Tty | undefined;
    if (major === 5 && minor === 0) tty = task.tty;
    else if (major === 136) tty = [...this.o.ttys()].find((t) => t.name === `pts/${minor}`);
    if (tty) {
      const file = tty.open();
      file.flags = (file.flags & ~O_ACCMODE) | (flags & O_ACCMODE);
      return file;
    }
    throw new SyscallError('ENXIO', path);
  }

  callsFor(task: Task): FsCalls {
    return new TaskFsCalls(this, task);
  }
}

const nullOps: FileOps = { kind: 'device', read: async () => '', write: async (_t, _f, d) => d.length };
const zeroOps: FileOps = { kind: 'device', read: async (_t, _f, max) => '\0'.repeat(Math.min(max, 65536)), write: async (_t, _f, d) => d.length };
const directoryOps: FileOps = {
  kind: 'directory',
  read: async () => {
    throw new SyscallError('EISDIR');
  },
};

/** FsCalls for one task: every call runs with its root, cwd and credentials. */
class TaskFsCalls implements FsCalls {
  constructor(
    private readonly m: VfsMachineFs,
    private readonly task: Task,
  ) {}

  private get vfs(): Vfs {
    return this.m.vfs;
  }
  private get ctx(): PathContext {
    return contextOf(this.task);
  }

  stat(path: string): FileStat {
    return this.vfs.stat(this.ctx, path);
  }
  lstat(path: string): FileStat {
    return this.vfs.lstat(this.ctx, path);
  }
  access(path: string, mode: number): void {
    this.vfs.access(this.ctx, path, mode);
  }
  readdir(path: string): string[] {
    return this.vfs.readdir(this.ctx, path).map((e) => e.name);
  }
  mkdir(path: string, mode = 0o777): void {
    this.vfs.mkdir(this.ctx, path, mode);
  }
  rmdir(path: string): void {
    this.vfs.rmdir(this.ctx, path);
  }
  unlink(path: string): void {
    this.vfs.unlink(this.ctx, path);
  }
  rename(from: string, to: string): void {
    this.vfs.rename(this.ctx, from, to);
  }
  link(existing: string, newPath: string): void {
    this.vfs.link(this.ctx, existing, newPath);
  }
  symlink(target: string, path: string): void {
    this.vfs.symlink(this.ctx, target, path);
  }
  readlink(path: string): string {
    return this.vfs.readlink(this.ctx, path);
  }
  chmod(path: string, mode: number): void {
    this.vfs.chmod(this.ctx, path, mode);
  }
  chown(path: string, uid: number, gid: number, noFollow = false): void {
    this.vfs.chown(this.ctx, path, uid, gid, !noFollow);
  }
  utimes(path: string, atime: number, mtime: number): void {
    this.vfs.utimes(this.ctx, path, { atime, mtime });
  }
  truncate(path: string, length: number): void {
    this.vfs.truncate(this.ctx, path, length);
  }
  mknod(path: string, type: 'chardev' | 'blockdev' | 'fifo', mode: number, major: number, minor: number): void {
    this.vfs.mknod(this.ctx, path, type, mode, major, minor);
  }
  chdir(path: string): void {
    fsOf(this.task).cwd = this.vfs.chdir(this.ctx, path);
  }
  getcwd(): string {
    return this.vfs.getcwd(this.ctx);
  }
  chroot(path: string): void {
    fsOf(this.task).root = this.vfs.chroot(this.ctx, path);
  }
  realpath(path: string): string {
    return this.vfs.realpath(this.ctx, path);
  }
  statfs(path: string): StatFs {
    const s = this.vfs.statfs(this.ctx, path);
    return { type: s.type, device: s.device, blockSize: s.blockSize, blocks: s.blocks, blocksFree: s.blocksFree, blocksAvail: s.blocksAvail, inodes: s.inodes, inodesFree: s.inodesFree };
  }
  mounts(): MountInfo[] {
    return this.vfs.mountTable(this.ctx).map((m) => ({ device: m.device, mountPoint: m.mountPoint, type: m.type, options: m.options }));
  }
  mount(source: string, target: string, type: string, options: string[]): void {
    if (!(this.task.cred.caps & (1n << 21n))) throw new SyscallError('EPERM');
    const ctx = this.ctx;
    const readOnly = options.includes('ro');
    if (options.includes('bind')) {
      this.vfs.bindMount(ctx, source, target, { recursive: options.includes('rbind') });
      return;
    }
    if (type === 'proc') {
      this.vfs.mount(ctx, target, this.m.createProcFs(), { device: source || 'none', readOnly });
      return;
    }
    if (type === 'tmpfs') {
      // size=16m and mode=1777, as a guest's fstab gives them.
      const size = /^size=(\d+)([kmg]?)$/i.exec(options.find((o) => o.startsWith('size=')) ?? '');
      const bytes = size ? Number(size[1]) * 1024 ** ' kmg'.indexOf((size[2] || ' ').toLowerCase()) : 65536 * 4096;
      const fs = this.vfs.createFilesystem({ type: 'tmpfs', device: source || 'none', kind: 'memory', blocks: Math.max(1, Math.ceil(bytes / 4096)) });
      this.vfs.mount(ctx, target, fs, { device: source || 'none', readOnly });
      const mode = /^mode=([0-7]+)$/.exec(options.find((o) => o.startsWith('mode=')) ?? '');
      if (mode) this.vfs.chmod(this.ctx, target, parseInt(mode[1]!, 8));
      return;
    }
    if (type === 'devpts') {
      this.vfs.mount(ctx, target, this.m.createDevptsFs(), { device: source || 'none', readOnly });
      return;
    }
    // A file holding a filesystem image (mount -o loop), or a block device we know nothing of.
    const st = this.vfs.stat(ctx, source);
    if (st.type === 'file') {
      const loc = this.vfs.resolve(ctx, source, true);
      const image = loc.inode.image;
      if (!image || (type !== 'auto' && type !== '' && image.type !== type)) throw new SyscallError('EINVAL', 'wrong fs type');
      this.vfs.mount(ctx, target, image, { device: source, readOnly });
      return;
    }
    if (st.type !== 'blockdev') throw new SyscallError('ENOTBLK');
    throw new SyscallError('EBUSY');
  }
  umount(target: string): void {
    if (!(this.task.cred.caps & (1n << 21n))) throw new SyscallError('EPERM');
    const kernel = this.task.kernel;
    this.vfs.umount(this.ctx, target, {
      busy: (mount) => {
        for (const t of kernel.tasks.values()) {
          if (!t.alive) continue;
          const f = fsOf(t);
          if (f.cwd?.mount === mount || f.root?.mount === mount) return true;
        }
        return false;
      },
    });
  }
  setIattr(path: string, set: number, clear: number): void {
    this.vfs.setIattr(this.ctx, path, set, clear);
  }
  setXid(path: string, xid: number): void {
    this.vfs.setXidTag(this.ctx, path, xid);
  }
  mkfs(path: string, spec: MkfsSpec): void {
    const ctx = this.ctx;
    if (this.vfs.stat(ctx, path).type !== 'file') throw new SyscallError('EINVAL');
    const fs = this.vfs.createFilesystem({
      type: spec.type,
      device: path,
      blockSize: spec.blockSize,
      blocks: spec.blocks,
      inodes: spec.inodes,
      reservedPercent: spec.reservedPercent,
      baseUsedBlocks: spec.journalBlocks,
    });
    this.vfs.attachImage(ctx, path, fs);
  }

  unshareNamespace(): void {
    if (!(this.task.cred.caps & CAP_SYS_ADMIN)) throw new SyscallError('EPERM');
    const f = fsOf(this.task);
    const clone = this.vfs.cloneNamespace(f.root.mount.ns);
    f.root = clone.translate(f.root);
    f.cwd = clone.translate(f.cwd);
    f.namespace = clone.namespace;
    this.m.releaseUnusedNamespaces();
  }
  setContextNamespace(xid: number): void {
    if (!(this.task.cred.caps & CAP_SYS_ADMIN) || (this.task.xid !== 0 && this.task.xid !== xid)) throw new SyscallError('EPERM');
    const ctx = this.task.kernel.vx.get(xid);
    if (!ctx) throw new SyscallError('ESRCH');
    const f = fsOf(this.task);
    const saved: SavedNamespace = { namespace: f.root.mount.ns, root: f.root, cwd: f.cwd };
    ctx.namespace = saved;
    this.m.releaseUnusedNamespaces();
  }
  enterContextNamespace(xid: number): void {
    if (!(this.task.cred.caps & CAP_SYS_ADMIN) || this.task.xid !== 0) throw new SyscallError('EPERM');
    const ctx = this.task.kernel.vx.get(xid);
    if (!ctx) throw new SyscallError('ESRCH');
    const saved = ctx.namespace as SavedNamespace | undefined;
    if (!saved?.namespace) throw new SyscallError('EINVAL');
    const f = fsOf(this.task);
    f.root = saved.root;
    f.cwd = saved.cwd;
    f.namespace = saved.namespace;
    this.m.releaseUnusedNamespaces();
  }

  // Linux-VServer's vc_get_iattr and disk-limit commands, with the permission checks of the
  // kernel's syscall switch: reading needs CAP_SYS_ADMIN; changing limits also CAP_SYS_RESOURCE
  // and the host context.
  getIattr(path: string): IattrInfo {
    if (!hasCapability(this.task.cred.caps, 'SYS_ADMIN')) throw new SyscallError('EPERM');
    return this.vfs.getIattr(this.ctx, path);
  }
  getDiskLimit(path: string, xid: number): DiskLimit {
    if (!hasCapability(this.task.cred.caps, 'SYS_ADMIN')) throw new SyscallError('EPERM');
    return this.filesystemOf(path).getDiskLimit(xid);
  }
  addDiskLimit(path: string, xid: number): void {
    this.mayChangeDiskLimits();
    const fs = this.filesystemOf(path);
    if (fs.hasDiskLimit(xid)) throw new SyscallError('EEXIST');
    fs.setDiskLimit(xid, {});
  }
  setDiskLimit(path: string, xid: number, values: Partial<DiskLimit>): void {
    this.mayChangeDiskLimits();
    const fs = this.filesystemOf(path);
    // The kernel's sanity checks compare the values passed in (unsigned: -1 is the largest).
    const u32 = (n: number) => (n === -1 ? 0xffffffff : n);
    const exceeds = (used?: number, total?: number) => used !== undefined && total !== undefined && u32(used) > u32(total);
    if ((values.reserved !== undefined && values.reserved > 100) || exceeds(values.inodesUsed, values.inodesTotal) || exceeds(values.spaceUsed, values.spaceTotal)) {
      throw new SyscallError('EINVAL');
    }
    fs.getDiskLimit(xid);
    fs.setDiskLimit(xid, values);
  }
  removeDiskLimit(path: string, xid: number): void {
    this.mayChangeDiskLimits();
    this.filesystemOf(path).removeDiskLimit(xid);
  }
  private mayChangeDiskLimits(): void {
    const caps = this.task.cred.caps;
    if (!hasCapability(caps, 'SYS_ADMIN') || !hasCapability(caps, 'SYS_RESOURCE') || this.task.xid !== 0) throw new SyscallError('EPERM');
  }
  /** The filesystem (superblock) a path is on; the final symlink is not followed, as user_lpath. */
  private filesystemOf(path: string): Filesystem {
    return this.vfs.resolve(this.ctx, path, false).inode.fs;
  }
}

/** Write a declared tree into the VFS as root (parents first, in path order). */
export function populate(vfs: Vfs, ctx: PathContext, layout: FsLayout): void {
  const paths = Object.keys(layout).sort((a, b) => a.split('/').length - b.split('/').length || (a < b ? -1 : 1));
  for (const path of paths) {
    const entry = layout[path]!;
    const parent = path.slice(0, path.lastIndexOf('/')) || '/';
    vfs.mkdirp(ctx, parent, 0o755);
    createEntry(vfs, ctx, path, entry);
    if (entry.uid !== undefined || entry.gid !== undefined) vfs.chown(ctx, path, entry.uid ?? 0, entry.gid ?? 0, false);
    if (entry.iattr) vfs.setIattr(ctx, path, entry.iattr === 'barrier' ? IATTR.BARRIER : entry.iattr === 'immutable' ? IATTR.IMMUTABLE : IATTR.IUNLINK, 0);
  }
}

function createEntry(vfs: Vfs, ctx: PathContext, path: string, entry: LayoutEntry): void {
  const perm = entry.perm;
  if ('dir' in entry) {
    try {
      vfs.mkdir(ctx, path, perm ?? 0o755);
    } catch (e) {
      if (!(e instanceof SyscallError && e.code === 'EEXIST')) throw e;
    }
    if (perm !== undefined) vfs.chmod(ctx, path, perm);
  } else if ('symlink' in entry) {
    vfs.symlink(ctx, entry.symlink, path);
  } else if ('device' in entry) {
    vfs.mknod(ctx, path, entry.device, perm ?? 0o600, entry.major, entry.minor);
    if (perm !== undefined) vfs.chmod(ctx, path, perm);
  } else if ('program' in entry) {
    const r = vfs.open(ctx, path, O_WRONLY | O_CREAT, perm ?? 0o755);
    // A header naming the program (it survives copies), then zeros up to the size of an ELF
    // binary of the era (tens of KiB; zeros after the data take no memory).
    const header = programImageHeader(entry.program);
    vfs.write(r.inode, 0, header, ctx.cred, { binary: true });
    vfs.write(r.inode, header.length, { byte: 0, length: 20_000 + (entry.program.length * 2731) % 60_000 }, ctx.cred);
    vfs.setProgram(ctx, path, entry.program);
    vfs.chmod(ctx, path, perm ?? 0o755);
  } else if ('content' in entry) {
    const r = vfs.open(ctx, path, O_WRONLY | O_CREAT, perm ?? 0o644);
    vfs.write(r.inode, 0, entry.content, ctx.cred);
    if (perm !== undefined) vfs.chmod(ctx, path, perm);
  } else if ('image' in entry) {
    const r = vfs.open(ctx, path, O_WRONLY | O_CREAT, perm ?? 0o644);
    vfs.write(r.inode, 0, { byte: 0, length: entry.image.sizeKb * 1024 }, ctx.cred);
    const fs = vfs.createFilesystem({ type: entry.image.type, device: path, blocks: Math.floor(entry.image.sizeKb / 1), blockSize: 1024 });
    const ns = vfs.createNamespace(fs);
    populate(vfs, vfs.hostContext(ns), Object.fromEntries(Object.entries(entry.image.files).map(([p, content]) => [p, { content }])));
    vfs.dropNamespace(ns);
    vfs.attachImage(ctx, path, fs);
  }
}


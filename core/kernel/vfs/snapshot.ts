/**
 * Snapshots of a whole Vfs. Inode attribute records are copy-on-write (inode.ts): taking a
 * snapshot bumps the generation, which freezes every current record, and collects for each
 * filesystem the live inodes with their current records — two arrays of pointers. Restoring
 * puts those records back into the same Inode objects (identity is kept: open files, tasks'
 * cwd and root stay valid), rebuilds the inode tables and the small per-filesystem counters,
 * and writes mount fields back into the same Mount objects. Both are O(inodes) pointer copies,
 * with no per-inode allocation; directory maps are shared until a directory is next changed.
 *
 * A snapshot can be restored any number of times, in any order.
 */
import { fail } from './errors.js';
import type { DiskLimit, Filesystem, XidUsage } from './filesystem.js';
import type { Inode, InodeState } from './inode.js';
import type { Mount, MountFlags, MountNamespace } from './mount.js';
import type { Vfs } from './vfs.js';

interface FsSnap {
  fs: Filesystem;
  inodes: Inode[];
  states: InodeState[];
  rootState: InodeState;
  readOnly: boolean;
  usedBlocks: number;
  usedInodes: number;
  baseUsedBlocks: number;
  baseUsedInodes: number;
  nextIno: number;
  freeInos: number[];
  xidUsage: [number, XidUsage][];
  dlimits: [number, DiskLimit][];
  dynAttrs: [string, number][];
}

interface MountSnap {
  mount: Mount;
  ns: MountNamespace;
  fs: Filesystem;
  root: Inode;
  parent: Mount | undefined;
  mountpoint: Inode | undefined;
  device: string;
  flags: MountFlags;
  options: string[];
}

/** An opaque saved state of a Vfs. */
export interface VfsSnapshot {
  /** @internal */ readonly vfs: Vfs;
  /** @internal */ readonly filesystems: FsSnap[];
  /** @internal */ readonly namespaces: { ns: MountNamespace; mounts: MountSnap[] }[];
  /** @internal */ readonly counters: { mount: number; ns: number; anonDev: number };
  /** Number of live inodes captured (for diagnostics). */
  readonly inodeCount: number;
}

export function captureSnapshot(vfs: Vfs): VfsSnapshot {
  // Freeze every current record: the next change to any inode copies its record first.
  vfs.gen.value++;
  let inodeCount = 0;
  const filesystems: FsSnap[] = vfs.filesystems.map((fs) => {
    const table = fs.table;
    const count = fs.usedInodes - fs.baseUsedInodes;
    const inodes: Inode[] = new Array<Inode>(count);
    const states: InodeState[] = new Array<InodeState>(count);
    let k = 0;
    for (let i = 0; i < table.length; i++) {
      const inode = table[i];
      if (inode) {
        inodes[k] = inode;
        states[k++] = inode.st;
      }
    }
    inodes.length = states.length = k;
    inodeCount += k;
    return {
      fs,
      inodes,
      states,
      rootState: fs.root.st,
      readOnly: fs.readOnly,
      usedBlocks: fs.usedBlocks,
      usedInodes: fs.usedInodes,
      baseUsedBlocks: fs.baseUsedBlocks,
      baseUsedInodes: fs.baseUsedInodes,
      nextIno: fs.nextIno,
      freeInos: fs.freeInos.slice(),
      xidUsage: [...fs.xidUsage].map(([k, v]) => [k, { ...v }]),
      dlimits: [...fs.dlimits].map(([k, v]) => [k, { ...v }]),
      dynAttrs: [...fs.dynAttrs],
    };
  });
  const namespaces = vfs.namespaces.map((ns) => ({
    ns,
    mounts: ns.mounts.map((m) => ({
      mount: m,
      ns: m.ns,
      fs: m.fs,
      root: m.root,
      parent: m.parent,
      mountpoint: m.mountpoint,
      device: m.device,
      flags: { ...m.flags },
      options: [...m.options],
    })),
  }));
  return { vfs, filesystems, namespaces, counters: { ...vfs.counters }, inodeCount };
}

export function restoreSnapshot(vfs: Vfs, snap: VfsSnapshot): void {
  if (snap.vfs !== vfs) fail('EINVAL', 'snapshot of another Vfs');
  vfs.filesystems = snap.filesystems.map((f) => f.fs);
  for (const f of snap.filesystems) {
    const fs = f.fs;
    const table: (Inode | undefined)[] = [];
    const { inodes, states } = f;
    for (let k = 0; k < inodes.length; k++) {
      const inode = inodes[k]!;
      inode.st = states[k]!;
      table[inode.ino] = inode;
    }
    fs.table = table;
    fs.root.st = f.rootState;
    fs.readOnly = f.readOnly;
    fs.usedBlocks = f.usedBlocks;
    fs.usedInodes = f.usedInodes;
    fs.baseUsedBlocks = f.baseUsedBlocks;
    fs.baseUsedInodes = f.baseUsedInodes;
    fs.nextIno = f.nextIno;
    fs.freeInos = f.freeInos.slice();
    fs.xidUsage = new Map(f.xidUsage.map(([k, v]) => [k, { ...v }]));
    fs.dlimits = new Map(f.dlimits.map(([k, v]) => [k, { ...v }]));
    fs.dynAttrs = new Map(f.dynAttrs);
    if (fs.kind === 'dynamic') {
      fs.dynCache.clear();
      fs.dynCache.set('', fs.root);
    }
  }
  vfs.namespaces = snap.namespaces.map((n) => {
    n.ns.mounts = n.mounts.map((s) => {
      const m = s.mount;
      m.ns = s.ns;
      m.fs = s.fs;
      m.root = s.root;
      m.parent = s.parent;
      m.mountpoint = s.mountpoint;
      m.device = s.device;
      m.flags = { ...s.flags };
      m.options = [...s.options];
      return m;
    });
    n.ns.reindex();
    return n.ns;
  });
  Object.assign(vfs.counters, snap.counters);
  // The restored records are shared with the snapshot: freeze them.
  vfs.gen.value++;
}

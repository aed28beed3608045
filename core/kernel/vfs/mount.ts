/**
 * Mounts and mount namespaces. A Mount places a filesystem (or, for a bind mount, one of its
 * directories) on a directory of its parent mount. A namespace is an ordered list of mounts (the
 * order of /proc/mounts) whose first mount is the namespace's root. Cloning a namespace copies
 * the list: later mounts in one copy are invisible in the other.
 */
import type { Filesystem } from './filesystem.js';
import type { Inode } from './inode.js';

/** A place in the tree: a directory (or file) as reached through a particular mount. */
export interface Loc {
  readonly mount: Mount;
  readonly inode: Inode;
}

export function sameLoc(a: Loc, b: Loc): boolean {
  return a.mount === b.mount && a.inode === b.inode;
}

export interface MountFlags {
  readOnly: boolean;
  nosuid: boolean;
  nodev: boolean;
  noexec: boolean;
}

export class Mount {
  /** @internal */
  constructor(
    /** Mount id (deterministic, per Vfs). */
    readonly id: number,
    /** The namespace this mount belongs to. */
    public ns: MountNamespace,
    public fs: Filesystem,
    /** The directory of `fs` shown at the mount point (its root, or a bind mount's source). */
    public root: Inode,
    /** The mount this one is mounted on; undefined for the namespace root. */
    public parent: Mount | undefined,
    /** The directory of the parent mount this one covers. */
    public mountpoint: Inode | undefined,
    /** Source as /proc/mounts shows it. */
    public device: string,
    public flags: MountFlags,
    /** Extra options shown in /proc/mounts after the filesystem's own. */
    public options: string[],
  ) {}

  get readOnly(): boolean {
    return this.flags.readOnly || this.fs.readOnly;
  }

  /** The root of this mount as a location. */
  get rootLoc(): Loc {
    return { mount: this, inode: this.root };
  }

  /** Is this mount still part of its namespace? */
  get attached(): boolean {
    return this.ns.mounts.includes(this);
  }
}

export class MountNamespace {
  /** Mounts in mount order; [0] is the root mount. */
  mounts: Mount[] = [];
  /** @internal (parent mount, covered inode) → the mount on top. Rebuilt on every change. */
  index = new Map<Mount, Map<Inode, Mount>>();

  /** @internal */
  constructor(readonly id: number) {}

  get rootMount(): Mount {
    return this.mounts[0]!;
  }

  /** The namespace's top directory (what `/` is for a task that never chrooted). */
  get root(): Loc {
    const m = this.rootMount;
    return { mount: m, inode: m.root };
  }

  /** @internal */
  reindex(): void {
    this.index = new Map();
    for (const m of this.mounts) {
      if (!m.parent || !m.mountpoint) continue;
      let byInode = this.index.get(m.parent);
      if (!byInode) this.index.set(m.parent, (byInode = new Map()));
      byInode.set(m.mountpoint, m);
    }
  }

  /** The mount on top of (mount, inode), if any. */
  mountedOn(mount: Mount, inode: Inode): Mount | undefined {
    return this.index.get(mount)?.get(inode);
  }

  /** Mounts directly on top of `mount`. */
  children(mount: Mount): Mount[] {
    return this.mounts.filter((m) => m.parent === mount);
  }

  /** `mount` and every mount below it, in mount order. */
  subtree(mount: Mount): Mount[] {
    const inside = new Set<Mount>([mount]);
    for (const m of this.mounts) if (m.parent && inside.has(m.parent)) inside.add(m);
    return this.mounts.filter((m) => inside.has(m));
  }
}

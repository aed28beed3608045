/**
 * Build a tree from a compact description, so world presets can be declared as data:
 *
 *   populate(fs, {
 *     '/etc/passwd': 'root:x:0:0:root:/root:/bin/bash\n',
 *     '/bin/ls': { program: 'ls', mode: 0o755, size: 77160 },
 *     '/tmp/': { mode: 0o1777 },
 *     '/dev/null': { type: 'chardev', major: 1, minor: 3, mode: 0o666 },
 *     '/usr/bin/vi': { type: 'symlink', target: '../../bin/vi' },
 *     '/vservers/vs/bin/ls': { type: 'link', target: '/bin/ls' },
 *   });
 *
 * Paths are relative to the filesystem's root (mounts are not crossed). Missing parent
 * directories are created (mode 0755, owner from `defaults`). A key ending in '/' is a
 * directory; a string value is a text file. No permission checks; capacity checks apply.
 */
import { IATTR, S_IFMT, S_IFDIR, type FileType } from './constants.js';
import { byteLength, spliceData } from './data.js';
import { fail } from './errors.js';
import { addExtent, extentBlocks } from './extents.js';
import type { Filesystem } from './filesystem.js';
import type { Inode } from './inode.js';

export interface PopulateEntry {
  /** Default: 'dir' for keys ending in '/', otherwise 'file'. 'link' is a hard link to `target`. */
  type?: FileType | 'link';
  /** Text content (regular files). */
  content?: string;
  /** `content` is a byte string (one character per byte). */
  binary?: boolean;
  /** Size in bytes; content beyond `content` reads as NUL bytes (and uses space). */
  size?: number;
  /** Symlink target, or the path (fs-relative) a hard link points to. */
  target?: string;
  /** Built-in program the file runs. */
  program?: string;
  /** Permission bits (default 0644 files, 0755 directories and programs, 0777 symlinks). */
  mode?: number;
  uid?: number;
  gid?: number;
  atime?: number;
  mtime?: number;
  ctime?: number;
  major?: number;
  minor?: number;
  /** VServer attribute bits (IATTR), e.g. IATTR.IMMUTABLE | IATTR.IUNLINK. */
  iattr?: number;
  /** Context tag (tagging filesystems). */
  xid?: number;
}

export type PopulateSpec = Record<string, string | PopulateEntry>;

export interface PopulateDefaults {
  uid?: number;
  gid?: number;
  /** Time stamp for everything created (default: the filesystem's clock). */
  time?: number;
  /** Mode of directories created implicitly (default 0755). */
  dirMode?: number;
}

/** Create the described files; returns the inodes by path. */
export function populate(fs: Filesystem, spec: PopulateSpec, defaults: PopulateDefaults = {}): Map<string, Inode> {
  const made = new Map<string, Inode>();
  const dirs = new Map<string, Inode>([['', fs.root]]);
  const uid = defaults.uid ?? 0;
  const gid = defaults.gid ?? 0;
  const time = defaults.time ?? fs.now();
  const touched = new Set<Inode>();
  const explicit = new Set<Inode>();

  const dirAt = (path: string): Inode => {
    const known = dirs.get(path);
    if (known) return known;
    const cut = path.lastIndexOf('/');
    const parent = dirAt(cut < 0 ? '' : path.slice(0, cut));
    const name = path.slice(cut + 1);
    let d = parent.entry(name);
    if (!d) {
      d = fs.newInode('dir', defaults.dirMode ?? 0o755, uid, gid, undefined);
      fs.addEntry(parent, name, d, undefined);
      stamp(d, time, time, time);
    } else if ((d.mode & S_IFMT) !== S_IFDIR) fail('ENOTDIR', path);
    touched.add(parent);
    dirs.set(path, d);
    return d;
  };

  for (const [rawKey, value] of Object.entries(spec)) {
    const isDirKey = rawKey.endsWith('/');
    const path = rawKey.split('/').filter(Boolean).join('/');
    const e: PopulateEntry = typeof value === 'string' ? { content: value } : value;
    const type = e.type ?? (isDirKey ? 'dir' : 'file');
    if (path === '') {
      applyAttrs(fs.root, e, time);
      if (e.mtime !== undefined) explicit.add(fs.root);
      continue;
    }
    const cut = path.lastIndexOf('/');
    const parent = dirAt(cut < 0 ? '' : path.slice(0, cut));
    const name = path.slice(cut + 1);
    touched.add(parent);
    let inode: Inode;
    const existing = parent.entry(name);
    if (type === 'dir') {
      inode = existing ?? dirAt(path);
      if ((inode.mode & S_IFMT) !== S_IFDIR) fail('ENOTDIR', path);
      dirs.set(path, inode);
    } else if (type === 'link') {
      const target = made.get(trim(e.target ?? '')) ?? lookup(fs, trim(e.target ?? ''));
      if (!target || target.isDir) fail('ENOENT', `${path} -> ${e.target}`);
      if (existing?.isDir) fail('EISDIR', path);
      if (existing) fs.removeEntry(parent, name);
      fs.addEntry(parent, name, target, undefined);
      made.set(path, target);
      continue;
    } else {
      if (existing?.isDir) fail('EISDIR', path);
      if (existing) fs.removeEntry(parent, name);
      const perm = e.mode ?? (type === 'symlink' ? 0o777 : e.program ? 0o755 : 0o644);
      inode = fs.newInode(type, perm, e.uid ?? uid, e.gid ?? gid, undefined, { target: e.target, major: e.major, minor: e.minor });
      fs.addEntry(parent, name, inode, undefined);
      if (type === 'file') fill(fs, inode, e);
    }
    applyAttrs(inode, e, time);
    if (e.mtime !== undefined) explicit.add(inode);
    made.set(path, inode);
  }
  // Directories changed by populate get the populate time, unless the spec gave them one.
  for (const d of touched) if (!explicit.has(d)) stamp(d, d.atime, time, time);
  return made;
}

function trim(p: string): string {
  return p.split('/').filter(Boolean).join('/');
}

function lookup(fs: Filesystem, path: string): Inode | undefined {
  let cur: Inode | undefined = fs.root;
  for (const name of path.split('/').filter(Boolean)) cur = cur?.entry(name);
  return cur;
}

function fill(fs: Filesystem, inode: Inode, e: PopulateEntry): void {
  const s = inode.mut();
  if (e.program !== undefined) s.program = e.program;
  const content = e.content ?? '';
  const binary = e.binary ?? false;
  if (content) spliceData(s, 0, content, binary);
  const size = Math.max(e.size ?? 0, content ? byteLength(content, binary) : 0, s.dataBytes);
  s.size = size;
  const blocks = Math.ceil(size / fs.blockSize);
  if (blocks > 0) {
    if (blocks > fs.blockBudget(undefined, fs.tagOf(inode))) fail('ENOSPC');
    const before = extentBlocks(s.extents);
    s.extents = addExtent(s.extents, 0, blocks);
    fs.chargeRaw(inode, extentBlocks(s.extents) - before);
  }
}

function applyAttrs(inode: Inode, e: PopulateEntry, time: number): void {
  const s = inode.mut();
  if (e.mode !== undefined) s.mode = (s.mode & S_IFMT) | (e.mode & 0o7777);
  if (e.uid !== undefined) s.uid = e.uid;
  if (e.gid !== undefined) s.gid = e.gid;
  if (e.iattr !== undefined) s.iattr = e.iattr & (inode.isDir ? ~0 : ~IATTR.BARRIER);
  if (e.xid !== undefined && inode.fs.tagging) inode.fs.retag(inode, e.xid);
  stamp(inode, e.atime ?? time, e.mtime ?? time, e.ctime ?? e.mtime ?? time);
}

function stamp(inode: Inode, atime: number, mtime: number, ctime: number): void {
  const s = inode.mut();
  s.atime = atime;
  s.mtime = mtime;
  s.ctime = ctime;
}

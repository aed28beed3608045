/**
 * Inodes. An Inode object is the identity of a file (hard links share it; the kernel's open files
 * hold it); its attributes live in an InodeState record that is copy-on-write: once a snapshot
 * has captured a record it is never modified again, the next change copies it first. That makes
 * a snapshot a matter of collecting pointers (see snapshot.ts).
 */
import { fileTypeOf, S_IALLUGO, type FileType } from './constants.js';
import type { Extents } from './extents.js';
import type { Filesystem } from './filesystem.js';

/** The mutable attributes of an inode. Treat as read-only outside the VFS. */
export interface InodeState {
  /** Generation that owns this record; a record from an older generation is frozen. */
  gen: number;
  /** Type bits | permission bits (incl. setuid/setgid/sticky). */
  mode: number;
  uid: number;
  gid: number;
  nlink: number;
  /** Size in bytes (regular: logical size; symlink: target length; dir: as the fs type reports). */
  size: number;
  atime: number;
  mtime: number;
  ctime: number;
  /** Linux-VServer attribute bits (IATTR). */
  iattr: number;
  /** Context tag, on filesystems mounted with tagging. */
  xid: number | undefined;
  /** The built-in program an executable runs ('ls' for /bin/ls). */
  program: string | undefined;
  /**
   * Regular file: the materialised bytes from offset 0 (bytes after them, up to `size`, read as
   * NUL). Symlink: the target.
   */
  data: string;
  /** Byte length of `data` (UTF-8 length for text, `data.length` for binary). */
  dataBytes: number;
  /** One character per byte (codes 0–255) instead of Unicode text. */
  binary: boolean;
  /** Allocated data blocks (regular files). */
  extents: Extents;
  /** Blocks charged to the filesystem for this inode (in fs blocks). */
  blocks: number;
  rdevMajor: number;
  rdevMinor: number;
  /** Directory entries, in insertion order (readdir order). Shared with snapshots until written. */
  entries: Map<string, Inode> | undefined;
  /** Generation that owns `entries`. */
  entriesGen: number;
  /** Directory: the parent directory (the filesystem root is its own parent). */
  parent: Inode | undefined;
  /** Directory: its name in the parent. */
  name: string;
  /** Directory on a disk filesystem: bytes of directory records in use (ext2 rec_len sum). */
  dirBytes: number;
  /** A filesystem image held by this file (mkfs on a file, mounted with -o loop). */
  image: Filesystem | undefined;
  /** Entry of a dynamic filesystem: its path relative to the filesystem root ('' for the root). */
  dynPath: string | undefined;
  /** Dynamic entry that carries the /proc visibility bits (admin/watch/hide). */
  procAttrs: boolean;
}

export function newInodeState(gen: number, mode: number, uid: number, gid: number, now: number): InodeState {
  return {
    gen,
    mode,
    uid,
    gid,
    nlink: 0,
    size: 0,
    atime: now,
    mtime: now,
    ctime: now,
    iattr: 0,
    xid: undefined,
    program: undefined,
    data: '',
    dataBytes: 0,
    binary: false,
    extents: [],
    blocks: 0,
    rdevMajor: 0,
    rdevMinor: 0,
    entries: undefined,
    entriesGen: gen,
    parent: undefined,
    name: '',
    dirBytes: 0,
    image: undefined,
    dynPath: undefined,
    procAttrs: false,
  };
}

export class Inode {
  /** @internal The current attribute record: never modify it directly, use mut(). */
  st: InodeState;

  constructor(
    readonly fs: Filesystem,
    readonly ino: number,
    state: InodeState,
  ) {
    this.st = state;
  }

  /** @internal A record of the current generation, safe to modify. */
  mut(): InodeState {
    const gen = this.fs.gen.value;
    let s = this.st;
    if (s.gen !== gen) {
      s = { ...s, gen };
      this.st = s;
    }
    return s;
  }

  /** @internal The directory's entry map, copied first if a snapshot shares it. */
  mutEntries(): Map<string, Inode> {
    const s = this.mut();
    const gen = this.fs.gen.value;
    if (s.entriesGen !== gen || !s.entries) {
      s.entries = new Map(s.entries);
      s.entriesGen = gen;
    }
    return s.entries;
  }

  get type(): FileType {
    return fileTypeOf(this.st.mode);
  }
  get isDir(): boolean {
    return this.type === 'dir';
  }
  get isSymlink(): boolean {
    return this.type === 'symlink';
  }
  get isRegular(): boolean {
    return this.type === 'file';
  }
  /** Type and permission bits (st_mode). */
  get mode(): number {
    return this.st.mode;
  }
  /** Permission bits incl. setuid/setgid/sticky. */
  get perm(): number {
    return this.st.mode & S_IALLUGO;
  }
  get uid(): number {
    return this.st.uid;
  }
  get gid(): number {
    return this.st.gid;
  }
  get nlink(): number {
    return this.st.nlink;
  }
  get size(): number {
    return this.st.size;
  }
  get atime(): number {
    return this.st.atime;
  }
  get mtime(): number {
    return this.st.mtime;
  }
  get ctime(): number {
    return this.st.ctime;
  }
  get iattr(): number {
    return this.st.iattr;
  }
  get xid(): number | undefined {
    return this.st.xid;
  }
  get program(): string | undefined {
    return this.st.program;
  }
  get rdevMajor(): number {
    return this.st.rdevMajor;
  }
  get rdevMinor(): number {
    return this.st.rdevMinor;
  }
  /** Blocks charged on the filesystem, in filesystem blocks. */
  get fsBlocks(): number {
    return this.st.blocks;
  }
  /** st_blocks: 512-byte units. */
  get blocks512(): number {
    return (this.st.blocks * this.fs.blockSize) / 512;
  }
  /** The filesystem image attached to this file (loop mounts), if any. */
  get image(): Filesystem | undefined {
    return this.st.image;
  }
  /** Is this a binary (byte-per-character) file? */
  get binary(): boolean {
    return this.st.binary;
  }
  /** Symlink target. */
  get linkTarget(): string | undefined {
    return this.isSymlink ? this.st.data : undefined;
  }
  /** Names in a directory (insertion order, without . and ..). Dynamic directories list nothing here. */
  entryNames(): string[] {
    return this.st.entries ? [...this.st.entries.keys()] : [];
  }
  /** The entry of a (non-dynamic) directory. */
  entry(name: string): Inode | undefined {
    return this.st.entries?.get(name);
  }
  /** Is this inode still part of its filesystem (not unlinked)? */
  get linked(): boolean {
    return this.fs.isLive(this);
  }
}

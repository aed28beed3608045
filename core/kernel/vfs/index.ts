/** The virtual filesystem of the emulated kernel. See README.md. */
export * from './constants.js';
export { makeCred, HOST_ROOT, type VfsCred } from './cred.js';
export { VfsError, isVfsError } from './errors.js';
export { Filesystem, type DynamicEntry, type DynamicSource, type FilesystemOptions, type FsKind, type DiskLimit, type XidUsage } from './filesystem.js';
export { Inode } from './inode.js';
export { Mount, MountNamespace, sameLoc, type Loc, type MountFlags } from './mount.js';
export { populate, type PopulateEntry, type PopulateSpec, type PopulateDefaults } from './populate.js';
export type { VfsSnapshot } from './snapshot.js';
export { utf8Length } from './text.js';
export { byteLength } from './data.js';
export { dumpVfs, dumpFilesystem, checkInvariants } from './dump.js';
export {
  Vfs,
  DEFAULT_VFS_LIMITS,
  formatProcMounts,
  mountOptionString,
  type DirEntry,
  type Fill,
  type IattrInfo,
  type MountEntry,
  type MountOptions,
  type OpenResult,
  type PathContext,
  type UmountOptions,
  type VfsLimits,
  type VfsOptions,
  type VfsStat,
  type VfsStatFs,
} from './vfs.js';

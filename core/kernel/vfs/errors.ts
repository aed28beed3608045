/**
 * The one exception type the VFS throws. It is a SyscallError, so the kernel's system-call layer
 * can pass it on unchanged: `code` is the errno name ('ENOENT'), `errno` its number.
 */
import { SyscallError, type ErrnoName } from '../errno.js';

export class VfsError extends SyscallError {
  constructor(code: ErrnoName, detail?: string) {
    super(code, detail);
    this.name = 'VfsError';
  }
}

export function isVfsError(e: unknown): e is VfsError {
  return e instanceof VfsError;
}

/** Throw a VfsError. `detail` (a path, an operation) is for debugging only. */
export function fail(code: ErrnoName, detail?: string): never {
  throw new VfsError(code, detail);
}
